// Query cost limit: estimates how many field values an operation would resolve, with page
// sizes taken from the actual `first`/`last` values — variables included, so the limit cannot
// be dodged by passing `$first` (a literal-only static analysis can be). Runs once the
// operation and its variables are known, before any resolver.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  valueFromAST,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface QueryCostOptions {
  maxCost: number;
  /** Page size assumed when a connection is asked for without first/last. */
  defaultPageSize: number;
  /** Size assumed for plain lists (children, revisions …), which have no page arguments. */
  listSize: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  options: QueryCostOptions;
}

function pageSize(walk: Walk, args: readonly { name: { value: string }; value: Parameters<typeof valueFromAST>[0] }[], fieldArgs: readonly { name: string; type: Parameters<typeof valueFromAST>[1] }[]): number | null {
  const paged = fieldArgs.some((a) => a.name === 'first' || a.name === 'last');
  if (!paged) return null;
  let size: number | null = null;
  for (const name of ['first', 'last']) {
    const arg = args.find((a) => a.name.value === name);
    const def = fieldArgs.find((a) => a.name === name);
    if (!arg || !def) continue;
    const value = valueFromAST(arg.value, def.type, walk.variables as never);
    if (typeof value === 'number') size = Math.max(size ?? 0, value);
  }
  return size ?? walk.options.defaultPageSize;
}

/**
 * Cost of a selection set on `type` when it is resolved `multiplier` times: each field value
 * costs 1; a paged field multiplies its children by the page size, a plain list by listSize.
 */
function selectionCost(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType, multiplier: number, inPage: boolean, seen: Set<string>): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (on && isCompositeType(on)) cost += selectionCost(walk, selection.selectionSet, on, multiplier, inPage, seen);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) continue;
      const on = walk.schema.getType(fragment.typeCondition.name.value);
      if (on && isCompositeType(on)) {
        cost += selectionCost(walk, fragment.selectionSet, on, multiplier, inPage, new Set([...seen, fragment.name.value]));
      }
      continue;
    }
    if (selection.name.value.startsWith('__')) continue;
    // Objects and interfaces have fields; a union's are reached through fragments above.
    const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
    if (!field) continue;
    cost += multiplier;
    if (!selection.selectionSet) continue;
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) continue;
    const page = pageSize(walk, selection.arguments ?? [], field.args);
    const list = isListType(getNullableType(field.type));
    // `edges` inside a paged field is the page itself: its size was already counted.
    const factor = page ?? (list ? (inPage ? 1 : walk.options.listSize) : 1);
    cost += selectionCost(walk, selection.selectionSet, named, multiplier * factor, page !== null, seen);
  }
  return cost;
}

export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  options: QueryCostOptions,
): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;
  return selectionCost({ schema, fragments, variables, options }, operation.selectionSet, root, 1, false, new Set());
}

export function queryCostPlugin(options: QueryCostOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const fragments = Object.fromEntries(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          const cost = operationCost(schema, operation, fragments, request.variables ?? {}, options);
          if (cost > options.maxCost) {
            throw new GraphQLError('查询过于复杂 — the query would resolve too many values; ask for smaller pages or fewer nested lists.', {
              extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
