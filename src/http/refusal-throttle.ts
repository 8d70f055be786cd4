// Slows down a client that keeps sending requests the API refuses (HTTP 400/413: over-limit
// bodies, documents too complex, inputs past their caps). Each refusal is cheap on its own, but
// reading, decoding and parsing megabytes to refuse them is not free: a loop of them from one
// address would take the event loop from everyone else. Past its budget an address is answered
// 429 with Retry-After before its body is read, until its window ends.
//
// The cost of a refusal is 1 plus one per 64 KiB the request carried, so a budget of 120 per
// minute allows some 120 small mistakes (no person makes them that fast in a playground) or
// ~7 MB of refused input. Counts live in this process; each instance behind a load balancer
// keeps its own.

const BYTES_PER_UNIT = 64 * 1024;
const WINDOW_MS = 60_000;
/** Addresses tracked at most; beyond it, expired windows are dropped, then the oldest. */
const MAX_ADDRESSES = 10_000;

interface Window {
  startedAt: number;
  used: number;
}

export class RefusalThrottle {
  private readonly windows = new Map<string, Window>();

  /** `budgetPerMinute` 0 turns the throttle off. */
  constructor(private readonly budgetPerMinute: number) {}

  /** Seconds the address must wait before it is served again; 0 when it may be served now. */
  retryAfterSeconds(address: string, now = Date.now()): number {
    if (this.budgetPerMinute === 0) return 0;
    const window = this.windows.get(address);
    if (!window || now - window.startedAt >= WINDOW_MS || window.used < this.budgetPerMinute) return 0;
    return Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
  }

  /** Counts one refused request of `bytes` against the address; true when this spent its budget. */
  refused(address: string, bytes: number, now = Date.now()): boolean {
    if (this.budgetPerMinute === 0) return false;
    let window = this.windows.get(address);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      if (!window && this.windows.size >= MAX_ADDRESSES) this.makeRoom(now);
      window = { startedAt: now, used: 0 };
      // Re-inserted, so the map's order stays the order windows started in.
      this.windows.delete(address);
      this.windows.set(address, window);
    }
    const before = window.used;
    window.used += 1 + Math.floor(Math.max(0, bytes) / BYTES_PER_UNIT);
    return before < this.budgetPerMinute && window.used >= this.budgetPerMinute;
  }

  private makeRoom(now: number): void {
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= WINDOW_MS) this.windows.delete(address);
    }
    if (this.windows.size >= MAX_ADDRESSES) this.windows.delete(this.windows.keys().next().value!);
  }
}
