/**
 * A server for the tone, page and station tests: units of several departments, subdivisions, agencies
 * and groups, one logged out again, one without a player, a civilian and a tone supervisor.
 */
import type { FakePlayer } from '../doubles/fxserver/double';
import type { World } from './world';

export const ADAM = 1;
export const LADDER = 2;
export const DEPUTY = 3;
export const GONE = 4;
export const CIVILIAN = 5;
export const TONE_SUPERVISOR = 6;

export const crew = (): FakePlayer[] => [
  { id: ADAM, name: 'Ada', identifiers: ['license:a01'], position: { x: 400, y: 400, z: 0 } },
  { id: LADDER, name: 'Lou', identifiers: ['license:a02'], position: { x: 500, y: 500, z: 0 } },
  { id: DEPUTY, name: 'Dee', identifiers: ['license:a03'], position: { x: 100, y: 100, z: 0 } },
  { id: GONE, name: 'Gus', identifiers: ['license:a04'], position: { x: 5, y: 5, z: 0 } },
  { id: CIVILIAN, name: 'Cy', identifiers: ['license:a05'], position: { x: 10, y: 10, z: 0 } },
  {
    id: TONE_SUPERVISOR,
    name: 'Sue',
    identifiers: ['license:a06'],
    aces: ['sonorancad.alerts.tone'],
    position: { x: 900, y: 900, z: 0 },
  },
];

const unit = (id: number, license: string, data: Record<string, unknown>) => ({
  id,
  status: 1,
  data: { apiIds: [`LICENSE:${license.toUpperCase()}`], name: `Unit ${id}`, ...data },
});

/** Unit ids: each player's unit is 20 + their server id; unit 29 has no player online. */
export const unitOf = (player: number) => 20 + player;
export const NOBODY_UNIT = 29;

export async function logInCrew(world: World): Promise<void> {
  const units = [
    unit(21, 'a01', {
      unitNum: 'A-21',
      department: 'LSPD',
      subdivision: 'Patrol',
      group: 'Adam 1',
      district: 'North',
    }),
    unit(22, 'a02', {
      unitNum: 'L-61',
      department: 'LSFD',
      subdivision: 'Fire Rescue',
      group: 'Ladder 61',
      agency: 'County Fire',
      district: 'South',
    }),
    unit(23, 'a03', { unitNum: 'S-3', department: 'BCSO', subdivision: ' patrol ', district: 'north' }),
    unit(24, 'a04', { unitNum: 'A-24', department: 'LSPD', subdivision: 'Patrol' }),
    unit(29, 'zzz', { unitNum: 'A-29', department: 'LSPD', subdivision: 'Patrol' }),
  ];
  for (const data of units) await world.push('EVENT_UNIT_LOGIN', { unit: data });
  await world.push('EVENT_UNIT_LOGOUT', { identId: 24 });
  world.clearEvents();
}
