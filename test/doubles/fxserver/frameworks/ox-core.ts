/**
 * ox_core 1.5.14 as our resource sees it (overextended/ox_core server/player/class.ts, groups/index.ts,
 * classInterface.ts): `GetPlayers`, `CallPlayer(source, method, ...)` (we use `get('activeGroup')`),
 * `GetGroupsByType`. setActiveGroup fires ox:setActiveGroup (source, group, previous); setGroup fires
 * ox:setGroup (source, name, grade or null), and removing the active group clears it without
 * ox:setActiveGroup. Character load fires ox:playerLoaded (source, userId, charId).
 */
import type { AnyFunction } from '../../citizenfx/msgpack-clone';
import { FrameworkStandIn } from './stand-in';

interface OxPlayer {
  source: number;
  userId: number;
  charId: number;
  groups: Record<string, number>;
  metadata: Record<string, unknown>;
}

export class OxCoreStandIn extends FrameworkStandIn {
  readonly name = 'ox_core';
  private readonly players = new Map<number, OxPlayer>();
  readonly exports: Readonly<Record<string, AnyFunction>>;

  /** Group name → type, as CreateGroup was given them. */
  constructor(
    private readonly groupTypes: Record<string, string> = { police: 'job', ems: 'job', ballas: 'gang' },
  ) {
    super();
    this.exports = {
      // Serialised across: fields only, the private groups and metadata stay behind.
      GetPlayers: () =>
        [...this.players.values()].map(({ source, userId, charId }) => ({ source, userId, charId })),
      CallPlayer: (source, method, ...args) => {
        const player = this.players.get(Number(source));
        if (!player) return undefined;
        if (method === 'get') return player.metadata[String(args[0])];
        if (method === 'getGroups') return player.groups;
        throw new Error(
          `cannot call method ${String(method)} on OxPlayer<${String(source)}> (method is not exported)`,
        );
      },
      GetGroupsByType: (type) =>
        Object.entries(this.groupTypes)
          .filter(([, groupType]) => groupType === type)
          .map(([name]) => name),
    };
  }

  preload(source: number, groups: Record<string, number>, activeGroup?: string): this {
    this.players.set(source, {
      source,
      userId: source,
      charId: source * 10,
      groups,
      metadata: { activeGroup },
    });
    return this;
  }

  load(source: number, groups: Record<string, number>, activeGroup?: string): void {
    this.preload(source, groups, activeGroup);
    this.emit('ox:playerLoaded', source, source, source * 10);
  }

  setActiveGroup(source: number, group: string | undefined): void {
    const player = this.must(source);
    if (group && !(group in player.groups)) throw new Error(`ox_core stand-in: ${source} is not in ${group}`);
    const previous = player.metadata.activeGroup;
    player.metadata.activeGroup = group;
    this.emit('ox:setActiveGroup', source, group, previous);
  }

  /** Grade 0 removes the group. */
  setGroup(source: number, group: string, grade: number): void {
    const player = this.must(source);
    if (grade) player.groups[group] = grade;
    else {
      delete player.groups[group];
      if (player.metadata.activeGroup === group) player.metadata.activeGroup = undefined;
    }
    this.emit('ox:setGroup', source, group, grade ? grade : null);
  }

  logout(source: number): void {
    const player = this.must(source);
    this.players.delete(source);
    this.emit('ox:playerLogout', source, player.userId, player.charId);
  }

  private must(source: number): OxPlayer {
    const player = this.players.get(source);
    if (!player) throw new Error(`ox_core stand-in: player ${source} is not loaded`);
    return player;
  }
}
