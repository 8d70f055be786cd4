// Uploads: `beginUpload` checks the name and size a client announces and hands out a signed
// upload link; `acceptUpload` turns the bytes received on it (src/http/files.ts) into a stored
// file — type checked from the content, images stripped of their metadata, bytes put in the
// store under their SHA-256, one StoredFile row per ticket.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Viewer } from '../../auth/viewer.js';
import type { Config } from '../../config.js';
import { checkedInput, InputError, NotFoundError } from '../../errors.js';
import type { PrismaClient, StoredFile } from '../../generated/prisma/client.js';
import { hasRole } from '../../permissions/scope.js';
import { signUploadTicket, type UploadTicket } from './file-links.js';
import { originalKey, type FileStore } from './file-store.js';
import { contentProblem, fileNameProblem, FILE_KINDS, kindOfName, RASTER_IMAGES } from './file-types.js';
import { imageSize, stripImageMetadata } from './images.js';

/** Roles that write content, and so may upload files for it. */
export const UPLOADER_ROLES = ['EDITOR', 'REVIEWER', 'ADMIN'] as const;

export interface UploadLink {
  uploadUrl: string;
  expiresAt: Date;
  maxBytes: number;
  mimeType: string;
}

/** A signed link to PUT the file's bytes to, for a writer of content. */
export function beginUpload(config: Pick<Config, 'auth' | 'files' | 'publicApiUrl'>, viewer: Viewer, input: { fileName: string; byteSize: number }, now: Date): UploadLink {
  // The shield lets staff users in; of them, those who write content somewhere.
  if (viewer.kind !== 'user' || !hasRole(viewer, UPLOADER_ROLES)) throw new NotFoundError('org unit you write for');
  const kind = checkedInput((p) => {
    const known = p.check(() => {
      const nameProblem = fileNameProblem(input.fileName);
      if (nameProblem) throw new InputError('fileName', nameProblem);
      const found = kindOfName(input.fileName);
      if (found) return found;
      const allowed = FILE_KINDS.flatMap((k) => k.extensions).join(', ');
      throw new InputError('fileName', `不支持的文件类型 — files of this type cannot be uploaded; allowed: ${allowed}`);
    });
    // Without a known type only the lower bound is known.
    const maxBytes = known?.maxBytes ?? Number.MAX_SAFE_INTEGER;
    p.check(() => {
      if (Number.isInteger(input.byteSize) && input.byteSize >= 1 && input.byteSize <= maxBytes) return;
      throw new InputError('byteSize', known
        ? `文件大小须在 1 字节至 ${known.maxBytes / 1024 / 1024} MiB 之间 — a .${known.extensions[0]} file must be 1 byte to ${known.maxBytes} bytes.`
        : '文件大小须至少为 1 字节 — a file has at least 1 byte.');
    });
    return known;
  });
  const expires = Math.floor(now.getTime() / 1000) + config.files.uploadUrlSeconds;
  const ticket: UploadTicket = { id: randomUUID(), userId: viewer.userId, name: input.fileName, size: input.byteSize, expires };
  return {
    uploadUrl: `${config.publicApiUrl ?? ''}/uploads/${signUploadTicket(config.auth.jwtSecret, ticket)}`,
    expiresAt: new Date(expires * 1000),
    maxBytes: input.byteSize,
    mimeType: kind.mimeType,
  };
}

/** Why an upload's bytes are refused: shown to the uploader. */
export class UploadRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const ticketUsed = () => new UploadRefusal(409, 'UPLOAD_ALREADY_USED', '此上传链接已用过 — this upload link has been used; ask for a new one (beginUpload).');

/**
 * The stored file made of the bytes received for `ticket` at `receivedPath` (SHA-256 `sha256`,
 * computed while they arrived). The received file is removed in every case.
 */
export async function acceptUpload(db: Pick<PrismaClient, 'storedFile'>, store: FileStore, ticket: UploadTicket, receivedPath: string, sha256: string): Promise<StoredFile> {
  try {
    const kind = kindOfName(ticket.name)!;
    const problem = await contentProblem(receivedPath, kind);
    if (problem) throw new UploadRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', problem);
    let stored = { sha256, size: ticket.size, width: null as number | null, height: null as number | null };
    if (RASTER_IMAGES.has(kind.mimeType)) {
      const clean = await stripImageMetadata(receivedPath, kind.mimeType).catch(() => {
        throw new UploadRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', '图片无法解码 — the image cannot be decoded (damaged, or larger than 100 megapixels).');
      });
      stored = { sha256: clean.sha256, size: clean.bytes.length, width: clean.width, height: clean.height };
    } else if (kind.mimeType === 'image/gif') {
      const size = await imageSize(receivedPath).catch(() => {
        throw new UploadRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', '图片无法解码 — the image cannot be decoded (damaged, or larger than 100 megapixels).');
      });
      stored = { ...stored, ...size };
    }
    const key = originalKey(stored.sha256);
    if (!(await store.has(key))) await store.putFile(key, receivedPath, stored.size, kind.mimeType);
    return await db.storedFile
      .create({ data: { id: ticket.id, ...stored, mimeType: kind.mimeType, name: ticket.name, uploadedById: ticket.userId } })
      .catch((error: unknown) => {
        // Two PUTs of one ticket at once: the second finds the id taken.
        if ((error as { code?: string }).code === 'P2002') throw ticketUsed();
        throw error;
      });
  } finally {
    await rm(receivedPath, { force: true });
  }
}

