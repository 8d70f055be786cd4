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

/**
 * Checks attachment metadata: a plain file name whose extension fits the MIME type, a size,
 * a hex SHA-256 and an https (or site-relative) URL.
 * @returns a message naming the first bad item, or null when all are valid.
 */
export function attachmentProblem(list: Attachment[]): string | null {
  if (list.length > MAX_ATTACHMENTS) return `at most ${MAX_ATTACHMENTS} attachments`;
  for (const [i, a] of list.entries()) {
    const at = `attachments[${i}]`;
    if (!a.name || a.name.length > 255 || /[\\/\u0000-\u001f<>:"|?*]/.test(a.name)) return `${at}.name must be a plain file name (no path, ≤255 characters)`;
    const ext = a.name.includes('.') ? a.name.split('.').pop()!.toLowerCase() : '';
    const allowed = ATTACHMENT_TYPES[a.mimeType];
    if (!allowed) return `${at}.mimeType ${a.mimeType} is not an allowed type`;
    if (!allowed.includes(ext)) return `${at}.name must end in .${allowed.join(' or .')} for ${a.mimeType}`;
    if (!Number.isInteger(a.size) || a.size < 1 || a.size > MAX_ATTACHMENT_BYTES) return `${at}.size must be 1 byte to ${MAX_ATTACHMENT_BYTES} bytes`;
    if (!/^[0-9a-f]{64}$/i.test(a.sha256)) return `${at}.sha256 must be 64 hex digits`;
    let url: URL | null = null;
    try {
      url = new URL(a.url, 'https://relative.invalid');
    } catch {
      url = null;
    }
    // "//host" and "/\host" are other hosts to a browser, not site paths.
    if (!url || url.protocol !== 'https:' || a.url.length > 2000 || /^[/\\]{2}/.test(a.url)) return `${at}.url must be an https URL or a site path`;
  }
  return null;
}
