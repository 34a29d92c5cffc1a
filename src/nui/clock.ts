/**
 * The page's one timer: a tick a second while anything shows, none at all while nothing does. Ages,
 * toasts, the cleared state and repeating sounds all run on it.
 */
const TICK_MS = 1000;

let pending: ReturnType<typeof setTimeout> | null = null;
let onTick: (now: number) => boolean = () => false;

/** `tick` returns whether anything still shows. */
export function useTick(tick: (now: number) => boolean): void {
  onTick = tick;
}

/** Called after anything appears. */
export function wake(): void {
  if (pending === null) pending = setTimeout(run, TICK_MS);
}

function run(): void {
  pending = null;
  if (onTick(Date.now())) wake();
}
