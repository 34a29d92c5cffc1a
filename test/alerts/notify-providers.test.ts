/**
 * The built client with other resources beside it: each `alerts.notify` provider's calls, what draws the
 * blip and plays the sound, and the fallback to the GTA feed when the chosen one is not there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NotifyProvider } from '../../src/shared/alert-payloads';
import { ClientEvents, NetEvents } from '../../src/shared/events';
import type { ClientDouble } from '../doubles/client/double';
import type { FakeResource } from '../doubles/client/resources';
import { assignment, call, loadBuiltClient, look, panic } from './client-payloads';

let client: ClientDouble;
afterEach(() => {
  expect(client.errors).toEqual([]);
});

const OX_LIB: FakeResource = { exports: { notify: () => undefined } };
const PS_DISPATCH: FakeResource = { exports: { CustomAlert: () => undefined } };
const CHAT: FakeResource = {};

const start = (resources: Record<string, FakeResource> = {}) => {
  client = loadBuiltClient({ resources });
};
const withNotify = (notify: NotifyProvider) => look({ notify });
const liveBlips = () => [...client.blips.values()];
const chatMessages = () => client.emitted.filter((event) => event.name === NetEvents.ChatMessage);

describe('auto', () => {
  it('shows our own card, held until the page is ready, even with ox_lib started', () => {
    start({ ox_lib: OX_LIB });
    client.receive(NetEvents.PanicAlert, panic({ look: withNotify('auto') }));
    expect(client.nui.messages).toEqual([]);
    const answer = client.nuiCallback('ready', {}) as { config: { maxCards: number } };
    expect(answer.config.maxCards).toBe(4);
    expect(client.nui.messages).toEqual([
      expect.objectContaining({
        type: 'card',
        card: expect.objectContaining({ key: 'panic:12', kind: 'panic' }),
      }),
      { type: 'current', key: 'panic:12' },
    ]);
    expect(client.exportCalls).toEqual([]);
    expect(client.feed).toEqual([]);
    // The page plays the sound, at the player's volume; the blip stays ours.
    expect(client.sounds).toEqual([]);
    expect(liveBlips()).toHaveLength(1);
    expect(client.warnings).toEqual([]);
  });

  it('falls back to the GTA feed when the page never says ready: held alerts too, one console line', () => {
    start();
    client.receive(NetEvents.EmergencyCall, call({ look: withNotify('auto') }));
    client.advance(9_999);
    expect(client.feed).toEqual([]);
    client.advance(1);
    expect(client.feed).toHaveLength(1);
    client.receive(NetEvents.EmergencyCall, call({ callId: 1235, look: withNotify('nui') }));
    expect(client.feed).toHaveLength(2);
    expect(client.nui.messages).toEqual([]);
    expect(client.warnings).toEqual([
      '[sonorancad] alerts.notify "nui": the alert page did not say ready within 10 s; showing alerts in the GTA feed instead.',
    ]);
  });
});

describe('ox_lib', () => {
  it('keeps CAD text from becoming links, images or emphasis', () => {
    start({ ox_lib: OX_LIB });
    client.receive(
      NetEvents.EmergencyCall,
      call({
        description: '![x](http://evil.example/p.png) [click](http://evil.example) **loud** `code`',
        look: withNotify('ox_lib'),
      }),
    );
    const [notice] = (client.exportCalls[0]?.args ?? []) as { description?: string }[];
    expect(notice?.description).toContain(
      '\\!\\[x\\]\\(http://evil\\.example/p\\.png\\) \\[click\\]\\(http://evil\\.example\\) \\*\\*loud\\*\\* \\`code\\`',
    );
  });

  it('falls back to the feed once ox_lib is gone, with one console line for the session', () => {
    start({ ox_lib: OX_LIB });
    client.receive(NetEvents.EmergencyCall, call({ look: withNotify('ox_lib') }));
    client.setResourceState('ox_lib', 'stopped');
    for (const callId of [1, 2, 3]) {
      client.receive(NetEvents.EmergencyCall, call({ callId, look: withNotify('ox_lib') }));
    }
    expect(client.exportCalls).toHaveLength(1);
    expect(client.feed).toHaveLength(3);
    expect(client.warnings).toEqual([
      '[sonorancad] alerts.notify "ox_lib": the ox_lib resource is not started; showing alerts in the GTA feed instead.',
    ]);
  });

  it('falls back to the feed when its export throws, never failing the alert', () => {
    start({
      ox_lib: {
        exports: {
          notify: () => {
            throw new Error('NUI not ready');
          },
        },
      },
    });
    client.receive(NetEvents.PanicAlert, panic({ look: withNotify('ox_lib') }));
    client.receive(NetEvents.PanicAlert, panic({ identId: 13, look: withNotify('ox_lib') }));
    expect(client.feed).toHaveLength(2);
    expect(liveBlips()).toHaveLength(2);
    expect(client.warnings).toEqual([expect.stringMatching(/"ox_lib": its call failed \(.*NUI not ready/)]);
  });
});

describe('chat', () => {
  it('posts the notice to chat instead of the feed, once even when the alert asks for chat too', () => {
    start({ chat: CHAT });
    client.receive(NetEvents.PanicAlert, panic({ look: look({ notify: 'chat', chat: true }) }));
    expect(client.feed).toEqual([]);
    expect(chatMessages()).toEqual([
      {
        name: NetEvents.ChatMessage,
        args: [
          { args: ['^1PANIC BUTTON', 'A-10 Brian Sosnowski (MCSO) | Their position is marked on your map.'] },
        ],
      },
    ]);
    expect(liveBlips()).toHaveLength(1);
  });

  it('falls back to the feed without the chat resource', () => {
    start();
    client.receive(NetEvents.EmergencyCall, call({ look: withNotify('chat') }));
    expect(client.feed).toHaveLength(1);
    expect(chatMessages()).toEqual([]);
    expect(client.warnings).toEqual([expect.stringContaining('the chat resource is not started')]);
  });
});

describe('ps-dispatch', () => {
  it('raises panics and 911 calls through CustomAlert, which draws its own blip and plays its own sound', () => {
    start({ 'ps-dispatch': PS_DISPATCH });
    client.receive(NetEvents.EmergencyCall, call({ look: withNotify('ps-dispatch') }));
    expect(client.exportCalls).toEqual([
      {
        resource: 'ps-dispatch',
        name: 'CustomAlert',
        args: [
          {
            message:
              '911 call #1234 - Caller: John Doe - Location: Alta St / Las Lagunas Blvd, postal 8061 - Shots fired outside the bank',
            dispatchCode: 'sonorancad',
            code: '911',
            icon: 'fas fa-phone',
            priority: 1,
            coords: { x: 231.52, y: -791.23, z: 30.6 },
            sprite: 161,
            color: 1,
            scale: 1.2,
            flash: true,
            length: 5,
          },
        ],
      },
    ]);
    expect(client.feed).toEqual([]);
    expect(liveBlips()).toEqual([]);
    expect(client.sounds).toEqual([]);
    // Still a place to route to.
    client.command('cadroute');
    expect(client.waypoint).toEqual({ x: 231.52, y: -791.23 });
  });

  it('is raised by the one recipient the server marks; the others show nothing of ours, but can route to it', () => {
    start({ 'ps-dispatch': PS_DISPATCH });
    client.receive(NetEvents.EmergencyCall, call({ raiser: false, look: withNotify('ps-dispatch') }));
    client.receive(NetEvents.PanicAlert, panic({ raiser: false, look: withNotify('ps-dispatch') }));
    expect(client.exportCalls).toEqual([]);
    expect(client.feed).toEqual([]);
    expect(liveBlips()).toEqual([]);
    expect(client.sounds).toEqual([]);
    expect(client.warnings).toEqual([]);
    client.command('cadroute');
    expect(client.waypoint).toEqual({ x: 100, y: -200 });
  });

  it('reads a raiser flag that is not a boolean as false, without losing the alert elsewhere', () => {
    start({ 'ps-dispatch': PS_DISPATCH });
    const garbage = (notify: NotifyProvider) => ({ ...call({ look: withNotify(notify) }), raiser: 'yes' });
    client.receive(NetEvents.EmergencyCall, garbage('ps-dispatch'));
    expect(client.exportCalls).toEqual([]);
    client.receive(NetEvents.EmergencyCall, garbage('feed'));
    expect(client.feed).toHaveLength(1);
    expect(client.warnings).toEqual([]);
  });

  it('shows a non-raiser the alert in the feed when ps-dispatch is not running there either', () => {
    start();
    client.receive(NetEvents.EmergencyCall, call({ raiser: false, look: withNotify('ps-dispatch') }));
    expect(client.feed).toHaveLength(1);
    expect(liveBlips()).toHaveLength(1);
  });

  it('leaves personal notices and alerts without a position to ox_lib or the feed', () => {
    start({ 'ps-dispatch': PS_DISPATCH, ox_lib: OX_LIB });
    client.receive(NetEvents.DispatchAssigned, assignment({ look: withNotify('ps-dispatch') }));
    client.receive(NetEvents.PanicAlert, panic({ position: null, look: withNotify('ps-dispatch') }));
    expect(client.exportCalls.map((c) => `${c.resource}.${c.name}`)).toEqual([
      'ox_lib.notify',
      'ox_lib.notify',
    ]);
    expect(client.warnings).toEqual([]);
  });

  it('falls back to the feed, with our blip and sound, when ps-dispatch is not running', () => {
    start();
    client.receive(NetEvents.PanicAlert, panic({ look: withNotify('ps-dispatch') }));
    client.receive(NetEvents.PanicAlert, panic({ identId: 13, look: withNotify('ps-dispatch') }));
    expect(client.feed).toHaveLength(2);
    expect(liveBlips()).toHaveLength(2);
    expect(client.sounds).toHaveLength(2);
    expect(client.warnings).toEqual([expect.stringContaining('the ps-dispatch resource is not started')]);
  });
});

describe('event', () => {
  it('raises the structured notice for any UI, and keeps blip and sound', () => {
    start();
    client.receive(NetEvents.DispatchAssigned, assignment({ look: withNotify('event') }));
    expect(client.emitted).toEqual([
      {
        name: ClientEvents.Notify,
        args: [
          {
            kind: 'dispatchAssigned',
            code: '10-50',
            title: 'Attached to call #55',
            lines: [
              '10-50: Vehicle collision',
              'Route 68 / Joshua Rd, postal 3021',
              'Two vehicles, one overturned',
            ],
            position: { x: 1200.5, y: 2650.25, z: 38 },
            callId: 55,
            style: 'warning',
          },
        ],
      },
    ]);
    expect(client.feed).toEqual([]);
    expect(liveBlips()).toHaveLength(1);
    expect(client.sounds).toHaveLength(1);
  });

  it('carries short notices too, and route messages follow the last choice', () => {
    start();
    client.receive(NetEvents.DispatchDetached, { callId: 55, chat: false, notify: 'event' });
    client.command('cadroute');
    expect(client.emitted.map((event) => (event.args[0] as { title: string }).title)).toEqual([
      'Detached from call #55',
      'Nothing to route to',
    ]);
    expect(client.feed).toEqual([]);
  });
});

describe('feed', () => {
  it('is used when chosen even with ox_lib started', () => {
    start({ ox_lib: OX_LIB });
    client.receive(NetEvents.PanicAlert, panic({ look: withNotify('feed') }));
    expect(client.exportCalls).toEqual([]);
    expect(client.feed).toHaveLength(1);
  });
});
