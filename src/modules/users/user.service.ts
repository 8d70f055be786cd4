// Staff accounts and role grants. Each function follows the same order: access → validate →
// write with its audit event in one transaction. Nobody can change their own roles or status.
import { checkPasswordPolicy, hashPassword, PasswordPolicyError } from '../../auth/passwords.js';
import { staffUserId, type Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import type { Prisma, Role } from '../../generated/prisma/client.js';
import { textField } from '../../validation.js';
import { AlreadyExistsError, checkedInput, InputError, NotFoundError } from '../../errors.js';
import { covers, coversEverything, coversFromAbove, hasRole } from '../../permissions/scope.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { normalizeUsername } from '../auth/login.service.js';
import { endAllSessions } from '../auth/session.service.js';
import { resetTotpOf } from '../auth/totp.service.js';
import { canManageUser } from './user.permissions.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2002';
}

function validDisplayName(name: string): string {
  return textField('displayName', name, 100, true)!;
}

function validUsername(raw: string): string {
  const username = normalizeUsername(raw);
  if (!USERNAME.test(username)) throw new InputError('username', '用户名须为3–64位小写字母、数字或 . _ - — username must be 3–64 of a-z 0-9 . _ -.');
  return username;
}

/** The password policy as an InputError on `field` (also for changeMyPassword's `newPassword`). */
export function validPassword(password: string, username: string, field = 'password'): void {
  try {
    checkPasswordPolicy(password, username);
  } catch (error) {
    if (error instanceof PasswordPolicyError) throw new InputError(field, error.message);
    throw error;
  }
}

/**
 * An admin's sign-in credentials (password, second factor, a linked identity-provider subject)
 * are set only from above: by an admin of a unit above every unit they administer, or by a
 * county-wide admin. A peer admin of the same unit could otherwise take over the colleague's
 * account (reset the TOTP, set a password or link their own subject, sign in).
 */
export function assertCredentialsResettable(viewer: Viewer, target: { grants: { role: Role; orgUnit: { path: string } }[] }): void {
  if (coversEverything(viewer, ['ADMIN'])) return;
  const administered = target.grants.filter((g) => g.role === 'ADMIN');
  if (administered.every((g) => coversFromAbove(viewer, ['ADMIN'], g.orgUnit.path))) return;
  throw new InputError('userId', '管理员的登录凭据只能由上级管理员设置 — an administrator\'s password, second factor and linked sign-in are set by an admin of a unit above theirs.');
}

/** Loads a user the viewer may manage, or throws NotFoundError (unknown and forbidden alike). */
export async function manageableUser(tx: Prisma.TransactionClient | Db, viewer: Viewer, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, include: { grants: { include: { orgUnit: { select: { path: true } } } } } });
  if (!user || !canManageUser(viewer, user.grants.map((g) => g.orgUnit.path))) throw new NotFoundError('user');
  return user;
}

/**
 * Creates a staff account, with its first role in the same transaction. Only county-wide admins
 * may create an account without a role: an account without roles is theirs alone to manage, so
 * an admin of a subtree must give it a role in that subtree from the start (else nobody but them
 * could ever manage it, and a later county-wide grant would not take it out of their hands).
 */
export async function createUser(
  db: Db,
  viewer: Viewer,
  actor: AuditActor,
  input: { username: string; password: string; displayName: string; grant?: { role: Role; orgUnitId: string } | null },
) {
  if (!hasRole(viewer, ['ADMIN'])) throw new NotFoundError('user');
  const { username, displayName } = checkedInput((p) => {
    const username = p.check(() => validUsername(input.username));
    const displayName = p.check(() => validDisplayName(input.displayName));
    // The policy compares the password with the username: checked against what was typed when that is invalid.
    p.check(() => validPassword(input.password, username ?? normalizeUsername(input.username)));
    p.check(() => {
      if (!input.grant && !coversEverything(viewer, ['ADMIN'])) throw new InputError('grant', '须同时授予本机构范围内的角色 — give the account a role on a unit you administer.');
    });
    return { username, displayName };
  });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const org = input.grant ? await administeredUnit(tx, viewer, input.grant.orgUnitId) : null;
      const user = await tx.user.create({ data: { username, displayName, passwordHash } });
      await recordAudit(tx, actor, { action: 'user.created', entityType: 'User', entityId: user.id, data: { username } });
      if (org && input.grant) await addGrant(tx, viewer, actor, user.id, input.grant.role, org.id);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AlreadyExistsError('username');
    throw error;
  }
}

/** An active org unit the viewer administers, or NotFoundError (unknown and forbidden alike). */
async function administeredUnit(tx: Prisma.TransactionClient, viewer: Viewer, orgUnitId: string) {
  const org = await tx.orgUnit.findUnique({ where: { id: orgUnitId }, select: { id: true, path: true, active: true } });
  if (!org || !covers(viewer, ['ADMIN'], org.path)) throw new NotFoundError('org unit');
  if (!org.active) throw new InputError('orgUnitId', '机构已撤销 — the org unit is dissolved.');
  return org;
}

async function addGrant(tx: Prisma.TransactionClient, viewer: Viewer, actor: AuditActor, userId: string, role: Role, orgUnitId: string) {
  const grant = await tx.roleGrant.create({ data: { userId, role, orgUnitId, grantedById: staffUserId(viewer) } });
  await recordAudit(tx, actor, { action: 'grant.created', entityType: 'RoleGrant', entityId: grant.id, orgUnitId, data: { userId, role } });
  return grant;
}

export async function updateUser(
  db: Db,
  viewer: Viewer,
  actor: AuditActor,
  input: { userId: string; displayName?: string | null; password?: string | null },
  now: Date,
) {
  const { password } = input;
  // Your own password changes with the current one (changeMyPassword): a stolen session alone must not.
  if (password != null && viewer.kind === 'user' && viewer.userId === input.userId) {
    throw new InputError('password', '请用修改我的密码更改自己的密码 — change your own password with changeMyPassword (it asks for the current one).');
  }
  // The policy compares a new password with the account's username.
  const target = password != null ? await manageableUser(db, viewer, input.userId) : null;
  if (target) assertCredentialsResettable(viewer, target);
  const displayName = checkedInput((p) => {
    if (target) p.check(() => validPassword(password!, target.username));
    return input.displayName != null ? p.check(() => validDisplayName(input.displayName!)) : undefined;
  });
  // Hashed before the transaction: argon2 takes tens of milliseconds we do not hold locks for.
  const passwordHash = password != null ? await hashPassword(password) : undefined;
  return db.$transaction(async (tx) => {
    const user = await manageableUser(tx, viewer, input.userId);
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { ...(displayName ? { displayName } : {}), ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}) },
    });
    if (displayName && displayName !== user.displayName) {
      await recordAudit(tx, actor, { action: 'user.updated', entityType: 'User', entityId: user.id, data: { displayName: { from: user.displayName, to: displayName } } });
    }
    if (passwordHash) {
      // A new password ends every session: stolen tokens stop working.
      const sessions = await endAllSessions(tx, user.id, now);
      await recordAudit(tx, actor, { action: 'user.password_changed', entityType: 'User', entityId: user.id, data: { sessionsEnded: sessions } });
    }
    return updated;
  });
}

export async function deactivateUser(db: Db, viewer: Viewer, actor: AuditActor, userId: string, now: Date) {
  if (viewer.kind === 'user' && viewer.userId === userId) throw new InputError('userId', '不能停用自己的账号 — you cannot deactivate your own account.');
  return db.$transaction(async (tx) => {
    const user = await manageableUser(tx, viewer, userId);
    const updated = await tx.user.update({ where: { id: user.id }, data: { status: 'DEACTIVATED' } });
    const sessions = await endAllSessions(tx, user.id, now);
    await recordAudit(tx, actor, { action: 'user.deactivated', entityType: 'User', entityId: user.id, data: { sessionsEnded: sessions } });
    return updated;
  });
}

/** Turns off the TOTP of an account the caller manages (never their own: disableTotp is for that); its sessions end. */
export async function resetUserTotp(db: Db, viewer: Viewer, actor: AuditActor, userId: string, now: Date) {
  if (viewer.kind === 'user' && viewer.userId === userId) throw new InputError('userId', '请用停用两步验证处理自己的账号 — for your own account use disableTotp.');
  return db.$transaction(async (tx) => {
    const user = await manageableUser(tx, viewer, userId);
    assertCredentialsResettable(viewer, user);
    await resetTotpOf(tx, actor, user.id, now);
    return user;
  });
}

export async function grantRole(db: Db, viewer: Viewer, actor: AuditActor, input: { userId: string; role: Role; orgUnitId: string }) {
  if (viewer.kind === 'user' && viewer.userId === input.userId) throw new InputError('userId', '不能给自己授权 — you cannot change your own roles.');
  return db.$transaction(async (tx) => {
    const org = await administeredUnit(tx, viewer, input.orgUnitId);
    // Only someone the caller manages: every role the user holds lies in the caller's subtree
    // (an account without roles: county-wide admins only). Granting is no way into another
    // subtree's accounts.
    const user = await manageableUser(tx, viewer, input.userId);
    const existing = await tx.roleGrant.findUnique({ where: { userId_role_orgUnitId: { userId: user.id, role: input.role, orgUnitId: org.id } } });
    return existing ?? addGrant(tx, viewer, actor, user.id, input.role, org.id);
  });
}

export async function revokeRole(db: Db, viewer: Viewer, actor: AuditActor, grantId: string) {
  return db.$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId }, include: { orgUnit: { select: { path: true } } } });
    if (!grant || !covers(viewer, ['ADMIN'], grant.orgUnit.path)) throw new NotFoundError('role grant');
    if (viewer.kind === 'user' && viewer.userId === grant.userId) throw new InputError('grantId', '不能撤销自己的角色 — you cannot change your own roles.');
    // The same rule as for every other change to an account: all of its roles in your subtree.
    await manageableUser(tx, viewer, grant.userId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError('role grant') : error;
    });
    // Administration is taken away from above, as credentials are set: else a peer admin could
    // demote a colleague, reset their password or second factor, and promote them again.
    if (grant.role === 'ADMIN' && !coversEverything(viewer, ['ADMIN']) && !coversFromAbove(viewer, ['ADMIN'], grant.orgUnit.path)) {
      throw new InputError('grantId', '管理员角色只能由上级管理员撤销 — an administrator role is revoked by an admin of a unit above it.');
    }
    await tx.roleGrant.delete({ where: { id: grant.id } });
    await recordAudit(tx, actor, { action: 'grant.revoked', entityType: 'RoleGrant', entityId: grant.id, orgUnitId: grant.orgUnitId, data: { userId: grant.userId, role: grant.role } });
    return grant;
  });
}

/**
 * Creates (or completes) an account holding `role` on `orgUnitId` without a signed-in admin:
 * the first production admin (`npm run admin:create`) and the demo accounts. Audited as done by
 * the system. An existing account keeps its password.
 */
export async function provisionAccount(
  db: Db,
  input: { username: string; password: string; displayName: string; role: Role; orgUnitId: string },
  via: string,
): Promise<{ userId: string; created: boolean }> {
  const { username, displayName } = checkedInput((p) => {
    const username = p.check(() => validUsername(input.username));
    p.check(() => validPassword(input.password, username ?? normalizeUsername(input.username)));
    return { username, displayName: p.check(() => validDisplayName(input.displayName)) };
  });
  const existing = await db.user.findUnique({ where: { username }, select: { id: true } });
  const passwordHash = existing ? null : await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = existing ?? (await tx.user.create({ data: { username, displayName, passwordHash: passwordHash! } }));
    if (!existing) await recordAudit(tx, {}, { action: 'user.created', entityType: 'User', entityId: user.id, data: { username, via } });
    const key = { userId_role_orgUnitId: { userId: user.id, role: input.role, orgUnitId: input.orgUnitId } };
    if (!(await tx.roleGrant.findUnique({ where: key }))) {
      const grant = await tx.roleGrant.create({ data: { userId: user.id, role: input.role, orgUnitId: input.orgUnitId } });
      await recordAudit(tx, {}, { action: 'grant.created', entityType: 'RoleGrant', entityId: grant.id, orgUnitId: input.orgUnitId, data: { userId: user.id, role: input.role, via } });
    }
    return { userId: user.id, created: !existing };
  });
}
