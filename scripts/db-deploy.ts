// npm run db:deploy — applies pending migrations (the same runner `npm start` uses).
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger });
try {
  const applied = await db.migrate();
  console.log(applied.length ? `db:deploy: applied ${applied.join(', ')}` : 'db:deploy: the database is up to date.');
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
