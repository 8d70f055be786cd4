// Signed links: upload tickets (`PUT /uploads/<ticket>`) and links to files that are not public
// (`/files/<id>/<name>?expires=…&signature=…`). Both are HMACs under a key derived from
// JWT_SECRET, so any instance of one deployment accepts what another issued, and nothing is
// stored per link. A link is issued only to a caller who may read the file's owner at that moment
// (the GraphQL field that hands it out reads the owner through its row filter) and lasts minutes.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

const keyOf = (secret: Uint8Array, purpose: string) => Buffer.from(hkdfSync('sha256', secret, 'gongkai-files', purpose, 32));
const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');
/** Constant-time equality of a presented MAC and the expected one (any presented text: compared as bytes). */
function same(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface UploadTicket {
  /** The stored file's id once uploaded: a ticket makes at most one file. */
  id: string;
  userId: string;
  name: string;
  size: number;
  /** Unix seconds. */
  expires: number;
}

export function signUploadTicket(secret: Uint8Array, ticket: UploadTicket): string {
  const body = Buffer.from(JSON.stringify([ticket.id, ticket.userId, ticket.name, ticket.size, ticket.expires]), 'utf8').toString('base64url');
  return `${body}.${mac(keyOf(secret, 'upload ticket v1'), body)}`;
}

/** The ticket, 'expired', or undefined when it was not issued here (forged, altered, malformed). */
export function readUploadTicket(secret: Uint8Array, token: string, now: Date): UploadTicket | 'expired' | undefined {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0 || !same(signature, mac(keyOf(secret, 'upload ticket v1'), body))) return undefined;
  const [id, userId, name, size, expires] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [string, string, string, number, number];
  if (expires * 1000 <= now.getTime()) return 'expired';
  return { id, userId, name, size, expires };
}

/** The query string of a link to file `fileId` that works until `expires` (unix seconds). */
export function signedFileQuery(secret: Uint8Array, fileId: string, expires: number): string {
  return `expires=${expires}&signature=${mac(keyOf(secret, 'file link v1'), `${fileId}.${expires}`)}`;
}

/** Whether `params` carry a signature of this server for `fileId`, and whether it still holds. */
export function fileSignature(secret: Uint8Array, fileId: string, params: URLSearchParams, now: Date): 'valid' | 'expired' | 'invalid' | 'absent' {
  const signature = params.get('signature');
  const expires = params.get('expires');
  if (signature === null && expires === null) return 'absent';
  if (!signature || !expires || !/^\d{1,12}$/.test(expires) || !same(signature, mac(keyOf(secret, 'file link v1'), `${fileId}.${expires}`))) return 'invalid';
  return Number(expires) * 1000 > now.getTime() ? 'valid' : 'expired';
}
