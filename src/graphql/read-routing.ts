// Which database answers an operation. Anonymous and channel queries read what is public, and a
// second or so of replication delay is harmless to them: they go to a read replica. Staff
// queries (which must see their own writes at once) and every mutation stay on the primary.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import type { Database } from '../db/database.js';

export function readRoutingPlugin(db: Pick<Database, 'reader'>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // After parsing and validation, before any resolver (and any DataLoader) has used ctx.db.
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query' && contextValue.viewer.kind !== 'user') contextValue.db = db.reader();
        },
      };
    },
  };
}
