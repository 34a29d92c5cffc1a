/** The built client in the players' language: the locale convar changes what a card and a feed line say. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NetEvents } from '../../src/shared/events';
import { call, loadBuiltClient, look, panic } from '../alerts/client-payloads';
import type { ClientDouble } from '../doubles/client/double';

let client: ClientDouble;
afterEach(() => {
  expect(client.errors).toEqual([]);
});

function cardTitles(): string[] {
  return client.nui.messages.flatMap((message) => {
    const { type, card } = message as { type: string; card?: { title: string } };
    return type === 'card' && card ? [card.title] : [];
  });
}

describe('the client in the locale the convar names', () => {
  it('English without a convar', () => {
    client = loadBuiltClient();
    client.receive(NetEvents.PanicAlert, panic());
    expect(client.feed[0]?.text).toContain('PANIC BUTTON');
    expect(client.feed[0]?.text).toContain('Their position is marked on your map.');
  });

  it('sonorancad:locale de: feed line, card, page strings and key mappings in German', () => {
    client = loadBuiltClient({ convars: { 'sonorancad:locale': 'de', 'ox:locale': 'fr' } });
    client.receive(NetEvents.PanicAlert, panic());
    expect(client.feed[0]?.text).toContain('PANIKKNOPF');
    expect(client.feed[0]?.text).toContain('Die Position ist auf deiner Karte markiert.');
    const answer = client.nuiCallback('ready', {}) as { strings: Record<string, string> };
    expect(answer.strings['card.respond']).toBe('Ausrücken');
    expect(answer.strings['ago.minutes']).toBe('vor %s min');
    client.receive(NetEvents.EmergencyCall, call({ look: look({ notify: 'nui' }) }));
    expect(cardTitles()).toContain('911-Anruf #1234');
    expect(client.keyMappings.find((mapping) => mapping.command === 'cadroute')?.description).toBe(
      'Sonoran CAD: Route zum neuesten Alarm',
    );
  });

  it('ox:locale alone chooses the language when sonorancad:locale is unset', () => {
    client = loadBuiltClient({ convars: { 'ox:locale': 'fr' } });
    client.receive(NetEvents.EmergencyCall, call());
    expect(client.feed[0]?.text).toContain('Appel 911 n°1234');
    expect(client.feed[0]?.text).toContain('Appelant : John Doe');
  });

  it('without the alert page, tones, pages and station alerts are notices in the convar language', () => {
    const notices = (convars: Record<string, string>) => {
      client = loadBuiltClient({ convars });
      client.advance(10_000); // the page never says ready
      const playback = { allowedHosts: ['s3.sonoransoftware.com'], maxSeconds: 10 };
      const url = 'https://s3.sonoransoftware.com/tones/structure.mp3';
      client.receive(NetEvents.Tone, { url, refused: null, label: 'Engine 7', ...playback });
      client.receive(NetEvents.Page, {
        nature: 'Emergency',
        body: 'Structure fire',
        addresses: ['Station 1'],
      });
      client.receive(NetEvents.StationAlert, {
        stations: ['Station 1', 'Station 2'],
        message: 'Structure fire',
        messageAudio: null,
        colors: [],
        tone: null,
        ...playback,
      });
      return client.feed.map((line) => line.text);
    };
    const english = notices({});
    expect(english[0]).toContain('Tone: Engine 7');
    expect(english[0]).toContain('Not played: the alert page did not load.');
    expect(english[1]).toContain('EMERGENCY PAGE');
    expect(english[2]).toContain('Station alert: Station 1, Station 2');
    const dutch = notices({ 'sonorancad:locale': 'nl' });
    expect(dutch).toHaveLength(3);
    expect(dutch[0]).toContain('Toon: Engine 7');
    expect(dutch[0]).toContain('Niet afgespeeld: de meldingspagina is niet geladen.');
    expect(dutch[1]).toContain('SPOEDOPROEP');
    expect(dutch[2]).toContain('Kazernealarm: Station 1, Station 2');
  });

  it('a key the language file lacks reads in English; a missing file is one warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sonorancad-locale-'));
    try {
      cpSync(join(__dirname, '..', '..', 'locales'), join(dir, 'locales'), { recursive: true });
      writeFileSync(join(dir, 'locales', 'de.json'), JSON.stringify({ 'panic.title': 'PANIKKNOPF' }));
      client = loadBuiltClient({ convars: { 'sonorancad:locale': 'de' }, resourceDir: dir });
      client.receive(NetEvents.PanicAlert, panic());
      expect(client.feed[0]?.text).toContain('PANIKKNOPF');
      expect(client.feed[0]?.text).toContain('Their position is marked on your map.');

      client = loadBuiltClient({ convars: { 'sonorancad:locale': 'pt' }, resourceDir: dir });
      expect(client.warnings).toEqual([
        '[sonorancad] Locale "pt": locales/pt.json is missing; its texts are in English.',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
