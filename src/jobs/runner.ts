// Runs the job queue (graphile-worker 0.16, the last line that supports Node 20) against the
// same PostgreSQL as the app — the embedded one included, through its loopback server.
import { Logger as WorkerLogger, run, runMigrations, type Runner } from 'graphile-worker';
import type pg from 'pg';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/database.js';
import { createPool } from '../db/pool.js';
import type { Logger } from '../logger.js';
import { JobTask } from './job-queue.js';
import type { DeadlineRules } from '../modules/calendar/deadline-rules.js';
import { createTaskList } from './tasks.js';
import { createJobQueue } from './job-queue.js';
import type { WebhookMetrics } from '../modules/webhooks/webhook-delivery.js';

export interface JobRunnerOptions {
  connectionString: string;
  /** graphile-worker's schema (tests give each file its own). */
  schema: string;
  db: Db;
  timeZone: string;
  deadlines: DeadlineRules;
  logger: Logger;
  concurrency?: number;
  pollInterval?: number;
  authAuditRetentionDays: number;
  changeRetentionDays: number;
  /** REMINDER_WORKING_DAYS. */
  reminderWorkingDays: number;
  /** Called after a job changed public content (the API process's count cache). */
  onPublicChange?: () => void;
  webhooks: Pick<Config, 'webhooks'>['webhooks'];
  /** Server secret the stored webhook secrets are encrypted under. */
  serverSecret: Uint8Array;
  /** Counts webhook attempts (the API process's /metrics). */
  webhookMetrics?: WebhookMetrics;
}

function workerLogger(logger: Logger): WorkerLogger {
  const log = logger.child({ component: 'jobs' });
  return new WorkerLogger(() => (level, message, meta) => {
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : level === 'debug' ? 'debug' : 'info';
    log[method](meta ?? {}, message);
  });
}

/** The runner options for a service configuration and its database. */
export function jobRunnerOptions(config: Pick<Config, 'jobs' | 'timeZone' | 'deadlines' | 'webhooks' | 'auth' | 'changeRetentionDays' | 'reminderWorkingDays'>, db: Database, logger: Logger): JobRunnerOptions {
  return {
    connectionString: db.url,
    schema: config.jobs.schema,
    db: db.prisma,
    timeZone: config.timeZone,
    deadlines: config.deadlines,
    logger,
    pollInterval: config.jobs.pollIntervalMs,
    concurrency: config.jobs.concurrency,
    authAuditRetentionDays: config.jobs.authAuditRetentionDays,
    changeRetentionDays: config.changeRetentionDays,
    reminderWorkingDays: config.reminderWorkingDays,
    webhooks: config.webhooks,
    serverSecret: config.auth.jwtSecret,
  };
}

/**
 * graphile-worker's own pool drops its error listener before it has finished ending, so a
 * backend terminated while it ends crashes the process: the queue always gets one of ours.
 */
function jobPool(o: JobRunnerOptions, max: number): pg.Pool {
  return createPool({ connectionString: o.connectionString, max, label: 'jobs', logger: o.logger });
}

const shared = (o: JobRunnerOptions, pgPool: pg.Pool) => ({
  pgPool,
  schema: o.schema,
  // pglite-socket shares one session between connections: named statements would collide.
  noPreparedStatements: true,
  // Jobs fall due by the same clock the handlers check them with (Node's), so a database clock
  // running ahead cannot make a handler find its job "not yet due" and drop it.
  useNodeTime: true,
  logger: workerLogger(o.logger),
});

/** Advisory lock key held while installing the queue's schema. */
const JOB_QUEUE_MIGRATION_LOCK = 72707371;

/**
 * Creates or upgrades the queue's own tables. graphile-worker's installer is not safe when two
 * instances start at once ("schema graphile_worker already exists"): one at a time, under a lock.
 */
export async function migrateJobQueue(options: JobRunnerOptions, database: Pick<Database, 'withAdvisoryLock'>): Promise<void> {
  const pool = jobPool(options, 1);
  try {
    await database.withAdvisoryLock(JOB_QUEUE_MIGRATION_LOCK, () => runMigrations(shared(options, pool)));
  } finally {
    await pool.end();
  }
}

/** A running queue; `stop()` lets running jobs finish, then closes the queue's connections. */
export interface JobRunner {
  stop(): Promise<void>;
  /** graphile-worker's runner (tests and metrics watch its events). */
  runner: Runner;
  /** The queue's connections (reported by /metrics). */
  pool: pg.Pool;
}

export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const concurrency = options.concurrency ?? 2;
  // One connection per running job, one for LISTEN, one for polling and the crontab.
  const pool = jobPool(options, concurrency + 2);
  let runner: Runner;
  try {
    runner = await run({
      ...shared(options, pool),
      concurrency,
      pollInterval: options.pollInterval ?? 2000,
      noHandleSignals: true,
      taskList: createTaskList(
        options.db,
        {
          ...options,
          webhooks: { jobs: createJobQueue(options.schema), settings: options.webhooks, serverSecret: options.serverSecret, logger: options.logger, metrics: options.webhookMetrics },
        },
        options.onPublicChange,
      ),
      // The webhook dispatcher also runs every minute: a safety net for missed wake-ups, and it
      // re-queues deliveries whose job died with its process. The reminder runs hourly (the
      // crontab is UTC, the county's day is local): its first run of each local day sends that
      // day's reminders, the ReminderRun row makes every later one a no-op, and an hour missed
      // while no process ran is caught up by the next.
      crontab: [
        `15 * * * * ${JobTask.CLEANUP_EXPIRED}`,
        `* * * * * ${JobTask.WEBHOOK_DISPATCH} ?jobKey=webhooks:sweep {sweep:true}`,
        `5 * * * * ${JobTask.REMINDERS_DUE_SOON} ?jobKey=reminders:due-soon`,
      ].join('\n'),
    });
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  // Webhook deliveries a killed process left claimed are sent again as soon as their lease ends.
  await runner.addJob(JobTask.WEBHOOK_DISPATCH, { sweep: true }, { jobKey: 'webhooks:sweep' }).catch((error: unknown) => options.logger.warn({ err: error }, 'webhooks: could not queue the start-up sweep'));
  let stopping: Promise<void> | undefined;
  return {
    runner,
    pool,
    stop() {
      stopping ??= runner.stop().finally(() => pool.end().catch(() => {}));
      return stopping;
    },
  };
}
