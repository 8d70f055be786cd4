// Hardening issue, rows 9–12, through GraphQL over HTTP: who may manage an account (an admin of
// a subtree only the accounts all of whose roles lie in it; an account without roles only
// county-wide admins), sign-in noise in the audit log (a throttled flood is counted, not written
// row by row; failures have a retention, change records none), throttling by account + address
// pair so that nobody can lock the real user out from elsewhere, and the four-eyes rule.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeAuthNoise } from '../src/modules/audit/audit.service.js';
import { attemptLogin, callData, createUser, gid, grantRole, login, unknownGid, type Caller, type Session } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { fixture, mutate, mutateOk, releaseIn, type Any, type Fixture } from './workflow-helpers.js';

let service: TestService;
let fx: Fixture;
const prisma = () => service.service.db.prisma;

beforeAll(async () => {
  service = await startTestService();
  fx = await fixture(service);
});

afterAll(async () => {
  await service?.stop();
});

const RESULT = '{ __typename ... on Error { code message } ... on NotFoundError { what } ... on InputError { field } }';

async function mutation(caller: Caller, name: string, input: Record<string, unknown>, selection = RESULT): Promise<Any> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  return (await callData(service, caller, `mutation($input: ${inputType}!) { ${name}(input: $input) ${selection} }`, { input }))[name];
}

let n = 0;
const freshName = (prefix: string) => `${prefix}.${++n}.${randomUUID().slice(0, 6)}`;

/** An ADMIN of 张八岭镇 only, made by the county admin. */
async function townshipAdmin(): Promise<Session> {
  const username = freshName('twp.admin');
  const id = await createUser(service, fx.admin, username, 'township-admin-password');
  await grantRole(service, fx.admin, id, 'ADMIN', fx.township.id);
  return login(service, username, 'township-admin-password');
}

describe(`row 9: an admin manages only the accounts whose every role lies in their subtree (${databaseLabel})`, () => {
  let twpAdmin: Session;
  beforeAll(async () => {
    twpAdmin = await townshipAdmin();
  });

  it('a township admin cannot take over an account without roles: grant and reset answer as for an unknown user', async () => {
    const loose = await createUser(service, fx.admin, freshName('loose'), 'loose-account-password');
    const granted = await mutation(twpAdmin, 'grantRole', { userId: loose, role: 'EDITOR', orgUnitId: fx.township.id });
    const grantedUnknown = await mutation(twpAdmin, 'grantRole', { userId: unknownGid('User'), role: 'EDITOR', orgUnitId: fx.township.id });
    expect(granted).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: expect.any(String), what: 'user' });
    expect(granted).toEqual(grantedUnknown);
    const reset = await mutation(twpAdmin, 'updateUser', { userId: loose, password: 'taken-over-password-1' });
    expect(reset).toEqual(await mutation(twpAdmin, 'updateUser', { userId: unknownGid('User'), password: 'taken-over-password-1' }));
    expect(await prisma().roleGrant.count({ where: { userId: Buffer.from(loose, 'base64url').toString().split(':')[1] } })).toBe(0);
    // The county-wide admin can.
    expect((await mutation(fx.admin, 'grantRole', { userId: loose, role: 'EDITOR', orgUnitId: fx.township.id })).__typename).toBe('GrantRolePayload');
  });

  it('a township admin creates accounts with a first role in the township, and only so', async () => {
    const without = await mutation(twpAdmin, 'createUser', { username: freshName('twp.new'), password: 'township-new-password', displayName: '新编辑' });
    expect(without).toMatchObject({ __typename: 'InputError', field: 'grant' });
    const outside = await mutation(twpAdmin, 'createUser', {
      username: freshName('twp.out'),
      password: 'township-out-password',
      displayName: '外部',
      grant: { role: 'EDITOR', orgUnitId: fx.otherTownship.id },
    });
    expect(outside).toMatchObject({ __typename: 'NotFoundError', what: 'org unit' });
    const username = freshName('twp.ok');
    const created = await mutation(twpAdmin, 'createUser', { username, password: 'township-ok-password', displayName: '镇编辑', grant: { role: 'EDITOR', orgUnitId: fx.township.id } }, '{ __typename ... on CreateUserPayload { user { id grants { role orgUnit { code } } } } }');
    expect(created.user.grants).toEqual([{ role: 'EDITOR', orgUnit: { code: fx.township.code } }]);
    expect(await prisma().user.count({ where: { username: { startsWith: 'twp.new' } } })).toBe(0);
    const audit = await prisma().auditEvent.findMany({ where: { data: { path: ['userId'], equals: Buffer.from(created.user.id, 'base64url').toString().split(':')[1] } }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(['grant.created']);
    // … and manages it: the new account signs in with a reset password.
    expect((await mutation(twpAdmin, 'updateUser', { userId: created.user.id, password: 'township-ok-password-2' })).__typename).toBe('UpdateUserPayload');
    await login(service, username, 'township-ok-password-2');
  });

  it('once the county grants one of its accounts a county-wide role, the township admin no longer manages it', async () => {
    const username = freshName('twp.promoted');
    const created = await mutation(twpAdmin, 'createUser', { username, password: 'twp-promoted-password', displayName: '升任', grant: { role: 'EDITOR', orgUnitId: fx.township.id } }, '{ __typename ... on CreateUserPayload { user { id grants { id } } } }');
    const countyOrg = (await prisma().orgUnit.findFirstOrThrow({ where: { depth: 0 } })).id;
    await grantRole(service, fx.admin, created.user.id, 'AUDITOR', gid('OrgUnit', countyOrg));
    for (const [name, input] of [
      ['updateUser', { userId: created.user.id, password: 'stolen-password-123' }],
      ['deactivateUser', { userId: created.user.id }],
      ['grantRole', { userId: created.user.id, role: 'REVIEWER', orgUnitId: fx.township.id }],
    ] as const) {
      expect(await mutation(twpAdmin, name, input), name).toMatchObject({ __typename: 'NotFoundError', what: 'user' });
    }
    expect(await mutation(twpAdmin, 'revokeRole', { grantId: created.user.grants[0].id })).toMatchObject({ __typename: 'NotFoundError', what: 'role grant' });
    // Its password still works: nothing was changed.
    await login(service, username, 'twp-promoted-password');
  });

  it('an admin password reset ends every session of the user and is audited', async () => {
    const username = freshName('reset');
    const id = await createUser(service, fx.admin, username, 'reset-before-password');
    await grantRole(service, fx.admin, id, 'EDITOR', fx.township.id);
    const session = await login(service, username, 'reset-before-password');
    expect((await service.gql('{ viewer { username } }', {}, { token: session.token })).status).toBe(200);
    expect((await mutation(fx.admin, 'updateUser', { userId: id, password: 'reset-after-password' })).__typename).toBe('UpdateUserPayload');
    expect((await service.gql('{ viewer { username } }', {}, { token: session.token })).status).toBe(401);
    const refreshed = await callData(service, { label: 'old' }, 'mutation($i: RefreshTokenInput!) { refreshToken(input: $i) { __typename } }', { i: { refreshToken: session.refreshToken } });
    expect(refreshed.refreshToken.__typename).toBe('InvalidRefreshTokenError');
    const event = await prisma().auditEvent.findFirstOrThrow({ where: { action: 'user.password_changed', entityId: Buffer.from(id, 'base64url').toString().split(':')[1] } });
    expect(event.actorUserId).toBe(fx.admin.userId);
    expect(event.data).toEqual({ sessionsEnded: 1 });
  });
});

describe(`row 10: sign-in noise is counted, not written row by row, and has a retention (${databaseLabel})`, () => {
  it('a flood of 60 attempts at one account from one address writes 5 failures and one lock notice; the rest are counted', async () => {
    const from = '127.0.0.51';
    const username = freshName('flood');
    await createUser(service, fx.admin, username, 'flood-right-password');
    for (let i = 0; i < 60; i++) await attemptLogin(service, username, `flood-wrong-${i}`, { from });
    const actions = await prisma().auditEvent.groupBy({ by: ['action'], where: { actorAddress: from }, _count: true });
    const counts = Object.fromEntries(actions.map((a) => [a.action, a._count]));
    // The 5th failure starts a 1-second lock; attempts while it holds are refused uncounted as
    // failures. A slow run lets the lock lapse, so a few more failures (each starting a longer
    // lock) may be written — never one row per attempt.
    expect(counts['auth.login.failed']).toBeGreaterThanOrEqual(5);
    expect(counts['auth.login.failed']! + (counts['auth.login.locked'] ?? 0)).toBeLessThan(20);
    expect(counts['auth.login.locked']).toBeGreaterThanOrEqual(1);
    const row = await prisma().loginThrottle.findUniqueOrThrow({ where: { key: `pair:${username}|${from}` } });
    expect(row.failures + row.throttled).toBe(60);
  });

  it('purges failures and lock notices past the retention, keeps younger ones and every change record; the table refuses other deletes', async () => {
    const old = new Date(Date.now() - 10 * 86_400_000);
    const tag = randomUUID();
    await prisma().auditEvent.createMany({
      data: [
        { action: 'auth.login.failed', occurredAt: old, data: { tag } },
        { action: 'auth.login.locked', occurredAt: old, data: { tag } },
        { action: 'auth.login.failed', occurredAt: new Date(), data: { tag } },
        { action: 'user.created', occurredAt: old, data: { tag } },
        { action: 'release.published', occurredAt: old, data: { tag } },
      ],
    });
    expect(await purgeAuthNoise(prisma(), new Date(), 7)).toBeGreaterThanOrEqual(2);
    const left = await prisma().auditEvent.findMany({ where: { data: { path: ['tag'], equals: tag } }, select: { action: true, occurredAt: true } });
    expect(left.map((e) => e.action).sort()).toEqual(['auth.login.failed', 'release.published', 'user.created']);
    // The trigger holds the line even for a direct DELETE: change records and young noise stay.
    await expect(prisma().$executeRaw`DELETE FROM "AuditEvent" WHERE "action" = 'user.created' AND "data"->>'tag' = ${tag}`).rejects.toThrow();
    await expect(prisma().$executeRaw`DELETE FROM "AuditEvent" WHERE "action" = 'auth.login.failed' AND "data"->>'tag' = ${tag}`).rejects.toThrow();
  });
});

describe(`row 11: throttling by account + address pair; nobody locks the real user out from elsewhere (${databaseLabel})`, () => {
  it('failures from many addresses add up on the account; its lock holds for new addresses, not for one the user signed in from', async () => {
    const username = freshName('victim');
    await createUser(service, fx.admin, username, 'victim-right-password');
    const home = '127.0.0.61';
    await login(service, username, 'victim-right-password', { from: home });
    // 45 failures from 9 attacker addresses, 5 each: every pair reaches its own lock, and all of
    // them count on the account (below its ceiling of 50, so nothing is locked account-wide yet).
    for (let a = 0; a < 9; a++) {
      for (let i = 0; i < 5; i++) expect((await attemptLogin(service, username, `guess-${a}-${i}`, { from: `127.0.1.${a + 1}` })).__typename).toBe('InvalidCredentialsError');
    }
    expect((await prisma().loginThrottle.findUniqueOrThrow({ where: { key: `user:${username}` } })).failures).toBe(45);
    // Much later in the same attack: the counter stands at 59 and one more failure locks it for
    // 2^10 s (capped at 15 minutes) — long enough that this test cannot outrun it.
    await prisma().loginThrottle.update({ where: { key: `user:${username}` }, data: { failures: 59 } });
    expect((await attemptLogin(service, username, 'guess-final', { from: '127.0.1.50' })).__typename).toBe('InvalidCredentialsError');
    const account = await prisma().loginThrottle.findUniqueOrThrow({ where: { key: `user:${username}` } });
    expect(account.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(10 * 60_000);
    // The real user, from home: in.
    await login(service, username, 'victim-right-password', { from: home });
    // A new address (an attacker's, or the user's own on the road) meets the account-wide lock.
    expect((await attemptLogin(service, username, 'victim-right-password', { from: '127.0.1.99' })).__typename).toBe('TooManyAttemptsError');
  });

  it('one address failing on 25 accounts does not lock out the next person behind it', async () => {
    const from = '127.0.0.71';
    for (let i = 0; i < 25; i++) expect((await attemptLogin(service, freshName('nobody'), 'wrong-password-123', { from })).__typename).toBe('InvalidCredentialsError');
    const username = freshName('neighbour');
    await createUser(service, fx.admin, username, 'neighbour-password-1');
    await login(service, username, 'neighbour-password-1', { from });
  });

  it('one address guessing one account is locked after 5 failures, for that pair only', async () => {
    const username = freshName('pairlock');
    await createUser(service, fx.admin, username, 'pairlock-password-1');
    for (let i = 0; i < 5; i++) await attemptLogin(service, username, `wrong-${i}-password`, { from: '127.0.0.81' });
    expect((await attemptLogin(service, username, 'pairlock-password-1', { from: '127.0.0.81' })).__typename).toBe('TooManyAttemptsError');
    await login(service, username, 'pairlock-password-1', { from: '127.0.0.82' });
  });
});

describe(`row 12: four eyes — whoever created, last edited or submitted a release cannot approve it (${databaseLabel})`, () => {
  it('a reviewer who drafts and submits alone cannot approve; someone else can', async () => {
    const draft = await mutateOk(service, fx.reviewer, 'create', {
      matterId: fx.matter.id, publisherId: fx.township.id, title: `四眼 ${randomUUID().slice(0, 6)}`, stage: 'RESULT', bodyHtml: '<p>正文</p>', targetChannels: ['WEBSITE'],
    });
    await mutateOk(service, fx.reviewer, 'submit', { id: draft.id });
    const refused = await mutate(service, fx.reviewer, 'approve', { id: draft.id });
    expect(refused).toMatchObject({ __typename: 'InvalidTransitionError', action: 'APPROVE', currentStatus: 'IN_REVIEW', reason: 'FOUR_EYES' });
    expect((await prisma().release.findUniqueOrThrow({ where: { id: Buffer.from(draft.id, 'base64url').toString().split(':')[1] } })).status).toBe('IN_REVIEW');
    expect((await mutateOk(service, fx.admin, 'approve', { id: draft.id })).status).toBe('APPROVED');
  });

  it('the last editor of an editor\'s draft cannot approve it, nor its submitter', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    await mutateOk(service, fx.reviewer, 'update', { id: draft.id, expectedVersion: draft.version, title: `${draft.title}（审核员修改）` });
    await mutateOk(service, fx.editor, 'submit', { id: draft.id });
    expect(await mutate(service, fx.reviewer, 'approve', { id: draft.id })).toMatchObject({ __typename: 'InvalidTransitionError', reason: 'FOUR_EYES' });
    // The editor drafted and submitted: not the editor either (and editors may not approve anyway).
    expect((await mutateOk(service, fx.admin, 'approve', { id: draft.id })).status).toBe('APPROVED');
  });

  it('a reviewer approves what others wrote and submitted (control)', async () => {
    expect((await releaseIn(fx, 'APPROVED')).status).toBe('APPROVED');
  });

  it('a one-person unit (singlePersonReview, set by an admin and audited) lets its reviewer approve their own', async () => {
    const set = await mutation(fx.admin, 'updateOrgUnit', { id: fx.township.id, singlePersonReview: true }, '{ __typename ... on UpdateOrgUnitPayload { orgUnit { singlePersonReview } } }');
    expect(set.orgUnit.singlePersonReview).toBe(true);
    try {
      const draft = await mutateOk(service, fx.reviewer, 'create', {
        matterId: fx.matter.id, publisherId: fx.township.id, title: `一人审核 ${randomUUID().slice(0, 6)}`, stage: 'RESULT', bodyHtml: '<p>正文</p>', targetChannels: ['WEBSITE'],
      });
      await mutateOk(service, fx.reviewer, 'submit', { id: draft.id });
      expect((await mutateOk(service, fx.reviewer, 'approve', { id: draft.id })).status).toBe('APPROVED');
      const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: 'org_unit.updated', entityId: fx.township.uuid }, orderBy: { occurredAt: 'desc' } });
      expect(audit.data).toEqual({ singlePersonReview: { from: false, to: true } });
    } finally {
      await mutation(fx.admin, 'updateOrgUnit', { id: fx.township.id, singlePersonReview: false });
    }
  });
});
