// Hosted files in GraphQL: `beginUpload` (the signed upload link), the StoredFile node (an
// uploader sees their own uploads), the Attachment and Image types every content kind shares,
// and the helpers that give content fields their addresses (public, or signed for this reader).
import { builder } from '../../graphql/builder.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import { InputError, NotFoundError } from '../../errors.js';
import type { Context } from '../../context.js';
import { parseAttachments, type Attachment } from '../releases/release.model.js';
import { hostedFileUrl, servesFilesPublicly, type FileAccess } from './file-access.js';
import { RASTER_IMAGES } from './file-types.js';
import { RENDITION_WIDTHS } from './images.js';
import { beginUpload } from './upload.service.js';
import type { AttachmentInput } from './hosted-attachments.js';

export const StoredFileRef = builder.prismaNode('StoredFile', {
  description: '上传文件 — a file uploaded to this CMS. Readable as a node by its uploader; reached by the public only through content that references it.',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  findUnique: nodeVisibility('StoredFile', (ctx) => ({ uploadedById: ctx.viewer.kind === 'user' ? ctx.viewer.userId : '00000000-0000-0000-0000-000000000000' })),
  fields: (t) => ({
    name: t.exposeString('name', { description: '文件名 — the uploader\'s file name.' }),
    size: t.exposeInt('size', { description: '大小 — bytes as stored (images after their metadata was removed).' }),
    mimeType: t.exposeString('mimeType', { description: '类型 — MIME type, checked from the content.' }),
    sha256: t.exposeString('sha256', { description: '校验值 — SHA-256 of the stored bytes, hex.' }),
    width: t.exposeInt('width', { nullable: true, description: '宽度 — images: pixels.' }),
    height: t.exposeInt('height', { nullable: true, description: '高度 — images: pixels.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '上传时间 — when it was uploaded.' }),
  }),
});

export const ImageRenditionEnum = builder.enumType('ImageRendition', {
  description: '图片规格 — a size of an image made from the original (never enlarged).',
  values: Object.fromEntries(Object.entries(RENDITION_WIDTHS).map(([name, width]) => [name, { description: `${{ THUMBNAIL: '缩略图', LIST: '列表图', DETAIL: '详情图' }[name]} — ${width} px wide.` }])) as Record<keyof typeof RENDITION_WIDTHS, { description: string }>,
});

export const ImageFormatEnum = builder.enumType('ImageFormat', {
  description: '图片格式 — encoding of a rendition.',
  values: {
    WEBP: { value: 'webp', description: '网页图片格式(WebP) — smaller; every current browser.' },
    JPEG: { value: 'jpeg', description: '通用图片格式(JPEG) — for old clients and print.' },
  },
});

/** An attachment as served to one reader: its address is public, or signed for this reader. */
export interface ServedAttachment {
  attachment: Attachment;
  access: FileAccess;
}

function renditionUrl(ctx: Context, file: { fileId: string; name: string }, access: FileAccess, size: string, format: string): string {
  return hostedFileUrl(ctx.config, file, access, ctx.now, new URLSearchParams({ rendition: size, format }));
}

export const AttachmentRef = builder.objectRef<ServedAttachment>('Attachment').implement({
  description: '附件 — a file of the content: uploaded here (hosted) or a link to one hosted elsewhere.',
  fields: (t) => ({
    name: t.string({ description: '文件名 — file name.', resolve: (s) => s.attachment.name }),
    size: t.int({ description: '大小 — size in bytes.', resolve: (s) => s.attachment.size }),
    mimeType: t.string({ description: '类型 — MIME type.', resolve: (s) => s.attachment.mimeType }),
    sha256: t.string({ description: '校验值 — SHA-256 of the file, hex.', resolve: (s) => s.attachment.sha256 }),
    hosted: t.boolean({ description: '本站存储 — uploaded to this CMS (its address is this API\'s /files/…).', resolve: (s) => s.attachment.fileId !== undefined }),
    url: t.string({
      description: '地址 — where to download it. A hosted file of content that is not public gets a signed address that works for minutes (FILE_SIGNED_URL_SECONDS).',
      resolve: (s, _a, ctx) => (s.attachment.fileId === undefined ? s.attachment.url : hostedFileUrl(ctx.config, { fileId: s.attachment.fileId, name: s.attachment.name }, s.access, ctx.now)),
    }),
    imageUrl: t.string({
      nullable: true,
      description: '图片地址 — a hosted image in a rendition (null for other files and links).',
      args: {
        rendition: t.arg({ type: ImageRenditionEnum, required: true, description: '规格 — the size.' }),
        format: t.arg({ type: ImageFormatEnum, defaultValue: 'webp', description: '格式 — the encoding (default WEBP).' }),
      },
      resolve: (s, args, ctx) => {
        const a = s.attachment;
        if (a.fileId === undefined || !isImage(a.mimeType)) return null;
        return renditionUrl(ctx, { fileId: a.fileId, name: a.name }, s.access, args.rendition, args.format ?? 'webp');
      },
    }),
  }),
});

const isImage = (mimeType: string) => RASTER_IMAGES.has(mimeType) || mimeType === 'image/gif';

/** A cover image as served to one reader. */
export interface ServedImage {
  file: { id: string; name: string; width: number | null; height: number | null; mimeType: string };
  access: FileAccess;
}

export const ImageRef = builder.objectRef<ServedImage>('Image').implement({
  description: '图片 — a hosted image (a cover), in renditions made from it.',
  fields: (t) => ({
    name: t.string({ description: '文件名 — file name.', resolve: (s) => s.file.name }),
    width: t.int({ nullable: true, description: '宽度 — of the original, pixels.', resolve: (s) => s.file.width }),
    height: t.int({ nullable: true, description: '高度 — of the original, pixels.', resolve: (s) => s.file.height }),
    url: t.string({
      description: '地址 — the image in a rendition; signed for minutes when its content is not public.',
      args: {
        rendition: t.arg({ type: ImageRenditionEnum, defaultValue: 'DETAIL', description: '规格 — the size (default DETAIL).' }),
        format: t.arg({ type: ImageFormatEnum, defaultValue: 'webp', description: '格式 — the encoding (default WEBP).' }),
      },
      resolve: (s, args, ctx) => renditionUrl(ctx, { fileId: s.file.id, name: s.file.name }, s.access, args.rendition ?? 'DETAIL', args.format ?? 'webp'),
    }),
  }),
});

/** What a content row needs selected to serve its attachments and cover. */
export const FILE_SERVING_SELECT = { status: true, publishedAt: true } as const;

/** The row's attachments with the access its readers get (public while the public is served its body). */
export function servedAttachments(row: { attachments: unknown; status: string; publishedAt: Date | null }, ctx: Context): ServedAttachment[] {
  const access: FileAccess = servesFilesPublicly(row, ctx.now) ? 'public' : 'signed';
  return parseAttachments(row.attachments).map((attachment) => ({ attachment, access }));
}

/**
 * Attachments of an edition that may not be the current one (a revision). Staff of the owning
 * units get signed addresses; anyone else the public address, which answers only while public
 * content still references the file — a file removed from a published release (published by
 * mistake) must not come back through its history.
 */
export function revisionAttachments(attachments: unknown, access: FileAccess): ServedAttachment[] {
  return parseAttachments(attachments).map((attachment) => ({ attachment, access }));
}

export function servedCover(row: { coverFile: ServedImage['file'] | null; status: string; publishedAt: Date | null }, ctx: Context): ServedImage | null {
  return row.coverFile ? { file: row.coverFile, access: servesFilesPublicly(row, ctx.now) ? 'public' : 'signed' } : null;
}

export const COVER_SELECT = { ...FILE_SERVING_SELECT, coverFile: { select: { id: true, name: true, width: true, height: true, mimeType: true } } } as const;

const BeginUploadPayload = builder.objectRef<{ uploadUrl: string; expiresAt: Date; maxBytes: number; mimeType: string }>('BeginUploadPayload').implement({
  description: '上传链接 — where to PUT the file\'s bytes. The answer (201) names the stored file: pass its id as an attachment\'s or cover\'s fileId.',
  fields: (t) => ({
    uploadUrl: t.exposeString('uploadUrl', { description: '上传地址 — PUT the exact bytes here (Content-Length = byteSize); no Authorization header needed, the address is the credential. One file per address.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: '过期时间 — the address works until then (UPLOAD_URL_SECONDS).' }),
    maxBytes: t.exposeInt('maxBytes', { description: '字节数 — the body must be exactly this long.' }),
    mimeType: t.exposeString('mimeType', { description: '类型 — the type the name claims; the content is checked against it.' }),
  }),
});

builder.mutationField('beginUpload', (t) =>
  t.fieldWithInput({
    type: BeginUploadPayload,
    description: '开始上传 — a signed address to upload one file to (staff who write content). The type is checked from the content, images lose their metadata (EXIF, GPS), and the file is stored under its SHA-256.',
    typeOptions: { description: '上传输入 — the file\'s name and size.' },
    input: {
      fileName: t.input.string({ required: true, description: '文件名 — plain file name; its extension must be an allowed type (pdf, ofd, Office, wps, zip, txt, csv, png, jpg, gif, webp, mp3, mp4).' }),
      byteSize: t.input.int({ required: true, description: '大小 — bytes; the limit depends on the type (images 20 MiB, documents 100 MiB, video 500 MiB).' }),
    },
    errors: { types: [InputError, NotFoundError], union: { description: '开始上传结果 — the address, or why not.' } },
    resolve: (_r, { input }, ctx) => beginUpload(ctx.config, ctx.viewer, input, ctx.now),
  }),
);

export const AttachmentInputRef = builder.inputType('AttachmentInput', {
  description: '附件 — a file uploaded here (`fileId` alone), or a link to one hosted elsewhere (name, size, mimeType, sha256 and url).',
  fields: (t) => ({
    fileId: t.globalID({ for: StoredFileRef, description: '上传文件 — a file you uploaded (beginUpload), or one the content already has.' }),
    name: t.string({ description: '文件名 — links: plain file name whose extension fits the type.' }),
    size: t.int({ description: '大小 — links: bytes.' }),
    mimeType: t.string({ description: '类型 — links: MIME type (pdf, ofd, Office, images, …).' }),
    sha256: t.string({ description: '校验值 — links: SHA-256, 64 hex digits.' }),
    url: t.string({ description: '地址 — links: https URL or site path.' }),
  }),
});

type GlobalId = { id: string };
type AttachmentInputValue = { fileId?: GlobalId | null; name?: string | null; size?: number | null; mimeType?: string | null; sha256?: string | null; url?: string | null };

/** The file fields of a content input with their global ids unwrapped, for resolveFileEdits. */
export function fileEditsOf(input: { attachments?: readonly AttachmentInputValue[] | null; coverFileId?: GlobalId | null }): { attachments: readonly AttachmentInput[] | null | undefined; coverFileId: string | null | undefined } {
  // undefined: not in the input (keep); null: clear.
  return {
    attachments: input.attachments === undefined ? undefined : (input.attachments?.map((a) => ({ ...a, fileId: a.fileId?.id ?? null })) ?? null),
    coverFileId: input.coverFileId === undefined ? undefined : (input.coverFileId?.id ?? null),
  };
}
