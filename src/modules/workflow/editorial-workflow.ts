// The editorial workflow shared by releases, interpretations (解读) and responses (回应). Every
// workflow mutation of every kind runs the same pipeline, in this order:
//   1. lock the content row (concurrent transitions queue instead of racing),
//   2. access: the caller's roles on the owning unit's subtree (none → NotFound, like an unknown id),
//   3. the state machine (state-machine.ts) → InvalidTransitionError naming the current state,
//      and the four-eyes rule for approval,
//   4. validate the input (the kind's service),
//   5. write status, revision, review note, audit event and outbox event in ONE transaction.
// The kinds' services add what only they have (index numbers, deadlines, the concern a response
// answers); the steps every kind shares live here once.
import { staffUserId, type Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import { NotFoundError } from '../../errors.js';
import { checkpoint } from '../../faults.js';
import { Prisma, type RevisionKind, type WorkflowAction } from '../../generated/prisma/client.js';
import type { ReleaseStatus } from '../../generated/prisma/enums.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { uuidv7 } from '../../ids.js';
import { rolesOn } from '../../permissions/scope.js';
import { textField } from '../../validation.js';
import { recordAudit, type AuditAction, type AuditActor, type EditorialAuditAction, type EditorialVerb } from '../audit/audit.service.js';
import type { DeadlineRules } from '../calendar/deadline-rules.js';
import { SUBJECTS } from './editorial-subjects.js';
import { checkTransition, type EditorialKind, type ReleaseAction } from './state-machine.js';
import { InvalidTransitionError } from './workflow.errors.js';

type Tx = Prisma.TransactionClient;

export interface WorkflowContext {
  db: Db;
  viewer: Viewer;
  actor: AuditActor;
  now: Date;
  timeZone: string;
  jobs: JobQueue;
  /** The county's deadlines for interpretations and answers. */
  deadlines: DeadlineRules;
  /** Called once a change that may alter what the public sees has committed (count caches). */
  onPublicChange?: () => void;
}

/** Awaits a transaction that may change what the public sees, then says so. */
export async function publicChange<T>(ctx: WorkflowContext, transaction: Promise<T>): Promise<T> {
  const result = await transaction;
  ctx.onPublicChange?.();
  return result;
}

export function userIdOf(ctx: Pick<WorkflowContext, 'viewer'>): string | null {
  return staffUserId(ctx.viewer);
}

/** A locked content row as the workflow sees it, whatever its kind. */
export interface Subject {
  kind: EditorialKind;
  id: string;
  status: ReleaseStatus;
  version: number;
  createdById: string | null;
  updatedById: string | null;
  ownerId: string;
  ownerPath: string;
  singlePersonReview: boolean;
}

/** Locks the row (FOR UPDATE) and reads its workflow state and owning unit in one statement. */
export async function lockSubject(tx: Tx, kind: EditorialKind, id: string): Promise<Subject> {
  const spec = SUBJECTS[kind];
  const rows = await tx.$queryRaw<Omit<Subject, 'kind'>[]>`
    SELECT s."id", s."status"::text AS "status", s."version", s."createdById", s."updatedById",
           o."id" AS "ownerId", o."path" AS "ownerPath", o."singlePersonReview"
    FROM ${spec.table} s JOIN "OrgUnit" o ON o."id" = s.${spec.ownerColumn}
    WHERE s."id" = ${id}::uuid FOR UPDATE OF s`;
  if (!rows[0]) throw new NotFoundError(spec.noun);
  return { kind, ...rows[0] };
}

/** Throws NotFound unless the viewer holds a role on the subject's unit (others' content answers like unknown ids). */
export function assertOwned(ctx: Pick<WorkflowContext, 'viewer'>, subject: Pick<Subject, 'kind' | 'ownerPath'>): void {
  if (rolesOn(ctx.viewer, subject.ownerPath).length === 0) throw new NotFoundError(SUBJECTS[subject.kind].noun);
}

/** Checks that the caller writes for an active unit (EDITOR, REVIEWER or ADMIN over it); others answer like unknown units. */
export async function assertWriterOf(tx: Tx, ctx: Pick<WorkflowContext, 'viewer'>, orgUnitId: string): Promise<void> {
  const unit = await tx.orgUnit.findUnique({ where: { id: orgUnitId }, select: { path: true, active: true } });
  const roles = unit ? rolesOn(ctx.viewer, unit.path) : [];
  if (!unit || !unit.active || !roles.some((r) => r === 'EDITOR' || r === 'REVIEWER' || r === 'ADMIN')) throw new NotFoundError('org unit');
}

/** Locks and loads the content and checks that the caller may take `action` on it now. */
export async function authorize(tx: Tx, ctx: WorkflowContext, kind: EditorialKind, id: string, action: ReleaseAction): Promise<{ subject: Subject; to: ReleaseStatus | undefined }> {
  const subject = await lockSubject(tx, kind, id);
  assertOwned(ctx, subject);
  const check = checkTransition(action, subject.status, rolesOn(ctx.viewer, subject.ownerPath), kind);
  if (!check.ok) throw new InvalidTransitionError(action, subject.status, check.reason, kind);
  if (action === 'APPROVE' && !subject.singlePersonReview && (await involvedUserIds(tx, subject)).has(userIdOf(ctx))) {
    throw new InvalidTransitionError(action, subject.status, 'FOUR_EYES', kind);
  }
  return { subject, to: check.to };
}

/**
 * Four-eyes: who made the content what it is under review — its creator, the author of its
 * last saved edition and its submitter (the last to change it: nothing but a submission leads
 * to IN_REVIEW).
 */
async function involvedUserIds(tx: Tx, subject: Subject): Promise<Set<string | null>> {
  const lastEdition = await tx.revision.findFirst({
    where: { [SUBJECTS[subject.kind].foreignKey]: subject.id },
    orderBy: { number: 'desc' },
    select: { authorId: true },
  });
  return new Set([subject.createdById, lastEdition?.authorId ?? null, subject.updatedById].filter((id) => id !== null));
}

// ---- the records every step leaves --------------------------------------------------------------

export async function writeNote(tx: Tx, subject: Pick<Subject, 'kind' | 'id'>, action: WorkflowAction, from: ReleaseStatus, to: ReleaseStatus, authorId: string | null, comment: string | null = null): Promise<void> {
  await tx.reviewNote.create({
    data: { [SUBJECTS[subject.kind].foreignKey]: subject.id, action, fromStatus: from, toStatus: to, comment, authorId },
    select: { id: true },
  });
}

/** The audit action of a step every kind shares: `<kind>.<verb>`. */
export const auditActionOf = (kind: EditorialKind, verb: EditorialVerb): EditorialAuditAction => `${SUBJECTS[kind].auditPrefix}.${verb}`;

/** The audit event of a workflow step, with the content's state after it. */
export async function writeAudit(
  tx: Tx,
  actor: AuditActor,
  kind: EditorialKind,
  action: AuditAction,
  row: { id: string; status: ReleaseStatus; version: number },
  ownerId: string,
  data: Prisma.InputJsonObject = {},
): Promise<void> {
  await recordAudit(tx, actor, {
    action,
    entityType: kind,
    entityId: row.id,
    orgUnitId: ownerId,
    data: { status: row.status, version: row.version, ...data },
  });
}

/** Saves the content as it stands as its next revision (numbered per content item). */
export async function addRevision(tx: Tx, kind: EditorialKind, id: string, revisionKind: RevisionKind, changeNote: string | null, authorId: string | null): Promise<void> {
  const spec = SUBJECTS[kind];
  const fk = Prisma.raw(`"${spec.foreignKey}"`);
  await tx.$executeRaw`
    INSERT INTO "Revision" ("id", ${fk}, "number", "kind", "changeNote", "status", "snapshot", "authorId")
    SELECT ${uuidv7()}::uuid, r."id",
           COALESCE((SELECT max(v."number") FROM "Revision" v WHERE v.${fk} = r."id"), 0) + 1,
           ${revisionKind}::"RevisionKind", ${changeNote}, r."status", ${spec.snapshot}, ${authorId}::uuid
    FROM ${spec.table} r WHERE r."id" = ${id}::uuid`;
}

// ---- generic status writes ----------------------------------------------------------------------

type StatusRow = { id: string; status: ReleaseStatus; version: number };
interface Delegate {
  update(args: { where: { id: string }; data: Record<string, unknown>; select: Record<string, true> }): Promise<StatusRow>;
}

function delegate(tx: Tx, kind: EditorialKind): Delegate {
  const byKind = { Release: tx.release, Interpretation: tx.interpretation, Response: tx.response };
  return byKind[kind] as unknown as Delegate;
}

/** Sets the status (and `data`), bumps the version and records who changed it. */
export async function saveStatus(tx: Tx, ctx: Pick<WorkflowContext, 'viewer'>, subject: Subject, to: ReleaseStatus, data: Record<string, unknown> = {}): Promise<StatusRow> {
  return delegate(tx, subject.kind).update({
    where: { id: subject.id },
    data: { status: to, ...data, version: { increment: 1 }, updatedById: userIdOf(ctx) },
    select: { id: true, status: true, version: true },
  });
}

const VERB_OF = { SUBMIT: 'submitted', APPROVE: 'approved', REJECT: 'rejected' } as const;

/** submit, approve, reject: a status change with its review note and audit event. */
export async function simpleTransition(ctx: WorkflowContext, kind: EditorialKind, id: string, action: 'SUBMIT' | 'APPROVE' | 'REJECT', comment: string | null | undefined): Promise<string> {
  const text = textField('comment', comment, 2000, action === 'REJECT');
  return ctx.db.$transaction(async (tx) => {
    const { subject, to } = await authorize(tx, ctx, kind, id, action);
    const updated = await saveStatus(tx, ctx, subject, to!);
    await writeNote(tx, subject, action, subject.status, to!, userIdOf(ctx), text);
    await writeAudit(tx, ctx.actor, kind, auditActionOf(kind, VERB_OF[action]), updated, subject.ownerId, text ? { comment: text } : {});
    return id;
  });
}

/**
 * 撤回: PUBLISHED → WITHDRAWN with a reason, as a major revision. A withdrawn item stays
 * reachable as a notice (title, reason) but its body is no longer served. `also` adds what the
 * kind does besides (cancel jobs, emit its outbox event).
 */
export async function withdraw(
  ctx: WorkflowContext,
  kind: EditorialKind,
  id: string,
  reason: string,
  also: (tx: Tx, subject: Subject, why: string) => Promise<Record<string, unknown> | void> = async () => {},
  afterStatus: (tx: Tx, updated: StatusRow) => Promise<void> = async () => {},
  /** Rows to lock before the content's own (a response's concern), in the order other writers take them. */
  lockFirst: (tx: Tx) => Promise<void> = async () => {},
): Promise<string> {
  const why = textField('reason', reason, 500, true)!;
  const point = SUBJECTS[kind].auditPrefix;
  return publicChange(ctx, ctx.db.$transaction(async (tx) => {
    await lockFirst(tx);
    const { subject } = await authorize(tx, ctx, kind, id, 'WITHDRAW');
    const extra = (await also(tx, subject, why)) ?? {};
    const updated = await saveStatus(tx, ctx, subject, 'WITHDRAWN', { withdrawnAt: ctx.now, withdrawalReason: why, ...extra });
    checkpoint(`${point}.withdraw.after-status`);
    await addRevision(tx, kind, id, 'MAJOR', `撤回：${why}`, userIdOf(ctx));
    checkpoint(`${point}.withdraw.after-revision`);
    await writeNote(tx, subject, 'WITHDRAW', subject.status, 'WITHDRAWN', userIdOf(ctx), why);
    await writeAudit(tx, ctx.actor, kind, auditActionOf(kind, 'withdrawn'), updated, subject.ownerId, { reason: why });
    checkpoint(`${point}.withdraw.after-audit`);
    await afterStatus(tx, updated);
    checkpoint(`${point}.withdraw.after-outbox`);
    return id;
  }));
}

/** Deletes a draft that was never published (published content can only be withdrawn). */
export async function deleteDraft(ctx: WorkflowContext, kind: EditorialKind, id: string, data: (tx: Tx) => Promise<Prisma.InputJsonObject> = async () => ({})): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const { subject } = await authorize(tx, ctx, kind, id, 'DELETE');
    const auditData = await data(tx);
    await (delegate(tx, kind) as unknown as { delete(args: { where: { id: string }; select: { id: true } }): Promise<unknown> }).delete({ where: { id }, select: { id: true } });
    await writeAudit(tx, ctx.actor, kind, auditActionOf(kind, 'deleted'), subject, subject.ownerId, auditData);
  });
}
