// Issue 15 part 5, TOTP two-factor sign-in for staff, through GraphQL over HTTP: self-service
// enrolment (secret, otpauth URI and QR once; confirmation with a code; 10 one-time recovery
// codes), the two-step login (TotpRequired → completeLogin), throttled wrong codes, no replay of a
// code's time step, recovery codes that work once, disabling, TOTP_REQUIRED_FOR_ADMINS, audit rows
// without secrets, and who may call what; confirming ends the other sessions, recovery codes are
// regenerated, an admin resets a colleague's TOTP. Codes are computed here with otpauth for explicit
// timestamps (the step before, this one, the next): no test waits for the clock.
import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, asAdmin, attemptLogin, call, callData, createChannelWithKey, createUser, dbIdOf, gid, grantRole, login, type Caller, type Session } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { orgByKey } from './workflow-helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let service: TestService;
let admin: Session;
const prisma = () => service.service.db.prisma;

beforeAll(async () => {
  // Logs kept, to prove no secret reaches them.
  service = await startTestService({ captureLogs: true });
  admin = await asAdmin(service);
});

afterAll(async () => {
  await service?.stop();
});

/** Every secret, recovery code and challenge this file sees: none may reach the audit log or a log line. */
const secrets = new Set<string>();

const STEP_MS = 30_000;
const codeAt = (secret: string, ms: number) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });
/** A code that is valid at no time near now. */
const wrongCode = (secret: string, t: number) => {
  const near = new Set([-1, 0, 1, 2].map((d) => codeAt(secret, t + d * STEP_MS)));
  for (let h = 1; ; h++) {
    const c = codeAt(secret, t - h * 3_600_000);
    if (!near.has(c)) return c;
  }
};

const LOGIN_DOC = `mutation($input: LoginInput!) { login(input: $input) {
  __typename
  ... on LoginPayload { accessToken refreshToken viewer { username } }
  ... on TotpRequired { challenge challengeExpiresAt message }
  ... on TotpEnrolmentRequired { accessToken refreshToken message }
  ... on Error { code message }
  ... on TooManyAttemptsError { retryAfterSeconds }
} }`;
const COMPLETE = `mutation($input: CompleteLoginInput!) { completeLogin(input: $input) {
  __typename
  ... on CompleteLoginPayload { accessToken refreshToken viewer { username } }
  ... on Error { code message }
  ... on TooManyAttemptsError { retryAfterSeconds }
} }`;
const BEGIN = `mutation { beginTotpEnrolment { __typename ... on BeginTotpEnrolmentPayload { secret otpauthUri qrCodeSvg } ... on Error { code message } } }`;
const CONFIRM = `mutation($input: ConfirmTotpEnrolmentInput!) { confirmTotpEnrolment(input: $input) {
  __typename ... on ConfirmTotpEnrolmentPayload { recoveryCodes viewer { username } } ... on Error { code message } ... on InputError { field } } }`;
const DISABLE = `mutation($input: DisableTotpInput!) { disableTotp(input: $input) {
  __typename ... on DisableTotpPayload { viewer { username } } ... on Error { code message } ... on InputError { field } ... on TooManyAttemptsError { retryAfterSeconds } } }`;

interface Account {
  username: string;
  password: string;
  id: string;
}

async function newAccount(svc: TestService, prefix: string): Promise<Account> {
  const username = `${prefix}.${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const adminOfService = await asAdmin(svc);
  const globalId = await createUser(svc, adminOfService, username, password);
  return { username, password, id: dbIdOf(globalId) };
}

const loginAs = async (svc: TestService, account: { username: string; password: string }): Promise<Any> =>
  (await callData(svc, anonymous, LOGIN_DOC, { input: { username: account.username, password: account.password } })).login;
const complete = async (svc: TestService, input: Record<string, unknown>): Promise<Any> => (await callData(svc, anonymous, COMPLETE, { input })).completeLogin;
/** Signs in and answers the challenge of TotpRequired. */
async function challengeOf(svc: TestService, account: Account): Promise<string> {
  const r = await loginAs(svc, account);
  expect(r.__typename).toBe('TotpRequired');
  secrets.add(r.challenge);
  return r.challenge;
}

/** Enrols `caller` (signed in) and confirms with the code at `t`; answers the secret and the recovery codes. */
async function enrol(svc: TestService, caller: Caller, t: number): Promise<{ secret: string; recoveryCodes: string[] }> {
  const begun = (await callData(svc, caller, BEGIN)).beginTotpEnrolment;
  expect(begun.__typename).toBe('BeginTotpEnrolmentPayload');
  secrets.add(begun.secret);
  const confirmed = (await callData(svc, caller, CONFIRM, { input: { code: codeAt(begun.secret, t) } })).confirmTotpEnrolment;
  expect(confirmed.__typename).toBe('ConfirmTotpEnrolmentPayload');
  for (const c of confirmed.recoveryCodes) secrets.add(c);
  return { secret: begun.secret, recoveryCodes: confirmed.recoveryCodes };
}

describe(`TOTP enrolment and the two-step sign-in (${databaseLabel})`, () => {
  let account: Account;
  let secret: string;
  let recoveryCodes: string[];
  let t0: number;

  beforeAll(async () => {
    account = await newAccount(service, 'totp');
  });

  it('beginTotpEnrolment answers a base32 secret, its otpauth:// URI and an SVG QR code; a wrong code does not confirm it', async () => {
    const session = await login(service, account.username, account.password);
    const begun = (await callData(service, session, BEGIN)).beginTotpEnrolment;
    expect(begun.__typename).toBe('BeginTotpEnrolmentPayload');
    secret = begun.secret;
    secrets.add(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(begun.otpauthUri).toMatch(/^otpauth:\/\/totp\/Gongkai:/);
    expect(begun.otpauthUri).toContain(`secret=${secret}`);
    expect(begun.otpauthUri).toContain(encodeURIComponent(account.username));
    expect(begun.qrCodeSvg).toContain('<svg');

    t0 = Date.now();
    const wrong = (await callData(service, session, CONFIRM, { input: { code: wrongCode(secret, t0) } })).confirmTotpEnrolment;
    expect(wrong).toMatchObject({ __typename: 'InputError', field: 'code' });
    // Not active yet: sign-in is unchanged.
    expect((await loginAs(service, account)).__typename).toBe('LoginPayload');

    const confirmed = (await callData(service, session, CONFIRM, { input: { code: codeAt(secret, t0) } })).confirmTotpEnrolment;
    expect(confirmed.__typename).toBe('ConfirmTotpEnrolmentPayload');
    expect(confirmed.viewer.username).toBe(account.username);
    recoveryCodes = confirmed.recoveryCodes;
    for (const c of recoveryCodes) secrets.add(c);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    // Active: no second enrolment, and nothing answers the secret again.
    expect((await callData(service, session, BEGIN)).beginTotpEnrolment).toMatchObject({ __typename: 'TotpStateError', code: 'TOTP_STATE' });
    expect((await callData(service, session, CONFIRM, { input: { code: codeAt(secret, t0) } })).confirmTotpEnrolment.__typename).toBe('TotpStateError');
  });

  it('stores the secret encrypted and the recovery codes hashed', async () => {
    const row = await prisma().userTotp.findUniqueOrThrow({ where: { userId: account.id } });
    expect(row.confirmedAt).not.toBeNull();
    expect(row.secretEncrypted.startsWith('v1.')).toBe(true);
    expect(row.secretEncrypted).not.toContain(secret);
    const codes = await prisma().totpRecoveryCode.findMany({ where: { userId: account.id } });
    expect(codes).toHaveLength(10);
    const stored = JSON.stringify(codes);
    for (const c of recoveryCodes) {
      expect(stored).not.toContain(c);
      expect(stored).not.toContain(c.replace('-', ''));
    }
  });

  it('login with the right password answers TotpRequired (no tokens); completeLogin with a current code signs in', async () => {
    const first = await loginAs(service, account);
    expect(first.__typename).toBe('TotpRequired');
    expect(first.accessToken).toBeUndefined();
    expect(new Date(first.challengeExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000 + 2_000);
    secrets.add(first.challenge);
    // A client that knows nothing of TOTP sees only the type name (and no tokens).
    const old = await attemptLogin(service, account.username, account.password);
    expect(old).toEqual({ __typename: 'TotpRequired' });
    // The wrong password still answers as before.
    expect((await loginAs(service, { ...account, password: 'wrong-password-123' })).__typename).toBe('InvalidCredentialsError');

    // The code of the confirmation's step was used, and so was every earlier one.
    expect((await complete(service, { challenge: first.challenge, code: codeAt(secret, t0) })).__typename).toBe('InvalidSecondFactorError');
    expect((await complete(service, { challenge: first.challenge, code: codeAt(secret, t0 - STEP_MS) })).__typename).toBe('InvalidSecondFactorError');
    expect((await complete(service, { challenge: first.challenge, code: wrongCode(secret, t0) })).code).toBe('INVALID_SECOND_FACTOR');

    const done = await complete(service, { challenge: first.challenge, code: codeAt(secret, t0 + STEP_MS) });
    expect(done.__typename).toBe('CompleteLoginPayload');
    expect(done.viewer.username).toBe(account.username);
    const viewer = await callData(service, { label: 'totp', token: done.accessToken }, '{ viewer { username } }');
    expect(viewer.viewer.username).toBe(account.username);

    // The same code again (a new challenge) is a replay.
    const again = await challengeOf(service, account);
    expect((await complete(service, { challenge: again, code: codeAt(secret, t0 + STEP_MS) })).__typename).toBe('InvalidSecondFactorError');
  });

  it('a recovery code works once, in any case and with or without its dash', async () => {
    const challenge = await challengeOf(service, account);
    const used = await complete(service, { challenge, recoveryCode: recoveryCodes[0] });
    expect(used.__typename).toBe('CompleteLoginPayload');
    expect((await complete(service, { challenge, recoveryCode: recoveryCodes[0] })).__typename).toBe('InvalidSecondFactorError');
    const other = await complete(service, { challenge: await challengeOf(service, account), recoveryCode: recoveryCodes[1]!.replace('-', '').toUpperCase() });
    expect(other.__typename).toBe('CompleteLoginPayload');
    expect(await prisma().totpRecoveryCode.count({ where: { userId: account.id, usedAt: null } })).toBe(8);
  });

  it('refuses unknown, tampered and foreign challenges, and a challenge is no access token', async () => {
    const challenge = await challengeOf(service, account);
    const [h, p, s] = challenge.split('.');
    const tampered = `${h}.${p}.${s!.slice(0, -2)}${s!.endsWith('AA') ? 'BB' : 'AA'}`;
    const plain = await newAccount(service, 'plain');
    const plainSession = await login(service, plain.username, plain.password);
    for (const bad of ['not-a-challenge', tampered, plainSession.accessToken, plainSession.refreshToken]) {
      const r = await complete(service, { challenge: bad, code: codeAt(secret, Date.now()) });
      expect(r.__typename, bad.slice(0, 20)).toBe('LoginChallengeInvalidError');
    }
    const asToken = await call(service, { label: 'challenge', token: challenge }, '{ viewer { username } }');
    expect(asToken.status).toBe(401);
  });

  it('disableTotp needs the current password (or a code); afterwards login signs in directly', async () => {
    const challenge = await challengeOf(service, account);
    const done = await complete(service, { challenge, recoveryCode: recoveryCodes[2] });
    const caller = { label: 'totp', token: done.accessToken };
    expect((await callData(service, caller, DISABLE, { input: {} })).disableTotp).toMatchObject({ __typename: 'InputError' });
    expect((await callData(service, caller, DISABLE, { input: { currentPassword: 'wrong-password-123' } })).disableTotp).toMatchObject({
      __typename: 'InputError',
      field: 'currentPassword',
    });
    const disabled = (await callData(service, caller, DISABLE, { input: { currentPassword: account.password } })).disableTotp;
    expect(disabled.__typename).toBe('DisableTotpPayload');
    expect(await prisma().userTotp.count({ where: { userId: account.id } })).toBe(0);
    expect(await prisma().totpRecoveryCode.count({ where: { userId: account.id } })).toBe(0);
    expect((await loginAs(service, account)).__typename).toBe('LoginPayload');
    expect((await callData(service, caller, DISABLE, { input: { currentPassword: account.password } })).disableTotp.__typename).toBe('TotpStateError');
  });

  it('disableTotp with a current code (not a replayed one)', async () => {
    const other = await newAccount(service, 'totp-code');
    const session = await login(service, other.username, other.password);
    const t = Date.now();
    const { secret: s } = await enrol(service, session, t);
    expect((await callData(service, session, DISABLE, { input: { code: codeAt(s, t) } })).disableTotp).toMatchObject({ __typename: 'InputError', field: 'code' });
    expect((await callData(service, session, DISABLE, { input: { code: codeAt(s, t + STEP_MS) } })).disableTotp.__typename).toBe('DisableTotpPayload');
  });

  it('wrong codes are throttled per account: after five, even the right code waits', async () => {
    const other = await newAccount(service, 'totp-throttle');
    const t = Date.now();
    const { secret: s } = await enrol(service, await login(service, other.username, other.password), t);
    const challenge = await challengeOf(service, other);
    for (let i = 0; i < 5; i++) {
      expect((await complete(service, { challenge, code: wrongCode(s, t) })).__typename, `attempt ${i + 1}`).toBe('InvalidSecondFactorError');
    }
    const locked = await complete(service, { challenge, code: codeAt(s, t + STEP_MS) });
    expect(locked.__typename).toBe('TooManyAttemptsError');
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(30);
    // The lock is the account's: a fresh challenge (another sign-in) waits too.
    expect((await complete(service, { challenge: await challengeOf(service, other), code: codeAt(s, t + STEP_MS) })).__typename).toBe('TooManyAttemptsError');
    const notices = await prisma().auditEvent.findMany({ where: { action: 'auth.login.locked', entityId: other.id }, select: { data: true } });
    expect(notices.map((n) => (n.data as Any).scope)).toEqual(['totp']);
  });

  it('audits enrolment, sign-ins and failures without any secret, code or challenge (audit log and log lines)', async () => {
    const events = await prisma().auditEvent.findMany({ where: { entityId: account.id }, orderBy: { occurredAt: 'asc' } });
    const actions = events.map((e) => e.action);
    for (const a of ['user.totp.enrolment_started', 'user.totp.enabled', 'auth.login.second_factor_required', 'auth.login.succeeded', 'auth.login.failed', 'user.totp.disabled']) {
      expect(actions, a).toContain(a);
    }
    const methods = events.filter((e) => e.action === 'auth.login.succeeded').map((e) => (e.data as Any).secondFactor);
    expect(methods).toEqual(expect.arrayContaining(['totp', 'recovery_code']));
    const reasons = events.filter((e) => e.action === 'auth.login.failed').map((e) => (e.data as Any).reason);
    expect(reasons).toEqual(expect.arrayContaining(['replayed_code', 'wrong_code', 'wrong_recovery_code']));

    expect(secrets.size).toBeGreaterThan(20);
    const audit = JSON.stringify(await prisma().auditEvent.findMany());
    const logs = JSON.stringify(service.logs);
    expect(service.logs.length).toBeGreaterThan(0);
    for (const s of secrets) {
      expect(audit.includes(s), 'audit log').toBe(false);
      expect(logs.includes(s), 'log lines').toBe(false);
    }
  });

  it('anonymous callers and channel keys are refused with FORBIDDEN on the enrolment mutations', async () => {
    const channel = await createChannelWithKey(service, admin, 'WEBSITE');
    const documents: [string, string, Record<string, unknown>?][] = [
      ['beginTotpEnrolment', BEGIN],
      ['confirmTotpEnrolment', CONFIRM, { input: { code: '123456' } }],
      ['disableTotp', DISABLE, { input: { currentPassword: 'whatever-password-1' } }],
    ];
    for (const caller of [anonymous, channel]) {
      for (const [name, document, variables] of documents) {
        const res = await call(service, caller, document, variables);
        expect(res.status, `${caller.label} ${name}`).toBe(200);
        expect(res.errors?.[0]?.extensions?.code, `${caller.label} ${name}`).toBe('FORBIDDEN');
      }
    }
  });
});

describe(`TOTP_REQUIRED_FOR_ADMINS (${databaseLabel})`, () => {
  let required: TestService;

  beforeAll(async () => {
    required = await startTestService({ env: { TOTP_REQUIRED_FOR_ADMINS: 'true' } });
  });
  afterAll(async () => {
    await required?.stop();
  });

  it('is off by default: an administrator without TOTP signs in as before', () => {
    expect(service.config.auth.totpRequiredForAdmins).toBe(false);
    expect(required.config.auth.totpRequiredForAdmins).toBe(true);
  });

  it('an administrator without TOTP gets a restricted session: only enrolment, viewer and logout until confirmed', async () => {
    const adminAccount = { username: 'admin', password: 'gongkai-demo-2026' };
    const r = await loginAs(required, adminAccount);
    expect(r.__typename).toBe('TotpEnrolmentRequired');
    expect(r.message).toMatch(/two-factor/);
    const caller = { label: 'restricted admin', token: r.accessToken };

    const refused = await call(required, caller, '{ users(first: 1) { totalCount } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/two-factor/);
    expect((await call(required, caller, '{ mySessions { id } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(required, caller, '{ releases(first: 1) { totalCount } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await callData(required, caller, '{ viewer { username } }')).viewer.username).toBe('admin');

    const t = Date.now();
    const { secret } = await enrol(required, caller, t);
    // Confirmed: the same token may do everything an admin may.
    expect((await callData(required, caller, '{ users(first: 1) { totalCount } }')).users.totalCount).toBeGreaterThan(0);

    const next = await loginAs(required, adminAccount);
    expect(next.__typename).toBe('TotpRequired');
    secrets.add(next.challenge);
    const done = await complete(required, { challenge: next.challenge, code: codeAt(secret, t + STEP_MS) });
    expect(done.__typename).toBe('CompleteLoginPayload');
    expect((await callData(required, { label: 'admin', token: done.accessToken }, '{ users(first: 1) { totalCount } }')).users.totalCount).toBeGreaterThan(0);
  });

  it('staff who are not administrators sign in as before', async () => {
    const editor = await loginAs(required, { username: 'zhangbaling.editor', password: 'gongkai-demo-2026' });
    expect(editor.__typename).toBe('LoginPayload');
    expect((await callData(required, { label: 'editor', token: editor.accessToken }, '{ mySessions { id } }')).mySessions.length).toBeGreaterThan(0);
  });
});

const VIEWER_2FA = '{ viewer { twoFactorEnabledAt recoveryCodesLeft } }';
const REGENERATE = `mutation($input: RegenerateTotpRecoveryCodesInput!) { regenerateTotpRecoveryCodes(input: $input) {
  __typename ... on RegenerateTotpRecoveryCodesPayload { recoveryCodes viewer { recoveryCodesLeft } } ... on Error { code message } ... on InputError { field } ... on TooManyAttemptsError { retryAfterSeconds } } }`;
const RESET = `mutation($input: ResetUserTotpInput!) { resetUserTotp(input: $input) {
  __typename ... on ResetUserTotpPayload { user { username twoFactorEnabledAt recoveryCodesLeft } } ... on Error { code message } ... on InputError { field } } }`;

describe(`TOTP: sessions, recovery codes and an admin's reset (${databaseLabel})`, () => {
  it('a session ended earlier in the same request cannot re-authenticate, and nobody resets their own password without the current one', async () => {
    const account = await newAccount(service, 'totp-same-request');
    const session = await login(service, account.username, account.password);
    await enrol(service, session, Date.now());
    const sessions = (await callData(service, session, '{ mySessions { id current } }')).mySessions;
    const current = sessions.find((x: { current: boolean }) => x.current).id;
    const both = await call(service, session, `mutation($sid: ID!, $pw: String!) {
      end: revokeMySession(input: { sessionId: $sid }) { __typename }
      codes: regenerateTotpRecoveryCodes(input: { currentPassword: $pw }) { __typename ... on RegenerateTotpRecoveryCodesPayload { recoveryCodes } }
    }`, { sid: current, pw: account.password });
    // The first ran (the session is over); the second was refused (its result is non-null, so data is too).
    expect(both.errors?.map((e: Any) => [e.path, e.extensions?.code]), both.text).toEqual([[['codes'], 'FORBIDDEN']]);
    expect((await call(service, session, '{ viewer { username } }')).status).toBe(401);
    expect(await prisma().auditEvent.count({ where: { action: 'user.totp.recovery_codes_regenerated', entityId: account.id } })).toBe(0);

    const me = (await callData(service, admin, '{ viewer { id } }')).viewer.id;
    const own = (await callData(service, admin, `mutation($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on InputError { field } } }`, { input: { userId: me, password: `pw-${randomUUID()}` } })).updateUser;
    expect(own).toMatchObject({ __typename: 'InputError', field: 'password' });
  });

  it('confirming TOTP ends the account\'s other sessions (opened without it), not the one that confirmed it', async () => {
    const account = await newAccount(service, 'totp-sessions');
    const other = await login(service, account.username, account.password);
    const confirming = await login(service, account.username, account.password);
    expect((await callData(service, other, VIEWER_2FA)).viewer).toEqual({ twoFactorEnabledAt: null, recoveryCodesLeft: null });
    const begun = (await callData(service, confirming, BEGIN)).beginTotpEnrolment;
    secrets.add(begun.secret);
    const confirmed = (await callData(service, confirming, `mutation($input: ConfirmTotpEnrolmentInput!) { confirmTotpEnrolment(input: $input) {
      __typename ... on ConfirmTotpEnrolmentPayload { recoveryCodes otherSessionsEnded viewer { twoFactorEnabledAt recoveryCodesLeft } } } }`, { input: { code: codeAt(begun.secret, Date.now()) } })).confirmTotpEnrolment;
    for (const c of confirmed.recoveryCodes) secrets.add(c);
    expect(confirmed.otherSessionsEnded).toBe(1);
    expect(confirmed.viewer.recoveryCodesLeft).toBe(10);
    expect(Date.parse(confirmed.viewer.twoFactorEnabledAt)).toBeGreaterThan(0);
    expect((await call(service, other, '{ viewer { username } }')).status).toBe(401);
    expect((await callData(service, confirming, '{ viewer { username } }')).viewer.username).toBe(account.username);
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: 'user.totp.enabled', entityId: account.id } });
    expect(audit.data).toMatchObject({ sessionsEnded: 1 });
  });

  it('wrong confirmation codes are throttled per account: after five, even the right code waits', async () => {
    const account = await newAccount(service, 'totp-confirm-throttle');
    const session = await login(service, account.username, account.password);
    const begun = (await callData(service, session, BEGIN)).beginTotpEnrolment;
    secrets.add(begun.secret);
    const t = Date.now();
    for (let i = 0; i < 5; i++) {
      expect((await callData(service, session, CONFIRM, { input: { code: wrongCode(begun.secret, t) } })).confirmTotpEnrolment, `attempt ${i + 1}`).toMatchObject({ __typename: 'InputError', field: 'code' });
    }
    expect((await callData(service, session, CONFIRM, { input: { code: codeAt(begun.secret, t) } })).confirmTotpEnrolment.__typename).toBe('TooManyAttemptsError');
    expect(await prisma().userTotp.count({ where: { userId: account.id, confirmedAt: { not: null } } })).toBe(0);
  });

  it('regenerateTotpRecoveryCodes needs the password or a code; the new codes work, the old ones no longer', async () => {
    const account = await newAccount(service, 'totp-regenerate');
    const plain = await login(service, account.username, account.password);
    expect((await callData(service, plain, REGENERATE, { input: { currentPassword: account.password } })).regenerateTotpRecoveryCodes.__typename).toBe('TotpStateError');
    const t = Date.now();
    const { secret: s, recoveryCodes: old } = await enrol(service, plain, t);
    const used = await complete(service, { challenge: await challengeOf(service, account), recoveryCode: old[0] });
    expect(used.__typename).toBe('CompleteLoginPayload');
    const session = { label: 'totp-regenerate', token: used.accessToken };
    expect((await callData(service, session, VIEWER_2FA)).viewer.recoveryCodesLeft).toBe(9);

    expect((await callData(service, session, REGENERATE, { input: {} })).regenerateTotpRecoveryCodes).toMatchObject({ __typename: 'InputError', field: 'currentPassword' });
    expect((await callData(service, session, REGENERATE, { input: { currentPassword: 'wrong-password-123' } })).regenerateTotpRecoveryCodes).toMatchObject({ __typename: 'InputError', field: 'currentPassword' });
    expect((await callData(service, session, REGENERATE, { input: { code: wrongCode(s, t) } })).regenerateTotpRecoveryCodes).toMatchObject({ __typename: 'InputError', field: 'code' });
    const fresh = (await callData(service, session, REGENERATE, { input: { code: codeAt(s, t + STEP_MS) } })).regenerateTotpRecoveryCodes;
    expect(fresh.__typename).toBe('RegenerateTotpRecoveryCodesPayload');
    for (const c of fresh.recoveryCodes) secrets.add(c);
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes.filter((c: string) => old.includes(c))).toEqual([]);
    expect(fresh.viewer.recoveryCodesLeft).toBe(10);

    expect((await complete(service, { challenge: await challengeOf(service, account), recoveryCode: old[1] })).__typename).toBe('InvalidSecondFactorError');
    expect((await complete(service, { challenge: await challengeOf(service, account), recoveryCode: fresh.recoveryCodes[0] })).__typename).toBe('CompleteLoginPayload');
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: 'user.totp.recovery_codes_regenerated', entityId: account.id } });
    expect(audit.data).toEqual({ recoveryCodes: 10, verifiedWith: 'totp' });
  });

  it('an admin resets a colleague\'s TOTP: secret and codes gone, sessions ended, sign-in with the password alone; audited', async () => {
    const account = await newAccount(service, 'totp-reset');
    const session = await login(service, account.username, account.password);
    await enrol(service, session, Date.now());
    const globalId = gid('User', account.id);
    await grantRole(service, admin, globalId, 'EDITOR', (await orgByKey(service, 'zhangbaling')).id);

    // Not an admin: FORBIDDEN. An admin of another township: unknown, as for any account out of reach.
    expect((await call(service, session, RESET, { input: { userId: globalId } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const township = await newAccount(service, 'sanjie-admin');
    await grantRole(service, admin, gid('User', township.id), 'ADMIN', (await orgByKey(service, 'sanjie')).id);
    const townshipAdmin = await login(service, township.username, township.password);
    expect((await callData(service, townshipAdmin, RESET, { input: { userId: globalId } })).resetUserTotp.__typename).toBe('NotFoundError');
    expect(await prisma().userTotp.count({ where: { userId: account.id } })).toBe(1);

    const reset = (await callData(service, admin, RESET, { input: { userId: globalId } })).resetUserTotp;
    expect(reset).toMatchObject({ __typename: 'ResetUserTotpPayload', user: { username: account.username, twoFactorEnabledAt: null, recoveryCodesLeft: null } });
    expect(await prisma().userTotp.count({ where: { userId: account.id } })).toBe(0);
    expect(await prisma().totpRecoveryCode.count({ where: { userId: account.id } })).toBe(0);
    expect((await call(service, session, '{ viewer { username } }')).status).toBe(401);
    expect((await loginAs(service, account)).__typename).toBe('LoginPayload');
    expect((await prisma().auditEvent.findFirstOrThrow({ where: { action: 'user.totp.reset', entityId: account.id } })).data).toEqual({ sessionsEnded: 1 });

    // A peer administrator of the same township may not reset another's; the county's may.
    const peerAccount = await newAccount(service, 'sanjie-peer');
    const peerGrant = await grantRole(service, admin, gid('User', peerAccount.id), 'ADMIN', (await orgByKey(service, 'sanjie')).id);
    // Nor demote the colleague first (an account that is no admin any more would be theirs to reset).
    expect((await callData(service, townshipAdmin, `mutation($input: RevokeRoleInput!) { revokeRole(input: $input) { __typename ... on InputError { field } } }`, { input: { grantId: peerGrant } })).revokeRole).toMatchObject({ __typename: 'InputError', field: 'grantId' });
    await enrol(service, await login(service, peerAccount.username, peerAccount.password), Date.now());
    expect((await callData(service, townshipAdmin, RESET, { input: { userId: gid('User', peerAccount.id) } })).resetUserTotp).toMatchObject({ __typename: 'InputError', field: 'userId' });
    expect((await callData(service, townshipAdmin, `mutation($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on InputError { field } } }`, {
      input: { userId: gid('User', peerAccount.id), password: `pw-${randomUUID()}` },
    })).updateUser).toMatchObject({ __typename: 'InputError', field: 'userId' });
    expect(await prisma().userTotp.count({ where: { userId: peerAccount.id } })).toBe(1);
    expect((await callData(service, admin, RESET, { input: { userId: gid('User', peerAccount.id) } })).resetUserTotp.__typename).toBe('ResetUserTotpPayload');

    // Again: nothing to reset. Yourself: disableTotp is the way.
    expect((await callData(service, admin, RESET, { input: { userId: globalId } })).resetUserTotp.__typename).toBe('TotpStateError');
    const me = (await callData(service, admin, '{ viewer { id } }')).viewer.id;
    expect((await callData(service, admin, RESET, { input: { userId: me } })).resetUserTotp).toMatchObject({ __typename: 'InputError', field: 'userId' });
  });
});
