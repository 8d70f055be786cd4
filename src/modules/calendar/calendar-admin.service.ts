// Calendar administration: years the bundled official data does not cover yet.
import type { Db } from '../../db/database.js';
import { checkedInput, InputError } from '../../errors.js';
import { textField } from '../../validation.js';
import { addDays, dateToDay, dayToDate, weekday } from '../../time.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { computeDeadline } from './deadline.js';
import type { DayKind } from './work-calendar.js';
import { recomputeOpenRequestClocks } from '../requests/request-clock.service.js';
import { loadWorkCalendar } from './work-calendar.service.js';

/** How far (days) a time limit can reach across a year boundary, either way. */
const WINDOW_DAYS = 120;

export interface CalendarDayInput {
  date: Date;
  kind: DayKind;
  name?: string | null;
}

/**
 * Sets the holidays and make-up workdays of a year the bundled data does not cover (every day
 * not listed follows Monday–Friday), marks the year as known, and recomputes the deadlines of
 * releases not yet published and of open disclosure requests. County-wide admins only; the
 * caller checks that. @returns how many deadlines changed.
 */
export async function setCalendarYear(
  db: Db,
  actor: AuditActor,
  input: { year: number; days: CalendarDayInput[] },
  authorId: string | null,
  timeZone: string,
): Promise<number> {
  const { year } = input;
  const days = checkedInput((p) => {
    p.check(() => {
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InputError('year', '年份须在2000–2100之间 — year must be 2000–2100.');
    });
    const seen = new Set<string>();
    return input.days.map((d, i) => {
      const day = dateToDay(d.date);
      p.check(() => {
        const field = `days[${i}].date`;
        if (Number(day.slice(0, 4)) !== year) throw new InputError(field, `${day} 不在${year}年 — ${day} is not in ${year}.`);
        if (seen.has(day)) throw new InputError(field, `${day} 重复 — ${day} is listed twice.`);
        const wd = weekday(day);
        if (d.kind === 'MAKEUP_WORKDAY' && wd !== 0 && wd !== 6) throw new InputError(`days[${i}].kind`, `${day} 是工作日，不能设为调休上班 — ${day} is a weekday; only weekend days can be make-up workdays.`);
      });
      seen.add(day);
      return { ...d, name: p.check(() => textField(`days[${i}].name`, d.name, 50)) };
    });
  });
  return db.$transaction(async (tx) => {
    const known = await tx.workCalendarYear.findUnique({ where: { year } });
    if (known?.source === 'BUNDLED') {
      throw new InputError('year', `${year}年已由国务院安排内置，不能修改 — ${year} comes with the bundled official calendar and cannot be edited.`);
    }
    await tx.workCalendarDay.deleteMany({ where: { date: { gte: dayToDate(`${year}-01-01`), lte: dayToDate(`${year}-12-31`) } } });
    await tx.workCalendarDay.createMany({
      data: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, source: 'ADMIN' as const, updatedById: authorId })),
    });
    await tx.workCalendarYear.upsert({ where: { year }, create: { year, source: 'ADMIN' }, update: { source: 'ADMIN' } });
    // Deadlines of unpublished releases formed near this year may move: recompute them with one
    // query for the releases and their rules and one calendar for the whole window.
    const from = addDays(`${year}-01-01`, -WINDOW_DAYS);
    const to = addDays(`${year}-12-31`, WINDOW_DAYS);
    const open = await tx.release.findMany({
      where: { firstPublishedAt: null, formedAt: { gte: dayToDate(from), lte: dayToDate(to) } },
      select: {
        id: true,
        formedAt: true,
        dueAt: true,
        matter: {
          select: {
            standards: {
              where: { catalogVersion: { status: 'ACTIVE' } },
              take: 1,
              select: { timeLimitAmount: true, timeLimitUnit: true, timeLimitBefore: true },
            },
          },
        },
      },
    });
    const calendar = await loadWorkCalendar(tx, addDays(from, -WINDOW_DAYS), addDays(to, WINDOW_DAYS));
    let changed = 0;
    for (const r of open) {
      const standard = r.matter.standards[0];
      const rule = standard && { amount: standard.timeLimitAmount, unit: standard.timeLimitUnit, before: standard.timeLimitBefore };
      const dueAt = rule ? computeDeadline(rule, r.formedAt!, calendar, timeZone).dueAt : null;
      if (dueAt?.getTime() !== r.dueAt?.getTime()) {
        await tx.release.update({ where: { id: r.id }, data: { dueAt } });
        changed++;
      }
    }
    // Open disclosure requests count in working days too: their clocks are derived again.
    changed += await recomputeOpenRequestClocks(tx, `${year}-01-01`, `${year}-12-31`, timeZone);
    await recordAudit(tx, actor, { action: 'calendar.updated', entityType: 'WorkCalendarYear', entityId: String(year), data: { days: days.length, deadlinesChanged: changed } });
    return changed;
  });
}
