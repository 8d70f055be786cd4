// Applies pending migrations and exits (the same runner `npm start` uses at boot): the one-shot
// deploy step before API instances start. `npm run db:deploy` runs this file from the sources;
// the image runs the compiled `node dist/db-deploy.js` (compose.yaml's `migrate` service).
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createLogger } from './logger.js';

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
