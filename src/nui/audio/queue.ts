/**
 * One `<audio>` element plays every clip of CAD audio, one after another: tones that arrive together
 * play in order and never overlap. Each clip is cut at its `maxSeconds` by the element's own clock
 * (`timeupdate`), and ends in `done` exactly once: with null, or with why it did not play.
 */

export interface Clip {
  src: string;
  /** 0 to 1. */
  volume: number;
  maxSeconds: number;
  /** It is audible now. */
  started?: () => void;
  done: (failure: string | null) => void;
}

const queue: Clip[] = [];
let current: Clip | null = null;
let element: HTMLAudioElement | null = null;

function audio(): HTMLAudioElement {
  if (element) return element;
  const node = document.createElement('audio');
  node.className = 'cad-audio';
  node.preload = 'auto';
  node.addEventListener('playing', () => current?.started?.());
  node.addEventListener('timeupdate', () => {
    if (current && node.currentTime >= current.maxSeconds) finish(current, null);
  });
  node.addEventListener('ended', () => {
    if (current) finish(current, null);
  });
  node.addEventListener('error', () => {
    if (current) finish(current, node.error?.message || `media error ${node.error?.code ?? ''}`.trim());
  });
  // In the document, so its events can be watched like any other element's.
  document.body.append(node);
  element = node;
  return node;
}

function finish(clip: Clip, failure: string | null): void {
  if (current !== clip) return;
  current = null;
  const node = audio();
  node.pause();
  node.removeAttribute('src');
  node.load();
  clip.done(failure);
  next();
}

function next(): void {
  if (current) return;
  const clip = queue.shift();
  if (!clip) return;
  current = clip;
  const node = audio();
  node.volume = Math.max(0, Math.min(1, clip.volume));
  node.src = clip.src;
  node.play().catch((error: unknown) => {
    // An error event has already ended it when the source was the problem.
    finish(clip, error instanceof Error ? error.message : String(error));
  });
}

export function enqueue(clip: Clip): void {
  queue.push(clip);
  next();
}
