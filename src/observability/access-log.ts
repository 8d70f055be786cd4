// One access-log line per HTTP request, written when its response closes (so it knows the
// status and the duration), whatever the route and whoever answered it: GraphQL, the probes,
// /metrics, and refusals (400, 404, 413, 429, 503) sent before GraphQL ever ran.
//
// WARNING: the line is built from named fields only — never from headers, the query string,
// variables or the body — so no token, API key, password or personal data can reach it. The
// client address is left out too (it is personal data; the audit log keeps it where it is needed).
import type { Viewer } from '../auth/viewer.js';
import type { Logger } from '../logger.js';

/** What a request's handlers learn about it on the way, for its log line, metrics and trace. */
export interface RequestObservation {
  requestId: string;
  method: string;
  pathname: string;
  /** process.hrtime.bigint() when the request arrived. */
  startedAt: bigint;
  /** Set once GraphQL resolved the operation (null name = anonymous operation). */
  operation?: { name: string | null; kind: 'query' | 'mutation' | 'subscription' } | undefined;
  /** True once the request reached Apollo (a GraphQL request, whether or not it resolved). */
  graphql: boolean;
  viewerKind?: Viewer['kind'] | undefined;
  /** extensions.code of every error answered. */
  errorCodes: string[];
  traceId?: string | undefined;
  /** What the operation cost of its caller's rate limit (a cached copy of its answer costs the same). */
  operationWeight?: number | undefined;
}

export function observeRequest(requestId: string, method: string, pathname: string): RequestObservation {
  return { requestId, method, pathname, startedAt: process.hrtime.bigint(), graphql: false, errorCodes: [] };
}

/** Longest path written (paths of unknown routes are the client's choice). */
const MAX_PATH = 200;
/** Longest operation name written (GraphQL names are unbounded). */
const MAX_OPERATION = 100;

export function writeAccessLog(logger: Logger, o: RequestObservation, status: number | undefined, seconds: number): void {
  logger.info(
    {
      requestId: o.requestId,
      method: o.method,
      path: o.pathname.length > MAX_PATH ? `${o.pathname.slice(0, MAX_PATH)}…` : o.pathname,
      // undefined: the client closed the connection before an answer was sent.
      status: status ?? null,
      durationMs: Math.round(seconds * 10_000) / 10,
      operation: o.operation?.name?.slice(0, MAX_OPERATION) ?? null,
      kind: o.operation?.kind ?? null,
      viewer: o.viewerKind ?? null,
      ...(o.errorCodes.length > 0 ? { errors: o.errorCodes } : {}),
      ...(o.traceId ? { traceId: o.traceId } : {}),
      ...(status === undefined ? { aborted: true } : {}),
    },
    'http: request',
  );
}
