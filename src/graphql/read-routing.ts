// Which database answers an operation. Anonymous and channel queries read what is public, and a
// second or so of replication delay is harmless to them: they go to a read replica. Staff
// queries (which must see their own writes at once) and every mutation stay on the primary.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Context } from '../context.js';
import type { Database } from '../db/database.js';

/**
 * Root fields that must read the primary even for the public: a submitter following a concern
 * just filed must find it, and the lookup counts wrong access codes (a write).
 */
const PRIMARY_ONLY_FIELDS = new Set(['concernStatus']);

/** Whether the operation's root selection — through fragments and inline fragments too — names such a field. */
function selectsPrimaryOnly(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean =>
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return PRIMARY_ONLY_FIELDS.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      const fragment = fragments.get(s.name.value);
      if (!fragment || seen.has(fragment.name.value)) return false;
      seen.add(fragment.name.value);
      return visit(fragment.selectionSet);
    });
  return visit(operation.selectionSet);
}

export function readRoutingPlugin(db: Pick<Database, 'reader'>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // After parsing and validation, before any resolver (and any DataLoader) has used ctx.db.
        async didResolveOperation({ operation, document, contextValue }) {
          // Staff and draft preview tokens read the primary: an edit must show in the next answer.
          const kind = contextValue.viewer.kind;
          if (operation?.operation === 'query' && kind !== 'user' && kind !== 'preview' && !selectsPrimaryOnly(operation, document)) contextValue.db = db.reader();
        },
      };
    },
  };
}
