// Keyset ("seek") pagination for every connection. A cursor carries the sort-key values of the
// row it stands at — never a row id to be looked up — and becomes a `where` on those values,
// with `take` as SQL LIMIT:
//  - a page after a cursor costs what the first page costs, at any depth and table size
//    (Prisma's own `cursor` reads the whole remainder of the table: prisma/orm#27094);
//  - a walk continues correctly whatever happens to the row under its cursor (withdrawn,
//    corrected, deleted): no truncation, no repeats;
//  - a cursor points at a position, not at a row, so it cannot probe whether a hidden row
//    exists or where it sorts.
// Nulls sort as PostgreSQL sorts them by default (last ascending, first descending), so the
// indexes that serve each list serve its pages too.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { badUserInput } from './errors.js';
import { withColumns } from './selection.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './builder.js';

export type KeyType = 'string' | 'date' | 'int';

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
  type: KeyType;
  /** The column can be null in this list. */
  nullable?: boolean;
}

/** A sort order; the last key (or the keys together) must be unique, e.g. end with `id`. */
export type SortOrder = readonly SortKey[];

export const idKey = (direction: 'asc' | 'desc'): SortKey => ({ field: 'id', direction, type: 'string' });

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

type Value = string | number | Date | null;
type Where = Record<string, unknown>;

const signature = (order: SortOrder) => order.map((k) => `${k.field}:${k.direction}`).join(',');

export function encodeCursor(order: SortOrder, row: Record<string, unknown>): string {
  const values = order.map((k) => {
    const v = row[k.field];
    return v instanceof Date ? v.toISOString() : (v ?? null);
  });
  return Buffer.from(JSON.stringify([signature(order), ...values]), 'utf8').toString('base64url');
}

const invalid = (why: string) => badUserInput(`游标无效 — invalid cursor: ${why}; start again from the first page`);

export function decodeCursor(order: SortOrder, cursor: string): Value[] {
  if (cursor.length > 2000) throw invalid('too long');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor of this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== order.length + 1) throw invalid('not a cursor of this list');
  if (parsed[0] !== signature(order)) throw invalid('it belongs to another list or sort order');
  return order.map((key, i) => {
    const v: unknown = parsed[i + 1];
    if (v === null && key.nullable) return null;
    if (key.type === 'int' && Number.isSafeInteger(v)) return v as number;
    if (key.type === 'string' && typeof v === 'string' && v.length <= 500) return v;
    if (key.type === 'date' && typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v);
    throw invalid(`bad value for ${key.field}`);
  });
}

function reversed(order: SortOrder): SortOrder {
  return order.map((k) => ({ ...k, direction: k.direction === 'asc' ? 'desc' : 'asc' }));
}

/** Rows strictly after `values` in `order` (nulls last ascending, first descending). */
function afterWhere(order: SortOrder, values: Value[]): Where {
  const beyond = (key: SortKey, v: Value): Where | null => {
    if (v === null) return key.direction === 'asc' ? null : { [key.field]: { not: null } };
    const step = { [key.field]: { [key.direction === 'asc' ? 'gt' : 'lt']: v } };
    return key.nullable && key.direction === 'asc' ? { OR: [step, { [key.field]: null }] } : step;
  };
  const equal = (key: SortKey, v: Value): Where => ({ [key.field]: v });
  const branches: Where[] = [];
  order.forEach((key, i) => {
    const step = beyond(key, values[i]!);
    if (!step) return;
    branches.push({ AND: [...order.slice(0, i).map((k, j) => equal(k, values[j]!)), step] });
  });
  const first = order[0]!;
  const v0 = values[0];
  // The same condition again as a plain range on the leading key, which an index scan can start
  // from (PostgreSQL does not turn the OR above into an index bound).
  const bound = !first.nullable && v0 !== null ? [{ [first.field]: { [first.direction === 'asc' ? 'gte' : 'lte']: v0 } }] : [];
  return { AND: [...bound, { OR: branches.length ? branches : [{ id: { in: [] } }] }] };
}

export interface PagePlan {
  /** ANDed with the list's own where; null on a first page. */
  where: Where | null;
  orderBy: Record<string, 'asc' | 'desc'>[];
  /** Rows to fetch: the page size plus one, to know whether more follow. */
  take: number;
  size: number;
  backward: boolean;
  order: SortOrder;
  args: ConnectionArgs;
}

/** The query of one page of a list in `order` for the connection arguments. */
export function planPage(args: ConnectionArgs, order: SortOrder): PagePlan {
  const { first, last, after, before } = args;
  for (const [name, value] of Object.entries({ first, last })) {
    if (value != null && (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE)) throw badUserInput(`${name} must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  if (first != null && last != null) throw badUserInput('first and last cannot be used together');
  if (after != null && before != null) throw badUserInput('after and before cannot be used together');
  if (before != null && first != null) throw badUserInput('before cannot be used with first');
  if (after != null && last != null) throw badUserInput('after cannot be used with last');
  const backward = last != null || before != null;
  const size = (backward ? last : first) ?? DEFAULT_PAGE_SIZE;
  const walk = backward ? reversed(order) : order;
  const cursor = backward ? before : after;
  return {
    where: cursor ? afterWhere(walk, decodeCursor(order, cursor)) : null,
    orderBy: walk.map((k) => ({ [k.field]: k.direction })),
    take: size + 1,
    size,
    backward,
    order,
    args,
  };
}

/** A Prisma query selection with the sort keys added, so that each row can make its cursor. */
export function withSortKeys<Q extends object>(query: Q, order: SortOrder): Q {
  return withColumns(query, order.map((k) => k.field));
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** The list's size (with the same filters), computed only when the field is asked for. */
  totalCount: () => Promise<number>;
}

/** The connection for the rows `planPage` fetched (in its walking order). */
export function pageOf<T extends Record<string, unknown>>(rows: readonly T[], plan: PagePlan, totalCount: () => Promise<number>): Page<T> {
  const more = rows.length > plan.size;
  const kept = rows.slice(0, plan.size);
  if (plan.backward) kept.reverse();
  const edges = kept.map((node) => ({ cursor: encodeCursor(plan.order, node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: plan.backward ? plan.args.before != null : more,
      hasPreviousPage: plan.backward ? more : plan.args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}

/** Whether the connection field being resolved selects `name` (through fragments too). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name;
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return visit(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

/** Runs a count once, on first demand, and shares its promise. */
export function lazyCount(count: () => Promise<number>): () => Promise<number> {
  let started: Promise<number> | undefined;
  return () => (started ??= count());
}

/** The Prisma delegate of the listed model, as far as a page needs it. */
export interface ListModel {
  findMany(args: object): Promise<Record<string, unknown>[]>;
  count(args: { where: object }): Promise<number>;
}

/**
 * One page of a root connection: the rows of `where` in `order` after (or before) the cursor,
 * with their relations selected as the document asks (plugin-prisma's planner), loaded in one
 * statement; `totalCount` runs beside it only when the document selects it (through
 * `countWith`, e.g. a count cache, when given).
 */
export async function resolvePage(
  ctx: object,
  info: GraphQLResolveInfo,
  args: ConnectionArgs,
  { model, order, where, countWith }: { model: ListModel; order: SortOrder; where: object; countWith?: (count: () => Promise<number>) => Promise<number> },
): Promise<Page<Record<string, unknown>>> {
  const plan = planPage(args, order);
  const count = () => model.count({ where });
  const totalCount = lazyCount(countWith ? () => countWith(count) : count);
  if (selectsField(info, 'totalCount')) totalCount().catch(() => {});
  const query = withSortKeys(await queryFromInfo({ context: ctx, info, path: ['edges', 'node'], awaitSelections: true }), order);
  const rows = await model.findMany({ ...query, where: plan.where ? { AND: [where, plan.where] } : where, orderBy: plan.orderBy, take: plan.take });
  return pageOf(rows, plan, totalCount);
}

const TOTAL_COUNT_DESCRIPTION = '总数 — how many items the whole list has (with the same filters), not just this page.';

/** Options of a connection type with `totalCount` (computed only when asked for). */
export function countedConnection(name: string, description: string) {
  return {
    name,
    description,
    fields: (t: { int(options: { description: string; resolve: (connection: Page<unknown>) => Promise<number> }): unknown }) => ({
      totalCount: t.int({ description: TOTAL_COUNT_DESCRIPTION, resolve: (connection) => connection.totalCount() }),
    }),
  } as never;
}
