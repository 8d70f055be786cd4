// The public response cache across instances (issue 11, item 7 and its Done-when): two service
// instances on one PostgreSQL database, instance B serving a release from its cache, instance A
// withdrawing it through the GraphQL workflow — B stops serving it within 1 s of the commit,
// with Redis (its shared tier and generation counter) and without it (LISTEN/NOTIFY alone), and
// with Redis configured but unreachable. Redis is TEST_REDIS_URL (default redis://127.0.0.1:6379):
// unreachable, its tests fail under CI and are skipped otherwise.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbIdOf } from './actors.js';
import { databaseLabel, startTestService, testDatabaseUrl, type TestService } from './harness.js';
import { get, getPath, METRICS_TOKEN, metric } from './http-helpers.js';
import { fixture, mutateOk, releaseIn, sleepMs, type Fixture } from './workflow-helpers.js';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Whether a Redis answers PING at `url` (a raw RESP exchange: no client library's retries). */
function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp && process.env.CI) throw new Error(`public-cache test: no Redis answers at ${REDIS_URL} (set TEST_REDIS_URL; .ci/run starts one)`);
if (!redisUp) console.warn(`public-cache test: no Redis at ${REDIS_URL}; the tests that need it are skipped (under CI=1 they fail)`);

const LIST = `query Newest { releases(first: 30) { totalCount edges { node { id title } } } }`;
const listPath = getPath(LIST);
const idsOf = (r: { body: any }): string[] => r.body.data.releases.edges.map((e: { node: { id: string } }) => e.node.id);
const hitsOf = (s: TestService, result: 'memory_hit' | 'redis_hit' | 'miss') => metric(s, 'gongkai_public_response_cache_lookups_total', { result });

/**
 * Instance A withdraws a release that instance B has been serving from its cache; returns how
 * long B went on serving it, measured from a moment no later than the withdrawal's commit.
 */
async function withdrawAndWatch(a: TestService, b: TestService, fx: Fixture): Promise<number> {
  const release = await releaseIn(fx, 'PUBLISHED');
  // B serves it, the second time from its own cache (B heard of the publication by then: the first answer shows it).
  const first = await get(b, listPath);
  expect(first.status, first.text).toBe(200);
  expect(idsOf(first)).toContain(release.id);
  const hits = await hitsOf(b, 'memory_hit');
  const cached = await get(b, listPath);
  expect(cached.text).toBe(first.text);
  expect(await hitsOf(b, 'memory_hit')).toBe(hits + 1);

  const sentAt = Date.now();
  await mutateOk(a, fx.reviewer, 'withdraw', { id: release.id, reason: '内容有误，撤回更正' });
  // The outbox row is written in the withdrawal's transaction: its time is before the commit too.
  const event = await a.service.db.prisma.outboxEvent.findFirstOrThrow({ where: { aggregateId: dbIdOf(release.id) }, orderBy: { sequence: 'desc' }, select: { occurredAt: true, topic: true } });
  expect(event.topic).toMatch(/withdrawn/);
  const notAfterCommit = Math.max(sentAt, event.occurredAt.getTime());
  // Poll B every 10 ms until the withdrawn release is gone from its answer.
  for (;;) {
    const r = await get(b, listPath);
    expect(r.status, r.text).toBe(200);
    if (!idsOf(r).includes(release.id)) return Date.now() - notAfterCommit;
    if (Date.now() - notAfterCommit > 10_000) throw new Error('instance B still serves the withdrawn release 10 s after the withdrawal');
    await sleepMs(10);
  }
}

const modes = [
  { mode: 'Redis', needsRedis: true, env: async () => ({ REDIS_URL }) },
  { mode: 'LISTEN/NOTIFY only (no Redis)', needsRedis: false, env: async () => ({}) },
  { mode: 'Redis configured but unreachable', needsRedis: false, env: async () => ({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` }) },
];

// The embedded database is one process only: two instances need a PostgreSQL server.
describe.skipIf(!testDatabaseUrl).each(modes)('Two instances on one PostgreSQL database, $mode', ({ needsRedis, env }) => {
  let a: TestService;
  let b: TestService;
  let fx: Fixture;
  const skip = needsRedis && !redisUp;

  beforeAll(async () => {
    if (skip) return;
    const settings = { METRICS_TOKEN, ...(await env()) };
    a = await startTestService({ env: settings });
    b = await startTestService({ sameDatabaseAs: a, env: { ...settings, RUN_JOBS: 'false' } });
    fx = await fixture(a);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it.skipIf(skip)('B stops serving a release within 1 s of A withdrawing it through the GraphQL workflow', async () => {
    const elapsed = await withdrawAndWatch(a, b, fx);
    console.info(`public-cache: B stopped serving the withdrawn release ${elapsed} ms after the commit (at most)`);
    expect(elapsed).toBeLessThanOrEqual(1_000);
  });

  it.skipIf(skip)('a second withdrawal right after the first is seen as promptly (purges do not wear out)', async () => {
    expect(await withdrawAndWatch(a, b, fx)).toBeLessThanOrEqual(1_000);
  });

  if (needsRedis) {
    it.skipIf(skip)("shares answers through Redis: A answers from the entry B computed, and B's ETag is A's", async () => {
      // A and B settle on the newest generation after the announcements above: retry a few fresh queries until they have.
      for (let attempt = 0; ; attempt++) {
        const path = getPath('query($n: Int!) { domains(first: $n) { totalCount edges { node { code } } } }', { n: 1 + (attempt % 7) }, { attempt: String(attempt) });
        const fromB = await get(b, path);
        expect(fromB.status, fromB.text).toBe(200);
        const before = await hitsOf(a, 'redis_hit');
        const fromA = await get(a, path);
        expect(fromA.text).toBe(fromB.text);
        expect(fromA.headers.etag).toBe(fromB.headers.etag);
        if ((await hitsOf(a, 'redis_hit')) === before + 1) break;
        if (attempt > 20) throw new Error('A never answered from the entry B put in Redis');
        await sleepMs(50);
      }
    });
  }
});

describe(`The response cache with Redis unreachable (${databaseLabel})`, () => {
  let service: TestService;
  let fx: Fixture;
  beforeAll(async () => {
    service = await startTestService({ env: { METRICS_TOKEN, REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
    fx = await fixture(service);
  });
  afterAll(() => service?.stop());

  it('answers, caches in the process and purges on a withdrawal, without an error to any client', async () => {
    const release = await releaseIn(fx, 'PUBLISHED');
    const first = await get(service, listPath);
    expect(first.status, first.text).toBe(200);
    expect(idsOf(first)).toContain(release.id);
    const hits = await hitsOf(service, 'memory_hit');
    expect((await get(service, listPath)).text).toBe(first.text);
    expect(await hitsOf(service, 'memory_hit')).toBe(hits + 1);
    expect(await hitsOf(service, 'redis_hit')).toBe(0);
    await mutateOk(service, fx.reviewer, 'withdraw', { id: release.id, reason: '内容有误，撤回更正' });
    const after = await get(service, listPath);
    expect(after.status, after.text).toBe(200);
    expect(idsOf(after)).not.toContain(release.id);
  });
});
