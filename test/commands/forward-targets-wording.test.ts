import { describe, expect, it } from 'vitest';
import { runTargetAction } from '../../src/core/commands/forward-targets';
import { memoryConfig } from '../helpers/memory-config';

const FILE = JSON.stringify({
  forwarding: {
    targets: [
      {
        name: 'bot',
        url: 'https://bot.example.com/',
        secret: 'sonorancad_bot_secret',
        headers: { Authorization: 'Bearer hush-hush' },
      },
    ],
  },
});

async function run(text: string | null, line: string) {
  const config = memoryConfig(text);
  const [action = '', ...args] = line.split(' ');
  const lines = await runTargetAction(config.targets, action, args);
  return { lines, config };
}

describe('forward target commands, worded', () => {
  it('lists names of headers and secrets, never their values', async () => {
    const { lines } = await run(FILE, 'list');
    expect(lines).toEqual([
      '1 forward target(s) in config.json:',
      '  bot: on, raw, POST https://bot.example.com/; events *; signed with the setting sonorancad_bot_secret; ' +
        'headers Authorization; timeout 10 s, no attempt limit, given up after 1 d',
    ]);
    expect((await run(null, 'list')).lines).toEqual([
      'No forward targets in config.json; add one with "sonorancad forward add".',
    ]);
  });

  it('adds, sets, switches off and on, removes', async () => {
    const config = memoryConfig(FILE);
    const say = (line: string) => {
      const [action = '', ...args] = line.split(' ');
      return runTargetAction(config.targets, action, args);
    };
    expect(await say('add new https://new.example.com/ --events EVENT_911 --method PUT')).toEqual([
      'Added "new"; it is running.',
    ]);
    expect(await say('set new maxAttempts 3')).toEqual(['Changed "new"; it is running.']);
    expect(await say('disable new')).toEqual([
      '"new" is off: nothing new is queued for it; its backlog waits until "sonorancad forward enable new".',
    ]);
    expect(JSON.parse(config.file.text!).forwarding.targets[1]).toEqual({
      name: 'new',
      url: 'https://new.example.com/',
      events: ['EVENT_911'],
      method: 'PUT',
      maxAttempts: 3,
      enabled: false,
    });
    expect((await say('list'))?.[2]).toMatch(
      /^ {2}new: OFF, raw, PUT https:\/\/new\.example\.com\/; events EVENT_911;/,
    );
    expect(await say('enable new')).toEqual(['"new" is on: what it has queued is being delivered.']);
    expect(await say('remove new')).toEqual([
      'Removed "new"; anything it still had queued went to the dead-letter file.',
    ]);
    expect(JSON.parse(config.file.text!).forwarding.targets).toHaveLength(1);
  });

  it('answers a mistake in the words config.json gets at start, and writes nothing', async () => {
    const { lines, config } = await run(FILE, 'set bot timeoutSeconds 0');
    expect(lines).toEqual([
      'Not changed:',
      '  config.json forwarding.targets[0].timeoutSeconds: Too small: expected number to be >0',
    ]);
    expect((await run(FILE, 'add x https://x.example.com/ --secret whsec_abcdefgh')).lines).toEqual([
      'Not changed:',
      '  config.json forwarding.targets[1].secret: give the NAME of a convar (environment variable for the relay), not the secret',
    ]);
    expect(config.file.writes).toBe(0);
  });

  it('unknown and duplicate names, usage lines, other actions', async () => {
    expect((await run(FILE, 'remove nope')).lines).toEqual([
      'No target is named "nope"; see "sonorancad forward list".',
    ]);
    expect((await run(FILE, 'add bot https://x.example.com/')).lines).toEqual([
      'A target named "bot" already exists; change it with "sonorancad forward set".',
    ]);
    expect((await run(FILE, 'enable')).lines).toEqual(['Usage: sonorancad forward enable <name>']);
    expect((await run(FILE, 'set bot headers.Authorization x')).lines?.[0]).toMatch(
      /^Header values are not set/,
    );
    expect(await runTargetAction(memoryConfig(FILE).targets, 'status', [])).toBeNull();
    expect(await runTargetAction(memoryConfig(FILE).targets, 'constructor', [])).toBeNull();
  });
});
