// The rows and columns of the 政府信息公开工作年度报告 as 国办公开办函〔2021〕30号 lays them out:
// one place for the codes, the numbering and the Chinese labels, shared by the SQL that counts
// (annual-report.service.ts), the GraphQL types and the three downloads, so that a row can
// never be labelled one way on screen and counted another way in the database.
import type { AnnualReportItem, RequesterType } from '../../generated/prisma/enums.js';

// ---- 第三部分: requests ---------------------------------------------------------------------

/** The 申请人情况 columns, in the format's order (null requesterType counts as 自然人). */
export const REQUESTER_COLUMNS = [
  { type: 'NATURAL_PERSON', label: '自然人', field: 'naturalPerson' },
  { type: 'COMMERCIAL_ENTERPRISE', label: '商业企业', field: 'commercialEnterprise' },
  { type: 'RESEARCH_INSTITUTION', label: '科研机构', field: 'researchInstitution' },
  { type: 'PUBLIC_INTEREST_ORGANIZATION', label: '社会公益组织', field: 'publicInterestOrganization' },
  { type: 'LEGAL_SERVICE_ORGANIZATION', label: '法律服务机构', field: 'legalServiceOrganization' },
  { type: 'OTHER_ORGANIZATION', label: '其他', field: 'otherOrganization' },
] as const satisfies readonly { type: RequesterType; label: string; field: string }[];

export type RequesterColumnField = (typeof REQUESTER_COLUMNS)[number]['field'];

export interface RequestRowDefinition {
  /** Stable code: the drill-down names a row by it ('NOT_DISCLOSED.STATE_SECRET'). */
  code: string;
  /** The format's numbering: '一、', '（三）', '3.'. */
  number: string;
  /** The label without its numbering. */
  label: string;
  /** 0: 一、二、四、 (and the 三、 header); 1: （一）…（七）; 2: 1. 2. … under a （…）. */
  level: 0 | 1 | 2;
  /** The row whose count is the sum of this one's and its siblings'. */
  parentCode: string | null;
}

/** Outcome families with sub-rows, and their details in the format's order. */
export const OUTCOME_FAMILIES = [
  {
    outcome: 'NOT_DISCLOSED',
    number: '（三）',
    label: '不予公开',
    details: [
      ['STATE_SECRET', '属于国家秘密'],
      ['PROHIBITED_BY_LAW', '其他法律行政法规禁止公开'],
      ['ENDANGERS_SECURITY_STABILITY', '危及“三安全一稳定”'],
      ['THIRD_PARTY_RIGHTS', '保护第三方合法权益'],
      ['INTERNAL_AFFAIRS', '属于三类内部事务信息'],
      ['PROCESS_INFORMATION', '属于四类过程性信息'],
      ['ENFORCEMENT_FILE', '属于行政执法案卷'],
      ['ADMINISTRATIVE_INQUIRY', '属于行政查询事项'],
    ],
  },
  {
    outcome: 'UNABLE_TO_PROVIDE',
    number: '（四）',
    label: '无法提供',
    details: [
      ['NOT_HELD', '本机关不掌握相关政府信息'],
      ['NEEDS_CREATION', '没有现成信息需要另行制作'],
      ['STILL_UNCLEAR', '补正后申请内容仍不明确'],
    ],
  },
  {
    outcome: 'NOT_PROCESSED',
    number: '（五）',
    label: '不予处理',
    details: [
      ['PETITION_COMPLAINT', '信访举报投诉类申请'],
      ['REPEATED', '重复申请'],
      ['PUBLICATION_REQUESTED', '要求提供公开出版物'],
      ['VEXATIOUS', '无正当理由大量反复申请'],
      ['CONFIRMATION_REQUESTED', '要求行政机关确认或重新出具已获取信息'],
    ],
  },
  {
    outcome: 'OTHER',
    number: '（六）',
    label: '其他处理',
    details: [
      ['CORRECTION_NOT_SUPPLIED', '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
      ['FEE_UNPAID', '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
      ['OTHER', '其他'],
    ],
  },
] as const;

/** Where a concluded request without a valid outcome and detail is counted: （六）3.其他. */
export const FALLBACK_RESULT_CODE = 'OTHER.OTHER';

/** The total of 三、本年度办理结果 (its （七）总计 row). */
export const CONCLUDED_CODE = 'CONCLUDED';

const family = (f: (typeof OUTCOME_FAMILIES)[number]): RequestRowDefinition[] => [
  { code: f.outcome, number: f.number, label: f.label, level: 1, parentCode: CONCLUDED_CODE },
  ...f.details.map(([detail, label], i): RequestRowDefinition => ({ code: `${f.outcome}.${detail}`, number: `${i + 1}.`, label, level: 2, parentCode: f.outcome })),
];

/** Every numbered row of 第三部分 that carries numbers, top to bottom. */
export const REQUEST_ROWS: readonly RequestRowDefinition[] = [
  { code: 'RECEIVED', number: '一、', label: '本年新收政府信息公开申请数量', level: 0, parentCode: null },
  { code: 'CARRIED_IN', number: '二、', label: '上年结转政府信息公开申请数量', level: 0, parentCode: null },
  { code: 'DISCLOSED', number: '（一）', label: '予以公开', level: 1, parentCode: CONCLUDED_CODE },
  { code: 'PARTIALLY_DISCLOSED', number: '（二）', label: '部分公开（区分处理的，只计这一情形，不计其他情形）', level: 1, parentCode: CONCLUDED_CODE },
  ...OUTCOME_FAMILIES.flatMap(family),
  { code: CONCLUDED_CODE, number: '（七）', label: '总计', level: 1, parentCode: null },
  { code: 'CARRIED_OUT', number: '四、', label: '结转下年度继续办理', level: 0, parentCode: null },
];

/** The header row above the results (no numbers of its own: its total is （七）). */
export const RESULTS_HEADING = { number: '三、', label: '本年度办理结果' } as const;

export const REQUEST_ROW_CODES: readonly string[] = REQUEST_ROWS.map((r) => r.code);

export function requestRow(code: string): RequestRowDefinition | undefined {
  return REQUEST_ROWS.find((r) => r.code === code);
}

// ---- 第二部分: proactive disclosure ------------------------------------------------------------

/** 第二十条第（一）项: documents counted by 体裁 (genre). */
export const DOCUMENT_KINDS = [
  { kind: 'RULE', label: '规章', genres: ['规章'] },
  { kind: 'NORMATIVE_DOCUMENT', label: '行政规范性文件', genres: ['规范性文件', '行政规范性文件'] },
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number]['kind'];

/** 第二十条第（五）（六）（八）项: decisions counted by the matter's report item. */
export const DECISION_ITEMS = [
  { item: 'ADMINISTRATIVE_LICENSE', label: '行政许可', article: '第二十条第（五）项' },
  { item: 'ADMINISTRATIVE_PENALTY', label: '行政处罚', article: '第二十条第（六）项' },
  { item: 'ADMINISTRATIVE_COERCION', label: '行政强制', article: '第二十条第（六）项' },
  { item: 'ADMINISTRATIVE_FEE', label: '行政事业性收费', article: '第二十条第（八）项' },
] as const satisfies readonly { item: AnnualReportItem; label: string; article: string }[];

/** WARNING: the format asks for 收费金额（万元）; the system records no amounts, only releases. */
export const FEE_NOTE = '行政事业性收费：格式要求填报本年收费金额（万元），本系统不记录金额，此处为本年公开的收费信息件数，金额请另行填报。';

// ---- 第四部分: appeals ------------------------------------------------------------------------

export const APPEAL_GROUPS = [
  { key: 'reconsideration', label: '行政复议' },
  { key: 'directLitigation', label: '未经复议直接起诉' },
  { key: 'litigationAfterReconsideration', label: '复议后起诉' },
] as const;

export type AppealGroupKey = (typeof APPEAL_GROUPS)[number]['key'];

export const APPEAL_COLUMNS = [
  { key: 'upheld', label: '结果维持', result: 'UPHELD' },
  { key: 'corrected', label: '结果纠正', result: 'CORRECTED' },
  { key: 'other', label: '其他结果', result: 'OTHER' },
  { key: 'pending', label: '尚未审结', result: 'PENDING' },
  { key: 'total', label: '总计', result: null },
] as const;

export type AppealColumnKey = (typeof APPEAL_COLUMNS)[number]['key'];
