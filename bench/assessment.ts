// npm run bench:assessment — "the assessment of 100 units over 1M releases and 100k concerns
// answers in under 2 s on PostgreSQL". Creates a throw-away database on the PostgreSQL server,
// migrates and seeds it (catalog, org tree, demo accounts), tops the org tree up to 100 units and
// generates the releases, concerns, answers, 政务新媒体 accounts and recurring standards in SQL
// (generate_series), VACUUM ANALYZEs, starts the real server in a process of its own, signs in
// as the county auditor and times the `assessment` query over HTTP (current quarter, trend of 4
// earlier quarters, every field), sequentially after a warm-up; prints median and max; drops the
// database.
//
//   BENCH_DATABASE_URL  PostgreSQL server (default postgresql://postgres@127.0.0.1:5432/postgres)
//   BENCH_RELEASES / BENCH_CONCERNS / BENCH_UNITS   sizes (1000000 / 100000 / 100)
//   BENCH_ROUNDS        timed requests (default 9)
//   BENCH_KEEP=1        keep the database (its name is printed)
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { seed } from '../src/seed/seed.js';
import { median } from './lib/load.js';
import { startServerProcess } from './lib/server-process.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const RELEASES = Number(process.env.BENCH_RELEASES ?? 1_000_000);
const CONCERNS = Number(process.env.BENCH_CONCERNS ?? 100_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const DEMO_PASSWORD = 'gongkai-demo-2026';

const name = `gongkai_bench_assessment_${randomBytes(4).toString('hex')}`;
const url = new URL(SERVER_URL);
url.pathname = `/${name}`;
const databaseUrl = url.toString();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  process.stdout.write(`  ${label} … `);
  const r = await fn();
  console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
  return r;
};

async function generate(): Promise<void> {
  const db = await openDatabase({ url: databaseUrl, poolMax: 2 });
  try {
    await step('migrate and seed', async () => {
      await db.migrate();
      await seed(db.prisma, { production: false, timeZone: 'Asia/Shanghai', demoPassword: DEMO_PASSWORD, logger: createLogger('silent') });
    });
    const client = await db.pool.connect();
    try {
      const q = (sql: string) => client.query(sql);
      await step(`org units up to ${UNITS}`, () =>
        q(`WITH root AS (SELECT "id", "path" FROM "OrgUnit" WHERE "parentId" IS NULL ORDER BY "sortOrder" LIMIT 1),
               n AS (SELECT greatest(0, ${UNITS} - count(*)) AS n FROM "OrgUnit" WHERE "active"),
               ids AS (SELECT gen_random_uuid() AS id, i FROM n, generate_series(1, n.n) AS i)
           INSERT INTO "OrgUnit" ("id", "code", "name", "kind", "parentId", "path", "depth", "sortOrder", "updatedAt")
           SELECT ids.id, 'BENCH' || lpad(i::text, 4, '0'), '压测单位' || i, (ARRAY['TOWNSHIP','DEPARTMENT','VILLAGE']::"OrgUnitKind"[])[1 + i % 3],
             root.id, root.path || ids.id || '/', 1, 100 + i, now()
           FROM ids, root`),
      );
      // Releases over ~3 years back from now: 88 % on time, 10 % late, 2 % never published;
      // 10 % policy documents, 20 % for NEW_MEDIA, 5 % needing 解读 (80 % of them interpreted).
      const units = `(SELECT array_agg("id" ORDER BY "code") AS ids FROM "OrgUnit" WHERE "active")`;
      const matters = `(SELECT array_agg("id" ORDER BY "code") AS ids FROM "Matter" WHERE "id" IN (SELECT "matterId" FROM "Standard"))`;
      const span = `interval '${Math.round((3 * 365 * 86_400) / RELEASES)} seconds'`;
      await step(`${RELEASES.toLocaleString('en')} releases`, async () => {
        for (let from = 1; from <= RELEASES; from += 200_000) {
          const to = Math.min(RELEASES, from + 199_999);
          await q(`
            INSERT INTO "Release" ("id", "matterId", "publisherId", "status", "title", "stage", "genre", "keywords", "targetChannels",
              "formedAt", "dueAt", "firstPublishedAt", "publishedAt", "publishedOnTime", "interpretationDueAt", "interpretedAt", "updatedAt")
            SELECT gen_random_uuid(), m.ids[1 + i % cardinality(m.ids)], u.ids[1 + (i / 7) % cardinality(u.ids)],
              CASE WHEN i % 50 = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END::"ReleaseStatus", '压测信息' || i, 'RESULT', CASE WHEN i % 10 = 0 THEN '规范性文件' END,
              ARRAY[]::text[], CASE WHEN i % 5 = 0 THEN ARRAY['WEBSITE','NEW_MEDIA'] ELSE ARRAY['WEBSITE'] END::"ChannelKind"[],
              f, f + interval '10 days', pub, pub, CASE WHEN pub IS NOT NULL THEN pub <= f + interval '10 days' END,
              CASE WHEN i % 20 = 3 THEN pub + interval '3 days' END, CASE WHEN i % 20 = 3 AND i % 100 <> 3 THEN pub + interval '30 hours' END, now()
            FROM ${units} u, ${matters} m, generate_series(${from}, ${to}) AS i,
              LATERAL (SELECT now() - i * ${span} AS f) ff,
              LATERAL (SELECT CASE WHEN i % 50 = 0 THEN NULL WHEN i % 10 = 1 THEN f + interval '12 days' ELSE f + interval '9 days' END AS pub) pp`);
        }
      });
      await step(`${CONCERNS.toLocaleString('en')} concerns, answers`, async () => {
        const cspan = `interval '${Math.round((3 * 365 * 86_400) / CONCERNS)} seconds'`;
        await q(`
          INSERT INTO "Concern" ("id", "trackingNo", "kind", "status", "orgUnitId", "subject", "content", "receivedAt", "dueAt", "answeredAt", "answeredOnTime",
            "concludedAt", "outcome", "updatedAt")
          SELECT gen_random_uuid(), 'BENCH' || i, k, CASE WHEN k = 'DISCLOSURE_REQUEST' THEN 'CLOSED' ELSE 'ANSWERED' END::"ConcernStatus",
            u.ids[1 + (i / 3) % cardinality(u.ids)], '压测关切' || i, '压测内容', r, r + interval '15 days', r + (i % 20) * interval '1 day', i % 20 <= 15,
            CASE WHEN k = 'DISCLOSURE_REQUEST' THEN r + (i % 20) * interval '1 day' END, CASE WHEN k = 'DISCLOSURE_REQUEST' THEN 'DISCLOSED'::"RequestOutcome" END, now()
          FROM ${units} u, generate_series(1, ${CONCERNS}) AS i,
            LATERAL (SELECT now() - i * ${cspan} AS r, (ARRAY['QUESTION','COMPLAINT','SUGGESTION','PUBLIC_OPINION','DISCLOSURE_REQUEST']::"ConcernKind"[])[1 + i % 5] AS k) x`);
        await q(`INSERT INTO "Response" ("id", "concernId", "orgUnitId", "status", "publishedAt", "firstPublishedAt", "updatedAt")
                 SELECT gen_random_uuid(), c."id", c."orgUnitId", 'PUBLISHED', c."answeredAt", c."answeredAt", now()
                 FROM "Concern" c WHERE c."trackingNo" LIKE 'BENCH%' AND c."kind" <> 'DISCLOSURE_REQUEST'`);
      });
      await step('政务新媒体 accounts, recurring standards', async () => {
        await q(`INSERT INTO "ChannelClient" ("id", "name", "kind", "orgUnitId", "createdAt", "updatedAt")
                 SELECT gen_random_uuid(), '压测公众号' || o."code", 'NEW_MEDIA', o."id", now() - interval '4 years', now()
                 FROM "OrgUnit" o WHERE o."active" AND abs(hashtext(o."code")) % 3 = 0`);
        await q(`WITH s AS (SELECT s."id", row_number() OVER (ORDER BY s."id") AS n FROM "Standard" s JOIN "CatalogVersion" v ON v."id" = s."catalogVersionId" AND v."status" = 'ACTIVE'),
                      u AS ${units}
                 UPDATE "Standard" t SET "recurrence" = (ARRAY['MONTHLY','QUARTERLY','HALF_YEARLY','YEARLY']::"StandardRecurrence"[])[1 + s.n % 4],
                   "responsibleOrgId" = u.ids[1 + s.n % cardinality(u.ids)]
                 FROM s, u WHERE t."id" = s."id" AND s.n % 2 = 0`);
      });
      await step('VACUUM ANALYZE', () => q('VACUUM ANALYZE'));
    } finally {
      client.release();
    }
  } finally {
    await db.close();
  }
}

const QUERY = `query($from: Date!, $to: Date!) { assessment(period: { from: $from, to: $to }) {
  period { from to } scheme { name weights { indicator points } }
  units { rank score band vetoed overdue dueSoon lateInterpretations medianInterpretationLagHours orgUnit { code name }
    indicators { indicator numerator denominator rate points } deductions { check points reason }
    trend { period { from to } score band } coverageGaps { matter { code } windowStart windowEnd } }
  matters { matter { code } due onTime rate } } }`;

function currentQuarter(): { from: string; to: string } {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const from = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const to = new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10);
  return { from, to };
}

console.log(`bench:assessment — database ${name}`);
await admin(`CREATE DATABASE ${name}`);
try {
  await generate();
  const server = await startServerProcess('src/server.ts', {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-only-jwt-secret-0123456789-abcdefghij',
    RUN_JOBS: 'false',
    SEED_ON_START: 'false',
    SHUTDOWN_DELAY_MS: '0',
  });
  try {
    const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: any; errors?: unknown[] };
    };
    const login = await gql('mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { ... on LoginPayload { accessToken } } }', { u: 'auditor', p: DEMO_PASSWORD });
    const token = login.data?.login?.accessToken as string | undefined;
    if (!token) throw new Error(`bench: cannot sign in as the auditor: ${JSON.stringify(login)}`);
    const period = currentQuarter();
    const timed = async () => {
      const t = performance.now();
      const r = await gql(QUERY, period, token);
      const ms = performance.now() - t;
      if (r.errors || !r.data?.assessment) throw new Error(`bench: assessment failed: ${JSON.stringify(r).slice(0, 2000)}`);
      return { ms, r };
    };
    const warm = await timed();
    const units = warm.r.data.assessment.units as any[];
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) times.push((await timed()).ms);
    console.log(`\nassessment of ${units.length} units, ${period.from}..${period.to} + 4 trend quarters, over ${RELEASES.toLocaleString('en')} releases and ${CONCERNS.toLocaleString('en')} concerns (PostgreSQL):`);
    console.log(`  first (cold) ${warm.ms.toFixed(0)} ms; ${ROUNDS} rounds: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms`);
    console.log(`  target < 2000 ms: ${Math.max(...times) < 2000 ? 'met' : 'NOT met'}; peak server RSS ${server.peakRssMiB().toFixed(0)} MiB`);
    const top = units.slice(0, 3).map((u) => `${u.rank}. ${u.orgUnit?.code} ${u.score} ${u.band}`);
    console.log(`  sample: ${top.join(' | ')}; vetoed ${units.filter((u) => u.vetoed).length}; gaps ${units.reduce((n, u) => n + u.coverageGaps.length, 0)}`);
  } finally {
    await server.stop();
  }
} finally {
  if (process.env.BENCH_KEEP === '1') console.log(`kept database ${name}`);
  else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
