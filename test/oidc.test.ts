// Single sign-on through the province's identity provider (issue 15, part 5), against a real
// OpenID Connect provider run here (oidc-provider, its development sign-in pages driven over
// HTTP as a browser would): code flow with PKCE, state and nonce; accounts linked by subject by
// an admin, never matched by name; roles stay here; TOTP still asked; every refusal explained.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, asAdmin, callData, createUser, dbIdOf, login, type Caller } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import type { Any } from './workflow-helpers.js';

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
