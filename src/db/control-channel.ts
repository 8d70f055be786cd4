// The embedded database's control channel: how `npm run db:backup` gets a consistent snapshot
// from the server that holds the data folder (no second process may open it). It is a Unix
// socket FILE inside the folder — DATA_DIR/run/control.sock, in a 0700 directory, itself 0600 —
// so only the folder's owner (and root) can connect; an abstract-namespace socket, like the
// folder's lock, would be open to every local user. It answers one request, `snapshot`: a
// tarball of the whole database as of one committed state.
import { chmodSync, mkdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Longest socket path the platforms accept (sun_path is 104 bytes on macOS, 108 on Linux). */
const MAX_SOCKET_PATH = 100;

export function controlSocketPath(dataDir: string): string {
  return path.join(realpathSync(dataDir), 'run', 'control.sock');
}

export class ControlChannelError extends Error {
  override name = 'ControlChannelError';
}

/**
 * Serves the control channel of `dataDir`, whose lock the caller holds (so a socket file left
 * by a killed holder is stale and replaced).
 */
export async function serveControlChannel(dataDir: string, handlers: { snapshot(): Promise<ArrayBuffer> }): Promise<{ path: string; close(): Promise<void> }> {
  if (process.platform === 'win32') throw new ControlChannelError('control channel: not available on Windows');
  const file = controlSocketPath(dataDir);
  if (file.length > MAX_SOCKET_PATH) throw new ControlChannelError(`control channel: the path ${file} is too long for a Unix socket (DATA_DIR is too deep)`);
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // An existing folder keeps its mode through mkdir: make sure of it, and that it is ours.
  chmodSync(dir, 0o700);
  rmSync(file, { force: true });
  const server = net.createServer((socket) => {
    let request = '';
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      request += chunk.toString('utf8');
      if (!request.includes('\n')) {
        if (request.length > 1024) socket.destroy();
        return;
      }
      socket.removeAllListeners('data');
      const op = request.slice(0, request.indexOf('\n')).trim();
      if (op !== 'snapshot') {
        socket.end(`${JSON.stringify({ ok: false, error: `unknown request '${op.slice(0, 40)}'` })}\n`);
        return;
      }
      handlers.snapshot().then(
        (data) => {
          socket.write(`${JSON.stringify({ ok: true, bytes: data.byteLength })}\n`);
          socket.end(Buffer.from(data));
        },
        (error: unknown) => socket.end(`${JSON.stringify({ ok: false, error: (error as Error).message })}\n`),
      );
    });
  });
  // Like the folder's lock, the channel never keeps the process alive on its own.
  server.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The directory already keeps others out; the socket's own mode says the same to anyone looking.
  chmodSync(file, 0o600);
  return {
    path: file,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          rmSync(file, { force: true });
          resolve();
        }),
      ),
  };
}

/** Asks the server holding `dataDir` (process `pid`) for a snapshot of its database. */
export function requestSnapshot(dataDir: string, pid: number): Promise<Buffer> {
  const file = controlSocketPath(dataDir);
  try {
    if (!statSync(file).isSocket()) throw new Error('not a socket');
  } catch {
    return Promise.reject(new ControlChannelError(`the server holding ${dataDir} (process ${pid}) has no control channel at ${file} (started by an older version?): restart it, or stop it and run the backup again`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(file, () => socket.write('snapshot\n'));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ControlChannelError(
          error.code === 'EACCES'
            ? `cannot reach the control channel of ${dataDir} (process ${pid}): permission denied — run the backup as the user the server runs as`
            : `control channel of ${dataDir} (process ${pid}): ${error.message}`,
        ),
      ),
    );
    socket.on('close', (hadError) => {
      if (hadError) return;
      const all = Buffer.concat(chunks);
      const eol = all.indexOf(10);
      let header: { ok?: boolean; bytes?: number; error?: string } = {};
      try {
        header = JSON.parse(all.subarray(0, eol === -1 ? all.length : eol).toString('utf8')) as typeof header;
      } catch {
        // fall through: no usable header
      }
      if (header.ok !== true) {
        reject(new ControlChannelError(`the server holding ${dataDir} (process ${pid}) could not take a snapshot: ${header.error ?? 'no answer'}`));
        return;
      }
      const data = all.subarray(eol + 1);
      if (data.length !== header.bytes) {
        reject(new ControlChannelError(`the snapshot from process ${pid} was cut short (${data.length} of ${header.bytes} bytes)`));
        return;
      }
      resolve(data);
    });
  });
}
