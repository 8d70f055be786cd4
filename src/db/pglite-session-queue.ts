// Serves PGlite's single PostgreSQL session to many client connections, to clients that know
// the password of this start (PGlite itself accepts any user and password, so without it any
// local user could read everything, password hashes included). pglite-socket's own
// queue interleaves messages of different connections outside transactions, so one client's
// Bind can land on another client's Parse (electric-sql/pglite#1046): wrong rows or bind errors
// under concurrent load. This queue gives a connection the session from its first message of
// an extended-protocol cycle (Parse … Sync) or transaction (BEGIN … COMMIT) to its end, so each
// client sees a session of its own at every protocol boundary.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

interface Item {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/** Work of this thread's own (a backup snapshot) that needs the session between clients' turns. */
interface Task {
  handlerId: typeof TASK;
  run: () => Promise<void>;
}

/** The handler id of tasks: socket handlers count from 1. */
const TASK = -1;

/** Frontend message types that belong to an extended-protocol cycle, which ends with Sync ('S'). */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'F'].map((c) => c.charCodeAt(0)));

/** A backend message: type byte, int32 length (itself included), body. */
function backendMessage(type: string, body: Buffer): Uint8Array {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return new Uint8Array(Buffer.concat([header, body]));
}

function fatal(code: string, message: string): Uint8Array {
  return backendMessage('E', Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, 'utf8'));
}

const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('hex');

/** The `user` parameter of a StartupMessage (int32 length, int32 protocol, key\0value\0 … \0). */
function startupUser(message: Uint8Array): string {
  const parts = Buffer.from(message.subarray(8)).toString('utf8').split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i] === 'user') return parts[i + 1]!;
  return '';
}

/** A connection between its startup message and its password (PostgreSQL's md5 method). */
interface Login {
  startup: Uint8Array;
  user: string;
  salt: Buffer;
}

export class SessionQueue {
  private readonly queue: (Item | Task)[] = [];
  private processing = false;
  /** The connection holding the session until its cycle or transaction ends. */
  private owner: number | null = null;
  /** Connections that sent a startup message and owe the password. */
  private readonly pending = new Map<number, Login>();
  private readonly authenticated = new Set<number>();

  constructor(
    private readonly db: PGlite,
    private readonly password: string,
  ) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (!this.authenticated.has(handlerId)) return this.authenticate(handlerId, message, onData);
    return this.run(handlerId, message, onData);
  }

  /**
   * Runs `fn` when the session is between clients: no transaction or extended-protocol cycle
   * open, and no client message until it is done. It sees exactly what is committed.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ handlerId: TASK, run: () => fn().then(resolve, reject) });
      void this.process();
    });
  }

  private run(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  /**
   * The startup message is answered with an MD5 challenge; the password message that answers
   * it is checked here, and only then does the startup message reach PGlite. Anything else
   * before that, or a wrong password, gets a FATAL error and the connection is closed (a
   * rejection makes the socket handler close it).
   */
  private async authenticate(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const login = this.pending.get(handlerId);
    if (!login) {
      const isStartup = message.length >= 8 && Buffer.from(message).readInt32BE(4) === 196608;
      if (!isStartup) {
        onData(fatal('08P01', 'expected a startup message'));
        throw new Error('pglite session: protocol violation before authentication');
      }
      const salt = randomBytes(4);
      this.pending.set(handlerId, { startup: message, user: startupUser(message), salt });
      const challenge = backendMessage('R', Buffer.concat([Buffer.from([0, 0, 0, 5]), salt]));
      onData(challenge);
      return challenge.length;
    }
    this.pending.delete(handlerId);
    const given = message[0] === 0x70 ? Buffer.from(message.subarray(5)).toString('utf8').replace(/\0$/, '') : '';
    const expected = `md5${md5(Buffer.concat([Buffer.from(md5(this.password + login.user)), login.salt]))}`;
    const ok = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!ok) {
      onData(fatal('28P01', `password authentication failed for user "${login.user}"`));
      throw new Error('pglite session: password authentication failed');
    }
    this.authenticated.add(handlerId);
    return this.run(handlerId, login.startup, onData);
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = this.owner === null ? 0 : this.queue.findIndex((i) => i.handlerId === this.owner);
        if (index === -1) break; // the owner's next message has not arrived yet
        const next = this.queue.splice(index, 1)[0]!;
        if ('run' in next) {
          // Reached only with no owner, so never inside a client's transaction.
          await next.run();
          continue;
        }
        const item = next;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = null;
          item.reject(error);
          continue;
        }
        this.owner = this.db.isInTransaction() || EXTENDED.has(item.message[0]!) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }

  clearQueueForHandler(handlerId: number): void {
    this.pending.delete(handlerId);
    this.authenticated.delete(handlerId);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const item = this.queue[i]!;
      if (item.handlerId === handlerId && 'reject' in item) {
        this.queue.splice(i, 1);
        item.reject(new Error('connection closed'));
      }
    }
  }

  /** A connection went away: end whatever it left open and let the others in. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.process();
  }
}

/**
 * A loopback PostgreSQL server for `db`, every connection sharing its one session safely, open
 * to clients that authenticate with `password` (MD5, as PostgreSQL's md5 method).
 */
export async function serveSession(
  db: PGlite,
  host: string,
  port: number,
  maxConnections: number,
  password: string,
): Promise<{ port: number; exclusive: SessionQueue['exclusive']; close(): Promise<void> }> {
  await db.waitReady;
  const queue = new SessionQueue(db, password);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket: Socket) => {
    if (handlers.size >= maxConnections) {
      socket.end('Too many connections\n');
      return;
    }
    // The handler only needs enqueue / clearQueueForHandler / clearTransactionIfNeeded.
    const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  server.maxConnections = maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('serveSession: no address');
  return {
    port: address.port,
    exclusive: (fn) => queue.exclusive(fn),
    async close() {
      await Promise.all([...handlers].map((h) => h.detach(true)));
      handlers.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
