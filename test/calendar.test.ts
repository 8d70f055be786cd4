// Working-day arithmetic and deadlines on the real 2025–2026 statutory calendar shipped with
// chinese-days (node_modules/chinese-days/dist/chinese-days.json). Unit tests: no database.
//
// The data, as checked in chinese-days 1.5.7:
//   2026 Spring Festival: holidays 02-15 (Sun) … 02-23 (Mon); make-up workdays Sat 02-14 and Sat 02-28.
//   2026 Mid-autumn:      holidays 09-25 (Fri) … 09-27 (Sun).
//   2026 National Day:    holidays 10-01 (Thu) … 10-07 (Wed); make-up workdays Sun 09-20 and Sat 10-10.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { TimeLimitRule } from '../src/modules/catalog/time-limit.js';
import { calendarSpanDays, computeDeadline } from '../src/modules/calendar/deadline.js';
import { WorkCalendar } from '../src/modules/calendar/work-calendar.js';
import { bundledCalendar } from '../src/modules/calendar/work-calendar.service.js';

const TZ = 'Asia/Shanghai';
const bundled = bundledCalendar();
const calendar = new WorkCalendar(new Map(bundled.days.map((d) => [d.date, d.kind])), new Set(bundled.years));
const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

type Rule = Pick<TimeLimitRule, 'amount' | 'unit' | 'before'>;
const rule = (amount: number | null, unit: Rule['unit'], before = false): Rule => ({ amount, unit, before });
/** The end of a local day in Shanghai (UTC+8): 23:59:59.999+08:00 = 15:59:59.999Z. */
const endOfShanghaiDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

describe('bundledCalendar (chinese-days data)', () => {
  it('marks 2026-10-01 … 10-07 as National Day holidays', () => {
    const byDate = new Map(bundled.days.map((d) => [d.date, d]));
    for (let d = 1; d <= 7; d++) {
      const day = `2026-10-0${d}`;
      expect(byDate.get(day)?.kind, day).toBe('HOLIDAY');
      expect(byDate.get(day)?.name, day).toBe('国庆节');
    }
    expect(byDate.get('2026-10-08')).toBeUndefined();
  });

  it('marks Sun 2026-09-20 and Sat 2026-10-10 as National Day make-up workdays', () => {
    expect(raw.workdays['2026-09-20']).toMatch(/国庆节/);
    expect(raw.workdays['2026-10-10']).toMatch(/国庆节/);
    const byDate = new Map(bundled.days.map((d) => [d.date, d.kind]));
    expect(byDate.get('2026-09-20')).toBe('MAKEUP_WORKDAY');
    expect(byDate.get('2026-10-10')).toBe('MAKEUP_WORKDAY');
  });

  it('has the 2026 Spring Festival: holidays 02-15 … 02-23, make-up workdays 02-14 and 02-28', () => {
    for (let d = 15; d <= 23; d++) expect(raw.holidays[`2026-02-${d}`], `2026-02-${d}`).toMatch(/春节/);
    expect(raw.holidays['2026-02-14']).toBeUndefined();
    expect(raw.holidays['2026-02-24']).toBeUndefined();
    expect(raw.workdays['2026-02-14']).toMatch(/春节/);
    expect(raw.workdays['2026-02-28']).toMatch(/春节/);
  });

  it('lists every year from 2004 to the last bundled one, without gaps', () => {
    const last = Math.max(...Object.keys(raw.holidays).map((d) => Number(d.slice(0, 4))));
    expect(last).toBeGreaterThanOrEqual(2026);
    expect(bundled.years).toEqual(Array.from({ length: last - 2004 + 1 }, (_, i) => 2004 + i));
    expect(bundled.days).toHaveLength(Object.keys(raw.holidays).length + Object.keys(raw.workdays).length);
  });
});

describe('WorkCalendar.isWorkday', () => {
  it.each([
    ['2026-09-18', true], // Friday
    ['2026-09-19', false], // Saturday
    ['2026-09-20', true], // Sunday, 调休上班
    ['2026-09-25', false], // Friday, 中秋
    ['2026-09-30', true], // Wednesday
    ['2026-10-01', false], // Thursday, 国庆
    ['2026-10-05', false], // Monday, 国庆
    ['2026-10-07', false], // Wednesday, 国庆
    ['2026-10-08', true], // Thursday
    ['2026-10-10', true], // Saturday, 调休上班
    ['2026-10-11', false], // Sunday
    ['2026-02-14', true], // Saturday, 调休上班
    ['2026-02-16', false], // Monday, 春节
    ['2026-02-23', false], // Monday, 春节
    ['2026-02-24', true], // Tuesday
    ['2026-02-28', true], // Saturday, 调休上班
    ['2025-10-08', false], // Wednesday, 2025 国庆 (8 days)
    ['2025-10-11', true], // Saturday, 2025 调休
  ] as const)('%s → %s', (day, expected) => {
    expect(calendar.isWorkday(day)).toBe(expected);
  });

  it('falls back to Monday–Friday in a year whose holidays are unknown', () => {
    expect(calendar.knows('2026-12-31')).toBe(true);
    expect(calendar.knows('2027-01-01')).toBe(false);
    // 2027-01-01 is a Friday: a holiday in reality, unknown to the data, so a working day here.
    expect(calendar.isWorkday('2027-01-01')).toBe(true);
    expect(calendar.isWorkday('2027-01-02')).toBe(false);
  });
});

describe('WorkCalendar.shiftWorkingDays across National Day 2026', () => {
  it('20 working days after Fri 2026-09-25 is Thu 2026-10-29', () => {
    // 09-25 itself is not counted (期间开始之日不计算在内); 09-26/27 are 中秋 holidays.
    //  1 Mon 09-28   2 Tue 09-29   3 Wed 09-30          (10-01 … 10-07 国庆 holidays)
    //  4 Thu 10-08   5 Fri 10-09   6 Sat 10-10 (调休)    (Sun 10-11 off)
    //  7–11 Mon 10-12 … Fri 10-16
    // 12–16 Mon 10-19 … Fri 10-23
    // 17 Mon 10-26  18 Tue 10-27  19 Wed 10-28  20 Thu 10-29
    // (Mon–Fri only would give Fri 10-23: 5 weekday holidays, +1 make-up Saturday = 4 days later.)
    expect(calendar.shiftWorkingDays('2026-09-25', 20)).toBe('2026-10-29');
  });

  it('counts the make-up Sunday 09-20 and Saturday 10-10', () => {
    expect(calendar.shiftWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(calendar.shiftWorkingDays('2026-10-09', 1)).toBe('2026-10-10');
    expect(calendar.shiftWorkingDays('2026-10-10', 1)).toBe('2026-10-12');
  });

  it('jumps the whole holiday week', () => {
    expect(calendar.shiftWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.shiftWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0);
    expect(calendar.workingDaysBetween('2026-09-25', '2026-10-29')).toBe(20);
  });

  it('N = 0 is the day itself', () => {
    expect(calendar.shiftWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
  });
});

describe('WorkCalendar.shiftWorkingDays across the 2026 Spring Festival', () => {
  it('steps from Fri 02-13 to the make-up Sat 02-14, then over the holidays to Tue 02-24', () => {
    expect(calendar.shiftWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.shiftWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('6 working days after 02-13 is the make-up Saturday 02-28', () => {
    // 1 Sat 02-14 (调休)  (02-15 … 02-23 春节)  2 Tue 02-24  3 Wed 02-25  4 Thu 02-26  5 Fri 02-27  6 Sat 02-28 (调休)
    expect(calendar.shiftWorkingDays('2026-02-13', 6)).toBe('2026-02-28');
    // 7: Sun 03-01 is off → Mon 03-02
    expect(calendar.shiftWorkingDays('2026-02-13', 7)).toBe('2026-03-02');
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6);
  });

  it('counts backwards over the holidays', () => {
    expect(calendar.shiftWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(calendar.shiftWorkingDays('2026-02-24', -2)).toBe('2026-02-13');
  });
});

describe('computeDeadline', () => {
  it('WORKING_DAYS: 20 working days after 信息形成 on 2026-09-25 ends 2026-10-29 23:59:59.999 Shanghai', () => {
    const d = computeDeadline(rule(20, 'WORKING_DAYS'), new Date('2026-09-25T09:00:00+08:00'), calendar, TZ);
    expect(d.dueAt.toISOString()).toBe('2026-10-29T15:59:59.999Z');
    expect(d.dueAt).toEqual(endOfShanghaiDay('2026-10-29'));
    expect(d.calendarComplete).toBe(true);
  });

  it('takes the trigger day in Asia/Shanghai, not UTC', () => {
    // 2026-09-24T17:00Z is 01:00 on 09-25 in Shanghai: the clock starts on 09-25.
    // (Counting from the UTC day 09-24 would give 10-28.)
    const d = computeDeadline(rule(20, 'WORKING_DAYS'), new Date('2026-09-24T17:00:00Z'), calendar, TZ);
    expect(d.dueAt).toEqual(endOfShanghaiDay('2026-10-29'));
  });

  it('CALENDAR_DAYS: holidays count; 30 days after 09-25 ends 10-25 (a Sunday)', () => {
    const d = computeDeadline(rule(30, 'CALENDAR_DAYS'), new Date('2026-09-25T09:00:00+08:00'), calendar, TZ);
    expect(d.dueAt).toEqual(endOfShanghaiDay('2026-10-25'));
  });

  it('CALENDAR_DAYS with 0 (在实地启动…时公开): the end of the trigger day itself', () => {
    const d = computeDeadline(rule(0, 'CALENDAR_DAYS'), new Date('2026-10-02T15:00:00+08:00'), calendar, TZ);
    expect(d.dueAt).toEqual(endOfShanghaiDay('2026-10-02'));
  });

  it('HOURS: 24 hours after 2026-09-30T10:00+08:00 is 2026-10-01T10:00+08:00, holiday or not', () => {
    const d = computeDeadline(rule(24, 'HOURS'), new Date('2026-09-30T10:00:00+08:00'), calendar, TZ);
    expect(d.dueAt).toEqual(new Date('2026-10-01T10:00:00+08:00'));
    expect(d.calendarComplete).toBe(true);
  });

  it('before: the 听证通知书 is due 7 working days before a hearing on Mon 2026-10-12 → Thu 09-24', () => {
    // back from 10-12: 1 Sat 10-10 (调休)  2 Fri 10-09  3 Thu 10-08  (10-07 … 10-01 国庆)
    //                  4 Wed 09-30  5 Tue 09-29  6 Mon 09-28  (09-27 … 09-25 中秋)  7 Thu 09-24
    const d = computeDeadline(rule(7, 'WORKING_DAYS', true), new Date('2026-10-12T09:30:00+08:00'), calendar, TZ);
    expect(d.dueAt).toEqual(endOfShanghaiDay('2026-09-24'));
    expect(d.calendarComplete).toBe(true);
  });

  it('amount null (及时公开): the statutory 20 working days apply', () => {
    const d = computeDeadline(rule(null, null), new Date('2026-09-25T09:00:00+08:00'), calendar, TZ);
    expect(d.dueAt).toEqual(endOfShanghaiDay('2026-10-29'));
    // even when a unit is given without an amount
    const e = computeDeadline(rule(null, 'HOURS'), new Date('2026-09-25T09:00:00+08:00'), calendar, TZ);
    expect(e.dueAt).toEqual(endOfShanghaiDay('2026-10-29'));
  });

  it('the deadline instant is 23:59:59.999 local time', () => {
    for (const [amount, unit] of [
      [5, 'WORKING_DAYS'],
      [10, 'CALENDAR_DAYS'],
      [20, 'WORKING_DAYS'],
    ] as const) {
      const d = computeDeadline(rule(amount, unit), new Date('2026-02-10T18:30:00+08:00'), calendar, TZ);
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: TZ,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        fractionalSecondDigits: 3,
        hourCycle: 'h23',
      }).format(d.dueAt);
      expect(local).toBe('23:59:59.999');
    }
  });

  it('5 working days from Tue 2026-02-10 crosses the Spring Festival to Tue 02-24', () => {
    // 1 Wed 02-11  2 Thu 02-12  3 Fri 02-13  4 Sat 02-14 (调休)  (02-15 … 02-23)  5 Tue 02-24
    const d = computeDeadline(rule(5, 'WORKING_DAYS'), new Date('2026-02-10T18:30:00+08:00'), calendar, TZ);
    expect(d.dueAt).toEqual(endOfShanghaiDay('2026-02-24'));
  });

  it('calendarComplete is false when the span reaches 2027, which the data does not cover', () => {
    // Sun 2026-12-20 + 20 working days, 2027 counted as Mon–Fri only:
    // 12-21…12-25 (5), 12-28…12-31 (9), Fri 2027-01-01 (10), 01-04…01-08 (15), 01-11…01-15 (20)
    const d = computeDeadline(rule(20, 'WORKING_DAYS'), new Date('2026-12-20T10:00:00+08:00'), calendar, TZ);
    expect(d.calendarComplete).toBe(false);
    expect(d.dueAt).toEqual(endOfShanghaiDay('2027-01-15'));
    const inside = computeDeadline(rule(10, 'WORKING_DAYS'), new Date('2026-12-01T10:00:00+08:00'), calendar, TZ);
    expect(inside.calendarComplete).toBe(true);
  });

  it('calendarComplete is false when a 前 deadline reaches back before 2004', () => {
    const d = computeDeadline(rule(7, 'WORKING_DAYS', true), new Date('2004-01-05T10:00:00+08:00'), calendar, TZ);
    expect(d.calendarComplete).toBe(false);
  });

  it('calendarSpanDays covers the working-day span across the Spring Festival', () => {
    const span = calendarSpanDays(rule(20, 'WORKING_DAYS'));
    const start = '2026-02-10';
    const end = calendar.shiftWorkingDays(start, 20);
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
    expect(span).toBeGreaterThanOrEqual(days);
    expect(calendarSpanDays(rule(null, null))).toBeGreaterThanOrEqual(days);
  });
});
