// Query cost limit: estimates how many field values an operation would resolve, with page
// sizes taken from the actual `first`/`last` values — variables included, so the limit cannot
// be dodged by passing `$first` (a literal-only static analysis can be) — and lists by ids
// counted by their length. Runs once the operation and its variables are known, before any
// resolver, in time linear in the document (fragments spread many times are measured once).
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  valueFromAST,
  type DocumentNode,
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
  /** Unit cost of each fragment (per inPage), so a fragment spread many times is walked once. */
  memo: Map<string, number>;
  /** Fragments being walked: a cycle (refused by validation anyway) costs nothing more. */
  active: Set<string>;
}

type ArgumentNodes = readonly { name: { value: string }; value: Parameters<typeof valueFromAST>[0] }[];
type ArgumentDefs = readonly { name: string; type: Parameters<typeof valueFromAST>[1] }[];

function argumentValue(walk: Walk, args: ArgumentNodes, defs: ArgumentDefs, name: string): unknown {
  const arg = args.find((a) => a.name.value === name);
  const def = defs.find((a) => a.name === name);
  return arg && def ? valueFromAST(arg.value, def.type, walk.variables as never) : undefined;
}

function pageSize(walk: Walk, args: ArgumentNodes, defs: ArgumentDefs): number | null {
  if (!defs.some((a) => a.name === 'first' || a.name === 'last')) return null;
  let size: number | null = null;
  for (const name of ['first', 'last']) {
    const value = argumentValue(walk, args, defs, name);
    if (typeof value === 'number') size = Math.max(size ?? 0, value);
  }
  return size ?? walk.options.defaultPageSize;
}

/** A list fetched by ids (`nodes(ids:)`) has as many items as ids were given. */
function idsSize(walk: Walk, args: ArgumentNodes, defs: ArgumentDefs): number | null {
  const ids = defs.some((a) => a.name === 'ids') ? argumentValue(walk, args, defs, 'ids') : undefined;
  return Array.isArray(ids) ? ids.length : null;
}

/**
 * Cost of a selection set on `type` when resolved once: each field value costs 1; a paged field
 * multiplies its children by the page size, a plain list by listSize. Linear in the document:
 * the cost of a selection resolved m times is m × its unit cost, and each fragment's unit cost is
 * computed once, however often it is spread.
 */
function selectionCost(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType, inPage: boolean): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (on && isCompositeType(on)) cost += selectionCost(walk, selection.selectionSet, on, inPage);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      cost += fragmentCost(walk, selection.name.value, inPage);
      continue;
    }
    if (selection.name.value.startsWith('__')) continue;
    // Objects and interfaces have fields; a union's are reached through fragments above.
    const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
    if (!field) continue;
    cost += 1;
    if (!selection.selectionSet) continue;
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) continue;
    const args = selection.arguments ?? [];
    const page = pageSize(walk, args, field.args);
    const list = isListType(getNullableType(field.type));
    // `edges` inside a paged field is the page itself: its size was already counted.
    const factor = page ?? (list ? (idsSize(walk, args, field.args) ?? (inPage ? 1 : walk.options.listSize)) : 1);
    cost += factor * selectionCost(walk, selection.selectionSet, named, page !== null);
  }
  return cost;
}

function fragmentCost(walk: Walk, name: string, inPage: boolean): number {
  const key = `${name}|${inPage}`;
  const known = walk.memo.get(key);
  if (known !== undefined) return known;
  const fragment = walk.fragments[name];
  if (!fragment || walk.active.has(name)) return 0;
  const on = walk.schema.getType(fragment.typeCondition.name.value);
  if (!on || !isCompositeType(on)) return 0;
  walk.active.add(name);
  const cost = selectionCost(walk, fragment.selectionSet, on, inPage);
  walk.active.delete(name);
  walk.memo.set(key, cost);
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
  return selectionCost({ schema, fragments, variables, options, memo: new Map(), active: new Set() }, operation.selectionSet, root, false);
}

/** The document's fragments by name (what cost and weight walks follow spreads into). */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  return Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

export function queryCostPlugin(options: QueryCostOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const cost = operationCost(schema, operation, fragmentsOf(document), request.variables ?? {}, options);
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
