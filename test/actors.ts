// Callers for the permission and security tests: signed-in demo users, channel clients with
// API keys, and forged or tampered access tokens. Every request goes over real HTTP; a request
// may come from another loopback address (127.0.0.x) so the per-address login throttle of one
// test does not leak into the next.
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import { decodeJwt, SignJWT } from 'jose';
import { TEST_JWT_SECRET, type TestService } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const DEMO_PASSWORD = 'gongkai-demo-2026';
export const ISSUER = 'gongkai';
export const AUDIENCE = 'gongkai-api';

/** Demo accounts by the org key of src/seed/data/org-tree.ts. */
export const DEMO_EDITORS = {
  zhangbaling: 'zhangbaling.editor',
  sanjie: 'sanjie.editor',
  'natural-resources': 'zrzy.editor',
  education: 'jiaoti.editor',
} as const;
export type EditorOrg = keyof typeof DEMO_EDITORS;

/** Who calls: nobody, a Bearer token, an API key, or any raw Authorization header. */
export interface Caller {
  label: string;
  token?: string;
  apiKey?: string;
  authorization?: string;
}

export const anonymous: Caller = { label: 'anonymous' };

export interface CallOptions {
  /** Local (source) address of the connection, e.g. 127.0.0.7; default 127.0.0.1. */
  from?: string;
  headers?: Record<string, string>;
  /** Path and query string; default /graphql. */
  path?: string;
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The response body exactly as sent. */
  text: string;
  body: Any;
  data?: Any;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, Any> }[];
}

/** Sends one HTTP request to the service on a fresh connection (so `from` applies to it). */
export function httpRequest(
  service: TestService,
  init: { method?: string; body?: string; headers?: Record<string, string>; path?: string; from?: string },
): Promise<HttpResult> {
  const url = new URL(init.path ?? '/graphql', service.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: init.method ?? 'POST',
        headers: { ...(init.body !== undefined ? { 'content-length': Buffer.byteLength(init.body) } : {}), ...init.headers },
        agent: false,
        ...(init.from ? { localAddress: init.from } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Any;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body, data: body?.data, errors: body?.errors });
        });
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

export function authorizationOf(caller: Caller): string | undefined {
  if (caller.authorization !== undefined) return caller.authorization;
  if (caller.token !== undefined) return `Bearer ${caller.token}`;
  if (caller.apiKey !== undefined) return `ApiKey ${caller.apiKey}`;
  return undefined;
}

/** POSTs a GraphQL operation as `caller`. */
export function call(service: TestService, caller: Caller, query: string, variables?: Record<string, unknown>, options: CallOptions = {}): Promise<HttpResult> {
  const auth = authorizationOf(caller);
  return httpRequest(service, {
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}), ...options.headers },
    ...(options.path ? { path: options.path } : {}),
    ...(options.from ? { from: options.from } : {}),
  });
}

/** `call`, then the data; throws with the errors when there are any. */
export async function callData(service: TestService, caller: Caller, query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<Any> {
  const res = await call(service, caller, query, variables, options);
  if (res.errors?.length || !res.data) throw new Error(`${caller.label}: HTTP ${res.status} ${res.text.slice(0, 2000)}`);
  return res.data;
}

// ---- Ids ------------------------------------------------------------------------------

export const gid = (type: string, uuid: string): string => Buffer.from(`${type}:${uuid}`, 'utf8').toString('base64url');
/** The database id inside a global id. */
export const dbIdOf = (globalId: string): string => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
/** The global id of an object that does not exist. */
export const unknownGid = (type: string): string => gid(type, randomUUID());

// ---- Signing in -------------------------------------------------------------------------

export const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) {
    __typename
    ... on LoginPayload { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt viewer { id username } }
    ... on Error { code message }
    ... on TooManyAttemptsError { retryAfterSeconds }
  }
}`;

export const REFRESH = `mutation Refresh($input: RefreshTokenInput!) {
  refreshToken(input: $input) {
    __typename
    ... on RefreshTokenPayload { accessToken refreshToken viewer { username } }
    ... on Error { code message }
  }
}`;

export const LOGOUT = `mutation Logout($input: LogoutInput!) { logout(input: $input) { ok } }`;

export interface Session extends Caller {
  username: string;
  token: string;
  accessToken: string;
  refreshToken: string;
  /** Database id of the user (the token's `sub`). */
  userId: string;
  /** Session (refresh family) id (the token's `sid`). */
  sessionId: string;
}

/** The raw login result (any outcome). */
export async function attemptLogin(service: TestService, username: string, password: string, options: CallOptions = {}): Promise<Any> {
  const res = await call(service, anonymous, LOGIN, { input: { username, password } }, options);
  if (res.errors?.length) throw new Error(`login ${username}: ${res.text}`);
  return res.data.login;
}

/** Signs in (throws unless it succeeds) and returns the tokens of the new session. */
export async function login(service: TestService, username: string, password = DEMO_PASSWORD, options: CallOptions = {}): Promise<Session> {
  const result = await attemptLogin(service, username, password, options);
  if (result.__typename !== 'LoginPayload') throw new Error(`login ${username}: ${JSON.stringify(result)}`);
  const claims = decodeJwt(result.accessToken);
  return {
    label: username,
    username,
    token: result.accessToken,
    accessToken: result.accessToken,
    refreshToken: result.refreshToken,
    userId: String(claims.sub),
    sessionId: String(claims.sid),
  };
}

// Each demo account signs in once per service (argon2 makes sign-ins cost ~100 ms).
const sessions = new WeakMap<TestService, Map<string, Promise<Session>>>();

/** The demo account's session on this service, signing in on first use. */
export function demoSession(service: TestService, username: string): Promise<Session> {
  let byName = sessions.get(service);
  if (!byName) sessions.set(service, (byName = new Map()));
  let session = byName.get(username);
  if (!session) {
    session = login(service, username);
    byName.set(username, session);
    session.catch(() => byName.delete(username));
  }
  return session;
}

export const asAdmin = (service: TestService) => demoSession(service, 'admin');
export const asAuditor = (service: TestService) => demoSession(service, 'auditor');
export const asEditorOf = (service: TestService, org: EditorOrg) => demoSession(service, DEMO_EDITORS[org]);
export const asReviewerOf = (service: TestService, org: EditorOrg) => demoSession(service, DEMO_EDITORS[org].replace('.editor', '.reviewer'));

// ---- Administration through the API -------------------------------------------------------

export type ChannelKind = 'WEBSITE' | 'MINI_PROGRAM' | 'KIOSK' | 'NEW_MEDIA' | 'OTHER';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA', 'OTHER'];

export interface IssuedKey {
  apiKeyId: string;
  key: string;
  prefix: string;
}

export interface ChannelWithKey extends Caller, IssuedKey {
  channelId: string;
  kind: ChannelKind;
  apiKey: string;
}

/**
 * Issues a key for a channel as `admin`; throws unless the key is issued. Test keys may send query
 * text unless asked otherwise (`trustedDocumentsOnly: true`; the API's default for new keys is
 * true, which test/trusted-documents.test.ts checks).
 */
export async function issueKey(
  service: TestService,
  admin: Caller,
  channelId: string,
  input: { label?: string; expiresAt?: string; trustedDocumentsOnly?: boolean } = {},
): Promise<IssuedKey> {
  const data = await callData(
    service,
    admin,
    `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) {
      __typename ... on IssueApiKeyPayload { key apiKey { id prefix } } ... on Error { code message } } }`,
    { input: { channelClientId: channelId, trustedDocumentsOnly: false, ...input } },
  );
  const r = data.issueApiKey;
  if (r.__typename !== 'IssueApiKeyPayload') throw new Error(`issueApiKey: ${JSON.stringify(r)}`);
  return { apiKeyId: r.apiKey.id, key: r.key, prefix: r.apiKey.prefix };
}

export async function revokeKey(service: TestService, admin: Caller, apiKeyId: string): Promise<Any> {
  const data = await callData(
    service,
    admin,
    `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename ... on RevokeApiKeyPayload { apiKey { id revokedAt } } ... on Error { code } } }`,
    { input: { apiKeyId } },
  );
  return data.revokeApiKey;
}

/** Registers a channel client of `kind` as `admin` and issues it a key. */
export async function createChannelWithKey(
  service: TestService,
  admin: Caller,
  kind: ChannelKind,
  options: { name?: string; orgUnitId?: string; key?: { label?: string; expiresAt?: string; trustedDocumentsOnly?: boolean } } = {},
): Promise<ChannelWithKey> {
  const data = await callData(
    service,
    admin,
    `mutation($input: CreateChannelClientInput!) { createChannelClient(input: $input) {
      __typename ... on CreateChannelClientPayload { channelClient { id kind } } ... on Error { code message } } }`,
    { input: { name: options.name ?? `test ${kind} ${randomUUID().slice(0, 8)}`, kind, ...(options.orgUnitId ? { orgUnitId: options.orgUnitId } : {}) } },
  );
  const r = data.createChannelClient;
  if (r.__typename !== 'CreateChannelClientPayload') throw new Error(`createChannelClient: ${JSON.stringify(r)}`);
  const issued = await issueKey(service, admin, r.channelClient.id, options.key);
  return { label: `channel ${kind}`, channelId: r.channelClient.id, kind, apiKey: issued.key, ...issued };
}

/** Creates an account as `admin` (no roles); returns its global id. */
export async function createUser(service: TestService, admin: Caller, username: string, password: string, displayName = username): Promise<string> {
  const data = await callData(
    service,
    admin,
    `mutation($input: CreateUserInput!) { createUser(input: $input) { __typename ... on CreateUserPayload { user { id } } ... on Error { code message } } }`,
    { input: { username, password, displayName } },
  );
  const r = data.createUser;
  if (r.__typename !== 'CreateUserPayload') throw new Error(`createUser ${username}: ${JSON.stringify(r)}`);
  return r.user.id;
}

/** Grants `role` on the org unit as `admin`; returns the grant's global id. */
export async function grantRole(service: TestService, admin: Caller, userId: string, role: string, orgUnitId: string): Promise<string> {
  const data = await callData(
    service,
    admin,
    `mutation($input: GrantRoleInput!) { grantRole(input: $input) { __typename ... on GrantRolePayload { grantId } ... on Error { code message } } }`,
    { input: { userId, role, orgUnitId } },
  );
  const r = data.grantRole;
  if (r.__typename !== 'GrantRolePayload') throw new Error(`grantRole: ${JSON.stringify(r)}`);
  return r.grantId;
}

export async function deactivateUser(service: TestService, admin: Caller, userId: string): Promise<Any> {
  const data = await callData(
    service,
    admin,
    `mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { __typename ... on DeactivateUserPayload { user { status } } ... on Error { code message } } }`,
    { input: { userId } },
  );
  return data.deactivateUser;
}

/** The global id of the org unit with this code. */
export async function orgUnitId(service: TestService, code: string): Promise<string> {
  const data = await callData(service, anonymous, `query($code: String!) { orgUnit(code: $code) { id } }`, { code });
  if (!data.orgUnit) throw new Error(`no org unit ${code}`);
  return data.orgUnit.id;
}

// ---- Forged tokens --------------------------------------------------------------------------

export interface ForgeOptions {
  /** Header alg; 'none' leaves the signature empty; other non-HS256 values are HMAC-signed by hand. */
  alg?: 'HS256' | 'none' | 'RS256' | 'HS512';
  /** Header typ; null leaves it out. Default 'at+jwt'. */
  typ?: string | null;
  /** Signing key; default TEST_JWT_SECRET. */
  secret?: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Claims of a valid access token for the session, with `overrides` applied (undefined removes a claim). */
export function accessClaims(session: { userId: string; sessionId: string }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = nowSeconds();
  const claims: Record<string, unknown> = { sid: session.sessionId, sub: session.userId, iss: ISSUER, aud: AUDIENCE, iat, exp: iat + 900 };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete claims[k];
    else claims[k] = v;
  }
  return claims;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Signs `claims` as an access token would be (HS256 with jose), or tampers with the header. */
export async function forgeToken(claims: Record<string, unknown>, options: ForgeOptions = {}): Promise<string> {
  const alg = options.alg ?? 'HS256';
  const typ = options.typ === undefined ? 'at+jwt' : options.typ;
  const secret = options.secret ?? TEST_JWT_SECRET;
  const header: Record<string, string> = { alg, ...(typ === null ? {} : { typ }) };
  if (alg === 'HS256') {
    return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(new TextEncoder().encode(secret));
  }
  const signingInput = `${b64url(header)}.${b64url(claims)}`;
  if (alg === 'none') return `${signingInput}.`;
  // Key confusion: the HS secret used as if it were the key of another algorithm.
  const digest = alg === 'HS512' ? 'sha512' : 'sha256';
  return `${signingInput}.${createHmac(digest, secret).update(signingInput).digest('base64url')}`;
}

// ---- Response comparison -----------------------------------------------------------------

/** The body without per-request values (request ids), for comparing two responses. */
export function withoutRequestIds(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withoutRequestIds);
  if (body && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'requestId').map(([k, v]) => [k, withoutRequestIds(v)]));
  }
  return body;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
