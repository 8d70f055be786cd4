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

export const UNAUTHENTICATED_MESSAGE = '未登录或凭据无效 — authentication required, or the credentials are not valid.';
export const FORBIDDEN_MESSAGE = '无权执行此操作 — not allowed.';
export const INTERNAL_ERROR_MESSAGE = '服务器内部错误 — internal server error; the request id identifies it in the server log.';

export function unauthenticated(message = UNAUTHENTICATED_MESSAGE): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/** The single message for every permission refusal, so refusals reveal nothing. */
export function forbidden(): GraphQLError {
  return new GraphQLError(FORBIDDEN_MESSAGE, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function tooManyRequests(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError('尝试过多，请稍后再试 — too many attempts; try again later.', {
    extensions: { code: ErrorCode.TOO_MANY_REQUESTS, retryAfterSeconds },
  });
}

/** What the Chinese-first label of an error says, by code, for messages written in English only (graphql-js, Apollo, ours). */
const LABELS: Record<string, string> = {
  BAD_USER_INPUT: '输入无效',
  GRAPHQL_PARSE_FAILED: '查询语法错误',
  GRAPHQL_VALIDATION_FAILED: '查询与接口定义不符',
  UNAUTHENTICATED: '未登录或凭据无效',
  FORBIDDEN: '无权执行此操作',
  TOO_MANY_REQUESTS: '请求过于频繁',
  SERVICE_UNAVAILABLE: '服务暂时不可用',
  INTERNAL_SERVER_ERROR: '服务器内部错误',
  NOT_FOUND: '找不到',
  METHOD_NOT_ALLOWED: '不支持此请求方法',
  PAYLOAD_TOO_LARGE: '请求过大',
  BAD_REQUEST: '请求无效',
  QUERY_TOO_COMPLEX: '查询过于复杂',
  CREDENTIALS_IN_URL: '凭据不得放在网址中',
  PERSISTED_DOCUMENT_REQUIRED: '须使用已登记的查询',
  PERSISTED_DOCUMENT_NOT_FOUND: '找不到已登记的查询',
  PERSISTED_QUERY_NOT_FOUND: '找不到已登记的查询',
  PERSISTED_QUERY_NOT_SUPPORTED: '不支持自动登记查询',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作',
};

const CHINESE_FIRST = /^[\u3400-\u9fff]/;

/**
 * Every top-level error message is Chinese first, English after (as the schema's descriptions):
 * a message that does not start in Chinese — graphql-js's validation, Apollo's request errors —
 * gets the label of its code in front.
 */
export function chineseFirst(message: string, code: unknown): string {
  if (CHINESE_FIRST.test(message)) return message;
  return `${LABELS[String(code)] ?? '请求失败'} — ${message}`;
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
