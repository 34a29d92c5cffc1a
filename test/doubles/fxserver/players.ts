export interface Position {
  x: number;
  y: number;
  z: number;
}

export interface FakePlayer {
  id: number;
  name: string;
  identifiers: string[];
  /** Aces granted to the player; `command` also grants `command.anything`, as ACE inheritance does. */
  aces?: string[];
  position?: Position;
}

interface Connected {
  player: FakePlayer;
  ped: number;
  position: Position;
}

/** Natives take player ids through `_ts`: numbers and numeric strings both name a player. */
export function playerId(value: unknown): number | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  const id = Number(value);
  return Number.isInteger(id) ? id : null;
}

/** Connected players, their peds and what IsPlayerAceAllowed answers for them. */
export class PlayerTable {
  private readonly connected = new Map<number, Connected>();
  private nextPed = 256;

  add(player: FakePlayer): void {
    if (this.connected.has(player.id)) throw new Error(`player ${player.id} is already connected`);
    const position = { x: 0, y: 0, z: 0, ...player.position };
    this.connected.set(player.id, { player: { ...player }, ped: this.nextPed++, position });
  }

  remove(id: number): void {
    this.connected.delete(id);
  }

  has(id: number): boolean {
    return this.connected.has(id);
  }

  ids(): number[] {
    return [...this.connected.keys()];
  }

  get(src: unknown): FakePlayer | null {
    const id = playerId(src);
    return id === null ? null : (this.connected.get(id)?.player ?? null);
  }

  setPosition(id: number, position: Position): void {
    const entry = this.connected.get(id);
    if (!entry) throw new Error(`no connected player ${id}`);
    entry.position = { ...position };
  }

  pedOf(src: unknown): number {
    const id = playerId(src);
    return id === null ? 0 : (this.connected.get(id)?.ped ?? 0);
  }

  positionOfPed(ped: unknown): Position | null {
    for (const entry of this.connected.values()) if (entry.ped === ped) return entry.position;
    return null;
  }

  isAceAllowed(src: unknown, ace: string): boolean {
    const player = this.get(src);
    if (!player) return false;
    return (player.aces ?? []).some((granted) => ace === granted || ace.startsWith(`${granted}.`));
  }
}
