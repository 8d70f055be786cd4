import { containsText } from '../../db/text-search.js';
import { countedConnection, idKey, resolvePage, type SortOrder } from '../../graphql/keyset.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ChannelKind, ReleaseStatus } from '../../generated/prisma/enums.js';
import { builder } from '../../graphql/builder.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import { badUserInput } from '../../graphql/errors.js';
import { OrderDirectionEnum } from '../../graphql/ordering.js';
import { DisclosureStageEnum } from '../catalog/catalog-enums.schema.js';
import { AttachmentRef, COVER_SELECT, ImageRef, servedAttachments, servedCover } from '../files/file.schema.js';
import type { Context } from '../../context.js';
import { releaseReadWhere, releaseWorkspaceWhere } from './release.permissions.js';
import { withdrawnBodyRule } from '../workflow/withdrawn-body.js';
import { permalink } from '../channels/permalinks.js';

export const ReleaseStatusEnum = enumFromPrisma('ReleaseStatus', ReleaseStatus, '发布状态 — where a release is in its lifecycle.', {
  DRAFT: '草稿 — being written; visible to its org only.',
  IN_REVIEW: '待审核 — submitted for review.',
  APPROVED: '已审核 — approved, not yet published.',
  SCHEDULED: '定时发布 — approved and scheduled for a publication time.',
  PUBLISHED: '已发布 — public.',
  WITHDRAWN: '已撤回 — withdrawn; a notice remains, the body is no longer served.',
  REPEALED: '已废止 — repealed (废止) on its repeal date.',
});

export const ChannelKindEnum = enumFromPrisma('ChannelKind', ChannelKind, '渠道类型 — kind of channel that consumes content.', {
  WEBSITE: '政府网站 — the government website.',
  MINI_PROGRAM: '微信小程序 — the WeChat mini-program.',
  KIOSK: '自助终端 — self-service kiosks of the service centres.',
  NEW_MEDIA: '新媒体 — new-media accounts (两微一端) pulling releases.',
  OTHER: '其他 — another consumer.',
});

const body = withdrawnBodyRule('publisher');
const bodySelect = body.select;
const bodyServed = body.served;

export const ReleaseRef = builder.prismaNode('Release', {
  description: '公开信息 — a disclosure for a catalog matter, with the metadata of a government disclosure page.',
  id: { field: 'id' },
  nullable: true,
  // Select mode: a list page loads only the columns its fields ask for — never fifty bodies
  // for a page of titles.
  select: { id: true },
  // Node refetches go through the same row filter as lists: a draft's id answers as an unknown id.
  findUnique: nodeVisibility('Release', (ctx) => releaseReadWhere(ctx.viewer, ctx.now)),
  fields: (t) => ({
    indexNo: t.exposeString('indexNo', {
      nullable: true,
      description: '索引号 — index number <机构代码>/<YYYYMM>-<5位流水号>, assigned at first publication.',
    }),
    title: t.exposeString('title', { description: '名称 — title.' }),
    url: t.string({
      nullable: true,
      description: '链接 — the release\'s page on the public website (PUBLIC_SITE_URL + PUBLIC_RELEASE_PATH); null when no site is configured or it was never published.',
      select: { indexNo: true, firstPublishedAt: true },
      resolve: (r, _a, ctx) => (r.firstPublishedAt ? permalink(ctx.config.publicSite, 'release', r) : null),
    }),
    docNo: t.exposeString('docNo', { nullable: true, description: '文号 — document number, e.g. 明政办秘〔2017〕156号.' }),
    status: t.expose('status', { type: ReleaseStatusEnum, description: '状态 — lifecycle state.' }),
    stage: t.expose('stage', { type: DisclosureStageEnum, description: '五公开 — the stage this release belongs to.' }),
    topic: t.exposeString('topic', { nullable: true, description: '主题分类 — subject classification, e.g. 城乡建设.' }),
    genre: t.exposeString('genre', { nullable: true, description: '体裁分类 — genre, e.g. 公告, 通知.' }),
    keywords: t.exposeStringList('keywords', { description: '关键词 — keywords.' }),
    summary: t.string({
      description: '内容概述 — summary (≤100字); empty for a withdrawn release.',
      select: bodySelect('summary'),
      resolve: (r, _a, ctx) => (bodyServed(r, ctx) ? r.summary : ''),
    }),
    bodyHtml: t.string({
      description: '正文 — body as sanitized HTML; empty for a withdrawn release (its body is no longer served).',
      select: bodySelect('bodyHtml'),
      resolve: (r, _a, ctx) => (bodyServed(r, ctx) ? r.bodyHtml : ''),
    }),
    bodyText: t.string({
      description: '正文(纯文本) — body as plain text; empty for a withdrawn release.',
      select: bodySelect('bodyText'),
      resolve: (r, _a, ctx) => (bodyServed(r, ctx) ? r.bodyText : ''),
    }),
    attachments: t.field({
      type: [AttachmentRef],
      description: '附件 — attached files; none for a withdrawn release.',
      select: { ...bodySelect('attachments'), publishedAt: true },
      resolve: (r, _a, ctx) => (bodyServed(r, ctx) ? servedAttachments(r, ctx) : []),
    }),
    cover: t.field({
      type: ImageRef,
      nullable: true,
      description: '封面 — the cover image; null when there is none, and for a withdrawn release.',
      select: { ...bodySelect('attachments'), ...COVER_SELECT },
      resolve: (r, _a, ctx) => (bodyServed(r, ctx) ? servedCover(r, ctx) : null),
    }),
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true, description: '撤回时间 — when it was withdrawn.' }),
    withdrawalReason: t.exposeString('withdrawalReason', { nullable: true, description: '撤回原因 — why it was withdrawn (shown on the withdrawn notice).' }),
    publishAt: t.expose('publishAt', { type: 'DateTime', nullable: true, description: '定时发布时间 — when a scheduled release will be published (staff only).' }),
    targetChannels: t.expose('targetChannels', { type: [ChannelKindEnum], description: '推送渠道 — channel kinds this release is for.' }),
    issuedAt: t.expose('issuedAt', { type: 'Date', nullable: true, description: '成文日期 — the date the document was issued.' }),
    formedAt: t.expose('formedAt', { type: 'DateTime', nullable: true, description: '信息形成日 — when the information was formed or changed; starts the time limit.' }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true, description: '应公开时间 — deadline from the standard\'s time limit.' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: '发布日期 — when the current edition was published.' }),
    firstPublishedAt: t.expose('firstPublishedAt', { type: 'DateTime', nullable: true, description: '首次发布 — when it was first published.' }),
    publishedOnTime: t.exposeBoolean('publishedOnTime', {
      nullable: true,
      description: '按时公开 — true when first published by the deadline; null before publication or without a deadline.',
    }),
    effectiveAt: t.expose('effectiveAt', { type: 'Date', nullable: true, description: '生效日期 — the day it takes effect.' }),
    repealedAt: t.expose('repealedAt', { type: 'Date', nullable: true, description: '废止日期 — the day it was repealed.' }),
    matter: t.relation('matter', { description: '公开事项 — the catalog matter this release fulfils.' }),
    publisher: t.relation('publisher', { description: '发布机构 — the publishing org unit.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '更新时间 — last change.' }),
    version: t.exposeInt('version', { nullable: true, description: '版本 — increases with every save; pass it back as `expectedVersion` (staff only).' }),
  }),
});

const ReleaseFilter = builder.inputType('ReleaseFilter', {
  description: '公开信息筛选 — filter for published releases.',
  fields: (t) => ({
    domainCode: t.string({ description: '领域代码 — only releases of this domain.' }),
    matterId: t.globalID({ description: '公开事项 — only releases of this matter or its sub-matters.' }),
    publisherId: t.globalID({ description: '发布机构 — only releases published by this org unit.' }),
    stage: t.field({ type: DisclosureStageEnum, description: '五公开 — only releases of this stage.' }),
    channel: t.field({ type: ChannelKindEnum, description: '渠道 — only releases targeted at this channel kind.' }),
    publishedAfter: t.field({ type: 'DateTime', description: '发布起 — published at or after this time.' }),
    publishedBefore: t.field({ type: 'DateTime', description: '发布止 — published before this time.' }),
    search: t.string({ description: '标题检索 — part of the title, document number or index number.' }),
    includeRepealed: t.boolean({ description: '含已废止 — include repealed releases (marked 废止); default true.' }),
    includeWithdrawn: t.boolean({ description: '含已撤回 — include withdrawn notices; default false.' }),
  }),
});

const ReleaseOrderFieldEnum = builder.enumType('ReleaseOrderField', {
  description: '排序字段 — what to sort releases by.',
  values: {
    PUBLISHED_AT: { value: 'publishedAt', description: '发布日期 — publication time.' },
    TITLE: { value: 'title', description: '名称 — title.' },
    INDEX_NO: { value: 'indexNo', description: '索引号 — index number.' },
  } as const,
});

const ReleaseOrder = builder.inputType('ReleaseOrder', {
  description: '公开信息排序 — sort order for releases (ties broken by id).',
  fields: (t) => ({
    field: t.field({ type: ReleaseOrderFieldEnum, required: true, description: '字段 — sort field.' }),
    direction: t.field({ type: OrderDirectionEnum, required: true, description: '方向 — ascending or descending.' }),
  }),
});

type GlobalId = { id: string; typename: string };

/**
 * The count cache's key for what this caller sees of the list: the same for every anonymous
 * caller, and for every channel of a kind. Staff see their own units' content too, counted
 * exactly (undefined: no cache).
 */
function publicCountKey(ctx: Context, filter: ReleaseFilterInput | null | undefined): string | undefined {
  // Staff and preview tokens (which see one release more) are counted exactly.
  if (ctx.viewer.kind === 'user' || ctx.viewer.kind === 'preview') return undefined;
  const audience = ctx.viewer.kind === 'channel' ? `channel:${ctx.viewer.channelKind}` : 'public';
  return `releases|${audience}|${JSON.stringify(filter ?? {})}`;
}

/** The sort order of `releases`; every public release has a publication time and an index number. */
function releaseOrder(orderBy: { field: 'publishedAt' | 'title' | 'indexNo'; direction: 'asc' | 'desc' } | null | undefined): SortOrder {
  const direction = orderBy?.direction ?? 'desc';
  const field = orderBy?.field ?? 'publishedAt';
  return [{ field, direction, type: field === 'publishedAt' ? 'date' : 'string' }, idKey(direction)];
}
interface ReleaseFilterInput {
  domainCode?: string | null;
  matterId?: GlobalId | null;
  publisherId?: GlobalId | null;
  stage?: Prisma.ReleaseWhereInput['stage'] | null;
  channel?: ChannelKind | null;
  publishedAfter?: Date | null;
  publishedBefore?: Date | null;
  search?: string | null;
  includeRepealed?: boolean | null;
  includeWithdrawn?: boolean | null;
}

/** Which public states the `releases` list shows: published, repealed (unless excluded), withdrawn (if asked). */
function listedWhere(filter: ReleaseFilterInput | null | undefined, now: Date): Prisma.ReleaseWhereInput {
  const statuses: ReleaseStatus[] = ['PUBLISHED'];
  if (filter?.includeRepealed !== false) statuses.push('REPEALED');
  if (filter?.includeWithdrawn) statuses.push('WITHDRAWN');
  return { status: { in: statuses }, publishedAt: { lte: now } };
}

function expectType(id: GlobalId, typename: string, arg: string): string {
  if (id.typename !== typename) throw badUserInput(`releases: ${arg} must be the id of a ${typename}`);
  return id.id;
}

/** The caller's filter as a Prisma where; ANDed with the row filter by the caller. */
function releaseFilterWhere(filter: ReleaseFilterInput | null | undefined): Prisma.ReleaseWhereInput[] {
  if (!filter) return [];
  const where: Prisma.ReleaseWhereInput[] = [];
  if (filter.domainCode) where.push({ matter: { domain: { code: filter.domainCode } } });
  if (filter.matterId) {
    const id = expectType(filter.matterId, 'Matter', 'filter.matterId');
    where.push({ OR: [{ matterId: id }, { matter: { parentId: id } }, { matter: { parent: { parentId: id } } }] });
  }
  if (filter.publisherId) where.push({ publisherId: expectType(filter.publisherId, 'OrgUnit', 'filter.publisherId') });
  if (filter.stage) where.push({ stage: filter.stage });
  if (filter.channel) where.push({ targetChannels: { has: filter.channel } });
  if (filter.publishedAfter) where.push({ publishedAt: { gte: filter.publishedAfter } });
  if (filter.publishedBefore) where.push({ publishedAt: { lt: filter.publishedBefore } });
  const search = filter.search?.trim();
  if (search) {
    where.push({
      OR: [
        { title: containsText(search) },
        { docNo: containsText(search) },
        { indexNo: containsText(search) },
      ],
    });
  }
  return where;
}

builder.queryFields((t) => ({
  releases: t.connection(
    {
      type: ReleaseRef,
      description: '公开信息列表 — published (and, unless excluded, repealed) releases visible to you; a channel sees those targeted at it. Newest first by default.',
      args: {
        filter: t.arg({ type: ReleaseFilter, description: '筛选 — optional filter.' }),
        orderBy: t.arg({ type: ReleaseOrder, description: '排序 — default: publication time, newest first.' }),
      },
      resolve: (_root, args, ctx, info) => {
        const countKey = publicCountKey(ctx, args.filter);
        return resolvePage(ctx, info, args, {
          model: ctx.db.release,
          order: releaseOrder(args.orderBy),
          where: { AND: [releaseReadWhere(ctx.viewer, ctx.now), listedWhere(args.filter, ctx.now), ...releaseFilterWhere(args.filter)] },
          ...(countKey ? { countWith: (count: () => Promise<number>) => ctx.counts.count(countKey, count) } : {}),
        }) as never;
      },
    },
    countedConnection('ReleaseConnection', '公开信息连接 — a page of releases.'),
    { name: 'ReleaseEdge', description: '公开信息边 — a release with its cursor.' },
  ),
  releaseByIndexNo: t.prismaField({
    type: 'Release',
    nullable: true,
    description: '按索引号取公开信息 — the release with this index number, or null.',
    args: { indexNo: t.arg.string({ required: true, description: '索引号 — e.g. 113411820031000197/202611-00001.' }) },
    resolve: (query, _root, { indexNo }, ctx) =>
      ctx.db.release.findFirst({ ...query, where: { AND: [{ indexNo }, releaseReadWhere(ctx.viewer, ctx.now)] } }),
  }),
}));

const WorkspaceReleaseFilter = builder.inputType('WorkspaceReleaseFilter', {
  description: '工作台筛选 — filter for the releases of your units, in any state.',
  fields: (t) => ({
    statuses: t.field({ type: [ReleaseStatusEnum], description: '状态 — only releases in these states.' }),
    matterId: t.globalID({ description: '公开事项 — only releases of this matter or its sub-matters.' }),
    publisherId: t.globalID({ description: '发布机构 — only releases of this org unit.' }),
    search: t.string({ description: '标题检索 — part of the title, document number or index number.' }),
  }),
});

builder.queryField('workspaceReleases', (t) =>
  t.connection(
    {
      type: ReleaseRef,
      nullable: true,
      description: '工作台 — every release of the org units you hold a role on (drafts included), most recently changed first. Staff only.',
      args: { filter: t.arg({ type: WorkspaceReleaseFilter, description: '筛选 — optional filter.' }) },
      resolve: (_root, args, ctx, info) =>
        resolvePage(ctx, info, args, { model: ctx.db.release, order: WORKSPACE_ORDER, where: workspaceWhere(ctx.viewer, args.filter) }) as never,
    },
    countedConnection('WorkspaceReleaseConnection', '工作台连接 — a page of your units\' releases.'),
    { name: 'WorkspaceReleaseEdge', description: '工作台边 — a release with its cursor.' },
  ),
);

const WORKSPACE_ORDER: SortOrder = [{ field: 'updatedAt', direction: 'desc', type: 'date' }, idKey('desc')];

function workspaceWhere(
  viewer: Parameters<typeof releaseWorkspaceWhere>[0],
  filter: { statuses?: ReleaseStatus[] | null; matterId?: GlobalId | null; publisherId?: GlobalId | null; search?: string | null } | null | undefined,
): Prisma.ReleaseWhereInput {
  return {
    AND: [
      releaseWorkspaceWhere(viewer),
      ...(filter?.statuses?.length ? [{ status: { in: filter.statuses } }] : []),
      ...releaseFilterWhere({ matterId: filter?.matterId, publisherId: filter?.publisherId, search: filter?.search }),
    ],
  };
}
