import { describe, expect, it } from 'vitest';
import { memoryConfig as admin } from '../helpers/memory-config';

const FILE = `{
  "debug": true,
  "forwarding": {
    "targets": [
      { "name": "bot", "url": "https://bot.example.com/", "headers": { "Authorization": "Bearer s3cr3t" } }
    ]
  }
}
`;

describe('forward targets managed at run time', () => {
  it('lists targets with defaults, header names only', async () => {
    const { targets } = admin(FILE);
    const listed = await targets.list();
    expect(listed).toMatchObject({
      outcome: 'listed',
      targets: [{ name: 'bot', url: 'https://bot.example.com/', format: 'raw', headers: ['Authorization'] }],
    });
    expect(JSON.stringify(listed)).not.toContain('s3cr3t');
  });

  it('hides the token of a Discord webhook URL', async () => {
    const { targets } = admin(null);
    const url = 'https://discord.com/api/webhooks/123/tok-en_value?thread_id=9';
    const created = await targets.add({ name: 'd', url, format: 'discord' });
    expect(created).toMatchObject({
      outcome: 'created',
      target: { url: 'https://discord.com/api/webhooks/123/[hidden]?thread_id=9' },
    });
  });

  it('creates a target, writes and applies before answering', async () => {
    const { file, targets } = admin(FILE);
    const created = await targets.add({
      name: 'new',
      url: 'https://new.example.com/',
      events: ['EVENT_911'],
    });
    expect(created).toMatchObject({ outcome: 'created', target: { name: 'new', events: ['EVENT_911'] } });
    expect(file).toMatchObject({ writes: 1, applies: 1 });
    expect(file.saved).toEqual(['config.json saved: forward target "new" added.']);
    expect(JSON.parse(file.text!).debug).toBe(true);
    expect(await targets.get('new')).toMatchObject({ outcome: 'found', target: { name: 'new' } });
  });

  it('creates config.json when there is none', async () => {
    const { file, targets } = admin(null);
    await targets.add({ name: 'a', url: 'https://a.example.com/' });
    expect(JSON.parse(file.text!)).toEqual({
      forwarding: { targets: [{ name: 'a', url: 'https://a.example.com/' }] },
    });
  });

  it('refuses a duplicate name and an unknown target, writing nothing', async () => {
    const { file, targets } = admin(FILE);
    expect(await targets.add({ name: 'bot', url: 'https://x.example.com/' })).toEqual({
      outcome: 'duplicate',
      name: 'bot',
    });
    expect(await targets.update('nope', { format: 'raw' })).toEqual({ outcome: 'unknown', name: 'nope' });
    expect(await targets.remove('nope')).toEqual({ outcome: 'unknown', name: 'nope' });
    expect(await targets.get('nope')).toEqual({ outcome: 'unknown', name: 'nope' });
    expect(file).toMatchObject({ text: FILE, writes: 0, applies: 0 });
  });

  it('answers each invalid field with the schema message, writing nothing', async () => {
    const { file, targets } = admin(FILE);
    const refused = await targets.add({ name: 'bad name', url: 'ftp://x', format: 'xml', colour: 'red' });
    expect(refused.outcome).toBe('invalid');
    const problems = 'problems' in refused ? refused.problems : [];
    expect(problems.map((problem) => [problem.field, problem.message])).toEqual(
      expect.arrayContaining([
        ['name', 'use 1-64 letters, digits, "_", "-" or "."'],
        ['url', 'expected an http:// or https:// URL'],
        ['colour', 'not a setting here'],
      ]),
    );
    expect(problems.find((problem) => problem.field === 'url')?.line).toBe(
      'config.json forwarding.targets[1].url: expected an http:// or https:// URL',
    );
    expect(file).toMatchObject({ text: FILE, writes: 0 });
  });

  it('merge-patches a target; its name cannot change', async () => {
    const { file, targets } = admin(FILE);
    const updated = await targets.update('bot', { timeoutSeconds: 5, headers: { Authorization: null } });
    expect(updated).toMatchObject({ outcome: 'updated', target: { timeoutSeconds: 5, headers: [] } });
    expect(JSON.parse(file.text!).forwarding.targets[0]).toEqual({
      name: 'bot',
      url: 'https://bot.example.com/',
      headers: {},
      timeoutSeconds: 5,
    });
    expect(await targets.update('bot', { name: 'other' })).toMatchObject({
      outcome: 'invalid',
      problems: [{ field: 'name' }],
    });
    expect(await targets.update('bot', [1])).toMatchObject({ outcome: 'invalid' });
  });

  it('removes a target', async () => {
    const { file, targets } = admin(FILE);
    expect(await targets.remove('bot')).toEqual({ outcome: 'removed', name: 'bot' });
    expect(JSON.parse(file.text!).forwarding.targets).toEqual([]);
    expect(await targets.list()).toEqual({ outcome: 'listed', targets: [] });
  });

  it('a file broken elsewhere is reported as it is at start, and not written', async () => {
    const { file, targets } = admin('{ "maxBodyBytes": "big" }');
    const refused = await targets.add({ name: 'a', url: 'https://a.example.com/' });
    expect(refused).toMatchObject({
      outcome: 'broken',
      problems: [{ field: null, line: expect.stringMatching(/^config\.json maxBodyBytes: /) }],
    });
    expect(await admin('{ "a": ').targets.list()).toMatchObject({
      outcome: 'broken',
      problems: [{ line: expect.stringMatching(/^config\.json is not valid JSON/) }],
    });
    expect(file.writes).toBe(0);
  });

  it('a failed write changes nothing and says so', async () => {
    const { file, targets } = admin(FILE);
    file.failWrite = true;
    expect(await targets.remove('bot')).toMatchObject({
      outcome: 'failed',
      problems: [{ line: expect.stringContaining('could not be written, so nothing changed: EIO') }],
    });
    expect(file).toMatchObject({ text: FILE, applies: 0 });
  });

  it('concurrent changes lose no update', async () => {
    const { file, targets } = admin(FILE);
    const names = Array.from({ length: 20 }, (_, i) => `t${i}`);
    await Promise.all([
      ...names.map((name) => targets.add({ name, url: `https://${name}.example.com/` })),
      targets.update('bot', { maxAttempts: 3 }),
    ]);
    const saved = JSON.parse(file.text!).forwarding.targets;
    expect(saved.map((target: { name: string }) => target.name)).toEqual(['bot', ...names]);
    expect(saved[0].maxAttempts).toBe(3);
    expect(file.applies).toBe(21);
    // One change at a time: each is applied before the next is written, so each answer is about its own.
    expect(file.steps).toEqual(Array.from({ length: 21 }, () => ['write', 'apply', 'applied']).flat());
  });
});
