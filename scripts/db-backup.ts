// npm run db:backup [-- <file>] [--format sql|tar] — a backup of the embedded database, made
// while the server runs (the server takes the snapshot, asked over its control channel) or
// not. <file> ending in .sql: plain SQL (pg_dump 18); .tar or .tar.gz: the data folder as is.
// Default: backups/gongkai-<time>.sql. PostgreSQL mode (DATABASE_URL): use pg_dump -Fc.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { dataDirOf } from '../src/config.js';
import { backupEmbedded, formatOfFileName, type BackupFormat } from '../src/db/backup.js';

const usage = 'usage: npm run db:backup [-- <file.sql | file.tar.gz>] [--format sql|tar]';
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { format: { type: 'string' } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (process.env.DATABASE_URL) {
  console.error('db:backup: DATABASE_URL is set: back up that PostgreSQL server with its own tools, e.g. pg_dump -Fc -f gongkai.dump "$DATABASE_URL"');
  process.exit(2);
}
const given = values.format;
if (given !== undefined && given !== 'sql' && given !== 'tar') {
  console.error(`db:backup: --format must be sql or tar\n${usage}`);
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = positionals[0] ?? path.join('backups', `gongkai-${stamp}.${given === 'tar' ? 'tar.gz' : 'sql'}`);
const byName = formatOfFileName(file);
if (given && byName && given !== byName) {
  console.error(`db:backup: --format ${given} does not match the file name ${file}`);
  process.exit(2);
}
const format: BackupFormat = (given as BackupFormat | undefined) ?? byName ?? 'sql';
try {
  const result = await backupEmbedded({ dataDir: dataDirOf(), file, format });
  const by = result.madeBy === 'this process' ? 'no server running' : `snapshot taken by the running server, process ${result.madeBy}`;
  console.log(`db:backup: wrote ${path.resolve(result.file)} (${result.format === 'sql' ? 'SQL dump' : 'data-folder tarball'}, ${result.bytes} bytes; ${by})`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
