// The assessment's weight scheme: which indicators count and for how many points, and the bands.
// Plain definitions and validation, no database and no GraphQL.
//
// The built-in default follows the 佳木斯 2018 scheme (目录建设12, 规范性文件10, 年报15, 财政预决算5,
// 权责清单5, 重点领域5, 依申请公开20, 政策解读10, 舆情回应8, 两微一端6, 要点4), keeping only what
// this software can measure and mapping it onto its indicators:
//   目录建设 12                     → CATALOG_COVERAGE (recurring catalog matters released in their window)
//   规范性文件 10 + 重点领域 5 = 15  → ON_TIME_PUBLICATION (releases published within their 时限)
//   依申请公开 20                   → REQUESTS_ON_TIME (requests concluded within the 条例 limits)
//   政策解读 10                     → INTERPRETATION (releases needing 解读 that have one)
//   舆情回应 8                      → CONCERN_RESPONSES (messages and 舆情 answered within their limits)
//   两微一端 6                      → NEW_MEDIA (the unit's 政务新媒体 updated in the last 2 weeks)
// 年报 15, 财政预决算 5, 权责清单 5 and 要点 4 (29 points) are judged by people, not measured here.
// WARNING: the measured 71 points are renormalised to 100 (largest remainder: 17+21+28+14+11+9),
// so the default is "佳木斯 restricted to what software sees", not the 佳木斯 scheme itself.
import { checkedInput, InputError } from '../../errors.js';
import { textField } from '../../validation.js';

export const ASSESSMENT_INDICATORS = [
  'ON_TIME_PUBLICATION',
  'CATALOG_COVERAGE',
  'INTERPRETATION',
  'CONCERN_RESPONSES',
  'REQUESTS_ON_TIME',
  'NEW_MEDIA',
] as const;
export type AssessmentIndicator = (typeof ASSESSMENT_INDICATORS)[number];

export type Weights = Record<AssessmentIndicator, number>;

export interface AssessmentSchemeDefinition {
  /** Null for the built-in default. */
  id: string | null;
  name: string;
  weights: Weights;
  excellentFrom: number;
  passFrom: number;
  activatedAt: Date | null;
}

export const DEFAULT_SCHEME: AssessmentSchemeDefinition = Object.freeze({
  id: null,
  name: '默认方案（佳木斯2018年指标中可由系统计量部分，折算为100分） — built-in default',
  weights: Object.freeze({
    CATALOG_COVERAGE: 17,
    ON_TIME_PUBLICATION: 21,
    REQUESTS_ON_TIME: 28,
    INTERPRETATION: 14,
    CONCERN_RESPONSES: 11,
    NEW_MEDIA: 9,
  }) as Weights,
  excellentFrom: 90,
  passFrom: 70,
  activatedAt: null,
});

/**
 * 国办秘函〔2019〕19号 freshness checks, judged as of the period end. Points are deducted from the
 * weighted score (floored at 0); a veto makes the unit 不合格 whatever its score.
 */
export const FRESHNESS_CHECKS = {
  /** 政策文件 column not updated in the 6 months before the check. */
  POLICY_COLUMN_STALE: { points: 5, veto: false, reason: '政策文件栏目6个月未更新 — no policy document or release needing 解读 first published in the 6 months before the period end.' },
  /** No new 留言答复 in 2 months. */
  NO_MESSAGE_REPLIES: { points: 3, veto: false, reason: '两个月内无新的留言答复 — the unit takes messages but published no answer in the 2 months before the period end.' },
  /** 政务新媒体 not updated in the 2 weeks before the check: 单项否决. */
  NEW_MEDIA_STALE: { points: 0, veto: true, reason: '政务新媒体2周内未更新（单项否决） — the unit owns a 政务新媒体 account and released nothing to NEW_MEDIA in the 2 weeks before the period end.' },
} as const;
export type FreshnessCheck = keyof typeof FRESHNESS_CHECKS;

/** Genres that make a release a 政策文件 for the freshness check (besides releases needing 解读). */
export const POLICY_GENRES = ['规章', '规范性文件', '行政规范性文件'] as const;

export type Band = 'EXCELLENT' | 'PASS' | 'FAIL';

export interface SchemeInput {
  name: string;
  weights: readonly { indicator: string; points: number }[];
  excellentFrom: number;
  passFrom: number;
}

/** Checks a scheme as entered; throws one InputError naming every offending field. */
export function validateScheme(input: SchemeInput): Omit<AssessmentSchemeDefinition, 'id' | 'activatedAt'> {
  return checkedInput((p) => {
    const name = p.check(() => textField('name', input.name, 200, true)!);
    const weights = Object.fromEntries(ASSESSMENT_INDICATORS.map((i) => [i, 0])) as Weights;
    const seen = new Set<string>();
    let complete = true;
    input.weights.forEach((w, i) => {
      const counted = p.check(() => {
        if (!(ASSESSMENT_INDICATORS as readonly string[]).includes(w.indicator)) throw new InputError(`weights[${i}].indicator`, `未知指标 ${w.indicator} — unknown indicator ${w.indicator}.`);
        if (seen.has(w.indicator)) throw new InputError(`weights[${i}].indicator`, `指标 ${w.indicator} 重复 — ${w.indicator} is listed twice.`);
        seen.add(w.indicator);
        if (!Number.isInteger(w.points) || w.points < 0) throw new InputError(`weights[${i}].points`, `指标 ${w.indicator} 的分值须为非负整数 — points must be a non-negative integer (${w.indicator}: ${w.points}).`);
        weights[w.indicator as AssessmentIndicator] = w.points;
        return true;
      });
      complete &&= counted === true;
    });
    // The sum means something only when every weight does.
    if (complete) {
      p.check(() => {
        const total = Object.values(weights).reduce((a, b) => a + b, 0);
        if (total !== 100) throw new InputError('weights', `各指标分值合计须为100，现为${total} — the points must add up to 100 (they add up to ${total}).`);
      });
    }
    const excellentOk = p.check(() => {
      if (!Number.isInteger(input.excellentFrom) || input.excellentFrom > 100) throw new InputError('excellentFrom', '优秀分数线须为不超过100的整数 — excellentFrom must be a whole number of at most 100.');
      return true;
    });
    p.check(() => {
      if (!Number.isInteger(input.passFrom) || input.passFrom < 0 || (excellentOk && input.passFrom >= input.excellentFrom)) {
        throw new InputError('passFrom', '合格分数线须为非负整数且低于优秀分数线 — passFrom must be a non-negative whole number below excellentFrom.');
      }
    });
    return { name, weights, excellentFrom: input.excellentFrom, passFrom: input.passFrom };
  });
}

/** A stored scheme's weights ({ indicator: points }); indicators it does not name weigh 0. */
export function parseStoredWeights(json: unknown): Weights {
  const weights = Object.fromEntries(ASSESSMENT_INDICATORS.map((i) => [i, 0])) as Weights;
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    for (const [k, v] of Object.entries(json)) {
      if ((ASSESSMENT_INDICATORS as readonly string[]).includes(k) && typeof v === 'number' && v >= 0) weights[k as AssessmentIndicator] = v;
    }
  }
  return weights;
}
