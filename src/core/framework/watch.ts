/**
 * Follows the framework the server runs and keeps every player's job in a JobDirectory: read once when
 * the framework is found running (at our start, or when it starts later), then from its own events.
 * An alert never calls a framework export. A framework that is not running, or stops, is a console
 * line and an empty directory, not an error.
 */
import { InboundEvents } from '../../shared/events';
import type { Logger } from '../log';
import type { Runtime } from '../runtime';
import { errorMessage } from '../text';
import { esxLink } from './esx';
import type { JobDirectory } from './jobs';
import type { FrameworkContext, FrameworkLink } from './link';
import { FRAMEWORKS, type FrameworkChoice, type FrameworkName } from './names';
import { oxCoreLink } from './ox-core';
import { qbCoreLink, qbxCoreLink } from './qbcore';
import { playerIdOf } from './shapes';

const LINKS: Record<FrameworkName, (ctx: FrameworkContext) => FrameworkLink> = {
  qbx_core: qbxCoreLink,
  'qb-core': qbCoreLink,
  es_extended: esxLink,
  ox_core: oxCoreLink,
};

/** Frameworks without a duty flag, and when. */
const NO_DUTY: Partial<Record<FrameworkName, string>> = {
  ox_core: 'ox_core has no job duty (a player\'s job is their active group): "duty" in job rules is ignored.',
  es_extended: 'es_extended sends jobs without onDuty (before 1.11): "duty" in job rules is ignored.',
};

export interface FrameworkWatchDeps {
  runtime: Runtime;
  choice: FrameworkChoice;
  jobs: JobDirectory;
  /** The job types the rules name, lower-cased. */
  jobTypes: readonly string[];
  /** Some rule asks for duty: said once when the framework has none. */
  dutyAsked: boolean;
  log: Logger;
}

export class FrameworkWatch {
  private current: FrameworkName | null = null;
  private readonly links = new Map<FrameworkName, FrameworkLink>();
  /** Lines said once: no duty, a malformed value per event. */
  private readonly said = new Set<string>();

  constructor(private readonly deps: FrameworkWatchDeps) {
    const { runtime, choice, log } = deps;
    if (choice === 'none') {
      log.info('alerts.framework is "none": job rules match nobody.');
      return;
    }
    const candidates = choice === 'auto' ? FRAMEWORKS : [choice];
    for (const name of candidates) {
      const link = LINKS[name](this.contextFor(name));
      this.links.set(name, link);
      for (const [event, handler] of Object.entries(link.events)) {
        runtime.on(event, (...args) => {
          if (this.current === name) this.guard(name, event, () => handler(...args));
        });
      }
    }
    runtime.on(InboundEvents.ResourceStart, (resource) => this.started(resource));
    runtime.on(InboundEvents.ResourceStop, (resource) => this.stopped(resource));
    const running = candidates.find((name) => runtime.resourceState(name) === 'started');
    if (running) this.adopt(running);
    else
      log.info(
        `${candidates.length === 1 ? `${candidates[0]} is` : `None of ${candidates.join(', ')} is`} started: job rules match nobody until it starts.`,
      );
  }

  /** The framework jobs are read from now, if any. */
  get framework(): FrameworkName | null {
    return this.current;
  }

  private adopt(name: FrameworkName): void {
    this.current = name;
    this.deps.jobs.clear();
    if (name === 'ox_core') this.noDuty(name);
    try {
      this.links.get(name)?.load();
      this.deps.log.info(`Job rules read ${name}: the jobs of ${this.deps.jobs.size} players online.`);
    } catch (error) {
      this.deps.log.warn(
        `Job rules read ${name}, but reading the jobs of players online failed (${errorMessage(error)}): each counts from their next job change.`,
      );
    }
  }

  private started(resource: unknown): void {
    if (typeof resource !== 'string' || !this.links.has(resource as FrameworkName)) return;
    if (this.current === null || this.current === resource) this.adopt(resource as FrameworkName);
  }

  private stopped(resource: unknown): void {
    if (resource !== this.current || this.current === null) return;
    this.deps.log.info(`${this.current} stopped: job rules match nobody until it starts again.`);
    this.current = null;
    this.deps.jobs.clear();
  }

  private contextFor(name: FrameworkName): FrameworkContext {
    const { runtime, jobs } = this.deps;
    return {
      call: (exported, ...args) => runtime.callExport(name, exported, ...args),
      jobTypes: this.deps.jobTypes,
      setJob: (player, job, what) => {
        const id = playerIdOf(player);
        if (id === null || job === null)
          return this.once(
            `${name}:${what}`,
            `Ignored a ${what} from ${name} without a server id and job name.`,
          );
        if (job.onDuty === null) this.noDuty(name);
        jobs.set(id, job);
      },
      setDuty: (player, onDuty) => {
        const id = playerIdOf(player);
        if (id === null || typeof onDuty !== 'boolean')
          return this.once(
            `${name}:duty`,
            `Ignored a duty change from ${name} without a server id and true or false.`,
          );
        jobs.setDuty(id, onDuty);
      },
      remove: (player) => {
        const id = playerIdOf(player);
        if (id !== null) jobs.delete(id);
      },
      jobOf: (player) => {
        const id = playerIdOf(player);
        return id === null ? undefined : jobs.get(id);
      },
    };
  }

  /** A handler that calls an export may throw; the event is lost, said once per event. */
  private guard(name: FrameworkName, event: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.once(`${name}:${event}:failed`, `Handling ${event} from ${name} failed: ${errorMessage(error)}`);
    }
  }

  private noDuty(name: FrameworkName): void {
    const line = NO_DUTY[name];
    if (line && this.deps.dutyAsked) this.once(`${name}:no-duty`, line, 'info');
  }

  private once(key: string, line: string, level: 'info' | 'warn' = 'warn'): void {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.deps.log[level](line);
  }
}
