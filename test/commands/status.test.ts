/** `sonorancad status` through the FXServer double: what an operator reads in the console. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { duration } from '../../src/core/commands/duration';
import { NetEvents } from '../../src/shared/events';
import { startResource, type TestResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { type Receiver, startReceiver } from '../helpers/receiver';
import { sampleText } from '../helpers/samples';

const EVENT = '/sonorancad/event';
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

let res: TestResource | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await res?.close();
  await receiver?.close();
  res = undefined;
  receiver = undefined;
});

/** The lines one `sonorancad status` printed to the console. */
function status(resource: TestResource): string[] {
  const from = resource.server.logs.length;
  resource.server.runCommand('sonorancad', 0, ['status']);
  return resource.server.logs.slice(from).map((line) => line.replace(/^\[[^\]]+\] /, ''));
}

describe('sonorancad status', () => {
  it('starts from nothing: version, uptime, no events, no targets', async () => {
    res = await startResource();
    expect(status(res)).toEqual([
      expect.stringMatching(
        new RegExp(`^sonorancad ${version.replaceAll('.', '\\.')}, up \\d+ m?s; API key from the convar`),
      ),
      'Events received: none since start.',
      'Last event: none since start.',
      'Wrong or missing keys: 0.',
      'CAD units logged in: 0; no dispatcher online.',
      'Replies: none yet.',
      'Websocket: off, not set: community ID (sonoran_communityID, SONORAN_COMMUNITY_ID for the relay, or communityID), server id ' +
        '(sonoran_serverId, SONORAN_SERVER_ID for the relay, or serverId). Pushes arrive over HTTP only.',
      'Pushes by transport: websocket 0, HTTP 0; duplicates dropped 0.',
      'Forwarding: no targets configured.',
    ]);
  });

  it('counts events by type, wrong keys and replies by status, and says when the last event came', async () => {
    res = await startResource();
    const base = res.server.baseUrl;
    for (const file of ['EVENT_UNIT_LOGIN.json', 'EVENT_UNIT_LOGIN.json', 'EVENT_TONE.json']) {
      expect((await post(base, EVENT, { body: sampleText(file) })).status).toBe(200);
    }
    expect((await post(base, EVENT, { body: sampleText('EVENT_TONE.json', 'wrong-key') })).status).toBe(401);
    expect((await post(base, EVENT, { body: '{' })).status).toBe(400);

    const lines = status(res);
    expect(lines).toContain('Events received: 3 (EVENT_UNIT_LOGIN 2, EVENT_TONE 1).');
    expect(lines).toContain('Wrong or missing keys: 1.');
    expect(lines).toContain('Replies: 200 ×3, 400 ×1, 401 ×1.');
    const last = lines.find((line) => line.startsWith('Last event:'));
    expect(last).toMatch(/^Last event: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, \d+ m?s ago\.$/);
    const at = Date.parse(
      `${last!.slice('Last event: '.length, 'Last event: '.length + 19).replace(' ', 'T')}Z`,
    );
    expect(Math.abs(Date.now() - at)).toBeLessThan(5_000);
  });

  it('shows each forward target: health, queue depth and the last error', async () => {
    receiver = await startReceiver(() => ({ status: 500 }));
    res = await startResource({ config: { forwarding: { targets: [{ name: 'hook', url: receiver.url }] } } });
    expect((await post(res.server.baseUrl, EVENT, { body: sampleText('EVENT_TONE.json') })).status).toBe(200);
    await res.server.waitFor(() => receiver!.requests.length >= 1);
    let lines: string[] = [];
    await res.server.waitFor(() => {
      lines = status(res!);
      return lines.some((line) => line.includes('RETRYING'));
    });
    expect(lines).toContainEqual(expect.stringMatching(/^Forwarding: 1 undelivered \(at most 20000\)/));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {2}hook \[raw\]: RETRYING in \S+ \w+; queued 1, in flight 0, delivered 0, failed 1, dead-lettered 0; last error \d+ m?s ago: .*500/,
      ),
    );
  });

  it('says when no API key is set', async () => {
    res = await startResource({ convars: {} });
    expect(status(res)[0]).toMatch(/; NO API KEY, so every push is answered 503\.$/);
  });

  it('explains a broken config.json instead of going missing', async () => {
    res = await startResource({ config: { cache: { maxUnits: 0 } } });
    const lines = status(res);
    expect(lines[0]).toBe('NOT RUNNING: config.json is invalid, so every push is answered 503.');
    expect(lines[1]).toMatch(/^ {2}config\.json cache\.maxUnits: .*>=1/);
    expect(lines.at(-1)).toContain('README.md, section "Configuration"');
  });

  it('answers a player with the admin ACE in chat, and refuses one without it', async () => {
    res = await startResource({
      players: [
        { id: 1, name: 'Admin', identifiers: ['license:1'], aces: ['sonorancad.admin'] },
        { id: 2, name: 'Player', identifiers: ['license:2'] },
      ],
    });
    const chat = (player: number) =>
      res!.server.netEvents
        .filter((event) => event.name === NetEvents.ChatMessage && event.target === player)
        .map((event) => (event.args[0] as { args: string[] }).args[1]);
    const logsBefore = res.server.logs.length;

    res.server.runCommand('sonorancad', 2, ['status']);
    expect(chat(2)).toEqual(['You need the ACE sonorancad.admin to run "sonorancad status".']);
    expect(res.server.logs.slice(logsBefore).join('\n')).not.toContain('Events received');

    res.server.runCommand('sonorancad', 1, ['status']);
    expect(chat(1)).toContain('Events received: none since start.');
  });
});

describe('duration', () => {
  it.each([
    [850, '850 ms'],
    [5_400, '5 s'],
    [61_000, '1 min 1 s'],
    [3_600_000, '1 h'],
    [2 * 86_400_000 + 3 * 3_600_000 + 59_000, '2 d 3 h'],
  ])('%d ms reads %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});
