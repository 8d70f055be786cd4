// Sample 依申请公开 requests with their clock events, answers and appeals, and the sample 政务新媒体
// channel clients, for development and demos (never in production). Idempotent: a request with
// the same subject is not created again (its events, answer and appeals are created with it, in
// one transaction), a channel client with the same name and kind neither.
//
// The clock columns are never written by hand: dueAt and correctionDueAt are the end (23:59:59.999
// local) of the days requestClock derives from the request's events over the work calendar —
// what the request service stores after each event (request-clock.service.ts).
import type { Db } from '../db/database.js';
import type { ConcernStatus, Prisma } from '../generated/prisma/client.js';
import { uuidv7 } from '../ids.js';
import { loadWorkCalendar } from '../modules/calendar/work-calendar.service.js';
import { accessCodeOf, hashAccessCode, newTrackingNo } from '../modules/concerns/concern-access.js';
import { renderBodyOffThread } from '../modules/releases/body-renderer.js';
import type { BodyRenditions } from '../modules/releases/content.service.js';
import { clockColumns, CLOCK_SPAN_DAYS, requestClock, type ClockEvent } from '../modules/requests/request-clock.js';
import { addRevision } from '../modules/workflow/editorial-workflow.js';
import { addDays, dayToDate, localDay, localDayTimeToInstant } from '../time.js';
import { creditCode, residentIdNumber } from './credit-code.js';
import { ANSWER_TEXT, HOME_AREA, sampleRequests, type SeedRequest } from './data/sample-requests.js';

/** The end of a local day: the instant a deadline on that day runs out (as endOfWorkingDaysAfter stores it). */

interface PlannedEvent extends ClockEvent {
  approver: string | null;
  note: string | null;
}

function submitterOf(sample: SeedRequest): Omit<Prisma.ConcernSubmitterCreateManyInput, 'concernId'> {
  const r = sample.requester;
  const idDocument =
    r.type === 'NATURAL_PERSON'
      ? { idDocumentType: 'RESIDENT_ID', idDocumentNo: residentIdNumber(r.areaCode ?? HOME_AREA, r.birthDate, r.sequence) }
      : { idDocumentType: 'CREDIT_CODE', idDocumentNo: creditCode(r.areaCode ?? HOME_AREA, r.orgBody, r.registration) };
  return { requesterType: r.type, name: r.name, ...idDocument, phone: r.phone, email: r.email ?? null, address: r.address ?? null };
}

export async function seedSampleRequests(db: Db, orgIds: Map<string, string>, timeZone: string, accessKey: Buffer | undefined, now = new Date()): Promise<number> {
  const existing = new Set((await db.concern.findMany({ where: { kind: 'DISCLOSURE_REQUEST' }, select: { subject: true } })).map((c) => c.subject));
  const todo = sampleRequests.filter((s) => !existing.has(s.subject));
  if (todo.length === 0) return 0;

  const today = localDay(now, timeZone);
  const oldest = Math.max(...todo.map((s) => s.receivedDaysAgo));
  // One calendar for every clock: from the oldest receipt to as far as a clock can reach.
  const calendar = await loadWorkCalendar(db, addDays(today, -oldest - 1), addDays(today, CLOCK_SPAN_DAYS));
  const bodies = new Map<string, BodyRenditions>();
  for (const html of new Set(todo.flatMap((s) => [answerHtml(s), s.draft].filter((h): h is string => !!h)))) {
    const body = await renderBodyOffThread(html, null);
    if (!body) throw new Error('seed: a sample answer is too long');
    bodies.set(html, body);
  }

  const concerns: Prisma.ConcernCreateManyInput[] = [];
  const submitters: Prisma.ConcernSubmitterCreateManyInput[] = [];
  const events: Prisma.ConcernClockEventCreateManyInput[] = [];
  const responses: (Prisma.ResponseCreateManyInput & { id: string })[] = [];
  const appeals: Prisma.DisclosureAppealCreateManyInput[] = [];

  todo.forEach((sample, i) => {
    const orgUnitId = orgIds.get(sample.orgKey);
    if (!orgUnitId) throw new Error(`seed: request '${sample.subject}' names an unknown org '${sample.orgKey}'`);
    const receivedDay = addDays(today, -sample.receivedDaysAgo);
    const receivedAt = localDayTimeToInstant(receivedDay, `${String(9 + (i % 8)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:00.000`, timeZone);
    const noonOf = (day: number) => localDayTimeToInstant(addDays(receivedDay, day), '12:00:00.000', timeZone);
    const fail = (what: string) => new Error(`seed: request '${sample.subject}': ${what}`);

    // The events, each at noon of its day (START on the day of receipt: at receipt).
    const planned: PlannedEvent[] = [];
    for (const step of sample.clock) {
      if (step.kind === 'ABANDON') {
        // The job's first run (hourly, at :15) after the correction period ended.
        const due = requestClock(planned, calendar, timeZone).correctionDueDay;
        if (!due) throw fail('ABANDON without a correction period');
        planned.push({ kind: 'ABANDON', at: localDayTimeToInstant(addDays(due, 1), '00:15:00.000', timeZone), workingDays: null, approver: null, note: '补正期限届满未补正，视为放弃' });
        continue;
      }
      const at = step.kind === 'START' && step.day === 0 ? receivedAt : noonOf(step.day);
      const base = { kind: step.kind, at, workingDays: null, approver: null, note: null };
      if (step.kind === 'PAUSE_FOR_CORRECTION') planned.push({ ...base, workingDays: step.workingDays, note: step.note });
      else if (step.kind === 'EXTEND') planned.push({ ...base, workingDays: step.workingDays, approver: step.approver, note: step.reason });
      else if (step.kind === 'START') planned.push(base);
      else planned.push({ ...base, note: step.note ?? null });
    }
    for (let k = 1; k < planned.length; k++) if (planned[k]!.at < planned[k - 1]!.at) throw fail(`event ${k} before the one before it`);
    if (planned.some((e) => e.at > now)) throw fail('an event is after "now"');

    const clock = requestClock(planned, calendar, timeZone);
    const { dueAt, correctionDueAt } = clockColumns(clock, timeZone);
    const startedAt = planned.find((e) => e.kind === 'START')?.at ?? null;
    const extension = planned.find((e) => e.kind === 'EXTEND');

    const id = uuidv7(receivedAt.getTime());
    const answeredAt = sample.answer ? localDayTimeToInstant(addDays(receivedDay, sample.answer.day), '16:00:00.000', timeZone) : null;
    if (answeredAt && (answeredAt > now || (planned.length > 0 && answeredAt < planned.at(-1)!.at))) throw fail('answered before its last event or after "now"');
    if (answeredAt && (clock.phase !== 'RUNNING' || !dueAt)) throw fail(`answered while its clock is ${clock.phase}`);
    const abandoned = clock.phase === 'ABANDONED';
    const abandonedAt = abandoned ? planned.at(-1)!.at : null;
    // Answers a week old are closed; the newest stay ANSWERED.
    const closedAt = answeredAt && answeredAt.getTime() + 7 * 86_400_000 <= now.getTime() ? new Date(answeredAt.getTime() + 7 * 86_400_000) : abandonedAt;
    const status: ConcernStatus = answeredAt
      ? closedAt
        ? 'CLOSED'
        : 'ANSWERED'
      : ({ NOT_STARTED: 'RECEIVED', RUNNING: sample.draft ? 'IN_PROGRESS' : 'RECEIVED', AWAITING_CORRECTION: 'AWAITING_CORRECTION', THIRD_PARTY: 'THIRD_PARTY_CONSULTATION', ABANDONED: 'ABANDONED' } as const)[clock.phase];
    const outcome = sample.answer ? { outcome: sample.answer.outcome, outcomeDetail: sample.answer.detail ?? null } : abandoned ? { outcome: 'OTHER' as const, outcomeDetail: 'CORRECTION_NOT_SUPPLIED' as const } : { outcome: null, outcomeDetail: null };

    concerns.push({
      id,
      trackingNo: newTrackingNo(receivedDay),
      accessCodeHash: accessKey ? hashAccessCode(accessCodeOf(accessKey, id)) : null,
      kind: 'DISCLOSURE_REQUEST',
      status,
      orgUnitId,
      channel: sample.receiptMethod === 'ONLINE' ? 'WEBSITE' : null,
      subject: sample.subject,
      content: sample.content,
      deliveryPreference: sample.deliveryPreference,
      receiptMethod: sample.receiptMethod,
      requesterType: sample.requester.type,
      publicConsent: false,
      receivedAt,
      clockStartedAt: startedAt,
      correctionDueAt,
      dueAt,
      extensionDays: clock.extensionDays,
      extensionReason: extension?.note ?? null,
      answeredAt,
      answeredOnTime: answeredAt && dueAt ? answeredAt <= dueAt : null,
      closedAt,
      ...outcome,
      // 视为放弃 is concluded when the correction period ran out (as the job records it).
      concludedAt: answeredAt ?? (abandoned ? correctionDueAt : null),
      createdAt: receivedAt,
    });
    submitters.push({ concernId: id, ...submitterOf(sample), createdAt: receivedAt });
    for (const e of planned) {
      events.push({ concernId: id, kind: e.kind, at: e.at, workingDays: e.workingDays, approver: e.approver, note: e.note, createdAt: e.at });
    }
    const answer = answerHtml(sample);
    if (answer && answeredAt) {
      const body = bodies.get(answer)!;
      responses.push({
        id: uuidv7(answeredAt.getTime()),
        concernId: id,
        orgUnitId,
        status: 'PUBLISHED',
        bodyHtml: body.bodyHtml,
        bodyText: body.bodyText,
        ...outcome,
        publishedAt: answeredAt,
        firstPublishedAt: answeredAt,
        createdAt: answeredAt,
      });
    } else if (sample.draft) {
      const body = bodies.get(sample.draft)!;
      responses.push({ id: uuidv7(now.getTime()), concernId: id, orgUnitId, status: 'DRAFT', bodyHtml: body.bodyHtml, bodyText: body.bodyText, outcome: 'DISCLOSED' });
    }
    for (const a of sample.appeals ?? []) {
      const filedDay = addDays(receivedDay, a.filedDay);
      const decidedDay = a.decidedDay === undefined ? null : addDays(receivedDay, a.decidedDay);
      if (!answeredAt || filedDay <= localDay(answeredAt, timeZone) || filedDay >= today || (decidedDay && (decidedDay < filedDay || decidedDay >= today))) {
        throw fail(`appeal ${a.caseNo} is not between the answer and today`);
      }
      if ((a.result === 'PENDING') !== (decidedDay === null)) throw fail(`appeal ${a.caseNo}: a decision day goes with a result other than PENDING`);
      appeals.push({
        concernId: id,
        kind: a.kind,
        afterReconsideration: a.afterReconsideration ?? false,
        caseNo: a.caseNo.replace('{year}', filedDay.slice(0, 4)),
        filedOn: dayToDate(filedDay),
        result: a.result,
        decidedOn: decidedDay ? dayToDate(decidedDay) : null,
        note: a.note ?? null,
        createdAt: noonOf(a.filedDay),
      });
    }
  });

  await db.$transaction(
    async (tx) => {
      await tx.concern.createMany({ data: concerns });
      await tx.concernSubmitter.createMany({ data: submitters });
      await tx.concernClockEvent.createMany({ data: events });
      await tx.response.createMany({ data: responses });
      for (const r of responses) await addRevision(tx, 'Response', r.id, 'MAJOR', r.status === 'PUBLISHED' ? '发布' : '创建草稿', null);
      await tx.disclosureAppeal.createMany({ data: appeals });
    },
    { timeout: 60_000 },
  );
  return todo.length;
}

/** The text of a sample's published answer: its own, else the standard wording of its outcome. */
function answerHtml(sample: SeedRequest): string | null {
  if (!sample.answer) return null;
  if (sample.answer.bodyHtml) return sample.answer.bodyHtml;
  const key = sample.answer.detail ? `${sample.answer.outcome}.${sample.answer.detail}` : sample.answer.outcome;
  const text = ANSWER_TEXT[key];
  if (!text) throw new Error(`seed: no answer text for ${key}`);
  return text;
}

/**
 * The units' 政务新媒体 accounts (WeChat official accounts), as channel clients of kind NEW_MEDIA
 * without API keys (an administrator issues those). The assessment's freshness check applies to
 * a unit owning one: 住建局 and 城管局 pushed releases to NEW_MEDIA within the last two weeks; the
 * 自然资源和规划局's last one is older, so its account shows the 单项否决. Idempotent by name and kind.
 */
export const SAMPLE_NEW_MEDIA_CLIENTS = [
  { name: '“明光住建”微信公众号', orgKey: 'housing', description: '市住房和城乡建设局政务新媒体，同步推送住房保障、燃气许可等公开信息。' },
  { name: '“明光城管”微信公众号', orgKey: 'urban-management', description: '市城市管理局政务新媒体，同步推送市政设施施工、许可结果等公开信息。' },
  { name: '“明光自然资源”微信公众号', orgKey: 'natural-resources', description: '市自然资源和规划局政务新媒体，同步推送征地、出让等公开信息。' },
] as const;

/** Days before "now" the accounts were registered. */
const NEW_MEDIA_REGISTERED_DAYS_AGO = 90;

export async function seedSampleChannelClients(db: Db, orgIds: Map<string, string>, now = new Date()): Promise<number> {
  const existing = new Set((await db.channelClient.findMany({ where: { kind: 'NEW_MEDIA' }, select: { name: true } })).map((c) => c.name));
  const createdAt = new Date(now.getTime() - NEW_MEDIA_REGISTERED_DAYS_AGO * 86_400_000);
  const data = SAMPLE_NEW_MEDIA_CLIENTS.filter((c) => !existing.has(c.name)).map((c) => {
    const orgUnitId = orgIds.get(c.orgKey);
    if (!orgUnitId) throw new Error(`seed: channel client '${c.name}' names an unknown org '${c.orgKey}'`);
    return { name: c.name, kind: 'NEW_MEDIA' as const, description: c.description, orgUnitId, createdAt, updatedAt: createdAt };
  });
  if (data.length > 0) await db.channelClient.createMany({ data });
  return data.length;
}
