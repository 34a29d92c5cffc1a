/** The built dist/client.js in a client-runtime double: what players see, hear and find on the map. */
import { describe, expect, it } from 'vitest';
import { NetEvents } from '../../src/shared/events';
import { call, look, panic, useClient } from './client-payloads';

// A script error or a misused native fails any test.
const client = useClient();

const liveBlips = () => [...client.blips.values()];
const called = (name: string) => client.calls.filter((c) => c.name === name);
/** Natives called since loading, which registers the route command and its key mapping. */
const REGISTRATION = new Set(['RegisterCommand', 'RegisterKeyMapping', 'RegisterNuiCallback']);
const alertCalls = () => client.calls.filter((c) => !REGISTRATION.has(c.name));

function expectClean(): void {
  expect(client.errors).toEqual([]);
  expect(client.warnings).toEqual([]);
}

describe('the client sandbox', () => {
  it('offers no Node or browser API', () => {
    for (const name of [
      'require',
      'process',
      'Buffer',
      'fetch',
      'window',
      'document',
      'TextEncoder',
      'URL',
    ]) {
      expect(client.evaluate(`typeof ${name}`), name).toBe('undefined');
    }
  });

  it('loads registering the route command, the card keys and the page callbacks, without failing', () => {
    expect(new Set(client.calls.map((c) => c.name))).toEqual(REGISTRATION);
    expect(client.keyMappings).toEqual([
      {
        command: 'cadroute',
        description: 'Sonoran CAD: route to the latest alert',
        mapper: 'keyboard',
        key: '',
      },
      {
        command: 'cadalerts_respond',
        description: 'Sonoran CAD: respond to the card on top',
        mapper: 'keyboard',
        key: 'HOME',
      },
      {
        command: 'cadalerts_previous',
        description: 'Sonoran CAD: previous alert card',
        mapper: 'keyboard',
        key: 'PAGEUP',
      },
      {
        command: 'cadalerts_next',
        description: 'Sonoran CAD: next alert card',
        mapper: 'keyboard',
        key: 'PAGEDOWN',
      },
      {
        command: 'cadalerts_acknowledge',
        description: 'Sonoran CAD: acknowledge a panic, dismiss any other card',
        mapper: 'keyboard',
        key: 'END',
      },
    ]);
    expect([...client.nui.callbacks.keys()]).toEqual([
      'audioFailed',
      'ready',
      'saveSettings',
      'closeSettings',
    ]);
    expectClean();
  });

  it('fails loudly on a native it does not provide, and warns on an oversized text component', () => {
    client.evaluate(`onNet('probe', () => {
      BeginTextCommandThefeedPost('STRING');
      AddTextComponentSubstringPlayerName('${'x'.repeat(100)}');
      EndTextCommandThefeedPostTicker(false, true);
      SetPlayerWantedLevel(PlayerId(), 5, false);
    })`);
    client.receive('probe');
    expect(client.warnings).toEqual([expect.stringContaining('100 bytes exceed the 99')]);
    expect(client.errors).toEqual([
      expect.stringMatching(/SCRIPT ERROR in event `probe'.*SetPlayerWantedLevel is not defined/),
    ]);
    client.errors.length = 0;
  });
});

describe('panic', () => {
  it('notifies, sounds the alarm and puts a flashing, named, routed blip on the unit', () => {
    client.receive(NetEvents.PanicAlert, panic());
    expect(client.feed).toHaveLength(1);
    expect(client.feed[0]?.text).toContain('PANIC');
    expect(client.feed[0]?.text).toContain('A-10 Brian Sosnowski (MCSO)');
    expect(client.feed[0]?.important).toBe(true);
    expect(client.sounds).toEqual([{ soundId: -1, name: 'Beep_Red', set: 'DLC_HEIST_HACKING_SNAKE_SOUNDS' }]);
    expect(liveBlips()).toEqual([
      expect.objectContaining({
        coords: { x: 100, y: -200, z: 30 },
        sprite: 161,
        colour: 1,
        scale: 1.2,
        flashes: true,
        route: true,
        shortRange: false,
        name: 'PANIC: A-10 Brian Sosnowski (MCSO)',
      }),
    ]);
    expectClean();
  });

  it('moves the blip on a position refresh instead of making another', () => {
    client.receive(NetEvents.PanicAlert, panic());
    client.receive(NetEvents.PanicAlert, panic({ identId: 13 }));
    client.receive(NetEvents.PanicMoved, { moves: [{ identId: 12, position: { x: 150, y: -250, z: 31 } }] });
    expect(liveBlips().map((blip) => blip.coords)).toEqual([
      { x: 150, y: -250, z: 31 },
      { x: 100, y: -200, z: 30 },
    ]);
    expect(called('SetBlipCoords')).toHaveLength(1);
    expectClean();
  });

  it('alerts without a blip when the unit has no position, and makes one at the first refresh', () => {
    client.receive(NetEvents.PanicAlert, panic({ unit: null, position: null }));
    expect(client.feed[0]?.text).toContain('Unit #12');
    expect(liveBlips()).toEqual([]);
    client.receive(NetEvents.PanicMoved, { moves: [{ identId: 12, position: { x: 1, y: 2, z: 3 } }] });
    expect(liveBlips()).toEqual([
      expect.objectContaining({ coords: { x: 1, y: 2, z: 3 }, name: 'PANIC: Unit #12' }),
    ]);
    expectClean();
  });

  it('ignores a refresh for a panic it does not show', () => {
    client.receive(NetEvents.PanicMoved, { moves: [{ identId: 99, position: { x: 1, y: 2, z: 3 } }] });
    expect(alertCalls()).toEqual([]);
    expectClean();
  });

  it('removes blip and route when cleared, with a short notice', () => {
    client.receive(NetEvents.PanicAlert, panic());
    const [blip] = liveBlips();
    client.receive(NetEvents.PanicCleared, {
      identId: 12,
      unit: panic().unit,
      notice: true,
      chat: false,
      notify: 'feed',
    });
    expect(liveBlips()).toEqual([]);
    expect(called('RemoveBlip').map((c) => c.args[0])).toEqual([blip?.handle]);
    expect(client.feed.at(-1)?.text).toContain('Panic cleared');
    expectClean();
  });

  it('removes the blip without a notice when the player only stopped being a recipient', () => {
    client.receive(NetEvents.PanicAlert, panic());
    client.receive(NetEvents.PanicCleared, {
      identId: 12,
      unit: null,
      notice: false,
      chat: false,
      notify: 'feed',
    });
    expect(liveBlips()).toEqual([]);
    expect(client.feed).toHaveLength(1);
    expectClean();
  });

  it('expires on its own', () => {
    client.receive(NetEvents.PanicAlert, panic({ look: look({ expireSeconds: 60 }) }));
    client.advance(59_000);
    expect(liveBlips()).toHaveLength(1);
    client.advance(1_000);
    expect(liveBlips()).toEqual([]);
    expect(client.timers.pending).toBe(0);
    expectClean();
  });

  it('stays silent when the sound is off', () => {
    client.receive(NetEvents.PanicAlert, panic({ look: look({ sound: null }) }));
    expect(called('PlaySoundFrontend')).toEqual([]);
    expect(client.feed).toHaveLength(1);
  });

  it('replaces the alert of a unit that presses again', () => {
    client.receive(NetEvents.PanicAlert, panic());
    client.receive(NetEvents.PanicAlert, panic({ position: { x: 5, y: 6, z: 7 } }));
    expect(liveBlips()).toEqual([expect.objectContaining({ coords: { x: 5, y: 6, z: 7 } })]);
    client.advance(300_000);
    expect(liveBlips()).toEqual([]);
    expect(client.timers.pending).toBe(0);
    expectClean();
  });

  it('posts to chat when asked to', () => {
    client.receive(NetEvents.PanicAlert, panic({ look: look({ chat: true }) }));
    expect(client.emitted).toEqual([
      {
        name: NetEvents.ChatMessage,
        args: [{ args: ['^1PANIC BUTTON', expect.stringContaining('A-10 Brian Sosnowski')] }],
      },
    ]);
  });
});

describe('911', () => {
  it('notifies with caller, location, postal, description and label, sounds, and marks the caller', () => {
    client.receive(NetEvents.EmergencyCall, call());
    const text = client.feed[0]?.text ?? '';
    for (const part of [
      '911',
      '#1234',
      'John Doe',
      'Alta St / Las Lagunas Blvd',
      'postal 8061',
      'Shots fired',
    ]) {
      expect(text).toContain(part);
    }
    expect(client.feed[0]?.important).toBe(true);
    expect(client.sounds).toHaveLength(1);
    expect(liveBlips()).toEqual([
      expect.objectContaining({
        coords: { x: 231.52, y: -791.23, z: 30.6 },
        sprite: 459,
        flashes: false,
        name: '911 #1234: John Doe',
      }),
    ]);
    expect(called('SetBlipRoute')).toEqual([]);
    expectClean();
  });

  it('labels a civil call as such, without the important flash', () => {
    client.receive(NetEvents.EmergencyCall, call({ label: '311', emergency: false }));
    expect(client.feed[0]?.text).toContain('311');
    expect(client.feed[0]?.important).toBe(false);
  });

  it('has no blip without a position and no sound when silent', () => {
    client.receive(NetEvents.EmergencyCall, call({ position: null, look: look({ sound: null }) }));
    expect(client.feed).toHaveLength(1);
    expect(liveBlips()).toEqual([]);
    expect(client.sounds).toEqual([]);
    expectClean();
  });

  it('removes blips and pending notices of removed calls only', () => {
    client.receive(NetEvents.EmergencyCall, call());
    client.receive(NetEvents.EmergencyCall, call({ callId: 5678 }));
    client.receive(NetEvents.EmergencyCall, call({ callId: 9 }));
    client.receive(NetEvents.EmergencyCallsRemoved, { callIds: [1234, 5678, 4444] });
    expect(liveBlips().map((b) => b.name)).toEqual(['911 #9: John Doe']);
    expect(client.feed.map((post) => post.removed)).toEqual([true, true, false]);
    expectClean();
  });

  it('expires on its own', () => {
    client.receive(NetEvents.EmergencyCall, call({ look: look({ expireSeconds: 180 }) }));
    client.advance(180_000);
    expect(liveBlips()).toEqual([]);
    expect(client.feed[0]?.removed).toBe(true);
  });
});

describe('CAD text', () => {
  it('loses GTA codes, chat colours and tags, and fits every text component', () => {
    const hostile = `~h~Bold ^1red <font size='40'>big</font> ~BLIP_INFO_ICON~ ${'é'.repeat(150)} ~a~`;
    client.receive(
      NetEvents.EmergencyCall,
      call({ caller: hostile, description: 'x'.repeat(400), location: '^^11~~r~~' }),
    );
    const text = client.feed[0]?.text ?? '';
    expect(text).not.toMatch(/~h~|~a~|BLIP_INFO_ICON|\^1|<font|<\/font>/);
    expect(text).toContain('Bold red big');
    for (const piece of client.feed[0]?.components ?? [])
      expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(99);
    expect(Buffer.byteLength(liveBlips()[0]?.name ?? '')).toBeLessThanOrEqual(99);
    expectClean();
  });
});

describe('bad payloads', () => {
  it.each([
    ['a panic without identId', NetEvents.PanicAlert, { ...panic(), identId: 'twelve' }],
    [
      'a panic with a string position',
      NetEvents.PanicAlert,
      { ...panic(), position: { x: '1', y: 2, z: 3 } },
    ],
    ['a 911 without look', NetEvents.EmergencyCall, { ...call(), look: undefined }],
    [
      'a 911 with an endless description',
      NetEvents.EmergencyCall,
      { ...call(), description: 'x'.repeat(5000) },
    ],
    ['a removal of one id', NetEvents.EmergencyCallsRemoved, { callIds: 1234 }],
    ['nothing at all', NetEvents.PanicCleared, undefined],
  ])('ignores %s with one warning', (_, name, payload) => {
    client.receive(name, payload);
    expect(alertCalls()).toEqual([]);
    expect(client.errors).toEqual([]);
    expect(client.warnings).toHaveLength(1);
    expect(client.warnings[0]).toContain(name);
  });
});
