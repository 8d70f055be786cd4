// Sign-in: password check with equal work for unknown users, throttling, audit, and a new
// session. The outcome never says whether the account exists.
import type { AuthConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import { dummyHash, hashPassword, needsRehash, PASSWORD_MAX_LENGTH, verifyPassword } from '../../auth/passwords.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { accountKey, ACCOUNT_POLICY, ADDRESS_POLICY, addressKey, clearFailures, countAttempt, forgiveAttempt } from './login-throttle.js';
import { startSession, type IssuedTokens } from './session.service.js';

export type LoginOutcome =
  | { kind: 'ok'; userId: string; tokens: IssuedTokens }
  | { kind: 'invalid' }
  | { kind: 'throttled'; retryAfterSeconds: number };

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export async function login(
  db: Db,
  auth: AuthConfig,
  input: { username: string; password: string },
  actor: AuditActor,
  now: Date,
): Promise<LoginOutcome> {
  const username = normalizeUsername(input.username).slice(0, 64);
  const keys = [accountKey(username), addressKey(actor.address ?? 'unknown')];

  // The attempt is counted first; a lock already in force refuses it without checking the password.
  const locked = await db.$transaction(async (tx) => {
    const seconds = Math.max(
      await countAttempt(tx, keys[0]!, ACCOUNT_POLICY, now),
      await countAttempt(tx, keys[1]!, ADDRESS_POLICY, now),
    );
    if (seconds > 0) await recordAudit(tx, actor, { action: 'auth.login.throttled', data: { username, retryAfterSeconds: seconds } });
    return seconds;
  });
  if (locked > 0) return { kind: 'throttled', retryAfterSeconds: locked };

  const user = await db.user.findUnique({ where: { username }, select: { id: true, status: true, passwordHash: true } });
  // Unknown users cost a real verification too, so timing does not reveal which names exist.
  const valid = input.password.length <= PASSWORD_MAX_LENGTH && (await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password));

  if (!user || !valid || user.status !== 'ACTIVE') {
    const reason = !user ? 'unknown_user' : !valid ? 'wrong_password' : 'deactivated';
    await db.$transaction((tx) =>
      recordAudit(tx, actor, { action: 'auth.login.failed', entityType: user ? 'User' : undefined, entityId: user?.id, data: { username, reason } }),
    );
    return { kind: 'invalid' };
  }

  const rehash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  const tokens = await db.$transaction(async (tx) => {
    await clearFailures(tx, keys[0]!);
    await forgiveAttempt(tx, keys[1]!);
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now, ...(rehash ? { passwordHash: rehash } : {}) } });
    await recordAudit(tx, { ...actor, userId: user.id }, {
      action: 'auth.login.succeeded',
      entityType: 'User',
      entityId: user.id,
      data: rehash ? { passwordRehashed: true } : {},
    });
    return startSession(tx, auth, user.id, now);
  });
  return { kind: 'ok', userId: user.id, tokens };
}
