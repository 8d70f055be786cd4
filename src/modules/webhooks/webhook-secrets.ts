// Webhook signing secrets: made, kept encrypted at rest, and used to sign deliveries the way the
// Standard Webhooks specification says (https://www.standardwebhooks.com/).
//
// A secret is `whsec_` + base64 of 32 random bytes; the HMAC key is those bytes (the base64 part
// decoded). It is shown to the admin once and stored only as AES-256-GCM ciphertext: the key is
// derived by HKDF-SHA256 from the server secret (JWT_SECRET), each row has its own random 96-bit
// nonce, and the stored text is `v1.<nonce>.<ciphertext+tag>` (base64url). A database dump alone
// therefore does not let anyone forge deliveries; changing JWT_SECRET makes the stored secrets
// unreadable (rotate every endpoint's secret after changing it).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
const SECRET_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A new secret in the Standard Webhooks format. */
export function newWebhookSecret(): string {
  return PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The HMAC key of a `whsec_` secret. */
export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error('webhook secret: not a whsec_ secret');
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  if (key.length < 24 || key.length > 64) throw new Error('webhook secret: key must be 24–64 bytes');
  return key;
}

/** The encryption key for secrets at rest, from the server secret. */
export function secretEncryptionKey(serverSecret: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'gongkai-webhooks', 'webhook secret encryption v1', 32));
}

export function encryptSecret(key: Buffer, secret: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1.${nonce.toString('base64url')}.${sealed.toString('base64url')}`;
}

export function decryptSecret(key: Buffer, stored: string): string {
  const [version, nonce, sealed] = stored.split('.');
  if (version !== 'v1' || !nonce || !sealed) throw new Error('webhook secret: unknown ciphertext format');
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` for one secret. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  return 'v1,' + createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/** The `webhook-signature` header: one signature per secret, space-separated (new first). */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((s) => signature(s, id, timestamp, body)).join(' ');
}
