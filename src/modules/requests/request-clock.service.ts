// The request's clock in the database: every change is a ConcernClockEvent, and the concern's
// dueAt, correctionDueAt, clockStartedAt and status are recomputed from all its events with
// requestClock (request-clock.ts) in the transaction that adds one — never adjusted by hand.
import { InputError } from '../../errors.js';
import type { ConcernClockEventKind, ConcernStatus, Prisma } from '../../generated/prisma/client.js';
import { addDays, dateToDay, endOfLocalDay, localDay, localDayTimeToInstant } from '../../time.js';
import { WorkCalendar } from '../calendar/work-calendar.js';
import { lockConcernRow } from '../concerns/concern.service.js';
import { loadWorkCalendar } from '../calendar/work-calendar.service.js';
import { clockColumns, CLOCK_SPAN_DAYS, requestClock, type ClockEvent, type ClockPhase, type ClockState } from './request-clock.js';

type Tx = Prisma.TransactionClient;

/** The order of a request's events: the order they happened (addClockEvent keeps it the order recorded). */
export const CLOCK_EVENT_ORDER = [{ at: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] satisfies Prisma.ConcernClockEventOrderByWithRelationInput[];

function eventsOf(tx: Tx, concernId: string): Promise<ClockEvent[]> {
  return tx.concernClockEvent.findMany({ where: { concernId }, orderBy: CLOCK_EVENT_ORDER, select: { kind: true, at: true, workingDays: true } });
}

async function lastEventAt(tx: Tx, concernId: string): Promise<Date | null> {
  const last = await tx.concernClockEvent.findFirst({ where: { concernId }, orderBy: [{ at: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }], select: { at: true } });
  return last?.at ?? null;
}

/** The clock after `events`, with a calendar loaded from the first event as far as the clock can reach past the last. */
export async function clockAfter(tx: Tx, events: readonly ClockEvent[], timeZone: string): Promise<ClockState> {
  if (events.length === 0) return requestClock([], new WorkCalendar(new Map(), new Set()), timeZone);
  const first = localDay(events[0]!.at, timeZone);
  const last = localDay(events.at(-1)!.at, timeZone);
  const calendar = await loadWorkCalendar(tx, addDays(first, -1), addDays(last, CLOCK_SPAN_DAYS));
  return requestClock(events, calendar, timeZone);
}

/** The request's clock now, from its stored events. */
export async function clockOf(tx: Tx, concernId: string, timeZone: string): Promise<ClockState> {
  return clockAfter(tx, await eventsOf(tx, concernId), timeZone);
}

const PAUSED_STATUS: Partial<Record<ClockPhase, ConcernStatus>> = { AWAITING_CORRECTION: 'AWAITING_CORRECTION', THIRD_PARTY: 'THIRD_PARTY_CONSULTATION', ABANDONED: 'ABANDONED' };

/** The status a phase puts the request in; while it runs, whether an answer is being drafted. */
async function statusFor(tx: Tx, concernId: string, phase: ClockPhase, current: ConcernStatus): Promise<ConcernStatus> {
  const paused = PAUSED_STATUS[phase];
  if (paused) return paused;
  if (current === 'RECEIVED' || current === 'IN_PROGRESS') return current;
  const drafting = await tx.response.count({ where: { concernId, status: { in: ['DRAFT', 'IN_REVIEW', 'APPROVED'] } } });
  return drafting > 0 ? 'IN_PROGRESS' : 'RECEIVED';
}

/** The instant recorded for an event on local `day`: now when it is today, else noon of that day. */
export function instantOfDay(day: string | null, now: Date, timeZone: string): Date {
  return day === null || day === localDay(now, timeZone) ? now : localDayTimeToInstant(day, '12:00:00.000', timeZone);
}

/**
 * A day staff record for an event (the day a letter was signed for, a correction arrived …):
 * not in the future, not before the request arrived nor before the clock's last event.
 */
export async function checkedEventDay(tx: Tx, field: string, day: Date | null | undefined, concern: { id: string; receivedAt: Date }, now: Date, timeZone: string): Promise<string> {
  const today = localDay(now, timeZone);
  const value = day ? dateToDay(day) : today;
  if (value > today) throw new InputError(field, `${value} 尚未到来 — ${value} is in the future.`);
  const last = await lastEventAt(tx, concern.id);
  const floor = [localDay(concern.receivedAt, timeZone), ...(last ? [localDay(last, timeZone)] : [])].sort().at(-1)!;
  if (value < floor) throw new InputError(field, `${value} 早于申请已记录的${floor} — ${value} is before ${floor}, already on the request's record.`);
  return value;
}

export interface NewClockEvent {
  kind: ConcernClockEventKind;
  at: Date;
  workingDays?: number | null;
  approver?: string | null;
  note?: string | null;
  actorId?: string | null;
}

/**
 * Adds an event and brings the concern's clock columns and status up to date; returns the new
 * clock. The event sorts after every earlier one: a step recorded for an earlier day (at its
 * noon) on the day of the last step, which happened later that day, is placed just after it.
 */
export async function addClockEvent(tx: Tx, concern: { id: string; status: ConcernStatus }, event: NewClockEvent, timeZone: string): Promise<ClockState> {
  const last = await lastEventAt(tx, concern.id);
  const at = last && event.at <= last ? new Date(last.getTime() + 1) : event.at;
  await tx.concernClockEvent.create({ data: { concernId: concern.id, ...event, at }, select: { id: true } });
  const events = await eventsOf(tx, concern.id);
  const state = await clockAfter(tx, events, timeZone);
  const started = events.find((e) => e.kind === 'START');
  await tx.concern.update({
    where: { id: concern.id },
    data: { ...clockColumns(state, timeZone), clockStartedAt: started?.at ?? null, status: await statusFor(tx, concern.id, state.phase, concern.status), version: { increment: 1 } },
    select: { id: true },
  });
  return state;
}

/**
 * Recomputes the clocks of open requests whose events fall in [fromDay, toDay] (the calendar
 * of those days changed). @returns how many due dates moved.
 */
export async function recomputeOpenRequestClocks(tx: Tx, fromDay: string, toDay: string, timeZone: string): Promise<number> {
  const open = await tx.concern.findMany({
    where: { kind: 'DISCLOSURE_REQUEST', concludedAt: null, clockEvents: { some: { at: { gte: localDayTimeToInstant(addDays(fromDay, -CLOCK_SPAN_DAYS), '00:00:00.000', timeZone), lte: endOfLocalDay(toDay, timeZone) } } } },
    select: { id: true, dueAt: true, correctionDueAt: true },
  });
  let changed = 0;
  for (const request of open) {
    // Locked as every clock step locks it, so a step running meanwhile is not overwritten.
    await lockConcernRow(tx, request.id);
    const columns = clockColumns(await clockOf(tx, request.id, timeZone), timeZone);
    if (columns.dueAt?.getTime() !== request.dueAt?.getTime() || columns.correctionDueAt?.getTime() !== request.correctionDueAt?.getTime()) {
      await tx.concern.update({ where: { id: request.id }, data: { dueAt: columns.dueAt, correctionDueAt: columns.correctionDueAt, version: { increment: 1 } }, select: { id: true } });
      changed++;
    }
  }
  return changed;
}
