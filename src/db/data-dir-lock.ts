// One process per embedded data folder, enforced by a lock the operating system releases when
// its holder dies, however it dies: a listening Unix socket named after the folder. On Linux it
// lives in the abstract namespace (no file at all, nothing stale to clean up after a SIGKILL);
// elsewhere it is a socket file in the folder, and a file nobody listens on is stale. Whoever
// asks gets the holder's pid, for the message that tells an operator what to stop. The server
// shares the socket with its database process (embedded.process.ts), so the folder stays locked
// until both have let go: a server killed outright leaves its database process flushing, and
// the next server waits for that instead of opening the folder beside it.
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

interface Holder {
  pid: number;
  /** Its server is gone and it is closing the database: the folder is free once it ends. */
  closing: boolean;
}

/** What the holder of `dir` answers, or null when nobody holds it (the socket refused). */
function askHolder(dir: string): Promise<Holder | null> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect(socketAddress(dir));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', () => resolve(null));
    socket.on('close', () => {
      let parsed: { pid?: unknown; closing?: unknown } = {};
      try {
        parsed = JSON.parse(answer || '{}') as typeof parsed;
      } catch {
        // not one of ours: no pid to name
      }
      const pid = Number(parsed.pid);
      resolve(Number.isInteger(pid) && pid > 0 ? { pid, closing: parsed.closing === true } : null);
    });
  });
}

/** The pid of the process holding `dir`, or null when nobody does (the socket refused). */
export async function dataDirHolder(dir: string): Promise<number | null> {
  return (await askHolder(dir))?.pid ?? null;
}

/** Answers who holds the folder on a lock socket (`who` is asked at each connection). */
export function answerAsHolder(server: net.Server, dir: string, who: () => Holder): void {
  server.on('connection', (socket) => socket.end(JSON.stringify({ ...who(), dataDir: dir })));
}

/** A database closing after its server died is given this long to finish before the folder counts as taken. */
const CLOSING_HOLDER_GRACE_MS = 120_000;

function listen(server: net.Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export interface DataDirLock {
  /** Lets go of the folder (once it is closed). */
  (): Promise<void>;
  /** The listening socket that is the lock, to hand to a process that works in the folder too. */
  readonly socket: net.Server;
}

/**
 * Takes the folder's lock, or throws DataDirInUseError naming the live process that holds it.
 * A holder that is only closing (a database whose server died) is waited for.
 * @returns the release, which must be called once the folder is closed.
 */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const address = socketAddress(dir);
  const server = net.createServer();
  answerAsHolder(server, dir, () => ({ pid: process.pid, closing: false }));
  // The lock must never keep the process alive on its own.
  server.unref();
  const waitUntil = Date.now() + CLOSING_HOLDER_GRACE_MS;
  let unanswered = 0;
  for (;;) {
    try {
      await listen(server, address);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
    const holder = await askHolder(dir);
    if (holder?.closing && Date.now() < waitUntil) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    if (holder === null && process.platform !== 'linux') {
      // A socket file nobody listens on: its holder died. Take it over.
      rmSync(address, { force: true });
      continue;
    }
    // Released between the attempt and the question: try once more.
    if (holder === null && !unanswered++) continue;
    throw new DataDirInUseError(
      `embedded database: ${dir} is in use by process ${holder?.pid ?? '(unknown)'}. Stop it, or set DATA_DIR to another folder, ` +
        `or set DATABASE_URL to use a PostgreSQL server (which several processes can share).`,
    );
  }
  return Object.assign(() => new Promise<void>((resolve) => server.close(() => resolve())), { socket: server });
}
