/** Which targets want a push: each target's event-type patterns, with `*` matching any run of characters. */
import { escapeRegExp } from '../../text';

/** Patterns are upper-cased by the config schema; types arrive upper-cased from the envelope. */
function compilePatterns(patterns: readonly string[]): RegExp {
  const alternatives = patterns.map((pattern) => pattern.split('*').map(escapeRegExp).join('.*'));
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

export interface TargetFilter<T> {
  /** The targets whose patterns match the type as sent or its canonical name (aliases resolved). */
  select(type: string, canonical: string | undefined): readonly T[];
}

/** Few distinct types ever arrive, so each answer is computed once; the cache is capped against junk types. */
const MAX_CACHED_TYPES = 512;

export function createTargetFilter<T extends { events: readonly string[] }>(
  targets: readonly T[],
): TargetFilter<T> {
  const compiled = targets.map((target) => ({ target, pattern: compilePatterns(target.events) }));
  const cache = new Map<string, readonly T[]>();
  return {
    select(type, canonical) {
      const key = canonical && canonical !== type ? `${type}\n${canonical}` : type;
      let selected = cache.get(key);
      if (selected) return selected;
      selected = compiled
        .filter(({ pattern }) => pattern.test(type) || (canonical !== undefined && pattern.test(canonical)))
        .map(({ target }) => target);
      if (cache.size >= MAX_CACHED_TYPES) cache.clear();
      cache.set(key, selected);
      return selected;
    },
  };
}
