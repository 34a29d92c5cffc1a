/**
 * What each card kind looks and sounds like: one entry per kind of the catalogue, so a new kind is one
 * line here and a type error until it has one.
 */
import type { CardKind } from '../shared/nui-messages';
import type { NuiStringKey } from '../shared/nui-strings';

/** Notes in Hz, each `beat` seconds long. */
export interface Tone {
  notes: readonly number[];
  beat: number;
}

export interface KindLook {
  /** The card's edge and badge. */
  colour: string;
  /** An SVG path in a 24×24 box. */
  icon: string;
  label: NuiStringKey;
  tone: Tone;
}

const ICONS = {
  alarm: 'M12 2 1 21h22L12 2Zm0 6 .9 7h-1.8L12 8Zm0 9.5a1.2 1.2 0 1 1 0 2.4 1.2 1.2 0 0 1 0-2.4Z',
  phone:
    'M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1l-2.3 2.2Z',
  radio:
    'M4 8h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1Zm3 3a3 3 0 1 0 0 6 3 3 0 0 0 0-6Zm7 1v2h5v-2h-5ZM5 7l11-4 .7 1.9L10.5 7H5Z',
} as const;

export const KINDS: Record<CardKind, KindLook> = {
  panic: {
    colour: '#e5484d',
    icon: ICONS.alarm,
    label: 'kind.panic',
    tone: { notes: [988, 740, 988, 740], beat: 0.16 },
  },
  emergencyCall: {
    colour: '#3e9cf0',
    icon: ICONS.phone,
    label: 'kind.emergencyCall',
    tone: { notes: [880, 1175], beat: 0.14 },
  },
  dispatch: {
    colour: '#f5a524',
    icon: ICONS.radio,
    label: 'kind.dispatch',
    tone: { notes: [660, 880], beat: 0.12 },
  },
};

/** The notices' chime. */
export const NOTICE_TONE: Tone = { notes: [784], beat: 0.12 };
