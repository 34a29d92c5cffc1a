import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * FXServer's `require` for a resource, with the 2026 sandbox: no child processes or workers without a
 * server.cfg grant, no `..` in file paths, writes only inside the resource's own folder, and `os.tmpdir()`
 * pointing at `<resource>/.tmp`.
 */
const DENIED = new Set(['child_process', 'worker_threads', 'wasi']);

// Functions whose path arguments (by index) are written to.
const WRITES: Record<string, number[]> = {
  appendFile: [0],
  chmod: [0],
  chown: [0],
  copyFile: [1],
  cp: [1],
  createWriteStream: [0],
  lchown: [0],
  link: [0, 1],
  lutimes: [0],
  mkdir: [0],
  mkdtemp: [0],
  rename: [0, 1],
  rm: [0],
  rmdir: [0],
  symlink: [1],
  truncate: [0],
  unlink: [0],
  utimes: [0],
  writeFile: [0],
};

function accessDenied(): Error {
  return Object.assign(new Error('Access to this API has been restricted'), { code: 'ERR_ACCESS_DENIED' });
}

function pathText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof URL) return value.protocol === 'file:' ? decodeURIComponent(value.pathname) : null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return null;
}

function writeIndexes(base: string, args: unknown[]): number[] {
  if (WRITES[base]) return WRITES[base];
  // open() writes when its flags say so.
  if (base === 'open') {
    const flags = args[1];
    return typeof flags === 'string' && /[wa+]/.test(flags)
      ? [0]
      : typeof flags === 'number' && flags & 3
        ? [0]
        : [];
  }
  return [];
}

// Functions taking two paths; every other one takes its path first.
const TWO_PATHS = new Set(['copyFile', 'cp', 'link', 'rename', 'symlink']);

/** A test's stand-in for a failing disk: an error for the fs call it names, null to let it run. */
export type FsFault = (call: string, args: unknown[]) => Error | null;

function guardFs<T extends object>(module: T, resourceDir: string, fault?: FsFault): T {
  const root = path.resolve(resourceDir);
  const check = (name: string, args: unknown[]) => {
    const base = name.replace(/Sync$/, '');
    const writes = writeIndexes(base, args);
    const paths = TWO_PATHS.has(base) ? [0, 1] : [0];
    for (const index of paths) {
      const text = pathText(args[index]);
      if (text === null) continue;
      if (text.split(/[/\\]/).includes('..')) throw accessDenied();
      if (!writes.includes(index)) continue;
      const rel = path.relative(root, path.resolve(text));
      if (rel.startsWith('..') || path.isAbsolute(rel)) throw accessDenied();
    }
  };
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(module, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key === 'promises' && typeof value === 'object' && value !== null) {
        if (!wrapped.has(key)) wrapped.set(key, guardFs(value, root, fault));
        return wrapped.get(key);
      }
      if (typeof value !== 'function' || typeof key !== 'string' || /^[A-Z]/.test(key)) return value;
      if (!wrapped.has(key)) {
        wrapped.set(
          key,
          new Proxy(value, {
            apply(fn, self, args: unknown[]) {
              check(key, args);
              const error = fault?.(key, args);
              if (error) throw error;
              return Reflect.apply(fn, self === undefined ? target : self, args);
            },
          }),
        );
      }
      return wrapped.get(key);
    },
  });
}

function guardOs<T extends object>(module: T, resourceDir: string): T {
  const tmpdir = () => path.join(path.resolve(resourceDir), '.tmp');
  return new Proxy(module, {
    get: (target, key) => (key === 'tmpdir' ? tmpdir : Reflect.get(target, key)),
  });
}

export function sandboxRequire(rootFile: string, resourceDir: string, fault?: FsFault): NodeJS.Require {
  const base = createRequire(rootFile);
  const guarded = new Map<string, unknown>();
  const load = (id: string): unknown => {
    const bare = id.startsWith('node:') ? id.slice(5) : id;
    if (DENIED.has(bare)) throw accessDenied();
    const loaded = base(id) as object;
    if (bare === 'fs' || bare === 'fs/promises' || bare === 'os') {
      if (!guarded.has(bare)) {
        guarded.set(bare, bare === 'os' ? guardOs(loaded, resourceDir) : guardFs(loaded, resourceDir, fault));
      }
      return guarded.get(bare);
    }
    return loaded;
  };
  return Object.assign(load, {
    resolve: base.resolve,
    cache: base.cache,
    extensions: base.extensions,
    main: undefined,
  }) as NodeJS.Require;
}
