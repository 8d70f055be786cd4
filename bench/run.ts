// npm run bench — throughput of the public release list, printed as figures and as ratios
// against baselines measured in the same run (never as pass/fail timings):
//   raw      graphql-js executing the bare Pothos schema in-process (no permissions, no HTTP)
//   shield   the same with the graphql-shield layer applied          → cost of field rules
//   http     the full server over HTTP (Apollo, armor, cost limit)     → cost of the transport
// Uses the embedded database in a temporary folder unless DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execute, parse } from 'graphql';
import { anonymousViewer } from '../src/auth/viewer.js';
import { boot } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import type { Context } from '../src/context.js';
import { createJobQueue } from '../src/jobs/job-queue.js';
import { createLogger } from '../src/logger.js';
import { baseSchema } from '../src/graphql/schema.js';
import { applyPermissions } from '../src/permissions/shield.js';

const PAGE = Number(process.env.BENCH_PAGE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const EXTRA_RELEASES = Number(process.env.BENCH_RELEASES ?? 500);

const QUERY = `query Bench($first: Int) {
  releases(first: $first) {
    totalCount
    edges { node { id indexNo title docNo publishedAt stage summary keywords publishedOnTime
      publisher { name code }
      matter { name code domain { code name } standard { responsibleText timeLimit { text amount unit } requiredChannels } } } }
  }
}`;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-'));
const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', RUN_JOBS: 'false', MAX_QUERY_COST: '10000000' });
const service = await boot({ config, logger: createLogger('silent') });
const db = service.db.prisma;

// More published releases, so every page is full and counts are realistic.
const [matters, orgs] = await Promise.all([
  db.matter.findMany({ where: { level: 2 }, select: { id: true } }),
  db.orgUnit.findMany({ select: { id: true, code: true } }),
]);
const now = Date.now();
await db.release.createMany({
  data: Array.from({ length: EXTRA_RELEASES }, (_, i) => ({
    matterId: matters[i % matters.length]!.id,
    publisherId: orgs[i % orgs.length]!.id,
    status: 'PUBLISHED' as const,
    title: `基准测试公开信息 ${i}`,
    stage: 'RESULT' as const,
    bodyHtml: '<p>基准测试正文。</p>',
    bodyText: '基准测试正文。',
    summary: '基准测试正文。',
    targetChannels: ['WEBSITE' as const],
    keywords: ['基准'],
    publishedAt: new Date(now - i * 60_000),
    firstPublishedAt: new Date(now - i * 60_000),
    indexNo: `${orgs[i % orgs.length]!.code}/209901-${String(i + 1).padStart(5, '0')}`,
    indexYear: 2099,
    indexSerial: i + 1,
  })),
});

// Fresh statistics, as autovacuum would have them in production.
await db.$executeRawUnsafe('ANALYZE');

const document = parse(QUERY);
const context = (): Context => ({
  db,
  config,
  viewer: anonymousViewer,
  now: new Date(),
  requestId: 'bench',
  clientAddress: '127.0.0.1',
  logger: createLogger('silent'),
  jobs: createJobQueue(config.jobs.schema),
});
const shielded = applyPermissions(baseSchema);

async function measure(name: string, once: () => Promise<void>): Promise<{ name: string; perSecond: number; p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await once(); // warm-up: plans, JIT, pools
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await once();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    name,
    perSecond: latencies.length / SECONDS,
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p95: latencies[Math.floor(latencies.length * 0.95)]!,
  };
}

const check = (result: { errors?: readonly unknown[]; data?: unknown }) => {
  if (result.errors?.length) throw new Error(`bench: query failed: ${JSON.stringify(result.errors)}`);
};

const heapBefore = process.memoryUsage().heapUsed;
const raw = await measure('raw (graphql-js, no permissions)', async () =>
  check(await execute({ schema: baseSchema, document, variableValues: { first: PAGE }, contextValue: context() })),
);
const shield = await measure('shield (graphql-js + permissions)', async () =>
  check(await execute({ schema: shielded, document, variableValues: { first: PAGE }, contextValue: context() })),
);
const http = await measure('http (full server)', async () => {
  const res = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables: { first: PAGE } }),
  });
  check((await res.json()) as { errors?: unknown[] });
});
const heapAfter = process.memoryUsage().heapUsed;

console.log(`\nGongkai benchmark — releases(first: ${PAGE}) with publisher, matter, domain and standard; ${CONCURRENCY} concurrent, ${SECONDS} s each, ${service.db.kind} database\n`);
console.log('scenario                               req/s     p50 ms   p95 ms   vs raw');
for (const r of [raw, shield, http]) {
  console.log(`${r.name.padEnd(38)} ${r.perSecond.toFixed(1).padStart(7)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}   ${(r.perSecond / raw.perSecond).toFixed(2)}×`);
}
console.log(`\nshield overhead: ${((1 - shield.perSecond / raw.perSecond) * 100).toFixed(0)}% of raw throughput; HTTP + Apollo: ${((1 - http.perSecond / shield.perSecond) * 100).toFixed(0)}% of shield throughput`);
console.log(`heap: ${(heapBefore / 2 ** 20).toFixed(0)} MiB before, ${(heapAfter / 2 ** 20).toFixed(0)} MiB after; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB\n`);

await service.stop();
rmSync(dataDir, { recursive: true, force: true });
