// HTTP behaviour of the service (in-process, through the harness) and the behaviour of the real
// `npm start` process (src/server.ts in a child process): first start, the data-folder lock,
// graceful shutdown with a request in flight, restart without loss, and — with a PostgreSQL
// server — two instances starting at once on one empty database.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirHolder } from '../src/db/data-dir-lock.js';
import { migrationsDir } from '../src/db/migrations.js';
import { sampleReleases } from '../src/seed/data/sample-releases.js';
import { databaseLabel, startTestService, testDatabaseUrl, type TestService } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '..');

// ---- helpers ---------------------------------------------------------------------------------

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

/** One request on its own connection; `chunks` are written one after the other (chunked when no content-length). */
function rawRequest(
  url: string,
  { method = 'GET', headers = {}, chunks = [] }: { method?: string; headers?: Record<string, string>; chunks?: string[] } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const payload = JSON.stringify(body);
  return rawRequest(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)), ...headers },
    chunks: [payload],
  });
};

/** Every error of a response: no stack trace anywhere, and (as the service promises) a requestId. */
function errorsOf(r: RawResponse): { message: string; extensions?: Record<string, unknown> }[] {
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  expect(Array.isArray(r.json?.errors)).toBe(true);
  expect(r.text).not.toMatch(/stacktrace|    at /);
  return r.json.errors;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Child {
  proc: ChildProcess;
  pid: number;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
}

const children = new Set<Child>();

/** `npm start`, as a real process: node --import tsx src/server.ts (or `nodeArgs` instead). */
async function startServer(env: Record<string, string>, nodeArgs = ['--import', 'tsx', 'src/server.ts']): Promise<Child> {
  const port = await freePort();
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key === 'TEST_DATABASE_URL') delete base[key];
  const proc = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: { ...base, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'info', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const child: Child = { proc, pid: proc.pid!, url: `http://127.0.0.1:${port}`, output: () => out, exited, hasExited: () => done };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

async function waitReady(child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new Error(`server exited before it was ready:\n${child.output()}`);
    try {
      const res = await fetch(`${child.url}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${child.output()}`);
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

async function counts(url: string): Promise<{ domains: number; releases: number }> {
  const r = await postJson(url, { query: '{ domains { totalCount } releases { totalCount } }' });
  expect(r.status, r.text).toBe(200);
  expect(r.json.errors, r.text).toBeUndefined();
  return { domains: r.json.data.domains.totalCount, releases: r.json.data.releases.totalCount };
}

function connectionRefused(url: string): Promise<boolean> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}


// ---- the real process, embedded database -----------------------------------------------------
// Started first (in beforeAll, not awaited) so its first start — initdb, migrations, seed —
// overlaps the in-process HTTP tests below.

let dataDir: string;
let first: Child;
let firstReady: Promise<void>;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'gongkai-data-'));
  first = await startServer({ DATA_DIR: dataDir });
  firstReady = waitReady(first, 200_000);
  firstReady.catch(() => {}); // awaited (and reported) by the first process test
});

afterAll(async () => {
  // Children this file started and that still run (after a failed test): kill them by pid,
  // then remove their data folder.
  for (const child of children) {
    child.proc.kill('SIGKILL');
    await child.exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// ---- in-process HTTP behaviour ---------------------------------------------------------------

describe(`HTTP (${databaseLabel})`, () => {
  // One service (one embedded database boot) for all of these; its body limit is lowered to
  // 2000 bytes, which every other request here stays well under.
  let s: TestService;
  let small: TestService;

  beforeAll(async () => {
    s = await startTestService({ seed: false, env: { MAX_BODY_BYTES: '2000' } });
    small = s;
    expect(s.config.maxBodyBytes).toBe(2000);
  });

  afterAll(async () => {
    await s?.stop();
  });

  it('GET /healthz → 200 {status: "ok"}', async () => {
    const r = await rawRequest(`${s.url}/healthz`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.json).toEqual({ status: 'ok' });
  });

  it('GET /readyz → 200 {status: "ready"} once migrated', async () => {
    const r = await rawRequest(`${s.url}/readyz`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: 'ready' });
  });

  it('answers an unknown path with a 404 JSON error', async () => {
    const r = await rawRequest(`${s.url}/no/such/path`);
    expect(r.status).toBe(404);
    const [error] = errorsOf(r);
    expect(error!.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers invalid JSON with 400 BAD_REQUEST', async () => {
    const r = await rawRequest(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      chunks: ['{"query": "{ __typename }"'],
    });
    expect(r.status).toBe(400);
    const [error] = errorsOf(r);
    expect(error!.extensions?.code).toBe('BAD_REQUEST');
    expect(error!.extensions?.requestId).toEqual(expect.any(String));
    expect(error!.message).not.toMatch(/Unexpected|position|JSON\.parse/);
  });

  it('answers a body larger than MAX_BODY_BYTES with 413, declared or streamed', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3000) } });
    const declared = await postJson(small.url, JSON.parse(big));
    expect(declared.status).toBe(413);
    expect(errorsOf(declared)[0]!.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    // Without content-length (chunked), the limit is enforced while reading.
    const streamed = await rawRequest(`${small.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      chunks: [big.slice(0, 1500), big.slice(1500)],
    });
    expect(streamed.status).toBe(413);
    expect(errorsOf(streamed)[0]!.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    // Just under the limit is fine.
    const ok = await postJson(small.url, { query: '{ __typename }', variables: { pad: 'x'.repeat(1500) } });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ data: { __typename: 'Query' } });
  });

  // Issue 11: credentials travel only in the Authorization header, so a plain GET query (which
  // can only be a query) is no forgery: it is served without a preflight header. POSTs with a
  // content type a cross-site form can send stay refused (src/http/transport.ts).
  it('serves a GET query without a preflight header, blocks a text/plain POST as CSRF, and serves POST application/json', async () => {
    const plainGet = await rawRequest(`${s.url}/graphql?query=${encodeURIComponent('{__typename}')}`);
    expect(plainGet.status).toBe(200);
    expect(plainGet.json).toEqual({ data: { __typename: 'Query' } });
    // A simple (CORS-safelisted) content type is blocked.
    const textPlain = await rawRequest(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      chunks: [JSON.stringify({ query: '{__typename}' })],
    });
    expect(textPlain.status).toBe(400);
    expect(textPlain.json?.data).toBeUndefined();
    expect(errorsOf(textPlain)[0]!.message).toMatch(/Cross-Site Request Forgery/);
    // With Apollo's preflight header, a GET query runs just the same.
    const preflighted = await rawRequest(`${s.url}/graphql?query=${encodeURIComponent('{__typename}')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
    expect(preflighted.json).toEqual({ data: { __typename: 'Query' } });
    const post = await postJson(s.url, { query: '{__typename}' });
    expect(post.status).toBe(200);
    expect(post.json).toEqual({ data: { __typename: 'Query' } });
  });

  it('rejects a batched (array) body without executing it', async () => {
    const r = await postJson(s.url, [{ query: '{__typename}' }, { query: '{__typename}' }]);
    expect(r.status).toBe(400);
    expect(Array.isArray(r.json)).toBe(false);
    expect(r.json?.data).toBeUndefined();
    errorsOf(r);
  });

  it('never sends a stack trace, and stamps the requestId on GraphQL errors', async () => {
    for (const query of ['{ noSuchField }', 'query($c: String!) { domain(code: $c) { id } }', '{ domain(code: 1) { id } }']) {
      const r = await postJson(s.url, { query, variables: { c: 5 } });
      expect(r.status, query).toBe(400);
      for (const error of errorsOf(r)) {
        expect(error.extensions?.stacktrace, query).toBeUndefined();
        expect(error.extensions?.requestId, query).toBe(r.headers['x-request-id']);
      }
    }
  });

  it("echoes a valid client x-request-id, in the header and in the errors, and replaces an invalid one", async () => {
    const ok = await postJson(s.url, { query: '{__typename}' }, { 'x-request-id': 'abc12345-test' });
    expect(ok.headers['x-request-id']).toBe('abc12345-test');
    const failed = await postJson(s.url, { query: '{ noSuchField }' }, { 'x-request-id': 'abc12345-test' });
    expect(errorsOf(failed)[0]!.extensions?.requestId).toBe('abc12345-test');
    const invalid = await postJson(s.url, { query: '{__typename}' }, { 'x-request-id': 'bad id\twith spaces' });
    expect(invalid.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const tooShort = await postJson(s.url, { query: '{__typename}' }, { 'x-request-id': 'abc' });
    expect(tooShort.headers['x-request-id']).not.toBe('abc');
  });

  // Errors Apollo raises before the operation runs (CSRF, batching) never reach the logging
  // plugin, and other routes are ours: every one must still carry the request id.
  it('stamps extensions.requestId and x-request-id on every error response (404, CSRF, batching, too large)', async () => {
    const responses = {
      notFound: await rawRequest(`${s.url}/nope`, { headers: { 'x-request-id': 'abc12345-404' } }),
      csrf: await rawRequest(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-request-id': 'abc12345-csrf' }, chunks: ['{"query":"{__typename}"}'] }),
      batch: await postJson(s.url, [{ query: '{__typename}' }], { 'x-request-id': 'abc12345-batch' }),
      tooLarge: await postJson(small.url, { query: '{__typename}', pad: 'x'.repeat(3000) }, { 'x-request-id': 'abc12345-413' }),
    };
    const missing = Object.entries(responses)
      .filter(([, r]) => errorsOf(r).some((e) => typeof e.extensions?.requestId !== 'string') || !r.headers['x-request-id'])
      .map(([k]) => k);
    expect(missing).toEqual([]);
  });

  // A malformed document is the client's fault: 400 GRAPHQL_PARSE_FAILED with a request id (the
  // token limit is checked in the real process below, whose body limit admits such a document).
  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED, not 500', async () => {
    const syntax = await postJson(s.url, { query: '{ domains { totalCount ' });
    const [error] = errorsOf(syntax);
    expect({ status: syntax.status, code: error!.extensions?.code }).toEqual({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    expect(typeof error!.extensions?.requestId).toBe('string');
  });

  it('keeps the codes of Apollo-raised errors (validation, CSRF, batching)', async () => {
    const validation = await postJson(s.url, { query: '{ noSuchField }' });
    expect(errorsOf(validation)[0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorsOf(validation)[0]!.message).toMatch(/noSuchField/);
    const csrf = await rawRequest(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, chunks: ['{"query":"{__typename}"}'] });
    expect(errorsOf(csrf)[0]!.extensions?.code).toBe('BAD_REQUEST');
    expect(errorsOf(csrf)[0]!.message).toMatch(/Cross-Site Request Forgery/);
    const batch = await postJson(s.url, [{ query: '{__typename}' }]);
    expect(errorsOf(batch)[0]!.extensions?.code).toBe('BAD_REQUEST');
  });
});

// ---- the real process -----------------------------------------------------------------------

// An address that keeps sending refused requests is answered 429 before its body is read; the
// server here trusts one proxy, so each test speaks from an address of its own (X-Forwarded-For).
describe(`the refusal throttle over HTTP (${databaseLabel})`, () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService({ seed: false, env: { REFUSAL_BUDGET_PER_MINUTE: '6', TRUSTED_PROXIES: '1' } });
  });
  afterAll(async () => {
    await s?.stop();
  });
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const brokenJson = (address: string, size = 0) =>
    rawRequest(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...from(address) }, chunks: [`{"query": "${'x'.repeat(size)}`] });

  it('answers 429 with Retry-After once an address has spent its budget of refusals, and only that address', async () => {
    for (let i = 0; i < 20; i++) expect((await postJson(s.url, { query: '{ __typename }' }, from('203.0.113.10'))).status).toBe(200);
    for (let i = 0; i < 6; i++) expect((await brokenJson('203.0.113.10')).status).toBe(400);
    const askedAt = performance.now();
    const refused = await postJson(s.url, { query: '{ __typename }' }, from('203.0.113.10'));
    expect(refused.status).toBe(429);
    // The 429 comes after a pause (a client looping on refusals is slowed to one a second).
    expect(performance.now() - askedAt).toBeGreaterThanOrEqual(990);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    const [error] = errorsOf(refused);
    expect(error!.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: Number(refused.headers['retry-after']) });
    // Its bodies are no longer even parsed: broken JSON is not a 400 any more — and a client
    // still sending a large one receives the 429, not a reset connection.
    expect((await brokenJson('203.0.113.10')).status).toBe(429);
    expect((await brokenJson('203.0.113.10', 900_000)).status).toBe(429);
    // Past the body limit too (up to four times it): what a fuzzer or a broken client sends.
    expect((await brokenJson('203.0.113.10', 2_500_000)).status).toBe(429);
    // Health checks and other addresses are served as before.
    expect((await rawRequest(`${s.url}/readyz`)).status).toBe(200);
    expect((await postJson(s.url, { query: '{ __typename }' }, from('203.0.113.11'))).status).toBe(200);
  });

  it('charges a large refused body by its size: one of 400 KB spends the budget of six', async () => {
    expect((await brokenJson('203.0.113.20', 400_000)).status).toBe(400);
    expect((await postJson(s.url, { query: '{ __typename }' }, from('203.0.113.20'))).status).toBe(429);
  });

  it('counts GraphQL refusals (a list past its cap), not answers with errors in them', async () => {
    const address = '203.0.113.30';
    // Errors inside a 200 answer (a typed error, a field the caller may not read) are not refusals.
    for (let i = 0; i < 10; i++) {
      expect((await postJson(s.url, { query: 'mutation { login(input: { username: "nobody.at.all", password: "wrong-password-123" }) { __typename } }' }, from(`${address.slice(0, -1)}${i % 2}`))).status).toBe(200);
    }
    const ids = Array.from({ length: 101 }, (_, i) => Buffer.from(`Release:${i}`).toString('base64url'));
    for (let i = 0; i < 6; i++) {
      const r = await postJson(s.url, { query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } }, from(address));
      expect(r.status).toBe(400);
      expect(errorsOf(r)[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await postJson(s.url, { query: '{ __typename }' }, from(address))).status).toBe(429);
  });
});

describe('npm start (src/server.ts) on the embedded database', () => {
  let initial: { domains: number; releases: number };
  let inFlight: Promise<RawResponse> | undefined;
  let exitOfFirst: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let third: Child | undefined;

  it('first start migrates, seeds and becomes ready', { timeout: 240_000 }, async () => {
    await firstReady;
    initial = await counts(first.url);
    expect(initial.domains).toBe(8);
    expect(initial.releases).toBeGreaterThan(0);
    expect(first.output()).toMatch(/migrations applied/);
    expect(first.output()).toMatch(/seed: reference data/);
    expect(await dataDirHolder(dataDir)).toBe(first.pid);
  });

  it('real runtime: Apollo-raised errors keep their codes and carry no stack trace', async () => {
    const validation = await postJson(first.url, { query: '{ noSuchField }' });
    expect(validation.status).toBe(400);
    const [error] = errorsOf(validation);
    expect(error!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error!.extensions?.requestId).toBe(validation.headers['x-request-id']);
    const csrf = await rawRequest(`${first.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, chunks: ['{"query":"{__typename}"}'] });
    expect(csrf.status).toBe(400);
    expect(errorsOf(csrf)[0]!.extensions?.code).toBe('BAD_REQUEST');
  });

  it('real runtime: refuses a token bomb (over 2000 tokens) with 400 GRAPHQL_PARSE_FAILED before executing it', async () => {
    const bomb = await postJson(first.url, { query: `{ ${'__typename '.repeat(2100)}}` });
    const [error] = errorsOf(bomb);
    expect({ status: bomb.status, code: error!.extensions?.code }).toEqual({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    expect(error!.message).toMatch(/token/i);
    // Just under the limit passes the parser (graphql-js validation may still refuse such a
    // pathological document on its own grounds, but not as a parse failure).
    const under = await postJson(first.url, { query: `{ ${'__typename '.repeat(1900)}}` });
    expect(errorsOf(under).map((e) => e.extensions?.code)).not.toContain('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a second process on the same DATA_DIR: exit code ≠ 0, naming the folder in use', { timeout: 240_000 }, async () => {
    const second = await startServer({ DATA_DIR: dataDir });
    const { code } = await withTimeout(second.exited, 180_000, 'second process');
    expect(code).not.toBe(0);
    expect(second.output()).toContain(dataDir);
    expect(second.output()).toMatch(new RegExp(`is in use by process ${first.pid}`));
    // The first one is unharmed and still owns the folder.
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    expect(await dataDirHolder(dataDir)).toBe(first.pid);
  });

  it('on SIGTERM, finishes a request that is in flight with 200', { timeout: 240_000 }, async () => {
    // The request is in flight when the signal arrives: the server has parsed its headers (it
    // answered "100 Continue") and has half of its body; the rest follows while it drains.
    const body = JSON.stringify({ query: '{ domains { totalCount } releases(first: 100) { totalCount edges { node { title bodyHtml } } } }' });
    const half = Math.floor(body.length / 2);
    let req!: http.ClientRequest;
    inFlight = new Promise<RawResponse>((resolve, reject) => {
      req = http.request(
        `${first.url}/graphql`,
        {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), expect: '100-continue' },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
    });
    inFlight.catch(() => {});
    const continued = new Promise<void>((resolve) => req.once('continue', () => resolve()));
    req.flushHeaders();
    await withTimeout(continued, 60_000, '100 Continue');
    req.write(body.slice(0, half));
    first.proc.kill('SIGTERM');
    // The rest of the body follows once the server is draining (it logs so), not after a guess.
    while (!/stopping \(finishing in-flight requests\)/.test(first.output())) await sleep(20);
    req.end(body.slice(half));
    const r = await withTimeout(inFlight, 60_000, 'in-flight request');
    expect(r.status, r.text).toBe(200);
    expect(r.json.errors).toBeUndefined();
    expect(r.json.data.domains.totalCount).toBe(8);
    expect(r.json.data.releases.totalCount).toBe(initial.releases);
    // The server was draining: it closes the connection after this response.
    expect(r.headers.connection).toBe('close');
  });

  it('then exits within a minute, and new connections are refused', { timeout: 240_000 }, async () => {
    exitOfFirst = await withTimeout(first.exited, 60_000, 'exit after SIGTERM');
    expect(exitOfFirst.signal).toBeNull();
    expect(await connectionRefused(first.url)).toBe(true);
  });

  // Apollo's own signal handlers (on by default outside NODE_ENV=test) would re-raise the signal
  // after draining, and the process would die before closing the embedded database.
  it('exits with code 0 after SIGTERM, having closed the database and released the data-folder lock', async () => {
    expect(exitOfFirst).toBeDefined();
    expect(/second signal, exiting now/.test(first.output()), 'server.ts logged "second signal, exiting now"').toBe(false);
    expect(exitOfFirst!.code).toBe(0);
    expect(/gongkai: stopped/.test(first.output()), 'server.ts logged "gongkai: stopped"').toBe(true);
    expect(await dataDirHolder(dataDir)).toBeNull();
  });

  it('restarts on the same DATA_DIR with the same data and without migrating or seeding again', { timeout: 240_000 }, async () => {
    third = await startServer({ DATA_DIR: dataDir });
    await waitReady(third, 200_000);
    expect(await counts(third.url)).toEqual(initial);
    expect(third.output()).not.toMatch(/seed:/);
    expect(third.output()).not.toMatch(/migrations applied/);
    expect(await dataDirHolder(dataDir)).toBe(third.pid);
  });

  // Row 14 of the hardening issue: the lock is the operating system's, so a holder killed with
  // SIGKILL leaves nothing behind that blocks the next start, and no file can fake a holder.
  it('starts at once after its predecessor was killed with SIGKILL, with the data it had acknowledged', { timeout: 240_000 }, async () => {
    expect(third).toBeDefined();
    const marker = await postJson(third!.url, { query: '{ domains { totalCount } }' });
    expect(marker.status).toBe(200);
    third!.proc.kill('SIGKILL');
    await third!.exited;
    const fourth = await startServer({ DATA_DIR: dataDir });
    await waitReady(fourth, 200_000);
    expect(await counts(fourth.url)).toEqual(initial);
    third = fourth;
  });

  it('is not blocked by a pid file of an earlier version naming a live process', { timeout: 240_000 }, async () => {
    third!.proc.kill('SIGTERM');
    await third!.exited;
    // pid 1 is always alive; the old lock trusted any live pid written in this file.
    writeFileSync(path.join(dataDir, 'gongkai.pid'), '1');
    const fifth = await startServer({ DATA_DIR: dataDir });
    await waitReady(fifth, 200_000);
    expect(await dataDirHolder(dataDir)).toBe(fifth.pid);
    expect(existsSync(path.join(dataDir, 'gongkai.pid'))).toBe(false);
    third = fifth;
  });

  it('stops on SIGINT with exit code 0', { timeout: 240_000 }, async () => {
    expect(third).toBeDefined();
    third!.proc.kill('SIGINT');
    const { code, signal } = await withTimeout(third!.exited, 60_000, 'exit after SIGINT');
    expect(signal).toBeNull();
    expect(await connectionRefused(third!.url)).toBe(true);
    expect(code).toBe(0);
  });
});

describe.skipIf(!testDatabaseUrl)('npm start: two instances on one empty PostgreSQL database', () => {
  const dbName = `gongkai_twins_${randomBytes(5).toString('hex')}`;
  let admin: pg.Client;
  let dirs: string[] = [];

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  });

  afterAll(async () => {
    if (!admin) return;
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.end();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('both come up, the migrations run once and the catalog is seeded once', { timeout: 240_000 }, async () => {
    const url = new URL(testDatabaseUrl!);
    url.pathname = `/${dbName}`;
    dirs = await Promise.all([mkdtemp(path.join(tmpdir(), 'gongkai-twin-')), mkdtemp(path.join(tmpdir(), 'gongkai-twin-'))]);
    const twins = await Promise.all(dirs.map((dir) => startServer({ DATABASE_URL: url.toString(), DATA_DIR: dir })));
    try {
      await Promise.all(twins.map((t) => waitReady(t, 200_000)));
      const [a, b] = await Promise.all(twins.map((t) => counts(t.url)));
      expect(a).toEqual(b);
      expect(a!.domains).toBe(8);

      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      try {
        const one = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
        expect(await one(`SELECT count(*) AS n FROM "Domain"`)).toBe(8);
        expect(await one(`SELECT count(*) AS n FROM "CatalogVersion"`)).toBe(1);
        expect(await one(`SELECT count(*) AS n FROM "Release"`)).toBe(sampleReleases.length);
        expect(await one(`SELECT count(*) - count(DISTINCT code) AS n FROM "Matter"`)).toBe(0);
        const migrations = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).length;
        expect(await one(`SELECT count(*) AS n FROM "_prisma_migrations"`)).toBe(migrations);
        expect(await one(`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NULL`)).toBe(0);
      } finally {
        await db.end();
      }
      // Exactly one of them seeded.
      expect(twins.filter((t) => /seed: reference data/.test(t.output()))).toHaveLength(1);
    } finally {
      for (const t of twins) t.proc.kill('SIGTERM');
      await Promise.all(twins.map((t) => withTimeout(t.exited, 60_000, 'twin exit')));
    }
  });
});

describe('npm run build && NODE_ENV=production npm start — the compiled server', () => {
  let layout: string;
  let dataDir: string;
  beforeAll(async () => {
    // A project of its own beside the real one: dist/ built there, the start script copied, the
    // folders read at run time linked; node_modules resolves from the project above.
    layout = path.join(ROOT, `.build-test-${randomBytes(4).toString('hex')}`);
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(layout, 'dist')], { cwd: ROOT, stdio: 'pipe' });
    await mkdir(path.join(layout, 'scripts'));
    await copyFile(path.join(ROOT, 'scripts/start.js'), path.join(layout, 'scripts/start.js'));
    for (const folder of ['prisma', 'playground', 'examples']) await symlink(path.join(ROOT, folder), path.join(layout, folder));
    dataDir = await mkdtemp(path.join(tmpdir(), 'gongkai-built-'));
  });
  afterAll(async () => {
    await rm(layout, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs dist/server.js with the flags of `npm start` and no TypeScript loader, serves the seeded database and stops on SIGTERM', async () => {
    const script = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    const args = /\bnode\s+(.*)$/.exec(script)![1]!.split(/\s+/);
    expect(args.slice(-2)).toEqual(['scripts/start.js', 'server']);
    expect(args).toContain('--max-old-space-size=512');
    expect(args.join(' ')).not.toMatch(/tsx/);
    args.splice(-2, 2, path.join(layout, 'scripts/start.js'), 'server');
    // METRICS_PORT off: production's fixed internal metrics port could be taken by a parallel test.
    const server = await startServer({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SHUTDOWN_DELAY_MS: '0', METRICS_PORT: 'off' }, args);
    try {
      await waitReady(server, 200_000);
      expect((await counts(server.url)).domains).toBe(8);
      // The playground's files are found from the compiled tree too.
      const loaded = await fetch(`${server.url}/playground`, { headers: { accept: 'text/html' } });
      expect(loaded.status).toBe(200);
    } finally {
      server.proc.kill('SIGTERM');
    }
    expect((await withTimeout(server.exited, 60_000, 'exit after SIGTERM')).code).toBe(0);
  });

  it('refuses to start in production without a build, saying what to run', async () => {
    const bare = path.join(ROOT, `.build-test-${randomBytes(4).toString('hex')}`);
    await mkdir(path.join(bare, 'scripts'), { recursive: true });
    try {
      await copyFile(path.join(ROOT, 'scripts/start.js'), path.join(bare, 'scripts/start.js'));
      const server = await startServer({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), METRICS_PORT: 'off' }, [path.join(bare, 'scripts/start.js'), 'server']);
      expect((await withTimeout(server.exited, 60_000, 'exit')).code).toBe(1);
      expect(server.output()).toMatch(/npm run build/);
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });
});
