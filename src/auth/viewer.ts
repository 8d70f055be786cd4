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
  | { kind: 'channel'; channelId: string; channelKind: ChannelKind; apiKeyId: string }
  | { kind: 'user'; userId: string; username: string; grants: readonly RoleGrantScope[] };

export const anonymousViewer: Viewer = Object.freeze({ kind: 'anonymous' });
