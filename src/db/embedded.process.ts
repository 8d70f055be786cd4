// The embedded database's own process: PGlite (PostgreSQL compiled to WebAssembly) executes
// every statement synchronously, so on the server's event loop one slow query would stall every
// request. Here it stalls only this process; the server talks to it over loopback like to any
// PostgreSQL. A process, not a worker thread: V8 keeps one registry of WebAssembly code for all
// the threads of a process, and with PGlite on one thread and the server's JavaScript and
// WebAssembly (undici's HTTP parser) on another, Node 24 aborts now and then in that registry
// (`WasmImportWrapperCache::Free` → `V8_Fatal`, seen in CI; nodejs/node#64500 is the same family).
// One isolate per process has no such race. Started by embedded.ts, which owns the folder's lock.
import type net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { answerAsHolder } from './data-dir-lock.js';
import { serveSession } from './pglite-session-queue.js';

export interface EmbeddedProcessData {
  /** The data folder (undefined: in memory); its lock socket comes with the message. */
  dataDir: string | undefined;
  pgDir: string | undefined;
  port: number;
  password: string;
  /** A dump to start from (in-memory databases of the tests). */
  template: ArrayBuffer | undefined;
  /** PostgreSQL's shared_buffers setting. */
  sharedBuffers: string;
}

export type EmbeddedProcessRequest = { type: 'start'; data: EmbeddedProcessData } | { type: 'dump'; id: number } | { type: 'close' };
export type EmbeddedProcessReply =
  | { type: 'ready'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'dump'; id: number; data: ArrayBuffer }
  | { type: 'dump'; id: number; error: string }
  | { type: 'closed' };

const send = (reply: EmbeddedProcessReply) => process.send!(reply);

// The server decides when this database stops: a Ctrl-C in the terminal reaches the whole
// process group, and dying on it here would skip the flush that closing does.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => {});

let stopping: Promise<void> | undefined;
/**
 * Closes the server and PGlite once (closing flushes the data folder, so a restart loses
 * nothing), then lets go of the folder's lock.
 */
function stop(db: PGlite | undefined, server: { close(): Promise<void> } | undefined, lock: net.Server | undefined): Promise<void> {
  stopping ??= (async () => {
    try {
      await server?.close();
      await db?.close();
    } finally {
      lock?.close();
      if (process.connected) send({ type: 'closed' });
      process.disconnect?.();
    }
  })();
  return stopping;
}

process.once('message', async (start: EmbeddedProcessRequest, lock?: net.Server) => {
  if (start.type !== 'start') return;
  const { dataDir, pgDir, port: listenPort, password, template, sharedBuffers } = start.data;
  if (lock && dataDir) {
    lock.unref();
    // Its server is the holder to name while it runs; after, this process is, closing.
    answerAsHolder(lock, dataDir, () => (process.connected ? { pid: process.ppid, closing: false } : { pid: process.pid, closing: true }));
  }
  let db: PGlite | undefined;
  let server: Awaited<ReturnType<typeof serveSession>> | undefined;
  // The server gone (stopped, or killed): flush and end instead of holding the folder alone.
  process.once('disconnect', () => void stop(db, server, lock));
  try {
    db = await PGlite.create({
      dataDir: pgDir,
      ...(template ? { loadDataDir: new Blob([template]) } : {}),
      postgresqlconf: [`shared_buffers = ${sharedBuffers}`],
    });
    // Every client connection shares PGlite's single session; transactions are serialised.
    server = await serveSession(db, '127.0.0.1', listenPort, 100, password);
  } catch (error) {
    send({ type: 'failed', message: (error as Error).message });
    lock?.close();
    process.disconnect();
    return;
  }
  const ready = { db, server };
  process.on('message', (request: EmbeddedProcessRequest) => {
    if (request.type === 'dump') {
      // A snapshot of one committed state: taken between clients' transactions (the session
      // queue holds their messages meanwhile), after a checkpoint so that it opens without
      // replaying WAL; the tarball is written synchronously, so nothing runs while it is made.
      void ready.server
        .exclusive(async () => {
          if (pgDir) await ready.db.exec('CHECKPOINT');
          return (ready.db.dumpDataDir('none') as Promise<Blob>).then((blob) => blob.arrayBuffer());
        })
        .then(
          (data) => send({ type: 'dump', id: request.id, data }),
          (error: unknown) => send({ type: 'dump', id: request.id, error: (error as Error).message }),
        );
    } else if (request.type === 'close') {
      void stop(ready.db, ready.server, lock);
    }
  });
  send({ type: 'ready', port: server.port });
});
