// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) executes
// every statement synchronously, so on the server's event loop one slow query would stall
// every request. Here it stalls only this thread; the main thread talks to it over loopback
// like to any PostgreSQL. Started by embedded.ts, which owns the folder's lock.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { serveSession } from './pglite-session-queue.js';

export interface EmbeddedWorkerData {
  pgDir: string | undefined;
  port: number;
  password: string;
  /** A dump to start from (in-memory databases of the tests). */
  template: ArrayBuffer | undefined;
  /** PostgreSQL's shared_buffers setting. */
  sharedBuffers: string;
}

export type EmbeddedWorkerRequest = { type: 'dump'; id: number } | { type: 'close' };
export type EmbeddedWorkerReply =
  | { type: 'ready'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'dump'; id: number; data: ArrayBuffer }
  | { type: 'dump'; id: number; error: string }
  | { type: 'closed' };

const port = parentPort!;
const send = (reply: EmbeddedWorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
const { pgDir, port: listenPort, password, template, sharedBuffers } = workerData as EmbeddedWorkerData;

try {
  const db = await PGlite.create({
    dataDir: pgDir,
    ...(template ? { loadDataDir: new Blob([template]) } : {}),
    postgresqlconf: [`shared_buffers = ${sharedBuffers}`],
  });
  // Every client connection shares PGlite's single session; transactions are serialised.
  const server = await serveSession(db, '127.0.0.1', listenPort, 100, password);
  port.on('message', (request: EmbeddedWorkerRequest) => {
    if (request.type === 'dump') {
      // A snapshot of one committed state: taken between clients' transactions (the session
      // queue holds their messages meanwhile), after a checkpoint so that it opens without
      // replaying WAL; the tarball is written synchronously, so nothing runs while it is made.
      void server
        .exclusive(async () => {
          if (pgDir) await db.exec('CHECKPOINT');
          return (db.dumpDataDir('none') as Promise<Blob>).then((blob) => blob.arrayBuffer());
        })
        .then(
          (data) => send({ type: 'dump', id: request.id, data }, [data]),
          (error: unknown) => send({ type: 'dump', id: request.id, error: (error as Error).message }),
        );
    } else {
      void (async () => {
        try {
          await server.close();
          // Closing flushes PGlite's data folder, so a restart reopens without loss.
          await db.close();
        } finally {
          send({ type: 'closed' });
          port.close();
        }
      })();
    }
  });
  send({ type: 'ready', port: server.port });
} catch (error) {
  send({ type: 'failed', message: (error as Error).message });
}
