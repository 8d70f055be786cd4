// Sign-in: password check with equal work for unknown users, throttling, audit, and a new
// session. The outcome never says whether the account exists.
import type { AuthConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { dummyHash, hashPassword, needsRehash, PASSWORD_MAX_LENGTH, verifyPassword } from '../../auth/passwords.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import {
  accountKey,
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  addressKey,
  clearFailures,
  countAttempt,
  forgiveAttempt,
  isKnownAddress,
  PAIR_POLICY,
  pairKey,
  rememberAddress,
  type Policy,
} from './login-throttle.js';
import { startSession, type IssuedTokens } from './session.service.js';
import { issueChallenge, verifySecondFactor } from './totp.service.js';
import type { Throttled } from './auth.errors.js';

export type LoginOutcome =
  | { kind: 'ok'; userId: string; tokens: IssuedTokens; totpEnrolmentRequired?: boolean }
  | { kind: 'totp_required'; challenge: string; expiresAt: Date }
  | { kind: 'invalid' }
  | Throttled;

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
  const address = actor.address ?? 'unknown';

  // The attempt is counted first; a lock already in force refuses it without checking the
  // password. Only the start of a lock is audited: a flood of refused attempts is counted on the
  // counters, not written row by row.
  const locked = await db.$transaction(async (tx) => {
    const counters: [string, Policy][] = [[pairKey(username, address), PAIR_POLICY], [addressKey(address), ADDRESS_POLICY]];
    if (!(await isKnownAddress(tx, username, address, now))) counters.push([accountKey(username), ACCOUNT_POLICY]);
    let lockedFor = 0;
    for (const [key, policy] of counters) {
      const count = await countAttempt(tx, key, policy, now);
      lockedFor = Math.max(lockedFor, count.lockedFor);
      if (count.startedLock > 0) {
        await recordAudit(tx, actor, { action: 'auth.login.locked', data: { username, scope: policy.scope, failures: count.failures, lockSeconds: count.startedLock } });
      }
    }
    return lockedFor;
  });
  if (locked > 0) return { kind: 'throttled', retryAfterSeconds: locked };

  const user = await db.user.findUnique({
    where: { username },
    select: {
      id: true,
      status: true,
      passwordHash: true,
      totp: { select: { confirmedAt: true } },
      grants: { where: { role: 'ADMIN' }, select: { id: true }, take: 1 },
    },
  });
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
  const secondFactor = !!user.totp?.confirmedAt;
  const tokens = await db.$transaction(async (tx) => {
    await clearFailures(tx, pairKey(username, address));
    // The account-wide and address counters only take back this attempt: the user's success does
    // not lift a lock that guessing from elsewhere earned (their known addresses are not held by it).
    await forgiveAttempt(tx, accountKey(username));
    await forgiveAttempt(tx, addressKey(address));
    if (rehash) await tx.user.update({ where: { id: user.id }, data: { passwordHash: rehash } });
    if (secondFactor) {
      // The password was no guess, but nothing is signed in yet: completeLogin does that (and
      // remembers the address) once the code is right.
      await recordAudit(tx, { ...actor, userId: user.id }, {
        action: 'auth.login.second_factor_required',
        entityType: 'User',
        entityId: user.id,
        data: rehash ? { passwordRehashed: true } : {},
      });
      return null;
    }
    return finishSignIn(tx, auth, { id: user.id, username }, address, actor, now, rehash ? { passwordRehashed: true } : {});
  });
  if (!tokens) return { kind: 'totp_required', ...(await issueChallenge(auth, user.id, now)) };
  const totpEnrolmentRequired = auth.totpRequiredForAdmins && user.grants.length > 0;
  return { kind: 'ok', userId: user.id, tokens, ...(totpEnrolmentRequired ? { totpEnrolmentRequired } : {}) };
}

/** The sign-in proper: the address remembered, `lastLoginAt`, the audit row and a new session. */
export async function finishSignIn(
  tx: Prisma.TransactionClient,
  auth: AuthConfig,
  user: { id: string; username: string },
  address: string,
  actor: AuditActor,
  now: Date,
  data: Prisma.InputJsonObject,
): Promise<IssuedTokens> {
  await rememberAddress(tx, user.username, address, now);
  await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  await recordAudit(tx, { ...actor, userId: user.id }, { action: 'auth.login.succeeded', entityType: 'User', entityId: user.id, data });
  return startSession(tx, auth, user.id, now);
}

export type CompleteLoginOutcome =
  | { kind: 'ok'; userId: string; tokens: IssuedTokens; recoveryCodesLeft?: number }
  | { kind: 'challenge_invalid' }
  | Throttled
  | { kind: 'wrong' };

/** The second step of a sign-in with TOTP: the challenge of `login` and a code or a recovery code. */
export async function completeLogin(
  db: Db,
  auth: AuthConfig,
  input: { challenge: string; code?: string | null; recoveryCode?: string | null },
  actor: AuditActor,
  now: Date,
): Promise<CompleteLoginOutcome> {
  const checked = await verifySecondFactor(db, auth, input, actor, now);
  if (checked.kind !== 'ok') return checked;
  const address = actor.address ?? 'unknown';
  const tokens = await db.$transaction((tx) =>
    finishSignIn(tx, auth, { id: checked.userId, username: checked.username }, address, actor, now, {
      ...(checked.firstFactor === 'oidc' ? { method: 'oidc' } : {}),
      secondFactor: checked.method,
      ...(checked.recoveryCodesLeft !== undefined ? { recoveryCodesLeft: checked.recoveryCodesLeft } : {}),
    }),
  );
  return { kind: 'ok', userId: checked.userId, tokens, ...(checked.recoveryCodesLeft !== undefined ? { recoveryCodesLeft: checked.recoveryCodesLeft } : {}) };
}
