// Boots the whole service: database (embedded or PostgreSQL), migrations, first-start seed,
// HTTP app. Used by `npm start` and by the tests, so both run exactly the same path.
import { createAuthenticator } from './auth/authenticate.js';
import type { Config } from './config.js';
import { openDatabase, type Database, type OpenDatabaseOptions } from './db/database.js';
import { setDisplayTimeZone } from './graphql/scalars.js';
import { pausePoint } from './faults.js';
import { CountCache } from './graphql/count-cache.js';
import { createApp, type App } from './http/app.js';
import { reservePorts } from './http/port-reservation.js';
import { createJobQueue } from './jobs/job-queue.js';
import { jobRunnerOptions, migrateJobQueue, startJobRunner, type JobRunner } from './jobs/runner.js';
import type { Logger } from './logger.js';
import { createMetrics } from './observability/metrics.js';
import type { Tracing } from './observability/tracing.js';
import { isEmpty, SEED_LOCK_KEY, seed } from './seed/seed.js';
import { accessCodeKey } from './modules/concerns/concern-access.js';
import { ChangeBus } from './modules/changes/change-bus.js';
import { inBackground } from './jobs/background.js';
import { dispatchOnChange } from './modules/webhooks/webhook-delivery.js';
import { closeRedis, connectRedis, type RedisClient } from './db/redis.js';

export interface RunningService {
  url: string;
  db: Database;
  app: App;
  /** Announces committed changes to public content (from this process and the database's notifications). */
  changes: ChangeBus;
  /** Graceful stop: drain HTTP, then close the database. Safe to call twice. */
  stop(): Promise<void>;
}

export interface BootOptions {
  config: Config;
  logger: Logger;
  /** Overrides for tests: in-memory embedded database, a schema per test file, query events. */
  database?: Partial<OpenDatabaseOptions>;
  /** Tests: turns tracing on with spans sent here (an InMemorySpanExporter) instead of OTLP. */
  spanExporter?: import('@opentelemetry/sdk-trace-base').SpanExporter;
}

export async function boot({ config, logger, database, spanExporter }: BootOptions): Promise<RunningService> {
  setDisplayTimeZone(config.timeZone);
  // A taken port fails the start now, not after opening, migrating and seeding the database.
  const ports = await reservePorts([
    { port: config.port, host: config.host, setting: 'PORT' },
    { port: config.metrics.port, host: config.metrics.host, setting: 'METRICS_PORT' },
  ]);
  let db: Database;
  try {
    db = await openDatabase({
      url: config.databaseUrl,
      replicaUrls: config.databaseReplicaUrls,
      dataDir: config.dataDir,
      poolMax: config.dbPoolMax,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      logger,
      ...database,
    });
  } catch (error) {
    await ports.release();
    throw error;
  }
  if (config.isProduction && db.kind === 'embedded') {
    logger.warn(
      { dataDir: config.dataDir },
      'database: production is running on the embedded database — one process only (no second instance, no separate job worker), no replicas, ' +
        'backups only through npm run db:backup. Set DATABASE_URL to a PostgreSQL 15+ server for production.',
    );
  }
  try {
    const applied = await db.migrate();
    if (applied.length > 0) logger.info({ applied }, 'database: migrations applied');
    if (config.seedOnStart && (await isEmpty(db.prisma))) {
      // Instances starting together all find the database empty: the lock lets one seed, and
      // the others find it seeded when they get the lock.
      await db.withAdvisoryLock(SEED_LOCK_KEY, async () => {
        if (await isEmpty(db.prisma)) {
          await seed(db.prisma, { production: config.isProduction, timeZone: config.timeZone, demoPassword: config.demoPassword, logger, deadlines: config.deadlines, accessKey: accessCodeKey(config.auth.jwtSecret) });
        }
      });
    }
  } catch (error) {
    await ports.release();
    await db.close();
    throw error;
  }
  // Counts of public lists; a publication anywhere (requests and jobs here, other processes
  // through the database's notifications) invalidates them.
  const counts = new CountCache(config.countCacheSeconds * 1000);
  const changes = new ChangeBus();
  changes.subscribe(() => counts.invalidate());
  const jobOptions = { ...jobRunnerOptions(config, db, logger), onPublicChange: () => changes.changed() };
  let runner: JobRunner | undefined;
  const jobs = createJobQueue(config.jobs.schema);
  // Every committed change wakes the webhook dispatcher (one coalescing job, whichever process runs it).
  const wakeDispatcher = dispatchOnChange(db.prisma, jobs, logger);
  changes.subscribe(() => inBackground('webhook dispatch wake-up', wakeDispatcher));
  const metrics = createMetrics({ pool: db.pool, jobSchema: jobs.schema, logger });
  metrics.addPool('app', db.pool);
  db.replicaPools.forEach((pool, i) => metrics.addPool(`replica${i + 1}`, pool));
  // Loaded only when on: tracing off must cost nothing, not even its modules.
  let tracing: Tracing | undefined;
  if (config.tracing.enabled || spanExporter) {
    const { startTracing } = await import('./observability/tracing.js');
    tracing = await startTracing({ config: config.tracing, logger, exporter: spanExporter });
  }
  // Shared by every API process when configured; never the only copy of anything (src/db/redis.ts).
  const redis: RedisClient | undefined = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  const app = createApp({ config, db, logger, authenticate: createAuthenticator(db.prisma, config.auth, logger), jobs, counts, changes, metrics, tracing, redis });
  let url: string;
  try {
    await migrateJobQueue(jobOptions, db);
    // The embedded database has one process by construction (its folder is locked), so every
    // change is announced locally; its single shared session delivers no notifications anyway.
    if (db.kind !== 'embedded') await changes.listen(db.url, logger);
    // Overdue jobs (scheduled publications missed while down) run as soon as this starts.
    if (config.jobs.runInProcess) {
      runner = await startJobRunner({ ...jobOptions, webhookMetrics: metrics });
      metrics.addPool('jobs', runner.pool);
      metrics.watchJobs(runner.runner.events);
    }
    await ports.release();
    url = await app.listen(config.port, config.host);
  } catch (error) {
    await ports.release();
    await runner?.stop().catch(() => {});
    await changes.stop();
    if (redis) await closeRedis(redis);
    await tracing?.shutdown();
    await db.close();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url,
    db,
    app,
    changes,
    stop() {
      stopping ??= (async () => {
        // Tests hold a stop here to prove that connections dying meanwhile crash nothing.
        await pausePoint('service.stop');
        try {
          await app.stop();
          // Lets running jobs finish; their transactions need the database still open.
          await runner?.stop().catch((error: unknown) => logger.warn({ err: error }, 'jobs: error while stopping'));
        } finally {
          await changes.stop();
          if (redis) await closeRedis(redis);
          await tracing?.shutdown();
          await db.close();
        }
      })();
      return stopping;
    },
  };
}
