/** A forwarder on a temporary data folder, fed pushes the way the pipeline feeds it, with every log line kept. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ForwardingSchema, resolveForwarding } from '../../src/core/forward/config';
import { createForwarder, FORWARD_DIR, type Forwarder } from '../../src/core/forward/forwarder';
import { createLogger } from '../../src/core/log';
import type { Timers } from '../../src/core/runtime';
import { parseEnvelope } from '../../src/core/validate/envelope';
import { validatePush } from '../../src/core/validate/validate';
import { nodeTimers } from '../../src/standalone/node-runtime';
import type { Receiver } from '../helpers/receiver';

export const API_KEY = 'forward-test-key-51f0c9';

export const realTimers: Timers = nodeTimers;

/**
 * A clock running `scale` times faster than real time, and timers firing that much sooner: a 60 s
 * backoff takes 60 ms. `delays` records every wait asked for, in the forwarder's own milliseconds.
 */
export function fastTimers(scale = 1000): Timers & { delays: number[] } {
  const origin = Date.now();
  const delays: number[] = [];
  return {
    ...realTimers,
    delays,
    now: () => origin + (Date.now() - origin) * scale,
    setTimeout: (fn, ms) => {
      delays.push(ms);
      return setTimeout(fn, ms / scale);
    },
  };
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
}

export interface Harness {
  forwarder: Forwarder;
  dataDir: string;
  forwardDir: string;
  logs: string[];
  /** Accepts a push as the pipeline does; returns the exact body "received". */
  push(body: Record<string, unknown>): string;
  stop(): void;
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
    timers: options.timers ?? realTimers,
    log,
    source: 'sonorancad',
    random: () => 0.5,
  });
  forwarder.start();
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
