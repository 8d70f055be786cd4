// The zero-setup database: real PostgreSQL compiled to WebAssembly (PGlite), persisted to a
// folder and served on a loopback port over the PostgreSQL wire protocol, so that the app,
// migrations and the job queue use exactly the same `pg` code path as with a real server. It
// runs in a process of its own (embedded.process.ts, which says why not a thread), off the
// event loop that serves requests.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveControlChannel } from './control-channel.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import type { EmbeddedProcessData, EmbeddedProcessReply, EmbeddedProcessRequest } from './embedded.process.js';

export interface EmbeddedPostgres {
  /** postgresql:// URL of the loopback server. */
  url: string;
  /** The database's own process. */
  pid: number;
  /**
   * A tarball of the whole database as of one committed state (test templates, backups): taken
   * between clients' transactions, after a checkpoint.
   */
  dump(): Promise<Blob>;
  close(): Promise<void>;
}

/**
 * shared_buffers of the embedded PostgreSQL. Its default 128 MB sits in the WebAssembly memory of
 * this process, resident from the start; a county's data is read through the operating system's
 * file cache anyway, and 16 MB keeps the hot pages while saving ~110 MB of RSS.
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';

/**
 * Starts PGlite on `dataDir` (or in memory when `dataDir` is null) and serves it on 127.0.0.1.
 * @param port loopback port; 0 picks a free one.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port = 0,
  loadDataDir,
  onWarning = () => {},
}: {
  dataDir: string | null;
  port?: number;
  /** Start an in-memory database as a copy of this dump instead of an empty one. */
  loadDataDir?: Blob;
  /** Told when something optional could not start (the backup channel). */
  onWarning?: (message: string) => void;
}): Promise<EmbeddedPostgres> {
  let lock: DataDirLock | undefined;
  const unlock = async () => lock?.();
  let pgDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = await lockDataDir(dataDir);
    // The pid file of earlier versions locked nothing but could block a restart: gone.
    rmSync(path.join(dataDir, 'gongkai.pid'), { force: true });
    pgDir = path.join(dataDir, 'pglite');
  }
  // The password is new at every start and known only to this process (and what it hands the URL to).
  const password = randomBytes(24).toString('base64url');
  const template = loadDataDir ? await loadDataDir.arrayBuffer() : undefined;
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./embedded.process${fromSource ? '.ts' : '.js'}`, import.meta.url));
  const child = fork(entry, [], {
    // From TypeScript sources (npm start, tests) through tsx; compiled, plain Node. Not this
    // process's own flags: its heap limit is the server's, and a test runner's are its own.
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    // ArrayBuffers (templates, snapshots) cross as they are, not as JSON.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  let listening: number;
  try {
    listening = await Promise.race([
      new Promise<number>((resolve, reject) => {
        child.once('error', reject);
        child.once('message', (reply: EmbeddedProcessReply) =>
          reply.type === 'ready' ? resolve(reply.port) : reject(new Error(`embedded database: ${reply.type === 'failed' ? reply.message : reply.type}`)),
        );
        const data: EmbeddedProcessData = { dataDir: dataDir ?? undefined, pgDir, port, password, template, sharedBuffers: EMBEDDED_SHARED_BUFFERS };
        // The folder's lock goes along: it is held until this process and that one have both let go.
        child.send({ type: 'start', data } satisfies EmbeddedProcessRequest, lock?.socket);
      }),
      exited.then((code) => Promise.reject(new Error(`embedded database: its process exited (code ${code}) while starting`))),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await unlock();
    throw error;
  }
  child.removeAllListeners('error');
  // A message that can no longer be sent (the process died) fails its request through `exited`.
  child.on('error', () => {});
  const url = `postgresql://postgres:${password}@127.0.0.1:${listening}/postgres?sslmode=disable`;
  let dumps = 0;
  let exitCode: number | undefined;
  void exited.then((code) => (exitCode = code));
  // A request to a process that has died (out of memory, say) fails instead of waiting forever.
  const request = <T extends EmbeddedProcessReply['type']>(message: EmbeddedProcessRequest, type: T, id?: number) =>
    new Promise<Extract<EmbeddedProcessReply, { type: T }>>((resolve, reject) => {
      const onReply = (reply: EmbeddedProcessReply) => {
        if (reply.type !== type || (id !== undefined && (reply as { id?: number }).id !== id)) return;
        child.off('message', onReply);
        resolve(reply as Extract<EmbeddedProcessReply, { type: T }>);
      };
      child.on('message', onReply);
      void exited.then((code) => {
        child.off('message', onReply);
        reject(new Error(`embedded database: its process exited (code ${code})`));
      });
      if (child.connected) child.send(message);
    });
  const snapshot = async () => {
    const id = ++dumps;
    const reply = await request({ type: 'dump', id }, 'dump', id);
    if ('error' in reply) throw new Error(`embedded database: snapshot failed: ${reply.error}`);
    return reply.data;
  };
  // `npm run db:backup` asks this process, the folder's only user, for its snapshots.
  let control: { close(): Promise<void> } | undefined;
  if (dataDir) {
    try {
      control = await serveControlChannel(dataDir, { snapshot });
    } catch (error) {
      onWarning(`embedded database: no backup channel (npm run db:backup works only while this server is stopped): ${(error as Error).message}`);
    }
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    pid: child.pid!,
    async dump() {
      return new Blob([await snapshot()]);
    },
    close() {
      closing ??= (async () => {
        await control?.close();
        if (exitCode === undefined) await request({ type: 'close' }, 'closed').catch(() => {});
        await exited;
        await unlock();
      })();
      return closing;
    },
  };
}
