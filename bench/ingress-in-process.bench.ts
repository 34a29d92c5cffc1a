/**
 * The relay's HTTP ingress without sockets: node:http servers fed requests through in-memory streams,
 * 16 keep-alive connections, so what is timed is each server's own JavaScript (HTTP parsing, the
 * handler, the reply) and none of the kernel's socket work or the load generator's. The relay runs its
 * default settings; its console lines are formatted and buffered but written nowhere.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { start } from '../src/core/start';
import { createConsoleLines } from '../src/standalone/console-lines';
import { createRelayServer } from '../src/standalone/http-server';
import { createNodeRuntime } from '../src/standalone/node-runtime';
// @ts-expect-error: a plain ES module shared with the socket benchmark.
import { baselineHandler } from './baseline-server.mjs';

const KEY = 'bench-key-0123456789';
const CONNECTIONS = 16;
const REQUESTS_PER_ROUND = 20_000;
const ROUNDS = 9;
const TARGET = 0.85;

const sample = JSON.parse(
  readFileSync(join(process.cwd(), 'test/fixtures/sonoran/EVENT_911.object.json'), 'utf8'),
);
const body = JSON.stringify({ ...sample, key: KEY });
const request = Buffer.from(
  `POST /sonorancad/event HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
);

/** A keep-alive connection as node:http sees a socket: requests pushed in, each reply counted. */
class Connection extends Duplex {
  remoteAddress = '127.0.0.1';
  remotePort = 40_000;
  constructor(private readonly answered: () => void) {
    super();
  }
  override _read() {}
  override _write(_chunk: unknown, _encoding: string, done: () => void) {
    this.answered();
    done();
  }
  override _writev(_chunks: unknown[], done: () => void) {
    this.answered();
    done();
  }
  setTimeout() {
    return this;
  }
  setNoDelay() {
    return this;
  }
  setKeepAlive() {
    return this;
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** CPU µs per request over `total` requests, one in flight per connection at a time. */
async function drive(server: Server, total: number): Promise<number> {
  let answers = 0;
  const connections = Array.from({ length: CONNECTIONS }, () => {
    const connection = new Connection(() => {
      answers += 1;
    });
    server.emit('connection', connection);
    return connection;
  });
  const before = process.cpuUsage();
  while (answers < total) {
    const expected = answers + CONNECTIONS;
    for (const connection of connections) connection.push(request);
    while (answers < expected) await turn();
  }
  const used = process.cpuUsage(before);
  for (const connection of connections) connection.destroy();
  return (used.user + used.system) / answers;
}

function relay(dir: string, config: object): Server {
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const lines = createConsoleLines(() => {});
  const runtime = createNodeRuntime({
    root: dir,
    dataDir: join(dir, 'data'),
    env: { SONORAN_API_KEY: KEY },
    print: lines.print,
  });
  const started = start(runtime);
  return createRelayServer(started.exchange, runtime.resourceName, {
    maxBodyBytes: started.maxBodyBytes,
    limits: started.http,
    log: started.log,
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export default async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'sonorancad-bench-inproc-'));
  try {
    const servers: [string, Server][] = [
      ['bare node:http + JSON.parse (baseline)', createServer(baselineHandler)],
      ['relay, default settings (one log line per event)', relay(mkdtempSync(join(dir, 'a-')), {})],
      ['relay, log line off', relay(mkdtempSync(join(dir, 'b-')), { logEvents: false })],
    ];
    for (const [, server] of servers) await drive(server, REQUESTS_PER_ROUND);
    const times = servers.map((): number[] => []);
    for (let round = 0; round < ROUNDS; round += 1) {
      // Rotate the order: none always runs first in a round.
      for (let i = 0; i < servers.length; i += 1) {
        const at = (i + round) % servers.length;
        times[at]!.push(await drive(servers[at]![1], REQUESTS_PER_ROUND));
      }
    }
    const ratios = times.map((list) => median(list.map((micros, round) => times[0]![round]! / micros)));
    const main = ratios[1]!;
    return {
      title: 'Ingress without sockets (standalone relay, in-process)',
      lines: [
        `CPU time per request, ${CONNECTIONS} keep-alive connections fed through in-memory streams, ${ROUNDS} rotating rounds of ${REQUESTS_PER_ROUND} requests (EVENT_911); the ratio is the median per round of baseline ÷ server (requests per CPU second, relative). No kernel socket work and no load generator: this is the servers' own JavaScript, so it leaves out what the socket benchmark ("Ingress throughput") measures besides, and is not the target's measure.`,
        '',
        '| server | CPU per request | requests per CPU second vs baseline |',
        '| --- | --- | --- |',
        ...servers.map(
          ([name], i) => `| ${name} | ${median(times[i]!).toFixed(1)} µs | ${ratios[i]!.toFixed(2)} |`,
        ),
        '',
        `The relay's own work on top of the baseline is ${(median(times[1]!) - median(times[0]!)).toFixed(1)} µs per push ` +
          `(${main.toFixed(2)}× the baseline's rate${main >= TARGET ? '' : `, under the ${TARGET} target even without the kernel`}).`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
