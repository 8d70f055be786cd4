// HTTP caching and compression for answers anyone may cache (public GraphQL GETs, feeds,
// sitemaps): a strong ETag from the bytes, 304 on a matching If-None-Match, and gzip or brotli
// when the client asks and the answer is worth it. One place, so every cacheable route behaves
// alike.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** Answers smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * Content-Disposition with the Chinese file name as RFC 5987 `filename*`, and an ASCII `filename`
 * for clients that know only that.
 */
export function contentDisposition(disposition: 'attachment' | 'inline', fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/** A strong validator: the same bytes always give the same tag, on every instance. */
export function strongEtag(body: Buffer | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** Whether the request's If-None-Match names `etag` (or `*`): the client's copy is current. */
export function clientHasCurrent(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The encoding to answer in, from Accept-Encoding (q=0 refuses one). Brotli first: it is smaller. */
export function negotiateEncoding(req: IncomingMessage): Encoding {
  const header = req.headers['accept-encoding'];
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** Brotli's settings for `bytes` of text: quality 5 is its speed/size sweet spot for text answered live (11 is for build steps). */
export const brotliOptions = (bytes: number) => ({ params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes } });
export const GZIP_OPTIONS = { level: 6 } as const;

/** `body` in `encoding` (identity, or one that did not make it smaller, returns it as is). */
export function encode(body: Buffer, encoding: Encoding): { bytes: Buffer; encoding: Encoding } {
  if (encoding === 'identity' || body.length < COMPRESS_MIN_BYTES) return { bytes: body, encoding: 'identity' };
  const bytes = encoding === 'br' ? brotliCompressSync(body, brotliOptions(body.length)) : gzipSync(body, GZIP_OPTIONS);
  return bytes.length < body.length ? { bytes, encoding } : { bytes: body, encoding: 'identity' };
}

export interface CacheableAnswer {
  status?: number;
  contentType: string;
  body: Buffer;
  /** The ETag of `body` (computed when absent). */
  etag?: string;
  /** The Cache-Control value (e.g. from `publicCacheControl`). */
  cacheControl: string;
  /** Already-encoded renditions of `body` (a cache keeps them so a hit does not compress again). */
  encoded?: Partial<Record<Exclude<Encoding, 'identity'>, Buffer>>;
  headers?: Record<string, string>;
}

/**
 * Sends a cacheable answer: 304 without a body when the client's copy is current, otherwise the
 * body in the best encoding the client accepts. `Vary: Accept-Encoding` always, so a shared
 * cache keeps the renditions apart.
 */
export function sendCacheable(req: IncomingMessage, res: ServerResponse, answer: CacheableAnswer): void {
  const etag = answer.etag ?? strongEtag(answer.body);
  const common: Record<string, string> = { ...answer.headers, etag, 'cache-control': answer.cacheControl, vary: varyWith(res, 'Accept-Encoding') };
  if (clientHasCurrent(req, etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const wanted = negotiateEncoding(req);
  const ready = wanted === 'identity' ? undefined : answer.encoded?.[wanted];
  const { bytes, encoding } = ready ? { bytes: ready, encoding: wanted } : encode(answer.body, wanted);
  res.writeHead(answer.status ?? 200, {
    ...common,
    'content-type': answer.contentType,
    'content-length': String(bytes.length),
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** The Vary header with `name` added to what is already set (CORS sets `Origin`). */
export function varyWith(res: ServerResponse, name: string): string {
  const current = res.getHeader('vary');
  const names = (Array.isArray(current) ? current.join(',') : String(current ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  return names.join(', ');
}

export interface PublicCacheSettings {
  maxAgeSeconds: number;
  sharedMaxAgeSeconds: number;
  staleWhileRevalidateSeconds: number;
}

/** Cache-Control for public content: browsers, CDNs and proxies may keep it. */
export function publicCacheControl(s: PublicCacheSettings): string {
  return `public, max-age=${s.maxAgeSeconds}, s-maxage=${s.sharedMaxAgeSeconds}, stale-while-revalidate=${s.staleWhileRevalidateSeconds}`;
}

/** Cache-Control for anything that depends on who asked. */
export const PRIVATE_NO_STORE = 'private, no-store';
