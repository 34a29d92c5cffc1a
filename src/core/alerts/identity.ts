/**
 * Who is who: which online player each logged-in CAD unit is. Players are indexed by their identifiers
 * as they join and drop; the unit side is rebuilt from the unit cache after any unit event, when next read.
 */

import type { UnitCache } from '../cache/units';
import type { Players } from '../runtime';
import { normalName } from '../text';
import type { Unit } from '../validate/unit-schema';
import { UNIT_FIELDS, type UnitFields } from './recipient-rules';

/** IP addresses are shared by households and say nothing about who someone is. */
const IGNORED_TYPES = new Set(['ip']);

/** CAD accounts store ids in any case, with or without the `type:` prefix. */
function identifierKey(id: string): string {
  return id.trim().toLowerCase();
}

/** A player's `steam:11000010a1b2c3d` is found as that and as the bare `11000010a1b2c3d`. */
function playerKeys(identifiers: string[]): string[] {
  const keys: string[] = [];
  for (const raw of identifiers) {
    const key = identifierKey(raw);
    const colon = key.indexOf(':');
    if (colon <= 0 || IGNORED_TYPES.has(key.slice(0, colon))) continue;
    keys.push(key, key.slice(colon + 1));
  }
  return keys;
}

/** Everything a unit carries that may name its player. */
function unitIds(unit: Unit): string[] {
  const { apiIds, communityUserId, communityUserIds } = unit.data;
  const ids = communityUserId ? [...apiIds, communityUserId] : apiIds;
  // Not documented for units, but the CAD sends the plural beside 911 calls.
  if (!Array.isArray(communityUserIds)) return ids;
  return [...ids, ...communityUserIds.filter((id): id is string => typeof id === 'string')];
}

function fieldsOf(unit: Unit): UnitFields {
  const { department, subdivision, group } = unit.data;
  return {
    department: normalName(department ?? ''),
    subdivision: normalName(subdivision ?? ''),
    group: normalName(group ?? ''),
  };
}

function sameFields(a: UnitFields | undefined, b: UnitFields | undefined): boolean {
  return a !== undefined && b !== undefined && UNIT_FIELDS.every((field) => a[field] === b[field]);
}

function sameEntries<T>(
  a: ReadonlyMap<number, T>,
  b: ReadonlyMap<number, T>,
  same: (x: T | undefined, y: T | undefined) => boolean = (x, y) => x === y,
): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (!same(b.get(key), value)) return false;
  return true;
}

export class IdentityMap {
  private readonly playerByKey = new Map<string, number>();
  private readonly keysByPlayer = new Map<number, string[]>();
  private unitsStale = true;
  private playerByUnit = new Map<number, number>();
  private unitByPlayer = new Map<number, number>();
  /** The fields of each mapped player's unit, as its login, status and update pushes last told them. */
  private fieldsByPlayer = new Map<number, UnitFields>();
  /** Bumped when a rebuild changes who is on duty as which unit, or a mapped unit's fields. */
  private mappingGeneration = 0;

  constructor(
    private readonly players: Players,
    private readonly units: UnitCache,
  ) {
    for (const player of players.list()) this.addPlayer(player);
  }

  addPlayer(player: number): void {
    this.removePlayer(player);
    const keys = playerKeys(this.players.identifiers(player));
    for (const key of keys) this.playerByKey.set(key, player);
    this.keysByPlayer.set(player, keys);
    this.unitsStale = true;
  }

  removePlayer(player: number): void {
    const keys = this.keysByPlayer.get(player);
    if (!keys) return;
    for (const key of keys) if (this.playerByKey.get(key) === player) this.playerByKey.delete(key);
    this.keysByPlayer.delete(player);
    this.unitsStale = true;
  }

  /** After a unit logs in, out or changes. */
  unitsChanged(): void {
    this.unitsStale = true;
  }

  playerOf(identId: number): number | null {
    this.refresh();
    return this.playerByUnit.get(identId) ?? null;
  }

  unitOf(player: number): number | null {
    this.refresh();
    return this.unitByPlayer.get(player) ?? null;
  }

  /** Online players mapped to a logged-in unit. */
  onDutyPlayers(): Iterable<number> {
    this.refresh();
    return this.unitByPlayer.keys();
  }

  /** The department, subdivision and group of the unit a player is mapped to, lower-cased. */
  unitFields(player: number): UnitFields | null {
    this.refresh();
    return this.fieldsByPlayer.get(player) ?? null;
  }

  /**
   * Changes whenever onDutyPlayers() or unitFields() would answer differently, so callers can keep what
   * they built from them.
   */
  generation(): number {
    this.refresh();
    return this.mappingGeneration;
  }

  private refresh(): void {
    if (!this.unitsStale) return;
    this.unitsStale = false;
    const playerByUnit = new Map<number, number>();
    const unitByPlayer = new Map<number, number>();
    const fieldsByPlayer = new Map<number, UnitFields>();
    for (const unit of this.units.all()) {
      for (const id of unitIds(unit)) {
        const player = this.playerByKey.get(identifierKey(id));
        if (player === undefined) continue;
        playerByUnit.set(unit.id, player);
        if (!unitByPlayer.has(player)) {
          unitByPlayer.set(player, unit.id);
          fieldsByPlayer.set(player, fieldsOf(unit));
        }
        break;
      }
    }
    // Most unit pushes (a status change) leave the mapping as it was: then nothing built on it is stale.
    if (
      sameEntries(unitByPlayer, this.unitByPlayer) &&
      sameEntries(playerByUnit, this.playerByUnit) &&
      sameEntries(fieldsByPlayer, this.fieldsByPlayer, sameFields)
    )
      return;
    this.playerByUnit = playerByUnit;
    this.unitByPlayer = unitByPlayer;
    this.fieldsByPlayer = fieldsByPlayer;
    this.mappingGeneration += 1;
  }
}
