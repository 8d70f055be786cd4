import { builder } from '../../graphql/builder.js';
import { nodeVisibility } from '../../graphql/node-loading.js';

builder.prismaNode('Domain', {
  findUnique: nodeVisibility('Domain'),
  description: '领域 — a disclosure domain of the catalog (征地补偿, 义务教育 …); data, so domains can be added and renamed.',
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString('code', { description: '领域代码 — stable code, e.g. LAND_EXPROPRIATION.' }),
    name: t.exposeString('name', { description: '名称 — current name of the domain.' }),
    description: t.exposeString('description', { nullable: true, description: '说明 — what the domain covers.' }),
    sortOrder: t.exposeInt('sortOrder', { description: '排序 — position in the catalog.' }),
    matters: t.relation('matters', {
      description: '一级事项 — the top-level matters of this domain, in catalog order.',
      query: { where: { level: 1, active: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

builder.queryFields((t) => ({
  domains: t.prismaConnection({
    type: 'Domain',
    cursor: 'id',
    description: '领域列表 — the domains of the catalog, in catalog order.',
    totalCount: (_parent, _args, ctx) => ctx.db.domain.count({ where: { active: true } }),
    resolve: (query, _root, _args, ctx) =>
      ctx.db.domain.findMany({ ...query, where: { active: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
  }, {
    name: 'DomainConnection', description: '领域连接 — a page of domains.',
  }, {
    name: 'DomainEdge', description: '领域边 — a domain with its cursor.',
  }),
  domain: t.prismaField({
    type: 'Domain',
    nullable: true,
    description: '按代码取领域 — the domain with this code, or null.',
    args: { code: t.arg.string({ required: true, description: '领域代码 — e.g. LAND_EXPROPRIATION.' }) },
    resolve: (query, _root, { code }, ctx) => ctx.db.domain.findFirst({ ...query, where: { code, active: true } }),
  }),
}));
