// 考核 through GraphQL: `assessment` for admins and auditors (the units of their scope), and
// `setAssessmentScheme` for county-wide admins.
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { InputError, NotFoundError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import { badUserInput } from '../../graphql/errors.js';
import { loadNodes } from '../../graphql/node-loading.js';
import { coversEverything } from '../../permissions/scope.js';
import { dayToDate } from '../../time.js';
import { actorOf } from '../audit/audit.service.js';
import { MatterRef } from '../catalog/matter.schema.js';
import { OrgUnitRef } from '../org/org-unit.schema.js';
import { MAX_PERIOD_DAYS, MAX_TREND_PERIODS, periodOf, type Period } from './assessment-periods.js';
import { ASSESSMENT_INDICATORS, FRESHNESS_CHECKS, type AssessmentSchemeDefinition } from './assessment-scheme.js';
import {
  assess,
  setAssessmentScheme,
  type Assessment,
  type CoverageGap,
  type Deduction,
  type IndicatorResult,
  type MatterRate,
  type TrendPoint,
  type UnitAssessment,
} from './assessment.service.js';

// ---- enums ----------------------------------------------------------------------------------

const IndicatorEnum = builder.enumType('AssessmentIndicator', {
  description: '考核指标 — an indicator the software measures.',
  values: {
    ON_TIME_PUBLICATION: { description: '按时公开率 — releases published by their 时限 among those due in the period (or carried over unpublished).' },
    CATALOG_COVERAGE: { description: '目录覆盖率 — recurring catalog matters released in each window their recurrence implies.' },
    INTERPRETATION: { description: '政策解读率 — releases needing 解读, first published in the period, that have one.' },
    CONCERN_RESPONSES: { description: '回应关切按时率 — messages, complaints and 舆情 due in the period answered within their limits.' },
    REQUESTS_ON_TIME: { description: '依申请公开按时答复率 — requests concluded within the 条例 limits.' },
    NEW_MEDIA: { description: '两微一端 — the unit\'s 政务新媒体 updated in the 2 weeks before the period end (units owning one).' },
  } satisfies Record<(typeof ASSESSMENT_INDICATORS)[number], { description: string }>,
});

const BandEnum = builder.enumType('AssessmentBand', {
  description: '考核等次 — grading band.',
  values: {
    EXCELLENT: { description: '优秀 — score at or above the scheme\'s excellentFrom.' },
    PASS: { description: '合格 — score at or above passFrom.' },
    FAIL: { description: '不合格 — below passFrom, or vetoed (单项否决).' },
  },
});

const CheckEnum = builder.enumType('AssessmentCheck', {
  description: '检查项 — a 国办秘函〔2019〕19号 freshness check judged as of the period end.',
  values: {
    POLICY_COLUMN_STALE: { description: `政策文件栏目6个月未更新 — deducts ${FRESHNESS_CHECKS.POLICY_COLUMN_STALE.points} points.` },
    NO_MESSAGE_REPLIES: { description: `两个月内无新的留言答复 — deducts ${FRESHNESS_CHECKS.NO_MESSAGE_REPLIES.points} points.` },
    NEW_MEDIA_STALE: { description: '政务新媒体2周内未更新 — 单项否决: 不合格 whatever the score.' },
  } satisfies Record<keyof typeof FRESHNESS_CHECKS, { description: string }>,
});

const RecurrenceEnum = builder.enumType('AssessmentRecurrence', {
  description: '发布周期 — how often a catalog standard expects a release, whatever happens.',
  values: {
    MONTHLY: { description: '每月 — every calendar month.' },
    QUARTERLY: { description: '每季度 — every quarter.' },
    HALF_YEARLY: { description: '每半年 — every half-year.' },
    YEARLY: { description: '每年 — every calendar year.' },
  },
});

// ---- objects ----------------------------------------------------------------------------------

/** Org units and matters of one request, loaded in one batch per type through their row filters. */
const loaders = new WeakMap<Context, Map<string, DataLoader<string, object | null>>>();
function nodeLoader(ctx: Context, info: GraphQLResolveInfo, typename: string): DataLoader<string, object | null> {
  let byType = loaders.get(ctx);
  if (!byType) loaders.set(ctx, (byType = new Map()));
  let loader = byType.get(typename);
  if (!loader) {
    loader = new DataLoader<string, object | null>((ids) => loadNodes(ctx, info, ids.map((id) => ({ id, typename }))), { maxBatchSize: 100 });
    byType.set(typename, loader);
  }
  return loader;
}
const orgUnitOf = (id: string, ctx: Context, info: GraphQLResolveInfo) => nodeLoader(ctx, info, 'OrgUnit').load(id) as never;
const matterOf = (id: string, ctx: Context, info: GraphQLResolveInfo) => nodeLoader(ctx, info, 'Matter').load(id) as never;

const PeriodRef = builder.objectRef<Period>('AssessmentPeriod').implement({
  description: '考核期 — a span of local days (county time zone), both ends included.',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: '起始日 — first day.', resolve: (p) => dayToDate(p.from) }),
    to: t.field({ type: 'Date', description: '截止日 — last day (inclusive).', resolve: (p) => dayToDate(p.to) }),
  }),
});

const WeightRef = builder.objectRef<{ indicator: (typeof ASSESSMENT_INDICATORS)[number]; points: number }>('AssessmentWeight').implement({
  description: '指标分值 — the points an indicator carries in a scheme.',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorEnum, description: '指标 — the indicator.', resolve: (w) => w.indicator }),
    points: t.exposeInt('points', { description: '分值 — its points (all indicators add up to 100).' }),
  }),
});

const SchemeRef = builder.objectRef<AssessmentSchemeDefinition>('AssessmentScheme').implement({
  description: '考核方案 — the weights and bands in force.',
  fields: (t) => ({
    name: t.exposeString('name', { description: '名称 — the scheme\'s name.' }),
    builtIn: t.boolean({ description: '内置 — true for the built-in default (佳木斯2018年指标中可计量部分折算为100分), in force until an admin sets one.', resolve: (s) => s.id === null }),
    weights: t.field({
      type: [WeightRef],
      description: '指标分值 — points per indicator, adding up to 100.',
      resolve: (s) => ASSESSMENT_INDICATORS.map((indicator) => ({ indicator, points: s.weights[indicator] })),
    }),
    excellentFrom: t.exposeInt('excellentFrom', { description: '优秀分数线 — score from which a unit is 优秀.' }),
    passFrom: t.exposeInt('passFrom', { description: '合格分数线 — score from which a unit is 合格 (below: 不合格).' }),
    activatedAt: t.field({ type: 'DateTime', nullable: true, description: '启用时间 — when it was put in force; null for the built-in default.', resolve: (s) => s.activatedAt }),
  }),
});

const IndicatorResultRef = builder.objectRef<IndicatorResult>('AssessmentIndicatorResult').implement({
  description: '指标得分 — one indicator of a unit: what was measured and the points it earned.',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorEnum, description: '指标 — the indicator.', resolve: (r) => r.indicator }),
    numerator: t.exposeInt('numerator', { description: '达标数 — items that met the requirement (on time, covered, interpreted …).' }),
    denominator: t.exposeInt('denominator', { description: '应计数 — items measured; 0 when there was nothing to measure.' }),
    rate: t.exposeFloat('rate', { nullable: true, description: '比率 — numerator / denominator (0–1, 4 decimals); null when nothing was measured (the indicator is then left out and the other weights renormalised).' }),
    weight: t.exposeInt('weight', { description: '分值 — the scheme\'s points for the indicator.' }),
    points: t.exposeFloat('points', { nullable: true, description: '得分 — points earned out of 100, after renormalising over the measured indicators; null when not measured.' }),
  }),
});

const DeductionRef = builder.objectRef<Deduction>('AssessmentDeduction').implement({
  description: '扣分项 — a freshness check the unit failed as of the period end.',
  fields: (t) => ({
    check: t.field({ type: CheckEnum, description: '检查项 — which check.', resolve: (d) => d.check }),
    points: t.exposeInt('points', { description: '扣分 — points deducted (0 for a veto).' }),
    veto: t.exposeBoolean('veto', { description: '单项否决 — true when this check alone makes the unit 不合格.' }),
    reason: t.exposeString('reason', { description: '原因 — what was found.' }),
  }),
});

const TrendPointRef = builder.objectRef<TrendPoint>('AssessmentTrendPoint').implement({
  description: '历史得分 — the unit\'s score in an earlier period of the same length.',
  fields: (t) => ({
    period: t.field({ type: PeriodRef, description: '考核期 — the earlier period.', resolve: (p) => p.period }),
    score: t.exposeFloat('score', { description: '得分 — its score (0–100).' }),
    band: t.field({ type: BandEnum, description: '等次 — its band.', resolve: (p) => p.band }),
    vetoed: t.exposeBoolean('vetoed', { description: '单项否决 — vetoed in that period.' }),
  }),
});

const CoverageGapRef = builder.objectRef<CoverageGap>('AssessmentCoverageGap').implement({
  description: '目录缺项 — a recurring catalog matter of the unit with no release first published in one of its windows.',
  fields: (t) => ({
    matter: t.field({ type: MatterRef, nullable: true, description: '公开事项 — the matter.', resolve: (g, _a, ctx, info) => matterOf(g.matterId, ctx, info) }),
    recurrence: t.field({ type: RecurrenceEnum, description: '发布周期 — the standard\'s recurrence.', resolve: (g) => g.recurrence as never }),
    windowStart: t.field({ type: 'DateTime', description: '周期起 — start of the window.', resolve: (g) => g.windowStart }),
    windowEnd: t.field({ type: 'DateTime', description: '周期止 — end of the window (exclusive); it may lie after the period end, and a release until then still covers it.', resolve: (g) => g.windowEnd }),
  }),
});

const MatterRateRef = builder.objectRef<MatterRate>('AssessmentMatterRate').implement({
  description: '事项按时公开率 — on-time publication of one matter in the period (the same counting rule as the indicator).',
  fields: (t) => ({
    matter: t.field({ type: MatterRef, nullable: true, description: '公开事项 — the matter.', resolve: (r, _a, ctx, info) => matterOf(r.matterId, ctx, info) }),
    due: t.exposeInt('due', { description: '应公开数 — releases due.' }),
    onTime: t.exposeInt('onTime', { description: '按时公开数 — published by their due time.' }),
    overdue: t.exposeInt('overdue', { description: '逾期未公开数 — past due and unpublished as of the period end.' }),
    rate: t.exposeFloat('rate', { nullable: true, description: '按时公开率 — onTime / due (0–1); null when nothing was due.' }),
  }),
});

const UnitRef = builder.objectRef<UnitAssessment>('AssessmentUnit').implement({
  description: '单位考核结果 — one unit\'s score, band, indicators and deductions (its own releases, concerns and standards; no subtree roll-up).',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: '排名 — position by score, highest first; equal scores in code order.' }),
    orgUnit: t.field({ type: OrgUnitRef, nullable: true, description: '单位 — the unit.', resolve: (u, _a, ctx, info) => orgUnitOf(u.orgUnitId, ctx, info) }),
    score: t.exposeFloat('score', { description: '得分 — Σ weight × rate over the measured indicators (renormalised to 100), minus deductions, at least 0; 2 decimals.' }),
    band: t.field({ type: BandEnum, description: '等次 — 优秀 / 合格 / 不合格 (a veto makes it 不合格).', resolve: (u) => u.band }),
    vetoed: t.exposeBoolean('vetoed', { description: '单项否决 — true when a veto check failed.' }),
    indicators: t.field({ type: [IndicatorResultRef], description: '指标 — every indicator of the scheme.', resolve: (u) => u.indicators }),
    deductions: t.field({ type: [DeductionRef], description: '扣分项 — freshness checks failed, with reasons.', resolve: (u) => u.deductions }),
    overdue: t.exposeInt('overdue', { description: '逾期未公开 — releases past due and unpublished as of the period end (or now).' }),
    dueSoon: t.exposeInt('dueSoon', { description: '即将到期 — unpublished releases due within the next 7 calendar days from now.' }),
    lateInterpretations: t.exposeInt('lateInterpretations', { description: '解读逾期 — releases needing 解读 interpreted after their due time, or not yet and past it.' }),
    medianInterpretationLagHours: t.exposeFloat('medianInterpretationLagHours', { nullable: true, description: '解读时滞中位数（小时） — median hours from first publication to first 解读; null when none was interpreted.' }),
    coverageGaps: t.field({ type: [CoverageGapRef], description: '目录缺项 — recurring matters not released in their window.', resolve: (u) => u.coverageGaps }),
    trend: t.field({ type: [TrendPointRef], description: '趋势 — the same score for the earlier periods of the same length, newest first.', resolve: (u) => u.trend }),
    matters: t.field({ type: [MatterRateRef], description: '事项按时公开率 — on-time publication per matter of this unit.', resolve: (u) => u.matters() }),
  }),
});

const AssessmentRef = builder.objectRef<Assessment>('Assessment').implement({
  description: '考核 — the assessment of the units in scope for a period.',
  fields: (t) => ({
    period: t.field({ type: PeriodRef, description: '考核期 — the period assessed.', resolve: (a) => a.period }),
    scheme: t.field({ type: SchemeRef, description: '考核方案 — the weights and bands applied.', resolve: (a) => a.scheme }),
    units: t.field({ type: [UnitRef], description: '单位 — the units assessed, by rank.', resolve: (a) => a.units }),
    matters: t.field({ type: [MatterRateRef], description: '事项按时公开率 — on-time publication per matter over all units assessed (drill-down).', resolve: (a) => a.matters() }),
  }),
});

const PeriodInput = builder.inputType('AssessmentPeriodInput', {
  description: '考核期 — local days of the county time zone, both ends included.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true, description: '起始日 — first day, e.g. 2025-01-01.' }),
    to: t.field({ type: 'Date', required: true, description: `截止日 — last day (inclusive), e.g. 2025-03-31; at most ${MAX_PERIOD_DAYS} days after from.` }),
  }),
});

builder.queryField('assessment', (t) =>
  t.field({
    type: AssessmentRef,
    nullable: true,
    description:
      '考核 — scores, bands and ranking of the units in your scope under a unit (default: the whole county) for a period, with the trend of earlier periods (admins and auditors). Null when the unit is unknown or outside your scope.',
    args: {
      period: t.arg({ type: PeriodInput, required: true, description: '考核期 — the period.' }),
      orgUnitId: t.arg.globalID({ for: OrgUnitRef, description: '单位 — assess this unit and its subtree (default: the root).' }),
      trendPeriods: t.arg.int({ defaultValue: 4, description: `趋势期数 — how many earlier periods of the same length to score (0–${MAX_TREND_PERIODS}, default 4).` }),
    },
    resolve: async (_r, args, ctx) => {
      try {
        return await assess(
          ctx.db,
          ctx.viewer,
          { period: periodOf(args.period.from, args.period.to), orgUnitId: args.orgUnitId?.id ?? null, trendPeriods: args.trendPeriods ?? 4 },
          ctx.config.timeZone,
          ctx.now,
        );
      } catch (error) {
        // A query has no result union: a bad period is a bad request.
        if (error instanceof InputError) throw badUserInput(error.message, { field: error.field });
        throw error;
      }
    },
  }),
);

const WeightInput = builder.inputType('AssessmentWeightInput', {
  description: '指标分值 — the points of one indicator.',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorEnum, required: true, description: '指标 — the indicator.' }),
    points: t.int({ required: true, description: '分值 — non-negative points; all indicators add up to 100.' }),
  }),
});

const SetSchemePayload = builder.objectRef<{ scheme: AssessmentSchemeDefinition }>('SetAssessmentSchemePayload').implement({
  description: '设置考核方案结果 — the scheme now in force.',
  fields: (t) => ({
    scheme: t.field({ type: SchemeRef, description: '考核方案 — the scheme as stored and activated.', resolve: (p) => p.scheme }),
  }),
});

builder.mutationField('setAssessmentScheme', (t) =>
  t.fieldWithInput({
    type: SetSchemePayload,
    description: '设置考核方案 — store a weight scheme and put it in force, replacing the previous one (county-wide admins). Audited.',
    typeOptions: { description: '设置考核方案输入 — name, points per indicator and bands.' },
    input: {
      name: t.input.string({ required: true, description: '名称 — e.g. 2026年度政务公开考核方案.' }),
      weights: t.input.field({ type: [WeightInput], required: true, description: '指标分值 — points per indicator (unlisted: 0), adding up to 100.' }),
      excellentFrom: t.input.int({ required: true, description: '优秀分数线 — at most 100, e.g. 90.' }),
      passFrom: t.input.int({ required: true, description: '合格分数线 — below excellentFrom, e.g. 70.' }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '设置考核方案结果 — the scheme, or why not.' } },
    resolve: async (_r, { input }, ctx) => {
      // The scheme is county-wide: only an admin of the whole county may change it.
      if (!coversEverything(ctx.viewer, ['ADMIN'])) throw new NotFoundError('assessment scheme');
      return { scheme: await setAssessmentScheme(ctx.db, actorOf(ctx), input) };
    },
  }),
);
