// The zero-setup database: real PostgreSQL compiled to WebAssembly (PGlite), persisted to a
// folder and served on a loopback port over the PostgreSQL wire protocol, so that the app,
// migrations and the job queue use exactly the same `pg` code path as with a real server.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import { serveSession } from './pglite-session-queue.js';

export interface EmbeddedPostgres {
  /** postgresql:// URL of the loopback server. */
  url: string;
  /** A tarball of the whole database, to start others from (test templates). */
  dump(): Promise<Blob>;
  close(): Promise<void>;
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
  let unlock = async () => {};
  let pgDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
    // The pid file of earlier versions locked nothing but could block a restart: gone.
    rmSync(path.join(dataDir, 'gongkai.pid'), { force: true });
    pgDir = path.join(dataDir, 'pglite');
  }
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir: pgDir, ...(loadDataDir ? { loadDataDir } : {}) });
  } catch (error) {
    await unlock();
    throw error;
  }
  // Every client connection shares PGlite's single session; transactions are serialised. The
  // password is new at every start and known only to this process (and what it hands the URL to).
  const password = randomBytes(24).toString('base64url');
  const server = await serveSession(db, '127.0.0.1', port, 100, password);
  const url = `postgresql://postgres:${password}@127.0.0.1:${server.port}/postgres?sslmode=disable`;
  return {
    url,
    dump: async () => db.dumpDataDir('none') as Promise<Blob>,
    async close() {
      await server.close();
      // Closing flushes PGlite's data folder, so a restart reopens without loss.
      await db.close();
      await unlock();
    },
  };
}
