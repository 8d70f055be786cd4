// Database faults (checklist R5): connections killed under the server, and the database out of
// reach for a while. The server must survive, answer a fast retryable 503, report not-ready, and
// recover by itself. A TCP proxy between the server and its database lets the test cut the line.
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type RunningService } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded.js';
import { createLogger } from '../src/logger.js';
import { withDatabase } from './global-setup.js';
import { testDatabaseUrl, TEST_JWT_SECRET } from './harness.js';

/** A TCP proxy to `target` that can be taken down and brought back on the same port. */
class Proxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    if (this.server) return;
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server!.address() as net.AddressInfo).port;
  }

  async down(): Promise<void> {
    if (!this.server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server = null;
  }
}

let embedded: EmbeddedPostgres | undefined;
let databaseName: string | undefined;
let proxy: Proxy;
let service: RunningService;

beforeAll(async () => {
  let url: string;
  if (testDatabaseUrl) {
    databaseName = `t_outage_${Date.now()}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    await admin.end();
    url = withDatabase(testDatabaseUrl, databaseName);
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: null });
    url = embedded.url;
  }
  const target = new URL(url);
  proxy = new Proxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.up();
  target.host = `127.0.0.1:${proxy.port}`;
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', SEED_ON_START: 'false', RUN_JOBS: 'false', DATABASE_URL: target.toString() });
  service = await boot({ config, logger: createLogger('silent'), database: { poolMax: 4 } });
}, 120_000);

afterAll(async () => {
  await proxy.up();
  await service?.stop();
  await proxy.down();
  await embedded?.close();
  if (databaseName) {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
});

const QUERY = '{ orgUnits { id } domains { totalCount } }';
const ask = async () => {
  const started = Date.now();
  const res = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: res.status, body, ms: Date.now() - started, retryAfter: res.headers.get('retry-after') };
};
const status = async (path: string) => (await fetch(`${service.url}${path}`)).status;

describe('Database faults', () => {
  it('survives every database connection being cut, and the next requests succeed', async () => {
    expect((await ask()).status).toBe(200);
    // Cut every open connection (as pg_terminate_backend or a failover would), keep the database up.
    await proxy.down();
    await proxy.up();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await ask());
    // At most the first request after the cut may fail — and then as a retryable 503, never a 500.
    for (const r of results.slice(0, 1)) expect([200, 503]).toContain(r.status);
    expect(results.slice(1).map((r) => r.status)).toEqual([200, 200]);
    expect(await status('/readyz')).toBe(200);
  });

  it('answers a fast retryable 503 without internals while the database is unreachable, and is not ready', async () => {
    await proxy.down();
    const r = await ask();
    expect(r.status).toBe(503);
    expect(r.ms).toBeLessThan(5_000);
    expect(r.retryAfter).toBe('5');
    expect(r.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(r.body.errors?.[0]?.extensions?.retryable).toBe(true);
    expect(JSON.stringify(r.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|prisma|pg\b/i);
    expect(await status('/readyz')).toBe(503);
    // Liveness does not depend on the database.
    expect(await status('/healthz')).toBe(200);
  });

  it('recovers by itself when the database is back', async () => {
    await proxy.up();
    let last = await ask();
    for (let i = 0; i < 10 && last.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      last = await ask();
    }
    expect(last.status).toBe(200);
    expect(await status('/readyz')).toBe(200);
  });
});
