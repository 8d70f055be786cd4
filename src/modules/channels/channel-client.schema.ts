import { builder } from '../../graphql/builder.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { countedConnection, idKey, resolvePage } from '../../graphql/keyset.js';
import { InputError, NotFoundError } from '../../errors.js';
import { actorOf } from '../audit/audit.service.js';
import { OrgUnitRef } from '../org/org-unit.schema.js';
import { ChannelKindEnum } from '../releases/release.schema.js';
import { channelReadWhere } from './channel.permissions.js';
import { createChannelClient, issueApiKey, MAX_OPERATIONS_PER_MINUTE, revokeApiKey, updateApiKey, updateChannelClient } from './channel.service.js';

export const ApiKeyRef = builder.prismaNode('ApiKey', {
  description: '接口密钥 — an API key of a channel: metadata only; the key itself is shown once, at issue.',
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeVisibility('ApiKey', (ctx) => ({ channelClient: channelReadWhere(ctx.viewer) })),
  fields: (t) => ({
    prefix: t.exposeString('prefix', { description: '前缀 — the public lookup part (gk_<prefix>_…), to recognise a key.' }),
    label: t.exposeString('label', { nullable: true, description: '标签 — what the key is for.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: '过期时间 — when the key stops working; null = never.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: '吊销时间 — when the key was revoked.' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: '最近使用 — last use, to the minute.' }),
    trustedDocumentsOnly: t.exposeBoolean('trustedDocumentsOnly', {
      description: '仅限可信文档 — true: the key may only name documents of the trusted-documents manifest ({"documentId": "sha256:…"}); query text is refused (PERSISTED_DOCUMENT_REQUIRED). New keys: true; keys issued before trusted documents existed: false.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '签发时间 — when the key was issued.' }),
  }),
});

export const ChannelClientRef = builder.prismaNode('ChannelClient', {
  description: '渠道 — a consumer of published content (website, mini-program, kiosk, new media) with its API keys.',
  id: { field: 'id' },
  nullable: true,
  findUnique: nodeVisibility('ChannelClient', (ctx) => channelReadWhere(ctx.viewer)),
  fields: (t) => ({
    name: t.exposeString('name', { description: '名称 — name of the channel.' }),
    kind: t.expose('kind', { type: ChannelKindEnum, description: '类型 — the kind; it decides which releases the channel sees.' }),
    description: t.exposeString('description', { nullable: true, description: '说明 — notes.' }),
    active: t.exposeBoolean('active', { description: '启用 — false stops all its keys.' }),
    operationsPerMinute: t.exposeInt('operationsPerMinute', {
      nullable: true,
      description: '每分钟操作上限 — operations all the channel\'s keys together may run per minute (each operation counts 1, or one per list it asks for); null: the server\'s CHANNEL_OPERATIONS_PER_MINUTE.',
    }),
    orgUnit: t.relation('orgUnit', { nullable: true, description: '所属机构 — the unit that owns the channel; null for county-wide.' }),
    apiKeys: t.relation('apiKeys', {
      description: '接口密钥 — the channel\'s keys, newest first (metadata only).',
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间 — when the channel was registered.' }),
  }),
});

builder.queryField('channelClients', (t) =>
  t.connection(
    {
      type: ChannelClientRef,
      nullable: true,
      description: '渠道列表 — channel clients you may see (admins and auditors), in the order they were registered.',
      resolve: (_r, args, ctx, info) => resolvePage(ctx, info, args, { model: ctx.db.channelClient, order: [idKey('asc')], where: channelReadWhere(ctx.viewer) }) as never,
    },
    countedConnection('ChannelClientConnection', '渠道连接 — a page of channel clients.'),
    { name: 'ChannelClientEdge', description: '渠道边 — a channel client with its cursor.' },
  ),
);

const ChannelPayload = (name: string, description: string) =>
  builder.objectRef<{ channelClientId: string }>(name).implement({
    description,
    fields: (t) => ({
      channelClient: t.prismaField({
        type: ChannelClientRef,
        description: '渠道 — the channel as it is now.',
        resolve: (query, p, _a, ctx) => ctx.db.channelClient.findUniqueOrThrow({ ...query, where: { id: p.channelClientId } }),
      }),
    }),
  });

const IssueApiKeyPayload = builder.objectRef<{ apiKeyId: string; key: string }>('IssueApiKeyPayload').implement({
  description: '签发密钥结果 — the new key. `key` is shown this once and never again: store it now.',
  fields: (t) => ({
    key: t.exposeString('key', { description: '密钥 — send as `Authorization: ApiKey <key>`; never in a URL.' }),
    apiKey: t.prismaField({
      type: ApiKeyRef,
      description: '密钥信息 — the key\'s metadata.',
      resolve: (query, p, _a, ctx) => ctx.db.apiKey.findUniqueOrThrow({ ...query, where: { id: p.apiKeyId } }),
    }),
  }),
});

const UpdateApiKeyPayload = builder.objectRef<{ apiKeyId: string }>('UpdateApiKeyPayload').implement({
  description: '修改密钥结果 — the changed key.',
  fields: (t) => ({
    apiKey: t.prismaField({
      type: ApiKeyRef,
      description: '密钥信息 — the key\'s metadata.',
      resolve: (query, p, _a, ctx) => ctx.db.apiKey.findUniqueOrThrow({ ...query, where: { id: p.apiKeyId } }),
    }),
  }),
});

const RevokeApiKeyPayload = builder.objectRef<{ apiKeyId: string }>('RevokeApiKeyPayload').implement({
  description: '吊销密钥结果 — the revoked key.',
  fields: (t) => ({
    apiKey: t.prismaField({
      type: ApiKeyRef,
      description: '密钥信息 — the key\'s metadata.',
      resolve: (query, p, _a, ctx) => ctx.db.apiKey.findUniqueOrThrow({ ...query, where: { id: p.apiKeyId } }),
    }),
  }),
});

builder.mutationFields((t) => ({
  createChannelClient: t.fieldWithInput({
    type: ChannelPayload('CreateChannelClientPayload', '注册渠道结果 — the new channel.'),
    description: '注册渠道 — register a channel client (admins of its unit; county-wide admins for channels without one).',
    typeOptions: { description: '注册渠道输入 — the new channel.' },
    input: {
      name: t.input.string({ required: true, description: '名称 — name.' }),
      kind: t.input.field({ type: ChannelKindEnum, required: true, description: '类型 — kind of channel.' }),
      description: t.input.string({ description: '说明 — notes.' }),
      orgUnitId: t.input.globalID({ for: OrgUnitRef, description: '所属机构 — owning unit, e.g. a township\'s kiosk.' }),
      operationsPerMinute: t.input.int({ description: `每分钟操作上限 — the channel's own rate limit (1–${MAX_OPERATIONS_PER_MINUTE}); omit for the server's default.` }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '注册渠道结果 — the channel, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({
      channelClientId: (await createChannelClient(ctx.db, ctx.viewer, actorOf(ctx), { ...input, orgUnitId: input.orgUnitId?.id ?? null })).id,
    }),
  }),
  updateChannelClient: t.fieldWithInput({
    type: ChannelPayload('UpdateChannelClientPayload', '修改渠道结果 — the changed channel.'),
    description: '修改渠道 — rename, describe, disable or re-enable a channel.',
    typeOptions: { description: '修改渠道输入 — fields to change; omitted fields stay.' },
    input: {
      id: t.input.globalID({ required: true, for: ChannelClientRef, description: '渠道 — the channel.' }),
      name: t.input.string({ description: '名称 — new name.' }),
      description: t.input.string({ description: '说明 — new notes.' }),
      active: t.input.boolean({ description: '启用 — false stops every key of the channel at once.' }),
      operationsPerMinute: t.input.int({ description: `每分钟操作上限 — the channel's own rate limit (1–${MAX_OPERATIONS_PER_MINUTE}); null: back to the server's default; omitted: unchanged. Takes effect at the next request.` }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '修改渠道结果 — the channel, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({
      channelClientId: (await updateChannelClient(ctx.db, ctx.viewer, actorOf(ctx), { ...input, id: input.id.id })).id,
    }),
  }),
  issueApiKey: t.fieldWithInput({
    type: IssueApiKeyPayload,
    description: '签发密钥 — issue an API key for a channel; the key is returned once.',
    typeOptions: { description: '签发密钥输入 — the channel and the key\'s label and expiry.' },
    input: {
      channelClientId: t.input.globalID({ required: true, for: ChannelClientRef, description: '渠道 — the channel.' }),
      label: t.input.string({ description: '标签 — what the key is for.' }),
      expiresAt: t.input.field({ type: 'DateTime', description: '过期时间 — when it stops working; omit for no expiry.' }),
      trustedDocumentsOnly: t.input.boolean({ description: '仅限可信文档 — the key may only name trusted documents (default true); false lets it send query text.' }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '签发密钥结果 — the key, or why not.' } },
    resolve: async (_r, { input }, ctx) => {
      const { apiKey, key } = await issueApiKey(ctx.db, ctx.viewer, actorOf(ctx), { ...input, channelClientId: input.channelClientId.id }, ctx.now);
      return { apiKeyId: apiKey.id, key };
    },
  }),
  updateApiKey: t.fieldWithInput({
    type: UpdateApiKeyPayload,
    description: '修改密钥 — change a key\'s label or whether it may send query text; takes effect at the key\'s next request.',
    typeOptions: { description: '修改密钥输入 — the key and the settings to change; omitted ones stay.' },
    input: {
      apiKeyId: t.input.globalID({ required: true, for: ApiKeyRef, description: '密钥 — the key.' }),
      trustedDocumentsOnly: t.input.boolean({ description: '仅限可信文档 — true: only documents of the manifest; false: query text too.' }),
      label: t.input.string({ description: '标签 — new label ("" clears it).' }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '修改密钥结果 — the key, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({ apiKeyId: (await updateApiKey(ctx.db, ctx.viewer, actorOf(ctx), { ...input, apiKeyId: input.apiKeyId.id })).id }),
  }),
  revokeApiKey: t.fieldWithInput({
    type: RevokeApiKeyPayload,
    description: '吊销密钥 — revoke an API key; it stops working at once.',
    typeOptions: { description: '吊销密钥输入 — the key.' },
    input: { apiKeyId: t.input.globalID({ required: true, for: ApiKeyRef, description: '密钥 — the key to revoke.' }) },
    errors: { types: [NotFoundError], union: { description: '吊销密钥结果 — the key, or why not.' } },
    resolve: async (_r, { input }, ctx) => ({ apiKeyId: (await revokeApiKey(ctx.db, ctx.viewer, actorOf(ctx), input.apiKeyId.id, ctx.now)).id }),
  }),
}));
