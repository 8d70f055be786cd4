// Assessment periods: local days [from, to] of the county's time zone, their instants, and the
// previous periods of the same length for the trend.
import { addDays, dateToDay, dayToDate, localDayTimeToInstant } from '../../time.js';

export const MAX_PERIOD_DAYS = 366;
export const MAX_TREND_PERIODS = 8;

export interface Period {
  /** First day (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive (YYYY-MM-DD). */
  to: string;
}

export interface PeriodInstants extends Period {
  /** Start of `from` in the zone. */
  start: Date;
  /** Start of the day after `to` (exclusive end). */
  end: Date;
  /** What "as of the period end" means: the end, or now while the period runs. */
  asOf: Date;
}

const lastDayOfMonth = (day: string) => addDays(`${monthsLater(day.slice(0, 7), 1)}-01`, -1);

function monthsLater(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/**
 * The `count` periods before `period`, newest first. A period of whole calendar months (a
 * month, quarter, half-year, year) steps back by as many months, so Q1 is preceded by Q4 of the
 * year before; any other period steps back by its number of days.
 */
export function previousPeriods(period: Period, count: number): Period[] {
  const out: Period[] = [];
  const wholeMonths = period.from.endsWith('-01') && period.to === lastDayOfMonth(period.to);
  if (wholeMonths) {
    const months = (Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4))) * 12 + Number(period.to.slice(5, 7)) - Number(period.from.slice(5, 7)) + 1;
    for (let i = 1; i <= count; i++) {
      const from = `${monthsLater(period.from.slice(0, 7), -months * i)}-01`;
      out.push({ from, to: lastDayOfMonth(`${monthsLater(from.slice(0, 7), months - 1)}-01`) });
    }
  } else {
    const days = spanDays(period);
    for (let i = 1; i <= count; i++) out.push({ from: addDays(period.from, -days * i), to: addDays(period.to, -days * i) });
  }
  return out;
}

/** Days in the period, both ends included. */
export function spanDays(period: Period): number {
  return Math.round((dayToDate(period.to).getTime() - dayToDate(period.from).getTime()) / 86_400_000) + 1;
}

export function instantsOf(period: Period, timeZone: string, now: Date): PeriodInstants {
  const start = localDayTimeToInstant(period.from, '00:00:00.000', timeZone);
  const end = localDayTimeToInstant(addDays(period.to, 1), '00:00:00.000', timeZone);
  return { ...period, start, end, asOf: end < now ? end : now };
}

/** The Date values of a GraphQL period input as YYYY-MM-DD days. */
export function periodOf(from: Date, to: Date): Period {
  return { from: dateToDay(from), to: dateToDay(to) };
}
