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
