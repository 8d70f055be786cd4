// Every pg pool of the process is made here, so that none lacks error listeners.
//
// WARNING: node-postgres emits 'error' on a pool when an idle client loses its connection, and
// on a client when it is checked out but not running a query (between the statements of a
// transaction, or while holding an advisory lock). An 'error' event without a listener is an
// uncaught exception: one terminated backend (failover, pg_terminate_backend, DROP DATABASE …
// WITH (FORCE)) would kill the process. pg marks such a client unusable and the pool drops it
// on release, so logging is all the listeners need to do.
import pg from 'pg';
import type { Logger } from '../logger.js';

export interface PoolOptions {
  connectionString: string;
  max: number;
  /** Schema put first on every connection's search_path (tests isolate by schema). */
  schema?: string;
  /** Names the pool in log lines ("app", "jobs" …). */
  label: string;
  logger?: Logger;
  connectionTimeoutMillis?: number;
}

export function createPool({ connectionString, max, schema, label, logger, connectionTimeoutMillis = 10_000 }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    options: schema && schema !== 'public' ? `-c search_path=${schema}` : undefined,
    connectionTimeoutMillis,
  });
  // The client's own listener stays for its whole life (pg-pool adds and removes its listener
  // around idleness) and logs each loss once; the pool's only has to exist.
  pool.on('connect', (client) =>
    client.on('error', (error) => logger?.warn({ pool: label, code: (error as { code?: string }).code, error: error.message }, 'database: connection lost')),
  );
  pool.on('error', () => {});
  return pool;
}
