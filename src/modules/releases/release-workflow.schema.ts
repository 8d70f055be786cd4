// The editorial workflow over GraphQL: revisions, review notes, the workflow mutations and the
// deadline views for staff. Business rules live in release-workflow.service.ts.
import type { Context } from '../../context.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { RevisionKind, WorkflowAction } from '../../generated/prisma/enums.js';
import { builder, MAX_PAGE_SIZE } from '../../graphql/builder.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { ErrorInterface } from '../../graphql/error-types.js';
import { countedConnection, idKey, resolvePage, type SortOrder } from '../../graphql/keyset.js';
import { badUserInput } from '../../graphql/errors.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { DisclosureStageEnum } from '../catalog/catalog-enums.schema.js';
import { MatterRef } from '../catalog/matter.schema.js';
import { endOfWorkingDaysAfter } from '../calendar/deadline-rules.js';
import { OrgUnitRef } from '../org/org-unit.schema.js';
import { IdempotencyKeyReusedError, InvalidTransitionError, VersionConflictError } from '../workflow/workflow.errors.js';
import type { Attachment } from './release.model.js';
import { AttachmentInputRef, AttachmentRef, fileEditsOf, revisionAttachments, StoredFileRef } from '../files/file.schema.js';
import type { FileAccess } from '../files/file-access.js';
import { ownsRelease, releaseReadWhere, releaseWorkspaceWhere } from './release.permissions.js';
import { ChannelKindEnum, ReleaseRef, ReleaseStatusEnum } from './release.schema.js';
import * as workflow from './release-workflow.service.js';
import { errorsOfWorkflow, stepMutations, workflowContext } from '../workflow/workflow-mutations.schema.js';
import { MAX_BODY_CHARS } from './content.service.js';
import { ReleaseAction } from '../workflow/state-machine.js';

const RevisionKindEnum = enumFromPrisma('RevisionKind', RevisionKind, '修订类型 — how significant a saved edition is.', {
  MAJOR: '重大修订 — a substantive change; its change note is public for published editions.',
  MINOR: '一般修订 — a correction of form (typos, layout).',
});

const WorkflowActionEnum = enumFromPrisma('WorkflowAction', WorkflowAction, '流程操作 — a step of the editorial workflow.', {
  CREATE: '创建 — drafted.',
  UPDATE: '修改 — edited.',
  SUBMIT: '提交审核 — submitted for review.',
  APPROVE: '审核通过 — approved.',
  REJECT: '退回 — sent back to the editor with a comment.',
  PUBLISH: '发布 — published.',
  SCHEDULE: '定时发布 — scheduled for publication.',
  UNSCHEDULE: '取消定时 — scheduling cancelled.',
  WITHDRAW: '撤回 — withdrawn.',
  REPEAL: '废止 — repealed.',
  RESTORE: '恢复 — an earlier revision restored.',
  COMMENT: '意见 — a comment.',
});

const ReleaseActionEnum = builder.enumType(ReleaseAction, {
  name: 'ReleaseAction',
  description: '发布操作 — an action of the release state machine.',
  values: {
    UPDATE: { description: '修改 — save an edit.' },
    SUBMIT: { description: '提交审核 — submit for review.' },
    APPROVE: { description: '审核通过 — approve.' },
    REJECT: { description: '退回 — send back.' },
    PUBLISH: { description: '发布 — publish now.' },
    SCHEDULE: { description: '定时发布 — schedule.' },
    UNSCHEDULE: { description: '取消定时 — cancel scheduling.' },
    WITHDRAW: { description: '撤回 — withdraw.' },
    REPEAL: { description: '废止 — repeal.' },
    DELETE: { description: '删除草稿 — delete a draft.' },
    RESTORE: { description: '恢复修订 — restore a revision.' },
  },
});

const TransitionReasonEnum = builder.enumType('TransitionRefusal', {
  description: '拒绝原因 — why a workflow action was refused.',
  values: {
    STATE: { description: '状态 — the release\'s current state does not allow it.' },
    ROLE: { description: '角色 — your role on this release\'s unit may not do it.' },
    FOUR_EYES: { description: '四眼原则 — you created, last edited or submitted the release; someone else must approve it (off for one-person units).' },
  } as const,
});

// ---- errors ----------------------------------------------------------------------------------

builder.objectType(VersionConflictError, {
  name: 'VersionConflictError',
  description: '版本冲突 — someone saved the release first; reload `currentVersion` and redo your edit.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof VersionConflictError,
  fields: (t) => ({
    expectedVersion: t.exposeInt('expectedVersion', { description: '你的版本 — the version your edit was based on.' }),
    currentVersion: t.exposeInt('currentVersion', { description: '当前版本 — the version saved now.' }),
  }),
});

builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  description: '不允许的操作 — the state machine or your role does not allow this action now; names the current state.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InvalidTransitionError,
  fields: (t) => ({
    action: t.expose('action', { type: ReleaseActionEnum, description: '操作 — what was attempted.' }),
    currentStatus: t.expose('currentStatus', { type: ReleaseStatusEnum, description: '当前状态 — the release\'s state.' }),
    reason: t.expose('reason', { type: TransitionReasonEnum, description: '原因 — state or role.' }),
  }),
});

builder.objectType(IdempotencyKeyReusedError, {
  name: 'IdempotencyKeyReusedError',
  description: '幂等键冲突 — the idempotency key was used before with a different input.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof IdempotencyKeyReusedError,
});

// ---- revisions and review notes ---------------------------------------------------------------

/** Revisions a viewer may see: published editions of public releases; every edition of their own units'. */
function revisionReadWhere(ctx: Context): Prisma.RevisionWhereInput {
  return {
    release: releaseReadWhere(ctx.viewer, ctx.now),
    OR: [{ status: 'PUBLISHED' }, { release: releaseWorkspaceWhere(ctx.viewer) }],
  };
}

interface Snapshot {
  title: string;
  docNo: string | null;
  stage: string;
  topic: string | null;
  genre: string | null;
  keywords: string[];
  summary: string;
  bodyHtml: string;
  attachments: Attachment[];
  targetChannels: string[];
  issuedAt: string | null;
  effectiveAt: string | null;
  formedAt: string | null;
  /** How this reader gets hosted files of the edition (set by Revision.content). */
  filesAccess: FileAccess;
}

const RevisionContentRef = builder.objectRef<Snapshot>('RevisionContent').implement({
  description: '修订内容 — the content of a release as saved in one revision.',
  fields: (t) => ({
    title: t.exposeString('title', { description: '名称 — title.' }),
    docNo: t.exposeString('docNo', { nullable: true, description: '文号 — document number.' }),
    stage: t.field({ type: DisclosureStageEnum, description: '五公开 — stage.', resolve: (s) => s.stage as never }),
    topic: t.exposeString('topic', { nullable: true, description: '主题分类 — subject classification.' }),
    genre: t.exposeString('genre', { nullable: true, description: '体裁分类 — genre.' }),
    keywords: t.exposeStringList('keywords', { description: '关键词 — keywords.' }),
    summary: t.exposeString('summary', { description: '内容概述 — summary.' }),
    bodyHtml: t.exposeString('bodyHtml', { description: '正文 — body as sanitized HTML.' }),
    attachments: t.field({
      type: [AttachmentRef],
      description: '附件 — attached files. Hosted ones: signed addresses for staff of the release\'s units; for everyone else the public address, which works only while the current content still has the file.',
      resolve: (s) => revisionAttachments(s.attachments, s.filesAccess),
    }),
    targetChannels: t.field({ type: [ChannelKindEnum], description: '推送渠道 — target channel kinds.', resolve: (s) => s.targetChannels as never }),
  }),
});

export const RevisionRef = builder.prismaNode('Revision', {
  description: '修订 — one saved edition of a release, with its change note. Published editions are public; drafts only to staff of the owning units.',
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeVisibility('Revision', revisionReadWhere),
  fields: (t) => ({
    number: t.exposeInt('number', { description: '版次 — 1, 2, 3 … per release.' }),
    kind: t.expose('kind', { type: RevisionKindEnum, description: '修订类型 — major or minor.' }),
    changeNote: t.exposeString('changeNote', { nullable: true, description: '修订说明 — what changed and why.' }),
    status: t.expose('status', { type: ReleaseStatusEnum, description: '状态 — the release\'s state when this edition was saved.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '保存时间 — when this edition was saved.' }),
    content: t.field({
      type: RevisionContentRef,
      nullable: true,
      description: '内容 — the edition\'s content; null on a withdrawn release for anyone outside its units.',
      select: { snapshot: true, release: { select: { status: true, publisher: { select: { path: true } } } } },
      resolve: (r, _a, ctx) => {
        const owns = r.release !== null && ownsRelease(ctx.viewer, r.release.publisher.path);
        if (r.release && r.release.status === 'WITHDRAWN' && !owns) return null;
        return { ...(r.snapshot as unknown as Snapshot), filesAccess: owns ? ('signed' as const) : ('public' as const) };
      },
    }),
    authorName: t.string({
      nullable: true,
      description: '修订人 — who saved it (staff only).',
      select: { author: { select: { displayName: true } } },
      resolve: (r) => r.author?.displayName ?? null,
    }),
    release: t.relation('release', { nullable: true, description: '公开信息 — the release this edition belongs to.' }),
  }),
});

builder.prismaObject('ReviewNote', {
  description: '审核记录 — one step of the workflow with its comment; staff of the owning units only.',
  fields: (t) => ({
    action: t.expose('action', { type: WorkflowActionEnum, description: '操作 — the workflow step.' }),
    comment: t.exposeString('comment', { nullable: true, description: '意见 — the comment given (退回 requires one).' }),
    fromStatus: t.expose('fromStatus', { type: ReleaseStatusEnum, description: '原状态 — state before.' }),
    toStatus: t.expose('toStatus', { type: ReleaseStatusEnum, description: '新状态 — state after.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '时间 — when.' }),
    authorName: t.string({
      nullable: true,
      description: '操作人 — who took the step; null for the system (scheduled jobs).',
      select: { author: { select: { displayName: true } } },
      resolve: (n) => n.author?.displayName ?? null,
    }),
  }),
});

builder.prismaObjectFields('Release', (t) => ({
  revisions: t.relation('revisions', {
    description: '修订历史 — saved editions, newest first: published ones for everyone, all of them for staff of the owning units.',
    args: { first: t.arg.int({ defaultValue: 20, description: '前N条 — how many of the newest editions (1–100, default 20).' }) },
    query: ({ first }, ctx) => {
      if (first != null && (first < 1 || first > MAX_PAGE_SIZE)) throw badUserInput(`revisions: first must be between 1 and ${MAX_PAGE_SIZE}`);
      return { where: revisionReadWhere(ctx), orderBy: { number: 'desc' }, take: first ?? 20 };
    },
  }),
  reviewNotes: t.relation('reviewNotes', {
    nullable: true,
    description: '审核记录 — the workflow history with comments (staff of the owning units only).',
    query: (_args, ctx) => ({ where: { release: releaseWorkspaceWhere(ctx.viewer) }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
  }),
}));

// ---- deadline views -----------------------------------------------------------------------------

const OPEN_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED'] as const;

builder.queryFields((t) => ({
  overdueReleases: t.connection(
    {
      type: ReleaseRef,
      nullable: true,
      description: '逾期未公开 — releases of your units not yet published whose deadline has passed, most overdue first. Staff only.',
      resolve: (_r, args, ctx, info) => resolvePage(ctx, info, args, { model: ctx.db.release, order: DUE_ORDER, where: overdueWhere(ctx) }) as never,
    },
    countedConnection('OverdueReleaseConnection', '逾期连接 — a page of overdue releases.'),
    { name: 'OverdueReleaseEdge', description: '逾期边 — an overdue release with its cursor.' },
  ),
  dueSoonReleases: t.connection(
    {
      type: ReleaseRef,
      nullable: true,
      description: '即将到期 — releases of your units not yet published whose deadline falls within the next N working days, soonest first. Staff only.',
      args: { withinWorkingDays: t.arg.int({ defaultValue: 3, description: '工作日数 — how many working days ahead (1–20, default 3).' }) },
      resolve: async (_r, args, ctx, info) =>
        resolvePage(ctx, info, args, { model: ctx.db.release, order: DUE_ORDER, where: await dueSoonWhere(ctx, args.withinWorkingDays) }) as never,
    },
    countedConnection('DueSoonReleaseConnection', '即将到期连接 — a page of releases due soon.'),
    { name: 'DueSoonReleaseEdge', description: '即将到期边 — a release with its cursor.' },
  ),
}));

/** Deadline order; both lists only hold releases that have a deadline. */
const DUE_ORDER: SortOrder = [{ field: 'dueAt', direction: 'asc', type: 'date' }, idKey('asc')];

function overdueWhere(ctx: Context): Prisma.ReleaseWhereInput {
  return { AND: [releaseWorkspaceWhere(ctx.viewer), { status: { in: [...OPEN_STATUSES] }, dueAt: { lt: ctx.now } }] };
}

async function dueSoonWhere(ctx: Context, withinWorkingDays: number | null | undefined): Promise<Prisma.ReleaseWhereInput> {
  const days = withinWorkingDays ?? 3;
  if (days < 1 || days > 20) throw badUserInput('dueSoonReleases: withinWorkingDays must be 1–20');
  const until = await endOfWorkingDaysAfter(ctx.db, ctx.now, days, ctx.config.timeZone);
  return { AND: [releaseWorkspaceWhere(ctx.viewer), { status: { in: [...OPEN_STATUSES] }, dueAt: { gte: ctx.now, lte: until } }] };
}

// ---- mutations ------------------------------------------------------------------------------------


const ReleasePayload = builder.objectRef<{ releaseId: string }>('ReleasePayload').implement({
  description: '公开信息操作结果 — the release as it is after the action.',
  fields: (t) => ({
    release: t.prismaField({
      type: ReleaseRef,
      nullable: true,
      description: '公开信息 — the release, as far as you may see it now.',
      resolve: (query, p, _a, ctx) => ctx.db.release.findFirst({ ...query, where: { AND: [{ id: p.releaseId }, releaseReadWhere(ctx.viewer, ctx.now)] } }),
    }),
  }),
});

const DeleteDraftPayload = builder.objectRef<{ deletedReleaseId: string }>('DeleteDraftPayload').implement({
  description: '删除草稿结果 — the id of the deleted draft.',
  fields: (t) => ({ deletedReleaseId: t.exposeID('deletedReleaseId', { description: '已删除 — global id of the deleted draft.' }) }),
});

builder.mutationFields((t) => {
  const content = {
    title: t.input.string({ description: '名称 — title (≤300).' }),
    docNo: t.input.string({ description: '文号 — document number.' }),
    stage: t.input.field({ type: DisclosureStageEnum, description: '五公开 — stage.' }),
    topic: t.input.string({ description: '主题分类 — subject classification.' }),
    genre: t.input.string({ description: '体裁分类 — genre.' }),
    keywords: t.input.stringList({ description: '关键词 — up to 20 keywords.' }),
    bodyHtml: t.input.string({ description: `正文 — HTML, at most ${MAX_BODY_CHARS} characters before and after sanitizing; stored sanitized by an allow-list.`, extensions: { maxLength: MAX_BODY_CHARS } }),
    summary: t.input.string({ description: '内容概述 — written summary; derived from the body when omitted.' }),
    attachments: t.input.field({ type: [AttachmentInputRef], description: '附件 — uploaded files (fileId) or links; replaces the list.' }),
    coverFileId: t.input.globalID({ for: StoredFileRef, description: '封面 — an image you uploaded; null removes the cover.' }),
    targetChannels: t.input.field({ type: [ChannelKindEnum], description: '推送渠道 — channel kinds to serve it to.' }),
    issuedAt: t.input.field({ type: 'Date', description: '成文日期 — issue date.' }),
    effectiveAt: t.input.field({ type: 'Date', description: '生效日期 — effective date.' }),
    formedAt: t.input.field({ type: 'DateTime', description: '信息形成日 — when the information was formed or changed (starts the time limit).' }),
  };
  const id = t.input.globalID({ required: true, for: ReleaseRef, description: '公开信息 — the release.' });
  return {
    ...stepMutations(t, { kind: 'Release', label: '公开信息', node: ReleaseRef, payload: ReleasePayload, payloadOf: (releaseId) => ({ releaseId }), withdraw: workflow.withdrawRelease }),
    createRelease: t.fieldWithInput({
      type: ReleasePayload,
      description: '新建公开信息 — draft a release for a matter, owned by an org unit you write for.',
      typeOptions: { description: '新建输入 — the draft; status, index number and dates of publication cannot be set.' },
      input: {
        matterId: t.input.globalID({ required: true, for: MatterRef, description: '公开事项 — the matter.' }),
        publisherId: t.input.globalID({ required: true, for: OrgUnitRef, description: '发布机构 — your unit (or one beneath it).' }),
        ...content,
        title: t.input.string({ required: true, description: '名称 — title (≤300).' }),
        stage: t.input.field({ type: DisclosureStageEnum, required: true, description: '五公开 — stage.' }),
        bodyHtml: t.input.string({ required: true, description: `正文 — HTML, at most ${MAX_BODY_CHARS} characters before and after sanitizing; stored sanitized by an allow-list.`, extensions: { maxLength: MAX_BODY_CHARS } }),
        targetChannels: t.input.field({ type: [ChannelKindEnum], required: true, description: '推送渠道 — channel kinds to serve it to.' }),
        idempotencyKey: t.input.string({ description: '幂等键 — retries with the same key return the first result.' }),
      },
      errors: { types: errorsOfWorkflow, union: { description: '新建结果 — the draft, or why not.' } },
      resolve: async (_r, { input }, ctx) => ({
        releaseId: await workflow.createRelease(workflowContext(ctx), {
          ...input,
          ...fileEditsOf(input),
          matterId: input.matterId.id,
          publisherId: input.publisherId.id,
        }),
      }),
    }),
    updateRelease: t.fieldWithInput({
      type: ReleasePayload,
      description: '修改公开信息 — save an edit (optimistic concurrency: `expectedVersion` must be current). Drafts: writers; published releases: publishers, live at once.',
      typeOptions: { description: '修改输入 — fields to change; omitted fields stay.' },
      input: {
        id,
        expectedVersion: t.input.int({ required: true, description: '期望版本 — the `version` your edit is based on.' }),
        matterId: t.input.globalID({ for: MatterRef, description: '公开事项 — move a draft to another matter.' }),
        ...content,
        revisionKind: t.input.field({ type: RevisionKindEnum, description: '修订类型 — MINOR by default for drafts, MAJOR for published releases.' }),
        changeNote: t.input.string({ description: '修订说明 — required for a major correction of a published release.' }),
      },
      errors: { types: errorsOfWorkflow, union: { description: '修改结果 — the release, or why not.' } },
      resolve: async (_r, { input }, ctx) => ({
        releaseId: await workflow.updateRelease(workflowContext(ctx), { ...input, ...fileEditsOf(input), id: input.id.id, matterId: input.matterId?.id ?? null }),
      }),
    }),
    publishRelease: t.fieldWithInput({
      type: ReleasePayload,
      description: '发布 — APPROVED → PUBLISHED now (assigning the 索引号), or → SCHEDULED when `publishAt` lies ahead (reviewers).',
      typeOptions: { description: '发布输入 — the release, an optional publication time and an idempotency key.' },
      input: {
        id,
        publishAt: t.input.field({ type: 'DateTime', description: '定时发布 — publish at this time instead of now.' }),
        withInterpretations: t.input.boolean({ description: '同步发布 — also publish its approved interpretations, in the same transaction (now only, not scheduled).' }),
        idempotencyKey: t.input.string({ description: '幂等键 — retries with the same key return the first result.' }),
      },
      errors: { types: errorsOfWorkflow, union: { description: '发布结果 — the release, or why not.' } },
      resolve: async (_r, { input }, ctx) => ({
        releaseId: await workflow.publishRelease(workflowContext(ctx), { id: input.id.id, publishAt: input.publishAt, idempotencyKey: input.idempotencyKey, withInterpretations: input.withInterpretations }),
      }),
    }),
    unscheduleRelease: t.fieldWithInput({
      type: ReleasePayload,
      description: '取消定时发布 — SCHEDULED → APPROVED (reviewers).',
      typeOptions: { description: '取消定时输入 — the release.' },
      input: { id },
      errors: { types: errorsOfWorkflow, union: { description: '取消定时结果 — the release, or why not.' } },
      resolve: async (_r, { input }, ctx) => ({ releaseId: await workflow.unscheduleRelease(workflowContext(ctx), input.id.id) }),
    }),
    repealRelease: t.fieldWithInput({
      type: ReleasePayload,
      description: '废止 — PUBLISHED → REPEALED on the repeal date (today or earlier: at once; later: on that day) (reviewers).',
      typeOptions: { description: '废止输入 — the release, the repeal date and a reason.' },
      input: {
        id,
        repealedAt: t.input.field({ type: 'Date', required: true, description: '废止日期 — the day it stops being in force.' }),
        reason: t.input.string({ description: '说明 — why.' }),
      },
      errors: { types: errorsOfWorkflow, union: { description: '废止结果 — the release, or why not.' } },
      resolve: async (_r, { input }, ctx) => ({
        releaseId: await workflow.repealRelease(workflowContext(ctx), { id: input.id.id, repealedAt: input.repealedAt, reason: input.reason }),
      }),
    }),
    deleteDraft: t.fieldWithInput({
      type: DeleteDraftPayload,
      description: '删除草稿 — delete a draft that was never published.',
      typeOptions: { description: '删除输入 — the draft.' },
      input: { id },
      errors: { types: errorsOfWorkflow, union: { description: '删除结果 — the deleted id, or why not.' } },
      resolve: async (_r, { input }, ctx) => {
        await workflow.deleteDraft(workflowContext(ctx), input.id.id);
        return { deletedReleaseId: encodeGlobalId('Release', input.id.id) };
      },
    }),
    restoreRevision: t.fieldWithInput({
      type: ReleasePayload,
      description: '恢复修订 — restore a revision as a new draft: into the release if it is a draft, else into a new draft release.',
      typeOptions: { description: '恢复输入 — the revision (and, for a draft, its current version).' },
      input: {
        revisionId: t.input.globalID({ required: true, for: RevisionRef, description: '修订 — the revision to restore.' }),
        expectedVersion: t.input.int({ description: '期望版本 — the draft\'s current version (optimistic concurrency).' }),
      },
      errors: { types: errorsOfWorkflow, union: { description: '恢复结果 — the draft, or why not.' } },
      resolve: async (_r, { input }, ctx) => ({
        releaseId: await workflow.restoreRevision(workflowContext(ctx), input.revisionId.id, input.expectedVersion),
      }),
    }),
  };
});
