// The public response cache: whole answers to public GraphQL GETs (anonymous callers and channel
// keys), kept as bytes with their ETag and their brotli and gzip renditions, so a hit is answered
// without Apollo, without the database and without compressing anything.
//
// Two tiers:
//   - in this process, an LRU bounded in bytes (RESPONSE_CACHE_MAX_BYTES);
//   - with REDIS_URL, Redis, shared by every API process: a miss here that another instance has
//     answered is a hit there.
// Answers are public by the rules of `isPublicAnswer` below; a caller's class (anonymous, or the
// channel's kind) is part of the key, because the row filters depend on nothing else
// (src/modules/workflow/editorial.permissions.ts: anonymous → the public rows; a channel → the
// public rows targeted at its kind).
//
// Purge: every announcement of the ChangeBus (a commit here, or PostgreSQL's NOTIFY of a commit in
// any other process) makes every cached answer stale:
//   - this process forgets its LRU at once;
//   - for Redis, entries live under a generation (`<prefix><generation>:<hash>`); the generation
//     is a counter in Redis that every instance INCRs when it hears of a change. The value its
//     INCR returns is this instance's floor: it reads and writes only under the counter's current
//     value, and only while that is at least its floor. A counter value is created after every
//     INCR that returned less, so no entry can exist under it that was computed before a change
//     this instance has heard of; and every instance ends up on the same, newest value, sharing
//     its entries. Nobody scans keys; old generations expire by their TTL. Until its INCR has
//     succeeded (Redis down, or slow) an instance uses no Redis entry at all.
// Entries also expire after RESPONSE_CACHE_SECONDS: content that changes without an outbox event
// (the catalog, org units, the calendar; a publication time passing) shows after at most that.
//
// An answer computed while a change was being announced is not kept: each request notes the
// generations when it starts and stores only under those (see `PublicRequest`). With read
// replicas, answers computed in the first seconds after a change are not kept either: a replica
// may not have replayed it yet.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Kind, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { LRUCache } from 'lru-cache';
import type { Viewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { deploymentKeyPrefix, type RedisClient } from '../db/redis.js';
import type { Logger } from '../logger.js';
import type { ChangeBus } from '../modules/changes/change-bus.js';
import type { RequestObservation } from '../observability/access-log.js';
import type { Metrics } from '../observability/metrics.js';
import { sendCacheable, varyWith } from './http-cache.js';
import { byteBoundedLru, renderedAnswer } from './rendered-answer.js';

/** A complete public answer, ready to send. */
export interface CachedAnswer {
  body: Buffer;
  etag: string;
  contentType: string;
  encoded: { br?: Buffer; gzip?: Buffer };
  /** For the access log and metrics of a hit (the operation Apollo resolved when it was computed). */
  operationName: string | null;
  /** What serving it costs the caller's rate limit: what running the operation cost. */
  weight: number;
}

/** A GET that may get a public answer: its key, and the generations current when it started. */
export interface PublicRequest {
  key: string;
  localGeneration: number;
  redisGeneration: number | undefined;
  startedAt: number;
}

export interface PublicResponseCacheOptions {
  /** Bytes the in-process tier may hold (bodies and renditions); 0 turns both tiers off. */
  maxBytes: number;
  /** How long an entry lives at most, in each tier. */
  ttlSeconds: number;
  changes: ChangeBus;
  redis?: RedisClient | undefined;
  logger: Logger;
  metrics?: Pick<Metrics, 'countPublicCache'> | undefined;
  /** With read replicas: answers computed this soon after a change are not kept (replication delay). */
  settleAfterChangeMs?: number;
  /** Redis keys start with this: one per database (see `responseCacheKeyPrefix`). */
  redisKeyPrefix?: string;
}

/**
 * One Redis round trip per lookup: the counter's current value — raised to the caller's floor if
 * it is lower (Redis lost its data: the entries went with it) — and the entry under it.
 */
const LOOKUP_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local floor = tonumber(ARGV[1])
if current < floor then
  redis.call('SET', KEYS[1], floor)
  current = floor
end
return {current, redis.call('GET', ARGV[2] .. current .. ':' .. ARGV[3])}
`;

type RedisWithLookup = RedisClient & {
  gongkaiPublicCacheLookupBuffer(generationKey: string, floor: number, prefix: string, key: string): Promise<[number | Buffer, Buffer | null]>;
};
/** Largest answer kept in Redis (one GET must stay cheap for every instance). */
const REDIS_MAX_ENTRY_BYTES = 2 * 1024 * 1024;

export class PublicResponseCache {
  private readonly local: LRUCache<string, CachedAnswer> | undefined;
  private localGeneration = 0;
  /** The value of this instance's last INCR after the last change it heard of (undefined: none yet). */
  private redisFloor: number | undefined;
  /** The newest counter value seen (≥ the floor): what this instance reads and writes under. */
  private redisGeneration: number | undefined;
  /** Moves on with each announcement: an INCR answered after a newer announcement is not used. */
  private announcements = 0;
  private bumping: Promise<void> | undefined;
  private lastChangeAt = 0;
  private readonly unsubscribe: () => void;
  private readonly redis: RedisWithLookup | undefined;
  private readonly prefix: string;
  private readonly generationKey: string;
  private readonly ttlMs: number;
  private readonly settleMs: number;

  constructor(private readonly options: PublicResponseCacheOptions) {
    this.ttlMs = options.ttlSeconds * 1000;
    this.settleMs = options.settleAfterChangeMs ?? 0;
    const on = options.maxBytes > 0 && options.ttlSeconds > 0;
    this.prefix = options.redisKeyPrefix ?? 'gongkai:prc:';
    this.generationKey = `${this.prefix}generation`;
    if (on && options.redis) {
      options.redis.defineCommand('gongkaiPublicCacheLookup', { numberOfKeys: 1, lua: LOOKUP_SCRIPT });
      // Buffers, not strings: the entries are bytes.
      this.redis = options.redis as RedisWithLookup;
    }
    this.local = on ? byteBoundedLru<CachedAnswer>(options.maxBytes, this.ttlMs) : undefined;
    this.unsubscribe = options.changes.subscribe(() => this.purge());
    if (this.redis) void this.bumpRedisGeneration();
  }

  /** Whether answers are kept at all (RESPONSE_CACHE_MAX_BYTES > 0). */
  get enabled(): boolean {
    return this.local !== undefined;
  }

  /** Every cached answer is stale: public content changed (here or in any other process). */
  purge(): void {
    this.localGeneration++;
    this.lastChangeAt = Date.now();
    this.local?.clear();
    if (this.redis) {
      this.announcements++;
      this.redisFloor = undefined;
      this.redisGeneration = undefined;
      void this.bumpRedisGeneration();
    }
  }

  private bumpRedisGeneration(): Promise<void> {
    const redis = this.redis;
    if (!redis || this.bumping) return this.bumping ?? Promise.resolve();
    if (redis.status !== 'ready') return Promise.resolve();
    const announcement = this.announcements;
    this.bumping = (async () => {
      try {
        const generation = await redis.incr(this.generationKey);
        // Another announcement arrived meanwhile: its own INCR (below) decides.
        if (announcement === this.announcements) this.redisFloor = this.redisGeneration = generation;
      } catch {
        // Redis unreachable: this process answers from its own tier until an INCR succeeds.
      } finally {
        this.bumping = undefined;
      }
      if (announcement !== this.announcements) await this.bumpRedisGeneration();
    })();
    return this.bumping;
  }

  /**
   * The request's key when it may get a public answer: a GET of an anonymous caller or a channel
   * key (never a user's token). Undefined otherwise, and when the cache is off.
   */
  publicRequest(method: string, search: string, accept: string | undefined, viewer: Viewer): PublicRequest | undefined {
    // WARNING: a preview token reads a draft: its answers are never shared (nor looked up here).
    if (method !== 'GET' || viewer.kind === 'user' || viewer.kind === 'preview') return undefined;
    const params = normalizedParams(search);
    if (params === undefined) return undefined;
    const caller = viewer.kind === 'anonymous' ? 'anonymous' : `channel:${viewer.channelKind}`;
    // Apollo picks the media type from Accept: the same Accept header always gets the same one.
    const key = createHash('sha256').update(`${caller}\n${accept?.trim() ?? ''}\n${params}`).digest('base64url');
    if (this.redis && this.redisFloor === undefined) void this.bumpRedisGeneration();
    return { key, localGeneration: this.localGeneration, redisGeneration: this.redisGeneration, startedAt: Date.now() };
  }

  /** The cached answer of `request`, from this process or from Redis; undefined on a miss. */
  async lookup(request: PublicRequest): Promise<CachedAnswer | undefined> {
    if (!this.local) return undefined;
    const here = this.local.get(request.key);
    if (here) {
      this.options.metrics?.countPublicCache('memory_hit');
      return here;
    }
    const redis = this.redis;
    const floor = this.redisFloor;
    if (redis && floor !== undefined && request.redisGeneration !== undefined && redis.status === 'ready') {
      try {
        const [current, stored] = await redis.gongkaiPublicCacheLookupBuffer(this.generationKey, floor, this.prefix, request.key);
        const generation = Number(Buffer.isBuffer(current) ? current.toString() : current);
        // Newer than what this request started with: a later change was announced elsewhere; the
        // entry under it was computed after that, and this request will store under it.
        if (this.redisFloor === floor && generation > (this.redisGeneration ?? 0)) this.redisGeneration = generation;
        if (generation > request.redisGeneration) request.redisGeneration = generation;
        const answer = stored ? decodeEntry(stored) : undefined;
        if (answer) {
          // Kept here only if no change was announced while Redis answered.
          if (request.localGeneration === this.localGeneration) this.local.set(request.key, answer);
          this.options.metrics?.countPublicCache('redis_hit');
          return answer;
        }
      } catch {
        // Redis unreachable or slow: a miss, computed here.
      }
    }
    this.options.metrics?.countPublicCache('miss');
    return undefined;
  }

  /** Makes the answer of a miss (renditions included) and keeps it, unless a change was announced since the request began. */
  store(request: PublicRequest, body: Buffer, contentType: string, operationName: string | null, weight: number): CachedAnswer {
    const keep =
      this.local !== undefined &&
      request.localGeneration === this.localGeneration &&
      !(this.settleMs > 0 && request.startedAt - this.lastChangeAt < this.settleMs);
    // Not kept: sent once, compressed (if at all) in the one encoding the client asked for.
    const answer = makeAnswer(body, contentType, operationName, weight, keep);
    if (!keep) return answer;
    this.local!.set(request.key, answer);
    const redis = this.redis;
    if (redis && request.redisGeneration !== undefined && redis.status === 'ready') {
      const entry = encodeEntry(answer);
      if (entry.length <= REDIS_MAX_ENTRY_BYTES) {
        redis.set(`${this.prefix}${request.redisGeneration}:${request.key}`, entry, 'PX', this.ttlMs).catch(() => {});
      }
    }
    return answer;
  }

  /** Entries kept in this process (tests and metrics). */
  get size(): number {
    return this.local?.size ?? 0;
  }

  stop(): void {
    this.unsubscribe();
    this.local?.clear();
  }
}

/**
 * The Redis key prefix of one deployment: instances on the same database share entries, and
 * deployments (or test databases) sharing a Redis never see each other's.
 */
export const responseCacheKeyPrefix = (databaseUrl: string): string => deploymentKeyPrefix(databaseUrl, 'prc');

/**
 * The query string as a key: parameters sorted by name, `variables` and `extensions` as JSON with
 * sorted keys (the same request spelt two ways shares an entry). Undefined when a JSON parameter
 * does not parse (Apollo answers that 400; nothing to cache).
 */
function normalizedParams(search: string): string | undefined {
  const params = [...new URLSearchParams(search)];
  const out: [string, string][] = [];
  for (const [name, value] of params) {
    if (name === 'variables' || name === 'extensions') {
      try {
        out.push([name, stableJson(JSON.parse(value))]);
      } catch {
        return undefined;
      }
    } else {
      out.push([name, value]);
    }
  }
  out.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify(out);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function makeAnswer(body: Buffer, contentType: string, operationName: string | null, weight: number, withRenditions: boolean): CachedAnswer {
  return { ...renderedAnswer(body, withRenditions), contentType, operationName, weight };
}

/** One Redis value: a JSON header line, then the body and its renditions back to back. */
function encodeEntry(a: CachedAnswer): Buffer {
  const parts = [a.body, a.encoded.br ?? Buffer.alloc(0), a.encoded.gzip ?? Buffer.alloc(0)];
  const header = JSON.stringify({ v: 2, t: a.contentType, e: a.etag, o: a.operationName, w: a.weight, l: parts.map((p) => p.length) });
  return Buffer.concat([Buffer.from(`${header}\n`), ...parts]);
}

function decodeEntry(stored: Buffer): CachedAnswer | undefined {
  const newline = stored.indexOf(10);
  if (newline < 0) return undefined;
  try {
    const h = JSON.parse(stored.subarray(0, newline).toString('utf8')) as { v: number; t: string; e: string; o: string | null; w: number; l: [number, number, number] };
    // Entries of another format (an older build sharing the Redis) are misses.
    if (h.v !== 2 || !Number.isInteger(h.w)) return undefined;
    let at = newline + 1;
    const [body, br, gzip] = h.l.map((n) => stored.subarray(at, (at += n)));
    if (at !== stored.length) return undefined;
    return { body: body!, etag: h.e, contentType: h.t, operationName: h.o, weight: h.w, encoded: { ...(br!.length ? { br: br! } : {}), ...(gzip!.length ? { gzip: gzip! } : {}) } };
  } catch {
    return undefined;
  }
}

/** Sends a public answer: Cache-Control public, ETag (304 when current), the best encoding asked for. */
export function sendPublicAnswer(req: IncomingMessage, res: ServerResponse, answer: CachedAnswer, cacheControl: string, headers: Record<string, string>): void {
  // The answer depends on who asked (Authorization: anonymous, or which channel) and on Accept
  // (the media type): a shared cache must keep those apart.
  res.setHeader('vary', varyWith(res, 'Authorization'));
  res.setHeader('vary', varyWith(res, 'Accept'));
  sendCacheable(req, res, { contentType: answer.contentType, body: answer.body, etag: answer.etag, encoded: answer.encoded, cacheControl, headers });
}

// ---- which answers are public ---------------------------------------------------------------------

/** Root fields whose answers are never public: a submitter's secret lookup, counted per attempt. */
const PRIVATE_FIELDS = new Set(['concernStatus', '__schema', '__type']);

/** Requests found public, by their observation: Apollo hands plugins a shallow copy of the context, which shares it. */
const publicAnswers = new WeakSet<RequestObservation>();

/** Whether the operation selects a field whose answer must not be shared (anywhere in the document). */
function selectsPrivateField(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (PRIVATE_FIELDS.has(node.name.value)) {
        found = true;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

function isQuery(operation: OperationDefinitionNode | undefined): boolean {
  return operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === 'query';
}

/**
 * Marks a request's context when its answer may be shared: a query (never a mutation), no
 * introspection, no private field, no error, of an anonymous caller or a channel key (never of
 * a user's token or a draft preview token).
 */
export function publicAnswerPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let candidate = false;
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          const kind = contextValue.viewer.kind;
          candidate = isQuery(operation) && (kind === 'anonymous' || kind === 'channel') && !selectsPrivateField(document);
        },
        async willSendResponse({ response, contextValue }) {
          if (!candidate || response.body.kind !== 'single') return;
          if (response.body.singleResult.errors?.length) return;
          if (response.http.status !== undefined && response.http.status !== 200) return;
          publicAnswers.add(contextValue.observation);
        },
      };
    },
  };
}

/** Whether the plugin found the answer of the request with this observation public. */
export function isPublicAnswer(observation: RequestObservation): boolean {
  return publicAnswers.has(observation);
}
