// How GraphQL travels over HTTP here: which requests are refused as forgeable, CORS, and how an
// answer that is not public is sent (private, no-store; compressed when large and asked for).
//
// GET queries need no custom header. Apollo's `csrfPrevention` refuses every request a browser
// may send cross-site without a CORS preflight — GETs, and POSTs with a "simple" content type
// (text/plain, application/x-www-form-urlencoded, multipart/form-data) — unless it carries
// `apollo-require-preflight` or `x-apollo-operation-name`. It protects servers that read
// credentials from cookies: a page on another site makes the victim's browser send them. Here
// credentials travel only in the Authorization header, which a browser never adds on its own
// and never sends cross-site without a preflight the CORS settings decide, so a forged request
// always runs as an anonymous caller:
//   - a GET can only be a query (Apollo refuses mutations over GET with 405), and queries change
//     nothing; the page that forged it cannot read the answer unless CORS lets it, and an
//     anonymous answer is public anyway. So a plain GET from a browser, a CDN or curl is served.
//   - a POST can carry a mutation. Forged from a victim's browser it would still act anonymously,
//     but from the victim's address and network (an intranet server the attacker cannot reach,
//     per-address throttles counted against someone else): concerns submitted, logins tried. A
//     browser sends a cross-site POST without a preflight only with a simple content type, so
//     those stay refused: a POST must be `application/json` (or `application/graphql-response+json`),
//     which no form and no preflight-free fetch can send.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsOptions } from 'cors';
import { encode, negotiateEncoding, PRIVATE_NO_STORE, varyWith, COMPRESS_MIN_BYTES } from './http-cache.js';
import { drainRefusedBody, HttpError } from './body.js';

/** Content types of a POST body that we parse as JSON; anything else is refused before reading it. */
const JSON_BODY = /^application\/(graphql-response\+)?json\s*(;|$)/i;

/**
 * Refuses a POST whose content type a browser may send cross-site without a preflight (or none
 * at all): see the module comment. Checked before the body is read.
 */
export function refuseForgeablePost(req: IncomingMessage, maxBodyBytes: number): void {
  if (JSON_BODY.test(req.headers['content-type'] ?? '')) return;
  // Drained undecoded: closing with it unread would reset the connection under a client still sending.
  drainRefusedBody(req, maxBodyBytes);
  throw new HttpError(
    400,
    'This request has been blocked as a potential Cross-Site Request Forgery (CSRF): a POST to /graphql must have Content-Type: application/json. Queries may also be sent as GET /graphql?query=….',
    'BAD_REQUEST',
  );
}

/** Headers a browser script may read from our answers. */
export const EXPOSED_HEADERS = ['x-request-id', 'Retry-After', 'ETag', 'Content-Range', 'Accept-Ranges', 'Content-Disposition'];

/**
 * CORS for CORS_ORIGINS: `*` lets any origin read (anonymous reads from any site; the header
 * `Access-Control-Allow-Origin: *` never comes with credentials, and no origin is reflected);
 * a list reflects only the listed origins (with `Vary: Origin`); empty allows none.
 * `Access-Control-Allow-Credentials` is never sent: there are no cookies to send.
 */
export function corsOptions(origins: readonly string[]): CorsOptions {
  return {
    origin: origins.includes('*') ? '*' : origins.length > 0 ? [...origins] : false,
    credentials: false,
    // PUT: uploads to a signed upload link (src/http/files.ts).
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'if-none-match', 'if-range', 'range', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  };
}

/**
 * Sends an answer no one may keep (private, no-store): compressed with gzip or brotli when it is
 * over COMPRESS_MIN_BYTES and the client asks — POST answers too.
 */
export function sendPrivate(req: IncomingMessage, res: ServerResponse, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.setHeader('cache-control', PRIVATE_NO_STORE);
  if (body.length >= COMPRESS_MIN_BYTES) res.setHeader('vary', varyWith(res, 'Accept-Encoding'));
  const { bytes, encoding } = encode(body, negotiateEncoding(req));
  if (encoding !== 'identity') res.setHeader('content-encoding', encoding);
  res.setHeader('content-length', String(bytes.length));
  res.end(bytes);
}
