// 政策解读 over GraphQL: the Interpretation type, its place on releases (interpretations,
// interpretationStatus), the public list, the staff views and the workflow mutations.
import type { Prisma } from '../../generated/prisma/client.js';
import { InterpretationForm } from '../../generated/prisma/enums.js';
import { builder } from '../../graphql/builder.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { countedConnection, idKey, resolvePage, type SortOrder } from '../../graphql/keyset.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { OrgUnitRef } from '../org/org-unit.schema.js';
import { AttachmentInputRef, AttachmentRef, COVER_SELECT, fileEditsOf, ImageRef, servedAttachments, servedCover, StoredFileRef } from '../files/file.schema.js';
import { releaseReadWhere, releaseWorkspaceWhere } from '../releases/release.permissions.js';
import { ChannelKindEnum, ReleaseRef, ReleaseStatusEnum } from '../releases/release.schema.js';
import { MAX_BODY_CHARS } from '../releases/content.service.js';
import { errorsOfWorkflow, stepMutations, workflowContext } from '../workflow/workflow-mutations.schema.js';
import { withdrawnBodyRule } from '../workflow/withdrawn-body.js';
import { permalink } from '../channels/permalinks.js';
import * as service from './interpretation.service.js';
import { interpretationReadWhere, interpretationWorkspaceWhere } from './interpretation.permissions.js';

export const InterpretationFormEnum = enumFromPrisma('InterpretationForm', InterpretationForm, '解读形式 — the form of a policy interpretation.', {
  TEXT: '文字解读 — a written interpretation.',
  GRAPHIC: '图解 — an illustrated interpretation (an image attached).',
  AUDIO: '音频 — an audio interpretation (an audio file attached).',
  VIDEO: '视频 — a video interpretation (a video file attached).',
  QA: '一问一答 — questions and answers.',
  INTERVIEW: '专家访谈 — an expert interview.',
  PRESS_CONFERENCE: '新闻发布会 — a press conference.',
});

const InterpretationStatusEnum = builder.enumType('InterpretationStatus', {
  description: '解读情况 — whether a policy release has the interpretation its standard asks for, and in time.',
  values: {
    NOT_REQUIRED: { description: '无需解读 — its matter\'s standard asks for no interpretation.' },
    MISSING: { description: '缺少解读 — required, and no interpretation you can see exists yet (the deadline has not passed).' },
    DUE: { description: '待发布 — required, an interpretation is being prepared, the deadline has not passed.' },
    LATE: { description: '逾期 — no interpretation was published by the deadline (none yet, or one published late).' },
    ON_TIME: { description: '按时 — an interpretation was published by the deadline.' },
  } as const,
});
type InterpretationStatus = 'NOT_REQUIRED' | 'MISSING' | 'DUE' | 'LATE' | 'ON_TIME';

const body = withdrawnBodyRule('interpretingOrg');
const bodySelect = body.select;
const bodyServed = body.served;

export const InterpretationRef = builder.prismaNode('Interpretation', {
  description: '政策解读 — an interpretation of one or more policy releases (谁起草、谁解读), due within a set number of working days of its policy.',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  findUnique: nodeVisibility('Interpretation', (ctx) => interpretationReadWhere(ctx.viewer, ctx.now)),
  fields: (t) => ({
    title: t.exposeString('title', { description: '标题 — title.' }),
    url: t.string({
      nullable: true,
      description: '链接 — the interpretation\'s page on the public website (PUBLIC_SITE_URL + PUBLIC_INTERPRETATION_PATH); null when no site is configured or it was never published.',
      select: { firstPublishedAt: true },
      resolve: (r, _a, ctx) => (r.firstPublishedAt ? permalink(ctx.config.publicSite, 'interpretation', r) : null),
    }),
    form: t.expose('form', { type: InterpretationFormEnum, description: '解读形式 — form.' }),
    interpreterName: t.exposeString('interpreterName', { nullable: true, description: '解读人 — the interpreting person (e.g. the 第一解读人, head of the drafting department).' }),
    status: t.expose('status', { type: ReleaseStatusEnum, description: '状态 — lifecycle state (the release workflow).' }),
    summary: t.string({ description: '内容概述 — summary; empty when withdrawn.', select: bodySelect('summary'), resolve: (r, _a, ctx) => (bodyServed(r, ctx) ? r.summary : '') }),
    bodyHtml: t.string({ description: '正文 — body as sanitized HTML; empty when withdrawn.', select: bodySelect('bodyHtml'), resolve: (r, _a, ctx) => (bodyServed(r, ctx) ? r.bodyHtml : '') }),
    bodyText: t.string({ description: '正文(纯文本) — body as plain text; empty when withdrawn.', select: bodySelect('bodyText'), resolve: (r, _a, ctx) => (bodyServed(r, ctx) ? r.bodyText : '') }),
    attachments: t.field({
      type: [AttachmentRef],
      description: '附件 — media and files (图解 images, audio, video); none when withdrawn.',
      select: { ...bodySelect('attachments'), publishedAt: true },
      resolve: (r, _a, ctx) => (bodyServed(r, ctx) ? servedAttachments(r, ctx) : []),
    }),
    cover: t.field({
      type: ImageRef,
      nullable: true,
      description: '封面 — the cover image; null when there is none, and when withdrawn.',
      select: { ...bodySelect('attachments'), ...COVER_SELECT },
      resolve: (r, _a, ctx) => (bodyServed(r, ctx) ? servedCover(r, ctx) : null),
    }),
    targetChannels: t.expose('targetChannels', { type: [ChannelKindEnum], description: '推送渠道 — channel kinds it is for.' }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true, description: '应发布时间 — deadline: the earliest interpretation deadline of its published policies.' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: '发布日期 — when the current edition was published.' }),
    firstPublishedAt: t.expose('firstPublishedAt', { type: 'DateTime', nullable: true, description: '首次发布 — when it was first published.' }),
    publishedOnTime: t.exposeBoolean('publishedOnTime', { nullable: true, description: '按时发布 — true when first published by its deadline; null before publication or without one.' }),
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true, description: '撤回时间 — when it was withdrawn.' }),
    withdrawalReason: t.exposeString('withdrawalReason', { nullable: true, description: '撤回原因 — why it was withdrawn.' }),
    interpretingOrg: t.relation('interpretingOrg', { description: '解读单位 — the interpreting unit (by default the policy\'s publisher).' }),
    policies: t.field({
      type: [ReleaseRef],
      description: '关联文件 — the policy releases it interprets, as far as you may see them.',
      select: (_args, ctx, nested) => ({ policies: { where: { release: releaseReadWhere(ctx.viewer, ctx.now) }, select: { release: nested(true) } } }),
      resolve: (i) => i.policies.map((p) => p.release) as never,
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '更新时间 — last change.' }),
    version: t.exposeInt('version', { nullable: true, description: '版本 — pass it back as `expectedVersion` (staff only).' }),
    reviewNotes: t.relation('reviewNotes', {
      nullable: true,
      description: '审核记录 — the workflow history with comments (staff of the interpreting unit only).',
      query: (_args, ctx) => ({ where: { interpretation: interpretationWorkspaceWhere(ctx.viewer) }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    }),
  }),
});

// ---- on releases ---------------------------------------------------------------------------------

/** The interpretation state of a policy release, from its own columns and what the viewer sees of its interpretations. */
export function interpretationStatusOf(
  r: { firstPublishedAt: Date | null; interpretationDueAt: Date | null; interpretedAt: Date | null; matter: { standards: { requiresInterpretation: boolean }[] }; interpretations: unknown[] },
  now: Date,
): InterpretationStatus {
  // Once published, what its standard required then (the clock); before, what it requires now.
  const required = r.firstPublishedAt ? r.interpretationDueAt !== null : r.matter.standards.some((s) => s.requiresInterpretation);
  if (!required) return 'NOT_REQUIRED';
  if (r.interpretedAt) return !r.interpretationDueAt || r.interpretedAt <= r.interpretationDueAt ? 'ON_TIME' : 'LATE';
  if (r.interpretationDueAt && now > r.interpretationDueAt) return 'LATE';
  return r.interpretations.length > 0 ? 'DUE' : 'MISSING';
}

builder.prismaObjectFields('Release', (t) => ({
  interpretations: t.field({
    type: [InterpretationRef],
    description: '政策解读 — its interpretations: published ones for everyone, all of them for staff of the interpreting units.',
    select: (_args, ctx, nested) => ({
      interpretations: { where: { interpretation: interpretationReadWhere(ctx.viewer, ctx.now) }, select: { interpretation: nested(true) } },
    }),
    resolve: (r) => r.interpretations.map((l) => l.interpretation) as never,
  }),
  interpretationDueAt: t.expose('interpretationDueAt', {
    type: 'DateTime',
    nullable: true,
    description: '解读时限 — when its interpretation is due (set at first publication when its standard requires one).',
  }),
  interpretationStatus: t.field({
    type: InterpretationStatusEnum,
    description: '解读情况 — NOT_REQUIRED, MISSING, DUE, LATE or ON_TIME.',
    select: (_args, ctx) => ({
      firstPublishedAt: true,
      interpretationDueAt: true,
      interpretedAt: true,
      matter: { select: { standards: { where: { catalogVersion: { status: 'ACTIVE' } }, select: { requiresInterpretation: true }, take: 1 } } },
      interpretations: { where: { interpretation: { AND: [interpretationReadWhere(ctx.viewer, ctx.now), { status: { not: 'WITHDRAWN' } }] } }, select: { interpretationId: true }, take: 1 },
    }),
    resolve: (r, _a, ctx) => interpretationStatusOf(r, ctx.now),
  }),
}));

// ---- lists ---------------------------------------------------------------------------------------

const InterpretationFilter = builder.inputType('InterpretationFilter', {
  description: '解读筛选 — filter for published interpretations.',
  fields: (t) => ({
    policyId: t.globalID({ for: ReleaseRef, description: '关联文件 — only interpretations of this policy release.' }),
    interpretingOrgId: t.globalID({ for: OrgUnitRef, description: '解读单位 — only interpretations by this unit.' }),
    form: t.field({ type: InterpretationFormEnum, description: '解读形式 — only this form.' }),
  }),
});

const PUBLISHED_ORDER: SortOrder = [{ field: 'publishedAt', direction: 'desc', type: 'date' }, idKey('desc')];
const WORKSPACE_ORDER: SortOrder = [{ field: 'updatedAt', direction: 'desc', type: 'date' }, idKey('desc')];
const INTERPRETATION_DUE_ORDER: SortOrder = [{ field: 'interpretationDueAt', direction: 'asc', type: 'date' }, idKey('asc')];

builder.queryFields((t) => ({
  interpretations: t.connection(
    {
      type: InterpretationRef,
      description: '政策解读列表 — published interpretations visible to you (a channel: those targeted at it), newest first.',
      args: { filter: t.arg({ type: InterpretationFilter, description: '筛选 — optional filter.' }) },
      resolve: (_r, args, ctx, info) => {
        const f = args.filter;
        const where: Prisma.InterpretationWhereInput = {
          AND: [
            interpretationReadWhere(ctx.viewer, ctx.now),
            { status: 'PUBLISHED', publishedAt: { lte: ctx.now } },
            ...(f?.policyId ? [{ policies: { some: { releaseId: f.policyId.id } } }] : []),
            ...(f?.interpretingOrgId ? [{ interpretingOrgId: f.interpretingOrgId.id }] : []),
            ...(f?.form ? [{ form: f.form }] : []),
          ],
        };
        return resolvePage(ctx, info, args, { model: ctx.db.interpretation, order: PUBLISHED_ORDER, where }) as never;
      },
    },
    countedConnection('InterpretationConnection', '解读连接 — a page of interpretations.'),
    { name: 'InterpretationEdge', description: '解读边 — an interpretation with its cursor.' },
  ),
  workspaceInterpretations: t.connection(
    {
      type: InterpretationRef,
      nullable: true,
      description: '解读工作台 — every interpretation of the units you hold a role on (drafts included), most recently changed first. Staff only.',
      args: { statuses: t.arg({ type: [ReleaseStatusEnum], description: '状态 — only these states.' }) },
      resolve: (_r, args, ctx, info) =>
        resolvePage(ctx, info, args, {
          model: ctx.db.interpretation,
          order: WORKSPACE_ORDER,
          where: { AND: [interpretationWorkspaceWhere(ctx.viewer), ...(args.statuses?.length ? [{ status: { in: args.statuses } }] : [])] },
        }) as never,
    },
    countedConnection('WorkspaceInterpretationConnection', '解读工作台连接 — a page of your units\' interpretations.'),
    { name: 'WorkspaceInterpretationEdge', description: '解读工作台边 — an interpretation with its cursor.' },
  ),
  missingInterpretations: t.connection(
    {
      type: ReleaseRef,
      nullable: true,
      description: '待解读 — published policy releases of your units whose interpretation is due or late (none published yet), most urgent first. Staff only.',
      resolve: (_r, args, ctx, info) =>
        resolvePage(ctx, info, args, {
          model: ctx.db.release,
          order: INTERPRETATION_DUE_ORDER,
          where: { AND: [releaseWorkspaceWhere(ctx.viewer), { status: 'PUBLISHED', interpretationDueAt: { not: null }, interpretedAt: null }] },
        }) as never,
    },
    countedConnection('MissingInterpretationConnection', '待解读连接 — a page of policies awaiting interpretation.'),
    { name: 'MissingInterpretationEdge', description: '待解读边 — a policy release with its cursor.' },
  ),
}));

// ---- mutations ----------------------------------------------------------------------------------

const InterpretationPayload = builder.objectRef<{ interpretationId: string }>('InterpretationPayload').implement({
  description: '解读操作结果 — the interpretation as it is after the action.',
  fields: (t) => ({
    interpretation: t.prismaField({
      type: InterpretationRef,
      nullable: true,
      description: '政策解读 — the interpretation, as far as you may see it now.',
      resolve: (query, p, _a, ctx) => ctx.db.interpretation.findFirst({ ...query, where: { AND: [{ id: p.interpretationId }, interpretationReadWhere(ctx.viewer, ctx.now)] } }),
    }),
  }),
});

const DeleteInterpretationDraftPayload = builder.objectRef<{ deletedInterpretationId: string }>('DeleteInterpretationDraftPayload').implement({
  description: '删除解读草稿结果 — the id of the deleted draft.',
  fields: (t) => ({ deletedInterpretationId: t.exposeID('deletedInterpretationId', { description: '已删除 — global id of the deleted draft.' }) }),
});

const ids = (list: readonly { id: string }[] | null | undefined) => list?.map((p) => p.id) ?? null;

builder.mutationFields((t) => {
  const id = t.input.globalID({ required: true, for: InterpretationRef, description: '政策解读 — the interpretation.' });
  const content = {
    title: t.input.string({ description: '标题 — title (≤300).' }),
    form: t.input.field({ type: InterpretationFormEnum, description: '解读形式 — form; 图解/音频/视频 need an image, audio or video attachment.' }),
    interpreterName: t.input.string({ description: '解读人 — the interpreting person (≤100).' }),
    bodyHtml: t.input.string({ description: `正文 — HTML, at most ${MAX_BODY_CHARS} characters; stored sanitized.`, extensions: { maxLength: MAX_BODY_CHARS } }),
    summary: t.input.string({ description: '内容概述 — written summary; derived from the body when omitted.' }),
    attachments: t.input.field({ type: [AttachmentInputRef], description: '附件 — media and files: uploaded (fileId) or links; replaces the list.' }),
    coverFileId: t.input.globalID({ for: StoredFileRef, description: '封面 — an image you uploaded; null removes the cover.' }),
    targetChannels: t.input.field({ type: [ChannelKindEnum], description: '推送渠道 — channel kinds to serve it to.' }),
  };
  const payloadOf = (interpretationId: string) => ({ interpretationId });
  return {
    ...stepMutations(t, { kind: 'Interpretation', label: '政策解读', node: InterpretationRef, payload: InterpretationPayload, payloadOf, withdraw: service.withdrawInterpretation }),
    createInterpretation: t.fieldWithInput({
      type: InterpretationPayload,
      description: '新建解读 — draft an interpretation of one or more policy releases (关联文件); the interpreting unit defaults to the first policy\'s publisher (谁起草、谁解读).',
      typeOptions: { description: '新建解读输入 — the draft.' },
      input: {
        policyIds: t.input.globalIDList({ required: true, for: ReleaseRef, description: '关联文件 — the policy releases it interprets (1–20).' }),
        interpretingOrgId: t.input.globalID({ for: OrgUnitRef, description: '解读单位 — a unit you write for; default: the first policy\'s publisher.' }),
        ...content,
        title: t.input.string({ required: true, description: '标题 — title (≤300).' }),
        form: t.input.field({ type: InterpretationFormEnum, required: true, description: '解读形式 — form.' }),
        targetChannels: t.input.field({ type: [ChannelKindEnum], required: true, description: '推送渠道 — channel kinds to serve it to.' }),
        idempotencyKey: t.input.string({ description: '幂等键 — retries with the same key return the first result.' }),
      },
      errors: { types: errorsOfWorkflow, union: { description: '新建结果 — the draft, or why not.' } },
      resolve: async (_r, { input }, ctx) =>
        payloadOf(await service.createInterpretation(workflowContext(ctx), { ...input, policyIds: ids(input.policyIds)!, interpretingOrgId: input.interpretingOrgId?.id ?? null, ...fileEditsOf(input) })),
    }),
    updateInterpretation: t.fieldWithInput({
      type: InterpretationPayload,
      description: '修改解读 — save an edit (`expectedVersion` must be current). Drafts: writers; published ones: publishers, live at once.',
      typeOptions: { description: '修改解读输入 — fields to change; omitted fields stay.' },
      input: {
        id,
        expectedVersion: t.input.int({ required: true, description: '期望版本 — the `version` your edit is based on.' }),
        policyIds: t.input.globalIDList({ for: ReleaseRef, description: '关联文件 — replace the policies (drafts only).' }),
        ...content,
        revisionKind: t.input.field({ type: 'RevisionKind' as never, description: '修订类型 — MINOR by default for drafts, MAJOR for published ones.' }),
        changeNote: t.input.string({ description: '修订说明 — required for a major correction of a published interpretation.' }),
      },
      errors: { types: errorsOfWorkflow, union: { description: '修改结果 — the interpretation, or why not.' } },
      resolve: async (_r, { input }, ctx) =>
        payloadOf(await service.updateInterpretation(workflowContext(ctx), { ...input, id: input.id.id, policyIds: ids(input.policyIds), ...fileEditsOf(input), revisionKind: input.revisionKind as never })),
    }),
    publishInterpretation: t.fieldWithInput({
      type: InterpretationPayload,
      description: '发布解读 — APPROVED → PUBLISHED now; every policy it interprets must be public (or use publishRelease withInterpretations: 同步发布) (reviewers).',
      typeOptions: { description: '发布解读输入 — the interpretation and an idempotency key.' },
      input: { id, idempotencyKey: t.input.string({ description: '幂等键 — retries with the same key return the first result.' }) },
      errors: { types: errorsOfWorkflow, union: { description: '发布结果 — the interpretation, or why not.' } },
      resolve: async (_r, { input }, ctx) => payloadOf(await service.publishInterpretation(workflowContext(ctx), { id: input.id.id, idempotencyKey: input.idempotencyKey })),
    }),
    deleteInterpretationDraft: t.fieldWithInput({
      type: DeleteInterpretationDraftPayload,
      description: '删除解读草稿 — delete a draft interpretation that was never published.',
      typeOptions: { description: '删除输入 — the draft.' },
      input: { id },
      errors: { types: errorsOfWorkflow, union: { description: '删除结果 — the deleted id, or why not.' } },
      resolve: async (_r, { input }, ctx) => {
        await service.deleteInterpretationDraft(workflowContext(ctx), input.id.id);
        return { deletedInterpretationId: encodeGlobalId('Interpretation', input.id.id) };
      },
    }),
  };
});

