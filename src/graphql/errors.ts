// Unexpected-but-anticipated failures as GraphQLErrors with stable `extensions.code`s.
// Expected business failures (conflicts, invalid transitions) are typed results in the schema
// instead (see modules/*/errors). Anything else is masked by formatError in src/http.
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** This caller may only name trusted documents (documentId), not send query text. */
  PERSISTED_DOCUMENT_REQUIRED: 'PERSISTED_DOCUMENT_REQUIRED',
  /** No trusted document has the documentId sent. */
  PERSISTED_DOCUMENT_NOT_FOUND: 'PERSISTED_DOCUMENT_NOT_FOUND',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function badUserInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extra } });
}

export function unauthenticated(message = 'Authentication required or the credentials are not valid.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/** The single message for every permission refusal, so refusals reveal nothing. */
export function forbidden(): GraphQLError {
  return new GraphQLError('Not allowed.', { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function tooManyRequests(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError('Too many attempts; try again later.', {
    extensions: { code: ErrorCode.TOO_MANY_REQUESTS, retryAfterSeconds },
  });
}

/** Seconds a client is told to wait (Retry-After) while the database is out of reach. */
export const RETRY_AFTER_SECONDS = 5;

export const SERVICE_UNAVAILABLE_MESSAGE = '服务暂时不可用，请稍后重试 — the service is temporarily unavailable; retry shortly.';

/** The database is out of reach: a retryable 503 with Retry-After, also before execution. */
export function serviceUnavailable(): GraphQLError {
  return new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, {
    extensions: {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      retryable: true,
      http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}
