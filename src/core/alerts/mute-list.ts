/** Players who muted alerts for themselves with the mute command, until they do it again or leave. */

export class MuteList {
  private readonly muted = new Set<number>();
  /** Bumped on every change, so sets built from this list know when to be rebuilt. */
  version = 0;

  has(player: number): boolean {
    return this.muted.has(player);
  }

  set(player: number, muted: boolean): void {
    if (muted) this.muted.add(player);
    else this.muted.delete(player);
    this.version += 1;
  }

  forget(player: number): void {
    if (this.muted.delete(player)) this.version += 1;
  }
}
