import fs from 'node:fs';
import path from 'node:path';
import { nativeString } from './convars';

/** Strips a trailing separator, as GetResourcePath returns the folder without one. */
function trimmed(dir: string): string {
  const resolved = path.resolve(dir);
  return resolved.length > 1 && resolved.endsWith(path.sep) ? resolved.slice(0, -1) : resolved;
}

function inside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The canonical path, following symlinks as far as the path exists. */
function canonical(target: string): string {
  let existing = target;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    rest.unshift(path.basename(existing));
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

/** GetResourcePath / LoadResourceFile / SaveResourceFile for the one resource the double runs. */
export class ResourceFiles {
  readonly root: string;

  constructor(
    private readonly resourceName: string,
    resourceDir: string,
  ) {
    this.root = trimmed(resourceDir);
  }

  resourcePath(name: unknown): string | null {
    return name === this.resourceName ? this.root : null;
  }

  /** Null when the file is missing or the path leaves the resource folder (leading slashes are stripped). */
  private locate(file: unknown): string | null {
    const relative = nativeString(file, 1).replace(/^[/\\]+/, '');
    if (/^[a-zA-Z]:/.test(relative)) return null;
    const target = path.resolve(this.root, relative);
    if (!inside(this.root, target)) return null;
    const real = canonical(target);
    return inside(fs.realpathSync(this.root), real) ? target : null;
  }

  load(resource: unknown, file: unknown): string | null {
    if (nativeString(resource, 0) !== this.resourceName) return null;
    const target = this.locate(file);
    if (!target) return null;
    try {
      return fs.readFileSync(target, 'utf8');
    } catch {
      return null;
    }
  }

  /** `len` 0 or -1 means up to the first NUL; otherwise that many UTF-8 bytes, as the native copies bytes. */
  save(resource: unknown, file: unknown, data: unknown, len: unknown): boolean {
    if (nativeString(resource, 0) !== this.resourceName) return false;
    const target = this.locate(file);
    if (!target) return false;
    const bytes = Buffer.from(nativeString(data, 2), 'utf8');
    const nul = bytes.indexOf(0);
    const whole = nul === -1 ? bytes : bytes.subarray(0, nul);
    const count = Math.trunc(Number(len) || 0);
    const content =
      count === 0 || count === -1 ? whole : bytes.subarray(0, Math.max(0, Math.min(count, bytes.length)));
    try {
      fs.writeFileSync(target, content);
      return true;
    } catch {
      return false;
    }
  }
}
