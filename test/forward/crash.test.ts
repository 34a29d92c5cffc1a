/**
 * The standalone relay in a child process, killed with SIGKILL while it delivers and takes pushes, and started again on
 * the same DATA_DIR: every push it answered 200 reaches the target (duplicates carry the same webhook-id).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver, until } from '../helpers/receiver';
import { freePort, type RelayProcess, startRelay } from '../helpers/relay-process';
import { pushes } from './harness';

const KEY = 'crash-test-key-0d7e21';
/** Pushes a few ms apart outpace deliveries of 8 ms each; they go on until the third relay has taken some. */
const PUSH_GAP_MS = 4;
const LAST_RELAY_PUSHES = 10;
const MAX_PUSHES = 5_000;
/** Three relay starts and a few hundred deliveries take a few seconds; a machine busy with other runs, many times that. */
const TEST_TIMEOUT_MS = 120_000;
const WAIT_MS = 45_000;
const work = mkdtempSync(join(tmpdir(), 'sonorancad-crash-'));

/** Every relay started, so a failing test still kills what it left running. */
const started: RelayProcess[] = [];
const relayOn = async (port: number, root: string, dataDir: string) => {
  const relay = await startRelay({ port, root, dataDir, env: { SONORAN_API_KEY: KEY } });
  started.push(relay);
  return relay;
};

afterAll(async () => {
  for (const relay of started) await relay.kill();
  rmSync(work, { recursive: true, force: true });
});

const callIdOf = (body: string) => (JSON.parse(body).data as { call: { callId: number } }).call.callId;

describe('the relay killed mid-delivery', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver(() => ({ delayMs: 8 }));
  });
  afterAll(() => receiver.close());

  it('delivers every accepted event after each restart', { timeout: TEST_TIMEOUT_MS }, async () => {
    const root = join(work, 'root');
    const dataDir = join(work, 'data');
    mkdirSync(root);
    writeFileSync(
      join(root, 'config.json'),
      JSON.stringify({ forwarding: { targets: [{ name: 'sink', url: receiver.url }] } }),
    );
    const port = await freePort();
    const accepted = new Set<number>();
    let relay = await relayOn(port, root, dataDir);
    const outputs = [relay.output];
    const waitFor = (predicate: () => boolean, what: string) =>
      until(predicate, what, WAIT_MS).catch((error: Error) => {
        const state = `${receiver.requests.length} deliveries, ${accepted.size} pushes accepted`;
        throw new Error(`${error.message} (${state}); the relay printed:\n${relay.output()}`);
      });

    // Pushes keep coming, a few ms apart, while the kills land: the relays that follow receive some too,
    // while the journal still holds what their predecessor had not delivered.
    let generation = 0;
    const acceptedBy = [0, 0, 0];
    const pushing = (async () => {
      for (let callId = 1; acceptedBy[2]! < LAST_RELAY_PUSHES && callId <= MAX_PUSHES; callId += 1) {
        await new Promise((resolve) => setTimeout(resolve, PUSH_GAP_MS));
        try {
          const response = await fetch(`http://127.0.0.1:${port}/sonorancad/event`, {
            method: 'POST',
            body: JSON.stringify({ key: KEY, ...pushes.call911(callId) }),
          });
          if (response.status === 200) {
            accepted.add(callId);
            acceptedBy[generation]! += 1;
          }
        } catch (error) {
          // Refused: no relay is listening (it is restarting), so nothing was received; send it again
          // rather than run through the remaining pushes before the relay is back.
          if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') {
            callId -= 1;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          // Otherwise the relay was killed before it answered: not accepted, so not owed.
        }
      }
    })();

    for (const after of [20, 60]) {
      await waitFor(() => receiver.requests.length >= after, `${after} deliveries`);
      await relay.kill();
      relay = await relayOn(port, root, dataDir);
      generation += 1;
      outputs.push(relay.output);
    }
    await pushing;
    expect(accepted.size).toBeGreaterThan(60);
    expect(acceptedBy[0]).toBeGreaterThan(0);
    expect(acceptedBy[2]).toBe(LAST_RELAY_PUSHES);

    const delivered = () => new Set(receiver.requests.map((request) => callIdOf(request.body)));
    await waitFor(() => [...accepted].every((callId) => delivered().has(callId)), 'every accepted event');
    await relay.kill();

    // A duplicate (an attempt the kill cut short) is the same message: same id, same bytes.
    const firstSeen = new Map<number, { id: unknown; body: string }>();
    for (const request of receiver.requests) {
      const callId = callIdOf(request.body);
      const first = firstSeen.get(callId);
      if (first) expect({ id: request.headers['webhook-id'], body: request.body }).toEqual(first);
      else firstSeen.set(callId, { id: request.headers['webhook-id'], body: request.body });
    }
    expect(
      outputs.filter((output) => output().includes('undelivered event(s) from the journal')),
    ).not.toHaveLength(0);
  });
});
