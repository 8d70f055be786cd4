// The change feed: the outbox read in a gap-free order, for channel pulls (`changes`) and the
// webhook dispatcher alike.
//
// Why not simply "sequence > cursor": sequences are taken when a row is inserted, but rows
// become visible when their transaction commits. Transaction A takes 10, B takes 11, B commits,
// a reader reads up to 11, then A commits 10 — behind the reader's cursor, never seen.
//
// So the feed is ordered by (txid, sequence) — the writing transaction's id, then the row — and
// a read only returns rows of transactions older than the oldest one still running (the
// snapshot's xmin, the "visibility watermark"). Every transaction below the watermark has ended,
// so nothing can ever again appear below it; every transaction still running, or not yet
// started, has an id at or above it, so its rows come after any cursor handed out. The
// watermark and the rows come from one statement, i.e. one snapshot.
//
// The price: an event appears only once every transaction older than its own has ended (a
// transaction held open for a minute delays the feed by a minute; it never loses an event).
import { Prisma } from '../../generated/prisma/client.js';
import type { ChannelKind } from '../../generated/prisma/enums.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';

export interface FeedPosition {
  txid: bigint;
  sequence: bigint;
}

/** Before every event. */
export const FEED_START: FeedPosition = Object.freeze({ txid: 0n, sequence: 0n });

const MAX_BIGINT = 9_223_372_036_854_775_807n;

export interface OutboxRow {
  sequence: bigint;
  txid: bigint;
  topic: string;
  aggregateType: string;
  aggregateId: string;
  public: boolean;
  channels: ChannelKind[];
  orgUnitId: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** What a change is, as channels name it (webhook `type`, the feed's `kind` in lower case). */
export const CHANGE_EVENT_TYPES = [
  'release.published',
  'release.corrected',
  'release.withdrawn',
  'release.repealed',
  'release.republished',
  'interpretation.published',
  'interpretation.updated',
  'interpretation.withdrawn',
  'response.published',
  'response.withdrawn',
  'disclosure_request.extended',
  'reminder.due_soon',
] as const;
export type ChangeEventType = (typeof CHANGE_EVENT_TYPES)[number];

/**
 * Notices for the staff of one unit, not changes to content: their aggregate is an OrgUnit or a
 * Concern (no content subject), they are never public nor for channels, and webhooks send them
 * only to endpoints that list them, of channel clients owned by the unit or an ancestor.
 */
export const NOTICE_EVENT_TYPES = ['disclosure_request.extended', 'reminder.due_soon'] as const satisfies readonly ChangeEventType[];

export function isNoticeType(type: string): boolean {
  return (NOTICE_EVENT_TYPES as readonly string[]).includes(type);
}

/** Outbox topics written before `release.corrected` had its name. */
const LEGACY_TOPICS: Record<string, ChangeEventType> = { 'release.updated': 'release.corrected' };

export function eventTypeOf(row: Pick<OutboxRow, 'topic'>): ChangeEventType {
  const type = LEGACY_TOPICS[row.topic] ?? row.topic;
  if (!(CHANGE_EVENT_TYPES as readonly string[]).includes(type)) throw new Error(`change feed: unknown outbox topic ${row.topic}`);
  return type as ChangeEventType;
}

/** The outbox topics stored for these event types. */
export function topicsOf(types: readonly ChangeEventType[]): string[] {
  const legacy = Object.entries(LEGACY_TOPICS).filter(([, t]) => types.includes(t)).map(([topic]) => topic);
  return [...types, ...legacy];
}

// ---- who sees what ----------------------------------------------------------------------------

/**
 * Whether `viewer` may see the event at all: public events for everyone (channel callers only
 * those for their kind); staff also the non-public events of their units.
 */
export function visibleTo(row: Pick<OutboxRow, 'public' | 'channels' | 'orgUnitId'>, viewer: Viewer, staffUnitIds?: ReadonlySet<string>): boolean {
  switch (viewer.kind) {
    case 'anonymous':
    case 'preview':
      return row.public;
    case 'channel':
      return row.public && row.channels.includes(viewer.channelKind);
    case 'user':
      return row.public || (row.orgUnitId !== null && (staffUnitIds?.has(row.orgUnitId) ?? false));
  }
}

/** The same rule as SQL over "OutboxEvent" o. */
function visibilitySql(viewer: Viewer): Prisma.Sql {
  switch (viewer.kind) {
    case 'anonymous':
    case 'preview':
      return Prisma.sql`o."public"`;
    case 'channel':
      return Prisma.sql`(o."public" AND o."channels" @> ARRAY[${viewer.channelKind}]::"ChannelKind"[])`;
    case 'user': {
      if (viewer.grants.length === 0) return Prisma.sql`o."public"`;
      const paths = viewer.grants.map((g) => Prisma.sql`u."path" LIKE ${`${g.orgPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
      return Prisma.sql`(o."public" OR o."orgUnitId" IN (SELECT u."id" FROM "OrgUnit" u WHERE ${Prisma.join(paths, ' OR ')}))`;
    }
  }
}

export interface FeedFilter {
  viewer?: Viewer;
  types?: readonly ChangeEventType[];
  /** Only events for this channel kind. */
  channel?: ChannelKind;
  /** Only releases (and interpretations of releases) of this domain. */
  domainCode?: string;
}

function filterSql(filter: FeedFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.viewer) parts.push(visibilitySql(filter.viewer));
  if (filter.types) parts.push(Prisma.sql`o."topic" = ANY(${topicsOf(filter.types)}::text[])`);
  if (filter.channel) parts.push(Prisma.sql`o."channels" @> ARRAY[${filter.channel}]::"ChannelKind"[]`);
  if (filter.domainCode !== undefined) {
    const inDomain = Prisma.sql`SELECT m."id"::text FROM "Matter" m JOIN "Domain" d ON d."id" = m."domainId" WHERE d."code" = ${filter.domainCode}`;
    parts.push(Prisma.sql`(
      (o."aggregateType" = 'Release' AND o."payload"->>'matterId' IN (${inDomain}))
      OR (o."aggregateType" = 'Interpretation' AND EXISTS (
        SELECT 1 FROM "InterpretationPolicy" ip JOIN "Release" r ON r."id" = ip."releaseId"
        WHERE ip."interpretationId" = o."aggregateId" AND r."matterId"::text IN (${inDomain}))))`);
  }
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, ' AND ');
}

// ---- reading ------------------------------------------------------------------------------------

interface RawRow extends Omit<OutboxRow, 'sequence' | 'txid'> {
  watermark: bigint;
  horizonTxid: bigint | null;
  horizonSequence: bigint | null;
  sequence: bigint | null;
  txid: bigint | null;
}

/**
 * Committed events after `after` in feed order, at most `limit`, only below the visibility
 * watermark; `next` is where to resume — past the last event returned, or (when fewer than
 * `limit` matched) past everything below the watermark, filtered-out rows included, so a
 * filtered reader does not rescan them.
 */
export async function readCommittedEvents(db: Db, after: FeedPosition, limit: number, filter: FeedFilter = {}): Promise<{ events: OutboxRow[]; next: FeedPosition; horizon: FeedPosition }> {
  // The retention horizon comes from the same statement (the same snapshot) as the events: a
  // purge committing between two statements could otherwise delete events after `after`
  // unnoticed.
  const rows = await db.$queryRaw<RawRow[]>`
    WITH w AS MATERIALIZED (SELECT ((pg_snapshot_xmin(pg_current_snapshot()))::text)::bigint AS xmin)
    SELECT w.xmin AS "watermark", h."txid" AS "horizonTxid", h."sequence" AS "horizonSequence", e.*
    FROM w LEFT JOIN "OutboxHorizon" h ON h."id" = 1
    LEFT JOIN LATERAL (
      SELECT o."sequence", o."txid", o."topic", o."aggregateType", o."aggregateId"::text AS "aggregateId", o."public",
             COALESCE(o."channels", ARRAY[]::"ChannelKind"[])::text[] AS "channels", o."orgUnitId"::text AS "orgUnitId", o."payload", o."occurredAt"
      FROM "OutboxEvent" o
      WHERE (o."txid", o."sequence") > (${after.txid}::bigint, ${after.sequence}::bigint)
        AND o."txid" < w.xmin
        AND ${filterSql(filter)}
      ORDER BY o."txid", o."sequence"
      LIMIT ${limit}
    ) e ON TRUE`;
  const { watermark, horizonTxid, horizonSequence } = rows[0]!;
  const horizon = horizonTxid === null || horizonSequence === null ? FEED_START : { txid: horizonTxid, sequence: horizonSequence };
  const events = rows
    .filter((r): r is RawRow & { sequence: bigint; txid: bigint } => r.sequence !== null)
    .map(({ watermark: _w, horizonTxid: _ht, horizonSequence: _hs, ...r }) => r as OutboxRow);
  const last = events.at(-1);
  let next: FeedPosition = events.length === limit && last ? { txid: last.txid, sequence: last.sequence } : { txid: watermark - 1n, sequence: MAX_BIGINT };
  if (compare(next, after) < 0) next = after;
  return { events, next, horizon };
}

export function compare(a: FeedPosition, b: FeedPosition): number {
  if (a.txid !== b.txid) return a.txid < b.txid ? -1 : 1;
  return a.sequence === b.sequence ? 0 : a.sequence < b.sequence ? -1 : 1;
}

// ---- cursors and retention --------------------------------------------------------------------

const CURSOR_PREFIX = 'chg1:';

/** An opaque, URL-safe cursor for a feed position. */
export function encodeFeedCursor(p: FeedPosition): string {
  return Buffer.from(`${CURSOR_PREFIX}${p.txid}:${p.sequence}`).toString('base64url');
}

/** The position of a cursor, or undefined when it is not one of ours. */
export function decodeFeedCursor(cursor: string): FeedPosition | undefined {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^chg1:(\d{1,19}):(\d{1,19})$/.exec(text);
  if (!match) return undefined;
  const p = { txid: BigInt(match[1]!), sequence: BigInt(match[2]!) };
  return p.txid <= MAX_BIGINT && p.sequence <= MAX_BIGINT ? p : undefined;
}

/** Where retention has deleted up to (FEED_START when nothing was ever deleted). */
export async function retentionHorizon(db: Db): Promise<FeedPosition> {
  const row = await db.outboxHorizon.findUnique({ where: { id: 1 }, select: { txid: true, sequence: true } });
  return row ?? FEED_START;
}

/**
 * Deletes events older than `retentionDays` that every reader position at or after the horizon
 * has passed, and moves the horizon: a cursor below it has missed events and must re-sync. The
 * webhook dispatcher's own position is never overtaken (undelivered events are kept).
 */
export async function purgeOldEvents(db: Db, now: Date, retentionDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ txid: bigint; sequence: bigint }[]>`
      WITH doomed AS (
        SELECT o."sequence" FROM "OutboxEvent" o
        WHERE o."occurredAt" < ${cutoff}
          AND (NOT EXISTS (SELECT 1 FROM "WebhookCursor" c WHERE c."id" = 1)
               OR (o."txid", o."sequence") <= (SELECT c."txid", c."sequence" FROM "WebhookCursor" c WHERE c."id" = 1))
          AND o."txid" < ((pg_snapshot_xmin(pg_current_snapshot()))::text)::bigint
          AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."eventSequence" = o."sequence" AND d."status" = 'PENDING')
      )
      DELETE FROM "OutboxEvent" o USING doomed WHERE o."sequence" = doomed."sequence"
      RETURNING o."txid", o."sequence"`;
    if (rows.length === 0) return 0;
    const last = rows.reduce((a, b) => (compare(a, b) >= 0 ? a : b));
    const current = await retentionHorizon(tx as unknown as Db);
    if (compare(last, current) > 0) {
      await tx.outboxHorizon.upsert({ where: { id: 1 }, create: { id: 1, ...last, purgedAt: now }, update: { ...last, purgedAt: now } });
    }
    return rows.length;
  });
}
