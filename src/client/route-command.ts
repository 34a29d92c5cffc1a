/**
 * `/cadroute [callId]` and its key mapping (unbound until a player binds it in the game's key settings):
 * the waypoint to the newest active alert, then to each older one on every press, or to the given call.
 */
import { type RouteTarget, routeTargets } from './active-alerts';
import { t } from './locale';
import type { Notice } from './notify/notice';
import { say } from './notify/present';
import { routeTo } from './waypoint';

const ROUTE_COMMAND = 'cadroute';
const CALL_ID = /^-?\d{1,10}$/;

/** The last target a press routed to, and the newest target then: a newer alert starts over. */
let cursor: { key: string; newest: number } | null = null;

function tell(title: string, lines: string[] = []): void {
  const notice: Notice = {
    kind: 'route',
    code: '',
    title,
    lines,
    position: null,
    callId: null,
    style: 'info',
  };
  say(notice);
}

/** The target, or what to say instead. */
function choose(targets: RouteTarget[], wanted: unknown): RouteTarget | [string, string[]] {
  const [newest] = targets;
  if (typeof wanted === 'string' && wanted !== '') {
    if (!CALL_ID.test(wanted)) return [t('route.usage', ROUTE_COMMAND), [t('route.callIdNumber')]];
    const callId = Number(wanted);
    const target = targets.find((candidate) => candidate.callId === callId);
    return target ?? [t('route.noSuchCall', callId), []];
  }
  if (!newest) return [t('route.nothing'), [t('route.noPosition')]];
  const from =
    cursor?.newest === newest.arrival ? targets.findIndex((target) => target.key === cursor?.key) : -1;
  return targets[(from + 1) % targets.length] ?? newest;
}

export function routeCommand(args: unknown[]): void {
  const targets = routeTargets();
  const target = choose(targets, args[0]);
  if (Array.isArray(target)) {
    tell(...target);
    return;
  }
  routeTo(target.key, target.position);
  cursor = { key: target.key, newest: targets[0]?.arrival ?? target.arrival };
  tell(t('route.set'), [target.name]);
}

/** The respond key: the waypoint to the card the player has on top. */
export function routeToKey(key: string | null): void {
  const target = routeTargets().find((candidate) => candidate.key === key);
  if (!target) {
    tell(t('route.nothing'), [t(key === null ? 'route.noCard' : 'route.cardNoPosition')]);
    return;
  }
  routeTo(target.key, target.position);
  tell(t('route.set'), [target.name]);
}

export function registerRouteCommand(): void {
  RegisterCommand(
    ROUTE_COMMAND,
    (_source: number, args: unknown) => {
      routeCommand(Array.isArray(args) ? args : []);
    },
    false,
  );
  // An empty default key: no binding, so it clashes with nothing.
  RegisterKeyMapping(ROUTE_COMMAND, t('keys.route'), 'keyboard', '');
}
