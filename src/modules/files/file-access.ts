// Who may fetch a hosted file. A file has no permissions of its own: it is public while content
// whose body the public is served references it (a published or repealed release or a
// published interpretation, as an attachment or a cover), and otherwise reachable only through a
// signed link, which GraphQL hands to those who may read the content. Decided on every request
// from the content's current status, so withdrawing a release stops its files at once.
import type { Config } from '../../config.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { signedFileQuery } from './file-links.js';

/** Statuses whose body (attachments, cover) the public is served. */
const BODY_SERVED_STATUSES = ['PUBLISHED', 'REPEALED'] as const;

/** Whether a content row in this state serves its files publicly at `now`. */
export function servesFilesPublicly(row: { status: string; publishedAt: Date | null }, now: Date): boolean {
  return (BODY_SERVED_STATUSES as readonly string[]).includes(row.status) && row.publishedAt !== null && row.publishedAt <= now;
}

/** Whether any content the public is served references the file (attachments or cover). */
export async function isPublicFile(db: Pick<PrismaClient, 'release' | 'interpretation'>, fileId: string, now: Date): Promise<boolean> {
  const served = { status: { in: [...BODY_SERVED_STATUSES] }, publishedAt: { lte: now } };
  const references = { OR: [{ attachments: { array_contains: [{ fileId }] } }, { coverFileId: fileId }] };
  const [release, interpretation] = await Promise.all([
    db.release.findFirst({ where: { AND: [served, references] } as Prisma.ReleaseWhereInput, select: { id: true } }),
    db.interpretation.findFirst({ where: { AND: [{ ...served, status: 'PUBLISHED' }, references] } as Prisma.InterpretationWhereInput, select: { id: true } }),
  ]);
  return release !== null || interpretation !== null;
}

export type FileAccess = 'public' | 'signed';

type LinkConfig = Pick<Config, 'publicApiUrl' | 'auth' | 'files'>;

/**
 * The address of a hosted file: this API's `/files/<id>/<name>`, absolute when PUBLIC_API_URL is
 * set. A signed one works for FILE_SIGNED_URL_SECONDS; its expiry is rounded up to the minute so
 * that the same page read twice within a minute names the same address.
 */
export function hostedFileUrl(config: LinkConfig, file: { fileId: string; name: string }, access: FileAccess, now: Date, extra?: URLSearchParams): string {
  const path = `${config.publicApiUrl ?? ''}/files/${file.fileId}/${encodeURIComponent(file.name)}`;
  const query = extra ? [extra.toString()] : [];
  if (access === 'signed') {
    const expires = Math.ceil((now.getTime() / 1000 + config.files.signedUrlSeconds) / 60) * 60;
    query.push(signedFileQuery(config.auth.jwtSecret, file.fileId, expires));
  }
  const search = query.filter(Boolean).join('&');
  return search ? `${path}?${search}` : path;
}
