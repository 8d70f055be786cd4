// Logs every error with its request id and the original cause, and stamps the request id on
// every error a client sees, so a support request can be matched to the log line. A response
// failed by an unreachable database is a 503 with Retry-After.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Context } from '../context.js';

const EXPECTED = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'TOO_MANY_REQUESTS', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'QUERY_TOO_COMPLEX']);

export function loggingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            // Codes as the client sees them (formatError has mapped them by now).
            const code = error.extensions?.code;
            const level = typeof code === 'string' && EXPECTED.has(code) ? 'info' : 'error';
            contextValue.logger[level](
              { err: unwrapResolverError(error), path: error.path, code, operationName },
              'graphql: request error',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
            ...e,
            extensions: { ...e.extensions, requestId: contextValue.requestId },
          }));
          // The database is out of reach: a retryable 503 tells clients and load balancers so.
          if (response.body.singleResult.errors.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          }
        },
      };
    },
  };
}
