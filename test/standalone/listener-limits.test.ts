/**
 * The relay's listener against strangers without the key: bodies and headers that never finish,
 * more connections than allowed, and thousands of partial bodies, each over real sockets to the relay
 * process, with its resident memory read from /proc before, during and after.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { post } from '../helpers/post';
import { until } from '../helpers/receiver';
import { type RelayProcess, startRelay } from '../helpers/relay-process';
import { sampleText, TEST_KEY } from '../helpers/samples';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function relayWith(config: Record<string, unknown> = {}): Promise<RelayProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-limits-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ logEvents: false, ...config }));
  const relay = await startRelay({
    root: dir,
    dataDir: join(dir, 'data'),
    env: { SONORAN_API_KEY: TEST_KEY },
  });
  cleanup.push(() => relay.kill());
  return relay;
}

interface Client {
  socket: Socket;
  /** Everything the relay sent. */
  received(): string;
  /** Resolves once the relay closed the connection (or it failed). */
  closed: Promise<void>;
  isClosed(): boolean;
}

function open(port: number, ...writes: (string | Buffer)[]): Client {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let ended = false;
  socket.on('data', (chunk) => {
    text += chunk.toString();
  });
  // A refused or reset connection is what some tests expect.
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) =>
    socket.on('close', () => {
      ended = true;
      resolve();
    }),
  );
  for (const bytes of writes) socket.write(bytes);
  cleanup.push(() => {
    socket.destroy();
  });
  return { socket, received: () => text, closed, isClosed: () => ended };
}

const head = (length: number) =>
  `POST /sonorancad/event HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

/** The relay's resident memory in MiB, from /proc (Linux, as on CI). */
function rssMiB(pid: number): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    throw new Error(
      `This test reads the relay's memory from /proc, which this machine does not have: ${error}`,
    );
  }
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  if (!Number.isFinite(kib)) throw new Error(`No VmRSS in /proc/${pid}/status`);
  return kib / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pushOk = async (relay: RelayProcess) =>
  (
    await post(`http://127.0.0.1:${relay.port}`, '/sonorancad/event', {
      body: sampleText('EVENT_UNIT_PANIC.object.json'),
    })
  ).status;

describe('the relay listener', () => {
  it('answers 408 within 5 s to a body that never completes, and closes the connection', async () => {
    const relay = await relayWith();
    const startedAt = Date.now();
    const client = open(relay.port, head(500), '{"key":"');
    await client.closed;
    const took = Date.now() - startedAt;
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(client.received()).toMatch(/Connection: close/i);
    expect(client.received()).toContain('"error":"body_timeout"');
    expect(took).toBeGreaterThanOrEqual(3_900);
    expect(took).toBeLessThan(5_000);
    expect(await pushOk(relay)).toBe(200);
  });

  it('closes a connection whose headers do not finish within 10 s', async () => {
    const relay = await relayWith();
    const startedAt = Date.now();
    const client = open(relay.port, 'POST /sonorancad/event HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await client.closed;
    const took = Date.now() - startedAt;
    expect(took).toBeGreaterThanOrEqual(9_900);
    expect(took).toBeLessThan(14_000);
  }, 20_000);

  it('refuses connections past http.maxConnections, and takes new ones once some close', async () => {
    const relay = await relayWith({ http: { maxConnections: 5 } });
    // Five connections each in the middle of its headers, so none ends on its own.
    const held = Array.from({ length: 5 }, () => open(relay.port, 'POST /sonorancad/event HTTP/1.1\r\n'));
    await sleep(300);
    const refused = open(relay.port, head(10));
    await refused.closed;
    expect(refused.received()).toBe('');
    expect(held.some((client) => client.isClosed())).toBe(false);
    await until(
      () => /Refused a connection: 5 are open \(http\.maxConnections\)/.test(relay.output()),
      'the line',
    );

    held[0]!.socket.destroy();
    held[1]!.socket.destroy();
    await sleep(200);
    expect(await pushOk(relay)).toBe(200);
  });

  it('holds 3,000 partial bodies without the key in bounded memory, the same after a second attack', async () => {
    const relay = await relayWith();
    const pid = relay.child.pid!;
    // Warm up: the first requests load what every later one uses.
    for (let i = 0; i < 20; i += 1) expect(await pushOk(relay)).toBe(200);
    await sleep(500);
    const before = rssMiB(pid);

    const declared = 256 * 1024;
    const almost = Buffer.alloc(declared - 5, 'a');
    /** 3,000 connections, each declaring 256 KiB and sending all but 5 bytes; RSS while they are open and after. */
    const attack = async () => {
      const clients: Client[] = [];
      for (let i = 0; i < 3_000; i += 1) {
        clients.push(open(relay.port, head(declared), almost));
        if (i % 100 === 99) await sleep(20);
      }
      // Every connection is either held (at most 256), answered 503 (the body budget) or refused.
      const closed = () => clients.filter((client) => client.isClosed()).length;
      await until(
        () => closed() >= 3_000 - 256,
        () => `connections past the cap closed (${closed()})`,
        30_000,
      );
      await sleep(500);
      const during = rssMiB(pid);
      const busy = clients.filter((client) => client.received().startsWith('HTTP/1.1 503 '));
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0]!.received()).toMatch(/Connection: close/i);
      expect(busy[0]!.received()).toContain('"error":"busy"');
      for (const client of clients) client.socket.destroy();
      await sleep(2_000);
      return { during, after: rssMiB(pid) };
    };
    const first = await attack();
    const second = await attack();
    console.log(
      `relay RSS: before ${before.toFixed(0)} MiB; first attack ${first.during.toFixed(0)}, after ` +
        `${first.after.toFixed(0)}; second ${second.during.toFixed(0)}, after ${second.after.toFixed(0)}`,
    );
    // 16 MiB of bodies and 256 connections' buffers, not 3,000 × 256 KiB (750 MiB, held until Node's
    // 300 s timeout). What stays after is freed memory Node keeps for reuse (the allocator's high-water
    // mark, garbage awaiting a collection): the same ceiling after a second attack, so nothing piles up.
    for (const rss of [first.during, first.after, second.during, second.after]) {
      expect(rss - before).toBeLessThan(96);
    }
    expect(await pushOk(relay)).toBe(200);
  }, 90_000);
});
