// Logs every error with its request id, at a level that tells an operator what to do: the
// client's mistakes (bad input, refused credentials, limits) at info without a stack; a
// database out of reach at warn with its cause; anything else — a fault of ours — at error with
// the original error and stack. Stamps the request id on every error a client sees, so a support
// request can be matched to the log line. A response failed by an unreachable database is a 503
// with Retry-After.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Context } from '../context.js';
import { ErrorCode, RETRY_AFTER_SECONDS } from './errors.js';
import { formatError } from './format-error.js';

/** Codes of errors the client caused. */
const CLIENT_CODES = new Set([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.TOO_MANY_REQUESTS,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'QUERY_TOO_COMPLEX',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function loggingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            // The code the client will see: formatError runs after this hook.
            const code = formatError({ message: error.message, extensions: error.extensions }, error).extensions?.code;
            const original = unwrapResolverError(error) as Error;
            if (typeof code === 'string' && CLIENT_CODES.has(code)) {
              contextValue.logger.info({ code, path: error.path, operationName, error: error.message }, 'graphql: request refused');
            } else if (code === ErrorCode.SERVICE_UNAVAILABLE) {
              contextValue.logger.warn({ code, path: error.path, operationName, error: original?.message }, 'graphql: database unavailable');
            } else {
              contextValue.logger.error({ err: original, code, path: error.path, operationName }, 'graphql: request error');
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
            ...e,
            extensions: { ...e.extensions, requestId: contextValue.requestId },
          }));
          // The database is out of reach: a retryable 503 tells clients and load balancers so.
          if (response.body.singleResult.errors.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}
