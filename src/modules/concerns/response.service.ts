// 回应: the answer to a concern, through the shared editorial workflow (draft → review →
// publish). Publishing it answers the concern (answeredAt, on time or not). A 纠错 answered as
// justified names the release it corrected. Only the concern's handling unit answers it.
import { InputError, InputProblems, NotFoundError } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { covers } from '../../permissions/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { once } from '../idempotency/idempotency.service.js';
import { emitEvent, type EventAudience } from '../outbox/outbox.service.js';
import { ChannelKind } from '../../generated/prisma/enums.js';
import { MAX_BODY_CHARS } from '../releases/content.service.js';
import { releaseWorkspaceWhere } from '../releases/release.permissions.js';
import { bodyTooLong, renderedBody } from '../releases/release-workflow.service.js';
import {
  addRevision,
  assertOwned,
  auditActionOf,
  authorize,
  deleteDraft,
  lockSubject,
  publicChange,
  userIdOf,
  withdraw,
  writeAudit,
  writeNote,
  type WorkflowContext,
} from '../workflow/editorial-workflow.js';
import { VersionConflictError } from '../workflow/workflow.errors.js';
import { checkedOutcome, type OutcomeInput } from '../requests/request-outcome.js';
import { lockConcernRow } from './concern.service.js';

type Tx = Prisma.TransactionClient;

/** The concern is locked before its answer, in the order transferConcern takes them. */
async function lockConcernOf(tx: Tx, responseId: string): Promise<void> {
  const row = await tx.response.findUnique({ where: { id: responseId }, select: { concernId: true } });
  if (row) await lockConcernRow(tx, row.concernId);
}

export interface ResponseContentInput extends OutcomeInput {
  bodyHtml?: string | null;
  justified?: boolean | null;
  correctedReleaseId?: string | null;
}

/** Why a concern cannot be answered now, or null when it can. */
function notAnswerable(concern: { status: string; kind: string; clockStartedAt: Date | null }): string | null {
  if (concern.status === 'AWAITING_CORRECTION') return '申请在补正中，待补正后再答复 — the request awaits its correction.';
  if (concern.status === 'THIRD_PARTY_CONSULTATION') return '正在征求第三方意见 — a third party is being consulted; end the consultation first.';
  if (!['RECEIVED', 'IN_PROGRESS'].includes(concern.status)) return `关切已${concern.status === 'ANSWERED' ? '答复' : '办结'} — the concern is ${concern.status}.`;
  if (concern.kind === 'DISCLOSURE_REQUEST' && !concern.clockStartedAt) return '须先确认收到申请 — confirm receipt of the request first (第31条).';
  return null;
}

/** For a 纠错: whether it was justified, and (if so) the release of the caller's units it corrected. */
async function checkedCorrection(tx: Tx, ctx: WorkflowContext, kind: string, input: ResponseContentInput): Promise<{ justified: boolean | null; correctedReleaseId: string | null }> {
  if (kind !== 'CORRECTION') {
    if (input.justified != null || input.correctedReleaseId) throw new InputError('justified', '只有纠错的答复有此项 — only an answer to a correction says whether it was justified.');
    return { justified: null, correctedReleaseId: null };
  }
  if (input.correctedReleaseId) {
    if (input.justified === false) throw new InputError('correctedReleaseId', '不属实的纠错没有更正的信息 — an unjustified correction corrected nothing.');
    const release = await tx.release.findFirst({ where: { AND: [{ id: input.correctedReleaseId }, releaseWorkspaceWhere(ctx.viewer)] }, select: { id: true } });
    if (!release) throw new NotFoundError('release');
    return { justified: true, correctedReleaseId: release.id };
  }
  return { justified: input.justified ?? null, correctedReleaseId: null };
}

/** The answer's body rendered, or null with its problem noted. */
async function renderedBodyOf(problems: InputProblems, input: ResponseContentInput, base: string | null) {
  const bodyHtml = problems.check(() => {
    const html = input.bodyHtml ?? base ?? '';
    if (html.length > MAX_BODY_CHARS) throw bodyTooLong();
    if (html.trim() === '') throw new InputError('bodyHtml', '答复内容不能为空 — the answer needs a body.');
    return html;
  });
  return bodyHtml === undefined ? null : problems.checkAsync(() => renderedBody({ bodyHtml, summary: null }));
}

/** Drafts the answer to a concern of a unit the caller writes for; the concern is then in progress. */
export async function createResponse(ctx: WorkflowContext, input: ResponseContentInput & { concernId: string }): Promise<string> {
  // The body's problem is told with those of the other fields, found in the transaction.
  const problems = new InputProblems();
  const body = await renderedBodyOf(problems, input, null);
  return ctx.db.$transaction(async (tx) => {
    await lockConcernRow(tx, input.concernId);
    const concern = await tx.concern.findUnique({ where: { id: input.concernId }, select: { id: true, kind: true, status: true, clockStartedAt: true, orgUnitId: true, orgUnit: { select: { path: true } } } });
    if (!concern || !covers(ctx.viewer, ['EDITOR', 'REVIEWER', 'ADMIN'], concern.orgUnit.path)) throw new NotFoundError('concern');
    problems.check(() => {
      const refusal = notAnswerable(concern);
      if (refusal) throw new InputError('concernId', refusal);
    });
    const correction = await problems.checkAsync(() => checkedCorrection(tx, ctx, concern.kind, input));
    const outcome = problems.check(() => checkedOutcome(concern.kind, input));
    problems.throwIfAny();
    const created = await tx.response.create({
      data: { concernId: concern.id, orgUnitId: concern.orgUnitId, status: 'DRAFT', bodyHtml: body!.bodyHtml, bodyText: body!.bodyText, ...correction, ...outcome, createdById: userIdOf(ctx), updatedById: userIdOf(ctx) },
      select: { id: true, status: true, version: true },
    });
    if (concern.status === 'RECEIVED') await tx.concern.update({ where: { id: concern.id }, data: { status: 'IN_PROGRESS' }, select: { id: true } });
    await addRevision(tx, 'Response', created.id, 'MAJOR', '创建草稿', userIdOf(ctx));
    await writeAudit(tx, ctx.actor, 'Response', auditActionOf('Response', 'created'), created, concern.orgUnitId, { concernId: concern.id });
    return created.id;
  });
}

/** Saves an edit of a draft answer if `expectedVersion` is current. */
export async function updateResponse(ctx: WorkflowContext, input: ResponseContentInput & { id: string; expectedVersion: number }): Promise<string> {
  const base = await ctx.db.response.findUnique({ where: { id: input.id }, select: { bodyHtml: true, version: true, orgUnit: { select: { path: true } } } });
  if (!base) throw new NotFoundError('response');
  assertOwned(ctx, { kind: 'Response', ownerPath: base.orgUnit.path });
  if (base.version !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, base.version);
  const problems = new InputProblems();
  const body = await renderedBodyOf(problems, input, base.bodyHtml);
  return ctx.db.$transaction(async (tx) => {
    const { subject } = await authorize(tx, ctx, 'Response', input.id, 'UPDATE');
    if (subject.version !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, subject.version);
    if (subject.status !== 'DRAFT') throw new InputError('id', '已发布的答复不能修改，请撤回后重新答复 — a published answer is not edited; withdraw it and answer again.');
    const row = await tx.response.findUniqueOrThrow({ where: { id: subject.id }, select: { justified: true, correctedReleaseId: true, outcome: true, outcomeDetail: true, concern: { select: { kind: true } } } });
    const correction = await problems.checkAsync(() =>
      checkedCorrection(tx, ctx, row.concern.kind, {
        justified: input.justified !== undefined ? input.justified : row.justified,
        correctedReleaseId: input.correctedReleaseId !== undefined ? input.correctedReleaseId : row.correctedReleaseId,
      }),
    );
    // A new outcome without a detail drops the old detail, which belonged to the old outcome.
    const outcome = problems.check(() =>
      checkedOutcome(row.concern.kind, {
        outcome: input.outcome !== undefined ? input.outcome : row.outcome,
        outcomeDetail: input.outcomeDetail !== undefined ? input.outcomeDetail : input.outcome !== undefined ? null : row.outcomeDetail,
      }),
    );
    problems.throwIfAny();
    const updated = await tx.response.update({
      where: { id: subject.id },
      data: { bodyHtml: body!.bodyHtml, bodyText: body!.bodyText, ...correction, ...outcome, version: { increment: 1 }, updatedById: userIdOf(ctx) },
      select: { id: true, status: true, version: true },
    });
    await addRevision(tx, 'Response', subject.id, 'MINOR', null, userIdOf(ctx));
    await writeAudit(tx, ctx.actor, 'Response', auditActionOf('Response', 'updated'), updated, subject.ownerId);
    return subject.id;
  });
}

/**
 * Publishes an approved answer: the concern is answered (first answer: answeredAt and whether it
 * was on time). The outbox event carries no personal data, and says whether the Q&A is public.
 */
export async function publishResponse(ctx: WorkflowContext, input: { id: string; idempotencyKey?: string | null }): Promise<string> {
  return publicChange(ctx, ctx.db.$transaction(async (tx) => {
    await lockConcernOf(tx, input.id);
    // Access first: a replayed key must not answer for a response the caller may no longer see.
    assertOwned(ctx, await lockSubject(tx, 'Response', input.id));
    const result = await once(tx, `${userIdOf(ctx)}:publishResponse`, input.idempotencyKey, { id: input.id }, ctx.now, async () => ({ responseId: await publishNow(tx, ctx, input.id) }));
    return result.responseId;
  }));
}

/**
 * Who hears of an answer: with the submitter's consent it is public Q&A on every channel;
 * without, only the handling unit's staff (the submitter follows it by code, not by feed).
 */
const answerAudience = (orgUnitId: string, publicConsent: boolean): EventAudience => ({ orgUnitId, channels: Object.values(ChannelKind), public: publicConsent });

/** The publication itself, inside the caller's transaction. */
async function publishNow(tx: Tx, ctx: WorkflowContext, id: string): Promise<string> {
  const { subject } = await authorize(tx, ctx, 'Response', id, 'PUBLISH');
  const response = await tx.response.findUniqueOrThrow({ where: { id: subject.id }, select: { concernId: true, firstPublishedAt: true } });
  const concern = await tx.concern.findUniqueOrThrow({
    where: { id: response.concernId },
    select: { id: true, kind: true, status: true, clockStartedAt: true, dueAt: true, answeredAt: true, concludedAt: true, publicConsent: true, trackingNo: true },
  });
  const answer = await tx.response.findUniqueOrThrow({ where: { id: subject.id }, select: { justified: true, outcome: true, outcomeDetail: true } });
  if (concern.kind === 'CORRECTION' && answer.justified === null) throw new InputError('justified', '纠错答复须说明是否属实 — say whether the correction was justified before publishing.');
  // A request is concluded by its answer: only once its clock runs, and with an outcome for the 年报.
  let conclusion: Prisma.ConcernUpdateInput = {};
  if (concern.kind === 'DISCLOSURE_REQUEST') {
    const refusal = concern.status === 'CLOSED' || concern.status === 'ANSWERED' ? null : notAnswerable(concern);
    if (refusal) throw new InputError('id', refusal);
    if (!answer.outcome) throw new InputError('outcome', '请选择办理结果 — choose the outcome (予以公开、部分公开 …) before publishing.');
    // A further answer (a correction of the first) says the outcome now; the request was concluded when first answered.
    conclusion = { outcome: answer.outcome, outcomeDetail: answer.outcomeDetail, concludedAt: concern.concludedAt ?? ctx.now };
  }
  const updated = await tx.response.update({
    where: { id: subject.id },
    data: { status: 'PUBLISHED', publishedAt: ctx.now, ...(response.firstPublishedAt ? {} : { firstPublishedAt: ctx.now }), version: { increment: 1 }, updatedById: userIdOf(ctx) },
    select: { id: true, status: true, version: true, orgUnitId: true },
  });
  const first = concern.answeredAt === null;
  await tx.concern.update({
    where: { id: concern.id },
    data: {
      status: concern.status === 'CLOSED' ? 'CLOSED' : 'ANSWERED',
      ...(first ? { answeredAt: ctx.now, answeredOnTime: concern.dueAt ? ctx.now <= concern.dueAt : null } : {}),
      ...conclusion,
      version: { increment: 1 },
    },
    select: { id: true },
  });
  await addRevision(tx, 'Response', subject.id, 'MAJOR', '发布', userIdOf(ctx));
  await writeNote(tx, subject, 'PUBLISH', subject.status, 'PUBLISHED', userIdOf(ctx));
  await writeAudit(tx, ctx.actor, 'Response', auditActionOf('Response', 'published'), updated, subject.ownerId, { concernId: concern.id });
  if (first) {
    await recordAudit(tx, ctx.actor, { action: 'concern.answered', entityType: 'Concern', entityId: concern.id, orgUnitId: updated.orgUnitId, data: { trackingNo: concern.trackingNo, onTime: concern.dueAt ? ctx.now <= concern.dueAt : null } });
  }
  await emitEvent(tx, 'response.published', { type: 'Response', id: updated.id }, answerAudience(updated.orgUnitId, concern.publicConsent), {
    id: updated.id,
    orgUnitId: updated.orgUnitId,
    kind: concern.kind,
    public: concern.publicConsent,
    publishedAt: ctx.now.toISOString(),
    version: updated.version,
  });
  return subject.id;
}

/**
 * Withdraws a published answer. A concern left without a published answer is open again (in
 * progress), so it can be answered anew and shows in the deadline lists; its first answer's
 * time stays on record.
 */
export const withdrawResponse = (ctx: WorkflowContext, id: string, reason: string) =>
  withdraw(
    ctx,
    'Response',
    id,
    reason,
    undefined,
    async (tx) => {
      const { concernId, orgUnitId, concern } = await tx.response.findUniqueOrThrow({ where: { id }, select: { concernId: true, orgUnitId: true, concern: { select: { publicConsent: true } } } });
      await tx.concern.updateMany({
        where: { id: concernId, status: 'ANSWERED', responses: { none: { status: 'PUBLISHED' } } },
        data: { status: 'IN_PROGRESS', version: { increment: 1 } },
      });
      // A request left without a published answer is no longer concluded (closed or not): its outcome is undecided again.
      await tx.concern.updateMany({
        where: { id: concernId, kind: 'DISCLOSURE_REQUEST', concludedAt: { not: null }, responses: { none: { status: 'PUBLISHED' } } },
        data: { outcome: null, outcomeDetail: null, concludedAt: null },
      });
      await emitEvent(tx, 'response.withdrawn', { type: 'Response', id }, answerAudience(orgUnitId, concern.publicConsent), { id, withdrawnAt: ctx.now.toISOString() });
    },
    (tx) => lockConcernOf(tx, id),
  );

export const deleteResponseDraft = (ctx: WorkflowContext, id: string) => deleteDraft(ctx, 'Response', id);

