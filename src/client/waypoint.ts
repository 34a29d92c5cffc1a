/**
 * The GPS waypoint, which belongs to the player: we set it for an alert, and take it away with the alert
 * only while it is still the one we set.
 */
import type { Position } from '../shared/alert-payloads';

/** The waypoint's blip sprite (radar_waypoint). */
const WAYPOINT_SPRITE = 8;
/** Metres: the waypoint snaps to the ground, so only x and y are compared. */
const SAME_PLACE = 1;

let ours: { key: string; at: Position } | null = null;

export function routeTo(key: string, at: Position): void {
  SetNewWaypoint(at.x, at.y);
  ours = { key, at };
}

function stillOurs(at: Position): boolean {
  if (!IsWaypointActive()) return false;
  const [x = Number.NaN, y = Number.NaN] = GetBlipInfoIdCoord(GetFirstBlipInfoId(WAYPOINT_SPRITE));
  return Math.abs(x - at.x) < SAME_PLACE && Math.abs(y - at.y) < SAME_PLACE;
}

/** True when the waypoint was still the one to `key`, and is gone now. */
export function releaseRoute(key: string): boolean {
  if (ours?.key !== key) return false;
  const active = stillOurs(ours.at);
  if (active) DeleteWaypoint();
  ours = null;
  return active;
}
