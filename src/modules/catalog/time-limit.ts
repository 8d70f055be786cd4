// 公开时限: the catalog's wording parsed into a rule the deadline calculator can apply.
// The wording is kept verbatim beside the rule; the parser only has to be right about the
// first (governing) clause, e.g. "信息形成20个工作日内公开；其中行政许可…7个工作日内公示".
import type { TimeLimitTrigger, TimeLimitUnit } from '../../generated/prisma/enums.js';

export interface TimeLimitRule {
  trigger: TimeLimitTrigger;
  /** N; null when the wording says only 及时/立即 (the statutory 20 working days then apply). */
  amount: number | null;
  unit: TimeLimitUnit | null;
  /** Due N units before the trigger (听证通知书在组织听证7个工作日前). */
  before: boolean;
  /** 公示期: minimum display period, when the wording sets one. */
  displayPeriod: { amount: number; unit: TimeLimitUnit } | null;
}

/** 条例 第26条: 自该政府信息形成或者变更之日起20个工作日内. */
export const STATUTORY_DEFAULT = { amount: 20, unit: 'WORKING_DAYS' } as const;

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parses 20, 二十, 十五, 三十 … (up to 99). */
export function parseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$|^([零〇一二两三四五六七八九])$/.exec(text);
  if (!m) return null;
  if (m[3]) return DIGITS[m[3]]!;
  return (m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[2] ? DIGITS[m[2]]! : 0);
}

const NUM = '(\\d+|[零〇一二两三四五六七八九十]{1,3})';
const UNIT = '(个工作日|工作日|个自然日|自然日|日|天|个小时|小时)';
const PERIOD = new RegExp(`${NUM}\\s*${UNIT}`);

function unitOf(word: string): TimeLimitUnit {
  if (word.includes('小时')) return 'HOURS';
  if (word.includes('工作日')) return 'WORKING_DAYS';
  return 'CALENDAR_DAYS';
}

/** Which event starts the clock, from the words of the governing clause. */
function triggerOf(clause: string): TimeLimitTrigger {
  if (/听证|会议/.test(clause) && /前/.test(clause)) return 'HEARING_HELD';
  if (/收到.*(批准|批复)|批准文件|批复/.test(clause)) return 'APPROVAL_RECEIVED';
  if (/作出.*决定|决定作出/.test(clause)) return 'DECISION_MADE';
  if (/签订|签署/.test(clause)) return 'CONTRACT_SIGNED';
  if (/启动|开始实施|实地/.test(clause)) return 'WORK_STARTED';
  if (/(调查|工作|验收|评审|评议)(结束|完成)|结束后|完成后/.test(clause)) return 'WORK_COMPLETED';
  if (/(结果|名单|中标|成交).*确定|确定.*(结果|中标|成交)|确定后/.test(clause)) return 'RESULT_DETERMINED';
  if (/(政策|文件).*(公布|印发|发布)/.test(clause)) return 'POLICY_PUBLISHED';
  return 'INFORMATION_FORMED';
}

/**
 * Parses catalog wording such as "信息形成或者变更之日起20个工作日内",
 * "收到征地批准文件之日起10个工作日内公开", "听证通知书在组织听证7个工作日前予以公开",
 * "信息形成(变更)3个工作日内，公示时间不少于7个工作日", "及时公开，公告期限为5个工作日".
 * @returns null when the wording names no period, no display period and no 及时/立即/当日.
 */
export function parseTimeLimit(text: string): TimeLimitRule | null {
  const normalized = text.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
  // The governing clause is the first one; later clauses (其中…) qualify special cases.
  const [governing = ''] = normalized.split(/[；;]|其中/);

  // A display period: 公示(时间|期|期限)不少于N… / 公告期限为N… / 公示N个工作日
  let displayPeriod: TimeLimitRule['displayPeriod'] = null;
  const display = new RegExp(`(公示|公告)(时间|期限|期)?(不少于|不得少于|为|不低于)?${NUM}\\s*${UNIT}`).exec(normalized);
  let deadlineText = governing;
  if (display) {
    const amount = parseNumber(display[4]!);
    if (amount !== null) displayPeriod = { amount, unit: unitOf(display[5]!) };
    deadlineText = governing.replace(display[0], '');
  }

  const before = /前(予以)?(公开|公示|公告|发布|送达)?/.test(deadlineText) && !/之日起|后|内/.test(deadlineText.replace(/前.*$/, ''));
  const period = PERIOD.exec(deadlineText);
  const trigger = triggerOf(governing);
  if (period) {
    const amount = parseNumber(period[1]!);
    if (amount === null) return null;
    return { trigger, amount, unit: unitOf(period[2]!), before, displayPeriod };
  }
  if (/及时|即时|实时|立即|随时/.test(normalized) || displayPeriod) {
    // Only "promptly" or only a display period: the deadline falls back to the statute.
    return { trigger, amount: null, unit: null, before: false, displayPeriod };
  }
  if (/当日|当天|时[，,]|时公开|时在/.test(governing)) {
    // "在实地启动拟征收土地工作时，在村公示栏公开": due the day the trigger happens.
    return { trigger, amount: 0, unit: 'CALENDAR_DAYS', before: false, displayPeriod };
  }
  return null;
}
