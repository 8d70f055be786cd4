// Attachments and covers as editors give them: a hosted file by id, or a link's metadata. A
// hosted file may be attached by the user who uploaded it, or kept where it already is (a later
// editor re-saving the content); any other id answers as an unknown file. Otherwise anyone who
// learnt a file id could attach someone else's draft file to public content and fetch it.
import { staffUserId, type Viewer } from '../../auth/viewer.js';
import { InputError, InputProblems } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Attachment } from '../releases/release.model.js';
import { RASTER_IMAGES } from './file-types.js';

/** One attachment as an input gives it: `fileId` alone, or the five facts of a link. */
export interface AttachmentInput {
  fileId?: string | null;
  name?: string | null;
  size?: number | null;
  mimeType?: string | null;
  sha256?: string | null;
  url?: string | null;
}

type Files = Pick<PrismaClient, 'storedFile'>;

/**
 * The attachments an input means: undefined and null pass through (keep / clear). Hosted files
 * take their facts from the stored file.
 */
export async function attachmentsFromInput(db: Files, viewer: Viewer, given: readonly AttachmentInput[] | null | undefined, current: readonly Attachment[]): Promise<Attachment[] | null | undefined> {
  if (given === undefined || given === null) return given;
  const ids = given.flatMap((a) => (a.fileId ? [a.fileId] : []));
  const files = ids.length === 0 ? [] : await db.storedFile.findMany({ where: { id: { in: ids } } });
  const byId = new Map(files.map((f) => [f.id, f]));
  const kept = new Set(current.flatMap((a) => (a.fileId ? [a.fileId] : [])));
  // Every bad item at once (InputError.problems).
  const problems = new InputProblems();
  const resolved = given.map((a, i) => problems.check((): Attachment => {
    const at = `attachments[${i}]`;
    if (a.fileId) {
      if (a.name != null || a.size != null || a.mimeType != null || a.sha256 != null || a.url != null) {
        throw new InputError(at, '上传的文件只需 fileId — a hosted file is given by its fileId alone; name, size, type and checksum are the stored file\'s.');
      }
      const file = byId.get(a.fileId);
      if (!file || !(kept.has(file.id) || (file.uploadedById !== null && file.uploadedById === staffUserId(viewer)))) {
        throw new InputError(`${at}.fileId`, '找不到文件 — no such uploaded file (upload it yourself with beginUpload).');
      }
      return { fileId: file.id, name: file.name, size: file.size, mimeType: file.mimeType, sha256: file.sha256 };
    }
    if (a.name == null || a.size == null || a.mimeType == null || a.sha256 == null || a.url == null) {
      throw new InputError(at, '附件须给出 fileId，或链接的 name、size、mimeType、sha256、url — give a fileId, or all of name, size, mimeType, sha256 and url of a link.');
    }
    return { name: a.name, size: a.size, mimeType: a.mimeType, sha256: a.sha256, url: a.url };
  }));
  problems.throwIfAny();
  return resolved;
}

/** The cover an input means (undefined: keep; null: none): an image, under the same rule as attachments. */
export async function coverFromInput(db: Files, viewer: Viewer, given: string | null | undefined, currentId: string | null): Promise<string | null | undefined> {
  if (given === undefined || given === null || given === currentId) return given;
  const file = await db.storedFile.findUnique({ where: { id: given } });
  if (!file || file.uploadedById === null || file.uploadedById !== staffUserId(viewer)) {
    throw new InputError('coverFileId', '找不到文件 — no such uploaded file (upload it yourself with beginUpload).');
  }
  if (!RASTER_IMAGES.has(file.mimeType) && file.mimeType !== 'image/gif') throw new InputError('coverFileId', '封面须为图片 — a cover must be an image (png, jpg, gif, webp).');
  return file.id;
}

/** The file fields of a content edit, as inputs give them. */
export interface FileEdits {
  attachments?: readonly AttachmentInput[] | null;
  coverFileId?: string | null;
}

/** `input` with its attachments and cover resolved against the content it edits (`base`; null for new content). */
export async function resolveFileEdits<T extends FileEdits>(
  db: Files,
  viewer: Viewer,
  input: T,
  base: { attachments?: readonly Attachment[] | null; coverFileId?: string | null } | null,
): Promise<Omit<T, 'attachments'> & { attachments?: Attachment[] | null; coverFileId?: string | null }> {
  return {
    ...input,
    attachments: await attachmentsFromInput(db, viewer, input.attachments, base?.attachments ?? []),
    coverFileId: await coverFromInput(db, viewer, input.coverFileId, base?.coverFileId ?? null),
  };
}
