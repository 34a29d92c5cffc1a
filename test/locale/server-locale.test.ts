/** Replies to the players' mute command in the language the server's convar names. */
import { afterEach, describe, expect, it } from 'vitest';
import { NetEvents } from '../../src/shared/events';
import { OFFICER, startWorld, type World } from '../alerts/world';

let world: World;
afterEach(async () => {
  await world.close();
});

const replies = () => world.sent(NetEvents.ChatMessage).map((event) => event.args[0]);

describe('the mute command in the server locale', () => {
  it('answers players in the convar language, the console in English', async () => {
    world = await startWorld({ convars: { 'sonorancad:locale': 'de' } });
    world.server.runCommand('cadalerts', OFFICER, ['off']);
    world.server.runCommand('cadalerts', OFFICER, ['maybe']);
    expect(replies()).toEqual([
      { args: ['CAD-Alarme', 'Stummgeschaltet. Mit /cadalerts on kommen sie zurück.'] },
      { args: ['CAD-Alarme', 'Verwendung: /cadalerts off|on'] },
    ]);
    world.server.runCommand('cadalerts', 0, []);
    expect(world.server.logs.at(-1)).toBe(
      'CAD alerts: /cadalerts is for players: it mutes alerts for whoever types it.',
    );
  });

  it('switching the convar applies at the next reload', async () => {
    world = await startWorld({ convars: { 'ox:locale': 'tr' } });
    world.server.runCommand('cadalerts', OFFICER, ['on']);
    world.server.setConvar('ox:locale', 'es');
    world.server.runCommand('sonorancad', 0, ['reload']);
    await world.server.waitFor(() => world.server.logs.some((line) => /reload/i.test(line)));
    world.server.runCommand('cadalerts', OFFICER, ['on']);
    expect(replies()).toEqual([
      { args: ['CAD uyarıları', 'Açık. /cadalerts off ile sessize alınır.'] },
      { args: ['Alertas del CAD', 'Activadas. /cadalerts off las silencia.'] },
    ]);
  });
});
