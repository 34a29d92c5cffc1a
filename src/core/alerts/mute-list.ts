/** Players who muted alerts for themselves with the mute command, until they do it again or leave. */

export class MuteList {
  private readonly muted = new Set<number>();

  has(player: number): boolean {
    return this.muted.has(player);
  }

  set(player: number, muted: boolean): void {
    if (muted) this.muted.add(player);
    else this.muted.delete(player);
  }

  forget(player: number): void {
    this.muted.delete(player);
  }
}
