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
