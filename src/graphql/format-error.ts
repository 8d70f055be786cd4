// What clients see of errors: expected errors keep their message and code; everything else
// (Prisma messages, stack traces, SQL) is replaced by a generic message. The original is
// logged with the request id by the logging plugin, which also stamps the id on every error.
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isConnectionError } from '../db/connection-errors.js';
import { chineseFirst, ErrorCode, INTERNAL_ERROR_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE } from './errors.js';

const PASS_THROUGH = new Set<string>([
  // Not INTERNAL_SERVER_ERROR: Apollo gives that code to every GraphQLError without one, whose
  // message may describe internals ("Cannot return null for non-nullable field …").
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.TOO_MANY_REQUESTS,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.PERSISTED_DOCUMENT_REQUIRED,
  ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND,
  // Apollo's own request errors are about the client's document, not our internals.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
]);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  // Pothos rejects bad connection arguments (first: -1, first with before …) with its own class.
  if (original instanceof PothosValidationError) {
    return { ...formatted, message: chineseFirst(formatted.message, ErrorCode.BAD_USER_INPUT), extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  if (original instanceof GraphQLError && typeof code === 'string' && PASS_THROUGH.has(code)) {
    return { ...formatted, message: chineseFirst(formatted.message, code), extensions };
  }
  if (isConnectionError(original)) {
    return {
      message: SERVICE_UNAVAILABLE_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
    };
  }
  return {
    message: INTERNAL_ERROR_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
