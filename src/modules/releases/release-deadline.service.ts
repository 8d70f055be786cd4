// The deadline of a release: from its matter's standard in force and the work calendar.
import type { Prisma } from '../../generated/prisma/client.js';
import { localDay } from '../../time.js';
import { calendarSpanDays, computeDeadline, type Deadline } from '../calendar/deadline.js';
import { loadWorkCalendarAround } from '../calendar/work-calendar.service.js';

type Tx = Prisma.TransactionClient;

/** dueAt for information formed at `formedAt` on `matterId`; null when the matter has no standard in force. */
export async function releaseDeadline(tx: Tx, matterId: string, formedAt: Date, timeZone: string): Promise<Deadline | null> {
  const standard = await tx.standard.findFirst({
    where: { matterId, catalogVersion: { status: 'ACTIVE' } },
    select: { timeLimitAmount: true, timeLimitUnit: true, timeLimitBefore: true },
  });
  if (!standard) return null;
  const rule = { amount: standard.timeLimitAmount, unit: standard.timeLimitUnit, before: standard.timeLimitBefore };
  const span = calendarSpanDays(rule);
  const calendar = await loadWorkCalendarAround(tx, localDay(formedAt, timeZone), rule.before ? span : 1, rule.before ? 1 : span);
  return computeDeadline(rule, formedAt, calendar, timeZone);
}
