/**
 * One player's game, end to end: pushes through the FXServer double, the net events sent to that player
 * delivered to a client double running dist/client.js, and its NUI messages posted into the page in
 * Chromium, whose callbacks the client answers.
 */
import type { Browser } from 'puppeteer-core';
import { expect } from 'vitest';
import { loadBuiltClient } from '../alerts/client-payloads';
import { logInUnits, OFFICER, startWorld, type World } from '../alerts/world';
import type { ClientDouble } from '../doubles/client/double';
import type { NetEventRecord } from '../doubles/fxserver/double';
import { type NuiPage, openPage, type PageOptions, whenReady } from './browser';

export interface SceneOptions {
  alerts?: Record<string, unknown>;
  /** The player whose screen it is. */
  player?: number;
  /** The KVP an earlier session left. */
  kvp?: Map<string, string>;
  page?: PageOptions;
}

export interface Scene {
  world: World;
  client: ClientDouble;
  /** The page now; `reload` replaces it. */
  readonly page: NuiPage;
  /** A CAD push, delivered all the way to the page. */
  push(type: string, data: unknown): Promise<void>;
  /** The player presses the key mapped to a command. */
  press(command: string): Promise<void>;
  /** The player types a server command (`/cadalerts`). */
  type(command: string, ...args: string[]): Promise<void>;
  /** The page is loaded again (a restart of the NUI), the client keeps running. */
  reload(): Promise<void>;
  /** Delivers net events and NUI messages not delivered yet. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function openScene(browser: Browser, options: SceneOptions = {}): Promise<Scene> {
  const player = options.player ?? OFFICER;
  const world = await startWorld(options.alerts ? { alerts: options.alerts } : {});
  await logInUnits(world);
  const client = loadBuiltClient(options.kvp ? { kvp: options.kvp } : {});
  let page = await openPage(browser, client, options.page);
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
    get page() {
      return page;
    },
    async push(type, data) {
      await world.push(type, data);
      await settle();
    },
    async press(command) {
      client.command(command);
      await settle();
    },
    async type(command, ...args) {
      world.server.runCommand(command, player, args);
      await settle();
    },
    async reload() {
      expect(page.errors).toEqual([]);
      await page.close();
      // Only what the client sends from now on goes to the new page.
      client.nui.messages.length = 0;
      page = await openPage(browser, client, options.page);
      await whenReady(page);
    },
    settle,
    async close() {
      await page.close();
      await world.close();
    },
  };
}
