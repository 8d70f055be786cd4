// The release workflow: what releases add to the shared editorial workflow
// (workflow/editorial-workflow.ts) — content validation, deadlines from the matter's standard,
// index numbers at publication, scheduling and repeal, and restoring revisions. Named
// checkpoints between the writes let tests inject faults and prove nothing is left half-done.
import type { Db } from '../../db/database.js';
import { InputError, InputProblems, NotFoundError } from '../../errors.js';
import { checkpoint } from '../../faults.js';
import { textField } from '../../validation.js';
import type { ChannelKind, DisclosureStage, Prisma, RevisionKind } from '../../generated/prisma/client.js';
import type { ReleaseStatus } from '../../generated/prisma/enums.js';
import { JobTask } from '../../jobs/job-queue.js';
import { localDay, localDayTimeToInstant } from '../../time.js';
import type { AuditAction, AuditActor } from '../audit/audit.service.js';
import { once } from '../idempotency/idempotency.service.js';
import { rolesOn } from '../../permissions/scope.js';
import { emitEvent, type OutboxTopic } from '../outbox/outbox.service.js';
import {
  addRevision,
  assertOwned,
  assertWriterOf,
  authorize,
  deleteDraft as deleteEditorialDraft,
  lockSubject,
  publicChange,
  saveStatus,
  simpleTransition,
  userIdOf,
  withdraw,
  writeAudit,
  writeNote,
  type WorkflowContext,
} from '../workflow/editorial-workflow.js';
import type { ReleaseAction } from '../workflow/state-machine.js';
import { VersionConflictError } from '../workflow/workflow.errors.js';
import { publishApprovedInterpretations, startInterpretationClock } from '../interpretations/interpretation-publication.js';
import { releaseDeadline } from './release-deadline.service.js';
import { attachmentProblem, type Attachment } from './release.model.js';
import { resolveFileEdits, type FileEdits } from '../files/hosted-attachments.js';
import { renderBodyOffThread } from './body-renderer.js';
import { MAX_BODY_CHARS, type BodyRenditions } from './content.service.js';
import { BODY_NOT_READ_BACK, contentColumns, contentOf, contentOfSnapshot, insertDraft, markPublished, type ReleaseContent, type ReleaseRowWithoutBody } from './release-writes.js';

export type { WorkflowContext } from '../workflow/editorial-workflow.js';

type Tx = Prisma.TransactionClient;

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
  coverFileId?: string | null;
  targetChannels?: ChannelKind[] | null;
  issuedAt?: Date | null;
  effectiveAt?: Date | null;
  formedAt?: Date | null;
}

/**
 * Merges `input` over `base` (fields not given keep their value) and validates the result:
 * every bad field is reported at once (InputError.problems), so a form needs one round trip.
 */
function validatedContent(input: ContentInput, base: ReleaseContent | null, now: Date): ReleaseContent {
  const pick = <K extends keyof ContentInput>(k: K) => (input[k] !== undefined ? input[k] : base?.[k as keyof ReleaseContent]);
  const problems = new InputProblems();
  const title = problems.check(() => textField('title', pick('title') as string | null, 300, true)!);
  const docNo = problems.check(() => textField('docNo', pick('docNo') as string | null, 100));
  const topic = problems.check(() => textField('topic', pick('topic') as string | null, 100));
  const genre = problems.check(() => textField('genre', pick('genre') as string | null, 50));
  const summary = problems.check(() => textField('summary', pick('summary') as string | null, 2000));
  const keywords = ((pick('keywords') as string[] | null) ?? []).map((k) => k.trim()).filter(Boolean);
  problems.check(() => {
    if (keywords.length > 20 || keywords.some((k) => [...k].length > 30)) throw new InputError('keywords', '关键词最多20个、每个30字 — at most 20 keywords of 30 characters.');
  });
  const bodyHtml = (pick('bodyHtml') as string | null) ?? '';
  problems.check(() => {
    if (bodyHtml.length > MAX_BODY_CHARS) throw bodyTooLong();
  });
  const stage = pick('stage') as DisclosureStage | null;
  problems.check(() => {
    if (!stage) throw new InputError('stage', '五公开类别不能为空 — stage is required.', undefined, 'REQUIRED');
  });
  const targetChannels = [...new Set((pick('targetChannels') as ChannelKind[] | null) ?? [])];
  problems.check(() => {
    if (targetChannels.length === 0) throw new InputError('targetChannels', '至少选择一个渠道 — choose at least one target channel.', undefined, 'REQUIRED');
  });
  const attachments = (pick('attachments') as Attachment[] | null) ?? [];
  problems.check(() => {
    const problem = attachmentProblem(attachments);
    if (problem) throw new InputError('attachments', problem);
  });
  const formedAt = problems.check(() => plausible('formedAt', (pick('formedAt') as Date | null) ?? null, EARLIEST_DOCUMENT, yearsAhead(now, 1)));
  const issuedAt = problems.check(() => plausible('issuedAt', (pick('issuedAt') as Date | null) ?? null, EARLIEST_DOCUMENT, yearsAhead(now, 1)));
  const effectiveAt = problems.check(() => plausible('effectiveAt', (pick('effectiveAt') as Date | null) ?? null, EARLIEST_DOCUMENT, yearsAhead(now, 10)));
  problems.throwIfAny();
  return {
    title,
    docNo,
    stage: stage!,
    topic,
    genre,
    keywords,
    bodyHtml,
    summary,
    attachments,
    coverFileId: (pick('coverFileId') as string | null | undefined) ?? null,
    targetChannels,
    issuedAt,
    effectiveAt,
    formedAt,
  };
}

/** Nothing this system publishes predates the People's Republic. */
export const EARLIEST_DOCUMENT = new Date('1949-10-01T00:00:00.000+08:00');
export const yearsAhead = (now: Date, years: number) => new Date(now.getTime() + years * 366 * 86_400_000);

/** `value` if it lies between `min` and `max` (dates of documents and deadlines must be plausible). */
export function plausible(field: string, value: Date | null, min: Date, max: Date): Date | null {
  if (value && (value < min || value > max)) {
    throw new InputError(field, `${field} 须在 ${min.toISOString().slice(0, 10)} 至 ${max.toISOString().slice(0, 10)} 之间 — ${field} must lie between ${min.toISOString().slice(0, 10)} and ${max.toISOString().slice(0, 10)}.`);
  }
  return value;
}

export const bodyTooLong = () => new InputError('bodyHtml', `正文过长 — the body must be at most ${MAX_BODY_CHARS} characters, before and after sanitizing.`, undefined, 'TOO_LONG');

/**
 * The stored renditions of content's body, rendered off the event loop. Callers do this before
 * their transaction: a large body takes seconds, and no lock or connection is held meanwhile.
 */
export async function renderedBody(content: Pick<ReleaseContent, 'bodyHtml' | 'summary'>): Promise<BodyRenditions> {
  const body = await renderBodyOffThread(content.bodyHtml, content.summary);
  if (!body) throw bodyTooLong();
  return body;
}

// ---- access and state ----------------------------------------------------------------------

/** Locks the release, checks the caller may take `action` now, and reads it (without its body). */
async function authorizeRelease(tx: Tx, ctx: WorkflowContext, id: string, action: ReleaseAction) {
  const { subject, to } = await authorize(tx, ctx, 'Release', id, action);
  const release = await tx.release.findUniqueOrThrow({ where: { id }, omit: BODY_NOT_READ_BACK });
  return { release, subject, to };
}

const note = (tx: Tx, release: { id: string }, action: Prisma.ReviewNoteCreateInput['action'], from: ReleaseStatus, to: ReleaseStatus, authorId: string | null, comment: string | null = null) =>
  writeNote(tx, { kind: 'Release', id: release.id }, action, from, to, authorId, comment);

const audit = (tx: Tx, actor: AuditActor, action: AuditAction, release: { id: string; publisherId: string; status: ReleaseStatus; version: number }, data: Prisma.InputJsonObject = {}) =>
  writeAudit(tx, actor, 'Release', action, release, release.publisherId, data);

async function emit(tx: Tx, topic: OutboxTopic, r: ReleaseRowWithoutBody, extra: Prisma.InputJsonObject = {}) {
  await emitEvent(tx, topic, { type: 'Release', id: r.id }, { orgUnitId: r.publisherId, channels: r.targetChannels }, {
    id: r.id,
    indexNo: r.indexNo,
    title: r.title,
    status: r.status,
    publisherId: r.publisherId,
    matterId: r.matterId,
    targetChannels: r.targetChannels,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: r.withdrawalReason ?? null,
    repealedAt: r.repealedAt?.toISOString().slice(0, 10) ?? null,
    version: r.version,
    ...extra,
  });
}

async function activeMatter(tx: Tx, matterId: string): Promise<void> {
  const matter = await tx.matter.findUnique({ where: { id: matterId }, select: { active: true } });
  if (!matter?.active) throw new NotFoundError('matter');
}

// ---- mutations -----------------------------------------------------------------------------

/** Content as an editor's input gives it: attachments and the cover name uploaded files (hosted-attachments.ts). */
export type ContentEdit = Omit<ContentInput, 'attachments'> & FileEdits;

export interface CreateReleaseInput extends ContentEdit {
  matterId: string;
  publisherId: string;
  idempotencyKey?: string | null;
}

/** Drafts a release for a matter, owned by an org unit the caller writes for. */
export async function createRelease(ctx: WorkflowContext, input: CreateReleaseInput): Promise<string> {
  const { idempotencyKey, matterId, publisherId, ...contentInput } = input;
  const content = validatedContent(await resolveFileEdits(ctx.db, ctx.viewer, contentInput, null), null, ctx.now);
  const body = await renderedBody(content);
  return ctx.db.$transaction(async (tx) => {
    await assertWriterOf(tx, ctx, publisherId);
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

export interface UpdateReleaseInput extends ContentEdit {
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
  const content = validatedContent(await resolveFileEdits(ctx.db, ctx.viewer, input, contentOf(base)), contentOf(base), ctx.now);
  const body = await renderedBody(content);
  return publicChange(ctx, ctx.db.$transaction(async (tx) => {
    const { release } = await authorizeRelease(tx, ctx, input.id, 'UPDATE');
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
    await addRevision(tx, 'Release', updated.id, kind, changeNote, userIdOf(ctx));
    await audit(tx, ctx.actor, 'release.updated', updated, { revisionKind: kind });
    if (published) await emit(tx, 'release.corrected', updated, { revisionKind: kind, changeNote });
    return updated.id;
  }));
}

export const submitRelease = (ctx: WorkflowContext, id: string, comment?: string | null) => simpleTransition(ctx, 'Release', id, 'SUBMIT', comment);

export const approveRelease = (ctx: WorkflowContext, id: string, comment?: string | null) => simpleTransition(ctx, 'Release', id, 'APPROVE', comment);

export const rejectRelease = (ctx: WorkflowContext, id: string, comment: string) => simpleTransition(ctx, 'Release', id, 'REJECT', comment);

/**
 * Publication now: index number, published edition, review note, audit event, outbox event, and
 * — for a policy whose standard requires one — the interpretation clock (解读时限).
 */
async function publishNow(tx: Tx, actor: AuditActor, release: { id: string; status: ReleaseStatus }, authorId: string | null, rules: PublicationRules, at: Date, data: Prisma.InputJsonObject = {}) {
  const published = await markPublished(tx, release.id, at, authorId, rules.timeZone);
  checkpoint('release.publish.after-status');
  await startInterpretationClock(tx, published, at, rules);
  await note(tx, release, 'PUBLISH', release.status, 'PUBLISHED', authorId);
  checkpoint('release.publish.after-note');
  await audit(tx, actor, 'release.published', published, { indexNo: published.indexNo, publishedOnTime: published.publishedOnTime, ...data });
  checkpoint('release.publish.after-audit');
  // Published before (a first publication sets firstPublishedAt to this very moment): back again.
  const again = published.firstPublishedAt !== null && published.firstPublishedAt.getTime() < at.getTime();
  await emit(tx, again ? 'release.republished' : 'release.published', published);
  checkpoint('release.publish.after-outbox');
  return published;
}

/** What publication needs to know of the county: its time zone and its interpretation deadline. */
export type PublicationRules = { timeZone: string; interpretationWorkingDays: number };
const rulesOf = (ctx: WorkflowContext): PublicationRules => ({ timeZone: ctx.timeZone, interpretationWorkingDays: ctx.deadlines.interpretationWorkingDays });

/**
 * Publishes an approved release now, or schedules it when `publishAt` lies ahead. With
 * `withInterpretations` (同步发布) its approved interpretations are published in the same
 * transaction — all or nothing.
 */
export async function publishRelease(ctx: WorkflowContext, input: { id: string; publishAt?: Date | null; idempotencyKey?: string | null; withInterpretations?: boolean | null }): Promise<string> {
  const publishAt = plausible('publishAt', input.publishAt ?? null, EARLIEST_DOCUMENT, yearsAhead(ctx.now, 1));
  if (publishAt && publishAt.getTime() < ctx.now.getTime() - 60_000) {
    throw new InputError('publishAt', '定时发布时间须在将来，立即发布请省略 — publishAt must be in the future; omit it to publish now.');
  }
  // Any time still ahead is kept to the second; one just past (clock skew) publishes now.
  const schedule = publishAt !== null && publishAt.getTime() > ctx.now.getTime();
  if (schedule && input.withInterpretations) {
    throw new InputError('withInterpretations', '同步发布须立即发布 — publishing with interpretations happens now, not scheduled.');
  }
  return publicChange(ctx, ctx.db.$transaction(async (tx) => {
    // Access first: a replayed key must not return a release the caller may no longer see.
    assertOwned(ctx, await lockSubject(tx, 'Release', input.id));
    const key = { id: input.id, publishAt, ...(input.withInterpretations ? { withInterpretations: true } : {}) };
    const result = await once(tx, `${userIdOf(ctx)}:publishRelease`, input.idempotencyKey, key, ctx.now, async () => {
      const { subject } = await authorize(tx, ctx, 'Release', input.id, schedule ? 'SCHEDULE' : 'PUBLISH');
      if (!schedule) {
        await publishNow(tx, ctx.actor, subject, userIdOf(ctx), rulesOf(ctx), ctx.now);
        if (input.withInterpretations) await publishApprovedInterpretations(tx, ctx, subject.id);
        return { releaseId: subject.id };
      }
      const updated = await tx.release.update({ where: { id: subject.id }, data: { status: 'SCHEDULED', publishAt, version: { increment: 1 }, updatedById: userIdOf(ctx) }, omit: BODY_NOT_READ_BACK });
      await ctx.jobs.add(tx, JobTask.PUBLISH_SCHEDULED_RELEASE, { releaseId: subject.id }, { runAt: publishAt, jobKey: publishJobKey(subject.id) });
      checkpoint('release.schedule.after-job');
      await note(tx, subject, 'SCHEDULE', subject.status, 'SCHEDULED', userIdOf(ctx), `定时发布 ${publishAt.toISOString()}`);
      await audit(tx, ctx.actor, 'release.scheduled', updated, { publishAt: publishAt.toISOString() });
      return { releaseId: subject.id };
    });
    return result.releaseId;
  }));
}

export async function unscheduleRelease(ctx: WorkflowContext, id: string): Promise<string> {
  return ctx.db.$transaction(async (tx) => {
    const { subject } = await authorize(tx, ctx, 'Release', id, 'UNSCHEDULE');
    const updated = await saveStatus(tx, ctx, subject, 'APPROVED', { publishAt: null });
    await ctx.jobs.remove(tx, publishJobKey(id));
    await note(tx, subject, 'UNSCHEDULE', subject.status, 'APPROVED', userIdOf(ctx));
    await audit(tx, ctx.actor, 'release.unscheduled', { ...updated, publisherId: subject.ownerId });
    return id;
  });
}

/**
 * Withdraws a published release: it stays reachable as a withdrawn notice (title, index
 * number, reason) but its body is no longer served. A repeal still pending is cancelled.
 */
export function withdrawRelease(ctx: WorkflowContext, id: string, reason: string): Promise<string> {
  return withdraw(
    ctx,
    'Release',
    id,
    reason,
    async (tx) => {
      const release = await tx.release.findUniqueOrThrow({ where: { id }, select: { repealedAt: true } });
      await ctx.jobs.remove(tx, repealJobKey(id));
      return release.repealedAt && release.repealedAt.toISOString().slice(0, 10) > localDay(ctx.now, ctx.timeZone) ? { repealedAt: null } : {};
    },
    async (tx) => emit(tx, 'release.withdrawn', await tx.release.findUniqueOrThrow({ where: { id }, omit: BODY_NOT_READ_BACK })),
  );
}

/** Makes a repeal take effect: status REPEALED with its revision, audit and outbox events. */
async function repealNow(tx: Tx, actor: AuditActor, release: { id: string; status: ReleaseStatus }, authorId: string | null, reason: string | null) {
  const updated = await tx.release.update({ where: { id: release.id }, data: { status: 'REPEALED', version: { increment: 1 }, updatedById: authorId } });
  await addRevision(tx, 'Release', updated.id, 'MAJOR', reason ? `废止：${reason}` : '废止', authorId);
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
    const { release } = await authorizeRelease(tx, ctx, input.id, 'REPEAL');
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
export const deleteDraft = (ctx: WorkflowContext, id: string): Promise<void> =>
  deleteEditorialDraft(ctx, 'Release', id, async (tx) => ({ title: (await tx.release.findUniqueOrThrow({ where: { id }, select: { title: true } })).title }));

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
    const { release } = await authorizeRelease(tx, ctx, revision.releaseId!, 'RESTORE');
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
      await addRevision(tx, 'Release', updated.id, 'MAJOR', changeNote, userIdOf(ctx));
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
export async function runScheduledPublication(db: Db, releaseId: string, now: Date, rules: PublicationRules): Promise<JobOutcome> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: ReleaseStatus; publishAt: Date | null }[]>`
      SELECT "status", "publishAt" FROM "Release" WHERE "id" = ${releaseId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row || row.status !== 'SCHEDULED' || !row.publishAt) return 'nothing-to-do';
    if (row.publishAt > now) return 'not-due';
    await publishNow(tx, SYSTEM, { id: releaseId, status: 'SCHEDULED' }, null, rules, now, { scheduled: true, publishAt: row.publishAt.toISOString() });
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
