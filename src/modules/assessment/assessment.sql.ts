// The assessment's SQL: every figure is computed by PostgreSQL; Node only formats the rows.
//
// One statement scores every unit for the period AND its trend periods at once: the periods are
// an array of instants unnested into `p`, and every part groups by (period, unit). Each part
// reads only the rows of its own date range through an index, so K trend periods cost K more
// index ranges, not K more requests. The gap list and the per-matter rates are two more
// statements for the assessed period only.
//
// Who counts as "the unit": a unit's own rows (releases it published, concerns and requests it
// handles, standards it is responsible for) — no subtree roll-up. The units assessed are every
// active unit of the chosen subtree within the caller's scope, each ranked on its own work, so
// the county government is not credited with its townships' releases.
//
// Counting rules (all instants; days are local days of the county's zone):
// - a release counts for on-time publication in the period its dueAt falls in, and also in every
//   later period that starts while it is still unpublished (carried over, always late); one not
//   yet published whose dueAt has not passed (as of now) is pending and not counted yet;
//   on time = firstPublishedAt <= dueAt; overdue = due before the as-of instant and unpublished
//   at it; due soon = unpublished with dueAt in (now, now + 7 calendar days] (calendar, not
//   working days: one interval in SQL), for the assessed period only;
// - catalog coverage: each active-catalog standard with a recurrence, assigned to the unit, and
//   each recurrence window (month, quarter, half-year, year in local time) overlapping the
//   period: covered when the unit first published a release of that matter inside the window
//   (the whole window, even past the period end, so a yearly item published in November covers
//   the year);
// - 解读: releases of the unit needing interpretation (interpretationDueAt set) first published in
//   the period; interpreted = interpretedAt set; late = interpreted after the due time, or not
//   yet and past due; median lag in HOURS from first publication to first interpretation;
// - concerns (all kinds but requests): dueAt in the period, counted once answered or past due;
//   on time = answeredOnTime;
// - requests: counted in the period they were concluded in, or — while unconcluded — the period
//   their dueAt fell in once it has passed; on time = concluded at or before dueAt (or no clock);
// - freshness as of min(period end, now): see FRESHNESS_CHECKS. The policy check applies to units
//   that issue policy (not villages and communities); the replies check to units that have ever
//   received a message; the new-media check to units owning an active NEW_MEDIA channel client.
// Score: Σ weight × rate over the indicators with something to measure, renormalised to 100 over
// their weights (an indicator with nothing to measure is left out; with nothing at all the base
// is 100), minus deductions, floored at 0, rounded to 2 decimals; vetoed → 不合格.
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../../db/database.js';
import { ASSESSMENT_INDICATORS, FRESHNESS_CHECKS, POLICY_GENRES, type AssessmentIndicator, type AssessmentSchemeDefinition } from './assessment-scheme.js';
import type { PeriodInstants } from './assessment-periods.js';

export interface UnitScope {
  /** Materialised path of the subtree assessed. */
  subjectPath: string;
  /** The caller's ADMIN/AUDITOR grant paths (each a subtree). */
  scopePaths: readonly string[];
}

const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function unitsCte(scope: UnitScope): Prisma.Sql {
  const within = scope.scopePaths.map((p) => Prisma.sql`o."path" LIKE ${likePrefix(p)}`);
  return Prisma.sql`u AS MATERIALIZED (
    SELECT o."id", o."code", o."name", o."kind"::text AS "kind" FROM "OrgUnit" o
    WHERE o."active" AND o."path" LIKE ${likePrefix(scope.subjectPath)} AND (${within.length ? Prisma.join(within, ' OR ') : Prisma.sql`FALSE`}))`;
}

function periodsCte(periods: readonly PeriodInstants[]): Prisma.Sql {
  return Prisma.sql`p AS MATERIALIZED (
    SELECT t.s, t.e, t.a, t.idx::int AS idx
    FROM unnest(${periods.map((x) => x.start)}::timestamptz[], ${periods.map((x) => x.end)}::timestamptz[], ${periods.map((x) => x.asOf)}::timestamptz[]) WITH ORDINALITY AS t(s, e, a, idx))`;
}

/** Recurrence windows of the active catalog's standards overlapping each period: (idx, unit, matter, ws, we). */
function windowsCte(timeZone: string): Prisma.Sql {
  const tz = timeZone;
  return Prisma.sql`std AS MATERIALIZED (
    SELECT s."matterId", s."responsibleOrgId" AS unit_id, s."recurrence"::text AS rec,
      CASE s."recurrence" WHEN 'MONTHLY' THEN interval '1 month' WHEN 'QUARTERLY' THEN interval '3 months'
        WHEN 'HALF_YEARLY' THEN interval '6 months' ELSE interval '1 year' END AS step
    FROM "Standard" s JOIN "CatalogVersion" v ON v."id" = s."catalogVersionId" AND v."status" = 'ACTIVE'
    WHERE s."recurrence" IS NOT NULL AND s."responsibleOrgId" IN (SELECT "id" FROM u)
  ),
  win AS MATERIALIZED (
    SELECT p.idx, std.unit_id, std."matterId", std.rec, (g AT TIME ZONE ${tz}) AS ws, ((g + std.step) AT TIME ZONE ${tz}) AS we
    FROM p CROSS JOIN std
    CROSS JOIN LATERAL generate_series(
      CASE std.rec
        WHEN 'MONTHLY' THEN date_trunc('month', p.s AT TIME ZONE ${tz})
        WHEN 'QUARTERLY' THEN date_trunc('quarter', p.s AT TIME ZONE ${tz})
        WHEN 'HALF_YEARLY' THEN date_trunc('year', p.s AT TIME ZONE ${tz}) + CASE WHEN extract(month FROM p.s AT TIME ZONE ${tz}) >= 7 THEN interval '6 months' ELSE interval '0' END
        ELSE date_trunc('year', p.s AT TIME ZONE ${tz}) END,
      (p.e AT TIME ZONE ${tz}) - interval '1 microsecond', std.step) AS g
  ),
  gaps AS (
    SELECT win.*, EXISTS (
      SELECT 1 FROM "Release" r
      WHERE r."publisherId" = win.unit_id AND r."matterId" = win."matterId" AND r."firstPublishedAt" >= win.ws AND r."firstPublishedAt" < win.we
    ) AS covered
    FROM win
  )`;
}

export interface ScoreRow {
  idx: number;
  unitId: string;
  code: string;
  name: string;
  rank: number;
  score: number;
  band: 'EXCELLENT' | 'PASS' | 'FAIL';
  vetoed: boolean;
  overdue: number;
  dueSoon: number;
  lateInterpretations: number;
  medianLagHours: number | null;
  policyStale: boolean;
  repliesStale: boolean;
  newMediaStale: boolean;
  /** Per indicator: numerator, denominator, points earned (null when not measured). */
  [key: `${string}_num` | `${string}_den` | `${string}_pts`]: number | null;
}

/** The numerator and denominator columns (of `m`, unqualified: `s` and `scored` carry them too) of each indicator. */
const TERMS: Record<AssessmentIndicator, { num: Prisma.Sql; den: Prisma.Sql }> = {
  ON_TIME_PUBLICATION: { num: Prisma.sql`pub_on_time`, den: Prisma.sql`pub_due` },
  CATALOG_COVERAGE: { num: Prisma.sql`cov_covered`, den: Prisma.sql`cov_expected` },
  INTERPRETATION: { num: Prisma.sql`int_done`, den: Prisma.sql`int_needed` },
  CONCERN_RESPONSES: { num: Prisma.sql`con_on_time`, den: Prisma.sql`con_due` },
  REQUESTS_ON_TIME: { num: Prisma.sql`req_on_time`, den: Prisma.sql`req_due` },
  NEW_MEDIA: { num: Prisma.sql`(has_new_media AND NOT new_media_stale)::int`, den: Prisma.sql`has_new_media::int` },
};

/**
 * Scores, ranks and figures of every unit in scope for each period (idx 1 = periods[0]), in
 * one statement.
 */
export async function scoreUnits(db: Db, scope: UnitScope, periods: readonly PeriodInstants[], scheme: AssessmentSchemeDefinition, timeZone: string, now: Date): Promise<ScoreRow[]> {
  const tz = timeZone;
  const w = (i: AssessmentIndicator) => Prisma.sql`${scheme.weights[i]}::numeric`;
  const measured = (i: AssessmentIndicator) => Prisma.sql`(${TERMS[i].den} > 0)`;
  const totalWeight = Prisma.join(ASSESSMENT_INDICATORS.map((i) => Prisma.sql`CASE WHEN ${measured(i)} THEN ${w(i)} ELSE 0 END`), ' + ');
  const earned = Prisma.join(ASSESSMENT_INDICATORS.map((i) => Prisma.sql`CASE WHEN ${measured(i)} THEN ${w(i)} * ${TERMS[i].num} / ${TERMS[i].den} ELSE 0 END`), ' + ');
  const perIndicator = Prisma.join(
    ASSESSMENT_INDICATORS.map(
      (i) => Prisma.sql`${TERMS[i].num}::int AS ${Prisma.raw(`"${i}_num"`)}, ${TERMS[i].den}::int AS ${Prisma.raw(`"${i}_den"`)},
        CASE WHEN ${measured(i)} AND s.tw > 0 THEN round(100 * ${w(i)} * ${TERMS[i].num} / ${TERMS[i].den} / s.tw, 2)::float8 END AS ${Prisma.raw(`"${i}_pts"`)}`,
    ),
    ', ',
  );
  const unpublished = Prisma.sql`r."status" IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED')`;
  const policy = FRESHNESS_CHECKS.POLICY_COLUMN_STALE.points;
  const replies = FRESHNESS_CHECKS.NO_MESSAGE_REPLIES.points;
  const ago = (at: Prisma.Sql, interval: string) => Prisma.sql`((${at} AT TIME ZONE ${tz}) - ${interval}::interval) AT TIME ZONE ${tz}`;
  return db.$queryRaw<ScoreRow[]>`
    WITH ${periodsCte(periods)}, ${unitsCte(scope)}, ${windowsCte(tz)},
    pub AS (
      SELECT idx, unit_id, sum(due) AS due, sum(on_time) AS on_time, sum(overdue) AS overdue FROM (
        -- due in the period: counted once published or past due
        SELECT p.idx, r."publisherId" AS unit_id, count(*) AS due,
          count(*) FILTER (WHERE r."firstPublishedAt" <= r."dueAt") AS on_time,
          count(*) FILTER (WHERE r."dueAt" < p.a AND (r."firstPublishedAt" IS NULL OR r."firstPublishedAt" > p.a)) AS overdue
        FROM p JOIN "Release" r ON r."dueAt" >= p.s AND r."dueAt" < p.e
        WHERE r."publisherId" IN (SELECT "id" FROM u) AND (r."dueAt" < p.a OR r."firstPublishedAt" <= p.a)
        GROUP BY 1, 2
        UNION ALL
        -- due earlier and still unpublished when the period began: carried over, late
        SELECT p.idx, r."publisherId", count(*), 0,
          count(*) FILTER (WHERE r."firstPublishedAt" IS NULL OR r."firstPublishedAt" > p.a)
        FROM p JOIN "Release" r ON r."dueAt" < p.s AND (r."firstPublishedAt" IS NULL OR r."firstPublishedAt" >= p.s)
        WHERE r."publisherId" IN (SELECT "id" FROM u)
          AND ((r."firstPublishedAt" IS NULL AND ${unpublished}) OR (r."firstPublishedAt" >= (SELECT min(s) FROM p) AND r."firstPublishedAt" > r."dueAt"))
        GROUP BY 1, 2
      ) x GROUP BY 1, 2
    ),
    soon AS (
      SELECT r."publisherId" AS unit_id, count(*) AS n FROM "Release" r
      WHERE ${unpublished} AND r."firstPublishedAt" IS NULL AND r."dueAt" > ${now} AND r."dueAt" <= ${now}::timestamptz + interval '7 days'
        AND r."publisherId" IN (SELECT "id" FROM u)
      GROUP BY 1
    ),
    cov AS (SELECT idx, unit_id, count(*) AS expected, count(*) FILTER (WHERE covered) AS covered FROM gaps GROUP BY 1, 2),
    itp AS (
      SELECT p.idx, r."publisherId" AS unit_id, count(*) AS needed, count(r."interpretedAt") AS done,
        count(*) FILTER (WHERE r."interpretedAt" > r."interpretationDueAt" OR (r."interpretedAt" IS NULL AND r."interpretationDueAt" < p.a)) AS late,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r."interpretedAt" - r."firstPublishedAt") / 3600) AS lag
      FROM p JOIN "Release" r ON r."interpretationDueAt" >= p.s AND r."firstPublishedAt" >= p.s AND r."firstPublishedAt" < p.e
      WHERE r."publisherId" IN (SELECT "id" FROM u)
      GROUP BY 1, 2
    ),
    con AS (
      SELECT p.idx, c."orgUnitId" AS unit_id, count(*) AS due, count(*) FILTER (WHERE c."answeredOnTime") AS on_time
      FROM p JOIN "Concern" c ON c."dueAt" >= p.s AND c."dueAt" < p.e
      WHERE c."kind" <> 'DISCLOSURE_REQUEST' AND c."orgUnitId" IN (SELECT "id" FROM u) AND (c."dueAt" < p.a OR c."answeredAt" <= p.a)
      GROUP BY 1, 2
    ),
    req AS (
      SELECT p.idx, c."orgUnitId" AS unit_id, count(*) AS due,
        count(*) FILTER (WHERE c."concludedAt" IS NOT NULL AND (c."dueAt" IS NULL OR c."concludedAt" <= c."dueAt")) AS on_time
      FROM p JOIN "Concern" c ON (c."concludedAt" >= p.s AND c."concludedAt" < p.e)
        OR (c."concludedAt" IS NULL AND c."dueAt" >= p.s AND c."dueAt" < p.e AND c."dueAt" < p.a)
      WHERE c."kind" = 'DISCLOSURE_REQUEST' AND c."orgUnitId" IN (SELECT "id" FROM u)
      GROUP BY 1, 2
    ),
    fresh AS MATERIALIZED (
      SELECT p.idx, u."id" AS unit_id,
        (u."kind" NOT IN ('VILLAGE', 'COMMUNITY') AND NOT EXISTS (
          SELECT 1 FROM "Release" r WHERE r."publisherId" = u."id" AND r."firstPublishedAt" >= ${ago(Prisma.sql`p.a`, '6 months')} AND r."firstPublishedAt" < p.a
            AND (r."genre" = ANY(${[...POLICY_GENRES]}::text[]) OR r."interpretationDueAt" IS NOT NULL))) AS policy_stale,
        (EXISTS (SELECT 1 FROM "Concern" c WHERE c."orgUnitId" = u."id" AND c."kind" <> 'DISCLOSURE_REQUEST' AND c."receivedAt" < p.a)
          AND NOT EXISTS (
            SELECT 1 FROM "Response" x WHERE x."orgUnitId" = u."id" AND x."status" = 'PUBLISHED' AND x."publishedAt" >= ${ago(Prisma.sql`p.a`, '2 months')} AND x."publishedAt" < p.a)) AS replies_stale,
        nm.has AS has_new_media,
        (nm.has AND NOT EXISTS (
          SELECT 1 FROM "Release" r WHERE r."publisherId" = u."id" AND r."targetChannels" @> ARRAY['NEW_MEDIA']::"ChannelKind"[]
            AND r."firstPublishedAt" >= ${ago(Prisma.sql`p.a`, '14 days')} AND r."firstPublishedAt" < p.a)) AS new_media_stale
      FROM p CROSS JOIN u
      CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM "ChannelClient" k WHERE k."orgUnitId" = u."id" AND k."kind" = 'NEW_MEDIA' AND k."active" AND k."createdAt" < p.a) AS has) nm
    ),
    m AS MATERIALIZED (
      SELECT f.idx, u."id", u."code", u."name", f.policy_stale, f.replies_stale, f.has_new_media, f.new_media_stale,
        coalesce(pub.due, 0) AS pub_due, coalesce(pub.on_time, 0) AS pub_on_time, coalesce(pub.overdue, 0) AS overdue,
        CASE WHEN f.idx = 1 THEN coalesce(soon.n, 0) ELSE 0 END AS due_soon,
        coalesce(cov.expected, 0) AS cov_expected, coalesce(cov.covered, 0) AS cov_covered,
        coalesce(itp.needed, 0) AS int_needed, coalesce(itp.done, 0) AS int_done, coalesce(itp.late, 0) AS int_late, itp.lag,
        coalesce(con.due, 0) AS con_due, coalesce(con.on_time, 0) AS con_on_time,
        coalesce(req.due, 0) AS req_due, coalesce(req.on_time, 0) AS req_on_time
      FROM fresh f JOIN u ON u."id" = f.unit_id
      LEFT JOIN pub ON pub.idx = f.idx AND pub.unit_id = f.unit_id
      LEFT JOIN soon ON soon.unit_id = f.unit_id
      LEFT JOIN cov ON cov.idx = f.idx AND cov.unit_id = f.unit_id
      LEFT JOIN itp ON itp.idx = f.idx AND itp.unit_id = f.unit_id
      LEFT JOIN con ON con.idx = f.idx AND con.unit_id = f.unit_id
      LEFT JOIN req ON req.idx = f.idx AND req.unit_id = f.unit_id
    ),
    s AS (
      SELECT m.*, (${totalWeight}) AS tw, (${earned}) AS earned FROM m
    ),
    scored AS (
      SELECT s.*, round(greatest(0, CASE WHEN s.tw = 0 THEN 100 ELSE 100 * s.earned / s.tw END
        - CASE WHEN s.policy_stale THEN ${policy} ELSE 0 END - CASE WHEN s.replies_stale THEN ${replies} ELSE 0 END), 2) AS score
      FROM s
    )
    SELECT s.idx, s."id"::text AS "unitId", s."code", s."name",
      (row_number() OVER (PARTITION BY s.idx ORDER BY s.score DESC, s."code"))::int AS "rank",
      s.score::float8 AS "score",
      CASE WHEN s.new_media_stale THEN 'FAIL' WHEN s.score >= ${scheme.excellentFrom} THEN 'EXCELLENT' WHEN s.score >= ${scheme.passFrom} THEN 'PASS' ELSE 'FAIL' END AS "band",
      s.new_media_stale AS "vetoed", s.overdue::int AS "overdue", s.due_soon::int AS "dueSoon", s.int_late::int AS "lateInterpretations",
      s.lag::float8 AS "medianLagHours", s.policy_stale AS "policyStale", s.replies_stale AS "repliesStale", s.new_media_stale AS "newMediaStale",
      ${perIndicator}
    FROM scored s
    ORDER BY s.idx, "rank"`;
}

export interface GapRow {
  unitId: string;
  matterId: string;
  recurrence: string;
  windowStart: Date;
  windowEnd: Date;
}

/** The uncovered recurrence windows of the assessed period (periods[0]), per unit. */
export async function coverageGaps(db: Db, scope: UnitScope, period: PeriodInstants, timeZone: string): Promise<GapRow[]> {
  return db.$queryRaw<GapRow[]>`
    WITH ${periodsCte([period])}, ${unitsCte(scope)}, ${windowsCte(timeZone)}
    SELECT g.unit_id::text AS "unitId", g."matterId"::text AS "matterId", g.rec AS "recurrence", g.ws AS "windowStart", g.we AS "windowEnd"
    FROM gaps g JOIN "Matter" mt ON mt."id" = g."matterId"
    WHERE NOT g.covered
    ORDER BY g.unit_id, mt."code", g.ws`;
}

export interface MatterRateRow {
  /** Null for the row over every unit. */
  unitId: string | null;
  matterId: string;
  due: number;
  onTime: number;
  overdue: number;
}

/**
 * On-time publication per matter for the assessed period (the same counting rule as the
 * score), per unit and over all units in scope (GROUPING SETS), in one statement.
 */
export async function matterRates(db: Db, scope: UnitScope, period: PeriodInstants): Promise<MatterRateRow[]> {
  return db.$queryRaw<MatterRateRow[]>`
    WITH ${periodsCte([period])}, ${unitsCte(scope)},
    due AS (
      SELECT r."publisherId" AS unit_id, r."matterId", (r."dueAt" >= p.s) AS in_period,
        r."firstPublishedAt" <= r."dueAt" AS on_time,
        (r."dueAt" < p.a AND (r."firstPublishedAt" IS NULL OR r."firstPublishedAt" > p.a)) AS overdue
      FROM p JOIN "Release" r ON (r."dueAt" >= p.s AND r."dueAt" < p.e AND (r."dueAt" < p.a OR r."firstPublishedAt" <= p.a))
        OR (r."dueAt" < p.s AND ((r."firstPublishedAt" IS NULL AND r."status" IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED'))
                                 OR (r."firstPublishedAt" >= p.s AND r."firstPublishedAt" > r."dueAt")))
      WHERE r."publisherId" IN (SELECT "id" FROM u)
    )
    SELECT d.unit_id::text AS "unitId", d."matterId"::text AS "matterId", count(*)::int AS "due",
      (count(*) FILTER (WHERE d.on_time))::int AS "onTime", (count(*) FILTER (WHERE d.overdue))::int AS "overdue"
    FROM due d JOIN "Matter" mt ON mt."id" = d."matterId"
    GROUP BY GROUPING SETS ((d.unit_id, d."matterId", mt."code"), (d."matterId", mt."code"))
    ORDER BY d.unit_id NULLS FIRST, mt."code"`;
}
