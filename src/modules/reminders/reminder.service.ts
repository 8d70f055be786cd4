// 到期提醒 — the daily due-soon reminder (issue 12, part 4). Once per local day of the county it
// lists, per org unit, what falls due by the end of the Nth working day after today (the work
// calendar's arithmetic: holidays and make-up workdays included) and what is already overdue:
//
// - RELEASE: releases not yet published (DRAFT … SCHEDULED) with a `dueAt` (the standard's time limit);
// - INTERPRETATION: published policies whose interpretation is due (`interpretationDueAt`) and
//   not yet published (`interpretedAt` null) — the unit is the policy's publisher;
// - CONCERN: concerns other than disclosure requests, RECEIVED or IN_PROGRESS, by `dueAt`;
// - DISCLOSURE_REQUEST: open disclosure requests (RECEIVED, IN_PROGRESS, THIRD_PARTY_CONSULTATION)
//   by `dueAt` (null while the clock is paused);
// - REQUEST_CORRECTION: requests AWAITING_CORRECTION by `correctionDueAt` (补正 period ending:
//   past it the request is 视为放弃).
//
// Each unit with something due soon or overdue gets ONE outbox event `reminder.due_soon`
// (aggregate OrgUnit, audience: the unit's staff only — not public, no channel) whose payload has
// counts per kind and the soonest items: raw ids, kinds, due times, tracking numbers — never
// names, contact data or content. Counts come from SQL grouped by unit; only the few soonest
// items per unit are read.
//
// Once per day: the run inserts its local day into ReminderRun in the same transaction as the
// events. A second run that day (another process, a retry, the next hourly tick) conflicts on the
// key — waiting for the first to commit or roll back — and emits nothing.
import type { Db } from '../../db/database.js';
import { Prisma } from '../../generated/prisma/client.js';
import { dayToDate, localDay } from '../../time.js';
import { endOfWorkingDaysAfter } from '../calendar/deadline-rules.js';
import { emitEvent } from '../outbox/outbox.service.js';

export const REMINDER_KINDS = ['RELEASE', 'INTERPRETATION', 'CONCERN', 'DISCLOSURE_REQUEST', 'REQUEST_CORRECTION'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Items listed per unit (the soonest due, overdue ones not included). */
export const SOONEST_ITEMS = 5;

export interface ReminderSettings {
  timeZone: string;
  /** REMINDER_WORKING_DAYS: due by the end of this many working days after today. */
  workingDays: number;
}

export interface ReminderItem {
  kind: ReminderKind;
  /** The row's id (a release for RELEASE and INTERPRETATION, a concern otherwise). */
  id: string;
  dueAt: string;
  /** Concerns and requests: their public tracking number. */
  trackingNo: string | null;
}

export type KindCounts = Record<ReminderKind, number> & { total: number };

export interface UnitReminder {
  orgUnitId: string;
  dueSoon: KindCounts;
  overdue: KindCounts;
  soonest: ReminderItem[];
}

export type ReminderOutcome = { ran: true; day: string; dueBy: Date; units: UnitReminder[] } | { ran: false; day: string };

/** Every item that falls due by `dueBy` (overdue ones included), as (kind, unit, id, due, trackingNo). */
function dueItemsSql(dueBy: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT 'RELEASE'::text AS kind, r."publisherId" AS unit, r."id", r."dueAt" AS due, NULL::text AS "trackingNo"
      FROM "Release" r
      WHERE r."status" IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED') AND r."dueAt" <= ${dueBy}
    UNION ALL
    SELECT 'INTERPRETATION', r."publisherId", r."id", r."interpretationDueAt", NULL
      FROM "Release" r
      WHERE r."status" = 'PUBLISHED' AND r."interpretedAt" IS NULL AND r."interpretationDueAt" <= ${dueBy}
    UNION ALL
    SELECT 'CONCERN', c."orgUnitId", c."id", c."dueAt", c."trackingNo"
      FROM "Concern" c
      WHERE c."kind" <> 'DISCLOSURE_REQUEST' AND c."status" IN ('RECEIVED', 'IN_PROGRESS') AND c."dueAt" <= ${dueBy}
    UNION ALL
    SELECT 'DISCLOSURE_REQUEST', c."orgUnitId", c."id", c."dueAt", c."trackingNo"
      FROM "Concern" c
      WHERE c."kind" = 'DISCLOSURE_REQUEST' AND c."status" IN ('RECEIVED', 'IN_PROGRESS', 'THIRD_PARTY_CONSULTATION') AND c."dueAt" <= ${dueBy}
    UNION ALL
    SELECT 'REQUEST_CORRECTION', c."orgUnitId", c."id", c."correctionDueAt", c."trackingNo"
      FROM "Concern" c
      WHERE c."kind" = 'DISCLOSURE_REQUEST' AND c."status" = 'AWAITING_CORRECTION' AND c."correctionDueAt" <= ${dueBy}`;
}

const emptyCounts = (): KindCounts => ({ total: 0, RELEASE: 0, INTERPRETATION: 0, CONCERN: 0, DISCLOSURE_REQUEST: 0, REQUEST_CORRECTION: 0 });

/**
 * What each active unit has due by `dueBy` (due soon: from `now`; overdue: before it). Two
 * statements: counts grouped by unit and kind, and the soonest items per unit.
 */
export async function dueSoonByUnit(db: Db | Prisma.TransactionClient, now: Date, dueBy: Date): Promise<UnitReminder[]> {
  const items = dueItemsSql(dueBy);
  const counts = await db.$queryRaw<{ unit: string; kind: ReminderKind; soon: number; overdue: number }[]>`
    WITH items AS (${items})
    SELECT i.unit::text AS unit, i.kind, (count(*) FILTER (WHERE i.due >= ${now}))::int AS soon, (count(*) FILTER (WHERE i.due < ${now}))::int AS overdue
    FROM items i JOIN "OrgUnit" u ON u."id" = i.unit AND u."active"
    GROUP BY i.unit, i.kind`;
  const soonest = await db.$queryRaw<{ unit: string; kind: ReminderKind; id: string; due: Date; trackingNo: string | null }[]>`
    WITH items AS (${items})
    SELECT s.unit::text AS unit, s.kind, s.id::text AS id, s.due, s."trackingNo"
    FROM (SELECT i.*, row_number() OVER (PARTITION BY i.unit ORDER BY i.due, i.id) AS n
          FROM items i JOIN "OrgUnit" u ON u."id" = i.unit AND u."active"
          WHERE i.due >= ${now}) s
    WHERE s.n <= ${SOONEST_ITEMS}
    ORDER BY s.unit, s.n`;
  const byUnit = new Map<string, UnitReminder>();
  const unit = (id: string) => {
    let u = byUnit.get(id);
    if (!u) byUnit.set(id, (u = { orgUnitId: id, dueSoon: emptyCounts(), overdue: emptyCounts(), soonest: [] }));
    return u;
  };
  for (const c of counts) {
    const u = unit(c.unit);
    u.dueSoon[c.kind] += c.soon;
    u.dueSoon.total += c.soon;
    u.overdue[c.kind] += c.overdue;
    u.overdue.total += c.overdue;
  }
  for (const s of soonest) unit(s.unit).soonest.push({ kind: s.kind, id: s.id, dueAt: s.due.toISOString(), trackingNo: s.trackingNo });
  return [...byUnit.values()].filter((u) => u.dueSoon.total + u.overdue.total > 0).sort((a, b) => (a.orgUnitId < b.orgUnitId ? -1 : 1));
}

/**
 * The daily run: at most once per local day (ReminderRun), one `reminder.due_soon` event per unit
 * with something due. Returns what it emitted, or `ran: false` when the day was already done.
 */
export async function runDueSoonReminders(db: Db, now: Date, settings: ReminderSettings): Promise<ReminderOutcome> {
  const day = localDay(now, settings.timeZone);
  return db.$transaction(async (tx) => {
    // The day first: a concurrent run waits here for this one and then finds the day taken.
    const claimed = await tx.$executeRaw`INSERT INTO "ReminderRun" ("day", "units") VALUES (${day}::date, 0) ON CONFLICT ("day") DO NOTHING`;
    if (claimed === 0) return { ran: false, day } as const;
    const dueBy = await endOfWorkingDaysAfter(tx, now, settings.workingDays, settings.timeZone);
    const units = await dueSoonByUnit(tx, now, dueBy);
    for (const u of units) {
      await emitEvent(
        tx,
        'reminder.due_soon',
        { type: 'OrgUnit', id: u.orgUnitId },
        { orgUnitId: u.orgUnitId, channels: [], public: false },
        {
          orgUnitId: u.orgUnitId,
          day,
          workingDays: settings.workingDays,
          dueBy: dueBy.toISOString(),
          dueSoon: u.dueSoon,
          overdue: u.overdue,
          soonest: u.soonest.map((i) => ({ kind: i.kind, id: i.id, dueAt: i.dueAt, ...(i.trackingNo ? { trackingNo: i.trackingNo } : {}) })),
        },
      );
    }
    await tx.reminderRun.update({ where: { day: dayToDate(day) }, data: { units: units.length }, select: { day: true } });
    return { ran: true, day, dueBy, units } as const;
  });
}
