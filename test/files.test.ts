// Hosted files (issue 15, parts 1–3): staff upload through a signed link; the type is read from
// the content; images lose their metadata; a file is public only while public content references
// it and otherwise reachable through signed, expiring links handed to those who may read the
// content; downloads carry the Chinese name, ETag and Range; withdrawal stops them at once. The
// same on local disk and on an S3-compatible server (s3rver, spoken to with the AWS SDK).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedFileQuery, signUploadTicket } from '../src/modules/files/file-links.js';
import { anonymous, authorizationOf, callData, type Caller } from './actors.js';
import { databaseLabel, startTestService, TEST_JWT_SECRET, type TestService } from './harness.js';
import { draftInput, fixture, mutate, mutateOk, releaseIn, uuidOf, type Any, type Fixture } from './workflow-helpers.js';

const BEGIN = `mutation($input: BeginUploadInput!) {
  beginUpload(input: $input) {
    __typename
    ... on BeginUploadPayload { uploadUrl expiresAt maxBytes mimeType }
    ... on InputError { field message }
    ... on NotFoundError { code }
  }
}`;

const FILES = `attachments { name size mimeType sha256 hosted url imageUrl(rendition: THUMBNAIL) } cover { name width height url(rendition: THUMBNAIL) }`;
const READ = `query($id: ID!) { node(id: $id) { ... on Release { status ${FILES} } } }`;

const secret = new TextEncoder().encode(TEST_JWT_SECRET);

const pdfBytes = (text = 'Gongkai') =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text} ${randomUUID()}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');

/** A JPEG photo carrying GPS coordinates, a camera and a comment in its EXIF, as phones write them. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'VillageCam', Model: 'X1', ImageDescription: `张八岭镇 ${randomUUID()}` },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 47/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '117/1 59/1 5678/100' },
    })
    .toBuffer();
}

async function upload(service: TestService, caller: Caller, fileName: string, bytes: Buffer, declared = bytes.length): Promise<{ status: number; body: Any }> {
  const begun = (await callData(service, caller, BEGIN, { input: { fileName, byteSize: declared } })).beginUpload;
  if (begun.__typename !== 'BeginUploadPayload') return { status: 0, body: begun };
  return put(service, begun.uploadUrl, bytes);
}

async function put(service: TestService, uploadUrl: string, bytes: Buffer | ReadableStream): Promise<{ status: number; body: Any }> {
  const url = new URL(uploadUrl, service.url);
  const res = await fetch(url, { method: 'PUT', body: bytes, ...(bytes instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
  return { status: res.status, body: await res.json() };
}

async function uploaded(service: TestService, caller: Caller, fileName: string, bytes: Buffer): Promise<Any> {
  const { status, body } = await upload(service, caller, fileName, bytes);
  expect(status, JSON.stringify(body)).toBe(201);
  return body.file;
}

async function fetchFile(service: TestService, url: string, headers: Record<string, string> = {}, caller: Caller = anonymous) {
  const auth = authorizationOf(caller);
  const res = await fetch(new URL(url, service.url), { headers: { ...headers, ...(auth ? { authorization: auth } : {}) } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function readRelease(service: TestService, caller: Caller, id: string): Promise<Any> {
  return (await callData(service, caller, READ, { id })).node;
}

function scenario(label: string, env: () => Record<string, string>, afterUpload?: (service: TestService, sha256: string) => Promise<void>) {
  describe(`hosted files — ${label} (${databaseLabel})`, () => {
    let service: TestService;
    let fx: Fixture;
    beforeAll(async () => {
      service = await startTestService({ env: env() });
      fx = await fixture(service);
    });
    afterAll(() => service?.stop());

    it('an editor uploads a PDF and a photo to a draft; anonymous readers cannot fetch them; after publication the PDF downloads with its Chinese name and the photo has a thumbnail without GPS data', async () => {
      const pdf = pdfBytes();
      const photo = await photoWithGps();
      expect((await sharp(photo).metadata()).exif, 'the test photo carries EXIF').toBeDefined();
      const pdfFile = await uploaded(service, fx.editor, '征地补偿费用发放明细表.pdf', pdf);
      expect(pdfFile).toMatchObject({ name: '征地补偿费用发放明细表.pdf', size: pdf.length, mimeType: 'application/pdf' });
      expect(pdfFile.sha256).toMatch(/^[0-9a-f]{64}$/);
      const photoFile = await uploaded(service, fx.editor, '村务公开栏.jpg', photo);
      expect(photoFile).toMatchObject({ mimeType: 'image/jpeg', width: 640, height: 480 });
      await afterUpload?.(service, pdfFile.sha256);

      const draft = await mutateOk(service, fx.editor, 'create', draftInput(fx, { attachments: [{ fileId: pdfFile.id }, { fileId: photoFile.id }], coverFileId: photoFile.id }));
      const asEditor = await readRelease(service, fx.editor, draft.id);
      expect(asEditor.attachments.map((a: Any) => [a.name, a.hosted, a.size])).toEqual([['征地补偿费用发放明细表.pdf', true, pdf.length], ['村务公开栏.jpg', true, photoFile.size]]);
      const signed = asEditor.attachments[0].url as string;
      expect(signed).toMatch(/\/files\/[0-9a-f-]{36}\/.+\?expires=\d+&signature=/);

      // Anonymous: the draft itself is invisible, and its files answer as unknown ones, signature stripped or not.
      expect(await readRelease(service, anonymous, draft.id)).toBeNull();
      const bare = signed.split('?')[0]!;
      const unknown = await fetchFile(service, `/files/${randomUUID()}/x.pdf`);
      const denied = await fetchFile(service, bare);
      expect(unknown.status).toBe(404);
      const answer = (r: { status: number; bytes: Buffer; headers: Headers }) => [r.status, r.headers.get('cache-control'), JSON.parse(r.bytes.toString()).errors.map((e: Any) => [e.message, e.extensions.code])];
      expect(answer(denied)).toEqual(answer(unknown));
      expect((await fetchFile(service, `${bare}?rendition=THUMBNAIL`)).status).toBe(404);
      // One character of the signature changed (to one it is not).
      const tampered = signed.replace(/signature=(.)/, (_m, c: string) => `signature=${c === 'A' ? 'B' : 'A'}`);
      expect(tampered).not.toBe(signed);
      expect((await fetchFile(service, tampered)).status).toBe(404);
      // A staff token is not a way in either: the link's signature is.
      expect((await fetchFile(service, bare, {}, fx.editor)).status).toBe(404);

      // The signed link works for the one who was given it, privately.
      const viaSignature = await fetchFile(service, signed);
      expect(viaSignature.status).toBe(200);
      expect(viaSignature.bytes.equals(pdf)).toBe(true);
      expect(viaSignature.headers.get('cache-control')).toBe('private, no-store');

      // A front-end developer with the reviewer's preview token sees the draft's files the same way.
      const preview = (await callData(service, fx.reviewer, `mutation($input: CreateReleasePreviewInput!) { createReleasePreview(input: $input) { ... on CreateReleasePreviewPayload { token } } }`, { input: { releaseId: draft.id } })).createReleasePreview;
      const previewer: Caller = { label: 'preview token', authorization: `Preview ${preview.token}` };
      const previewed = await readRelease(service, previewer, draft.id);
      expect(previewed.attachments[0].url).toMatch(/signature=/);
      expect((await fetchFile(service, previewed.attachments[0].url)).bytes.equals(pdf)).toBe(true);
      expect((await fetchFile(service, previewed.cover.url)).headers.get('content-type')).toBe('image/webp');

      const published = await releaseIn(fx, 'PUBLISHED', { attachments: [{ fileId: pdfFile.id }, { fileId: photoFile.id }], coverFileId: photoFile.id });
      const asPublic = await readRelease(service, anonymous, published.id);
      const [pdfUrl, photoUrl] = asPublic.attachments.map((a: Any) => a.url as string);
      expect(pdfUrl).not.toContain('signature=');
      const download = await fetchFile(service, pdfUrl!);
      expect(download.status).toBe(200);
      expect(download.bytes.equals(pdf)).toBe(true);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('content-disposition')).toBe(`inline; filename="___________.pdf"; filename*=UTF-8''${encodeURIComponent('征地补偿费用发放明细表.pdf')}`);
      expect(download.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(download.headers.get('etag')).toBe(`"${pdfFile.sha256}"`);
      expect(download.headers.get('accept-ranges')).toBe('bytes');

      // The photo as stored, and its thumbnail: no EXIF at all, so no GPS position.
      const original = await fetchFile(service, photoUrl!);
      expect(original.status).toBe(200);
      const originalMeta = await sharp(original.bytes).metadata();
      expect(originalMeta.exif).toBeUndefined();
      expect(original.bytes.includes(Buffer.from('VillageCam'))).toBe(false);
      const thumbnail = await fetchFile(service, asPublic.attachments[1].imageUrl);
      expect(thumbnail.status).toBe(200);
      expect(thumbnail.headers.get('content-type')).toBe('image/webp');
      const thumbMeta = await sharp(thumbnail.bytes).metadata();
      expect([thumbMeta.format, thumbMeta.width, thumbMeta.exif]).toEqual(['webp', 240, undefined]);
      const cover = await fetchFile(service, asPublic.cover.url);
      expect(cover.bytes.equals(thumbnail.bytes)).toBe(true);
      const jpeg = await fetchFile(service, `${photoUrl!.split('?')[0]}?rendition=DETAIL&format=jpeg`);
      const jpegMeta = await sharp(jpeg.bytes).metadata();
      expect([jpeg.headers.get('content-type'), jpegMeta.width, jpegMeta.exif]).toEqual(['image/jpeg', 640, undefined]);

      // Revalidation and ranges.
      expect((await fetchFile(service, pdfUrl!, { 'if-none-match': `"${pdfFile.sha256}"` })).status).toBe(304);
      const head = await fetchFile(service, pdfUrl!, { range: 'bytes=0-3' });
      expect([head.status, head.bytes.toString('latin1'), head.headers.get('content-range')]).toEqual([206, '%PDF', `bytes 0-3/${pdf.length}`]);
      const tail = await fetchFile(service, pdfUrl!, { range: 'bytes=-6' });
      expect([tail.status, tail.bytes.toString('latin1')]).toEqual([206, '%%EOF\n']);
      expect((await fetchFile(service, pdfUrl!, { range: `bytes=${pdf.length}-` })).status).toBe(416);
      // An If-Range naming another version: the whole file.
      expect((await fetchFile(service, pdfUrl!, { range: 'bytes=0-3', 'if-range': '"old"' })).status).toBe(200);

      // Withdrawal stops the public files at once; the staff of the unit still get signed links.
      await mutateOk(service, fx.reviewer, 'withdraw', { id: published.id, reason: '附件有误' });
      expect((await fetchFile(service, pdfUrl!)).status).toBe(404);
      expect((await fetchFile(service, photoUrl!)).status).toBe(404);
      expect((await fetchFile(service, asPublic.attachments[1].imageUrl)).status).toBe(404);
      expect((await readRelease(service, anonymous, published.id)).attachments).toEqual([]);
      const staffView = await readRelease(service, fx.reviewer, published.id);
      expect((await fetchFile(service, staffView.attachments[0].url)).status).toBe(200);
      // …but the draft from the start still references the PDF: it stays unreachable anonymously.
      expect((await fetchFile(service, bare)).status).toBe(404);
    });

    it('checks the type from the content, the size against the link, and every name', async () => {
      const begin = async (fileName: string, byteSize: number) => (await callData(service, fx.editor, BEGIN, { input: { fileName, byteSize } })).beginUpload;
      for (const name of ['setup.exe', 'page.html', 'image.svg', 'noextension', '../etc/passwd.pdf', '.hidden.pdf', 'a\u202Efdp.exe']) {
        expect(await begin(name, 100), name).toMatchObject({ __typename: 'InputError', field: 'fileName' });
      }
      expect(await begin('photo.jpg', 21 * 1024 * 1024)).toMatchObject({ __typename: 'InputError', field: 'byteSize' });
      expect(await begin('empty.pdf', 0)).toMatchObject({ __typename: 'InputError', field: 'byteSize' });
      expect(await begin('video.mp4', 400 * 1024 * 1024)).toMatchObject({ __typename: 'BeginUploadPayload', mimeType: 'video/mp4' });

      // Content that is not what the name says.
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);
      exe.writeUInt32LE(64, 0x3c);
      const refused = await upload(service, fx.editor, '通知.pdf', exe);
      expect([refused.status, refused.body.errors[0].extensions.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      expect(refused.body.errors[0].message).toMatch(/^文件内容与扩展名不符/);
      expect((await upload(service, fx.editor, 'photo.png', pdfBytes())).status).toBe(415);
      expect((await upload(service, fx.editor, 'notes.txt', Buffer.from('abc\0def'))).status).toBe(415);
      expect((await upload(service, fx.editor, 'notes.txt', pdfBytes())).status).toBe(415);
      expect((await upload(service, fx.editor, 'broken.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]))).status).toBe(415);
      // What is what it says.
      const sheet = new ExcelJS.Workbook();
      sheet.addWorksheet('目录').addRow(['序号', '事项']);
      const xlsx = Buffer.from(await sheet.xlsx.writeBuffer());
      expect((await uploaded(service, fx.editor, '公开目录.xlsx', xlsx)).mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect((await upload(service, fx.editor, '公开目录.docx', xlsx)).status).toBe(415);
      expect((await uploaded(service, fx.editor, '说明.txt', Buffer.from('公开目录说明\n'))).mimeType).toBe('text/plain');

      // Sizes: a body longer or shorter than announced, declared or streamed.
      const link = (await begin('a.pdf', 100)).uploadUrl as string;
      expect((await put(service, link, pdfBytes().subarray(0, 50))).status).toBe(400);
      const stream = (bytes: number) =>
        new ReadableStream({
          start(controller) {
            for (let sent = 0; sent < bytes; sent += 1000) controller.enqueue(new Uint8Array(1000).fill(37));
            controller.close();
          },
        });
      const tooLong = await put(service, (await begin('b.pdf', 5000)).uploadUrl, stream(20_000));
      expect([tooLong.status, tooLong.body.errors[0].extensions.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      // Nothing of a refused upload stays behind.
      expect(await service.service.db.prisma.storedFile.count({ where: { name: { in: ['a.pdf', 'b.pdf', '通知.pdf', 'photo.png', 'broken.jpg'] } } })).toBe(0);
    });

    it('upload links are single-use, unforgeable and expire; only writers of content get one', async () => {
      const pdf = pdfBytes();
      const begun = (await callData(service, fx.editor, BEGIN, { input: { fileName: 'once.pdf', byteSize: pdf.length } })).beginUpload;
      expect((await put(service, begun.uploadUrl, pdf)).status).toBe(201);
      const again = await put(service, begun.uploadUrl, pdf);
      expect([again.status, again.body.errors[0].extensions.code]).toEqual([409, 'UPLOAD_ALREADY_USED']);
      const token = (begun.uploadUrl as string).split('/uploads/')[1]!;
      const [body, signature] = token.split('.');
      const altered = Buffer.from(JSON.stringify([randomUUID(), 'x', 'big.pdf', 10, 9_999_999_999])).toString('base64url');
      expect((await put(service, `/uploads/${altered}.${signature}`, pdf)).status).toBe(404);
      expect((await put(service, `/uploads/${body}.${'A'.repeat(signature!.length)}`, pdf)).status).toBe(404);
      const userId = (await service.service.db.prisma.user.findUniqueOrThrow({ where: { username: 'zhangbaling.editor' } })).id;
      const expired = signUploadTicket(secret, { id: randomUUID(), userId, name: 'late.pdf', size: pdf.length, expires: Math.floor(Date.now() / 1000) - 1 });
      const late = await put(service, `/uploads/${expired}`, pdf);
      expect([late.status, late.body.errors[0].extensions.code]).toEqual([410, 'UPLOAD_EXPIRED']);
      // An auditor writes nothing; anonymous callers and channels are refused by the shield (permission matrix).
      expect((await callData(service, fx.auditor, BEGIN, { input: { fileName: 'x.pdf', byteSize: 10 } })).beginUpload.__typename).toBe('NotFoundError');
    });

    it('a file removed from a published release does not come back through its history; odd signatures, GIF bombs and invalid ranges answer cleanly', async () => {
      const slip = await uploaded(service, fx.editor, '误传身份证.jpg', await photoWithGps());
      const kept = await uploaded(service, fx.editor, '正式文件.pdf', pdfBytes());
      const published = await releaseIn(fx, 'PUBLISHED', { attachments: [{ fileId: slip.id }, { fileId: kept.id }] });
      const publicUrl = (await readRelease(service, anonymous, published.id)).attachments[0].url as string;
      expect((await fetchFile(service, publicUrl)).status).toBe(200);
      await mutateOk(service, fx.reviewer, 'update', { id: published.id, expectedVersion: published.version, attachments: [{ fileId: kept.id }], revisionKind: 'MAJOR', changeNote: '删除误传附件' });
      expect((await fetchFile(service, publicUrl)).status).toBe(404);
      const HISTORY = `query($id: ID!) { node(id: $id) { ... on Release { revisions { number content { attachments { name url } } } } } }`;
      const history = async (caller: Caller) => ((await callData(service, caller, HISTORY, { id: published.id })).node.revisions as Any[]).flatMap((r) => r.content.attachments).filter((a: Any) => a.name === '误传身份证.jpg');
      const anonymousHistory = await history(anonymous);
      expect(anonymousHistory.length).toBeGreaterThan(0);
      for (const a of anonymousHistory) {
        expect(a.url).not.toContain('signature=');
        expect((await fetchFile(service, a.url)).status).toBe(404);
      }
      // Staff of the unit still open it from the history (signed).
      expect((await fetchFile(service, (await history(fx.reviewer))[0].url)).status).toBe(200);

      // An expired signature on a file that is public now: served as public.
      const keptUuid = uuidOf(kept.id);
      const stale = await fetchFile(service, `/files/${keptUuid}/x.pdf?${signedFileQuery(secret, keptUuid, Math.floor(Date.now() / 1000) - 60)}`);
      expect([stale.status, stale.headers.get('cache-control')]).toEqual([200, `public, max-age=${service.config.files.publicCacheSeconds}`]);
      // A signature of non-ASCII characters is refused like any other wrong one, not a 500.
      expect((await fetchFile(service, `/files/${keptUuid}/x.pdf?expires=9999999999&signature=${encodeURIComponent('é'.repeat(43))}`)).status).toBe(404);
      // An invalid range (last before first) is ignored.
      const keptUrl = (await readRelease(service, anonymous, published.id)).attachments[0].url as string;
      expect((await fetchFile(service, keptUrl, { range: 'bytes=5-2' })).status).toBe(200);

      // A GIF whose header claims 60000×60000 pixels is refused at upload.
      const bomb = Buffer.concat([
        Buffer.from('GIF89a', 'latin1'), Buffer.from([0x60, 0xea, 0x60, 0xea, 0x00, 0x00, 0x00]),
        Buffer.from([0x2c, 0, 0, 0, 0, 0x60, 0xea, 0x60, 0xea, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b]),
      ]);
      const refused = await upload(service, fx.editor, '动图.gif', bomb);
      expect([refused.status, refused.body.errors?.[0]?.extensions.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      // Zero-width and line-separator characters are no part of a plain file name.
      for (const name of ['通\u200b知.pdf', '通知\u2028.pdf', '\ufeff通知.pdf']) {
        expect((await callData(service, fx.editor, BEGIN, { input: { fileName: name, byteSize: 10 } })).beginUpload.__typename, JSON.stringify(name)).toBe('InputError');
      }
    });

    it('signed links expire, and cannot be moved to another file', async () => {
      const file = await uploaded(service, fx.editor, '会议纪要.pdf', pdfBytes());
      const draft = await mutateOk(service, fx.editor, 'create', draftInput(fx, { attachments: [{ fileId: file.id }] }));
      const url = (await readRelease(service, fx.editor, draft.id)).attachments[0].url as string;
      const fileUuid = uuidOf(file.id);
      const past = Math.floor(Date.now() / 1000) - 1;
      const expired = await fetchFile(service, `/files/${fileUuid}/x.pdf?${signedFileQuery(secret, fileUuid, past)}`);
      expect([expired.status, JSON.parse(expired.bytes.toString()).errors[0].extensions.code]).toEqual([403, 'LINK_EXPIRED']);
      const other = await uploaded(service, fx.editor, '另一个.pdf', pdfBytes());
      const moved = url.replace(fileUuid, uuidOf(other.id));
      expect((await fetchFile(service, moved)).status).toBe(404);
    });

    it('attaches only files the editor uploaded (or the content already has): a known id of someone else\'s draft file is refused', async () => {
      const mine = await uploaded(service, fx.editor, '草稿附件.pdf', pdfBytes('secret draft'));
      await mutateOk(service, fx.editor, 'create', draftInput(fx, { attachments: [{ fileId: mine.id }] }));
      // Another township's editor learns the id and tries to publish it through their own release.
      const other = await fixture(service);
      const otherDraft = await mutate(service, other.otherEditor, 'create', { ...draftInput(other, { publisherId: other.otherTownship.id }), attachments: [{ fileId: mine.id }] });
      expect(otherDraft).toMatchObject({ __typename: 'InputError', field: 'attachments[0].fileId' });
      const asCover = await mutate(service, other.otherEditor, 'create', { ...draftInput(other, { publisherId: other.otherTownship.id }), coverFileId: mine.id });
      expect(asCover).toMatchObject({ __typename: 'InputError', field: 'coverFileId' });
      // The reviewer of the same unit re-saves the draft that already has it: kept.
      const draft = await mutateOk(service, fx.editor, 'create', draftInput(fx, { attachments: [{ fileId: mine.id }] }));
      const saved = await mutateOk(service, fx.reviewer, 'update', { id: draft.id, expectedVersion: draft.version, title: '改过的标题', attachments: [{ fileId: mine.id }] });
      expect(saved.attachments.map((a: Any) => a.name)).toEqual(['草稿附件.pdf']);
      // A hosted file is named by its id alone, a link by all its facts.
      const mixed = await mutate(service, fx.editor, 'create', draftInput(fx, { attachments: [{ fileId: mine.id, name: 'renamed.pdf' }] }));
      expect(mixed).toMatchObject({ __typename: 'InputError', field: 'attachments[0]' });
      const half = await mutate(service, fx.editor, 'create', draftInput(fx, { attachments: [{ name: 'a.pdf' }] }));
      expect(half).toMatchObject({ __typename: 'InputError', field: 'attachments[0]' });
      // A cover must be an image.
      expect(await mutate(service, fx.editor, 'create', draftInput(fx, { coverFileId: mine.id }))).toMatchObject({ __typename: 'InputError', field: 'coverFileId' });
      // The uploader sees the file as a node; nobody else does.
      const NODE = `query($id: ID!) { node(id: $id) { ... on StoredFile { name mimeType } } }`;
      expect((await callData(service, fx.editor, NODE, { id: mine.id })).node).toEqual({ name: '草稿附件.pdf', mimeType: 'application/pdf' });
      expect((await callData(service, fx.reviewer, NODE, { id: mine.id })).node).toBeNull();
      expect((await callData(service, anonymous, NODE, { id: mine.id })).node).toBeNull();
    });
  });
}

scenario('local disk', () => ({}));

let s3: { server: S3rver; dir: string; endpoint: string } | undefined;
const BUCKET = 'gongkai-test';
beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 's3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const address = await server.run();
  s3 = { server, dir, endpoint: `http://127.0.0.1:${address.port}` };
});
afterAll(async () => {
  if (!s3) return;
  await s3.server.close();
  await rm(s3.dir, { recursive: true, force: true });
});

scenario(
  'S3-compatible object storage',
  () => ({ FILE_STORE: 's3', S3_ENDPOINT: s3!.endpoint, S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_PREFIX: `run-${randomUUID().slice(0, 8)}/` }),
  async (service, sha256) => {
    // The bytes are in the bucket, under the configured prefix and their SHA-256, not on local disk.
    const client = new S3Client({ endpoint: s3!.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: service.config.files.s3!.prefix }));
    expect(listed.Contents?.map((o) => o.Key)).toContain(`${service.config.files.s3!.prefix}files/${sha256.slice(0, 2)}/${sha256}`);
    client.destroy();
  },
);
