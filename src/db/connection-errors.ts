// Which failures mean "the database is out of reach for now" — the client should retry (503),
// the operator should look at the database, and nothing is wrong with the request. Errors
// arrive in several wrappings: node-postgres errors with a SQLSTATE or a socket code, and
// Prisma errors whose driver-adapter cause carries the original code or an error kind.

/** SQLSTATEs and socket codes of a lost or refused connection. */
const CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  // 57P01 admin shutdown (pg_terminate_backend), 57P02 crash shutdown, 57P03 cannot connect now,
  // 57P05 idle-session timeout.
  '57P01', '57P02', '57P03', '57P05',
  // too many connections
  '53300',
  // Prisma: cannot reach the server, connection closed, pool timeout, too many connections.
  'P1001', 'P1002', 'P1017', 'P2024', 'P2037',
]);

/** Driver-adapter error kinds of the same failures. */
const KINDS = new Set(['ConnectionClosed', 'DatabaseNotReachable', 'TooManyConnections', 'SocketTimeout']);

const MESSAGES =
  /Connection terminated|connect ECONNREFUSED|Can't reach database|timeout exceeded when trying to connect|not queryable|Server has closed the connection|not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)/i;

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

function isConnectionCode(code: unknown): boolean {
  // SQLSTATE class 08: connection exception, in every variant.
  return typeof code === 'string' && (CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code));
}

/** True when `error` (or anything it wraps) says the database could not be reached or was lost. */
export function isConnectionError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 12) {
    const e = queue.shift() as ErrorLike | undefined;
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    if (isConnectionCode(e.code) || isConnectionCode(e.originalCode)) return true;
    if (typeof e.kind === 'string' && KINDS.has(e.kind)) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
    queue.push(e.cause, e.originalError, e.meta?.driverAdapterError, e.meta?.driverAdapterError?.cause);
  }
  return false;
}
