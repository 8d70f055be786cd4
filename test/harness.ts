// Test harness: each test file boots the real service (HTTP + Apollo + Prisma) on its own
// database — an in-memory embedded PostgreSQL by default, or a fresh schema on the server named
// by TEST_DATABASE_URL — and talks to it over HTTP.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { boot, type BootOptions, type RunningService } from '../src/boot.js';
import type { OpenDatabaseOptions } from '../src/db/database.js';
import { loadConfig, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { seed } from '../src/seed/seed.js';
import { backgroundWork } from '../src/jobs/background.js';
import { withDatabase } from './global-setup.js';
import { pollUntil } from './workflow-helpers.js';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
/** Access tokens of test services are signed with this key (tests forge tokens with it). */
export const TEST_JWT_SECRET = 'test-only-jwt-secret-0123456789-abcdefghijklmnop';

export const databaseLabel = testDatabaseUrl ? 'PostgreSQL' : 'embedded PGlite';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  headers: Headers;
}

export interface TestService {
  url: string;
  service: RunningService;
  config: Config;
  /** POST a GraphQL operation; `token`/`apiKey` set the Authorization header. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<T>>;
  /** Log lines (parsed), when started with `captureLogs`. */
  logs: Record<string, any>[];
  /** Counts SQL statements Prisma sends while `fn` runs. */
  countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; sql: string[] }>;
  stop(): Promise<void>;
}

export interface RequestOptions {
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

export interface StartOptions {
  /** Seed sample releases (default true). */
  samples?: boolean;
  /** Seed anything at all (default true). */
  seed?: boolean;
  env?: Record<string, string>;
  now?: Date;
  /** Keep the service's log lines (level info and up) in `logs`. */
  captureLogs?: boolean;
  /**
   * PostgreSQL only: URL of a streaming replica of TEST_DATABASE_URL's server; the service's
   * DATABASE_REPLICA_URLS names the same database there (started once it has been replayed).
   */
  replicaUrl?: string;
  /** Turns tracing on, with spans sent here (an InMemorySpanExporter). */
  spanExporter?: BootOptions['spanExporter'];
  /**
   * PostgreSQL only: a second instance of the service on the database of this one (as a second
   * API process of one deployment would be); stopping it leaves the database to its first.
   */
  sameDatabaseAs?: TestService;
}

/** A database of its own for one test file, copied from the run's seeded template. */
async function databaseFromTemplate(replicaUrl: string | undefined): Promise<{ database: Partial<OpenDatabaseOptions>; drop: () => Promise<void> }> {
  const template = inject('templateDatabase');
  if (testDatabaseUrl && template) {
    const name = `t_${randomBytes(6).toString('hex')}`;
    // Two files copying the template at the same moment make PostgreSQL refuse one: retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        if (attempt > 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    return ownDatabase(name, replicaUrl);
  }
  if (replicaUrl) throw new Error('harness: replicas need TEST_DATABASE_URL');
  const dump = inject('templateDump');
  if (!dump) throw new Error('harness: no template database (is test/global-setup.ts configured?)');
  return {
    database: { url: undefined, dataDir: null, logQueries: true, embeddedTemplate: new Blob([await readFile(dump)]) },
    drop: async () => {},
  };
}

/** The database of a running test service, for a second instance (one process per embedded database: PostgreSQL only). */
function sharedDatabase(first: TestService): { database: Partial<OpenDatabaseOptions>; drop: () => Promise<void> } {
  if (!testDatabaseUrl) throw new Error('harness: a second instance on the same database needs TEST_DATABASE_URL (the embedded database is one process only)');
  return { database: { url: first.service.db.url, poolMax: 5, logQueries: true }, drop: async () => {} };
}

/** A fresh, empty database of its own (migrated at boot): an in-memory PGlite or a new PostgreSQL database. */
async function emptyDatabase(): Promise<{ database: Partial<OpenDatabaseOptions>; drop: () => Promise<void> }> {
  if (!testDatabaseUrl) return { database: { url: undefined, dataDir: null, logQueries: true }, drop: async () => {} };
  // A database, not a schema: graphile-worker announces its migrations database-wide, and a
  // runner that hears another file's migration would stop.
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return ownDatabase(name);
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function ownDatabase(name: string, replicaUrl?: string): Promise<{ database: Partial<OpenDatabaseOptions>; drop: () => Promise<void> }> {
  const replicaUrls = replicaUrl ? [withDatabase(replicaUrl, name)] : [];
  // The replica learns of the new database by replaying the primary's WAL: wait until it has.
  for (const url of replicaUrls) await pollUntil(`database ${name} on the replica`, () => canConnect(url));
  return {
    database: { url: withDatabase(testDatabaseUrl!, name), replicaUrls, poolMax: 5, logQueries: true },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Boots the service on a database of its own. By default it is a copy of the run's template
 * (migrated, seeded with the catalog, sample releases and demo accounts); `seed: false` or
 * `samples: false` start from an empty database instead, seeded here as asked.
 */
export async function startTestService(options: StartOptions = {}): Promise<TestService> {
  const fromTemplate = options.seed !== false && options.samples !== false && !options.now && !options.sameDatabaseAs;
  const { database, drop } = options.sameDatabaseAs
    ? sharedDatabase(options.sameDatabaseAs)
    : fromTemplate
      ? await databaseFromTemplate(options.replicaUrl)
      : await emptyDatabase();
  // Hosted files of this service only, removed when it stops.
  const filesDir = options.env?.FILES_DIR ? undefined : await mkdtemp(path.join(tmpdir(), 'gongkai-files-'));
  const config = loadConfig({
    ...(filesDir ? { FILES_DIR: filesDir } : {}),
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_ON_START: 'false',
    LOG_LEVEL: options.captureLogs ? 'info' : (process.env.TEST_LOG_LEVEL ?? 'silent'),
    JWT_SECRET: TEST_JWT_SECRET,
    JOB_POLL_INTERVAL_MS: '300',
    // Production's default internal metrics port is fixed (9464): test services in parallel would collide.
    METRICS_PORT: 'off',
    ...options.env,
  });
  const logs: Record<string, any>[] = [];
  const logger = options.captureLogs
    ? createLogger(config.logLevel, {}, { write: (line: string) => void logs.push(JSON.parse(line)) })
    : createLogger(config.logLevel);
  let service: RunningService;
  try {
    service = await boot({ config, logger, database, ...(options.spanExporter ? { spanExporter: options.spanExporter } : {}) });
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  if (!fromTemplate && !options.sameDatabaseAs && options.seed !== false) {
    await seed(service.db.prisma, {
      production: options.samples === false,
      timeZone: config.timeZone,
      demoPassword: config.demoPassword,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  const listeners = new Set<(sql: string) => void>();
  // The client is typed without log events; it was opened with query events on.
  const events = service.db.prisma as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void };
  events.$on('query', (e) => {
    // Jobs and other background work share the client: only the statements of what a test runs count.
    if (backgroundWork() !== undefined) return;
    for (const l of listeners) l(e.query);
  });

  return {
    url: service.url,
    service,
    config,
    logs,
    async gql(query, variables, opts = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.apiKey) headers.authorization = `ApiKey ${opts.apiKey}`;
      const res = await fetch(`${service.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: any };
      return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
    },
    async countStatements(fn) {
      const sql: string[] = [];
      const listener = (q: string) => sql.push(q);
      listeners.add(listener);
      try {
        const result = await fn();
        return { result, statements: sql.length, sql };
      } finally {
        listeners.delete(listener);
      }
    },
    async stop() {
      await service.stop();
      await drop();
      if (filesDir) await rm(filesDir, { recursive: true, force: true });
    },
  };
}

/** Throws with the server's errors when a response has any; returns its data. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  if (!response.data) throw new Error(`no data (HTTP ${response.status})`);
  return response.data;
}
