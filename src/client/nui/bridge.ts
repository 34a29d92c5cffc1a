/**
 * The client's side of the page: messages wait until the page has said `ready`, every callback body is
 * checked and every callback answers. A page that has not said ready 10 s after the client started is
 * unavailable: alerts go to the GTA feed, and the console says why, once.
 */
import {
  type NuiAnswer,
  type NuiCallbackName,
  NuiCallbacks,
  type NuiMessage,
  NuiMessageSchema,
  type NuiRequest,
} from '../../shared/nui-messages';

export const READY_TIMEOUT_MS = 10_000;

type State = 'waiting' | 'ready' | 'unavailable';

interface Held {
  message: NuiMessage;
  /** Shows it another way if the page never comes. */
  fallback: (() => void) | null;
}

let state: State = 'waiting';
let held: Held[] = [];
let explained = false;

/** Said once, when an alert first wants the page that never came. */
function explain(): void {
  if (explained) return;
  explained = true;
  console.warn(
    `[sonorancad] alerts.notify "nui": the alert page did not say ready within ${READY_TIMEOUT_MS / 1000} s; showing alerts in the GTA feed instead.`,
  );
}

function send(message: NuiMessage): void {
  SendNuiMessage(JSON.stringify(message));
}

export function pageState(): State {
  return state;
}

/** False, and the console says why once, when alerts cannot use the page. */
export function pageUsable(): boolean {
  if (state === 'unavailable') explain();
  return state !== 'unavailable';
}

/** Sends now, or once the page is ready; false when the page is unavailable (nothing was sent). */
export function post(message: NuiMessage, fallback: (() => void) | null = null): boolean {
  const checked = NuiMessageSchema.safeParse(message);
  if (!checked.success) {
    console.warn(`[sonorancad] Not sent to the page, it does not match the catalogue: ${message.type}`);
    return true;
  }
  if (!pageUsable()) return false;
  if (state === 'waiting') held.push({ message: checked.data, fallback });
  else send(checked.data);
  return true;
}

/** `after` runs once the answer is on its way. */
export function onPageCallback<N extends NuiCallbackName>(
  name: N,
  handle: (request: NuiRequest<N>) => NuiAnswer<N>,
  after: () => void = () => {},
): void {
  RegisterNuiCallback(name, (data: unknown, answer: (value: unknown) => void) => {
    const request = NuiCallbacks[name].request.safeParse(data);
    if (!request.success) {
      answer({ ok: false, error: `${name}: ${request.error.issues[0]?.message ?? 'malformed'}` });
      return;
    }
    try {
      answer(handle(request.data as NuiRequest<N>));
    } catch (error) {
      answer({ ok: false, error: error instanceof Error ? error.message : String(error) });
      return;
    }
    after();
  });
}

/**
 * `answer` builds the ready answer; what was held goes out right after it. `reloaded`: the page said ready
 * again (it was reloaded, e.g. by a restart of the NUI) and shows nothing until told again.
 */
export function startBridge(answer: () => NuiAnswer<'ready'>, reloaded: () => void): void {
  let again = false;
  onPageCallback(
    'ready',
    () => {
      const reply = answer();
      state = 'ready';
      return reply;
    },
    // After the answer; the page keeps what arrives before it has applied the answer.
    () => {
      const waiting = held;
      held = [];
      for (const { message } of waiting) send(message);
      if (again) reloaded();
      again = true;
    },
  );
  setTimeout(() => {
    if (state !== 'waiting') return;
    state = 'unavailable';
    const waiting = held;
    held = [];
    if (waiting.length > 0) explain();
    for (const { fallback } of waiting) fallback?.();
  }, READY_TIMEOUT_MS);
}
