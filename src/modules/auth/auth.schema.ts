import { builder } from '../../graphql/builder.js';
import { ErrorInterface, OkPayload } from '../../graphql/error-types.js';
import { actorOf } from '../audit/audit.service.js';
import { UserRef } from '../users/user.schema.js';
import { InvalidCredentialsError, InvalidRefreshTokenError, TooManyAttemptsError } from './auth.errors.js';
import { login } from './login.service.js';
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

const TokenFields = (name: string, description: string) =>
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
const RefreshTokenPayload = TokenFields('RefreshTokenPayload', '刷新结果 — the new tokens (the old refresh token is now used up).');

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
      types: [InvalidCredentialsError, TooManyAttemptsError],
      union: { description: '登录结果 — the session, or why sign-in failed.' },
    },
    resolve: async (_root, { input }, ctx) => {
      const outcome = await login(ctx.db, ctx.config.auth, input, actorOf(ctx), ctx.now);
      if (outcome.kind === 'throttled') throw new TooManyAttemptsError(outcome.retryAfterSeconds);
      if (outcome.kind === 'invalid') throw new InvalidCredentialsError();
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
