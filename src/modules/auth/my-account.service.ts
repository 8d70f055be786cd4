// Self-service for signed-in staff: change one's own password, list one's sessions and end them.
// Each function acts on the caller's own account only (the viewer's user and session), so no
// id of another account ever reaches a query: another user's session answers as an unknown one.
import type { AuthConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Viewer } from '../../auth/viewer.js';
import { hashPassword, PASSWORD_MAX_LENGTH, verifyPassword } from '../../auth/passwords.js';
import { issueAccessToken } from '../../auth/tokens.js';
import { InputError, NotFoundError } from '../../errors.js';
import { forbidden } from '../../graphql/errors.js';
import { isUuid } from '../../graphql/global-id.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { validPassword } from '../users/user.service.js';
import { clearFailures, countAttempt, type Policy } from './login-throttle.js';
import { endAllSessions } from './session.service.js';
import type { Throttled } from './auth.errors.js';

/**
 * Wrong current passwords, per account: a stolen access token must not become a way to guess
 * the password (and so to keep the account after the token expires). The first lock is 30 s,
 * doubled with each further failure up to the throttle's 15 minutes.
 */
export const CURRENT_PASSWORD_POLICY: Policy = { scope: 'current_password', freeFailures: 5, baseLockSeconds: 30 };
export const currentPasswordKey = (userId: string) => `current-password:${userId}`;

type SignedIn = Extract<Viewer, { kind: 'user' }> & { sessionId: string };

/** The caller as a signed-in user with a session; shield lets only those through. */
function signedIn(viewer: Viewer): SignedIn {
  if (viewer.kind !== 'user' || !viewer.sessionId) throw forbidden();
  return viewer as SignedIn;
}

export type ChangePasswordOutcome =
  | { kind: 'ok'; userId: string; sessionsEnded: number; accessToken: string; accessTokenExpiresAt: Date }
  | Throttled;

/**
 * Changes the caller's own password. Order: policy of the new password (reveals nothing, counts
 * nothing) → the attempt counted on the account's counter, refused while it is locked → the
 * current password verified → the new one must differ → write, end every other session, audit,
 * in one transaction. `passwordChangedAt` makes the authenticator refuse every access token
 * issued before it, the caller's included, so the caller gets a fresh access token for their own
 * session (its refresh token keeps working).
 */
export async function changeMyPassword(
  db: Db,
  auth: AuthConfig,
  viewer: Viewer,
  actor: AuditActor,
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<ChangePasswordOutcome> {
  const me = signedIn(viewer);
  validPassword(input.newPassword, me.username, 'newPassword');

  const key = currentPasswordKey(me.userId);
  const count = await db.$transaction(async (tx) => {
    const counted = await countAttempt(tx, key, CURRENT_PASSWORD_POLICY, now);
    if (counted.startedLock > 0) {
      await recordAudit(tx, actor, {
        action: 'auth.login.locked',
        entityType: 'User',
        entityId: me.userId,
        data: { username: me.username, scope: CURRENT_PASSWORD_POLICY.scope, failures: counted.failures, lockSeconds: counted.startedLock },
      });
    }
    return counted;
  });
  if (count.lockedFor > 0) return { kind: 'throttled', retryAfterSeconds: count.lockedFor };

  const user = await db.user.findUnique({ where: { id: me.userId }, select: { passwordHash: true, status: true } });
  if (!user || user.status !== 'ACTIVE') throw forbidden();
  const valid = input.currentPassword.length <= PASSWORD_MAX_LENGTH && (await verifyPassword(user.passwordHash, input.currentPassword));
  if (!valid) throw new InputError('currentPassword', '当前密码错误 — the current password is wrong.');
  if (input.newPassword === input.currentPassword) {
    // The right password: this attempt was no guess.
    await db.$transaction((tx) => clearFailures(tx, key));
    throw new InputError('newPassword', '新密码不能与当前密码相同 — the new password must differ from the current one.');
  }

  // Hashed before the transaction: argon2 takes tens of milliseconds we do not hold locks for.
  const passwordHash = await hashPassword(input.newPassword);
  const sessionsEnded = await db.$transaction(async (tx) => {
    // Only over the hash just verified: a concurrent change wins, and this one must start again.
    const { count: changed } = await tx.user.updateMany({
      where: { id: me.userId, passwordHash: user.passwordHash, status: 'ACTIVE' },
      data: { passwordHash, passwordChangedAt: now },
    });
    if (changed !== 1) throw new InputError('currentPassword', '密码刚被修改，请重试 — the password was just changed; try again.');
    await clearFailures(tx, key);
    // Every other session ends (a stolen refresh token with it); the caller's own stays.
    const ended = await endAllSessions(tx, me.userId, now, me.sessionId);
    await recordAudit(tx, actor, { action: 'user.password_changed', entityType: 'User', entityId: me.userId, data: { selfService: true, sessionsEnded: ended } });
    return ended;
  });
  // Issued at `now`, the instant the password changed: not refused for predating it.
  const access = await issueAccessToken(auth, me.userId, me.sessionId, now);
  return { kind: 'ok', userId: me.userId, sessionsEnded, accessToken: access.token, accessTokenExpiresAt: access.expiresAt };
}

export interface MySession {
  /** The refresh-token family; the `sid` claim of its access tokens. */
  id: string;
  createdAt: Date;
  lastRefreshedAt: Date;
  expiresAt: Date;
  current: boolean;
}

/**
 * The caller's live sessions, newest sign-in first. A live session has one unused, unrevoked,
 * unexpired refresh token (rotation uses up the others); its family's first token is the sign-in.
 */
export async function mySessions(db: Db, viewer: Viewer, now: Date): Promise<MySession[]> {
  const me = signedIn(viewer);
  const heads = await db.refreshToken.findMany({
    where: { userId: me.userId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { familyId: true, createdAt: true, expiresAt: true },
  });
  if (heads.length === 0) return [];
  const starts = await db.refreshToken.groupBy({
    by: ['familyId'],
    where: { userId: me.userId, familyId: { in: heads.map((h) => h.familyId) } },
    _min: { createdAt: true },
  });
  const startOf = new Map(starts.map((s) => [s.familyId, s._min.createdAt]));
  return heads
    .map((h) => ({
      id: h.familyId,
      createdAt: startOf.get(h.familyId) ?? h.createdAt,
      lastRefreshedAt: h.createdAt,
      expiresAt: h.expiresAt,
      current: h.familyId === me.sessionId,
    }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
}

/**
 * Ends one of the caller's own sessions (the current one too: that is signing out). Another
 * user's session, an ended one and an unknown id answer alike: NotFoundError.
 */
export async function revokeMySession(db: Db, viewer: Viewer, actor: AuditActor, sessionId: string, now: Date): Promise<{ sessionId: string; current: boolean }> {
  const me = signedIn(viewer);
  const id = sessionId.toLowerCase();
  if (!isUuid(id)) throw new NotFoundError('session');
  return db.$transaction(async (tx) => {
    const live = await tx.refreshToken.count({ where: { userId: me.userId, familyId: id, usedAt: null, revokedAt: null, expiresAt: { gt: now } } });
    if (live === 0) throw new NotFoundError('session');
    await tx.refreshToken.updateMany({ where: { userId: me.userId, familyId: id, revokedAt: null }, data: { revokedAt: now } });
    const current = id === me.sessionId;
    await recordAudit(tx, actor, { action: 'auth.session.revoked', entityType: 'User', entityId: me.userId, data: { familyId: id, current } });
    return { sessionId: id, current };
  });
}

/** Ends every session of the caller but the current one; returns how many were live. */
export async function revokeMyOtherSessions(db: Db, viewer: Viewer, actor: AuditActor, now: Date): Promise<number> {
  const me = signedIn(viewer);
  return db.$transaction(async (tx) => {
    const ended = await endAllSessions(tx, me.userId, now, me.sessionId);
    // Nothing ended, nothing to record.
    if (ended > 0) await recordAudit(tx, actor, { action: 'auth.session.revoked', entityType: 'User', entityId: me.userId, data: { others: true, sessionsEnded: ended } });
    return ended;
  });
}
