import { builder } from '../../graphql/builder.js';
import { InputError, NotFoundError } from '../../errors.js';
import { actorOf } from '../audit/audit.service.js';
import { UserRef } from '../users/user.schema.js';
import { TooManyAttemptsError, unlessThrottled } from './auth.errors.js';
import { changeMyPassword, mySessions, revokeMyOtherSessions, revokeMySession, type MySession } from './my-account.service.js';

const SessionRef = builder.objectRef<MySession>('Session').implement({
  description: '会话 — one sign-in of yours (a refresh-token family), until it is revoked or expires. No device or address is recorded.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '会话标识 — the session id (the `sid` claim of its access tokens); pass it to `revokeMySession`.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '登录时间 — when the session began (sign-in).' }),
    lastRefreshedAt: t.expose('lastRefreshedAt', {
      type: 'DateTime',
      description: '最近续期 — when the session last exchanged its refresh token (its sign-in if never); an active client does so at least every access-token lifetime.',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: '过期时间 — when the session ends unless refreshed again.' }),
    current: t.exposeBoolean('current', { description: '当前会话 — true for the session of the access token of this request.' }),
  }),
});

builder.queryField('mySessions', (t) =>
  t.field({
    type: [SessionRef],
    description: '我的会话 — your live sessions (signed in, not revoked, not expired), newest sign-in first; `current` marks this one.',
    resolve: (_root, _args, ctx) => mySessions(ctx.db, ctx.viewer, ctx.now),
  }),
);

const ChangeMyPasswordPayload = builder
  .objectRef<{ userId: string; sessionsEnded: number; accessToken: string; accessTokenExpiresAt: Date }>('ChangeMyPasswordPayload')
  .implement({
    description: '修改密码结果 — every other session has ended; this one continues with the new access token.',
    fields: (t) => ({
      accessToken: t.exposeString('accessToken', {
        description: '访问令牌 — a fresh access token of this session: access tokens issued before the change no longer work. The refresh token stays valid.',
      }),
      accessTokenExpiresAt: t.expose('accessTokenExpiresAt', { type: 'DateTime', description: '访问令牌过期 — when the fresh access token expires.' }),
      sessionsEnded: t.exposeInt('sessionsEnded', { description: '结束的会话 — how many other live sessions were ended.' }),
      viewer: t.prismaField({
        type: UserRef,
        description: '当前用户 — your account.',
        resolve: (query, p, _a, ctx) => ctx.db.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
      }),
    }),
  });

const RevokeMySessionPayload = builder.objectRef<{ sessionId: string; current: boolean }>('RevokeMySessionPayload').implement({
  description: '结束会话结果 — the session has ended: its refresh token and access tokens no longer work.',
  fields: (t) => ({
    revokedSessionId: t.exposeID('sessionId', { description: '会话标识 — the ended session.' }),
    current: t.exposeBoolean('current', { description: '当前会话 — true when it was this request\'s own session (you are now signed out).' }),
  }),
});

const RevokeMyOtherSessionsPayload = builder.objectRef<{ sessionsEnded: number }>('RevokeMyOtherSessionsPayload').implement({
  description: '结束其他会话结果 — every session of yours but this one has ended.',
  fields: (t) => ({ sessionsEnded: t.exposeInt('sessionsEnded', { description: '结束的会话 — how many live sessions were ended.' }) }),
});

builder.mutationFields((t) => ({
  changeMyPassword: t.fieldWithInput({
    type: ChangeMyPasswordPayload,
    description:
      '修改我的密码 — change your own password (current one required; repeated wrong ones lock the change for a while). Every other session ends; this one continues with the access token of the payload.',
    typeOptions: { description: '修改密码输入 — your current password and the new one.' },
    input: {
      currentPassword: t.input.string({ required: true, description: '当前密码 — your password now.' }),
      newPassword: t.input.string({ required: true, description: '新密码 — 12–128 characters, not containing the username, not the current one.' }),
    },
    errors: { types: [InputError, TooManyAttemptsError], union: { description: '修改密码结果 — the fresh access token, or why not.' } },
    resolve: async (_root, { input }, ctx) => {
      return unlessThrottled(await changeMyPassword(ctx.db, ctx.config.auth, ctx.viewer, actorOf(ctx), input, ctx.now));
    },
  }),
  revokeMySession: t.fieldWithInput({
    type: RevokeMySessionPayload,
    description: '结束我的会话 — end one of your sessions (see `mySessions`), e.g. on a lost device. Ending the current one signs you out.',
    typeOptions: { description: '结束会话输入 — the session.' },
    input: { sessionId: t.input.id({ required: true, description: '会话标识 — `Session.id` of one of your sessions.' }) },
    errors: { types: [NotFoundError], union: { description: '结束会话结果 — the ended session, or why not.' } },
    resolve: (_root, { input }, ctx) => revokeMySession(ctx.db, ctx.viewer, actorOf(ctx), String(input.sessionId), ctx.now),
  }),
  revokeMyOtherSessions: t.field({
    type: RevokeMyOtherSessionsPayload,
    description: '结束其他会话 — end every session of yours except the current one.',
    resolve: async (_root, _args, ctx) => ({ sessionsEnded: await revokeMyOtherSessions(ctx.db, ctx.viewer, actorOf(ctx), ctx.now) }),
  }),
}));
