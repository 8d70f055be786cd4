// The submitter's handle on a concern: a public tracking number and a secret access code.
// The code is derived from the concern's id with a key of the server's (HMAC), so it is never
// stored — only its SHA-256 is, to check it — and a retried submission (same idempotency key)
// can show the same code again. Codes use an alphabet without look-alikes (0/O, 1/I/L) so they
// can be read out over the phone or typed on a kiosk.
import { createHash, createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;

/** A key for access codes only, derived from the server's signing key (never the key itself). */
export function accessCodeKey(serverSecret: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'gongkai', 'concern-access-code', 32));
}

/** The access code of a concern: 10 characters (~49 bits), the same every time for that concern. */
export function accessCodeOf(key: Buffer, concernId: string): string {
  const mac = createHmac('sha256', key).update(concernId).digest();
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[mac[i]! % ALPHABET.length];
  return code;
}

export const hashAccessCode = (code: string): string => createHash('sha256').update(normalizeCode(code)).digest('hex');

/** Codes are typed by people: case, spaces and dashes do not matter. */
export const normalizeCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

export function accessCodeMatches(code: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(hashAccessCode(code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** 受理编号: GK + local date + 6 random characters, e.g. GK20261202-7KQ4XM. Not a secret. */
export function newTrackingNo(localDay: string): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `GK${localDay.replace(/-/g, '')}-${suffix}`;
}

export const TRACKING_NO = /^GK\d{8}-[2-9A-HJKMNP-Z]{6}$/;
