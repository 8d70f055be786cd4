// What the Atom/RSS feeds and the sitemap list: published releases and interpretations as the
// public — or, with a channel kind, a channel of that kind — may read them. Rows come through
// the same row filters as GraphQL (releaseReadWhere / interpretationReadWhere), never a second
// definition of "public". Plain functions over a Prisma client: no HTTP, no XML.
import { anonymousViewer, type Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ChannelKind } from '../../generated/prisma/enums.js';
import { isUuid } from '../../graphql/global-id.js';
import { interpretationReadWhere } from '../interpretations/interpretation.permissions.js';
import { releaseReadWhere } from '../releases/release.permissions.js';

export type FeedKind = 'releases' | 'interpretations';

export interface FeedFilter {
  domain?: { id: string; code: string; name: string };
  org?: { id: string; code: string; name: string; path: string };
  channel?: ChannelKind;
}

/** What an entry says: the summary of what is public, or the withdrawal notice (never the old body). */
export type EntryState = { kind: 'public'; summary: string; repealed: boolean } | { kind: 'withdrawn'; at: Date; reason: string };

export interface FeedEntry {
  /** Database id. */
  id: string;
  indexNo: string | null;
  title: string;
  /** The publishing (or interpreting) unit. */
  author: string;
  category: { term: string; label: string } | undefined;
  publishedAt: Date;
  /** Last publication, correction or repeal (the row's last change); for a withdrawn item the withdrawal. */
  updatedAt: Date;
  state: EntryState;
}

/**
 * The reader a feed reads as: the public, or a channel of the given kind (the row filter only
 * looks at the kind, so no channel client or key is involved).
 */
function feedViewer(channel: ChannelKind | undefined): Viewer {
  return channel ? { kind: 'channel', channelId: '', channelKind: channel, apiKeyId: '' } : anonymousViewer;
}

const latest = (...dates: (Date | null)[]): Date => new Date(Math.max(...dates.map((d) => d?.getTime() ?? 0)));

interface Row {
  id: string;
  title: string;
  status: string;
  summary?: string;
  publishedAt: Date | null;
  updatedAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

/** A row as an entry. WARNING: a withdrawn row's summary is dropped here, before any rendering. */
function entryOf(row: Row, extra: { indexNo: string | null; author: string; category: FeedEntry['category'] }): FeedEntry {
  const state: EntryState =
    row.status === 'WITHDRAWN'
      ? { kind: 'withdrawn', at: row.withdrawnAt ?? row.updatedAt, reason: row.withdrawalReason ?? '' }
      : { kind: 'public', summary: row.summary ?? '', repealed: row.status === 'REPEALED' };
  // A withdrawal notice dates from the withdrawal; anything else from its last publication or correction.
  const updatedAt = state.kind === 'withdrawn' ? state.at : latest(row.publishedAt, row.updatedAt);
  return { id: row.id, title: row.title, publishedAt: row.publishedAt!, updatedAt, state, ...extra };
}

function releaseWhere(filter: FeedFilter, now: Date): Prisma.ReleaseWhereInput {
  return {
    AND: [
      releaseReadWhere(feedViewer(filter.channel), now),
      ...(filter.domain ? [{ matter: { domainId: filter.domain.id } }] : []),
      ...(filter.org ? [{ publisher: { path: { startsWith: filter.org.path } } }] : []),
    ],
  };
}

function interpretationWhere(filter: FeedFilter, now: Date): Prisma.InterpretationWhereInput {
  return {
    AND: [
      interpretationReadWhere(feedViewer(filter.channel), now),
      ...(filter.domain ? [{ policies: { some: { release: { matter: { domainId: filter.domain.id } } } } }] : []),
      ...(filter.org ? [{ interpretingOrg: { path: { startsWith: filter.org.path } } }] : []),
    ],
  };
}

const NEWEST_FIRST = [{ publishedAt: 'desc' as const }, { id: 'desc' as const }];
const RECENTLY_WITHDRAWN = [{ withdrawnAt: 'desc' as const }, { id: 'desc' as const }];

/**
 * The feed's entries, newest publication first: the `limit` newest public rows (withdrawn ones
 * as notices), then — when that window is full — rows withdrawn since the window's oldest
 * publication although published before it, so a reader learns of every withdrawal in the span
 * the feed covers. One SQL statement, two when the window is full (relations are joined).
 */
export async function feedEntries(db: Db, kind: FeedKind, filter: FeedFilter, now: Date, limit: number): Promise<FeedEntry[]> {
  return kind === 'releases' ? releaseEntries(db, filter, now, limit) : interpretationEntries(db, filter, now, limit);
}

const RELEASE_COLUMNS = {
  id: true, title: true, status: true, indexNo: true, publishedAt: true, updatedAt: true, withdrawnAt: true, withdrawalReason: true,
  publisher: { select: { name: true } },
  matter: { select: { domain: { select: { code: true, name: true } } } },
} satisfies Prisma.ReleaseSelect;

async function releaseEntries(db: Db, filter: FeedFilter, now: Date, limit: number): Promise<FeedEntry[]> {
  const where = releaseWhere(filter, now);
  const rows = await db.release.findMany({ where, orderBy: NEWEST_FIRST, take: limit, select: { ...RELEASE_COLUMNS, summary: true } });
  const oldest = rows.length === limit ? rows[rows.length - 1]!.publishedAt : null;
  const withdrawnSince = oldest
    ? await db.release.findMany({ where: { AND: [where, { status: 'WITHDRAWN', withdrawnAt: { gte: oldest }, publishedAt: { lt: oldest } }] }, orderBy: RECENTLY_WITHDRAWN, take: limit, select: RELEASE_COLUMNS })
    : [];
  return [...rows, ...withdrawnSince].map((r) =>
    entryOf(r, { indexNo: r.indexNo, author: r.publisher.name, category: { term: r.matter.domain.code, label: r.matter.domain.name } }),
  );
}

const INTERPRETATION_COLUMNS = {
  id: true, title: true, status: true, publishedAt: true, updatedAt: true, withdrawnAt: true, withdrawalReason: true,
  interpretingOrg: { select: { name: true } },
} satisfies Prisma.InterpretationSelect;

async function interpretationEntries(db: Db, filter: FeedFilter, now: Date, limit: number): Promise<FeedEntry[]> {
  const where = interpretationWhere(filter, now);
  const rows = await db.interpretation.findMany({ where, orderBy: NEWEST_FIRST, take: limit, select: { ...INTERPRETATION_COLUMNS, summary: true } });
  const oldest = rows.length === limit ? rows[rows.length - 1]!.publishedAt : null;
  const withdrawnSince = oldest
    ? await db.interpretation.findMany({ where: { AND: [where, { status: 'WITHDRAWN', withdrawnAt: { gte: oldest }, publishedAt: { lt: oldest } }] }, orderBy: RECENTLY_WITHDRAWN, take: limit, select: INTERPRETATION_COLUMNS })
    : [];
  return [...rows, ...withdrawnSince].map((r) => entryOf(r, { indexNo: null, author: r.interpretingOrg.name, category: undefined }));
}

// ---- filters named in a URL ---------------------------------------------------------------------

/** The domain with this code, or undefined. */
export function domainByCode(db: Db, code: string) {
  return db.domain.findUnique({ where: { code }, select: { id: true, code: true, name: true } });
}

/** Every domain code (for the message that refuses an unknown one). */
export async function domainCodes(db: Db): Promise<string[]> {
  const rows = await db.domain.findMany({ orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: { code: true } });
  return rows.map((r) => r.code);
}

/** The org unit named by its code, its database id or its API (global) id; undefined if none. */
export function orgUnitByReference(db: Db, reference: string) {
  const id = isUuid(reference) ? reference.toLowerCase() : uuidInGlobalId(reference, 'OrgUnit');
  return db.orgUnit.findFirst({ where: id ? { OR: [{ id }, { code: reference }] } : { code: reference }, select: { id: true, code: true, name: true, path: true } });
}

function uuidInGlobalId(value: string, typename: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return undefined;
  const [type, id] = Buffer.from(value, 'base64url').toString('utf8').split(':');
  return type === typename && id !== undefined && isUuid(id) ? id.toLowerCase() : undefined;
}

// ---- the sitemap ---------------------------------------------------------------------------------

export interface SitemapUrl {
  kind: 'release' | 'interpretation';
  id: string;
  indexNo: string | null;
  lastmod: Date;
}

/**
 * The sitemap lists the website's pages: what a WEBSITE channel may read, without withdrawal
 * notices (their pages say only that the item was withdrawn; nothing to index).
 */
const SITE = feedViewer('WEBSITE');
const sitemapReleases = (now: Date): Prisma.ReleaseWhereInput => ({ AND: [releaseReadWhere(SITE, now), { status: { not: 'WITHDRAWN' } }] });
const sitemapInterpretations = (now: Date): Prisma.InterpretationWhereInput => ({ AND: [interpretationReadWhere(SITE, now), { status: { not: 'WITHDRAWN' } }] });

/** How many pages of each kind the sitemap has (two counts). */
export async function sitemapSize(db: Db, now: Date): Promise<{ releases: number; interpretations: number }> {
  const [releases, interpretations] = await Promise.all([db.release.count({ where: sitemapReleases(now) }), db.interpretation.count({ where: sitemapInterpretations(now) })]);
  return { releases, interpretations };
}

/**
 * Page `page` (0-based) of one kind's sitemap URLs, `size` per page, in id order (ids are UUIDv7:
 * creation order, so new items land on the last page and earlier pages stay put). Keyset, no
 * OFFSET: the earlier pages are walked by their ids only (`id > last LIMIT size`, one statement
 * each) to find where this one starts, then it is read from there.
 */
export async function sitemapPage(db: Db, kind: 'release' | 'interpretation', page: number, size: number, now: Date): Promise<SitemapUrl[]> {
  const model = (kind === 'release' ? db.release : db.interpretation) as unknown as {
    findMany(args: object): Promise<{ id: string; indexNo?: string | null; publishedAt: Date | null; updatedAt: Date }[]>;
  };
  const where = kind === 'release' ? sitemapReleases(now) : sitemapInterpretations(now);
  let after: string | undefined;
  for (let walked = 0; walked < page; walked++) {
    const ids = await model.findMany({ where: { AND: [where, ...(after ? [{ id: { gt: after } }] : [])] }, orderBy: { id: 'asc' }, take: size, select: { id: true } });
    if (ids.length < size) return [];
    after = ids[ids.length - 1]!.id;
  }
  const rows = await model.findMany({
    where: { AND: [where, ...(after ? [{ id: { gt: after } }] : [])] },
    orderBy: { id: 'asc' },
    take: size,
    select: { id: true, publishedAt: true, updatedAt: true, ...(kind === 'release' ? { indexNo: true } : {}) },
  });
  return rows.map((r) => ({ kind, id: r.id, indexNo: r.indexNo ?? null, lastmod: latest(r.publishedAt, r.updatedAt) }));
}
