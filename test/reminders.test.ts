// 到期提醒 (issue 12, part 4): the daily due-soon reminder on the real service. Counts per unit
// against fixtures computed by hand across the 2026 National Day holiday (10-01..07 off, Saturday
// 10-10 a make-up workday) and a weekend; once per local day however often it runs (concurrently
// too); no event for a unit with nothing due; no personal data in the payload; who sees the notices
// in the change feed; and which webhook endpoints get them — real HTTP receivers, every wait a poll.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { emitEvent } from '../src/modules/outbox/outbox.service.js';
import { runDueSoonReminders, SOONEST_ITEMS } from '../src/modules/reminders/reminder.service.js';
import { anonymous, asAdmin, callData, createChannelWithKey, gid, type Caller, type ChannelWithKey } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { fixture, pollUntil, releaseIn, shanghaiDay, type Any, type Fixture } from './workflow-helpers.js';

let svc: TestService;
let fx: Fixture;
let admin: Caller;

const prisma = () => svc.service.db.prisma;
const at = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => at(`${day}T23:59:59.999`);

// Personal data and content of the fixtures: none of it may reach a notice.
const NAME = '孔乙己';
const PHONE = '13987654321';
const SUBJECT_MARK = '提醒测试主题';
const CONTENT_MARK = '提醒测试内容';
const TITLE_MARK = '提醒测试标题';

interface Unit {
  uuid: string;
  id: string;
}

/** A new org unit beneath a seeded one (its staff's grants cover it through the path). */
async function childUnit(parentUuid: string, label: string): Promise<Unit> {
  const parent = await prisma().orgUnit.findUniqueOrThrow({ where: { id: parentUuid }, select: { path: true, depth: true } });
  const uuid = randomUUID();
  await prisma().orgUnit.create({
    data: { id: uuid, code: `RMD${randomUUID().slice(0, 8)}`, name: `提醒测试村 ${label}`, kind: 'VILLAGE', parentId: parentUuid, path: `${parent.path}${uuid}/`, depth: parent.depth + 1 },
  });
  return { uuid, id: gid('OrgUnit', uuid) };
}

type ReleaseStatus = 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'SCHEDULED' | 'PUBLISHED';

async function release(unit: Unit, status: ReleaseStatus, fields: { dueAt?: Date; interpretationDueAt?: Date; interpretedAt?: Date }): Promise<string> {
  const r = await prisma().release.create({
    data: {
      matterId: fx.matter.uuid,
      publisherId: unit.uuid,
      status,
      title: `${TITLE_MARK} ${randomUUID().slice(0, 8)}`,
      stage: 'RESULT',
      keywords: [],
      targetChannels: ['WEBSITE'],
      ...(status === 'PUBLISHED' ? { publishedAt: at('2026-09-20T10:00'), firstPublishedAt: at('2026-09-20T10:00') } : {}),
      ...(status === 'SCHEDULED' ? { publishAt: at('2026-10-20T10:00') } : {}),
      ...fields,
    },
    select: { id: true },
  });
  return r.id;
}

type ConcernKind = 'QUESTION' | 'CORRECTION' | 'SUGGESTION' | 'COMPLAINT' | 'DISCLOSURE_REQUEST';
type ConcernStatus = 'RECEIVED' | 'IN_PROGRESS' | 'AWAITING_CORRECTION' | 'ANSWERED' | 'CLOSED';

async function concern(unit: Unit, kind: ConcernKind, status: ConcernStatus, fields: { dueAt?: Date | null; correctionDueAt?: Date }): Promise<{ id: string; trackingNo: string }> {
  const trackingNo = `RMD-${randomUUID().slice(0, 12)}`;
  const c = await prisma().concern.create({
    data: {
      trackingNo,
      kind,
      status,
      orgUnitId: unit.uuid,
      subject: `${SUBJECT_MARK} ${kind}`,
      content: `${CONTENT_MARK}：${NAME}，电话 ${PHONE}`,
      receivedAt: at('2026-09-10T09:00'),
      ...(kind === 'DISCLOSURE_REQUEST' ? { receiptMethod: 'ONLINE' as const, requesterType: 'NATURAL_PERSON' as const, clockStartedAt: at('2026-09-10T09:00') } : {}),
      ...fields,
      submitter: { create: { requesterType: 'NATURAL_PERSON', name: NAME, phone: PHONE, email: 'kong@example.cn', address: '咸亨酒店' } },
    },
    select: { id: true },
  });
  return { id: c.id, trackingNo };
}

/** The reminder events written for `day` (every unit), oldest first. */
async function remindersOf(day: string): Promise<{ sequence: bigint; orgUnitId: string | null; aggregateId: string; aggregateType: string; public: boolean; channels: string[]; payload: Any }[]> {
  const rows = await prisma().outboxEvent.findMany({ where: { topic: 'reminder.due_soon' }, orderBy: { sequence: 'asc' } });
  return rows.filter((r) => (r.payload as Any)?.day === day) as Any;
}

const counts = (c: Partial<Record<string, number>>) => {
  const full = { RELEASE: 0, INTERPRETATION: 0, CONCERN: 0, DISCLOSURE_REQUEST: 0, REQUEST_CORRECTION: 0, ...c };
  return { ...full, total: Object.values(full).reduce((a, b) => a + b, 0) };
};

// ---- fixtures ------------------------------------------------------------------------------------

/** Beneath 张八岭镇: has something of every kind due. */
let unitA: Unit;
/** Beneath 三界镇: one question due. */
let unitB: Unit;
/** Beneath 张八岭镇: only what does not count (published, answered, closed, far off). */
let unitC: Unit;
const ids: Record<string, string> = {};
const tracking: Record<string, string> = {};

beforeAll(async () => {
  svc = await startTestService({ env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_BASE_MS: '40', WEBHOOK_RETRY_MAX_MS: '200' } });
  fx = await fixture(svc);
  admin = await asAdmin(svc);
  unitA = await childUnit(fx.township.uuid, 'A');
  unitB = await childUnit(fx.otherTownship.uuid, 'B');
  unitC = await childUnit(fx.township.uuid, 'C');

  // Releases not yet published, by their publication deadline.
  ids.r1 = await release(unitA, 'DRAFT', { dueAt: at('2026-10-09T12:00') });
  ids.r2 = await release(unitA, 'IN_REVIEW', { dueAt: at('2026-10-10T18:00') }); // the make-up Saturday
  ids.r3 = await release(unitA, 'APPROVED', { dueAt: at('2026-10-12T09:00') });
  ids.r4 = await release(unitA, 'DRAFT', { dueAt: at('2026-09-29T18:00') });
  ids.r5 = await release(unitA, 'PUBLISHED', { dueAt: at('2026-10-09T12:00') }); // published: not due
  ids.r6 = await release(unitA, 'SCHEDULED', { dueAt: at('2026-09-30T12:00') });
  // Published policies awaiting their interpretation.
  ids.p1 = await release(unitA, 'PUBLISHED', { interpretationDueAt: at('2026-10-08T17:00') });
  ids.p2 = await release(unitA, 'PUBLISHED', { interpretationDueAt: at('2026-10-08T17:00'), interpretedAt: at('2026-09-25T10:00') }); // interpreted
  ids.p3 = await release(unitA, 'PUBLISHED', { interpretationDueAt: at('2026-09-28T17:00') });
  // Concerns (not requests).
  const c1 = await concern(unitA, 'QUESTION', 'RECEIVED', { dueAt: endOf('2026-10-10') });
  await concern(unitA, 'COMPLAINT', 'IN_PROGRESS', { dueAt: at('2026-10-11T10:00') }); // a Sunday, past the window of 09-30
  await concern(unitA, 'CORRECTION', 'ANSWERED', { dueAt: endOf('2026-10-09') }); // answered: not due
  await concern(unitA, 'SUGGESTION', 'RECEIVED', { dueAt: at('2026-09-30T09:00') });
  // Disclosure requests.
  const d1 = await concern(unitA, 'DISCLOSURE_REQUEST', 'IN_PROGRESS', { dueAt: endOf('2026-10-09') });
  const d2 = await concern(unitA, 'DISCLOSURE_REQUEST', 'AWAITING_CORRECTION', { dueAt: null, correctionDueAt: endOf('2026-10-08') });
  await concern(unitA, 'DISCLOSURE_REQUEST', 'RECEIVED', { dueAt: endOf('2026-10-13') });
  await concern(unitA, 'DISCLOSURE_REQUEST', 'CLOSED', { dueAt: endOf('2026-10-09') }); // closed: not due
  Object.assign(ids, { c1: c1.id, d1: d1.id, d2: d2.id });
  Object.assign(tracking, { c1: c1.trackingNo, d1: d1.trackingNo, d2: d2.trackingNo });

  const b1 = await concern(unitB, 'QUESTION', 'IN_PROGRESS', { dueAt: at('2026-10-08T12:00') });
  ids.b1 = b1.id;

  await release(unitC, 'PUBLISHED', { dueAt: at('2026-10-09T12:00') });
  await release(unitC, 'DRAFT', { dueAt: at('2027-03-01T12:00') });
  await concern(unitC, 'QUESTION', 'ANSWERED', { dueAt: endOf('2026-10-09') });
  await concern(unitC, 'DISCLOSURE_REQUEST', 'CLOSED', { dueAt: endOf('2026-09-01') });
});

afterAll(async () => {
  await svc?.stop();
});

const settings = () => ({ timeZone: svc.config.timeZone, workingDays: svc.config.reminderWorkingDays });

describe(`reminders (${databaseLabel})`, () => {
  it('REMINDER_WORKING_DAYS defaults to 3 and refuses bad values at start-up', () => {
    const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' };
    expect(loadConfig(base).reminderWorkingDays).toBe(3);
    expect(loadConfig({ ...base, REMINDER_WORKING_DAYS: '5' }).reminderWorkingDays).toBe(5);
    for (const bad of ['0', '-1', '2.5', 'three', '61']) {
      expect(() => loadConfig({ ...base, REMINDER_WORKING_DAYS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, REMINDER_WORKING_DAYS: bad }), bad).toThrow(/REMINDER_WORKING_DAYS/);
    }
  });

  it('Wednesday 09-30 before the holiday: due within 3 working days = by the end of Saturday 10-10 (make-up workday); counts per unit, soonest first', async () => {
    const outcome = await runDueSoonReminders(prisma(), at('2026-09-30T10:00'), settings());
    expect(outcome).toMatchObject({ ran: true, day: '2026-09-30' });
    if (!outcome.ran) throw new Error('did not run');
    // 10-08 (Thu) is the 1st working day after 09-30, 10-09 the 2nd, the make-up Saturday 10-10 the 3rd.
    expect(outcome.dueBy.toISOString()).toBe(endOf('2026-10-10').toISOString());

    const events = await remindersOf('2026-09-30');
    const a = events.filter((e) => e.orgUnitId === unitA.uuid);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ aggregateType: 'OrgUnit', aggregateId: unitA.uuid, public: false, channels: [] });
    const p = a[0]!.payload;
    expect(p).toMatchObject({ orgUnitId: unitA.uuid, day: '2026-09-30', workingDays: 3, dueBy: endOf('2026-10-10').toISOString() });
    expect(p.dueSoon).toEqual(counts({ RELEASE: 3, INTERPRETATION: 1, CONCERN: 1, DISCLOSURE_REQUEST: 1, REQUEST_CORRECTION: 1 }));
    expect(p.overdue).toEqual(counts({ RELEASE: 1, INTERPRETATION: 1, CONCERN: 1 }));
    expect(p.soonest).toHaveLength(SOONEST_ITEMS);
    expect(p.soonest).toEqual([
      { kind: 'RELEASE', id: ids.r6, dueAt: at('2026-09-30T12:00').toISOString() },
      { kind: 'INTERPRETATION', id: ids.p1, dueAt: at('2026-10-08T17:00').toISOString() },
      { kind: 'REQUEST_CORRECTION', id: ids.d2, dueAt: endOf('2026-10-08').toISOString(), trackingNo: tracking.d2 },
      { kind: 'RELEASE', id: ids.r1, dueAt: at('2026-10-09T12:00').toISOString() },
      { kind: 'DISCLOSURE_REQUEST', id: ids.d1, dueAt: endOf('2026-10-09').toISOString(), trackingNo: tracking.d1 },
    ]);

    const b = events.filter((e) => e.orgUnitId === unitB.uuid);
    expect(b).toHaveLength(1);
    expect(b[0]!.payload.dueSoon).toEqual(counts({ CONCERN: 1 }));
    expect(b[0]!.payload.overdue).toEqual(counts({}));
    expect(b[0]!.payload.soonest).toEqual([{ kind: 'CONCERN', id: ids.b1, dueAt: at('2026-10-08T12:00').toISOString(), trackingNo: expect.any(String) }]);

    // Nothing of C counts (published, answered, closed, due next year): no event at all.
    expect(events.filter((e) => e.orgUnitId === unitC.uuid)).toEqual([]);
    // One event per unit, and the run row says how many.
    expect(new Set(events.map((e) => e.orgUnitId)).size).toBe(events.length);
    expect((await prisma().reminderRun.findUniqueOrThrow({ where: { day: new Date('2026-09-30T00:00:00Z') } })).units).toBe(events.length);
  });

  it('Friday 10-09: the window runs over the make-up Saturday and the weekend to Tuesday 10-13; what passed is overdue', async () => {
    const outcome = await runDueSoonReminders(prisma(), at('2026-10-09T10:00'), settings());
    if (!outcome.ran) throw new Error('did not run');
    // 10-10 (make-up Saturday) is the 1st working day, Monday 10-12 the 2nd, Tuesday 10-13 the 3rd.
    expect(outcome.dueBy.toISOString()).toBe(endOf('2026-10-13').toISOString());
    const events = await remindersOf('2026-10-09');
    const a = events.filter((e) => e.orgUnitId === unitA.uuid);
    expect(a).toHaveLength(1);
    expect(a[0]!.payload.dueSoon).toEqual(counts({ RELEASE: 3, CONCERN: 2, DISCLOSURE_REQUEST: 2 }));
    expect(a[0]!.payload.overdue).toEqual(counts({ RELEASE: 2, INTERPRETATION: 2, CONCERN: 1, REQUEST_CORRECTION: 1 }));
    expect(a[0]!.payload.soonest[0]).toEqual({ kind: 'RELEASE', id: ids.r1, dueAt: at('2026-10-09T12:00').toISOString() });
    const b = events.filter((e) => e.orgUnitId === unitB.uuid);
    expect(b.map((e) => [e.payload.dueSoon.total, e.payload.overdue])).toEqual([[0, counts({ CONCERN: 1 })]]);
    expect(b[0]!.payload.soonest).toEqual([]);
    expect(events.filter((e) => e.orgUnitId === unitC.uuid)).toEqual([]);
  });

  it('runs once per local day: again the same day, a retry, or two processes at once emit nothing more', async () => {
    // 2026-10-13 23:30 in the county is already 10-13 there (15:30 UTC): the same day as 09:00.
    const first = await runDueSoonReminders(prisma(), at('2026-10-13T09:00'), settings());
    expect(first).toMatchObject({ ran: true, day: '2026-10-13' });
    const before = (await remindersOf('2026-10-13')).length;
    expect(before).toBeGreaterThan(0);
    const again = await Promise.all([
      runDueSoonReminders(prisma(), at('2026-10-13T23:30'), settings()),
      runDueSoonReminders(prisma(), at('2026-10-13T12:00'), settings()),
      runDueSoonReminders(prisma(), at('2026-10-13T12:00'), settings()),
    ]);
    expect(again).toEqual([{ ran: false, day: '2026-10-13' }, { ran: false, day: '2026-10-13' }, { ran: false, day: '2026-10-13' }]);
    expect((await remindersOf('2026-10-13')).length).toBe(before);

    // A new day (none run yet), by two processes at once: exactly one of them emits.
    const racing = await Promise.all([runDueSoonReminders(prisma(), at('2026-10-14T08:00'), settings()), runDueSoonReminders(prisma(), at('2026-10-14T08:00'), settings())]);
    expect(racing.filter((r) => r.ran)).toHaveLength(1);
    const day14 = await remindersOf('2026-10-14');
    expect(day14.filter((e) => e.orgUnitId === unitA.uuid)).toHaveLength(1);
    expect(new Set(day14.map((e) => e.orgUnitId)).size).toBe(day14.length);
  });

  it('the payload carries counts, ids, kinds, due times and tracking numbers — no names, phones, subjects, content or titles', async () => {
    const events = [...(await remindersOf('2026-09-30')), ...(await remindersOf('2026-10-09'))];
    const text = JSON.stringify(events.map((e) => e.payload));
    for (const secret of [NAME, PHONE, 'kong@example.cn', '咸亨酒店', SUBJECT_MARK, CONTENT_MARK, TITLE_MARK]) expect(text).not.toContain(secret);
    for (const e of events) {
      expect(Object.keys(e.payload).sort()).toEqual(['day', 'dueBy', 'dueSoon', 'orgUnitId', 'overdue', 'soonest', 'workingDays']);
      for (const item of e.payload.soonest) {
        expect(Object.keys(item).every((k) => ['kind', 'id', 'dueAt', 'trackingNo'].includes(k)), JSON.stringify(item)).toBe(true);
        expect(item.id).toMatch(/^[0-9a-f-]{36}$/);
      }
    }
  });

  it('the queued job runs the reminder for the county\'s today (graphile-worker task reminders_due_soon)', async () => {
    const today = shanghaiDay(new Date());
    await prisma().$executeRawUnsafe(`SELECT "${svc.config.jobs.schema}".add_job('reminders_due_soon', '{}'::json)`);
    const run = await pollUntil('the ReminderRun of today', () => prisma().reminderRun.findUnique({ where: { day: new Date(`${today}T00:00:00Z`) } }));
    expect(run.units).toBe(new Set((await remindersOf(today)).map((e) => e.orgUnitId)).size);
  });
});

// ---- the change feed -------------------------------------------------------------------------------

const CHANGES = `query($after: String, $filter: ChangeFilter) {
  changes(first: 100, after: $after, filter: $filter) {
    __typename
    ... on ChangeConnection { pageInfo { endCursor hasNextPage } edges { node { kind subjectId occurredAt channels subjectVersion
      release { id } interpretation { id } response { id } question { id } tombstone { title } correction { major } } } }
    ... on Error { code message }
  }
}`;

/** Every event the caller sees (all pages), after the feed caught up with the outbox. */
async function feed(caller: Caller, kinds?: string[]): Promise<Any[]> {
  await pollUntil('the feed caught up with the outbox', async () => {
    const [row] = await prisma().$queryRaw<{ ok: boolean }[]>`
      SELECT COALESCE(max("txid"), 0) < ((pg_snapshot_xmin(pg_current_snapshot()))::text)::bigint AS ok FROM "OutboxEvent"`;
    return row!.ok;
  });
  const events: Any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Any = (await callData(svc, caller, CHANGES, { after, filter: kinds ? { kinds } : null })).changes;
    if (page.__typename !== 'ChangeConnection') throw new Error(JSON.stringify(page));
    events.push(...page.edges.map((e: Any) => e.node));
    after = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return events;
  }
}

describe(`notices in the change feed (${databaseLabel})`, () => {
  let kiosk: ChannelWithKey;
  let extended: { id: string; trackingNo: string };

  beforeAll(async () => {
    kiosk = await createChannelWithKey(svc, admin, 'KIOSK', { orgUnitId: unitA.id });
    // disclosure_request.extended as the request code writes it (aggregate Concern).
    extended = await concern(unitA, 'DISCLOSURE_REQUEST', 'IN_PROGRESS', { dueAt: endOf('2026-11-20') });
    await prisma().$transaction((tx) =>
      emitEvent(tx, 'disclosure_request.extended', { type: 'Concern', id: extended.id }, { orgUnitId: unitA.uuid, channels: [], public: false }, { trackingNo: extended.trackingNo, dueAt: endOf('2026-11-20').toISOString() }),
    );
  });

  it('staff of the unit (and of its ancestors) see its notices, subject fields null; staff of another unit do not', async () => {
    const townshipEditor = await feed(fx.editor, ['REMINDER_DUE_SOON', 'DISCLOSURE_REQUEST_EXTENDED']);
    const reminders = townshipEditor.filter((e) => e.kind === 'REMINDER_DUE_SOON');
    expect(reminders.filter((e) => e.subjectId === unitA.id).length).toBeGreaterThanOrEqual(2);
    expect(reminders.filter((e) => e.subjectId === unitB.id)).toEqual([]);
    for (const e of townshipEditor) expect(e).toMatchObject({ channels: [], subjectVersion: null, release: null, interpretation: null, response: null, question: null, tombstone: null, correction: null });
    expect(townshipEditor.filter((e) => e.kind === 'DISCLOSURE_REQUEST_EXTENDED').map((e) => e.subjectId)).toEqual([gid('Concern', extended.id)]);

    const otherEditor = await feed(fx.otherEditor, ['REMINDER_DUE_SOON', 'DISCLOSURE_REQUEST_EXTENDED']);
    expect(otherEditor.filter((e) => e.subjectId === unitB.id).length).toBeGreaterThanOrEqual(2);
    expect(otherEditor.filter((e) => e.subjectId === unitA.id || e.kind === 'DISCLOSURE_REQUEST_EXTENDED')).toEqual([]);

    // The whole feed (no kind filter) of a staff member reads through notices without errors.
    const all = await feed(fx.editor);
    expect(all.some((e) => e.kind === 'REMINDER_DUE_SOON')).toBe(true);
    expect(all.some((e) => e.kind === 'DISCLOSURE_REQUEST_EXTENDED')).toBe(true);
  });

  it('anonymous callers and channel keys never see notices — not even a channel owned by the unit', async () => {
    for (const caller of [anonymous, kiosk]) {
      const events = await feed(caller);
      expect(events.filter((e) => e.kind === 'REMINDER_DUE_SOON' || e.kind === 'DISCLOSURE_REQUEST_EXTENDED'), caller.label).toEqual([]);
      expect(await feed(caller, ['REMINDER_DUE_SOON', 'DISCLOSURE_REQUEST_EXTENDED'])).toEqual([]);
    }
  });
});

// ---- webhooks ----------------------------------------------------------------------------------------

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  json: Any;
  body: string;
}

/** A real receiver on 127.0.0.1 that answers 200 and keeps what it got. */
class Receiver {
  readonly received: Received[] = [];
  readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Any;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      this.received.push({ path: req.url ?? '/', headers: req.headers, json, body });
      res.end('ok');
    });
  });
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }
  url(p: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${p}`;
  }
  at(p: string): Received[] {
    return this.received.filter((r) => r.path === p);
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function endpoint(channelClientId: string, url: string, eventKinds: string[]): Promise<string> {
  const data = await callData(
    svc,
    admin,
    `mutation($input: CreateWebhookEndpointInput!) { r: createWebhookEndpoint(input: $input) {
      __typename ... on CreateWebhookEndpointPayload { endpoint { id } } ... on Error { code message } } }`,
    { input: { channelClientId, url, eventKinds } },
  );
  if (data.r.__typename !== 'CreateWebhookEndpointPayload') throw new Error(JSON.stringify(data.r));
  return Buffer.from(data.r.endpoint.id, 'base64url').toString('utf8').split(':')[1]!;
}

describe(`notices by webhook (${databaseLabel})`, () => {
  const receiver = new Receiver();
  const paths = {
    township: '/township-lists-it', // owned by 张八岭镇 (an ancestor of A), lists reminder.due_soon
    unitSelf: '/unit-a-lists-it', // owned by A itself, lists it
    everything: '/township-everything', // owned by 张八岭镇, eventKinds empty (= every content event)
    otherKinds: '/township-other-kinds', // owned by 张八岭镇, lists only release.published
    otherUnit: '/sanjie-lists-it', // owned by 三界镇, lists it
    unowned: '/unowned-lists-it', // owned by no unit, lists it
  } as const;
  const endpointIds: Record<keyof typeof paths, string> = {} as never;

  beforeAll(async () => {
    await receiver.start();
    // WEBSITE: the releases of the last test target it.
    const township = await createChannelWithKey(svc, admin, 'WEBSITE', { orgUnitId: fx.township.id });
    const unitSelf = await createChannelWithKey(svc, admin, 'KIOSK', { orgUnitId: unitA.id });
    const sanjie = await createChannelWithKey(svc, admin, 'NEW_MEDIA', { orgUnitId: fx.otherTownship.id });
    const unowned = await createChannelWithKey(svc, admin, 'WEBSITE');
    endpointIds.township = await endpoint(township.channelId, receiver.url(paths.township), ['reminder.due_soon', 'release.published']);
    endpointIds.unitSelf = await endpoint(unitSelf.channelId, receiver.url(paths.unitSelf), ['reminder.due_soon']);
    endpointIds.everything = await endpoint(township.channelId, receiver.url(paths.everything), []);
    endpointIds.otherKinds = await endpoint(township.channelId, receiver.url(paths.otherKinds), ['release.published']);
    endpointIds.otherUnit = await endpoint(sanjie.channelId, receiver.url(paths.otherUnit), ['reminder.due_soon']);
    endpointIds.unowned = await endpoint(unowned.channelId, receiver.url(paths.unowned), ['reminder.due_soon']);
  });
  afterAll(async () => {
    await receiver.stop();
  });

  it('go only to endpoints that list the topic, of channel clients owned by the unit or an ancestor', async () => {
    const day = '2026-10-20';
    const outcome = await runDueSoonReminders(prisma(), at(`${day}T09:00`), settings());
    expect(outcome.ran).toBe(true);
    // As the job does: announce the change, so the dispatcher wakes now (not at its minute's sweep).
    svc.service.changes.changed();
    const events = await remindersOf(day);
    const forA = events.find((e) => e.orgUnitId === unitA.uuid)!;
    const forB = events.find((e) => e.orgUnitId === unitB.uuid)!;
    expect(forA && forB).toBeTruthy();

    const got = (p: string, unit: Unit) => receiver.at(p).filter((r) => r.json?.type === 'reminder.due_soon' && r.json.data?.day === day && r.json.data.orgUnitId === unit.uuid);
    const a = await pollUntil('A\'s reminder at the township\'s endpoint', async () => got(paths.township, unitA)[0]);
    await pollUntil('A\'s reminder at A\'s own endpoint', async () => got(paths.unitSelf, unitA)[0]);
    await pollUntil('B\'s reminder at 三界镇\'s endpoint', async () => got(paths.otherUnit, unitB)[0]);
    // The dispatcher has passed both events: whatever it would queue for them is queued.
    await pollUntil('the dispatcher passed the reminders', async () => {
      const [row] = await prisma().$queryRaw<{ passed: boolean }[]>`
        SELECT bool_and((c."txid", c."sequence") >= (e."txid", e."sequence")) AS passed
        FROM "WebhookCursor" c, "OutboxEvent" e WHERE c."id" = 1 AND e."sequence" IN (${forA.sequence}, ${forB.sequence})`;
      return row?.passed;
    });
    const queued = await prisma().webhookDelivery.findMany({ where: { eventSequence: { in: [forA.sequence, forB.sequence] } }, select: { endpointId: true, eventSequence: true } });
    const byEndpoint = (id: string) => queued.filter((d) => d.endpointId === id).map((d) => d.eventSequence);
    expect(byEndpoint(endpointIds.township)).toEqual([forA.sequence]);
    expect(byEndpoint(endpointIds.unitSelf)).toEqual([forA.sequence]);
    expect(byEndpoint(endpointIds.otherUnit)).toEqual([forB.sequence]);
    expect(byEndpoint(endpointIds.everything)).toEqual([]);
    expect(byEndpoint(endpointIds.otherKinds)).toEqual([]);
    expect(byEndpoint(endpointIds.unowned)).toEqual([]);
    expect(got(paths.township, unitB)).toEqual([]);
    expect(got(paths.otherUnit, unitA)).toEqual([]);

    // What arrives: the notice's payload (counts, ids, due times), signed like every delivery.
    expect(a.headers['webhook-signature']).toMatch(/^v1,/);
    expect(a.json.data).toMatchObject({ type: 'reminder.due_soon', id: unitA.id, orgUnitId: unitA.uuid, day, workingDays: 3, dueSoon: forA.payload.dueSoon, overdue: forA.payload.overdue, soonest: forA.payload.soonest });
    for (const secret of [NAME, PHONE, SUBJECT_MARK, CONTENT_MARK, TITLE_MARK]) expect(a.body).not.toContain(secret);
  });

  it('content events still reach the endpoint that takes every kind (and one that lists release.published)', async () => {
    const published = await releaseIn(fx, 'PUBLISHED');
    await pollUntil('release.published at the "every kind" endpoint', async () => receiver.at(paths.everything).find((r) => r.json?.type === 'release.published' && r.json.data?.id === published.id));
    await pollUntil('release.published at the township endpoint', async () => receiver.at(paths.township).find((r) => r.json?.type === 'release.published' && r.json.data?.id === published.id));
    expect(receiver.at(paths.everything).filter((r) => r.json?.type === 'reminder.due_soon' || r.json?.type === 'disclosure_request.extended')).toEqual([]);
  });
});
