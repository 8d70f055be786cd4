// 行政复议 and 行政诉讼 over disclosure requests (条例 第51条; 年报 第四部分), recorded by reviewers of
// the request's unit, with their result once decided.
import { checkedInput, InputError, NotFoundError } from '../../errors.js';
import type { AppealKind, AppealResult } from '../../generated/prisma/enums.js';
import { dateToDay, localDay } from '../../time.js';
import { textField } from '../../validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { lockConcern } from '../concerns/concern.service.js';
import { userIdOf, type WorkflowContext } from '../workflow/editorial-workflow.js';
import { VersionConflictError } from '../workflow/workflow.errors.js';

const RECORDERS = ['REVIEWER', 'ADMIN'] as const;

export interface AppealFields {
  kind: AppealKind;
  afterReconsideration?: boolean | null;
  caseNo?: string | null;
  filedOn: Date;
  result?: AppealResult | null;
  decidedOn?: Date | null;
  note?: string | null;
}

/** The appeal's fields, checked against each other and today. */
function checkedAppeal(input: AppealFields, now: Date, timeZone: string) {
  const today = localDay(now, timeZone);
  const filed = dateToDay(input.filedOn);
  const result = input.result ?? 'PENDING';
  const decided = input.decidedOn ? dateToDay(input.decidedOn) : null;
  return checkedInput((p) => {
    p.check(() => {
      if (filed > today) throw new InputError('filedOn', '立案日期不能晚于今天 — the filing day is in the future.');
    });
    p.check(() => {
      if (input.afterReconsideration && input.kind !== 'LITIGATION') throw new InputError('afterReconsideration', '只有行政诉讼区分复议后起诉 — only litigation is filed after a reconsideration.');
    });
    p.check(() => {
      if (result === 'PENDING' && decided) throw new InputError('decidedOn', '尚未审结的案件没有审结日期 — a pending case has no decision day.');
      if (result !== 'PENDING' && !decided) throw new InputError('decidedOn', '请填写审结日期 — give the day the case was decided.');
      if (decided && (decided < filed || decided > today)) throw new InputError('decidedOn', '审结日期须在立案日期与今天之间 — the decision day must be between the filing day and today.');
    });
    return {
      kind: input.kind,
      afterReconsideration: input.kind === 'LITIGATION' && input.afterReconsideration === true,
      caseNo: p.check(() => textField('caseNo', input.caseNo, 100)),
      filedOn: input.filedOn,
      result,
      decidedOn: input.decidedOn ?? null,
      note: p.check(() => textField('note', input.note, 2000)),
    };
  });
}

export async function recordDisclosureAppeal(ctx: WorkflowContext, input: AppealFields & { concernId: string }): Promise<string> {
  const fields = checkedAppeal(input, ctx.now, ctx.timeZone);
  return ctx.db.$transaction(async (tx) => {
    const request = await lockConcern(tx, ctx, input.concernId, RECORDERS);
    if (request.kind !== 'DISCLOSURE_REQUEST') throw new InputError('concernId', '复议和诉讼只登记于政府信息公开申请 — appeals are recorded against disclosure requests.');
    if (dateToDay(input.filedOn) < localDay(request.receivedAt, ctx.timeZone)) throw new InputError('filedOn', '立案日期早于申请日期 — the case was filed before the request was received.');
    const created = await tx.disclosureAppeal.create({ data: { concernId: request.id, ...fields, createdById: userIdOf(ctx) }, select: { id: true } });
    await recordAudit(tx, ctx.actor, { action: 'disclosure_appeal.recorded', entityType: 'DisclosureAppeal', entityId: created.id, orgUnitId: request.orgUnitId, data: { concernId: request.id, kind: fields.kind, result: fields.result } });
    return created.id;
  });
}

/** Corrects an appeal or records its result; `expectedVersion` must be current. Omitted fields stay. */
export async function updateDisclosureAppeal(ctx: WorkflowContext, input: Partial<AppealFields> & { id: string; expectedVersion: number }): Promise<string> {
  const existing = await ctx.db.disclosureAppeal.findUnique({ where: { id: input.id }, select: { concernId: true } });
  if (!existing) throw new NotFoundError('disclosure appeal');
  return ctx.db.$transaction(async (tx) => {
    const request = await lockConcern(tx, ctx, existing.concernId, RECORDERS);
    const appeal = await tx.disclosureAppeal.findUniqueOrThrow({ where: { id: input.id } });
    if (appeal.version !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, appeal.version);
    const pick = <K extends keyof AppealFields>(key: K): AppealFields[K] => (input[key] !== undefined ? (input[key] as AppealFields[K]) : (appeal[key] as AppealFields[K]));
    const fields = checkedAppeal(
      { kind: pick('kind'), afterReconsideration: pick('afterReconsideration'), caseNo: pick('caseNo'), filedOn: pick('filedOn'), result: pick('result'), decidedOn: pick('decidedOn'), note: pick('note') },
      ctx.now,
      ctx.timeZone,
    );
    await tx.disclosureAppeal.update({ where: { id: appeal.id }, data: { ...fields, version: { increment: 1 } }, select: { id: true } });
    await recordAudit(tx, ctx.actor, { action: 'disclosure_appeal.updated', entityType: 'DisclosureAppeal', entityId: appeal.id, orgUnitId: request.orgUnitId, data: { concernId: request.id, result: fields.result } });
    return appeal.id;
  });
}
