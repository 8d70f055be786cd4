// Loads the working-day calendar from the database and seeds it from chinese-days.
import { createRequire } from 'node:module';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { addDays, dateToDay, dayToDate } from '../../time.js';
import { WorkCalendar, type DayKind } from './work-calendar.js';

type DbLike = Db | Prisma.TransactionClient;

/** The calendar rows for [fromDay, toDay] and the list of known years. One round trip each. */
export async function loadWorkCalendar(db: DbLike, fromDay: string, toDay: string): Promise<WorkCalendar> {
  const [days, years] = await Promise.all([
    db.workCalendarDay.findMany({ where: { date: { gte: dayToDate(fromDay), lte: dayToDate(toDay) } }, select: { date: true, kind: true } }),
    db.workCalendarYear.findMany({ select: { year: true } }),
  ]);
  return new WorkCalendar(new Map(days.map((d) => [dateToDay(d.date), d.kind as DayKind])), new Set(years.map((y) => y.year)));
}

/** Loads the calendar around `day`: `back` days before and `ahead` days after. */
export function loadWorkCalendarAround(db: DbLike, day: string, back: number, ahead: number): Promise<WorkCalendar> {
  return loadWorkCalendar(db, addDays(day, -back), addDays(day, ahead));
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The statutory holidays and make-up workdays shipped with chinese-days, with the years covered. */
export function bundledCalendar(): { days: { date: string; kind: DayKind; name: string }[]; years: number[] } {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const nameOf = (v: string) => v.split(',')[1] ?? v;
  const days = [
    ...Object.entries(data.holidays).map(([date, v]) => ({ date, kind: 'HOLIDAY' as const, name: nameOf(v) })),
    ...Object.entries(data.workdays).map(([date, v]) => ({ date, kind: 'MAKEUP_WORKDAY' as const, name: nameOf(v) })),
  ];
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort();
  return { days, years };
}

/**
 * Inserts the bundled calendar. Never overwrites a day or year an administrator entered.
 * @returns the number of days inserted.
 */
export async function seedBundledCalendar(db: Db): Promise<number> {
  const { days, years } = bundledCalendar();
  const inserted = await db.workCalendarDay.createMany({
    data: days.map((d) => ({ date: dayToDate(d.date), kind: d.kind, name: d.name, source: 'BUNDLED' as const })),
    skipDuplicates: true,
  });
  await db.workCalendarYear.createMany({ data: years.map((year) => ({ year, source: 'BUNDLED' as const })), skipDuplicates: true });
  return inserted.count;
}
