// 解读时限 and 同步发布. A policy whose standard requires an interpretation starts a clock at its
// first publication (interpretationDueAt: the end of the Nth working day after it); its
// interpretations are due by the earliest clock of the policies they interpret. Publishing an
// interpretation stops the clock of each of its policies (interpretedAt).
import { InputError } from '../../errors.js';
import { checkpoint } from '../../faults.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { ReleaseStatus } from '../../generated/prisma/enums.js';
import { scopePaths } from '../../permissions/scope.js';
import type { AuditActor } from '../audit/audit.service.js';
import { endOfWorkingDaysAfter } from '../calendar/deadline-rules.js';
import { emitEvent } from '../outbox/outbox.service.js';
import { addRevision, auditActionOf, authorize, userIdOf, writeAudit, writeNote, type Subject, type WorkflowContext } from '../workflow/editorial-workflow.js';

type Tx = Prisma.TransactionClient;

/** The earliest interpretation deadline among the policies of interpretation `i`. */
const dueOfInterpretation = Prisma.sql`(
  SELECT min(r."interpretationDueAt") FROM "InterpretationPolicy" p JOIN "Release" r ON r."id" = p."releaseId"
  WHERE p."interpretationId" = i."id")`;

/**
 * At a policy's first publication: its interpretation deadline, when its matter's standard in
 * force requires an interpretation, and the deadline of interpretations already drafted for it.
 */
export async function startInterpretationClock(
  tx: Tx,
  release: { id: string; matterId: string; firstPublishedAt: Date | null; interpretationDueAt: Date | null },
  at: Date,
  rules: { timeZone: string; interpretationWorkingDays: number },
): Promise<void> {
  if (release.interpretationDueAt || release.firstPublishedAt?.getTime() !== at.getTime()) return;
  const standard = await tx.standard.findFirst({
    where: { matterId: release.matterId, catalogVersion: { status: 'ACTIVE' } },
    select: { requiresInterpretation: true },
  });
  if (!standard?.requiresInterpretation) return;
  const due = await endOfWorkingDaysAfter(tx, at, rules.interpretationWorkingDays, rules.timeZone);
  await tx.release.update({ where: { id: release.id }, data: { interpretationDueAt: due }, select: { id: true } });
  await tx.$executeRaw`
    UPDATE "Interpretation" i SET "dueAt" = ${dueOfInterpretation}
    WHERE i."firstPublishedAt" IS NULL
      AND i."id" IN (SELECT p."interpretationId" FROM "InterpretationPolicy" p WHERE p."releaseId" = ${release.id}::uuid)`;
}

/** Recomputes an unpublished interpretation's deadline after its policies changed. */
export async function refreshInterpretationDueAt(tx: Tx, interpretationId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Interpretation" i SET "dueAt" = ${dueOfInterpretation}
    WHERE i."id" = ${interpretationId}::uuid AND i."firstPublishedAt" IS NULL`;
}

/**
 * Publishes an interpretation at `at`: every policy it interprets must be public by then (or
 * published in the same transaction: 同步发布). Records whether it met its deadline on first
 * publication and stops its policies' clocks.
 */
export async function publishInterpretationNow(tx: Tx, actor: AuditActor, subject: Pick<Subject, 'id' | 'status' | 'ownerId'>, authorId: string | null, at: Date): Promise<void> {
  const unpublished = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS "n" FROM "InterpretationPolicy" p JOIN "Release" r ON r."id" = p."releaseId"
    WHERE p."interpretationId" = ${subject.id}::uuid AND NOT (r."status" = 'PUBLISHED' AND r."publishedAt" <= ${at})`;
  if (unpublished[0]!.n > 0) {
    throw new InputError('policyIds', '所解读的政策文件尚未发布 — every policy it interprets must be published first, or together with it (同步发布: publishRelease with withInterpretations).');
  }
  const current = await tx.interpretation.findUniqueOrThrow({ where: { id: subject.id }, select: { firstPublishedAt: true, dueAt: true } });
  const first = current.firstPublishedAt === null;
  const updated = await tx.interpretation.update({
    where: { id: subject.id },
    data: {
      status: 'PUBLISHED',
      publishedAt: at,
      ...(first ? { firstPublishedAt: at, publishedOnTime: current.dueAt ? at <= current.dueAt : null } : {}),
      version: { increment: 1 },
      updatedById: authorId,
    },
    select: { id: true, status: true, version: true, publishedOnTime: true, policies: { select: { releaseId: true } } },
  });
  checkpoint('interpretation.publish.after-status');
  await tx.release.updateMany({ where: { id: { in: updated.policies.map((p) => p.releaseId) }, interpretedAt: null }, data: { interpretedAt: at } });
  await addRevision(tx, 'Interpretation', subject.id, 'MAJOR', '发布', authorId);
  await writeNote(tx, { kind: 'Interpretation', id: subject.id }, 'PUBLISH', subject.status as ReleaseStatus, 'PUBLISHED', authorId);
  await writeAudit(tx, actor, 'Interpretation', auditActionOf('Interpretation', 'published'), updated, subject.ownerId, { publishedOnTime: updated.publishedOnTime });
  checkpoint('interpretation.publish.after-audit');
  await emitInterpretation(tx, 'interpretation.published', subject.id);
}

/**
 * 同步发布: publishes the approved interpretations (of units the caller publishes for) of a policy being published, each under the
 * same checks as its own publication (the caller's role on its unit, four-eyes having been met
 * at approval). Refuses when there is none, so "publish with its interpretation" never silently
 * publishes the policy alone.
 */
export async function publishApprovedInterpretations(tx: Tx, ctx: WorkflowContext, releaseId: string): Promise<void> {
  // Those of units the caller publishes for; another unit's approved interpretation is its own to publish.
  const publishable = scopePaths(ctx.viewer, ['REVIEWER', 'ADMIN']).map((path) => ({ interpretingOrg: { path: { startsWith: path } } }));
  const approved = await tx.interpretation.findMany({
    where: { status: 'APPROVED', policies: { some: { releaseId } }, OR: publishable.length ? publishable : [{ id: { in: [] } }] },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  if (approved.length === 0) {
    throw new InputError('withInterpretations', '没有已审核通过的解读 — this release has no approved interpretation to publish with it.');
  }
  for (const { id } of approved) {
    const { subject } = await authorize(tx, ctx, 'Interpretation', id, 'PUBLISH');
    await publishInterpretationNow(tx, ctx.actor, subject, userIdOf(ctx), ctx.now);
  }
}

/** The outbox event of an interpretation as it stands (channels pull these; no personal data). */
export async function emitInterpretation(tx: Tx, topic: 'interpretation.published' | 'interpretation.updated' | 'interpretation.withdrawn', id: string): Promise<void> {
  const i = await tx.interpretation.findUniqueOrThrow({
    where: { id },
    select: { id: true, title: true, form: true, status: true, interpretingOrgId: true, targetChannels: true, publishedAt: true, withdrawnAt: true, withdrawalReason: true, version: true, policies: { select: { releaseId: true } } },
  });
  await emitEvent(tx, topic, { type: 'Interpretation', id }, { orgUnitId: i.interpretingOrgId, channels: i.targetChannels }, {
    id: i.id,
    title: i.title,
    form: i.form,
    status: i.status,
    interpretingOrgId: i.interpretingOrgId,
    policyIds: i.policies.map((p) => p.releaseId),
    targetChannels: i.targetChannels,
    publishedAt: i.publishedAt?.toISOString() ?? null,
    withdrawnAt: i.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: i.withdrawalReason ?? null,
    version: i.version,
  });
}
