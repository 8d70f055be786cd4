// The Redis connection (REDIS_URL), shared by the public response cache and the rate limits.
// Redis is an accelerator, never the only copy of anything: when it is unreachable, commands
// fail at once (no offline queue piling up requests) and callers fall back to what they can do
// alone (the in-process cache, per-process limits), logging the outage once per episode.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export type RedisClient = Redis;

export function connectRedis(url: string, logger: Logger): RedisClient {
  const log = logger.child({ component: 'redis' });
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 500,
    // Reconnect forever, at most every 2 s: Redis coming back heals every instance by itself.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let down = false;
  // Without an 'error' listener ioredis' errors would be unhandled and crash the process.
  redis.on('error', (error: Error) => {
    if (!down) log.warn({ error: error.message }, 'redis: unreachable; falling back to per-process caches and limits');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('redis: reachable again');
    down = false;
  });
  return redis;
}

/** Closes the connection (quit when connected, disconnect otherwise: never waits for a dead server). */
export async function closeRedis(redis: RedisClient): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}

/**
 * A Redis key prefix for one deployment and purpose (`ops`, `prc` …): derived from the database's
 * host, port and name, so every instance of one deployment shares its keys while deployments (or
 * test databases) sharing a Redis never mix theirs.
 */
export function deploymentKeyPrefix(databaseUrl: string, purpose: string): string {
  let identity = databaseUrl;
  try {
    const url = new URL(databaseUrl);
    identity = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    // not a URL: the whole string identifies it
  }
  return `gongkai:${purpose}:${createHash('sha256').update(identity).digest('hex').slice(0, 16)}:`;
}
