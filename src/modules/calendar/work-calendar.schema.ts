import { CalendarDayKind, CalendarSource } from '../../generated/prisma/enums.js';
import { staffUserId } from '../../auth/viewer.js';
import { builder } from '../../graphql/builder.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import { badUserInput } from '../../graphql/errors.js';
import { InputError, NotFoundError } from '../../errors.js';
import { coversEverything } from '../../permissions/scope.js';
import { dayToDate } from '../../time.js';
import { actorOf } from '../audit/audit.service.js';
import { setCalendarYear } from './calendar-admin.service.js';
import { loadWorkCalendar } from './work-calendar.service.js';

const CalendarDayKindEnum = enumFromPrisma('CalendarDayKind', CalendarDayKind, '日历日类型 — a day that differs from the Monday–Friday rule.', {
  HOLIDAY: '法定节假日 — a statutory holiday (no work, even on a weekday).',
  MAKEUP_WORKDAY: '调休上班 — a weekend day worked in lieu of a holiday.',
});

const CalendarSourceEnum = enumFromPrisma('CalendarSource', CalendarSource, '日历来源 — where a year\'s holidays come from.', {
  BUNDLED: '内置 — the official schedule shipped with the release (chinese-days).',
  ADMIN: '管理员录入 — entered by an administrator.',
});

interface DayShape {
  date: Date;
  kind: CalendarDayKind;
  name: string | null;
}

const CalendarDayRef = builder.objectRef<DayShape>('CalendarDay').implement({
  description: '日历日 — a holiday or make-up workday.',
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: '日期 — the day.' }),
    kind: t.expose('kind', { type: CalendarDayKindEnum, description: '类型 — holiday or make-up workday.' }),
    name: t.exposeString('name', { nullable: true, description: '名称 — e.g. 春节, 国庆节.' }),
  }),
});

interface YearShape {
  year: number;
  source: CalendarSource | null;
  days: DayShape[];
  workingDays: number;
}

const CalendarYearRef = builder.objectRef<YearShape>('CalendarYear').implement({
  description: '工作日历 — one year of the working-day calendar used for time limits.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: '年份 — the year.' }),
    known: t.boolean({ description: '已知 — true when the year\'s holidays are known; otherwise only weekends are honoured.', resolve: (y) => y.source !== null }),
    source: t.expose('source', { type: CalendarSourceEnum, nullable: true, description: '来源 — bundled or entered by an administrator.' }),
    workingDays: t.exposeInt('workingDays', { description: '工作日数 — how many working days the year has.' }),
    days: t.field({ type: [CalendarDayRef], description: '特殊日 — the holidays and make-up workdays, in date order.', resolve: (y) => y.days }),
  }),
});

async function loadYear(db: Parameters<typeof loadWorkCalendar>[0], year: number): Promise<YearShape> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [rows, known, calendar] = await Promise.all([
    db.workCalendarDay.findMany({ where: { date: { gte: dayToDate(from), lte: dayToDate(to) } }, orderBy: { date: 'asc' } }),
    db.workCalendarYear.findUnique({ where: { year } }),
    loadWorkCalendar(db, from, to),
  ]);
  return {
    year,
    source: known?.source ?? null,
    days: rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })),
    workingDays: calendar.workingDaysBetween(`${year - 1}-12-31`, to),
  };
}

builder.queryField('workCalendar', (t) =>
  t.field({
    type: CalendarYearRef,
    description: '工作日历 — the holidays and make-up workdays of a year, and whether they are known.',
    args: { year: t.arg.int({ required: true, description: '年份 — e.g. 2026.' }) },
    resolve: (_r, { year }, ctx) => {
      if (year < 2000 || year > 2100) throw badUserInput('workCalendar: year must be 2000–2100');
      return loadYear(ctx.db, year);
    },
  }),
);

const CalendarDayInput = builder.inputType('CalendarDayInput', {
  description: '日历日输入 — a holiday or make-up workday.',
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true, description: '日期 — the day.' }),
    kind: t.field({ type: CalendarDayKindEnum, required: true, description: '类型 — holiday or make-up workday (weekend days only).' }),
    name: t.string({ description: '名称 — e.g. 春节.' }),
  }),
});

const SetWorkCalendarYearPayload = builder.objectRef<{ year: YearShape; deadlinesChanged: number }>('SetWorkCalendarYearPayload').implement({
  description: '设置工作日历结果 — the year as stored and how many release deadlines moved.',
  fields: (t) => ({
    calendar: t.field({ type: CalendarYearRef, description: '工作日历 — the year.', resolve: (p) => p.year }),
    deadlinesChanged: t.exposeInt('deadlinesChanged', { description: '调整的时限数 — unpublished releases and open disclosure requests whose deadline was recomputed.' }),
  }),
});

builder.mutationField('setWorkCalendarYear', (t) =>
  t.fieldWithInput({
    type: SetWorkCalendarYearPayload,
    description: '设置工作日历 — enter the holidays and make-up workdays of a year the bundled official data does not cover (county-wide admins). Replaces that year\'s entries and recomputes open deadlines.',
    typeOptions: { description: '设置工作日历输入 — the year and its special days.' },
    input: {
      year: t.input.int({ required: true, description: '年份 — a year not bundled, e.g. 2027.' }),
      days: t.input.field({ type: [CalendarDayInput], required: true, description: '特殊日 — every holiday and make-up workday of the year.' }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '设置工作日历结果 — the year, or why not.' } },
    resolve: async (_r, { input }, ctx) => {
      // The calendar is county-wide: only an admin of the whole county may change it.
      if (!coversEverything(ctx.viewer, ['ADMIN'])) throw new NotFoundError('calendar');
      const changed = await setCalendarYear(
        ctx.db,
        actorOf(ctx),
        { year: input.year, days: input.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })) },
        staffUserId(ctx.viewer),
        ctx.config.timeZone,
      );
      return { year: await loadYear(ctx.db, input.year), deadlinesChanged: changed };
    },
  }),
);
