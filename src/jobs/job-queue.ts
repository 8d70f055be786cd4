// Adding and removing jobs of the PostgreSQL job queue (graphile-worker) from inside OUR
// transactions: a scheduled publication and its job commit or roll back together.
import type { Prisma } from '../generated/prisma/client.js';

export const JobTask = {
  PUBLISH_SCHEDULED_RELEASE: 'publish_scheduled_release',
  REPEAL_RELEASE: 'repeal_release',
  CLEANUP_EXPIRED: 'cleanup_expired_records',
  /** Queues webhook deliveries for newly committed events (src/modules/webhooks/webhook-delivery.ts). */
  WEBHOOK_DISPATCH: 'webhook_dispatch',
  /** Sends one endpoint's due webhook deliveries, in order. */
  WEBHOOK_DELIVER: 'webhook_deliver',
  /** 到期提醒: what falls due soon, per unit, once per local day (src/modules/reminders). */
  REMINDERS_DUE_SOON: 'reminders_due_soon',
} as const;
export type JobTask = (typeof JobTask)[keyof typeof JobTask];

export interface JobQueue {
  /** graphile-worker's schema. */
  readonly schema: string;
  /** Adds (or, with the same key, replaces) a job. */
  add(tx: Prisma.TransactionClient, task: JobTask, payload: Record<string, unknown>, options: { runAt: Date; jobKey: string }): Promise<void>;
  /** Removes a pending job by key (no-op when there is none). */
  remove(tx: Prisma.TransactionClient, jobKey: string): Promise<void>;
}

export function createJobQueue(schema: string): JobQueue {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`createJobQueue: unsafe schema name '${schema}'`);
  return {
    schema,
    async add(tx, task, payload, { runAt, jobKey }) {
      await tx.$executeRawUnsafe(
        `SELECT "${schema}".add_job(identifier => $1::text, payload => $2::json, run_at => $3::timestamptz, job_key => $4::text, max_attempts => 25)`,
        task,
        JSON.stringify(payload),
        runAt,
        jobKey,
      );
    },
    async remove(tx, jobKey) {
      await tx.$executeRawUnsafe(`SELECT "${schema}".remove_job($1::text)`, jobKey);
    },
  };
}
