/**
 * A server with a small cast, for the alert tests: two officers whose CAD accounts store their ids in
 * another case or without the prefix, a civilian, a supervisor with the alert ACE, and a player whose
 * unit only shares an IP with them (which must not count).
 */
import { expect } from 'vitest';
import { LocalEvents } from '../../src/shared/events';
import type { FakePlayer, FxServer, NetEventRecord, OtherResource } from '../doubles/fxserver/double';
import { startResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';
import { TEST_KEY } from '../helpers/samples';

export const OFFICER = 1;
export const PARTNER = 2;
export const CIVILIAN = 3;
export const SUPERVISOR = 4;
export const SAME_IP = 5;

export const OFFICER_UNIT = 12;
export const PARTNER_UNIT = 13;
export const SAME_IP_UNIT = 14;

export const cast = (): FakePlayer[] => [
  {
    id: OFFICER,
    name: 'Brian',
    identifiers: ['license:3f9d2a7c5e1b4d6f', 'steam:11000010a1b2c3d', 'discord:4417', 'ip:10.0.0.5'],
    position: { x: 100, y: -200, z: 30 },
  },
  { id: PARTNER, name: 'Dana', identifiers: ['license:a1b2c3', 'fivem:555'], position: { x: 0, y: 0, z: 0 } },
  { id: CIVILIAN, name: 'Carl', identifiers: ['license:ccc111', 'ip:10.0.0.9'] },
  { id: SUPERVISOR, name: 'Sam', identifiers: ['license:ddd222'], aces: ['sonorancad.alerts'] },
  { id: SAME_IP, name: 'Eve', identifiers: ['license:eee333', 'ip:10.0.0.5'] },
];

export const unit = (
  id: number,
  ids: { apiIds?: string[]; communityUserId?: string },
  unitNum = `A-${id}`,
) => ({
  id,
  status: 2,
  isPanic: false,
  data: {
    apiIds: ids.apiIds ?? [],
    communityUserId: ids.communityUserId,
    unitNum,
    name: `Unit ${id}`,
    department: 'LSPD',
  },
});

export interface World {
  server: FxServer;
  push(type: string, data: unknown): Promise<void>;
  /** Net events of one name since the last `clearEvents`, by target. */
  sent(name: string): NetEventRecord[];
  targets(name: string): number[];
  clearEvents(): void;
  close(): Promise<void>;
}

export interface WorldOptions {
  alerts?: Record<string, unknown>;
  players?: FakePlayer[];
  /** More files in the resource folder (a postal table). */
  files?: Record<string, string>;
  /** Other resources on the server and their state (`started`, …). */
  resources?: Record<string, string>;
  /** Resources running beside ours from the start (framework stand-ins). */
  others?: OtherResource[];
  convars?: Record<string, string>;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const resource = await startResource({
    config: { alerts: options.alerts ?? {} },
    files: options.files ?? {},
    players: options.players ?? cast(),
    resources: options.resources ?? {},
    others: options.others ?? [],
    convars: { sonoran_apiKey: TEST_KEY, ...options.convars },
  });
  const { server } = resource;
  const received = () => server.localEvents.filter((event) => event.name === LocalEvents.Received).length;
  const world: World = {
    server,
    async push(type, data) {
      const before = received();
      const reply = await post(server.baseUrl, '/sonorancad/event', {
        body: JSON.stringify({ key: TEST_KEY, type, data }),
      });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.json).toEqual({ ok: true });
      // Alerts go out after the reply, in the same turn as the Received local event.
      await server.waitFor(() => received() > before);
    },
    sent: (name) => server.netEvents.filter((event) => event.name === name),
    targets: (name) =>
      world
        .sent(name)
        .map((event) => event.target)
        .sort((a, b) => a - b),
    clearEvents() {
      server.netEvents.length = 0;
      server.localEvents.length = 0;
    },
    async close() {
      try {
        server.assertHealthy();
      } finally {
        await resource.close();
      }
    },
  };
  return world;
}

/** Logs in the two officers (case and prefix differ from FXServer's) and the IP-only unit. */
export async function logInUnits(world: World): Promise<void> {
  await world.push('EVENT_UNIT_LOGIN', { unit: unit(OFFICER_UNIT, { apiIds: ['STEAM:11000010A1B2C3D'] }) });
  await world.push('EVENT_UNIT_LOGIN', { unit: unit(PARTNER_UNIT, { communityUserId: 'A1B2C3' }) });
  await world.push('EVENT_UNIT_LOGIN', { unit: unit(SAME_IP_UNIT, { apiIds: ['ip:10.0.0.5', '10.0.0.5'] }) });
  world.clearEvents();
}
