// The HTTP server: /graphql (Apollo Server 5), /healthz and /readyz. The only module that
// listens. Built as a function of its dependencies so tests run many isolated instances.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import cors from 'cors';
import type { Authenticator } from '../auth/authenticate.js';
import { ConfigError, type Config } from '../config.js';
import type { Context } from '../context.js';
import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { CountCache } from '../graphql/count-cache.js';
import type { ChangeBus } from '../modules/changes/change-bus.js';
import { DEFAULT_PAGE_SIZE } from '../graphql/builder.js';
import { pausePoint } from '../faults.js';
import { chineseFirst, ErrorCode, INTERNAL_ERROR_MESSAGE, RETRY_AFTER_SECONDS, serviceUnavailable } from '../graphql/errors.js';
import { formatError } from '../graphql/format-error.js';
import { isConnectionError } from '../db/connection-errors.js';
import type { Viewer } from '../auth/viewer.js';
import { GraphQLError } from 'graphql';
import { inputGuardPlugin, KnownOperationTypesRule } from '../graphql/input-guard.js';
import { introspectionGatePlugin } from '../graphql/introspection-gate.js';
import { queryCostPlugin } from '../graphql/query-cost.js';
import { loggingPlugin } from '../graphql/logging-plugin.js';
import { readRoutingPlugin } from '../graphql/read-routing.js';
import { baseSchema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import { applyPermissions } from '../permissions/shield.js';
import { drainRefusedBody, HttpError, parseJsonBody, readBody } from './body.js';
import { LargeRequestGate } from './large-request-gate.js';
import { createFeedRoutes } from './feeds.js';
import { createReportRoutes } from './reports.js';
import { createFileRoutes } from './files.js';
import { createFileStore } from '../modules/files/file-store.js';
import { createPlayground, wantsPage } from './playground.js';
import { RefusalThrottle } from './refusal-throttle.js';
import { admitQueryText, resolveTrustedDocument, TrustedDocuments } from './trusted-documents.js';
import { OperationLimiter, operationRateLimitPlugin, rateLimitKeyPrefix, spendOperationBudget } from './operation-rate-limit.js';
import { ChannelUsageRecorder } from '../modules/channels/channel-usage.service.js';
import { isPublicAnswer, publicAnswerPlugin, PublicResponseCache, responseCacheKeyPrefix, sendPublicAnswer, type PublicRequest } from './public-response-cache.js';
import { corsOptions, refuseForgeablePost, sendPrivate } from './transport.js';
import { PRIVATE_NO_STORE, publicCacheControl } from './http-cache.js';
import type { RedisClient } from '../db/redis.js';
import { observeRequest, writeAccessLog, type RequestObservation } from '../observability/access-log.js';
import type { Metrics } from '../observability/metrics.js';
import { observationPlugin } from '../observability/observation-plugin.js';
import type { RequestTrace, Tracing } from '../observability/tracing.js';

export interface App {
  httpServer: http.Server;
  /** Starts Apollo and listens; resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  /**
   * Graceful stop: /readyz says "draining" for the pre-stop delay while requests are still
   * served (with `Connection: close`, so keep-alive clients move on), then stops accepting,
   * finishes in-flight requests and closes idle connections. Does not close the database.
   */
  stop(): Promise<void>;
  /** Base URL of the internal /metrics listener once listening (undefined when there is none). */
  readonly metricsUrl: string | undefined;
}

export interface AppDependencies {
  config: Pick<Config, 'maxBodyBytes' | 'refusalBudgetPerMinute' | 'corsOrigins' | 'introspection' | 'playground' | 'isProduction' | 'auth' | 'timeZone' | 'maxQueryCost' | 'trustedProxies' | 'shutdownDelayMs' | 'accessLog' | 'metrics' | 'deadlines' | 'publicSite' | 'publicApiUrl' | 'feeds' | 'changeRetentionDays' | 'httpCache' | 'trustedDocuments' | 'operationLimits' | 'webhooks' | 'files'>;
  db: Database;
  logger: Logger;
  authenticate: Authenticator;
  jobs: JobQueue;
  counts: CountCache;
  changes: ChangeBus;
  metrics: Metrics;
  /** Present only when tracing is on: every use is behind an `if`, so off costs nothing. */
  tracing?: Tracing | undefined;
  /** Redis (REDIS_URL): shared counters of the rate limits (and the public response cache). */
  redis?: RedisClient | undefined;
}

const executableSchema = applyPermissions(baseSchema);

/** Largest document accepted, in lexical tokens (token-bomb protection). */
const MAX_TOKENS = 2000;

/** A body larger than this (or of undeclared length) passes the large-request gate: one at a time. */
const LARGE_BODY_BYTES = 256 * 1024;
/** Large requests that may wait at the gate; more are answered 503. */
const LARGE_REQUESTS_WAITING = 32;

/** How long an address past its refusal budget waits for its 429. */
const THROTTLED_ANSWER_DELAY_MS = 1_000;

/** The longest an upload may take to arrive (the server's requestTimeout); it must also not stall (files.ts). */
const UPLOAD_REQUEST_TIMEOUT_MS = 4 * 3600_000;
/** Every other request's body must have arrived within this (Node's default requestTimeout). */
const BODY_DEADLINE_MS = 300_000;

/** Query parameters that would carry a credential (compared case-insensitively). */
const CREDENTIAL_PARAMS = new Set(['api_key', 'apikey', 'key', 'access_token', 'token', 'authorization', 'refresh_token']);

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // Error bodies say it in Chinese first, as every GraphQL error does (chineseFirst).
  const errors = (body as { errors?: { message: string; extensions?: { code?: string } }[] }).errors;
  if (Array.isArray(errors)) for (const e of errors) e.message = chineseFirst(e.message, e.extensions?.code);
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/**
 * Adds the request id to every error of a JSON error body (unchanged if it is not one), and their
 * codes to `codes` unless our plugins already reported them.
 */
function withRequestId(body: string, requestId: string, codes: string[]): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] };
    if (!Array.isArray(parsed.errors)) return body;
    const reported = codes.length > 0;
    for (const e of parsed.errors) {
      e.extensions = { ...e.extensions, requestId };
      if (!reported) codes.push(typeof e.extensions.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR');
    }
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}

/**
 * The client's address: the socket's peer, or — behind `trustedProxies` reverse proxies — the
 * X-Forwarded-For entry those proxies appended. Entries further left are client-supplied and
 * never trusted (they would let anyone pick the address the login throttle counts against).
 */
export function clientAddressOf(req: IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim()).filter(Boolean);
  return hops[hops.length - trustedProxies] ?? peer;
}

/** Routes named in span names (anything else is the client's choice of path). */
const TRACED_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/playground']);

/** Whether a request carries `Authorization: Bearer <token>` (compared in constant time). */
function hasBearer(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

export function createApp({ config, db, logger, authenticate, jobs, counts, changes, metrics, tracing, redis }: AppDependencies): App {
  let draining = false;
  // Node ends a request whose body has not arrived within requestTimeout (default 5 minutes): too
  // short for a 500 MiB video on a township's uplink. Uploads watch for idleness instead
  // (src/http/files.ts); every other request keeps the 5-minute bound (BODY_DEADLINE_MS below).
  const httpServer = http.createServer({ requestTimeout: UPLOAD_REQUEST_TIMEOUT_MS });
  const refusals = new RefusalThrottle(config.refusalBudgetPerMinute);
  const largeRequests = new LargeRequestGate(1, LARGE_REQUESTS_WAITING);
  const playground = config.playground ? createPlayground() : undefined;
  // Atom/RSS feeds and the sitemap (src/http/feeds.ts), kept rendered until the next change.
  const feeds = createFeedRoutes({ config, db, changes });
  // 年报 downloads for staff (src/http/reports.ts): /reports/annual/<year>.xlsx|csv|html.
  const reports = createReportRoutes({ config, db, authenticate });
  // Hosted files (src/http/files.ts): uploads to signed links, downloads with the content's permissions.
  const files = createFileRoutes({ config, db, store: createFileStore(config.files), logger });
  const publicCache = new PublicResponseCache({
    maxBytes: config.httpCache.responseCacheMaxBytes,
    ttlSeconds: config.httpCache.responseCacheSeconds,
    changes,
    redis,
    logger,
    metrics,
    // Replicas may lag a change by a second or so: what they answer right after one is not kept.
    settleAfterChangeMs: db.replicaPools.length > 0 ? 2_000 : 0,
    redisKeyPrefix: responseCacheKeyPrefix(db.url),
  });
  const publicCacheHeader = publicCacheControl(config.httpCache);
  // Trusted documents and per-operation limits (src/http/trusted-documents.ts, operation-rate-limit.ts).
  const trustedDocuments = TrustedDocuments.load(config.trustedDocuments.manifests);
  const limiter = new OperationLimiter({ redis, keyPrefix: config.operationLimits.redisKeyPrefix ?? rateLimitKeyPrefix(db.url), logger });
  const usage = new ChannelUsageRecorder(db.prisma, logger, config.operationLimits.usageFlushMs);
  const armor = new ApolloArmor({
    maxDepth: { n: 10, flattenFragments: true, exposeLimits: false },
    maxAliases: { n: 15, allowList: [], exposeLimits: false },
    maxDirectives: { n: 50, exposeLimits: false },
    // Armor re-parses in a hook that Apollo treats as an unexpected error (HTTP 500): the
    // parser's own token limit (parseOptions below) answers 400 GRAPHQL_PARSE_FAILED instead.
    maxTokens: { enabled: false },
    // Armor's cost rule multiplies only literal page sizes (`first: $n` escapes it): ours below.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();

  const apollo = new ApolloServer<Context>({
    schema: executableSchema,
    // Decided per caller by introspectionGatePlugin; Apollo's switch only for "nobody".
    introspection: config.introspection !== 'off',
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    allowBatchedHttpRequests: false,
    // APQ would let any caller register documents; it is a cache, not an allow-list.
    persistedQueries: false,
    // GET queries need no custom header, and forgeable POSTs are refused before Apollo: see
    // src/http/transport.ts for why that is the part of CSRF prevention that still matters here.
    csrfPrevention: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    // Shutdown is ours (src/server.ts): Apollo's own handlers would re-raise the signal.
    stopOnTerminationSignals: false,
    formatError,
    validationRules: [KnownOperationTypesRule, ...protection.validationRules],
    // Armor is typed against Apollo's CommonJS build; the plugin objects are the same.
    plugins: [
      ...(protection.plugins as unknown as ApolloServerPlugin<Context>[]),
      inputGuardPlugin(),
      observationPlugin(),
      ...(tracing ? [tracing.plugin()] : []),
      introspectionGatePlugin(config.introspection),
      queryCostPlugin({ maxCost: config.maxQueryCost, defaultPageSize: DEFAULT_PAGE_SIZE, listSize: 5 }),
      loggingPlugin(),
      readRoutingPlugin(db),
      operationRateLimitPlugin({ limiter, usage, config: config.operationLimits }),
      publicAnswerPlugin(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No cache hints are used; the default plugin would still visit every field of every response.
      ApolloServerPluginCacheControlDisabled(),
      // Browsers get our own playground (src/http/playground.ts), never Apollo's CDN-hosted Sandbox.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });

  const corsHandler = cors(corsOptions(config.corsOrigins));

  /** The caller; a database out of reach is a retryable 503, any other fault a masked 500. */
  async function authenticateOrFail(req: IncomingMessage, now: Date, clientAddress: string, requestId: string): Promise<Viewer> {
    try {
      return await authenticate(req.headers, now, { clientAddress, requestId });
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      if (isConnectionError(error)) {
        logger.error({ requestId, error: (error as Error).message }, 'auth: database unavailable');
        throw serviceUnavailable();
      }
      logger.error({ err: error, requestId }, 'auth: unexpected error');
      throw error;
    }
  }

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, requestId: string, search: string, observation: RequestObservation, trace: RequestTrace | undefined): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (method === 'POST') {
      // A content type a browser may send cross-site without a preflight (src/http/transport.ts).
      refuseForgeablePost(req, config.maxBodyBytes);
      const declared = req.headers['content-length'] === undefined ? NaN : Number(req.headers['content-length']);
      // Undeclared (chunked) counts as large; a declared size past the limit is refused by readBody at once.
      if (Number.isNaN(declared) || (declared > LARGE_BODY_BYTES && declared <= config.maxBodyBytes)) {
        const leave = await largeRequests.enter();
        if (!leave) {
          drainRefusedBody(req, config.maxBodyBytes);
          throw new HttpError(503, `服务繁忙 — too many large requests are waiting; retry after ${RETRY_AFTER_SECONDS} s.`, ErrorCode.SERVICE_UNAVAILABLE, { 'retry-after': String(RETRY_AFTER_SECONDS) });
        }
        // Held until the answer is sent (or the client gone): storing it is part of its cost.
        res.once('close', leave);
        if (res.destroyed) leave();
      }
      const raw = await readBody(req, config.maxBodyBytes);
      body = /^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '') ? parseJsonBody(raw) : raw;
    }
    // A documentId becomes its trusted text here, before Apollo reads the request (unknown: 400).
    const document = resolveTrustedDocument(trustedDocuments, method, search, body);
    const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers, search: document.search, body: document.body };
    observation.graphql = true;
    const now = new Date();
    const clientAddress = clientAddressOf(req, config.trustedProxies);
    // Once per request: a GET asks first (for the public response cache), then Apollo's context.
    let authenticated: Promise<Viewer> | undefined;
    const authenticateOnce = () => (authenticated ??= authenticateOrFail(req, now, clientAddress, requestId));
    // A refused credential (or query text from a trusted-documents-only caller) is answered by
    // Apollo's context below, as for any request: such a request never gets a cached answer.
    const caller = method === 'GET' ? await authenticateOnce().catch(() => undefined) : undefined;
    const publicRequest = caller && admitted(caller, document) ? publicCache.publicRequest(method, search, req.headers.accept, caller) : undefined;
    if (caller && publicRequest && (await serveFromPublicCache(req, res, requestId, caller, clientAddress, now, publicRequest, observation))) return;
    const execute = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: async () => {
          const viewer = await authenticateOnce();
          observation.viewerKind = viewer.kind;
          // WARNING: before any answer, cached or not: trusted-documents-only callers sending text are refused here.
          admitQueryText(viewer, document, config.trustedDocuments);
          return {
            db: db.prisma,
            config,
            viewer,
            now,
            requestId,
            clientAddress,
            logger: logger.child({ requestId }),
            jobs,
            counts,
            changes,
            observation,
          };
        },
      });
    const response = trace ? await trace.runOperation(execute) : await execute();
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader('x-request-id', requestId);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      // Errors Apollo raises before execution (batching, bad requests) bypass our plugins:
      // stamp the request id on them here.
      const text = res.statusCode >= 400 ? withRequestId(response.body.string, requestId, observation.errorCodes) : response.body.string;
      if (publicRequest && isPublicAnswer(observation)) {
        const contentType = String(res.getHeader('content-type') ?? 'application/json; charset=utf-8');
        const answer = publicCache.store(publicRequest, Buffer.from(text, 'utf8'), contentType, observation.operation?.name ?? null, observation.operationWeight ?? 1);
        sendPublicAnswer(req, res, answer, publicCacheHeader, {});
        return;
      }
      sendPrivate(req, res, text);
      return;
    }
    res.setHeader('cache-control', PRIVATE_NO_STORE);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /** Whether the caller may send this request's document at all (checked again, and answered, in Apollo's context). */
  function admitted(caller: Viewer, document: Parameters<typeof admitQueryText>[1]): boolean {
    try {
      admitQueryText(caller, document, config.trustedDocuments);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The public response cache, consulted once the caller is authenticated and admitted (checks of
   * the caller that must also hold for cached answers — rate limits — belong before this call): a
   * hit is answered here, without Apollo, the database or compressing anything. False on a miss.
   */
  async function serveFromPublicCache(req: IncomingMessage, res: ServerResponse, requestId: string, caller: Viewer, clientAddress: string, now: Date, request: PublicRequest, observation: RequestObservation): Promise<boolean> {
    const answer = await publicCache.lookup(request);
    if (!answer) return false;
    observation.viewerKind = caller.kind;
    observation.operation = { name: answer.operationName, kind: 'query' };
    // A copy costs the caller's budget what running the operation cost: a cache does not lift limits.
    const refused = await spendOperationBudget({ limiter, usage, config: config.operationLimits }, caller, clientAddress, now, answer.weight);
    if (refused) {
      const { code, retryAfterSeconds } = refused.extensions as { code: string; retryAfterSeconds: number };
      observation.errorCodes.push(code);
      sendJson(res, 429, { errors: [{ message: refused.message, extensions: { code, retryAfterSeconds, requestId } }] }, { 'retry-after': String(retryAfterSeconds), 'x-request-id': requestId, 'cache-control': PRIVATE_NO_STORE });
      return true;
    }
    if (caller.kind === 'channel') usage.record(caller.channelId, now, 'operations');
    res.setHeader('x-request-id', requestId);
    sendPublicAnswer(req, res, answer, publicCacheHeader, {});
    return true;
  }

  /** Watches one request: when its response closes, its access-log line, metrics and span. */
  function watch(req: IncomingMessage, res: ServerResponse, requestId: string, pathname: string, traced: boolean): { observation: RequestObservation; trace: RequestTrace | undefined } {
    const observation = observeRequest(requestId, (req.method ?? 'GET').toUpperCase(), pathname);
    const trace = traced ? tracing?.startRequest(req, pathname, TRACED_ROUTES.has(pathname) ? pathname : undefined, requestId) : undefined;
    if (trace) {
      observation.traceId = trace.traceId;
      res.setHeader('traceparent', trace.traceparent);
    }
    res.once('close', () => {
      // Not finished: the client left before the whole answer was handed to the socket.
      const status = res.writableFinished ? res.statusCode : undefined;
      const seconds = Number(process.hrtime.bigint() - observation.startedAt) / 1e9;
      const graphql = observation.graphql ? { operation: observation.operation?.name ?? null, kind: observation.operation?.kind ?? null } : undefined;
      metrics.observeRequest({ method: observation.method, pathname, status, seconds, graphql, errorCodes: observation.errorCodes });
      if (config.accessLog) writeAccessLog(logger, observation, status, seconds);
      trace?.end(status);
    });
    return { observation, trace };
  }

  async function serveMetrics(req: IncomingMessage, res: ServerResponse, requestId: string, observation: RequestObservation): Promise<void> {
    if (config.metrics.token !== undefined && !hasBearer(req, config.metrics.token)) {
      observation.errorCodes.push(ErrorCode.UNAUTHENTICATED);
      const message = '/metrics needs the header Authorization: Bearer <METRICS_TOKEN>.';
      return sendJson(res, 401, { errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED, requestId } }] }, { 'www-authenticate': 'Bearer realm="metrics"', 'x-request-id': requestId });
    }
    const text = await metrics.render();
    res.writeHead(200, { 'content-type': metrics.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', 'x-request-id': requestId });
    res.end(req.method === 'HEAD' ? undefined : text);
  }

  // The internal listener: /metrics only, never traced (a scrape every few seconds is not a trace).
  const metricsServer =
    config.metrics.port === undefined
      ? undefined
      : http.createServer((req, res) => {
          const requestId = requestIdOf(req);
          const { pathname } = new URL(req.url ?? '/', 'http://localhost');
          const { observation } = watch(req, res, requestId, pathname, false);
          if (pathname !== '/metrics') {
            observation.errorCodes.push('NOT_FOUND');
            return sendJson(res, 404, { errors: [{ message: `找不到此地址 — no route for ${pathname}`, extensions: { code: 'NOT_FOUND', requestId } }] }, { 'x-request-id': requestId });
          }
          serveMetrics(req, res, requestId, observation).catch((error: unknown) => {
            logger.error({ err: error, requestId }, 'metrics: unhandled error');
            if (!res.headersSent) sendJson(res, 500, { errors: [{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
            else res.destroy();
          });
        });
  let metricsUrl: string | undefined;

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdOf(req);
    // Draining: answer, then close the connection, so the client's next request opens one to
    // an instance that is staying (never a reset on a socket this one is about to close) —
    // also for a request that arrived before the drain began and is answered during it.
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
      if (draining) res.shouldKeepAlive = false;
      return writeHead(...args);
    }) as typeof res.writeHead;
    const url = new URL(req.url ?? '/', 'http://localhost');
    // An upload link's path is its credential: logs, metrics and traces see only the route.
    const observed = url.pathname.startsWith('/uploads/') ? '/uploads/:ticket' : url.pathname;
    const { observation, trace } = watch(req, res, requestId, observed, true);
    if (!url.pathname.startsWith('/uploads/')) {
      const deadline = setTimeout(() => {
        if (!req.complete) req.destroy();
      }, BODY_DEADLINE_MS);
      deadline.unref();
      res.once('close', () => clearTimeout(deadline));
    }
    const route = async () => {
      // On the main port only with a token (see MetricsConfig): otherwise no such route.
      if (url.pathname === '/metrics' && config.metrics.token !== undefined) return serveMetrics(req, res, requestId, observation);
      switch (url.pathname) {
        case '/healthz':
          return sendJson(res, 200, { status: 'ok' }, { 'x-request-id': requestId });
        case '/readyz': {
          const ready = !draining && (await db.isReady());
          return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : draining ? 'draining' : 'unavailable' }, { 'x-request-id': requestId });
        }
        case '/graphql': {
          if (playground && wantsPage(req, url) && playground.serve(req, res, url, { 'x-request-id': requestId })) return;
          const clientAddress = clientAddressOf(req, config.trustedProxies);
          const wait = refusals.retryAfterSeconds(clientAddress);
          if (wait > 0) {
            // Answered before the body is read; the body is drained undecoded (closing with it
            // unread would reset the connection under a client still sending, losing the 429).
            drainRefusedBody(req, config.maxBodyBytes);
            const message = `请求过于频繁 — this address sent too many requests that were refused; retry after ${wait} s.`;
            // Answered after a pause: a client looping on refusals then sends one a second per
            // connection instead of as many as a fast 429 would let it (each drained for nothing).
            const answer = setTimeout(() => {
              observation.errorCodes.push(ErrorCode.TOO_MANY_REQUESTS);
              sendJson(res, 429, { errors: [{ message, extensions: { code: ErrorCode.TOO_MANY_REQUESTS, retryAfterSeconds: wait, requestId } }] }, { 'retry-after': String(wait), 'x-request-id': requestId });
            }, THROTTLED_ANSWER_DELAY_MS);
            res.once('close', () => clearTimeout(answer));
            return;
          }
          // The socket is detached from the request by the time it finishes: keep hold of it.
          const socket = req.socket;
          const bytesBefore = socket.bytesRead;
          res.once('finish', () => {
            if (res.statusCode !== 400 && res.statusCode !== 413) return;
            if (refusals.refused(clientAddress, socket.bytesRead - bytesBefore)) {
              logger.warn({ requestId, clientAddress }, 'http: an address keeps sending refused requests; answering it 429 for the rest of the minute');
            }
          });
          if ([...url.searchParams.keys()].some((p) => CREDENTIAL_PARAMS.has(p.toLowerCase()))) {
            // A key in a URL leaks into logs, proxies and browser history; refuse it outright.
            logger.warn({ requestId }, 'http: credentials sent in a URL were refused');
            throw new HttpError(400, 'Credentials must be sent in the Authorization header, never in the URL.', 'CREDENTIALS_IN_URL');
          }
          return handleGraphQL(req, res, requestId, url.search, observation, trace);
        }
        case '/feeds/releases.atom':
        case '/feeds/releases.rss':
        case '/feeds/interpretations.atom':
        case '/feeds/interpretations.rss':
        case '/sitemap.xml':
          return feeds.serve(req, res, url, requestId);
        default:
          if (feeds.handles(url.pathname)) return feeds.serve(req, res, url, requestId); // /sitemap-<n>.xml
          if (files.handles(url.pathname)) return files.handle(req, res, url, requestId);
          if (reports.handles(url.pathname)) return reports.serve(req, res, url, requestId, clientAddressOf(req, config.trustedProxies));
          if (playground && (url.pathname === '/playground' || url.pathname.startsWith('/playground/')) && playground.serve(req, res, url, { 'x-request-id': requestId })) return;
          observation.errorCodes.push('NOT_FOUND');
          return sendJson(res, 404, { errors: [{ message: `找不到此地址 — no route for ${url.pathname}`, extensions: { code: 'NOT_FOUND', requestId } }] }, { 'x-request-id': requestId });
      }
    };
    const handle = () =>
      corsHandler(req, res, () => {
        route().catch((error: unknown) => {
          if (error instanceof HttpError) {
            if (!res.headersSent) {
              observation.errorCodes.push(error.code);
              sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code, requestId } }] }, { ...error.headers, 'x-request-id': requestId });
            }
            return;
          }
          logger.error({ err: error, requestId }, 'http: unhandled error');
          if (!res.headersSent) {
            observation.errorCodes.push('INTERNAL_SERVER_ERROR');
            sendJson(res, 500, { errors: [{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] }, { 'x-request-id': requestId });
          } else {
            res.destroy();
          }
        });
      });
    if (trace) trace.run(handle);
    else handle();
  });

  let started = false;
  return {
    httpServer,
    get metricsUrl() {
      return metricsUrl;
    },
    async listen(port, host = '0.0.0.0') {
      await apollo.start();
      started = true;
      usage.start();
      const listenOn = (server: http.Server, p: number, h: string) =>
        new Promise<string>((resolve, reject) => {
          server.once('error', reject);
          server.listen(p, h, () => {
            const { port: actual } = server.address() as AddressInfo;
            const shown = h === '0.0.0.0' || h === '::' ? 'localhost' : h.includes(':') ? `[${h}]` : h;
            resolve(`http://${shown}:${actual}`);
          });
        });
      // The internal listener first: a port already taken fails the start before the API is up.
      if (metricsServer) {
        metricsUrl = await listenOn(metricsServer, config.metrics.port!, config.metrics.host).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EADDRINUSE') throw error;
          throw new ConfigError(`config: METRICS_PORT ${config.metrics.port} on ${config.metrics.host} is in use (another instance on this host?): set METRICS_PORT to a free port, 0 for any, or off`);
        });
      }
      try {
        return await listenOn(httpServer, port, host);
      } catch (error) {
        metricsServer?.close();
        throw error;
      }
    },
    async stop() {
      draining = true;
      // Time for load balancers to see /readyz fail and stop sending new requests here.
      await Promise.all([new Promise((r) => setTimeout(r, config.shutdownDelayMs)), pausePoint('app.stop.draining')]);
      // The drain plugin stops accepting connections, closes idle ones and waits for in-flight requests.
      if (started) await apollo.stop();
      else httpServer.close();
      if (metricsServer?.listening) {
        const closed = new Promise((r) => metricsServer.close(r));
        metricsServer.closeAllConnections();
        await closed;
      }
      // Every request is answered: the usage counted so far is written before the database closes.
      await usage.stop();
      publicCache.stop();
      feeds.stop();
    },
  };
}
