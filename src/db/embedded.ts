// The zero-setup database: real PostgreSQL compiled to WebAssembly (PGlite), persisted to a
// folder and served on a loopback port over the PostgreSQL wire protocol, so that the app,
// migrations and the job queue use exactly the same `pg` code path as with a real server. It
// runs on a thread of its own (embedded.worker.ts), off the event loop that serves requests.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { serveControlChannel } from './control-channel.js';
import { lockDataDir } from './data-dir-lock.js';
import type { EmbeddedWorkerData, EmbeddedWorkerReply, EmbeddedWorkerRequest } from './embedded.worker.js';

export interface EmbeddedPostgres {
  /** postgresql:// URL of the loopback server. */
  url: string;
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

/** The URL of tsx's ESM API (its package exports name it; resolving it through `require` gives the CommonJS build). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href;
}

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
  let unlock = async () => {};
  let pgDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
    // The pid file of earlier versions locked nothing but could block a restart: gone.
    rmSync(path.join(dataDir, 'gongkai.pid'), { force: true });
    pgDir = path.join(dataDir, 'pglite');
  }
  // The password is new at every start and known only to this process (and what it hands the URL to).
  const password = randomBytes(24).toString('base64url');
  const template = loadDataDir ? await loadDataDir.arrayBuffer() : undefined;
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./embedded.worker${fromSource ? '.ts' : '.js'}`, import.meta.url).href;
  // Started by a one-line script: from TypeScript sources (npm start, tests) it registers tsx's
  // loader in the thread first, which --import in execArgv does not do for a worker's entry.
  const bootstrap = fromSource
    ? `import(${JSON.stringify(tsxEsmApi())}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`
    : `import(${JSON.stringify(entry)})`;
  const worker = new Worker(bootstrap, {
    eval: true,
    workerData: { pgDir, port, password, template, sharedBuffers: EMBEDDED_SHARED_BUFFERS } satisfies EmbeddedWorkerData,
    ...(template ? { transferList: [template] } : {}),
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  let listening: number;
  try {
    listening = await Promise.race([
      new Promise<number>((resolve, reject) => {
        worker.once('error', reject);
        worker.once('message', (reply: EmbeddedWorkerReply) =>
          reply.type === 'ready' ? resolve(reply.port) : reject(new Error(`embedded database: ${reply.type === 'failed' ? reply.message : reply.type}`)),
        );
      }),
      exited.then((code) => Promise.reject(new Error(`embedded database: its thread exited (code ${code}) while starting`))),
    ]);
  } catch (error) {
    await worker.terminate();
    await unlock();
    throw error;
  }
  worker.removeAllListeners('error');
  worker.on('error', () => {});
  const url = `postgresql://postgres:${password}@127.0.0.1:${listening}/postgres?sslmode=disable`;
  let dumps = 0;
  let exitCode: number | undefined;
  void exited.then((code) => (exitCode = code));
  // A request to a thread that has died (out of memory, say) fails instead of waiting forever.
  const request = <T extends EmbeddedWorkerReply['type']>(message: EmbeddedWorkerRequest, type: T, id?: number) =>
    new Promise<Extract<EmbeddedWorkerReply, { type: T }>>((resolve, reject) => {
      const onReply = (reply: EmbeddedWorkerReply) => {
        if (reply.type !== type || (id !== undefined && (reply as { id?: number }).id !== id)) return;
        worker.off('message', onReply);
        resolve(reply as Extract<EmbeddedWorkerReply, { type: T }>);
      };
      worker.on('message', onReply);
      void exited.then((code) => {
        worker.off('message', onReply);
        reject(new Error(`embedded database: its thread exited (code ${code})`));
      });
      worker.postMessage(message);
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
