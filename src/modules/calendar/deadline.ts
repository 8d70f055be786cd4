// Deadlines from a standard's time-limit rule: 信息形成日 + N working days, calendar days or
// hours, in the county's time zone. A deadline is the END of its last day (23:59:59.999 local).
import { addDays, endOfLocalDay, localDay } from '../../time.js';
import { STATUTORY_DEFAULT, type TimeLimitRule } from '../catalog/time-limit.js';
import type { WorkCalendar } from './work-calendar.js';

export interface Deadline {
  dueAt: Date;
  /** False when a day in the counted span lies in a year whose holidays are unknown. */
  calendarComplete: boolean;
}

/** How far (in calendar days) a rule can reach, to size the calendar range to load. */
export function calendarSpanDays(rule: Pick<TimeLimitRule, 'amount' | 'unit'>): number {
  const amount = rule.amount ?? STATUTORY_DEFAULT.amount;
  if (rule.unit === 'HOURS') return Math.ceil(amount / 24) + 1;
  if (rule.unit === 'CALENDAR_DAYS') return amount + 1;
  // Worst case: the Spring Festival (7–9 days off) and National Day inside the span.
  return Math.ceil(amount * 1.6) + 20;
}

export function computeDeadline(
  rule: Pick<TimeLimitRule, 'amount' | 'unit' | 'before'>,
  triggerAt: Date,
  calendar: WorkCalendar,
  timeZone: string,
): Deadline {
  const amount = rule.amount ?? STATUTORY_DEFAULT.amount;
  const unit = rule.amount === null ? STATUTORY_DEFAULT.unit : (rule.unit ?? STATUTORY_DEFAULT.unit);
  const sign = rule.before ? -1 : 1;
  if (unit === 'HOURS') {
    return { dueAt: new Date(triggerAt.getTime() + sign * amount * 3_600_000), calendarComplete: true };
  }
  const startDay = localDay(triggerAt, timeZone);
  const endDay = unit === 'CALENDAR_DAYS' ? addDays(startDay, sign * amount) : calendar.shiftWorkingDays(startDay, sign * amount);
  const [from, to] = endDay < startDay ? [endDay, startDay] : [startDay, endDay];
  const complete = calendar.knows(from) && calendar.knows(to);
  return { dueAt: endOfLocalDay(endDay, timeZone), calendarComplete: complete };
}
