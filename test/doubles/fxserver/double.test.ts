import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { post } from '../../helpers/post';
import { type FxServer, type FxServerOptions, startFxServer } from './double';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const started: FxServer[] = [];
const folders: string[] = [];

const players = [
  {
    id: 1,
    name: 'Alice',
    identifiers: ['license:aaa', 'discord:111'],
    aces: ['command.secret', 'sonorancad'],
    position: { x: 1, y: 2, z: 3 },
  },
  { id: 2, name: 'Bob', identifiers: ['license:bbb'] },
  { id: 3, name: 'Carol', identifiers: ['license:ccc'] },
];

async function start(fixture: string, options: Partial<FxServerOptions> = {}): Promise<FxServer> {
  const resourceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fxdouble-'));
  folders.push(resourceDir);
  const server = await startFxServer({ resourceDir, bundlePath: path.join(fixtures, fixture), ...options });
  started.push(server);
  return server;
}

const httpServer = (options: Partial<FxServerOptions> = {}) => start('http-handlers.js', options);
const globalsServer = (options: Partial<FxServerOptions> = {}) =>
  start('globals.js', { players, ...options });

function lastEvent(server: FxServer, name: string): unknown[] | undefined {
  return server.localEvents.filter((event) => event.name === name).at(-1)?.args;
}

/** Sends raw bytes and returns whatever comes back before the server closes. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('routing', () => {
  it('strips the resource prefix, keeps query and case, does not decode', async () => {
    const server = await httpServer();
    const cases: [string, string][] = [
      ['/sonorancad/info?x=1&y=%20', '/info?x=1&y=%20'],
      ['/SONORANCAD/Info', '/Info'],
      ['/sonorancad', '/'],
      ['/sonorancad/', '/'],
      ['/sonorancad/%41b', '/%41b'],
    ];
    for (const [target, expected] of cases) {
      const reply = await post(server.baseUrl, target, { method: 'GET' });
      expect(reply.status, target).toBe(200);
      expect((reply.json as { path: string }).path, target).toBe(expected);
    }
    server.assertHealthy();
  });

  it('answers 404 Route … not found for other paths and the slash-less form in another case', async () => {
    const server = await httpServer();
    for (const target of ['/SonoranCAD', '/other/event', '/sonorancadx/event', '/']) {
      const reply = await post(server.baseUrl, target);
      expect(reply.status, target).toBe(404);
      expect(reply.text).toBe(`Route ${target} not found.`);
      expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
  });

  it('answers 404 Not found. while the resource has no handler, and Route … once it stopped', async () => {
    const server = await globalsServer();
    const before = await post(server.baseUrl, '/sonorancad/event', { body: '{}' });
    expect([before.status, before.text]).toEqual([404, 'Not found.']);
    server.stopResource();
    const after = await post(server.baseUrl, '/sonorancad/event', { body: '{}' });
    expect([after.status, after.text]).toEqual([404, 'Route /sonorancad/event not found.']);
  });

  it('uses the last SetHttpHandler registration', async () => {
    const server = await httpServer();
    expect((await post(server.baseUrl, '/sonorancad/default')).text).toBe('ok');
  });
});

describe('request object', () => {
  it('has exactly FXServer’s six keys, the peer address and client-cased headers', async () => {
    const server = await httpServer();
    const reply = await post(server.baseUrl, '/sonorancad/info', {
      headers: { 'X-Custom-Header': 'A', 'content-type': 'text/plain' },
      body: 'x',
    });
    const info = reply.json as {
      keys: string[];
      method: string;
      address: string;
      headers: Record<string, string>;
    };
    expect(info.keys).toEqual(['address', 'headers', 'method', 'path', 'setCancelHandler', 'setDataHandler']);
    expect(info.method).toBe('POST');
    expect(info.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(info.headers['X-Custom-Header']).toBe('A');
    expect(info.headers['content-type']).toBe('text/plain');
    expect(info.headers['x-custom-header']).toBeUndefined();
  });

  it('takes the address from x-test-remote-address, brackets IPv6, and hides the test headers', async () => {
    const server = await httpServer();
    const v4 = (await post(server.baseUrl, '/sonorancad/info', { remoteAddress: '203.0.113.9' })).json as {
      address: string;
      headers: Record<string, string>;
    };
    expect(v4.address).toMatch(/^203\.0\.113\.9:\d+$/);
    expect(Object.keys(v4.headers).map((name) => name.toLowerCase())).not.toContain('x-test-remote-address');
    const v6 = (await post(server.baseUrl, '/sonorancad/info', { remoteAddress: '2001:db8::1' })).json as {
      address: string;
    };
    expect(v6.address).toMatch(/^\[2001:db8::1\]:\d+$/);
    const withPort = (await post(server.baseUrl, '/sonorancad/info', { remoteAddress: '[2001:db8::2]:4000' }))
      .json as { address: string };
    expect(withPort.address).toBe('[2001:db8::2]:4000');
  });

  it('keeps the first of two identically named headers, and both of two differently cased ones', async () => {
    const server = await httpServer();
    const raw = await rawRequest(
      server.port,
      'GET /sonorancad/info HTTP/1.1\r\nHost: x\r\nX-Dup: first\r\nX-Dup: second\r\nx-dup: lower\r\nConnection: close\r\n\r\n',
    );
    const json = JSON.parse(raw.slice(raw.indexOf('{'), raw.lastIndexOf('}') + 1)) as {
      headers: Record<string, string>;
    };
    expect(json.headers['X-Dup']).toBe('first');
    expect(json.headers['x-dup']).toBe('lower');
  });

  it('closes the connection without a response beyond 50 headers', async () => {
    const server = await httpServer();
    const headers: Record<string, string> = {};
    // Host and Connection make two more.
    for (let i = 0; i < 49; i++) headers[`X-H${i}`] = 'v';
    await expect(post(server.baseUrl, '/sonorancad/info', { method: 'GET', headers })).rejects.toThrow();
    delete headers['X-H48'];
    expect((await post(server.baseUrl, '/sonorancad/info', { method: 'GET', headers })).status).toBe(200);
  });
});

describe('body delivery', () => {
  it('calls the data handler synchronously inside setDataHandler with a buffered body', async () => {
    const server = await httpServer();
    const reply = await post(server.baseUrl, '/sonorancad/data-probe', { body: '{"é":1}' });
    expect(reply.json).toEqual({ body: '{"é":1}', sync: true });
    server.assertHealthy();
  });

  it('delivers the body later, asynchronously, with the late timing', async () => {
    const server = await httpServer();
    const reply = await post(server.baseUrl, '/sonorancad/data-probe', { body: 'later', bodyTiming: 'late' });
    expect(reply.json).toEqual({ body: 'later', sync: false });
  });

  it('never calls the data handler without a body', async () => {
    const server = await httpServer();
    expect((await post(server.baseUrl, '/sonorancad/data-probe', { method: 'GET' })).json).toEqual({
      body: null,
    });
    expect((await post(server.baseUrl, '/sonorancad/data-probe', { body: '' })).json).toEqual({ body: null });
  });

  it('drops a chunked body that completed before setDataHandler, delivers it when the handler came first', async () => {
    const server = await httpServer();
    expect(
      (await post(server.baseUrl, '/sonorancad/data-probe', { body: 'chunks', chunked: true })).json,
    ).toEqual({
      body: null,
    });
    const late = await post(server.baseUrl, '/sonorancad/data-probe', {
      body: 'chunks',
      chunked: true,
      bodyTiming: 'late',
    });
    expect(late.json).toEqual({ body: 'chunks', sync: false });
  });

  it("hands an ArrayBuffer to a 'binary' data handler", async () => {
    const server = await httpServer();
    const reply = await post(server.baseUrl, '/sonorancad/data-probe-binary', {
      body: Buffer.from([0, 255, 7]),
    });
    expect(reply.json).toEqual({ tag: '[object ArrayBuffer]', bytes: [0, 255, 7] });
  });

  it('closes without a response past 5 MiB and never runs the handler', async () => {
    const server = await httpServer();
    await expect(
      post(server.baseUrl, '/sonorancad/echo', { body: Buffer.alloc(5 * 1024 * 1024 + 1024, 97) }),
    ).rejects.toThrow();
    expect(server.fatals).toEqual([]);
    expect(server.hangs).toEqual([]);
  });
});

describe('response', () => {
  it('defaults to 200 with no Content-Type, chunked', async () => {
    const server = await httpServer();
    const reply = await post(server.baseUrl, '/sonorancad/default');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('ok');
    expect(reply.headers['content-type']).toBeUndefined();
    expect(reply.headers['transfer-encoding']).toBe('chunked');
  });

  it('freezes the head at the first writeHead and drops a script Content-Length', async () => {
    const server = await httpServer();
    const reply = await post(server.baseUrl, '/sonorancad/headers');
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('part1-part2');
    expect(reply.headers['x-one']).toBe('1');
    expect(reply.headers['x-multi']).toBe('a, b');
    expect(reply.headers['x-late']).toBeUndefined();
    expect(reply.headers['content-length']).toBeUndefined();
    server.assertHealthy();
  });

  it('accepts an ArrayBuffer body and send() with no arguments', async () => {
    const server = await httpServer();
    expect((await post(server.baseUrl, '/sonorancad/binary-reply')).text).toBe('bin');
    expect((await post(server.baseUrl, '/sonorancad/send-empty')).status).toBe(204);
    server.assertHealthy();
  });

  it.each([
    ['/send-undefined', /res\.send\(undefined\)/],
    ['/send-null', /res\.send\(null\)/],
    ['/send-number', /res\.send\(the number 404\)/],
    ['/send-buffer', /res\.send\(a Buffer\)/],
    ['/send-uint8array', /res\.send\(a Uint8Array\)/],
    ['/send-object', /res\.send\(a Object\)/],
    ['/write-no-args', /res\.write\(\) with no data/],
    ['/writehead-undefined', /res\.writeHead\(status, undefined\)/],
    ['/writehead-array', /res\.writeHead\(status, an array\)/],
    ['/status-string', /res\.writeHead\(the string "200"\)/],
    ['/status-float', /res\.writeHead\(the number 200\.5\)/],
    ['/header-number', /header "X-Count" is the number 5/],
    ['/mode-undefined', /req\.setDataHandler\(cb, undefined\)/],
  ])('%s crashes the server: recorded as fatal, connection dropped', async (route, message) => {
    const server = await httpServer();
    await expect(post(server.baseUrl, `/sonorancad${route}`, { body: 'x' })).rejects.toThrow();
    expect(server.fatals).toHaveLength(1);
    expect(server.fatals[0]!.message).toMatch(message);
    expect(server.logs.join('\n')).not.toContain('SCRIPT ERROR');
    expect(() => server.assertHealthy()).toThrow(/not healthy/);
    // A crashed server accepts nothing more.
    await expect(post(server.baseUrl, '/sonorancad/default')).rejects.toThrow();
  });

  it.each([
    ['/send-twice', /res\.send\(\) after res\.send\(\)/],
    ['/write-after-send', /res\.write\(\) after res\.send\(\)/],
  ])('%s is stream corruption', async (route, message) => {
    const server = await httpServer();
    // The first send may still reach the client before the crash drops the connection.
    await post(server.baseUrl, `/sonorancad${route}`).catch(() => null);
    expect(server.fatals.map((error) => error.message)).toEqual([expect.stringMatching(message)]);
  });
});

describe('requests left unanswered', () => {
  it('records a hang, closes the connection and fires the cancel handler', async () => {
    const server = await httpServer({ hangTimeoutMs: 100 });
    await expect(post(server.baseUrl, '/sonorancad/never', { body: 'x' })).rejects.toThrow();
    expect(server.hangs).toEqual(['POST /sonorancad/never']);
    await server.waitFor(() => server.logs.includes('cancelled /never'));
    expect(() => server.assertHealthy()).toThrow(/hang: POST \/sonorancad\/never/);
  });

  it('logs a throwing handler as SCRIPT ERROR in call ref and leaves the request pending', async () => {
    const server = await httpServer({ hangTimeoutMs: 100 });
    await expect(post(server.baseUrl, '/sonorancad/throw')).rejects.toThrow();
    expect(server.logs).toContain('SCRIPT ERROR in call ref: handler boom');
    expect(server.hangs).toEqual(['POST /sonorancad/throw']);
    expect(server.fatals).toEqual([]);
  });
});

describe('rate limit', () => {
  it('answers 429 per public host, exempts private ranges, and locks out past the cooldown bucket', async () => {
    // The buckets read this clock, so a slow request cannot refill them between two steps.
    let now = 0;
    const server = await httpServer({ rateLimit: { rate: 5, burst: 2 }, rateLimitClock: () => now });
    const from = async (remoteAddress?: string) =>
      (await post(server.baseUrl, '/sonorancad/default', remoteAddress ? { remoteAddress } : {})).status;
    expect([await from('203.0.113.5'), await from('203.0.113.5:1234'), await from('203.0.113.5')]).toEqual([
      200, 200, 429,
    ]);
    const limited = await post(server.baseUrl, '/sonorancad/default', { remoteAddress: '203.0.113.5' });
    expect([limited.status, limited.text]).toEqual([429, 'Rate limit exceeded.']);
    // The main bucket has refilled by now; the 15 s lockout still holds.
    now += 450;
    expect(await from('203.0.113.5')).toBe(429);
    expect(await from('198.51.100.1')).toBe(200);
    for (const exempt of [undefined, '10.1.2.3', '192.168.0.9', '172.20.0.1', '127.0.0.2']) {
      for (let i = 0; i < 4; i++) expect(await from(exempt), String(exempt)).toBe(200);
    }
    // Once the lockout is over, the host is served again.
    now += 15_000;
    expect(await from('203.0.113.5')).toBe(200);
  });

  it('reads the rateLimiter_http_<resource>_* convars', async () => {
    // A stopped clock: the default 10 requests/s would refill the bucket between two slow requests.
    const server = await httpServer({
      convars: { rateLimiter_http_sonorancad_burst: '1' },
      rateLimitClock: () => 0,
    });
    const once = () => post(server.baseUrl, '/sonorancad/default', { remoteAddress: '203.0.113.77' });
    expect([(await once()).status, (await once()).status]).toEqual([200, 429]);
  });
});

describe('events', () => {
  it('fires onResourceStart and onResourceStop with a local source', async () => {
    const server = await globalsServer();
    expect(lastEvent(server, 'fixture:started')).toEqual(['sonorancad', '']);
    expect(server.logs).toContain('loaded sonorancad');
    await server.stop();
    expect(lastEvent(server, 'fixture:stopped')).toEqual(['sonorancad']);
  });

  it('sets source during a handler and resets it to null afterwards', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:source');
    expect(lastEvent(server, 'fixture:seen-source')).toEqual(['']);
    await server.waitFor(() => lastEvent(server, 'fixture:source-later') !== undefined);
    expect(lastEvent(server, 'fixture:source-later')).toEqual([null]);
  });

  it('raises playerJoining and playerDropped with the player as source', async () => {
    const server = await globalsServer();
    server.addPlayer({ id: 4, name: 'Dan', identifiers: ['license:ddd'] });
    expect(lastEvent(server, 'fixture:joining')).toEqual([4, expect.any(String)]);
    server.dropPlayer(4, 'Exiting');
    expect(lastEvent(server, 'fixture:dropped')).toEqual([4, 'Exiting', ['1', '2', '3', '4']]);
    server.emitLocal('fixture:players');
    expect((lastEvent(server, 'fixture:players')![0] as { list: string[] }).list).toEqual(['1', '2', '3']);
  });

  it('lets players send only net-safe events', async () => {
    const server = await globalsServer();
    server.emitFromClient('fixture:from-client', 2, { a: 1 });
    expect(lastEvent(server, 'fixture:client-said')).toEqual([2, { a: 1 }]);
    server.emitFromClient('fixture:registered-only', 3, 'v');
    expect(lastEvent(server, 'fixture:registered-ran')).toEqual([3, 'v']);
    server.emitFromClient('fixture:not-net-safe', 2);
    expect(lastEvent(server, 'fixture:should-not-run')).toBeUndefined();
    expect(server.logs).toContain('Event fixture:not-net-safe was not safe for net');
  });

  it('logs a throwing handler and still runs the next one', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:throw');
    expect(server.logs).toContain("SCRIPT ERROR in event `fixture:throw': event boom");
    expect(lastEvent(server, 'fixture:second-handler-ran')).toEqual([]);
    server.assertHealthy();
  });

  it('keeps functions passed by another resource callable, with arguments crossing by msgpack', async () => {
    const server = await globalsServer();
    const calls: unknown[][] = [];
    server.emitLocal('fixture:call-me-back', (...args: unknown[]) => calls.push(args));
    expect(calls).toEqual([['from script', [1, 2]]]);
  });
});

describe('emitNet', () => {
  it('fans -1 out to every connected player, round-tripped like CitizenFX msgpack, never back to the server', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:broadcast');
    expect(server.netEvents.map((event) => event.target)).toEqual([1, 2, 3]);
    expect(server.netEvents[0]!.args).toEqual([
      {
        text: 'hi',
        missing: null,
        date: {},
        map: {},
        buffer: { 0: 1, 1: 2 },
        bytes: { 0: 3 },
        fn: '[function]',
        list: [null, 1],
      },
    ]);
    expect(server.logs.some((line) => line.includes('carries a function'))).toBe(true);
    expect(lastEvent(server, 'fixture:looped')).toBeUndefined();
  });

  it('warns about an event of a million bytes or more', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:big');
    expect(server.netEvents).toHaveLength(1);
    expect(server.logs.some((line) => line.includes('sending large event fixture:big'))).toBe(true);
  });

  it('ignores an unknown player and refuses a null-ish target', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:send-to', 2);
    server.emitLocal('fixture:send-to', '3');
    server.emitLocal('fixture:send-to', 42);
    expect(server.netEvents.map((event) => event.target)).toEqual([2, 3]);
    server.emitLocal('fixture:send-to', 0);
    expect(lastEvent(server, 'fixture:sent')).toEqual(['Argument at index 1 was null.']);
    server.emitLocal('fixture:send-to', null);
    expect(lastEvent(server, 'fixture:sent')).toEqual(['Argument at index 1 was null.']);
  });
});

describe('commands, exports, convars', () => {
  it('runs commands, enforcing command.<name> for restricted ones except from the console', async () => {
    const server = await globalsServer();
    expect(server.commands).toEqual(
      new Map([
        ['open', { restricted: false }],
        ['secret', { restricted: true }],
      ]),
    );
    server.runCommand('open', 2, ['a', 'b']);
    expect(lastEvent(server, 'fixture:command')).toEqual(['open', 2, ['a', 'b'], 'open a b']);
    server.runCommand('secret', 2, []);
    expect(lastEvent(server, 'fixture:command')?.[0]).toBe('open');
    expect(server.logs).toContain('Access denied for command secret.');
    server.runCommand('secret', 1, ['x']);
    expect(lastEvent(server, 'fixture:command')).toEqual(['secret', 1, ['x'], 'secret x']);
    server.runCommand('SECRET', 0, []);
    expect(lastEvent(server, 'fixture:command')).toEqual(['secret', 0, [], 'SECRET']);
  });

  it('calls exports with msgpack semantics and reports missing or failing ones', async () => {
    const server = await globalsServer();
    expect(server.callExport('add', 2, 3)).toBe(5);
    expect(server.callExport('withCallback', (n: number) => n * 2)).toBe(83);
    expect(server.callExport('viaGlobal')).toBe('global');
    expect(() => server.callExport('missing')).toThrow('No such export missing in resource sonorancad');
    expect(() => server.callExport('fails')).toThrow(
      /An error occurred while calling export fails .*export boom/,
    );
  });

  it('reads convars with GetConvar and stoi-like GetConvarInt', async () => {
    const server = await globalsServer({
      convars: { str: 'hello', int: '42', bool: 'TRUE', garbage: 'abc', lead: ' 12abc' },
    });
    server.emitLocal('fixture:convars');
    expect(lastEvent(server, 'fixture:convars')).toEqual(['hello', 'def', 42, 1, 7, 12]);
    server.setConvar('missing', 'now set');
    server.setConvar('int', 'false');
    server.emitLocal('fixture:convars');
    expect(lastEvent(server, 'fixture:convars')).toEqual(['hello', 'now set', 0, 1, 7, 12]);
  });
});

describe('natives', () => {
  it('answers GetResourceState: started for itself, the given state for others, missing otherwise', async () => {
    const server = await globalsServer({ resources: { other: 'stopped' } });
    server.emitLocal('fixture:resource-states');
    expect(lastEvent(server, 'fixture:resource-states')).toEqual(['started', 'stopped', 'missing']);
  });

  it('answers player natives from the player table', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:players');
    expect(lastEvent(server, 'fixture:players')).toEqual([
      {
        list: ['1', '2', '3'],
        identifiers: ['license:aaa', 'discord:111'],
        byType: 'discord:111',
        name: 'Alice',
        unknownName: null,
        adminAce: true,
        bobAce: false,
        unknownAce: false,
        coords: [1, 2, 3],
        unknownPed: 0,
      },
    ]);
    server.setPosition(1, { x: 9, y: 8, z: 7 });
    server.emitLocal('fixture:players');
    expect((lastEvent(server, 'fixture:players')![0] as { coords: number[] }).coords).toEqual([9, 8, 7]);
  });

  it('reads and writes resource files only inside the resource folder', async () => {
    const server = await globalsServer();
    const dir = folders.at(-1)!;
    const outside = path.join(path.dirname(dir), `${path.basename(dir)}-outside.txt`);
    folders.push(outside);
    fs.writeFileSync(path.join(dir, 'config.json'), '{"a":1}');
    fs.writeFileSync(outside, 'secret');
    const load = (res: string, file: string) => {
      server.emitLocal('fixture:load', res, file);
      return lastEvent(server, 'fixture:loaded')?.[0];
    };
    expect(load('sonorancad', 'config.json')).toBe('{"a":1}');
    expect(load('sonorancad', '/config.json')).toBe('{"a":1}');
    expect(load('sonorancad', `../${path.basename(outside)}`)).toBeNull();
    expect(load('sonorancad', 'missing.json')).toBeNull();
    expect(load('other', 'config.json')).toBeNull();

    const save = (res: string, file: string, data: string, len: number) => {
      server.emitLocal('fixture:save', res, file, data, len);
      return lastEvent(server, 'fixture:saved')?.[0];
    };
    expect(save('sonorancad', 'saved.txt', 'héllo', -1)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'saved.txt'), 'utf8')).toBe('héllo');
    // The length counts UTF-8 bytes: 'é' is two of them.
    expect(save('sonorancad', 'short.txt', 'héllo', 3)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'short.txt'), 'utf8')).toBe('hé');
    expect(save('sonorancad', `../${path.basename(outside)}`, 'overwritten', 0)).toBe(false);
    expect(fs.readFileSync(outside, 'utf8')).toBe('secret');
    expect(save('other', 'x.txt', 'x', 0)).toBe(false);

    server.emitLocal('fixture:path', 'sonorancad');
    expect(lastEvent(server, 'fixture:path-is')).toEqual([dir]);
    server.emitLocal('fixture:path', 'other');
    expect(lastEvent(server, 'fixture:path-is')).toEqual([null]);
  });

  it('sandboxes require: no child processes, no fs writes outside the resource', async () => {
    const server = await globalsServer();
    const dir = folders.at(-1)!;
    server.emitLocal('fixture:require', 'child_process');
    expect(lastEvent(server, 'fixture:required')).toEqual(['Access to this API has been restricted']);
    server.emitLocal('fixture:require', 'node:worker_threads');
    expect(lastEvent(server, 'fixture:required')).toEqual(['Access to this API has been restricted']);
    server.emitLocal('fixture:fs-write', path.join(dir, 'inside.txt'));
    expect(lastEvent(server, 'fixture:fs-written')).toEqual(['ok']);
    server.emitLocal('fixture:fs-write', path.join(os.tmpdir(), `fxdouble-outside-${process.pid}.txt`));
    expect(lastEvent(server, 'fixture:fs-written')).toEqual(['Access to this API has been restricted']);
  });

  it('resolves JS builtins from the script realm and provides the Node 22 globals', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:realm');
    expect(lastEvent(server, 'fixture:realm')).toEqual([
      {
        arrays: true,
        objects: true,
        globalIsThis: true,
        builtins: ['function', 'function', 'function', 'function'],
        node: ['function', 'function', 'function', 'function', 'function', 'function'],
        crypto: 'function',
        ownDeclarations: 'a',
      },
    ]);
  });

  it('fails loudly on a native it does not provide (Lua-only GetPlayers here)', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:unknown-native');
    expect(server.fatals.map((error) => error.message)).toEqual([
      'Unknown native GetPlayers (not provided by the FXServer double)',
    ]);
    expect(() => server.emitLocal('fixture:source')).toThrow(/crashed/);
  });

  it('treats process.exit() as a crash instead of ending the test run', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:exit');
    expect(server.fatals.map((error) => error.message)).toEqual([
      expect.stringMatching(/^process\.exit\(\)/),
    ]);
  });

  it('refuses to start a script that reads an unknown native while loading', async () => {
    await expect(start('unknown-native-at-load.js')).rejects.toThrow(/Unknown native GetMadeUpNative/);
  });
});

describe('timers', () => {
  it('runs due timers together on the 50 ms tick; clearTimeout ignores plain numbers', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:timer-order');
    expect(lastEvent(server, 'fixture:timer-shape')).toEqual(['object', 'number', true]);
    await server.waitFor(() => lastEvent(server, 'fixture:timer-order') !== undefined);
    // Microtasks queued by one timer run only after the whole tick: all four were already in.
    expect(lastEvent(server, 'fixture:timer-order')).toEqual([
      ['timeout-1', 'timeout-0', 'immediate', 'number-not-cleared'],
    ]);
  });

  it('fires a 1 ms interval once per tick', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:interval');
    await server.waitFor(() => lastEvent(server, 'fixture:interval-count') !== undefined);
    // Counted against the ticks that ran, not the 50 ms a tick should take: a loaded machine runs fewer.
    // The first tick may come within 1 ms of setInterval, too soon for it; every later tick fires it once.
    const [count, ticks] = lastEvent(server, 'fixture:interval-count') as [number, number];
    expect(count).toBeGreaterThanOrEqual(ticks);
    expect(count).toBeLessThanOrEqual(ticks + 1);
    // Ticks come no faster than 20 Hz: at most seven fit in 300 ms, plus the one that fires the timeout.
    expect(count).toBeLessThanOrEqual(8);
  });

  it('runs setTick callbacks every tick until clearTick', async () => {
    const server = await globalsServer();
    server.emitLocal('fixture:tick');
    await server.waitFor(() => lastEvent(server, 'fixture:ticked') !== undefined);
    expect(lastEvent(server, 'fixture:ticked')).toEqual([3, 'number']);
  });
});
