/**
 * CAD tones (`EVENT_TONE`): the players of the units the tone's targets name hear it, with the label of
 * the first target that names them, plus holders of the tone ACE when `alerts.tone.recipients` says so.
 * Nobody else gets a net event. The URL is checked against the allow-list here, and again by the page.
 */

import { clipText } from '../../../shared/alert-text';
import { checkAudioUrl } from '../../../shared/audio-url';
import type { ToneAlert } from '../../../shared/cad-audio-payloads';
import { MAX_AUDIO_URL } from '../../../shared/cad-audio-rules';
import { NetEvents } from '../../../shared/events';
import type { Translate } from '../../../shared/locale';
import type { Logger } from '../../log';
import type { Runtime } from '../../runtime';
import type { PushEventOf } from '../../validate/catalogue';
import { type Audience, sorted } from './audience';
import type { ToneConfig } from './config';
import { defaultLabel, type TargetSources, unitsOf } from './tone-targets';

export interface ToneAlertsDeps {
  runtime: Pick<Runtime, 'emitNet'>;
  config: ToneConfig;
  sources: TargetSources;
  audience: Audience;
  /** Online, unmuted holders of the tone ACE (kept up to date); null when the rule is not in use. */
  aceHolders: (() => ReadonlySet<number>) | null;
  /** The labels made here (a target without one) are the players' texts. */
  t: Translate;
  log: Logger;
}

export class ToneAlerts {
  /** Target types and refused hosts already reported: each is said once, however often the CAD sends it. */
  private readonly reported = new Set<string>();

  constructor(private readonly deps: ToneAlertsDeps) {}

  handle(event: PushEventOf<'EVENT_TONE'>): void {
    const { config, audience, sources, t } = this.deps;
    if (!config.enabled) return;
    const labels = new Map<number, string>();
    if (config.recipients.includes('targets')) {
      for (const target of event.playTonesTo) {
        const units = unitsOf(target, sources);
        if (units === null) {
          this.once(
            `type ${target.type}`,
            `Tone target type ${target.type} is not one this resource knows: ignored.`,
          );
          continue;
        }
        const label = clipText(target.label?.trim() || defaultLabel(target, t));
        for (const unit of units) {
          const player = audience.playerOf(unit);
          if (player !== null && !labels.has(player)) labels.set(player, label);
        }
      }
    }
    const holders = this.deps.aceHolders?.();
    if (holders && holders.size > 0) {
      const first = event.playTonesTo[0];
      const label = clipText(first ? first.label?.trim() || defaultLabel(first, t) : t('tone.untitled'));
      for (const player of holders) if (!labels.has(player)) labels.set(player, label);
    }
    if (labels.size === 0) return;

    const verdict = checkAudioUrl(event.url, config.allowedHosts);
    if (!verdict.ok) {
      this.once(
        `url ${verdict.reason}`,
        `A tone was refused (${verdict.reason}): only https from alerts.tone.allowedHosts plays. Players see why.`,
      );
    }
    // One payload per label: players who share it share the object.
    const payloads = new Map<string, ToneAlert>();
    for (const player of sorted(labels.keys())) {
      const label = labels.get(player) as string;
      let payload = payloads.get(label);
      if (!payload) {
        payload = {
          url: verdict.ok ? verdict.url : event.url.slice(0, MAX_AUDIO_URL),
          refused: verdict.ok ? null : verdict.reason,
          label,
          allowedHosts: config.allowedHosts,
          maxSeconds: config.maxSeconds,
        };
        payloads.set(label, payload);
      }
      this.deps.runtime.emitNet(NetEvents.Tone, player, payload);
    }
  }

  private once(key: string, line: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.deps.log.warn(line);
  }
}
