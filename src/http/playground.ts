// The admin playground: GraphiQL served from the project's own node_modules and playground/
// folder, so it works on a government intranet with no internet at all (no CDN, no web fonts —
// GraphiQL's fonts are inlined in its CSS). Every asset is same-origin and the page runs under a
// CSP that allows scripts from this server only: no inline script, no third-party origin.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readExampleOperations } from './example-operations.js';

/** The playground's own files (page, sign-in panel, example operations), beside src/ and dist/. */
export const playgroundDir = path.resolve(import.meta.dirname, '../../playground');

const require = createRequire(import.meta.url);

/** The page's policy: same-origin scripts and requests only; fonts and icons are data: URLs in GraphiQL's CSS. */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: Buffer;
  gzipped: Buffer;
  type: string;
  etag: string;
}

/** The folder of an installed package (their `exports` do not name the browser builds). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json')) || (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`playground: cannot find the folder of ${name}`);
    dir = parent;
  }
  return dir;
}

/** Files served under /playground/assets/<name>. */
function assetFiles(): Record<string, string> {
  return {
    'react.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
    'react-dom.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    'graphiql.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
    'graphiql.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
    'playground.js': path.join(playgroundDir, 'playground.js'),
    'playground.css': path.join(playgroundDir, 'playground.css'),
  };
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

function asset(body: Buffer, name: string): Asset {
  return {
    body,
    gzipped: gzipSync(body),
    type: TYPES[path.extname(name)] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

/** Whether a GET to /graphql comes from a browser asking for a page rather than a client asking for data. */
export function wantsPage(req: IncomingMessage, url: URL): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !url.searchParams.has('query') && /\btext\/html\b/.test(req.headers.accept ?? '');
}

export interface Playground {
  /** Answers the page (/playground, and /graphql for browsers) or one of its assets; false when `pathname` is not one. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL, extraHeaders: Record<string, string>): boolean;
}

export function createPlayground(): Playground {
  // Resolved at start-up, so an install missing one fails then rather than at a browser's first visit.
  const files = assetFiles();
  for (const file of Object.values(files)) if (!existsSync(file)) throw new Error(`playground: ${file} is missing; reinstall (npm ci)`);
  // Read on first use and kept: the files belong to this installed version and never change under it.
  const cache = new Map<string, Asset>();
  const load = (name: string): Asset | undefined => {
    let found = cache.get(name);
    if (found) return found;
    if (name === 'index.html') found = asset(readFileSync(path.join(playgroundDir, 'index.html')), name);
    else if (name === 'operations.json') found = asset(Buffer.from(JSON.stringify(readExampleOperations())), name);
    else if (Object.hasOwn(files, name)) found = asset(readFileSync(files[name]!), name);
    if (found) cache.set(name, found);
    return found;
  };

  return {
    serve(req, res, url, extraHeaders) {
      let name: string | undefined;
      if (url.pathname === '/playground' || url.pathname === '/graphql') name = 'index.html';
      else if (url.pathname.startsWith('/playground/assets/')) name = url.pathname.slice('/playground/assets/'.length);
      if (name === undefined) return false;
      const found = load(name);
      if (!found || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const headers: Record<string, string | number> = {
        ...extraHeaders,
        'content-type': found.type,
        etag: found.etag,
        vary: 'accept-encoding',
        // The page is revalidated each time (a new version brings new assets); assets for an hour.
        'cache-control': name === 'index.html' ? 'no-cache' : 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'content-security-policy': PLAYGROUND_CSP,
        'cross-origin-opener-policy': 'same-origin',
        'x-frame-options': 'DENY',
      };
      if (req.headers['if-none-match'] === found.etag) {
        res.writeHead(304, headers);
        res.end();
        return true;
      }
      const body = gzip ? found.gzipped : found.body;
      if (gzip) headers['content-encoding'] = 'gzip';
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
