// 回应关切: concerns from the public through any channel, and 舆情 registered by staff. A concern
// is routed to the unit responsible for what it is about (else the openness office at the root
// of the org tree), is due by the county's rule for its kind, and is answered by a Response
// through the editorial workflow (response.service.ts). Personal data of the submitter lives in
// ConcernSubmitter only; it never enters audit data, outbox payloads or logs.
import type { Viewer } from '../../auth/viewer.js';
import { checkedInput, InputError, type InputProblems, NotFoundError } from '../../errors.js';
import { checkpoint } from '../../faults.js';
import type { ChannelKind, ConcernKind, Prisma } from '../../generated/prisma/client.js';
import { covers, coversEverything, rolesOn } from '../../permissions/scope.js';
import { localDay } from '../../time.js';
import { textField } from '../../validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { TooManyAttemptsError } from '../auth/auth.errors.js';
import { countAttempt, countInWindow, forgiveAttempt, type Policy } from '../auth/login-throttle.js';
import { endOfWorkingDaysAfter, type DeadlineRules, type PublicConcernKind } from '../calendar/deadline-rules.js';
import { once } from '../idempotency/idempotency.service.js';
import { releaseReadWhere } from '../releases/release.permissions.js';
import { userIdOf, type WorkflowContext } from '../workflow/editorial-workflow.js';
import { accessCodeMatches, accessCodeOf, hashAccessCode, newTrackingNo, normalizeCode, TRACKING_NO } from './concern-access.js';
import { validatedSubmitter, type Submitter, type SubmitterInput } from './personal-data.js';

type Tx = Prisma.TransactionClient;

export interface ConcernContext extends WorkflowContext {
  /** Key of the access codes (concern-access.ts). */
  accessKey: Buffer;
  clientAddress: string;
}

export const PUBLIC_KINDS: readonly PublicConcernKind[] = ['QUESTION', 'CORRECTION', 'SUGGESTION', 'COMPLAINT'];

/** Submissions are limited per hour, per address or per channel key (which forwards many citizens from one server). */
export const SUBMISSION_WINDOW_SECONDS = 3600;
/** Wrong access codes: per caller (address, or channel key), and per tracking number from anywhere. */
export const LOOKUP_POLICY: Policy = { scope: 'lookup', freeFailures: 10, baseLockSeconds: 60 };
export const LOOKUP_CHANNEL_POLICY: Policy = { scope: 'lookup', freeFailures: 100, baseLockSeconds: 60 };
export const LOOKUP_NUMBER_POLICY: Policy = { scope: 'lookup', freeFailures: 20, baseLockSeconds: 60 };

export const MAX_CONTENT_CHARS = 5000;

/** The deadline of a concern received at `receivedAt`: working days by kind, or hours for 舆情. */
export async function concernDueAt(tx: Tx, kind: PublicConcernKind | 'PUBLIC_OPINION', major: boolean, receivedAt: Date, rules: DeadlineRules, timeZone: string): Promise<Date> {
  if (kind === 'PUBLIC_OPINION') return new Date(receivedAt.getTime() + (major ? rules.publicOpinionHours.major : rules.publicOpinionHours.other) * 3_600_000);
  return endOfWorkingDaysAfter(tx, receivedAt, rules.concernWorkingDays[kind], timeZone);
}

/** The openness office: the root of the org tree (the county government, whose 政务公开办 routes concerns). */
async function opennessOffice(tx: Tx): Promise<string> {
  const root = await tx.orgUnit.findFirstOrThrow({ where: { parentId: null, active: true }, orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }], select: { id: true } });
  return root.id;
}

/**
 * Who answers: the unit asked (a request is addressed to a government or department, 第27条), the publisher of the release it is about, else the responsible unit of the
 * matter's standard in force, else the openness office.
 */
async function route(tx: Tx, viewer: Viewer, now: Date, about: ConcernAbout): Promise<{ orgUnitId: string; matterId: string | null; releaseId: string | null }> {
  if (about.orgUnitId) {
    const unit = await tx.orgUnit.findUnique({ where: { id: about.orgUnitId }, select: { id: true, active: true } });
    if (!unit?.active) throw new NotFoundError('org unit');
    return { orgUnitId: unit.id, matterId: null, releaseId: null };
  }
  if (about.releaseId) {
    const release = await tx.release.findFirst({ where: { AND: [{ id: about.releaseId }, releaseReadWhere(viewer, now)] }, select: { id: true, publisherId: true, matterId: true } });
    if (!release) throw new NotFoundError('release');
    return { orgUnitId: release.publisherId, matterId: release.matterId, releaseId: release.id };
  }
  if (about.matterId) {
    const matter = await tx.matter.findUnique({
      where: { id: about.matterId },
      select: { id: true, active: true, standards: { where: { catalogVersion: { status: 'ACTIVE' } }, select: { responsibleOrgId: true }, take: 1 } },
    });
    if (!matter?.active) throw new NotFoundError('matter');
    return { orgUnitId: matter.standards[0]?.responsibleOrgId ?? (await opennessOffice(tx)), matterId: matter.id, releaseId: null };
  }
  return { orgUnitId: await opennessOffice(tx), matterId: null, releaseId: null };
}

/** Counts an attempt against a throttle key and refuses it while a lock is in force. */
async function throttle(tx: Tx, key: string, policy: Policy, now: Date): Promise<void> {
  checkpoint('concern.throttle');
  const { lockedFor } = await countAttempt(tx, key, policy, now);
  if (lockedFor > 0) throw new TooManyAttemptsError(lockedFor);
}

export interface SubmitConcernInput {
  kind: PublicConcernKind;
  subject: string;
  content: string;
  matterId?: string | null;
  releaseId?: string | null;
  contact: SubmitterInput;
  publicConsent?: boolean | null;
  idempotencyKey?: string | null;
}

export interface Receipt {
  concernId: string;
  trackingNo: string;
  accessCode: string;
  receivedAt: Date;
  /** Null for a request whose clock has not started (it waits for confirmation, 第31条). */
  dueAt: Date | null;
}

/** What a new concern is about, and where it goes: the unit asked (a request names it), a release or a matter. */
export interface ConcernAbout {
  orgUnitId?: string | null;
  matterId?: string | null;
  releaseId?: string | null;
}

/** A concern to file: the parts every kind shares, and what its kind decides inside the transaction. */
export interface Filing {
  kind: ConcernKind;
  subject: string;
  content: string;
  about: ConcernAbout;
  submitter: Submitter & { idDocumentType?: string | null; idDocumentNo?: string | null };
  publicConsent: boolean;
  idempotencyKey?: string | null;
  /** The input a retry with the same idempotency key must repeat. */
  fingerprint: Prisma.InputJsonObject;
  /** Staff entering a request received in person or by post are not throttled; the public is. */
  throttled: boolean;
  /** The clock and kind-specific columns of the new concern, decided in its transaction. */
  plan(tx: Tx): Promise<FilingPlan>;
  /** After the row exists (the request's START event …). */
  afterCreate?(tx: Tx, concernId: string): Promise<void>;
}

export interface FilingPlan {
  receivedAt: Date;
  clockStartedAt: Date | null;
  dueAt: Date | null;
  columns?: Pick<Prisma.ConcernUncheckedCreateInput, 'receiptMethod' | 'requesterType' | 'deliveryPreference'>;
}

/**
 * Files a concern: throttled per address, or per channel for channel keys (which forward many
 * citizens from one server); a retry with the same idempotency key files once and shows the
 * same tracking number and code. Every check runs in the transaction that files it: when one
 * cannot be made (the database is unavailable), nothing is filed and the caller gets an error.
 */
export async function fileConcern(ctx: ConcernContext, filing: Filing): Promise<Receipt> {
  const channel: { id: string | null; kind: ChannelKind | null } = ctx.viewer.kind === 'channel' ? { id: ctx.viewer.channelId, kind: ctx.viewer.channelKind } : { id: null, kind: null };
  const caller = channel.id ? `channel:${channel.id}` : ctx.viewer.kind === 'user' ? `user:${ctx.viewer.userId}` : `ip:${ctx.clientAddress}`;
  const row = await ctx.db.$transaction(async (tx) => {
    if (filing.throttled) {
      checkpoint('concern.throttle');
      const limit = channel.id ? ctx.deadlines.submissionLimits.perChannel : ctx.deadlines.submissionLimits.perAddress;
      const window = await countInWindow(tx, `concern-submit:${caller}`, SUBMISSION_WINDOW_SECONDS, ctx.now);
      // Refused submissions roll back with the transaction: they do not count.
      if (window.count > limit) throw new TooManyAttemptsError(window.secondsLeft);
    }
    const operation = filing.kind === 'DISCLOSURE_REQUEST' ? 'submitDisclosureRequest' : 'submitConcern';
    const { concernId } = await once(tx, `${caller}:${operation}`, filing.idempotencyKey, filing.fingerprint, ctx.now, async () => {
      const target = await route(tx, ctx.viewer, ctx.now, filing.about);
      const plan = await filing.plan(tx);
      const created = await tx.concern.create({
        data: {
          trackingNo: newTrackingNo(localDay(plan.receivedAt, ctx.timeZone)),
          kind: filing.kind,
          ...target,
          ...plan.columns,
          channelClientId: channel.id,
          channel: channel.kind,
          subject: filing.subject,
          content: filing.content,
          publicConsent: filing.publicConsent,
          receivedAt: plan.receivedAt,
          clockStartedAt: plan.clockStartedAt,
          dueAt: plan.dueAt,
          submitter: { create: filing.submitter },
        },
        select: { id: true, trackingNo: true, orgUnitId: true },
      });
      checkpoint('concern.submit.after-insert');
      await tx.concern.update({ where: { id: created.id }, data: { accessCodeHash: hashAccessCode(accessCodeOf(ctx.accessKey, created.id)) }, select: { id: true } });
      await filing.afterCreate?.(tx, created.id);
      // The submitter's address is personal data too: not kept in the (permanent) audit log.
      await recordAudit(tx, { ...ctx.actor, address: null }, { action: 'concern.submitted', entityType: 'Concern', entityId: created.id, orgUnitId: created.orgUnitId, data: { trackingNo: created.trackingNo, kind: filing.kind, channel: channel.kind } });
      return { concernId: created.id };
    });
    return tx.concern.findUniqueOrThrow({ where: { id: concernId }, select: { id: true, trackingNo: true, receivedAt: true, dueAt: true } });
  });
  return { concernId: row.id, trackingNo: row.trackingNo, accessCode: accessCodeOf(ctx.accessKey, row.id), receivedAt: row.receivedAt, dueAt: row.dueAt };
}

function checkedSubjectAndContent(p: InputProblems, input: { subject: string; content: string }) {
  return {
    subject: p.check(() => textField('subject', input.subject, 300, true)!),
    content: p.check(() => textField('content', input.content, MAX_CONTENT_CHARS, true)!),
  };
}

/** Files a question, correction, suggestion or complaint from the public (anonymous callers and channels). */
export async function submitConcern(ctx: ConcernContext, input: SubmitConcernInput): Promise<Receipt> {
  const { subject, content, submitter } = checkedInput((p) => {
    p.check(() => {
      if (!PUBLIC_KINDS.includes(input.kind)) throw new InputError('kind', '请选择咨询、纠错、建议或投诉 — kind must be QUESTION, CORRECTION, SUGGESTION or COMPLAINT.');
    });
    return { ...checkedSubjectAndContent(p, input), submitter: p.check(() => validatedSubmitter(input.contact)) };
  });
  return fileConcern(ctx, {
    kind: input.kind,
    subject,
    content,
    about: { matterId: input.matterId, releaseId: input.releaseId },
    submitter,
    publicConsent: input.publicConsent ?? false,
    idempotencyKey: input.idempotencyKey,
    fingerprint: { ...input, contact: { ...submitter } } as Prisma.InputJsonObject,
    throttled: true,
    plan: async (tx) => ({ receivedAt: ctx.now, clockStartedAt: ctx.now, dueAt: await concernDueAt(tx, input.kind, false, ctx.now, ctx.deadlines, ctx.timeZone) }),
  });
}

/**
 * The concern behind a tracking number and access code, for its submitter on any channel; null
 * for an unknown number and a wrong code alike. Wrong codes are counted per address and
 * throttled; a right one takes its attempt back.
 */
export async function concernForSubmitter(ctx: ConcernContext, trackingNo: string, accessCode: string): Promise<string | null> {
  // A channel's lookups all come from its server: counted by its key, with a higher ceiling.
  const [key, policy] = ctx.viewer.kind === 'channel' ? [`concern-lookup:channel:${ctx.viewer.channelId}`, LOOKUP_CHANNEL_POLICY] : [`concern-lookup:ip:${ctx.clientAddress}`, LOOKUP_POLICY];
  // A number that cannot exist is no guess at a code: answered without counting.
  const number = trackingNo.trim().toUpperCase();
  if (!TRACKING_NO.test(number) || normalizeCode(accessCode).length > 40) return null;
  const numberKey = `concern-lookup:no:${number}`;
  return ctx.db.$transaction(async (tx) => {
    await throttle(tx, key, policy, ctx.now);
    await throttle(tx, numberKey, LOOKUP_NUMBER_POLICY, ctx.now);
    const concern = await tx.concern.findUnique({ where: { trackingNo: number }, select: { id: true, accessCodeHash: true } });
    if (!concern || !accessCodeMatches(accessCode, concern.accessCodeHash)) return null;
    await forgiveAttempt(tx, key);
    await forgiveAttempt(tx, numberKey);
    return concern.id;
  });
}

// ---- staff actions ----------------------------------------------------------------------------------

/** Locks a concern's row. Writers of a concern and its answers lock the concern first. */
export async function lockConcernRow(tx: Tx, id: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Concern" WHERE "id" = ${id}::uuid FOR UPDATE`;
}

/** Locks a concern the viewer holds one of `roles` on (others' answer like unknown ids). */
export async function lockConcern(tx: Tx, ctx: WorkflowContext, id: string, roles: readonly ('EDITOR' | 'REVIEWER' | 'ADMIN')[]) {
  await lockConcernRow(tx, id);
  const concern = await tx.concern.findUnique({ where: { id }, include: { orgUnit: { select: { path: true } } } });
  if (!concern || rolesOn(ctx.viewer, concern.orgUnit.path).length === 0) throw new NotFoundError('concern');
  if (!covers(ctx.viewer, roles, concern.orgUnit.path)) throw new InputError('id', `须由${roles.join('/')}办理 — this needs the role ${roles.join(' or ')} on the handling unit.`);
  return concern;
}

const OPEN = ['RECEIVED', 'IN_PROGRESS'] as const;

/** 舆情: a public-opinion event registered by staff, due in hours (24 for major emergencies, else 48). */
export async function registerPublicOpinion(ctx: WorkflowContext, input: { orgUnitId: string; subject: string; content: string; major: boolean; releaseId?: string | null }): Promise<string> {
  const { subject, content } = checkedInput((p) => checkedSubjectAndContent(p, input));
  return ctx.db.$transaction(async (tx) => {
    const unit = await tx.orgUnit.findUnique({ where: { id: input.orgUnitId }, select: { id: true, path: true, active: true } });
    if (!unit?.active || !covers(ctx.viewer, ['REVIEWER', 'ADMIN'], unit.path)) throw new NotFoundError('org unit');
    // Only a release the caller may read: Concern.release must not become a window onto others' drafts.
    if (input.releaseId && !(await tx.release.findFirst({ where: { AND: [{ id: input.releaseId }, releaseReadWhere(ctx.viewer, ctx.now)] }, select: { id: true } }))) {
      throw new NotFoundError('release');
    }
    const dueAt = await concernDueAt(tx, 'PUBLIC_OPINION', input.major, ctx.now, ctx.deadlines, ctx.timeZone);
    const created = await tx.concern.create({
      data: {
        trackingNo: newTrackingNo(localDay(ctx.now, ctx.timeZone)),
        kind: 'PUBLIC_OPINION',
        major: input.major,
        orgUnitId: unit.id,
        releaseId: input.releaseId ?? null,
        subject,
        content,
        receivedAt: ctx.now,
        clockStartedAt: ctx.now,
        dueAt,
      },
      select: { id: true, trackingNo: true },
    });
    await recordAudit(tx, ctx.actor, { action: 'concern.registered', entityType: 'Concern', entityId: created.id, orgUnitId: unit.id, data: { trackingNo: created.trackingNo, major: input.major } });
    return created.id;
  });
}

/** 转办: the openness office (ADMIN of the whole county) hands a concern to another unit, with a reason. */
export async function transferConcern(ctx: WorkflowContext, input: { id: string; orgUnitId: string; reason: string }): Promise<string> {
  const reason = textField('reason', input.reason, 500, true)!;
  return ctx.db.$transaction(async (tx) => {
    const concern = await lockConcern(tx, ctx, input.id, ['ADMIN']);
    if (!coversEverything(ctx.viewer, ['ADMIN'])) throw new InputError('id', '须由政务公开办转办 — only the openness office (an admin of the whole county) transfers concerns.');
    if (!(OPEN as readonly string[]).includes(concern.status)) throw new InputError('id', `已办结的关切不能转办 — a concern that is ${concern.status} cannot be transferred.`);
    const target = await tx.orgUnit.findUnique({ where: { id: input.orgUnitId }, select: { id: true, active: true } });
    if (!target?.active) throw new NotFoundError('org unit');
    if (target.id === concern.orgUnitId) throw new InputError('orgUnitId', '已由该单位办理 — the concern is already with this unit.');
    // Drafted answers belong to the unit that wrote them; the new unit starts its own.
    await tx.response.deleteMany({ where: { concernId: concern.id, status: { in: ['DRAFT', 'IN_REVIEW', 'APPROVED'] } } });
    await tx.concern.update({ where: { id: concern.id }, data: { orgUnitId: target.id, status: 'RECEIVED', version: { increment: 1 } }, select: { id: true } });
    await recordAudit(tx, ctx.actor, { action: 'concern.transferred', entityType: 'Concern', entityId: concern.id, orgUnitId: target.id, data: { from: concern.orgUnitId, to: target.id, reason } });
    return concern.id;
  });
}

/** 建议 may be extended once, with a reason, to at most SUGGESTION_MAX working days after receipt. */
export async function extendConcern(ctx: WorkflowContext, input: { id: string; reason: string }): Promise<string> {
  const reason = textField('reason', input.reason, 500, true)!;
  return ctx.db.$transaction(async (tx) => {
    const concern = await lockConcern(tx, ctx, input.id, ['REVIEWER', 'ADMIN']);
    if (concern.kind !== 'SUGGESTION') throw new InputError('id', '只有建议可以延期 — only a suggestion can be extended.');
    if (!(OPEN as readonly string[]).includes(concern.status)) throw new InputError('id', `已办结的关切不能延期 — a concern that is ${concern.status} cannot be extended.`);
    if (concern.extensionDays > 0) throw new InputError('id', '已延期一次 — this suggestion was extended already.');
    if (concern.dueAt && concern.dueAt < ctx.now) throw new InputError('id', '已超过答复时限，不能再延期 — the deadline has passed; it can no longer be extended.');
    const extra = ctx.deadlines.suggestionMaxWorkingDays - ctx.deadlines.concernWorkingDays.SUGGESTION;
    if (extra <= 0) throw new InputError('id', '本县规定建议不可延期 — the county allows no extension of suggestions.');
    const dueAt = await endOfWorkingDaysAfter(tx, concern.receivedAt, ctx.deadlines.suggestionMaxWorkingDays, ctx.timeZone);
    await tx.concern.update({ where: { id: concern.id }, data: { dueAt, extensionDays: extra, extensionReason: reason, version: { increment: 1 } }, select: { id: true } });
    await tx.concernClockEvent.create({ data: { concernId: concern.id, kind: 'EXTEND', at: ctx.now, note: reason, actorId: userIdOf(ctx) }, select: { id: true } });
    await recordAudit(tx, ctx.actor, { action: 'concern.extended', entityType: 'Concern', entityId: concern.id, orgUnitId: concern.orgUnitId, data: { extensionDays: extra, dueAt: dueAt.toISOString(), reason } });
    return concern.id;
  });
}

/** 办结: an answered concern is closed; the retention period of its submitter's data starts. */
export async function closeConcern(ctx: WorkflowContext, id: string): Promise<string> {
  return ctx.db.$transaction(async (tx) => {
    const concern = await lockConcern(tx, ctx, id, ['REVIEWER', 'ADMIN']);
    if (concern.status !== 'ANSWERED') throw new InputError('id', `须先发布答复 — only an answered concern can be closed (it is ${concern.status}).`);
    await tx.concern.update({ where: { id }, data: { status: 'CLOSED', closedAt: ctx.now, version: { increment: 1 } }, select: { id: true } });
    await recordAudit(tx, ctx.actor, { action: 'concern.closed', entityType: 'Concern', entityId: id, orgUnitId: concern.orgUnitId });
    return id;
  });
}

/**
 * The submitter's data in full, for staff of the handling unit who say why: the read is written
 * to the audit log (who read whose data, when, why) in the same transaction that reads it.
 */
export async function revealSubmitter(ctx: WorkflowContext, input: { concernId: string; reason: string }) {
  const reason = textField('reason', input.reason, 500, true)!;
  return ctx.db.$transaction(async (tx) => {
    const concern = await tx.concern.findUnique({ where: { id: input.concernId }, select: { id: true, orgUnitId: true, trackingNo: true, orgUnit: { select: { path: true } }, submitter: true } });
    if (!concern || rolesOn(ctx.viewer, concern.orgUnit.path).length === 0) throw new NotFoundError('concern');
    // Those who answer it, not those who only read (auditors see the masked data).
    if (!covers(ctx.viewer, ['EDITOR', 'REVIEWER', 'ADMIN'], concern.orgUnit.path)) throw new NotFoundError('concern');
    if (!concern.submitter) throw new NotFoundError('submitter');
    await recordAudit(tx, ctx.actor, { action: 'concern.submitter_read', entityType: 'Concern', entityId: concern.id, orgUnitId: concern.orgUnitId, data: { trackingNo: concern.trackingNo, reason } });
    return concern.submitter;
  });
}

/**
 * The retention job: deletes the personal data of concerns closed longer than the county keeps
 * it. The concern and its answer stay; an audit event records how many were purged.
 */
export async function purgeClosedConcernSubmitters(db: { $transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> }, now: Date, retentionDays: number): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  return db.$transaction(async (tx) => {
    const due = await tx.concern.findMany({ where: { closedAt: { lt: before }, submitter: { isNot: null } }, select: { id: true }, take: 1000 });
    if (due.length === 0) return 0;
    const ids = due.map((c) => c.id);
    await tx.concernSubmitter.deleteMany({ where: { concernId: { in: ids } } });
    await tx.concern.updateMany({ where: { id: { in: ids } }, data: { submitterPurgedAt: now } });
    await recordAudit(tx, {}, { action: 'concern.submitter_purged', entityType: 'Concern', data: { count: ids.length, closedBefore: before.toISOString() } });
    return ids.length;
  });
}
