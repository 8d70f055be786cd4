// Observability with tracing off: one access-log line per HTTP request (GraphQL and not, refusals
// included) that never carries a credential, password or token; /metrics behind its token on
// the main port and on the internal listener, with counters and gauges that move; the settings'
// secure defaults; and, with tracing off, no trace context anywhere.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { LabelCap } from '../src/observability/metrics.js';
import { LOGIN } from './actors.js';
import { databaseLabel, dataOf, startTestService, TEST_JWT_SECRET, type TestService } from './harness.js';
import { pollUntil } from './workflow-helpers.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const DEMO_PASSWORD = 'gongkai-demo-2026';
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

type Line = Record<string, any>;

/** The access-log line of a request, once its response has closed. */
function accessLine(service: TestService, requestId: string): Promise<Line> {
  return pollUntil(`access-log line of ${requestId}`, async () => service.logs.find((l) => l.msg === 'http: request' && l.requestId === requestId));
}

async function post(service: TestService, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

/** Value of one sample of the exposition text (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(url: string, token: string | undefined = METRICS_TOKEN): Promise<string> {
  const res = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

describe(`Observability: access log and metrics (${databaseLabel})`, () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ captureLogs: true, env: { METRICS_TOKEN, METRICS_PORT: '0', MAX_BODY_BYTES: '20000' } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  describe('access log', () => {
    it('writes one line for a query, with operation, kind, status, duration, viewer and request id', async () => {
      const res = await post(service, JSON.stringify({ query: 'query ReleaseList { releases(first: 2) { totalCount } }' }));
      expect(res.status).toBe(200);
      const requestId = res.headers.get('x-request-id')!;
      const line = await accessLine(service, requestId);
      expect(line).toMatchObject({ level: 30, method: 'POST', path: '/graphql', status: 200, operation: 'ReleaseList', kind: 'query', viewer: 'anonymous' });
      expect(typeof line.durationMs).toBe('number');
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
      expect(line.errors).toBeUndefined();
      expect(line.traceId).toBeUndefined();
      expect(service.logs.filter((l) => l.msg === 'http: request' && l.requestId === requestId)).toHaveLength(1);
    });

    it('logs a login mutation and later signed-in requests without any password, token or Authorization header', async () => {
      const login = await service.gql(LOGIN, { input: { username: 'admin', password: DEMO_PASSWORD } });
      const payload = dataOf(login).login;
      expect(payload.__typename).toBe('LoginPayload');
      const line = await accessLine(service, login.headers.get('x-request-id')!);
      expect(line).toMatchObject({ status: 200, operation: 'Login', kind: 'mutation', viewer: 'anonymous' });

      const me = await service.gql('query Me { viewer { username } }', {}, { token: payload.accessToken });
      expect(dataOf(me).viewer.username).toBe('admin');
      expect(await accessLine(service, me.headers.get('x-request-id')!)).toMatchObject({ status: 200, operation: 'Me', kind: 'query', viewer: 'user' });

      // A refused token is logged as refused, and its value nowhere.
      const forged = await service.gql('query Me { viewer { username } }', {}, { token: `${payload.accessToken}x` });
      const refused = await accessLine(service, forged.headers.get('x-request-id')!);
      expect(refused.errors).toContain('UNAUTHENTICATED');

      const everything = JSON.stringify(service.logs);
      for (const secret of [DEMO_PASSWORD, payload.accessToken, payload.refreshToken, 'Bearer ', TEST_JWT_SECRET, METRICS_TOKEN]) {
        expect(everything).not.toContain(secret);
      }
      expect(everything.toLowerCase()).not.toContain('authorization');
    });

    it('logs refusals that never reach GraphQL execution: bad JSON (400), invalid documents (400), too large (413)', async () => {
      const badJson = await post(service, '{"query": ');
      expect(badJson.status).toBe(400);
      expect(await accessLine(service, badJson.headers.get('x-request-id')!)).toMatchObject({ status: 400, operation: null, kind: null, errors: ['BAD_REQUEST'] });

      const invalid = await post(service, JSON.stringify({ query: 'query Broken { noSuchField }' }));
      expect(invalid.status).toBe(400);
      expect(await accessLine(service, invalid.headers.get('x-request-id')!)).toMatchObject({ status: 400, operation: null, errors: ['GRAPHQL_VALIDATION_FAILED'] });

      const large = await post(service, JSON.stringify({ query: `{ releases(first: 1) { totalCount } } # ${'x'.repeat(30_000)}` }));
      expect(large.status).toBe(413);
      expect(await accessLine(service, large.headers.get('x-request-id')!)).toMatchObject({ status: 413, errors: ['PAYLOAD_TOO_LARGE'] });
    });

    it('logs routes other than /graphql: a 404, the probes, and credentials refused in a URL (without the query string)', async () => {
      const missing = await fetch(`${service.url}/no/such/route`);
      expect(missing.status).toBe(404);
      expect(await accessLine(service, missing.headers.get('x-request-id')!)).toMatchObject({ method: 'GET', path: '/no/such/route', status: 404, operation: null, viewer: null, errors: ['NOT_FOUND'] });

      const health = await fetch(`${service.url}/healthz`);
      expect(await accessLine(service, health.headers.get('x-request-id')!)).toMatchObject({ path: '/healthz', status: 200 });

      const inUrl = await fetch(`${service.url}/graphql?query=%7B__typename%7D&access_token=secret-in-url-0123`);
      expect(inUrl.status).toBe(400);
      const line = await accessLine(service, inUrl.headers.get('x-request-id')!);
      expect(line).toMatchObject({ path: '/graphql', status: 400, errors: ['CREDENTIALS_IN_URL'] });
      expect(JSON.stringify(service.logs)).not.toContain('secret-in-url-0123');
    });

    it('carries no trace context when tracing is off, and installs no Prisma tracing hook', async () => {
      const res = await post(service, JSON.stringify({ query: '{ releases(first: 1) { totalCount } }' }), { traceparent: TRACEPARENT });
      expect(res.status).toBe(200);
      expect(res.headers.get('traceparent')).toBeNull();
      expect((await accessLine(service, res.headers.get('x-request-id')!)).traceId).toBeUndefined();
      expect((globalThis as Record<string, unknown>).V7_PRISMA_INSTRUMENTATION).toBeUndefined();
      expect((globalThis as Record<string, unknown>).PRISMA_INSTRUMENTATION).toBeUndefined();
    });
  });

  describe('/metrics', () => {
    it('refuses without the token (401) and answers with it, on the main port and on the internal listener', async () => {
      const internal = service.service.app.metricsUrl!;
      expect(internal).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (const base of [service.url, internal]) {
        const none = await fetch(`${base}/metrics`);
        expect(none.status, base).toBe(401);
        expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
        expect((await fetch(`${base}/metrics`, { headers: { authorization: `Basic ${METRICS_TOKEN}` } })).status).toBe(401);
        expect(await scrape(base)).toContain('gongkai_http_requests_total');
      }
      // The internal listener serves nothing else.
      expect((await fetch(`${internal}/graphql`, { method: 'POST', body: '{}' })).status).toBe(404);
    });

    it('counts requests by operation and errors by code', async () => {
      const before = await scrape(service.url);
      const ops = { operation: 'CountedList', kind: 'query' };
      const expectedBefore = sample(before, 'gongkai_graphql_requests_total', ops) ?? 0;
      const validation = sample(before, 'gongkai_request_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' }) ?? 0;
      const notFound = sample(before, 'gongkai_request_errors_total', { code: 'NOT_FOUND' }) ?? 0;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await post(service, JSON.stringify({ query: 'query CountedList { releases(first: 1) { totalCount } }' }))).headers.get('x-request-id')!);
      ids.push((await post(service, JSON.stringify({ query: 'query Broken { noSuchField }' }))).headers.get('x-request-id')!);
      ids.push((await fetch(`${service.url}/nowhere`)).headers.get('x-request-id')!);
      // Counted when each response closes, as its log line is written.
      for (const id of ids) await accessLine(service, id);

      const after = await scrape(service.url);
      expect(sample(after, 'gongkai_graphql_requests_total', ops)).toBe(expectedBefore + 3);
      expect(sample(after, 'gongkai_graphql_request_duration_seconds_count', ops)).toBe(expectedBefore + 3);
      expect(sample(after, 'gongkai_graphql_requests_total', { operation: 'none', kind: 'none' })).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'gongkai_request_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(validation + 1);
      expect(sample(after, 'gongkai_request_errors_total', { code: 'NOT_FOUND' })).toBe(notFound + 1);
      expect(sample(after, 'gongkai_http_requests_total', { route: 'other', method: 'GET', status: '404' })).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'gongkai_http_requests_total', { route: '/graphql', method: 'POST', status: '200' })).toBeGreaterThanOrEqual(3);
    });

    it('reports database pools, event-loop lag and memory', async () => {
      // A connection held open meanwhile is one the scrape must see busy.
      const held = await service.service.db.pool.connect();
      let text: string;
      try {
        text = await scrape(service.url);
      } finally {
        held.release();
      }
      // The harness gives PostgreSQL test databases pools of 5.
      expect(sample(text, 'gongkai_db_pool_max', { pool: 'app' })).toBe(databaseLabel === 'PostgreSQL' ? 5 : service.config.dbPoolMax);
      expect(sample(text, 'gongkai_db_pool_connections', { pool: 'app', state: 'busy' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'gongkai_db_pool_connections', { pool: 'app', state: 'idle' })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'gongkai_db_pool_waiting', { pool: 'app' })).toBe(0);
      expect(sample(text, 'gongkai_db_pool_max', { pool: 'jobs' })).toBeGreaterThan(0);
      expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    });

    it('reports the job queue depth and the jobs that failed', async () => {
      const schema = service.config.jobs.schema;
      const before = await scrape(service.url);
      const scheduled = sample(before, 'gongkai_job_queue_jobs', { state: 'scheduled' }) ?? 0;
      const failed = sample(before, 'gongkai_job_queue_jobs', { state: 'failed' }) ?? 0;
      const task = { task: 'publish_scheduled_release' };
      const failures = sample(before, 'gongkai_jobs_failed_total', task) ?? 0;
      const errors = sample(before, 'gongkai_job_attempts_total', { ...task, outcome: 'error' }) ?? 0;

      await service.service.db.pool.query(`SELECT "${schema}".add_job('cleanup_expired_records', '{}'::json, run_at => now() + interval '1 day', job_key => 'observability-later')`);
      // A payload without a release id fails its only attempt.
      await service.service.db.pool.query(`SELECT "${schema}".add_job('publish_scheduled_release', '{}'::json, max_attempts => 1)`);

      const after = await pollUntil('the failed job counted', async () => {
        const text = await scrape(service.url);
        return (sample(text, 'gongkai_jobs_failed_total', task) ?? 0) > failures && (sample(text, 'gongkai_job_queue_jobs', { state: 'failed' }) ?? 0) > failed ? text : null;
      });
      expect(sample(after, 'gongkai_job_queue_jobs', { state: 'scheduled' })).toBe(scheduled + 1);
      expect(sample(after, 'gongkai_job_queue_jobs', { state: 'failed' })).toBe(failed + 1);
      expect(sample(after, 'gongkai_jobs_failed_total', task)).toBe(failures + 1);
      expect(sample(after, 'gongkai_job_attempts_total', { ...task, outcome: 'error' })).toBe(errors + 1);
    });
  });
});

describe(`Observability in production (${databaseLabel})`, () => {
  let production: TestService;

  beforeAll(async () => {
    production = await startTestService({ captureLogs: true, env: { NODE_ENV: 'production', METRICS_PORT: '0' } });
  });
  afterAll(async () => {
    await production?.stop();
  });

  it('writes access-log lines and serves /metrics on the internal loopback listener only', async () => {
    const res = await post(production, JSON.stringify({ query: 'query ProductionList { releases(first: 1) { totalCount } }' }));
    expect(res.status).toBe(200);
    expect(await accessLine(production, res.headers.get('x-request-id')!)).toMatchObject({ status: 200, operation: 'ProductionList', kind: 'query', viewer: 'anonymous' });

    // No token configured: the main port has no /metrics at all.
    expect((await fetch(`${production.url}/metrics`)).status).toBe(404);
    const internal = production.service.app.metricsUrl!;
    expect(internal).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const text = await scrape(internal, undefined);
    expect(sample(text, 'gongkai_graphql_requests_total', { operation: 'ProductionList', kind: 'query' })).toBe(1);
  });
});

describe('Observability of the production server process (npm start, NODE_ENV=production, embedded database)', () => {
  it('writes access-log lines to stdout and serves /metrics on its internal listener', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gongkai-observability-'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key === 'TEST_DATABASE_URL') delete env[key];
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...env, NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', METRICS_PORT: '0', LOG_LEVEL: 'info', SHUTDOWN_DELAY_MS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    let running = true;
    void exited.then(() => (running = false));
    // Complete lines only (the last may still be arriving), and only pino's JSON ones.
    const lines = () =>
      out
        .split('\n')
        .slice(0, -1)
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Line];
          } catch {
            return [];
          }
        });
    try {
      const listening = await pollUntil('the server listening', async () => {
        if (!running) throw new Error(`server exited:\n${out}`);
        return lines().find((l) => l.msg === 'gongkai: listening');
      });
      expect(listening.metrics).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const url = String(listening.url);
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query ProcessList { domains { totalCount } }' }) });
      expect(res.status).toBe(200);
      const requestId = res.headers.get('x-request-id');
      const line = await pollUntil('the access-log line on stdout', async () => lines().find((l) => l.msg === 'http: request' && l.requestId === requestId));
      expect(line).toMatchObject({ status: 200, operation: 'ProcessList', kind: 'query', viewer: 'anonymous' });
      const metrics = await fetch(String(listening.metrics));
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(sample(text, 'gongkai_graphql_requests_total', { operation: 'ProcessList', kind: 'query' })).toBe(1);
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      if (running) proc.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('Observability: settings', () => {
  const env = (extra: Record<string, string>) => ({ JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: '/nonexistent-unused', ...extra });

  it('serves metrics on 127.0.0.1:9464 by default in production, nowhere by default elsewhere', () => {
    expect(loadConfig(env({ NODE_ENV: 'production' })).metrics).toEqual({ token: undefined, port: 9464, host: '127.0.0.1' });
    expect(loadConfig(env({ NODE_ENV: 'test' })).metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
    expect(loadConfig(env({ NODE_ENV: 'production', METRICS_PORT: 'off' })).metrics.port).toBeUndefined();
  });

  it('never serves metrics beyond loopback without a token, and refuses short tokens', () => {
    expect(() => loadConfig(env({ NODE_ENV: 'production', METRICS_HOST: '0.0.0.0' }))).toThrow(ConfigError);
    expect(loadConfig(env({ NODE_ENV: 'production', METRICS_HOST: '0.0.0.0', METRICS_TOKEN })).metrics.host).toBe('0.0.0.0');
    expect(() => loadConfig(env({ METRICS_TOKEN: 'short' }))).toThrow(/METRICS_TOKEN must be at least 16 bytes/);
    expect(() => loadConfig(env({ PORT: '4000', METRICS_PORT: '4000' }))).toThrow(/METRICS_PORT must differ from PORT/);
  });

  it('turns tracing on only with an OTLP endpoint', () => {
    expect(loadConfig(env({})).tracing.enabled).toBe(false);
    const on = loadConfig(env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).tracing;
    expect(on).toMatchObject({ enabled: true, otlpTracesUrl: 'http://collector:4318/v1/traces', serviceName: 'gongkai', sampleRatio: 1 });
    expect(loadConfig(env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).tracing.enabled).toBe(false);
    expect(() => loadConfig(env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER_ARG: '2' }))).toThrow(ConfigError);
  });

  it('bounds operation-name labels: malformed names are "invalid", names past the cap "other"', () => {
    const cap = new LabelCap(3);
    expect(['A', 'B', 'C', 'D', 'A'].map((n) => cap.label(n, 'unnamed'))).toEqual(['A', 'B', 'C', 'other', 'A']);
    expect(cap.label(null, 'unnamed')).toBe('unnamed');
    expect(cap.label('not a name', 'unnamed')).toBe('invalid');
    expect(cap.label('x'.repeat(65), 'unnamed')).toBe('invalid');
  });
});
