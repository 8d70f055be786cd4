// Secondary paths past the row filters, found in review: cursors pointing at hidden rows,
// idempotency replays after access was lost, grants reaching into other subtrees, reused org
// codes, and filters that silently dropped a condition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { encodeCursor } from '../src/graphql/keyset.js';
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
/** A cursor in the format of Prisma row-id cursors, which earlier versions issued. */
const rowCursorOf = (uuid: string) => formatPrismaCursor({ id: uuid }, 'id');

describe('Cursors and hidden rows', () => {
  it('a row-id cursor, of a hidden draft or of no row at all, is refused alike: nothing is looked up', async () => {
    const draft = await prisma().release.findFirstOrThrow({ where: { status: 'DRAFT' }, select: { id: true, matterId: true } });
    const list = (cursor: string) =>
      call(service, anonymous, `query($c: String) { releases(first: 5, after: $c, orderBy: { field: TITLE, direction: ASC }) { edges { node { title } } } }`, { c: cursor });
    const [hidden, none] = [await list(rowCursorOf(draft.id)), await list(rowCursorOf('00000000-0000-7000-8000-000000000000'))];
    expect(withoutRequestIds(hidden.body)).toEqual(withoutRequestIds(none.body));
    expect(hidden.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const matterPage = (cursor: string) =>
      call(service, anonymous, `query($m: ID!, $c: String) { node(id: $m) { ... on Matter { releases(first: 5, after: $c) { edges { node { id } } } } } }`, {
        m: gid('Matter', draft.matterId),
        c: cursor,
      });
    const [hiddenPage, nonePage] = [await matterPage(rowCursorOf(draft.id)), await matterPage(rowCursorOf('00000000-0000-7000-8000-000000000000'))];
    expect(withoutRequestIds(hiddenPage.body)).toEqual(withoutRequestIds(nonePage.body));
  });

  it('a position taken from a hidden draft\'s values pages over visible rows only, as from any other position', async () => {
    const draft = await prisma().release.findFirstOrThrow({ where: { status: 'DRAFT' }, select: { id: true, title: true } });
    const order = [{ field: 'title', direction: 'asc', type: 'string' }, { field: 'id', direction: 'asc', type: 'string' }] as const;
    const page = await callData(service, anonymous, `query($c: String) { releases(first: 100, after: $c, orderBy: { field: TITLE, direction: ASC }) { edges { node { title status } } } }`, {
      c: encodeCursor(order, draft),
    });
    const titles = page.releases.edges.map((e: { node: { title: string } }) => e.node.title);
    expect(page.releases.edges.every((e: { node: { status: string } }) => e.node.status !== 'DRAFT')).toBe(true);
    expect(titles).not.toContain(draft.title);
  });

  it('a township admin paging users sees only its subtree\'s accounts, from any position', async () => {
    const townshipAdmin = await makeTownshipAdmin('cursor.admin');
    const foreign = await prisma().user.findUniqueOrThrow({ where: { username: 'sanjie.editor' } });
    const page = await callData(service, townshipAdmin, `query($c: String) { users(first: 100, after: $c) { edges { node { username } } } }`, {
      c: encodeCursor([{ field: 'username', direction: 'asc', type: 'string' }], { username: 'a' }),
    });
    const names = page.users.edges.map((e: { node: { username: string } }) => e.node.username);
    expect(names).not.toContain(foreign.username);
    expect(names.every((n: string) => n.startsWith('zhangbaling') || n.startsWith('cursor.admin'))).toBe(true);
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

describe('Interpretations, concerns and answers on secondary paths', () => {
  it('nodes(ids) of a draft interpretation, a concern and an answer answer null to the public, channels and another township', async () => {
    const interpretation = await prisma().interpretation.findFirstOrThrow({ where: { status: 'PUBLISHED' }, select: { id: true } });
    const draftInterpretation = await prisma().interpretation.create({
      data: { title: '未发布的解读', form: 'TEXT', interpretingOrgId: fx.township.uuid, targetChannels: ['WEBSITE'], bodyHtml: '<p>草稿</p>' },
      select: { id: true },
    });
    // A concern (with an answer) of neither township: the outsider has no role on it.
    const concern = await prisma().concern.findFirstOrThrow({
      where: { responses: { some: {} }, orgUnitId: { notIn: [fx.township.uuid, fx.otherTownship.uuid] } },
      select: { id: true, responses: { select: { id: true }, take: 1 } },
    });
    const ids = [gid('Interpretation', draftInterpretation.id), gid('Concern', concern.id), gid('Response', concern.responses[0]!.id), gid('Interpretation', interpretation.id)];
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    const seen = await callData(service, anonymous, query, { ids });
    expect(seen.nodes).toEqual([null, null, null, { id: ids[3] }]);
    const outsider = await callData(service, fx.otherEditor, query, { ids });
    expect(outsider.nodes.slice(0, 1)).toEqual([null]);
    expect(outsider.nodes.slice(1, 3)).toEqual([null, null]);
  });

  it('totalCount of the public interpretation list counts published ones only', async () => {
    const data = await callData(service, anonymous, '{ interpretations(first: 100) { totalCount edges { node { status } } } }');
    expect(data.interpretations.totalCount).toBe(await prisma().interpretation.count({ where: { status: 'PUBLISHED' } }));
    expect(data.interpretations.edges.every((e: { node: { status: string } }) => e.node.status === 'PUBLISHED')).toBe(true);
  });

  it('a public Q&A whose answer is withdrawn leaves the public list, and nothing of the submitter is ever in it', async () => {
    const list = async () => (await call(service, anonymous, '{ publicQuestions(first: 100) { totalCount edges { node { subject answerHtml } } } }')).text;
    const answered = await prisma().concern.findFirstOrThrow({
      where: { publicConsent: true, responses: { some: { status: 'PUBLISHED' } }, submitter: { isNot: null } },
      select: { subject: true, orgUnitId: true, submitter: true, responses: { where: { status: 'PUBLISHED' }, select: { id: true } } },
    });
    expect(await list()).toContain(answered.subject);
    const text = await list();
    for (const value of [answered.submitter!.name, answered.submitter!.phone, answered.submitter!.email].filter(Boolean)) expect(text).not.toContain(value);
    await prisma().response.updateMany({ where: { id: { in: answered.responses.map((r) => r.id) } }, data: { status: 'WITHDRAWN' } });
    expect(await list()).not.toContain(answered.subject);
  });

  it('a staff list of concerns is the handling units\' subtree only', async () => {
    const count = async (caller: Session) => (await callData(service, caller, '{ concerns(first: 100) { totalCount } }')).concerns.totalCount;
    const own = await prisma().concern.count({ where: { orgUnit: { path: { startsWith: (await prisma().orgUnit.findUniqueOrThrow({ where: { id: fx.township.uuid } })).path } } } });
    expect(await count(fx.reviewer)).toBe(own);
    expect(await count(fx.admin)).toBe(await prisma().concern.count());
  });
});
