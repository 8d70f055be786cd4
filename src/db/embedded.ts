// The zero-setup database: real PostgreSQL compiled to WebAssembly (PGlite), persisted to a
// folder and served on a loopback port over the PostgreSQL wire protocol, so that the app,
// migrations and the job queue use exactly the same `pg` code path as with a real server.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { serveSession } from './pglite-session-queue.js';

export interface EmbeddedPostgres {
  /** postgresql:// URL of the loopback server. */
  url: string;
  /** A tarball of the whole database, to start others from (test templates). */
  dump(): Promise<Blob>;
  close(): Promise<void>;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A PGlite folder must be opened by one process only; a second opener would corrupt it.
 * WARNING: the lock is advisory (a pid file), enough to stop a second `npm start` by mistake.
 */
function lockDataDir(dir: string): () => void {
  const lockFile = path.join(dir, 'gongkai.pid');
  try {
    const holder = Number(readFileSync(lockFile, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DataDirInUseError(
        `embedded database: ${dir} is in use by process ${holder}. Stop it, or set DATA_DIR to another folder, ` +
          `or set DATABASE_URL to use a PostgreSQL server (which several processes can share).`,
      );
    }
  } catch (error) {
    if (error instanceof DataDirInUseError) throw error;
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

/**
 * Starts PGlite on `dataDir` (or in memory when `dataDir` is null) and serves it on 127.0.0.1.
 * @param port loopback port; 0 picks a free one.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port = 0,
  loadDataDir,
}: {
  dataDir: string | null;
  port?: number;
  /** Start an in-memory database as a copy of this dump instead of an empty one. */
  loadDataDir?: Blob;
}): Promise<EmbeddedPostgres> {
  let unlock = () => {};
  let pgDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
    pgDir = path.join(dataDir, 'pglite');
  }
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir: pgDir, ...(loadDataDir ? { loadDataDir } : {}) });
  } catch (error) {
    unlock();
    throw error;
  }
  // Every client connection shares PGlite's single session; transactions are serialised.
  const server = await serveSession(db, '127.0.0.1', port, 100);
  const url = `postgresql://postgres:postgres@127.0.0.1:${server.port}/postgres?sslmode=disable`;
  return {
    url,
    dump: async () => db.dumpDataDir('none') as Promise<Blob>,
    async close() {
      await server.close();
      // Closing flushes PGlite's data folder, so a restart reopens without loss.
      await db.close();
      unlock();
    },
  };
}
