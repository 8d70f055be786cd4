// The file types the CMS accepts, and how each is recognised from its content. The name's
// extension says what the uploader claims; the bytes must agree (magic bytes read by
// `file-type`), or the upload is refused — a renamed executable or HTML page never becomes a
// "PDF" served from the government's own domain.
import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

const MiB = 1024 * 1024;

export interface FileKind {
  mimeType: string;
  extensions: string[];
  maxBytes: number;
  /** Shown in the browser (images, PDF, audio, video) rather than downloaded. */
  inline: boolean;
  /** Which `file-type` results prove the content (undefined: plain text, which has no magic bytes). */
  detectedAs: string[] | undefined;
}

const kind = (mimeType: string, extensions: string[], maxMiB: number, detectedAs: string[] | undefined, inline = false): FileKind => ({
  mimeType,
  extensions,
  maxBytes: maxMiB * MiB,
  inline,
  detectedAs,
});

// Legacy Office and WPS files are OLE compound documents (CFB): the container is all the magic
// there is. OFD (GB/T 33190) is a ZIP package.
const CFB = ['application/x-cfb'];
export const FILE_KINDS: FileKind[] = [
  kind('application/pdf', ['pdf'], 100, ['application/pdf'], true),
  kind('application/ofd', ['ofd'], 100, ['application/zip']),
  kind('application/msword', ['doc'], 100, CFB),
  kind('application/vnd.openxmlformats-officedocument.wordprocessingml.document', ['docx'], 100, ['application/vnd.openxmlformats-officedocument.wordprocessingml.document']),
  kind('application/vnd.ms-excel', ['xls'], 100, CFB),
  kind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ['xlsx'], 100, ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
  kind('application/vnd.ms-powerpoint', ['ppt'], 100, CFB),
  kind('application/vnd.openxmlformats-officedocument.presentationml.presentation', ['pptx'], 100, ['application/vnd.openxmlformats-officedocument.presentationml.presentation']),
  kind('application/wps-office.wps', ['wps'], 100, CFB),
  kind('application/zip', ['zip'], 200, ['application/zip']),
  kind('text/plain', ['txt'], 10, undefined),
  kind('text/csv', ['csv'], 10, undefined),
  kind('image/png', ['png'], 20, ['image/png'], true),
  kind('image/jpeg', ['jpg', 'jpeg'], 20, ['image/jpeg'], true),
  kind('image/gif', ['gif'], 20, ['image/gif'], true),
  kind('image/webp', ['webp'], 20, ['image/webp'], true),
  kind('audio/mpeg', ['mp3'], 200, ['audio/mpeg'], true),
  kind('video/mp4', ['mp4'], 500, ['video/mp4'], true),
];

/** MIME types an attachment may have, with the file extensions that go with each. */
export const ATTACHMENT_TYPES: Record<string, string[]> = Object.fromEntries(FILE_KINDS.map((k) => [k.mimeType, k.extensions]));

/** The largest file of any kind. */
export const MAX_FILE_BYTES = Math.max(...FILE_KINDS.map((k) => k.maxBytes));

/** Images whose metadata is stripped on upload and that have renditions. */
export const RASTER_IMAGES = new Set(['image/png', 'image/jpeg', 'image/webp']);

export function extensionOf(name: string): string {
  return name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
}

/** The kind a file name claims by its extension, or undefined when no allowed kind has it. */
export function kindOfName(name: string): FileKind | undefined {
  const ext = extensionOf(name);
  return FILE_KINDS.find((k) => k.extensions.includes(ext));
}

export function kindOfMimeType(mimeType: string): FileKind | undefined {
  return FILE_KINDS.find((k) => k.mimeType === mimeType);
}

/** Characters no file name or URL may hold: controls (C0, DEL, C1), zero-width and line separators, bidirectional overrides (U+202E …). */
export const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/;
/** Characters of no plain file name on any system, quotes included. */
const NOT_IN_NAMES = /[\\/<>:"'`|?*]/;

/** Why `name` is not a plain file name, or null when it is one. */
export function fileNameProblem(name: string): string | null {
  if (!name || name !== name.trim() || name.length > 255 || INVISIBLE.test(name) || NOT_IN_NAMES.test(name) || name.startsWith('.')) {
    return '文件名须为普通文件名 — must be a plain file name (no path, quotes, control or direction-changing characters, no surrounding spaces; ≤255 characters)';
  }
  return null;
}

/**
 * Whether the content of the file at `path` is of `claimed` kind: its magic bytes for binary
 * kinds; for text, valid UTF-8 without NUL and nothing `file-type` recognises as binary.
 * @returns null when it is, else a message saying what the content looks like.
 */
export async function contentProblem(path: string, claimed: FileKind): Promise<string | null> {
  const detected = await fileTypeFromFile(path);
  if (claimed.detectedAs === undefined) {
    if (detected) return `内容是 ${detected.mime}，不是文本 — the content is ${detected.mime}, not ${claimed.mimeType}`;
    return (await isUtf8Text(path)) ? null : '文本文件须为 UTF-8 编码且不含 NUL — a text file must be UTF-8 without NUL bytes (save it as UTF-8)';
  }
  if (detected && claimed.detectedAs.includes(detected.mime)) return null;
  const seen = detected?.mime ?? 'unrecognised';
  return `文件内容与扩展名不符 — the content (${seen}) is not ${claimed.mimeType} as its name says`;
}

async function isUtf8Text(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const file = await open(path, 'r');
  try {
    for await (const chunk of file.createReadStream({ highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) return false;
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  } finally {
    await file.close();
  }
}
