// Secondary paths past the row filters, found in review: cursors pointing at hidden rows,
// idempotency replays after access was lost, grants reaching into other subtrees, reused org
// codes, and filters that silently dropped a condition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { purgeIdleThrottles } from '../src/modules/auth/login-throttle.js';
import { anonymous, call, callData, createUser, gid, login, unknownGid, withoutRequestIds, type Session } from './actors.js';
import { startTestService, type TestService } from './harness.js';
import { draftInput, fixture, mutate, mutateOk, releaseIn, uuidOf, type Fixture } from './workflow-helpers.js';

let service: TestService;
let fx: Fixture;
beforeAll(async () => {
  service = await startTestService();
  fx = await fixture(service);
});
afterAll(() => service.stop());

const prisma = () => service.service.db.prisma;
const cursorOf = (uuid: string) => formatPrismaCursor({ id: uuid }, 'id');

describe('Cursors pointing at hidden rows', () => {
  it('a draft used as `after` answers exactly like a cursor of no row at all, in releases and Matter.releases', async () => {
    const draft = await prisma().release.findFirstOrThrow({ where: { status: 'DRAFT' }, select: { id: true, matterId: true } });
    const list = (cursor: string) =>
      call(service, anonymous, `query($c: String) { releases(first: 5, after: $c, orderBy: { field: TITLE, direction: ASC }) { edges { node { title } } } }`, { c: cursor });
    const [hidden, none] = [await list(cursorOf(draft.id)), await list(cursorOf('00000000-0000-7000-8000-000000000000'))];
    expect(withoutRequestIds(hidden.body)).toEqual(withoutRequestIds(none.body));
    expect(hidden.body.data.releases.edges).toEqual([]);

    const matterPage = (cursor: string) =>
      callData(service, anonymous, `query($m: ID!, $c: String) { node(id: $m) { ... on Matter { releases(first: 5, after: $c) { edges { node { id } } } } } }`, {
        m: gid('Matter', draft.matterId),
        c: cursor,
      });
    const hiddenPage = await matterPage(cursorOf(draft.id));
    expect(hiddenPage.node, JSON.stringify(hiddenPage)).not.toBeNull();
    expect(hiddenPage.node.releases.edges).toEqual([]);
    // A visible cursor still pages normally.
    const published = await prisma().release.findMany({
      where: { status: 'PUBLISHED', publishedAt: { lte: new Date() } },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, matterId: true },
    });
    const byMatter = new Map<string, { id: string }[]>();
    for (const r of published) byMatter.set(r.matterId, [...(byMatter.get(r.matterId) ?? []), r]);
    const [matterId, rows] = [...byMatter.entries()].find(([, list]) => list.length >= 2)!;
    const res = await call(service, anonymous, `query($m: ID!, $c: String) { node(id: $m) { ... on Matter { releases(first: 5, after: $c) { edges { node { id } } } } } }`, {
      m: gid('Matter', matterId),
      c: cursorOf(rows[0]!.id),
    });
    expect(res.body.errors, JSON.stringify(res.body)).toBeUndefined();
    const page = res.body.data;
    expect(page.node.releases.edges.map((e: { node: { id: string } }) => uuidOf(e.node.id))).toEqual(rows.slice(1, 6).map((r) => r.id));
  });

  it('a township admin cannot use another subtree\'s user as a cursor to probe usernames', async () => {
    const townshipAdmin = await makeTownshipAdmin('cursor.admin');
    const foreign = await prisma().user.findUniqueOrThrow({ where: { username: 'sanjie.editor' } });
    const page = (cursor: string) => call(service, townshipAdmin, `query($c: String) { users(first: 5, after: $c) { edges { node { username } } } }`, { c: cursor });
    const [hidden, none] = [await page(cursorOf(foreign.id)), await page(cursorOf('00000000-0000-7000-8000-000000000000'))];
    expect(withoutRequestIds(hidden.body)).toEqual(withoutRequestIds(none.body));
  });
});

let adminCount = 0;
/** A fresh ADMIN of 张八岭镇 only (made by the county admin). */
async function makeTownshipAdmin(username: string): Promise<Session> {
  const userId = await createUser(service, fx.admin, `${username}.${++adminCount}`, 'township-admin-password-1');
  const r = await callData(service, fx.admin, `mutation($i: GrantRoleInput!) { grantRole(input: $i) { __typename } }`, { i: { userId, role: 'ADMIN', orgUnitId: fx.township.id } });
  expect(r.grantRole.__typename).toBe('GrantRolePayload');
  return login(service, `${username}.${adminCount}`, 'township-admin-password-1');
}

describe('Grants and org codes across subtrees', () => {
  it('a township admin granting a role to another subtree\'s user gets NotFoundError, exactly as for an unknown user', async () => {
    const townshipAdmin = await makeTownshipAdmin('grant.admin');
    const foreign = await prisma().user.findUniqueOrThrow({ where: { username: 'sanjie.editor' } });
    const grant = (userId: string) =>
      call(service, townshipAdmin, `mutation($i: GrantRoleInput!) { grantRole(input: $i) { __typename ... on NotFoundError { what message } } }`, {
        i: { userId, role: 'EDITOR', orgUnitId: fx.township.id },
      });
    const [hidden, none] = [await grant(gid('User', foreign.id)), await grant(unknownGid('User'))];
    expect(hidden.body.data.grantRole).toEqual({ __typename: 'NotFoundError', what: 'user', message: expect.any(String) });
    expect(withoutRequestIds(hidden.body)).toEqual(withoutRequestIds(none.body));
    expect(await prisma().roleGrant.count({ where: { userId: foreign.id } })).toBe(1);
  });

  it('a code another unit issued index numbers under cannot be given to a different unit', async () => {
    const published = await prisma().release.findFirstOrThrow({ where: { status: 'PUBLISHED', publisher: { name: '明光市张八岭镇人民政府' } }, select: { indexNo: true } });
    const oldCode = published.indexNo!.split('/')[0]!;
    // 张八岭镇 takes a new code; its old one is still in its index numbers.
    const renamed = await callData(service, fx.admin, `mutation($i: UpdateOrgUnitInput!) { updateOrgUnit(input: $i) { __typename } }`, { i: { id: fx.township.id, code: 'ZBL-NEW-2026' } });
    expect(renamed.updateOrgUnit.__typename).toBe('UpdateOrgUnitPayload');
    const taken = await callData(service, fx.admin, `mutation($i: UpdateOrgUnitInput!) { updateOrgUnit(input: $i) { __typename ... on AlreadyExistsError { field } } }`, {
      i: { id: fx.otherTownship.id, code: oldCode },
    });
    expect(taken.updateOrgUnit).toEqual({ __typename: 'AlreadyExistsError', field: 'code' });
    // The unit itself may return to its old code: its serials simply continue.
    const back = await callData(service, fx.admin, `mutation($i: UpdateOrgUnitInput!) { updateOrgUnit(input: $i) { __typename } }`, { i: { id: fx.township.id, code: oldCode } });
    expect(back.updateOrgUnit.__typename).toBe('UpdateOrgUnitPayload');
  });
});

describe('Idempotency replays', () => {
  it('replaying a publish key after losing access answers NotFoundError and shows nothing', async () => {
    const reviewer = await makeTownshipReviewer();
    const approved = await releaseIn(fx, 'APPROVED');
    const input = { id: approved.id, publishAt: new Date(Date.now() + 86_400_000).toISOString(), idempotencyKey: `replay-${Date.now()}` };
    expect((await mutate(service, reviewer.session, 'publish', input)).__typename).toBe('ReleasePayload');
    // The reviewer loses the role; the release moves on.
    await callData(service, fx.admin, `mutation($i: RevokeRoleInput!) { revokeRole(input: $i) { __typename } }`, { i: { grantId: reviewer.grantId } });
    const replay = await mutate(service, reviewer.session, 'publish', input);
    expect(replay.__typename).toBe('NotFoundError');
  });

  it('a key past its expiry starts afresh instead of replaying', async () => {
    const first = await mutateOk(service, fx.editor, 'create', { ...draftInput(fx), idempotencyKey: 'expiring-key-0001' });
    await prisma().idempotencyRecord.updateMany({ where: { key: { endsWith: ':createRelease:expiring-key-0001' } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const second = await mutateOk(service, fx.editor, 'create', { ...draftInput(fx), idempotencyKey: 'expiring-key-0001' });
    expect(second.id).not.toBe(first.id);
  });
});

let reviewerCount = 0;
async function makeTownshipReviewer(): Promise<{ session: Session; grantId: string }> {
  const username = `replay.reviewer.${++reviewerCount}`;
  const userId = await createUser(service, fx.admin, username, 'replay-reviewer-password-1');
  const r = await callData(service, fx.admin, `mutation($i: GrantRoleInput!) { grantRole(input: $i) { __typename ... on GrantRolePayload { grantId } } }`, {
    i: { userId, role: 'REVIEWER', orgUnitId: fx.township.id },
  });
  return { session: await login(service, username, 'replay-reviewer-password-1'), grantId: r.grantRole.grantId };
}

describe('Filters and content that lost a value', () => {
  it('auditEvents applies both `actions` and `actionPrefix` when both are given', async () => {
    const r = await callData(service, fx.admin, `{ auditEvents(first: 100, filter: { actions: ["auth.login.failed"], actionPrefix: "auth." }) { edges { node { action } } } }`);
    expect(new Set(r.auditEvents.edges.map((e: { node: { action: string } }) => e.node.action))).toEqual(new Set(r.auditEvents.edges.length ? ['auth.login.failed'] : []));
    const succeeded = await callData(service, fx.admin, `{ auditEvents(first: 5, filter: { actions: ["auth.login.succeeded"], actionPrefix: "release." }) { totalCount } }`);
    expect(succeeded.auditEvents.totalCount).toBe(0);
  });

  it('restoring a revision keeps its hand-written summary', async () => {
    const draft = await mutateOk(service, fx.editor, 'create', { ...draftInput(fx), summary: '手写的内容概述，与正文不同。' });
    const edited = await mutateOk(service, fx.editor, 'update', { id: draft.id, expectedVersion: draft.version, summary: '第二版手写概述。' });
    const revisions = await prisma().revision.findMany({ where: { releaseId: uuidOf(draft.id) }, orderBy: { number: 'asc' } });
    const restored = await mutateOk(service, fx.editor, 'restore', { revisionId: gid('Revision', revisions[0]!.id), expectedVersion: edited.version });
    const row = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(restored.id) }, select: { summary: true } });
    expect(row.summary).toBe('手写的内容概述，与正文不同。');
  });
});

describe('Credentials and housekeeping', () => {
  it('refuses a key in the URL whatever the case of the parameter name', async () => {
    for (const name of ['API_KEY', 'Token', 'Access_Token']) {
      const res = await fetch(`${service.url}/graphql?${name}=gk_x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' });
      expect(res.status, name).toBe(400);
    }
  });

  it('purges login counters that are idle and unlocked, and keeps locked or recent ones', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 16 * 60_000);
    await prisma().loginThrottle.createMany({
      data: [
        { key: 'user:purge.idle', failures: 1, updatedAt: old },
        { key: 'user:purge.locked', failures: 9, lockedUntil: new Date(now.getTime() + 60_000), updatedAt: old },
        { key: 'user:purge.recent', failures: 1, updatedAt: now },
      ],
    });
    // updatedAt is maintained by Prisma on create: set it explicitly afterwards.
    await prisma().$executeRaw`UPDATE "LoginThrottle" SET "updatedAt" = ${old} WHERE "key" IN ('user:purge.idle', 'user:purge.locked')`;
    await purgeIdleThrottles(prisma(), now);
    const left = (await prisma().loginThrottle.findMany({ where: { key: { startsWith: 'user:purge.' } } })).map((r) => r.key).sort();
    expect(left).toEqual(['user:purge.locked', 'user:purge.recent']);
  });
});
