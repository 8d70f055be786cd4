// Database faults (checklist R5, hardening rows 7 and 17): connections cut or terminated under
// the server, and a database that refuses new connections in each of the ways PostgreSQL does.
// The server must survive, answer a fast retryable 503 with Retry-After (for anonymous callers
// and in the authenticator alike), report not-ready, and recover by itself. A fault proxy
// between the server and its database plays the database's part, on both database modes.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { boot, type RunningService } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded.js';
import { createLogger } from '../src/logger.js';
import { withDatabase } from './global-setup.js';
import { testDatabaseUrl, TEST_JWT_SECRET } from './harness.js';
import { PgFaultProxy, type ProxyMode } from './pg-fault-proxy.js';

let embedded: EmbeddedPostgres | undefined;
let databaseName: string | undefined;
let proxy: PgFaultProxy;
let service: RunningService;
let token: string;

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  let url: string;
  if (testDatabaseUrl) {
    databaseName = `t_outage_${randomUUID().slice(0, 8)}`;
    await adminQuery(`CREATE DATABASE ${databaseName}`);
    url = withDatabase(testDatabaseUrl, databaseName);
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: null });
    url = embedded.url;
  }
  proxy = PgFaultProxy.forUrl(url);
  await proxy.up();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'false',
    RUN_JOBS: 'false',
    DB_CONNECT_TIMEOUT_MS: '1000',
    DATABASE_URL: proxy.proxiedUrl(url),
  });
  service = await boot({ config, logger: createLogger('silent'), database: { poolMax: 4 } });
  // A well-formed token of an account the database would have to look up.
  token = await new SignJWT({ sid: randomUUID() })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setSubject(randomUUID())
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(config.auth.jwtSecret);
}, 240_000);

afterAll(async () => {
  proxy.setMode({ kind: 'pass' });
  await proxy.up();
  await service?.stop();
  await proxy.down();
  await embedded?.close();
  if (databaseName) await adminQuery(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
});

beforeEach(() => proxy.setMode({ kind: 'pass' }));

const QUERY = '{ orgUnits { id } domains { totalCount } }';
const ask = async (auth?: string) => {
  const started = Date.now();
  const res = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify({ query: QUERY }),
  });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: res.status, body, text, ms: Date.now() - started, retryAfter: res.headers.get('retry-after') };
};
const status = async (path: string) => (await fetch(`${service.url}${path}`)).status;

/** A 503 a client can act on: retryable, Retry-After, a request id, no internals. */
function expectRetryable503(r: Awaited<ReturnType<typeof ask>>) {
  expect(r.status, r.text).toBe(503);
  expect(r.retryAfter).toBe('5');
  const error = r.body.errors?.[0];
  expect(error?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(error?.extensions?.retryable).toBe(true);
  expect(error?.extensions?.requestId).toEqual(expect.any(String));
  expect(r.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|prisma|57P0|53300|08006|Context creation|stack/i);
}

/** Waits until the server's pool holds no connection the proxy has cut (each one it holds is live). */
async function untilPoolDrained() {
  while (service.db.pool.totalCount > proxy.connections) await new Promise((r) => setTimeout(r, 20));
}

describe('Database faults', () => {
  it('survives every database connection being cut, and the next requests succeed', async () => {
    expect((await ask()).status).toBe(200);
    proxy.cutAll();
    await untilPoolDrained();
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    expect(await status('/readyz')).toBe(200);
  });

  it('answers every request of a load during which all backends are terminated with 200 or a retryable 503, never a 500', async () => {
    expect((await ask()).status).toBe(200);
    const load = Array.from({ length: 40 }, (_, i) => ask(i % 2 ? `Bearer ${token}` : undefined));
    proxy.terminateAll();
    const results = await Promise.all(load);
    for (const r of results) {
      if (r.status === 503) expectRetryable503(r);
      else expect([200, 401], r.text).toContain(r.status);
    }
    // The load goes on being served once the backends are gone.
    await untilPoolDrained();
    expect((await ask()).status).toBe(200);
  });

  const refusals: [string, ProxyMode][] = [
    ['57P01 (terminating connection due to administrator command)', { kind: 'refuse', code: '57P01', message: 'terminating connection due to administrator command' }],
    ['57P02 (crash shutdown)', { kind: 'refuse', code: '57P02', message: 'terminating connection because of crash of another server process' }],
    ['57P03 (the database system is starting up)', { kind: 'refuse', code: '57P03', message: 'the database system is starting up' }],
    ['53300 (too many clients)', { kind: 'refuse', code: '53300', message: 'sorry, too many clients already' }],
    ['08006 (connection failure)', { kind: 'refuse', code: '08006', message: 'connection failure' }],
    ['55000 (database not accepting connections)', { kind: 'refuse', code: '55000', message: 'database "gongkai" is not currently accepting connections' }],
    ['ECONNRESET', { kind: 'reset' }],
    ['a connection that never answers (pool timeout)', { kind: 'hang' }],
  ];
  for (const [label, mode] of refusals) {
    it(`a database refusing connections with ${label}: fast retryable 503 for anonymous and signed-in callers, not ready`, async () => {
      // Refusing first, then cutting: background work (jobs, webhook dispatch, usage flushes)
      // opening a connection in between would otherwise get a working one.
      proxy.setMode(mode);
      proxy.cutAll();
      await untilPoolDrained();
      const anonymous = await ask();
      expectRetryable503(anonymous);
      expect(anonymous.ms).toBeLessThan(5_000);
      // The authenticator's own lookup fails the same way, not as "credentials refused".
      expectRetryable503(await ask(`Bearer ${token}`));
      expect(await status('/readyz')).toBe(503);
      expect(await status('/healthz')).toBe(200);
      proxy.setMode({ kind: 'pass' });
      expect((await ask()).status).toBe(200);
    });
  }

  it('answers a fast retryable 503 without internals while the database is unreachable, and is not ready', async () => {
    await proxy.down();
    const r = await ask();
    expectRetryable503(r);
    expect(r.ms).toBeLessThan(5_000);
    expectRetryable503(await ask(`Bearer ${token}`));
    expect(await status('/readyz')).toBe(503);
    // Liveness does not depend on the database.
    expect(await status('/healthz')).toBe(200);
  });

  it('recovers by itself when the database is back', async () => {
    await proxy.up();
    // The pool may still hold a connection attempt from the outage; the first answer after it is 200.
    let last = await ask();
    while (last.status !== 200) {
      expectRetryable503(last);
      last = await ask();
    }
    expect(await status('/readyz')).toBe(200);
  });
});
