// Images: metadata stripped on upload (EXIF of a photo taken in a village carries its GPS
// position, the camera and the time), and renditions made once per size and format, then kept
// in the file store beside the original. sharp works on libuv's thread pool, off the event loop.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { renditionKey, originalKey, type FileStore } from './file-store.js';

/** Larger images are refused (decompression bombs): 100 megapixels. */
const MAX_PIXELS = 100_000_000;

export const RENDITION_WIDTHS = { THUMBNAIL: 240, LIST: 480, DETAIL: 1200 } as const;
export type RenditionSize = keyof typeof RENDITION_WIDTHS;
export type RenditionFormat = 'webp' | 'jpeg';
export const RENDITION_CONTENT_TYPES: Record<RenditionFormat, string> = { webp: 'image/webp', jpeg: 'image/jpeg' };

export interface CleanImage {
  bytes: Buffer;
  sha256: string;
  width: number;
  height: number;
}

/**
 * The image at `path` re-encoded without any metadata (EXIF, XMP, IPTC; the ICC profile is
 * kept so colours stay right), turned upright by its EXIF orientation first. Written back to
 * `path`. Throws when sharp cannot read it as an image.
 */
export async function stripImageMetadata(path: string, mimeType: string): Promise<CleanImage> {
  const input = sharp(await readFile(path), { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate().keepIccProfile();
  const encoded = mimeType === 'image/png' ? input.png() : mimeType === 'image/webp' ? input.webp({ quality: 92 }) : input.jpeg({ quality: 92, mozjpeg: true });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  await writeFile(path, data);
  return { bytes: data, sha256: createHash('sha256').update(data).digest('hex'), width: info.width, height: info.height };
}

/** Pixel size of an image that is kept as uploaded (GIF: its animation would not survive re-encoding). */
export async function imageSize(path: string): Promise<{ width: number | null; height: number | null }> {
  const meta = await sharp(path, { limitInputPixels: MAX_PIXELS }).metadata().catch(() => undefined);
  return { width: meta?.width ?? null, height: meta?.height ?? null };
}

const making = new Map<string, Promise<Buffer>>();

/** A rendition of a stored image, made on first request and kept in the store (concurrent first requests make it once). */
export async function rendition(store: FileStore, sha256: string, size: RenditionSize, format: RenditionFormat): Promise<Buffer> {
  const key = renditionKey(sha256, `${size.toLowerCase()}.${format}`);
  const kept = await store.read(key);
  if (kept) return streamToBuffer(kept);
  let pending = making.get(key);
  if (!pending) {
    pending = (async () => {
      const original = await store.read(originalKey(sha256));
      if (!original) throw new Error(`rendition: the original ${sha256} is missing from the store`);
      const resized = sharp(await streamToBuffer(original), { limitInputPixels: MAX_PIXELS }).resize({ width: RENDITION_WIDTHS[size], withoutEnlargement: true });
      // sharp writes no metadata unless asked to (withMetadata): renditions carry none.
      const bytes = await (format === 'webp' ? resized.webp({ quality: 80 }) : resized.jpeg({ quality: 82, mozjpeg: true })).toBuffer();
      await store.putBuffer(key, bytes, RENDITION_CONTENT_TYPES[format]);
      return bytes;
    })().finally(() => making.delete(key));
    making.set(key, pending);
  }
  return pending;
}

async function streamToBuffer(stream: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
