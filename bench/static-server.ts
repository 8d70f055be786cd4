// The bench's floor for cached answers: a bare node:http server sending fixed bytes (the very
// answer the GraphQL server caches, read from STATIC_BODY_FILE) with the same content type and
// an ETag — nothing a response cache could skip. Run as its own process by bench/run.ts:
//   STATIC_BODY_FILE=… PORT=… node --import tsx bench/static-server.ts
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const body = readFileSync(process.env.STATIC_BODY_FILE!);
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': String(body.length),
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
  'cache-control': 'public, max-age=30',
};

const server = http.createServer((req, res) => {
  if (req.url === '/readyz') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 5_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
