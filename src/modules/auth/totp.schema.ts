// Self-service TOTP enrolment for signed-in staff (src/modules/auth/totp.service.ts).
import { builder } from '../../graphql/builder.js';
import { InputError } from '../../errors.js';
import { ErrorInterface } from '../../graphql/error-types.js';
import { actorOf } from '../audit/audit.service.js';
import { UserRef } from '../users/user.schema.js';
import { TooManyAttemptsError, unlessThrottled } from './auth.errors.js';
import { beginTotpEnrolment, confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes, TotpStateError, type TotpEnrolment } from './totp.service.js';

builder.objectType(TotpStateError, {
  name: 'TotpStateError',
  description: '两步验证状态不符 — already active (disable it first), not active, or no enrolment started.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof TotpStateError,
});

const BeginTotpEnrolmentPayload = builder.objectRef<TotpEnrolment>('BeginTotpEnrolmentPayload').implement({
  description: '开始绑定 — the new secret, shown this once: add it to an authenticator app, then confirm with a code. It is never readable again.',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: '密钥 — base32, for typing into the app by hand.' }),
    otpauthUri: t.exposeString('otpauthUri', { description: '绑定链接 — the otpauth:// URI the QR code holds.' }),
    qrCodeSvg: t.exposeString('qrCodeSvg', { description: '二维码 — the URI as an SVG image (markup).' }),
  }),
});

const ConfirmTotpEnrolmentPayload = builder.objectRef<{ userId: string; recoveryCodes: string[]; otherSessionsEnded: number }>('ConfirmTotpEnrolmentPayload').implement({
  description: '绑定成功 — two-factor sign-in is active and your other sessions have ended. Keep the recovery codes safe: they are shown this once.',
  fields: (t) => ({
    recoveryCodes: t.exposeStringList('recoveryCodes', { description: '恢复码 — 10 one-time codes for `completeLogin` when the app is lost.' }),
    otherSessionsEnded: t.exposeInt('otherSessionsEnded', { description: '已结束的其他会话 — sessions of your account opened without the second factor, now ended (this one stays).' }),
    viewer: t.prismaField({
      type: UserRef,
      description: '当前用户 — your account.',
      resolve: (query, p, _a, ctx) => ctx.db.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
    }),
  }),
});

const RegenerateTotpRecoveryCodesPayload = builder.objectRef<{ userId: string; recoveryCodes: string[] }>('RegenerateTotpRecoveryCodesPayload').implement({
  description: '新的恢复码 — shown this once; the earlier ones no longer work.',
  fields: (t) => ({
    recoveryCodes: t.exposeStringList('recoveryCodes', { description: '恢复码 — 10 new one-time codes for `completeLogin`.' }),
    viewer: t.prismaField({
      type: UserRef,
      description: '当前用户 — your account.',
      resolve: (query, p, _a, ctx) => ctx.db.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
    }),
  }),
});

const DisableTotpPayload = builder.objectRef<{ userId: string }>('DisableTotpPayload').implement({
  description: '已停用 — two-factor sign-in is off; the secret and the recovery codes are deleted.',
  fields: (t) => ({
    viewer: t.prismaField({
      type: UserRef,
      description: '当前用户 — your account.',
      resolve: (query, p, _a, ctx) => ctx.db.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
    }),
  }),
});

builder.mutationFields((t) => {
  /** The owner's proof for a change to their second factor. */
  const reauthentication = () => ({
    currentPassword: t.input.string({ required: false, description: '当前密码 — your password now.' }),
    code: t.input.string({ required: false, description: '验证码 — a current 6-digit code.' }),
  });
  return {
    beginTotpEnrolment: t.field({
      type: BeginTotpEnrolmentPayload,
      errors: { types: [TotpStateError], union: { description: '开始绑定结果 — the new secret, or why not.' } },
      description: '开始绑定两步验证 — a new TOTP secret for your account (replacing an unconfirmed one); confirm it with `confirmTotpEnrolment`.',
      resolve: (_root, _args, ctx) => beginTotpEnrolment(ctx.db, ctx.config.auth, ctx.viewer, actorOf(ctx), ctx.now),
    }),
    confirmTotpEnrolment: t.fieldWithInput({
      type: ConfirmTotpEnrolmentPayload,
      description: '确认绑定 — activate two-factor sign-in with a current code of the new secret; answers the recovery codes once and ends your other sessions (repeated wrong codes lock this for a while).',
      typeOptions: { description: '确认绑定输入 — a code.' },
      input: { code: t.input.string({ required: true, description: '验证码 — the 6-digit code the app shows now.' }) },
      errors: { types: [InputError, TotpStateError, TooManyAttemptsError], union: { description: '确认绑定结果 — the recovery codes, or why not.' } },
      resolve: async (_root, { input }, ctx) => unlessThrottled(await confirmTotpEnrolment(ctx.db, ctx.config.auth, ctx.viewer, actorOf(ctx), input.code, ctx.now)),
    }),
    disableTotp: t.fieldWithInput({
      type: DisableTotpPayload,
      description: '停用两步验证 — turn two-factor sign-in off, with your current password or a current code (repeated wrong ones lock this for a while).',
      typeOptions: { description: '停用输入 — your current password, or a current code.' },
      input: reauthentication(),
      errors: { types: [InputError, TotpStateError, TooManyAttemptsError], union: { description: '停用结果 — done, or why not.' } },
      resolve: async (_root, { input }, ctx) => unlessThrottled(await disableTotp(ctx.db, ctx.config.auth, ctx.viewer, actorOf(ctx), input, ctx.now)),
    }),
    regenerateTotpRecoveryCodes: t.fieldWithInput({
      type: RegenerateTotpRecoveryCodesPayload,
      description: '重新生成恢复码 — 10 new recovery codes, shown once; the earlier ones stop working. Needs your current password or a current code (repeated wrong ones lock this for a while).',
      typeOptions: { description: '重新生成输入 — your current password, or a current code.' },
      input: reauthentication(),
      errors: { types: [InputError, TotpStateError, TooManyAttemptsError], union: { description: '重新生成结果 — the new codes, or why not.' } },
      resolve: async (_root, { input }, ctx) => unlessThrottled(await regenerateRecoveryCodes(ctx.db, ctx.config.auth, ctx.viewer, actorOf(ctx), input, ctx.now)),
    }),
  };
});
