// Access tokens: short-lived JWTs (HS256 pinned, issuer, audience, typ at+jwt). Refresh tokens
// and API keys: opaque random secrets stored only as SHA-256 hashes (they carry ≥ 256 bits of
// entropy, so a fast hash is enough — unlike passwords).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { AuthConfig } from '../config.js';
import { isUuid } from '../graphql/global-id.js';

const ALGORITHM = 'HS256';
const TOKEN_TYPE = 'at+jwt';

export interface AccessClaims {
  userId: string;
  /** Session = refresh-token family; revoked at logout. */
  sessionId: string;
  issuedAt: Date;
}

export async function issueAccessToken(auth: AuthConfig, userId: string, sessionId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + auth.accessTokenTtl;
  const token = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: TOKEN_TYPE })
    .setSubject(userId)
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(auth.jwtSecret);
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Verifies signature, algorithm, type, issuer, audience and lifetime; throws on any mismatch. */
export async function verifyAccessToken(auth: AuthConfig, token: string): Promise<AccessClaims> {
  const { payload } = await jwtVerify(token, auth.jwtSecret, {
    algorithms: [ALGORITHM],
    issuer: auth.issuer,
    audience: auth.audience,
    typ: TOKEN_TYPE,
    requiredClaims: ['exp', 'iat', 'sub', 'sid'],
    maxTokenAge: auth.accessTokenTtl + 5,
    clockTolerance: 5,
  });
  if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string' || !isUuid(payload.sub) || !isUuid(payload.sid)) {
    throw new Error('verifyAccessToken: malformed claims');
  }
  return { userId: payload.sub, sessionId: payload.sid, issuedAt: new Date(payload.iat! * 1000) };
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = `gkr_${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256Hex(token) };
}

const API_KEY = /^gk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** A channel API key: `gk_<12-char lookup prefix>_<43-char secret>`. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const prefix = [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
  const secret = randomBytes(32).toString('base64url');
  return { key: `gk_${prefix}_${secret}`, prefix, hash: sha256Hex(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const m = API_KEY.exec(key);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

const PREVIEW_TOKEN = /^gkp_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * A draft preview token: `gkp_<12-char lookup prefix>_<43-char secret>`, built like an API key
 * (looked up by prefix, the secret compared with its stored SHA-256 in constant time).
 */
export function newPreviewToken(): { token: string; prefix: string; hash: string } {
  const { prefix, hash, key } = newApiKey();
  return { token: `gkp_${key.slice('gk_'.length)}`, prefix, hash };
}

export function parsePreviewToken(token: string): { prefix: string; secret: string } | null {
  const m = PREVIEW_TOKEN.exec(token);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
