// Per-operation rate limits (security checklist G14): what is counted is GraphQL work, not HTTP
// requests. Once an operation is parsed, validated and resolved (so aliases are known, before
// any resolver runs), it costs its *weight*: 1, or — when it asks for more than one list — one per
// costly field in the document, a costly field being one that fetches a list from the database
// by page or by ids (a connection with `first`/`last`, `nodes(ids:)`). So one request with five
// aliases of `releases` costs 5, the same as five requests.
//
// Budgets per minute (a subject's minute starts at its first operation, as the concern
// submission limits' hour does; a burst of up to twice the budget can straddle two minutes): a channel client (all its keys together)
// CHANNEL_OPERATIONS_PER_MINUTE or its own `operationsPerMinute`; an anonymous client address
// ANONYMOUS_OPERATIONS_PER_MINUTE; a staff user STAFF_OPERATIONS_PER_MINUTE (loose: it only stops
// a runaway script with a stolen token). Over budget the operation is not run: HTTP 429 with
// Retry-After and TOO_MANY_REQUESTS.
//
// The counts are shared by every instance through Redis when REDIS_URL is set (one atomic Lua
// script per operation); without Redis, or while it is unreachable, each process counts on its
// own — limits then apply per instance, never not at all, and a Redis outage never fails a request.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import type { OperationLimitsConfig } from '../config.js';
import type { Context } from '../context.js';
import { deploymentKeyPrefix, type RedisClient } from '../db/redis.js';
import { ErrorCode } from '../graphql/errors.js';
import { fragmentsOf } from '../graphql/query-cost.js';
import type { Logger } from '../logger.js';
import type { ChannelUsageRecorder } from '../modules/channels/channel-usage.service.js';

export const WINDOW_MS = 60_000;
/** Subjects tracked in a process at most; beyond it, expired windows are dropped, then the oldest. */
const MAX_LOCAL_SUBJECTS = 20_000;

// ---- Weight -------------------------------------------------------------------------------

interface WeightWalk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  memo: Map<string, number>;
  active: Set<string>;
}

function costlyFields(walk: WeightWalk, set: SelectionSetNode, type: GraphQLCompositeType): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (on && isCompositeType(on)) count += costlyFields(walk, selection.selectionSet, on);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      let known = walk.memo.get(name);
      const fragment = walk.fragments[name];
      if (known === undefined && fragment && !walk.active.has(name)) {
        const on = walk.schema.getType(fragment.typeCondition.name.value);
        walk.active.add(name);
        known = on && isCompositeType(on) ? costlyFields(walk, fragment.selectionSet, on) : 0;
        walk.active.delete(name);
        walk.memo.set(name, known);
      }
      count += known ?? 0;
      continue;
    }
    const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
    if (!field) continue;
    if (field.args.some((a) => a.name === 'first' || a.name === 'last' || a.name === 'ids')) count += 1;
    const named = getNamedType(field.type);
    if (selection.selectionSet && isCompositeType(named)) count += costlyFields(walk, selection.selectionSet, named);
  }
  return count;
}

/** What an operation costs against its budget: 1, or its number of costly fields when more. */
export function operationWeight(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 1;
  return Math.max(1, costlyFields({ schema, fragments, memo: new Map(), active: new Set() }, operation.selectionSet, root));
}

// ---- Counting -------------------------------------------------------------------------------

export interface TakeResult {
  allowed: boolean;
  /** Seconds until the window ends (when refused). */
  retryAfterSeconds: number;
  /** Whether the shared (Redis) count decided; false when counted in this process. */
  shared: boolean;
}

// KEYS[1] the subject's key, which lives one window from its first operation; ARGV weight,
// limit, window (ms). Adds the weight only if it fits, so a refused operation spends nothing;
// returns {1, 0} when allowed, {0, ms until the window ends} when not.
const TAKE_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local weight = tonumber(ARGV[1])
if used + weight > tonumber(ARGV[2]) then
  local left = redis.call('PTTL', KEYS[1])
  if left < 0 then
    left = tonumber(ARGV[3])
    if used > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
  end
  return {0, left}
end
if redis.call('INCRBY', KEYS[1], weight) == weight then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return {1, 0}
`;

interface LocalWindow {
  startedAt: number;
  used: number;
}

type RedisWithTake = RedisClient & { gongkaiTakeOperations(key: string, weight: number, limit: number, ttlMs: number): Promise<[number, number]> };

/** One-minute windows per subject, in Redis when available, in this process otherwise. */
export class OperationLimiter {
  private readonly local = new Map<string, LocalWindow>();
  private readonly redis: RedisWithTake | undefined;
  private readonly keyPrefix: string;
  private readonly logger: Logger;

  constructor(options: { redis?: RedisClient | undefined; keyPrefix: string; logger: Logger }) {
    this.keyPrefix = options.keyPrefix;
    this.logger = options.logger;
    if (options.redis) {
      options.redis.defineCommand('gongkaiTakeOperations', { numberOfKeys: 1, lua: TAKE_SCRIPT });
      this.redis = options.redis as RedisWithTake;
    }
  }

  /** Spends `weight` of the subject's budget for this minute if it fits. `limit` 0 = unlimited. */
  async take(subject: string, weight: number, limit: number, now = Date.now()): Promise<TakeResult> {
    if (limit === 0) return { allowed: true, retryAfterSeconds: 0, shared: false };
    if (this.redis && this.redis.status === 'ready') {
      try {
        const [allowed, leftMs] = await this.redis.gongkaiTakeOperations(`${this.keyPrefix}${subject}`, weight, limit, WINDOW_MS);
        return { allowed: allowed === 1, retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(leftMs / 1000)), shared: true };
      } catch (error) {
        // Unreachable or too slow: this process counts alone until it answers again.
        this.logger.debug({ err: error }, 'rate limit: redis failed; counting in this process');
      }
    }
    return this.takeLocal(subject, weight, limit, now);
  }

  private takeLocal(subject: string, weight: number, limit: number, now: number): TakeResult {
    let window = this.local.get(subject);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      if (!window && this.local.size >= MAX_LOCAL_SUBJECTS) this.makeRoom(now);
      window = { startedAt: now, used: 0 };
      // Re-inserted, so the map's order stays the order windows started in.
      this.local.delete(subject);
      this.local.set(subject, window);
    }
    if (window.used + weight > limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000)), shared: false };
    }
    window.used += weight;
    return { allowed: true, retryAfterSeconds: 0, shared: false };
  }

  private makeRoom(now: number): void {
    for (const [subject, window] of this.local) if (now - window.startedAt >= WINDOW_MS) this.local.delete(subject);
    if (this.local.size >= MAX_LOCAL_SUBJECTS) this.local.delete(this.local.keys().next().value!);
  }
}

/** Whose budget an operation spends, and how large it is. */
export function budgetOf(viewer: Viewer, clientAddress: string, config: OperationLimitsConfig): { subject: string; limit: number } {
  switch (viewer.kind) {
    case 'channel':
      return { subject: `channel:${viewer.channelId}`, limit: viewer.operationsPerMinute ?? config.channelPerMinute };
    case 'user':
      return { subject: `user:${viewer.userId}`, limit: config.staffPerMinute };
    default:
      return { subject: `address:${clientAddress}`, limit: config.anonymousPerMinute };
  }
}

export function operationsTooMany(retryAfterSeconds: number, weight: number): GraphQLError {
  return new GraphQLError(
    `请求过于频繁 — this caller ran too many operations this minute (this one counts ${weight}: one per list it asks for); retry after ${retryAfterSeconds} s.`,
    {
      extensions: {
        code: ErrorCode.TOO_MANY_REQUESTS,
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}

/**
 * Spends `weight` of the caller's budget: undefined when allowed, the 429 error when not (a
 * channel's refusal counted in its usage). Executed operations and cached answers alike.
 */
export async function spendOperationBudget(
  deps: { limiter: OperationLimiter; usage: ChannelUsageRecorder; config: OperationLimitsConfig },
  viewer: Viewer,
  clientAddress: string,
  now: Date,
  weight: number,
): Promise<GraphQLError | undefined> {
  const { subject, limit } = budgetOf(viewer, clientAddress, deps.config);
  const taken = await deps.limiter.take(subject, weight, limit);
  if (taken.allowed) return undefined;
  if (viewer.kind === 'channel') deps.usage.record(viewer.channelId, now, 'throttled');
  return operationsTooMany(taken.retryAfterSeconds, weight);
}

/**
 * The Apollo plugin: spends each operation's weight once it is resolved (after parsing and
 * validation, before execution), refusing it with 429 when over budget, and counts channel usage
 * (operations run, operations throttled) for the hourly counters.
 */
export function operationRateLimitPlugin(deps: { limiter: OperationLimiter; usage: ChannelUsageRecorder; config: OperationLimitsConfig }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, contextValue }) {
          if (!operation) return;
          const weight = operationWeight(schema, operation, fragmentsOf(document));
          contextValue.observation.operationWeight = weight;
          const refused = await spendOperationBudget(deps, contextValue.viewer, contextValue.clientAddress, contextValue.now, weight);
          if (refused) throw refused;
        },
        async executionDidStart({ contextValue }) {
          if (contextValue.viewer.kind === 'channel') deps.usage.record(contextValue.viewer.channelId, contextValue.now, 'operations');
        },
      };
    },
  };
}

/**
 * The Redis key prefix of the counters when RATE_LIMIT_KEY_PREFIX is not set: one per database
 * (host, port and name of its URL), so every instance of one deployment shares its counters and
 * deployments (or test databases) sharing a Redis never mix theirs.
 */
export const rateLimitKeyPrefix = (databaseUrl: string): string => deploymentKeyPrefix(databaseUrl, 'ops');
