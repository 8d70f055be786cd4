// Channel clients (website, mini-program, kiosks, new media) and their API keys. A key is shown
// once, at issue; only its lookup prefix and a hash are kept.
import { newApiKey } from '../../auth/tokens.js';
import { staffUserId, type Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import type { ChannelKind } from '../../generated/prisma/enums.js';
import { checkedInput, InputError, NotFoundError } from '../../errors.js';
import { textField } from '../../validation.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { canManageChannel } from './channel.permissions.js';

/** Largest per-channel rate limit an admin may set (operations per minute). */
export const MAX_OPERATIONS_PER_MINUTE = 1_000_000;

/** A channel's own rate limit: 1…MAX per minute, or null for the server's default. */
function validOperationsPerMinute(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 1 || value > MAX_OPERATIONS_PER_MINUTE) {
    throw new InputError('operationsPerMinute', `每分钟操作数须为1–${MAX_OPERATIONS_PER_MINUTE}，或为空（使用默认值） — operationsPerMinute must be 1–${MAX_OPERATIONS_PER_MINUTE}, or null for the server's default.`);
  }
  return value;
}

export async function createChannelClient(
  db: Db,
  viewer: Viewer,
  actor: AuditActor,
  input: { name: string; kind: ChannelKind; description?: string | null; orgUnitId?: string | null; operationsPerMinute?: number | null },
) {
  const { name, description, operationsPerMinute } = checkedInput((p) => ({
    name: p.check(() => textField('name', input.name, 100, true)!),
    description: p.check(() => textField('description', input.description, 500)),
    operationsPerMinute: p.check(() => validOperationsPerMinute(input.operationsPerMinute ?? null)),
  }));
  return db.$transaction(async (tx) => {
    let orgPath: string | null = null;
    if (input.orgUnitId) {
      const org = await tx.orgUnit.findUnique({ where: { id: input.orgUnitId }, select: { path: true } });
      if (!org) throw new NotFoundError('org unit');
      orgPath = org.path;
    }
    if (!canManageChannel(viewer, orgPath)) throw new NotFoundError('org unit');
    const channel = await tx.channelClient.create({
      data: { name, kind: input.kind, description, orgUnitId: input.orgUnitId ?? null, operationsPerMinute },
    });
    await recordAudit(tx, actor, { action: 'channel.created', entityType: 'ChannelClient', entityId: channel.id, orgUnitId: channel.orgUnitId, data: { name, kind: input.kind, operationsPerMinute } });
    return channel;
  });
}

async function manageableChannel(tx: Parameters<Parameters<Db['$transaction']>[0]>[0], viewer: Viewer, id: string) {
  const channel = await tx.channelClient.findUnique({ where: { id }, include: { orgUnit: { select: { path: true } } } });
  if (!channel || !canManageChannel(viewer, channel.orgUnit?.path ?? null)) throw new NotFoundError('channel client');
  return channel;
}

export async function updateChannelClient(
  db: Db,
  viewer: Viewer,
  actor: AuditActor,
  input: { id: string; name?: string | null; description?: string | null; active?: boolean | null; operationsPerMinute?: number | null },
) {
  const data = checkedInput((p) => ({
    ...(input.name != null ? { name: p.check(() => textField('name', input.name, 100, true)!) } : {}),
    ...(input.description != null ? { description: p.check(() => textField('description', input.description, 500)) } : {}),
    ...(input.active != null ? { active: input.active } : {}),
    // Omitted: unchanged; null: back to the server's default.
    ...(input.operationsPerMinute !== undefined ? { operationsPerMinute: p.check(() => validOperationsPerMinute(input.operationsPerMinute!)) } : {}),
  }));
  return db.$transaction(async (tx) => {
    const channel = await manageableChannel(tx, viewer, input.id);
    const updated = await tx.channelClient.update({ where: { id: channel.id }, data });
    await recordAudit(tx, actor, { action: 'channel.updated', entityType: 'ChannelClient', entityId: channel.id, orgUnitId: channel.orgUnitId, data });
    return updated;
  });
}

export async function issueApiKey(
  db: Db,
  viewer: Viewer,
  actor: AuditActor,
  input: { channelClientId: string; label?: string | null; expiresAt?: Date | null; trustedDocumentsOnly?: boolean | null },
  now: Date,
) {
  const trustedDocumentsOnly = input.trustedDocumentsOnly ?? true;
  const label = checkedInput((p) => {
    p.check(() => {
      if (input.expiresAt && input.expiresAt <= now) throw new InputError('expiresAt', '过期时间须在将来 — expiresAt must be in the future.');
    });
    return p.check(() => textField('label', input.label, 100));
  });
  return db.$transaction(async (tx) => {
    const channel = await manageableChannel(tx, viewer, input.channelClientId);
    const { key, prefix, hash } = newApiKey();
    const apiKey = await tx.apiKey.create({
      data: {
        channelClientId: channel.id,
        prefix,
        keyHash: hash,
        label,
        expiresAt: input.expiresAt ?? null,
        trustedDocumentsOnly,
        createdById: staffUserId(viewer),
      },
    });
    await recordAudit(tx, actor, { action: 'api_key.issued', entityType: 'ApiKey', entityId: apiKey.id, orgUnitId: channel.orgUnitId, data: { channelClientId: channel.id, prefix, label, trustedDocumentsOnly } });
    return { apiKey, key };
  });
}

export async function revokeApiKey(db: Db, viewer: Viewer, actor: AuditActor, apiKeyId: string, now: Date) {
  return db.$transaction(async (tx) => {
    const apiKey = await tx.apiKey.findUnique({ where: { id: apiKeyId }, include: { channelClient: { include: { orgUnit: { select: { path: true } } } } } });
    if (!apiKey || !canManageChannel(viewer, apiKey.channelClient.orgUnit?.path ?? null)) throw new NotFoundError('API key');
    if (apiKey.revokedAt) return apiKey;
    const revoked = await tx.apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: now } });
    await recordAudit(tx, actor, { action: 'api_key.revoked', entityType: 'ApiKey', entityId: apiKey.id, orgUnitId: apiKey.channelClient.orgUnitId, data: { prefix: apiKey.prefix } });
    return revoked;
  });
}

/** Changes a key's settings: whether it may send query text (trustedDocumentsOnly), its label. */
export async function updateApiKey(
  db: Db,
  viewer: Viewer,
  actor: AuditActor,
  input: { apiKeyId: string; trustedDocumentsOnly?: boolean | null; label?: string | null },
) {
  const data = {
    ...(input.trustedDocumentsOnly != null ? { trustedDocumentsOnly: input.trustedDocumentsOnly } : {}),
    ...(input.label != null ? { label: textField('label', input.label, 100) } : {}),
  };
  return db.$transaction(async (tx) => {
    const apiKey = await tx.apiKey.findUnique({ where: { id: input.apiKeyId }, include: { channelClient: { include: { orgUnit: { select: { path: true } } } } } });
    if (!apiKey || !canManageChannel(viewer, apiKey.channelClient.orgUnit?.path ?? null)) throw new NotFoundError('API key');
    const updated = await tx.apiKey.update({ where: { id: apiKey.id }, data });
    await recordAudit(tx, actor, { action: 'api_key.updated', entityType: 'ApiKey', entityId: apiKey.id, orgUnitId: apiKey.channelClient.orgUnitId, data: { prefix: apiKey.prefix, ...data } });
    return updated;
  });
}
