// Append-only audit trail. Every event is written with the transaction client of the change it
// records, so the change and its record commit or roll back together. Never put secrets or
// citizens' personal data in `data`.
import type { Prisma } from '../../generated/prisma/client.js';

/** The steps every kind of published content shares (editorial-workflow.ts). */
export type EditorialVerb = 'created' | 'updated' | 'submitted' | 'approved' | 'rejected' | 'published' | 'withdrawn' | 'deleted';
export type EditorialAuditAction = `${'release' | 'interpretation' | 'response'}.${EditorialVerb}`;

export type AuditAction =
  | EditorialAuditAction
  | 'auth.login.succeeded'
  | 'auth.login.failed'
  | 'auth.login.locked'
  | 'auth.login.second_factor_required'
  | 'user.totp.enrolment_started'
  | 'user.totp.enabled'
  | 'user.totp.disabled'
  | 'user.totp.recovery_codes_regenerated'
  | 'user.totp.reset'
  | 'auth.refresh.reused'
  | 'auth.logout'
  | 'auth.session.revoked'
  | 'user.created'
  | 'user.updated'
  | 'user.password_changed'
  | 'user.deactivated'
  | 'user.identity_linked'
  | 'user.identity_unlinked'
  | 'grant.created'
  | 'grant.revoked'
  | 'org_unit.created'
  | 'org_unit.updated'
  | 'channel.created'
  | 'channel.updated'
  | 'api_key.issued'
  | 'api_key.revoked'
  | 'api_key.updated'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.deleted'
  | 'webhook.secret_rotated'
  | 'webhook.disabled'
  | 'webhook.replayed'
  | 'release.scheduled'
  | 'release.unscheduled'
  | 'release.repealed'
  | 'release.repeal_scheduled'
  | 'release.restored'
  | 'release_preview.created'
  | 'release_preview.revoked'
  | 'interpretation.linked'
  | 'concern.submitted'
  | 'concern.registered'
  | 'concern.transferred'
  | 'concern.extended'
  | 'concern.answered'
  | 'concern.closed'
  | 'concern.submitter_read'
  | 'concern.submitter_purged'
  | 'disclosure_request.confirmed'
  | 'disclosure_request.correction_requested'
  | 'disclosure_request.corrected'
  | 'disclosure_request.third_party_started'
  | 'disclosure_request.third_party_ended'
  | 'disclosure_request.extended'
  | 'disclosure_request.abandoned'
  | 'disclosure_appeal.recorded'
  | 'disclosure_appeal.updated'
  | 'calendar.updated'
  | 'assessment_scheme.activated';

/** Who did it and from where: taken from the request context. */
export interface AuditActor {
  userId?: string | null;
  channelId?: string | null;
  address?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  entityType?: string;
  entityId?: string;
  orgUnitId?: string | null;
  data?: Prisma.InputJsonObject;
}

/**
 * Sign-in noise: purged after AUTH_AUDIT_RETENTION_DAYS (never sooner than 7 days, which the
 * table's trigger enforces). Every other event is a change record and is kept for good.
 */
export const AUTH_NOISE_ACTIONS: readonly string[] = ['auth.login.failed', 'auth.login.locked', /* written by earlier versions */ 'auth.login.throttled'];

export async function purgeAuthNoise(db: Pick<Prisma.TransactionClient, 'auditEvent'>, now: Date, retentionDays: number): Promise<number> {
  const { count } = await db.auditEvent.deleteMany({
    where: { action: { in: [...AUTH_NOISE_ACTIONS] }, occurredAt: { lt: new Date(now.getTime() - retentionDays * 86_400_000) } },
  });
  return count;
}

export async function recordAudit(tx: Prisma.TransactionClient, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: entry.action,
      actorUserId: actor.userId ?? null,
      actorChannelId: actor.channelId ?? null,
      actorAddress: actor.address ?? null,
      requestId: actor.requestId ?? null,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      orgUnitId: entry.orgUnitId ?? null,
      data: entry.data ?? {},
    },
    select: { id: true },
  });
}

/** The audit actor of a request context. */
export function actorOf(ctx: {
  viewer: { kind: string; userId?: string; channelId?: string };
  clientAddress: string;
  requestId: string;
}): AuditActor {
  return {
    userId: ctx.viewer.kind === 'user' ? (ctx.viewer.userId ?? null) : null,
    channelId: ctx.viewer.kind === 'channel' ? (ctx.viewer.channelId ?? null) : null,
    address: ctx.clientAddress,
    requestId: ctx.requestId,
  };
}
