// 回应关切 over GraphQL: submitting and following a concern (anyone, any channel), the public
// Q&A, the staff views and actions, and answers (Response) through the shared workflow.
// Personal data of submitters is reachable on exactly two paths, both staff-only: the masked
// `Concern.submitter`, and `revealConcernSubmitter`, which is audited.
import type { Context } from '../../context.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ConcernKind, ConcernStatus, RequesterType } from '../../generated/prisma/enums.js';
import { builder } from '../../graphql/builder.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import { badUserInput, tooManyRequests } from '../../graphql/errors.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { countedConnection, idKey, resolvePage, type SortOrder } from '../../graphql/keyset.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { IdempotencyKeyReusedError } from '../workflow/workflow.errors.js';
import { TooManyAttemptsError } from '../auth/auth.errors.js';
import { endOfWorkingDaysAfter } from '../calendar/deadline-rules.js';
import { MatterRef } from '../catalog/matter.schema.js';
import { OrgUnitRef } from '../org/org-unit.schema.js';
import { ReleaseRef, ReleaseStatusEnum, ChannelKindEnum } from '../releases/release.schema.js';
import { releaseReadWhere } from '../releases/release.permissions.js';
import { MAX_BODY_CHARS } from '../releases/content.service.js';
import { InputError, NotFoundError } from '../../errors.js';
import { errorsOfWorkflow, stepMutations, workflowContext } from '../workflow/workflow-mutations.schema.js';
import { accessCodeKey } from './concern-access.js';
import { permalink } from '../channels/permalinks.js';
import { concernReadWhere, publicQuestionWhere, responseReadWhere } from './concern.permissions.js';
import * as concerns from './concern.service.js';
import { masked, type Submitter } from './personal-data.js';
import * as responses from './response.service.js';
import type { IdDocumentType } from '../requests/identity-documents.js';
import { CLOCK_EVENT_ORDER } from '../requests/request-clock.service.js';
import { AppealKindEnum, AppealResultEnum, ClockEventKindEnum, IdDocumentTypeEnum, OutcomeDetailEnum, OutcomeEnum, ReceiptMethodEnum } from '../requests/request.enums.js';

const ConcernKindEnum = enumFromPrisma('ConcernKind', ConcernKind, '关切类型 — what kind of concern.', {
  QUESTION: '咨询 — a question (answered within 15 working days by default).',
  CORRECTION: '纠错 — a correction of published information (3 working days).',
  SUGGESTION: '建议 — a suggestion (7 working days, extendable to 15).',
  COMPLAINT: '投诉 — a complaint (15 working days).',
  DISCLOSURE_REQUEST: '依申请公开 — a disclosure request (条例 2019: 20 working days + up to 20).',
  PUBLIC_OPINION: '舆情 — a public-opinion event registered by staff (24 h if major, else 48 h).',
});

const PublicConcernKindEnum = builder.enumType('PublicConcernKind', {
  description: '留言类型 — what the public may submit.',
  values: {
    QUESTION: { description: '咨询 — a question.' },
    CORRECTION: { description: '纠错 — a correction of published information.' },
    SUGGESTION: { description: '建议 — a suggestion.' },
    COMPLAINT: { description: '投诉 — a complaint.' },
  } as const,
});

const ConcernStatusEnum = enumFromPrisma('ConcernStatus', ConcernStatus, '办理状态 — where a concern is.', {
  RECEIVED: '已受理 — received, not yet being answered.',
  AWAITING_CORRECTION: '补正中 — waiting for the requester to supplement (clock paused).',
  THIRD_PARTY_CONSULTATION: '征求第三方意见 — consulting a third party (clock paused).',
  IN_PROGRESS: '办理中 — an answer is being prepared.',
  ANSWERED: '已答复 — answered.',
  CLOSED: '已办结 — closed.',
  ABANDONED: '已放弃 — withdrawn or deemed abandoned.',
});

export const RequesterTypeEnum = enumFromPrisma('RequesterType', RequesterType, '申请人类型 — who submitted it (年报 categories).', {
  NATURAL_PERSON: '自然人 — a natural person.',
  COMMERCIAL_ENTERPRISE: '商业企业 — a commercial enterprise.',
  RESEARCH_INSTITUTION: '科研机构 — a research institution.',
  PUBLIC_INTEREST_ORGANIZATION: '社会公益组织 — a public-interest organisation.',
  LEGAL_SERVICE_ORGANIZATION: '法律服务机构 — a legal-service organisation.',
  OTHER_ORGANIZATION: '其他 — another organisation.',
});

export const SubmitterRef = builder.objectRef<Submitter>('ConcernSubmitter').implement({
  description: '留言人 — the submitter\'s contact data (staff of the handling unit only; masked unless revealed, which is audited).',
  fields: (t) => ({
    name: t.exposeString('name', { description: '姓名/名称 — name.' }),
    phone: t.exposeString('phone', { nullable: true, description: '电话 — phone.' }),
    email: t.exposeString('email', { nullable: true, description: '邮箱 — e-mail.' }),
    address: t.exposeString('address', { nullable: true, description: '地址 — address.' }),
    requesterType: t.expose('requesterType', { type: RequesterTypeEnum, description: '类型 — kind of submitter.' }),
    idDocumentType: t.field({
      type: IdDocumentTypeEnum,
      nullable: true,
      description: '身份证明类型 — a disclosure requester\'s identity document.',
      resolve: (s) => (s.idDocumentType as IdDocumentType | null | undefined) ?? null,
    }),
    idDocumentNo: t.string({ nullable: true, description: '证件号码 — its number (masked: 1101**********1234).', resolve: (s) => s.idDocumentNo ?? null }),
  }),
});

const ClockEventRef = builder.prismaObject('ConcernClockEvent', {
  description: '时限事件 — a step of a disclosure request\'s statutory clock; its due date is derived from these and the work calendar.',
  select: { id: true },
  fields: (t) => ({
    kind: t.expose('kind', { type: ClockEventKindEnum, description: '事件 — what happened.' }),
    at: t.expose('at', { type: 'DateTime', description: '时间 — when (a day recorded by staff shows as noon of that day).' }),
    workingDays: t.exposeInt('workingDays', { nullable: true, description: '工作日 — 延期: days added; 补正: days given to supplement.' }),
    approver: t.exposeString('approver', { nullable: true, description: '批准人 — 延期: who approved it.' }),
    note: t.exposeString('note', { nullable: true, description: '说明 — the notice or reason.' }),
  }),
});

export const DisclosureAppealRef = builder.prismaNode('DisclosureAppeal', {
  description: '复议诉讼 — an administrative reconsideration or lawsuit over a disclosure request (staff of the request\'s unit).',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  findUnique: nodeVisibility('DisclosureAppeal', (ctx) => ({ concern: concernReadWhere(ctx.viewer) })),
  fields: (t) => ({
    kind: t.expose('kind', { type: AppealKindEnum, description: '类型 — 行政复议 or 行政诉讼.' }),
    afterReconsideration: t.exposeBoolean('afterReconsideration', { description: '复议后起诉 — litigation filed after a reconsideration (else 未经复议直接起诉).' }),
    caseNo: t.exposeString('caseNo', { nullable: true, description: '案号 — case number.' }),
    filedOn: t.expose('filedOn', { type: 'Date', description: '立案日期 — day filed.' }),
    result: t.expose('result', { type: AppealResultEnum, description: '结果 — result (尚未审结 while pending).' }),
    decidedOn: t.expose('decidedOn', { type: 'Date', nullable: true, description: '审结日期 — day decided.' }),
    note: t.exposeString('note', { nullable: true, description: '备注 — note.' }),
    concern: t.relation('concern', { description: '申请 — the request appealed.' }),
    version: t.exposeInt('version', { description: '版本 — pass it back as `expectedVersion`.' }),
  }),
});

/**
 * A release named by a concern or an answer, through the release row filter: linking one must
 * never become a window onto a draft of a unit the reader has no role on.
 */
function visibleRelease(ctx: Context, id: string | null) {
  return id ? ctx.db.release.findFirst({ where: { AND: [{ id }, releaseReadWhere(ctx.viewer, ctx.now)] }, select: { id: true } }) : null;
}

// ---- responses -------------------------------------------------------------------------------

export const ResponseRef = builder.prismaNode('Response', {
  description: '回应 — an answer to a concern by its handling unit, through the release workflow (staff of the unit only; the public sees published answers through publicQuestions and concernStatus).',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  findUnique: nodeVisibility('Response', (ctx) => responseReadWhere(ctx.viewer)),
  fields: (t) => ({
    status: t.expose('status', { type: ReleaseStatusEnum, description: '状态 — lifecycle state.' }),
    bodyHtml: t.exposeString('bodyHtml', { description: '答复内容 — the answer as sanitized HTML.' }),
    bodyText: t.exposeString('bodyText', { description: '答复内容(纯文本) — the answer as plain text.' }),
    justified: t.exposeBoolean('justified', { nullable: true, description: '纠错是否属实 — for a correction: whether it was justified.' }),
    outcome: t.expose('outcome', { type: OutcomeEnum, nullable: true, description: '办理结果 — for a disclosure request: the outcome this answer gives (年报).' }),
    outcomeDetail: t.expose('outcomeDetail', { type: OutcomeDetailEnum, nullable: true, description: '理由 — its sub-reason, where the format has them.' }),
    correctedRelease: t.field({
      type: ReleaseRef,
      nullable: true,
      description: '已更正信息 — for a justified correction: the release corrected (as far as you may see it).',
      select: { correctedReleaseId: true },
      resolve: (r, _a, ctx) => visibleRelease(ctx, r.correctedReleaseId),
    }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: '发布时间 — when it was published.' }),
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true, description: '撤回时间 — when it was withdrawn.' }),
    withdrawalReason: t.exposeString('withdrawalReason', { nullable: true, description: '撤回原因 — why.' }),
    orgUnit: t.relation('orgUnit', { description: '答复单位 — the answering unit.' }),
    concern: t.prismaField({
      type: ConcernRef,
      nullable: true,
      description: '关切 — the concern it answers; null once the concern was transferred to a unit you have no role on (an old, withdrawn answer stays with its unit).',
      select: { concernId: true },
      resolve: (query, r, _a, ctx) => ctx.db.concern.findFirst({ ...query, where: { AND: [{ id: r.concernId }, concernReadWhere(ctx.viewer)] } }),
    }),
    version: t.exposeInt('version', { description: '版本 — pass it back as `expectedVersion`.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '更新时间 — last change.' }),
    reviewNotes: t.relation('reviewNotes', { description: '审核记录 — the workflow history.', query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
  }),
});

// ---- concerns (staff) -----------------------------------------------------------------------

export const ConcernRef = builder.prismaNode('Concern', {
  description: '关切 — a question, correction, suggestion or complaint from the public, or a 舆情 event; staff of the handling unit (and above) only.',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  findUnique: nodeVisibility('Concern', (ctx) => concernReadWhere(ctx.viewer)),
  fields: (t) => ({
    trackingNo: t.exposeString('trackingNo', { description: '受理编号 — tracking number given to the submitter.' }),
    kind: t.expose('kind', { type: ConcernKindEnum, description: '类型 — kind.' }),
    major: t.exposeBoolean('major', { description: '重大突发 — 舆情 only: a major emergency (24 h).' }),
    status: t.expose('status', { type: ConcernStatusEnum, description: '状态 — where it is.' }),
    subject: t.exposeString('subject', { description: '标题 — subject.' }),
    content: t.exposeString('content', { description: '内容 — the question as submitted.' }),
    channel: t.expose('channel', { type: ChannelKindEnum, nullable: true, description: '来源渠道 — the channel it came through (null: directly, e.g. the website form without a key).' }),
    matter: t.relation('matter', { nullable: true, description: '公开事项 — the matter it is about.' }),
    release: t.field({
      type: ReleaseRef,
      nullable: true,
      description: '公开信息 — the release it is about (as far as you may see it).',
      select: { releaseId: true },
      resolve: (c, _a, ctx) => visibleRelease(ctx, c.releaseId),
    }),
    orgUnit: t.relation('orgUnit', { description: '办理单位 — the unit that must answer.' }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', description: '受理时间 — when it was received.' }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true, description: '答复时限 — deadline.' }),
    extensionDays: t.exposeInt('extensionDays', { description: '延期 — working days added by an extension.' }),
    extensionReason: t.exposeString('extensionReason', { nullable: true, description: '延期理由 — why it was extended.' }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true, description: '答复时间 — when the first answer was published.' }),
    answeredOnTime: t.exposeBoolean('answeredOnTime', { nullable: true, description: '按时答复 — whether the first answer came by the deadline.' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: '办结时间 — when it was closed.' }),
    publicConsent: t.exposeBoolean('publicConsent', { description: '同意公开 — whether the submitter agreed to publish the Q&A.' }),
    submitterPurgedAt: t.expose('submitterPurgedAt', { type: 'DateTime', nullable: true, description: '个人信息已删除 — when the retention job deleted the submitter\'s data.' }),
    submitter: t.field({
      type: SubmitterRef,
      nullable: true,
      description: '留言人(脱敏) — the submitter\'s contact data, masked (138****5678); revealConcernSubmitter shows it in full, audited. Null once purged.',
      select: { submitter: true },
      resolve: (c) => (c.submitter ? masked(c.submitter) : null),
    }),
    responses: t.relation('responses', { description: '答复 — answers drafted or published for it.', query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
    receiptMethod: t.expose('receiptMethod', { type: ReceiptMethodEnum, nullable: true, description: '申请方式 — how a disclosure request was received.' }),
    requesterType: t.expose('requesterType', { type: RequesterTypeEnum, nullable: true, description: '申请人类型 — who asked (kept after the personal data is deleted).' }),
    deliveryPreference: t.exposeString('deliveryPreference', { nullable: true, description: '获取方式 — how the requester wants the information.' }),
    clockStartedAt: t.expose('clockStartedAt', { type: 'DateTime', nullable: true, description: '起算时间 — when the statutory clock started (null: awaiting confirmation).' }),
    correctionDueAt: t.expose('correctionDueAt', { type: 'DateTime', nullable: true, description: '补正期限 — while awaiting a correction: the end of the period given.' }),
    concludedAt: t.expose('concludedAt', { type: 'DateTime', nullable: true, description: '办结时间 — when the request was concluded (answer published, or 视为放弃).' }),
    outcome: t.expose('outcome', { type: OutcomeEnum, nullable: true, description: '办理结果 — the outcome of a concluded request.' }),
    outcomeDetail: t.expose('outcomeDetail', { type: OutcomeDetailEnum, nullable: true, description: '理由 — its sub-reason.' }),
    clockEvents: t.relation('clockEvents', { type: ClockEventRef, description: '时限事件 — the clock\'s steps, in order.', query: { orderBy: CLOCK_EVENT_ORDER } }),
    appeals: t.relation('appeals', { type: DisclosureAppealRef, description: '复议诉讼 — appeals against this request.', query: { orderBy: [{ filedOn: 'asc' }, { id: 'asc' }] } }),
  }),
});

// ---- what the public sees ------------------------------------------------------------------------

export const PublicQuestionRef = builder.prismaObject('Concern', {
  variant: 'PublicQuestion',
  description: '公开问答 — a question answered with the submitter\'s consent to publish it: no name, phone or other personal data.',
  select: { id: true },
  fields: (t) => ({
    id: t.id({ description: '标识 — opaque id of this Q&A.', resolve: (c) => encodeGlobalId('PublicQuestion', c.id) }),
    kind: t.expose('kind', { type: ConcernKindEnum, description: '类型 — kind.' }),
    subject: t.exposeString('subject', { description: '标题 — subject.' }),
    question: t.exposeString('content', { description: '问题 — the question.' }),
    url: t.string({
      nullable: true,
      description: '链接 — this Q&A\'s page on the public website (PUBLIC_SITE_URL + PUBLIC_QUESTION_PATH); null when no site is configured.',
      resolve: (c, _a, ctx) => permalink(ctx.config.publicSite, 'question', c),
    }),
    unit: t.relation('orgUnit', { description: '答复单位 — the answering unit.' }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', description: '留言时间 — when it was asked.' }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true, description: '答复时间 — when it was answered.' }),
    answerHtml: t.string({
      description: '答复 — the published answer (sanitized HTML).',
      select: { responses: { where: { status: 'PUBLISHED' }, orderBy: { publishedAt: 'desc' }, take: 1, select: { bodyHtml: true } } },
      resolve: (c) => c.responses[0]?.bodyHtml ?? '',
    }),
  }),
});

/** What the submitter sees of their own concern, with the answer whether or not it is public. */
const ConcernStatusViewRef = builder.prismaObject('Concern', {
  variant: 'ConcernStatusView',
  description: '办理进度 — your concern as you follow it with its tracking number and access code.',
  select: { id: true },
  fields: (t) => ({
    trackingNo: t.exposeString('trackingNo', { description: '受理编号 — tracking number.' }),
    kind: t.expose('kind', { type: ConcernKindEnum, description: '类型 — kind.' }),
    subject: t.exposeString('subject', { description: '标题 — subject.' }),
    status: t.expose('status', { type: ConcernStatusEnum, description: '状态 — where it is.' }),
    unit: t.relation('orgUnit', { description: '办理单位 — the unit answering it.' }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', description: '受理时间 — when it was received.' }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true, description: '答复时限 — when the answer is due (null while a request awaits confirmation or a correction).' }),
    clockStartedAt: t.expose('clockStartedAt', { type: 'DateTime', nullable: true, description: '起算时间 — when the time limit started (a request: once receipt is confirmed).' }),
    correctionDueAt: t.expose('correctionDueAt', { type: 'DateTime', nullable: true, description: '补正期限 — the end of the period to supplement your request, while one is asked for.' }),
    extensionDays: t.exposeInt('extensionDays', { description: '延期 — working days added by an extension.' }),
    outcome: t.expose('outcome', { type: OutcomeEnum, nullable: true, description: '办理结果 — the outcome of your request, once concluded.' }),
    outcomeDetail: t.expose('outcomeDetail', { type: OutcomeDetailEnum, nullable: true, description: '理由 — its sub-reason.' }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true, description: '答复时间 — when it was answered.' }),
    answerHtml: t.string({
      nullable: true,
      description: '答复 — the published answer, or null while there is none.',
      select: { responses: { where: { status: 'PUBLISHED' }, orderBy: { publishedAt: 'desc' }, take: 1, select: { bodyHtml: true } } },
      resolve: (c) => c.responses[0]?.bodyHtml ?? null,
    }),
  }),
});

export const ReceiptRef = builder.objectRef<concerns.Receipt>('ConcernReceipt').implement({
  description: '受理回执 — keep the tracking number and access code: the code is shown only this once.',
  fields: (t) => ({
    trackingNo: t.exposeString('trackingNo', { description: '受理编号 — tracking number.' }),
    accessCode: t.exposeString('accessCode', { description: '查询码 — secret code to follow it on any channel (shown once; keep it).' }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', description: '受理时间 — when it was received.' }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true, description: '答复时限 — when the answer is due; null for a disclosure request until its receipt is confirmed with you (网络、传真、平常信函: 第31条).' }),
  }),
});

// ---- queries -------------------------------------------------------------------------------------

const ConcernFilter = builder.inputType('ConcernFilter', {
  description: '关切筛选 — filter for concerns.',
  fields: (t) => ({
    statuses: t.field({ type: [ConcernStatusEnum], description: '状态 — only these states.' }),
    kinds: t.field({ type: [ConcernKindEnum], description: '类型 — only these kinds.' }),
    orgUnitId: t.globalID({ for: OrgUnitRef, description: '办理单位 — only this unit\'s (within your scope).' }),
  }),
});

const RECEIVED_ORDER: SortOrder = [{ field: 'receivedAt', direction: 'desc', type: 'date' }, idKey('desc')];
const DUE_ORDER: SortOrder = [{ field: 'dueAt', direction: 'asc', type: 'date' }, idKey('asc')];
const ANSWERED_ORDER: SortOrder = [{ field: 'answeredAt', direction: 'desc', type: 'date' }, idKey('desc')];
/** Open and counting: a request consulting a third party has a due date too (at most 15 days later). */
const OPEN_STATUSES = ['RECEIVED', 'IN_PROGRESS', 'THIRD_PARTY_CONSULTATION'] as const;

export function concernContext(ctx: Context): concerns.ConcernContext {
  return { ...workflowContext(ctx), accessKey: accessCodeKey(ctx.config.auth.jwtSecret), clientAddress: ctx.clientAddress };
}

builder.queryFields((t) => ({
  concerns: t.connection(
    {
      type: ConcernRef,
      nullable: true,
      description: '关切列表 — concerns of the units in your scope, newest first. Staff only.',
      args: { filter: t.arg({ type: ConcernFilter, description: '筛选 — optional filter.' }) },
      resolve: (_r, args, ctx, info) => {
        const f = args.filter;
        const where: Prisma.ConcernWhereInput = {
          AND: [
            concernReadWhere(ctx.viewer),
            ...(f?.statuses?.length ? [{ status: { in: f.statuses } }] : []),
            ...(f?.kinds?.length ? [{ kind: { in: f.kinds } }] : []),
            ...(f?.orgUnitId ? [{ orgUnitId: f.orgUnitId.id }] : []),
          ],
        };
        return resolvePage(ctx, info, args, { model: ctx.db.concern, order: RECEIVED_ORDER, where }) as never;
      },
    },
    countedConnection('ConcernConnection', '关切连接 — a page of concerns.'),
    { name: 'ConcernEdge', description: '关切边 — a concern with its cursor.' },
  ),
  overdueConcerns: t.connection(
    {
      type: ConcernRef,
      nullable: true,
      description: '逾期未答复 — open concerns of your units past their deadline, most overdue first. Staff only.',
      resolve: (_r, args, ctx, info) =>
        resolvePage(ctx, info, args, { model: ctx.db.concern, order: DUE_ORDER, where: { AND: [concernReadWhere(ctx.viewer), { status: { in: [...OPEN_STATUSES] }, dueAt: { lt: ctx.now } }] } }) as never,
    },
    countedConnection('OverdueConcernConnection', '逾期关切连接 — a page of overdue concerns.'),
    { name: 'OverdueConcernEdge', description: '逾期关切边 — a concern with its cursor.' },
  ),
  dueSoonConcerns: t.connection(
    {
      type: ConcernRef,
      nullable: true,
      description: '即将到期 — open concerns of your units due within the next N working days, soonest first. Staff only.',
      args: { withinWorkingDays: t.arg.int({ defaultValue: 2, description: '工作日数 — how many working days ahead (1–20, default 2).' }) },
      resolve: async (_r, args, ctx, info) => {
        const days = args.withinWorkingDays ?? 2;
        if (days < 1 || days > 20) throw badUserInput('dueSoonConcerns: withinWorkingDays must be 1–20');
        const until = await endOfWorkingDaysAfter(ctx.db, ctx.now, days, ctx.config.timeZone);
        return resolvePage(ctx, info, args, { model: ctx.db.concern, order: DUE_ORDER, where: { AND: [concernReadWhere(ctx.viewer), { status: { in: [...OPEN_STATUSES] }, dueAt: { gte: ctx.now, lte: until } }] } }) as never;
      },
    },
    countedConnection('DueSoonConcernConnection', '即将到期关切连接 — a page of concerns due soon.'),
    { name: 'DueSoonConcernEdge', description: '即将到期关切边 — a concern with its cursor.' },
  ),
  publicQuestions: t.connection(
    {
      type: PublicQuestionRef,
      description: '公开问答 — answered questions whose submitters agreed to publish them, newest answer first; no personal data.',
      resolve: (_r, args, ctx, info) => resolvePage(ctx, info, args, { model: ctx.db.concern, order: ANSWERED_ORDER, where: publicQuestionWhere(ctx.now) }) as never,
    },
    countedConnection('PublicQuestionConnection', '公开问答连接 — a page of public Q&A.'),
    { name: 'PublicQuestionEdge', description: '公开问答边 — a Q&A with its cursor.' },
  ),
  concernStatus: t.prismaField({
    type: ConcernStatusViewRef,
    nullable: true,
    description: '办理进度查询 — your concern, by its tracking number and access code; null for an unknown number or a wrong code alike (wrong codes are throttled).',
    args: {
      trackingNo: t.arg.string({ required: true, description: '受理编号 — tracking number.' }),
      accessCode: t.arg.string({ required: true, description: '查询码 — the access code shown at submission.' }),
    },
    resolve: async (query, _r, args, ctx) => {
      try {
        const id = await concerns.concernForSubmitter(concernContext(ctx), args.trackingNo, args.accessCode);
        return id ? ctx.db.concern.findUnique({ ...query, where: { id } }) : null;
      } catch (error) {
        // A query has no typed-error union: the throttle answers as TOO_MANY_REQUESTS.
        if (error instanceof TooManyAttemptsError) throw tooManyRequests(error.retryAfterSeconds);
        throw error;
      }
    },
  }),
}));

// ---- mutations --------------------------------------------------------------------------------

export const ConcernPayload = builder.objectRef<{ concernId: string }>('ConcernPayload').implement({
  description: '关切操作结果 — the concern after the action.',
  fields: (t) => ({
    concern: t.prismaField({
      type: ConcernRef,
      nullable: true,
      description: '关切 — the concern, as far as you may see it now.',
      resolve: (query, p, _a, ctx) => ctx.db.concern.findFirst({ ...query, where: { AND: [{ id: p.concernId }, concernReadWhere(ctx.viewer)] } }),
    }),
  }),
});

const SubmitConcernPayload = builder.objectRef<concerns.Receipt>('SubmitConcernPayload').implement({
  description: '提交结果 — the receipt of your concern.',
  fields: (t) => ({ receipt: t.field({ type: ReceiptRef, description: '受理回执 — tracking number, access code and deadline.', resolve: (r) => r }) }),
});

const RevealSubmitterPayload = builder.objectRef<Submitter>('RevealConcernSubmitterPayload').implement({
  description: '留言人信息 — the submitter\'s data in full; this read is in the audit log.',
  fields: (t) => ({ submitter: t.field({ type: SubmitterRef, description: '留言人 — unmasked.', resolve: (s) => s }) }),
});

const ResponsePayload = builder.objectRef<{ responseId: string }>('ResponsePayload').implement({
  description: '答复操作结果 — the answer after the action.',
  fields: (t) => ({
    response: t.prismaField({
      type: ResponseRef,
      nullable: true,
      description: '答复 — the answer, as far as you may see it now.',
      resolve: (query, p, _a, ctx) => ctx.db.response.findFirst({ ...query, where: { AND: [{ id: p.responseId }, responseReadWhere(ctx.viewer)] } }),
    }),
  }),
});

const DeleteResponseDraftPayload = builder.objectRef<{ deletedResponseId: string }>('DeleteResponseDraftPayload').implement({
  description: '删除答复草稿结果 — the id of the deleted draft.',
  fields: (t) => ({ deletedResponseId: t.exposeID('deletedResponseId', { description: '已删除 — global id of the deleted draft.' }) }),
});

const ContactInput = builder.inputType('ConcernContactInput', {
  description: '联系方式 — how to answer you; seen only by the handling unit\'s staff, deleted some time after the concern is closed.',
  fields: (t) => ({
    name: t.string({ required: true, description: '姓名/名称 — your name (≤100).' }),
    phone: t.string({ description: '电话 — mobile or landline (a phone or an e-mail is required).' }),
    email: t.string({ description: '邮箱 — e-mail.' }),
    address: t.string({ description: '地址 — postal address (optional).' }),
    requesterType: t.field({ type: RequesterTypeEnum, description: '类型 — natural person (default) or organisation.' }),
  }),
});

export const concernErrors = [InputError, NotFoundError];

builder.mutationFields((t) => {
  const concernId = t.input.globalID({ required: true, for: ConcernRef, description: '关切 — the concern.' });
  const responseId = t.input.globalID({ required: true, for: ResponseRef, description: '答复 — the answer.' });
  const responseContent = {
    bodyHtml: t.input.string({ description: `答复内容 — HTML, at most ${MAX_BODY_CHARS} characters; stored sanitized.`, extensions: { maxLength: MAX_BODY_CHARS } }),
    justified: t.input.boolean({ description: '纠错是否属实 — for a correction: whether it was justified (required before publishing).' }),
    correctedReleaseId: t.input.globalID({ for: ReleaseRef, description: '已更正信息 — for a justified correction: the release of your units you corrected.' }),
    outcome: t.input.field({ type: OutcomeEnum, description: '办理结果 — for a disclosure request: the outcome (required before publishing; not CARRIED_OVER).' }),
    outcomeDetail: t.input.field({ type: OutcomeDetailEnum, description: '理由 — the sub-reason, required where the outcome has them (不予公开、无法提供、不予处理、其他处理).' }),
  };
  const concernPayload = (id: string) => ({ concernId: id });
  const responsePayload = (id: string) => ({ responseId: id });
  return {
    submitConcern: t.fieldWithInput({
      type: SubmitConcernPayload,
      description: '提交留言 — ask a question, report a correction, make a suggestion or complaint (anonymous callers and channels). Returns a tracking number and an access code shown once.',
      typeOptions: { description: '留言输入 — the concern and how to answer you.' },
      input: {
        kind: t.input.field({ type: PublicConcernKindEnum, required: true, description: '类型 — kind.' }),
        subject: t.input.string({ required: true, description: '标题 — subject (≤300).' }),
        content: t.input.string({ required: true, description: `内容 — your question (≤${concerns.MAX_CONTENT_CHARS}).`, extensions: { maxLength: concerns.MAX_CONTENT_CHARS } }),
        matterId: t.input.globalID({ for: MatterRef, description: '公开事项 — the matter it is about (routes it to the responsible unit).' }),
        releaseId: t.input.globalID({ for: ReleaseRef, description: '公开信息 — the release it is about (a correction names it).' }),
        contact: t.input.field({ type: ContactInput, required: true, description: '联系方式 — how to answer you.' }),
        publicConsent: t.input.boolean({ description: '同意公开 — publish the question and its answer (without your name or contact data); default false.' }),
        idempotencyKey: t.input.string({ description: '幂等键 — a double tap with the same key files once and shows the same receipt.' }),
      },
      errors: { types: [InputError, NotFoundError, TooManyAttemptsError, IdempotencyKeyReusedError], union: { description: '提交结果 — the receipt, or why not.' } },
      resolve: async (_r, { input }, ctx) =>
        concerns.submitConcern(concernContext(ctx), { ...input, matterId: input.matterId?.id ?? null, releaseId: input.releaseId?.id ?? null }),
    }),
    registerPublicOpinion: t.fieldWithInput({
      type: ConcernPayload,
      description: '登记舆情 — register a public-opinion event for a unit you review for; due in 24 h (major emergency) or 48 h.',
      typeOptions: { description: '舆情输入 — the event.' },
      input: {
        orgUnitId: t.input.globalID({ required: true, for: OrgUnitRef, description: '责任单位 — the unit responsible (涉事责任部门).' }),
        subject: t.input.string({ required: true, description: '标题 — subject.' }),
        content: t.input.string({ required: true, description: '内容 — what is being said, where.' }),
        major: t.input.boolean({ required: true, description: '重大突发 — a major emergency (24 h) rather than other public opinion (48 h).' }),
        releaseId: t.input.globalID({ for: ReleaseRef, description: '公开信息 — a release it concerns.' }),
      },
      errors: { types: concernErrors, union: { description: '登记结果 — the concern, or why not.' } },
      resolve: async (_r, { input }, ctx) =>
        concernPayload(await concerns.registerPublicOpinion(workflowContext(ctx), { ...input, orgUnitId: input.orgUnitId.id, releaseId: input.releaseId?.id ?? null })),
    }),
    transferConcern: t.fieldWithInput({
      type: ConcernPayload,
      description: '转办 — hand an open concern to another unit, with a reason (the openness office: ADMIN over its unit). Drafted answers are discarded.',
      typeOptions: { description: '转办输入 — the concern, the unit and the reason.' },
      input: {
        id: concernId,
        orgUnitId: t.input.globalID({ required: true, for: OrgUnitRef, description: '承办单位 — the unit to answer it.' }),
        reason: t.input.string({ required: true, description: '转办理由 — why.' }),
      },
      errors: { types: concernErrors, union: { description: '转办结果 — the concern, or why not.' } },
      resolve: async (_r, { input }, ctx) => concernPayload(await concerns.transferConcern(workflowContext(ctx), { id: input.id.id, orgUnitId: input.orgUnitId.id, reason: input.reason })),
    }),
    extendConcernDeadline: t.fieldWithInput({
      type: ConcernPayload,
      description: '延期 — extend a suggestion\'s deadline once, with a reason (reviewers of its unit).',
      typeOptions: { description: '延期输入 — the concern and the reason.' },
      input: { id: concernId, reason: t.input.string({ required: true, description: '延期理由 — why.' }) },
      errors: { types: concernErrors, union: { description: '延期结果 — the concern, or why not.' } },
      resolve: async (_r, { input }, ctx) => concernPayload(await concerns.extendConcern(workflowContext(ctx), { id: input.id.id, reason: input.reason })),
    }),
    closeConcern: t.fieldWithInput({
      type: ConcernPayload,
      description: '办结 — close an answered concern (reviewers of its unit); its submitter\'s data is deleted after the retention period.',
      typeOptions: { description: '办结输入 — the concern.' },
      input: { id: concernId },
      errors: { types: concernErrors, union: { description: '办结结果 — the concern, or why not.' } },
      resolve: async (_r, { input }, ctx) => concernPayload(await concerns.closeConcern(workflowContext(ctx), input.id.id)),
    }),
    revealConcernSubmitter: t.fieldWithInput({
      type: RevealSubmitterPayload,
      description: '查看留言人信息 — the submitter\'s data in full, for staff of the handling unit who say why; recorded in the audit log.',
      typeOptions: { description: '查看输入 — the concern and the reason.' },
      input: { concernId, reason: t.input.string({ required: true, description: '查看理由 — why you need it (e.g. 电话回访).' }) },
      errors: { types: concernErrors, union: { description: '查看结果 — the data, or why not.' } },
      resolve: async (_r, { input }, ctx) => concerns.revealSubmitter(workflowContext(ctx), { concernId: input.concernId.id, reason: input.reason }) as never,
    }),
    ...stepMutations(t, { kind: 'Response', label: '答复', node: ResponseRef, payload: ResponsePayload, payloadOf: responsePayload, withdraw: responses.withdrawResponse }),
    createResponse: t.fieldWithInput({
      type: ResponsePayload,
      description: '起草答复 — draft the answer to a concern of your unit; the concern is then in progress.',
      typeOptions: { description: '起草输入 — the concern and the answer.' },
      input: { concernId, ...responseContent, bodyHtml: t.input.string({ required: true, description: '答复内容 — HTML; stored sanitized.', extensions: { maxLength: MAX_BODY_CHARS } }) },
      errors: { types: errorsOfWorkflow, union: { description: '起草结果 — the answer, or why not.' } },
      resolve: async (_r, { input }, ctx) =>
        responsePayload(await responses.createResponse(workflowContext(ctx), { ...input, concernId: input.concernId.id, correctedReleaseId: input.correctedReleaseId?.id ?? null })),
    }),
    updateResponse: t.fieldWithInput({
      type: ResponsePayload,
      description: '修改答复 — save an edit of a draft answer (`expectedVersion` must be current).',
      typeOptions: { description: '修改输入 — fields to change; omitted fields stay.' },
      input: { id: responseId, expectedVersion: t.input.int({ required: true, description: '期望版本 — the `version` your edit is based on.' }), ...responseContent },
      errors: { types: errorsOfWorkflow, union: { description: '修改结果 — the answer, or why not.' } },
      resolve: async (_r, { input }, ctx) =>
        responsePayload(
          await responses.updateResponse(workflowContext(ctx), {
            ...input,
            id: input.id.id,
            ...(input.correctedReleaseId !== undefined ? { correctedReleaseId: input.correctedReleaseId?.id ?? null } : { correctedReleaseId: undefined }),
          }),
        ),
    }),
    publishResponse: t.fieldWithInput({
      type: ResponsePayload,
      description: '发布答复 — APPROVED → PUBLISHED: the concern is answered (reviewers). With the submitter\'s consent it appears in publicQuestions.',
      typeOptions: { description: '发布输入 — the answer and an idempotency key.' },
      input: { id: responseId, idempotencyKey: t.input.string({ description: '幂等键 — retries with the same key return the first result.' }) },
      errors: { types: errorsOfWorkflow, union: { description: '发布结果 — the answer, or why not.' } },
      resolve: async (_r, { input }, ctx) => responsePayload(await responses.publishResponse(workflowContext(ctx), { id: input.id.id, idempotencyKey: input.idempotencyKey })),
    }),
    deleteResponseDraft: t.fieldWithInput({
      type: DeleteResponseDraftPayload,
      description: '删除答复草稿 — delete a draft answer that was never published.',
      typeOptions: { description: '删除输入 — the draft.' },
      input: { id: responseId },
      errors: { types: errorsOfWorkflow, union: { description: '删除结果 — the deleted id, or why not.' } },
      resolve: async (_r, { input }, ctx) => {
        await responses.deleteResponseDraft(workflowContext(ctx), input.id.id);
        return { deletedResponseId: encodeGlobalId('Response', input.id.id) };
      },
    }),
  };
});
