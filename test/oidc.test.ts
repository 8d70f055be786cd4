// Single sign-on through the province's identity provider (issue 15, part 5), against a real
// OpenID Connect provider run here (oidc-provider, its development sign-in pages driven over
// HTTP as a browser would): code flow with PKCE, state and nonce; accounts linked by subject by
// an admin, never matched by name; roles stay here; TOTP still asked; every refusal explained.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, asAdmin, callData, createUser, dbIdOf, grantRole, login, type Caller } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { orgByKey, type Any } from './workflow-helpers.js';

const REDIRECT_URI = 'http://localhost:5173/auth/callback';
const CLIENT = { client_id: 'gongkai-test', client_secret: `secret-${randomUUID()}` };

const BEGIN = `mutation($input: BeginOidcLoginInput!) { beginOidcLogin(input: $input) {
  __typename ... on BeginOidcLoginPayload { authorizationUrl attempt expiresAt } ... on Error { code message } } }`;
const COMPLETE = `mutation($input: CompleteOidcLoginInput!) { completeOidcLogin(input: $input) {
  __typename
  ... on OidcLoginPayload { accessToken refreshToken viewer { username grants { role } } }
  ... on TotpRequired { challenge }
  ... on Error { code message } } }`;
const LINK = `mutation($input: LinkUserIdentityInput!) { linkUserIdentity(input: $input) {
  __typename ... on UserIdentityPayload { user { username identities { id subject issuer lastUsedAt } } } ... on Error { code message } } }`;
const UNLINK = `mutation($input: UnlinkUserIdentityInput!) { unlinkUserIdentity(input: $input) { __typename ... on Error { code } } }`;

let providerServer: http.Server;
let issuer: string;
let service: TestService;

beforeAll(async () => {
  providerServer = http.createServer();
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, name: `用户 ${sub}` }) }),
    cookies: { keys: [`cookie-key-${randomUUID()}`] },
    features: { devInteractions: { enabled: true } },
  });
  providerServer.on('request', provider.callback());
  service = await startTestService({
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT.client_id, OIDC_CLIENT_SECRET: CLIENT.client_secret, OIDC_REDIRECT_URIS: REDIRECT_URI, OIDC_ALLOW_HTTP: 'true' },
  });
});
afterAll(async () => {
  await service?.stop();
  providerServer?.closeAllConnections();
  await new Promise((resolve) => providerServer?.close(resolve));
});

/** A browser at the provider: follows redirects, keeps cookies, signs in as `subject` and consents. Answers where it was sent back to. */
async function signInAtProvider(authorizationUrl: string, subject: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let form: { action: string; body: URLSearchParams } | undefined;
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: form.body.toString() } : {}),
    });
    form = undefined;
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(REDIRECT_URI)) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`provider page without a form (HTTP ${res.status}): ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    form = { action, body: new URLSearchParams(prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt: prompt ?? 'consent' }) };
    url = new URL(action, url).href;
  }
  throw new Error('the provider never sent the browser back');
}

async function begin(caller: Caller = anonymous, redirectUri = REDIRECT_URI): Promise<Any> {
  return (await callData(service, caller, BEGIN, { input: { redirectUri } })).beginOidcLogin;
}

async function signIn(subject: string): Promise<Any> {
  const started = await begin();
  expect(started.__typename).toBe('BeginOidcLoginPayload');
  const callbackUrl = await signInAtProvider(started.authorizationUrl, subject);
  return { ...(await callData(service, anonymous, COMPLETE, { input: { attempt: started.attempt, callbackUrl } })).completeOidcLogin, callbackUrl, attempt: started.attempt };
}

async function newUser(): Promise<{ id: string; username: string; password: string }> {
  const username = `sso.${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const id = await createUser(service, await asAdmin(service), username, password);
  return { id, username, password };
}

describe(`OpenID Connect sign-in with a local provider (${databaseLabel})`, () => {
  it('asks the provider with PKCE, a state and a nonce, and signs in only the account an admin linked to the subject', async () => {
    const started = await begin();
    const authorization = new URL(started.authorizationUrl);
    expect(authorization.origin).toBe(issuer);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({ client_id: CLIENT.client_id, redirect_uri: REDIRECT_URI, response_type: 'code', code_challenge_method: 'S256', scope: 'openid profile' });
    for (const p of ['code_challenge', 'state', 'nonce']) expect(authorization.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);

    const subject = `sub-${randomUUID()}`;
    const unlinked = await signIn(subject);
    expect(unlinked).toMatchObject({ __typename: 'OidcSignInError', code: 'OIDC_SIGN_IN_FAILED' });
    expect(unlinked.message).toMatch(/^此统一身份账号未关联/);
    expect(unlinked.message).toContain(subject);

    const user = await newUser();
    const admin = await asAdmin(service);
    const linked = (await callData(service, admin, LINK, { input: { userId: user.id, subject } })).linkUserIdentity;
    expect(linked.user.identities).toEqual([expect.objectContaining({ subject, issuer, lastUsedAt: null })]);
    expect((await callData(service, admin, LINK, { input: { userId: user.id, subject } })).linkUserIdentity.__typename).toBe('AlreadyExistsError');

    const signedIn = await signIn(subject);
    expect(signedIn.__typename).toBe('OidcLoginPayload');
    expect(signedIn.viewer).toEqual({ username: user.username, grants: [] });
    const viewer = (await callData(service, { label: 'sso', authorization: `Bearer ${signedIn.accessToken}` }, '{ viewer { username } }')).viewer;
    expect(viewer.username).toBe(user.username);
    const audit = await service.service.db.prisma.auditEvent.findFirst({ where: { action: 'auth.login.succeeded', entityId: dbIdOf(user.id) }, orderBy: { occurredAt: 'desc' } });
    expect(audit?.data).toMatchObject({ method: 'oidc', subject });

    // The same code twice: the provider refuses it, nothing is signed in.
    const replay = (await callData(service, anonymous, COMPLETE, { input: { attempt: signedIn.attempt, callbackUrl: signedIn.callbackUrl } })).completeOidcLogin;
    expect(replay).toMatchObject({ __typename: 'OidcSignInError' });
    expect(replay.message).toMatch(/^统一身份认证未通过/);

    // Unlinked again: refused again.
    const identityId = linked.user.identities[0].id;
    expect((await callData(service, admin, UNLINK, { input: { identityId } })).unlinkUserIdentity.__typename).toBe('UserIdentityPayload');
    expect((await signIn(subject)).__typename).toBe('OidcSignInError');
  });

  it('refuses a callback of another attempt, a forged attempt, an unknown redirect URI and a deactivated account', async () => {
    const subject = `sub-${randomUUID()}`;
    const user = await newUser();
    const admin = await asAdmin(service);
    await callData(service, admin, LINK, { input: { userId: user.id, subject } });

    const first = await begin();
    const second = await begin();
    const callbackOfFirst = await signInAtProvider(first.authorizationUrl, subject);
    // The second attempt's state and PKCE verifier do not fit the first one's code.
    const crossed = (await callData(service, anonymous, COMPLETE, { input: { attempt: second.attempt, callbackUrl: callbackOfFirst } })).completeOidcLogin;
    expect(crossed.__typename).toBe('OidcSignInError');
    const forged = (await callData(service, anonymous, COMPLETE, { input: { attempt: `${first.attempt.slice(0, -4)}AAAA`, callbackUrl: callbackOfFirst } })).completeOidcLogin;
    expect(forged).toMatchObject({ __typename: 'OidcSignInError' });
    expect(forged.message).toMatch(/^登录已过期/);
    const elsewhere = (await callData(service, anonymous, COMPLETE, { input: { attempt: first.attempt, callbackUrl: callbackOfFirst.replace('localhost:5173', 'evil.example') } })).completeOidcLogin;
    expect(elsewhere.message).toMatch(/^回调地址不符/);
    expect((await begin(anonymous, 'https://evil.example/callback')).message).toMatch(/^回调地址未登记/);
    // The first attempt with its own callback still works once.
    expect((await callData(service, anonymous, COMPLETE, { input: { attempt: first.attempt, callbackUrl: callbackOfFirst } })).completeOidcLogin.__typename).toBe('OidcLoginPayload');

    await callData(service, admin, `mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { __typename } }`, { input: { userId: user.id } });
    expect((await signIn(subject)).__typename).toBe('OidcSignInError');
  });

  it('still asks an account with TOTP for its second factor', async () => {
    const subject = `sub-${randomUUID()}`;
    const user = await newUser();
    await callData(service, await asAdmin(service), LINK, { input: { userId: user.id, subject } });
    const session = await login(service, user.username, user.password);
    const begun = (await callData(service, session, `mutation { beginTotpEnrolment { ... on BeginTotpEnrolmentPayload { secret } } }`)).beginTotpEnrolment;
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(begun.secret) }).generate();
    const confirmed = (await callData(service, session, `mutation($input: ConfirmTotpEnrolmentInput!) { confirmTotpEnrolment(input: $input) { ... on ConfirmTotpEnrolmentPayload { recoveryCodes } } }`, { input: { code } })).confirmTotpEnrolment;

    const first = await signIn(subject);
    expect(first.__typename).toBe('TotpRequired');
    const completed = (await callData(service, anonymous, `mutation($input: CompleteLoginInput!) { completeLogin(input: $input) { __typename ... on CompleteLoginPayload { viewer { username } } } }`, {
      input: { challenge: first.challenge, recoveryCode: confirmed.recoveryCodes[0] },
    })).completeLogin;
    expect(completed).toEqual({ __typename: 'CompleteLoginPayload', viewer: { username: user.username } });
    // The sign-in's audit row names both steps.
    const audit = await service.service.db.prisma.auditEvent.findFirst({ where: { action: 'auth.login.succeeded', entityId: dbIdOf(user.id) }, orderBy: { occurredAt: 'desc' } });
    expect(audit?.data).toMatchObject({ method: 'oidc', secondFactor: 'recovery_code' });
  });

  it('an admin links and unlinks subjects only for accounts they manage, never their own or a peer admin\'s (a township admin cannot take over a county account)', async () => {
    const admin = await asAdmin(service);
    const county = await newUser();
    await grantRole(service, admin, county.id, 'EDITOR', (await orgByKey(service, 'county')).id);
    const township = await newUser();
    await grantRole(service, admin, township.id, 'EDITOR', (await orgByKey(service, 'sanjie')).id);
    const townshipAdminAccount = await newUser();
    await grantRole(service, admin, townshipAdminAccount.id, 'ADMIN', (await orgByKey(service, 'sanjie')).id);
    const townshipAdmin = await login(service, townshipAdminAccount.username, townshipAdminAccount.password);

    const subject = `sub-${randomUUID()}`;
    expect((await callData(service, townshipAdmin, LINK, { input: { userId: county.id, subject } })).linkUserIdentity.__typename).toBe('NotFoundError');
    expect(await service.service.db.prisma.userIdentity.count({ where: { subject } })).toBe(0);
    const mine = (await callData(service, townshipAdmin, LINK, { input: { userId: township.id, subject } })).linkUserIdentity;
    expect(mine.__typename).toBe('UserIdentityPayload');

    // Not to yourself, and not to a peer administrator of the same township.
    expect((await callData(service, townshipAdmin, LINK, { input: { userId: townshipAdminAccount.id, subject: `sub-${randomUUID()}` } })).linkUserIdentity).toMatchObject({ __typename: 'InputError', code: 'INVALID_INPUT' });
    const peer = await newUser();
    await grantRole(service, admin, peer.id, 'ADMIN', (await orgByKey(service, 'sanjie')).id);
    expect((await callData(service, townshipAdmin, LINK, { input: { userId: peer.id, subject: `sub-${randomUUID()}` } })).linkUserIdentity).toMatchObject({ __typename: 'InputError', code: 'INVALID_INPUT' });
    expect((await callData(service, admin, LINK, { input: { userId: peer.id, subject: `sub-${randomUUID()}` } })).linkUserIdentity.__typename).toBe('UserIdentityPayload');

    const countyLink = (await callData(service, admin, LINK, { input: { userId: county.id, subject: `sub-${randomUUID()}` } })).linkUserIdentity;
    expect((await callData(service, townshipAdmin, UNLINK, { input: { identityId: countyLink.user.identities[0].id } })).unlinkUserIdentity.__typename).toBe('NotFoundError');
    expect((await callData(service, townshipAdmin, UNLINK, { input: { identityId: mine.user.identities[0].id } })).unlinkUserIdentity.__typename).toBe('UserIdentityPayload');
  });

  it('audits attempts that never reach the provider, and throttles an address whose exchanges keep failing', async () => {
    const prisma = service.service.db.prisma;
    const since = new Date();
    // The earlier tests of this file failed some completions from this address on purpose.
    await prisma.loginThrottle.deleteMany({ where: { key: { startsWith: 'oidc' } } });
    const complete = async (attempt: string, callbackUrl: string) =>
      (await callData(service, anonymous, `mutation($input: CompleteOidcLoginInput!) { completeOidcLogin(input: $input) { __typename ... on Error { message } ... on TooManyAttemptsError { retryAfterSeconds } } }`, {
        input: { attempt, callbackUrl },
      })).completeOidcLogin;
    const callbackUrl = `${REDIRECT_URI}?code=x&state=y`;

    // Forged attempts: refused and audited, on a counter of their own that 25 do not exhaust.
    const forged = `${(await begin()).attempt.slice(0, -4)}AAAA`;
    for (let i = 0; i < 25; i++) expect((await complete(forged, callbackUrl)).__typename, `forged ${i + 1}`).toBe('OidcSignInError');
    const refused = await prisma.auditEvent.findMany({ where: { action: 'auth.login.failed', occurredAt: { gte: since } }, select: { data: true } });
    expect(refused.map((e) => e.data)).toEqual(Array(25).fill({ method: 'oidc', reason: 'attempt_invalid' }));

    // Real attempts with a code the provider does not confirm: the 20th starts a lock, and while it
    // holds even a good attempt waits (not audited again).
    for (let i = 0; i < 20; i++) expect((await complete((await begin()).attempt, callbackUrl)).message, `exchange ${i + 1}`).toMatch(/^统一身份认证未通过/);
    const locked = await complete((await begin()).attempt, callbackUrl);
    expect(locked.__typename).toBe('TooManyAttemptsError');
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    const locks = await prisma.auditEvent.findMany({ where: { action: 'auth.login.locked', occurredAt: { gte: since } }, select: { data: true } });
    expect(locks.map((e) => e.data)).toEqual([expect.objectContaining({ method: 'oidc', counter: 'oidc', failures: 20, lockSeconds: 30 })]);
    // This file's other tests sign in from the same address.
    await prisma.loginThrottle.deleteMany({ where: { key: { startsWith: 'oidc' } } });
  });
});

describe('OpenID Connect settings and discovery', () => {
  it('production refuses plain-http callbacks except on the machine itself, and callbacks with a fragment', async () => {
    const { ConfigError, loadConfig } = await import('../src/config.js');
    const base = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent', OIDC_ISSUER: 'https://idp.example.gov.cn', OIDC_CLIENT_ID: 'gongkai' };
    expect(loadConfig({ ...base, OIDC_REDIRECT_URIS: 'https://gk.example.gov.cn/auth/callback,http://localhost:5173/cb,http://127.0.0.1:8080/cb' }).auth.oidc?.redirectUris).toHaveLength(3);
    expect(() => loadConfig({ ...base, OIDC_REDIRECT_URIS: 'http://gk.example.gov.cn/auth/callback' })).toThrow(ConfigError);
    expect(loadConfig({ ...base, OIDC_REDIRECT_URIS: 'http://[::1]:5173/cb,http://127.0.0.2/cb' }).auth.oidc?.redirectUris).toHaveLength(2);
    for (const bad of ['https://gk.example.gov.cn/auth/callback#x', 'https://gk.example.gov.cn/auth/callback#', 'https://gk.example.gov.cn/auth/callback?from=x']) {
      expect(() => loadConfig({ ...base, OIDC_REDIRECT_URIS: bad }), bad).toThrow(ConfigError);
    }
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'http://idp.example.gov.cn', OIDC_REDIRECT_URIS: 'https://gk.example.gov.cn/cb' })).toThrow(ConfigError);
  });

  it('after a failed discovery, sign-ins fail at once for a while instead of each waiting for the provider', async () => {
    const { OidcClient, DISCOVERY_RETRY_MS } = await import('../src/modules/auth/oidc.service.js');
    // A provider that is down: it takes connections and closes them at once.
    let connections = 0;
    const down = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    try {
      let now = 0;
      const client = new OidcClient(
        { issuer: `http://127.0.0.1:${(down.address() as AddressInfo).port}`, clientId: 'x', clientSecret: undefined, redirectUris: [REDIRECT_URI], scopes: 'openid', allowHttp: true, displayName: 'x' },
        () => now,
      );
      await expect(client.configuration()).rejects.toThrow(/^统一身份认证服务暂不可用/);
      const tried = connections;
      expect(tried).toBeGreaterThan(0);
      now += DISCOVERY_RETRY_MS - 1;
      await expect(client.configuration()).rejects.toThrow(/^统一身份认证服务暂不可用/);
      expect(connections).toBe(tried);
      now += 1;
      await expect(client.configuration()).rejects.toThrow(/^统一身份认证服务暂不可用/);
      expect(connections).toBeGreaterThan(tried);
    } finally {
      await new Promise((resolve) => down.close(resolve));
    }
  });
});

describe(`OpenID Connect sign-in when it is not configured (${databaseLabel})`, () => {
  let plain: TestService;
  beforeAll(async () => {
    plain = await startTestService();
  });
  afterAll(() => plain?.stop());

  it('answers OidcSignInError, and links nothing', async () => {
    const started = (await callData(plain, anonymous, BEGIN, { input: { redirectUri: REDIRECT_URI } })).beginOidcLogin;
    expect(started).toMatchObject({ __typename: 'OidcSignInError', code: 'OIDC_SIGN_IN_FAILED' });
    expect(started.message).toMatch(/^未启用统一身份认证/);
    const admin = await asAdmin(plain);
    const link = (await callData(plain, admin, LINK, { input: { userId: (await callData(plain, admin, '{ viewer { id } }')).viewer.id, subject: 'x' } })).linkUserIdentity;
    expect(link.__typename).toBe('OidcSignInError');
  });
});
