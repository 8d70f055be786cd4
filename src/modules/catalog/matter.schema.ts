import { containsText } from '../../db/text-search.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../../graphql/builder.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { countedConnection, idKey, pageOf, planPage, resolvePage, withSortKeys, type SortOrder } from '../../graphql/keyset.js';
import { badUserInput } from '../../graphql/errors.js';
import DataLoader from 'dataloader';
import type { Context } from '../../context.js';
import { releaseReadWhere } from '../releases/release.permissions.js';
import { ReleaseRef } from '../releases/release.schema.js';
import { StandardRef } from './standard.schema.js';

export const MatterRef = builder.prismaNode('Matter', {
  findUnique: nodeVisibility('Matter'),
  // Select mode: nested in every item of a list, it loads only the columns asked for.
  select: { id: true },
  description: '公开事项 — an item of the standard catalog: 一级事项 → 二级事项 → optional 三级事项.',
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString('code', { description: '事项代码 — stable code, e.g. LAND_EXPROPRIATION.01.02.' }),
    name: t.exposeString('name', { description: '名称 — name of the matter.' }),
    description: t.exposeString('description', { nullable: true, description: '说明 — what the matter covers.' }),
    level: t.exposeInt('level', { description: '层级 — 1 = 一级事项, 2 = 二级事项, 3 = 三级事项.' }),
    sortOrder: t.exposeInt('sortOrder', { description: '排序 — position among siblings.' }),
    domain: t.relation('domain', { description: '领域 — the domain this matter belongs to.' }),
    parent: t.relation('parent', { nullable: true, description: '上级事项 — the parent matter; null for 一级事项.' }),
    children: t.relation('children', {
      description: '下级事项 — the sub-matters, in catalog order.',
      query: { where: { active: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] },
    }),
    standard: t.field({
      type: StandardRef,
      nullable: true,
      description: '公开标准 — the standard in force (current catalog version); null for a matter with sub-matters.',
      select: (_args, _ctx, nestedSelection) => ({
        standards: nestedSelection({ where: { catalogVersion: { status: 'ACTIVE' as const } }, take: 1 }),
      }),
      resolve: (matter) => matter.standards[0] ?? null,
    }),
    releases: t.connection(
      {
        type: ReleaseRef,
        description: '公开信息 — the releases for this matter visible to you, newest first.',
        // The page is folded into the query that loads the matters (a LIMITed lateral join per
        // matter), with the cursor as a keyset where — never Prisma's `cursor`.
        select: (args, ctx, nested) => {
          const plan = planPage(args, MATTER_RELEASE_ORDER);
          const where = releaseReadWhere(ctx.viewer, ctx.now);
          const selection = nested({ where: plan.where ? { AND: [where, plan.where] } : where, orderBy: plan.orderBy, take: plan.take }, ['edges', 'node']);
          return { releases: withSortKeys(selection, MATTER_RELEASE_ORDER) };
        },
        resolve: (matter, args, ctx) =>
          pageOf(matter.releases, planPage(args, MATTER_RELEASE_ORDER), () => countReleasesOfMatter(ctx, matter.id)) as never,
      },
      countedConnection('MatterReleasesConnection', '事项公开信息连接 — a page of a matter\'s releases.'),
      { name: 'MatterReleasesEdge', description: '事项公开信息边 — a release with its cursor.' },
    ),
  }),
});

/** A matter's releases, newest first; drafts (visible to their own staff) have no publication time. */
const MATTER_RELEASE_ORDER: SortOrder = [{ field: 'publishedAt', direction: 'desc', type: 'date', nullable: true }, idKey('desc')];

/** Counts of visible releases per matter, for every matter of the request in one query. */
const releaseCounts = new WeakMap<Context, DataLoader<string, number>>();
function countReleasesOfMatter(ctx: Context, matterId: string): Promise<number> {
  let loader = releaseCounts.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (matterIds: readonly string[]) => {
      const groups = await ctx.db.release.groupBy({
        by: ['matterId'],
        where: { AND: [{ matterId: { in: [...matterIds] } }, releaseReadWhere(ctx.viewer, ctx.now)] },
        _count: { _all: true },
      });
      const counts = new Map(groups.map((g) => [g.matterId, g._count._all]));
      return matterIds.map((id) => counts.get(id) ?? 0);
    });
    releaseCounts.set(ctx, loader);
  }
  return loader.load(matterId);
}

/** Catalog order: codes are unique and a parent's code prefixes its children's. */
const MATTER_ORDER: SortOrder = [{ field: 'code', direction: 'asc', type: 'string' }];

const MatterFilter = builder.inputType('MatterFilter', {
  description: '事项筛选 — filter for catalog matters.',
  fields: (t) => ({
    domainCode: t.string({ description: '领域代码 — only matters of this domain.' }),
    parentId: t.globalID({ description: '上级事项 — only direct children of this matter.' }),
    level: t.int({ description: '层级 — only matters of this level (1, 2 or 3).' }),
    search: t.string({ description: '检索 — part of the name, code or description.' }),
  }),
});

builder.queryFields((t) => ({
  matters: t.connection(
    {
      type: MatterRef,
      description: '公开事项目录 — catalog matters in code order (a parent precedes its children).',
      args: { filter: t.arg({ type: MatterFilter, description: '筛选 — optional filter.' }) },
      resolve: (_root, args, ctx, info) => resolvePage(ctx, info, args, { model: ctx.db.matter, order: MATTER_ORDER, where: matterWhere(args.filter) }) as never,
    },
    countedConnection('MatterConnection', '事项连接 — a page of matters.'),
    { name: 'MatterEdge', description: '事项边 — a matter with its cursor.' },
  ),
}));

type MatterFilterInput = {
  domainCode?: string | null;
  parentId?: { id: string; typename: string } | null;
  level?: number | null;
  search?: string | null;
} | null | undefined;

function matterWhere(filter: MatterFilterInput): Prisma.MatterWhereInput {
  if (filter?.level != null && ![1, 2, 3].includes(filter.level)) {
    throw badUserInput('matters: filter.level must be 1, 2 or 3');
  }
  if (filter?.parentId && filter.parentId.typename !== 'Matter') {
    throw badUserInput('matters: filter.parentId must be the id of a Matter');
  }
  const search = filter?.search?.trim();
  return {
    active: true,
    ...(filter?.domainCode ? { domain: { code: filter.domainCode } } : {}),
    ...(filter?.parentId ? { parentId: filter.parentId.id } : {}),
    ...(filter?.level != null ? { level: filter.level } : {}),
    ...(search
      ? {
          OR: [
            { name: containsText(search) },
            { code: containsText(search) },
            { description: containsText(search) },
          ],
        }
      : {}),
  };
}
