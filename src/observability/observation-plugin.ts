// Tells a request's observation (src/observability/access-log.ts) what GraphQL learned: the
// operation's name and kind once resolved, and the code of every error answered — after
// formatError, so the codes are the ones the client sees.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';

export function observationPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName, contextValue }) {
          if (operation) contextValue.observation.operation = { name: operationName ?? null, kind: operation.operation };
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const e of response.body.singleResult.errors ?? []) {
            const code = e.extensions?.code;
            contextValue.observation.errorCodes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
        },
      };
    },
  };
}
