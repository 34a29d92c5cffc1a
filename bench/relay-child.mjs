// The built relay (dist/relay.js) as a child process on its own config and data folder, for benchmarks.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Resolves once it answers HTTP; `stop()` kills it and removes its folder. */
export async function startRelay(forwarding, key) {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-bench-relay-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ forwarding, logEvents: false }));
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist/relay.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SONORAN_API_KEY: key,
      SONORANCAD_ROOT: dir,
      DATA_DIR: dir,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i += 1) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    port,
    child,
    async stop() {
      child.kill('SIGKILL');
      await once(child, 'exit');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One push over `agent`; resolves with its status and latency in ms. */
export function pushTo(agent, port, body) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/sonorancad/event',
        method: 'POST',
        agent,
        headers: { 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
