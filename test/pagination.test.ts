// Keyset pagination (hardening issue row 8; read-path issue item 2): every connection pages by
// the sort-key values its cursor carries. Walking a list page by page, forwards or backwards,
// yields exactly the whole list; every page after the first is one LIMITed statement, as many
// statements as the first; and a walk goes on correctly when the row under its cursor is
// withdrawn or corrected meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, callData, type Caller } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { fixture, mutateOk, releaseIn, type Any, type Fixture } from './workflow-helpers.js';

let service: TestService;
let fx: Fixture;

beforeAll(async () => {
  service = await startTestService();
  fx = await fixture(service);
  // Enough rows in every staff list for several pages.
  for (const state of ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'PUBLISHED', 'WITHDRAWN'] as const) await releaseIn(fx, state);
});

afterAll(async () => {
  await service?.stop();
});

interface ListCase {
  name: string;
  caller: () => Caller;
  /** A document with $first/$after/$last/$before on the list at `path`. */
  document: string;
  path: string[];
}

const page = '$first: Int, $after: String, $last: Int, $before: String';
const pageArgs = 'first: $first, after: $after, last: $last, before: $before';
const conn = '{ totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } }';

const LISTS: ListCase[] = [
  { name: 'releases (newest first)', caller: () => anonymous, document: `query(${page}) { list: releases(${pageArgs}) ${conn} }`, path: ['list'] },
  { name: 'releases by title', caller: () => anonymous, document: `query(${page}) { list: releases(${pageArgs}, orderBy: { field: TITLE, direction: ASC }) ${conn} }`, path: ['list'] },
  { name: 'releases by index number, descending', caller: () => anonymous, document: `query(${page}) { list: releases(${pageArgs}, orderBy: { field: INDEX_NO, direction: DESC }) ${conn} }`, path: ['list'] },
  { name: 'releases with withdrawn notices', caller: () => anonymous, document: `query(${page}) { list: releases(${pageArgs}, filter: { includeWithdrawn: true }) ${conn} }`, path: ['list'] },
  { name: 'workspaceReleases', caller: () => fx.editor, document: `query(${page}) { list: workspaceReleases(${pageArgs}) ${conn} }`, path: ['list'] },
  { name: 'matters', caller: () => anonymous, document: `query(${page}) { list: matters(${pageArgs}) ${conn} }`, path: ['list'] },
  { name: 'domains', caller: () => anonymous, document: `query(${page}) { list: domains(${pageArgs}) ${conn} }`, path: ['list'] },
  { name: 'users', caller: () => fx.admin, document: `query(${page}) { list: users(${pageArgs}) ${conn} }`, path: ['list'] },
  { name: 'auditEvents', caller: () => fx.auditor, document: `query(${page}) { list: auditEvents(${pageArgs}) ${conn} }`, path: ['list'] },
  {
    name: 'Matter.releases (staff: drafts without a publication time too)',
    caller: () => fx.editor,
    document: `query($m: ID!, ${page}) { node(id: $m) { ... on Matter { list: releases(${pageArgs}) ${conn} } } }`,
    path: ['node', 'list'],
  },
];

const at = (data: Any, path: string[]) => path.reduce((v, k) => v?.[k], data);

async function fetchPage(list: ListCase, vars: Record<string, unknown>) {
  const variables = { m: fx.matter.id, ...vars };
  const { result, sql } = await service.countStatements(() => callData(service, list.caller(), list.document, variables));
  return { conn: at(result, list.path), sql };
}

describe(`Keyset pagination over every connection (${databaseLabel})`, () => {
  for (const list of LISTS) {
    it(`${list.name}: pages forwards and backwards make up the whole list; later pages are LIMITed and cost what the first costs`, async () => {
      const whole = (await fetchPage(list, { first: 100 })).conn;
      const all: string[] = whole.edges.map((e: Any) => e.node.id);
      expect(all.length, 'enough rows for three pages').toBeGreaterThanOrEqual(3);
      expect(new Set(all).size).toBe(all.length);
      const size = Math.max(1, Math.floor(all.length / 3));

      const forward: string[] = [];
      const first = await fetchPage(list, { first: size });
      let current = first;
      for (;;) {
        forward.push(...current.conn.edges.map((e: Any) => e.node.id));
        expect(current.conn.totalCount).toBe(all.length);
        if (!current.conn.pageInfo.hasNextPage) break;
        current = await fetchPage(list, { first: size, after: current.conn.pageInfo.endCursor });
        expect(current.conn.pageInfo.hasPreviousPage).toBe(true);
        // One statement per page (and its count), as on the first page, each with a LIMIT.
        expect(current.sql.length).toBe(first.sql.length);
        expect(current.sql.filter((q) => / LIMIT /i.test(q)).length).toBeGreaterThanOrEqual(1);
      }
      expect(forward).toEqual(all);

      const backward: string[] = [];
      current = await fetchPage(list, { last: size });
      for (;;) {
        backward.unshift(...current.conn.edges.map((e: Any) => e.node.id));
        if (!current.conn.pageInfo.hasPreviousPage) break;
        current = await fetchPage(list, { last: size, before: current.conn.pageInfo.startCursor });
        expect(current.conn.pageInfo.hasNextPage).toBe(true);
      }
      expect(backward).toEqual(all);
    });
  }

  it('refuses a cursor of another list or sort order, and a forged one, as bad input', async () => {
    const byTitle = await callData(service, anonymous, '{ releases(first: 1, orderBy: { field: TITLE, direction: ASC }) { pageInfo { endCursor } } }');
    const cursor = byTitle.releases.pageInfo.endCursor;
    for (const [doc, c] of [
      ['query($c: String) { releases(first: 2, after: $c) { totalCount } }', cursor],
      ['query($c: String) { matters(first: 2, after: $c) { totalCount } }', cursor],
      ['query($c: String) { releases(first: 2, after: $c) { totalCount } }', 'not-a-cursor'],
      ['query($c: String) { releases(first: 2, after: $c) { totalCount } }', Buffer.from('["publishedAt:desc,id:desc",{"gt":1},"x"]').toString('base64url')],
    ] as const) {
      const res = await service.gql(doc, { c });
      expect(res.errors?.[0]?.extensions?.code, `${doc} ${c}`).toBe('BAD_USER_INPUT');
    }
  });
});

describe(`A walk goes on whatever happens to the row under its cursor (${databaseLabel})`, () => {
  const WALK = 'query($after: String) { releases(first: 3, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id title } } } }';

  async function walkFrom(after: string | null): Promise<string[]> {
    const ids: string[] = [];
    for (let cursor = after; ; ) {
      const data = await callData(service, anonymous, WALK, { after: cursor });
      ids.push(...data.releases.edges.map((e: Any) => e.node.id));
      if (!data.releases.pageInfo.hasNextPage) return ids;
      cursor = data.releases.pageInfo.endCursor;
    }
  }

  it('withdrawn: the next page starts right after it, nothing lost, nothing repeated', async () => {
    const mine = [await releaseIn(fx, 'PUBLISHED'), await releaseIn(fx, 'PUBLISHED'), await releaseIn(fx, 'PUBLISHED')];
    const before = await walkFrom(null);
    const first = await callData(service, anonymous, WALK, { after: null });
    const underCursor = first.releases.edges.at(-1).node;
    expect(mine.map((r) => r.id)).toContain(underCursor.id);
    await mutateOk(service, fx.reviewer, 'withdraw', { id: underCursor.id, reason: '分页测试撤回' });
    const rest = await walkFrom(first.releases.pageInfo.endCursor);
    const seen = first.releases.edges.map((e: Any) => e.node.id);
    expect([...seen, ...rest]).toEqual(before);
  });

  it('corrected (a major correction moves it to the front): the walk neither repeats items nor skips any', async () => {
    const before = await walkFrom(null);
    const first = await callData(service, anonymous, WALK, { after: null });
    const underCursor = first.releases.edges.at(-1).node;
    const current = await callData(service, fx.reviewer, 'query($id: ID!) { node(id: $id) { ... on Release { version } } }', { id: underCursor.id });
    await mutateOk(service, fx.reviewer, 'update', { id: underCursor.id, expectedVersion: current.node.version, title: `${underCursor.title}（更正）`, changeNote: '分页测试更正' });
    const rest = await walkFrom(first.releases.pageInfo.endCursor);
    const seen = first.releases.edges.map((e: Any) => e.node.id);
    expect(new Set([...seen, ...rest]).size).toBe(seen.length + rest.length);
    expect([...seen, ...rest]).toEqual(before);
  });
});
