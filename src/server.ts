// `npm start`: boots the service and stops it gracefully on SIGTERM/SIGINT.
import './graphql-production-mode.js';
import { boot } from './boot.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { MigrationError } from './db/migrations.js';
import { createLogger } from './logger.js';

const bootLogger = createLogger(process.env.LOG_LEVEL || 'info');

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const service = await boot({ config, logger });
  logger.info(
    {
      url: `${service.url}/graphql`,
      database: service.db.kind === 'embedded' ? `embedded (${config.dataDir})` : 'postgresql',
      ...(service.app.metricsUrl ? { metrics: `${service.app.metricsUrl}/metrics` } : {}),
    },
    'gongkai: listening',
  );
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      logger.warn({ signal }, 'gongkai: second signal, exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'gongkai: stopping (finishing in-flight requests)');
    service.stop().then(
      () => {
        logger.info('gongkai: stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'gongkai: error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MigrationError || error instanceof DataDirInUseError) {
    bootLogger.fatal(error.message);
  } else {
    bootLogger.fatal({ err: error }, 'gongkai: failed to start');
  }
  process.exit(1);
});
