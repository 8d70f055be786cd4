// npm run bench — the read path of the project's server against a hand-written baseline
// (bench/baseline-server.ts: node:http + pg, one SQL statement, the same JSON bytes), each in a
// process of its own, loaded by autocannon from this one, in interleaved rounds A/B/A/B after a
// warm-up. Prints, per scenario and data-set size, the median of the per-round throughput ratios
// with their spread, p50/p95/p99 of both, and each server's peak RSS; then the embedded database
// against PostgreSQL mode, NODE_ENV=development against production, a public GET answered from the
// response cache against the same GET uncached and a bare node:http server sending its bytes, and
// the cost of a deep page and of totalCount as the table grows.
//
//   BENCH_DATABASE_URL  PostgreSQL server for the data sets (default postgresql://postgres@127.0.0.1:5432/postgres)
//   BENCH_SIZES         published releases per data set, comma-separated (default 10000; add 1000000 — it takes minutes the first time)
//   BENCH_ROUNDS / BENCH_SECONDS / BENCH_CONNECTIONS   rounds per comparison (5), seconds per round (5), concurrent connections (8)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { countBytesFrom } from './lib/byte-counter.js';
import { embeddedDataset, postgresDataset } from './lib/dataset.js';
import { load, median, spread, type LoadResult } from './lib/load.js';
import { benchResponseCache, reportResponseCache } from './lib/response-cache.js';
import { scenarios, type Scenario } from './lib/scenarios.js';
import { buildServer, productionServer, startServerProcess, type ServerProcess } from './lib/server-process.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SIZES = (process.env.BENCH_SIZES ?? '10000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const JWT_SECRET = 'bench-only-jwt-secret-0123456789-abcdefghij';

interface Target {
  label: string;
  server: ServerProcess;
  url: string;
  body: string;
}

const gongkaiEnv = (databaseUrl: string, extra: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  JWT_SECRET,
  DATABASE_URL: databaseUrl,
  RUN_JOBS: 'false',
  SHUTDOWN_DELAY_MS: '0',
  // The bench is one address sending thousands of operations a minute: no per-operation limit.
  ANONYMOUS_OPERATIONS_PER_MINUTE: '0',
  ...extra,
});

const gongkaiTarget = (label: string, server: ServerProcess, s: Scenario): Target => ({ label, server, url: `${server.url}/graphql`, body: JSON.stringify(s.graphql) });
const baselineTarget = (server: ServerProcess, s: Scenario): Target => ({ label: 'baseline', server, url: `${server.url}/${s.baseline}`, body: JSON.stringify(s.graphql) });

async function answer(t: Target): Promise<string> {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: t.body });
  return res.text();
}

/** The two answer the same bytes, or the comparison would mean nothing. */
async function expectSameAnswer(a: Target, b: Target, name: string): Promise<void> {
  const [x, y] = await Promise.all([answer(a), answer(b)]);
  if (x === y) return;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  throw new Error(`bench: ${name}: ${a.label} and ${b.label} answer differently from byte ${i}:\n  ${a.label}: …${x.slice(Math.max(0, i - 80), i + 120)}\n  ${b.label}: …${y.slice(Math.max(0, i - 80), i + 120)}`);
}

interface Comparison {
  a: LoadResult[];
  b: LoadResult[];
  rssA: number;
  rssB: number;
}

/**
 * Waits until no statement of anyone else runs on the data set's database: a round must not
 * inherit the previous one's queries (at 1M a counting statement outlives the round that sent it).
 */
async function settle(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      if (rows[0]!.n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}

/** Rounds A/B/A/B after a warm-up of each, each on a settled database; the ratio of each round is B over A. */
async function compare(a: Target, b: Target, databaseUrl: string): Promise<Comparison> {
  const round = async (t: Target, seconds: number) => {
    await settle(databaseUrl);
    return load({ url: t.url, body: t.body, seconds, connections: CONNECTIONS });
  };
  for (const t of [a, b]) await round(t, 2);
  a.server.resetPeak();
  b.server.resetPeak();
  const results: Comparison = { a: [], b: [], rssA: 0, rssB: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    results.a.push(await round(a, SECONDS));
    results.b.push(await round(b, SECONDS));
  }
  results.rssA = a.server.peakRssMiB();
  results.rssB = b.server.peakRssMiB();
  for (const r of [...results.a, ...results.b]) if (r.errors || r.non2xx) throw new Error(`bench: ${r.errors} errors and ${r.non2xx} non-2xx answers under load`);
  return results;
}

const ms = (xs: LoadResult[], k: 'p50' | 'p95' | 'p99') => median(xs.map((x) => x[k])).toFixed(1);
const ratios = (c: Comparison) => c.b.map((r, i) => r.requestsPerSecond / c.a[i]!.requestsPerSecond);

function report(title: string, rows: [string, Comparison][], labels: [string, string]): void {
  console.log(`\n${title}`);
  console.log(`${'scenario'.padEnd(30)} ${'ratio (median, min–max)'.padEnd(24)} ${`${labels[1]} req/s`.padStart(14)} ${`${labels[0]} req/s`.padStart(14)}   p50/p95/p99 ms ${labels[1]} | ${labels[0]}   peak RSS MiB ${labels[1]} | ${labels[0]}`);
  for (const [name, c] of rows) {
    console.log(
      `${name.padEnd(30)} ${`${spread(ratios(c))}×`.padEnd(24)} ${median(c.b.map((r) => r.requestsPerSecond)).toFixed(0).padStart(14)} ${median(c.a.map((r) => r.requestsPerSecond)).toFixed(0).padStart(14)}   ` +
        `${ms(c.b, 'p50')}/${ms(c.b, 'p95')}/${ms(c.b, 'p99')} | ${ms(c.a, 'p50')}/${ms(c.a, 'p95')}/${ms(c.a, 'p99')}   ${c.rssB.toFixed(0)} | ${c.rssA.toFixed(0)}`,
    );
  }
}

async function fixtures(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; publishedAt: Date }>(
      `SELECT id, "publishedAt" FROM "Release" WHERE status IN ('PUBLISHED', 'REPEALED') AND "publishedAt" <= now() ORDER BY "publishedAt" DESC, id DESC OFFSET 999 LIMIT 1`,
    );
    const row = rows[0]!;
    return {
      page51After: Buffer.from(JSON.stringify(['publishedAt:desc,id:desc', row.publishedAt.toISOString(), row.id]), 'utf8').toString('base64url'),
      nodeId: Buffer.from(`Release:${row.id}`, 'utf8').toString('base64url'),
      domainCode: 'LAND_EXPROPRIATION',
    };
  } finally {
    await client.end();
  }
}

// The project's server is measured as deployed: compiled (npm run build), started like NODE_ENV=production npm start.
buildServer();
const prod = productionServer();
const startGongkai = (env: Record<string, string>) => startServerProcess(prod.entry, env, '/readyz', prod.nodeArgs);

/**
 * Bytes PostgreSQL sends per request, each server behind a counting relay (servers of their own,
 * so the relay never sits in the timed path): after a warm-up, the mean over `n` requests.
 */
async function bytesReadPerRequest(url: string, fx: Awaited<ReturnType<typeof fixtures>>, names: string[], n = 20): Promise<[string, number, number][]> {
  const relays = await Promise.all([countBytesFrom(url), countBytesFrom(url)]);
  const [baseline, gongkai] = await Promise.all([
    startServerProcess('bench/baseline-server.ts', { BASELINE_DATABASE_URL: relays[0]!.url }),
    startGongkai(gongkaiEnv(relays[1]!.url)),
  ]);
  try {
    const rows: [string, number, number][] = [];
    for (const s of scenarios(fx).filter((x) => names.includes(x.name))) {
      const perServer: number[] = [];
      for (const [i, target] of [baselineTarget(baseline, s), gongkaiTarget('gongkai', gongkai, s)].entries()) {
        for (let k = 0; k < 5; k++) await answer(target);
        relays[i]!.reset();
        for (let k = 0; k < n; k++) await answer(target);
        perServer.push(relays[i]!.bytes() / n);
      }
      rows.push([s.name, perServer[0]!, perServer[1]!]);
    }
    return rows;
  } finally {
    await Promise.all([baseline.stop(), gongkai.stop()]);
    await Promise.all(relays.map((r) => r.close()));
  }
}

const totalCountP95 = new Map<number, number>();
const summary: string[] = [];

for (const size of SIZES) {
  console.log(`\n=== ${size.toLocaleString('en')} published releases ===`);
  const url = await postgresDataset(SERVER_URL, size);
  const fx = await fixtures(url);
  const baseline = await startServerProcess('bench/baseline-server.ts', { BASELINE_DATABASE_URL: url });
  const gongkai = await startGongkai(gongkaiEnv(url));
  try {
    const rows: [string, Comparison][] = [];
    for (const s of scenarios(fx)) {
      const a = baselineTarget(baseline, s);
      const b = gongkaiTarget('gongkai', gongkai, s);
      await expectSameAnswer(a, b, s.name);
      rows.push([s.name, await compare(a, b, url)]);
    }
    report(`Gongkai (PostgreSQL) against the hand-written baseline, ${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} connections — ratio > 1 is faster than the baseline`, rows, ['baseline', 'gongkai']);
    const byName = new Map(rows);
    const list = byName.get('website list (20)')!;
    const deep = byName.get('page 51 via after:')!;
    totalCountP95.set(size, median(list.b.map((r) => r.p95)));
    const pageCost = median(deep.b.map((r) => r.p50)) / median(list.b.map((r) => r.p50));
    console.log(`\npage 51 via after: costs ${pageCost.toFixed(2)}× page 1 (p50 latency, gongkai)`);
    summary.push(
      `${size}: website list ${median(ratios(list)).toFixed(2)}×, 50-item page ${median(ratios(byName.get('50-item page with standards')!)).toFixed(2)}×, page 51 ${pageCost.toFixed(2)}× page 1, peak RSS ${Math.max(...rows.map(([, c]) => c.rssB)).toFixed(0)} MiB (PostgreSQL)`,
    );

    const bytes = await bytesReadPerRequest(url, fx, ['website list (20)', '50-item page with standards']);
    console.log('\nBytes read from PostgreSQL per request (mean of 20, after a warm-up)');
    for (const [name, base, ours] of bytes) {
      console.log(`${name.padEnd(30)} gongkai ${(ours / 1024).toFixed(1).padStart(7)} KiB   baseline ${(base / 1024).toFixed(1).padStart(7)} KiB   ${(ours / base).toFixed(2)}×`);
    }
    summary.push(`${size}: bytes read from PostgreSQL ${bytes.map(([name, base, ours]) => `${name} ${(ours / base).toFixed(2)}×`).join(', ')} the baseline's`);

    // The same server in development mode: the speed must not depend on NODE_ENV. Measured
    // against a production server started with it — the one above has had minutes of JIT
    // warm-up that a new process has not, which alone made a new one look 20% slower.
    const [freshProduction, dev] = await Promise.all([
      startGongkai(gongkaiEnv(url, { SEED_ON_START: 'false' })),
      startGongkai(gongkaiEnv(url, { NODE_ENV: 'development', SEED_ON_START: 'false' })),
    ]);
    try {
      const s = scenarios(fx)[0]!;
      const c = await compare(gongkaiTarget('production', freshProduction, s), gongkaiTarget('development', dev, s), url);
      report('NODE_ENV=development against production (website list; both servers new)', [['website list (20)', c]], ['production', 'development']);
      summary.push(`${size}: NODE_ENV=development ${median(ratios(c)).toFixed(2)}× production`);
    } finally {
      await Promise.all([freshProduction.stop(), dev.stop()]);
    }

    if (size === SIZES[0]) {
      // The public response cache: a hit against the same GET uncached and a bare node:http server.
      const settings = { rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS };
      summary.push(`${size}: ${reportResponseCache(await benchResponseCache({ startGongkai, env: gongkaiEnv(url), ...settings }), settings)}`);

      // The embedded database against PostgreSQL mode, same data set size.
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-embedded-'));
      try {
        await embeddedDataset(dataDir, size);
        // Against a PostgreSQL-mode server as new as it (see the NODE_ENV comparison above).
        const [freshPostgres, embedded] = await Promise.all([startGongkai(gongkaiEnv(url, { SEED_ON_START: 'false' })), startGongkai(gongkaiEnv('', { DATA_DIR: dataDir }))]);
        try {
          const s = scenarios(fx)[0]!;
          const c = await compare(gongkaiTarget('PostgreSQL', freshPostgres, s), gongkaiTarget('embedded', embedded, s), url);
          report('Embedded database against PostgreSQL mode (website list; both servers new)', [['website list (20)', c]], ['PostgreSQL', 'embedded']);
          summary.push(`${size}: embedded ${median(ratios(c)).toFixed(2)}× PostgreSQL mode, peak RSS embedded ${c.rssB.toFixed(0)} MiB`);
        } finally {
          await Promise.all([freshPostgres.stop(), embedded.stop()]);
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await Promise.all([baseline.stop(), gongkai.stop()]);
  }
}

if (totalCountP95.size > 1) {
  const [small, large] = [Math.min(...SIZES), Math.max(...SIZES)];
  summary.push(`list with totalCount: p95 ${totalCountP95.get(large)!.toFixed(1)} ms at ${large} vs ${totalCountP95.get(small)!.toFixed(1)} ms at ${small} (${(totalCountP95.get(large)! / totalCountP95.get(small)!).toFixed(2)}×)`);
}
console.log(`\nSummary (medians of interleaved rounds):\n${summary.map((s) => `  ${s}`).join('\n')}\n`);

