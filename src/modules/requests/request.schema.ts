// 依申请公开 over GraphQL: the requester submits online (any channel) and follows the request with
// concernStatus; staff register requests received in person, by post, letter or fax, record
// the clock's steps, and record appeals. Answers are Responses (createResponse with an outcome).
import { builder } from '../../graphql/builder.js';
import { TooManyAttemptsError } from '../auth/auth.errors.js';
import { ConcernPayload, ConcernRef, concernContext, concernErrors, DisclosureAppealRef, ReceiptRef, RequesterTypeEnum } from '../concerns/concern.schema.js';
import type { Receipt } from '../concerns/concern.service.js';
import { MAX_CONTENT_CHARS } from '../concerns/concern.service.js';
import { OrgUnitRef } from '../org/org-unit.schema.js';
import { concernReadWhere } from '../concerns/concern.permissions.js';
import { workflowContext } from '../workflow/workflow-mutations.schema.js';
import { IdempotencyKeyReusedError, VersionConflictError } from '../workflow/workflow.errors.js';
import { checkedInput, InputError, NotFoundError } from '../../errors.js';
import * as appeals from './appeal.service.js';
import { AppealKindEnum, AppealResultEnum, IdDocumentTypeEnum, ReceiptMethodEnum } from './request.enums.js';
import { DEFAULT_CORRECTION_WORKING_DAYS, MAX_CORRECTION_WORKING_DAYS } from './request.service.js';
import * as requests from './request.service.js';
import { MAX_EXTENSION_WORKING_DAYS } from './request-clock.js';

const RequesterInput = builder.inputType('DisclosureRequesterInput', {
  description: '申请人 — who asks (条例 第29条); seen only by the handling unit\'s staff (masked unless revealed, audited), deleted some time after the request is closed.',
  fields: (t) => ({
    requesterType: t.field({ type: RequesterTypeEnum, required: true, description: '申请人类型 — a natural person or the kind of organisation.' }),
    name: t.string({ required: true, description: '姓名或名称 — name of the person or organisation (≤100).' }),
    idDocumentType: t.field({ type: IdDocumentTypeEnum, required: true, description: '身份证明 — a natural person: an identity document; an organisation: its credit code.' }),
    idDocumentNo: t.string({ required: true, description: '证件号码 — its number (≤64; 居民身份证 and 统一社会信用代码 are checked).', extensions: { maxLength: 64 } }),
    phone: t.string({ description: '电话 — mobile or landline (a phone or an e-mail is required).' }),
    email: t.string({ description: '邮箱 — e-mail.' }),
    address: t.string({ description: '通信地址 — postal address.' }),
  }),
});

const DisclosureReceiptRef = builder.objectRef<Receipt>('DisclosureRequestReceipt').implement({
  description: '申请回执 — keep the tracking number and access code: the code is shown only this once.',
  fields: (t) => ({
    receipt: t.field({ type: ReceiptRef, description: '受理回执 — tracking number, access code, day received, due date (null until receipt is confirmed with you).', resolve: (r) => r }),
    concern: t.prismaField({
      type: ConcernRef,
      nullable: true,
      description: '申请 — the request (staff only).',
      resolve: (query, r, _a, ctx) => ctx.db.concern.findFirst({ ...query, where: { AND: [{ id: r.concernId }, concernReadWhere(ctx.viewer)] } }),
    }),
  }),
});

const AppealPayload = builder.objectRef<{ appealId: string }>('DisclosureAppealPayload').implement({
  description: '复议诉讼操作结果 — the appeal after the action.',
  fields: (t) => ({
    appeal: t.prismaField({
      type: DisclosureAppealRef,
      nullable: true,
      description: '复议诉讼 — the appeal.',
      resolve: (query, p, _a, ctx) => ctx.db.disclosureAppeal.findFirst({ ...query, where: { id: p.appealId, concern: concernReadWhere(ctx.viewer) } }),
    }),
  }),
});

builder.mutationFields((t) => {
  const id = t.input.globalID({ required: true, for: ConcernRef, description: '申请 — the disclosure request.' });
  const day = (description: string) => t.input.field({ type: 'Date', description: `${description} (default today; not in the future, not before the request's last recorded step).` });
  const requestInput = {
    requester: t.input.field({ type: RequesterInput, required: true, description: '申请人 — who asks.' }),
    description: t.input.string({ required: true, description: `所需信息 — 名称、文号或者便于查询的特征性描述 (≤${MAX_CONTENT_CHARS}).`, extensions: { maxLength: MAX_CONTENT_CHARS } }),
    subject: t.input.string({ description: '标题 — a short title (default: from the description).' }),
    deliveryPreference: t.input.string({ description: '获取方式 — 纸质、电子邮件、光盘、当面查阅 … (≤200).' }),
    idempotencyKey: t.input.string({ description: '幂等键 — a retry with the same key files once and shows the same receipt.' }),
  };
  const concernPayload = (concernId: string) => ({ concernId });
  const appealPayload = (appealId: string) => ({ appealId });
  return {
    submitDisclosureRequest: t.fieldWithInput({
      type: DisclosureReceiptRef,
      description: '提交政府信息公开申请 — ask for government information online (anonymous callers and channels). The time limit starts when the unit confirms receipt with you.',
      typeOptions: { description: '申请输入 — the request and how to answer you.' },
      input: { ...requestInput, orgUnitId: t.input.globalID({ for: OrgUnitRef, description: '申请机关 — the government or department asked (default: the openness office routes it).' }) },
      errors: { types: [InputError, NotFoundError, TooManyAttemptsError, IdempotencyKeyReusedError], union: { description: '申请结果 — the receipt, or why not.' } },
      resolve: (_r, { input }, ctx) => requests.submitDisclosureRequest(concernContext(ctx), { ...input, orgUnitId: input.orgUnitId?.id ?? null }),
    }),
    registerDisclosureRequest: t.fieldWithInput({
      type: DisclosureReceiptRef,
      description: '登记政府信息公开申请 — enter a request received in person, by post, letter or fax (staff of the unit asked). In person: the clock starts that day; by post: the day signed for; letter and fax: once confirmed.',
      typeOptions: { description: '登记输入 — the request, how and when it arrived.' },
      input: {
        ...requestInput,
        orgUnitId: t.input.globalID({ required: true, for: OrgUnitRef, description: '受理机关 — the unit asked (within your scope).' }),
        receiptMethod: t.input.field({ type: ReceiptMethodEnum, required: true, description: '申请方式 — how it arrived.' }),
        receivedOn: t.input.field({ type: 'Date', description: '收到日期 — in person: that day; by post: the day signed for (default today).' }),
        confirmedOn: t.input.field({ type: 'Date', description: '确认日期 — letter, fax or online: the day receipt was confirmed with the requester (else confirm later).' }),
      },
      errors: { types: [InputError, NotFoundError, IdempotencyKeyReusedError], union: { description: '登记结果 — the receipt, or why not.' } },
      resolve: (_r, { input }, ctx) => requests.registerDisclosureRequest(concernContext(ctx), { ...input, orgUnitId: input.orgUnitId.id }),
    }),
    confirmDisclosureRequest: t.fieldWithInput({
      type: ConcernPayload,
      description: '确认收到申请 — record the day receipt of an online, fax or letter request was confirmed with the requester: its time limit starts (第31条).',
      typeOptions: { description: '确认输入 — the request and the day.' },
      input: { id, confirmedOn: day('确认日期 — the day both sides confirmed') },
      errors: { types: concernErrors, union: { description: '确认结果 — the request, or why not.' } },
      resolve: async (_r, { input }, ctx) => concernPayload(await requests.confirmDisclosureRequest(workflowContext(ctx), { id: input.id.id, confirmedOn: input.confirmedOn })),
    }),
    requestDisclosureCorrection: t.fieldWithInput({
      type: ConcernPayload,
      description: '告知补正 — one combined notice, within 7 working days of receipt, of what to supplement and by when; the clock stops (第30条). Without a reply in time the request is deemed abandoned.',
      typeOptions: { description: '补正告知输入 — the request, what to supplement and the period.' },
      input: {
        id,
        note: t.input.string({ required: true, description: '补正内容 — what must be supplemented (one combined notice).' }),
        workingDays: t.input.int({ description: `补正期限 — working days the requester is given (default ${DEFAULT_CORRECTION_WORKING_DAYS}, 1–${MAX_CORRECTION_WORKING_DAYS}).` }),
        noticeOn: day('告知日期 — the day the notice was sent'),
      },
      errors: { types: concernErrors, union: { description: '补正告知结果 — the request, or why not.' } },
      resolve: async (_r, { input }, ctx) => concernPayload(await requests.requestCorrection(workflowContext(ctx), { ...input, id: input.id.id })),
    }),
    recordDisclosureCorrection: t.fieldWithInput({
      type: ConcernPayload,
      description: '收到补正 — the corrected request arrived within the period: the time limit counts anew from that day (第30条).',
      typeOptions: { description: '收到补正输入 — the request and the day.' },
      input: { id, receivedOn: day('收到日期 — the day the correction arrived'), note: t.input.string({ description: '说明 — note.' }) },
      errors: { types: concernErrors, union: { description: '收到补正结果 — the request, or why not.' } },
      resolve: async (_r, { input }, ctx) => concernPayload(await requests.recordCorrection(workflowContext(ctx), { ...input, id: input.id.id })),
    }),
    startThirdPartyConsultation: t.fieldWithInput({
      type: ConcernPayload,
      description: '征求第三方意见 — the time it takes is not counted, for at most 15 working days (第32条).',
      typeOptions: { description: '征求意见输入 — the request, whom and why.' },
      input: { id, note: t.input.string({ required: true, description: '说明 — whose rights are concerned, how they were asked.' }), startedOn: day('开始日期 — the day the third party was asked') },
      errors: { types: concernErrors, union: { description: '征求意见结果 — the request, or why not.' } },
      resolve: async (_r, { input }, ctx) => concernPayload(await requests.startThirdPartyConsultation(workflowContext(ctx), { ...input, id: input.id.id })),
    }),
    endThirdPartyConsultation: t.fieldWithInput({
      type: ConcernPayload,
      description: '第三方意见已答复 — counting goes on (the days not counted are capped at 15 working days).',
      typeOptions: { description: '结束征求意见输入 — the request and the day.' },
      input: { id, endedOn: day('答复日期 — the day the third party answered'), note: t.input.string({ description: '说明 — note.' }) },
      errors: { types: concernErrors, union: { description: '结束征求意见结果 — the request, or why not.' } },
      resolve: async (_r, { input }, ctx) => concernPayload(await requests.endThirdPartyConsultation(workflowContext(ctx), { ...input, id: input.id.id })),
    }),
    extendDisclosureRequest: t.fieldWithInput({
      type: ConcernPayload,
      description: `延长答复期限 — once, by at most ${MAX_EXTENSION_WORKING_DAYS} working days, before the time limit ends, approved by the head of the 工作机构 (reviewers of the unit record it); the requester is told (第33条).`,
      typeOptions: { description: '延期输入 — the request, days, reason and approver.' },
      input: {
        id,
        workingDays: t.input.int({ required: true, description: `延长工作日 — 1–${MAX_EXTENSION_WORKING_DAYS}.` }),
        reason: t.input.string({ required: true, description: '延期理由 — why.' }),
        approver: t.input.string({ required: true, description: '批准人 — who approved it (工作机构负责人).' }),
      },
      errors: { types: concernErrors, union: { description: '延期结果 — the request, or why not.' } },
      resolve: async (_r, { input }, ctx) => concernPayload(await requests.extendDisclosureRequest(workflowContext(ctx), { ...input, id: input.id.id })),
    }),
    recordDisclosureAppeal: t.fieldWithInput({
      type: AppealPayload,
      description: '登记复议诉讼 — record an administrative reconsideration or lawsuit against a request (reviewers of its unit).',
      typeOptions: { description: '登记复议诉讼输入 — the request and the case.' },
      input: {
        concernId: id,
        kind: t.input.field({ type: AppealKindEnum, required: true, description: '类型 — 行政复议 or 行政诉讼.' }),
        afterReconsideration: t.input.boolean({ description: '复议后起诉 — litigation after a reconsideration (default false).' }),
        caseNo: t.input.string({ description: '案号 — case number.' }),
        filedOn: t.input.field({ type: 'Date', required: true, description: '立案日期 — day filed.' }),
        result: t.input.field({ type: AppealResultEnum, description: '结果 — default 尚未审结.' }),
        decidedOn: t.input.field({ type: 'Date', description: '审结日期 — required once decided.' }),
        note: t.input.string({ description: '备注 — note.' }),
      },
      errors: { types: concernErrors, union: { description: '登记结果 — the appeal, or why not.' } },
      resolve: async (_r, { input }, ctx) => appealPayload(await appeals.recordDisclosureAppeal(workflowContext(ctx), { ...input, concernId: input.concernId.id })),
    }),
    updateDisclosureAppeal: t.fieldWithInput({
      type: AppealPayload,
      description: '更新复议诉讼 — record the result or correct an appeal (`expectedVersion` must be current; omitted fields stay).',
      typeOptions: { description: '更新复议诉讼输入 — the fields to change.' },
      input: {
        id: t.input.globalID({ required: true, for: DisclosureAppealRef, description: '复议诉讼 — the appeal.' }),
        expectedVersion: t.input.int({ required: true, description: '期望版本 — the `version` your change is based on.' }),
        kind: t.input.field({ type: AppealKindEnum, description: '类型.' }),
        afterReconsideration: t.input.boolean({ description: '复议后起诉.' }),
        caseNo: t.input.string({ description: '案号.' }),
        filedOn: t.input.field({ type: 'Date', description: '立案日期.' }),
        result: t.input.field({ type: AppealResultEnum, description: '结果.' }),
        decidedOn: t.input.field({ type: 'Date', description: '审结日期.' }),
        note: t.input.string({ description: '备注.' }),
      },
      errors: { types: [...concernErrors, VersionConflictError], union: { description: '更新结果 — the appeal, or why not.' } },
      resolve: async (_r, { input }, ctx) => {
        const { id: appealId, kind, filedOn, result, afterReconsideration, ...rest } = input;
        checkedInput((p) => {
          for (const [field, value] of Object.entries({ kind, filedOn, result, afterReconsideration })) {
            p.check(() => {
              if (value === null) throw new InputError(field, `${field} 不能为空 — ${field} cannot be null; omit it to keep it.`, undefined, 'REQUIRED');
            });
          }
        });
        return appealPayload(await appeals.updateDisclosureAppeal(workflowContext(ctx), { ...rest, id: appealId.id, kind: kind ?? undefined, filedOn: filedOn ?? undefined, result: result ?? undefined, afterReconsideration: afterReconsideration ?? undefined }));
      },
    }),
  };
});
