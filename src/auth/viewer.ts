// Who is calling. Built once per request by the authenticator and never mutated afterwards.
import type { ChannelKind, Role } from '../generated/prisma/enums.js';

export interface RoleGrantScope {
  role: Role;
  orgUnitId: string;
  /** Materialised path of the granted unit; its subtree is every unit whose path starts with it. */
  orgPath: string;
}

export type Viewer =
  | { kind: 'anonymous' }
  | {
      kind: 'channel';
      channelId: string;
      channelKind: ChannelKind;
      apiKeyId: string;
      // Set by the authenticator for HTTP callers; viewers built for server-side work (feeds,
      // webhook payloads) leave them out, as they send no requests.
      /** The key may only name trusted documents (no query text). */
      trustedDocumentsOnly?: boolean;
      /** The channel's own rate limit (null or absent: the server's CHANNEL_OPERATIONS_PER_MINUTE). */
      operationsPerMinute?: number | null;
    }
  | {
      kind: 'user';
      userId: string;
      username: string;
      grants: readonly RoleGrantScope[];
      /** The session (refresh-token family) of the access token; set by the authenticator for HTTP callers. */
      sessionId?: string;
      /**
       * TOTP_REQUIRED_FOR_ADMINS is on and this ADMIN has no active TOTP: only the enrolment
       * mutations, `viewer`, `refreshToken` and `logout` are allowed (src/permissions/shield.ts).
       */
      totpEnrolmentRequired?: true;
    }
  | {
      /**
       * A front end holding a draft preview token (`Authorization: Preview <token>`): anonymous in
       * every respect (shield rules, row filters, no mutations) except that the release row
       * `releaseId` is readable whatever its status. Its answers are never shared or cached.
       */
      kind: 'preview';
      previewId: string;
      releaseId: string;
    };

export const anonymousViewer: Viewer = Object.freeze({ kind: 'anonymous' });

/** The signed-in staff user's id; null for every other kind of caller. */
export function staffUserId(viewer: Viewer): string | null {
  return viewer.kind === 'user' ? viewer.userId : null;
}
