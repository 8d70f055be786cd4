// Usage counters per channel client: operations run and operations refused by the rate limit,
// per hour, in ChannelUsage. Counted in memory (a request never waits for them) and added to the
// table in one statement every few seconds and at shutdown; a flush that fails keeps its counts
// for the next one, so nothing is lost unless the process dies between two flushes. Every
// instance adds its own counts (upsert that adds), so the table holds the sum of all of them.
import { inBackground } from '../../jobs/background.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';

const HOUR_MS = 3_600_000;

interface Counts {
  operations: number;
  throttled: number;
}

/** The hour a moment falls in (whole hours in UTC, which are whole hours in the county's zone too). */
export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export class ChannelUsageRecorder {
  /** "<channelClientId>|<hour ms>" → counts not yet written. */
  private pending = new Map<string, Counts>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly flushIntervalMs: number,
  ) {}

  record(channelClientId: string, at: Date, what: keyof Counts, n = 1): void {
    const key = `${channelClientId}|${hourOf(at).getTime()}`;
    let counts = this.pending.get(key);
    if (!counts) this.pending.set(key, (counts = { operations: 0, throttled: 0 }));
    counts[what] += n;
  }

  /** Starts the periodic flush (the timer does not keep the process alive). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void inBackground('channel usage flush', () => this.flush()).catch(() => {}), this.flushIntervalMs);
    this.timer.unref();
  }

  /**
   * Adds the pending counts to the table. One flush at a time; on failure the counts go back
   * to the pending ones (merged with what came in meanwhile) and the error is rethrown.
   */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.write());
    this.flushing = run.catch(() => {});
    return run;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const ids: string[] = [];
    const hours: string[] = [];
    const operations: number[] = [];
    const throttled: number[] = [];
    for (const [key, counts] of batch) {
      const [id, hour] = key.split('|') as [string, string];
      ids.push(id);
      hours.push(new Date(Number(hour)).toISOString());
      operations.push(counts.operations);
      throttled.push(counts.throttled);
    }
    try {
      // Rows of channels deleted meanwhile are dropped (their usage went with them), so one
      // deletion cannot make every later flush fail on the foreign key.
      await this.db.$executeRaw`
        INSERT INTO "ChannelUsage" ("channelClientId", "hour", "operations", "throttled")
        SELECT u.id, u.hour, u.operations, u.throttled
        FROM unnest(${ids}::uuid[], ${hours}::timestamptz[], ${operations}::bigint[], ${throttled}::bigint[]) AS u(id, hour, operations, throttled)
        WHERE EXISTS (SELECT 1 FROM "ChannelClient" c WHERE c.id = u.id)
        ON CONFLICT ("channelClientId", "hour") DO UPDATE
          SET "operations" = "ChannelUsage"."operations" + EXCLUDED."operations",
              "throttled" = "ChannelUsage"."throttled" + EXCLUDED."throttled"`;
    } catch (error) {
      for (const [key, counts] of batch) {
        const now = this.pending.get(key);
        if (now) {
          now.operations += counts.operations;
          now.throttled += counts.throttled;
        } else {
          this.pending.set(key, counts);
        }
      }
      this.logger.warn({ err: error, rows: batch.size }, 'channel usage: flush failed; the counts are kept for the next one');
      throw error;
    }
  }

  /** Stops the timer and writes what is pending (once more if that fails). Call after the last request. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.flush();
      } catch (error) {
        if (attempt >= 2) {
          this.logger.error({ err: error, rows: this.pending.size }, 'channel usage: the last counts could not be written at shutdown');
          return;
        }
      }
    }
  }
}

/** Longest span one usage question may cover. */
export const MAX_USAGE_SPAN_DAYS = 93;

export interface UsageReport {
  since: Date;
  until: Date;
  operations: number;
  throttled: number;
  hours: { hour: Date; operations: number; throttled: number }[];
}

/**
 * A channel's hourly usage for the hours that start in [since, until) (since rounded down to its
 * hour), oldest first, with totals. Counts of the last few seconds may still be in the
 * processes' buffers (CHANNEL_USAGE_FLUSH_MS).
 */
export async function channelUsage(db: Db, channelClientId: string, since: Date, until: Date): Promise<UsageReport> {
  const from = hourOf(since);
  const rows = await db.channelUsage.findMany({
    where: { channelClientId, hour: { gte: from, lt: until } },
    orderBy: { hour: 'asc' },
    select: { hour: true, operations: true, throttled: true },
  });
  const hours = rows.map((r) => ({ hour: r.hour, operations: Number(r.operations), throttled: Number(r.throttled) }));
  return {
    since: from,
    until,
    operations: hours.reduce((sum, h) => sum + h.operations, 0),
    throttled: hours.reduce((sum, h) => sum + h.throttled, 0),
    hours,
  };
}
