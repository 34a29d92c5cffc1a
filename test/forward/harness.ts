/** A forwarder on a temporary data folder, fed pushes the way the pipeline feeds it, with every log line kept. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ForwardingSchema, resolveForwarding } from '../../src/core/forward/config';
import {
  createForwarder,
  FORWARD_DIR,
  type ForwardCarry,
  type Forwarder,
} from '../../src/core/forward/forwarder';
import type { FileSystem } from '../../src/core/forward/storage/file-system';
import { createLogger } from '../../src/core/log';
import type { Timers } from '../../src/core/runtime';
import { parseEnvelope } from '../../src/core/validate/envelope';
import { validatePush } from '../../src/core/validate/validate';
import { nodeTimers } from '../../src/standalone/node-runtime';
import { type Receiver, until } from '../helpers/receiver';

export const API_KEY = 'forward-test-key-51f0c9';

/** Timers on a clock that moves only when a test moves it. `delays` records every wait asked for. */
export interface ManualTimers extends Timers {
  delays: number[];
  /** Moves the clock to `at`, firing in order every timer due by then. */
  advanceTo(at: number): void;
}

/**
 * A request takes no time on this clock, so a retry schedule plays out the same however loaded the
 * machine is: a 60 s backoff is exactly 60 s, and a timeout never fires unless the clock is moved past it.
 */
export function manualTimers(): ManualTimers {
  let now = Date.now();
  let nextId = 0;
  const pending = new Map<number, { at: number; fn: () => void; every: number | null }>();
  const schedule = (fn: () => void, ms: number, every: number | null) => {
    nextId += 1;
    pending.set(nextId, { at: now + ms, fn, every });
    return nextId;
  };
  const cancel = (handle: unknown) => {
    pending.delete(handle as number);
  };
  const delays: number[] = [];
  return {
    delays,
    now: () => now,
    setTimeout(fn, ms) {
      delays.push(ms);
      return schedule(fn, ms, null);
    },
    clearTimeout: cancel,
    setInterval: (fn, ms) => schedule(fn, ms, Math.max(1, ms)),
    clearInterval: cancel,
    advanceTo(at) {
      for (;;) {
        const due = [...pending].filter(([, timer]) => timer.at <= at).sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        const [id, timer] = due;
        now = Math.max(now, timer.at);
        if (timer.every === null) pending.delete(id);
        else timer.at += timer.every;
        timer.fn();
      }
      now = Math.max(now, at);
    },
  };
}

/**
 * Plays the first target's retries on a manual clock: whenever its lane sleeps, the clock jumps to the
 * wake-up. Returns once `done` holds; fails naming `what` if the lane neither sleeps nor gets there.
 */
export async function playRetries(
  harness: Harness,
  timers: ManualTimers,
  done: () => boolean,
  what: string,
): Promise<void> {
  const lane = () => harness.forwarder.status().targets[0]!;
  for (;;) {
    await until(() => done() || lane().nextAttemptAt !== null, what);
    if (done()) return;
    timers.advanceTo(lane().nextAttemptAt!);
  }
}

export interface HarnessOptions {
  /** The `forwarding` section of config.json. */
  forwarding: Record<string, unknown>;
  /** The official keys, as config.json would hold them. */
  legacyUrl?: string;
  timers?: Timers;
  /** Reuse a data folder, as a restart does. */
  dataDir?: string;
  /** Convars / environment variables. */
  settings?: Record<string, string>;
  /** The file system the storage writes through (a failing one, see storage-faults.ts). */
  fileSystem?: FileSystem;
  /** What a previous forwarder's stop() handed over, as a reload does. */
  carried?: ForwardCarry;
}

export interface Harness {
  forwarder: Forwarder;
  dataDir: string;
  forwardDir: string;
  logs: string[];
  /** Accepts a push as the pipeline does; returns the exact body "received". */
  push(body: Record<string, unknown>): string;
  /** Stops, handing over what is still owed (as a reload does). */
  stop(): ForwardCarry;
  /** Stops and deletes the data folder. */
  dispose(): void;
}

export function startForwarder(options: HarnessOptions): Harness {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sonorancad-forward-'));
  const logs: string[] = [];
  const log = createLogger({ print: (line) => logs.push(line), secrets: () => [API_KEY] }, 'test');
  const forwarding = ForwardingSchema.parse(options.forwarding);
  const settings = resolveForwarding({
    forwarding,
    enablePushEventForwarding: options.legacyUrl !== undefined,
    pushEventForwardUrl: options.legacyUrl,
  });
  const forwarder = createForwarder({
    settings,
    dataDir,
    apiKey: API_KEY,
    setting: (name) => options.settings?.[name],
    timers: options.timers ?? nodeTimers,
    log,
    source: 'sonorancad',
    random: () => 0.5,
    fileSystem: options.fileSystem,
  });
  forwarder.start(options.carried);
  return {
    forwarder,
    dataDir,
    forwardDir: join(dataDir, FORWARD_DIR),
    logs,
    push(body) {
      const raw = JSON.stringify({ key: API_KEY, ...body });
      const parsed = parseEnvelope(raw);
      if (!parsed.ok) throw new Error(parsed.message);
      forwarder.enqueue(parsed.envelope, validatePush(parsed.envelope));
      return raw;
    },
    stop: () => forwarder.stop(),
    dispose() {
      forwarder.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Small valid pushes, one distinct id each. */
export const pushes = {
  panic: (identId: number) => ({ type: 'EVENT_UNIT_PANIC', data: { identIds: [identId], isPanic: true } }),
  call911: (callId: number) => ({
    type: 'EVENT_911',
    data: {
      call: {
        callId,
        isEmergency: true,
        caller: 'JOHN DOE',
        location: 'Route 68',
        description: 'Shots fired',
      },
    },
  }),
  dispatchNew: (callId: number) => ({
    type: 'EVENT_DISPATCH_NEW',
    data: {
      dispatch: {
        callId,
        title: 'Traffic stop',
        code: '10-38',
        address: 'Vinewood Blvd',
        notes: [],
        idents: [],
      },
    },
  }),
  unitLogout: (identId: number) => ({ type: 'EVENT_UNIT_LOGOUT', data: { identId } }),
};

/** Returns `track(item)`: whatever a test tracks is disposed or closed after it, pass or fail. */
export function trackOpen(): <T extends Harness | Receiver>(item: T) => T {
  const open: (Harness | Receiver)[] = [];
  afterEach(async () => {
    for (const item of open.splice(0)) {
      if ('dispose' in item) item.dispose();
      else await item.close();
    }
  });
  return (item) => {
    open.push(item);
    return item;
  };
}
