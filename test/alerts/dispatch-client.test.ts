/**
 * The built client on dispatch calls its unit is attached to, and on /cadroute: notices, sound, blips,
 * the waypoint, and what takes them away.
 */
import { describe, expect, it } from 'vitest';
import { NetEvents } from '../../src/shared/events';
import { assignment, call, look, panic, useClient } from './client-payloads';

// A script error or a misused native fails any test.
const client = useClient();

const liveBlips = () => [...client.blips.values()];
const lastNotice = () => client.feed.at(-1)?.text ?? '';
const detach = (callId: number) =>
  client.receive(NetEvents.DispatchDetached, { callId, chat: false, notify: 'feed' });

describe('an assignment', () => {
  it('tells the unit, sounds, marks the call and sets the waypoint there', () => {
    client.receive(NetEvents.DispatchAssigned, assignment());
    expect(client.feed).toHaveLength(1);
    for (const part of [
      'Attached to call #55',
      '10-50: Vehicle collision',
      'Route 68 / Joshua Rd, postal 3021',
      'Two vehicles',
    ]) {
      expect(lastNotice()).toContain(part);
    }
    expect(client.sounds).toEqual([
      { soundId: -1, name: 'Event_Start_Text', set: 'GTAO_FM_Events_Soundset' },
    ]);
    expect(liveBlips()).toEqual([
      expect.objectContaining({
        coords: { x: 1200.5, y: 2650.25, z: 38 },
        sprite: 280,
        colour: 5,
        name: 'Call #55: 10-50: Vehicle collision',
      }),
    ]);
    // One GPS line: the waypoint, not a route on the blip as well.
    expect(client.calls.filter((c) => c.name === 'SetBlipRoute')).toEqual([]);
    expect(client.waypoint).toEqual({ x: 1200.5, y: 2650.25 });
    expect(client.warnings).toEqual([]);
  });

  it('without a position has a notice but no blip and no waypoint', () => {
    client.receive(NetEvents.DispatchAssigned, assignment({ position: null }));
    expect(lastNotice()).toContain('Attached to call #55');
    expect(liveBlips()).toEqual([]);
    expect(client.waypoint).toBeNull();
  });

  it('leaves the waypoint alone when routes are off', () => {
    const quiet = look({
      sound: null,
      blip: { sprite: 280, colour: 5, scale: 1, flash: false, route: false, shortRange: false },
    });
    client.receive(NetEvents.DispatchAssigned, assignment({ look: quiet }));
    expect(liveBlips()).toHaveLength(1);
    expect(client.waypoint).toBeNull();
    expect(client.sounds).toEqual([]);
  });

  it('keeps one route, to the most recent call, back to the older one when that goes', () => {
    client.receive(NetEvents.DispatchAssigned, assignment());
    client.receive(
      NetEvents.DispatchAssigned,
      assignment({ callId: 56, position: { x: -50, y: 75, z: 20 } }),
    );
    expect(liveBlips()).toHaveLength(2);
    expect(client.waypoint).toEqual({ x: -50, y: 75 });
    detach(56);
    expect(lastNotice()).toContain('Detached from call #56');
    expect(liveBlips().map((blip) => blip.name)).toEqual(['Call #55: 10-50: Vehicle collision']);
    expect(client.waypoint).toEqual({ x: 1200.5, y: 2650.25 });
    detach(55);
    expect(liveBlips()).toEqual([]);
    expect(client.waypoint).toBeNull();
  });

  it('goes with a close, with one notice for all closed calls', () => {
    client.receive(NetEvents.DispatchAssigned, assignment());
    client.receive(NetEvents.DispatchAssigned, assignment({ callId: 56 }));
    client.receive(NetEvents.DispatchClosed, { callIds: [55, 56], chat: true, notify: 'feed' });
    expect(liveBlips()).toEqual([]);
    expect(client.waypoint).toBeNull();
    expect(lastNotice()).toContain('Calls #55, #56 closed');
    expect(client.emitted.at(-1)).toEqual({
      name: NetEvents.ChatMessage,
      args: [{ args: ['^5Calls #55, #56 closed', ''] }],
    });
    // The assignment notices still waiting in the feed go too.
    expect(client.feed.slice(0, 2).map((post) => post.removed)).toEqual([true, true]);
  });

  it('never takes away a waypoint the player set since', () => {
    client.receive(NetEvents.DispatchAssigned, assignment());
    client.placeWaypoint({ x: 10, y: 20 });
    detach(55);
    expect(client.waypoint).toEqual({ x: 10, y: 20 });
    expect(client.calls.filter((c) => c.name === 'DeleteWaypoint')).toEqual([]);
  });

  it('expires on its own, waypoint included', () => {
    client.receive(NetEvents.DispatchAssigned, assignment());
    client.advance(1_800_000);
    expect(liveBlips()).toEqual([]);
    expect(client.waypoint).toBeNull();
    expect(client.timers.pending).toBe(0);
  });

  it('of the same call again replaces the first', () => {
    client.receive(NetEvents.DispatchAssigned, assignment());
    client.receive(NetEvents.DispatchAssigned, assignment({ position: { x: 5, y: 6, z: 7 } }));
    expect(liveBlips()).toEqual([expect.objectContaining({ coords: { x: 5, y: 6, z: 7 } })]);
    expect(client.waypoint).toEqual({ x: 5, y: 6 });
  });
});

describe('an edit of a call the unit stays on', () => {
  it('moves its blip without a notice or a sound, and is ignored for a call not shown', () => {
    client.receive(NetEvents.DispatchAssigned, assignment());
    client.receive(NetEvents.DispatchUpdated, assignment({ position: { x: 10, y: 20, z: 30 } }));
    client.receive(NetEvents.DispatchUpdated, assignment({ callId: 99 }));
    expect(liveBlips().map((blip) => blip.coords)).toEqual([{ x: 10, y: 20, z: 30 }]);
    expect(client.feed).toHaveLength(1);
    expect(client.sounds).toHaveLength(1);
  });
});

describe('a note', () => {
  it('is shown cleaned and shortened, with its author', () => {
    client.receive(NetEvents.DispatchNote, {
      callId: 55,
      author: '^1D-1',
      note: `~r~Suspect <b>fled</b> north ${'x'.repeat(300)}`,
      chat: false,
      notify: 'feed',
    });
    const text = lastNotice();
    expect(text).toContain('Note on call #55');
    expect(text).toContain('D-1: Suspect fled north');
    expect(text).not.toMatch(/\^1|~r~|<b>/);
    expect(text).toContain('...');
    expect(text.length).toBeLessThan(300);
    for (const piece of client.feed[0]?.components ?? []) {
      expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(99);
    }
    expect(client.warnings).toEqual([]);
  });

  it('that is empty once cleaned shows nothing', () => {
    client.receive(NetEvents.DispatchNote, {
      callId: 55,
      author: '',
      note: '~r~ ^1',
      chat: false,
      notify: 'feed',
    });
    expect(client.feed).toEqual([]);
  });
});

describe('/cadroute and its key', () => {
  it('says so when there is nothing to route to', () => {
    client.receive(NetEvents.PanicAlert, panic({ position: null }));
    client.command('cadroute');
    expect(lastNotice()).toContain('Nothing to route to');
    expect(client.waypoint).toBeNull();
  });

  it('routes to the newest alert, then cycles through older ones, and starts over for a new one', () => {
    client.receive(NetEvents.PanicAlert, panic());
    client.receive(NetEvents.EmergencyCall, call());
    client.receive(NetEvents.DispatchAssigned, assignment({ look: look({ sound: null }) }));
    client.placeWaypoint({ x: 0, y: 0 });
    const visited = [1, 2, 3, 4].map(() => {
      client.command('cadroute');
      return client.waypoint;
    });
    expect(visited).toEqual([
      { x: 1200.5, y: 2650.25 },
      { x: 231.52, y: -791.23 },
      { x: 100, y: -200 },
      { x: 1200.5, y: 2650.25 },
    ]);
    expect(lastNotice()).toContain('Route set');
    client.command('cadroute');
    client.receive(NetEvents.EmergencyCall, call({ callId: 77, position: { x: 1, y: 2, z: 3 } }));
    client.command('cadroute');
    expect(client.waypoint).toEqual({ x: 1, y: 2 });
  });

  it('follows a panic that moved', () => {
    client.receive(NetEvents.PanicAlert, panic());
    client.receive(NetEvents.PanicMoved, { moves: [{ identId: 12, position: { x: 150, y: -250, z: 31 } }] });
    client.command('cadroute');
    expect(client.waypoint).toEqual({ x: 150, y: -250 });
  });

  it('routes to the call it is given, and says when there is none', () => {
    client.receive(NetEvents.EmergencyCall, call());
    client.receive(NetEvents.DispatchAssigned, assignment());
    client.command('cadroute', '1234');
    expect(client.waypoint).toEqual({ x: 231.52, y: -791.23 });
    client.command('cadroute', '999');
    expect(lastNotice()).toContain('No active call #999');
    client.command('cadroute', 'abc');
    expect(lastNotice()).toContain('/cadroute [call id]');
    expect(client.waypoint).toEqual({ x: 231.52, y: -791.23 });
  });

  it('forgets alerts that are gone, and their waypoint', () => {
    client.receive(NetEvents.EmergencyCall, call());
    client.command('cadroute');
    client.receive(NetEvents.EmergencyCallsRemoved, { callIds: [1234] });
    expect(client.waypoint).toBeNull();
    client.command('cadroute');
    expect(lastNotice()).toContain('Nothing to route to');
  });
});

describe('bad dispatch payloads', () => {
  it.each([
    ['an assignment without a call id', NetEvents.DispatchAssigned, { ...assignment(), callId: '55' }],
    [
      'an assignment with a NaN position',
      NetEvents.DispatchAssigned,
      { ...assignment(), position: { x: 1 } },
    ],
    ['a detach of a list', NetEvents.DispatchDetached, { callId: [55], chat: false, notify: 'feed' }],
    ['a close of one id', NetEvents.DispatchClosed, { callIds: 55, chat: false, notify: 'feed' }],
    ['a detach without a provider', NetEvents.DispatchDetached, { callId: 55, chat: false }],
    [
      'a note with an endless text',
      NetEvents.DispatchNote,
      { callId: 1, author: '', note: 'x'.repeat(5000), chat: false, notify: 'feed' },
    ],
    ['an unknown provider', NetEvents.DispatchDetached, { callId: 55, chat: false, notify: 'pNotify' }],
    ['nothing at all', NetEvents.DispatchAssigned, undefined],
  ])('ignores %s with one warning', (_, name, payload) => {
    client.receive(name, payload);
    expect(client.feed).toEqual([]);
    expect(client.blips.size).toBe(0);
    expect(client.waypoint).toBeNull();
    expect(client.warnings).toEqual([expect.stringContaining(name)]);
  });
});
