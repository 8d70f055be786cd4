// The attacks an independent review made on a running server (hardening issue, rows 1–6, 16 and
// 17), each through GraphQL over HTTP against the real service. Every one of them used to cost
// seconds of CPU, hundreds of megabytes, or an INTERNAL_SERVER_ERROR; each must now be refused as
// the caller's mistake, cheaply, and be logged at info without a stack. How fast the refusals
// are is measured by `npm run bench` (bench/attacks.ts), not here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, call, callData, gid, httpRequest, type Caller } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { draftInput, fixture, GOOD_ATTACHMENT, mutate, mutateOk, releaseIn, type Any, type Fixture } from './workflow-helpers.js';

let service: TestService;
let fx: Fixture;

beforeAll(async () => {
  // A request body large enough that the GraphQL limits, not the HTTP one, meet a maximal body.
  service = await startTestService({ captureLogs: true, env: { MAX_BODY_BYTES: '4000000' } });
  fx = await fixture(service);
});

afterAll(async () => {
  await service?.stop();
});

/** Errors of one request, and the log lines it wrote at warn or above. */
async function attempt(caller: Caller, query: string, variables?: Record<string, unknown>) {
  const before = service.logs.length;
  const res = await call(service, caller, query, variables);
  const loud = service.logs.slice(before).filter((l) => l.level >= 40);
  return { ...res, loud };
}

function expectRefused(r: Awaited<ReturnType<typeof attempt>>, code: string) {
  expect(r.errors?.[0]?.extensions?.code, r.text.slice(0, 500)).toBe(code);
  expect(r.text).not.toMatch(/INTERNAL_SERVER_ERROR|prisma|stack/i);
  // The client's mistake: no warning or error in the server's log.
  expect(r.loud, JSON.stringify(r.loud).slice(0, 500)).toEqual([]);
}

/** A document whose fragments each spread the next one twice: 2^levels paths in ~levels lines. */
function fragmentBomb(levels: number, leaf = 'domains { totalCount }'): string {
  let doc = 'query Bomb { ...F0 }\n';
  for (let i = 0; i < levels; i++) doc += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }\n`;
  return `${doc}fragment F${levels} on Query { ${leaf} }\n`;
}

describe(`row 1: cost and depth are measured in time linear in the document (${databaseLabel})`, () => {
  it('refuses a ~1 KB document of fragments that each spread the next twice (2^24 paths) as too complex', async () => {
    const doc = fragmentBomb(24);
    expect(doc.length).toBeLessThan(1100);
    expectRefused(await attempt(anonymous, doc), 'QUERY_TOO_COMPLEX');
  });

  it('still counts what fragments really select: a shallow bomb within the limit runs', async () => {
    const data = await callData(service, anonymous, fragmentBomb(3));
    expect(data.domains.totalCount).toBeGreaterThan(0);
  });

  it('refuses the same bomb hidden in inline fragments and nested under a page', async () => {
    let doc = '{ releases(first: 2) { edges { node { ...R0 } } } }\n';
    for (let i = 0; i < 30; i++) doc += `fragment R${i} on Release { ... on Release { ...R${i + 1} } ...R${i + 1} }\n`;
    doc += 'fragment R30 on Release { title }\n';
    expectRefused(await attempt(anonymous, doc), 'QUERY_TOO_COMPLEX');
  });
});

describe(`rows 2 and 3: nodes(ids:) is capped, counted, loaded once per id and once per type (${databaseLabel})`, () => {
  it(`refuses more than 100 ids`, async () => {
    const ids = Array.from({ length: 101 }, () => gid('Release', crypto.randomUUID()));
    expectRefused(await attempt(anonymous, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }), 'BAD_USER_INPUT');
  });

  it('counts the ids in the query cost: 100 ids each asking for a page of 100 is too complex', async () => {
    const ids = Array.from({ length: 100 }, () => gid('Matter', crypto.randomUUID()));
    const doc = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Matter { releases(first: 100) { edges { node { title bodyHtml summary publisher { name code } matter { name code } } } } } } }';
    expectRefused(await attempt(anonymous, doc, { ids }), 'QUERY_TOO_COMPLEX');
  });

  it('answers one id repeated 100 times with 100 copies from a single query', async () => {
    const published = (await callData(service, anonymous, '{ releases(first: 1) { edges { node { id title } } } }')).releases.edges[0].node;
    const ids = Array.from({ length: 100 }, () => published.id);
    const { result, sql } = await service.countStatements(() => callData(service, anonymous, 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Release { id title } } }', { ids }));
    expect(result.nodes).toHaveLength(100);
    expect(new Set(result.nodes.map((n: Any) => n.title))).toEqual(new Set([published.title]));
    expect(sql.filter((q) => /FROM "[a-z_]*"?\.?"?Release"/.test(q) || /"Release"/.test(q))).toHaveLength(1);
  });

  it('loads 100 distinct ids of three types with one query per type, hidden and unknown ones null, in order', async () => {
    const releases = (await callData(service, anonymous, '{ releases(first: 40) { edges { node { id } } } }')).releases.edges.map((e: Any) => e.node.id);
    const matters = (await callData(service, anonymous, '{ matters(first: 40) { edges { node { id } } } }')).matters.edges.map((e: Any) => e.node.id);
    const orgs = (await callData(service, anonymous, '{ orgUnits { id } }')).orgUnits.map((o: Any) => o.id).slice(0, 10);
    const draft = await releaseIn(fx, 'DRAFT');
    const unknown = Array.from({ length: 100 - releases.length - matters.length - orgs.length - 1 }, () => gid('Release', crypto.randomUUID()));
    const ids = [...releases, draft.id, ...matters, ...orgs, ...unknown];
    expect(ids).toHaveLength(100);
    const { result, statements } = await service.countStatements(() =>
      callData(service, anonymous, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }),
    );
    expect(statements).toBe(3);
    const answered = result.nodes.map((n: Any) => n?.id ?? null);
    expect(answered).toEqual([...releases, null, ...matters, ...orgs, ...unknown.map(() => null)]);
  });
});

describe(`row 4: a maximal body has a limit that holds and is sanitized off the event loop (${databaseLabel})`, () => {
  it('refuses a body over 1,000,000 characters (here 1,000,001 Chinese characters), storing nothing', async () => {
    const before = await service.service.db.prisma.release.count();
    const r = await attempt(fx.editor, 'mutation($input: CreateReleaseInput!) { createRelease(input: $input) { __typename } }', {
      input: draftInput(fx, { bodyHtml: '征'.repeat(1_000_001) }),
    });
    expectRefused(r, 'BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.field).toBe('$input.bodyHtml');
    expect(await service.service.db.prisma.release.count()).toBe(before);
  });

  it('refuses a body that sanitizing would lengthen past the limit (each < becomes &lt;), storing nothing', async () => {
    const before = await service.service.db.prisma.release.count();
    const result = await mutate(service, fx.editor, 'create', draftInput(fx, { bodyHtml: '<'.repeat(400_000) }));
    expect(result).toMatchObject({ __typename: 'InputError', field: 'bodyHtml' });
    expect(await service.service.db.prisma.release.count()).toBe(before);
  });

  it('answers a read sent while a near-maximal body is being saved before that save completes', async () => {
    const body = `<div>${'<p><b>征地补偿</b><i>安置</i><a href="https://example.gov.cn/x">链接</a></p>'.repeat(9_000)}</div>`;
    expect(body.length).toBeLessThan(1_000_000);
    const order: string[] = [];
    const saving = mutateOk(service, fx.editor, 'create', draftInput(fx, { bodyHtml: body })).then((r) => {
      order.push('save');
      return r;
    });
    // Sent once the save is surely being sanitized: its request has reached the server.
    await new Promise((r) => setTimeout(r, 50));
    await callData(service, anonymous, '{ domains { totalCount } }').then(() => order.push('read'));
    const saved = await saving;
    expect(order).toEqual(['read', 'save']);
    expect(saved.bodyHtml.length).toBeLessThanOrEqual(1_000_000);
  }, 240_000);
});

describe(`row 5: inputs no database or encoding can take are the caller's mistake (${databaseLabel})`, () => {
  const search = 'query($s: String) { releases(filter: { search: $s }) { totalCount } }';

  it('refuses a NUL byte in a variable and in a literal, naming where', async () => {
    const viaVariable = await attempt(anonymous, search, { s: 'a\u0000b' });
    expectRefused(viaVariable, 'BAD_USER_INPUT');
    expect(viaVariable.errors?.[0]?.extensions?.field).toBe('$s');
    expectRefused(await attempt(anonymous, '{ releases(filter: { search: "a\\u0000b" }) { totalCount } }'), 'BAD_USER_INPUT');
  });

  it('refuses a lone surrogate in a variable', async () => {
    expectRefused(await attempt(anonymous, search, { s: 'ab\ud800' }), 'BAD_USER_INPUT');
  });

  it('refuses NUL in a mutation input, nested in a list, and stores nothing', async () => {
    const before = await service.service.db.prisma.release.count();
    const r = await attempt(fx.editor, 'mutation($input: CreateReleaseInput!) { createRelease(input: $input) { __typename } }', {
      input: draftInput(fx, { keywords: ['征地', 'x\u0000'] }),
    });
    expectRefused(r, 'BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.field).toBe('$input.keywords[1]');
    expect(await service.service.db.prisma.release.count()).toBe(before);
  });

  it('refuses a 50,000-item enum list', async () => {
    const statuses = Array.from({ length: 50_000 }, () => 'DRAFT');
    expectRefused(await attempt(fx.editor, 'query($s: [ReleaseStatus!]) { workspaceReleases(filter: { statuses: $s }) { totalCount } }', { s: statuses }), 'BAD_USER_INPUT');
  });

  it('refuses a subscription operation at validation', async () => {
    expectRefused(await attempt(anonymous, 'subscription { releases { totalCount } }'), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses dates in year 100 and year 9999', async () => {
    const q = 'query($after: DateTime) { releases(filter: { publishedAfter: $after }) { totalCount } }';
    expectRefused(await attempt(anonymous, q, { after: '0100-01-01T00:00:00Z' }), 'BAD_USER_INPUT');
    expectRefused(await attempt(anonymous, q, { after: '9999-12-31T23:59:59-14:00' }), 'BAD_USER_INPUT');
  });

  it('refuses any string input over 10,000 characters', async () => {
    expectRefused(await attempt(anonymous, 'query($code: String!) { domain(code: $code) { id } }', { code: 'x'.repeat(10_001) }), 'BAD_USER_INPUT');
  });
});

describe(`row 6: dates are bounded per field, so nothing storable fails to serialize (${databaseLabel})`, () => {
  it('refuses publishAt 9999-12-31T23:59:59-14:00 and more than a year ahead, scheduling nothing', async () => {
    const approved = await releaseIn(fx, 'APPROVED');
    const q = 'mutation($input: PublishReleaseInput!) { publishRelease(input: $input) { __typename ... on InputError { field } } }';
    expectRefused(await attempt(fx.reviewer, q, { input: { id: approved.id, publishAt: '9999-12-31T23:59:59-14:00' } }), 'BAD_USER_INPUT');
    const farAhead = new Date(Date.now() + 2 * 366 * 86_400_000).toISOString();
    expect(await mutate(service, fx.reviewer, 'publish', { id: approved.id, publishAt: farAhead })).toMatchObject({ __typename: 'InputError', field: 'publishAt' });
    const state = await callData(service, fx.reviewer, 'query($id: ID!) { node(id: $id) { ... on Release { status publishAt } } }', { id: approved.id });
    expect(state.node).toEqual({ status: 'APPROVED', publishAt: null });
  });

  it('refuses an issue date before 1949 or a year ahead, and a repeal before the issue date', async () => {
    expect(await mutate(service, fx.editor, 'create', draftInput(fx, { issuedAt: '1900-01-01' }))).toMatchObject({ __typename: 'InputError', field: 'issuedAt' });
    const nextYear = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    expect(await mutate(service, fx.editor, 'create', draftInput(fx, { issuedAt: nextYear }))).toMatchObject({ __typename: 'InputError', field: 'issuedAt' });
    expect(await mutate(service, fx.editor, 'create', draftInput(fx, { effectiveAt: '2099-01-01' }))).toMatchObject({ __typename: 'InputError', field: 'effectiveAt' });
    const published = await releaseIn(fx, 'PUBLISHED', { issuedAt: '2026-01-05' });
    expect(await mutate(service, fx.reviewer, 'repeal', { id: published.id, repealedAt: '2025-12-31' })).toMatchObject({ __typename: 'InputError', field: 'repealedAt' });
  });
});

describe(`row 16: links, file names and lengths (${databaseLabel})`, () => {
  const withAttachment = (patch: Record<string, unknown>) => draftInput(fx, { attachments: [{ ...GOOD_ATTACHMENT, ...patch }] });

  for (const url of [' //evil.example/x', '/\t/evil.example/x', '//evil.example/x', '/\\evil.example/x', 'javascript:alert(1)', 'http://a.gov.cn/x.pdf', 'https://user:pw@a.gov.cn/x.pdf', '/files/\u202ex.pdf', 'https://a.gov.cn/ x.pdf']) {
    it(`refuses the attachment URL ${JSON.stringify(url)}`, async () => {
      expect(await mutate(service, fx.editor, 'create', withAttachment({ url }))).toMatchObject({ __typename: 'InputError', field: 'attachments' });
    });
  }

  it('accepts https URLs and site paths', async () => {
    for (const url of ['https://www.mingguang.gov.cn/a/b.pdf?x=1#p2', '/files/2026/b.pdf']) {
      expect((await mutate(service, fx.editor, 'create', withAttachment({ url }))).__typename).toBe('ReleasePayload');
    }
  });

  for (const name of ['补偿"明细".pdf', "补偿'明细'.pdf", 'fdp.\u202eexe.pdf', '.pdf', '  .pdf']) {
    it(`refuses the file name ${JSON.stringify(name)}`, async () => {
      expect(await mutate(service, fx.editor, 'create', withAttachment({ name }))).toMatchObject({ __typename: 'InputError', field: 'attachments' });
    });
  }

  it('refuses a control character in a file name before it reaches the service', async () => {
    const r = await attempt(fx.editor, 'mutation($input: CreateReleaseInput!) { createRelease(input: $input) { __typename } }', { input: withAttachment({ name: 'a\u0007.pdf' }) });
    expectRefused(r, 'BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.field).toBe('$input.attachments[0].name');
  });

  it('refuses a channel description over 500 characters and a search over 100', async () => {
    const r = await callData(service, fx.admin, 'mutation($input: CreateChannelClientInput!) { createChannelClient(input: $input) { __typename ... on InputError { field } } }', {
      input: { name: '长说明渠道', kind: 'WEBSITE', description: '说'.repeat(501) },
    });
    expect(r.createChannelClient).toEqual({ __typename: 'InputError', field: 'description' });
    expectRefused(await attempt(anonymous, 'query($s: String) { releases(filter: { search: $s }) { totalCount } }', { s: '补'.repeat(101) }), 'BAD_USER_INPUT');
  });
});

describe(`row 17: log levels tell an operator what is wrong (${databaseLabel})`, () => {
  it('logs a malformed token at info as refused credentials, without a stack', async () => {
    const before = service.logs.length;
    const res = await httpRequest(service, { body: JSON.stringify({ query: '{ domains { totalCount } }' }), headers: { 'content-type': 'application/json', authorization: 'Bearer nonsense' } });
    expect(res.status).toBe(401);
    const lines = service.logs.slice(before);
    expect(lines.some((l) => l.level === 30 && l.msg === 'auth: credentials refused')).toBe(true);
    expect(lines.filter((l) => l.level >= 40 || l.err?.stack)).toEqual([]);
  });

  it('logs a bad argument at info without a stack', async () => {
    const before = service.logs.length;
    await call(service, anonymous, '{ releases(first: -1) { totalCount } }');
    const lines = service.logs.slice(before);
    expect(lines.some((l) => l.level === 30 && l.code === 'BAD_USER_INPUT')).toBe(true);
    expect(lines.filter((l) => l.level >= 40 || l.err)).toEqual([]);
  });
});
