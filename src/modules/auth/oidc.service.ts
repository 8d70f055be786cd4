// Single sign-on with the province's identity provider (统一身份认证) over OpenID Connect: the
// authorization code flow with PKCE, a state and a nonce, through GraphQL alone (no cookies, as
// everywhere in this API):
//   1. `beginOidcLogin(redirectUri)` answers the provider's authorization URL and an `attempt` —
//      the PKCE verifier, state, nonce and redirect URI, sealed (AES-256-GCM, key from
//      JWT_SECRET) and valid 10 minutes. The front end keeps the attempt (sessionStorage) and
//      sends the browser to the URL.
//   2. The provider signs the person in and sends the browser back to the redirect URI with a
//      code. The front end calls `completeOidcLogin(attempt, callbackUrl)`: the code is exchanged,
//      the ID token checked (issuer, audience, expiry, nonce; it comes straight from the token
//      endpoint over TLS, which openid-client relies on instead of its signature), and the account linked to its
//      `sub` (linkUserIdentity, by an admin) is signed in with a session like a password sign-in
//      (an account with TOTP still gives its code: completeLogin).
// A subject no admin linked signs nobody in: accounts are never created or matched by name or
// e-mail here, and roles are granted in this system only.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { AuthConfig, OidcConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import { AlreadyExistsError, InputError, NotFoundError } from '../../errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import type { Viewer } from '../../auth/viewer.js';
import { assertCredentialsResettable, manageableUser } from '../users/user.service.js';
import { finishSignIn } from './login.service.js';
import { countAttempt, forgiveAttempt, type Policy } from './login-throttle.js';
import type { IssuedTokens } from './session.service.js';
import { issueChallenge } from './totp.service.js';
import type { Throttled } from './auth.errors.js';

const ATTEMPT_SECONDS = 600;

export class OidcSignInError extends Error {
  readonly code = 'OIDC_SIGN_IN_FAILED';
  constructor(message: string) {
    super(message);
  }
}

const sealKey = (auth: AuthConfig) => Buffer.from(hkdfSync('sha256', auth.jwtSecret, 'gongkai-oidc', 'sign-in attempt v1', 32));

interface Attempt {
  verifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
  /** Unix seconds. */
  expires: number;
}

function seal(auth: AuthConfig, attempt: Attempt): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(auth), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(attempt), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function unseal(auth: AuthConfig, sealed: string, now: Date): Attempt | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', sealKey(auth), raw.subarray(0, 12), { authTagLength: 16 });
    decipher.setAuthTag(raw.subarray(12, 28));
    const attempt = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as Attempt;
    return attempt.expires * 1000 > now.getTime() ? attempt : undefined;
  } catch {
    return undefined;
  }
}

const notConfigured = () => new OidcSignInError('未启用统一身份认证 — single sign-on is not configured on this server (OIDC_ISSUER).');

/** After a failed discovery, sign-ins fail at once for this long instead of each waiting for the provider. */
export const DISCOVERY_RETRY_MS = 15_000;

const unavailable = () => new OidcSignInError('统一身份认证服务暂不可用 — the identity provider cannot be reached; try again shortly.');

/** The provider's configuration, discovered once (again after a failure, at most every DISCOVERY_RETRY_MS). */
export class OidcClient {
  private discovered: Promise<oidc.Configuration> | undefined;
  private failedAt = -Infinity;
  /** `clock`: milliseconds of a monotonic clock (tests pass their own). */
  constructor(
    readonly settings: OidcConfig,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  configuration(): Promise<oidc.Configuration> {
    if (!this.discovered && this.clock() - this.failedAt < DISCOVERY_RETRY_MS) return Promise.reject(unavailable());
    this.discovered ??= oidc
      .discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, this.settings.clientSecret ? oidc.ClientSecretBasic(this.settings.clientSecret) : oidc.None(), {
        ...(this.settings.allowHttp ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch(() => {
        this.discovered = undefined;
        this.failedAt = this.clock();
        // The provider's own words stay out of answers to anonymous callers.
        throw unavailable();
      });
    return this.discovered;
  }
}

/** One client per configuration: discovery is shared by every request of a process. */
const clients = new WeakMap<OidcConfig, OidcClient>();
export function oidcClientOf(auth: AuthConfig): OidcClient | undefined {
  if (!auth.oidc) return undefined;
  let client = clients.get(auth.oidc);
  if (!client) clients.set(auth.oidc, (client = new OidcClient(auth.oidc)));
  return client;
}

export async function beginOidcLogin(auth: AuthConfig, redirectUri: string, now: Date): Promise<{ authorizationUrl: string; attempt: string; expiresAt: Date }> {
  const client = oidcClientOf(auth);
  if (!client) throw notConfigured();
  if (!client.settings.redirectUris.includes(redirectUri)) {
    throw new OidcSignInError('回调地址未登记 — redirectUri is not one of the callback pages this server knows (OIDC_REDIRECT_URIS).');
  }
  const configuration = await client.configuration();
  const attempt: Attempt = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), redirectUri, expires: Math.floor(now.getTime() / 1000) + ATTEMPT_SECONDS };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: client.settings.scopes,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(attempt.verifier),
    code_challenge_method: 'S256',
    state: attempt.state,
    nonce: attempt.nonce,
  });
  return { authorizationUrl: url.href, attempt: seal(auth, attempt), expiresAt: new Date(attempt.expires * 1000) };
}

export type OidcLoginOutcome =
  | { kind: 'ok'; userId: string; tokens: IssuedTokens; totpEnrolmentRequired?: boolean }
  | { kind: 'totp_required'; challenge: string; expiresAt: Date }
  | Throttled;

/**
 * Completions per address that reach the provider's token endpoint (each costs a call there): an
 * address that keeps failing waits (20 free, then 30 s doubled up to 15 minutes); a success
 * takes its attempt back. Attempts refused before that (forged, expired, another callback) are
 * cheap but audited: they count on a counter of their own with a higher limit, so that a
 * colleague's stale tabs cannot lock an office out, and nobody can fill the audit log.
 */
export const OIDC_POLICY: Policy = { scope: 'oidc', freeFailures: 20, baseLockSeconds: 30 };
export const OIDC_REFUSAL_POLICY: Policy = { scope: 'oidc', freeFailures: 100, baseLockSeconds: 30 };
const exchangeKey = (address: string) => `oidc:${address}`;
const refusalKey = (address: string) => `oidc-refused:${address}`;

/** Counts an attempt on `key` (auditing the start of a lock); the seconds of a lock in force, or 0. */
async function counted(db: Db, actor: AuditActor, key: string, policy: Policy, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const count = await countAttempt(tx, key, policy, now);
    if (count.startedLock > 0) {
      await recordAudit(tx, actor, { action: 'auth.login.locked', data: { method: 'oidc', scope: policy.scope, counter: key.split(':')[0]!, failures: count.failures, lockSeconds: count.startedLock } });
    }
    return count.lockedFor;
  });
}

type Refusal = { kind: 'refused'; reason: 'attempt_invalid' | 'callback_mismatch'; message: string };

/** The attempt, or why it is refused before the provider is asked. */
function checkedAttempt(auth: AuthConfig, input: { attempt: string; callbackUrl: string }, now: Date): Attempt | Refusal {
  const attempt = unseal(auth, input.attempt, now);
  if (!attempt) return { kind: 'refused', reason: 'attempt_invalid', message: '登录已过期 — this sign-in attempt is unknown or older than 10 minutes; start again.' };
  if (!URL.canParse(input.callbackUrl) || !input.callbackUrl.startsWith(`${attempt.redirectUri}?`)) {
    return { kind: 'refused', reason: 'callback_mismatch', message: '回调地址不符 — callbackUrl must be the redirect URI the provider sent the browser back to, with its query.' };
  }
  return attempt;
}

export async function completeOidcLogin(db: Db, auth: AuthConfig, input: { attempt: string; callbackUrl: string }, actor: AuditActor, now: Date): Promise<OidcLoginOutcome> {
  const client = oidcClientOf(auth);
  if (!client) throw notConfigured();
  // A provider that is down fails here, before anything is counted against the caller.
  const configuration = await client.configuration();
  const address = actor.address ?? 'unknown';
  const attempt = checkedAttempt(auth, input, now);
  if ('kind' in attempt) {
    const locked = await counted(db, actor, refusalKey(address), OIDC_REFUSAL_POLICY, now);
    if (locked > 0) return { kind: 'throttled', retryAfterSeconds: locked };
    await db.$transaction((tx) => recordAudit(tx, actor, { action: 'auth.login.failed', data: { method: 'oidc', reason: attempt.reason } }));
    throw new OidcSignInError(attempt.message);
  }
  const key = exchangeKey(address);
  const locked = await counted(db, actor, key, OIDC_POLICY, now);
  if (locked > 0) return { kind: 'throttled', retryAfterSeconds: locked };
  let claims: { iss: string; sub: string } | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, new URL(input.callbackUrl), {
      pkceCodeVerifier: attempt.verifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (error) {
    await db.$transaction((tx) => recordAudit(tx, actor, { action: 'auth.login.failed', data: { method: 'oidc', reason: 'provider_refused', detail: (error as Error).message.slice(0, 200) } }));
    throw new OidcSignInError('统一身份认证未通过 — the identity provider did not confirm the sign-in (the audit log has the reason); start again.');
  }
  const { iss, sub } = claims!;
  const identity = await db.userIdentity.findUnique({
    where: { issuer_subject: { issuer: iss, subject: sub } },
    select: {
      id: true,
      user: { select: { id: true, username: true, status: true, totp: { select: { confirmedAt: true } }, grants: { where: { role: 'ADMIN' }, select: { id: true }, take: 1 } } },
    },
  });
  if (!identity || identity.user.status !== 'ACTIVE') {
    await db.$transaction((tx) =>
      recordAudit(tx, actor, { action: 'auth.login.failed', entityType: identity ? 'User' : undefined, entityId: identity?.user.id, data: { method: 'oidc', reason: identity ? 'deactivated' : 'not_linked', subject: sub } }),
    );
    throw new OidcSignInError(`此统一身份账号未关联可用的本系统账号 — no active account here is linked to subject '${sub.slice(0, 100)}'; an administrator links it (linkUserIdentity).`);
  }
  const user = identity.user;
  if (user.totp?.confirmedAt) {
    // An account with a second factor keeps it behind single sign-on too: completeLogin, as after a password.
    await db.$transaction(async (tx) => {
      await forgiveAttempt(tx, key);
      await tx.userIdentity.update({ where: { id: identity.id }, data: { lastUsedAt: now } });
      await recordAudit(tx, { ...actor, userId: user.id }, { action: 'auth.login.second_factor_required', entityType: 'User', entityId: user.id, data: { method: 'oidc' } });
    });
    return { kind: 'totp_required', ...(await issueChallenge(auth, user.id, now, 'oidc')) };
  }
  const tokens = await db.$transaction(async (tx) => {
    await forgiveAttempt(tx, key);
    await tx.userIdentity.update({ where: { id: identity.id }, data: { lastUsedAt: now } });
    return finishSignIn(tx, auth, user, actor.address ?? 'unknown', actor, now, { method: 'oidc', subject: sub });
  });
  const totpEnrolmentRequired = auth.totpRequiredForAdmins && user.grants.length > 0;
  return { kind: 'ok', userId: user.id, tokens, ...(totpEnrolmentRequired ? { totpEnrolmentRequired } : {}) };
}

/**
 * Links the provider's subject `subject` (of OIDC_ISSUER) to a user the caller manages (an admin
 * of every unit the user holds a role on): a link signs in as that account, so an admin of one
 * township must not be able to attach a subject of theirs to an account above them. One
 * subject, one user.
 */
export async function linkUserIdentity(db: Db, auth: AuthConfig, viewer: Viewer, actor: AuditActor, input: { userId: string; subject: string }): Promise<string> {
  if (!auth.oidc) throw notConfigured();
  const subject = input.subject.trim();
  if (subject === '' || subject.length > 255) throw new InputError('subject', '主体标识须为1至255个字符 — subject must be 1 to 255 characters (the provider\'s `sub` claim).');
  // The issuer as the provider states it (and its ID tokens carry it), not as OIDC_ISSUER spells
  // it: `https://idp/` and `https://idp` are one provider to discovery, two strings to a lookup.
  const issuer = (await oidcClientOf(auth)!.configuration()).serverMetadata().issuer;
  if (viewer.kind === 'user' && viewer.userId === input.userId) {
    throw new InputError('userId', '不能给自己关联统一身份认证账号 — another administrator links your account (a stolen session alone must not add a way in).');
  }
  return db.$transaction(async (tx) => {
    const user = await manageableUser(tx, viewer, input.userId);
    assertCredentialsResettable(viewer, user);
    const taken = await tx.userIdentity.findUnique({ where: { issuer_subject: { issuer, subject } }, select: { userId: true } });
    if (taken) throw new AlreadyExistsError('subject');
    const identity = await tx.userIdentity
      .create({ data: { userId: user.id, issuer, subject } })
      .catch((error: unknown) => {
        // Linked by another admin at the same moment.
        if ((error as { code?: string }).code === 'P2002') throw new AlreadyExistsError('subject');
        throw error;
      });
    await recordAudit(tx, actor, { action: 'user.identity_linked', entityType: 'User', entityId: user.id, data: { issuer: identity.issuer, subject } });
    return identity.id;
  });
}

/** Removes a link of a user the caller manages (unknown and out-of-reach links answer alike). */
export async function unlinkUserIdentity(db: Db, viewer: Viewer, actor: AuditActor, identityId: string): Promise<string> {
  return db.$transaction(async (tx) => {
    const identity = await tx.userIdentity.findUnique({ where: { id: identityId } });
    if (!identity) throw new NotFoundError('identity');
    await manageableUser(tx, viewer, identity.userId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError('identity') : error;
    });
    await tx.userIdentity.delete({ where: { id: identityId } });
    await recordAudit(tx, actor, { action: 'user.identity_unlinked', entityType: 'User', entityId: identity.userId, data: { issuer: identity.issuer, subject: identity.subject } });
    return identity.userId;
  });
}
