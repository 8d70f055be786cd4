// `npm run worker`: runs only the job queue, for scale-out beside API processes (which may then
// set RUN_JOBS=false). Needs DATABASE_URL: the embedded database belongs to one process, and
// `npm start` already runs the jobs inside it.
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { jobRunnerOptions, migrateJobQueue, startJobRunner } from './jobs/runner.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { role: 'worker' });
  if (!config.databaseUrl) {
    throw new ConfigError('worker: set DATABASE_URL — with the embedded database, jobs run inside `npm start`.');
  }
  const db = await openDatabase({ url: config.databaseUrl, poolMax: config.jobs.concurrency + 2, logger });
  await db.migrate();
  const options = jobRunnerOptions(config, db, logger);
  await migrateJobQueue(options, db);
  const runner = await startJobRunner(options);
  logger.info({ schema: config.jobs.schema, concurrency: options.concurrency }, 'worker: running jobs');
  const stop = (signal: string) => {
    logger.info({ signal }, 'worker: stopping after running jobs finish');
    runner
      .stop()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'worker: error while stopping');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  createLogger('info').fatal(error instanceof ConfigError ? error.message : { err: error }, 'worker: failed to start');
  process.exit(1);
});
