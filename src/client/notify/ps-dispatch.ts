/**
 * ps-dispatch's client export `CustomAlert(data)` (Project-Sloth/ps-dispatch 2.x, client/alerts.lua):
 * ps-dispatch lists the alert in its own UI, and draws its own blip and plays its own sound. It sends the
 * alert through its server to every on-duty player of its `leo` jobs, so it suits alerts that go to many
 * (panics, 911 calls), never a notice meant for one player; and only the recipient the server marks as
 * the raiser calls it. The raiser's own job does not matter: its server relays every alert to all
 * clients unchecked (server/main.lua), and each client keeps those for its job.
 */
import type { AlertStyle, Position } from '../../shared/alert-payloads';
import type { Notice } from './notice';

export const PS_DISPATCH = 'ps-dispatch';

const ICON: Partial<Record<Notice['kind'], string>> = {
  panic: 'fas fa-triangle-exclamation',
  emergencyCall: 'fas fa-phone',
};

export function raiseInPsDispatch(notice: Notice, at: Position, look: AlertStyle): void {
  exports[PS_DISPATCH].CustomAlert({
    message: [notice.title, ...notice.lines].join(' - '),
    // Not one of its configured codes, so the blip takes the values below.
    dispatchCode: 'sonorancad',
    code: notice.code,
    icon: ICON[notice.kind] ?? 'fas fa-circle-info',
    // 1 is its red, urgent colour.
    priority: notice.style === 'emergency' ? 1 : 2,
    coords: { x: at.x, y: at.y, z: at.z },
    sprite: look.blip.sprite,
    color: look.blip.colour,
    scale: look.blip.scale,
    flash: look.blip.flash,
    // Minutes the blip stays.
    length: Math.max(1, Math.ceil(look.expireSeconds / 60)),
  });
}
