// Attachment metadata stored with a release or interpretation (JSON), and its validation.
import { ATTACHMENT_TYPES, extensionOf, fileNameProblem, INVISIBLE, MAX_FILE_BYTES } from '../files/file-types.js';

interface AttachmentFacts {
  name: string;
  /** Bytes. */
  size: number;
  mimeType: string;
  /** Hex SHA-256 of the file. */
  sha256: string;
}

/** A file hosted elsewhere: the editor gives its facts and address. */
export interface LinkedAttachment extends AttachmentFacts {
  url: string;
  fileId?: undefined;
}

/** A file uploaded here (src/modules/files): its facts are the stored file's, its address is made when served. */
export interface HostedAttachment extends AttachmentFacts {
  fileId: string;
  url?: undefined;
}

export type Attachment = LinkedAttachment | HostedAttachment;

export function parseAttachments(value: unknown): Attachment[] {
  if (!Array.isArray(value)) throw new TypeError('attachments: expected a list');
  return value.map((a, i) => {
    const item = a as Record<string, unknown>;
    const facts =
      typeof item === 'object' && item !== null && typeof item.name === 'string' && typeof item.size === 'number' && typeof item.mimeType === 'string' && typeof item.sha256 === 'string'
        ? { name: item.name, size: item.size, mimeType: item.mimeType, sha256: item.sha256 }
        : undefined;
    if (facts && typeof item.fileId === 'string') return { ...facts, fileId: item.fileId };
    if (facts && typeof item.url === 'string') return { ...facts, url: item.url };
    throw new TypeError(`attachments[${i}]: expected { name, size, mimeType, sha256 } with a url or a fileId`);
  });
}

export const MAX_ATTACHMENTS = 50;

/**
 * True for an absolute https URL with a host and no credentials, or a site path: exactly one
 * leading "/" (so "//host" and "/\host", which browsers read as other hosts, are not). The raw
 * text is checked as well as the parse, because the WHATWG parser strips leading whitespace and
 * tabs (" //evil.example" would become protocol-relative).
 */
export function isSafeLink(raw: string): boolean {
  if (raw.length > 2000 || /\s/.test(raw) || INVISIBLE.test(raw)) return false;
  if (raw.startsWith('/')) {
    if (raw[1] === '/' || raw[1] === '\\') return false;
    return URL.canParse(raw, 'https://site.invalid') && new URL(raw, 'https://site.invalid').host === 'site.invalid';
  }
  if (!raw.toLowerCase().startsWith('https://') || !URL.canParse(raw)) return false;
  const url = new URL(raw);
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * Checks attachments: at most MAX_ATTACHMENTS; a link's metadata — a plain file name whose
 * extension fits the MIME type, a size, a hex SHA-256 and an https URL or a site path. A hosted
 * file's facts come from the stored file (checked when it was uploaded).
 * @returns a message naming the first bad item, or null when all are valid.
 */
export function attachmentProblem(list: Attachment[]): string | null {
  if (list.length > MAX_ATTACHMENTS) return `至多 ${MAX_ATTACHMENTS} 个附件 — at most ${MAX_ATTACHMENTS} attachments`;
  for (const [i, a] of list.entries()) {
    if (a.fileId !== undefined) continue;
    const at = `attachments[${i}]`;
    const nameProblem = fileNameProblem(a.name);
    if (nameProblem) return `${at}.name: ${nameProblem}`;
    const allowed = ATTACHMENT_TYPES[a.mimeType];
    if (!allowed) return `${at}.mimeType ${a.mimeType.slice(0, 100)} is not an allowed type`;
    if (!allowed.includes(extensionOf(a.name))) return `${at}.name must end in .${allowed.join(' or .')} for ${a.mimeType}`;
    if (!Number.isInteger(a.size) || a.size < 1 || a.size > MAX_FILE_BYTES) return `${at}.size must be 1 byte to ${MAX_FILE_BYTES} bytes`;
    if (!/^[0-9a-f]{64}$/i.test(a.sha256)) return `${at}.sha256 must be 64 hex digits`;
    if (!isSafeLink(a.url)) return `${at}.url must be an https URL or a site path starting with a single /`;
  }
  return null;
}
