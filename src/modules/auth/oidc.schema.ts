// Single sign-on (oidc.service.ts) in GraphQL: the two steps of a sign-in through the province's
// identity provider, and the admin's links between provider subjects and accounts.
import { builder } from '../../graphql/builder.js';
import { ErrorInterface } from '../../graphql/error-types.js';
import { AlreadyExistsError, InputError, NotFoundError } from '../../errors.js';
import { actorOf } from '../audit/audit.service.js';
import { UserRef } from '../users/user.schema.js';
import { firstStepResult, TokenFields, TotpEnrolmentRequired, TotpRequired } from './auth.schema.js';
import { TooManyAttemptsError, unlessThrottled } from './auth.errors.js';
import { beginOidcLogin, completeOidcLogin, linkUserIdentity, OidcSignInError, unlinkUserIdentity } from './oidc.service.js';

builder.objectType(OidcSignInError, {
  name: 'OidcSignInError',
  description: '统一身份认证失败 — single sign-on is off, the provider could not be reached or refused, the attempt expired, or no account here is linked to the provider\'s subject (the message names it).',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof OidcSignInError,
});

const UserIdentityRef = builder.prismaNode('UserIdentity', {
  description: '统一身份认证账号 — a subject of the identity provider linked to this account (admins and auditors).',
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    issuer: t.exposeString('issuer', { description: '认证方 — the provider\'s issuer URL.' }),
    subject: t.exposeString('subject', { description: '主体标识 — the provider\'s `sub` claim.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '关联时间 — when it was linked.' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: '最近登录 — last sign-in through it.' }),
    user: t.relation('user', { description: '用户 — the linked account.' }),
  }),
});

builder.prismaObjectField('User', 'identities', (t) =>
  t.relation('identities', { description: '统一身份认证账号 — provider subjects that sign in as this user (admins and auditors).', query: { orderBy: { createdAt: 'asc' } } }),
);

const BeginOidcLoginPayload = builder.objectRef<{ authorizationUrl: string; attempt: string; expiresAt: Date }>('BeginOidcLoginPayload').implement({
  description: '统一身份认证登录 — where to send the browser, and the attempt to keep until it comes back.',
  fields: (t) => ({
    authorizationUrl: t.exposeString('authorizationUrl', { description: '认证地址 — send the browser here (the provider\'s sign-in page).' }),
    attempt: t.exposeString('attempt', { description: '登录凭据 — keep it (e.g. sessionStorage) and pass it to completeOidcLogin; sealed, valid 10 minutes.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: '过期时间 — the attempt is refused after this.' }),
  }),
});

const OidcLoginPayload = TokenFields('OidcLoginPayload', '统一身份认证登录结果 — tokens of the new session and the signed-in user.');
const UserIdentityPayload = builder.objectRef<{ userId: string }>('UserIdentityPayload').implement({
  description: '统一身份认证账号结果 — the user with their linked subjects.',
  fields: (t) => ({
    user: t.prismaField({ type: UserRef, description: '用户 — the account.', resolve: (query, p, _a, ctx) => ctx.db.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }) }),
  }),
});

builder.mutationFields((t) => ({
  beginOidcLogin: t.fieldWithInput({
    type: BeginOidcLoginPayload,
    description: '统一身份认证登录 — the first step of signing in through the province\'s identity provider (OpenID Connect, code flow with PKCE).',
    typeOptions: { description: '统一身份认证输入 — the front end\'s callback page.' },
    input: { redirectUri: t.input.string({ required: true, description: '回调地址 — one of OIDC_REDIRECT_URIS: where the provider sends the browser back.' }) },
    errors: { types: [OidcSignInError], union: { description: '统一身份认证登录结果 — where to go, or why not.' } },
    resolve: (_r, { input }, ctx) => beginOidcLogin(ctx.config.auth, input.redirectUri, ctx.now),
  }),
  completeOidcLogin: t.fieldWithInput({
    type: OidcLoginPayload,
    description: '完成统一身份认证 — the second step: the attempt and the address the browser came back to; signs in the account linked to the provider\'s subject.',
    typeOptions: { description: '完成统一身份认证输入 — the attempt and the callback URL with its query (code, state).' },
    input: {
      attempt: t.input.string({ required: true, description: '登录凭据 — BeginOidcLoginPayload.attempt.' }),
      callbackUrl: t.input.string({ required: true, description: '回调地址 — the full address the provider sent the browser to (redirectUri?code=…&state=…).' }),
    },
    errors: {
      types: [OidcSignInError, TotpRequired, TotpEnrolmentRequired, TooManyAttemptsError],
      union: { description: '完成统一身份认证结果 — the session; `TotpRequired` for an account with two-factor sign-in (completeLogin); or why not.' },
    },
    resolve: async (_r, { input }, ctx) => {
      return firstStepResult(unlessThrottled(await completeOidcLogin(ctx.db, ctx.config.auth, input, actorOf(ctx), ctx.now)));
    },
  }),
  linkUserIdentity: t.fieldWithInput({
    type: UserIdentityPayload,
    description: '关联统一身份认证账号 — let the provider\'s subject sign in as this user (admins of all the user\'s units). Audited.',
    typeOptions: { description: '关联输入 — the user and the provider\'s `sub`.' },
    input: {
      userId: t.input.globalID({ required: true, for: UserRef, description: '用户 — the account.' }),
      subject: t.input.string({ required: true, description: '主体标识 — the provider\'s `sub` claim (shown in the sign-in error of an unlinked subject).' }),
    },
    errors: { types: [InputError, NotFoundError, AlreadyExistsError, OidcSignInError], union: { description: '关联结果 — the user, or why not.' } },
    resolve: async (_r, { input }, ctx) => {
      await linkUserIdentity(ctx.db, ctx.config.auth, ctx.viewer, actorOf(ctx), { userId: input.userId.id, subject: input.subject });
      return { userId: input.userId.id };
    },
  }),
  unlinkUserIdentity: t.fieldWithInput({
    type: UserIdentityPayload,
    description: '解除统一身份认证关联 — the subject no longer signs in as this user (admins of all the user\'s units); sessions already started stay until they end. Audited.',
    typeOptions: { description: '解除关联输入 — the link.' },
    input: { identityId: t.input.globalID({ required: true, for: UserIdentityRef, description: '统一身份认证账号 — the link to remove.' }) },
    errors: { types: [NotFoundError], union: { description: '解除关联结果 — the user, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({ userId: await unlinkUserIdentity(ctx.db, ctx.viewer, actorOf(ctx), input.identityId.id) }),
  }),
}));
