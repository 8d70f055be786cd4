import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../../graphql/builder.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { countedConnection, idKey, resolvePage, type SortOrder } from '../../graphql/keyset.js';
import { badUserInput } from '../../graphql/errors.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { auditReadWhere } from './audit.permissions.js';

const JsonString = (value: unknown) => JSON.stringify(value ?? {});

const AuditEventRef = builder.prismaNode('AuditEvent', {
  description: '审计事件 — an append-only record of a security-relevant or editorial action. Nobody can change or delete one.',
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeVisibility('AuditEvent', auditReadWhere),
  fields: (t) => ({
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '时间 — when it happened.' }),
    action: t.exposeString('action', { description: '动作 — what happened, e.g. auth.login.failed, grant.created.' }),
    actorUserId: t.field({
      type: 'ID',
      nullable: true,
      description: '操作人 — global id of the user who acted, if any.',
      resolve: (e) => (e.actorUserId ? encodeGlobalId('User', e.actorUserId) : null),
    }),
    actorChannelId: t.field({
      type: 'ID',
      nullable: true,
      description: '操作渠道 — global id of the channel that acted, if any.',
      resolve: (e) => (e.actorChannelId ? encodeGlobalId('ChannelClient', e.actorChannelId) : null),
    }),
    actorAddress: t.exposeString('actorAddress', { nullable: true, description: '来源地址 — client address of the request.' }),
    entityType: t.exposeString('entityType', { nullable: true, description: '对象类型 — type of the object acted on.' }),
    entityId: t.exposeString('entityId', { nullable: true, description: '对象标识 — database id of the object acted on.' }),
    requestId: t.exposeString('requestId', { nullable: true, description: '请求标识 — id of the request, to match server logs.' }),
    data: t.string({ description: '详情 — details as a JSON object string (never secrets or personal data).', resolve: (e) => JsonString(e.data) }),
  }),
});

const AuditEventFilter = builder.inputType('AuditEventFilter', {
  description: '审计筛选 — filter for audit events.',
  fields: (t) => ({
    actions: t.stringList({ description: '动作 — only these actions (exact), e.g. ["auth.login.failed"].' }),
    actionPrefix: t.string({ description: '动作前缀 — only actions starting with this, e.g. "release.".' }),
    actorUserId: t.globalID({ description: '操作人 — only actions of this user.' }),
    entityType: t.string({ description: '对象类型 — only events about this type of object.' }),
    entityId: t.string({ description: '对象标识 — only events about this object (database id).' }),
    occurredAfter: t.field({ type: 'DateTime', description: '起 — at or after this time.' }),
    occurredBefore: t.field({ type: 'DateTime', description: '止 — before this time.' }),
  }),
});

type AuditFilterInput = {
  actions?: string[] | null;
  actionPrefix?: string | null;
  actorUserId?: { id: string; typename: string } | null;
  entityType?: string | null;
  entityId?: string | null;
  occurredAfter?: Date | null;
  occurredBefore?: Date | null;
} | null | undefined;

function auditFilterWhere(filter: AuditFilterInput): Prisma.AuditEventWhereInput {
  if (filter?.actorUserId && filter.actorUserId.typename !== 'User') throw badUserInput('auditEvents: filter.actorUserId must be the id of a User');
  return {
    // Both conditions apply when both are given (never one silently replacing the other).
    AND: [
      ...(filter?.actions?.length ? [{ action: { in: filter.actions } }] : []),
      ...(filter?.actionPrefix ? [{ action: { startsWith: filter.actionPrefix } }] : []),
    ],
    ...(filter?.actorUserId ? { actorUserId: filter.actorUserId.id } : {}),
    ...(filter?.entityType ? { entityType: filter.entityType } : {}),
    ...(filter?.entityId ? { entityId: filter.entityId } : {}),
    ...(filter?.occurredAfter || filter?.occurredBefore
      ? { occurredAt: { ...(filter.occurredAfter ? { gte: filter.occurredAfter } : {}), ...(filter.occurredBefore ? { lt: filter.occurredBefore } : {}) } }
      : {}),
  };
}

builder.queryField('auditEvents', (t) =>
  t.connection(
    {
      type: AuditEventRef,
      nullable: true,
      description: '审计日志 — audit events you may read (admins and auditors), newest first.',
      args: { filter: t.arg({ type: AuditEventFilter, description: '筛选 — optional filter.' }) },
      resolve: async (_r, args, ctx, info) =>
        resolvePage(ctx, info, args, { model: ctx.db.auditEvent, order: AUDIT_ORDER, where: { AND: [await auditReadWhere(ctx), auditFilterWhere(args.filter)] } }) as never,
    },
    countedConnection('AuditEventConnection', '审计连接 — a page of audit events.'),
    { name: 'AuditEventEdge', description: '审计边 — an audit event with its cursor.' },
  ),
);

const AUDIT_ORDER: SortOrder = [{ field: 'occurredAt', direction: 'desc', type: 'date' }, idKey('desc')];
