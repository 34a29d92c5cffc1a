/** Texts the server makes for players (mute replies, tone labels) in the language the convar names. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ToneAlert } from '../../src/shared/cad-audio-payloads';
import { NetEvents } from '../../src/shared/events';
import { ADAM, crew, logInCrew, TONE_SUPERVISOR } from '../alerts/crew';
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

describe('tone labels in the server locale', () => {
  const URL = 'https://s3.sonoransoftware.com/tones/structure.mp3';
  /** Each player's label for one tone pushed with these targets. */
  async function labels(playTonesTo: unknown[]): Promise<[number, string][]> {
    world.clearEvents();
    await world.push('EVENT_TONE', { url: URL, playTonesTo });
    return world.sent(NetEvents.Tone).map((event) => [event.target, (event.args[0] as ToneAlert).label]);
  }

  it('a target without a label reads in the convar language, and follows it at the next reload', async () => {
    world = await startWorld({
      players: crew(),
      alerts: { tone: { recipients: ['targets', 'ace'] } },
      convars: { 'sonorancad:locale': 'de' },
    });
    await logInCrew(world);
    expect((await labels([{ type: 0, value: '' }])).find(([player]) => player === ADAM)?.[1]).toBe(
      'Alle Einheiten',
    );
    expect(await labels([{ type: 1, value: 777 }])).toEqual([[TONE_SUPERVISOR, 'Einsatz 777']]);
    expect(await labels([])).toEqual([[TONE_SUPERVISOR, 'Ton']]);

    world.server.setConvar('sonorancad:locale', 'fr');
    world.server.runCommand('sonorancad', 0, ['reload']);
    await world.server.waitFor(() => world.server.logs.some((line) => /reload/i.test(line)));
    expect(await labels([])).toEqual([[TONE_SUPERVISOR, 'Tonalité']]);
    expect((await labels([{ type: 0, value: '' }])).find(([player]) => player === ADAM)?.[1]).toBe(
      'Toutes les unités',
    );
  });
});
