// Login throttling with exponential back-off, on three counters per attempt:
//   - the account + address pair: strict (5 free failures), so guessing one account from one
//     place is slow — and locks out only that place;
//   - the account: a milder ceiling (50), against guessing spread over many addresses. Attempts
//     from an address this account signed in from recently do not count towards it, so an
//     attacker elsewhere cannot lock the real user out;
//   - the address: a milder ceiling (100), against one address trying many accounts, high
//     enough that everyone behind one NAT is not locked out by one of them.
// Every attempt is counted BEFORE its password is checked, atomically under the counters' row
// locks, so concurrent attempts cannot all slip past a lock the earlier ones are about to set.
// Counted in the login resolver (not per HTTP request): aliases and retries all count.
import type { Prisma } from '../../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

export interface Policy {
  /** What the counter counts, for the audit record of a lock. */
  scope: 'pair' | 'account' | 'address' | 'submission' | 'lookup' | 'current_password' | 'totp' | 'oidc';
  /** Attempts allowed before back-off starts. */
  freeFailures: number;
  /** The first lock, doubled with each further attempt (default 1 s). */
  baseLockSeconds?: number;
}

export const PAIR_POLICY: Policy = { scope: 'pair', freeFailures: 5 };
export const ACCOUNT_POLICY: Policy = { scope: 'account', freeFailures: 50 };
export const ADDRESS_POLICY: Policy = { scope: 'address', freeFailures: 100 };
/** Longest lock; also how long failures are remembered without a new one. */
export const MAX_LOCK_SECONDS = 15 * 60;
/** How long a successful sign-in makes its address "known" to the account. */
export const KNOWN_ADDRESS_DAYS = 30;

export const pairKey = (username: string, address: string) => `pair:${username}|${address}`;
export const accountKey = (username: string) => `user:${username}`;
export const addressKey = (address: string) => `ip:${address}`;

/** Seconds of lock after `failures` counted attempts: 1, 2, 4 … (times the base) capped at 15 minutes. */
export function lockSeconds(failures: number, policy: Policy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min((policy.baseLockSeconds ?? 1) * 2 ** (failures - policy.freeFailures), MAX_LOCK_SECONDS);
}

export interface AttemptCount {
  /** Seconds left of a lock already in force (0 = the attempt may proceed). */
  lockedFor: number;
  /** Seconds of a lock this attempt has just started (the one moment worth an audit record). */
  startedLock: number;
  failures: number;
}

/**
 * Counts an attempt against `key`. Call inside a transaction: the counter row stays locked
 * until commit, so concurrent attempts queue. An attempt refused by a lock in force is counted
 * in `throttled`, not as a failure, and does not lengthen the lock.
 */
export async function countAttempt(tx: Tx, key: string, policy: Policy, now: Date): Promise<AttemptCount> {
  const forgetBefore = new Date(now.getTime() - MAX_LOCK_SECONDS * 1000);
  await tx.$executeRaw`INSERT INTO "LoginThrottle" ("key", "failures", "updatedAt") VALUES (${key}, 0, ${now}) ON CONFLICT ("key") DO NOTHING`;
  const [row] = await tx.$queryRaw<{ failures: number; lockedUntil: Date | null; updatedAt: Date }[]>`
    SELECT "failures", "lockedUntil", "updatedAt" FROM "LoginThrottle" WHERE "key" = ${key} FOR UPDATE`;
  const lockedFor = row!.lockedUntil && row!.lockedUntil > now ? Math.ceil((row!.lockedUntil.getTime() - now.getTime()) / 1000) : 0;
  if (lockedFor > 0) {
    // Kept fresh while attacked, so the failures are not forgotten when the lock ends.
    await tx.$executeRaw`UPDATE "LoginThrottle" SET "throttled" = "throttled" + 1, "updatedAt" = ${now} WHERE "key" = ${key}`;
    return { lockedFor, startedLock: 0, failures: row!.failures };
  }
  // Failures are forgotten after a quiet spell with no lock in force.
  const failures = (row!.updatedAt < forgetBefore ? 0 : row!.failures) + 1;
  const seconds = lockSeconds(failures, policy);
  await tx.loginThrottle.update({ where: { key }, data: { failures, lockedUntil: seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null } });
  return { lockedFor: 0, startedLock: seconds, failures };
}

/**
 * A rate, not a failure count: the attempts of a window that opens at the first one and lasts
 * `windowSeconds` (the row's `lockedUntil` is the window's end). Counted atomically; returns the
 * count including this attempt and the seconds left of the window. Idle windows are purged with
 * the other counters once they have ended.
 */
export async function countInWindow(tx: Tx, key: string, windowSeconds: number, now: Date): Promise<{ count: number; secondsLeft: number }> {
  const end = new Date(now.getTime() + windowSeconds * 1000);
  const [row] = await tx.$queryRaw<{ failures: number; lockedUntil: Date }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "lockedUntil", "updatedAt") VALUES (${key}, 1, ${end}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."lockedUntil" IS NULL OR "LoginThrottle"."lockedUntil" <= ${now} THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "lockedUntil" = CASE WHEN "LoginThrottle"."lockedUntil" IS NULL OR "LoginThrottle"."lockedUntil" <= ${now} THEN ${end} ELSE "LoginThrottle"."lockedUntil" END,
      "updatedAt" = ${now}
    RETURNING "failures", "lockedUntil"`;
  return { count: row!.failures, secondsLeft: Math.max(1, Math.ceil((row!.lockedUntil.getTime() - now.getTime()) / 1000)) };
}

/** A successful sign-in: the counter starts afresh. */
export async function clearFailures(tx: Tx, key: string): Promise<void> {
  await tx.loginThrottle.deleteMany({ where: { key } });
}

/** A successful sign-in from an address takes back the attempt it counted there. */
export async function forgiveAttempt(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`UPDATE "LoginThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${key}`;
}

/** Whether `username` signed in from `address` within the last KNOWN_ADDRESS_DAYS. */
export async function isKnownAddress(tx: Tx, username: string, address: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
  return (await tx.knownSignInAddress.count({ where: { username, address, lastSignedInAt: { gte: since } } })) > 0;
}

export async function rememberAddress(tx: Tx, username: string, address: string, now: Date): Promise<void> {
  await tx.knownSignInAddress.upsert({
    where: { username_address: { username, address } },
    create: { username, address, lastSignedInAt: now },
    update: { lastSignedInAt: now },
  });
}

/**
 * Counters idle longer than they are remembered, with no lock in force (every unknown name tried
 * leaves one), and addresses not used to sign in for longer than they are known.
 */
export async function purgeIdleThrottles(db: Pick<Tx, 'loginThrottle' | 'knownSignInAddress'>, now: Date): Promise<number> {
  const { count } = await db.loginThrottle.deleteMany({
    where: { updatedAt: { lt: new Date(now.getTime() - MAX_LOCK_SECONDS * 1000) }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
  });
  const known = await db.knownSignInAddress.deleteMany({ where: { lastSignedInAt: { lt: new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000) } } });
  return count + known.count;
}
