/** What a framework adapter is given, and what it gives back, once the framework is running. */
import type { FrameworkJob } from './jobs';

export interface FrameworkContext {
  /** Calls one of the framework's own exports; throws as the export does. */
  call(name: string, ...args: unknown[]): unknown;
  /** The job types the rules name, lower-cased (ox_core looks up its groups of these types). */
  readonly jobTypes: readonly string[];
  /** `player` as the framework sent it; a job that failed its check is said once as `what`. */
  setJob(player: unknown, job: FrameworkJob | null, what: string): void;
  setDuty(player: unknown, onDuty: unknown): void;
  remove(player: unknown): void;
  jobOf(player: unknown): FrameworkJob | undefined;
}

export type EventHandler = (...args: unknown[]) => void;

export interface FrameworkLink {
  /** Reads the job of every player the framework has loaded: at our start, and whenever it starts. */
  load(): void;
  /** The framework's server events, each with what it changes. */
  readonly events: Readonly<Record<string, EventHandler>>;
}
