import { containsText } from '../../db/text-search.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../../graphql/builder.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { cursorId } from '../../graphql/cursor-guard.js';
import { badUserInput } from '../../graphql/errors.js';
import { releaseReadWhere } from '../releases/release.permissions.js';
import { StandardRef } from './standard.schema.js';

export const MatterRef = builder.prismaNode('Matter', {
  findUnique: nodeVisibility('Matter'),
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
    releases: t.relatedConnection(
      'releases',
      {
        cursor: 'id',
        description: '公开信息 — the releases for this matter visible to you, newest first.',
        totalCount: true,
        query: (args, ctx) => {
          const where = releaseReadWhere(ctx.viewer, ctx.now);
          const cursor = cursorId(args);
          return {
            // A cursor row that is not visible must not position the page: require it among the
            // matter's visible releases, or the page is empty (as for a cursor of no row).
            where: cursor ? { AND: [where, { matter: { releases: { some: { AND: [{ id: cursor }, where] } } } }] } : where,
            orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
          };
        },
      },
      { name: 'MatterReleasesConnection', description: '事项公开信息连接 — a page of a matter\'s releases.' },
      { name: 'MatterReleasesEdge', description: '事项公开信息边 — a release with its cursor.' },
    ),
  }),
});

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
  matters: t.prismaConnection(
    {
      type: 'Matter',
      cursor: 'code',
      description: '公开事项目录 — catalog matters in code order (a parent precedes its children).',
      args: { filter: t.arg({ type: MatterFilter, description: '筛选 — optional filter.' }) },
      totalCount: (_parent, { filter }, ctx) => ctx.db.matter.count({ where: matterWhere(filter) }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.db.matter.findMany({ ...query, where: matterWhere(filter), orderBy: { code: 'asc' } }),
    },
    { name: 'MatterConnection', description: '事项连接 — a page of matters.' },
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
