// Login throttling with exponential back-off, per account and per client address. Every
// attempt is counted BEFORE its password is checked, atomically under the counter's row lock,
// so concurrent attempts cannot all slip past a lock that the earlier ones are about to set.
// Counted in the login resolver (not per HTTP request): aliases and retries all count.
import type { Prisma } from '../../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

interface Policy {
  /** Attempts allowed before back-off starts. */
  freeFailures: number;
}

export const ACCOUNT_POLICY: Policy = { freeFailures: 5 };
export const ADDRESS_POLICY: Policy = { freeFailures: 20 };
/** Longest lock; also how long failures are remembered without a new one. */
export const MAX_LOCK_SECONDS = 15 * 60;

export const accountKey = (username: string) => `user:${username}`;
export const addressKey = (address: string) => `ip:${address}`;

/** Seconds of lock after `failures` counted attempts: 1, 2, 4 … capped at 15 minutes. */
export function lockSeconds(failures: number, policy: Policy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(2 ** (failures - policy.freeFailures), MAX_LOCK_SECONDS);
}

/**
 * Counts an attempt against `key` and locks it when the policy says so. Call inside a
 * transaction: the counter row stays locked until commit, so concurrent attempts queue.
 * @returns the seconds left of a lock that was already in force (0 = the attempt may proceed).
 */
export async function countAttempt(tx: Tx, key: string, policy: Policy, now: Date): Promise<number> {
  const forgetBefore = new Date(now.getTime() - MAX_LOCK_SECONDS * 1000);
  await tx.$executeRaw`INSERT INTO "LoginThrottle" ("key", "failures", "updatedAt") VALUES (${key}, 0, ${now}) ON CONFLICT ("key") DO NOTHING`;
  const [row] = await tx.$queryRaw<{ failures: number; lockedUntil: Date | null; updatedAt: Date }[]>`
    SELECT "failures", "lockedUntil", "updatedAt" FROM "LoginThrottle" WHERE "key" = ${key} FOR UPDATE`;
  const locked = row!.lockedUntil && row!.lockedUntil > now ? Math.ceil((row!.lockedUntil.getTime() - now.getTime()) / 1000) : 0;
  // Failures are forgotten after a quiet spell with no lock in force.
  const failures = (row!.updatedAt < forgetBefore && !locked ? 0 : row!.failures) + 1;
  const seconds = lockSeconds(failures, policy);
  const lockedUntil = locked ? row!.lockedUntil : seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null;
  await tx.loginThrottle.update({ where: { key }, data: { failures, lockedUntil } });
  return locked;
}

/** A successful sign-in: the account starts afresh. */
export async function clearFailures(tx: Tx, key: string): Promise<void> {
  await tx.loginThrottle.deleteMany({ where: { key } });
}

/** A successful sign-in from an address takes back the attempt it counted there. */
export async function forgiveAttempt(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`UPDATE "LoginThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${key}`;
}

/** Counters idle longer than they are remembered, with no lock in force: every unknown name tried leaves one. */
export async function purgeIdleThrottles(db: Pick<Tx, 'loginThrottle'>, now: Date): Promise<number> {
  const { count } = await db.loginThrottle.deleteMany({
    where: { updatedAt: { lt: new Date(now.getTime() - MAX_LOCK_SECONDS * 1000) }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
  });
  return count;
}
