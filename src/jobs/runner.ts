// Runs the job queue (graphile-worker 0.16, the last line that supports Node 20) against the
// same PostgreSQL as the app — the embedded one included, through its loopback server.
import { Logger as WorkerLogger, run, runMigrations, type Runner } from 'graphile-worker';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { JobTask } from './job-queue.js';
import { createTaskList } from './tasks.js';

export interface JobRunnerOptions {
  connectionString: string;
  /** graphile-worker's schema (tests give each file its own). */
  schema: string;
  db: Db;
  timeZone: string;
  logger: Logger;
  concurrency?: number;
  pollInterval?: number;
}

function workerLogger(logger: Logger): WorkerLogger {
  const log = logger.child({ component: 'jobs' });
  return new WorkerLogger(() => (level, message, meta) => {
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : level === 'debug' ? 'debug' : 'info';
    log[method](meta ?? {}, message);
  });
}

/** The runner options for a service configuration and its database. */
export function jobRunnerOptions(config: Pick<Config, 'jobs' | 'timeZone'>, db: Database, logger: Logger): JobRunnerOptions {
  return {
    connectionString: db.url,
    schema: config.jobs.schema,
    db: db.prisma,
    timeZone: config.timeZone,
    logger,
    pollInterval: config.jobs.pollIntervalMs,
    concurrency: config.jobs.concurrency,
  };
}

const shared = (o: JobRunnerOptions) => ({
  connectionString: o.connectionString,
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
  await database.withAdvisoryLock(JOB_QUEUE_MIGRATION_LOCK, () => runMigrations(shared(options)));
}

export async function startJobRunner(options: JobRunnerOptions): Promise<Runner> {
  return run({
    ...shared(options),
    concurrency: options.concurrency ?? 2,
    pollInterval: options.pollInterval ?? 2000,
    noHandleSignals: true,
    taskList: createTaskList(options.db, options.timeZone),
    crontab: `15 * * * * ${JobTask.CLEANUP_EXPIRED}`,
  });
}
