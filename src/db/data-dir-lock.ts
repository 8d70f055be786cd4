// One process per embedded data folder, enforced by a lock the operating system releases when
// its holder dies, however it dies: a listening Unix socket named after the folder. On Linux it
// lives in the abstract namespace (no file at all, nothing stale to clean up after a SIGKILL);
// elsewhere it is a socket file in the folder, and a file nobody listens on is stale. Whoever
// asks gets the holder's pid, for the message that tells an operator what to stop.
import { createHash } from 'node:crypto';
import { realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

function socketAddress(dir: string): string {
  const real = realpathSync(dir);
  if (process.platform === 'linux') return `\0gongkai-data-${createHash('sha256').update(real).digest('hex').slice(0, 40)}`;
  return path.join(real, '.gongkai.lock');
}

/** The pid of the process holding `dir`, or null when nobody does (the socket refused). */
export function dataDirHolder(dir: string): Promise<number | null> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect(socketAddress(dir));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', () => resolve(null));
    socket.on('close', () => {
      const pid = Number((JSON.parse(answer || '{}') as { pid?: unknown }).pid);
      resolve(Number.isInteger(pid) && pid > 0 ? pid : null);
    });
  });
}

function listen(server: net.Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Takes the folder's lock, or throws DataDirInUseError naming the live process that holds it.
 * @returns the release, which must be called once the folder is closed.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const address = socketAddress(dir);
  const server = net.createServer((socket) => socket.end(JSON.stringify({ pid: process.pid, dataDir: dir })));
  // The lock must never keep the process alive on its own.
  server.unref();
  try {
    await listen(server, address);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const holder = await dataDirHolder(dir);
    if (holder !== null || process.platform === 'linux') {
      throw new DataDirInUseError(
        `embedded database: ${dir} is in use by process ${holder ?? '(unknown)'}. Stop it, or set DATA_DIR to another folder, ` +
          `or set DATABASE_URL to use a PostgreSQL server (which several processes can share).`,
      );
    }
    // A socket file nobody listens on: its holder died. Take it over.
    rmSync(address, { force: true });
    await listen(server, address);
  }
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
