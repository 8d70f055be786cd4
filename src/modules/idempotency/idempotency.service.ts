// Idempotency keys for create and publish mutations: the first call's result is stored with
// the key inside the same transaction; a retry with the same key and input gets that result,
// the same key with another input is refused. A call that rolled back stored nothing, so its
// retry simply runs again. Concurrent calls with one key queue on the key's row.
import { createHash } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.js';
import { InputError } from '../../errors.js';
import { IdempotencyKeyReusedError } from '../workflow/workflow.errors.js';

/** Keys are kept at least 24 hours (we keep 48). */
export const IDEMPOTENCY_TTL_MS = 48 * 3600 * 1000;
const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** Canonical JSON: object keys sorted, so the same input always hashes the same. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(input: unknown): string {
  return createHash('sha256').update(canonical(input)).digest('hex');
}

/**
 * Runs `work` once per (scope, key). `scope` names the caller and the mutation, so keys of
 * different users never collide. Without a key, `work` just runs.
 * @returns the stored result of the first call, or the result of `work`.
 */
export async function once<T extends Prisma.InputJsonValue>(
  tx: Prisma.TransactionClient,
  scope: string,
  key: string | null | undefined,
  input: unknown,
  now: Date,
  work: () => Promise<T>,
): Promise<T> {
  if (key == null) return work();
  if (!KEY.test(key)) throw new InputError('idempotencyKey', '幂等键须为8–100位字母、数字或 _ . : - — idempotencyKey must be 8–100 of A-Z a-z 0-9 _ . : -.');
  const id = `${scope}:${key}`;
  const hash = requestHash(input);
  // A record past its expiry is taken over as if new (the hourly purge may not have run yet).
  const inserted = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO "IdempotencyRecord" ("key", "requestHash", "createdAt", "expiresAt")
    VALUES (${id}, ${hash}, ${now}, ${new Date(now.getTime() + IDEMPOTENCY_TTL_MS)})
    ON CONFLICT ("key") DO UPDATE SET "requestHash" = EXCLUDED."requestHash", "response" = NULL,
      "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "IdempotencyRecord"."expiresAt" < ${now}
    RETURNING "key"`;
  if (inserted.length === 0) {
    const record = await tx.idempotencyRecord.findUniqueOrThrow({ where: { key: id } });
    if (record.requestHash !== hash) throw new IdempotencyKeyReusedError();
    return record.response as T;
  }
  const result = await work();
  await tx.idempotencyRecord.update({ where: { key: id }, data: { response: result } });
  return result;
}

/** Deletes records past their expiry; run by the job queue. */
export async function purgeExpiredIdempotencyRecords(db: Pick<Prisma.TransactionClient, 'idempotencyRecord'>, now: Date): Promise<number> {
  const { count } = await db.idempotencyRecord.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
