// The release read API over HTTP as an anonymous caller sees it: the published list with its
// filters, ordering and paging, index numbers, refetching, and the row filter that must hide
// drafts and not-yet-public releases on every path. Expected values are recomputed from the
// database or from the full list, never read back from the code under test.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPublished } from '../src/modules/releases/release-writes.js';
import { dataOf, startTestService, type TestService } from './harness.js';

let service: TestService;

beforeAll(async () => {
  // These tests change rows straight in the database (publication times, statuses), which the
  // public count cache cannot hear of: they count every time.
  service = await startTestService({ env: { COUNT_CACHE_SECONDS: '0' } });
});

afterAll(async () => {
  await service?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const TIME_ZONE = 'Asia/Shanghai';
const PUBLISHED_SEED_RELEASES = 40;
const ALL_SEED_RELEASES = 51;

const releaseGid = (uuid: string) => Buffer.from('Release:' + uuid).toString('base64url');
const gid = (type: string, uuid: string) => Buffer.from(`${type}:${uuid}`).toString('base64url');
const prisma = () => service.service.db.prisma;

async function gqlData(query: string, variables?: Record<string, unknown>): Promise<Any> {
  return dataOf(await service.gql<Any>(query, variables));
}

/** YYYYMM of an instant on the county's calendar, computed independently of the server. */
function shanghaiMonth(instant: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit' }).formatToParts(new Date(instant));
  return parts.find((p) => p.type === 'year')!.value + parts.find((p) => p.type === 'month')!.value;
}

function shanghaiDay(instant: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

const RELEASE_FIELDS = `
  id title docNo indexNo status stage targetChannels
  publishedAt firstPublishedAt formedAt dueAt updatedAt issuedAt effectiveAt repealedAt
  publisher { id code name }
  matter { id code level parent { id } domain { code } }
`;

interface ReleaseRow {
  id: string;
  title: string;
  docNo: string | null;
  indexNo: string | null;
  status: string;
  stage: string;
  targetChannels: string[];
  publishedAt: string;
  firstPublishedAt: string;
  formedAt: string | null;
  dueAt: string | null;
  updatedAt: string;
  issuedAt: string | null;
  effectiveAt: string | null;
  repealedAt: string | null;
  publisher: { id: string; code: string; name: string };
  matter: { id: string; code: string; level: number; parent: { id: string } | null; domain: { code: string } };
}

interface Paged {
  rows: ReleaseRow[];
  totalCounts: number[];
  pageSizes: number[];
  hasNext: boolean[];
}

/** Pages through `releases` with `first`/`after`. */
async function allReleases(args: { filter?: Record<string, unknown>; orderBy?: Record<string, unknown> } = {}, pageSize = 20): Promise<Paged> {
  const out: Paged = { rows: [], totalCounts: [], pageSizes: [], hasNext: [] };
  let after: string | null = null;
  for (let page = 0; page < 60; page++) {
    const data = await gqlData(
      `query($first: Int!, $after: String, $filter: ReleaseFilter, $orderBy: ReleaseOrder) {
        releases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { cursor node { ${RELEASE_FIELDS} } }
        }
      }`,
      { first: pageSize, after, filter: args.filter ?? null, orderBy: args.orderBy ?? null },
    );
    const c = data.releases;
    out.rows.push(...c.edges.map((e: Any) => e.node));
    out.totalCounts.push(c.totalCount);
    out.pageSizes.push(c.edges.length);
    out.hasNext.push(c.pageInfo.hasNextPage);
    if (c.edges.length > 0) expect(c.pageInfo.endCursor).toBe(c.edges.at(-1).cursor);
    if (!c.pageInfo.hasNextPage) return out;
    after = c.pageInfo.endCursor;
  }
  throw new Error('releases: paging does not terminate');
}

/** The ids the database holds as public right now (status PUBLISHED, publishedAt <= now). */
async function publicIdsInDb(where: Record<string, unknown> = {}): Promise<string[]> {
  const rows = await prisma().release.findMany({
    where: { status: 'PUBLISHED', publishedAt: { lte: new Date() }, ...where },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

const idOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

describe('Releases: the public list', () => {
  let everything: Paged;

  beforeAll(async () => {
    everything = await allReleases();
  });

  it('lists exactly the 40 published releases, with totalCount 40 and status PUBLISHED on every node', async () => {
    expect(await prisma().release.count()).toBe(ALL_SEED_RELEASES);
    expect(everything.rows).toHaveLength(PUBLISHED_SEED_RELEASES);
    expect(new Set(everything.totalCounts)).toEqual(new Set([PUBLISHED_SEED_RELEASES]));
    expect(everything.rows.every((r) => r.status === 'PUBLISHED')).toBe(true);
    expect(everything.rows.map((r) => idOf(r.id)).sort()).toEqual((await publicIdsInDb()).sort());
  });

  it('orders newest first by default (publishedAt non-increasing, ties by id descending)', () => {
    const rows = everything.rows;
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      const [ta, tb] = [Date.parse(a.publishedAt), Date.parse(b.publishedAt)];
      expect(ta, `${a.title} before ${b.title}`).toBeGreaterThanOrEqual(tb);
      if (ta === tb) expect(idOf(a.id) > idOf(b.id), `tie ${a.title} / ${b.title}`).toBe(true);
    }
    // The seed spreads publication over many months: the order is not trivially satisfied.
    expect(new Set(rows.map((r) => shanghaiMonth(r.publishedAt))).size).toBeGreaterThan(3);
  });

  it('gives every release an index number <publisher code>/<YYYYMM of publication in Asia/Shanghai>-<serial>', () => {
    for (const r of everything.rows) {
      expect(r.indexNo, r.title).toMatch(/^[0-9A-Z]{18}\/\d{6}-\d{5}$/);
      const [org, rest] = r.indexNo!.split('/') as [string, string];
      expect(org, r.title).toBe(r.publisher.code);
      expect(r.publishedAt, r.title).toMatch(/\+08:00$/);
      expect(rest.slice(0, 6), r.title).toBe(shanghaiMonth(r.publishedAt));
      // The offset-formatted wall clock agrees with the independent conversion.
      expect(r.publishedAt.slice(0, 4) + r.publishedAt.slice(5, 7)).toBe(shanghaiMonth(r.publishedAt));
      expect(r.firstPublishedAt, r.title).toBe(r.publishedAt);
    }
    expect(new Set(everything.rows.map((r) => r.indexNo)).size).toBe(everything.rows.length);
  });

  it('numbers each publisher\'s releases per year 1, 2, 3 … in publication order, without gaps', () => {
    const groups = new Map<string, ReleaseRow[]>();
    for (const r of everything.rows) {
      const key = `${r.publisher.code}|${r.indexNo!.slice(19, 23)}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    expect([...groups.values()].some((g) => g.length > 1)).toBe(true);
    for (const [key, group] of groups) {
      const ordered = [...group].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || (idOf(a.id) < idOf(b.id) ? -1 : 1));
      expect(ordered.map((r) => Number(r.indexNo!.slice(-5))), key).toEqual(ordered.map((_, i) => i + 1));
    }
  });

  it('assigns the index month by the county clock at a month boundary (UTC and Shanghai months differ)', async () => {
    const draft = await prisma().release.findFirstOrThrow({ where: { status: 'DRAFT' }, orderBy: { id: 'asc' }, include: { publisher: true } });
    const rollback = new Error('rollback');
    const publishAt = async (at: Date): Promise<string | null> => {
      let indexNo: string | null = null;
      await prisma()
        .$transaction(async (tx) => {
          indexNo = (await markPublished(tx, draft.id, at, null, TIME_ZONE)).indexNo;
          throw rollback;
        })
        .catch((e: unknown) => {
          if (e !== rollback) throw e;
        });
      return indexNo;
    };
    // 2026-10-31T16:30Z is 2026-11-01 00:30 in Shanghai; 15:59:59Z is still 2026-10-31 23:59:59.
    expect(await publishAt(new Date('2026-10-31T16:30:00.000Z'))).toMatch(new RegExp(`^${draft.publisher.code}/202611-\\d{5}$`));
    expect(await publishAt(new Date('2026-10-31T15:59:59.000Z'))).toMatch(new RegExp(`^${draft.publisher.code}/202610-\\d{5}$`));
    // 2025-12-31T16:00Z is already New Year's Day 2026 in Shanghai.
    expect(await publishAt(new Date('2025-12-31T16:00:00.000Z'))).toMatch(/\/202601-\d{5}$/);
    // Nothing of it was kept.
    const after = await prisma().release.findUniqueOrThrow({ where: { id: draft.id } });
    expect(after).toMatchObject({ status: 'DRAFT', indexNo: null, publishedAt: null });
  });
});

describe('Releases: filters', () => {
  let everything: ReleaseRow[];

  beforeAll(async () => {
    everything = (await allReleases()).rows;
  });

  /** Runs a filter and checks it returns exactly `expected` (in the default order) with a matching totalCount. */
  async function expectFilter(filter: Record<string, unknown>, expected: ReleaseRow[]): Promise<ReleaseRow[]> {
    const { rows, totalCounts } = await allReleases({ filter });
    expect(rows.map((r) => r.title), JSON.stringify(filter)).toEqual(expected.map((r) => r.title));
    expect(totalCounts[0], JSON.stringify(filter)).toBe(expected.length);
    return rows;
  }

  it('filters by domainCode', async () => {
    const expected = everything.filter((r) => r.matter.domain.code === 'COMPULSORY_EDUCATION');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(everything.length);
    await expectFilter({ domainCode: 'COMPULSORY_EDUCATION' }, expected);
  });

  it('answers an unknown domainCode with an empty list', async () => {
    await expectFilter({ domainCode: 'NO_SUCH_DOMAIN' }, []);
  });

  it('filters by matterId: a 一级 matter includes the releases of its children', async () => {
    // A 一级 matter whose children have releases in at least two different 二级 matters.
    const byParent = new Map<string, Set<string>>();
    for (const r of everything) if (r.matter.parent) byParent.set(r.matter.parent.id, (byParent.get(r.matter.parent.id) ?? new Set()).add(r.matter.id));
    const [parentId, children] = [...byParent].find(([, c]) => c.size >= 2)!;
    const expected = everything.filter((r) => r.matter.parent?.id === parentId);
    await expectFilter({ matterId: parentId }, expected);
    // A 二级 matter gives only its own.
    const child = [...children][0]!;
    const own = everything.filter((r) => r.matter.id === child);
    expect(own.length).toBeLessThan(expected.length);
    await expectFilter({ matterId: child }, own);
  });

  it('filters by publisherId', async () => {
    const counts = new Map<string, number>();
    for (const r of everything) counts.set(r.publisher.id, (counts.get(r.publisher.id) ?? 0) + 1);
    const [publisherId] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const expected = everything.filter((r) => r.publisher.id === publisherId);
    expect(expected.length).toBeGreaterThan(1);
    const rows = await expectFilter({ publisherId }, expected);
    expect(rows.every((r) => r.publisher.id === publisherId)).toBe(true);
  });

  it('filters by stage', async () => {
    for (const stage of ['DECISION', 'RESULT']) {
      const expected = everything.filter((r) => r.stage === stage);
      expect(expected.length, stage).toBeGreaterThan(0);
      await expectFilter({ stage }, expected);
    }
  });

  it('filters by channel: only releases whose targetChannels include KIOSK', async () => {
    const expected = everything.filter((r) => r.targetChannels.includes('KIOSK'));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(everything.length);
    const rows = await expectFilter({ channel: 'KIOSK' }, expected);
    expect(rows.every((r) => r.targetChannels.includes('KIOSK'))).toBe(true);
  });

  it('filters by publishedAfter (inclusive) and publishedBefore (exclusive) around a boundary from the data', async () => {
    const boundary = everything[Math.floor(everything.length / 2)]!.publishedAt;
    const t = Date.parse(boundary);
    const after = everything.filter((r) => Date.parse(r.publishedAt) >= t);
    const before = everything.filter((r) => Date.parse(r.publishedAt) < t);
    expect(after.length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);
    await expectFilter({ publishedAfter: boundary }, after);
    await expectFilter({ publishedBefore: boundary }, before);
    // Same instant written in UTC: same answer.
    await expectFilter({ publishedAfter: new Date(t).toISOString() }, after);
    // A window of one instant holds exactly the releases published at that instant.
    const oneMs = new Date(t + 1).toISOString();
    await expectFilter({ publishedAfter: boundary, publishedBefore: oneMs }, everything.filter((r) => Date.parse(r.publishedAt) === t));
  });

  it('rejects a DateTime filter without an offset with BAD_USER_INPUT (HTTP 400)', async () => {
    const res = await service.gql<Any>(`query($f: ReleaseFilter) { releases(filter: $f) { totalCount } }`, { f: { publishedAfter: '2026-01-01T00:00:00' } });
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('offset');
  });

  // V8 would roll an impossible day such as 2026-02-30 over to 2026-03-02: it must be refused.
  it('rejects a DateTime filter naming a day that does not exist (2026-02-30)', async () => {
    const res = await service.gql<Any>(`query($f: ReleaseFilter) { releases(filter: $f) { totalCount } }`, { f: { publishedAfter: '2026-02-30T00:00:00+08:00' } });
    expect(res.data?.releases ?? null).toBeNull();
    expect(res.errors?.length).toBeGreaterThan(0);
  });

  it('searches part of a title', async () => {
    const expected = everything.filter((r) => `${r.title}|${r.docNo ?? ''}|${r.indexNo ?? ''}`.includes('棚户区'));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(everything.length);
    const rows = await expectFilter({ search: '棚户区' }, expected);
    expect(rows.every((r) => r.title.includes('棚户区'))).toBe(true);
    // An index number is searchable too.
    const target = everything[3]!;
    await expectFilter({ search: target.indexNo }, [target]);
  });

  // Prisma's `contains` does not escape LIKE wildcards (prisma/orm#19506): we must, or "%" would
  // match every release and "2026%第" would be a pattern.
  it('treats % and _ in search as literal characters, not LIKE wildcards', async () => {
    for (const term of ['%', '_', '2026%第']) {
      const expected = everything.filter((r) => `${r.title}|${r.docNo ?? ''}|${r.indexNo ?? ''}`.toLowerCase().includes(term));
      const { rows } = await allReleases({ filter: { search: term } });
      expect(rows.map((r) => r.title), term).toEqual(expected.map((r) => r.title));
    }
  });

  it('combines filters as an intersection', async () => {
    const expected = everything.filter((r) => r.targetChannels.includes('KIOSK') && r.matter.domain.code === 'LAND_EXPROPRIATION');
    expect(expected.length).toBeGreaterThan(0);
    await expectFilter({ channel: 'KIOSK', domainCode: 'LAND_EXPROPRIATION' }, expected);
  });

  it('rejects a matterId that is an OrgUnit id, and a publisherId that is a Matter id, with BAD_USER_INPUT', async () => {
    const org = everything[0]!.publisher.id;
    const matter = everything[0]!.matter.id;
    for (const filter of [{ matterId: org }, { publisherId: matter }]) {
      const res = await service.gql<Any>(`query($f: ReleaseFilter) { releases(filter: $f) { totalCount edges { node { id } } } }`, { f: filter });
      expect(res.data?.releases ?? null, JSON.stringify(filter)).toBeNull();
      expect(res.errors?.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(res.errors?.every((e) => e.extensions?.code === 'BAD_USER_INPUT'), JSON.stringify(res.errors)).toBe(true);
    }
  });
});

describe('Releases: ordering and paging', () => {
  let newestFirst: ReleaseRow[];

  beforeAll(async () => {
    newestFirst = (await allReleases()).rows;
  });

  it('orders by TITLE ASC as the database collates titles, ties by id', async () => {
    const { rows } = await allReleases({ orderBy: { field: 'TITLE', direction: 'ASC' } });
    const expected = await prisma().release.findMany({
      where: { status: 'PUBLISHED', publishedAt: { lte: new Date() } },
      orderBy: [{ title: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    expect(rows.map((r) => idOf(r.id))).toEqual(expected.map((r) => r.id));
    expect(rows.map((r) => r.id)).not.toEqual(newestFirst.map((r) => r.id));
    // Both test databases collate with "C": titles are then in code-point (UTF-8 byte) order.
    const [db] = await prisma().$queryRawUnsafe<{ collation: string }[]>(
      `SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()`,
    );
    const collation = db?.collation ?? '';
    if (/^(C|POSIX|C\.UTF-?8)$/i.test(collation)) {
      for (let i = 1; i < rows.length; i++) {
        expect(Buffer.compare(Buffer.from(rows[i - 1]!.title), Buffer.from(rows[i]!.title)), rows[i]!.title).toBeLessThanOrEqual(0);
      }
    }
    const desc = await allReleases({ orderBy: { field: 'TITLE', direction: 'DESC' } });
    expect(desc.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id).reverse());
  });

  it('orders by PUBLISHED_AT ASC, the exact reverse of the default', async () => {
    const { rows } = await allReleases({ orderBy: { field: 'PUBLISHED_AT', direction: 'ASC' } });
    for (let i = 1; i < rows.length; i++) expect(Date.parse(rows[i - 1]!.publishedAt)).toBeLessThanOrEqual(Date.parse(rows[i]!.publishedAt));
    expect(rows.map((r) => r.id)).toEqual(newestFirst.map((r) => r.id).reverse());
  });

  it('pages through all 40 with first: 7 and after, every release once and in order (default order)', async () => {
    const paged = await allReleases({}, 7);
    expect(paged.pageSizes).toEqual([7, 7, 7, 7, 7, 5]);
    expect(paged.hasNext).toEqual([true, true, true, true, true, false]);
    expect(new Set(paged.totalCounts)).toEqual(new Set([40]));
    expect(paged.rows.map((r) => r.id)).toEqual(newestFirst.map((r) => r.id));
  });

  it('pages through all 40 with first: 7 and after, every release once and in order (TITLE ASC)', async () => {
    const orderBy = { field: 'TITLE', direction: 'ASC' };
    const whole = await allReleases({ orderBy }, 50);
    const paged = await allReleases({ orderBy }, 7);
    expect(paged.pageSizes).toEqual([7, 7, 7, 7, 7, 5]);
    expect(new Set(paged.rows.map((r) => r.id)).size).toBe(40);
    expect(paged.rows.map((r) => r.id)).toEqual(whole.rows.map((r) => r.id));
  });

  it('rejects first: -1 with an error and no data', async () => {
    const res = await service.gql<Any>(`{ releases(first: -1) { totalCount edges { node { id } } } }`);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.path).toEqual(['releases']);
  });

  // A client's bad page size is BAD_USER_INPUT, not a server failure.
  it('classifies first: -1 as BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
    const res = await service.gql<Any>(`{ releases(first: -1) { edges { node { id } } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  // The schema documents first as 1–100: a larger page is refused, not silently clamped.
  it('rejects first: 101 with BAD_USER_INPUT instead of silently clamping the page', async () => {
    const res = await service.gql<Any>(`{ releases(first: 101) { edges { node { id } } } }`);
    expect(res.data?.releases ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('asks SQL for at most 101 rows (100 + 1 to detect a next page) and sends no query for an oversized page', async () => {
    // The harness counts statements; their parameters come from a second listener on the same client.
    const captured: { query: string; params: string }[] = [];
    let capturing = false;
    (prisma() as unknown as { $on(e: 'query', cb: (e: { query: string; params: string }) => void): void }).$on('query', (e) => {
      if (capturing) captured.push(e);
    });
    const limitOf = async (first: number) => {
      captured.length = 0;
      capturing = true;
      try {
        await service.gql<Any>(`query($first: Int) { releases(first: $first) { edges { node { id } } } }`, { first });
      } finally {
        capturing = false;
      }
      const select = captured.find((e) => /FROM\s+"[^"]+"\."Release"/.test(e.query) && /LIMIT \$\d+/.test(e.query));
      if (!select) return null;
      // The outermost LIMIT is the page's.
      const limits = [...select.query.matchAll(/LIMIT \$(\d+)/g)];
      const index = Number(limits[limits.length - 1]![1]) - 1;
      return Number((JSON.parse(select.params) as unknown[])[index]);
    };
    expect(await limitOf(7)).toBe(8);
    expect(await limitOf(100)).toBe(101);
    expect(await limitOf(101)).toBeNull();
    expect(await limitOf(100_000)).toBeNull();
  });
});

describe('Releases: releaseByIndexNo', () => {
  it('returns a published release by its index number', async () => {
    const [r] = (await gqlData(`{ releases(first: 1) { edges { node { id title indexNo } } } }`)).releases.edges.map((e: Any) => e.node);
    const data = await gqlData(`query($n: String!) { releaseByIndexNo(indexNo: $n) { id title indexNo status } }`, { n: r.indexNo });
    expect(data.releaseByIndexNo).toEqual({ ...r, status: 'PUBLISHED' });
  });

  it('answers null for an unknown index number', async () => {
    const data = await gqlData(
      `{ a: releaseByIndexNo(indexNo: "11341182003100015G/209901-99999") { id } b: releaseByIndexNo(indexNo: "") { id } c: releaseByIndexNo(indexNo: "%") { id } }`,
    );
    expect(data).toEqual({ a: null, b: null, c: null });
  });
});

/** POSTs a document and returns status and parsed body with every requestId removed. */
async function rawPost(query: string, variables: Record<string, unknown>): Promise<{ status: number; body: Any }> {
  const res = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const strip = (v: Any): Any => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'requestId').map(([k, x]) => [k, strip(x)]));
    return v;
  };
  return { status: res.status, body: strip(await res.json()) };
}

describe('Releases: visibility of drafts to anonymous callers', () => {
  let draft: { id: string; title: string; matterId: string; publisherId: string };
  let allDraftIds: string[];

  beforeAll(async () => {
    // A draft whose matter and publisher also have published releases, so every filtered list
    // below has rows the draft could hide among.
    draft = await prisma().release.findFirstOrThrow({
      where: {
        status: 'DRAFT',
        matter: { releases: { some: { status: 'PUBLISHED' } } },
        publisher: { releases: { some: { status: 'PUBLISHED' } } },
      },
      orderBy: { id: 'asc' },
      select: { id: true, title: true, matterId: true, publisherId: true },
    });
    allDraftIds = (await prisma().release.findMany({ where: { status: 'DRAFT' }, select: { id: true } })).map((r) => r.id);
    expect(allDraftIds).toHaveLength(ALL_SEED_RELEASES - PUBLISHED_SEED_RELEASES);
  });

  it('keeps every draft out of the releases list and its totalCount', async () => {
    const { rows, totalCounts } = await allReleases();
    const ids = new Set(rows.map((r) => idOf(r.id)));
    for (const d of allDraftIds) expect(ids.has(d)).toBe(false);
    expect(totalCounts[0]).toBe(PUBLISHED_SEED_RELEASES);
  });

  it('keeps the draft out when the list is filtered by its matter or its publisher', async () => {
    for (const [filter, where] of [
      [{ matterId: gid('Matter', draft.matterId) }, { matterId: draft.matterId }],
      [{ publisherId: gid('OrgUnit', draft.publisherId) }, { publisherId: draft.publisherId }],
    ] as const) {
      const inDb = await prisma().release.count({ where });
      const visible = await publicIdsInDb(where);
      expect(visible.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(visible.length, JSON.stringify(filter)).toBeLessThan(inDb);
      const { rows, totalCounts } = await allReleases({ filter });
      expect(rows.map((r) => idOf(r.id)).sort(), JSON.stringify(filter)).toEqual(visible.sort());
      expect(rows.some((r) => idOf(r.id) === draft.id)).toBe(false);
      expect(totalCounts[0], JSON.stringify(filter)).toBe(visible.length);
    }
  });

  it('keeps the draft out of Matter.releases and its totalCount', async () => {
    const data = await gqlData(`query($id: ID!) { node(id: $id) { ... on Matter { releases(first: 100) { totalCount edges { node { id status } } } } } }`, {
      id: gid('Matter', draft.matterId),
    });
    const visible = await publicIdsInDb({ matterId: draft.matterId });
    expect(await prisma().release.count({ where: { matterId: draft.matterId } })).toBeGreaterThan(visible.length);
    const conn = data.node.releases;
    expect(conn.totalCount).toBe(visible.length);
    expect(conn.edges.map((e: Any) => idOf(e.node.id)).sort()).toEqual(visible.sort());
    expect(conn.edges.every((e: Any) => e.node.status === 'PUBLISHED')).toBe(true);
  });

  it('keeps drafts out of nested release lists of the whole catalog (their totalCounts sum to 40)', async () => {
    let total = 0;
    let edges = 0;
    // first: 10 covers every matter's releases (checked below) and stays under the query cost limit.
    const data = await gqlData(`{ domains { edges { node { matters { children { releases(first: 10) { totalCount edges { node { id } } } } } } } } }`);
    const seen: string[] = [];
    for (const d of data.domains.edges) {
      for (const m of d.node.matters) {
        for (const c of m.children) {
          total += c.releases.totalCount;
          edges += c.releases.edges.length;
          seen.push(...c.releases.edges.map((e: Any) => idOf(e.node.id)));
        }
      }
    }
    expect(total).toBe(PUBLISHED_SEED_RELEASES);
    expect(edges).toBe(PUBLISHED_SEED_RELEASES);
    for (const d of allDraftIds) expect(seen).not.toContain(d);
  });

  it('finds nothing when searching a draft\'s exact title', async () => {
    const { rows, totalCounts } = await allReleases({ filter: { search: draft.title } });
    expect(rows).toEqual([]);
    expect(totalCounts).toEqual([0]);
    // The same search finds a published release by its exact title (the search itself works).
    const published = await prisma().release.findFirstOrThrow({ where: { status: 'PUBLISHED' }, orderBy: { id: 'asc' } });
    const found = await allReleases({ filter: { search: published.title } });
    expect(found.rows.map((r) => idOf(r.id))).toContain(published.id);
  });

  it('answers a draft id exactly as an unknown id', async () => {
    const query = `query($id: ID!) { node(id: $id) { __typename id ... on Release { title status indexNo } } }`;
    const forDraft = await rawPost(query, { id: releaseGid(draft.id) });
    const forUnknown = await rawPost(query, { id: releaseGid(randomUUID()) });
    expect(forDraft).toEqual(forUnknown);
    expect(forDraft).toEqual({ status: 200, body: { data: { node: null } } });
    // …while a published id in the same document shape is answered.
    const published = await prisma().release.findFirstOrThrow({ where: { status: 'PUBLISHED' } });
    const forPublished = await rawPost(query, { id: releaseGid(published.id) });
    expect(forPublished.body.data.node).toMatchObject({ __typename: 'Release', title: published.title, status: 'PUBLISHED' });
  });

  it('answers nodes(ids: [draft, unknown, published]) with [null, null, the published release]', async () => {
    const published = await prisma().release.findFirstOrThrow({ where: { status: 'PUBLISHED' }, orderBy: { id: 'desc' } });
    const res = await service.gql<Any>(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Release { title } } }`, {
      ids: [releaseGid(draft.id), releaseGid(randomUUID()), releaseGid(published.id)],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes).toEqual([null, null, { __typename: 'Release', id: releaseGid(published.id), title: published.title }]);
  });

  it('answers null for every one of the 11 drafts through nodes(ids:)', async () => {
    const res = await service.gql<Any>(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: allDraftIds.map(releaseGid) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes).toEqual(allDraftIds.map(() => null));
  });
});

describe('Releases: a publication scheduled in the future', () => {
  let target: { id: string; title: string; indexNo: string | null; matterId: string; publisherId: string; publishedAt: Date | null };

  /** Where the target release shows up for an anonymous caller, path by path (one request each). */
  const visibleEverywhere = async () => {
    const gidOf = releaseGid(target.id);
    const matterId = gid('Matter', target.matterId);
    const list = async (filter: Record<string, unknown> | null) =>
      (await gqlData(`query($f: ReleaseFilter) { releases(first: 40, filter: $f) { totalCount edges { node { id } } } }`, { f: filter })).releases;
    const has = (conn: Any) => conn.edges.some((e: Any) => e.node.id === gidOf);
    const all = await list(null);
    const byMatter = await list({ matterId });
    const byPublisher = await list({ publisherId: gid('OrgUnit', target.publisherId) });
    const bySearch = await list({ search: target.title });
    const node = await gqlData(`query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }`, { id: gidOf });
    const byIndex = await gqlData(`query($n: String!) { releaseByIndexNo(indexNo: $n) { id } }`, { n: target.indexNo });
    const matter = await gqlData(`query($m: ID!) { node(id: $m) { ... on Matter { releases(first: 40) { totalCount edges { node { id } } } } } }`, { m: matterId });
    return {
      list: has(all),
      listCount: all.totalCount as number,
      byMatter: has(byMatter),
      byMatterCount: byMatter.totalCount as number,
      byPublisher: has(byPublisher),
      bySearch: has(bySearch),
      node: node.node !== null,
      nodes: node.nodes[0] !== null,
      byIndex: byIndex.releaseByIndexNo !== null,
      matterReleases: has(matter.node.releases),
      matterReleasesCount: matter.node.releases.totalCount as number,
    };
  };

  beforeAll(async () => {
    target = await prisma().release.findFirstOrThrow({
      where: { status: 'PUBLISHED', matter: { releases: { some: { status: 'PUBLISHED' } } } },
      orderBy: { publishedAt: 'desc' },
      select: { id: true, title: true, indexNo: true, matterId: true, publisherId: true, publishedAt: true },
    });
    expect(target.indexNo).not.toBeNull();
  });

  afterAll(async () => {
    // Whatever happened above, put the seed back.
    await prisma().release.update({ where: { id: target.id }, data: { status: 'PUBLISHED', publishedAt: target.publishedAt } });
  });

  it('is visible everywhere while public (baseline)', async () => {
    const v = await visibleEverywhere();
    expect(v).toMatchObject({ list: true, listCount: 40, byMatter: true, byPublisher: true, bySearch: true, node: true, nodes: true, byIndex: true, matterReleases: true });
  });

  it('is invisible on every path while its publication time lies in the future', async () => {
    const before = await visibleEverywhere();
    await prisma().release.update({ where: { id: target.id }, data: { publishedAt: new Date(Date.now() + 24 * 3600_000) } });
    const v = await visibleEverywhere();
    expect(v).toEqual({
      list: false,
      listCount: 39,
      byMatter: false,
      byMatterCount: before.byMatterCount - 1,
      byPublisher: false,
      bySearch: false,
      node: false,
      nodes: false,
      byIndex: false,
      matterReleases: false,
      matterReleasesCount: before.matterReleasesCount - 1,
    });
    // Nothing is public "after now" either.
    const future = await allReleases({ filter: { publishedAfter: new Date().toISOString() } });
    expect(future.rows).toEqual([]);
  });

  it('becomes visible by itself once its time has come, with no further write', async () => {
    const at = Date.now() + 3000;
    await prisma().release.update({ where: { id: target.id }, data: { publishedAt: new Date(at) } });
    const early = await gqlData(`query($id: ID!) { node(id: $id) { id } }`, { id: releaseGid(target.id) });
    expect(early.node).toBeNull();
    await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now()) + 200));
    const v = await visibleEverywhere();
    expect(v).toMatchObject({ list: true, listCount: 40, node: true, byIndex: true, matterReleases: true });
    await prisma().release.update({ where: { id: target.id }, data: { publishedAt: target.publishedAt } });
  });
});

describe('Releases: malformed and foreign ids', () => {
  it('answers node(id: "not-an-id") with BAD_USER_INPUT', async () => {
    const res = await service.gql<Any>(`{ node(id: "not-an-id") { id } }`);
    expect(res.data?.node ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.path).toEqual(['node']);
  });

  it('answers ids with a bad uuid or an overlong body with BAD_USER_INPUT', async () => {
    for (const id of [Buffer.from('Release:not-a-uuid').toString('base64url'), 'A'.repeat(300), Buffer.from(`Release:${randomUUID()}x`).toString('base64url')]) {
      const res = await service.gql<Any>(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(res.errors?.[0]?.extensions?.code, id).toBe('BAD_USER_INPUT');
    }
  });

  // A well-formed global id of a type that is not a Node ('Foo:<uuid>', 'PageInfo:<uuid>') is bad
  // client input, not a server failure with Pothos' internal message.
  it('answers a well-formed id of an unknown type as client input (null or BAD_USER_INPUT), not INTERNAL_SERVER_ERROR', async () => {
    for (const type of ['Foo', 'PageInfo']) {
      const res = await service.gql<Any>(`query($id: ID!) { node(id: $id) { id } }`, { id: gid(type, randomUUID()) });
      const codes = (res.errors ?? []).map((e) => e.extensions?.code);
      expect(codes.every((c) => c === 'BAD_USER_INPUT'), `${type}: ${JSON.stringify(res.errors)}`).toBe(true);
    }
  });
});

describe('Releases: no N+1 queries', () => {
  it('sends the same small number of statements for a page of 10 and of all 40 releases', async () => {
    const query = `query($first: Int!) {
      releases(first: $first) {
        totalCount
        edges { node {
          id title attachments { name url size }
          matter { name domain { name } standard { timeLimit { text } requiredChannels } }
          publisher { name }
        } }
      }
    }`;
    const small = await service.countStatements(() => service.gql<Any>(query, { first: 10 }));
    const all = await service.countStatements(() => service.gql<Any>(query, { first: 40 }));
    expect(dataOf(small.result).releases.edges).toHaveLength(10);
    const edges = dataOf(all.result).releases.edges;
    expect(edges).toHaveLength(40);
    // The nested data is really there (so the count covers its loading).
    expect(edges.every((e: Any) => e.node.matter.domain.name && e.node.publisher.name && e.node.matter.standard.timeLimit.text)).toBe(true);
    expect(all.statements, `page of 40:\n${all.sql.join('\n')}`).toBe(small.statements);
    expect(all.statements, `page of 40:\n${all.sql.join('\n')}`).toBeLessThanOrEqual(6);
  });

  it('does not send more statements for 8 domains than for 2 through matters → children → standard and releases', async () => {
    const query = `query($first: Int!) {
      domains(first: $first) { edges { node { name matters { name children {
        name
        standard { timeLimit { text amount unit } requiredChannels }
        releases(first: 5) { totalCount edges { node { title publisher { name } } } }
      } } } } }
    }`;
    const two = await service.countStatements(() => service.gql<Any>(query, { first: 2 }));
    const eight = await service.countStatements(() => service.gql<Any>(query, { first: 8 }));
    expect(dataOf(two.result).domains.edges).toHaveLength(2);
    const domains = dataOf(eight.result).domains.edges;
    expect(domains).toHaveLength(8);
    const children = domains.flatMap((d: Any) => d.node.matters.flatMap((m: Any) => m.children));
    expect(children.length).toBeGreaterThan(30);
    expect(children.reduce((n: number, c: Any) => n + c.releases.totalCount, 0)).toBe(40);
    expect(children.every((c: Any) => c.releases.edges.length === Math.min(5, c.releases.totalCount))).toBe(true);
    expect(eight.statements, `domains(first: 8):\n${eight.sql.join('\n')}`).toBeLessThanOrEqual(two.statements);
    expect(eight.statements, `domains(first: 8):\n${eight.sql.join('\n')}`).toBeLessThanOrEqual(8);
  });
});

describe('Releases: response shape', () => {
  it('formats DateTime with the +08:00 offset and Date as YYYY-MM-DD, both true to the stored values', async () => {
    const { rows } = await allReleases();
    const stored = new Map(
      (await prisma().release.findMany({ where: { status: 'PUBLISHED' } })).map((r) => [r.id, r]),
    );
    const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;
    let issued = 0;
    for (const r of rows) {
      const db = stored.get(idOf(r.id))!;
      for (const field of ['publishedAt', 'firstPublishedAt', 'formedAt', 'dueAt', 'updatedAt'] as const) {
        const value = r[field];
        const dbValue = db[field] as Date | null;
        if (value === null) {
          expect(dbValue, `${r.title} ${field}`).toBeNull();
          continue;
        }
        expect(value, `${r.title} ${field}`).toMatch(dateTime);
        expect(Date.parse(value), `${r.title} ${field}`).toBe(dbValue!.getTime());
        // The wall-clock part is the Shanghai day.
        expect(value.slice(0, 10)).toBe(shanghaiDay(value));
      }
      // Seed publications happen at 10:00 county time.
      expect(r.publishedAt.slice(11, 19), r.title).toBe('10:00:00');
      for (const field of ['issuedAt', 'effectiveAt', 'repealedAt'] as const) {
        if (r[field] !== null) expect(r[field], `${r.title} ${field}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      if (r.issuedAt !== null) {
        // 成文日期 is the day the information was formed (formedAt 09:00 county time): no shift by the offset.
        expect(r.issuedAt, r.title).toBe(r.formedAt!.slice(0, 10));
        issued++;
      }
    }
    expect(issued).toBeGreaterThan(0);
    expect(rows.some((r) => r.dueAt !== null)).toBe(true);
  });

  it('sends an x-request-id header and stamps it on errors; a valid caller-given id is kept', async () => {
    const ok = await service.gql<Any>(`{ domains(first: 1) { totalCount } }`);
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const other = await service.gql<Any>(`{ domains(first: 1) { totalCount } }`);
    expect(other.headers.get('x-request-id')).not.toBe(ok.headers.get('x-request-id'));

    const given = 'test-request-0001';
    const failed = await service.gql<Any>(`{ node(id: "not-an-id") { id } }`, undefined, { headers: { 'x-request-id': given } });
    expect(failed.headers.get('x-request-id')).toBe(given);
    expect(failed.errors?.[0]?.extensions?.requestId).toBe(given);

    const unsafe = await service.gql<Any>(`{ domains(first: 1) { totalCount } }`, undefined, { headers: { 'x-request-id': 'bad id<script>' } });
    expect(unsafe.headers.get('x-request-id')).not.toBe('bad id<script>');
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
