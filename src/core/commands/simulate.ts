/**
 * `sonorancad simulate panic|911|attach|detach|note|tone|page|station`: builds the push the CAD would send and runs it
 * through the same validation, local events and alerts as a real one, so an owner can check the setup in
 * game.
 */
import type { Players } from '../runtime';
import type { Subcommand } from './router';
import { AUDIO_USAGE, simulateAudio } from './simulate-audio';

export interface SimulateDeps {
  players: Players;
  /** The CAD unit a player is mapped to. */
  unitOf(player: number): number | null;
  /** Runs a push body as if it had arrived, minus the key check. */
  inject(body: Record<string, unknown>): void;
  /** Configured station names: `simulate station` reads names of several words by them. */
  stationNames: readonly string[];
}

const USAGE = `simulate panic <playerId> [off] | simulate 911 [playerId] | simulate attach|detach|note <playerId> [callId] | ${AUDIO_USAGE}`;
const CALL_ID = /^-?\d{1,10}$/;

type DispatchAction = 'attach' | 'detach' | 'note';
const DONE: Record<DispatchAction, (unit: number) => string> = {
  attach: (unit) => `attaching unit ${unit} to`,
  detach: (unit) => `detaching unit ${unit} from`,
  note: () => 'a note on',
};

function parsePlayer(raw: string | undefined, players: Players): number | null {
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  const player = Number(raw);
  return players.list().includes(player) ? player : null;
}

export function simulateCommand(deps: SimulateDeps): Subcommand {
  const { players } = deps;
  // Negative ids never clash with the CAD's own.
  let nextCallId = -1;
  /** The call each player was last attached to by a simulation: detach and note default to it. */
  const lastCall = new Map<number, number>();
  const audio = simulateAudio(deps.inject, deps.stationNames);

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

  /** A made-up dispatch call where the player stands, with nobody attached yet. */
  const newCall = (player: number): number => {
    const position = players.position(player);
    const callId = nextCallId--;
    deps.inject({
      type: 'EVENT_DISPATCH_NEW',
      data: {
        dispatch: {
          callId,
          origin: 2,
          status: 1,
          priority: 2,
          code: '10-00',
          title: 'Simulated call',
          address: position ? 'Where the player stands' : 'Unknown location',
          postal: '',
          description: 'A simulated dispatch call from "sonorancad simulate attach".',
          notes: [],
          idents: [],
          metaData: position ? { x: String(position.x), y: String(position.y), z: String(position.z) } : {},
        },
      },
    });
    return callId;
  };

  const dispatch =
    (action: DispatchAction): Subcommand['run'] =>
    (context, [rawPlayer, rawCall]) => {
      const player = parsePlayer(rawPlayer, players);
      if (player === null) return context.reply(`No connected player "${rawPlayer ?? ''}". Usage: ${USAGE}`);
      if (rawCall !== undefined && !CALL_ID.test(rawCall))
        return context.reply(`"${rawCall}" is not a call id. Usage: ${USAGE}`);
      const unit = deps.unitOf(player);
      if (unit === null) {
        return context.reply(
          `Player ${player} is not linked to a logged-in CAD unit, and only the attached unit's player hears of ` +
            "a dispatch call. Log in to the CAD with an account whose API IDs include one of the player's identifiers.",
        );
      }
      const known = rawCall === undefined ? lastCall.get(player) : Number(rawCall);
      if (action !== 'attach' && known === undefined)
        return context.reply(`No simulated call for player ${player} yet: give a call id.`);
      const callId = known ?? newCall(player);
      if (action === 'note') {
        deps.inject({
          type: 'EVENT_DISPATCH_NOTE',
          data: {
            callId,
            note: {
              time: '00:00:00',
              label: 'SIM',
              type: 'text',
              content: 'A simulated note from "sonorancad simulate note".',
            },
          },
        });
      } else {
        const type = action === 'attach' ? 'EVENT_DISPATCH_UNIT_ATTACH' : 'EVENT_DISPATCH_UNIT_DETACH';
        deps.inject({ type, data: { callId, ident: unit } });
        lastCall.set(player, callId);
      }
      context.reply(`Simulated ${DONE[action](unit)} call ${callId} (player ${player}).`);
    };

  return {
    name: 'simulate',
    usage: USAGE,
    summary: 'Run a made-up panic, 911, dispatch, tone, page or station push through the whole pipeline.',
    run(context, [kind, ...rest]) {
      const name = kind?.toLowerCase();
      if (name === 'panic') return panic(context, rest);
      if (name === '911') return emergencyCall(context, rest);
      if (name === 'attach' || name === 'detach' || name === 'note') return dispatch(name)(context, rest);
      if (name === 'tone' || name === 'page' || name === 'station') return audio[name](context, rest);
      context.reply(`Usage: ${USAGE}`);
    },
  };
}
