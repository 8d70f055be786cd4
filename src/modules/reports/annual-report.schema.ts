// The 年报 over GraphQL: `annualReport` (the three tables' numbers as structured rows) and the
// drill-downs `annualReportRequests` / `annualReportAppealRequests`, which list exactly the
// requests a cell counts (the same SQL classification, annual-report.service.ts). Staff with a
// role on the unit or above only; anyone else gets null, as for a unit that does not exist.
import type { Context } from '../../context.js';
import { AnnualReportItem, RequesterType } from '../../generated/prisma/enums.js';
import { builder } from '../../graphql/builder.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import { badUserInput } from '../../graphql/errors.js';
import { countedConnection, idKey, resolvePage, type SortOrder } from '../../graphql/keyset.js';
import { ConcernRef } from '../concerns/concern.schema.js';
import { concernReadWhere } from '../concerns/concern.permissions.js';
import { OrgUnitRef } from '../org/org-unit.schema.js';
import { FEE_NOTE, type AppealColumnKey, type AppealGroupKey } from './annual-report.layout.js';
import { reportableUnit, type ReportUnit } from './annual-report.permissions.js';
import {
  buildAnnualReport,
  DRILL_DOWN_CODES,
  FIRST_REPORT_YEAR,
  isReportYear,
  LAST_REPORT_YEAR,
  requestIdsOfAppealCell,
  requestIdsOfCell,
  type AnnualReport,
  type AppealCounts,
  type DecisionCounts,
  type DocumentCounts,
  type RequestRowCounts,
} from './annual-report.service.js';

const AnnualReportItemEnum = enumFromPrisma('AnnualReportItem', AnnualReportItem, '年报主动公开事项 — the 第二十条 row a matter\'s releases count in.', {
  ADMINISTRATIVE_LICENSE: '行政许可 — administrative licences (第二十条第（五）项).',
  ADMINISTRATIVE_PENALTY: '行政处罚 — administrative penalties (第二十条第（六）项).',
  ADMINISTRATIVE_COERCION: '行政强制 — administrative coercion (第二十条第（六）项).',
  ADMINISTRATIVE_FEE: '行政事业性收费 — administrative fees (第二十条第（八）项).',
});

const DocumentKindEnum = builder.enumType('AnnualReportDocumentKind', {
  description: '规章和规范性文件 — the kinds of document counted under 第二十条第（一）项.',
  values: {
    RULE: { description: '规章 — rules (体裁 规章).' },
    NORMATIVE_DOCUMENT: { description: '行政规范性文件 — normative documents (体裁 规范性文件 or 行政规范性文件).' },
  } as const,
});

const AppealGroupEnum = builder.enumType('AnnualReportAppealGroup', {
  description: '复议/诉讼类别 — a column group of 第四部分.',
  values: {
    RECONSIDERATION: { description: '行政复议 — administrative reconsideration.' },
    DIRECT_LITIGATION: { description: '未经复议直接起诉 — litigation without reconsideration first.' },
    LITIGATION_AFTER_RECONSIDERATION: { description: '复议后起诉 — litigation after reconsideration.' },
  } as const,
});

const AppealColumnEnum = builder.enumType('AnnualReportAppealColumn', {
  description: '复议/诉讼结果 — a column of 第四部分 (result as of the year\'s end).',
  values: {
    UPHELD: { description: '结果维持 — upheld.' },
    CORRECTED: { description: '结果纠正 — corrected.' },
    OTHER: { description: '其他结果 — another result.' },
    PENDING: { description: '尚未审结 — not decided by the year\'s end.' },
    TOTAL: { description: '总计 — all of them.' },
  } as const,
});

const GROUP_KEY: Record<'RECONSIDERATION' | 'DIRECT_LITIGATION' | 'LITIGATION_AFTER_RECONSIDERATION', AppealGroupKey> = {
  RECONSIDERATION: 'reconsideration',
  DIRECT_LITIGATION: 'directLitigation',
  LITIGATION_AFTER_RECONSIDERATION: 'litigationAfterReconsideration',
};
const COLUMN_KEY: Record<'UPHELD' | 'CORRECTED' | 'OTHER' | 'PENDING' | 'TOTAL', AppealColumnKey> = {
  UPHELD: 'upheld',
  CORRECTED: 'corrected',
  OTHER: 'other',
  PENDING: 'pending',
  TOTAL: 'total',
};

const DocumentRowRef = builder.objectRef<DocumentCounts>('AnnualReportDocumentRow').implement({
  description: '规章和规范性文件 — one row of 第二十条第（一）项 (releases of the unit\'s subtree by 体裁).',
  fields: (t) => ({
    kind: t.field({ type: DocumentKindEnum, description: '类别 — rules or normative documents.', resolve: (r) => r.kind }),
    label: t.exposeString('label', { description: '信息内容 — the row\'s label in the format.' }),
    issued: t.exposeInt('issued', { description: '本年制发件数 — first published this year.' }),
    repealed: t.exposeInt('repealed', { description: '本年废止件数 — repealed this year.' }),
    inForce: t.exposeInt('inForce', { description: '现行有效件数 — published by the year\'s end and neither repealed nor withdrawn by then.' }),
  }),
});

const DecisionRowRef = builder.objectRef<DecisionCounts>('AnnualReportDecisionRow').implement({
  description: '处理决定 — one row of 第二十条第（五）（六）（八）项: releases of matters with that report item first published this year.',
  fields: (t) => ({
    item: t.field({ type: AnnualReportItemEnum, description: '事项 — the report item.', resolve: (r) => r.item }),
    label: t.exposeString('label', { description: '信息内容 — the row\'s label in the format.' }),
    decisions: t.exposeInt('decisions', {
      description: `本年处理决定数量 — releases first published this year. ${FEE_NOTE} (For ADMINISTRATIVE_FEE the format asks for an amount in 万元, which the system does not record: this is the count of releases.)`,
    }),
  }),
});

const RequestRowRef = builder.objectRef<RequestRowCounts>('AnnualReportRequestRow').implement({
  description: '申请情况行 — one row of 第三部分 (收到和处理政府信息公开申请情况), counted per 申请人情况 column.',
  fields: (t) => ({
    code: t.exposeString('code', { description: '行代码 — stable code of the row (RECEIVED, CARRIED_IN, DISCLOSED, NOT_DISCLOSED.STATE_SECRET, CONCLUDED, CARRIED_OUT …); annualReportRequests takes it.' }),
    number: t.exposeString('number', { description: '序号 — the format\'s numbering (一、 （三） 1.).' }),
    label: t.exposeString('label', { description: '名称 — the row\'s label in the format.' }),
    level: t.exposeInt('level', { description: '层级 — 0 for 一、二、四、, 1 for （一）…（七）, 2 for the numbered sub-rows.' }),
    parentCode: t.exposeString('parentCode', { nullable: true, description: '上级行 — the row this one sums into (null for top rows).' }),
    naturalPerson: t.int({ description: '自然人 — natural persons (and requests without a requester type).', resolve: (r) => r.counts.naturalPerson }),
    commercialEnterprise: t.int({ description: '商业企业 — commercial enterprises.', resolve: (r) => r.counts.commercialEnterprise }),
    researchInstitution: t.int({ description: '科研机构 — research institutions.', resolve: (r) => r.counts.researchInstitution }),
    publicInterestOrganization: t.int({ description: '社会公益组织 — public-interest organisations.', resolve: (r) => r.counts.publicInterestOrganization }),
    legalServiceOrganization: t.int({ description: '法律服务机构 — legal-service organisations.', resolve: (r) => r.counts.legalServiceOrganization }),
    otherOrganization: t.int({ description: '其他 — other organisations.', resolve: (r) => r.counts.otherOrganization }),
    total: t.exposeInt('total', { description: '总计 — all requesters.' }),
  }),
});

const AppealCountsRef = builder.objectRef<AppealCounts>('AnnualReportAppealCounts').implement({
  description: '复议/诉讼结果 — appeals filed this year, by their result as of the year\'s end.',
  fields: (t) => ({
    upheld: t.exposeInt('upheld', { description: '结果维持 — upheld.' }),
    corrected: t.exposeInt('corrected', { description: '结果纠正 — corrected.' }),
    other: t.exposeInt('other', { description: '其他结果 — another result.' }),
    pending: t.exposeInt('pending', { description: '尚未审结 — not decided by the year\'s end.' }),
    total: t.exposeInt('total', { description: '总计 — all of them.' }),
  }),
});

const AppealsRef = builder.objectRef<AnnualReport['appeals']>('AnnualReportAppeals').implement({
  description: '行政复议、行政诉讼情况 — 第四部分: appeals filed this year against requests of the unit\'s subtree.',
  fields: (t) => ({
    reconsideration: t.field({ type: AppealCountsRef, description: '行政复议 — administrative reconsideration.', resolve: (a) => a.reconsideration }),
    directLitigation: t.field({ type: AppealCountsRef, description: '未经复议直接起诉 — litigation without reconsideration first.', resolve: (a) => a.directLitigation }),
    litigationAfterReconsideration: t.field({ type: AppealCountsRef, description: '复议后起诉 — litigation after reconsideration.', resolve: (a) => a.litigationAfterReconsideration }),
  }),
});

const AnnualReportRef = builder.objectRef<AnnualReport>('AnnualReport').implement({
  description: '政府信息公开工作年度报告 — the annual report (国办公开办函〔2021〕30号 format) of one year for one unit and everything beneath it.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: '年度 — the year (local days in the county\'s time zone).' }),
    orgUnit: t.prismaField({
      type: OrgUnitRef,
      description: '机构 — the unit whose subtree is reported.',
      resolve: (query, r, _a, ctx) => ctx.db.orgUnit.findUniqueOrThrow({ ...query, where: { id: r.orgUnit.id } }),
    }),
    generatedAt: t.expose('generatedAt', { type: 'DateTime', description: '生成时间 — when these numbers were counted.' }),
    documents: t.field({ type: [DocumentRowRef], description: '第二十条第（一）项 — rules and normative documents.', resolve: (r) => r.documents }),
    decisions: t.field({ type: [DecisionRowRef], description: '第二十条第（五）（六）（八）项 — decisions by report item.', resolve: (r) => r.decisions }),
    requests: t.field({
      type: [RequestRowRef],
      description: '第三部分 — disclosure requests received and handled, top to bottom; 一 + 二 = 三（七） + 四 in every column.',
      resolve: (r) => r.requestRows,
    }),
    reclassifiedRequests: t.exposeInt('reclassified', {
      description: '待核实 — requests concluded this year whose outcome and detail name no row of the format; counted under （六）3.其他 (row code RECLASSIFIED lists them).',
    }),
    appeals: t.field({ type: AppealsRef, description: '第四部分 — administrative reconsideration and litigation.', resolve: (r) => r.appeals }),
  }),
});

// ---- queries -------------------------------------------------------------------------------------

const RECEIVED_ORDER: SortOrder = [{ field: 'receivedAt', direction: 'desc', type: 'date' }, idKey('desc')];

function checkYear(field: string, year: number): void {
  if (!isReportYear(year)) throw badUserInput(`${field}: year must be between ${FIRST_REPORT_YEAR} and ${LAST_REPORT_YEAR}`);
}

/** The unit when the caller may see its report (null: unknown or out of scope, alike). */
function unitInScope(ctx: Context, orgUnitId: string): Promise<ReportUnit | null> {
  return reportableUnit(ctx.db, ctx.viewer, { id: orgUnitId });
}

/** A page of the requests with these ids, through the concern row filter. */
function pageOfRequests(ctx: Context, info: Parameters<typeof resolvePage>[1], args: Parameters<typeof resolvePage>[2], ids: string[]) {
  return resolvePage(ctx, info, args, { model: ctx.db.concern, order: RECEIVED_ORDER, where: { AND: [concernReadWhere(ctx.viewer), { id: { in: ids } }] } }) as never;
}

builder.queryFields((t) => {
  const year = t.arg.int({ required: true, description: `年度 — the report year (${FIRST_REPORT_YEAR}–${LAST_REPORT_YEAR}).` });
  const orgUnitId = t.arg.globalID({ required: true, for: OrgUnitRef, description: '机构 — the unit; its whole subtree is counted.' });
  return {
    annualReport: t.field({
      type: AnnualReportRef,
      nullable: true,
      description: '政府信息公开工作年度报告 — the annual report of a unit and its subtree for a year. Staff with a role on the unit or above; null otherwise.',
      args: { year, orgUnitId },
      resolve: async (_r, args, ctx) => {
        checkYear('annualReport', args.year);
        const unit = await unitInScope(ctx, args.orgUnitId.id);
        return unit ? buildAnnualReport(ctx.db, unit, args.year, ctx.config.timeZone, ctx.now) : null;
      },
    }),
    annualReportRequests: t.connection(
      {
        type: ConcernRef,
        nullable: true,
        description: '年报明细 — exactly the requests one cell of 第三部分 counts, newest first; totalCount equals the cell. Staff with a role on the unit or above; null otherwise.',
        args: {
          year,
          orgUnitId,
          row: t.arg.string({ required: true, description: `行代码 — the row's code (AnnualReportRequestRow.code, or RECLASSIFIED).` }),
          requesterColumn: t.arg({ type: RequesterType as never, description: '申请人类型 — the column; omitted or null: the 总计 column.' }),
        },
        resolve: async (_r, args, ctx, info) => {
          checkYear('annualReportRequests', args.year);
          if (!DRILL_DOWN_CODES.includes(args.row)) {
            throw badUserInput(`annualReportRequests: unknown row '${args.row}'; valid codes: ${DRILL_DOWN_CODES.join(', ')}`, { validCodes: DRILL_DOWN_CODES });
          }
          const unit = await unitInScope(ctx, args.orgUnitId.id);
          if (!unit) return null;
          const ids = await requestIdsOfCell(ctx.db, unit, args.year, ctx.config.timeZone, args.row, (args.requesterColumn as RequesterType | null | undefined) ?? null);
          return pageOfRequests(ctx, info, args, ids);
        },
      },
      countedConnection('AnnualReportRequestConnection', '年报明细连接 — a page of the requests of a report cell.'),
      { name: 'AnnualReportRequestEdge', description: '年报明细边 — a request with its cursor.' },
    ),
    annualReportAppealRequests: t.connection(
      {
        type: ConcernRef,
        nullable: true,
        description: '复议/诉讼明细 — the requests whose appeals one cell of 第四部分 counts, newest first (a request appealed twice in one cell is listed once). Staff with a role on the unit or above; null otherwise.',
        args: {
          year,
          orgUnitId,
          group: t.arg({ type: AppealGroupEnum, required: true, description: '类别 — reconsideration or litigation (direct or after reconsideration).' }),
          column: t.arg({ type: AppealColumnEnum, required: true, description: '结果 — the result column.' }),
        },
        resolve: async (_r, args, ctx, info) => {
          checkYear('annualReportAppealRequests', args.year);
          const unit = await unitInScope(ctx, args.orgUnitId.id);
          if (!unit) return null;
          const ids = await requestIdsOfAppealCell(ctx.db, unit, args.year, ctx.config.timeZone, GROUP_KEY[args.group], COLUMN_KEY[args.column]);
          return pageOfRequests(ctx, info, args, ids);
        },
      },
      countedConnection('AnnualReportAppealRequestConnection', '复议/诉讼明细连接 — a page of the appealed requests of a report cell.'),
      { name: 'AnnualReportAppealRequestEdge', description: '复议/诉讼明细边 — a request with its cursor.' },
    ),
  };
});
