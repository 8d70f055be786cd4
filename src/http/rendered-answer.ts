// A rendered answer kept in memory: its bytes, strong ETag and brotli/gzip renditions, in an LRU
// bounded in bytes. Shared by the public response cache (src/http/public-response-cache.ts) and
// the feed and sitemap cache (src/http/document-cache.ts), so both count their memory alike.
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { brotliOptions, COMPRESS_MIN_BYTES, encode, GZIP_OPTIONS, strongEtag } from './http-cache.js';

export interface RenderedAnswer {
  body: Buffer;
  etag: string;
  encoded: { br?: Buffer; gzip?: Buffer };
}

/** What an entry costs: its bytes and renditions, plus a little for the key and bookkeeping. */
export const renderedBytes = (a: RenderedAnswer): number => a.body.length + (a.encoded.br?.length ?? 0) + (a.encoded.gzip?.length ?? 0) + 256;

/**
 * An LRU holding at most `maxBytes` of answers (one entry at most an eighth of it), each for at
 * most `ttlMs`; undefined when either is 0 (nothing is kept).
 */
export function byteBoundedLru<V extends RenderedAnswer>(maxBytes: number, ttlMs: number): LRUCache<string, V> | undefined {
  if (maxBytes <= 0 || ttlMs <= 0) return undefined;
  return new LRUCache<string, V>({
    maxSize: maxBytes,
    maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
    sizeCalculation: renderedBytes,
    ttl: ttlMs,
    ttlAutopurge: false,
  });
}

/** `body` with its ETag and (when asked and worth it) its renditions, compressed here and now. */
export function renderedAnswer(body: Buffer, withRenditions: boolean): RenderedAnswer {
  const encoded: RenderedAnswer['encoded'] = {};
  if (withRenditions && body.length >= COMPRESS_MIN_BYTES) {
    for (const encoding of ['br', 'gzip'] as const) {
      const made = encode(body, encoding);
      if (made.encoding === encoding) encoded[encoding] = made.bytes;
    }
  }
  return { body, etag: strongEtag(body), encoded };
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Like `renderedAnswer` with renditions, compressed on libuv's thread pool: for documents of
 * megabytes (a sitemap of 50,000 URLs) that would otherwise hold the event loop.
 */
export async function renderedAnswerOffLoop(body: Buffer): Promise<RenderedAnswer> {
  const encoded: RenderedAnswer['encoded'] = {};
  if (body.length >= COMPRESS_MIN_BYTES) {
    const [br, gz] = await Promise.all([brotliAsync(body, brotliOptions(body.length)), gzipAsync(body, GZIP_OPTIONS)]);
    if (br.length < body.length) encoded.br = br;
    if (gz.length < body.length) encoded.gzip = gz;
  }
  return { body, etag: strongEtag(body), encoded };
}
