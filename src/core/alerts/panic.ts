/**
 * Panic alerts. A press alerts every recipient at once; while it lasts, each refresh moves the blip with
 * the unit, alerts players who became recipients and quietly takes the blip from those who stopped
 * being one. A clear removes it everywhere it was shown.
 */
import type { PanicAlert, PanicMoved, PanicUnit, Position } from '../../shared/alert-payloads';
import { clipText } from '../../shared/alert-text';
import { NetEvents } from '../../shared/events';
import type { UnitCache } from '../cache/units';
import type { Runtime } from '../runtime';
import type { PushEventOf } from '../validate/catalogue';
import { noticeStyleFor, styleFor } from './alert-style';
import type { AlertsConfig } from './config';
import type { IdentityMap } from './identity';
import { raiserOf } from './raiser';
import type { Recipients } from './recipients';

/** Closer moves than this are not worth a net event. */
const MOVE_METRES = 1;

interface ActivePanic {
  identId: number;
  expiresAt: number;
  /** Online players who were sent the alert and were not told to drop it since. */
  receivers: Set<number>;
  position: Position | null;
}

export interface PanicDeps {
  runtime: Runtime;
  config: AlertsConfig;
  units: UnitCache;
  identity: IdentityMap;
  recipients: Recipients;
}

function moved(from: Position | null, to: Position): boolean {
  return !from || Math.hypot(to.x - from.x, to.y - from.y, to.z - from.z) >= MOVE_METRES;
}

export class PanicAlerts {
  private readonly active = new Map<number, ActivePanic>();

  constructor(private readonly deps: PanicDeps) {}

  get size(): number {
    return this.active.size;
  }

  handle(event: PushEventOf<'EVENT_UNIT_PANIC'>): void {
    for (const identId of event.identIds) {
      if (event.isPanic) this.press(identId);
      else this.clear(identId);
    }
  }

  /** One refresh of every active panic; false when none is left. */
  refresh(): boolean {
    const { runtime, config } = this.deps;
    const now = runtime.timers.now();
    // Clients expire their copy on their own timer.
    for (const [identId, panic] of this.active) if (panic.expiresAt <= now) this.active.delete(identId);
    if (this.active.size === 0) return false;
    const recipients = this.deps.recipients.recipientsFor(config.panic);
    const moves: PanicMoved['moves'] = [];
    for (const panic of this.active.values()) {
      const position = this.positionOf(panic.identId);
      if (position && moved(panic.position, position)) {
        panic.position = position;
        moves.push({ identId: panic.identId, position });
      }
      this.sync(panic, recipients, false, now);
    }
    // After sync every recipient shows every active panic, so one event carries all moves.
    if (moves.length > 0)
      for (const player of recipients) runtime.emitNet(NetEvents.PanicMoved, player, { moves });
    return true;
  }

  /** A player left: nothing more is sent to that id. */
  forget(player: number): void {
    for (const panic of this.active.values()) panic.receivers.delete(player);
  }

  private press(identId: number): void {
    const now = this.deps.runtime.timers.now();
    const previous = this.active.get(identId);
    const panic: ActivePanic = {
      identId,
      expiresAt: now + this.deps.config.panic.expireSeconds * 1000,
      receivers: previous?.receivers ?? new Set(),
      position: this.positionOf(identId),
    };
    this.active.set(identId, panic);
    this.sync(panic, this.deps.recipients.recipientsFor(this.deps.config.panic), true, now);
  }

  private clear(identId: number): void {
    const panic = this.active.get(identId);
    this.active.delete(identId);
    // An expired panic has no receivers on record any more: the notice goes to whoever it would reach now.
    const targets = panic ? panic.receivers : this.deps.recipients.recipientsFor(this.deps.config.panic);
    const payload = {
      identId,
      unit: this.unitOf(identId),
      notice: true,
      ...noticeStyleFor(this.deps.config),
    };
    for (const player of targets) this.deps.runtime.emitNet(NetEvents.PanicCleared, player, payload);
  }

  /** `fresh`: every recipient gets the full alert (a press); otherwise only those new to it do. */
  private sync(panic: ActivePanic, recipients: ReadonlySet<number>, fresh: boolean, now: number): void {
    const { emitNet } = this.deps.runtime;
    for (const player of panic.receivers) {
      if (recipients.has(player)) continue;
      panic.receivers.delete(player);
      emitNet(NetEvents.PanicCleared, player, {
        identId: panic.identId,
        unit: null,
        notice: false,
        ...noticeStyleFor(this.deps.config, false),
      });
    }
    // Only a press is raised in a shared dispatch UI; a late recipient gets it from there, if at all.
    const raiser = fresh ? raiserOf(recipients, this.deps.config.notify) : null;
    // Built when first needed, and two at most, not one per player: only the raiser's differs.
    let alert: PanicAlert | null = null;
    let raised: PanicAlert | null = null;
    for (const player of recipients) {
      if (!fresh && panic.receivers.has(player)) continue;
      alert ??= { ...this.alertOf(panic, now), raiser: false };
      if (player === raiser) raised ??= { ...alert, raiser: true };
      emitNet(NetEvents.PanicAlert, player, player === raiser ? raised : alert);
      panic.receivers.add(player);
    }
  }

  private alertOf(panic: ActivePanic, now: number): Omit<PanicAlert, 'raiser'> {
    const { config } = this.deps;
    const remaining = Math.max(1, Math.ceil((panic.expiresAt - now) / 1000));
    return {
      identId: panic.identId,
      unit: this.unitOf(panic.identId),
      position: panic.position,
      look: styleFor(config.panic, config, remaining),
    };
  }

  private unitOf(identId: number): PanicUnit {
    const unit = this.deps.units.get(identId);
    if (!unit) return null;
    const { name = '', unitNum = '', department = '' } = unit.data;
    return { name: clipText(name), unitNum: clipText(unitNum), department: clipText(department) };
  }

  private positionOf(identId: number): Position | null {
    const player = this.deps.identity.playerOf(identId);
    return player === null ? null : this.deps.runtime.players.position(player);
  }
}
