/** `sonorancad forward list|add|set|enable|disable|remove` in the FXServer double, from the console and in chat. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NetEvents } from '../../src/shared/events';
import { startResource, type TestResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { sampleText, TEST_KEY } from '../helpers/samples';

const HEADER_VALUE = 'Bearer header-value-never-shown';
const CONFIG = `{
    "logEvents": false,
    "forwarding": {
        "targets": [
            { "name": "bot", "url": "http://127.0.0.1:9/never", "headers": { "Authorization": "${HEADER_VALUE}" } }
        ]
    }
}
`;

const COMMAND_PREFIX = '[sonorancad:command] ';
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function resource(options: Parameters<typeof startResource>[0] = {}) {
  const res = await startResource({ rawConfig: CONFIG, ...options });
  cleanup.push(async () => {
    res.server.assertHealthy();
    await res.close();
  });
  const file = () => readFileSync(join(res.dir, 'config.json'), 'utf8');
  /** Runs a console line and waits for its answer (changes answer once applied). */
  const console = async (line: string) => {
    const before = res.server.logs.length;
    res.server.runCommand('sonorancad', 0, ['forward', ...line.split(' ')]);
    await until(
      () => res.server.logs.slice(before).some((entry) => entry.startsWith(COMMAND_PREFIX)),
      `an answer to "${line}"`,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const answers = res.server.logs.slice(before).filter((entry) => entry.startsWith(COMMAND_PREFIX));
    return answers.map((entry) => entry.slice(COMMAND_PREFIX.length));
  };
  return { res, file, console };
}

async function receiver(): Promise<Receiver> {
  const started = await startReceiver();
  cleanup.push(() => started.close());
  return started;
}

const pushPanic = (res: TestResource) =>
  post(res.server.baseUrl, '/sonorancad/event', { body: sampleText('EVENT_UNIT_PANIC.object.json') });

describe('sonorancad forward: targets from the console', () => {
  it('adds a target that gets the next push, keeping the rest of config.json as written', async () => {
    const { res, file, console } = await resource();
    const target = await receiver();
    expect(await console(`add new ${target.url} --events EVENT_UNIT_*`)).toEqual([
      'Added "new"; it is running.',
    ]);
    expect(file()).toBe(
      CONFIG.replace(
        '}\n        ]',
        `},\n            {\n                "name": "new",\n                "url": "${target.url}",\n` +
          '                "events": [\n                    "EVENT_UNIT_*"\n                ]\n            }\n        ]',
      ),
    );
    expect((await pushPanic(res)).status).toBe(200);
    await until(() => target.requests.length === 1, 'the push at the new target');
  });

  it('lists, sets, removes; never a header value', async () => {
    const { res, file, console } = await resource();
    const listed = await console('list');
    expect(listed[0]).toBe('1 forward target(s) in config.json:');
    expect(listed[1]).toMatch(
      /^ {2}bot: on, raw, POST http:\/\/127\.0\.0\.1:9\/never; events \*; headers Authorization;/,
    );
    expect(await console('set bot maxAttempts 4')).toEqual(['Changed "bot"; it is running.']);
    expect(JSON.parse(file()).forwarding.targets[0].maxAttempts).toBe(4);
    expect(await console('set bot maxAttempts -')).toEqual(['Changed "bot"; it is running.']);
    expect(JSON.parse(file()).forwarding.targets[0].maxAttempts).toBeUndefined();
    expect((await console('set bot headers.Authorization Bearer x'))[0]).toMatch(
      /^Header values are not set/,
    );
    expect(await console('remove bot')).toEqual([
      'Removed "bot"; anything it still had queued went to the dead-letter file.',
    ]);
    expect(JSON.parse(file()).forwarding.targets).toEqual([]);
    expect(res.server.logs.join('\n')).not.toContain('header-value-never-shown');
  });

  it('answers invalid input at every field with the words config.json gets at start, and writes nothing', async () => {
    const { res, file, console } = await resource();
    const cases: [string, string][] = [
      [
        'add bad/name http://x.test',
        'config.json forwarding.targets[1].name: use 1-64 letters, digits, "_", "-" or "."',
      ],
      ['add x ftp://x', 'config.json forwarding.targets[1].url: expected an http:// or https:// URL'],
      [
        'add x http://x.test --format xml',
        'config.json forwarding.targets[1].format: Invalid option: expected one of "raw"|"discord"',
      ],
      [
        'add x http://x.test --method GET',
        'config.json forwarding.targets[1].method: Invalid option: expected one of "POST"|"PUT"',
      ],
      [
        'add x http://x.test --secret whsec_abcdefgh',
        'config.json forwarding.targets[1].secret: give the NAME of a convar (environment variable for the relay), not the secret',
      ],
      [
        'add x http://x.test --events ,',
        'config.json forwarding.targets[1].events: Too small: expected array to have >=1 items',
      ],
      [
        'set bot enabled yes',
        'config.json forwarding.targets[0].enabled: Invalid input: expected boolean, received string',
      ],
      [
        'set bot includeKey maybe',
        'config.json forwarding.targets[0].includeKey: Invalid input: expected boolean, received string',
      ],
      [
        'set bot timeoutSeconds 0',
        'config.json forwarding.targets[0].timeoutSeconds: Too small: expected number to be >0',
      ],
      [
        'set bot maxAttempts 0',
        'config.json forwarding.targets[0].maxAttempts: Too small: expected number to be >=1',
      ],
      [
        'set bot maxAgeSeconds soon',
        'config.json forwarding.targets[0].maxAgeSeconds: Invalid input: expected number, received string',
      ],
      [
        'set bot colour red',
        'config.json forwarding.targets[0].colour: not a setting here; check its spelling and nesting.',
      ],
    ];
    for (const [line, problem] of cases)
      expect(await console(line), line).toEqual(['Not changed:', `  ${problem}`]);
    expect((await console('set bot name other'))[1]).toMatch(/name: cannot change/);
    expect(file()).toBe(CONFIG);

    // The same words as the file itself gets when it is loaded.
    writeFileSync(
      join(res.dir, 'config.json'),
      CONFIG.replace('"name": "bot",', '"name": "bot", "timeoutSeconds": 0,'),
    );
    const before = res.server.logs.length;
    res.server.runCommand('sonorancad', 0, ['reload']);
    expect(res.server.logs.slice(before).join('\n')).toContain(
      'config.json forwarding.targets[0].timeoutSeconds: Too small: expected number to be >0',
    );
  });

  it('a crash between writing and renaming leaves the old config.json, and what runs keeps running', async () => {
    let failRename = false;
    const { res, file, console } = await resource({
      fsFault: (call, args) =>
        failRename && call === 'renameSync' && String(args[1]).endsWith('config.json')
          ? Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' })
          : null,
    });
    const target = await receiver();
    failRename = true;
    const answer = await console(`add new ${target.url}`);
    expect(answer[0]).toBe('Not changed:');
    expect(answer[1]).toMatch(/config\.json could not be written, so nothing changed: EIO/);
    expect(file()).toBe(CONFIG);
    expect(readdirSync(res.dir)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
    expect((await pushPanic(res)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(target.requests).toHaveLength(0);
  });

  it('concurrent changes lose no update', async () => {
    const { res, file } = await resource();
    const names = Array.from({ length: 10 }, (_, i) => `t${i}`);
    for (const name of names)
      res.server.runCommand('sonorancad', 0, ['forward', 'add', name, `http://${name}.test/`]);
    res.server.runCommand('sonorancad', 0, ['forward', 'set', 'bot', 'maxAttempts', '7']);
    await until(
      () => res.server.logs.filter((line) => /Added "t\d"|Changed "bot"/.test(line)).length === 11,
      'all answers',
    );
    const saved = JSON.parse(file()).forwarding.targets;
    expect(saved.map((target: { name: string }) => target.name)).toEqual(['bot', ...names]);
    expect(saved[0].maxAttempts).toBe(7);
  });
});

describe('sonorancad forward while config.json is broken', () => {
  it('lists the problem, and removing the broken target starts the resource', async () => {
    const { res, console } = await resource({
      rawConfig: CONFIG.replace('http://127.0.0.1:9/never', 'ftp://nope'),
    });
    expect((await pushPanic(res)).status).toBe(503);
    expect(await console('list')).toEqual([
      'Cannot list the targets: config.json has problems to fix first:',
      '  config.json forwarding.targets[0].url: expected an http:// or https:// URL',
    ]);
    expect(await console('remove bot')).toEqual([
      'Removed "bot"; anything it still had queued went to the dead-letter file.',
    ]);
    expect((await pushPanic(res)).status).toBe(200);
  });
});

describe('sonorancad forward disable / enable / remove: the backlog', () => {
  /** "hook" holds two pushes: one sent and never answered, one queued behind it. */
  async function withBacklog() {
    const hook = await receiver();
    hook.respond = () => ({ delayMs: 60_000 });
    const config = JSON.stringify({
      logEvents: false,
      forwarding: { targets: [{ name: 'hook', url: hook.url, timeoutSeconds: 300 }] },
    });
    const started = await resource({ rawConfig: config });
    expect((await pushPanic(started.res)).status).toBe(200);
    expect((await pushPanic(started.res)).status).toBe(200);
    await until(() => hook.requests.length === 1, 'the first attempt');
    return { ...started, hook };
  }

  it('off: nothing new is queued, the backlog is kept; on: the backlog is delivered, the rest never was', async () => {
    const { res, console, hook } = await withBacklog();
    expect(await console('disable hook')).toEqual([
      '"hook" is off: nothing new is queued for it; its backlog waits until "sonorancad forward enable hook".',
    ]);
    hook.respond = () => ({});
    expect((await pushPanic(res)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.requests).toHaveLength(1);
    expect((await console('status')).at(-1)).toMatch(
      /^ {2}hook \[raw\]: OFF \(enabled: false\); queued 2, in flight 0,/,
    );
    expect((await console('test hook')).join('\n')).toMatch(/"hook" is off/);

    expect(await console('enable hook')).toEqual(['"hook" is on: what it has queued is being delivered.']);
    await until(() => hook.requests.length === 3, 'the backlog');
    // The unanswered first push again, under the same webhook-id, then the one queued behind it.
    expect(hook.requests[1]!.headers['webhook-id']).toBe(hook.requests[0]!.headers['webhook-id']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.requests).toHaveLength(3);
    expect((await console('status')).at(-1)).toMatch(
      /^ {2}hook \[raw\]: ok; queued 0, in flight 0, delivered 2,/,
    );
  });

  it('remove: the backlog goes to the dead-letter file', async () => {
    const { res, console } = await withBacklog();
    expect(await console('remove hook')).toEqual([
      'Removed "hook"; anything it still had queued went to the dead-letter file.',
    ]);
    const letters = readFileSync(join(res.dir, 'data', 'forwarding', 'dead-letters.ndjson'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(letters.map((letter) => [letter.target, letter.reason])).toEqual([
      ['hook', 'target no longer configured'],
      ['hook', 'target no longer configured'],
    ]);
  });
});

describe('sonorancad forward: targets from chat', () => {
  it('a player with the ACE changes targets and reads the answer in chat; one without it changes nothing', async () => {
    const { res, file } = await resource({
      players: [
        { id: 1, name: 'Admin', identifiers: ['license:1'], aces: ['sonorancad.admin'] },
        { id: 2, name: 'Player', identifiers: ['license:2'] },
      ],
    });
    const chat = (player: number) =>
      res.server.netEvents
        .filter((event) => event.name === NetEvents.ChatMessage && event.target === player)
        .map((event) => (event.args[0] as { args: string[] }).args[1]);

    res.server.runCommand('sonorancad', 2, ['forward', 'remove', 'bot']);
    expect(chat(2)).toEqual(['You need the ACE sonorancad.admin to run "sonorancad forward".']);

    res.server.runCommand('sonorancad', 1, ['forward', 'disable', 'bot']);
    await until(() => chat(1).length === 1, 'the answer in chat');
    expect(chat(1)[0]).toMatch(/^"bot" is off/);
    expect(JSON.parse(file()).forwarding.targets[0].enabled).toBe(false);
    // The console keeps a record of a change made in chat.
    expect(res.server.logs.join('\n')).toContain(
      'config.json saved: forward target "bot" changed (enabled).',
    );

    res.server.runCommand('sonorancad', 1, ['forward', 'list']);
    await until(() => chat(1).length === 3, 'the listing in chat');
    expect(chat(1)[2]).toMatch(/^ {2}bot: OFF, /);
    expect(chat(1).join('\n')).not.toContain('header-value-never-shown');
  });

  it('a listing in chat names the signing secret and headers, never their values', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const { res } = await resource({
      rawConfig: CONFIG.replace('"headers"', '"secret": "sonorancad_bot_secret", "headers"'),
      convars: { sonoran_apiKey: TEST_KEY, sonorancad_bot_secret: secret },
      players: [{ id: 1, name: 'Admin', identifiers: ['license:1'], aces: ['sonorancad.admin'] }],
    });
    res.server.runCommand('sonorancad', 1, ['forward', 'list']);
    const chat = () =>
      res.server.netEvents
        .filter((event) => event.name === NetEvents.ChatMessage && event.target === 1)
        .map((event) => (event.args[0] as { args: string[] }).args[1]);
    await until(() => chat().length === 2, 'the listing in chat');
    expect(chat()[1]).toContain('signed with the setting sonorancad_bot_secret; headers Authorization;');
    expect(chat().join('\n')).not.toMatch(/whsec_|header-value-never-shown/);
  });
});
