/**
 * `sonorancad simulate panic|911`: builds the push the CAD would send and runs it through the same
 * validation, local events and alerts as a real one, so an owner can check the setup in game.
 */
import type { Players } from '../runtime';
import type { Subcommand } from './router';

export interface SimulateDeps {
  players: Players;
  /** The CAD unit a player is mapped to. */
  unitOf(player: number): number | null;
  /** Runs a push body as if it had arrived, minus the key check. */
  inject(body: Record<string, unknown>): void;
}

const USAGE = 'simulate panic <playerId> [off] | simulate 911 [playerId]';

function parsePlayer(raw: string | undefined, players: Players): number | null {
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  const player = Number(raw);
  return players.list().includes(player) ? player : null;
}

export function simulateCommand(deps: SimulateDeps): Subcommand {
  const { players } = deps;
  // Negative ids never clash with the CAD's own.
  let nextCallId = -1;

  const panic: Subcommand['run'] = (context, [rawPlayer, state]) => {
    const player = parsePlayer(rawPlayer, players);
    if (player === null) return context.reply(`No connected player "${rawPlayer ?? ''}". Usage: ${USAGE}`);
    const isPanic = state?.toLowerCase() !== 'off';
    const unit = deps.unitOf(player);
    if (unit === null) {
      context.reply(
        `Player ${player} is not linked to a logged-in CAD unit, so the panic alerts as an unknown unit without ` +
          "a blip. Log in to the CAD with an account whose API IDs include one of the player's identifiers.",
      );
    }
    const identId = unit ?? -player;
    deps.inject({ type: 'EVENT_UNIT_PANIC', data: { identIds: [identId], isPanic } });
    context.reply(
      `Simulated a panic ${isPanic ? 'press' : 'clear'} for ident ${identId} (player ${player}).`,
    );
  };

  const emergencyCall: Subcommand['run'] = (context, [rawPlayer]) => {
    const player =
      rawPlayer === undefined && context.source !== 0 ? context.source : parsePlayer(rawPlayer, players);
    if (rawPlayer !== undefined && player === null)
      return context.reply(`No connected player "${rawPlayer}".`);
    const position = player === null ? null : players.position(player);
    const callId = nextCallId--;
    deps.inject({
      type: 'EVENT_911',
      data: {
        call: {
          callId,
          isEmergency: true,
          caller: player === null ? 'Simulated caller' : players.name(player),
          location: position ? 'Where the caller stands' : 'Unknown location',
          description: 'A simulated call from "sonorancad simulate 911".',
          metaData: position ? { x: String(position.x), y: String(position.y), z: String(position.z) } : {},
        },
      },
    });
    context.reply(
      `Simulated 911 call ${callId}${position ? ` at player ${player}` : ' without a position'}.`,
    );
  };

  return {
    name: 'simulate',
    usage: USAGE,
    summary: 'Run a made-up panic or 911 push through the whole pipeline.',
    run(context, [kind, ...rest]) {
      if (kind?.toLowerCase() === 'panic') return panic(context, rest);
      if (kind === '911') return emergencyCall(context, rest);
      context.reply(`Usage: ${USAGE}`);
    },
  };
}
