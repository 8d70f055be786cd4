// 依申请公开 on the statutory clock of the 政府信息公开条例 (2019), on the real service:
// - the clock as a pure function of its events on the 2026 calendar (国庆/中秋 holidays and the
//   make-up workday), counted by hand;
// - the scenario step by step with the service's own clock set to each day: submitted
//   through the website key on the Friday before National Day, confirmed, a 补正 notice, the
//   correction, one extension, answered 部分公开 — then the 2026 年报 (GraphQL and XLSX) and the
//   assessment ranking the county's units;
// - the same rules through GraphQL today (recorded days in the past), every refusal with a
//   clear error, the third-party pause, 视为放弃 by the job, appeals, and personal data that
//   never reaches the public or a channel.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/auth/viewer.js';
import { loadWorkCalendar } from '../src/modules/calendar/work-calendar.service.js';
import { accessCodeKey } from '../src/modules/concerns/concern-access.js';
import type { ConcernContext } from '../src/modules/concerns/concern.service.js';
import { createResponse, publishResponse } from '../src/modules/concerns/response.service.js';
import { residentIdCheckChar, validCreditCode, validResidentId } from '../src/modules/requests/identity-documents.js';
import { clockColumns, requestClock, type ClockEvent } from '../src/modules/requests/request-clock.js';
import { clockOf } from '../src/modules/requests/request-clock.service.js';
import * as requests from '../src/modules/requests/request.service.js';
import { simpleTransition } from '../src/modules/workflow/editorial-workflow.js';
import { creditCode, residentIdNumber } from '../src/seed/credit-code.js';
import { endOfLocalDay } from '../src/time.js';
import { anonymous, call, callData, createChannelWithKey, gid, type Caller, type ChannelWithKey } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { addWorkingDays, endOfShanghaiDay, fixture, shanghaiDay, uuidOf, type Any, type Fixture } from './workflow-helpers.js';

const TZ = 'Asia/Shanghai';
let service: TestService;
let fx: Fixture;
let website: ChannelWithKey;

const prisma = () => service.service.db.prisma;
/** Local wall time in Shanghai. */
const at = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => endOfLocalDay(day, TZ);
const dateOnly = (day: string) => new Date(`${day}T00:00:00.000Z`);

const ID_NO = residentIdNumber('341182', '19850612', 3);
const PHONE = '13955501234';
const NAME = '孙晓明';

beforeAll(async () => {
  service = await startTestService();
  fx = await fixture(service);
  website = await createChannelWithKey(service, fx.admin, 'WEBSITE');
});

afterAll(async () => {
  await service?.stop();
});

/** The viewer a signed-in user gets (their grants with the units' paths), for calling services directly. */
async function viewerOf(username: string): Promise<Viewer> {
  const user = await prisma().user.findUniqueOrThrow({ where: { username }, select: { id: true, username: true, grants: { select: { role: true, orgUnitId: true, orgUnit: { select: { path: true } } } } } });
  return { kind: 'user', userId: user.id, username: user.username, grants: user.grants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, orgPath: g.orgUnit.path })) };
}

/** The context a request at `now` by `viewer` gets: the service's own, with its clock set. */
function contextAt(now: Date, viewer: Viewer): ConcernContext {
  return {
    db: service.service.db.prisma,
    viewer,
    actor: { userId: viewer.kind === 'user' ? viewer.userId : null },
    now,
    timeZone: TZ,
    deadlines: service.config.deadlines,
    jobs: undefined as never,
    accessKey: accessCodeKey(service.config.auth.jwtSecret),
    clientAddress: '127.0.0.1',
  };
}

const requester = (overrides: Record<string, unknown> = {}) => ({ requesterType: 'NATURAL_PERSON', name: NAME, idDocumentType: 'RESIDENT_ID', idDocumentNo: ID_NO, phone: PHONE, ...overrides });

// ---- the clock, by hand ------------------------------------------------------------------------------

describe('the statutory clock on the 2026 calendar, counted by hand', () => {
  // 2026: 中秋 Fri 25 – Sun 27 Sep; 国庆 1–7 Oct; Sat 10 Oct is a make-up workday.
  let calendar: Awaited<ReturnType<typeof loadWorkCalendar>>;
  beforeAll(async () => {
    calendar = await loadWorkCalendar(prisma(), '2026-09-01', '2027-01-31');
  });
  const ev = (kind: ClockEvent['kind'], day: string, workingDays: number | null = null): ClockEvent => ({ kind, at: at(`${day}T10:00:00`), workingDays });

  it('knows the holidays it counts across', () => {
    expect(['2026-09-25', '2026-10-01', '2026-10-07'].map((d) => calendar.isWorkday(d))).toEqual([false, false, false]);
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
  });

  it('not started until confirmed: no due date', () => {
    expect(requestClock([], calendar, TZ)).toMatchObject({ phase: 'NOT_STARTED', dueDay: null, correctionNoticeDueDay: null });
  });

  it('20 working days from the start, the start day not counted; the 补正 notice within 7', () => {
    // Mon 28 Sep: 29, 30 Sep, then 8, 9, 10 (Sat, make-up), 12, 13 Oct are working days 1–7.
    const clock = requestClock([ev('START', '2026-09-28')], calendar, TZ);
    expect(clock).toMatchObject({ phase: 'RUNNING', countFrom: '2026-09-28', correctionNoticeDueDay: '2026-10-13' });
    // … 14–16 (8–10), 19–23 (11–15), 26–30 Oct (16–20).
    expect(clock.dueDay).toBe('2026-10-30');
  });

  it('补正 stops the clock; the corrected request counts anew; an extension adds to the new count', () => {
    const events = [ev('START', '2026-09-28'), ev('PAUSE_FOR_CORRECTION', '2026-09-29', 10)];
    // 10 working days from 29 Sep: 30 Sep, 8, 9, 10, 12, 13, 14, 15, 16, 19 Oct.
    expect(requestClock(events, calendar, TZ)).toMatchObject({ phase: 'AWAITING_CORRECTION', dueDay: null, correctionDueDay: '2026-10-19', correctionRequested: true, correctionNoticeDueDay: null });
    events.push(ev('CORRECTED', '2026-10-12'));
    // 20 from Mon 12 Oct: 13–16 (4), 19–23 (9), 26–30 (14), 2–6 Nov (19), 9 Nov (20).
    expect(requestClock(events, calendar, TZ)).toMatchObject({ phase: 'RUNNING', countFrom: '2026-10-12', dueDay: '2026-11-09', correctionDueDay: null });
    events.push(ev('EXTEND', '2026-11-02', 20));
    // 20 more: 10–13 (24), 16–20 (29), 23–27 (34), 30 Nov (35), 1–4 Dec (39), Mon 7 Dec (40).
    expect(requestClock(events, calendar, TZ)).toMatchObject({ dueDay: '2026-12-07', extensionDays: 20 });
  });

  it('third-party consultation is not counted, for at most 15 working days', () => {
    const start = [ev('START', '2026-11-02')];
    // 20 from Mon 2 Nov: 30 Nov.
    expect(requestClock(start, calendar, TZ).dueDay).toBe('2026-11-30');
    // While it lasts the due date assumes the whole 15: 30 Nov + 15 = 21 Dec.
    const consulting = [...start, ev('PAUSE_FOR_THIRD_PARTY', '2026-11-05')];
    expect(requestClock(consulting, calendar, TZ)).toMatchObject({ phase: 'THIRD_PARTY', dueDay: '2026-12-21' });
    // Answered on Thu 12 Nov: 6, 9, 10, 11, 12 Nov are 5 days not counted → 7 Dec.
    expect(requestClock([...consulting, ev('RESUME', '2026-11-12')], calendar, TZ)).toMatchObject({ phase: 'RUNNING', thirdPartyDays: 5, dueDay: '2026-12-07' });
    // Answered after 20 working days: only 15 are not counted → 21 Dec.
    expect(requestClock([...consulting, ev('RESUME', '2026-12-03')], calendar, TZ)).toMatchObject({ thirdPartyDays: 15, dueDay: '2026-12-21' });
  });

  it('checks identity documents by their check digits', () => {
    expect(validResidentId(ID_NO)).toBe(true);
    expect(validResidentId(ID_NO.slice(0, 17) + (ID_NO[17] === '0' ? '1' : '0'))).toBe(false);
    const feb31 = '34118219850231003';
    expect(validResidentId(feb31 + residentIdCheckChar(feb31))).toBe(false);
    const code = creditCode('341182', 'MA2T0001', '12');
    expect(validCreditCode(code)).toBe(true);
    expect(validCreditCode(code.slice(0, 17) + (code[17] === '0' ? '1' : '0'))).toBe(false);
  });
});

// ---- the scenario ----------------------------------------------------------------------------

describe(`a request on the Friday before National Day, corrected, extended, answered 部分公开 (${databaseLabel})`, () => {
  let unit: { id: string; uuid: string; code: string };
  let receipt: requests.DisclosureRequestInput & Any;
  let requestId: string;
  let editorOf: Viewer;
  let reviewerOf: Viewer;

  beforeAll(async () => {
    // A department of its own beneath the county, so its 年报 holds this request only.
    const county = await prisma().orgUnit.findFirstOrThrow({ where: { parentId: null }, select: { id: true } });
    const created = await callData(service, fx.admin, `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { __typename ... on CreateOrgUnitPayload { orgUnit { id code } } } }`, {
      input: { parentId: gid('OrgUnit', county.id), code: '341182-DRQ', name: '明光市数据资源管理局', kind: 'DEPARTMENT' },
    });
    unit = { id: created.createOrgUnit.orgUnit.id, uuid: uuidOf(created.createOrgUnit.orgUnit.id), code: created.createOrgUnit.orgUnit.code };
    for (const [username, role] of [['drq.editor', 'EDITOR'], ['drq.reviewer', 'REVIEWER']] as const) {
      const user = await prisma().user.create({ data: { username, displayName: username, passwordHash: 'x' }, select: { id: true } });
      await prisma().roleGrant.create({ data: { userId: user.id, role, orgUnitId: unit.uuid } });
    }
    editorOf = await viewerOf('drq.editor');
    reviewerOf = await viewerOf('drq.reviewer');
  });

  const channelViewer = (): Viewer => ({ kind: 'channel', channelId: uuidOf(website.channelId), channelKind: 'WEBSITE', apiKeyId: 'test' });

  it('Fri 25 Sep (中秋): submitted through the website key; no due date until confirmed', async () => {
    receipt = await requests.submitDisclosureRequest(contextAt(at('2026-09-25T16:30:00'), channelViewer()), {
      requester: requester() as never,
      description: '明光市2026年度政务数据共享目录（文号：明数资〔2026〕3号）',
      deliveryPreference: '电子邮件',
      orgUnitId: unit.uuid,
    });
    expect(receipt.dueAt).toBeNull();
    requestId = receipt.concernId;
    const row = await prisma().concern.findUniqueOrThrow({ where: { id: requestId }, include: { submitter: true } });
    expect(row).toMatchObject({ kind: 'DISCLOSURE_REQUEST', orgUnitId: unit.uuid, channel: 'WEBSITE', receiptMethod: 'ONLINE', requesterType: 'NATURAL_PERSON', status: 'RECEIVED', clockStartedAt: null, dueAt: null });
    expect(row.submitter).toMatchObject({ name: NAME, idDocumentType: 'RESIDENT_ID', idDocumentNo: ID_NO });
  });

  it('Mon 28 Sep: receipt confirmed with the requester; due 30 Oct', async () => {
    await requests.confirmDisclosureRequest(contextAt(at('2026-09-28T09:00:00'), editorOf), { id: requestId });
    const row = await prisma().concern.findUniqueOrThrow({ where: { id: requestId } });
    expect(row.clockStartedAt).toEqual(at('2026-09-28T09:00:00'));
    expect(row.dueAt).toEqual(endOf('2026-10-30'));
  });

  it('Tue 29 Sep: one combined 补正 notice, 10 working days; the clock stops, correction due 19 Oct', async () => {
    await requests.requestCorrection(contextAt(at('2026-09-29T10:00:00'), editorOf), { id: requestId, note: '请补充所需信息的具体名称或文号', workingDays: 10 });
    const row = await prisma().concern.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({ status: 'AWAITING_CORRECTION', dueAt: null, correctionDueAt: endOf('2026-10-19') });
    // Nothing is answered while the requester supplements.
    await expect(createResponse(contextAt(at('2026-09-30T10:00:00'), editorOf), { concernId: requestId, bodyHtml: '<p>x</p>' })).rejects.toThrow(/awaits its correction/);
  });

  it('Mon 12 Oct: the corrected request arrives; the 20 days count anew, due 9 Nov', async () => {
    await requests.recordCorrection(contextAt(at('2026-10-12T11:00:00'), editorOf), { id: requestId });
    const row = await prisma().concern.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({ status: 'RECEIVED', dueAt: endOf('2026-11-09'), correctionDueAt: null });
  });

  it('Mon 2 Nov: extended once by 20 working days, approved; due 7 Dec; the requester is told', async () => {
    // An editor cannot approve an extension.
    await expect(requests.extendDisclosureRequest(contextAt(at('2026-11-02T10:00:00'), editorOf), { id: requestId, workingDays: 20, reason: '需调取档案', approver: '王局长' })).rejects.toThrow(/REVIEWER/);
    await requests.extendDisclosureRequest(contextAt(at('2026-11-02T10:00:00'), reviewerOf), { id: requestId, workingDays: 20, reason: '需调取多个部门档案', approver: '王建国（局长）' });
    const row = await prisma().concern.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({ dueAt: endOf('2026-12-07'), extensionDays: 20, extensionReason: '需调取多个部门档案' });
    const event = await prisma().outboxEvent.findFirstOrThrow({ where: { topic: 'disclosure_request.extended', aggregateId: requestId } });
    expect(event).toMatchObject({ orgUnitId: unit.uuid, public: false, channels: [] });
    expect(event.payload).toEqual({ trackingNo: receipt.trackingNo, workingDays: 20, dueAt: endOf('2026-12-07').toISOString() });
    expect(JSON.stringify(event.payload)).not.toContain(NAME);
    // Once only.
    await expect(requests.extendDisclosureRequest(contextAt(at('2026-11-03T10:00:00'), reviewerOf), { id: requestId, workingDays: 1, reason: 'x', approver: 'x' })).rejects.toThrow(/extended already/);
  });

  it('Tue 1 Dec: answered 部分公开 through the workflow, on time', async () => {
    const day = (t: string) => at(`2026-12-01T${t}`);
    // The outcome is required before publishing, and its family decides the detail.
    const responseId = await createResponse(contextAt(day('09:00:00'), editorOf), { concernId: requestId, bodyHtml: '<p>经审查，现将可公开部分提供给您。</p>', outcome: 'PARTIALLY_DISCLOSED' });
    await simpleTransition(contextAt(day('09:05:00'), editorOf), 'Response', responseId, 'SUBMIT', null);
    await simpleTransition(contextAt(day('10:00:00'), reviewerOf), 'Response', responseId, 'APPROVE', null);
    await publishResponse(contextAt(day('10:30:00'), reviewerOf), { id: responseId });
    const row = await prisma().concern.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({ status: 'ANSWERED', outcome: 'PARTIALLY_DISCLOSED', outcomeDetail: null, answeredOnTime: true, concludedAt: day('10:30:00'), answeredAt: day('10:30:00') });
  });

  it('every due date on the record is derived again from the clock events', async () => {
    const events = await prisma().concernClockEvent.findMany({ where: { concernId: requestId }, orderBy: { at: 'asc' }, select: { kind: true, workingDays: true, approver: true } });
    expect(events).toEqual([
      { kind: 'START', workingDays: null, approver: null },
      { kind: 'PAUSE_FOR_CORRECTION', workingDays: 10, approver: null },
      { kind: 'CORRECTED', workingDays: null, approver: null },
      { kind: 'EXTEND', workingDays: 20, approver: '王建国（局长）' },
    ]);
    const stored = await prisma().concern.findMany({ where: { kind: 'DISCLOSURE_REQUEST', concludedAt: null, status: { not: 'ABANDONED' } }, select: { id: true, dueAt: true, correctionDueAt: true } });
    for (const r of [...stored, await prisma().concern.findUniqueOrThrow({ where: { id: requestId }, select: { id: true, dueAt: true, correctionDueAt: true } })]) {
      const derived = await prisma().$transaction((tx) => clockOf(tx, r.id, TZ));
      const columns = clockColumns(derived, TZ);
      expect({ id: r.id, dueAt: columns.dueAt, correctionDueAt: columns.correctionDueAt }).toEqual(r);
    }
  });

  it('the requester follows it with the tracking number: status, due date, outcome, the answer', async () => {
    const seen = (await callData(service, anonymous, `query($n: String!, $c: String!) { concernStatus(trackingNo: $n, accessCode: $c) { status dueAt correctionDueAt extensionDays outcome answerHtml } }`, { n: receipt.trackingNo, c: receipt.accessCode })).concernStatus;
    expect(seen).toMatchObject({ status: 'ANSWERED', dueAt: '2026-12-07T23:59:59.999+08:00', correctionDueAt: null, extensionDays: 20, outcome: 'PARTIALLY_DISCLOSED' });
    expect(seen.answerHtml).toContain('可公开部分');
  });

  const COUNTS = 'naturalPerson commercialEnterprise total';
  it('the 2026 年报 shows it under 三(二) 部分公开, 自然人; received, not carried over', async () => {
    const report = (await callData(service, fx.admin, `query($o: ID!) { annualReport(year: 2026, orgUnitId: $o) { requests { code ${COUNTS} } } }`, { o: unit.id })).annualReport;
    const cell = (code: string) => report.requests.find((r: Any) => r.code === code);
    expect(cell('RECEIVED')).toEqual({ code: 'RECEIVED', naturalPerson: 1, commercialEnterprise: 0, total: 1 });
    expect(cell('PARTIALLY_DISCLOSED')).toEqual({ code: 'PARTIALLY_DISCLOSED', naturalPerson: 1, commercialEnterprise: 0, total: 1 });
    expect(cell('CONCLUDED')).toMatchObject({ total: 1 });
    expect(cell('CARRIED_OUT')).toMatchObject({ total: 0 });
    // The county's report counts it in the same cell, and the cell's drill-down lists it.
    const countyId = gid('OrgUnit', (await prisma().orgUnit.findFirstOrThrow({ where: { parentId: null } })).id);
    const drill = (await callData(service, fx.admin, `query($o: ID!) { annualReportRequests(year: 2026, orgUnitId: $o, row: "PARTIALLY_DISCLOSED", requesterColumn: NATURAL_PERSON, first: 100) { totalCount edges { node { trackingNo } } } }`, { o: countyId })).annualReportRequests;
    expect(drill.edges.map((e: Any) => e.node.trackingNo)).toContain(receipt.trackingNo);
    const countyReport = (await callData(service, fx.admin, `query($o: ID!) { annualReport(year: 2026, orgUnitId: $o) { requests { code ${COUNTS} } } }`, { o: countyId })).annualReport;
    expect(countyReport.requests.find((r: Any) => r.code === 'PARTIALLY_DISCLOSED').naturalPerson).toBe(drill.totalCount);
  });

  it('the XLSX opens with the national table layout and the request in its cell', async () => {
    const res = await fetch(`${service.url}/reports/annual/2026.xlsx?orgUnit=${encodeURIComponent(unit.code)}`, { headers: { authorization: `Bearer ${fx.admin.token}` } });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    const rowOf = (text: string) => {
      let found: number | undefined;
      sheet.eachRow((row, n) => row.eachCell((cell) => {
        if (found === undefined && String(cell.value).startsWith(text)) found = n;
      }));
      if (found === undefined) throw new Error(`no cell ${text}`);
      return sheet.getRow(found);
    };
    expect(String(sheet.getCell('A1').value)).toBe('明光市数据资源管理局2026年政府信息公开工作年度报告');
    expect(rowOf('申请人情况')).toBeDefined();
    const numbers = (text: string) => ['D', 'E', 'F', 'G', 'H', 'I', 'J'].map((c) => rowOf(text).getCell(c).value);
    expect(numbers('（二）部分公开')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(numbers('一、本年新收')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(numbers('四、结转下年度继续办理')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it("the county's assessment ranks its units, the request counted on time", async () => {
    const data = (await callData(service, fx.admin, `{ assessment(period: { from: "2026-10-01", to: "2026-12-31" }, trendPeriods: 0) {
      units { rank score band orgUnit { code } indicators { indicator numerator denominator } } } }`)).assessment;
    expect(data.units.length).toBeGreaterThan(2);
    const ranks = data.units.map((u: Any) => u.rank);
    expect(ranks[0]).toBe(1);
    // Ranked by score, best first.
    const scores = data.units.map((u: Any) => u.score);
    expect([...scores].sort((a: number, b: number) => b - a)).toEqual(scores);
    const ours = data.units.find((u: Any) => u.orgUnit.code === unit.code);
    expect(ours.indicators.find((i: Any) => i.indicator === 'REQUESTS_ON_TIME')).toMatchObject({ numerator: 1, denominator: 1 });
  });
});

describe(`steps recorded for an earlier day keep their order (${databaseLabel})`, () => {
  it('a 补正 notice and the correction entered the next morning for the afternoon of the confirmation', async () => {
    const staff = await viewerOf('zhangbaling.editor');
    const township = await prisma().orgUnit.findUniqueOrThrow({ where: { id: fx.township.uuid } });
    const channel: Viewer = { kind: 'channel', channelId: uuidOf(website.channelId), channelKind: 'WEBSITE', apiKeyId: 'test' };
    const receipt = await requests.submitDisclosureRequest(contextAt(at('2026-11-02T09:00:00'), channel), { requester: requester() as never, description: '某项目批复', orgUnitId: township.id });
    const id = receipt.concernId;
    // Mon 2 Nov, 15:00: confirmed (the time of the call); Tue 3 Nov: the notice sent on the 2nd is entered.
    await requests.confirmDisclosureRequest(contextAt(at('2026-11-02T15:00:00'), staff), { id });
    await requests.requestCorrection(contextAt(at('2026-11-03T09:00:00'), staff), { id, note: '请补正', workingDays: 5, noticeOn: dateOnly('2026-11-02') });
    expect(await prisma().concern.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'AWAITING_CORRECTION', dueAt: null, correctionDueAt: endOf('2026-11-09') });
    // The corrected request had come in on the 2nd too, after the notice: entered the same morning.
    await requests.recordCorrection(contextAt(at('2026-11-03T10:00:00'), staff), { id, receivedOn: dateOnly('2026-11-02') });
    // 20 working days from Mon 2 Nov: 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), 30 Nov (20).
    expect(await prisma().concern.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RECEIVED', dueAt: endOf('2026-11-30'), correctionDueAt: null });
    const kinds = (await prisma().concernClockEvent.findMany({ where: { concernId: id }, orderBy: [{ at: 'asc' }, { createdAt: 'asc' }] })).map((e) => e.kind);
    expect(kinds).toEqual(['START', 'PAUSE_FOR_CORRECTION', 'CORRECTED']);
  });
});

// ---- through GraphQL, today --------------------------------------------------------------------------

const RECEIPT = `{ __typename ... on DisclosureRequestReceipt { receipt { trackingNo accessCode receivedAt dueAt } concern { id status dueAt } }
  ... on InputError { field message } ... on NotFoundError { what } }`;
const REQUEST_FIELDS = `id trackingNo status receiptMethod requesterType clockStartedAt dueAt correctionDueAt concludedAt outcome outcomeDetail extensionDays
  submitter { name phone idDocumentType idDocumentNo } clockEvents { kind workingDays approver } appeals { id kind result version }`;
const RESULT = `{ __typename ... on ConcernPayload { concern { ${REQUEST_FIELDS} } } ... on InputError { field message } ... on NotFoundError { what } }`;
const RESPONSE = `{ __typename ... on ResponsePayload { response { id status version outcome outcomeDetail } } ... on InputError { field message } ... on NotFoundError { what } }`;

async function mutation(caller: Caller, name: string, input: Record<string, unknown>, result = RESULT): Promise<Any> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const res = await call(service, caller, `mutation($input: ${inputType}!) { r: ${name}(input: $input) ${result} }`, { input });
  if (res.errors?.length) throw new Error(`${name}: ${res.text}`);
  return res.data.r;
}

const today = () => shanghaiDay(new Date().toISOString());
const daysAgo = (n: number) => shanghaiDay(new Date(Date.now() - n * 86_400_000).toISOString());

/** A request entered at the township's counter `receivedDaysAgo` days ago (its clock starts that day). */
async function counterRequest(receivedDaysAgo = 0, overrides: Record<string, unknown> = {}): Promise<Any> {
  const r = await mutation(fx.editor, 'registerDisclosureRequest', {
    orgUnitId: fx.township.id,
    receiptMethod: 'IN_PERSON',
    receivedOn: daysAgo(receivedDaysAgo),
    description: '张八岭镇2026年农村道路建设项目招标文件',
    requester: requester(),
    ...overrides,
  }, RECEIPT);
  if (r.__typename !== 'DisclosureRequestReceipt') throw new Error(JSON.stringify(r));
  return r;
}

describe(`disclosure requests over GraphQL (${databaseLabel})`, () => {
  it('a channel submits; the receipt has no due date; a wrong identity number or document is refused and nothing is filed', async () => {
    const before = await prisma().concern.count();
    const bad = [
      [requester({ idDocumentNo: ID_NO.slice(0, 17) + (ID_NO[17] === '0' ? '1' : '0') }), 'requester.idDocumentNo'],
      [requester({ idDocumentType: 'CREDIT_CODE', idDocumentNo: creditCode('341182', 'MA2T0001', '12') }), 'requester.idDocumentType'],
      [requester({ requesterType: 'COMMERCIAL_ENTERPRISE', idDocumentType: 'CREDIT_CODE', idDocumentNo: '91341182MA2T00010X' }), 'requester.idDocumentNo'],
      [requester({ phone: null }), 'requester'],
    ] as const;
    for (const [who, field] of bad) {
      const r = await mutation(website, 'submitDisclosureRequest', { description: '某文件', requester: who }, RECEIPT);
      expect(r).toMatchObject({ __typename: 'InputError', field });
    }
    expect(await prisma().concern.count()).toBe(before);
    const ok = await mutation(website, 'submitDisclosureRequest', {
      description: '某企业的环评批复',
      requester: requester({ requesterType: 'COMMERCIAL_ENTERPRISE', name: '明光市某某建材有限公司', idDocumentType: 'CREDIT_CODE', idDocumentNo: creditCode('341182', 'MA2T0002', '11').toLowerCase() }),
    }, RECEIPT);
    expect(ok).toMatchObject({ __typename: 'DisclosureRequestReceipt', receipt: { dueAt: null }, concern: null });
    const row = await prisma().concern.findUniqueOrThrow({ where: { trackingNo: ok.receipt.trackingNo }, include: { submitter: true } });
    expect(row).toMatchObject({ requesterType: 'COMMERCIAL_ENTERPRISE', receiptMethod: 'ONLINE', channel: 'WEBSITE' });
    expect(row.submitter!.idDocumentNo).toBe(creditCode('341182', 'MA2T0002', '11'));
  });

  it('personal data never reaches the public or a channel; staff of the unit see it masked', async () => {
    const r = await counterRequest();
    const id = r.concern.id;
    expect(r.concern).toMatchObject({ status: 'RECEIVED' });
    for (const caller of [anonymous, website]) {
      const res = await call(service, caller, `query($id: ID!) { node(id: $id) { ... on Concern { id submitter { name } } } }`, { id });
      expect(JSON.stringify(res.body)).not.toContain(NAME.slice(1));
      expect(res.data?.node ?? null).toBeNull();
      const field = await call(service, caller, `query($n: String!, $c: String!) { concernStatus(trackingNo: $n, accessCode: $c) { status dueAt outcome } }`, { n: r.receipt.trackingNo, c: r.receipt.accessCode });
      expect(JSON.stringify(field.body)).not.toContain(ID_NO.slice(-4));
    }
    const staff = (await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Concern { ${REQUEST_FIELDS} } } }`, { id })).node;
    expect(staff.submitter).toEqual({ name: '孙**', phone: '139****1234', idDocumentType: 'RESIDENT_ID', idDocumentNo: `${ID_NO.slice(0, 4)}**********${ID_NO.slice(-4)}` });
    // Another township's staff do not see it.
    expect((await callData(service, fx.otherEditor, `query($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
    // The outbox and the audit log carry no personal data of it.
    const uuid = uuidOf(id);
    const trail = JSON.stringify([await prisma().auditEvent.findMany({ where: { entityId: uuid } }), await prisma().outboxEvent.findMany({ where: { aggregateId: uuid } })]);
    expect(trail).not.toContain(NAME);
    expect(trail).not.toContain(ID_NO);
    expect(trail).not.toContain(PHONE);
  });

  it('in person: the clock starts on the day of receipt; a letter waits for confirmation; days in the future are refused', async () => {
    const inPerson = await counterRequest(0);
    expect(Date.parse(inPerson.receipt.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(today(), 20)).getTime());
    const letter = await counterRequest(3, { receiptMethod: 'LETTER' });
    expect(letter.receipt.dueAt).toBeNull();
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(await mutation(fx.editor, 'confirmDisclosureRequest', { id: letter.concern.id, confirmedOn: future })).toMatchObject({ __typename: 'InputError', field: 'confirmedOn' });
    expect(await mutation(fx.editor, 'confirmDisclosureRequest', { id: letter.concern.id, confirmedOn: daysAgo(5) })).toMatchObject({ __typename: 'InputError', field: 'confirmedOn' });
    const confirmed = await mutation(fx.editor, 'confirmDisclosureRequest', { id: letter.concern.id, confirmedOn: daysAgo(1) });
    expect(Date.parse(confirmed.concern.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(daysAgo(1), 20)).getTime());
    expect(await mutation(fx.editor, 'confirmDisclosureRequest', { id: letter.concern.id })).toMatchObject({ __typename: 'InputError', message: expect.stringContaining('confirmed already') });
    // Staff of another township cannot act on it.
    expect(await mutation(fx.otherEditor, 'confirmDisclosureRequest', { id: letter.concern.id })).toMatchObject({ __typename: 'NotFoundError' });
  });

  it('补正: once, within 7 working days of receipt, before any extension; a late correction is refused', async () => {
    const late = await counterRequest(30);
    expect(await mutation(fx.editor, 'requestDisclosureCorrection', { id: late.concern.id, note: '请补正' })).toMatchObject({ __typename: 'InputError', message: expect.stringContaining('was due by') });
    const r = await counterRequest(2);
    expect(await mutation(fx.editor, 'requestDisclosureCorrection', { id: r.concern.id, note: '请补正', workingDays: 0 })).toMatchObject({ __typename: 'InputError', field: 'workingDays' });
    const paused = await mutation(fx.editor, 'requestDisclosureCorrection', { id: r.concern.id, note: '请说明所需信息的文号', workingDays: 5 });
    expect(paused.concern).toMatchObject({ status: 'AWAITING_CORRECTION', dueAt: null });
    expect(Date.parse(paused.concern.correctionDueAt)).toBe(endOfShanghaiDay(addWorkingDays(today(), 5)).getTime());
    // No extension, no answer while paused.
    expect(await mutation(fx.reviewer, 'extendDisclosureRequest', { id: r.concern.id, workingDays: 5, reason: 'x', approver: 'x' })).toMatchObject({ __typename: 'InputError' });
    expect(await mutation(fx.editor, 'createResponse', { concernId: r.concern.id, bodyHtml: '<p>x</p>' }, RESPONSE)).toMatchObject({ __typename: 'InputError', field: 'concernId' });
    const corrected = await mutation(fx.editor, 'recordDisclosureCorrection', { id: r.concern.id });
    expect(corrected.concern).toMatchObject({ status: 'RECEIVED', correctionDueAt: null });
    expect(Date.parse(corrected.concern.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(today(), 20)).getTime());
    expect(await mutation(fx.editor, 'requestDisclosureCorrection', { id: r.concern.id, note: '再次补正' })).toMatchObject({ __typename: 'InputError', message: expect.stringContaining('one combined notice') });
  });

  it('third-party consultation pauses the clock and resumes it', async () => {
    const r = await counterRequest(10);
    const started = await mutation(fx.editor, 'startThirdPartyConsultation', { id: r.concern.id, note: '涉及企业商业秘密，书面征求意见', startedOn: daysAgo(8) });
    expect(started.concern.status).toBe('THIRD_PARTY_CONSULTATION');
    expect(await mutation(fx.editor, 'createResponse', { concernId: r.concern.id, bodyHtml: '<p>x</p>' }, RESPONSE)).toMatchObject({ __typename: 'InputError', message: expect.stringContaining('third party') });
    const ended = await mutation(fx.editor, 'endThirdPartyConsultation', { id: r.concern.id, endedOn: daysAgo(1) });
    expect(ended.concern.status).toBe('RECEIVED');
    const calendar = await loadWorkCalendar(prisma(), daysAgo(40), shanghaiDay(new Date(Date.now() + 120 * 86_400_000).toISOString()));
    const paused = Math.min(calendar.workingDaysBetween(daysAgo(8), daysAgo(1)), 15);
    expect(Date.parse(ended.concern.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(daysAgo(10), 20 + paused)).getTime());
    expect(ended.concern.clockEvents.map((e: Any) => e.kind)).toEqual(['START', 'PAUSE_FOR_THIRD_PARTY', 'RESUME']);
  });

  it('a consultation cannot begin after the time limit, nor an extension during one', async () => {
    const overdue = await counterRequest(45);
    expect(await mutation(fx.editor, 'startThirdPartyConsultation', { id: overdue.concern.id, note: '征求意见' })).toMatchObject({ __typename: 'InputError', field: 'startedOn' });
    const r = await counterRequest(2);
    await mutation(fx.editor, 'startThirdPartyConsultation', { id: r.concern.id, note: '征求意见', startedOn: daysAgo(1) });
    expect(await mutation(fx.reviewer, 'extendDisclosureRequest', { id: r.concern.id, workingDays: 5, reason: '需要协调', approver: '李镇长' })).toMatchObject({ __typename: 'InputError', field: 'id' });
    // A consultation that began and ended on one day still was one: not a second time.
    const same = await counterRequest(1);
    await mutation(fx.editor, 'startThirdPartyConsultation', { id: same.concern.id, note: '征求意见' });
    await mutation(fx.editor, 'endThirdPartyConsultation', { id: same.concern.id });
    expect(await mutation(fx.editor, 'startThirdPartyConsultation', { id: same.concern.id, note: '再次征求' })).toMatchObject({ __typename: 'InputError', message: expect.stringContaining('consulted already') });
  });

  it('extension: reviewers only, at most 20 working days, with the approver', async () => {
    const r = await counterRequest(1);
    expect(await mutation(fx.editor, 'extendDisclosureRequest', { id: r.concern.id, workingDays: 10, reason: '需要协调', approver: '局长' })).toMatchObject({ __typename: 'InputError', field: 'id' });
    expect(await mutation(fx.reviewer, 'extendDisclosureRequest', { id: r.concern.id, workingDays: 21, reason: '需要协调', approver: '局长' })).toMatchObject({ __typename: 'InputError', field: 'workingDays' });
    expect(await mutation(fx.reviewer, 'extendDisclosureRequest', { id: r.concern.id, workingDays: 10, reason: '需要协调', approver: '' })).toMatchObject({ __typename: 'InputError', field: 'approver' });
    const ok = await mutation(fx.reviewer, 'extendDisclosureRequest', { id: r.concern.id, workingDays: 10, reason: '需要协调', approver: '李镇长' });
    expect(ok.concern.clockEvents.at(-1)).toEqual({ kind: 'EXTEND', workingDays: 10, approver: '李镇长' });
    expect(Date.parse(ok.concern.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(daysAgo(1), 30)).getTime());
  });

  it('the answer needs an outcome of the 年报 format; the detail must belong to it; withdrawal reopens the request', async () => {
    const r = await counterRequest(0);
    const id = r.concern.id;
    expect(await mutation(fx.editor, 'createResponse', { concernId: id, bodyHtml: '<p>x</p>', outcome: 'CARRIED_OVER' }, RESPONSE)).toMatchObject({ __typename: 'InputError', field: 'outcome' });
    expect(await mutation(fx.editor, 'createResponse', { concernId: id, bodyHtml: '<p>x</p>', outcome: 'NOT_DISCLOSED' }, RESPONSE)).toMatchObject({ __typename: 'InputError', field: 'outcomeDetail' });
    expect(await mutation(fx.editor, 'createResponse', { concernId: id, bodyHtml: '<p>x</p>', outcome: 'NOT_DISCLOSED', outcomeDetail: 'NOT_HELD' }, RESPONSE)).toMatchObject({ __typename: 'InputError', field: 'outcomeDetail' });
    expect(await mutation(fx.editor, 'createResponse', { concernId: id, bodyHtml: '<p>x</p>', outcome: 'DISCLOSED', outcomeDetail: 'OTHER' }, RESPONSE)).toMatchObject({ __typename: 'InputError', field: 'outcomeDetail' });
    const draft = (await mutation(fx.editor, 'createResponse', { concernId: id, bodyHtml: '<p>经查，本机关不掌握该信息。</p>' }, RESPONSE)).response;
    await mutation(fx.editor, 'submitResponse', { id: draft.id }, RESPONSE);
    await mutation(fx.reviewer, 'approveResponse', { id: draft.id }, RESPONSE);
    expect(await mutation(fx.reviewer, 'publishResponse', { id: draft.id }, RESPONSE)).toMatchObject({ __typename: 'InputError', field: 'outcome' });
    // Back to draft to set it: reject, then edit.
    await mutation(fx.reviewer, 'rejectResponse', { id: draft.id, comment: '请选择办理结果' }, RESPONSE);
    const current = (await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Response { version status } } }`, { id: draft.id })).node;
    const edited = await mutation(fx.editor, 'updateResponse', { id: draft.id, expectedVersion: current.version, outcome: 'UNABLE_TO_PROVIDE', outcomeDetail: 'NOT_HELD' }, RESPONSE);
    expect(edited.response).toMatchObject({ outcome: 'UNABLE_TO_PROVIDE', outcomeDetail: 'NOT_HELD' });
    await mutation(fx.editor, 'submitResponse', { id: draft.id }, RESPONSE);
    await mutation(fx.reviewer, 'approveResponse', { id: draft.id }, RESPONSE);
    expect(await mutation(fx.reviewer, 'publishResponse', { id: draft.id }, RESPONSE)).toMatchObject({ __typename: 'ResponsePayload' });
    const answered = (await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Concern { ${REQUEST_FIELDS} } } }`, { id })).node;
    expect(answered).toMatchObject({ status: 'ANSWERED', outcome: 'UNABLE_TO_PROVIDE', outcomeDetail: 'NOT_HELD' });
    expect(answered.concludedAt).not.toBeNull();
    await mutation(fx.reviewer, 'withdrawResponse', { id: draft.id, reason: '答复有误' }, RESPONSE);
    const reopened = (await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Concern { ${REQUEST_FIELDS} } } }`, { id })).node;
    expect(reopened).toMatchObject({ status: 'IN_PROGRESS', outcome: null, outcomeDetail: null, concludedAt: null });
    // Other concerns have no outcome.
    const opinion = await mutation(fx.reviewer, 'registerPublicOpinion', { orgUnitId: fx.township.id, subject: '道路施工扰民', content: '网民反映夜间施工', major: false });
    expect(await mutation(fx.editor, 'createResponse', { concernId: opinion.concern.id, bodyHtml: '<p>x</p>', outcome: 'DISCLOSED' }, RESPONSE)).toMatchObject({ __typename: 'InputError', field: 'outcome' });
  });

  it('视为放弃: the job concludes requests not corrected in time, audited, once', async () => {
    const r = await counterRequest(20);
    // Sent on receipt, 1 working day to supplement: long past.
    await mutation(fx.editor, 'requestDisclosureCorrection', { id: r.concern.id, note: '请补正身份证明', workingDays: 1, noticeOn: daysAgo(20) });
    const uuid = uuidOf(r.concern.id);
    expect(await mutation(fx.editor, 'recordDisclosureCorrection', { id: r.concern.id })).toMatchObject({ __typename: 'InputError', field: 'receivedOn' });
    // Within a day of the period's end the job waits: a correction that came on the last day may still be entered.
    const { correctionDueAt } = await prisma().concern.findUniqueOrThrow({ where: { id: uuid } });
    await requests.abandonLapsedRequests(prisma() as never, new Date(correctionDueAt!.getTime() + 3_600_000), TZ);
    expect((await prisma().concern.findUniqueOrThrow({ where: { id: uuid } })).status).toBe('AWAITING_CORRECTION');
    const now = new Date();
    expect(await requests.abandonLapsedRequests(prisma() as never, now, TZ)).toBeGreaterThanOrEqual(1);
    const row = await prisma().concern.findUniqueOrThrow({ where: { id: uuid } });
    expect(row).toMatchObject({ status: 'ABANDONED', outcome: 'OTHER', outcomeDetail: 'CORRECTION_NOT_SUPPLIED', concludedAt: row.correctionDueAt, dueAt: null });
    expect(await prisma().auditEvent.count({ where: { action: 'disclosure_request.abandoned', entityId: uuid } })).toBe(1);
    expect(await requests.abandonLapsedRequests(prisma() as never, now, TZ)).toBe(0);
    expect(await prisma().concernClockEvent.count({ where: { concernId: uuid, kind: 'ABANDON' } })).toBe(1);
    expect(await mutation(fx.editor, 'confirmDisclosureRequest', { id: r.concern.id })).toMatchObject({ __typename: 'InputError', message: expect.stringContaining('abandoned') });
  });

  it('appeals: recorded and decided by reviewers, checked, versioned', async () => {
    const r = await counterRequest(5);
    const id = r.concern.id;
    expect(await mutation(fx.editor, 'recordDisclosureAppeal', { concernId: id, kind: 'RECONSIDERATION', filedOn: today() }, `{ __typename }`)).toMatchObject({ __typename: 'InputError' });
    const APPEAL = `{ __typename ... on DisclosureAppealPayload { appeal { id kind afterReconsideration result decidedOn version concern { id } } } ... on InputError { field message } }`;
    const UPDATED = `{ __typename ... on DisclosureAppealPayload { appeal { id kind afterReconsideration result decidedOn version concern { id } } } ... on InputError { field message } ... on VersionConflictError { currentVersion } }`;
    expect(await mutation(fx.reviewer, 'recordDisclosureAppeal', { concernId: id, kind: 'RECONSIDERATION', filedOn: daysAgo(10) }, APPEAL)).toMatchObject({ __typename: 'InputError', field: 'filedOn' });
    expect(await mutation(fx.reviewer, 'recordDisclosureAppeal', { concernId: id, kind: 'RECONSIDERATION', afterReconsideration: true, filedOn: today() }, APPEAL)).toMatchObject({ __typename: 'InputError', field: 'afterReconsideration' });
    expect(await mutation(fx.reviewer, 'recordDisclosureAppeal', { concernId: id, kind: 'LITIGATION', filedOn: today(), result: 'UPHELD' }, APPEAL)).toMatchObject({ __typename: 'InputError', field: 'decidedOn' });
    const recorded = (await mutation(fx.reviewer, 'recordDisclosureAppeal', { concernId: id, kind: 'LITIGATION', afterReconsideration: true, caseNo: '（2026）皖1182行初1号', filedOn: daysAgo(2) }, APPEAL)).appeal;
    expect(recorded).toMatchObject({ kind: 'LITIGATION', afterReconsideration: true, result: 'PENDING', decidedOn: null, version: 1, concern: { id } });
    expect(await mutation(fx.reviewer, 'updateDisclosureAppeal', { id: recorded.id, expectedVersion: 1, result: 'CORRECTED', decidedOn: daysAgo(3) }, UPDATED)).toMatchObject({ __typename: 'InputError', field: 'decidedOn' });
    expect(await mutation(fx.reviewer, 'updateDisclosureAppeal', { id: recorded.id, expectedVersion: 1, result: null }, UPDATED)).toMatchObject({ __typename: 'InputError', field: 'result' });
    const decided = (await mutation(fx.reviewer, 'updateDisclosureAppeal', { id: recorded.id, expectedVersion: 1, result: 'CORRECTED', decidedOn: today() }, UPDATED)).appeal;
    expect(decided).toMatchObject({ result: 'CORRECTED', decidedOn: today(), version: 2, afterReconsideration: true });
    expect(await mutation(fx.reviewer, 'updateDisclosureAppeal', { id: recorded.id, expectedVersion: 1, note: 'x' }, UPDATED)).toMatchObject({ __typename: 'VersionConflictError', currentVersion: 2 });
    const seen = (await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Concern { appeals { result } } } }`, { id })).node;
    expect(seen.appeals).toEqual([{ result: 'CORRECTED' }]);
    expect((await callData(service, fx.otherReviewer, `query($id: ID!) { node(id: $id) { id } }`, { id: recorded.id })).node).toBeNull();
  });
});

// Last in the file: it gives the test database a 2027 calendar.
describe(`a calendar change moves the due dates of open requests (${databaseLabel})`, () => {
  it('元旦 2027 entered by an admin: a request due on 4 January is due on the 5th', async () => {
    // A letter received and confirmed on Mon 7 Dec 2026: 8–11 (4), 14–18 (9), 21–25 (14),
    // 28–31 Dec (18), Fri 1 Jan (19, an ordinary Friday while 2027 is unknown), Mon 4 Jan (20).
    const r = await counterRequest(0, { receiptMethod: 'LETTER', receivedOn: '2026-12-07', confirmedOn: '2026-12-07' });
    expect(r.concern.dueAt).toBe('2027-01-04T23:59:59.999+08:00');
    const set = (await callData(service, fx.admin, `mutation($input: SetWorkCalendarYearInput!) { setWorkCalendarYear(input: $input) { __typename ... on SetWorkCalendarYearPayload { deadlinesChanged } } }`, {
      input: { year: 2027, days: [{ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }] },
    })).setWorkCalendarYear;
    expect(set.deadlinesChanged).toBeGreaterThanOrEqual(1);
    const moved = (await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Concern { dueAt } } }`, { id: r.concern.id })).node;
    expect(moved.dueAt).toBe('2027-01-05T23:59:59.999+08:00');
  });
});
