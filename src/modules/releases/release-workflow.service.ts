// The editorial workflow. Every mutation runs the same pipeline, in this order:
//   1. lock the release row (concurrent transitions queue instead of racing),
//   2. access: the caller's roles on the publisher's subtree (none → NotFound, like an unknown id),
//   3. the state machine (release-workflow.ts) → InvalidTransitionError naming the current state,
//   4. validate the input,
//   5. write status, revision, review note, audit event, outbox event and jobs in ONE transaction.
// Named checkpoints between the writes let tests inject faults and prove nothing is left half-done.
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import { InputError, NotFoundError } from '../../errors.js';
import { checkpoint } from '../../faults.js';
import { textField } from '../../validation.js';
import type { ChannelKind, DisclosureStage, Prisma, RevisionKind, WorkflowAction } from '../../generated/prisma/client.js';
import type { ReleaseStatus } from '../../generated/prisma/enums.js';
import { JobTask, type JobQueue } from '../../jobs/job-queue.js';
import { rolesOn } from '../../permissions/scope.js';
import { localDay, localDayTimeToInstant } from '../../time.js';
import { recordAudit, type AuditAction, type AuditActor } from '../audit/audit.service.js';
import { once } from '../idempotency/idempotency.service.js';
import { emitEvent, type OutboxTopic } from '../outbox/outbox.service.js';
import { releaseDeadline } from './release-deadline.service.js';
import { InvalidTransitionError, VersionConflictError } from './release.errors.js';
import { attachmentProblem, type Attachment } from './release.model.js';
import { renderBodyOffThread } from './body-renderer.js';
import { MAX_BODY_CHARS, type BodyRenditions } from './content.service.js';
import { addRevision, BODY_NOT_READ_BACK, contentColumns, contentOf, contentOfSnapshot, insertDraft, markPublished, type ReleaseContent, type ReleaseRowWithoutBody } from './release-writes.js';
import { checkTransition, type ReleaseAction } from './release-workflow.js';

type Tx = Prisma.TransactionClient;
type ReleaseRow = Prisma.ReleaseGetPayload<object>;

export interface WorkflowContext {
  db: Db;
  viewer: Viewer;
  actor: AuditActor;
  now: Date;
  timeZone: string;
  jobs: JobQueue;
  /** Called once a change that may alter what the public sees has committed (count caches). */
  onPublicChange?: () => void;
}

/** Awaits a transaction that may change what the public sees, then says so. */
async function publicChange<T>(ctx: WorkflowContext, transaction: Promise<T>): Promise<T> {
  const result = await transaction;
  ctx.onPublicChange?.();
  return result;
}

const publishJobKey = (id: string) => `release:publish:${id}`;
const repealJobKey = (id: string) => `release:repeal:${id}`;

// ---- validation ----------------------------------------------------------------------------

export interface ContentInput {
  title?: string | null;
  docNo?: string | null;
  stage?: DisclosureStage | null;
  topic?: string | null;
  genre?: string | null;
  keywords?: string[] | null;
  bodyHtml?: string | null;
  summary?: string | null;
  attachments?: Attachment[] | null;
  targetChannels?: ChannelKind[] | null;
  issuedAt?: Date | null;
  effectiveAt?: Date | null;
  formedAt?: Date | null;
}

/** Merges `input` over `base` (fields not given keep their value) and validates the result. */
function validatedContent(input: ContentInput, base: ReleaseContent | null, now: Date): ReleaseContent {
  const pick = <K extends keyof ContentInput>(k: K) => (input[k] !== undefined ? input[k] : base?.[k as keyof ReleaseContent]);
  const title = textField('title', pick('title') as string | null, 300, true)!;
  const keywords = ((pick('keywords') as string[] | null) ?? []).map((k) => k.trim()).filter(Boolean);
  if (keywords.length > 20 || keywords.some((k) => [...k].length > 30)) throw new InputError('keywords', '关键词最多20个、每个30字 — at most 20 keywords of 30 characters.');
  const bodyHtml = (pick('bodyHtml') as string | null) ?? '';
  if (bodyHtml.length > MAX_BODY_CHARS) throw bodyTooLong();
  const stage = pick('stage') as DisclosureStage | null;
  if (!stage) throw new InputError('stage', '五公开类别不能为空 — stage is required.');
  const targetChannels = [...new Set((pick('targetChannels') as ChannelKind[] | null) ?? [])];
  if (targetChannels.length === 0) throw new InputError('targetChannels', '至少选择一个渠道 — choose at least one target channel.');
  const attachments = (pick('attachments') as Attachment[] | null) ?? [];
  const problem = attachmentProblem(attachments);
  if (problem) throw new InputError('attachments', problem);
  const formedAt = plausible('formedAt', (pick('formedAt') as Date | null) ?? null, EARLIEST_DOCUMENT, yearsAhead(now, 1));
  const issuedAt = plausible('issuedAt', (pick('issuedAt') as Date | null) ?? null, EARLIEST_DOCUMENT, yearsAhead(now, 1));
  const effectiveAt = plausible('effectiveAt', (pick('effectiveAt') as Date | null) ?? null, EARLIEST_DOCUMENT, yearsAhead(now, 10));
  return {
    title,
    docNo: textField('docNo', pick('docNo') as string | null, 100),
    stage,
    topic: textField('topic', pick('topic') as string | null, 100),
    genre: textField('genre', pick('genre') as string | null, 50),
    keywords,
    bodyHtml,
    summary: textField('summary', pick('summary') as string | null, 2000),
    attachments,
    targetChannels,
    issuedAt,
    effectiveAt,
    formedAt,
  };
}

/** Nothing this system publishes predates the People's Republic. */
const EARLIEST_DOCUMENT = new Date('1949-10-01T00:00:00.000+08:00');
const yearsAhead = (now: Date, years: number) => new Date(now.getTime() + years * 366 * 86_400_000);

/** `value` if it lies between `min` and `max` (dates of documents and deadlines must be plausible). */
function plausible(field: string, value: Date | null, min: Date, max: Date): Date | null {
  if (value && (value < min || value > max)) {
    throw new InputError(field, `${field} 须在 ${min.toISOString().slice(0, 10)} 至 ${max.toISOString().slice(0, 10)} 之间 — ${field} must lie between ${min.toISOString().slice(0, 10)} and ${max.toISOString().slice(0, 10)}.`);
  }
  return value;
}

const bodyTooLong = () => new InputError('bodyHtml', `正文过长 — the body must be at most ${MAX_BODY_CHARS} characters, before and after sanitizing.`);

/**
 * The stored renditions of content's body, rendered off the event loop. Callers do this before
 * their transaction: a large body takes seconds, and no lock or connection is held meanwhile.
 */
async function renderedBody(content: ReleaseContent): Promise<BodyRenditions> {
  const body = await renderBodyOffThread(content.bodyHtml, content.summary);
  if (!body) throw bodyTooLong();
  return body;
}

// ---- access and state ----------------------------------------------------------------------

async function lockRelease(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT "id" FROM "Release" WHERE "id" = ${id}::uuid FOR UPDATE`;
  const release = await tx.release.findUnique({ where: { id }, include: { publisher: { select: { id: true, code: true, path: true, singlePersonReview: true } } } });
  if (!release) throw new NotFoundError('release');
  return release;
}

/** Locks and loads the release and checks that the caller may take `action` on it now. */
async function authorize(tx: Tx, ctx: WorkflowContext, id: string, action: ReleaseAction) {
  const release = await lockRelease(tx, id);
  const roles = rolesOn(ctx.viewer, release.publisher.path);
  if (roles.length === 0) throw new NotFoundError('release');
  const check = checkTransition(action, release.status, roles);
  if (!check.ok) throw new InvalidTransitionError(action, release.status, check.reason);
  if (action === 'APPROVE' && !release.publisher.singlePersonReview && (await involvedUserIds(tx, release)).has(userIdOf(ctx))) {
    throw new InvalidTransitionError(action, release.status, 'FOUR_EYES');
  }
  return { release, to: check.to };
}

/**
 * Four-eyes: who made a release what it is under review — its creator, the author of its last
 * saved edition and its submitter (the last to change it: nothing but a submission leads to
 * IN_REVIEW).
 */
async function involvedUserIds(tx: Tx, release: ReleaseRow): Promise<Set<string | null>> {
  const lastEdition = await tx.revision.findFirst({ where: { releaseId: release.id }, orderBy: { number: 'desc' }, select: { authorId: true } });
  return new Set([release.createdById, lastEdition?.authorId ?? null, release.updatedById].filter((id) => id !== null));
}

function userIdOf(ctx: WorkflowContext): string | null {
  return ctx.viewer.kind === 'user' ? ctx.viewer.userId : null;
}

async function note(tx: Tx, release: { id: string }, action: WorkflowAction, from: ReleaseStatus, to: ReleaseStatus, authorId: string | null, comment: string | null = null) {
  await tx.reviewNote.create({ data: { releaseId: release.id, action, fromStatus: from, toStatus: to, comment, authorId } });
}

async function audit(tx: Tx, actor: AuditActor, action: AuditAction, release: Pick<ReleaseRow, 'id' | 'publisherId' | 'status' | 'version'>, data: Prisma.InputJsonObject = {}) {
  await recordAudit(tx, actor, {
    action,
    entityType: 'Release',
    entityId: release.id,
    orgUnitId: release.publisherId,
    data: { status: release.status, version: release.version, ...data },
  });
}

async function emit(tx: Tx, topic: OutboxTopic, r: ReleaseRowWithoutBody) {
  await emitEvent(tx, topic, { type: 'Release', id: r.id }, {
    id: r.id,
    indexNo: r.indexNo,
    title: r.title,
    status: r.status,
    publisherId: r.publisherId,
    matterId: r.matterId,
    targetChannels: r.targetChannels,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    repealedAt: r.repealedAt?.toISOString().slice(0, 10) ?? null,
    version: r.version,
  });
}

async function activeMatter(tx: Tx, matterId: string): Promise<void> {
  const matter = await tx.matter.findUnique({ where: { id: matterId }, select: { active: true } });
  if (!matter?.active) throw new NotFoundError('matter');
}

// ---- mutations -----------------------------------------------------------------------------

export interface CreateReleaseInput extends ContentInput {
  matterId: string;
  publisherId: string;
  idempotencyKey?: string | null;
}

/** Drafts a release for a matter, owned by an org unit the caller writes for. */
export async function createRelease(ctx: WorkflowContext, input: CreateReleaseInput): Promise<string> {
  const { idempotencyKey, matterId, publisherId, ...contentInput } = input;
  const content = validatedContent(contentInput, null, ctx.now);
  const body = await renderedBody(content);
  return ctx.db.$transaction(async (tx) => {
    const publisher = await tx.orgUnit.findUnique({ where: { id: publisherId }, select: { path: true, active: true } });
    const roles = publisher ? rolesOn(ctx.viewer, publisher.path) : [];
    if (!publisher || !publisher.active || !roles.some((r) => r === 'EDITOR' || r === 'REVIEWER' || r === 'ADMIN')) {
      throw new NotFoundError('org unit');
    }
    await activeMatter(tx, matterId);
    const result = await once(tx, `${userIdOf(ctx)}:createRelease`, idempotencyKey, input, ctx.now, async () => {
      const release = await insertDraft(tx, { ...content, matterId, publisherId }, body, userIdOf(ctx), ctx.timeZone, ctx.now);
      checkpoint('release.create.after-insert');
      await audit(tx, ctx.actor, 'release.created', release, { title: release.title });
      return { releaseId: release.id };
    });
    // A retry whose first draft has since been deleted has nothing left to return.
    if (!(await tx.release.findUnique({ where: { id: result.releaseId }, select: { id: true } }))) throw new NotFoundError('release');
    return result.releaseId;
  });
}

export interface UpdateReleaseInput extends ContentInput {
  id: string;
  expectedVersion: number;
  matterId?: string | null;
  revisionKind?: RevisionKind | null;
  changeNote?: string | null;
}

/**
 * Saves an edit if `expectedVersion` is still current (else VersionConflictError with the
 * current version). Drafts are edited by writers; a published release is corrected by
 * publishers, which publishes the new edition at once (a MAJOR correction needs a change note).
 */
export async function updateRelease(ctx: WorkflowContext, input: UpdateReleaseInput): Promise<string> {
  // The edit is merged and rendered before the transaction, over the edition it is based on.
  const base = await ctx.db.release.findUnique({ where: { id: input.id }, include: { publisher: { select: { path: true } } } });
  if (!base || rolesOn(ctx.viewer, base.publisher.path).length === 0) throw new NotFoundError('release');
  if (base.version !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, base.version);
  const content = validatedContent(input, contentOf(base), ctx.now);
  const body = await renderedBody(content);
  return publicChange(ctx, ctx.db.$transaction(async (tx) => {
    const { release } = await authorize(tx, ctx, input.id, 'UPDATE');
    // Saved by someone else while this edit was being rendered.
    if (release.version !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, release.version);
    const published = release.status === 'PUBLISHED';
    const kind: RevisionKind = input.revisionKind ?? (published ? 'MAJOR' : 'MINOR');
    const changeNote = textField('changeNote', input.changeNote, 500);
    if (published && kind === 'MAJOR' && !changeNote) {
      throw new InputError('changeNote', '重大修订须填写修订说明 — a major correction of a published release needs a change note.');
    }
    const matterId = input.matterId ?? release.matterId;
    if (input.matterId && input.matterId !== release.matterId) {
      if (published) throw new InputError('matterId', '已发布的信息不能更换公开事项 — a published release cannot move to another matter.');
      await activeMatter(tx, matterId);
    }
    // The deadline follows the formation date until first publication fixes on-time status.
    const recompute = !release.firstPublishedAt && (matterId !== release.matterId || content.formedAt?.getTime() !== release.formedAt?.getTime());
    const deadline = recompute && content.formedAt ? await releaseDeadline(tx, matterId, content.formedAt, ctx.timeZone) : null;
    const updated = await tx.release.update({
      where: { id: release.id },
      data: {
        ...contentColumns(content, body),
        matterId,
        ...(recompute ? { dueAt: deadline?.dueAt ?? null } : {}),
        ...(published && kind === 'MAJOR' ? { publishedAt: ctx.now } : {}),
        version: { increment: 1 },
        updatedById: userIdOf(ctx),
      },
      omit: BODY_NOT_READ_BACK,
    });
    checkpoint('release.update.after-save');
    await addRevision(tx, updated.id, kind, changeNote, userIdOf(ctx));
    await audit(tx, ctx.actor, 'release.updated', updated, { revisionKind: kind });
    if (published) await emit(tx, 'release.updated', updated);
    return updated.id;
  }));
}

/** A status change with its review note and audit event (submit, approve, reject). */
async function simpleTransition(ctx: WorkflowContext, id: string, action: 'SUBMIT' | 'APPROVE' | 'REJECT', auditAction: AuditAction, comment: string | null): Promise<string> {
  return ctx.db.$transaction(async (tx) => {
    const { release, to } = await authorize(tx, ctx, id, action);
    const updated = await tx.release.update({ where: { id }, data: { status: to!, version: { increment: 1 }, updatedById: userIdOf(ctx) } });
    await note(tx, release, action, release.status, to!, userIdOf(ctx), comment);
    await audit(tx, ctx.actor, auditAction, updated, comment ? { comment } : {});
    return id;
  });
}

export const submitRelease = (ctx: WorkflowContext, id: string, comment?: string | null) =>
  simpleTransition(ctx, id, 'SUBMIT', 'release.submitted', textField('comment', comment, 2000));

export const approveRelease = (ctx: WorkflowContext, id: string, comment?: string | null) =>
  simpleTransition(ctx, id, 'APPROVE', 'release.approved', textField('comment', comment, 2000));

export function rejectRelease(ctx: WorkflowContext, id: string, comment: string): Promise<string> {
  const reason = textField('comment', comment, 2000, true);
  return simpleTransition(ctx, id, 'REJECT', 'release.rejected', reason);
}

/** Publication now: index number, published edition, review note, audit event, outbox event. */
async function publishNow(tx: Tx, actor: AuditActor, release: { id: string; status: ReleaseStatus }, authorId: string | null, timeZone: string, at: Date, data: Prisma.InputJsonObject = {}) {
  const published = await markPublished(tx, release.id, at, authorId, timeZone);
  checkpoint('release.publish.after-status');
  await note(tx, release, 'PUBLISH', release.status, 'PUBLISHED', authorId);
  checkpoint('release.publish.after-note');
  await audit(tx, actor, 'release.published', published, { indexNo: published.indexNo, publishedOnTime: published.publishedOnTime, ...data });
  checkpoint('release.publish.after-audit');
  await emit(tx, 'release.published', published);
  checkpoint('release.publish.after-outbox');
  return published;
}

/** Publishes an approved release now, or schedules it when `publishAt` lies ahead. */
export async function publishRelease(ctx: WorkflowContext, input: { id: string; publishAt?: Date | null; idempotencyKey?: string | null }): Promise<string> {
  const publishAt = plausible('publishAt', input.publishAt ?? null, EARLIEST_DOCUMENT, yearsAhead(ctx.now, 1));
  if (publishAt && publishAt.getTime() < ctx.now.getTime() - 60_000) {
    throw new InputError('publishAt', '定时发布时间须在将来，立即发布请省略 — publishAt must be in the future; omit it to publish now.');
  }
  // Any time still ahead is kept to the second; one just past (clock skew) publishes now.
  const schedule = publishAt !== null && publishAt.getTime() > ctx.now.getTime();
  return publicChange(ctx, ctx.db.$transaction(async (tx) => {
    // Access first: a replayed key must not return a release the caller may no longer see.
    const current = await lockRelease(tx, input.id);
    if (rolesOn(ctx.viewer, current.publisher.path).length === 0) throw new NotFoundError('release');
    const result = await once(tx, `${userIdOf(ctx)}:publishRelease`, input.idempotencyKey, { id: input.id, publishAt }, ctx.now, async () => {
      const { release } = await authorize(tx, ctx, input.id, schedule ? 'SCHEDULE' : 'PUBLISH');
      if (!schedule) {
        await publishNow(tx, ctx.actor, release, userIdOf(ctx), ctx.timeZone, ctx.now);
        return { releaseId: release.id };
      }
      const updated = await tx.release.update({ where: { id: release.id }, data: { status: 'SCHEDULED', publishAt, version: { increment: 1 }, updatedById: userIdOf(ctx) } });
      await ctx.jobs.add(tx, JobTask.PUBLISH_SCHEDULED_RELEASE, { releaseId: release.id }, { runAt: publishAt, jobKey: publishJobKey(release.id) });
      checkpoint('release.schedule.after-job');
      await note(tx, release, 'SCHEDULE', release.status, 'SCHEDULED', userIdOf(ctx), `定时发布 ${publishAt.toISOString()}`);
      await audit(tx, ctx.actor, 'release.scheduled', updated, { publishAt: publishAt.toISOString() });
      return { releaseId: release.id };
    });
    return result.releaseId;
  }));
}

export async function unscheduleRelease(ctx: WorkflowContext, id: string): Promise<string> {
  return ctx.db.$transaction(async (tx) => {
    const { release } = await authorize(tx, ctx, id, 'UNSCHEDULE');
    const updated = await tx.release.update({ where: { id }, data: { status: 'APPROVED', publishAt: null, version: { increment: 1 }, updatedById: userIdOf(ctx) } });
    await ctx.jobs.remove(tx, publishJobKey(id));
    await note(tx, release, 'UNSCHEDULE', release.status, 'APPROVED', userIdOf(ctx));
    await audit(tx, ctx.actor, 'release.unscheduled', updated);
    return id;
  });
}

/**
 * Withdraws a published release: it stays reachable as a withdrawn notice (title, index
 * number, reason) but its body is no longer served.
 */
export async function withdrawRelease(ctx: WorkflowContext, id: string, reason: string): Promise<string> {
  const why = textField('reason', reason, 500, true)!;
  return publicChange(ctx, ctx.db.$transaction(async (tx) => {
    const { release } = await authorize(tx, ctx, id, 'WITHDRAW');
    const updated = await tx.release.update({
      where: { id },
      data: {
        status: 'WITHDRAWN',
        withdrawnAt: ctx.now,
        withdrawalReason: why,
        // A repeal still pending is cancelled with its job below.
        ...(release.repealedAt && release.repealedAt.toISOString().slice(0, 10) > localDay(ctx.now, ctx.timeZone) ? { repealedAt: null } : {}),
        version: { increment: 1 },
        updatedById: userIdOf(ctx),
      },
    });
    checkpoint('release.withdraw.after-status');
    await ctx.jobs.remove(tx, repealJobKey(id));
    await addRevision(tx, updated.id, 'MAJOR', `撤回：${why}`, userIdOf(ctx));
    checkpoint('release.withdraw.after-revision');
    await note(tx, release, 'WITHDRAW', release.status, 'WITHDRAWN', userIdOf(ctx), why);
    await audit(tx, ctx.actor, 'release.withdrawn', updated, { reason: why });
    checkpoint('release.withdraw.after-audit');
    await emit(tx, 'release.withdrawn', updated);
    checkpoint('release.withdraw.after-outbox');
    return id;
  }));
}

/** Makes a repeal take effect: status REPEALED with its revision, audit and outbox events. */
async function repealNow(tx: Tx, actor: AuditActor, release: { id: string; status: ReleaseStatus }, authorId: string | null, reason: string | null) {
  const updated = await tx.release.update({ where: { id: release.id }, data: { status: 'REPEALED', version: { increment: 1 }, updatedById: authorId } });
  await addRevision(tx, updated.id, 'MAJOR', reason ? `废止：${reason}` : '废止', authorId);
  await note(tx, release, 'REPEAL', release.status, 'REPEALED', authorId, reason);
  await audit(tx, actor, 'release.repealed', updated, { repealedAt: updated.repealedAt?.toISOString().slice(0, 10) ?? null });
  await emit(tx, 'release.repealed', updated);
}

/**
 * 废止: repeals a published release on `repealedAt` (a day). Today or earlier takes effect at
 * once; a later day is recorded and the job queue makes it effective at 00:00 that day.
 */
export async function repealRelease(ctx: WorkflowContext, input: { id: string; repealedAt: Date; reason?: string | null }): Promise<string> {
  const reason = textField('reason', input.reason, 500);
  const day = input.repealedAt.toISOString().slice(0, 10);
  plausible('repealedAt', input.repealedAt, EARLIEST_DOCUMENT, yearsAhead(ctx.now, 50));
  return publicChange(ctx, ctx.db.$transaction(async (tx) => {
    const { release } = await authorize(tx, ctx, input.id, 'REPEAL');
    if (release.issuedAt && input.repealedAt < release.issuedAt) {
      throw new InputError('repealedAt', '废止日期不能早于成文日期 — a release cannot be repealed before it was issued.');
    }
    if (day <= localDay(ctx.now, ctx.timeZone)) {
      await tx.release.update({ where: { id: release.id }, data: { repealedAt: input.repealedAt } });
      await repealNow(tx, ctx.actor, release, userIdOf(ctx), reason);
    } else {
      const updated = await tx.release.update({
        where: { id: release.id },
        data: { repealedAt: input.repealedAt, version: { increment: 1 }, updatedById: userIdOf(ctx) },
      });
      const runAt = localDayTimeToInstant(day, '00:00:00.000', ctx.timeZone);
      await ctx.jobs.add(tx, JobTask.REPEAL_RELEASE, { releaseId: release.id, reason }, { runAt, jobKey: repealJobKey(release.id) });
      await audit(tx, ctx.actor, 'release.repeal_scheduled', updated, { repealedAt: day });
    }
    return release.id;
  }));
}

/** Deletes a draft that was never published (a published release can only be withdrawn). */
export async function deleteDraft(ctx: WorkflowContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const { release } = await authorize(tx, ctx, id, 'DELETE');
    await tx.release.delete({ where: { id } });
    await audit(tx, ctx.actor, 'release.deleted', release, { title: release.title });
  });
}

/**
 * Restores a revision's content as a new draft: into the release itself when it is a draft,
 * otherwise into a new draft release for the same matter and publisher.
 * @returns the id of the draft.
 */
export async function restoreRevision(ctx: WorkflowContext, revisionId: string, expectedVersion?: number | null): Promise<string> {
  // Revisions never change: read and render it before the transaction.
  const revision = await ctx.db.revision.findUnique({
    where: { id: revisionId },
    select: { number: true, releaseId: true, snapshot: true, release: { select: { publisher: { select: { path: true } } } } },
  });
  // Someone else's revision answers exactly like an unknown one.
  if (!revision?.releaseId || !revision.release || rolesOn(ctx.viewer, revision.release.publisher.path).length === 0) {
    throw new NotFoundError('revision');
  }
  const content = validatedContent(contentOfSnapshot(revision.snapshot as Record<string, unknown>), null, ctx.now);
  const body = await renderedBody(content);
  return ctx.db.$transaction(async (tx) => {
    const { release } = await authorize(tx, ctx, revision.releaseId!, 'RESTORE');
    const changeNote = `恢复第${revision.number}版 — restored from revision ${revision.number}`;
    if (release.status === 'DRAFT') {
      if (expectedVersion != null && release.version !== expectedVersion) throw new VersionConflictError(expectedVersion, release.version);
      // The restored formation date brings its own deadline (until first publication fixes it).
      const deadline = !release.firstPublishedAt && content.formedAt ? await releaseDeadline(tx, release.matterId, content.formedAt, ctx.timeZone) : null;
      const updated = await tx.release.update({
        where: { id: release.id },
        data: {
          ...contentColumns(content, body),
          ...(release.firstPublishedAt ? {} : { dueAt: deadline?.dueAt ?? null }),
          version: { increment: 1 },
          updatedById: userIdOf(ctx),
        },
        omit: BODY_NOT_READ_BACK,
      });
      await addRevision(tx, updated.id, 'MAJOR', changeNote, userIdOf(ctx));
      await audit(tx, ctx.actor, 'release.restored', updated, { fromRevision: revision.number });
      return updated.id;
    }
    const draft = await insertDraft(tx, { ...content, matterId: release.matterId, publisherId: release.publisherId }, body, userIdOf(ctx), ctx.timeZone, ctx.now);
    await audit(tx, ctx.actor, 'release.restored', draft, { fromRelease: release.id, fromRevision: revision.number });
    return draft.id;
  });
}

// ---- jobs ------------------------------------------------------------------------------------

const SYSTEM: AuditActor = {};

/** What a scheduled job found: done now, already done or cancelled, or not due yet (retry later). */
export type JobOutcome = 'done' | 'nothing-to-do' | 'not-due';

/**
 * The job of a scheduled publication. Safe to run twice or late: only a release still
 * SCHEDULED is published, under a row lock. A job that runs before its time reports 'not-due'
 * so the queue retries it rather than forgetting it.
 */
export async function runScheduledPublication(db: Db, releaseId: string, now: Date, timeZone: string): Promise<JobOutcome> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: ReleaseStatus; publishAt: Date | null }[]>`
      SELECT "status", "publishAt" FROM "Release" WHERE "id" = ${releaseId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row || row.status !== 'SCHEDULED' || !row.publishAt) return 'nothing-to-do';
    if (row.publishAt > now) return 'not-due';
    await publishNow(tx, SYSTEM, { id: releaseId, status: 'SCHEDULED' }, null, timeZone, now, { scheduled: true, publishAt: row.publishAt.toISOString() });
    return 'done';
  });
}

/** The job of a repeal dated in the future: takes effect when still PUBLISHED on that day. */
export async function runScheduledRepeal(db: Db, releaseId: string, reason: string | null, now: Date, timeZone: string): Promise<JobOutcome> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: ReleaseStatus; repealedAt: Date | null }[]>`
      SELECT "status", "repealedAt" FROM "Release" WHERE "id" = ${releaseId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row || row.status !== 'PUBLISHED' || !row.repealedAt) return 'nothing-to-do';
    if (row.repealedAt.toISOString().slice(0, 10) > localDay(now, timeZone)) return 'not-due';
    await repealNow(tx, SYSTEM, { id: releaseId, status: 'PUBLISHED' }, null, reason);
    return 'done';
  });
}
