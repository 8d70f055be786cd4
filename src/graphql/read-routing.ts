// Which database answers an operation. Anonymous and channel queries read what is public, and a
// second or so of replication delay is harmless to them: they go to a read replica. Staff
// queries (which must see their own writes at once) and every mutation stay on the primary.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import type { Database } from '../db/database.js';

/**
 * Root fields that must read the primary even for the public: a submitter following a concern
 * just filed must find it, and the lookup counts wrong access codes (a write).
 */
const PRIMARY_ONLY_FIELDS = new Set(['concernStatus']);

function selectsPrimaryOnly(operation: { selectionSet: { selections: readonly { kind: string; name?: { value: string } }[] } }): boolean {
  return operation.selectionSet.selections.some((s) => s.kind === 'Field' && PRIMARY_ONLY_FIELDS.has(s.name!.value));
}

export function readRoutingPlugin(db: Pick<Database, 'reader'>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // After parsing and validation, before any resolver (and any DataLoader) has used ctx.db.
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query' && contextValue.viewer.kind !== 'user' && !selectsPrimaryOnly(operation)) contextValue.db = db.reader();
        },
      };
    },
  };
}
