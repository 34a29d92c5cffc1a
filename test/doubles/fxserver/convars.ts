/** `std::stoi` after FXServer's lower-casing and true/false mapping; null where stoi would throw. */
export function stoi(value: string): number | null {
  const lower = value.toLowerCase();
  if (lower === 'true') return 1;
  if (lower === 'false') return 0;
  const match = /^\s*([+-]?\d+)/.exec(lower);
  if (!match) return null;
  const parsed = Number(match[1]);
  return parsed >= -(2 ** 31) && parsed <= 2 ** 31 - 1 ? parsed : null;
}

/** String natives take arguments through `_ts`: 0, null, undefined and false arrive as null and are refused. */
export function nativeString(value: unknown, index: number): string {
  if (value === 0 || value === null || value === undefined || value === false) {
    throw new Error(`Argument at index ${index} was null.`);
  }
  return String(value);
}

export class Convars {
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.set(name, value);
  }

  set(name: string, value: string): void {
    this.values.set(name, String(value));
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** GetConvar(name, default): the value, or the default when unset. */
  getString(name: unknown, fallback: unknown): string {
    const key = nativeString(name, 0);
    const def = nativeString(fallback, 1);
    return this.values.get(key) ?? def;
  }

  /** GetConvarInt(name, default). */
  getInt(name: unknown, fallback: unknown): number {
    const key = nativeString(name, 0);
    const def = Math.trunc(Number(fallback) || 0);
    const value = this.values.get(key);
    if (value === undefined) return def;
    return stoi(value) ?? def;
  }
}
