// Login throttling with exponential back-off, per account and per client address. Counted in
// the login resolver (not per HTTP request), so aliases and retries all count.
import type { Prisma } from '../../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

interface Policy {
  /** Failures allowed before back-off starts. */
  freeFailures: number;
}

export const ACCOUNT_POLICY: Policy = { freeFailures: 5 };
export const ADDRESS_POLICY: Policy = { freeFailures: 20 };
/** Longest lock; also how long failures are remembered without a new one. */
export const MAX_LOCK_SECONDS = 15 * 60;

export const accountKey = (username: string) => `user:${username}`;
export const addressKey = (address: string) => `ip:${address}`;

/** Seconds of lock after `failures` failures: 1, 2, 4 … capped at 15 minutes. */
export function lockSeconds(failures: number, policy: Policy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(2 ** (failures - policy.freeFailures), MAX_LOCK_SECONDS);
}

/** The longest remaining lock among `keys`, in whole seconds (0 = not locked). */
export async function remainingLock(db: Tx, keys: string[], now: Date): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } }, select: { lockedUntil: true } });
  return Math.max(0, ...rows.map((r) => Math.ceil((r.lockedUntil!.getTime() - now.getTime()) / 1000)));
}

/** Counts a failure against `key` (atomically) and locks it when the policy says so. */
export async function recordFailure(tx: Tx, key: string, policy: Policy, now: Date): Promise<void> {
  const window = new Date(now.getTime() - MAX_LOCK_SECONDS * 1000);
  const [row] = await tx.$queryRaw<{ failures: number }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "updatedAt") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."updatedAt" < ${window} THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "updatedAt" = ${now}
    RETURNING "failures"`;
  const seconds = lockSeconds(row!.failures, policy);
  if (seconds > 0) {
    await tx.loginThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + seconds * 1000) } });
  }
}

export async function clearFailures(tx: Tx, key: string): Promise<void> {
  await tx.loginThrottle.deleteMany({ where: { key } });
}
