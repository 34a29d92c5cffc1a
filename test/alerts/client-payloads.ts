/** Payloads the server sends to game clients, for the client tests, and the built client to load. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type {
  AlertStyle,
  DispatchAssigned,
  EmergencyCallAlert,
  PanicAlert,
} from '../../src/shared/alert-payloads';
import { type ClientDouble, type ClientOptions, loadClient } from '../doubles/client/double';

const BUNDLE = join(__dirname, '..', '..', 'dist', 'client.js');

export function loadBuiltClient(options: ClientOptions = {}): ClientDouble {
  if (!existsSync(BUNDLE))
    throw new Error('dist/client.js is missing: run `npm run build` first (npm test does).');
  return loadClient(BUNDLE, options);
}

/** A fresh built client for each test of the file; whatever a test checks, a script error fails it. */
export function useClient(options: ClientOptions = {}): ClientDouble {
  let current: ClientDouble | undefined;
  beforeEach(() => {
    current = loadBuiltClient(options);
  });
  afterEach(() => {
    expect(current?.errors).toEqual([]);
  });
  return new Proxy({} as ClientDouble, {
    get: (_target, key) => {
      if (!current) throw new Error('The client is loaded before each test.');
      return Reflect.get(current, key);
    },
  });
}

export const look = (change: Partial<AlertStyle> = {}): AlertStyle => ({
  sound: { name: 'Beep_Red', set: 'DLC_HEIST_HACKING_SNAKE_SOUNDS' },
  blip: { sprite: 161, colour: 1, scale: 1.2, flash: true, route: true, shortRange: false },
  expireSeconds: 300,
  ui: { maxCards: 4, panicMutable: false, repeatSeconds: 10 },
  chat: false,
  notify: 'feed',
  ...change,
});

export const panic = (change: Partial<PanicAlert> = {}): PanicAlert => ({
  identId: 12,
  unit: { name: 'Brian Sosnowski', unitNum: 'A-10', department: 'MCSO' },
  position: { x: 100, y: -200, z: 30 },
  look: look(),
  raiser: true,
  ...change,
});

export const call = (change: Partial<EmergencyCallAlert> = {}): EmergencyCallAlert => ({
  callId: 1234,
  label: '911',
  emergency: true,
  caller: 'John Doe',
  location: 'Alta St / Las Lagunas Blvd',
  description: 'Shots fired outside the bank',
  postal: '8061',
  position: { x: 231.52, y: -791.23, z: 30.6 },
  look: look({ blip: { sprite: 459, colour: 1, scale: 1, flash: false, route: false, shortRange: true } }),
  raiser: true,
  ...change,
});

export const assignment = (change: Partial<DispatchAssigned> = {}): DispatchAssigned => ({
  callId: 55,
  code: '10-50',
  title: 'Vehicle collision',
  location: 'Route 68 / Joshua Rd',
  postal: '3021',
  description: 'Two vehicles, one overturned',
  position: { x: 1200.5, y: 2650.25, z: 38 },
  look: look({
    sound: { name: 'Event_Start_Text', set: 'GTAO_FM_Events_Soundset' },
    blip: { sprite: 280, colour: 5, scale: 1, flash: false, route: true, shortRange: false },
    expireSeconds: 1800,
  }),
  ...change,
});
