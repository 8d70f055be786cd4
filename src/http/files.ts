// Hosted files over HTTP.
//   PUT /uploads/<ticket>      the bytes of a file announced with the beginUpload mutation. The
//                              ticket is the credential (signed, minutes long, one file); the
//                              body is streamed to disk, hashed and size-checked as it arrives.
//   GET|HEAD /files/<id>/<name>[?rendition=THUMBNAIL|LIST|DETAIL&format=webp|jpeg]
//                              a file, or a rendition of an image. Public while public content
//                              references it (long cache, ETag, Range); otherwise only with the
//                              signature GraphQL adds to its link for those who may read the
//                              content (private, no-store). Unknown and forbidden answer alike.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { isConnectionError } from '../db/connection-errors.js';
import { ErrorCode, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE } from '../graphql/errors.js';
import type { Logger } from '../logger.js';
import { isPublicFile } from '../modules/files/file-access.js';
import { fileSignature, readUploadTicket } from '../modules/files/file-links.js';
import { originalKey, type ByteRange, type FileStore } from '../modules/files/file-store.js';
import { kindOfMimeType, RASTER_IMAGES } from '../modules/files/file-types.js';
import { isStoreUnavailable } from '../modules/files/file-store.js';
import { rendition, RenditionFailed, RENDITION_CONTENT_TYPES, RENDITION_WIDTHS, type RenditionFormat, type RenditionSize } from '../modules/files/images.js';
import { acceptUpload, ticketUsed, UploadRefusal } from '../modules/files/upload.service.js';
import { encodeGlobalId } from '../graphql/global-id.js';
import { discardBody, HttpError } from './body.js';
import { clientHasCurrent, contentDisposition, PRIVATE_NO_STORE } from './http-cache.js';

export interface FileRoutesDependencies {
  config: Pick<Config, 'auth' | 'files'>;
  db: Pick<Database, 'prisma'>;
  store: FileStore;
  logger: Logger;
}

const UPLOAD_ROUTE = /^\/uploads\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
const FILE_ROUTE = /^\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/[^/]+$/;

/** An upload whose body stops arriving for this long is abandoned (its total time is bounded by app.ts). */
const UPLOAD_IDLE_MS = 120_000;
/** Bytes of a refused upload's body read (and dropped) so the client sees the answer; past that the connection ends. */
const REFUSED_BODY_DRAIN_BYTES = 256 * 1024;

const NO_SUCH_FILE = () => new HttpError(404, '找不到文件 — no such file.', 'NOT_FOUND', { 'cache-control': PRIVATE_NO_STORE });

/** The ranges a file answers: one `bytes=` range (several are answered whole, as RFC 9110 allows). */
export function byteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  // A last position before the first is no valid range: the header is ignored (RFC 9110 §14.1.1).
  if (match[2] !== '' && Number(match[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1) };
}

/** An ASCII stand-in for a Chinese file name, for clients that know only `filename=`. */
const asciiName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');

export function createFileRoutes({ config, db, store, logger }: FileRoutesDependencies) {
  const incoming = path.join(config.files.dir, '.incoming');
  const secret = config.auth.jwtSecret;

  async function receive(req: IncomingMessage, res: ServerResponse, token: string, requestId: string): Promise<void> {
    const now = new Date();
    const ticket = readUploadTicket(secret, token, now);
    if (ticket === undefined) throw new HttpError(404, '上传链接无效 — no such upload link.', 'NOT_FOUND');
    if (ticket === 'expired') throw new HttpError(410, '上传链接已过期 — this upload link has expired; ask for a new one (beginUpload).', 'UPLOAD_EXPIRED');
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (declared !== undefined && declared !== ticket.size) {
      throw new HttpError(400, `文件大小与申请不符 — the body has ${declared} bytes; the upload link is for ${ticket.size}.`, ErrorCode.BAD_USER_INPUT);
    }
    const [uploader, used] = await Promise.all([
      db.prisma.user.findFirst({ where: { id: ticket.userId, status: 'ACTIVE' }, select: { id: true } }),
      db.prisma.storedFile.findUnique({ where: { id: ticket.id }, select: { id: true } }),
    ]);
    // An account deactivated since the link was issued: the link went with it.
    if (!uploader) throw new HttpError(404, '上传链接无效 — no such upload link.', 'NOT_FOUND');
    if (used) throw refusal(ticketUsed());
    await mkdir(incoming, { recursive: true });
    // Idleness, not total time, ends an upload: a slow uplink is fine, a stalled one is not.
    const socket = req.socket;
    const abandon = () => req.destroy();
    socket.setTimeout(UPLOAD_IDLE_MS, abandon);
    // The connection may carry more requests (keep-alive): the watch ends with this one.
    res.once('close', () => {
      socket.setTimeout(0);
      socket.off('timeout', abandon);
    });
    const receivedPath = path.join(incoming, `${ticket.id}.${randomBytes(4).toString('hex')}`);
    const hash = createHash('sha256');
    let received = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > ticket!.size) return done(new HttpError(413, `文件超过申请的大小 — the body is larger than the ${ticket!.size} bytes announced.`, 'PAYLOAD_TOO_LARGE'));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(req, meter, createWriteStream(receivedPath, { flags: 'wx' }));
    } catch (error) {
      await rm(receivedPath, { force: true });
      // The rest of an oversized body is read and dropped, so the client reads the answer.
      discardBody(req, ticket.size);
      throw error;
    }
    if (received !== ticket.size) {
      await rm(receivedPath, { force: true });
      throw new HttpError(400, `文件大小与申请不符 — received ${received} bytes; the upload link is for ${ticket.size}.`, ErrorCode.BAD_USER_INPUT);
    }
    const file = await acceptUpload(db.prisma, store, ticket, receivedPath, hash.digest('hex')).catch((error: unknown) => {
      throw error instanceof UploadRefusal ? refusal(error) : error;
    });
    logger.info({ requestId, fileId: file.id, size: file.size, mimeType: file.mimeType, userId: ticket.userId }, 'files: upload stored');
    const body = JSON.stringify({
      file: { id: encodeGlobalId('StoredFile', file.id), name: file.name, size: file.size, mimeType: file.mimeType, sha256: file.sha256, width: file.width, height: file.height },
    });
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': PRIVATE_NO_STORE, 'x-request-id': requestId });
    res.end(body);
  }

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL, fileId: string, requestId: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'Only GET and HEAD.', 'METHOD_NOT_ALLOWED', { allow: 'GET, HEAD' });
    const now = new Date();
    const signature = fileSignature(secret, fileId, url.searchParams, now);
    if (signature === 'invalid') throw NO_SUCH_FILE();
    const file = await db.prisma.storedFile.findUnique({ where: { id: fileId } });
    if (!file) throw NO_SUCH_FILE();
    // A signed link serves privately; without one (or with an expired one) the file must be public now.
    const isPublic = signature === 'valid' ? false : await isPublicFile(db.prisma, fileId, now);
    if (signature === 'expired' && !isPublic) throw new HttpError(403, '链接已过期 — this link has expired; reload the page for a new one.', 'LINK_EXPIRED', { 'cache-control': PRIVATE_NO_STORE });
    if (signature !== 'valid' && !isPublic) throw NO_SUCH_FILE();
    const cacheControl = isPublic ? `public, max-age=${config.files.publicCacheSeconds}` : PRIVATE_NO_STORE;

    const wanted = renditionOf(url.searchParams, file.mimeType);
    let bytes: Buffer | undefined;
    let etag = `"${file.sha256}"`;
    let contentType = kindOfMimeType(file.mimeType)?.mimeType.startsWith('text/') ? `${file.mimeType}; charset=utf-8` : file.mimeType;
    let size = file.size;
    let name = file.name;
    if (wanted) {
      etag = `"${file.sha256}-${wanted.size.toLowerCase()}.${wanted.format}"`;
      contentType = RENDITION_CONTENT_TYPES[wanted.format];
      name = `${name.replace(/\.[^.]+$/, '')}-${wanted.size.toLowerCase()}.${wanted.format === 'jpeg' ? 'jpg' : 'webp'}`;
      if (!clientHasCurrent(req, etag)) {
        bytes = await rendition(store, file.sha256, wanted.size, wanted.format).catch((error: unknown) => {
          if (!(error instanceof RenditionFailed)) throw error;
          logger.warn({ requestId, fileId, error: (error as Error).message }, 'files: an image has no rendition');
          throw new HttpError(415, '无法生成该图片的缩略图 — this image cannot be rendered.', 'UNSUPPORTED_MEDIA_TYPE', { 'cache-control': PRIVATE_NO_STORE });
        });
        size = bytes.length;
      }
    }
    const inline = wanted !== undefined || kindOfMimeType(file.mimeType)?.inline === true;
    const headers: Record<string, string> = {
      etag,
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      // Nothing served here runs script: a file opened directly gets no origin to act in.
      ...(file.mimeType === 'application/pdf' ? {} : { 'content-security-policy': "default-src 'none'; sandbox" }),
      'cross-origin-resource-policy': 'cross-origin',
      'x-request-id': requestId,
    };
    if (clientHasCurrent(req, etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    Object.assign(headers, {
      'content-type': contentType,
      'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', name, asciiName(name)),
      'accept-ranges': 'bytes',
    });
    const ifRange = req.headers['if-range'];
    const range = ifRange === undefined || ifRange === etag ? byteRange(req.headers.range, size) : undefined;
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': '0' });
      res.end();
      return;
    }
    const status = range ? 206 : 200;
    headers['content-length'] = String(range ? range.end - range.start + 1 : size);
    if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
    if (method === 'HEAD') {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    if (bytes) {
      res.writeHead(status, headers);
      res.end(range ? bytes.subarray(range.start, range.end + 1) : bytes);
      return;
    }
    const stream = await store.read(originalKey(file.sha256), range);
    if (!stream) {
      logger.error({ requestId, fileId, sha256: file.sha256 }, 'files: the stored bytes of a file are missing');
      throw NO_SUCH_FILE();
    }
    res.writeHead(status, headers);
    await pipeline(stream, res).catch((error: unknown) => {
      // The client went away mid-download: nothing to answer.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.warn({ requestId, fileId, error: (error as Error).message }, 'files: download interrupted');
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const upload = UPLOAD_ROUTE.exec(url.pathname);
    try {
      if (upload) {
        if ((req.method ?? '').toUpperCase() !== 'PUT') throw new HttpError(405, 'Only PUT.', 'METHOD_NOT_ALLOWED', { allow: 'PUT' });
        return await receive(req, res, upload[1]!, requestId);
      }
      return await serve(req, res, url, FILE_ROUTE.exec(url.pathname)![1]!, requestId);
    } catch (error) {
      // Refused before its body was read: read a little of it (so the client sees the answer), no more.
      if (upload && !req.readableEnded && req.listenerCount('data') === 0) discardBody(req, REFUSED_BODY_DRAIN_BYTES);
      if (isConnectionError(error) || isStoreUnavailable(error)) {
        logger.error({ requestId, error: (error as Error).message }, 'files: storage or database unavailable');
        throw new HttpError(503, SERVICE_UNAVAILABLE_MESSAGE, ErrorCode.SERVICE_UNAVAILABLE, { 'retry-after': String(RETRY_AFTER_SECONDS) });
      }
      if (error instanceof HttpError) error.headers['cache-control'] ??= PRIVATE_NO_STORE;
      throw error;
    }
  }

  return {
    handles: (pathname: string) => UPLOAD_ROUTE.test(pathname) || FILE_ROUTE.test(pathname),
    handle,
  };
}

function refusal(error: UploadRefusal): HttpError {
  return new HttpError(error.status, error.message, error.code);
}

/** The rendition a request asks for, when the file is an image that has them (else the file itself). */
function renditionOf(params: URLSearchParams, mimeType: string): { size: RenditionSize; format: RenditionFormat } | undefined {
  const asked = params.get('rendition')?.toUpperCase();
  if (!asked) return undefined;
  if (!(asked in RENDITION_WIDTHS)) throw new HttpError(400, `rendition 须为 ${Object.keys(RENDITION_WIDTHS).join(', ')} — unknown rendition.`, ErrorCode.BAD_USER_INPUT);
  const format = (params.get('format') ?? 'webp').toLowerCase();
  if (format !== 'webp' && format !== 'jpeg') throw new HttpError(400, 'format 须为 webp 或 jpeg — format must be webp or jpeg.', ErrorCode.BAD_USER_INPUT);
  if (!RASTER_IMAGES.has(mimeType) && mimeType !== 'image/gif') throw new HttpError(400, '只有图片有缩略图 — only images have renditions.', ErrorCode.BAD_USER_INPUT);
  return { size: asked as RenditionSize, format };
}
