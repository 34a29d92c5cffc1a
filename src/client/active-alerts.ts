/** Alerts on screen, by id: each owns at most one blip and one feed item, and goes when it expires. */
import type { AlertStyle, Position } from '../shared/alert-payloads';
import { createBlip, moveBlip, removeBlip } from './blip';
import { removeNotice } from './notify';

interface Shown {
  blip: number | null;
  notice: number;
  look: AlertStyle['blip'];
  name: string;
  expiry: CitizenTimer;
}

export class ActiveAlerts {
  private readonly shown = new Map<number, Shown>();

  has(id: number): boolean {
    return this.shown.has(id);
  }

  /** Replaces what `id` showed before; `name` is the clean blip name. */
  show(id: number, notice: number, at: Position | null, look: AlertStyle, name: string): void {
    this.remove(id);
    this.shown.set(id, {
      blip: at ? createBlip(at, look.blip, name) : null,
      notice,
      look: look.blip,
      name,
      expiry: setTimeout(() => this.remove(id), look.expireSeconds * 1000),
    });
  }

  /** The first position of an alert that had none makes its blip. */
  move(id: number, at: Position): void {
    const shown = this.shown.get(id);
    if (!shown) return;
    if (shown.blip === null) shown.blip = createBlip(at, shown.look, shown.name);
    else moveBlip(shown.blip, at);
  }

  remove(id: number): boolean {
    const shown = this.shown.get(id);
    if (!shown) return false;
    this.shown.delete(id);
    clearTimeout(shown.expiry);
    if (shown.blip !== null) removeBlip(shown.blip);
    removeNotice(shown.notice);
    return true;
  }
}
