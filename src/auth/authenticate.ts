// Turns request credentials into a Viewer: `Bearer <access token>` for staff users,
// `ApiKey <key>` for channel clients, `Preview <token>` for a front end showing one release's
// draft (createReleasePreview), nothing for anonymous callers. Any credential that is
// present but not valid is refused (401) rather than silently downgraded to anonymous.
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import type { AuthConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { unauthenticated } from '../graphql/errors.js';
import type { Logger } from '../logger.js';
import { parseApiKey, parsePreviewToken, secretMatches, verifyAccessToken } from './tokens.js';
import { anonymousViewer, type Viewer } from './viewer.js';

export type Authenticator = (headers: IncomingHttpHeaders, now: Date, meta: { clientAddress: string; requestId: string }) => Promise<Viewer>;

/** How stale `lastUsedAt` may get before a request writes it again. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function createAuthenticator(db: Db, auth: AuthConfig, logger: Logger): Authenticator {
  async function userViewer(token: string): Promise<Viewer> {
    const claims = await verifyAccessToken(auth, token).catch(() => {
      throw unauthenticated();
    });
    const user = await db.user.findUnique({
      where: { id: claims.userId },
      select: {
        id: true,
        username: true,
        status: true,
        passwordChangedAt: true,
        grants: { select: { role: true, orgUnitId: true, orgUnit: { select: { path: true, active: true } } } },
        refreshTokens: { where: { familyId: claims.sessionId, revokedAt: null }, select: { id: true }, take: 1 },
        // Read only when the setting is on (no extra work per request otherwise).
        ...(auth.totpRequiredForAdmins ? { totp: { select: { confirmedAt: true } } } : {}),
      },
    });
    // Deactivation, logout (session revoked) and a password change end a token at once.
    if (
      !user ||
      user.status !== 'ACTIVE' ||
      user.refreshTokens.length === 0 ||
      claims.issuedAt.getTime() < Math.floor(user.passwordChangedAt.getTime() / 1000) * 1000
    ) {
      throw unauthenticated();
    }
    const grants = user.grants.filter((g) => g.orgUnit.active).map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, orgPath: g.orgUnit.path }));
    const totp = (user as { totp?: { confirmedAt: Date | null } | null }).totp;
    const mustEnrol = auth.totpRequiredForAdmins && !totp?.confirmedAt && user.grants.some((g) => g.role === 'ADMIN');
    return {
      kind: 'user',
      userId: user.id,
      username: user.username,
      sessionId: claims.sessionId,
      grants,
      ...(mustEnrol ? { totpEnrolmentRequired: true as const } : {}),
    };
  }

  async function channelViewer(presented: string, now: Date): Promise<Viewer> {
    const parsed = parseApiKey(presented);
    if (!parsed) throw unauthenticated();
    const key = await db.apiKey.findUnique({
      where: { prefix: parsed.prefix },
      select: {
        id: true,
        keyHash: true,
        revokedAt: true,
        expiresAt: true,
        lastUsedAt: true,
        // The trusted-documents flag and the rate limit come with the key's lookup: no query more per request.
        trustedDocumentsOnly: true,
        channelClient: { select: { id: true, kind: true, active: true, operationsPerMinute: true } },
      },
    });
    if (
      !key ||
      !secretMatches(parsed.secret, key.keyHash) ||
      key.revokedAt ||
      (key.expiresAt && key.expiresAt <= now) ||
      !key.channelClient.active
    ) {
      throw unauthenticated();
    }
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } }).catch((error: unknown) => {
        logger.warn({ err: error, apiKeyId: key.id }, 'auth: could not record API key use');
      });
    }
    return {
      kind: 'channel',
      channelId: key.channelClient.id,
      channelKind: key.channelClient.kind,
      apiKeyId: key.id,
      trustedDocumentsOnly: key.trustedDocumentsOnly,
      operationsPerMinute: key.channelClient.operationsPerMinute,
    };
  }

  /**
   * A draft preview token: unknown, revoked, expired, its release deleted (the row goes with it)
   * or its creator deactivated all answer 401 alike.
   */
  async function previewViewer(presented: string, now: Date): Promise<Viewer> {
    const parsed = parsePreviewToken(presented);
    if (!parsed) throw unauthenticated();
    const preview = await db.releasePreview.findUnique({
      where: { prefix: parsed.prefix },
      select: { id: true, releaseId: true, tokenHash: true, revokedAt: true, expiresAt: true, lastUsedAt: true, createdBy: { select: { status: true } } },
    });
    if (!preview || !secretMatches(parsed.secret, preview.tokenHash) || preview.revokedAt || preview.expiresAt <= now || preview.createdBy?.status !== 'ACTIVE') {
      throw unauthenticated();
    }
    if (!preview.lastUsedAt || now.getTime() - preview.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await db.releasePreview.update({ where: { id: preview.id }, data: { lastUsedAt: now } }).catch((error: unknown) => {
        logger.warn({ err: error, releasePreviewId: preview.id }, 'auth: could not record preview token use');
      });
    }
    return { kind: 'preview', previewId: preview.id, releaseId: preview.releaseId };
  }

  return async (headers, now, meta) => {
    const header = headers.authorization;
    if (header === undefined || header === '') return anonymousViewer;
    const m = /^(Bearer|ApiKey|Preview)\s+(\S+)$/i.exec(header);
    const scheme = m?.[1]?.toLowerCase() ?? 'malformed';
    try {
      if (!m) throw unauthenticated('Authorization must be "Bearer <access token>", "ApiKey <key>" or "Preview <token>".');
      if (scheme === 'bearer') return await userViewer(m[2]!);
      return scheme === 'apikey' ? await channelViewer(m[2]!, now) : await previewViewer(m[2]!, now);
    } catch (error) {
      // A log line, not an audit row: a flood of bad credentials must not become a flood of writes.
      // Anything else (the database out of reach) is not the caller's fault: the request handler
      // logs and answers it.
      if (error instanceof GraphQLError) logger.info({ scheme, address: meta.clientAddress, requestId: meta.requestId }, 'auth: credentials refused');
      throw error;
    }
  };
}
