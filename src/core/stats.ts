/** Counters an operator reads with `sonorancad status`: what arrived, what we answered, when. */

export interface Stats {
  reply(status: number, type?: string): void;
  authFailure(): void;
  snapshot(): StatsSnapshot;
}

export interface StatsSnapshot {
  startedAt: number;
  lastEventAt: number | null;
  authFailures: number;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
}

export function createStats(now: () => number): Stats {
  const startedAt = now();
  let lastEventAt: number | null = null;
  let authFailures = 0;
  const byType = new Map<string, number>();
  const byStatus = new Map<number, number>();
  const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

  return {
    reply(status, type) {
      bump(byStatus, status);
      if (type !== undefined && status < 300) {
        bump(byType, type);
        lastEventAt = now();
      }
    },
    authFailure() {
      authFailures += 1;
    },
    snapshot: () => ({
      startedAt,
      lastEventAt,
      authFailures,
      byType: Object.fromEntries(byType),
      byStatus: Object.fromEntries([...byStatus].map(([status, count]) => [String(status), count])),
    }),
  };
}
