// 政策解读: what interpretations add to the shared editorial workflow — their content (form,
// interpreting unit and person, media), the policies they interpret (关联文件) and their deadline.
// 谁起草、谁解读: the interpreting unit defaults to the publisher of the first policy.
import { InputError, InputProblems, NotFoundError } from '../../errors.js';
import type { ChannelKind, InterpretationForm, Prisma, RevisionKind } from '../../generated/prisma/client.js';
import { textField } from '../../validation.js';
import { once } from '../idempotency/idempotency.service.js';
import { attachmentProblem, type Attachment } from '../releases/release.model.js';
import { resolveFileEdits, type FileEdits } from '../files/hosted-attachments.js';
import { releaseReadWhere } from '../releases/release.permissions.js';
import { MAX_BODY_CHARS } from '../releases/content.service.js';
import { bodyTooLong, renderedBody } from '../releases/release-workflow.service.js';
import { handWrittenSummary } from '../releases/release-writes.js';
import {
  addRevision,
  assertOwned,
  assertWriterOf,
  auditActionOf,
  authorize,
  deleteDraft,
  lockSubject,
  publicChange,
  simpleTransition,
  userIdOf,
  withdraw,
  writeAudit,
  type WorkflowContext,
} from '../workflow/editorial-workflow.js';
import { VersionConflictError } from '../workflow/workflow.errors.js';
import { emitInterpretation, publishInterpretationNow, refreshInterpretationDueAt } from './interpretation-publication.js';

type Tx = Prisma.TransactionClient;

export interface InterpretationContentInput {
  title?: string | null;
  form?: InterpretationForm | null;
  interpreterName?: string | null;
  bodyHtml?: string | null;
  summary?: string | null;
  attachments?: Attachment[] | null;
  coverFileId?: string | null;
  targetChannels?: ChannelKind[] | null;
}

interface InterpretationContent {
  title: string;
  form: InterpretationForm;
  interpreterName: string | null;
  bodyHtml: string;
  summary: string | null;
  attachments: Attachment[];
  coverFileId: string | null;
  targetChannels: ChannelKind[];
}

/** Media forms need their medium among the attachments (图解 an image, 音频 audio, 视频 video). */
const MEDIUM_OF_FORM: Partial<Record<InterpretationForm, { prefix: string; label: string }>> = {
  GRAPHIC: { prefix: 'image/', label: '图片 an image' },
  AUDIO: { prefix: 'audio/', label: '音频 an audio file' },
  VIDEO: { prefix: 'video/', label: '视频 a video file' },
};

export const MAX_POLICIES = 20;

function validatedContent(input: InterpretationContentInput, base: InterpretationContent | null): InterpretationContent {
  const pick = <K extends keyof InterpretationContentInput>(k: K) => (input[k] !== undefined ? input[k] : base?.[k]);
  // Every bad field at once (InputError.problems).
  const problems = new InputProblems();
  const title = problems.check(() => textField('title', pick('title') as string | null, 300, true)!);
  const interpreterName = problems.check(() => textField('interpreterName', pick('interpreterName') as string | null, 100));
  const summary = problems.check(() => textField('summary', pick('summary') as string | null, 2000));
  const form = pick('form') as InterpretationForm | null;
  const bodyHtml = (pick('bodyHtml') as string | null) ?? '';
  const attachments = (pick('attachments') as Attachment[] | null) ?? [];
  problems.check(() => {
    if (bodyHtml.length > MAX_BODY_CHARS) throw bodyTooLong();
  });
  problems.check(() => {
    const problem = attachmentProblem(attachments);
    if (problem) throw new InputError('attachments', problem);
  });
  problems.check(() => {
    if (!form) throw new InputError('form', '解读形式不能为空 — form is required.', undefined, 'REQUIRED');
    const medium = MEDIUM_OF_FORM[form];
    if (medium && !attachments.some((a) => a.mimeType.startsWith(medium.prefix))) {
      throw new InputError('attachments', `${form} 形式的解读须附${medium.label} — a ${form.toLowerCase()} interpretation needs ${medium.label.split(' ').slice(1).join(' ')} attached.`);
    }
    if (!medium && form !== 'PRESS_CONFERENCE' && bodyHtml.trim() === '') {
      throw new InputError('bodyHtml', '文字类解读须有正文 — a written interpretation needs a body.', undefined, 'REQUIRED');
    }
  });
  const targetChannels = [...new Set((pick('targetChannels') as ChannelKind[] | null) ?? [])];
  problems.check(() => {
    if (targetChannels.length === 0) throw new InputError('targetChannels', '至少选择一个渠道 — choose at least one target channel.', undefined, 'REQUIRED');
  });
  problems.throwIfAny();
  return {
    title,
    form: form!,
    interpreterName,
    bodyHtml,
    summary,
    attachments,
    coverFileId: (pick('coverFileId') as string | null | undefined) ?? null,
    targetChannels,
  };
}

/**
 * The policies an interpretation may link: releases the caller can see that are still in
 * force or being prepared (not withdrawn or repealed). Unknown and invisible ids answer alike.
 */
async function checkedPolicies(tx: Tx, ctx: WorkflowContext, ids: readonly string[]): Promise<{ id: string; publisherId: string }[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length > MAX_POLICIES) {
    throw new InputError('policyIds', `须关联1至${MAX_POLICIES}个政策文件 — link 1 to ${MAX_POLICIES} policy releases.`);
  }
  const found = await tx.release.findMany({
    where: { AND: [{ id: { in: unique } }, releaseReadWhere(ctx.viewer, ctx.now)] },
    select: { id: true, status: true, publisherId: true },
  });
  if (found.length !== unique.length) throw new NotFoundError('release');
  if (found.some((r) => r.status === 'WITHDRAWN' || r.status === 'REPEALED')) {
    throw new InputError('policyIds', '不能解读已撤回或已废止的文件 — a withdrawn or repealed release cannot be interpreted.');
  }
  // In the order given: the first policy names the default interpreting unit.
  return unique.map((id) => found.find((r) => r.id === id)!);
}

const columnsOf = (c: InterpretationContent, body: { bodyHtml: string; bodyText: string; summary: string }) => ({
  title: c.title,
  form: c.form,
  interpreterName: c.interpreterName,
  bodyHtml: body.bodyHtml,
  bodyText: body.bodyText,
  summary: body.summary,
  attachments: c.attachments as unknown as Prisma.InputJsonValue,
  coverFileId: c.coverFileId,
  targetChannels: c.targetChannels,
});

const BODY = { bodyHtml: true, bodyText: true } as const;

/** Content as an editor's input gives it: attachments and the cover name uploaded files. */
export type InterpretationContentEdit = Omit<InterpretationContentInput, 'attachments'> & FileEdits;

export interface CreateInterpretationInput extends InterpretationContentEdit {
  policyIds: string[];
  interpretingOrgId?: string | null;
  idempotencyKey?: string | null;
}

/** Drafts an interpretation of one or more policies, owned by a unit the caller writes for. */
export async function createInterpretation(ctx: WorkflowContext, input: CreateInterpretationInput): Promise<string> {
  const { idempotencyKey, policyIds, interpretingOrgId, ...contentInput } = input;
  const content = validatedContent(await resolveFileEdits(ctx.db, ctx.viewer, contentInput, null), null);
  const body = await renderedBody(content);
  return ctx.db.$transaction(async (tx) => {
    const policies = await checkedPolicies(tx, ctx, policyIds);
    const orgId = interpretingOrgId ?? policies[0]!.publisherId;
    await assertWriterOf(tx, ctx, orgId);
    const result = await once(tx, `${userIdOf(ctx)}:createInterpretation`, idempotencyKey, input, ctx.now, async () => {
      const created = await tx.interpretation.create({
        data: {
          ...columnsOf(content, body),
          interpretingOrgId: orgId,
          status: 'DRAFT',
          createdById: userIdOf(ctx),
          updatedById: userIdOf(ctx),
          policies: { create: policies.map((p) => ({ releaseId: p.id })) },
        },
        select: { id: true, status: true, version: true },
      });
      await refreshInterpretationDueAt(tx, created.id);
      await addRevision(tx, 'Interpretation', created.id, 'MAJOR', '创建草稿', userIdOf(ctx));
      await writeAudit(tx, ctx.actor, 'Interpretation', auditActionOf('Interpretation', 'created'), created, orgId, { title: content.title, policyIds: policies.map((p) => p.id) });
      return { interpretationId: created.id };
    });
    // A retry whose first draft has since been deleted has nothing left to return.
    if (!(await tx.interpretation.findUnique({ where: { id: result.interpretationId }, select: { id: true } }))) throw new NotFoundError('interpretation');
    return result.interpretationId;
  });
}

export interface UpdateInterpretationInput extends InterpretationContentEdit {
  id: string;
  expectedVersion: number;
  policyIds?: string[] | null;
  revisionKind?: RevisionKind | null;
  changeNote?: string | null;
}

/**
 * Saves an edit if `expectedVersion` is still current. Drafts are edited by writers; a
 * published interpretation is corrected by publishers, live at once (a MAJOR correction needs a
 * change note). Its policies can change only while it is a draft.
 */
export async function updateInterpretation(ctx: WorkflowContext, input: UpdateInterpretationInput): Promise<string> {
  const base = await ctx.db.interpretation.findUnique({ where: { id: input.id }, include: { interpretingOrg: { select: { path: true } } } });
  if (!base) throw new NotFoundError('interpretation');
  assertOwned(ctx, { kind: 'Interpretation', ownerPath: base.interpretingOrg.path });
  if (base.version !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, base.version);
  const current = { ...base, summary: handWrittenSummary(base.summary, base.bodyText), attachments: base.attachments as unknown as Attachment[] };
  const content = validatedContent(await resolveFileEdits(ctx.db, ctx.viewer, input, current), current);
  const body = await renderedBody(content);
  return publicChange(ctx, ctx.db.$transaction(async (tx) => {
    const { subject } = await authorize(tx, ctx, 'Interpretation', input.id, 'UPDATE');
    if (subject.version !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, subject.version);
    const published = subject.status === 'PUBLISHED';
    const kind: RevisionKind = input.revisionKind ?? (published ? 'MAJOR' : 'MINOR');
    const changeNote = textField('changeNote', input.changeNote, 500);
    if (published && kind === 'MAJOR' && !changeNote) {
      throw new InputError('changeNote', '重大修订须填写修订说明 — a major correction of a published interpretation needs a change note.');
    }
    if (input.policyIds) {
      if (published) throw new InputError('policyIds', '已发布的解读不能更换关联文件 — a published interpretation keeps its policies.');
      const policies = await checkedPolicies(tx, ctx, input.policyIds);
      await tx.interpretationPolicy.deleteMany({ where: { interpretationId: subject.id } });
      await tx.interpretationPolicy.createMany({ data: policies.map((p) => ({ interpretationId: subject.id, releaseId: p.id })) });
      await refreshInterpretationDueAt(tx, subject.id);
    }
    const updated = await tx.interpretation.update({
      where: { id: subject.id },
      data: { ...columnsOf(content, body), ...(published && kind === 'MAJOR' ? { publishedAt: ctx.now } : {}), version: { increment: 1 }, updatedById: userIdOf(ctx) },
      omit: BODY,
    });
    await addRevision(tx, 'Interpretation', subject.id, kind, changeNote, userIdOf(ctx));
    await writeAudit(tx, ctx.actor, 'Interpretation', auditActionOf('Interpretation', 'updated'), updated, subject.ownerId, { revisionKind: kind });
    if (published) await emitInterpretation(tx, 'interpretation.updated', subject.id);
    return subject.id;
  }));
}

export const submitInterpretation = (ctx: WorkflowContext, id: string, comment?: string | null) => simpleTransition(ctx, 'Interpretation', id, 'SUBMIT', comment);
export const approveInterpretation = (ctx: WorkflowContext, id: string, comment?: string | null) => simpleTransition(ctx, 'Interpretation', id, 'APPROVE', comment);
export const rejectInterpretation = (ctx: WorkflowContext, id: string, comment: string) => simpleTransition(ctx, 'Interpretation', id, 'REJECT', comment);

/** Publishes an approved interpretation now (its policies must be public already). */
export async function publishInterpretation(ctx: WorkflowContext, input: { id: string; idempotencyKey?: string | null }): Promise<string> {
  return publicChange(ctx, ctx.db.$transaction(async (tx) => {
    assertOwned(ctx, await lockSubject(tx, 'Interpretation', input.id));
    const result = await once(tx, `${userIdOf(ctx)}:publishInterpretation`, input.idempotencyKey, { id: input.id }, ctx.now, async () => {
      const { subject } = await authorize(tx, ctx, 'Interpretation', input.id, 'PUBLISH');
      await publishInterpretationNow(tx, ctx.actor, subject, userIdOf(ctx), ctx.now);
      return { interpretationId: subject.id };
    });
    return result.interpretationId;
  }));
}

export const withdrawInterpretation = (ctx: WorkflowContext, id: string, reason: string) =>
  withdraw(ctx, 'Interpretation', id, reason, undefined, (tx) => emitInterpretation(tx, 'interpretation.withdrawn', id));

export const deleteInterpretationDraft = (ctx: WorkflowContext, id: string) =>
  deleteDraft(ctx, 'Interpretation', id, async (tx) => ({ title: (await tx.interpretation.findUniqueOrThrow({ where: { id }, select: { title: true } })).title }));
