// The per-request context handed to every resolver. Built fresh for each request (never
// shared: graphql-shield keeps its per-request cache on it).
import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { CountCache } from './graphql/count-cache.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logger.js';
import type { ChangeBus } from './modules/changes/change-bus.js';
import type { RequestObservation } from './observability/access-log.js';

export interface Context {
  db: Db;
  config: Pick<Config, 'auth' | 'timeZone' | 'isProduction' | 'deadlines' | 'publicSite' | 'changeRetentionDays' | 'webhooks' | 'publicApiUrl' | 'files'>;
  viewer: Viewer;
  /** Request time: one "now" for every visibility check in the request. */
  now: Date;
  requestId: string;
  /** Client address: the socket peer, or behind TRUSTED_PROXIES the address they forwarded. */
  clientAddress: string;
  logger: Logger;
  /** The job queue, to schedule work inside a mutation's transaction. */
  jobs: JobQueue;
  /** Counts of public lists, shared by the requests of this process. */
  counts: CountCache;
  /** Announce a committed change to public content here (caches purge, webhooks look for work). */
  changes: ChangeBus;
  /** What the access log, metrics and trace learn about this request (operation, viewer, error codes). */
  observation: RequestObservation;
}
