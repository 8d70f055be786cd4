// Draft previews (release-preview.service.ts): create, list and revoke preview tokens of a release.
// A front end sends the token as `Authorization: Preview <token>` and reads that one release
// through the normal queries (node, nodes, releaseByIndexNo once it has one, relations).
import { builder } from '../../graphql/builder.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { InputError, NotFoundError } from '../../errors.js';
import { actorOf } from '../audit/audit.service.js';
import { releaseWorkspaceWhere } from './release.permissions.js';
import { ReleaseRef } from './release.schema.js';
import { createReleasePreview, DEFAULT_PREVIEW_HOURS, MAX_PREVIEW_HOURS, mayListPreviews, revokeReleasePreview } from './release-preview.service.js';

export const ReleasePreviewRef = builder.prismaNode('ReleasePreview', {
  description: '预览链接 — a preview token of one release (metadata only: the token itself is shown once, when it is created).',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  // Staff of the release's units only, even by id.
  findUnique: nodeVisibility('ReleasePreview', (ctx) => ({ release: releaseWorkspaceWhere(ctx.viewer) })),
  fields: (t) => ({
    prefix: t.exposeString('prefix', { description: '前缀 — the public lookup part (gkp_<prefix>_…), to recognise a token.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: '过期时间 — when the token stops working.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: '撤销时间 — when it was revoked.' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: '最近使用 — last use, to the minute.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间 — when it was created.' }),
    active: t.boolean({
      description: '有效 — neither revoked nor expired.',
      select: { revokedAt: true, expiresAt: true },
      resolve: (p, _a, ctx) => !p.revokedAt && p.expiresAt > ctx.now,
    }),
    createdByName: t.string({
      nullable: true,
      description: '创建人 — who created it.',
      select: { createdBy: { select: { displayName: true } } },
      resolve: (p) => p.createdBy?.displayName ?? null,
    }),
    release: t.relation('release', { nullable: true, description: '公开信息 — the release it shows.' }),
  }),
});

builder.queryField('releasePreviews', (t) =>
  t.prismaField({
    type: [ReleasePreviewRef],
    nullable: true,
    description: '预览链接列表 — the preview tokens of a release, newest first (revoked and expired ones included); null unless you hold a role on its unit.',
    args: { releaseId: t.arg.globalID({ required: true, for: ReleaseRef, description: '公开信息 — the release.' }) },
    resolve: async (query, _root, { releaseId }, ctx) => {
      const release = await ctx.db.release.findUnique({ where: { id: releaseId.id }, select: { publisher: { select: { path: true } } } });
      if (!release || !mayListPreviews(ctx.viewer, release.publisher.path)) return null;
      return ctx.db.releasePreview.findMany({ ...query, where: { releaseId: releaseId.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    },
  }),
);

const CreateReleasePreviewPayload = builder.objectRef<{ previewId: string; token: string }>('CreateReleasePreviewPayload').implement({
  description: '创建预览链接结果 — the new token. `token` is shown this once and never again.',
  fields: (t) => ({
    token: t.exposeString('token', {
      description: '预览令牌 — send as `Authorization: Preview <token>` (never in a URL) to read this release through the normal queries until it expires or is revoked.',
    }),
    preview: t.prismaField({
      type: ReleasePreviewRef,
      description: '预览链接 — the token\'s metadata.',
      resolve: (query, p, _a, ctx) => ctx.db.releasePreview.findUniqueOrThrow({ ...query, where: { id: p.previewId } }),
    }),
  }),
});

const RevokeReleasePreviewPayload = builder.objectRef<{ previewId: string }>('RevokeReleasePreviewPayload').implement({
  description: '撤销预览链接结果 — the revoked token; it stops working at once.',
  fields: (t) => ({
    preview: t.prismaField({
      type: ReleasePreviewRef,
      description: '预览链接 — the token\'s metadata.',
      resolve: (query, p, _a, ctx) => ctx.db.releasePreview.findUniqueOrThrow({ ...query, where: { id: p.previewId } }),
    }),
  }),
});

builder.mutationFields((t) => ({
  createReleasePreview: t.fieldWithInput({
    type: CreateReleasePreviewPayload,
    description:
      '创建预览链接 — a token that lets a front end read this release as it is now, whatever its status, and nothing else not public (editors and reviewers of its unit). Audited.',
    typeOptions: { description: '创建预览链接输入 — the release and how long the token lasts.' },
    input: {
      releaseId: t.input.globalID({ required: true, for: ReleaseRef, description: '公开信息 — the release to preview.' }),
      expiresInHours: t.input.int({ description: `有效期(小时) — 1–${MAX_PREVIEW_HOURS}; default ${DEFAULT_PREVIEW_HOURS}.` }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '创建预览链接结果 — the token, or why not.' } },
    resolve: (_r, { input }, ctx) => createReleasePreview(ctx.db, ctx.viewer, actorOf(ctx), { releaseId: input.releaseId.id, expiresInHours: input.expiresInHours ?? null }, ctx.now),
  }),
  revokeReleasePreview: t.fieldWithInput({
    type: RevokeReleasePreviewPayload,
    description: '撤销预览链接 — revoke a preview token; it answers 401 from the next request on (editors and reviewers of the release\'s unit). Audited.',
    typeOptions: { description: '撤销预览链接输入 — the token.' },
    input: { previewId: t.input.globalID({ required: true, for: ReleasePreviewRef, description: '预览链接 — the token to revoke.' }) },
    errors: { types: [NotFoundError], union: { description: '撤销预览链接结果 — the token, or why not.' } },
    resolve: (_r, { input }, ctx) => revokeReleasePreview(ctx.db, ctx.viewer, actorOf(ctx), input.previewId.id, ctx.now),
  }),
}));
