import { containsText } from '../../db/text-search.js';
import { OrgUnitKind } from '../../generated/prisma/enums.js';
import { builder } from '../../graphql/builder.js';
import { withColumns } from '../../graphql/selection.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import { AlreadyExistsError, InputError, NotFoundError } from '../../errors.js';
import { actorOf } from '../audit/audit.service.js';
import { createOrgUnit, sortInTreeOrder, updateOrgUnit } from './org-unit.service.js';

export const OrgUnitKindEnum = enumFromPrisma('OrgUnitKind', OrgUnitKind, '机构类型 — kind of organisation unit.', {
  COUNTY_GOVERNMENT: '县(市、区)人民政府 — the county-level government.',
  GOVERNMENT_OFFICE: '政府办公室 — the government office (政务公开办).',
  DEPARTMENT: '县直部门 — a department of the county government.',
  TOWNSHIP: '乡镇人民政府 — a township government.',
  SUBDISTRICT: '街道办事处 — a subdistrict office.',
  VILLAGE: '行政村 — an administrative village (村委会).',
  COMMUNITY: '社区 — an urban community (居委会).',
});

export const OrgUnitRef = builder.prismaNode('OrgUnit', {
  findUnique: nodeVisibility('OrgUnit'),
  // Select mode: nested in every item of a list, it loads only the columns asked for.
  select: { id: true },
  description: '机构 — an organisation unit: county government, its office, a department, a township, a village.',
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString('code', { description: '机构代码 — code used as the first part of the 索引号 this unit issues.' }),
    name: t.exposeString('name', { description: '名称 — full name (发布机构 is always shown in full).' }),
    shortName: t.exposeString('shortName', { nullable: true, description: '简称 — short name, when the unit has one.' }),
    kind: t.expose('kind', { type: OrgUnitKindEnum, description: '类型 — kind of unit.' }),
    depth: t.exposeInt('depth', { description: '层级 — depth in the tree; the county government is 0.' }),
    sortOrder: t.exposeInt('sortOrder', { description: '排序 — position among siblings.' }),
    active: t.exposeBoolean('active', { description: '有效 — false when the unit has been dissolved or merged.' }),
    singlePersonReview: t.exposeBoolean('singlePersonReview', { nullable: true, description: '一人审核 — a one-person unit: the four-eyes rule is off for its releases (staff only).' }),
    parent: t.relation('parent', { nullable: true, description: '上级机构 — the parent unit; null for the root.' }),
    children: t.relation('children', {
      description: '下级机构 — direct child units, in sort order.',
      query: { where: { active: true }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] },
    }),
  }),
});

const OrgUnitFilter = builder.inputType('OrgUnitFilter', {
  description: '机构筛选 — filter for the org tree.',
  fields: (t) => ({
    kinds: t.field({ type: [OrgUnitKindEnum], description: '类型 — only units of these kinds.' }),
    search: t.string({ description: '名称检索 — part of the name or the code.' }),
    includeInactive: t.boolean({ description: '含已撤销 — include dissolved units (default false).' }),
  }),
});

builder.queryFields((t) => ({
  orgUnits: t.prismaField({
    type: ['OrgUnit'],
    description: '机构树 — every org unit in tree order (each unit follows its parent, siblings in sort order); use `depth` to indent or `parent` to nest.',
    args: { filter: t.arg({ type: OrgUnitFilter, description: '筛选 — optional filter.' }) },
    resolve: async (query, _root, { filter }, ctx) => {
      const search = filter?.search?.trim();
      const units = await ctx.db.orgUnit.findMany({
        // Tree order needs these whatever the document asks for.
        ...withColumns(query, ['id', 'parentId', 'sortOrder', 'name']),
        where: {
          ...(filter?.includeInactive ? {} : { active: true }),
          ...(filter?.kinds?.length ? { kind: { in: filter.kinds } } : {}),
          ...(search
            ? { OR: [{ name: containsText(search) }, { code: containsText(search) }] }
            : {}),
        },
        orderBy: [{ depth: 'asc' }, { sortOrder: 'asc' }, { name: 'asc' }],
      });
      return sortInTreeOrder(units);
    },
  }),
  orgUnit: t.prismaField({
    type: 'OrgUnit',
    nullable: true,
    description: '按代码取机构 — the org unit with this code, or null.',
    args: { code: t.arg.string({ required: true, description: '机构代码 — unit code.' }) },
    resolve: (query, _root, { code }, ctx) => ctx.db.orgUnit.findUnique({ ...query, where: { code } }),
  }),
}));

const OrgUnitPayload = (name: string, description: string) =>
  builder.objectRef<{ orgUnitId: string }>(name).implement({
    description,
    fields: (t) => ({
      orgUnit: t.prismaField({
        type: OrgUnitRef,
        description: '机构 — the unit as it is now.',
        resolve: (query, p, _a, ctx) => ctx.db.orgUnit.findUniqueOrThrow({ ...query, where: { id: p.orgUnitId } }),
      }),
    }),
  });

builder.mutationFields((t) => ({
  createOrgUnit: t.fieldWithInput({
    type: OrgUnitPayload('CreateOrgUnitPayload', '新增机构结果 — the new unit.'),
    description: '新增机构 — add a unit under a unit you administer.',
    typeOptions: { description: '新增机构输入 — the new unit.' },
    input: {
      parentId: t.input.globalID({ required: true, for: OrgUnitRef, description: '上级机构 — the parent unit.' }),
      code: t.input.string({ required: true, description: '机构代码 — 2–32 of A-Z 0-9 -; used in 索引号.' }),
      name: t.input.string({ required: true, description: '名称 — full name.' }),
      shortName: t.input.string({ description: '简称 — short name.' }),
      kind: t.input.field({ type: OrgUnitKindEnum, required: true, description: '类型 — kind of unit.' }),
      sortOrder: t.input.int({ description: '排序 — position among siblings.' }),
    },
    errors: { types: [InputError, AlreadyExistsError, NotFoundError], union: { description: '新增机构结果 — the unit, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({
      orgUnitId: (await createOrgUnit(ctx.db, ctx.viewer, actorOf(ctx), { ...input, parentId: input.parentId.id })).id,
    }),
  }),
  updateOrgUnit: t.fieldWithInput({
    type: OrgUnitPayload('UpdateOrgUnitPayload', '修改机构结果 — the changed unit.'),
    description: '修改机构 — rename, re-code, reorder or dissolve a unit you administer. A new code applies to index numbers issued from now on.',
    typeOptions: { description: '修改机构输入 — fields to change; omitted fields stay.' },
    input: {
      id: t.input.globalID({ required: true, for: OrgUnitRef, description: '机构 — the unit.' }),
      code: t.input.string({ description: '机构代码 — new code.' }),
      name: t.input.string({ description: '名称 — new name.' }),
      shortName: t.input.string({ description: '简称 — new short name ("" clears it).' }),
      sortOrder: t.input.int({ description: '排序 — new position.' }),
      active: t.input.boolean({ description: '有效 — false dissolves the unit (its roles stop applying).' }),
      singlePersonReview: t.input.boolean({ description: '一人审核 — true for a one-person unit: its releases may be approved by whoever wrote or submitted them (four-eyes off).' }),
    },
    errors: { types: [InputError, AlreadyExistsError, NotFoundError], union: { description: '修改机构结果 — the unit, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({
      orgUnitId: (await updateOrgUnit(ctx.db, ctx.viewer, actorOf(ctx), { ...input, id: input.id.id })).id,
    }),
  }),
}));
