// Issue 15 part 5, staff managing their own account, through GraphQL over HTTP: changeMyPassword
// (current password verified and throttled per account, the password policy of createUser, every
// other session ended, a fresh access token for the caller's own), mySessions, revokeMySession
// and revokeMyOtherSessions (one's own sessions only; another user's answers as an unknown one).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../src/auth/passwords.js';
import { createLogger } from '../src/logger.js';
import { currentPasswordKey } from '../src/modules/auth/my-account.service.js';
import {
  accessClaims,
  anonymous,
  asAdmin,
  attemptLogin,
  call,
  callData,
  createChannelWithKey,
  createUser,
  dbIdOf,
  deactivateUser,
  forgeToken,
  login,
  REFRESH,
  type Caller,
  type Session,
} from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let service: TestService;
let admin: Session;
const prisma = () => service.service.db.prisma;

beforeAll(async () => {
  // Logs kept, to prove no password reaches them.
  service = await startTestService({ captureLogs: true });
  admin = await asAdmin(service);
});

afterAll(async () => {
  await service?.stop();
});

/** Every password this file uses: none may appear in an audit event or a log line. */
const passwords = new Set<string>();

interface Account {
  username: string;
  password: string;
  /** Database id. */
  id: string;
  globalId: string;
}

/** A fresh account without roles (still staff: it signs in and manages itself). */
async function newAccount(prefix: string): Promise<Account> {
  const username = `${prefix}.${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  passwords.add(password);
  const globalId = await createUser(service, admin, username, password);
  return { username, password, id: dbIdOf(globalId), globalId };
}

const signIn = (account: { username: string; password: string }) => login(service, account.username, account.password);

const CHANGE = `mutation($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) {
  __typename
  ... on ChangeMyPasswordPayload { accessToken accessTokenExpiresAt sessionsEnded viewer { username } }
  ... on Error { code message }
  ... on InputError { field }
  ... on TooManyAttemptsError { retryAfterSeconds }
} }`;

async function changePassword(caller: Caller, currentPassword: string, newPassword: string): Promise<Any> {
  passwords.add(newPassword);
  return (await callData(service, caller, CHANGE, { input: { currentPassword, newPassword } })).changeMyPassword;
}

const SESSIONS = '{ mySessions { id createdAt lastRefreshedAt expiresAt current } }';
const REVOKE = `mutation($input: RevokeMySessionInput!) { revokeMySession(input: $input) {
  __typename ... on RevokeMySessionPayload { revokedSessionId current } ... on Error { code message } ... on NotFoundError { what }
} }`;
const REVOKE_OTHERS = 'mutation { revokeMyOtherSessions { sessionsEnded } }';

const revoke = async (caller: Caller, sessionId: string): Promise<Any> => (await callData(service, caller, REVOKE, { input: { sessionId } })).revokeMySession;
const refresh = async (refreshToken: string): Promise<Any> => (await callData(service, anonymous, REFRESH, { input: { refreshToken } })).refreshToken;
const viewerStatus = async (token: string): Promise<number> => (await call(service, { label: 'token', token }, '{ viewer { username } }')).status;

describe(`changeMyPassword: the current password is checked and throttled (${databaseLabel})`, () => {
  it('refuses a wrong current password with an InputError on currentPassword, and after five refuses even the right one for a while', async () => {
    const account = await newAccount('wrongpw');
    const session = await signIn(account);
    for (let i = 0; i < 5; i++) {
      expect(await changePassword(session, `guess-${i}-${randomUUID()}`, `new-password-${randomUUID()}`), `attempt ${i + 1}`).toEqual({
        __typename: 'InputError',
        code: 'INVALID_INPUT',
        message: '当前密码错误 — the current password is wrong.',
        field: 'currentPassword',
      });
    }
    // The fifth failure started a lock: the right password is not even checked.
    const locked = await changePassword(session, account.password, `new-password-${randomUUID()}`);
    expect(locked).toMatchObject({ __typename: 'TooManyAttemptsError', code: 'TOO_MANY_ATTEMPTS' });
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(30);
    // Nothing changed, the session goes on, and the lock is on the change only: sign-in works.
    expect(await viewerStatus(session.token)).toBe(200);
    await signIn(account);
    const row = await prisma().loginThrottle.findUniqueOrThrow({ where: { key: currentPasswordKey(account.id) } });
    expect(row).toMatchObject({ failures: 5, throttled: 1 });
    const notices = await prisma().auditEvent.findMany({ where: { action: 'auth.login.locked', entityId: account.id }, select: { data: true, actorUserId: true } });
    expect(notices).toEqual([{ actorUserId: account.id, data: { username: account.username, scope: 'current_password', failures: 5, lockSeconds: 30 } }]);

    // Once the lock has run out (moved into the past rather than waited for), the right password
    // goes through and the counter starts afresh.
    await prisma().loginThrottle.update({ where: { key: currentPasswordKey(account.id) }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    const changed = await changePassword(session, account.password, `after-lock-${randomUUID()}`);
    expect(changed.__typename).toBe('ChangeMyPasswordPayload');
    expect(await prisma().loginThrottle.findUnique({ where: { key: currentPasswordKey(account.id) } })).toBeNull();
  });

  it('refuses a weak new password with the message of the password policy, and one equal to the current password; neither counts as a guess', async () => {
    const account = await newAccount('weakpw');
    const session = await signIn(account);
    const policyMessage = (password: string): string => {
      try {
        checkPasswordPolicy(password, account.username);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`the policy accepts ${password}`);
    };
    for (const weak of ['short-pw', 'x'.repeat(129), `my-${account.username}-password`]) {
      expect(await changePassword(session, account.password, weak), weak).toEqual({
        __typename: 'InputError',
        code: 'INVALID_INPUT',
        message: policyMessage(weak),
        field: 'newPassword',
      });
    }
    expect(await changePassword(session, account.password, account.password)).toEqual({
      __typename: 'InputError',
      code: 'INVALID_INPUT',
      message: '新密码不能与当前密码相同 — the new password must differ from the current one.',
      field: 'newPassword',
    });
    expect(await prisma().loginThrottle.findUnique({ where: { key: currentPasswordKey(account.id) } })).toBeNull();
    // The password is the same as before.
    await signIn(account);
    expect(await prisma().auditEvent.count({ where: { action: 'user.password_changed', entityId: account.id } })).toBe(0);
  });
});

describe(`changeMyPassword: a new password ends every other session (${databaseLabel})`, () => {
  it('signs in only with the new password, refuses the other sessions, and keeps the caller\'s own with a fresh access token', async () => {
    const account = await newAccount('change');
    const mine = await signIn(account);
    const laptop = await signIn(account);
    const phone = await signIn(account);
    // Date the password a day back, so a token of my session issued a minute ago is valid now
    // and shows that tokens issued before the change stop working.
    await prisma().user.update({ where: { id: account.id }, data: { passwordChangedAt: new Date(Date.now() - 86_400_000) } });
    const now = Math.floor(Date.now() / 1000);
    const earlier = await forgeToken(accessClaims(mine, { iat: now - 60, exp: now + 600 }));
    expect(await viewerStatus(earlier)).toBe(200);

    const newPassword = `changed-${randomUUID()}`;
    const changed = await changePassword(mine, account.password, newPassword);
    expect(changed).toMatchObject({ __typename: 'ChangeMyPasswordPayload', sessionsEnded: 2, viewer: { username: account.username } });
    expect(new Date(changed.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());

    // The old password no longer signs in; the new one does.
    expect((await attemptLogin(service, account.username, account.password)).__typename).toBe('InvalidCredentialsError');
    const again = await login(service, account.username, newPassword);
    // The other sessions: access and refresh tokens refused.
    for (const other of [laptop, phone]) {
      expect(await viewerStatus(other.token)).toBe(401);
      expect((await refresh(other.refreshToken)).__typename).toBe('InvalidRefreshTokenError');
    }
    // Mine: a token from before the change is refused, the fresh one works, and so does my refresh token.
    expect(await viewerStatus(earlier)).toBe(401);
    expect(await viewerStatus(changed.accessToken)).toBe(200);
    const refreshed = await refresh(mine.refreshToken);
    expect(refreshed.__typename).toBe('RefreshTokenPayload');
    expect(await viewerStatus(refreshed.accessToken)).toBe(200);
    expect(await viewerStatus(again.token)).toBe(200);

    const events = await prisma().auditEvent.findMany({ where: { action: 'user.password_changed', entityId: account.id } });
    expect(events.map((e) => ({ actor: e.actorUserId, data: e.data }))).toEqual([{ actor: account.id, data: { selfService: true, sessionsEnded: 2 } }]);
  });

  it('writes no password to an audit event or a log line, and the logger redacts the new input fields', async () => {
    // Run after the tests above in this file (vitest keeps the order): their passwords are known.
    expect(passwords.size).toBeGreaterThan(5);
    const events = JSON.stringify(await prisma().auditEvent.findMany());
    const logs = JSON.stringify(service.logs);
    expect(service.logs.length).toBeGreaterThan(0);
    for (const password of passwords) {
      expect(events.includes(password), 'audit events').toBe(false);
      expect(logs.includes(password), 'log lines').toBe(false);
    }

    const lines: string[] = [];
    const logger = createLogger('info', {}, { write: (line: string) => void lines.push(line) });
    logger.info({ variables: { input: { currentPassword: 'secret-current-1', newPassword: 'secret-new-2' } }, input: { currentPassword: 'secret-current-3', newPassword: 'secret-new-4' } }, 'operation');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/secret-(current|new)/);
    expect(JSON.parse(lines[0]!).variables.input).toEqual({ currentPassword: '[redacted]', newPassword: '[redacted]' });
  });
});

describe(`mySessions and revoking them (${databaseLabel})`, () => {
  it('lists exactly the caller\'s live sessions, newest first, with `current` on the caller\'s own', async () => {
    const account = await newAccount('sessions');
    const first = await signIn(account);
    const second = await signIn(account);
    const stranger = await signIn(await newAccount('stranger'));
    // A session of the account that was ended is not listed.
    const ended = await signIn(account);
    expect((await revoke(ended, ended.sessionId)).__typename).toBe('RevokeMySessionPayload');

    const asFirst = (await callData(service, first, SESSIONS)).mySessions;
    expect(asFirst.map((s: Any) => [s.id, s.current])).toEqual([
      [second.sessionId, false],
      [first.sessionId, true],
    ]);
    const asSecond = (await callData(service, second, SESSIONS)).mySessions;
    expect(asSecond.map((s: Any) => [s.id, s.current])).toEqual([
      [second.sessionId, true],
      [first.sessionId, false],
    ]);
    expect((await callData(service, stranger, SESSIONS)).mySessions.map((s: Any) => s.id)).toEqual([stranger.sessionId]);

    // Times from the database: the sign-in, the last refresh, the expiry of the live token.
    const rows = await prisma().refreshToken.findMany({ where: { familyId: first.sessionId }, orderBy: { createdAt: 'asc' } });
    const own = asFirst.find((s: Any) => s.current);
    expect(new Date(own.createdAt).getTime()).toBe(rows[0]!.createdAt.getTime());
    expect(new Date(own.expiresAt).getTime()).toBe(rows[0]!.expiresAt.getTime());
    const refreshed = await refresh(first.refreshToken);
    const token = { label: 'refreshed', token: refreshed.accessToken };
    const after = (await callData(service, token, SESSIONS)).mySessions.find((s: Any) => s.current);
    const head = await prisma().refreshToken.findFirstOrThrow({ where: { familyId: first.sessionId, usedAt: null } });
    expect(after).toEqual({
      id: first.sessionId,
      current: true,
      createdAt: own.createdAt,
      lastRefreshedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(new Date(after.lastRefreshedAt).getTime()).toBe(head.createdAt.getTime());
    expect(new Date(after.expiresAt).getTime()).toBe(head.expiresAt.getTime());
  });

  it('revokeMySession ends one of the caller\'s sessions; another user\'s session answers exactly as an unknown one', async () => {
    const account = await newAccount('revoke');
    const mine = await signIn(account);
    const lost = await signIn(account);
    const stranger = await signIn(await newAccount('stranger'));

    expect(await revoke(mine, lost.sessionId)).toEqual({ __typename: 'RevokeMySessionPayload', revokedSessionId: lost.sessionId, current: false });
    expect(await viewerStatus(lost.token)).toBe(401);
    expect((await refresh(lost.refreshToken)).__typename).toBe('InvalidRefreshTokenError');
    expect((await callData(service, mine, SESSIONS)).mySessions.map((s: Any) => s.id)).toEqual([mine.sessionId]);

    const notFound = { __typename: 'NotFoundError', code: 'NOT_FOUND', message: '找不到对象 — no such session.', what: 'session' };
    expect(await revoke(mine, stranger.sessionId)).toEqual(notFound);
    expect(await revoke(mine, randomUUID())).toEqual(notFound);
    expect(await revoke(mine, lost.sessionId)).toEqual(notFound);
    expect(await revoke(mine, 'garbage')).toEqual(notFound);
    // The stranger's session was not touched.
    expect(await viewerStatus(stranger.token)).toBe(200);
    expect((await refresh(stranger.refreshToken)).__typename).toBe('RefreshTokenPayload');

    const events = await prisma().auditEvent.findMany({ where: { action: 'auth.session.revoked', entityId: account.id }, select: { actorUserId: true, data: true } });
    expect(events).toEqual([{ actorUserId: account.id, data: { familyId: lost.sessionId, current: false } }]);

    // Ending the current session is signing out.
    expect(await revoke(mine, mine.sessionId)).toMatchObject({ revokedSessionId: mine.sessionId, current: true });
    expect(await viewerStatus(mine.token)).toBe(401);
    expect((await refresh(mine.refreshToken)).__typename).toBe('InvalidRefreshTokenError');
  });

  it('revokeMyOtherSessions ends every session but the caller\'s own', async () => {
    const account = await newAccount('others');
    const mine = await signIn(account);
    const others = [await signIn(account), await signIn(account)];
    expect((await callData(service, mine, REVOKE_OTHERS)).revokeMyOtherSessions).toEqual({ sessionsEnded: 2 });
    for (const other of others) {
      expect(await viewerStatus(other.token)).toBe(401);
      expect((await refresh(other.refreshToken)).__typename).toBe('InvalidRefreshTokenError');
    }
    expect((await callData(service, mine, SESSIONS)).mySessions.map((s: Any) => [s.id, s.current])).toEqual([[mine.sessionId, true]]);
    // Nothing left to end.
    expect((await callData(service, mine, REVOKE_OTHERS)).revokeMyOtherSessions).toEqual({ sessionsEnded: 0 });
    const events = await prisma().auditEvent.findMany({ where: { action: 'auth.session.revoked', entityId: account.id }, select: { data: true } });
    expect(events).toEqual([{ data: { others: true, sessionsEnded: 2 } }]);
  });
});

describe(`who may manage an account of their own (${databaseLabel})`, () => {
  const documents: [string, string, Record<string, unknown>?][] = [
    ['mySessions', SESSIONS],
    ['changeMyPassword', CHANGE, { input: { currentPassword: 'whatever-password-1', newPassword: `never-set-${randomUUID()}` } }],
    ['revokeMySession', REVOKE, { input: { sessionId: randomUUID() } }],
    ['revokeMyOtherSessions', REVOKE_OTHERS],
  ];

  it('anonymous callers and channel keys are refused with FORBIDDEN on every one', async () => {
    const channel = await createChannelWithKey(service, admin, 'WEBSITE');
    for (const caller of [anonymous, channel]) {
      for (const [name, document, variables] of documents) {
        const res = await call(service, caller, document, variables);
        expect(res.status, `${caller.label} ${name}`).toBe(200);
        expect(res.errors?.[0]?.extensions?.code, `${caller.label} ${name}`).toBe('FORBIDDEN');
      }
    }
  });

  it('a deactivated user cannot use any of them: the token is refused (UNAUTHENTICATED) and nothing changes', async () => {
    const account = await newAccount('deactivated');
    const session = await signIn(account);
    expect((await deactivateUser(service, admin, account.globalId)).__typename).toBe('DeactivateUserPayload');
    for (const [name, document, variables] of [...documents, ['changeMyPassword', CHANGE, { input: { currentPassword: account.password, newPassword: `never-set-${randomUUID()}` } }]] as const) {
      const res = await call(service, session, document, variables);
      expect(res.status, name).toBe(401);
      expect(res.errors?.[0]?.extensions?.code, name).toBe('UNAUTHENTICATED');
    }
    expect(await prisma().auditEvent.count({ where: { entityId: account.id, action: { in: ['user.password_changed', 'auth.session.revoked'] } } })).toBe(0);
    // Reactivated (directly), the old password is still the one.
    await prisma().user.update({ where: { id: account.id }, data: { status: 'ACTIVE' } });
    await signIn(account);
  });
});
