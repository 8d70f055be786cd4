// npm run db:seed — seeds reference data (and, outside production, sample content). Idempotent.
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { SEED_LOCK_KEY, seed } from '../src/seed/seed.js';
import { accessCodeKey } from '../src/modules/concerns/concern-access.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger });
try {
  await db.migrate();
  await db.withAdvisoryLock(SEED_LOCK_KEY, () => seed(db.prisma, { production: config.isProduction, timeZone: config.timeZone, demoPassword: config.demoPassword, logger, deadlines: config.deadlines, accessKey: accessCodeKey(config.auth.jwtSecret) }));
  console.log('db:seed: done.');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.close();
}
