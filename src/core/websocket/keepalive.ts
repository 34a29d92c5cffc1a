/**
 * The hub protocol's keep-alive for one socket: a Ping after `keepAliveMs` without sending, and the hub
 * given up after `timeoutMs` without receiving. One timer each, re-armed when it fires rather than on
 * every message, so a push costs two clock reads and nothing more.
 */
export class Keepalive {
  private lastReceivedAt = Date.now();
  private lastSentAt = Date.now();
  private silenceTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly keepAliveMs: number,
    private readonly timeoutMs: number,
    private readonly ping: () => void,
    private readonly silent: () => void,
  ) {
    this.armSilence(timeoutMs);
  }

  received(): void {
    this.lastReceivedAt = Date.now();
  }

  /** `pinging`: the handshake is done, so idleness now calls for pings. */
  sent(pinging: boolean): void {
    this.lastSentAt = Date.now();
    if (pinging && this.pingTimer === null) this.armPing(this.keepAliveMs);
  }

  stop(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    if (this.pingTimer) clearTimeout(this.pingTimer);
    this.silenceTimer = this.pingTimer = null;
  }

  private armSilence(ms: number): void {
    this.silenceTimer = setTimeout(() => {
      const left = this.lastReceivedAt + this.timeoutMs - Date.now();
      if (left > 0) this.armSilence(left);
      else this.silent();
    }, ms);
  }

  private armPing(ms: number): void {
    this.pingTimer = setTimeout(() => {
      this.pingTimer = null;
      const left = this.lastSentAt + this.keepAliveMs - Date.now();
      if (left > 0) this.armPing(left);
      else this.ping();
    }, ms);
  }
}
