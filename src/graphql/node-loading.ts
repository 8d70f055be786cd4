// Loading Relay nodes by global id for `node(id:)` and `nodes(ids:)`: one query per type
// whatever the number of ids, each id loaded once, the type's row filter ANDed in (a row the
// caller may not see answers null, exactly like an unknown id), and at most MAX_NODE_IDS ids.
// Pothos' default loads each id with its own query, so a long `ids` list became thousands of
// statements and a response of the same object repeated thousands of times.
import { brandWithType, type MaybePromise, type OutputType, type SchemaTypes } from '@pothos/core';
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { badUserInput } from './errors.js';

export const MAX_NODE_IDS = 100;

type ReadWhere = (ctx: Context) => MaybePromise<object>;

/** Node types by GraphQL name: their Prisma delegate and row filter. */
const nodeTypes = new Map<string, { delegate: string; readWhere: ReadWhere | undefined }>();

/**
 * Registers a prismaNode type (whose GraphQL name is its Prisma model's) with the row filter
 * that decides which of its rows the caller may load by id. Returns the `findUnique` the
 * prismaNode uses when it refetches a node, so both paths share the one filter.
 */
export function nodeVisibility(typename: string, readWhere?: ReadWhere): (id: string, ctx: Context) => MaybePromise<{ id: string }> {
  nodeTypes.set(typename, { delegate: typename[0]!.toLowerCase() + typename.slice(1), readWhere });
  if (!readWhere) return (id) => ({ id });
  return (id, ctx) => {
    const where = readWhere(ctx);
    return where instanceof Promise ? where.then((w) => ({ id, AND: [w] })) : { id, AND: [where] };
  };
}

type FindMany = (args: object) => Promise<{ id: string }[]>;

/** The rows behind `ids` in order, null where there is none the caller may see. */
export async function loadNodes(ctx: Context, info: GraphQLResolveInfo, ids: readonly ({ id: string; typename: string } | null | undefined)[]): Promise<(object | null)[]> {
  if (ids.length > MAX_NODE_IDS) throw badUserInput(`按标识批量取对象最多${MAX_NODE_IDS}个 — nodes: at most ${MAX_NODE_IDS} ids per request`);
  const wanted = new Map<string, Set<string>>();
  for (const id of ids) {
    if (!id) continue;
    if (!wanted.has(id.typename)) wanted.set(id.typename, new Set());
    wanted.get(id.typename)!.add(id.id);
  }
  const found = new Map<string, object>();
  await Promise.all(
    [...wanted].map(async ([typename, idSet]) => {
      const type = nodeTypes.get(typename);
      if (!type) return;
      const [query, filter] = await Promise.all([
        queryFromInfo({ context: ctx, info, typeName: typename, awaitSelections: true }),
        type.readWhere?.(ctx),
      ]);
      const delegate = (ctx.db as unknown as Record<string, { findMany: FindMany }>)[type.delegate]!;
      const rows = await delegate.findMany({ ...query, where: { id: { in: [...idSet] }, ...(filter ? { AND: [filter] } : {}) } });
      for (const row of rows) {
        brandWithType(row, typename as OutputType<SchemaTypes>);
        found.set(`${typename}:${row.id}`, row);
      }
    }),
  );
  return ids.map((id) => (id ? (found.get(`${id.typename}:${id.id}`) ?? null) : null));
}
