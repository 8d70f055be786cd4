// 考核: the assessment of org units for a period, and the weight scheme in force. Plain service
// functions (GraphQL, tests and scripts call them alike); every figure comes from SQL
// (assessment.sql.ts), a handful of statements per assessment.
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import { checkedInput, InputError } from '../../errors.js';
import { scopePaths } from '../../permissions/scope.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { instantsOf, MAX_PERIOD_DAYS, MAX_TREND_PERIODS, previousPeriods, spanDays, type Period, type PeriodInstants } from './assessment-periods.js';
import {
  ASSESSMENT_INDICATORS,
  DEFAULT_SCHEME,
  FRESHNESS_CHECKS,
  parseStoredWeights,
  validateScheme,
  type AssessmentIndicator,
  type AssessmentSchemeDefinition,
  type Band,
  type FreshnessCheck,
  type SchemeInput,
} from './assessment-scheme.js';
import { coverageGaps, matterRates, scoreUnits, type MatterRateRow, type ScoreRow, type UnitScope } from './assessment.sql.js';

export interface IndicatorResult {
  indicator: AssessmentIndicator;
  numerator: number;
  denominator: number;
  /** numerator / denominator; null when there was nothing to measure. */
  rate: number | null;
  /** The scheme's points for it. */
  weight: number;
  /** Points earned after renormalising over the measured indicators; null when not measured. */
  points: number | null;
}

export interface Deduction {
  check: FreshnessCheck;
  points: number;
  veto: boolean;
  reason: string;
}

export interface TrendPoint {
  period: Period;
  score: number;
  band: Band;
  vetoed: boolean;
}

export interface CoverageGap {
  matterId: string;
  recurrence: string;
  windowStart: Date;
  /** Exclusive. */
  windowEnd: Date;
}

export interface MatterRate {
  matterId: string;
  due: number;
  onTime: number;
  overdue: number;
  rate: number | null;
}

export interface UnitAssessment {
  rank: number;
  orgUnitId: string;
  code: string;
  name: string;
  score: number;
  band: Band;
  vetoed: boolean;
  indicators: IndicatorResult[];
  deductions: Deduction[];
  overdue: number;
  dueSoon: number;
  lateInterpretations: number;
  medianInterpretationLagHours: number | null;
  trend: TrendPoint[];
  coverageGaps: CoverageGap[];
  /** On-time publication per matter of this unit (computed on first use, shared by all units). */
  matters: () => Promise<MatterRate[]>;
}

export interface Assessment {
  period: Period;
  scheme: AssessmentSchemeDefinition;
  units: UnitAssessment[];
  /** On-time publication per matter over every unit assessed. */
  matters: () => Promise<MatterRate[]>;
}

/** The scheme in force: the active stored one, or the built-in default. */
export async function activeScheme(db: Db): Promise<AssessmentSchemeDefinition> {
  const row = await db.assessmentScheme.findFirst({ where: { active: true }, orderBy: { createdAt: 'desc' } });
  if (!row) return DEFAULT_SCHEME;
  return { id: row.id, name: row.name, weights: parseStoredWeights(row.weights), excellentFrom: row.excellentFrom, passFrom: row.passFrom, activatedAt: row.createdAt };
}

const rateOf = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

function deductionsOf(row: ScoreRow): Deduction[] {
  const out: Deduction[] = [];
  const add = (check: FreshnessCheck) => out.push({ check, ...FRESHNESS_CHECKS[check] });
  if (row.policyStale) add('POLICY_COLUMN_STALE');
  if (row.repliesStale) add('NO_MESSAGE_REPLIES');
  if (row.newMediaStale) add('NEW_MEDIA_STALE');
  return out;
}

/**
 * Assesses every active unit of the subtree at `orgUnitId` (default: the root) that lies in the
 * viewer's ADMIN/AUDITOR scope, for `period` and the `trendPeriods` periods before it. Returns
 * null when the unit is unknown or the viewer's scope does not reach into its subtree.
 */
export async function assess(
  db: Db,
  viewer: Viewer,
  input: { period: Period; orgUnitId: string | null; trendPeriods: number },
  timeZone: string,
  now: Date,
): Promise<Assessment | null> {
  const { period, trendPeriods } = input;
  checkedInput((p) => {
    p.check(() => {
      if (period.from > period.to) throw new InputError('period', '考核期的开始日期不能晚于结束日期 — the period\'s `from` must not be after `to`.');
      if (spanDays(period) > MAX_PERIOD_DAYS) throw new InputError('period', `考核期最长${MAX_PERIOD_DAYS}天 — a period has at most ${MAX_PERIOD_DAYS} days.`);
    });
    p.check(() => {
      if (!Number.isInteger(trendPeriods) || trendPeriods < 0 || trendPeriods > MAX_TREND_PERIODS) throw new InputError('trendPeriods', `趋势期数须为0–${MAX_TREND_PERIODS} — trendPeriods must be 0–${MAX_TREND_PERIODS}.`);
    });
  });
  const paths = scopePaths(viewer, ['ADMIN', 'AUDITOR']);
  const [subject, scheme] = await Promise.all([
    input.orgUnitId
      ? db.orgUnit.findUnique({ where: { id: input.orgUnitId }, select: { path: true } })
      : db.orgUnit.findFirst({ where: { parentId: null }, orderBy: { sortOrder: 'asc' }, select: { path: true } }),
    activeScheme(db),
  ]);
  // Visible when a grant covers the unit, or lies inside its subtree (then only that part is assessed).
  if (!subject || !paths.some((p) => subject.path.startsWith(p) || p.startsWith(subject.path))) return null;
  const scope: UnitScope = { subjectPath: subject.path, scopePaths: paths };
  const periods: PeriodInstants[] = [period, ...previousPeriods(period, trendPeriods)].map((p) => instantsOf(p, timeZone, now));
  const current = periods[0]!;

  // One snapshot for the scores and the gap list. JIT off: the statement's cost estimate (a
  // million releases) makes PostgreSQL spend seconds compiling a plan that runs in a fraction
  // of that.
  const [rows, gaps] = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL jit = off`;
      const t = tx as unknown as Db;
      return [await scoreUnits(t, scope, periods, scheme, timeZone, now), await coverageGaps(t, scope, current, timeZone)] as const;
    },
    { isolationLevel: 'RepeatableRead' },
  );

  let rates: Promise<MatterRateRow[]> | undefined;
  const loadRates = () => (rates ??= matterRates(db, scope, current));
  const toRate = (r: MatterRateRow): MatterRate => ({ matterId: r.matterId, due: r.due, onTime: r.onTime, overdue: r.overdue, rate: rateOf(r.onTime, r.due) });

  const trendByUnit = new Map<string, TrendPoint[]>();
  for (const r of rows) {
    if (r.idx === 1) continue;
    const p = periods[r.idx - 1]!;
    const list = trendByUnit.get(r.unitId) ?? [];
    list.push({ period: { from: p.from, to: p.to }, score: r.score, band: r.band, vetoed: r.vetoed });
    trendByUnit.set(r.unitId, list);
  }
  const gapsByUnit = new Map<string, CoverageGap[]>();
  for (const g of gaps) {
    const list = gapsByUnit.get(g.unitId) ?? [];
    list.push({ matterId: g.matterId, recurrence: g.recurrence, windowStart: g.windowStart, windowEnd: g.windowEnd });
    gapsByUnit.set(g.unitId, list);
  }

  const units = rows
    .filter((r) => r.idx === 1)
    .map((r): UnitAssessment => ({
      rank: r.rank,
      orgUnitId: r.unitId,
      code: r.code,
      name: r.name,
      score: r.score,
      band: r.band,
      vetoed: r.vetoed,
      indicators: ASSESSMENT_INDICATORS.map((i) => {
        const numerator = Number(r[`${i}_num`]);
        const denominator = Number(r[`${i}_den`]);
        return { indicator: i, numerator, denominator, rate: rateOf(numerator, denominator), weight: scheme.weights[i], points: r[`${i}_pts`] ?? null };
      }),
      deductions: deductionsOf(r),
      overdue: r.overdue,
      dueSoon: r.dueSoon,
      lateInterpretations: r.lateInterpretations,
      medianInterpretationLagHours: r.medianLagHours === null ? null : Math.round(r.medianLagHours * 100) / 100,
      trend: trendByUnit.get(r.unitId) ?? [],
      coverageGaps: gapsByUnit.get(r.unitId) ?? [],
      matters: async () => (await loadRates()).filter((x) => x.unitId === r.unitId).map(toRate),
    }));
  return { period, scheme, units, matters: async () => (await loadRates()).filter((x) => x.unitId === null).map(toRate) };
}

/**
 * Stores a scheme and makes it the one in force, deactivating the previous one in the same
 * transaction (under a table lock, so two concurrent activations cannot leave two active).
 * County-wide admins only; the caller checks that.
 */
export async function setAssessmentScheme(db: Db, actor: AuditActor, input: SchemeInput): Promise<AssessmentSchemeDefinition> {
  const scheme = validateScheme(input);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE "AssessmentScheme" IN SHARE ROW EXCLUSIVE MODE`;
    const previous = await tx.assessmentScheme.findMany({ where: { active: true }, select: { id: true } });
    await tx.assessmentScheme.updateMany({ where: { active: true }, data: { active: false } });
    const row = await tx.assessmentScheme.create({
      data: { name: scheme.name, weights: scheme.weights, excellentFrom: scheme.excellentFrom, passFrom: scheme.passFrom, active: true, createdById: actor.userId ?? null },
    });
    await recordAudit(tx, actor, {
      action: 'assessment_scheme.activated',
      entityType: 'AssessmentScheme',
      entityId: row.id,
      data: { name: row.name, weights: scheme.weights, excellentFrom: row.excellentFrom, passFrom: row.passFrom, deactivated: previous.map((p) => p.id) },
    });
    return { id: row.id, name: row.name, weights: scheme.weights, excellentFrom: row.excellentFrom, passFrom: row.passFrom, activatedAt: row.createdAt };
  });
}
