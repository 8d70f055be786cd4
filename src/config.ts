// The environment, parsed and validated once. The service reads its settings from here only
// (the entry points pass process.env in).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IntrospectionAccess } from './graphql/introspection-gate.js';
import { DEFAULT_DEADLINE_RULES, type DeadlineRules } from './modules/calendar/deadline-rules.js';
import { DEFAULT_PATHS, parseSiteUrl, pathTemplateProblem, type PermalinkKind, type PermalinkSettings } from './modules/channels/permalinks.js';

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  host: string;
  port: number;
  /** PostgreSQL 15+ connection string; when absent the embedded database is used. */
  databaseUrl: string | undefined;
  /** Streaming replicas of DATABASE_URL that serve anonymous and channel reads (empty = none). */
  databaseReplicaUrls: string[];
  /** Folder of the embedded database (and other local state). */
  dataDir: string;
  /** pg pool size per process. */
  dbPoolMax: number;
  /** How long a new database connection may take before the request fails as unavailable. */
  dbConnectTimeoutMs: number;
  /** The county's time zone: decides working days and the month of index numbers. */
  timeZone: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Pre-stop delay: how long /readyz reports "draining" while requests are still served. */
  shutdownDelayMs: number;
  /** How long a public list's totalCount may be reused (0 = count every time). */
  countCacheSeconds: number;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Most field values one operation may be estimated to resolve (page sizes multiplied out). */
  maxQueryCost: number;
  /** Refused requests (1 + 1 per 64 KiB) an address may send per minute before it is answered 429; 0 = unlimited. */
  refusalBudgetPerMinute: number;
  /**
   * Reverse proxies in front of the server whose X-Forwarded-For entries are trusted (0 = none).
   * Decides the client address used by the per-address login throttle and the audit log.
   */
  trustedProxies: number;
  /** Origins allowed by CORS; empty = same-origin only. */
  corsOrigins: string[];
  /** Who may introspect the schema: everyone (development), signed-in staff (production), nobody. */
  introspection: IntrospectionAccess;
  /** Serve the GraphiQL playground at /graphql (browsers) and /playground. */
  playground: boolean;
  /** Seed the reference data (catalog, org tree, calendar) at start-up when the database is empty. */
  seedOnStart: boolean;
  auth: AuthConfig;
  /** Password of the demo accounts seeded outside production. */
  demoPassword: string;
  jobs: JobsConfig;
  /** Write one access-log line per HTTP request (level info). */
  accessLog: boolean;
  metrics: MetricsConfig;
  tracing: TracingConfig;
  /** The county's deadlines for interpretations and answers to concerns. */
  deadlines: DeadlineRules;
  /** 到期提醒 — the daily reminder lists what falls due within this many working days (REMINDER_WORKING_DAYS). */
  reminderWorkingDays: number;
  /** The public website's address and page paths: permalinks (`url` fields), feeds' links, the sitemap. */
  publicSite: PermalinkSettings;
  /**
   * This API's address as the public reaches it (PUBLIC_API_URL; absolute http(s), no trailing
   * slash): the base of the feeds' own links and of the sitemap index. Undefined: the request's
   * Host header (never X-Forwarded-*).
   */
  publicApiUrl: string | undefined;
  /** Feeds (/feeds/*.atom, *.rss) and the sitemap. */
  feeds: FeedsConfig;
  /** Days of changes the change feed keeps; an older cursor must re-sync (CHANGE_RETENTION_DAYS). */
  changeRetentionDays: number;
  /** Redis (REDIS_URL): shares the public response cache and rate limits between API processes. */
  redisUrl: string | undefined;
  /** Cache-Control of public answers (anonymous and channel GETs, feeds). */
  httpCache: HttpCacheConfig;
  /** Outbound webhook deliveries: address allow-list, timeouts, retries, disabling, rotation. */
  webhooks: WebhooksConfig;
  /** Trusted documents (persisted-document manifests) and who may still send query text. */
  trustedDocuments: TrustedDocumentsConfig;
  /** Per-operation rate limits and the channel usage counters. */
  operationLimits: OperationLimitsConfig;
  /** Hosted files: where they are stored and how long their links last. */
  files: FilesConfig;
}

export interface FilesConfig {
  /** FILE_STORE: `local` (default: FILES_DIR on this machine) or `s3` (S3-compatible object storage, shared by every instance). */
  store: 'local' | 's3';
  /** FILES_DIR (default DATA_DIR/files): the local store's folder; uploads are received into it in every mode. */
  dir: string;
  /** S3_* settings, when FILE_STORE=s3. */
  s3: S3Config | undefined;
  /** How long a signed link to a file that is not public works (FILE_SIGNED_URL_SECONDS). */
  signedUrlSeconds: number;
  /** How long an upload link works once issued (UPLOAD_URL_SECONDS). */
  uploadUrlSeconds: number;
  /** Cache-Control max-age of a public file (FILE_CACHE_SECONDS); a CDN in front must be purged on withdrawal (the release.withdrawn change event). */
  publicCacheSeconds: number;
}

export interface S3Config {
  /** S3_ENDPOINT: the service's URL (MinIO, OSS, COS …); unset for AWS S3 itself. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  /** Key prefix inside the bucket (S3_PREFIX, default `gongkai/`). */
  prefix: string;
  /** S3_FORCE_PATH_STYLE: bucket in the path, not the host name (MinIO and most self-hosted stores). */
  forcePathStyle: boolean;
  /** S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY; unset: the SDK's default chain (instance roles …). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

export interface TrustedDocumentsConfig {
  /** Manifests loaded at start-up: TRUSTED_DOCUMENTS_MANIFEST (default the codegen one), then TRUSTED_DOCUMENTS_EXTRA_MANIFESTS. */
  manifests: string[];
  /** ANONYMOUS_QUERY_TEXT: `allow` (default) or `trusted-only` (anonymous callers send document ids; sign-in mutations excepted). */
  anonymousQueryText: 'allow' | 'trusted-only';
}

export interface OperationLimitsConfig {
  /** Operations (weights) a channel client may run per minute unless its own setting says otherwise; 0 = unlimited. */
  channelPerMinute: number;
  /** … an anonymous client address; 0 = unlimited. */
  anonymousPerMinute: number;
  /** … a staff user (loose: a runaway script, not a person); 0 = unlimited. */
  staffPerMinute: number;
  /** Prefix of the shared counters' Redis keys (undefined: derived from the database, so instances of one database share them). */
  redisKeyPrefix: string | undefined;
  /** How often the channel usage counters are written. */
  usageFlushMs: number;
}

export interface WebhooksConfig {
  /** Hosts, IP addresses or CIDR ranges that may be delivered to although private/loopback (WEBHOOK_ALLOWED_HOSTS). */
  allowedHosts: string[];
  connectTimeoutMs: number;
  /** The whole attempt: connect, send, response headers and body. */
  timeoutMs: number;
  /** Response bytes read (and discarded) at most. */
  maxResponseBytes: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Retries stop this long after a delivery's first attempt (the delivery is then FAILED). */
  retryWindowSeconds: number;
  /** An endpoint whose deliveries all failed for this long is disabled. */
  disableAfterSeconds: number;
  /** … or after this many failed attempts in a row. */
  disableAfterFailures: number;
  /** Default overlap of a secret rotation: the previous secret keeps signing this long. */
  secretOverlapSeconds: number;
}

export interface FeedsConfig {
  /** Newest entries per feed. */
  entries: number;
  /** URLs per sitemap file (the protocol allows 50,000); more make /sitemap.xml an index. */
  sitemapUrlsPerFile: number;
}

export interface HttpCacheConfig {
  maxAgeSeconds: number;
  sharedMaxAgeSeconds: number;
  staleWhileRevalidateSeconds: number;
  /** Bytes of whole public answers each process keeps (RESPONSE_CACHE_MAX_BYTES; 0 = no response cache). */
  responseCacheMaxBytes: number;
  /** Longest life of a cached answer, in this process and in Redis (purged earlier by every change announced). */
  responseCacheSeconds: number;
}

export interface MetricsConfig {
  /** Bearer token that /metrics asks for; when set, /metrics is also served on the main port. */
  token: string | undefined;
  /** Port of the internal listener that serves only /metrics (undefined = none; 0 = any free port). */
  port: number | undefined;
  /** Address of that listener: loopback unless a token protects it. */
  host: string;
}

export interface TracingConfig {
  /** OpenTelemetry tracing on: an OTLP endpoint is configured (off by default). */
  enabled: boolean;
  /** Full OTLP/HTTP (protobuf) URL spans are sent to, e.g. http://collector:4318/v1/traces. */
  otlpTracesUrl: string | undefined;
  serviceName: string;
  /** Share of new traces recorded (a caller's sampled traceparent is always followed). */
  sampleRatio: number;
}

export interface JobsConfig {
  /** Run the job queue inside this process (scheduled publication, expiry, clean-up). */
  runInProcess: boolean;
  /** graphile-worker's schema. */
  schema: string;
  /** How often idle workers look for due jobs, in ms. */
  pollIntervalMs: number;
  concurrency: number;
  /** Days failed sign-ins and lock notices stay in the audit log (change records stay for good). */
  authAuditRetentionDays: number;
}

export interface OidcConfig {
  /** OIDC_ISSUER: the provider's issuer URL (its /.well-known/openid-configuration is read once). */
  issuer: string;
  clientId: string;
  /** OIDC_CLIENT_SECRET (client_secret_basic); undefined: a public client (PKCE only). */
  clientSecret: string | undefined;
  /** OIDC_REDIRECT_URIS: the front ends' callback pages; `beginOidcLogin` accepts only these. */
  redirectUris: string[];
  /** OIDC_SCOPES (default `openid profile`). */
  scopes: string;
  /** OIDC_ALLOW_HTTP: talk to a provider over plain http (a local test provider; never in production). */
  allowHttp: boolean;
  /** OIDC_DISPLAY_NAME: what the sign-in page calls the provider (default 统一身份认证). */
  displayName: string;
}

export interface AuthConfig {
  /** HS256 signing key of access tokens (≥ 32 bytes). */
  jwtSecret: Uint8Array;
  /** Whether the key was generated for this data folder (development) rather than configured. */
  jwtSecretGenerated: boolean;
  issuer: string;
  audience: string;
  /** Access-token lifetime in seconds (at most 15 minutes). */
  accessTokenTtl: number;
  /** Refresh-token lifetime in seconds. */
  refreshTokenTtl: number;
  /**
   * TOTP_REQUIRED_FOR_ADMINS: an ADMIN without an active TOTP second factor may sign in, but the
   * session can do nothing but enrol (beginTotpEnrolment, confirmTotpEnrolment), read `viewer`,
   * refresh its tokens and log out until the enrolment is confirmed.
   */
  totpRequiredForAdmins: boolean;
  /** Single sign-on with the province's identity provider (OIDC_*); undefined: off. */
  oidc: OidcConfig | undefined;
}

export const DEFAULT_DEMO_PASSWORD = 'gongkai-demo-2026';
const MIN_SECRET_BYTES = 32;

/**
 * The JWT key: JWT_SECRET when set; in production it must be set. Elsewhere a random key is
 * generated once and kept in the data folder, so tokens survive restarts of a dev server.
 */
function jwtSecret(env: NodeJS.ProcessEnv, isProduction: boolean, dataDir: string): { key: Uint8Array; generated: boolean } {
  const configured = env.JWT_SECRET;
  if (configured) {
    const key = new TextEncoder().encode(configured);
    if (key.length < MIN_SECRET_BYTES) throw new ConfigError(`config: JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);
    return { key, generated: false };
  }
  if (isProduction) throw new ConfigError('config: JWT_SECRET is required in production (at least 32 random bytes)');
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return { key: new TextEncoder().encode(readFileSync(file, 'utf8').trim()), generated: true };
  const generated = randomBytes(48).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, generated, { mode: 0o600 });
  return { key: new TextEncoder().encode(generated), generated: true };
}

/** Default port of the internal metrics listener in production (the usual Prometheus exporter port). */
export const DEFAULT_METRICS_PORT = 9464;
const MIN_METRICS_TOKEN_BYTES = 16;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Where /metrics is served. Never publicly without a token: the main port serves it only when
 * METRICS_TOKEN is set, and the internal listener (on by default in production) binds loopback
 * unless a token is set.
 */
function metricsConfig(env: NodeJS.ProcessEnv, isProduction: boolean, port: number): MetricsConfig {
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && Buffer.byteLength(token) < MIN_METRICS_TOKEN_BYTES) {
    throw new ConfigError(`config: METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_BYTES} bytes`);
  }
  const rawPort = env.METRICS_PORT?.toLowerCase();
  const metricsPort = rawPort === 'off' ? undefined : rawPort ? int(env, 'METRICS_PORT', 0, 0, 65535) : isProduction ? DEFAULT_METRICS_PORT : undefined;
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) {
    throw new ConfigError(`config: METRICS_PORT must differ from PORT (${port}); set METRICS_TOKEN to serve /metrics on the main port`);
  }
  const host = env.METRICS_HOST || '127.0.0.1';
  if (metricsPort !== undefined && !isLoopback(host) && token === undefined) {
    throw new ConfigError(`config: METRICS_HOST '${host}' is not a loopback address: set METRICS_TOKEN too (metrics are never served beyond this host without a token)`);
  }
  return { token, port: metricsPort, host };
}

function tracingConfig(env: NodeJS.ProcessEnv): TracingConfig {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (url !== undefined && !/^https?:\/\/[^/]/.test(url)) {
    throw new ConfigError(`config: OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL, got '${base ?? url}'`);
  }
  const rawRatio = env.OTEL_TRACES_SAMPLER_ARG;
  const sampleRatio = rawRatio === undefined || rawRatio === '' ? 1 : Number(rawRatio);
  if (!Number.isFinite(sampleRatio) || sampleRatio < 0 || sampleRatio > 1) {
    throw new ConfigError(`config: OTEL_TRACES_SAMPLER_ARG must be a number between 0 and 1, got '${rawRatio}'`);
  }
  return {
    enabled: url !== undefined && !bool(env, 'OTEL_SDK_DISABLED', false),
    otlpTracesUrl: url,
    serviceName: env.OTEL_SERVICE_NAME || 'gongkai',
    sampleRatio,
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`config: ${name} must be an integer between ${min} and ${max}, got '${raw}'`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`config: ${name} must be true or false, got '${env[name]}'`);
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`config: ${name} must be one of ${allowed.join(', ')}, got '${raw}'`);
  }
  return raw as T;
}

/** GRAPHQL_INTROSPECTION: all | staff | off (true/false mean all/off). */
function introspectionAccess(env: NodeJS.ProcessEnv, isProduction: boolean): IntrospectionAccess {
  const raw = env.GRAPHQL_INTROSPECTION?.toLowerCase();
  if (raw === undefined || raw === '') return isProduction ? 'staff' : 'all';
  if (raw === 'all' || raw === 'staff' || raw === 'off') return raw;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return 'all';
  if (['0', 'false', 'no'].includes(raw)) return 'off';
  throw new ConfigError(`config: GRAPHQL_INTROSPECTION must be all, staff or off, got '${env.GRAPHQL_INTROSPECTION}'`);
}

/** DATA_DIR, resolved: the embedded database's folder (also read by db:backup / db:restore, which need no other setting). */
export function dataDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR || 'data');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const isProduction = nodeEnv === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`config: DATABASE_URL must start with postgresql://`);
  }
  const databaseReplicaUrls = (env.DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (databaseReplicaUrls.length > 0 && !databaseUrl) {
    throw new ConfigError('config: DATABASE_REPLICA_URLS needs DATABASE_URL (the embedded database has no replicas)');
  }
  for (const replica of databaseReplicaUrls) {
    if (!/^postgres(ql)?:\/\//.test(replica)) throw new ConfigError('config: each of DATABASE_REPLICA_URLS must start with postgresql://');
  }
  const timeZone = env.GONGKAI_TIME_ZONE || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError(`config: GONGKAI_TIME_ZONE '${timeZone}' is not a known IANA time zone`);
  }
  const dataDir = dataDirOf(env);
  const secret = jwtSecret(env, isProduction, dataDir);
  const demoPassword = env.GONGKAI_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  const port = int(env, 'PORT', 4000, 0, 65535);
  return {
    nodeEnv,
    isProduction,
    // Outside production the demo accounts have a published password: listen on loopback only
    // unless told otherwise.
    host: env.HOST || (isProduction ? '0.0.0.0' : '127.0.0.1'),
    port,
    databaseUrl,
    databaseReplicaUrls,
    dataDir,
    dbPoolMax: int(env, 'DB_POOL_MAX', 10, 1, 200),
    dbConnectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', 5_000, 100, 60_000),
    timeZone,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 1_000_000, 1_000, 100_000_000),
    countCacheSeconds: int(env, 'COUNT_CACHE_SECONDS', 5, 0, 60),
    // Production sits behind a load balancer that needs a few seconds to notice; a developer's
    // Ctrl-C should not wait.
    shutdownDelayMs: int(env, 'SHUTDOWN_DELAY_MS', isProduction ? 5_000 : 0, 0, 120_000),
    maxQueryCost: int(env, 'MAX_QUERY_COST', 100_000, 100, 10_000_000),
    refusalBudgetPerMinute: int(env, 'REFUSAL_BUDGET_PER_MINUTE', 120, 0, 1_000_000),
    trustedProxies: int(env, 'TRUSTED_PROXIES', 0, 0, 10),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    introspection: introspectionAccess(env, isProduction),
    playground: bool(env, 'PLAYGROUND', true),
    seedOnStart: bool(env, 'SEED_ON_START', true),
    auth: {
      jwtSecret: secret.key,
      jwtSecretGenerated: secret.generated,
      issuer: env.JWT_ISSUER || 'gongkai',
      audience: env.JWT_AUDIENCE || 'gongkai-api',
      accessTokenTtl: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 60, 900),
      refreshTokenTtl: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, 3600, 90 * 24 * 3600),
      totpRequiredForAdmins: bool(env, 'TOTP_REQUIRED_FOR_ADMINS', false),
      oidc: oidcConfig(env, isProduction),
    },
    demoPassword,
    jobs: {
      runInProcess: bool(env, 'RUN_JOBS', true),
      schema: env.JOB_SCHEMA || 'graphile_worker',
      pollIntervalMs: int(env, 'JOB_POLL_INTERVAL_MS', 2000, 100, 60_000),
      concurrency: int(env, 'JOB_CONCURRENCY', 2, 1, 50),
      authAuditRetentionDays: int(env, 'AUTH_AUDIT_RETENTION_DAYS', 90, 7, 3650),
    },
    accessLog: bool(env, 'ACCESS_LOG', true),
    metrics: metricsConfig(env, isProduction, port),
    tracing: tracingConfig(env),
    deadlines: deadlineRules(env),
    reminderWorkingDays: int(env, 'REMINDER_WORKING_DAYS', 3, 1, 60),
    changeRetentionDays: int(env, 'CHANGE_RETENTION_DAYS', 30, 1, 3650),
    redisUrl: redisUrl(env),
    publicSite: publicSiteConfig(env),
    publicApiUrl: absoluteUrl(env, 'PUBLIC_API_URL'),
    feeds: {
      entries: int(env, 'FEED_ENTRIES', 50, 1, 500),
      sitemapUrlsPerFile: int(env, 'SITEMAP_URLS_PER_FILE', 50_000, 1, 50_000),
    },
    httpCache: {
      maxAgeSeconds: int(env, 'HTTP_CACHE_MAX_AGE_SECONDS', 30, 0, 86_400),
      sharedMaxAgeSeconds: int(env, 'HTTP_CACHE_S_MAXAGE_SECONDS', 60, 0, 86_400),
      staleWhileRevalidateSeconds: int(env, 'HTTP_CACHE_STALE_WHILE_REVALIDATE_SECONDS', 300, 0, 86_400),
      responseCacheMaxBytes: int(env, 'RESPONSE_CACHE_MAX_BYTES', 64 * 1024 * 1024, 0, 16 * 1024 * 1024 * 1024),
      responseCacheSeconds: int(env, 'RESPONSE_CACHE_SECONDS', 60, 0, 86_400),
    },
    webhooks: webhooksConfig(env),
    trustedDocuments: {
      manifests: [
        path.resolve(env.TRUSTED_DOCUMENTS_MANIFEST || path.join(import.meta.dirname, '..', 'examples', '__generated__', 'persisted-documents.json')),
        ...(env.TRUSTED_DOCUMENTS_EXTRA_MANIFESTS ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((f) => path.resolve(f)),
      ],
      anonymousQueryText: oneOf(env, 'ANONYMOUS_QUERY_TEXT', ['allow', 'trusted-only'] as const, 'allow'),
    },
    operationLimits: {
      channelPerMinute: int(env, 'CHANNEL_OPERATIONS_PER_MINUTE', 1_200, 0, 10_000_000),
      anonymousPerMinute: int(env, 'ANONYMOUS_OPERATIONS_PER_MINUTE', 300, 0, 10_000_000),
      staffPerMinute: int(env, 'STAFF_OPERATIONS_PER_MINUTE', 3_000, 0, 10_000_000),
      redisKeyPrefix: env.RATE_LIMIT_KEY_PREFIX || undefined,
      usageFlushMs: int(env, 'CHANNEL_USAGE_FLUSH_MS', 10_000, 100, 3_600_000),
    },
    files: filesConfig(env, dataDir),
  };
}

function oidcConfig(env: NodeJS.ProcessEnv, isProduction: boolean): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const allowHttp = bool(env, 'OIDC_ALLOW_HTTP', false);
  if (allowHttp && isProduction) throw new ConfigError('config: OIDC_ALLOW_HTTP is for a local test provider and cannot be used in production');
  const httpUrl = (raw: string, name: string) => {
    if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) throw new ConfigError(`config: ${name} must be an absolute http(s) URL, got '${raw}'`);
    const url = new URL(raw);
    // A code sent over plain http can be read on the way; only the machine itself (RFC 8252) is exempt for callbacks.
    const loopback = name === 'OIDC_REDIRECT_URIS' && (url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\./.test(url.hostname));
    if (url.protocol === 'http:' && isProduction && !loopback) throw new ConfigError(`config: ${name} must be https in production, got '${raw}'`);
    if (raw.includes('#')) throw new ConfigError(`config: ${name} must not have a fragment, got '${raw}'`);
    // The provider appends ?code=…&state=…; completeOidcLogin expects the callback to be exactly that.
    if (name === 'OIDC_REDIRECT_URIS' && url.search) throw new ConfigError(`config: ${name} must not have a query, got '${raw}'`);
    return raw;
  };
  httpUrl(issuer, 'OIDC_ISSUER');
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new ConfigError('config: OIDC_ISSUER needs OIDC_CLIENT_ID');
  const redirectUris = (env.OIDC_REDIRECT_URIS ?? '').split(',').map((u) => u.trim()).filter(Boolean).map((u) => httpUrl(u, 'OIDC_REDIRECT_URIS'));
  if (redirectUris.length === 0) throw new ConfigError('config: OIDC_ISSUER needs OIDC_REDIRECT_URIS (the front ends\' callback pages, comma-separated)');
  return {
    issuer,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    redirectUris,
    scopes: oidcScopes(env.OIDC_SCOPES),
    allowHttp,
    displayName: env.OIDC_DISPLAY_NAME?.trim() || '统一身份认证',
  };
}

function oidcScopes(raw: string | undefined): string {
  const scopes = raw?.trim() || 'openid profile';
  if (!scopes.split(/\s+/).includes('openid')) throw new ConfigError(`config: OIDC_SCOPES must include openid, got '${scopes}'`);
  return scopes;
}

function filesConfig(env: NodeJS.ProcessEnv, dataDir: string): FilesConfig {
  const store = oneOf(env, 'FILE_STORE', ['local', 's3'] as const, 'local');
  let s3: S3Config | undefined;
  if (store === 's3') {
    const bucket = env.S3_BUCKET?.trim();
    if (!bucket) throw new ConfigError('config: FILE_STORE=s3 needs S3_BUCKET');
    const endpoint = env.S3_ENDPOINT?.trim() || undefined;
    if (endpoint && !/^https?:\/\/[^/]+/.test(endpoint)) throw new ConfigError('config: S3_ENDPOINT must be an http(s) URL');
    const accessKeyId = env.S3_ACCESS_KEY_ID?.trim();
    const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim();
    if (!accessKeyId !== !secretAccessKey) throw new ConfigError('config: set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither');
    const prefix = env.S3_PREFIX ?? 'gongkai/';
    if (prefix !== '' && !/^[A-Za-z0-9._\-/]{1,200}\/$/.test(prefix)) throw new ConfigError('config: S3_PREFIX must be letters, digits, ._-/ and end in /');
    s3 = {
      endpoint,
      region: env.S3_REGION?.trim() || 'us-east-1',
      bucket,
      prefix,
      forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', endpoint !== undefined),
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    };
  }
  return {
    store,
    dir: path.resolve(env.FILES_DIR || path.join(dataDir, 'files')),
    s3,
    signedUrlSeconds: int(env, 'FILE_SIGNED_URL_SECONDS', 600, 10, 86_400),
    uploadUrlSeconds: int(env, 'UPLOAD_URL_SECONDS', 900, 60, 86_400),
    publicCacheSeconds: int(env, 'FILE_CACHE_SECONDS', 3_600, 0, 31_536_000),
  };
}

function webhooksConfig(env: NodeJS.ProcessEnv): WebhooksConfig {
  const retryBaseMs = int(env, 'WEBHOOK_RETRY_BASE_MS', 30_000, 10, 3_600_000);
  return {
    allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    connectTimeoutMs: int(env, 'WEBHOOK_CONNECT_TIMEOUT_MS', 5_000, 100, 60_000),
    timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 15_000, 200, 120_000),
    maxResponseBytes: int(env, 'WEBHOOK_MAX_RESPONSE_BYTES', 65_536, 0, 10_485_760),
    retryBaseMs,
    retryMaxMs: int(env, 'WEBHOOK_RETRY_MAX_MS', 3_600_000, retryBaseMs, 86_400_000),
    retryWindowSeconds: int(env, 'WEBHOOK_RETRY_WINDOW_SECONDS', 86_400, 1, 7 * 86_400),
    disableAfterSeconds: int(env, 'WEBHOOK_DISABLE_AFTER_SECONDS', 86_400, 1, 30 * 86_400),
    disableAfterFailures: int(env, 'WEBHOOK_DISABLE_AFTER_FAILURES', 100, 1, 100_000),
    secretOverlapSeconds: int(env, 'WEBHOOK_SECRET_OVERLAP_SECONDS', 86_400, 0, 30 * 86_400),
  };
}

/** An optional absolute http(s) URL setting (PUBLIC_SITE_URL, PUBLIC_API_URL), normalized without a trailing slash. */
function absoluteUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const parsed = parseSiteUrl(raw);
  if ('problem' in parsed) throw new ConfigError(`config: ${name} ${parsed.problem}`);
  return parsed.url;
}

/** PUBLIC_SITE_URL and the PUBLIC_*_PATH templates (see src/modules/channels/permalinks.ts). */
function publicSiteConfig(env: NodeJS.ProcessEnv): PermalinkSettings {
  const siteUrl = absoluteUrl(env, 'PUBLIC_SITE_URL');
  const template = (name: string, kind: PermalinkKind): string => {
    const value = env[name]?.trim() || DEFAULT_PATHS[kind];
    const problem = pathTemplateProblem(value, kind);
    if (problem) throw new ConfigError(`config: ${name} ${problem}`);
    return value;
  };
  return {
    siteUrl,
    releasePath: template('PUBLIC_RELEASE_PATH', 'release'),
    interpretationPath: template('PUBLIC_INTERPRETATION_PATH', 'interpretation'),
    questionPath: template('PUBLIC_QUESTION_PATH', 'question'),
  };
}

function redisUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.REDIS_URL?.trim();
  if (!url) return undefined;
  if (!/^rediss?:\/\//.test(url)) throw new ConfigError(`config: REDIS_URL must be a redis:// or rediss:// URL`);
  return url;
}

function deadlineRules(env: NodeJS.ProcessEnv): DeadlineRules {
  const d = DEFAULT_DEADLINE_RULES;
  const days = (name: string, fallback: number) => int(env, name, fallback, 1, 60);
  const suggestion = days('CONCERN_SUGGESTION_DUE_WORKING_DAYS', d.concernWorkingDays.SUGGESTION);
  const suggestionMax = days('CONCERN_SUGGESTION_MAX_WORKING_DAYS', d.suggestionMaxWorkingDays);
  if (suggestionMax < suggestion || suggestionMax - suggestion > 20) {
    throw new ConfigError('config: CONCERN_SUGGESTION_MAX_WORKING_DAYS must be CONCERN_SUGGESTION_DUE_WORKING_DAYS to 20 working days more');
  }
  return {
    interpretationWorkingDays: days('INTERPRETATION_DUE_WORKING_DAYS', d.interpretationWorkingDays),
    concernWorkingDays: {
      QUESTION: days('CONCERN_QUESTION_DUE_WORKING_DAYS', d.concernWorkingDays.QUESTION),
      CORRECTION: days('CONCERN_CORRECTION_DUE_WORKING_DAYS', d.concernWorkingDays.CORRECTION),
      SUGGESTION: suggestion,
      COMPLAINT: days('CONCERN_COMPLAINT_DUE_WORKING_DAYS', d.concernWorkingDays.COMPLAINT),
    },
    suggestionMaxWorkingDays: suggestionMax,
    publicOpinionHours: {
      major: int(env, 'PUBLIC_OPINION_MAJOR_DUE_HOURS', d.publicOpinionHours.major, 1, 240),
      other: int(env, 'PUBLIC_OPINION_DUE_HOURS', d.publicOpinionHours.other, 1, 240),
    },
    submitterRetentionDays: int(env, 'CONCERN_SUBMITTER_RETENTION_DAYS', d.submitterRetentionDays, 1, 3650),
    submissionLimits: {
      perAddress: int(env, 'CONCERN_SUBMISSIONS_PER_ADDRESS', d.submissionLimits.perAddress, 1, 100_000),
      perChannel: int(env, 'CONCERN_SUBMISSIONS_PER_CHANNEL', d.submissionLimits.perChannel, 1, 1_000_000),
    },
  };
}
