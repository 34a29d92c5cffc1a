/** Lines the journal or dead-letter file cannot use (not JSON, the wrong shape, cut short) are skipped and counted; the rest replays. */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReceiver, until } from '../helpers/receiver';
import { pushes, startForwarder, trackOpen } from './harness';

const track = trackOpen();
const NO_RETRY = { retry: { firstDelaySeconds: 3600 } };
const identOf = (body: string) => (JSON.parse(body).data as { identIds: number[] }).identIds[0];

/** The issue's own line: valid JSON, an event line's fields, but no `raw`. */
const WRONG_SHAPE = '{"s":0,"id":"x","at":0,"type":"EVENT_911","to":["a"]}';

describe('journal replay', () => {
  it('skips lines that are not JSON or of the wrong shape, says how many, and replays every other event in order', async () => {
    const receiver = track(await startReceiver(() => ({ status: 503 })));
    const config = { targets: [{ name: 'a', url: receiver.url }], ...NO_RETRY };
    const first = track(startForwarder({ forwarding: config }));
    first.push(pushes.panic(1));
    first.push(pushes.panic(2));
    first.stop();
    const path = join(first.forwardDir, 'journal.ndjson');
    const [one, two] = readFileSync(path, 'utf8').split('\n');
    // Odd lines before, between and after the good ones, and a last line cut short.
    const odd = [
      WRONG_SHAPE,
      'not json at all',
      '{"s":"7","t":"a"}',
      '[1,2,3]',
      '{"s":3,"id":"msg_y","at":0,"type":"EVENT_911","to":"a","raw":"{}"}',
    ];
    writeFileSync(
      path,
      `${odd[0]}\n${one}\n${odd[1]}\n${odd[2]}\n${two}\n${odd[3]}\n${odd[4]}\n{"s":9,"id":"msg_cut"`,
    );

    receiver.respond = () => ({});
    const second = track(startForwarder({ forwarding: config, dataDir: first.dataDir }));
    expect(second.logs).toContain('[test] warn: Journal: skipped 6 unreadable lines; replaying the rest.');
    expect(second.logs).toContain('[test] Replaying 2 undelivered event(s) from the journal.');
    await until(() => receiver.requests.length === 2, 'both events');
    expect(receiver.requests.map((request) => identOf(request.body))).toEqual([1, 2]);
    // Rewritten at start: the odd lines are gone, and a new event starts on a line of its own.
    second.push(pushes.panic(3));
    await until(() => receiver.requests.length === 3, 'the next event');
    for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean))
      expect(() => JSON.parse(line)).not.toThrow();
  });

  it('replays the events after a cut line, and the next event written is readable', async () => {
    const receiver = track(await startReceiver(() => ({ status: 503 })));
    const config = { targets: [{ name: 'a', url: receiver.url }], ...NO_RETRY };
    const first = track(startForwarder({ forwarding: config }));
    first.push(pushes.panic(1));
    first.stop();
    const path = join(first.forwardDir, 'journal.ndjson');
    appendFileSync(path, '{"s":5,"id":"msg_cut","at":1,"ty');
    const second = track(startForwarder({ forwarding: config, dataDir: first.dataDir }));
    second.push(pushes.panic(2));
    second.stop();

    receiver.respond = () => ({});
    const third = track(startForwarder({ forwarding: config, dataDir: first.dataDir }));
    expect(third.logs.filter((line) => line.includes('unreadable'))).toEqual([]);
    await until(() => receiver.requests.length >= 2, 'both events');
    expect(new Set(receiver.requests.map((request) => identOf(request.body)))).toEqual(new Set([1, 2]));
  });
});

describe('dead-letter replay', () => {
  it('re-queues every readable letter of the target, counts the rest and leaves them in the file', async () => {
    const receiver = track(await startReceiver(() => ({ status: 422 })));
    const harness = track(startForwarder({ forwarding: { targets: [{ name: 'a', url: receiver.url }] } }));
    for (let id = 1; id <= 3; id += 1) harness.push(pushes.panic(id));
    const path = join(harness.forwardDir, 'dead-letters.ndjson');
    const lines = () => readFileSync(path, 'utf8').split('\n').filter(Boolean);
    await until(() => lines().length === 3, 'three dead letters');
    const [one, two, three] = lines();
    const odd = [
      '{"id":"msg_x","target":"a"}',
      'garbage',
      '{"id":"msg_z","at":1,"type":"T","target":"a","reason":"r","deadAt":"soon"}',
    ];
    writeFileSync(path, `${one}\n${odd[0]}\n${two}\n${odd[1]}\n${odd[2]}\n${three}\n`);

    receiver.respond = () => ({});
    expect(harness.forwarder.replay('a')).toBe(3);
    expect(harness.logs).toContain(
      '[test] warn: Dead letters: skipped 3 unreadable lines; they stay in the file as they were.',
    );
    await until(() => receiver.requests.length === 6, 'the replayed events');
    expect(receiver.requests.slice(3).map((request) => identOf(request.body))).toEqual([1, 2, 3]);
    expect(lines()).toEqual(odd);
  });
});
