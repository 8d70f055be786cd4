// Row filters and item checks for channel clients and their API keys.
import type { Viewer } from '../../auth/viewer.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Role } from '../../generated/prisma/enums.js';
import { covers, coversEverything, READ_ALL_ROLES, scopePaths } from '../../permissions/scope.js';

/** Channels the viewer may see: county-wide admins/auditors all; subtree admins/auditors those owned in it. */
export function channelReadWhere(viewer: Viewer): Prisma.ChannelClientWhereInput {
  if (coversEverything(viewer, READ_ALL_ROLES)) return {};
  const paths = scopePaths(viewer, READ_ALL_ROLES);
  if (paths.length === 0) return { id: { in: [] } };
  return { OR: paths.map((p) => ({ orgUnit: { path: { startsWith: p } } })) };
}

/** Whether the viewer may manage a channel owned by the unit at `orgPath` (null: county-wide only). */
export function canManageChannel(viewer: Viewer, orgPath: string | null, roles: readonly Role[] = ['ADMIN']): boolean {
  return orgPath === null ? coversEverything(viewer, roles) : covers(viewer, roles, orgPath);
}
