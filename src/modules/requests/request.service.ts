// 依申请公开: disclosure requests on the clock of the 政府信息公开条例 (2019). A request is a
// Concern of kind DISCLOSURE_REQUEST filed through the shared fileConcern (throttling,
// idempotency, tracking number and access code, personal data apart), answered by a Response
// through the editorial workflow with an outcome of the 年报 format (response.service.ts).
// Staff record what happens to it as clock events (request-clock.service.ts):
//   receipt (第31条) → START · 补正 notice (第30条) → PAUSE_FOR_CORRECTION · corrected → CORRECTED
//   · 征求第三方意见 (第32条) → PAUSE_FOR_THIRD_PARTY … RESUME · 延期 (第33条) → EXTEND
//   · no correction in time → ABANDON (the job abandonLapsedRequests).
import { checkedInput, InputError, type InputProblems, NotFoundError } from '../../errors.js';
import type { Prisma, RequesterType, RequestReceiptMethod } from '../../generated/prisma/client.js';
import { covers } from '../../permissions/scope.js';
import { dateToDay, localDay } from '../../time.js';
import { textField } from '../../validation.js';
import { recordAudit, type AuditAction } from '../audit/audit.service.js';
import { fileConcern, lockConcern, lockConcernRow, MAX_CONTENT_CHARS, type ConcernContext, type Receipt } from '../concerns/concern.service.js';
import { validatedSubmitter, type SubmitterInput } from '../concerns/personal-data.js';
import { emitEvent } from '../outbox/outbox.service.js';
import { publicChange, userIdOf, type WorkflowContext } from '../workflow/editorial-workflow.js';
import { validatedIdDocument, type IdDocumentType } from './identity-documents.js';
import { clockColumns, MAX_EXTENSION_WORKING_DAYS, type ClockState } from './request-clock.js';
import { addClockEvent, checkedEventDay, clockOf, instantOfDay, type NewClockEvent } from './request-clock.service.js';

type Tx = Prisma.TransactionClient;

/** 补正 period given when staff do not say: 15 working days, as most county notices give. */
export const DEFAULT_CORRECTION_WORKING_DAYS = 15;
export const MAX_CORRECTION_WORKING_DAYS = 60;

export interface DisclosureRequestInput {
  requester: SubmitterInput & { requesterType: RequesterType; idDocumentType: IdDocumentType; idDocumentNo: string };
  /** 所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述. */
  description: string;
  subject?: string | null;
  /** 获取方式 (纸质、电子邮件、光盘、当面查阅 …). */
  deliveryPreference?: string | null;
  /** The government or department asked (第27条); else the openness office routes it. */
  orgUnitId?: string | null;
  idempotencyKey?: string | null;
}

/** The parts of a request the requester and staff enter alike, checked; `more` adds the checks of the caller's own fields. */
function checkedRequest<T>(input: DisclosureRequestInput, more: (p: InputProblems) => T = () => undefined as T) {
  return checkedInput((p) => {
    const description = p.check(() => textField('description', input.description, MAX_CONTENT_CHARS, true)!);
    const subject = p.check(() => textField('subject', input.subject, 300)) ?? `政府信息公开申请：${[...(description ?? '')].slice(0, 40).join('')}`;
    const contact = p.check(() => validatedSubmitter(input.requester, 'requester'));
    const idDocument = p.check(() => validatedIdDocument(input.requester.requesterType, input.requester.idDocumentType, input.requester.idDocumentNo));
    const deliveryPreference = p.check(() => textField('deliveryPreference', input.deliveryPreference, 200));
    return { description, subject, submitter: { ...contact, ...idDocument }, deliveryPreference, ...more(p) };
  });
}

/**
 * 网络申请 from the public (the website, the mini-program, a kiosk): received now, its clock
 * starts when staff confirm it with the requester (confirmDisclosureRequest), so the receipt
 * has no due date yet.
 */
export function submitDisclosureRequest(ctx: ConcernContext, input: DisclosureRequestInput): Promise<Receipt> {
  const { description, subject, submitter, deliveryPreference } = checkedRequest(input);
  return fileConcern(ctx, {
    kind: 'DISCLOSURE_REQUEST',
    subject,
    content: description,
    about: { orgUnitId: input.orgUnitId },
    submitter,
    publicConsent: false,
    idempotencyKey: input.idempotencyKey,
    fingerprint: { ...input, requester: { ...submitter } } as Prisma.InputJsonObject,
    throttled: true,
    plan: async () => ({ receivedAt: ctx.now, clockStartedAt: null, dueAt: null, columns: { receiptMethod: 'ONLINE', requesterType: submitter.requesterType, deliveryPreference } }),
  });
}

/** Methods whose clock starts on the day of receipt without a confirmation (第31条(一)(二)). */
const STARTS_ON_RECEIPT: readonly RequestReceiptMethod[] = ['IN_PERSON', 'POST'];

/**
 * A request received at the counter, by post, letter or fax, entered by staff of the unit asked.
 * In person: the clock starts that day; a registered letter: the day it was signed for; an
 * ordinary letter or a fax: once confirmed (`confirmedOn`, or later confirmDisclosureRequest).
 */
export async function registerDisclosureRequest(
  ctx: ConcernContext,
  input: DisclosureRequestInput & { orgUnitId: string; receiptMethod: RequestReceiptMethod; receivedOn?: Date | null; confirmedOn?: Date | null },
): Promise<Receipt> {
  const unit = await ctx.db.orgUnit.findUnique({ where: { id: input.orgUnitId }, select: { id: true, path: true, active: true } });
  if (!unit?.active || !covers(ctx.viewer, ['EDITOR', 'REVIEWER', 'ADMIN'], unit.path)) throw new NotFoundError('org unit');
  const today = localDay(ctx.now, ctx.timeZone);
  const { description, subject, submitter, deliveryPreference, receivedDay, startDay } = checkedRequest(input, (p) => {
    const receivedDay = p.check(() => {
      const day = input.receivedOn ? dateToDay(input.receivedOn) : today;
      if (day > today) throw new InputError('receivedOn', `${day} 尚未到来 — the day of receipt is in the future.`);
      // A request older than last year's report would change a 年报 already published.
      const earliest = `${Number(today.slice(0, 4)) - 1}-01-01`;
      if (day < earliest) throw new InputError('receivedOn', `收到日期不能早于${earliest} — a request received before ${earliest} is not entered any more.`);
      return day;
    });
    const startDay = STARTS_ON_RECEIPT.includes(input.receiptMethod) ? receivedDay : input.confirmedOn ? dateToDay(input.confirmedOn) : null;
    p.check(() => {
      if (startDay && receivedDay && (startDay < receivedDay || startDay > today)) throw new InputError('confirmedOn', '确认日期须在收到之日与今天之间 — the confirmation day must be between the day of receipt and today.');
    });
    return { receivedDay, startDay };
  });
  const receivedAt = instantOfDay(receivedDay, ctx.now, ctx.timeZone);
  return fileConcern(ctx, {
    kind: 'DISCLOSURE_REQUEST',
    subject,
    content: description,
    about: { orgUnitId: unit.id },
    submitter,
    publicConsent: false,
    idempotencyKey: input.idempotencyKey,
    fingerprint: { ...input, requester: { ...submitter }, receivedOn: input.receivedOn ? receivedDay : null, confirmedOn: input.confirmedOn ? startDay : null } as Prisma.InputJsonObject,
    throttled: false,
    plan: async () => ({ receivedAt, clockStartedAt: null, dueAt: null, columns: { receiptMethod: input.receiptMethod, requesterType: submitter.requesterType, deliveryPreference } }),
    afterCreate: async (tx, concernId) => {
      if (startDay) await addClockEvent(tx, { id: concernId, status: 'RECEIVED' }, { kind: 'START', at: instantOfDay(startDay, ctx.now, ctx.timeZone), actorId: userIdOf(ctx) }, ctx.timeZone);
    },
  });
}

// ---- the clock, step by step ------------------------------------------------------------------------

type Handlers = readonly ('EDITOR' | 'REVIEWER' | 'ADMIN')[];
const HANDLERS: Handlers = ['EDITOR', 'REVIEWER', 'ADMIN'];
/** 延期 needs the approval of the 工作机构负责人: reviewers and admins record it. */
const APPROVERS: Handlers = ['REVIEWER', 'ADMIN'];

interface Step {
  id: string;
  roles: Handlers;
  action: AuditAction;
  /** Checks the request and its clock, and says what event to add. */
  event(tx: Tx, request: LockedRequest, clock: ClockState): Promise<NewClockEvent>;
  /** What the audit record says besides the new due date (no personal data). */
  auditData?: Prisma.InputJsonObject;
  after?(tx: Tx, request: LockedRequest, clock: ClockState): Promise<void>;
}

type LockedRequest = Awaited<ReturnType<typeof lockConcern>>;

/** One clock step: lock the request, check it, add the event, recompute, audit. */
async function step(ctx: WorkflowContext, s: Step): Promise<string> {
  return ctx.db.$transaction(async (tx) => {
    const request = await lockConcern(tx, ctx, s.id, s.roles);
    if (request.kind !== 'DISCLOSURE_REQUEST') throw new InputError('id', '这不是政府信息公开申请 — this is not a disclosure request.');
    if (request.concludedAt || !['RECEIVED', 'IN_PROGRESS', 'AWAITING_CORRECTION', 'THIRD_PARTY_CONSULTATION'].includes(request.status)) {
      throw new InputError('id', `申请已办结 — the request is ${request.status.toLowerCase()}.`);
    }
    const before = await clockOf(tx, request.id, ctx.timeZone);
    const event = await s.event(tx, request, before);
    const after = await addClockEvent(tx, request, { ...event, actorId: userIdOf(ctx) }, ctx.timeZone);
    await s.after?.(tx, request, after);
    await recordAudit(tx, ctx.actor, {
      action: s.action,
      entityType: 'Concern',
      entityId: request.id,
      orgUnitId: request.orgUnitId,
      data: { trackingNo: request.trackingNo, day: localDay(event.at, ctx.timeZone), dueDay: after.dueDay, correctionDueDay: after.correctionDueDay, ...s.auditData },
    });
    return request.id;
  });
}

const phaseError = (clock: ClockState, wanted: string) =>
  new InputError('id', `${wanted} — the request's clock is ${clock.phase.toLowerCase().replaceAll('_', ' ')}.`);

/** 第31条: the day both sides confirmed an online, fax or ordinary-letter request; its clock starts. */
export const confirmDisclosureRequest = (ctx: WorkflowContext, input: { id: string; confirmedOn?: Date | null }) =>
  step(ctx, {
    id: input.id,
    roles: HANDLERS,
    action: 'disclosure_request.confirmed',
    event: async (tx, request, clock) => {
      if (clock.phase !== 'NOT_STARTED') throw phaseError(clock, '申请已确认收到 — the request was confirmed already');
      return { kind: 'START', at: instantOfDay(await checkedEventDay(tx, 'confirmedOn', input.confirmedOn, request, ctx.now, ctx.timeZone), ctx.now, ctx.timeZone) };
    },
  });

/**
 * 第30条: one combined 补正 notice, within 7 working days of receipt, giving the requester a
 * reasonable period; the clock stops until the corrected request arrives.
 */
export const requestCorrection = (ctx: WorkflowContext, input: { id: string; note: string; workingDays?: number | null; noticeOn?: Date | null }) => {
  const workingDays = input.workingDays ?? DEFAULT_CORRECTION_WORKING_DAYS;
  const note = checkedInput((p) => {
    p.check(() => {
      if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_CORRECTION_WORKING_DAYS) {
        throw new InputError('workingDays', `补正期限为1–${MAX_CORRECTION_WORKING_DAYS}个工作日 — the correction period is 1–${MAX_CORRECTION_WORKING_DAYS} working days.`);
      }
    });
    return p.check(() => textField('note', input.note, 2000, true)!);
  });
  return step(ctx, {
    id: input.id,
    roles: HANDLERS,
    action: 'disclosure_request.correction_requested',
    auditData: { workingDays },
    event: async (tx, request, clock) => {
      if (clock.correctionRequested) throw new InputError('id', '补正只能一次性告知 — the requester was asked to correct the request already (one combined notice only).');
      if (clock.phase !== 'RUNNING') throw phaseError(clock, '须在受理后、征求第三方意见前告知补正 — a correction is asked for while the clock runs');
      if (clock.extensionDays > 0) throw new InputError('id', '已延期的申请不能再告知补正 — an extended request can no longer be sent a correction notice.');
      const day = await checkedEventDay(tx, 'noticeOn', input.noticeOn, request, ctx.now, ctx.timeZone);
      if (day > clock.correctionNoticeDueDay!) throw new InputError('id', `补正告知须在收到申请之日起7个工作日内（${clock.correctionNoticeDueDay}前） — the notice was due by ${clock.correctionNoticeDueDay}.`);
      return { kind: 'PAUSE_FOR_CORRECTION', at: instantOfDay(day, ctx.now, ctx.timeZone), workingDays, note };
    },
  });
};

/** 第30条: the corrected request arrived within the period; the time limit counts anew from that day. */
export const recordCorrection = (ctx: WorkflowContext, input: { id: string; receivedOn?: Date | null; note?: string | null }) =>
  step(ctx, {
    id: input.id,
    roles: HANDLERS,
    action: 'disclosure_request.corrected',
    event: async (tx, request, clock) => {
      if (clock.phase !== 'AWAITING_CORRECTION') throw phaseError(clock, '申请未在补正中 — the request is not awaiting a correction');
      const day = await checkedEventDay(tx, 'receivedOn', input.receivedOn, request, ctx.now, ctx.timeZone);
      if (day > clock.correctionDueDay!) throw new InputError('receivedOn', `补正期限已于${clock.correctionDueDay}届满，视为放弃 — the correction period ended on ${clock.correctionDueDay}; the request is deemed abandoned.`);
      return { kind: 'CORRECTED', at: instantOfDay(day, ctx.now, ctx.timeZone), note: textField('note', input.note, 2000) };
    },
  });

/** 第32条: 征求第三方意见 begins; up to 15 working days of it are not counted. */
export const startThirdPartyConsultation = (ctx: WorkflowContext, input: { id: string; note: string; startedOn?: Date | null }) =>
  step(ctx, {
    id: input.id,
    roles: HANDLERS,
    action: 'disclosure_request.third_party_started',
    event: async (tx, request, clock) => {
      if (clock.phase !== 'RUNNING') throw phaseError(clock, '只能在办理期间征求第三方意见 — a third party is consulted while the clock runs');
      if (clock.thirdPartyConsulted) throw new InputError('id', '已征求过第三方意见 — a third party was consulted already.');
      const day = await checkedEventDay(tx, 'startedOn', input.startedOn, request, ctx.now, ctx.timeZone);
      // Not a way out of an overdue request: the consultation must begin within the time limit.
      if (day > clock.dueDay!) throw new InputError('startedOn', `答复期限已于${clock.dueDay}届满 — the time limit ended on ${clock.dueDay}; a consultation must begin within it.`);
      return { kind: 'PAUSE_FOR_THIRD_PARTY', at: instantOfDay(day, ctx.now, ctx.timeZone), note: textField('note', input.note, 2000, true) };
    },
  });

/** The third party answered (or its 15 working days ran out): counting goes on. */
export const endThirdPartyConsultation = (ctx: WorkflowContext, input: { id: string; endedOn?: Date | null; note?: string | null }) =>
  step(ctx, {
    id: input.id,
    roles: HANDLERS,
    action: 'disclosure_request.third_party_ended',
    event: async (tx, request, clock) => {
      if (clock.phase !== 'THIRD_PARTY') throw phaseError(clock, '未在征求第三方意见 — no third party is being consulted');
      const day = await checkedEventDay(tx, 'endedOn', input.endedOn, request, ctx.now, ctx.timeZone);
      return { kind: 'RESUME', at: instantOfDay(day, ctx.now, ctx.timeZone), note: textField('note', input.note, 2000) };
    },
  });

/**
 * 第33条: extended once, by at most 20 working days, before the time limit ends, approved by
 * the head of the 工作机构 (recorded) — the requester is told (outbox event, no personal data).
 */
export const extendDisclosureRequest = (ctx: WorkflowContext, input: { id: string; workingDays: number; reason: string; approver: string }) => {
  const { reason, approver } = checkedInput((p) => {
    p.check(() => {
      if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > MAX_EXTENSION_WORKING_DAYS) {
        throw new InputError('workingDays', `延长期限最长不超过${MAX_EXTENSION_WORKING_DAYS}个工作日 — an extension is 1–${MAX_EXTENSION_WORKING_DAYS} working days.`);
      }
    });
    return { reason: p.check(() => textField('reason', input.reason, 500, true)!), approver: p.check(() => textField('approver', input.approver, 100, true)!) };
  });
  // publicChange: the notice's commit wakes the webhook dispatcher of this process (embedded databases send no NOTIFY).
  return publicChange(ctx, step(ctx, {
    id: input.id,
    roles: APPROVERS,
    action: 'disclosure_request.extended',
    auditData: { workingDays: input.workingDays, approver, reason },
    event: async (_tx, request, clock) => {
      if (clock.extensionDays > 0) throw new InputError('id', '只能延期一次 — the request was extended already.');
      // During a consultation the due date assumes all of its 15 days: decided once it has ended.
      if (clock.phase !== 'RUNNING') throw phaseError(clock, '只能延长正在计算的期限（征求第三方意见结束后） — only a running time limit is extended (after any consultation ended)');
      if (request.dueAt && request.dueAt < ctx.now) throw new InputError('id', '答复期限已过，不能延期 — the time limit has passed; it can no longer be extended.');
      return { kind: 'EXTEND', at: ctx.now, workingDays: input.workingDays, approver, note: reason };
    },
    after: async (tx, request, clock) => {
      const { dueAt } = clockColumns(clock, ctx.timeZone);
      await tx.concern.update({ where: { id: request.id }, data: { extensionReason: reason }, select: { id: true } });
      await emitEvent(tx, 'disclosure_request.extended', { type: 'Concern', id: request.id }, { orgUnitId: request.orgUnitId, channels: [], public: false }, {
        trackingNo: request.trackingNo,
        workingDays: input.workingDays,
        dueAt: dueAt?.toISOString() ?? null,
      });
    },
  }));
};

/**
 * Staff have this long after the correction period to enter a correction that arrived on its
 * last day (the post of the last afternoon is registered the next morning) before the job
 * concludes the request.
 */
export const ABANDON_GRACE_MS = 24 * 3_600_000;

/**
 * 视为放弃 (第30条): requests whose correction period ended (and the grace after it) without a
 * corrected request are concluded as 其他处理 / 逾期不补正 on the period's last day, each in its own
 * transaction and audited. Safe to run late and more than once. @returns how many were abandoned.
 */
export async function abandonLapsedRequests(db: { $transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>; concern: Tx['concern'] }, now: Date, timeZone: string): Promise<number> {
  const lapsedBefore = new Date(now.getTime() - ABANDON_GRACE_MS);
  const lapsed = await db.concern.findMany({ where: { kind: 'DISCLOSURE_REQUEST', status: 'AWAITING_CORRECTION', correctionDueAt: { lt: lapsedBefore } }, select: { id: true }, take: 500 });
  let abandoned = 0;
  for (const { id } of lapsed) {
    abandoned += await db.$transaction(async (tx) => {
      await lockConcernRow(tx, id);
      const request = await tx.concern.findUniqueOrThrow({ where: { id }, select: { id: true, status: true, correctionDueAt: true, orgUnitId: true, trackingNo: true } });
      if (request.status !== 'AWAITING_CORRECTION' || !request.correctionDueAt || request.correctionDueAt >= lapsedBefore) return 0;
      await addClockEvent(tx, request, { kind: 'ABANDON', at: now, note: '补正期限届满未补正，视为放弃' }, timeZone);
      await tx.concern.update({
        where: { id },
        data: { outcome: 'OTHER', outcomeDetail: 'CORRECTION_NOT_SUPPLIED', concludedAt: request.correctionDueAt, closedAt: now },
        select: { id: true },
      });
      await recordAudit(tx, {}, { action: 'disclosure_request.abandoned', entityType: 'Concern', entityId: id, orgUnitId: request.orgUnitId, data: { trackingNo: request.trackingNo, correctionDueAt: request.correctionDueAt.toISOString() } });
      return 1;
    });
  }
  return abandoned;
}
