// Large request bodies one at a time, server-wide. Decoding, parsing and storing a body of
// megabytes takes the event loop (and, embedded, the database's single session) in slices of
// tens of milliseconds; a few of them side by side — from many addresses, which no per-address
// throttle can stop — would keep every ordinary read waiting. Past the gate's queue a large
// request is answered 503 with Retry-After before its body is read.

export class LargeRequestGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  /** Resolves with the function that lets the next one in, or null when too many already wait. */
  enter(): Promise<(() => void) | null> {
    if (this.active < this.concurrency) {
      this.active++;
      return Promise.resolve(this.leaver());
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(() => resolve(this.leaver())));
  }

  private leaver(): () => void {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      // The permit passes straight to the next in line; `active` stays as it is.
      if (next) next();
      else this.active--;
    };
  }
}
