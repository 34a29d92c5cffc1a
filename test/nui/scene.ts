/**
 * One player's game, end to end: pushes through the FXServer double, the net events sent to that player
 * delivered to a client double running dist/client.js, and its NUI messages posted into the page in
 * Chromium, whose callbacks the client answers.
 */
import type { Browser } from 'puppeteer-core';
import { loadBuiltClient } from '../alerts/client-payloads';
import { logInUnits, OFFICER, startWorld, type World } from '../alerts/world';
import type { ClientDouble } from '../doubles/client/double';
import type { NetEventRecord } from '../doubles/fxserver/double';
import { type NuiPage, openPage, whenReady } from './browser';

export interface SceneOptions {
  alerts?: Record<string, unknown>;
  /** The player whose screen it is. */
  player?: number;
  /** The KVP an earlier session left. */
  kvp?: Map<string, string>;
}

export interface Scene {
  world: World;
  client: ClientDouble;
  page: NuiPage;
  /** A CAD push, delivered all the way to the page. */
  push(type: string, data: unknown): Promise<void>;
  /** The player presses the key mapped to a command. */
  press(command: string): Promise<void>;
  /** Delivers net events and NUI messages not delivered yet. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function openScene(browser: Browser, options: SceneOptions = {}): Promise<Scene> {
  const player = options.player ?? OFFICER;
  const world = await startWorld(options.alerts ? { alerts: options.alerts } : {});
  await logInUnits(world);
  const client = loadBuiltClient(options.kvp ? { kvp: options.kvp } : {});
  const page = await openPage(browser, client);
  await whenReady(page);
  const delivered = new WeakSet<NetEventRecord>();
  const settle = async () => {
    for (const event of world.server.netEvents) {
      if (event.target !== player || delivered.has(event)) continue;
      delivered.add(event);
      client.receive(event.name, ...event.args);
    }
    await page.pump();
  };
  return {
    world,
    client,
    page,
    async push(type, data) {
      await world.push(type, data);
      await settle();
    },
    async press(command) {
      client.command(command);
      await settle();
    },
    settle,
    async close() {
      await page.close();
      await world.close();
    },
  };
}
