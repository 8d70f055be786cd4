// 政府信息公开工作年度报告 (国办公开办函〔2021〕30号 format) of one year for one org unit's
// subtree, counted in SQL (GROUP BY in the database; no request row is loaded into Node).
//
// Rules:
// - Year boundaries are local days in the county's time zone (config.timeZone): a timestamp
//   counts in the year when local 1 January 00:00 ≤ t < local 1 January 00:00 of the next year;
//   @db.Date columns (repealedAt, filedOn, decidedOn) when 1-01 ≤ d ≤ 12-31.
// - Only rows of the unit's subtree count: requests and appeals by the request's handling unit,
//   releases by their publisher (OrgUnit.path prefix, as the row filters match subtrees).
// - 第二部分 主动公开: 规章 (genre '规章') and 行政规范性文件 (genre '规范性文件' or '行政规范性文件'):
//   本年制发件数 = first published in the year; 本年废止件数 = published and repealedAt in the
//   year; 现行有效件数 = first published by the year's end and neither repealed (repealedAt ≤
//   12-31) nor withdrawn by then. Per AnnualReportItem: 本年处理决定数量 = releases of matters
//   with that item first published in the year. WARNING: for 行政事业性收费 the format asks for
//   an amount (万元) the system does not record: the count of releases is reported instead.
// - 第三部分 依申请公开 (Concern kind DISCLOSURE_REQUEST; null requesterType = 自然人):
//   一、本年新收 = received in the year; 二、上年结转 = received before the year and not concluded
//   before it began; 三、本年度办理结果 = concluded in the year (concludedAt), by outcome and
//   outcomeDetail; 四、结转下年度 = received by the year's end and not concluded by then. Parent
//   rows are the sums of their sub-rows, so 一 + 二 = 三（七） + 四 in every column (given that no
//   request is concluded before it was received). A request concluded in the year whose outcome
//   and detail do not name a row of the format (no outcome, a detail of another family, the
//   never-stored CARRIED_OVER) is counted under （六）3.其他 and listed as RECLASSIFIED, so the
//   totals stay whole and the data-quality gap stays visible.
// - 第四部分 复议/诉讼: appeals filed in the year against requests of the subtree, by kind (诉讼:
//   复议后起诉 or 未经复议直接起诉) and result as of the year's end (no decision by 12-31, or
//   PENDING → 尚未审结).
//
// Traceability: every request's cells come from ONE classification (`requestCellsSql`), which the
// aggregate and the drill-down both select from: a cell's count and its listed requests cannot
// disagree. The same holds for appeals (`appealCellsSql`).
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../../db/database.js';
import { localDayTimeToInstant } from '../../time.js';
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  CONCLUDED_CODE,
  DECISION_ITEMS,
  DOCUMENT_KINDS,
  FALLBACK_RESULT_CODE,
  OUTCOME_FAMILIES,
  REQUEST_ROWS,
  REQUESTER_COLUMNS,
  type AppealColumnKey,
  type AppealGroupKey,
  type DocumentKind,
  type RequestRowDefinition,
  type RequesterColumnField,
} from './annual-report.layout.js';
import type { AnnualReportItem, RequesterType } from '../../generated/prisma/enums.js';
import type { ReportUnit } from './annual-report.permissions.js';

/** The 条例 took effect in 2008; anything outside this range is a typo. */
export const FIRST_REPORT_YEAR = 2008;
export const LAST_REPORT_YEAR = 2100;

export function isReportYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_REPORT_YEAR && year <= LAST_REPORT_YEAR;
}

/** Drill-down code of the requests counted under （六）3.其他 for want of a valid outcome. */
export const RECLASSIFIED_CODE = 'RECLASSIFIED';

/** Row codes the drill-down accepts. */
export const DRILL_DOWN_CODES: readonly string[] = [...REQUEST_ROWS.map((r) => r.code), RECLASSIFIED_CODE];

export interface ReportPeriod {
  year: number;
  /** Local 1 January 00:00 of the year. */
  start: Date;
  /** Local 1 January 00:00 of the next year (exclusive). */
  end: Date;
  firstDay: string;
  lastDay: string;
}

export function reportPeriod(year: number, timeZone: string): ReportPeriod {
  return {
    year,
    start: localDayTimeToInstant(`${year}-01-01`, '00:00:00.000', timeZone),
    end: localDayTimeToInstant(`${year + 1}-01-01`, '00:00:00.000', timeZone),
    firstDay: `${year}-01-01`,
    lastDay: `${year}-12-31`,
  };
}

export type RequesterCounts = Record<RequesterColumnField, number>;

export interface RequestRowCounts extends RequestRowDefinition {
  counts: RequesterCounts;
  total: number;
}

export interface DocumentCounts {
  kind: DocumentKind;
  label: string;
  issued: number;
  repealed: number;
  inForce: number;
}

export interface DecisionCounts {
  item: AnnualReportItem;
  label: string;
  decisions: number;
}

export type AppealCounts = Record<AppealColumnKey, number>;

export interface AnnualReport {
  year: number;
  orgUnit: ReportUnit;
  generatedAt: Date;
  documents: DocumentCounts[];
  decisions: DecisionCounts[];
  requestRows: RequestRowCounts[];
  /** Requests concluded in the year without a valid outcome/detail, counted under （六）3.其他. */
  reclassified: number;
  appeals: Record<AppealGroupKey, AppealCounts>;
}

// ---- SQL building blocks ----------------------------------------------------------------------

/** The ids of the unit's subtree (path prefix, LIKE wildcards in the path escaped). */
function subtreeSql(unit: ReportUnit): Prisma.Sql {
  const prefix = `${unit.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Prisma.sql`(SELECT u."id" FROM "OrgUnit" u WHERE u."path" LIKE ${prefix})`;
}

/** outcome.detail codes of the format: a detail counts only under its own family. */
const DETAIL_CODES = OUTCOME_FAMILIES.flatMap((f) => f.details.map(([d]) => `${f.outcome}.${d}`));

/**
 * The classification: one row per (request, report row) the request counts in, with its
 * requester column — `"id"`, `"col"` (RequesterType), `"row"` (a REQUEST_ROWS code, or
 * RECLASSIFIED). Parent rows are derived here from their sub-rows, so they are their sums.
 */
function requestCellsSql(unit: ReportUnit, p: ReportPeriod): Prisma.Sql {
  const start = Prisma.sql`${p.start}::timestamptz`;
  const end = Prisma.sql`${p.end}::timestamptz`;
  const withDetail = Prisma.sql`(c."outcome"::text || '.' || c."outcomeDetail"::text)`;
  const valid = Prisma.sql`(c."outcome" IN ('DISCLOSED', 'PARTIALLY_DISCLOSED') OR ${withDetail} = ANY(${DETAIL_CODES}::text[]))`;
  return Prisma.sql`
    WITH classified AS (
      SELECT c."id",
             COALESCE(c."requesterType"::text, 'NATURAL_PERSON') AS "col",
             (c."receivedAt" >= ${start} AND c."receivedAt" < ${end}) AS "received",
             (c."receivedAt" < ${start} AND (c."concludedAt" IS NULL OR c."concludedAt" >= ${start})) AS "carriedIn",
             (c."receivedAt" < ${end} AND (c."concludedAt" IS NULL OR c."concludedAt" >= ${end})) AS "carriedOut",
             (c."concludedAt" >= ${start} AND c."concludedAt" < ${end}) AS "concluded",
             CASE
               WHEN c."outcome" IN ('DISCLOSED', 'PARTIALLY_DISCLOSED') THEN c."outcome"::text
               WHEN ${valid} THEN ${withDetail}
               ELSE ${FALLBACK_RESULT_CODE}
             END AS "result",
             NOT COALESCE(${valid}, FALSE) AS "reclassified"
      FROM "Concern" c
      WHERE c."kind" = 'DISCLOSURE_REQUEST' AND c."orgUnitId" IN ${subtreeSql(unit)}
    ),
    cells AS (
      SELECT "id", "col", 'RECEIVED' AS "row" FROM classified WHERE "received"
      UNION ALL SELECT "id", "col", 'CARRIED_IN' FROM classified WHERE "carriedIn"
      UNION ALL SELECT "id", "col", "result" FROM classified WHERE "concluded"
      UNION ALL SELECT "id", "col", split_part("result", '.', 1) FROM classified WHERE "concluded" AND strpos("result", '.') > 0
      UNION ALL SELECT "id", "col", ${CONCLUDED_CODE} FROM classified WHERE "concluded"
      UNION ALL SELECT "id", "col", ${RECLASSIFIED_CODE} FROM classified WHERE "concluded" AND "reclassified"
      UNION ALL SELECT "id", "col", 'CARRIED_OUT' FROM classified WHERE "carriedOut"
    )`;
}

/**
 * The appeals' classification: one row per appeal filed in the year against a request of the
 * subtree — `"id"` (the appeal), `"concernId"`, `"grp"` (an APPEAL_GROUPS key) and `"col"` (an
 * APPEAL_COLUMNS key other than total).
 */
function appealCellsSql(unit: ReportUnit, p: ReportPeriod): Prisma.Sql {
  const lastDay = Prisma.sql`${p.lastDay}::date`;
  return Prisma.sql`
    WITH cells AS (
      SELECT a."id", a."concernId",
             CASE WHEN a."kind" = 'RECONSIDERATION' THEN 'reconsideration'
                  WHEN a."afterReconsideration" THEN 'litigationAfterReconsideration'
                  ELSE 'directLitigation' END AS "grp",
             CASE WHEN a."result" = 'PENDING' OR a."decidedOn" IS NULL OR a."decidedOn" > ${lastDay} THEN 'pending'
                  WHEN a."result" = 'UPHELD' THEN 'upheld'
                  WHEN a."result" = 'CORRECTED' THEN 'corrected'
                  ELSE 'other' END AS "col"
      FROM "DisclosureAppeal" a JOIN "Concern" c ON c."id" = a."concernId"
      WHERE c."kind" = 'DISCLOSURE_REQUEST' AND c."orgUnitId" IN ${subtreeSql(unit)}
        AND a."filedOn" >= ${p.firstDay}::date AND a."filedOn" <= ${lastDay}
    )`;
}

function documentsSql(unit: ReportUnit, p: ReportPeriod): Prisma.Sql {
  const kindCases = DOCUMENT_KINDS.map((d) => Prisma.sql`WHEN r."genre" = ANY(${[...d.genres]}::text[]) THEN ${d.kind}`);
  const genres = DOCUMENT_KINDS.flatMap((d) => [...d.genres]);
  const start = Prisma.sql`${p.start}::timestamptz`;
  const end = Prisma.sql`${p.end}::timestamptz`;
  return Prisma.sql`
    SELECT CASE ${Prisma.join(kindCases, ' ')} END AS "kind",
           count(*) FILTER (WHERE r."firstPublishedAt" >= ${start} AND r."firstPublishedAt" < ${end}) AS "issued",
           count(*) FILTER (WHERE r."repealedAt" >= ${p.firstDay}::date AND r."repealedAt" <= ${p.lastDay}::date) AS "repealed",
           count(*) FILTER (WHERE r."firstPublishedAt" < ${end}
                              AND (r."repealedAt" IS NULL OR r."repealedAt" > ${p.lastDay}::date)
                              AND (r."withdrawnAt" IS NULL OR r."withdrawnAt" >= ${end})) AS "inForce"
    FROM "Release" r
    WHERE r."publisherId" IN ${subtreeSql(unit)} AND r."firstPublishedAt" IS NOT NULL AND r."genre" = ANY(${genres}::text[])
    GROUP BY 1`;
}

function decisionsSql(unit: ReportUnit, p: ReportPeriod): Prisma.Sql {
  return Prisma.sql`
    SELECT m."reportItem"::text AS "item", count(*) AS "n"
    FROM "Release" r JOIN "Matter" m ON m."id" = r."matterId"
    WHERE m."reportItem" IS NOT NULL AND r."publisherId" IN ${subtreeSql(unit)}
      AND r."firstPublishedAt" >= ${p.start}::timestamptz AND r."firstPublishedAt" < ${p.end}::timestamptz
    GROUP BY 1`;
}

// ---- the report ---------------------------------------------------------------------------------

const zeroRequesters = (): RequesterCounts => Object.fromEntries(REQUESTER_COLUMNS.map((c) => [c.field, 0])) as RequesterCounts;
const zeroAppeals = (): AppealCounts => Object.fromEntries(APPEAL_COLUMNS.map((c) => [c.key, 0])) as AppealCounts;
const fieldOf = new Map<string, RequesterColumnField>(REQUESTER_COLUMNS.map((c) => [c.type, c.field]));

/**
 * The report of `unit` (already checked to be in the caller's scope) for `year`. Four GROUP BY
 * statements in one repeatable-read transaction: the three parts come from one snapshot.
 */
export async function buildAnnualReport(db: Db, unit: ReportUnit, year: number, timeZone: string, now: Date): Promise<AnnualReport> {
  const p = reportPeriod(year, timeZone);
  const [cells, documents, decisions, appeals] = await db.$transaction(
    [
      db.$queryRaw<{ row: string; col: string; n: bigint }[]>`${requestCellsSql(unit, p)} SELECT "row", "col", count(*) AS "n" FROM cells GROUP BY "row", "col"`,
      db.$queryRaw<{ kind: DocumentKind; issued: bigint; repealed: bigint; inForce: bigint }[]>(documentsSql(unit, p)),
      db.$queryRaw<{ item: AnnualReportItem; n: bigint }[]>(decisionsSql(unit, p)),
      db.$queryRaw<{ grp: AppealGroupKey; col: AppealColumnKey; n: bigint }[]>`${appealCellsSql(unit, p)} SELECT "grp", "col", count(*) AS "n" FROM cells GROUP BY "grp", "col"`,
    ],
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );

  const byRow = new Map<string, RequesterCounts>();
  for (const c of cells) {
    const counts = byRow.get(c.row) ?? zeroRequesters();
    counts[fieldOf.get(c.col)!] += Number(c.n);
    byRow.set(c.row, counts);
  }
  const sum = (counts: RequesterCounts) => Object.values(counts).reduce((a, b) => a + b, 0);
  const requestRows = REQUEST_ROWS.map((def) => {
    const counts = byRow.get(def.code) ?? zeroRequesters();
    return { ...def, counts, total: sum(counts) };
  });

  const appealCounts = Object.fromEntries(APPEAL_GROUPS.map((g) => [g.key, zeroAppeals()])) as Record<AppealGroupKey, AppealCounts>;
  for (const a of appeals) {
    appealCounts[a.grp][a.col] += Number(a.n);
    appealCounts[a.grp].total += Number(a.n);
  }

  return {
    year,
    orgUnit: unit,
    generatedAt: now,
    documents: DOCUMENT_KINDS.map((d) => {
      const row = documents.find((r) => r.kind === d.kind);
      return { kind: d.kind, label: d.label, issued: Number(row?.issued ?? 0), repealed: Number(row?.repealed ?? 0), inForce: Number(row?.inForce ?? 0) };
    }),
    decisions: DECISION_ITEMS.map((d) => ({ item: d.item, label: d.label, decisions: Number(decisions.find((r) => r.item === d.item)?.n ?? 0) })),
    requestRows,
    reclassified: sum(byRow.get(RECLASSIFIED_CODE) ?? zeroRequesters()),
    appeals: appealCounts,
  };
}

/**
 * The ids of the requests counted in one cell of 第三部分: row `code` (a DRILL_DOWN_CODES entry)
 * and requester column `column` (null: the 总计 column) — from the same classification as the
 * counts.
 */
export async function requestIdsOfCell(db: Db, unit: ReportUnit, year: number, timeZone: string, code: string, column: RequesterType | null): Promise<string[]> {
  const p = reportPeriod(year, timeZone);
  const inColumn = column === null ? Prisma.empty : Prisma.sql`AND "col" = ${column}`;
  const rows = await db.$queryRaw<{ id: string }[]>`${requestCellsSql(unit, p)} SELECT DISTINCT "id"::text AS "id" FROM cells WHERE "row" = ${code} ${inColumn}`;
  return rows.map((r) => r.id);
}

/** The ids of the requests whose appeals are counted in one cell of 第四部分 (column total: all). */
export async function requestIdsOfAppealCell(db: Db, unit: ReportUnit, year: number, timeZone: string, group: AppealGroupKey, column: AppealColumnKey): Promise<string[]> {
  const p = reportPeriod(year, timeZone);
  const inColumn = column === 'total' ? Prisma.empty : Prisma.sql`AND "col" = ${column}`;
  const rows = await db.$queryRaw<{ id: string }[]>`${appealCellsSql(unit, p)} SELECT DISTINCT "concernId"::text AS "id" FROM cells WHERE "grp" = ${group} ${inColumn}`;
  return rows.map((r) => r.id);
}
