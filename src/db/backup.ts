// Backups of the embedded database (`npm run db:backup` / `npm run db:restore`). The system's
// pg_dump cannot read it (PGlite's engine is PostgreSQL 18), and no second process may open a
// data folder a server holds. So a backup starts from a snapshot — a tarball of the data folder
// as of one committed state — taken by whoever holds the folder: the running server, asked over
// its control channel (control-channel.ts), or this process when no server runs. From it:
//  - format 'tar': the snapshot itself (gzipped for .tar.gz). Restores exactly and fast, but
//    only into the same engine (PGlite with PostgreSQL 18).
//  - format 'sql': a plain SQL dump made by PGlite's pg_dump (@electric-sql/pglite-tools, pg_dump
//    18 compiled to WebAssembly) from an in-memory copy of the snapshot, here, not in the server.
//    Readable, survives engine upgrades, and restores into a PostgreSQL server with psql.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { requestSnapshot } from './control-channel.js';
import { dataDirHolder, lockDataDir } from './data-dir-lock.js';
import { EMBEDDED_SHARED_BUFFERS } from './embedded.js';

export type BackupFormat = 'sql' | 'tar';

export class BackupError extends Error {
  override name = 'BackupError';
}

/** The format a backup file's name asks for: .sql, or .tar / .tar.gz / .tgz. */
export function formatOfFileName(file: string): BackupFormat | null {
  if (/\.sql$/i.test(file)) return 'sql';
  if (/\.(tar|tar\.gz|tgz)$/i.test(file)) return 'tar';
  return null;
}

const pgliteDir = (dataDir: string) => path.join(dataDir, 'pglite');
const timestamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/**
 * A tarball of the embedded database in `dataDir` as of one committed state, and who made it:
 * the server holding the folder (its pid), or this process (the folder was free).
 */
export async function snapshotEmbedded(dataDir: string): Promise<{ tar: Uint8Array; madeBy: number | 'this process' }> {
  if (!existsSync(path.join(pgliteDir(dataDir), 'PG_VERSION'))) {
    throw new BackupError(`db:backup: there is no embedded database in ${dataDir} (set DATA_DIR to the server's data folder)`);
  }
  const holder = await dataDirHolder(dataDir);
  if (holder !== null) return { tar: await requestSnapshot(dataDir, holder), madeBy: holder };
  // Nobody holds it: hold it ourselves while copying (a server starting meanwhile is refused).
  const unlock = await lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir: pgliteDir(dataDir), postgresqlconf: [`shared_buffers = ${EMBEDDED_SHARED_BUFFERS}`] });
    try {
      await db.exec('CHECKPOINT');
      const blob = (await db.dumpDataDir('none')) as Blob;
      return { tar: new Uint8Array(await blob.arrayBuffer()), madeBy: 'this process' };
    } finally {
      await db.close();
    }
  } finally {
    await unlock();
  }
}

/**
 * pg_dump 18's plain SQL of a snapshot, made from an in-memory copy of it. Owners and grants are
 * left out (PGlite has one role, postgres; the target server's roles differ). pg_dump 18 opens
 * with `SET transaction_timeout = 0`, a parameter PostgreSQL 15 and 16 do not know (psql stops
 * there with ON_ERROR_STOP); it only restates the default, so it is dropped.
 */
export async function sqlDumpOf(tar: Uint8Array): Promise<string> {
  const copy = await PGlite.create({ loadDataDir: new Blob([tar]), postgresqlconf: [`shared_buffers = ${EMBEDDED_SHARED_BUFFERS}`] });
  try {
    const file = await pgDump({ pg: copy, args: ['--no-owner', '--no-privileges', '--rows-per-insert=100'] });
    return (await file.text()).replace(/^SET transaction_timeout = 0;\r?\n/m, '');
  } finally {
    await copy.close();
  }
}

/** Writes `data` to `file` through a temporary name, so a file of that name is always whole. */
function writeWhole(file: string, data: Uint8Array | string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  writeFileSync(partial, data, { mode: 0o600 });
  renameSync(partial, file);
}

export interface BackupResult {
  file: string;
  format: BackupFormat;
  bytes: number;
  madeBy: number | 'this process';
}

/** `npm run db:backup`: a backup of the embedded database in `dataDir`, running or not. */
export async function backupEmbedded({ dataDir, file, format = formatOfFileName(file) ?? 'sql' }: { dataDir: string; file: string; format?: BackupFormat }): Promise<BackupResult> {
  const { tar, madeBy } = await snapshotEmbedded(dataDir);
  const data = format === 'sql' ? Buffer.from(await sqlDumpOf(tar), 'utf8') : /\.(gz|tgz)$/i.test(file) ? gzipSync(tar) : tar;
  writeWhole(file, data);
  return { file, format, bytes: data.length, madeBy };
}

/** What a backup file holds, by its content (not its name). */
function kindOf(content: Buffer): { format: BackupFormat; data: Buffer } {
  if (content[0] === 0x1f && content[1] === 0x8b) return kindOf(gunzipSync(content));
  if (content.length > 262 && content.subarray(257, 262).toString('latin1') === 'ustar') return { format: 'tar', data: content };
  const head = content.subarray(0, 4096).toString('utf8');
  if (/PostgreSQL database dump/.test(head)) return { format: 'sql', data: content };
  throw new BackupError('db:restore: this file is neither a data-folder tarball nor an SQL dump made by npm run db:backup');
}

export interface RestoreResult {
  format: BackupFormat;
  /** Where the database that was there before now is (renamed, never deleted); null if there was none. */
  setAside: string | null;
}

/**
 * `npm run db:restore <file>`: replaces the embedded database in `dataDir` with a backup. Refuses
 * while a server holds the folder. The backup is restored into a fresh folder first; only once
 * that worked is the old database renamed aside (kept) and the new one put in its place.
 */
export async function restoreEmbedded({ dataDir, file }: { dataDir: string; file: string }): Promise<RestoreResult> {
  const { format, data } = kindOf(readFileSync(file));
  mkdirSync(dataDir, { recursive: true });
  const holder = await dataDirHolder(dataDir);
  if (holder !== null) {
    throw new BackupError(`db:restore: ${dataDir} is in use by process ${holder} — stop that server first (a restore replaces its database), then run db:restore again`);
  }
  const unlock = await lockDataDir(dataDir);
  try {
    const stamp = timestamp();
    const fresh = path.join(dataDir, `pglite.restoring-${stamp}`);
    try {
      const db = await PGlite.create({
        dataDir: fresh,
        ...(format === 'tar' ? { loadDataDir: new Blob([data]) } : {}),
        postgresqlconf: [`shared_buffers = ${EMBEDDED_SHARED_BUFFERS}`],
      });
      try {
        // One simple-protocol message: PostgreSQL runs the whole dump as one transaction.
        if (format === 'sql') await db.exec(data.toString('utf8'));
        const found = await db.query("SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = '_prisma_migrations'");
        if (found.rows.length === 0) throw new BackupError('db:restore: the backup holds no Gongkai database (no _prisma_migrations table)');
      } finally {
        await db.close();
      }
    } catch (error) {
      rmSync(fresh, { recursive: true, force: true });
      throw error instanceof BackupError ? error : new BackupError(`db:restore: the backup could not be restored (${(error as Error).message}); ${dataDir} is unchanged`);
    }
    const current = pgliteDir(dataDir);
    let setAside: string | null = null;
    if (existsSync(current)) {
      setAside = path.join(dataDir, `pglite.replaced-${stamp}`);
      renameSync(current, setAside);
    }
    renameSync(fresh, current);
    return { format, setAside };
  } finally {
    await unlock();
  }
}
