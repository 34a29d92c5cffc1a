/** Counters an operator reads with `sonorancad status`: what arrived, what we answered, when. */

export interface Stats {
  /** An HTTP answer; a 2xx with a type is an event received over HTTP. */
  reply(status: number, type?: string): void;
  /** An event received over the websocket. */
  pushed(type: string): void;
  authFailure(): void;
  snapshot(): StatsSnapshot;
}

export interface StatsSnapshot {
  startedAt: number;
  lastEventAt: number | null;
  authFailures: number;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  byTransport: { http: number; websocket: number };
}

export function createStats(now: () => number): Stats {
  const startedAt = now();
  let lastEventAt: number | null = null;
  let authFailures = 0;
  const byType = new Map<string, number>();
  const byStatus = new Map<number, number>();
  const byTransport = { http: 0, websocket: 0 };
  const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  const event = (type: string, transport: keyof typeof byTransport) => {
    bump(byType, type);
    byTransport[transport] += 1;
    lastEventAt = now();
  };

  return {
    reply(status, type) {
      bump(byStatus, status);
      if (type !== undefined && status < 300) event(type, 'http');
    },
    pushed: (type) => event(type, 'websocket'),
    authFailure() {
      authFailures += 1;
    },
    snapshot: () => ({
      startedAt,
      lastEventAt,
      authFailures,
      byType: Object.fromEntries(byType),
      byStatus: Object.fromEntries([...byStatus].map(([status, count]) => [String(status), count])),
      byTransport: { ...byTransport },
    }),
  };
}
