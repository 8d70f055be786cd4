// The GraphQL enums of disclosure requests, apart from the types that use them so that the
// concern types (concern.schema.ts) and the request mutations (request.schema.ts) share them.
import { AppealKind, AppealResult, ConcernClockEventKind, RequestOutcome, RequestOutcomeDetail, RequestReceiptMethod } from '../../generated/prisma/enums.js';
import { builder } from '../../graphql/builder.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import type { IdDocumentType } from './identity-documents.js';

export const ReceiptMethodEnum = enumFromPrisma('RequestReceiptMethod', RequestReceiptMethod, '申请方式 — how a request was received; decides when its clock starts (第31条).', {
  IN_PERSON: '当面提交 — in person: the clock starts that day.',
  POST: '邮寄 — by registered post or courier: the day it was signed for.',
  LETTER: '平常信函 — by ordinary letter: the day confirmed with the requester.',
  ONLINE: '网络 — online (website, mini-program, kiosk): the day both sides confirm.',
  FAX: '传真 — by fax: the day both sides confirm.',
});

export const OutcomeEnum = enumFromPrisma('RequestOutcome', RequestOutcome, '办理结果 — how a request was answered, in the 年报 format.', {
  DISCLOSED: '予以公开 — disclosed.',
  PARTIALLY_DISCLOSED: '部分公开 — partly disclosed.',
  NOT_DISCLOSED: '不予公开 — not disclosed (give one of its 8 reasons).',
  UNABLE_TO_PROVIDE: '无法提供 — cannot be provided (give one of its 3 reasons).',
  NOT_PROCESSED: '不予处理 — not processed (give one of its 5 reasons).',
  OTHER: '其他处理 — other handling (give one of its 3 reasons).',
  CARRIED_OVER: '结转下年度继续办理 — carried over to next year (counted, never given as an answer).',
});

export const OutcomeDetailEnum = enumFromPrisma('RequestOutcomeDetail', RequestOutcomeDetail, '办理结果理由 — the sub-reason of 不予公开、无法提供、不予处理 or 其他处理.', {
  STATE_SECRET: '属于国家秘密 — a state secret (不予公开).',
  PROHIBITED_BY_LAW: '其他法律行政法规禁止公开 — barred by another law (不予公开).',
  ENDANGERS_SECURITY_STABILITY: '危及"三安全一稳定" — would endanger security or stability (不予公开).',
  THIRD_PARTY_RIGHTS: '保护第三方合法权益 — a third party\'s rights (不予公开).',
  INTERNAL_AFFAIRS: '属于三类内部事务信息 — internal affairs (不予公开).',
  PROCESS_INFORMATION: '属于四类过程性信息 — process information (不予公开).',
  ENFORCEMENT_FILE: '属于行政执法案卷 — an enforcement file (不予公开).',
  ADMINISTRATIVE_INQUIRY: '属于行政查询事项 — an administrative inquiry (不予公开).',
  NOT_HELD: '本机关不掌握相关政府信息 — not held by this organ (无法提供).',
  NEEDS_CREATION: '没有现成信息需要另行制作 — would have to be created (无法提供).',
  STILL_UNCLEAR: '补正后申请内容仍不明确 — still unclear after correction (无法提供).',
  PETITION_COMPLAINT: '信访举报投诉类申请 — a petition or complaint (不予处理).',
  REPEATED: '重复申请 — a repeated request (不予处理).',
  PUBLICATION_REQUESTED: '要求提供公开出版物 — asks for a publication (不予处理).',
  VEXATIOUS: '无正当理由大量反复申请 — many repeated requests without good reason (不予处理).',
  CONFIRMATION_REQUESTED: '要求行政机关确认或重新出具已获取信息 — asks to confirm or reissue information held (不予处理).',
  FEE_UNPAID: '申请人逾期未按收费通知要求缴纳费用 — the fee was not paid in time (其他处理).',
  CORRECTION_NOT_SUPPLIED: '申请人无正当理由逾期不补正 — no correction in time (其他处理, 视为放弃).',
  OTHER: '其他 — other (其他处理).',
});

export const ClockEventKindEnum = enumFromPrisma('ConcernClockEventKind', ConcernClockEventKind, '时限事件 — a step of a request\'s statutory clock.', {
  START: '开始计算 — the clock starts (receipt in person, signed for, or confirmed).',
  PAUSE_FOR_CORRECTION: '补正告知 — the clock stops until the corrected request arrives.',
  CORRECTED: '补正到达 — the time limit counts anew from this day.',
  PAUSE_FOR_THIRD_PARTY: '征求第三方意见 — not counted, at most 15 working days.',
  RESUME: '恢复计算 — the third party answered.',
  EXTEND: '延期 — extended (once, at most 20 working days, approved).',
  ABANDON: '视为放弃 — no correction in the set time.',
});

export const AppealKindEnum = enumFromPrisma('AppealKind', AppealKind, '救济方式 — 行政复议 or 行政诉讼.', {
  RECONSIDERATION: '行政复议 — administrative reconsideration.',
  LITIGATION: '行政诉讼 — administrative litigation.',
});

export const AppealResultEnum = enumFromPrisma('AppealResult', AppealResult, '审理结果 — the result of an appeal, in the 年报 columns.', {
  UPHELD: '结果维持 — upheld.',
  CORRECTED: '结果纠正 — corrected.',
  OTHER: '其他结果 — another result.',
  PENDING: '尚未审结 — not yet decided.',
});

export const IdDocumentTypeEnum = builder.enumType('IdDocumentType', {
  description: '身份证明 — the document a requester identifies with (第29条).',
  values: {
    RESIDENT_ID: { description: '居民身份证 — resident identity card (number checked).' },
    PASSPORT: { description: '护照 — passport.' },
    HK_MACAO_TAIWAN_PERMIT: { description: '港澳台居民居住证或通行证 — Hong Kong, Macao or Taiwan residents\' permit.' },
    CREDIT_CODE: { description: '统一社会信用代码 — unified social credit code of an organisation (number checked).' },
    OTHER: { description: '其他证件 — another document.' },
  } satisfies Record<IdDocumentType, { description: string }>,
});
