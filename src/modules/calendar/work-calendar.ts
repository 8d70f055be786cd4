// Working-day arithmetic for Chinese administrative time limits: Monday–Friday are working
// days unless a statutory holiday (法定节假日); a weekend day can be a make-up workday (调休).
// Pure functions over a loaded calendar; loading lives in work-calendar.service.ts.
import { addDays, weekday } from '../../time.js';

export type DayKind = 'HOLIDAY' | 'MAKEUP_WORKDAY';

export class WorkCalendar {
  constructor(
    /** YYYY-MM-DD → kind, for the loaded range. */
    private readonly days: ReadonlyMap<string, DayKind>,
    /** Years whose holidays are known. */
    private readonly knownYears: ReadonlySet<number>,
  ) {}

  isWorkday(day: string): boolean {
    const kind = this.days.get(day);
    if (kind === 'MAKEUP_WORKDAY') return true;
    if (kind === 'HOLIDAY') return false;
    const wd = weekday(day);
    return wd !== 0 && wd !== 6;
  }

  /** Whether the holidays of `day`'s year are known (else only weekends are honoured). */
  knows(day: string): boolean {
    return this.knownYears.has(Number(day.slice(0, 4)));
  }

  /**
   * The Nth working day after `day` (the day itself is not counted: 期间开始之日不计算在内);
   * with a negative N, the Nth working day before it. N = 0 gives `day` itself.
   */
  shiftWorkingDays(day: string, n: number): string {
    const step = n < 0 ? -1 : 1;
    let remaining = Math.abs(n);
    let current = day;
    while (remaining > 0) {
      current = addDays(current, step);
      if (this.isWorkday(current)) remaining--;
    }
    return current;
  }

  /** Working days strictly after `from` up to and including `to` (0 when to ≤ from). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) count++;
    return count;
  }
}
