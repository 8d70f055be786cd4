// Where file bytes live: a folder on this machine (FILE_STORE=local, the default) or an
// S3-compatible bucket (FILE_STORE=s3: MinIO, OSS, COS, S3 — the way to share files between
// instances). Keys are content addresses (`files/<sha256>`, `renditions/<sha256>/<variant>`), so
// writing a key twice writes the same bytes and needs no coordination.
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile, rm, copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { FilesConfig, S3Config } from '../../config.js';

/** Inclusive byte range. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Stores the file at `localPath` under `key`. The local file may be moved there: callers remove it afterwards (`force`). */
  putFile(key: string, localPath: string, size: number, contentType: string): Promise<void>;
  putBuffer(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes of `key` (or of `range` of them); undefined when there is no such key. */
  read(key: string, range?: ByteRange): Promise<Readable | undefined>;
  has(key: string): Promise<boolean>;
}

export const originalKey = (sha256: string) => `files/${sha256.slice(0, 2)}/${sha256}`;
export const renditionKey = (sha256: string, variant: string) => `renditions/${sha256.slice(0, 2)}/${sha256}/${variant}`;

export function createFileStore(config: FilesConfig): FileStore {
  return config.store === 's3' ? new S3FileStore(config.s3!) : new LocalFileStore(config.dir);
}

class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;
  constructor(private readonly dir: string) {}

  private pathOf(key: string): string {
    return path.join(this.dir, ...key.split('/'));
  }

  async putFile(key: string, localPath: string): Promise<void> {
    // Uploads are received inside this folder, so a rename moves them in one step and a reader
    // never sees half a file; across file systems it is a copy to a temporary name, then a rename.
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await rename(localPath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      const temporary = `${target}.${process.pid}.${Date.now()}.part`;
      await copyFile(localPath, temporary);
      await rename(temporary, target);
    }
  }

  async putBuffer(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable | undefined> {
    if (!(await this.has(key))) return undefined;
    return createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  async has(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then((s) => s.isFile(), () => false);
  }
}

class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  constructor(private readonly s3: S3Config) {
    this.client = new S3Client({
      region: s3.region,
      ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
      forcePathStyle: s3.forcePathStyle,
      ...(s3.credentials ? { credentials: s3.credentials } : {}),
      // Checksums only where the protocol requires them: the SDK's default (CRC32 trailers on
      // every upload) is not understood by many S3-compatible stores.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // A hung endpoint fails the request (503) instead of holding it for ever.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    });
  }

  private key(key: string): string {
    return this.s3.prefix + key;
  }

  async putFile(key: string, localPath: string, size: number, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.s3.bucket, Key: this.key(key), Body: createReadStream(localPath), ContentLength: size, ContentType: contentType }));
  }

  async putBuffer(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.s3.bucket, Key: this.key(key), Body: bytes, ContentLength: bytes.length, ContentType: contentType }));
  }

  async read(key: string, range?: ByteRange): Promise<Readable | undefined> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.s3.bucket, Key: this.key(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
      return answer.Body as Readable;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.s3.bucket, Key: this.key(key) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }
}

/**
 * Whether the store, not the request, failed: the bucket's service answered 5xx, throttled, or
 * could not be reached in time. Answered as a retryable 503.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof S3ServiceException) return (error.$metadata.httpStatusCode ?? 500) >= 500 || error.name === 'SlowDown' || error.$retryable !== undefined;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const name = (error as Error | undefined)?.name;
  return name === 'TimeoutError' || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code ?? '');
}

// A missing key answers 404 only where the credentials may list the bucket (s3:ListBucket);
// without it S3 answers 403 for missing keys too, which is a configuration error, not a miss.
function isMissing(error: unknown): boolean {
  return error instanceof NotFound || (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404));
}
