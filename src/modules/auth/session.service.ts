// Sessions: a family of refresh tokens. Each refresh rotates the token; presenting a token
// that was already used (or revoked) is taken as theft and revokes the whole family.
import type { AuthConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { uuidv7 } from '../../ids.js';
import { issueAccessToken, newRefreshToken, sha256Hex } from '../../auth/tokens.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

type Tx = Prisma.TransactionClient;

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

async function addRefreshToken(tx: Tx, auth: AuthConfig, userId: string, familyId: string, now: Date) {
  const { token, hash } = newRefreshToken();
  const expiresAt = new Date(now.getTime() + auth.refreshTokenTtl * 1000);
  await tx.refreshToken.create({ data: { userId, familyId, tokenHash: hash, expiresAt } });
  return { token, expiresAt };
}

/** Starts a session (new token family) and returns its first tokens. */
export async function startSession(tx: Tx, auth: AuthConfig, userId: string, now: Date): Promise<IssuedTokens> {
  const familyId = uuidv7();
  const refresh = await addRefreshToken(tx, auth, userId, familyId, now);
  const access = await issueAccessToken(auth, userId, familyId, now);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: refresh.token, refreshTokenExpiresAt: refresh.expiresAt };
}

export type RefreshOutcome = { kind: 'ok'; userId: string; tokens: IssuedTokens } | { kind: 'invalid' };

/**
 * Exchanges a refresh token for new tokens. Reuse of a used or revoked token revokes its
 * family (and is audited); unknown, expired or deactivated-user tokens are simply invalid.
 */
export async function rotateRefreshToken(db: Db, auth: AuthConfig, presented: string, actor: AuditActor, now: Date): Promise<RefreshOutcome> {
  if (presented.length > 200) return { kind: 'invalid' };
  const hash = sha256Hex(presented);
  return db.$transaction(async (tx) => {
    const current = await tx.refreshToken.findUnique({ where: { tokenHash: hash }, include: { user: { select: { status: true } } } });
    if (!current) return { kind: 'invalid' } as const;
    if (current.usedAt || current.revokedAt) {
      const revoked = await tx.refreshToken.updateMany({ where: { familyId: current.familyId, revokedAt: null }, data: { revokedAt: now } });
      await recordAudit(tx, { ...actor, userId: current.userId }, {
        action: 'auth.refresh.reused',
        entityType: 'User',
        entityId: current.userId,
        data: { familyId: current.familyId, tokensRevoked: revoked.count },
      });
      return { kind: 'invalid' } as const;
    }
    if (current.expiresAt <= now || current.user.status !== 'ACTIVE') return { kind: 'invalid' } as const;
    // Only one of two concurrent refreshes with the same token may win.
    const claimed = await tx.refreshToken.updateMany({ where: { id: current.id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return { kind: 'invalid' } as const;
    const refresh = await addRefreshToken(tx, auth, current.userId, current.familyId, now);
    const access = await issueAccessToken(auth, current.userId, current.familyId, now);
    return {
      kind: 'ok',
      userId: current.userId,
      tokens: { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: refresh.token, refreshTokenExpiresAt: refresh.expiresAt },
    } as const;
  });
}

/** Ends the session the refresh token belongs to; access tokens of that session stop working at once. */
export async function endSession(db: Db, presented: string, actor: AuditActor, now: Date): Promise<void> {
  if (presented.length > 200) return;
  await db.$transaction(async (tx) => {
    const token = await tx.refreshToken.findUnique({ where: { tokenHash: sha256Hex(presented) }, select: { familyId: true, userId: true } });
    if (!token) return;
    await tx.refreshToken.updateMany({ where: { familyId: token.familyId, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, { ...actor, userId: token.userId }, { action: 'auth.logout', entityType: 'User', entityId: token.userId, data: { familyId: token.familyId } });
  });
}

/**
 * Revokes every session of a user (deactivation, password change), or every one but
 * `exceptSessionId` (the caller's own, when they change their own password). Returns how many
 * of them were live (not yet expired), not how many token rows it touched.
 */
export async function endAllSessions(tx: Tx, userId: string, now: Date, exceptSessionId?: string): Promise<number> {
  const where = { userId, revokedAt: null, ...(exceptSessionId ? { familyId: { not: exceptSessionId } } : {}) };
  // A live session has exactly one unused, unexpired token: the one its next refresh presents.
  const live = await tx.refreshToken.count({ where: { ...where, usedAt: null, expiresAt: { gt: now } } });
  await tx.refreshToken.updateMany({ where, data: { revokedAt: now } });
  return live;
}
