import { builder } from '../../graphql/builder.js';
import { countedConnection, idKey, resolvePage, type SortOrder } from '../../graphql/keyset.js';
import { nodeVisibility } from '../../graphql/node-loading.js';

const DomainRef = builder.prismaNode('Domain', {
  findUnique: nodeVisibility('Domain'),
  // Select mode: nested in every item of a list, it loads only the columns asked for.
  select: { id: true },
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

const DOMAIN_ORDER: SortOrder = [{ field: 'sortOrder', direction: 'asc', type: 'int' }, idKey('asc')];

builder.queryFields((t) => ({
  domains: t.connection(
    {
      type: DomainRef,
      description: '领域列表 — the domains of the catalog, in catalog order.',
      resolve: (_root, args, ctx, info) => resolvePage(ctx, info, args, { model: ctx.db.domain, order: DOMAIN_ORDER, where: { active: true } }) as never,
    },
    countedConnection('DomainConnection', '领域连接 — a page of domains.'),
    { name: 'DomainEdge', description: '领域边 — a domain with its cursor.' },
  ),
  domain: t.prismaField({
    type: 'Domain',
    nullable: true,
    description: '按代码取领域 — the domain with this code, or null.',
    args: { code: t.arg.string({ required: true, description: '领域代码 — e.g. LAND_EXPROPRIATION.' }) },
    resolve: (query, _root, { code }, ctx) => ctx.db.domain.findFirst({ ...query, where: { code, active: true } }),
  }),
}));
