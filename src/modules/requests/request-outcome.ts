// The outcome an answer gives a disclosure request, in the 年报 format: the families and their
// sub-reasons come from the report's layout, so an answer can only say what the report counts.
import { InputError } from '../../errors.js';
import type { ConcernKind, RequestOutcome, RequestOutcomeDetail } from '../../generated/prisma/enums.js';
import { OUTCOME_FAMILIES } from '../reports/annual-report.layout.js';

export interface OutcomeInput {
  outcome?: RequestOutcome | null;
  outcomeDetail?: RequestOutcomeDetail | null;
}

const DETAILS = new Map<string, readonly string[]>(OUTCOME_FAMILIES.map((f) => [f.outcome, f.details.map(([detail]) => detail)]));

/** The outcome and detail of an answer to a concern of `kind`, checked (both may still be null in a draft). */
export function checkedOutcome(kind: ConcernKind, input: OutcomeInput): { outcome: RequestOutcome | null; outcomeDetail: RequestOutcomeDetail | null } {
  const outcome = input.outcome ?? null;
  const outcomeDetail = input.outcomeDetail ?? null;
  if (kind !== 'DISCLOSURE_REQUEST') {
    if (outcome || outcomeDetail) throw new InputError('outcome', '只有政府信息公开申请的答复有办理结果 — only the answer to a disclosure request has an outcome.');
    return { outcome: null, outcomeDetail: null };
  }
  if (outcome === 'CARRIED_OVER') throw new InputError('outcome', '结转下年度不是答复结果：年底未办结的申请自动结转 — carried over is not an answer; open requests are carried over at the end of the year.');
  if (!outcome) {
    if (outcomeDetail) throw new InputError('outcomeDetail', '请先选择办理结果 — choose the outcome the detail belongs to.');
    return { outcome: null, outcomeDetail: null };
  }
  const details = DETAILS.get(outcome);
  if (!details) {
    if (outcomeDetail) throw new InputError('outcomeDetail', `${outcome} 没有细分理由 — ${outcome} has no sub-reasons.`);
  } else if (!outcomeDetail) {
    throw new InputError('outcomeDetail', `请选择${outcome}的具体理由 — ${outcome} needs one of: ${details.join(', ')}.`);
  } else if (!details.includes(outcomeDetail)) {
    throw new InputError('outcomeDetail', `${outcomeDetail} 不属于 ${outcome} — ${outcomeDetail} is not a reason of ${outcome}; use one of: ${details.join(', ')}.`);
  }
  return { outcome, outcomeDetail };
}
