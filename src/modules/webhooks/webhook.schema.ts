// Webhook endpoints of channel clients and their delivery logs (admins of the channel only).
import type { Context } from '../../context.js';
import { WebhookDeliveryStatus } from '../../generated/prisma/enums.js';
import { builder } from '../../graphql/builder.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import { countedConnection, idKey, resolvePage, type SortOrder } from '../../graphql/keyset.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { InputError, NotFoundError } from '../../errors.js';
import { actorOf } from '../audit/audit.service.js';
import { ChannelClientRef } from '../channels/channel-client.schema.js';
import { webhookDeliveryReadWhere, webhookEndpointReadWhere } from './webhook.permissions.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  replayFailedWebhookDeliveries,
  replayWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookAdminDeps,
} from './webhook.service.js';

const deps = (ctx: Context): WebhookAdminDeps => ({
  db: ctx.db,
  viewer: ctx.viewer,
  actor: actorOf(ctx),
  jobs: ctx.jobs,
  settings: ctx.config.webhooks,
  serverSecret: ctx.config.auth.jwtSecret,
  now: ctx.now,
});

export const WebhookDeliveryStatusEnum = enumFromPrisma('WebhookDeliveryStatus', WebhookDeliveryStatus, '投递状态 — where a webhook delivery stands.', {
  PENDING: '待投递 — waiting for its first attempt or its next retry, or held while its endpoint is switched off or disabled or its channel client is deactivated.',
  DELIVERED: '已送达 — the receiver answered 2xx.',
  FAILED: '失败 — retries ran out (a day of them); can be replayed.',
  SKIPPED: '未发送 — when its turn came the channel could no longer see the event, so nothing was sent.',
});

const DELIVERY_ORDER: SortOrder = [{ field: 'createdAt', direction: 'desc', type: 'date' }, idKey('desc')];

export const WebhookEndpointRef = builder.prismaNode('WebhookEndpoint', {
  description: '推送地址 — a channel client\'s webhook receiver: which events it gets and how its deliveries fare. The secret is never readable.',
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeVisibility('WebhookEndpoint', (ctx) => webhookEndpointReadWhere(ctx.viewer)),
  fields: (t) => ({
    channelClient: t.relation('channelClient', { description: '渠道 — the channel whose view of the changes is delivered.' }),
    url: t.exposeString('url', { description: '接收地址 — the http(s) URL deliveries are POSTed to.' }),
    description: t.exposeString('description', { nullable: true, description: '说明 — notes.' }),
    eventKinds: t.exposeStringList('eventKinds', { description: '事件类型 — the event types delivered (release.published …); empty = every type.' }),
    active: t.exposeBoolean('active', {
      description: '启用 — false: switched off by an admin, or disabled after sustained failure; it holds its deliveries: events are still queued for it (PENDING) and go out, in order, when it is switched on again.',
    }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true, description: '自动停用时间 — when it was disabled after sustained failure; null otherwise.' }),
    disabledReason: t.exposeString('disabledReason', { nullable: true, description: '停用原因 — why it was disabled (failures and the last error).' }),
    failingSince: t.expose('failingSince', { type: 'DateTime', nullable: true, description: '持续失败起始 — since when every attempt has failed; null after a success.' }),
    consecutiveFailures: t.exposeInt('consecutiveFailures', { description: '连续失败次数 — failed attempts in a row.' }),
    previousSecretExpiresAt: t.expose('previousSecretExpiresAt', {
      type: 'DateTime',
      nullable: true,
      description: '旧密钥失效时间 — during a rotation the previous secret also signs until then; null when only one secret signs.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间 — when it was registered.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '修改时间 — last change.' }),
    deliveries: t.connection(
      {
        type: WebhookDeliveryRef,
        description: '投递记录 — the delivery log, newest first.',
        args: { status: t.arg({ type: WebhookDeliveryStatusEnum, description: '状态 — only deliveries in this state.' }) },
        resolve: (endpoint, args, ctx, info) =>
          resolvePage(ctx, info, args, {
            model: ctx.db.webhookDelivery,
            order: DELIVERY_ORDER,
            where: { endpointId: endpoint.id, ...(args.status ? { status: args.status } : {}) },
          }) as never,
      },
      countedConnection('WebhookDeliveryConnection', '投递记录连接 — a page of an endpoint\'s deliveries.'),
      { name: 'WebhookDeliveryEdge', description: '投递记录边 — a delivery with its cursor.' },
    ),
  }),
});

export const WebhookDeliveryRef = builder.prismaNode('WebhookDelivery', {
  description: '投递记录 — one event for one endpoint: its attempts and their outcome.',
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeVisibility('WebhookDelivery', (ctx) => webhookDeliveryReadWhere(ctx.viewer)),
  fields: (t) => ({
    webhookId: t.exposeString('id', { description: '消息标识 — the `webhook-id` header sent with it: the same on every retry and replay.' }),
    endpoint: t.relation('endpoint', { description: '推送地址 — the endpoint it goes to.' }),
    eventType: t.exposeString('topic', { description: '事件类型 — release.published, release.withdrawn, …' }),
    eventSequence: t.string({ description: '事件序号 — the outbox sequence of the event (a decimal string).', resolve: (d) => d.eventSequence.toString() }),
    status: t.expose('status', { type: WebhookDeliveryStatusEnum, description: '状态 — where it stands.' }),
    attempts: t.exposeInt('attempts', { description: '尝试次数 — attempts made so far (replays included).' }),
    responseStatus: t.exposeInt('responseStatus', { nullable: true, description: '响应状态码 — the HTTP status of the last answer; null when none came.' }),
    latencyMs: t.exposeInt('latencyMs', { nullable: true, description: '耗时 — milliseconds the last attempt took.' }),
    lastError: t.exposeString('lastError', { nullable: true, description: '最近错误 — why the last attempt failed (or why nothing was sent).' }),
    firstAttemptAt: t.expose('firstAttemptAt', { type: 'DateTime', nullable: true, description: '首次尝试 — start of the current run of attempts (retries stop a day after it).' }),
    lastAttemptAt: t.expose('lastAttemptAt', { type: 'DateTime', nullable: true, description: '最近尝试 — when the last attempt started.' }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true, description: '下次尝试 — when the next attempt is due (while PENDING).' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true, description: '送达时间 — when a 2xx answer came.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间 — when the event was queued for this endpoint.' }),
  }),
});

builder.queryField('webhookEndpoints', (t) =>
  t.connection(
    {
      type: WebhookEndpointRef,
      nullable: true,
      description: '推送地址列表 — webhook endpoints of the channels you administer, oldest first.',
      args: { channelClientId: t.arg.globalID({ for: ChannelClientRef, description: '渠道 — only this channel\'s endpoints.' }) },
      resolve: (_r, args, ctx, info) =>
        resolvePage(ctx, info, args, {
          model: ctx.db.webhookEndpoint,
          order: [idKey('asc')],
          where: { AND: [webhookEndpointReadWhere(ctx.viewer), args.channelClientId ? { channelClientId: args.channelClientId.id } : {}] },
        }) as never,
    },
    countedConnection('WebhookEndpointConnection', '推送地址连接 — a page of webhook endpoints.'),
    { name: 'WebhookEndpointEdge', description: '推送地址边 — an endpoint with its cursor.' },
  ),
);

const EndpointPayload = (name: string, description: string) =>
  builder.objectRef<{ endpointId: string }>(name).implement({
    description,
    fields: (t) => ({
      endpoint: t.prismaField({
        type: WebhookEndpointRef,
        description: '推送地址 — the endpoint as it is now.',
        resolve: (query, p, _a, ctx) => ctx.db.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: p.endpointId } }),
      }),
    }),
  });

const SecretPayload = (name: string, description: string) =>
  builder.objectRef<{ endpointId: string; secret: string }>(name).implement({
    description,
    fields: (t) => ({
      secret: t.exposeString('secret', { description: '签名密钥 — whsec_…: verify `webhook-signature` with it. Shown this once and never again: store it now.' }),
      endpoint: t.prismaField({
        type: WebhookEndpointRef,
        description: '推送地址 — the endpoint.',
        resolve: (query, p, _a, ctx) => ctx.db.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: p.endpointId } }),
      }),
    }),
  });

const DeleteWebhookEndpointPayload = builder.objectRef<{ endpointId: string }>('DeleteWebhookEndpointPayload').implement({
  description: '删除推送地址结果 — the endpoint is gone, with its delivery log.',
  fields: (t) => ({ deletedEndpointId: t.exposeID('endpointId', { description: '已删除 — the deleted endpoint\'s id (uuid).' }) }),
});

const ReplayWebhookDeliveryPayload = builder.objectRef<{ deliveryId: string }>('ReplayWebhookDeliveryPayload').implement({
  description: '重新投递结果 — the delivery, queued again with the same webhook-id.',
  fields: (t) => ({
    delivery: t.prismaField({
      type: WebhookDeliveryRef,
      description: '投递记录 — the delivery as it is now.',
      resolve: (query, p, _a, ctx) => ctx.db.webhookDelivery.findUniqueOrThrow({ ...query, where: { id: p.deliveryId } }),
    }),
  }),
});

const ReplayFailedWebhookDeliveriesPayload = builder.objectRef<{ endpointId: string; replayed: number }>('ReplayFailedWebhookDeliveriesPayload').implement({
  description: '批量重新投递结果 — how many failed deliveries were queued again.',
  fields: (t) => ({
    replayed: t.exposeInt('replayed', { description: '重新排队数 — deliveries queued again.' }),
    endpoint: t.prismaField({
      type: WebhookEndpointRef,
      description: '推送地址 — the endpoint.',
      resolve: (query, p, _a, ctx) => ctx.db.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: p.endpointId } }),
    }),
  }),
});

const EVENT_KINDS_HELP = 'release.published, release.corrected, release.withdrawn, release.repealed, release.republished, interpretation.published, interpretation.updated, interpretation.withdrawn, response.published, response.withdrawn; staff notices, only when listed here and only for a channel owned by the unit or an ancestor: reminder.due_soon, disclosure_request.extended';

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.fieldWithInput({
    type: SecretPayload('CreateWebhookEndpointPayload', '注册推送地址结果 — the endpoint and its signing secret (shown once).'),
    description: '注册推送地址 — register a webhook receiver for a channel (admins of the channel\'s unit). Private, loopback and link-local addresses are refused unless WEBHOOK_ALLOWED_HOSTS names them.',
    typeOptions: { description: '注册推送地址输入 — the receiver and what it gets.' },
    input: {
      channelClientId: t.input.globalID({ required: true, for: ChannelClientRef, description: '渠道 — the channel whose view of the changes is delivered.' }),
      url: t.input.string({ required: true, description: '接收地址 — http:// or https:// URL.' }),
      eventKinds: t.input.stringList({ description: `事件类型 — some of: ${EVENT_KINDS_HELP}; omit or empty for all content events (never notices).` }),
      description: t.input.string({ description: '说明 — notes.' }),
      active: t.input.boolean({ description: '启用 — default true.' }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '注册推送地址结果 — the endpoint, or why not.' } },
    resolve: async (_r, { input }, ctx) => createWebhookEndpoint(deps(ctx), { ...input, channelClientId: input.channelClientId.id }),
  }),
  updateWebhookEndpoint: t.fieldWithInput({
    type: EndpointPayload('UpdateWebhookEndpointPayload', '修改推送地址结果 — the changed endpoint.'),
    description: '修改推送地址 — change the URL, event types or notes, switch it off (it holds its deliveries), or on again (which clears a disabled endpoint\'s failure state and sends everything pending, in order).',
    typeOptions: { description: '修改推送地址输入 — fields to change; omitted fields stay.' },
    input: {
      id: t.input.globalID({ required: true, for: WebhookEndpointRef, description: '推送地址 — the endpoint.' }),
      url: t.input.string({ description: '接收地址 — new URL.' }),
      eventKinds: t.input.stringList({ description: '事件类型 — new list; empty for all.' }),
      description: t.input.string({ description: '说明 — new notes.' }),
      active: t.input.boolean({ description: '启用 — false holds deliveries (events are still queued for it); true sends what is held (and re-enables a disabled endpoint).' }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '修改推送地址结果 — the endpoint, or why not.' } },
    resolve: async (_r, { input }, ctx) => updateWebhookEndpoint(deps(ctx), { ...input, id: input.id.id }),
  }),
  deleteWebhookEndpoint: t.fieldWithInput({
    type: DeleteWebhookEndpointPayload,
    description: '删除推送地址 — remove an endpoint and its delivery log.',
    typeOptions: { description: '删除推送地址输入 — the endpoint.' },
    input: { id: t.input.globalID({ required: true, for: WebhookEndpointRef, description: '推送地址 — the endpoint.' }) },
    errors: { types: [NotFoundError], union: { description: '删除推送地址结果 — done, or why not.' } },
    resolve: async (_r, { input }, ctx) => deleteWebhookEndpoint(deps(ctx), input.id.id),
  }),
  rotateWebhookSecret: t.fieldWithInput({
    type: SecretPayload('RotateWebhookSecretPayload', '轮换密钥结果 — the new secret (shown once); the old one signs too until previousSecretExpiresAt.'),
    description: '轮换密钥 — a new signing secret; during the overlap every delivery carries both signatures (new first).',
    typeOptions: { description: '轮换密钥输入 — the endpoint and the overlap.' },
    input: {
      id: t.input.globalID({ required: true, for: WebhookEndpointRef, description: '推送地址 — the endpoint.' }),
      overlapSeconds: t.input.int({ description: '重叠期 — seconds the old secret keeps signing (default WEBHOOK_SECRET_OVERLAP_SECONDS, 24 h); 0 drops it at once.' }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '轮换密钥结果 — the new secret, or why not.' } },
    resolve: async (_r, { input }, ctx) => rotateWebhookSecret(deps(ctx), { ...input, id: input.id.id }),
  }),
  replayWebhookDelivery: t.fieldWithInput({
    type: ReplayWebhookDeliveryPayload,
    description: '重新投递 — send a delivery again (same webhook-id), whatever its outcome was; held like any pending delivery while the endpoint is off or its channel client is deactivated.',
    typeOptions: { description: '重新投递输入 — the delivery.' },
    input: { id: t.input.globalID({ required: true, for: WebhookDeliveryRef, description: '投递记录 — the delivery.' }) },
    errors: { types: [NotFoundError], union: { description: '重新投递结果 — the delivery, or why not.' } },
    resolve: async (_r, { input }, ctx) => replayWebhookDelivery(deps(ctx), input.id.id),
  }),
  replayFailedWebhookDeliveries: t.fieldWithInput({
    type: ReplayFailedWebhookDeliveriesPayload,
    description: '批量重新投递 — send again every FAILED delivery (its retries ran out) of an endpoint queued since a time.',
    typeOptions: { description: '批量重新投递输入 — the endpoint and since when.' },
    input: {
      endpointId: t.input.globalID({ required: true, for: WebhookEndpointRef, description: '推送地址 — the endpoint.' }),
      since: t.input.field({ type: 'DateTime', required: true, description: '起始时间 — failed deliveries queued at or after this time.' }),
    },
    errors: { types: [NotFoundError], union: { description: '批量重新投递结果 — how many, or why not.' } },
    resolve: async (_r, { input }, ctx) => replayFailedWebhookDeliveries(deps(ctx), { endpointId: input.endpointId.id, since: input.since }),
  }),
}));
