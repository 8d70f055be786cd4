// Prometheus metrics of one service instance (prom-client). Each app gets a registry of its own —
// tests run several services in one process, and the default global registry would collide.
// Every label has a bounded set of values: operation names and job task names come from outside
// (clients, the queue's table), so they pass through a LabelCap first.
//
// What is measured where: HTTP requests and GraphQL operations when a response closes
// (src/http/app.ts), database pools and the job queue's depth when scraped, job attempts from
// the in-process runner's events, and the process itself (event-loop lag, memory, GC) by
// prom-client's default collectors.
import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../logger.js';

/** What a GraphQL name looks like; anything else is reported as "invalid". */
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Distinct client-chosen values per label before the rest are counted as "other". */
export const MAX_DISTINCT_LABEL_VALUES = 100;

/** Latency buckets (seconds): a cached list in ms up to a slow mutation's seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Routes reported as themselves; every other path is "other" (paths are the client's choice). */
const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/playground']);
const KNOWN_METHODS = new Set(['GET', 'POST', 'PUT', 'OPTIONS', 'HEAD']);

/** Feeds and sitemap pages, each reported as one route (src/http/feeds.ts). */
const FEED_ROUTE = /^\/feeds\/(releases|interpretations)\.(atom|rss)$/;
const SITEMAP_ROUTE = /^\/sitemap(-\d+)?\.xml$/;

/** Hosted files and uploads (src/http/files.ts), each reported as one route. */
const FILE_ROUTE = /^\/(files|uploads)\//;

export const routeLabel = (pathname: string): string =>
  KNOWN_ROUTES.has(pathname)
    ? pathname
    : FEED_ROUTE.test(pathname)
      ? '/feeds'
      : SITEMAP_ROUTE.test(pathname)
        ? '/sitemap.xml'
        : FILE_ROUTE.test(pathname)
          ? `/${FILE_ROUTE.exec(pathname)![1]}`
          : 'other';
const methodLabel = (method: string): string => (KNOWN_METHODS.has(method) ? method : 'other');

/**
 * Bounds a label fed by outside input: valid names are kept until `max` distinct ones have been
 * seen; later new ones become "other", malformed ones "invalid", a missing one `missing`.
 */
export class LabelCap {
  readonly #seen = new Set<string>();
  constructor(readonly max = MAX_DISTINCT_LABEL_VALUES) {}

  label(value: string | null | undefined, missing: string): string {
    if (value === null || value === undefined || value === '') return missing;
    if (!LABEL_NAME.test(value)) return 'invalid';
    if (this.#seen.has(value)) return value;
    if (this.#seen.size >= this.max) return 'other';
    this.#seen.add(value);
    return value;
  }
}

/** One finished HTTP request, as the access log sees it. */
export interface RequestMeasurement {
  method: string;
  pathname: string;
  /** HTTP status, or undefined when the client left before an answer was sent. */
  status: number | undefined;
  seconds: number;
  /** Set for requests that reached GraphQL execution planning (see RequestObservation). */
  graphql?: { operation: string | null; kind: string | null } | undefined;
  errorCodes: readonly string[];
}

/** The parts of graphile-worker's runner events the metrics read. */
export interface JobEvents {
  on(event: 'job:success', listener: (e: { job: { task_identifier: string } }) => void): unknown;
  on(event: 'job:error' | 'job:failed', listener: (e: { job: { task_identifier: string } }) => void): unknown;
}

export interface Metrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** Counts one finished request (called once per HTTP request). */
  observeRequest(m: RequestMeasurement): void;
  /** Reports a pg pool's connections on every scrape. */
  addPool(label: string, pool: pg.Pool): void;
  /** Counts the attempts of an in-process job runner. */
  watchJobs(events: JobEvents): void;
  /** Counts one webhook delivery attempt (outcome is one of four fixed values). */
  observeWebhookAttempt(outcome: 'delivered' | 'retrying' | 'failed' | 'skipped', seconds: number | undefined): void;
  /** Counts one lookup of the public response cache (src/http/public-response-cache.ts). */
  countPublicCache(result: 'memory_hit' | 'redis_hit' | 'miss'): void;
  /** The exposition text. */
  render(): Promise<string>;
}

export interface MetricsOptions {
  /** Pool the job-queue depth is read with, on scrape. */
  pool: pg.Pool;
  /** graphile-worker's schema (a safe identifier: checked by createJobQueue). */
  jobSchema: string;
  logger: Logger;
}

export function createMetrics({ pool: queryPool, jobSchema, logger }: MetricsOptions): Metrics {
  const registry = new Registry();
  // Per registry: calling it for a second registry in the same process is fine (tests do).
  collectDefaultMetrics({ register: registry });

  const operations = new LabelCap();
  const codes = new LabelCap();
  const tasks = new LabelCap();

  // ---- HTTP and GraphQL ------------------------------------------------------------------------
  const httpRequests = new Counter({
    name: 'gongkai_http_requests_total',
    help: 'HTTP requests answered, by route, method and status ("aborted": the client left first).',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'gongkai_http_request_duration_seconds',
    help: 'Time from a request arriving to its response being sent, by route.',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const graphqlRequests = new Counter({
    name: 'gongkai_graphql_requests_total',
    help: 'GraphQL requests by operation name and kind ("unnamed": anonymous operation; "none": no operation was resolved).',
    labelNames: ['operation', 'kind'] as const,
    registers: [registry],
  });
  const graphqlDuration = new Histogram({
    name: 'gongkai_graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation name and kind.',
    labelNames: ['operation', 'kind'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gongkai_request_errors_total',
    help: 'Errors answered to clients, by extensions.code (GraphQL errors and HTTP refusals alike).',
    labelNames: ['code'] as const,
    registers: [registry],
  });

  // ---- database pools (read on scrape) ---------------------------------------------------------
  const pools = new Map<string, pg.Pool>();
  new Gauge({
    name: 'gongkai_db_pool_connections',
    help: 'Open connections of a database pool, by pool and state (idle or busy).',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [label, p] of pools) {
        this.set({ pool: label, state: 'idle' }, p.idleCount);
        this.set({ pool: label, state: 'busy' }, p.totalCount - p.idleCount);
      }
    },
  });
  new Gauge({
    name: 'gongkai_db_pool_waiting',
    help: 'Callers waiting for a connection of a database pool.',
    labelNames: ['pool'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [label, p] of pools) this.set({ pool: label }, p.waitingCount);
    },
  });
  new Gauge({
    name: 'gongkai_db_pool_max',
    help: 'Largest number of connections a database pool may open.',
    labelNames: ['pool'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [label, p] of pools) this.set({ pool: label }, p.options.max ?? 10);
    },
  });

  // ---- job queue -------------------------------------------------------------------------------
  const collectErrors = new Counter({
    name: 'gongkai_metrics_collect_errors_total',
    help: 'Scrapes that could not read a source, by source.',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  // From the queue's table, so it covers every worker process (npm run worker included).
  new Gauge({
    name: 'gongkai_job_queue_jobs',
    help: 'Jobs in the queue by state: ready (due, waiting for a worker), scheduled (later), running, failed (attempts exhausted).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const { rows } = await queryPool.query<Record<'ready' | 'scheduled' | 'running' | 'failed', string>>(
          `SELECT count(*) FILTER (WHERE attempts < max_attempts AND locked_at IS NULL AND run_at <= now()) AS ready,
                  count(*) FILTER (WHERE attempts < max_attempts AND locked_at IS NULL AND run_at > now()) AS scheduled,
                  count(*) FILTER (WHERE locked_at IS NOT NULL) AS running,
                  count(*) FILTER (WHERE attempts >= max_attempts AND locked_at IS NULL) AS failed
             FROM "${jobSchema}".jobs`,
        );
        for (const [state, count] of Object.entries(rows[0] ?? {})) this.set({ state }, Number(count));
      } catch (error) {
        collectErrors.inc({ source: 'job_queue' });
        logger.warn({ error: (error as Error).message }, 'metrics: could not read the job queue');
      }
    },
  });
  const jobAttempts = new Counter({
    name: 'gongkai_job_attempts_total',
    help: "Job attempts run by this process's job runner, by task and outcome (success or error; an error is retried until attempts run out).",
    labelNames: ['task', 'outcome'] as const,
    registers: [registry],
  });
  const jobsFailed = new Counter({
    name: 'gongkai_jobs_failed_total',
    help: "Jobs of this process's runner that failed for good (their last attempt failed), by task.",
    labelNames: ['task'] as const,
    registers: [registry],
  });

  // ---- public response cache ------------------------------------------------------------------
  const publicCache = new Counter({
    name: 'gongkai_public_response_cache_lookups_total',
    help: 'Lookups of the public response cache by result: memory_hit (this process), redis_hit (shared tier), miss (answered by GraphQL).',
    labelNames: ['result'] as const,
    registers: [registry],
  });

  // ---- webhook deliveries ----------------------------------------------------------------------
  // Counted by the delivery job of this process's runner (src/modules/webhooks/webhook-delivery.ts).
  const webhookAttempts = new Counter({
    name: 'gongkai_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome: delivered (2xx), retrying, failed (retries ran out or the endpoint was disabled), skipped (no longer visible to the channel).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const webhookLatency = new Histogram({
    name: 'gongkai_webhook_delivery_duration_seconds',
    help: 'Time of a webhook delivery attempt that reached the network, to its answer or failure, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  return {
    registry,
    contentType: registry.contentType,
    observeRequest(m) {
      const route = routeLabel(m.pathname);
      httpRequests.inc({ route, method: methodLabel(m.method), status: m.status === undefined ? 'aborted' : String(m.status) });
      httpDuration.observe({ route }, m.seconds);
      if (m.graphql) {
        const labels = { operation: operations.label(m.graphql.operation, m.graphql.kind ? 'unnamed' : 'none'), kind: m.graphql.kind ?? 'none' };
        graphqlRequests.inc(labels);
        graphqlDuration.observe(labels, m.seconds);
      }
      for (const code of m.errorCodes) errors.inc({ code: codes.label(code, 'none') });
    },
    addPool(label, p) {
      pools.set(label, p);
    },
    observeWebhookAttempt(outcome, seconds) {
      webhookAttempts.inc({ outcome });
      if (seconds !== undefined) webhookLatency.observe({ outcome }, seconds);
    },
    watchJobs(events) {
      events.on('job:success', ({ job }) => jobAttempts.inc({ task: tasks.label(job.task_identifier, 'none'), outcome: 'success' }));
      events.on('job:error', ({ job }) => jobAttempts.inc({ task: tasks.label(job.task_identifier, 'none'), outcome: 'error' }));
      events.on('job:failed', ({ job }) => jobsFailed.inc({ task: tasks.label(job.task_identifier, 'none') }));
    },
    countPublicCache(result) {
      publicCache.inc({ result });
    },
    render: () => registry.metrics(),
  };
}
