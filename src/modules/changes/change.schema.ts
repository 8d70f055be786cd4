// `changes`: the change feed for channels and staff — what was published, corrected, withdrawn
// or repealed, in the feed's gap-free order (src/modules/changes/change-feed.ts), resumable
// from an opaque cursor. Each event names its subject; the subject itself is read as it stands
// now through the ordinary row filters (a withdrawn release is its notice, never its old body).
import DataLoader from 'dataloader';
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { AppError, checkedInput, InputError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { loadNodes } from '../../graphql/node-loading.js';
import { ChannelKind } from '../../generated/prisma/enums.js';
import { ErrorInterface } from '../../graphql/error-types.js';
import { publicQuestionWhere } from '../concerns/concern.permissions.js';
import { PublicQuestionRef, ResponseRef } from '../concerns/concern.schema.js';
import { InterpretationRef } from '../interpretations/interpretation.schema.js';
import { ChannelKindEnum, ReleaseRef } from '../releases/release.schema.js';
import { CHANGE_EVENT_TYPES, compare, decodeFeedCursor, encodeFeedCursor, eventTypeOf, FEED_START, readCommittedEvents, type ChangeEventType, type OutboxRow } from './change-feed.js';

/** Events per page unless `first` says otherwise, and at most. */
const DEFAULT_CHANGES = 50;
const MAX_CHANGES = 100;

/** The cursor is older than what the outbox still keeps: the reader must re-sync. */
export class ChangeCursorExpiredError extends AppError {
  readonly code = 'CHANGE_CURSOR_EXPIRED';
  constructor(readonly retentionDays: number) {
    super(`游标已过期 — this cursor is older than the ${retentionDays} days of changes kept: re-read the lists you mirror, then resume from a new cursor (omit \`after\`).`);
  }
}

builder.objectType(ChangeCursorExpiredError, {
  name: 'ChangeCursorExpiredError',
  description: '游标已过期 — the cursor is older than the feed retention; re-sync the mirrored lists and start again without `after`.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ChangeCursorExpiredError,
  fields: (t) => ({ retentionDays: t.exposeInt('retentionDays', { description: '保留天数 — how many days of changes the feed keeps.' }) }),
});

const KIND_NAMES: Record<ChangeEventType, { name: string; description: string }> = {
  'release.published': { name: 'RELEASE_PUBLISHED', description: '信息发布 — a release was published.' },
  'release.corrected': { name: 'RELEASE_CORRECTED', description: '信息更正 — a published release was corrected (see `correction`).' },
  'release.withdrawn': { name: 'RELEASE_WITHDRAWN', description: '信息撤回 — a release was withdrawn; only its notice (`tombstone`) remains.' },
  'release.repealed': { name: 'RELEASE_REPEALED', description: '信息废止 — a release was repealed (marked 废止, still readable).' },
  'release.republished': { name: 'RELEASE_REPUBLISHED', description: '重新发布 — a release published before was published again.' },
  'interpretation.published': { name: 'INTERPRETATION_PUBLISHED', description: '解读发布 — an interpretation was published.' },
  'interpretation.updated': { name: 'INTERPRETATION_UPDATED', description: '解读更正 — a published interpretation was corrected.' },
  'interpretation.withdrawn': { name: 'INTERPRETATION_WITHDRAWN', description: '解读撤回 — an interpretation was withdrawn.' },
  'response.published': { name: 'RESPONSE_PUBLISHED', description: '回应发布 — an answer to a public concern was published.' },
  'response.withdrawn': { name: 'RESPONSE_WITHDRAWN', description: '回应撤回 — an answer was withdrawn.' },
  'disclosure_request.extended': {
    name: 'DISCLOSURE_REQUEST_EXTENDED',
    description: '依申请公开延期 — a disclosure request\'s time limit was extended (staff of its unit only; `subjectId` is the request).',
  },
  'reminder.due_soon': {
    name: 'REMINDER_DUE_SOON',
    description: '到期提醒 — the daily reminder: what of a unit falls due within REMINDER_WORKING_DAYS working days, or is overdue (staff of the unit only; `subjectId` is the org unit).',
  },
};

export const ChangeKindEnum = builder.enumType('ChangeKind', {
  description: '变更类型 — what happened; webhooks name the same events in lower case with dots (release.withdrawn).',
  values: Object.fromEntries(CHANGE_EVENT_TYPES.map((t) => [KIND_NAMES[t].name, { value: t, description: KIND_NAMES[t].description }])) as Record<string, { value: ChangeEventType; description: string }>,
});

const ChangeTombstoneRef = builder.simpleObject('ChangeTombstone', {
  description: '撤回说明 — what a withdrawn item was and why it went; never its content.',
  fields: (t) => ({
    indexNo: t.string({ nullable: true, description: '索引号 — index number of the withdrawn release.' }),
    title: t.string({ nullable: true, description: '标题 — its title.' }),
    reason: t.string({ nullable: true, description: '撤回理由 — why it was withdrawn.' }),
    withdrawnAt: t.field({ type: 'DateTime', nullable: true, description: '撤回时间 — when.' }),
  }),
});

const ChangeCorrectionRef = builder.simpleObject('ChangeCorrection', {
  description: '更正说明 — how significant a correction was and what changed.',
  fields: (t) => ({
    major: t.boolean({ description: '重大更正 — a major correction (MAJOR revision); false for a minor one.' }),
    changeNote: t.string({ nullable: true, description: '修订说明 — what changed and why.' }),
  }),
});

interface ChangeEventShape {
  row: OutboxRow;
  type: ChangeEventType;
}

type Loader = DataLoader<string, object | null>;
const loaders = new WeakMap<Context, Map<string, Loader>>();

/**
 * One query per subject type for the whole page (the selection of the first event's field
 * serves all: every event of a list shares it), through the type's row filter.
 */
function subjectLoader(ctx: Context, info: GraphQLResolveInfo, typename: string, load?: (ids: readonly string[]) => Promise<(object | null)[]>): Loader {
  let byType = loaders.get(ctx);
  if (!byType) loaders.set(ctx, (byType = new Map()));
  let loader = byType.get(typename);
  if (!loader) {
    loader = new DataLoader<string, object | null>((ids) => (load ? load(ids) : loadNodes(ctx, info, ids.map((id) => ({ id, typename })))), { maxBatchSize: MAX_CHANGES });
    byType.set(typename, loader);
  }
  return loader;
}

/** Public Q&A behind answer ids: the concern of each response, if it is public Q&A now. */
async function questionsOfResponses(ctx: Context, info: GraphQLResolveInfo, responseIds: readonly string[]): Promise<(object | null)[]> {
  const responses = await ctx.db.response.findMany({ where: { id: { in: [...responseIds] } }, select: { id: true, concernId: true } });
  const concernOf = new Map(responses.map((r) => [r.id, r.concernId]));
  const query = queryFromInfo({ context: ctx, info, typeName: 'PublicQuestion' });
  const concerns = await ctx.db.concern.findMany({ ...(query as object), where: { id: { in: [...new Set(concernOf.values())] }, AND: [publicQuestionWhere(ctx.now)] } });
  const byId = new Map(concerns.map((c) => [c.id, c]));
  return responseIds.map((id) => byId.get(concernOf.get(id) ?? '') ?? null);
}

const subjectOf = (typename: string) => (e: ChangeEventShape, _args: unknown, ctx: Context, info: GraphQLResolveInfo) =>
  e.row.aggregateType === typename ? subjectLoader(ctx, info, typename).load(e.row.aggregateId) : null;

const ChangeEventRef = builder.objectRef<ChangeEventShape>('ChangeEvent').implement({
  description: '变更事件 — one change to published content, as the caller may see it now.',
  fields: (t) => ({
    kind: t.field({ type: ChangeKindEnum, description: '类型 — what happened.', resolve: (e) => e.type }),
    occurredAt: t.field({ type: 'DateTime', description: '发生时间 — when the change was made.', resolve: (e) => e.row.occurredAt }),
    subjectId: t.id({ description: '对象标识 — global id of the release, interpretation or answer it is about (stable across its events); for a notice, of the org unit or request it concerns.', resolve: (e) => encodeGlobalId(e.row.aggregateType, e.row.aggregateId) }),
    channels: t.field({ type: [ChannelKindEnum], description: '渠道 — the channel kinds the content is for.', resolve: (e) => e.row.channels }),
    subjectVersion: t.int({
      nullable: true,
      description: '对象版本 — the subject\'s version after this change: a mirror applying events per subject may ignore one older than what it holds.',
      resolve: (e) => (typeof e.row.payload.version === 'number' ? e.row.payload.version : null),
    }),
    release: t.field({ type: ReleaseRef, nullable: true, description: '公开信息 — the release as it stands now (null when the event is not about a release or the caller no longer sees it).', resolve: subjectOf('Release') as never }),
    interpretation: t.field({ type: InterpretationRef, nullable: true, description: '解读 — the interpretation as it stands now.', resolve: subjectOf('Interpretation') as never }),
    response: t.field({ type: ResponseRef, nullable: true, description: '回应 — the answer (staff of its unit only).', resolve: subjectOf('Response') as never }),
    question: t.field({
      type: PublicQuestionRef,
      nullable: true,
      description: '公开问答 — for an answer published as public Q&A: the question with its answers (no personal data).',
      resolve: ((e: ChangeEventShape, _a: unknown, ctx: Context, info: GraphQLResolveInfo) =>
        e.row.aggregateType === 'Response' ? subjectLoader(ctx, info, 'PublicQuestion', (ids) => questionsOfResponses(ctx, info, ids)).load(e.row.aggregateId) : null) as never,
    }),
    tombstone: t.field({
      type: ChangeTombstoneRef,
      nullable: true,
      description: '撤回说明 — for a withdrawal: what was withdrawn and why.',
      resolve: (e) => {
        if (!e.type.endsWith('.withdrawn')) return null;
        const p = e.row.payload;
        const text = (v: unknown) => (typeof v === 'string' ? v : null);
        return { indexNo: text(p.indexNo), title: text(p.title), reason: text(p.withdrawalReason), withdrawnAt: text(p.withdrawnAt) ? new Date(p.withdrawnAt as string) : null };
      },
    }),
    correction: t.field({
      type: ChangeCorrectionRef,
      nullable: true,
      description: '更正说明 — for a correction: major or minor, and its change note.',
      resolve: (e) => (e.type === 'release.corrected' ? { major: e.row.payload.revisionKind !== 'MINOR', changeNote: typeof e.row.payload.changeNote === 'string' ? e.row.payload.changeNote : null } : null),
    }),
  }),
});

const ChangeConnectionRef = builder.connectionObject(
  { type: ChangeEventRef, name: 'ChangeConnection', description: '变更页 — a page of the change feed; keep `pageInfo.endCursor` and pass it as `after` next time.' },
  { name: 'ChangeEdge', description: '变更边 — an event with the cursor right after it.' },
);

const ChangeFilterInput = builder.inputType('ChangeFilter', {
  description: '变更筛选 — narrow the feed (the cursor stays valid across filters).',
  fields: (t) => ({
    kinds: t.field({ type: [ChangeKindEnum], description: '类型 — only these kinds of change.' }),
    channel: t.field({ type: ChannelKindEnum, description: '渠道 — only content for this channel kind (a channel key sees only its own kind anyway).' }),
    domainCode: t.string({ description: '领域代码 — only releases (and their interpretations) of this catalog domain.' }),
  }),
});

builder.queryField('changes', (t) =>
  t.field({
    type: ChangeConnectionRef,
    description:
      '变更订阅 — every change the caller may see (published, corrected, withdrawn, repealed; interpretations and answers too) in commit-safe order, resumable: pass the last `pageInfo.endCursor` as `after`. Gap-free: an event that commits late is never behind a cursor already handed out. `endCursor` is always set (even on an empty page); `hasNextPage` says whether more are ready now.',
    errors: { types: [ChangeCursorExpiredError, InputError], union: { description: '变更订阅结果 — a page of changes, or why not (an expired cursor means: re-sync).' } },
    args: {
      after: t.arg.string({ description: '之后 — the `endCursor` of the previous page; omit to start from the oldest change kept.' }),
      first: t.arg.int({ description: `前N条 — events per page (1–${MAX_CHANGES}, default ${DEFAULT_CHANGES}).` }),
      filter: t.arg({ type: ChangeFilterInput, description: '筛选 — narrow the feed.' }),
    },
    resolve: async (_root, args, ctx) => {
      const first = args.first ?? DEFAULT_CHANGES;
      const after = args.after == null ? undefined : decodeFeedCursor(args.after);
      const channel = args.filter?.channel ?? undefined;
      checkedInput((p) => {
        p.check(() => {
          if (!Number.isInteger(first) || first < 1 || first > MAX_CHANGES) throw new InputError('first', `每页条数须在1到${MAX_CHANGES}之间 — first must be between 1 and ${MAX_CHANGES}.`);
        });
        p.check(() => {
          if (args.after != null && !after) throw new InputError('after', '游标无效 — this is not a cursor of the change feed; pass a `pageInfo.endCursor` of `changes` or omit `after`.');
        });
        p.check(() => {
          if (channel && !Object.values(ChannelKind).includes(channel)) throw new InputError('filter.channel', '未知的渠道类型 — unknown channel kind.');
        });
      });
      const { events, next, horizon } = await readCommittedEvents(ctx.db, after ?? FEED_START, first + 1, {
        viewer: ctx.viewer,
        types: args.filter?.kinds ?? undefined,
        channel,
        domainCode: args.filter?.domainCode ?? undefined,
      });
      // Events between the cursor and the horizon were deleted: the reader has missed them.
      if (after && compare(after, horizon) < 0) throw new ChangeCursorExpiredError(ctx.config.changeRetentionDays);
      const page = events.slice(0, first);
      const hasNextPage = events.length > first;
      const last = page.at(-1);
      const endCursor = encodeFeedCursor(hasNextPage && last ? { txid: last.txid, sequence: last.sequence } : next);
      return {
        edges: page.map((row) => ({ cursor: encodeFeedCursor({ txid: row.txid, sequence: row.sequence }), node: { row, type: eventTypeOf(row) } })),
        pageInfo: { hasNextPage, hasPreviousPage: after !== undefined, startCursor: args.after ?? null, endCursor },
      };
    },
  }),
);
