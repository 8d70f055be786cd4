// npm run db:restore -- <file> — replaces the embedded database in DATA_DIR with a backup made by
// npm run db:backup (SQL dump or tarball). Refuses while a server holds the folder; the database
// that was there is renamed aside (DATA_DIR/pglite.replaced-<time>), never deleted.
import path from 'node:path';
import { dataDirOf } from '../src/config.js';
import { restoreEmbedded } from '../src/db/backup.js';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('usage: npm run db:restore -- <backup file (.sql, .tar or .tar.gz)>');
  process.exit(2);
}
if (process.env.DATABASE_URL) {
  console.error('db:restore: DATABASE_URL is set: restore into that PostgreSQL server with its own tools (pg_restore for pg_dump -Fc files, psql -f for .sql dumps)');
  process.exit(2);
}
const dataDir = dataDirOf();
try {
  const { format, setAside } = await restoreEmbedded({ dataDir, file });
  console.log(`db:restore: restored ${path.resolve(file)} (${format === 'sql' ? 'SQL dump' : 'data-folder tarball'}) into ${path.join(dataDir, 'pglite')}`);
  if (setAside) console.log(`db:restore: the database that was there is kept in ${setAside} (delete it once you no longer need it)`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
