// TOTP two-factor sign-in for staff (RFC 6238 through `otpauth`: SHA-1, 6 digits, 30 s steps,
// one step of clock drift either way).
//
// - Enrolment is self-service: `beginTotpEnrolment` makes a secret (stored AES-256-GCM encrypted
//   as webhook secrets are, under its own HKDF-derived key) and answers it once with its
//   otpauth:// URI and a QR code; `confirmTotpEnrolment` activates it with a right code and
//   answers 10 one-time recovery codes once (stored only as HMACs) and ends the account's other
//   sessions (opened without the second factor). After that no API reads the secret.
//   `disableTotp` and `regenerateRecoveryCodes` need the current password or a current code;
//   an admin resets the TOTP of a colleague who lost both app and codes (`resetTotpOf`).
// - Sign-in: `login` with the right password answers a challenge (a 5-minute JWT bound to the
//   user, signed with a key of its own, of a type no access token has); `completeLogin` takes it
//   with a code or a recovery code and starts the session. Attempts (at sign-in, confirmation and
//   re-authentication) are counted per account on the login throttle BEFORE the code is checked;
//   a code's time step is stored when accepted, so it (and any earlier one) is never accepted
//   again; a recovery code is claimed atomically once.
import { createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { AuthConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Viewer } from '../../auth/viewer.js';
import { PASSWORD_MAX_LENGTH, verifyPassword } from '../../auth/passwords.js';
import { AppError, InputError } from '../../errors.js';
import { forbidden } from '../../graphql/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { decryptSecret, encryptSecret } from '../webhooks/webhook-secrets.js';
import { clearFailures, countAttempt, type Policy } from './login-throttle.js';
import { endAllSessions } from './session.service.js';
import { CURRENT_PASSWORD_POLICY, currentPasswordKey } from './my-account.service.js';
import type { Throttled } from './auth.errors.js';

type Tx = Prisma.TransactionClient;

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'Gongkai';
export const CHALLENGE_TTL_SECONDS = 5 * 60;
export const RECOVERY_CODE_COUNT = 10;
const CHALLENGE_TYPE = 'totp-challenge+jwt';

/** Wrong codes (and recovery codes), per account: five free, then 30 s doubled up to 15 minutes. */
export const TOTP_POLICY: Policy = { scope: 'totp', freeFailures: 5, baseLockSeconds: 30 };
export const totpKey = (userId: string) => `totp:${userId}`;

export class TotpStateError extends AppError {
  readonly code = 'TOTP_STATE';
  constructor(message: string) {
    super(message);
  }
}

function derive(auth: AuthConfig, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', auth.jwtSecret, 'gongkai-totp', info, 32));
}
const encryptionKey = (auth: AuthConfig) => derive(auth, 'totp secret encryption v1');
const challengeKey = (auth: AuthConfig) => derive(auth, 'totp challenge signing v1');
const recoveryKey = (auth: AuthConfig) => derive(auth, 'totp recovery code v1');

function totpOf(secretBase32: string, label = 'gongkai'): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** The time step of `code` at `now` (within the drift window), or null when it is not valid. */
export function codeStep(secretBase32: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpOf(secretBase32);
  const delta = totp.validate({ token, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}

const RECOVERY_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
function newRecoveryCode(): string {
  const chars = [...randomBytes(10)].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
function recoveryHash(auth: AuthConfig, userId: string, code: string): string {
  const normalized = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHmac('sha256', recoveryKey(auth)).update(`${userId}:${normalized}`).digest('hex');
}

type SignedIn = Extract<Viewer, { kind: 'user' }>;
function signedIn(viewer: Viewer): SignedIn {
  if (viewer.kind !== 'user') throw forbidden();
  return viewer;
}

// ---- Enrolment ------------------------------------------------------------------------------

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrCodeSvg: string;
}

/** A new pending secret for the caller (replacing a pending one); refused while TOTP is active. */
export async function beginTotpEnrolment(db: Db, auth: AuthConfig, viewer: Viewer, actor: AuditActor, now: Date): Promise<TotpEnrolment> {
  const me = signedIn(viewer);
  const secret = new Secret({ size: 20 }).base32;
  const otpauthUri = totpOf(secret, me.username).toString();
  await db.$transaction(async (tx) => {
    const existing = await tx.userTotp.findUnique({ where: { userId: me.userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) throw new TotpStateError('已启用两步验证，请先停用 — two-factor sign-in is already active; disable it first.');
    const secretEncrypted = encryptSecret(encryptionKey(auth), secret);
    await tx.userTotp.upsert({
      where: { userId: me.userId },
      create: { userId: me.userId, secretEncrypted, createdAt: now },
      update: { secretEncrypted, lastUsedStep: null, createdAt: now },
    });
    await recordAudit(tx, actor, { action: 'user.totp.enrolment_started', entityType: 'User', entityId: me.userId, data: {} });
  });
  const qrCodeSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrCodeSvg };
}

export type ConfirmOutcome = { kind: 'ok'; userId: string; recoveryCodes: string[]; otherSessionsEnded: number } | Throttled;

/**
 * Activates the pending secret with a right code (wrong ones counted on the account's TOTP
 * throttle); answers the recovery codes (shown once). Every other session of the account ends:
 * they were opened without the second factor.
 */
export async function confirmTotpEnrolment(db: Db, auth: AuthConfig, viewer: Viewer, actor: AuditActor, code: string, now: Date): Promise<ConfirmOutcome> {
  const me = signedIn(viewer);
  const pending = await db.userTotp.findUnique({ where: { userId: me.userId } });
  if (!pending || pending.confirmedAt) {
    throw new TotpStateError(
      pending ? '两步验证已启用 — two-factor sign-in is already active.' : '请先开始绑定 — start the enrolment first (beginTotpEnrolment).',
    );
  }
  const key = totpKey(me.userId);
  const locked = await db.$transaction((tx) => countWithAudit(tx, actor, me.userId, me.username, key, TOTP_POLICY, now));
  if (locked > 0) return { kind: 'throttled', retryAfterSeconds: locked };
  const step = codeStep(decryptSecret(encryptionKey(auth), pending.secretEncrypted), code, now);
  if (step === null) throw new InputError('code', '验证码错误 — the code is wrong; check the authenticator app\'s clock and try again.');
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const otherSessionsEnded = await db.$transaction(async (tx) => {
    const { count } = await tx.userTotp.updateMany({
      where: { userId: me.userId, confirmedAt: null, secretEncrypted: pending.secretEncrypted },
      data: { confirmedAt: now, lastUsedStep: step },
    });
    if (count !== 1) throw new TotpStateError('绑定已变更，请重新开始 — the enrolment changed meanwhile; start again.');
    await clearFailures(tx, key);
    await replaceRecoveryCodes(tx, auth, me.userId, recoveryCodes);
    const ended = await endAllSessions(tx, me.userId, now, me.sessionId);
    await recordAudit(tx, actor, { action: 'user.totp.enabled', entityType: 'User', entityId: me.userId, data: { recoveryCodes: RECOVERY_CODE_COUNT, sessionsEnded: ended } });
    return ended;
  });
  return { kind: 'ok', userId: me.userId, recoveryCodes, otherSessionsEnded };
}

async function replaceRecoveryCodes(tx: Tx, auth: AuthConfig, userId: string, codes: readonly string[]): Promise<void> {
  await tx.totpRecoveryCode.deleteMany({ where: { userId } });
  await tx.totpRecoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: recoveryHash(auth, userId, c) })) });
}

/** What proves it is the owner at the keyboard: the current password or a current code. */
export interface Reauthentication {
  currentPassword?: string | null;
  code?: string | null;
}

type Reauthenticated = { kind: 'ok'; verifiedWith: 'password' | 'totp' } | Throttled;

/**
 * Checks the owner's current password or current code (counted on the matching throttle before
 * it is checked, cleared when right); a wrong one is an InputError. TOTP must be active.
 */
async function reauthenticate(db: Db, auth: AuthConfig, me: SignedIn, actor: AuditActor, input: Reauthentication, now: Date): Promise<Reauthenticated> {
  const byPassword = typeof input.currentPassword === 'string' && input.currentPassword !== '';
  if (!byPassword && !input.code) throw new InputError('currentPassword', '请提供当前密码或验证码 — give your current password or a current code.', undefined, 'REQUIRED');
  // The session is read again: an earlier mutation of the same request (a password reset, say) may
  // have ended it since the request was authenticated, and must not make this one easier.
  if (me.sessionId && (await db.refreshToken.count({ where: { familyId: me.sessionId, revokedAt: null } })) === 0) throw forbidden();
  const totp = await db.userTotp.findUnique({ where: { userId: me.userId } });
  if (!totp?.confirmedAt) throw new TotpStateError('未启用两步验证 — two-factor sign-in is not active.');

  const key = byPassword ? currentPasswordKey(me.userId) : totpKey(me.userId);
  const policy = byPassword ? CURRENT_PASSWORD_POLICY : TOTP_POLICY;
  const counted = await db.$transaction((tx) => countWithAudit(tx, actor, me.userId, me.username, key, policy, now));
  if (counted > 0) return { kind: 'throttled', retryAfterSeconds: counted };

  if (byPassword) {
    const user = await db.user.findUnique({ where: { id: me.userId }, select: { passwordHash: true } });
    const valid = !!user && input.currentPassword!.length <= PASSWORD_MAX_LENGTH && (await verifyPassword(user.passwordHash, input.currentPassword!));
    if (!valid) throw new InputError('currentPassword', '当前密码错误 — the current password is wrong.');
  } else {
    const step = codeStep(decryptSecret(encryptionKey(auth), totp.secretEncrypted), input.code!, now);
    if (step === null || !(await db.$transaction((tx) => claimStep(tx, me.userId, step)))) {
      throw new InputError('code', '验证码错误或已使用 — the code is wrong, expired or already used.');
    }
  }
  await db.$transaction((tx) => clearFailures(tx, key));
  return { kind: 'ok', verifiedWith: byPassword ? 'password' : 'totp' };
}

export type DisableOutcome = { kind: 'ok'; userId: string } | Throttled;

/** Turns TOTP off for the caller, with their current password or a current code. */
export async function disableTotp(db: Db, auth: AuthConfig, viewer: Viewer, actor: AuditActor, input: Reauthentication, now: Date): Promise<DisableOutcome> {
  const me = signedIn(viewer);
  const checked = await reauthenticate(db, auth, me, actor, input, now);
  if (checked.kind === 'throttled') return checked;
  await db.$transaction(async (tx) => {
    await deleteTotp(tx, me.userId);
    await recordAudit(tx, actor, { action: 'user.totp.disabled', entityType: 'User', entityId: me.userId, data: { verifiedWith: checked.verifiedWith } });
  });
  return { kind: 'ok', userId: me.userId };
}

async function deleteTotp(tx: Tx, userId: string): Promise<void> {
  // The TOTP row first: it waits for a regeneration holding that row, and the codes' delete that
  // follows then sees the codes it wrote (none are left behind).
  await tx.userTotp.deleteMany({ where: { userId } });
  await tx.totpRecoveryCode.deleteMany({ where: { userId } });
}

export type RegenerateOutcome = { kind: 'ok'; userId: string; recoveryCodes: string[] } | Throttled;

/** New recovery codes for the caller (the old ones stop working), with their current password or a current code. */
export async function regenerateRecoveryCodes(db: Db, auth: AuthConfig, viewer: Viewer, actor: AuditActor, input: Reauthentication, now: Date): Promise<RegenerateOutcome> {
  const me = signedIn(viewer);
  const checked = await reauthenticate(db, auth, me, actor, input, now);
  if (checked.kind === 'throttled') return checked;
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction(async (tx) => {
    // Under the TOTP row: a concurrent disable leaves no codes behind for an account without TOTP.
    const active = await tx.$queryRaw<{ userId: string }[]>`SELECT "userId" FROM "UserTotp" WHERE "userId" = ${me.userId}::uuid AND "confirmedAt" IS NOT NULL FOR UPDATE`;
    if (active.length === 0) throw new TotpStateError('未启用两步验证 — two-factor sign-in is not active.');
    await replaceRecoveryCodes(tx, auth, me.userId, recoveryCodes);
    await recordAudit(tx, actor, { action: 'user.totp.recovery_codes_regenerated', entityType: 'User', entityId: me.userId, data: { recoveryCodes: RECOVERY_CODE_COUNT, verifiedWith: checked.verifiedWith } });
  });
  return { kind: 'ok', userId: me.userId, recoveryCodes };
}

/**
 * An admin turns off another account's TOTP (its owner lost the phone and the recovery codes):
 * the secret and the codes are deleted and every session of the account ends. The owner signs
 * in with the password and enrols again (an administrator must, where TOTP is required).
 * Called with an account the caller may manage (user.service checks that).
 */
export async function resetTotpOf(tx: Tx, actor: AuditActor, userId: string, now: Date): Promise<{ sessionsEnded: number }> {
  // A pending enrolment is no second factor: its owner replaces it by beginning again.
  const active = await tx.userTotp.count({ where: { userId, confirmedAt: { not: null } } });
  if (active === 0) throw new TotpStateError('该账号未启用两步验证 — this account has no two-factor sign-in.');
  await deleteTotp(tx, userId);
  await clearFailures(tx, totpKey(userId));
  const sessionsEnded = await endAllSessions(tx, userId, now);
  await recordAudit(tx, actor, { action: 'user.totp.reset', entityType: 'User', entityId: userId, data: { sessionsEnded } });
  return { sessionsEnded };
}

/** Counts an attempt; audits the start of a lock; returns the seconds of a lock in force (0: go on). */
async function countWithAudit(tx: Tx, actor: AuditActor, userId: string, username: string, key: string, policy: Policy, now: Date): Promise<number> {
  const counted = await countAttempt(tx, key, policy, now);
  if (counted.startedLock > 0) {
    await recordAudit(tx, { ...actor, userId: actor.userId ?? userId }, {
      action: 'auth.login.locked',
      entityType: 'User',
      entityId: userId,
      data: { username, scope: policy.scope, failures: counted.failures, lockSeconds: counted.startedLock },
    });
  }
  return counted.lockedFor;
}

/** Records `step` as used unless it (or a later one) already was: false means a replay. */
async function claimStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const { count } = await tx.userTotp.updateMany({
    where: { userId, confirmedAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  });
  return count === 1;
}

// ---- Sign-in --------------------------------------------------------------------------------

/** Whether the user has an active TOTP (used by login). */
export async function hasActiveTotp(db: Db, userId: string): Promise<boolean> {
  return (await db.userTotp.count({ where: { userId, confirmedAt: { not: null } } })) > 0;
}

/** How the first step of the sign-in was made: a password (`login`) or the identity provider (`completeOidcLogin`). */
export type FirstFactor = 'password' | 'oidc';

export async function issueChallenge(auth: AuthConfig, userId: string, now: Date, firstFactor: FirstFactor = 'password'): Promise<{ challenge: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + CHALLENGE_TTL_SECONDS;
  // The first factor rides along (signed) so that the sign-in's audit row names it.
  const challenge = await new SignJWT({ ff: firstFactor })
    .setProtectedHeader({ alg: 'HS256', typ: CHALLENGE_TYPE })
    .setSubject(userId)
    .setIssuer(auth.issuer)
    .setAudience(`${auth.audience}:totp`)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(challengeKey(auth));
  return { challenge, expiresAt: new Date(exp * 1000) };
}

async function verifyChallenge(auth: AuthConfig, challenge: string, now: Date): Promise<{ userId: string; issuedAt: Date; firstFactor: FirstFactor } | null> {
  if (challenge.length > 2000) return null;
  try {
    const { payload } = await jwtVerify(challenge, challengeKey(auth), {
      algorithms: ['HS256'],
      typ: CHALLENGE_TYPE,
      issuer: auth.issuer,
      audience: `${auth.audience}:totp`,
      requiredClaims: ['sub', 'exp', 'iat'],
      currentDate: now,
      maxTokenAge: CHALLENGE_TTL_SECONDS,
    });
    return { userId: payload.sub!, issuedAt: new Date(payload.iat! * 1000), firstFactor: payload.ff === 'oidc' ? 'oidc' : 'password' };
  } catch {
    return null;
  }
}

export type SecondFactorOutcome =
  | { kind: 'ok'; userId: string; username: string; firstFactor: FirstFactor; method: 'totp' | 'recovery_code'; recoveryCodesLeft?: number }
  | { kind: 'challenge_invalid' }
  | Throttled
  | { kind: 'wrong' };

/** Checks the second factor of a challenge; the caller starts the session on `ok`. */
export async function verifySecondFactor(
  db: Db,
  auth: AuthConfig,
  input: { challenge: string; code?: string | null; recoveryCode?: string | null },
  actor: AuditActor,
  now: Date,
): Promise<SecondFactorOutcome> {
  const claims = await verifyChallenge(auth, input.challenge, now);
  if (!claims) return { kind: 'challenge_invalid' };
  const user = await db.user.findUnique({
    where: { id: claims.userId },
    select: { id: true, username: true, status: true, passwordChangedAt: true, totp: true },
  });
  // A password change (or deactivation, or TOTP turned off) since the challenge ends it.
  if (!user || user.status !== 'ACTIVE' || !user.totp?.confirmedAt || claims.issuedAt.getTime() < Math.floor(user.passwordChangedAt.getTime() / 1000) * 1000) {
    return { kind: 'challenge_invalid' };
  }
  const key = totpKey(user.id);
  const locked = await db.$transaction((tx) => countWithAudit(tx, { ...actor, userId: user.id }, user.id, user.username, key, TOTP_POLICY, now));
  if (locked > 0) return { kind: 'throttled', retryAfterSeconds: locked };

  const useRecovery = !input.code && !!input.recoveryCode;
  const result = await db.$transaction(async (tx) => {
    if (useRecovery) {
      if (input.recoveryCode!.length > 64) return { ok: false, reason: 'wrong_recovery_code' } as const;
      const { count } = await tx.totpRecoveryCode.updateMany({
        where: { userId: user.id, codeHash: recoveryHash(auth, user.id, input.recoveryCode!), usedAt: null },
        data: { usedAt: now },
      });
      if (count !== 1) return { ok: false, reason: 'wrong_recovery_code' } as const;
      return { ok: true, left: await tx.totpRecoveryCode.count({ where: { userId: user.id, usedAt: null } }) } as const;
    }
    const step = input.code ? codeStep(decryptSecret(encryptionKey(auth), user.totp!.secretEncrypted), input.code, now) : null;
    if (step === null) return { ok: false, reason: 'wrong_code' } as const;
    if (!(await claimStep(tx, user.id, step))) return { ok: false, reason: 'replayed_code' } as const;
    return { ok: true } as const;
  });
  if (!result.ok) {
    await db.$transaction((tx) =>
      recordAudit(tx, { ...actor, userId: user.id }, { action: 'auth.login.failed', entityType: 'User', entityId: user.id, data: { username: user.username, reason: result.reason } }),
    );
    return { kind: 'wrong' };
  }
  await db.$transaction((tx) => clearFailures(tx, key));
  return {
    kind: 'ok',
    userId: user.id,
    username: user.username,
    firstFactor: claims.firstFactor,
    method: useRecovery ? 'recovery_code' : 'totp',
    ...(result.left !== undefined ? { recoveryCodesLeft: result.left } : {}),
  };
}
