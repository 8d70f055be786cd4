// Attachment metadata stored with a release (JSON), and its validation.

export interface Attachment {
  name: string;
  /** Bytes. */
  size: number;
  mimeType: string;
  /** Hex SHA-256 of the file. */
  sha256: string;
  url: string;
}

export function parseAttachments(value: unknown): Attachment[] {
  if (!Array.isArray(value)) throw new TypeError('attachments: expected a list');
  return value.map((a, i) => {
    const item = a as Record<string, unknown>;
    if (
      typeof item !== 'object' ||
      item === null ||
      typeof item.name !== 'string' ||
      typeof item.size !== 'number' ||
      typeof item.mimeType !== 'string' ||
      typeof item.sha256 !== 'string' ||
      typeof item.url !== 'string'
    ) {
      throw new TypeError(`attachments[${i}]: expected { name, size, mimeType, sha256, url }`);
    }
    return { name: item.name, size: item.size, mimeType: item.mimeType, sha256: item.sha256, url: item.url };
  });
}

/** MIME types an attachment may have, with the file extensions that go with each. */
export const ATTACHMENT_TYPES: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'application/ofd': ['ofd'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.ms-powerpoint': ['ppt'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/wps-office.wps': ['wps'],
  'application/zip': ['zip'],
  'text/plain': ['txt'],
  'text/csv': ['csv'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'audio/mpeg': ['mp3'],
  'video/mp4': ['mp4'],
};
export const MAX_ATTACHMENT_BYTES = 500 * 1024 * 1024;
export const MAX_ATTACHMENTS = 50;

/** Characters no file name or URL may hold: controls (C0, DEL, C1) and bidirectional overrides (U+202E …). */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Characters of no plain file name on any system, quotes included. */
const NOT_IN_NAMES = /[\\/<>:"'`|?*]/;

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
 * Checks attachment metadata: a plain file name whose extension fits the MIME type, a size,
 * a hex SHA-256 and an https URL or a site path.
 * @returns a message naming the first bad item, or null when all are valid.
 */
export function attachmentProblem(list: Attachment[]): string | null {
  if (list.length > MAX_ATTACHMENTS) return `at most ${MAX_ATTACHMENTS} attachments`;
  for (const [i, a] of list.entries()) {
    const at = `attachments[${i}]`;
    if (!a.name || a.name !== a.name.trim() || a.name.length > 255 || INVISIBLE.test(a.name) || NOT_IN_NAMES.test(a.name) || a.name.startsWith('.')) {
      return `${at}.name must be a plain file name (no path, quotes, control or direction-changing characters, no surrounding spaces; ≤255 characters)`;
    }
    const ext = a.name.includes('.') ? a.name.split('.').pop()!.toLowerCase() : '';
    const allowed = ATTACHMENT_TYPES[a.mimeType];
    if (!allowed) return `${at}.mimeType ${a.mimeType.slice(0, 100)} is not an allowed type`;
    if (!allowed.includes(ext)) return `${at}.name must end in .${allowed.join(' or .')} for ${a.mimeType}`;
    if (!Number.isInteger(a.size) || a.size < 1 || a.size > MAX_ATTACHMENT_BYTES) return `${at}.size must be 1 byte to ${MAX_ATTACHMENT_BYTES} bytes`;
    if (!/^[0-9a-f]{64}$/i.test(a.sha256)) return `${at}.sha256 must be 64 hex digits`;
    if (!isSafeLink(a.url)) return `${at}.url must be an https URL or a site path starting with a single /`;
  }
  return null;
}
