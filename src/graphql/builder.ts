// The Pothos schema builder: plugin configuration only, no types (those live in src/modules).
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import WithInputPlugin from '@pothos/plugin-with-input';
import type { Context } from '../context.js';
import type PrismaTypes from '../generated/pothos-prisma-types.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';
import { decodeGlobalId, encodeGlobalId } from './global-id.js';
import { loadNodes, MAX_NODE_IDS } from './node-loading.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [ErrorsPlugin, SimpleObjectsPlugin, WithInputPlugin, RelayPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  prisma: {
    // Each request carries the client of the database the app was opened on.
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    // Off everywhere: a resolver that answers null without querying (`viewer` for anonymous
    // callers) is right, and the check made that an internal error outside production. The
    // statement-count tests prove selections are used.
    onUnusedQuery: null,
    // Connections page by keyset (graphql/keyset.ts), never through plugin-prisma's cursors.
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    nodeTypeOptions: { description: '节点 — Relay node: any object that can be refetched by its global id.' },
    pageInfoTypeOptions: { description: '分页信息 — page info of a cursor connection.' },
    idFieldOptions: { description: '全局标识 — global id, opaque; pass it to `node(id:)` to refetch.' },
    nodeQueryOptions: {
      description: '按标识取对象 — the object with this global id, or null when it does not exist or is not visible to you.',
      args: { id: { description: '全局标识 — global id.' } } as never,
      resolve: (_root, args, ctx, info) => loadNodes(ctx, info, [args.id as never]).then((rows) => rows[0] ?? null) as never,
    },
    nodesQueryOptions: {
      description: `按标识批量取对象 — the objects with these global ids (at most ${MAX_NODE_IDS}), in order; null for each id that does not exist or is not visible to you.`,
      args: { ids: { description: `全局标识列表 — global ids, at most ${MAX_NODE_IDS}.` } } as never,
      resolve: (_root, args, ctx, info) => loadNodes(ctx, info, args.ids as never) as never,
    },
    hasNextPageFieldOptions: { description: '有下一页 — true when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: '有上一页 — true when items precede this page.' },
    startCursorFieldOptions: { description: '起始游标 — cursor of the first item of the page.' },
    endCursorFieldOptions: { description: '结束游标 — cursor of the last item of the page; pass it as `after` for the next page.' },
    cursorFieldOptions: { description: '游标 — opaque cursor of this edge.' },
    nodeFieldOptions: { description: '节点 — the item of this edge.' },
    edgesFieldOptions: { description: '边 — the items of this page with their cursors.' },
    pageInfoFieldOptions: { description: '分页信息 — where this page is in the list.' },
    firstArgOptions: { description: '前N条 — page size counting from the start (1–100, default 20).' },
    lastArgOptions: { description: '后N条 — page size counting from the end (1–100).' },
    afterArgOptions: { description: '之后 — return items after this cursor.' },
    beforeArgOptions: { description: '之前 — return items before this cursor.' },
  },
  withInput: {
    // createUser(input: CreateUserInput!) rather than the default MutationCreateUserInput.
    typeOptions: { name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Input` },
    argOptions: { description: '输入 — the input object.' },
  },
  errors: {
    // Never a catch-all Error here: only the typed AppErrors a field lists become results.
    defaultTypes: [],
    directResult: true,
    defaultUnionOptions: {
      name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Result`,
    },
  },
});
