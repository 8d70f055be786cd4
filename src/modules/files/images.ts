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

/**
 * Pixel size of an image kept as uploaded (GIF: its animation would not survive re-encoding).
 * Throws when it cannot be read or is larger than MAX_PIXELS (its header says so: nothing is decoded).
 */
export async function imageSize(path: string): Promise<{ width: number; height: number }> {
  const meta = await sharp(path, { limitInputPixels: MAX_PIXELS }).metadata();
  if (!meta.width || !meta.height || meta.width * meta.height > MAX_PIXELS) throw new Error('image: unreadable or larger than the pixel limit');
  return { width: meta.width, height: meta.height };
}

/** An image sharp cannot render (damaged since upload, or a format it cannot resize). */
export class RenditionFailed extends Error {}

/**
 * Renditions being made at once in this process, at most: each decodes a whole image (up to
 * 100 megapixels, hundreds of MB), and anonymous requests for many sizes must not take every
 * thread and all memory.
 */
const MAX_CONCURRENT_RENDITIONS = 2;
let rendering = 0;
const waiting: (() => void)[] = [];
async function withRenditionSlot<T>(work: () => Promise<T>): Promise<T> {
  if (rendering >= MAX_CONCURRENT_RENDITIONS) await new Promise<void>((resolve) => waiting.push(resolve));
  rendering++;
  try {
    return await work();
  } finally {
    rendering--;
    waiting.shift()?.();
  }
}

const making = new Map<string, Promise<Buffer>>();

/** A rendition of a stored image, made on first request and kept in the store (concurrent first requests make it once). */
export async function rendition(store: FileStore, sha256: string, size: RenditionSize, format: RenditionFormat): Promise<Buffer> {
  const key = renditionKey(sha256, `${size.toLowerCase()}.${format}`);
  const kept = await store.read(key);
  if (kept) return streamToBuffer(kept);
  let pending = making.get(key);
  if (!pending) {
    pending = withRenditionSlot(async () => {
      const original = await store.read(originalKey(sha256));
      if (!original) throw new RenditionFailed(`rendition: the original ${sha256} is missing from the store`);
      const resized = sharp(await streamToBuffer(original), { limitInputPixels: MAX_PIXELS }).resize({ width: RENDITION_WIDTHS[size], withoutEnlargement: true });
      // sharp writes no metadata unless asked to (withMetadata): renditions carry none.
      const bytes = await (format === 'webp' ? resized.webp({ quality: 80 }) : resized.jpeg({ quality: 82, mozjpeg: true })).toBuffer().catch((error: Error) => {
        throw new RenditionFailed(`rendition: ${error.message}`);
      });
      await store.putBuffer(key, bytes, RENDITION_CONTENT_TYPES[format]);
      return bytes;
    }).finally(() => making.delete(key));
    making.set(key, pending);
  }
  return pending;
}

async function streamToBuffer(stream: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
