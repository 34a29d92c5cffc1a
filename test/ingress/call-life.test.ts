/** A dispatch call's life over a real socket: the arguments listeners get, after FXServer's msgpack. */
import { expect, it } from 'vitest';
import { LocalEvents } from '../../src/shared/events';
import { callLife } from '../helpers/call-life';
import { startResource } from '../helpers/fxserver-resource';
import { post } from '../helpers/post';

it('login, new, note, attach, panic, detach, note, close: each push fires its exact events', async () => {
  const { server, close } = await startResource();
  try {
    for (const step of callLife()) {
      const before = server.localEvents.length;
      const reply = await post(server.baseUrl, '/sonorancad/event', { body: JSON.stringify(step.body) });
      expect(reply.status, step.what).toBe(200);
      const fired = server.localEvents.slice(before).map(({ name, args }) => [name, ...args]);
      expect(fired.at(-1)?.[0], step.what).toBe(LocalEvents.Received);
      expect(fired.slice(0, -1), step.what).toEqual(step.events);
    }
    server.assertHealthy();
  } finally {
    await close();
  }
});
