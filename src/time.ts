// Time-zone aware formatting and calendar-day arithmetic for the county's zone. China has had
// no daylight saving since 1991, but nothing here assumes a fixed offset.

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, f);
  }
  return f;
}

/**
 * Offsets by zone and quarter hour: every offset change in the time-zone database falls on a
 * quarter hour, so one Intl lookup per zone and quarter hour serves every instant in it (a
 * list page formats hundreds of DateTime values, which made Intl a visible cost).
 */
const offsetCache = new Map<string, number>();
const QUARTER_HOUR_MS = 15 * 60_000;

/** UTC offset of `timeZone` at `date`, in minutes (Asia/Shanghai → 480). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(date.getTime() / QUARTER_HOUR_MS)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const minutes = lookUpOffset(date, timeZone);
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(key, minutes);
  return minutes;
}

function lookUpOffset(date: Date, timeZone: string): number {
  const name = offsetFormatter(timeZone).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** ISO-8601 with the zone's offset, e.g. 2026-11-28T10:00:00.000+08:00. */
export function formatDateTime(date: Date, timeZone: string): string {
  const offset = offsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
  if (offset === 0) return `${local}Z`;
  const sign = offset > 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The calendar day (YYYY-MM-DD) that `date` falls on in `timeZone`. */
export function localDay(date: Date, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f.format(date);
}

/** A YYYY-MM-DD day as the Date Prisma uses for @db.Date columns (UTC midnight). */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The YYYY-MM-DD of a @db.Date value. */
export function dateToDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = dayToDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return dateToDay(d);
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD day. */
export function weekday(day: string): number {
  return dayToDate(day).getUTCDay();
}

/** The last instant (23:59:59.999 local) of `day`: where a time limit ending that day ends. */
export function endOfLocalDay(day: string, timeZone: string): Date {
  return localDayTimeToInstant(day, '23:59:59.999', timeZone);
}

/** The instant of `time` (HH:MM:SS.mmm) on local `day` in `timeZone`. */
export function localDayTimeToInstant(day: string, time: string, timeZone: string): Date {
  const naive = new Date(`${day}T${time}Z`);
  // Two passes settle the offset even across an offset change.
  let instant = new Date(naive.getTime() - offsetMinutes(naive, timeZone) * 60_000);
  instant = new Date(naive.getTime() - offsetMinutes(instant, timeZone) * 60_000);
  return instant;
}
