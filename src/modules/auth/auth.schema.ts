import { builder } from '../../graphql/builder.js';
import { ErrorInterface, OkPayload } from '../../graphql/error-types.js';
import { actorOf } from '../audit/audit.service.js';
import { UserRef } from '../users/user.schema.js';
import { InvalidCredentialsError, InvalidRefreshTokenError, InvalidSecondFactorError, LoginChallengeInvalidError, TooManyAttemptsError, unlessThrottled } from './auth.errors.js';
import { completeLogin, login } from './login.service.js';
import { endSession, rotateRefreshToken, type IssuedTokens } from './session.service.js';

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  description: '凭据无效 — wrong username or password (the same answer for unknown and deactivated accounts).',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InvalidCredentialsError,
});

builder.objectType(TooManyAttemptsError, {
  name: 'TooManyAttemptsError',
  description: '尝试过多 — sign-in is locked for a while after repeated failures.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof TooManyAttemptsError,
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: '等待秒数 — seconds until the next attempt is accepted.' }) }),
});

builder.objectType(InvalidRefreshTokenError, {
  name: 'InvalidRefreshTokenError',
  description: '会话无效 — the refresh token is unknown, expired, already used or revoked.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InvalidRefreshTokenError,
});

type TokenPayload = IssuedTokens & { userId: string };

/**
 * Not failures, but results of `login` other than a session: members of its result union
 * (thrown like its errors, so clients that select only `LoginPayload` and `Error` keep working
 * for every account that has no TOTP).
 */
export class TotpRequired extends Error {
  constructor(
    readonly challenge: string,
    readonly challengeExpiresAt: Date,
  ) {
    super('需要两步验证码 — enter the code of your authenticator app (completeLogin).');
  }
}

export class TotpEnrolmentRequired extends Error {
  constructor(readonly payload: TokenPayload) {
    super('管理员须启用两步验证 — administrators must enable two-factor sign-in: until it is confirmed only beginTotpEnrolment, confirmTotpEnrolment, viewer, refreshToken and logout are allowed.');
  }
}

builder.objectType(InvalidSecondFactorError, {
  name: 'InvalidSecondFactorError',
  description: '验证码无效 — the TOTP code or recovery code is wrong, expired or already used.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InvalidSecondFactorError,
});

builder.objectType(LoginChallengeInvalidError, {
  name: 'LoginChallengeInvalidError',
  description: '登录验证失效 — the challenge of `login` is invalid or expired (5 minutes); sign in again.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof LoginChallengeInvalidError,
});

builder.objectType(TotpRequired, {
  name: 'TotpRequired',
  description: '需要两步验证 — the password was right and the account has TOTP: call `completeLogin` with this challenge and a code (no tokens yet).',
  isTypeOf: (e) => e instanceof TotpRequired,
  fields: (t) => ({
    challenge: t.exposeString('challenge', { description: '登录验证 — pass it to `completeLogin`; valid 5 minutes, for this account only.' }),
    challengeExpiresAt: t.expose('challengeExpiresAt', { type: 'DateTime', description: '过期时间 — when the challenge expires.' }),
    message: t.exposeString('message', { description: '说明 — what to do next.' }),
  }),
});

export const TokenFields = (name: string, description: string) =>
  builder.objectRef<TokenPayload>(name).implement({
    description,
    fields: (t) => ({
      accessToken: t.exposeString('accessToken', { description: '访问令牌 — send as `Authorization: Bearer <token>`; valid 15 minutes at most.' }),
      accessTokenExpiresAt: t.expose('accessTokenExpiresAt', { type: 'DateTime', description: '访问令牌过期 — when the access token expires.' }),
      refreshToken: t.exposeString('refreshToken', { description: '刷新令牌 — single use; exchange it with `refreshToken` for new tokens.' }),
      refreshTokenExpiresAt: t.expose('refreshTokenExpiresAt', { type: 'DateTime', description: '刷新令牌过期 — when the refresh token expires.' }),
      viewer: t.prismaField({
        type: UserRef,
        description: '当前用户 — the signed-in user with their roles.',
        resolve: (query, payload, _args, ctx) => ctx.db.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } }),
      }),
    }),
  });

const LoginPayload = TokenFields('LoginPayload', '登录结果 — tokens of the new session and the signed-in user.');
const CompleteLoginPayload = TokenFields('CompleteLoginPayload', '登录结果 — tokens of the new session (second factor accepted) and the signed-in user.');

builder.objectType(TotpEnrolmentRequired, {
  name: 'TotpEnrolmentRequired',
  description:
    '须启用两步验证 — TOTP_REQUIRED_FOR_ADMINS is on and this administrator has no TOTP: a session is started, but until `confirmTotpEnrolment` succeeds it may only enrol, read `viewer`, refresh its tokens and log out (everything else answers FORBIDDEN).',
  isTypeOf: (e) => e instanceof TotpEnrolmentRequired,
  fields: (t) => ({
    accessToken: t.string({ description: '访问令牌 — of the restricted session.', resolve: (e) => e.payload.accessToken }),
    accessTokenExpiresAt: t.field({ type: 'DateTime', description: '访问令牌过期 — when the access token expires.', resolve: (e) => e.payload.accessTokenExpiresAt }),
    refreshToken: t.string({ description: '刷新令牌 — single use, as in `LoginPayload`.', resolve: (e) => e.payload.refreshToken }),
    refreshTokenExpiresAt: t.field({ type: 'DateTime', description: '刷新令牌过期 — when the refresh token expires.', resolve: (e) => e.payload.refreshTokenExpiresAt }),
    message: t.exposeString('message', { description: '说明 — what to do next.' }),
  }),
});
const RefreshTokenPayload = TokenFields('RefreshTokenPayload', '刷新结果 — the new tokens (the old refresh token is now used up).');

/**
 * A first sign-in step (password or identity provider) as the API answers it: the session, or
 * TotpRequired (the account has a second factor), or TotpEnrolmentRequired (a restricted session
 * of an administrator who must enrol).
 */
export function firstStepResult(
  outcome: { kind: 'ok'; userId: string; tokens: IssuedTokens; totpEnrolmentRequired?: boolean } | { kind: 'totp_required'; challenge: string; expiresAt: Date },
): IssuedTokens & { userId: string } {
  if (outcome.kind === 'totp_required') throw new TotpRequired(outcome.challenge, outcome.expiresAt);
  if (outcome.totpEnrolmentRequired) throw new TotpEnrolmentRequired({ ...outcome.tokens, userId: outcome.userId });
  return { ...outcome.tokens, userId: outcome.userId };
}

builder.mutationFields((t) => ({
  login: t.fieldWithInput({
    type: LoginPayload,
    description: '登录 — sign in with username and password.',
    typeOptions: { description: '登录输入 — credentials.' },
    input: {
      username: t.input.string({ required: true, description: '用户名 — login name (case-insensitive).' }),
      password: t.input.string({ required: true, description: '密码 — password.' }),
    },
    errors: {
      types: [InvalidCredentialsError, TooManyAttemptsError, TotpRequired, TotpEnrolmentRequired],
      union: {
        description:
          '登录结果 — the session; or `TotpRequired` (the account has two-factor sign-in: call `completeLogin`); or `TotpEnrolmentRequired` (an administrator who must enrol first); or why sign-in failed.',
      },
    },
    resolve: async (_root, { input }, ctx) => {
      const outcome = unlessThrottled(await login(ctx.db, ctx.config.auth, input, actorOf(ctx), ctx.now));
      if (outcome.kind === 'invalid') throw new InvalidCredentialsError();
      return firstStepResult(outcome);
    },
  }),
  completeLogin: t.fieldWithInput({
    type: CompleteLoginPayload,
    description: '完成登录 — the second step of signing in with TOTP: the challenge of `login` and a current code or one of your recovery codes.',
    typeOptions: { description: '完成登录输入 — the challenge and one second factor.' },
    input: {
      challenge: t.input.string({ required: true, description: '登录验证 — `TotpRequired.challenge`.' }),
      code: t.input.string({ required: false, description: '验证码 — the 6-digit code of the authenticator app.' }),
      recoveryCode: t.input.string({ required: false, description: '恢复码 — one of the recovery codes (each works once), if the app is lost.' }),
    },
    errors: {
      types: [InvalidSecondFactorError, LoginChallengeInvalidError, TooManyAttemptsError],
      union: { description: '完成登录结果 — the session, or why not.' },
    },
    resolve: async (_root, { input }, ctx) => {
      const outcome = unlessThrottled(await completeLogin(ctx.db, ctx.config.auth, input, actorOf(ctx), ctx.now));
      if (outcome.kind === 'challenge_invalid') throw new LoginChallengeInvalidError();
      if (outcome.kind === 'wrong') throw new InvalidSecondFactorError();
      return { ...outcome.tokens, userId: outcome.userId };
    },
  }),
  refreshToken: t.fieldWithInput({
    type: RefreshTokenPayload,
    description: '刷新令牌 — exchange a refresh token for new tokens (rotation; reusing an old one ends the session).',
    typeOptions: { description: '刷新输入 — the refresh token.' },
    input: { refreshToken: t.input.string({ required: true, description: '刷新令牌 — the current refresh token.' }) },
    errors: { types: [InvalidRefreshTokenError], union: { description: '刷新结果 — new tokens, or why not.' } },
    resolve: async (_root, { input }, ctx) => {
      const outcome = await rotateRefreshToken(ctx.db, ctx.config.auth, input.refreshToken, actorOf(ctx), ctx.now);
      if (outcome.kind === 'invalid') throw new InvalidRefreshTokenError();
      return { ...outcome.tokens, userId: outcome.userId };
    },
  }),
  logout: t.fieldWithInput({
    type: OkPayload,
    description: '退出登录 — end the session of this refresh token; its access tokens stop working at once.',
    typeOptions: { description: '退出输入 — the refresh token of the session.' },
    input: { refreshToken: t.input.string({ required: true, description: '刷新令牌 — the session\'s refresh token.' }) },
    resolve: async (_root, { input }, ctx) => {
      await endSession(ctx.db, input.refreshToken, actorOf(ctx), ctx.now);
      return { ok: true as const };
    },
  }),
}));

builder.queryField('viewer', (t) =>
  t.prismaField({
    type: UserRef,
    nullable: true,
    description: '当前用户 — the signed-in user with their roles; null for anonymous callers and channels.',
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer.kind === 'user' ? ctx.db.user.findUnique({ ...query, where: { id: ctx.viewer.userId } }) : null,
  }),
);
