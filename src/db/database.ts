// Opens "a PostgreSQL": the server named by DATABASE_URL, or the embedded one. Everything above
// this module sees the same thing: a pg pool and a Prisma client on top of it.
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js';
import { isConnectionError } from './connection-errors.js';
import { createPool } from './pool.js';
import { applyMigrations, MIGRATION_LOCK_KEY, migrationStatus, readMigrations } from './migrations.js';

export type Db = PrismaClient;

export interface Database {
  kind: 'embedded' | 'postgresql';
  /** Connection string of the server (the loopback one in embedded mode). */
  url: string;
  /** PostgreSQL schema holding the tables (tests isolate files by schema). */
  schema: string;
  pool: pg.Pool;
  /** Pools of the read replicas, in DATABASE_REPLICA_URLS order (reported by /metrics). */
  replicaPools: readonly pg.Pool[];
  prisma: PrismaClient;
  /**
   * The client for reads that may lag the primary by replication delay (anonymous and channel
   * queries): the replicas in turn, or the primary when there are none.
   */
  reader(): PrismaClient;
  /** Applies pending migrations under an advisory lock. */
  migrate(): Promise<string[]>;
  /**
   * Runs `fn` while holding a session advisory lock on a dedicated connection, so that work
   * such as seeding runs in one process at a time across every instance.
   */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /** Embedded only: a tarball of the whole database as of one committed state (test templates, backups). */
  dumpEmbedded(): Promise<Blob>;
  /** True when the database answers and every migration is applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent, the embedded database is started. */
  url?: string | undefined;
  /** Streaming replicas of `url` for lag-tolerant reads (see Database.reader). */
  replicaUrls?: readonly string[];
  /** Folder for the embedded database; null = in memory (tests). */
  dataDir?: string | null;
  /** Schema to use (created if missing); default public. */
  schema?: string;
  poolMax?: number;
  /** Longest wait for a new connection (ms). */
  connectTimeoutMs?: number;
  logger?: Logger;
  /** Emit Prisma query events (statement counting in tests). */
  logQueries?: boolean;
  /** Embedded only: start as a copy of this dump (see Database.dumpEmbedded). */
  embeddedTemplate?: Blob;
}

/** A PostgreSQL identifier we are willing to interpolate (schema names come from our own code). */
function assertSafeIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`openDatabase: unsafe schema name '${name}'`);
  return name;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const schema = assertSafeIdentifier(options.schema ?? 'public');
  let embedded: EmbeddedPostgres | undefined;
  let url = options.url;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: options.dataDir ?? null,
      ...(options.embeddedTemplate ? { loadDataDir: options.embeddedTemplate } : {}),
      onWarning: (message) => options.logger?.warn(message),
    });
    url = embedded.url;
  }
  // Every connection resolves unqualified names in our schema: migrations and raw SQL alike.
  const pool = createPool({ connectionString: url, max: options.poolMax ?? 10, schema, label: 'app', logger: options.logger, connectionTimeoutMillis: options.connectTimeoutMs });
  try {
    if (schema !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    await pool.end().catch(() => {});
    await embedded?.close();
    throw error;
  }

  const clientOn = (onPool: pg.Pool) =>
    new PrismaClient({
      adapter: new PrismaPg(onPool, { schema }),
      // Transactions queue for the embedded database's single session and for a busy pool:
      // wait for a turn longer than Prisma's 2 s default before giving up.
      transactionOptions: { maxWait: 10_000, timeout: 30_000 },
      // Outside NODE_ENV=production Prisma's default ('colorless') captures a stack trace at the
      // call site of every query, to quote it in error messages: a cost per query that would make
      // the speed depend on NODE_ENV. Errors reach clients masked anyway, and logs keep the code.
      errorFormat: 'minimal',
      log: options.logQueries ? [{ emit: 'event', level: 'query' }] : [],
    });
  const prisma = clientOn(pool);
  // A replica is read-only (a hot standby): its connections never create the schema, and a
  // write sent there by mistake fails with 25006 instead of diverging from the primary.
  const replicaPools = (options.replicaUrls ?? []).map((replicaUrl, i) =>
    createPool({ connectionString: replicaUrl, max: options.poolMax ?? 10, schema, label: `replica${i + 1}`, logger: options.logger, connectionTimeoutMillis: options.connectTimeoutMs }),
  );
  const replicas = replicaPools.map(clientOn);
  let nextReplica = 0;

  // The embedded server puts every connection on ONE PostgreSQL session, where advisory locks
  // are re-entrant and exclude nobody: queue same-key work in-process too (one process owns
  // an embedded database, so that is enough; on a real server the advisory lock does the rest).
  const chains = new Map<number, Promise<unknown>>();
  function exclusive<T>(key: number, fn: () => Promise<T>): Promise<T> {
    const run = (chains.get(key) ?? Promise.resolve()).catch(() => {}).then(fn);
    chains.set(key, run.catch(() => {}));
    return run;
  }

  /** Runs `fn` on a pooled client; a client whose connection failed is discarded, not pooled again. */
  async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await fn(client);
    } catch (error) {
      if (isConnectionError(error)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  // Read once: readiness probes must not touch the disk on every call.
  const migrationFiles = readMigrations();
  let closed = false;
  return {
    kind: embedded ? 'embedded' : 'postgresql',
    url,
    schema,
    pool,
    replicaPools,
    prisma,
    reader: () => (replicas.length === 0 ? prisma : replicas[nextReplica++ % replicas.length]!),
    migrate: () => exclusive(MIGRATION_LOCK_KEY, () => withClient((client) => applyMigrations(client, { log: (m) => options.logger?.info(m) }))),
    dumpEmbedded() {
      if (!embedded) throw new Error('dumpEmbedded: not an embedded database');
      return embedded.dump();
    },
    withAdvisoryLock: <T>(key: number, fn: () => Promise<T>) =>
      exclusive(key, async () => {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('SELECT pg_advisory_lock($1)', [key]);
          return await fn();
        } finally {
          // A failed unlock means the session, and the lock with it, is gone already: the
          // connection is discarded instead of pooled again, and fn's outcome stands.
          await client.query('SELECT pg_advisory_unlock($1)', [key]).catch((error: Error) => (broken = error));
          client.release(broken);
        }
      }),
    async isReady() {
      if (closed) return false;
      try {
        const files = await migrationFiles;
        const status = await withClient((client) => migrationStatus(client, files));
        return status.pending.length === 0;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([prisma, ...replicas].map((client) => client.$disconnect().catch(() => {})));
      await Promise.all([pool, ...replicaPools].map((p) => p.end().catch(() => {})));
      await embedded?.close();
    },
  };
}
