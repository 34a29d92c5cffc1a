/** Map blips; a blip can only be removed by the script that made it, so every one made here ends here. */
import type { AlertStyle, Position } from '../shared/alert-payloads';
import { components } from './sanitise';

export function createBlip(at: Position, look: AlertStyle['blip'], name: string): number {
  const blip = AddBlipForCoord(at.x, at.y, at.z);
  // The sprite first: setting it resets the colour.
  SetBlipSprite(blip, look.sprite);
  SetBlipColour(blip, look.colour);
  SetBlipScale(blip, look.scale);
  SetBlipAsShortRange(blip, look.shortRange);
  SetBlipFlashes(blip, look.flash);
  if (look.route) {
    SetBlipRoute(blip, true);
    SetBlipRouteColour(blip, look.colour);
  }
  BeginTextCommandSetBlipName('STRING');
  AddTextComponentSubstringPlayerName(components(name)[0] ?? '');
  EndTextCommandSetBlipName(blip);
  return blip;
}

export function moveBlip(blip: number, at: Position): void {
  if (DoesBlipExist(blip)) SetBlipCoords(blip, at.x, at.y, at.z);
}

/** Takes its route with it. */
export function removeBlip(blip: number): void {
  if (DoesBlipExist(blip)) RemoveBlip(blip);
}
