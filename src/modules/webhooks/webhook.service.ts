// Webhook endpoints of channel clients, administered by the admins who manage the channel:
// register (the secret is returned once), change, switch off and on, delete, rotate the secret
// with an overlap, and replay deliveries. Every action is audited in its own transaction; the
// secret never reaches the audit log or any read field, and of a receiver URL the audit log keeps
// only its origin (scheme://host:port): its path or query may carry a token, and auditors, who
// read the audit log, may not see endpoints.
import { staffUserId, type Viewer } from '../../auth/viewer.js';
import type { WebhooksConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { InputError, InputProblems, NotFoundError } from '../../errors.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { textField } from '../../validation.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { CHANGE_EVENT_TYPES } from '../changes/change-feed.js';
import { canManageChannel } from '../channels/channel.permissions.js';
import { parseWebhookUrl, RefusedAddressError, resolveAllowed } from './outbound-http.js';
import { scheduleEndpoint } from './webhook-delivery.js';
import { encryptSecret, newWebhookSecret, secretEncryptionKey } from './webhook-secrets.js';

export interface WebhookAdminDeps {
  db: Db;
  viewer: Viewer;
  actor: AuditActor;
  jobs: JobQueue;
  settings: WebhooksConfig;
  /** The server secret the stored webhook secrets are encrypted under (JWT_SECRET). */
  serverSecret: Uint8Array;
  now: Date;
}

type Tx = Prisma.TransactionClient;

/** A receiver URL as the audit log keeps it: scheme://host[:port], never its path or query. */
export function auditedOrigin(url: string): string {
  return new URL(url).origin;
}

/** Checks a receiver URL: http(s), no credentials, and no private address unless allowed. */
export async function validWebhookUrl(raw: string, settings: Pick<WebhooksConfig, 'allowedHosts' | 'timeoutMs'>): Promise<string> {
  const value = raw.trim();
  if (value.length > 2000) throw new InputError('url', '地址过长 — url must be at most 2000 characters.');
  try {
    const url = parseWebhookUrl(value);
    // A name that does not resolve (yet) is accepted: every delivery checks it again.
    const deadline = performance.now() + settings.timeoutMs;
    await resolveAllowed(url, settings.allowedHosts, { deadline, timeoutMs: settings.timeoutMs }).catch((error: unknown) => {
      if (error instanceof RefusedAddressError) throw error;
    });
    return url.toString();
  } catch (error) {
    if (error instanceof RefusedAddressError) throw new InputError('url', error.message);
    throw error;
  }
}

/** Event kinds to deliver: a subset of the change feed's types; empty means all. */
export function validEventKinds(kinds: readonly string[] | null | undefined): string[] {
  const unique = [...new Set((kinds ?? []).map((k) => k.trim()))];
  const unknown = unique.filter((k) => !(CHANGE_EVENT_TYPES as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new InputError('eventKinds', `未知的事件类型 — unknown event kind ${unknown.map((k) => `'${k.slice(0, 50)}'`).join(', ')}; known: ${CHANGE_EVENT_TYPES.join(', ')}.`);
  }
  return unique;
}

async function manageableChannel(tx: Tx, viewer: Viewer, id: string) {
  const channel = await tx.channelClient.findUnique({ where: { id }, include: { orgUnit: { select: { path: true } } } });
  if (!channel || !canManageChannel(viewer, channel.orgUnit?.path ?? null)) throw new NotFoundError('channel client');
  return channel;
}

async function manageableEndpoint(tx: Tx, viewer: Viewer, id: string) {
  const endpoint = await tx.webhookEndpoint.findUnique({ where: { id }, include: { channelClient: { include: { orgUnit: { select: { path: true } } } } } });
  if (!endpoint || !canManageChannel(viewer, endpoint.channelClient.orgUnit?.path ?? null)) throw new NotFoundError('webhook endpoint');
  return endpoint;
}

export async function createWebhookEndpoint(
  deps: WebhookAdminDeps,
  input: { channelClientId: string; url: string; eventKinds?: readonly string[] | null; description?: string | null; active?: boolean | null },
): Promise<{ endpointId: string; secret: string }> {
  const problems = new InputProblems();
  const url = await problems.checkAsync(() => validWebhookUrl(input.url, deps.settings));
  const eventKinds = problems.check(() => validEventKinds(input.eventKinds));
  const description = problems.check(() => textField('description', input.description, 500));
  problems.throwIfAny();
  const secret = newWebhookSecret();
  const secretCiphertext = encryptSecret(secretEncryptionKey(deps.serverSecret), secret);
  return deps.db.$transaction(async (tx) => {
    const channel = await manageableChannel(tx, deps.viewer, input.channelClientId);
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        channelClientId: channel.id,
        url,
        eventKinds,
        description,
        active: input.active ?? true,
        secretCiphertext,
        createdById: staffUserId(deps.viewer),
      },
    });
    await recordAudit(tx, deps.actor, {
      action: 'webhook.created',
      entityType: 'WebhookEndpoint',
      entityId: endpoint.id,
      orgUnitId: channel.orgUnitId,
      data: { channelClientId: channel.id, origin: auditedOrigin(url), eventKinds, active: endpoint.active },
    });
    return { endpointId: endpoint.id, secret };
  });
}

/**
 * Changes an endpoint. `active: false` holds its deliveries: events keep being queued for it
 * (PENDING) and nothing is sent. `active: true` on an endpoint that was switched off (or
 * disabled after failures) clears its failure state and sends everything pending, in order,
 * each with a fresh retry window.
 */
export async function updateWebhookEndpoint(
  deps: WebhookAdminDeps,
  input: { id: string; url?: string | null; eventKinds?: readonly string[] | null; description?: string | null; active?: boolean | null },
): Promise<{ endpointId: string }> {
  const problems = new InputProblems();
  const data: Prisma.WebhookEndpointUpdateInput = {
    ...(input.url != null ? { url: await problems.checkAsync(() => validWebhookUrl(input.url!, deps.settings)) } : {}),
    ...(input.eventKinds != null ? { eventKinds: problems.check(() => validEventKinds(input.eventKinds)) } : {}),
    ...(input.description != null ? { description: problems.check(() => textField('description', input.description, 500)) } : {}),
  };
  problems.throwIfAny();
  return deps.db.$transaction(async (tx) => {
    const endpoint = await manageableEndpoint(tx, deps.viewer, input.id);
    const reEnabled = input.active === true && (!endpoint.active || endpoint.disabledAt !== null);
    if (input.active === false) Object.assign(data, { active: false });
    if (reEnabled) Object.assign(data, { active: true, disabledAt: null, disabledReason: null, failingSince: null, consecutiveFailures: 0 });
    const updated = await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data });
    if (reEnabled) {
      // What waited while it was off starts a fresh run of attempts (a day of retries from now,
      // not from an attempt made before it was switched off).
      await tx.webhookDelivery.updateMany({ where: { endpointId: endpoint.id, status: 'PENDING' }, data: { firstAttemptAt: null } });
      await scheduleEndpoint(tx, deps.jobs, endpoint.id, deps.now);
    }
    const { url: newUrl, ...changed } = data as Prisma.InputJsonObject;
    await recordAudit(tx, deps.actor, {
      action: 'webhook.updated',
      entityType: 'WebhookEndpoint',
      entityId: endpoint.id,
      orgUnitId: endpoint.channelClient.orgUnitId,
      data: {
        ...changed,
        ...(typeof newUrl === 'string' ? { origin: auditedOrigin(newUrl) } : {}),
        ...(reEnabled ? { reEnabled: true, wasDisabledAt: endpoint.disabledAt?.toISOString() ?? null } : {}),
      },
    });
    return { endpointId: updated.id };
  });
}

export async function deleteWebhookEndpoint(deps: WebhookAdminDeps, id: string): Promise<{ endpointId: string }> {
  return deps.db.$transaction(async (tx) => {
    const endpoint = await manageableEndpoint(tx, deps.viewer, id);
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(tx, deps.actor, {
      action: 'webhook.deleted',
      entityType: 'WebhookEndpoint',
      entityId: endpoint.id,
      orgUnitId: endpoint.channelClient.orgUnitId,
      data: { channelClientId: endpoint.channelClientId, origin: auditedOrigin(endpoint.url) },
    });
    return { endpointId: endpoint.id };
  });
}

/**
 * A new secret for an endpoint, returned once. The previous one keeps signing beside it for
 * `overlapSeconds` (default WEBHOOK_SECRET_OVERLAP_SECONDS): during the overlap every delivery
 * carries both signatures, so the receiver can switch at its own pace. A rotation during an
 * overlap drops the oldest secret.
 */
export async function rotateWebhookSecret(deps: WebhookAdminDeps, input: { id: string; overlapSeconds?: number | null }): Promise<{ endpointId: string; secret: string }> {
  const overlap = input.overlapSeconds ?? deps.settings.secretOverlapSeconds;
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > 30 * 86_400) {
    throw new InputError('overlapSeconds', '重叠期须为0–2592000秒 — overlapSeconds must be 0 to 2592000 (30 days).');
  }
  const secret = newWebhookSecret();
  const secretCiphertext = encryptSecret(secretEncryptionKey(deps.serverSecret), secret);
  return deps.db.$transaction(async (tx) => {
    const endpoint = await manageableEndpoint(tx, deps.viewer, input.id);
    // The secret is read under the row's lock: a concurrent rotation waits here and then reads
    // the secret this one wrote (each statement sees what has committed), so the one it demotes
    // to "previous" is the current one, never one already replaced (which would be lost).
    await tx.$queryRaw`SELECT 1 FROM "WebhookEndpoint" WHERE "id" = ${endpoint.id}::uuid FOR UPDATE`;
    const current = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id }, select: { secretCiphertext: true } });
    const expiresAt = new Date(deps.now.getTime() + overlap * 1000);
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        secretCiphertext,
        previousSecretCiphertext: overlap > 0 ? current.secretCiphertext : null,
        previousSecretExpiresAt: overlap > 0 ? expiresAt : null,
      },
    });
    await recordAudit(tx, deps.actor, {
      action: 'webhook.secret_rotated',
      entityType: 'WebhookEndpoint',
      entityId: endpoint.id,
      orgUnitId: endpoint.channelClient.orgUnitId,
      data: { overlapSeconds: overlap, previousSecretExpiresAt: overlap > 0 ? expiresAt.toISOString() : null },
    });
    return { endpointId: endpoint.id, secret };
  });
}

/**
 * Sends a delivery again (any status): it is queued anew with the same `webhook-id`. Like every
 * pending delivery it waits while the endpoint is switched off or disabled, or its channel
 * client is deactivated.
 */
export async function replayWebhookDelivery(deps: WebhookAdminDeps, deliveryId: string): Promise<{ deliveryId: string }> {
  return deps.db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { id: true, endpointId: true } });
    const endpoint = delivery ? await manageableEndpoint(tx, deps.viewer, delivery.endpointId).catch(() => null) : null;
    if (!delivery || !endpoint) throw new NotFoundError('webhook delivery');
    // A delivery still PENDING is already on its way (maybe mid-request): it is left as it is.
    await requeue(tx, deps, endpoint.id, { id: delivery.id, status: { not: 'PENDING' } });
    await scheduleEndpoint(tx, deps.jobs, endpoint.id, deps.now);
    await recordAudit(tx, deps.actor, {
      action: 'webhook.replayed',
      entityType: 'WebhookEndpoint',
      entityId: endpoint.id,
      orgUnitId: endpoint.channelClient.orgUnitId,
      data: { deliveryIds: [delivery.id] },
    });
    return { deliveryId: delivery.id };
  });
}

/** Sends again every FAILED delivery of an endpoint created since `since`. */
export async function replayFailedWebhookDeliveries(deps: WebhookAdminDeps, input: { endpointId: string; since: Date }): Promise<{ endpointId: string; replayed: number }> {
  return deps.db.$transaction(async (tx) => {
    const endpoint = await manageableEndpoint(tx, deps.viewer, input.endpointId);
    const replayed = await requeue(tx, deps, endpoint.id, { status: 'FAILED', createdAt: { gte: input.since } });
    await recordAudit(tx, deps.actor, {
      action: 'webhook.replayed',
      entityType: 'WebhookEndpoint',
      entityId: endpoint.id,
      orgUnitId: endpoint.channelClient.orgUnitId,
      data: { failedSince: input.since.toISOString(), count: replayed },
    });
    return { endpointId: endpoint.id, replayed };
  });
}

async function requeue(tx: Tx, deps: WebhookAdminDeps, endpointId: string, where: Prisma.WebhookDeliveryWhereInput): Promise<number> {
  const { count } = await tx.webhookDelivery.updateMany({
    where: { ...where, endpointId },
    // A fresh run of attempts (its own retry window); the attempt count and last outcome stay
    // in the log until the next attempt overwrites them.
    data: { status: 'PENDING', nextAttemptAt: null, firstAttemptAt: null, deliveredAt: null },
  });
  if (count > 0) await scheduleEndpoint(tx, deps.jobs, endpointId, deps.now);
  return count;
}
