import { containsText } from '../../db/text-search.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { Role, UserStatus } from '../../generated/prisma/enums.js';
import { builder } from '../../graphql/builder.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import { AlreadyExistsError, InputError, NotFoundError } from '../../errors.js';
import { countedConnection, resolvePage, type SortOrder } from '../../graphql/keyset.js';
import { badUserInput } from '../../graphql/errors.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { actorOf } from '../audit/audit.service.js';
import { OrgUnitRef } from '../org/org-unit.schema.js';
import { userReadWhere } from './user.permissions.js';
import { TotpStateError } from '../auth/totp.service.js';
import { createUser, deactivateUser, grantRole, resetUserTotp, revokeRole, updateUser } from './user.service.js';

export const RoleEnum = enumFromPrisma('Role', Role, '角色 — a role held on an org unit and its subtree.', {
  ADMIN: '管理员 — manages users, roles, org units, channels and the calendar in the subtree.',
  REVIEWER: '审核员 — approves, publishes, schedules and withdraws the subtree\'s releases.',
  EDITOR: '编辑 — drafts releases, interpretations and responses for the subtree.',
  AUDITOR: '审计员 — reads everything in the subtree, including history and the audit log; changes nothing.',
});

const UserStatusEnum = enumFromPrisma('UserStatus', UserStatus, '账号状态 — whether an account can sign in.', {
  ACTIVE: '启用 — can sign in.',
  DEACTIVATED: '停用 — cannot sign in; its tokens no longer work.',
});

export const UserRef = builder.prismaNode('User', {
  description: '用户 — a staff account. Password hashes and tokens are never exposed.',
  id: { field: 'id' },
  nullable: true,
  // Node refetches obey the same row filter as the `users` list.
  findUnique: nodeVisibility('User', (ctx) => userReadWhere(ctx.viewer)),
  fields: (t) => ({
    username: t.exposeString('username', { description: '用户名 — login name.' }),
    displayName: t.exposeString('displayName', { description: '姓名 — name shown to colleagues.' }),
    status: t.expose('status', { type: UserStatusEnum, description: '状态 — active or deactivated.' }),
    lastLoginAt: t.expose('lastLoginAt', { type: 'DateTime', nullable: true, description: '最近登录 — last successful sign-in.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间 — when the account was created.' }),
    twoFactorEnabledAt: t.field({
      type: 'DateTime',
      nullable: true,
      select: { totp: { select: { confirmedAt: true } } },
      description: '两步验证启用时间 — when TOTP sign-in was confirmed; null without it (or while an enrolment is pending).',
      resolve: (user) => user.totp?.confirmedAt ?? null,
    }),
    recoveryCodesLeft: t.int({
      nullable: true,
      select: { totp: { select: { confirmedAt: true } }, _count: { select: { totpRecoveryCodes: { where: { usedAt: null } } } } },
      description: '剩余恢复码 — unused recovery codes; null without two-factor sign-in. Regenerate them (regenerateTotpRecoveryCodes) before they run out.',
      resolve: (user) => (user.totp?.confirmedAt ? user._count.totpRecoveryCodes : null),
    }),
    grants: t.relation('grants', {
      description: '角色授权 — the roles this user holds, each on an org unit and its subtree.',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

export const RoleGrantRef = builder.prismaNode('RoleGrant', {
  description: '角色授权 — a role held on an org unit, valid for its whole subtree.',
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeVisibility('RoleGrant', (ctx) => ({ user: userReadWhere(ctx.viewer) })),
  fields: (t) => ({
    role: t.expose('role', { type: RoleEnum, description: '角色 — the role.' }),
    orgUnit: t.relation('orgUnit', { description: '机构 — the unit whose subtree the role covers.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '授权时间 — when the role was granted.' }),
  }),
});

const UserFilter = builder.inputType('UserFilter', {
  description: '用户筛选 — filter for staff accounts.',
  fields: (t) => ({
    search: t.string({ description: '检索 — part of the username or display name.' }),
    status: t.field({ type: UserStatusEnum, description: '状态 — only accounts in this state.' }),
    role: t.field({ type: RoleEnum, description: '角色 — only accounts holding this role somewhere.' }),
    orgUnitId: t.globalID({ description: '机构 — only accounts holding a role on this unit.' }),
  }),
});

function userFilterWhere(filter: { search?: string | null; status?: UserStatus | null; role?: Role | null; orgUnitId?: { id: string; typename: string } | null } | null | undefined): Prisma.UserWhereInput {
  if (filter?.orgUnitId && filter.orgUnitId.typename !== 'OrgUnit') throw badUserInput('users: filter.orgUnitId must be the id of an OrgUnit');
  const search = filter?.search?.trim();
  return {
    ...(search ? { OR: [{ username: containsText(search) }, { displayName: containsText(search) }] } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.role || filter?.orgUnitId
      ? { grants: { some: { ...(filter.role ? { role: filter.role } : {}), ...(filter.orgUnitId ? { orgUnitId: filter.orgUnitId.id } : {}) } } }
      : {}),
  };
}

builder.queryField('users', (t) =>
  t.connection(
    {
      type: UserRef,
      nullable: true,
      description: '用户列表 — staff accounts you may see (admins and auditors), by username.',
      args: { filter: t.arg({ type: UserFilter, description: '筛选 — optional filter.' }) },
      resolve: (_root, args, ctx, info) =>
        resolvePage(ctx, info, args, { model: ctx.db.user, order: USER_ORDER, where: { AND: [userReadWhere(ctx.viewer), userFilterWhere(args.filter)] } }) as never,
    },
    countedConnection('UserConnection', '用户连接 — a page of users.'),
    { name: 'UserEdge', description: '用户边 — a user with its cursor.' },
  ),
);

/** Usernames are unique. */
const USER_ORDER: SortOrder = [{ field: 'username', direction: 'asc', type: 'string' }];

const UserPayload = (name: string, description: string) =>
  builder.objectRef<{ userId: string }>(name).implement({
    description,
    fields: (t) => ({
      user: t.prismaField({
        type: UserRef,
        description: '用户 — the account as it is now.',
        resolve: (query, p, _a, ctx) => ctx.db.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
      }),
    }),
  });

const GrantPayload = (name: string, description: string) =>
  builder.objectRef<{ userId: string; grantId: string }>(name).implement({
    description,
    fields: (t) => ({
      grantId: t.exposeID('grantId', { description: '授权标识 — global id of the grant.' }),
      user: t.prismaField({
        type: UserRef,
        description: '用户 — the account with its roles as they are now.',
        resolve: (query, p, _a, ctx) => ctx.db.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
      }),
    }),
  });

const grantGlobalId = (id: string) => encodeGlobalId('RoleGrant', id);

const InitialGrantInput = builder.inputType('InitialGrantInput', {
  description: '初始角色 — the role a new account starts with.',
  fields: (t) => ({
    role: t.field({ type: RoleEnum, required: true, description: '角色 — the role.' }),
    orgUnitId: t.globalID({ required: true, for: OrgUnitRef, description: '机构 — a unit you administer; the role covers its subtree.' }),
  }),
});

builder.mutationFields((t) => ({
  createUser: t.fieldWithInput({
    type: UserPayload('CreateUserPayload', '创建用户结果 — the new account.'),
    description: '创建用户 — create a staff account (admins), with its first role. Admins of a subtree must give it a role there; only county-wide admins may create an account without one.',
    typeOptions: { description: '创建用户输入 — the new account and its first role; no status can be set here.' },
    input: {
      username: t.input.string({ required: true, description: '用户名 — 3–64 of a-z 0-9 . _ -.' }),
      password: t.input.string({ required: true, description: '初始密码 — 12–128 characters.' }),
      displayName: t.input.string({ required: true, description: '姓名 — name shown to colleagues.' }),
      grant: t.input.field({ type: InitialGrantInput, description: '初始角色 — a role on a unit you administer (required unless you administer the whole county).' }),
    },
    errors: { types: [InputError, AlreadyExistsError, NotFoundError], union: { description: '创建用户结果 — the account, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({
      userId: (await createUser(ctx.db, ctx.viewer, actorOf(ctx), { ...input, grant: input.grant ? { role: input.grant.role, orgUnitId: input.grant.orgUnitId.id } : null })).id,
    }),
  }),
  updateUser: t.fieldWithInput({
    type: UserPayload('UpdateUserPayload', '修改用户结果 — the changed account.'),
    description: '修改用户 — change a display name or reset a password (admins of all the user\'s units). A new password ends the user\'s sessions.',
    typeOptions: { description: '修改用户输入 — fields to change; omitted fields stay.' },
    input: {
      userId: t.input.globalID({ required: true, for: UserRef, description: '用户 — the account.' }),
      displayName: t.input.string({ description: '姓名 — new display name.' }),
      password: t.input.string({ description: '新密码 — new password, 12–128 characters.' }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '修改用户结果 — the account, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({
      userId: (await updateUser(ctx.db, ctx.viewer, actorOf(ctx), { ...input, userId: input.userId.id }, ctx.now)).id,
    }),
  }),
  deactivateUser: t.fieldWithInput({
    type: UserPayload('DeactivateUserPayload', '停用用户结果 — the deactivated account.'),
    description: '停用用户 — stop an account from signing in; its tokens stop working at once.',
    typeOptions: { description: '停用用户输入 — the account.' },
    input: { userId: t.input.globalID({ required: true, for: UserRef, description: '用户 — the account.' }) },
    errors: { types: [InputError, NotFoundError], union: { description: '停用用户结果 — the account, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({ userId: (await deactivateUser(ctx.db, ctx.viewer, actorOf(ctx), input.userId.id, ctx.now)).id }),
  }),
  resetUserTotp: t.fieldWithInput({
    type: UserPayload('ResetUserTotpPayload', '重置两步验证结果 — the account, now without two-factor sign-in.'),
    description: '重置两步验证 — for a colleague who lost the authenticator and the recovery codes (admins of all the user\'s units; never yourself): their TOTP and recovery codes are deleted and their sessions end. They sign in with the password and enrol again.',
    typeOptions: { description: '重置两步验证输入 — the account.' },
    input: { userId: t.input.globalID({ required: true, for: UserRef, description: '用户 — the account.' }) },
    errors: { types: [InputError, NotFoundError, TotpStateError], union: { description: '重置结果 — the account, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({ userId: (await resetUserTotp(ctx.db, ctx.viewer, actorOf(ctx), input.userId.id, ctx.now)).id }),
  }),
  grantRole: t.fieldWithInput({
    type: GrantPayload('GrantRolePayload', '授权结果 — the grant and the account.'),
    description: '授予角色 — give a user a role on an org unit you administer (never to yourself).',
    typeOptions: { description: '授权输入 — who, which role, on which unit.' },
    input: {
      userId: t.input.globalID({ required: true, for: UserRef, description: '用户 — the account.' }),
      role: t.input.field({ type: RoleEnum, required: true, description: '角色 — the role.' }),
      orgUnitId: t.input.globalID({ required: true, for: OrgUnitRef, description: '机构 — the unit; the role covers its subtree.' }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '授权结果 — the grant, or why not.' } },
    resolve: async (_r, { input }, ctx) => {
      const grant = await grantRole(ctx.db, ctx.viewer, actorOf(ctx), { userId: input.userId.id, role: input.role, orgUnitId: input.orgUnitId.id });
      return { userId: grant.userId, grantId: grantGlobalId(grant.id) };
    },
  }),
  revokeRole: t.fieldWithInput({
    type: GrantPayload('RevokeRolePayload', '撤销授权结果 — the removed grant and the account.'),
    description: '撤销角色 — remove a role grant on a unit you administer (never your own).',
    typeOptions: { description: '撤销授权输入 — the grant.' },
    input: { grantId: t.input.globalID({ required: true, for: RoleGrantRef, description: '授权 — the grant to remove.' }) },
    errors: { types: [InputError, NotFoundError], union: { description: '撤销授权结果 — the grant, or why not.' } },
    resolve: async (_r, { input }, ctx) => {
      const grant = await revokeRole(ctx.db, ctx.viewer, actorOf(ctx), input.grantId.id);
      return { userId: grant.userId, grantId: grantGlobalId(grant.id) };
    },
  }),
}));
