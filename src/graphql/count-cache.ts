// Counts of public lists that do not cost a table scan per request. An exact count(*) of the
// published releases is O(N): 150 ms at a million rows, for every page a website shows. Public
// counts are the same for every anonymous caller (and every channel of a kind), so they are
// cached per list and filter:
//   - a publication, withdrawal, repeal or correction made by this process invalidates them at
//     once (its callers see exact counts after their own writes);
//   - made by another process (another API instance, a worker), it shows after at most
//     COUNT_CACHE_SECONDS;
//   - an expired count is served while it is recounted in the background, so no request waits
//     for a count except the first one of a list and filter, or the first after a change here.
// Staff lists are never cached: editors see their own drafts counted at once.

interface Entry {
  value: number;
  at: number;
  generation: number;
  refreshing?: Promise<number>;
}

const MAX_ENTRIES = 2_000;

export class CountCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly pending = new Map<string, Promise<number>>();

  constructor(private readonly ttlMs: number) {}

  /** Forgets every count: public content changed. */
  invalidate(): void {
    this.generation++;
  }

  count(key: string, compute: () => Promise<number>): Promise<number> {
    if (this.ttlMs <= 0) return compute();
    const entry = this.entries.get(key);
    if (entry && entry.generation === this.generation) {
      if (Date.now() - entry.at >= this.ttlMs && !entry.refreshing) {
        entry.refreshing = this.load(key, compute).finally(() => (entry.refreshing = undefined));
        entry.refreshing.catch(() => {});
      }
      return Promise.resolve(entry.value);
    }
    return this.load(key, compute);
  }

  /** One count at a time per key; its result is kept for the generation it started in. */
  private load(key: string, compute: () => Promise<number>): Promise<number> {
    const generation = this.generation;
    // Per generation: a count begun before a change must not answer a request made after it.
    const slot = `${generation}|${key}`;
    const running = this.pending.get(slot);
    if (running) return running;
    const started = compute()
      .then((value) => {
        if (generation === this.generation) {
          this.entries.delete(key);
          this.entries.set(key, { value, at: Date.now(), generation });
          if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
        }
        return value;
      })
      .finally(() => this.pending.delete(slot));
    this.pending.set(slot, started);
    return started;
  }
}
