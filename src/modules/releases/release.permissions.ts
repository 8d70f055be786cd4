// Row filters for releases: the viewer becomes a Prisma `where` that is ANDed into every list,
// count, node and relation lookup of releases. The single source of truth for "who sees what".
import type { Viewer } from '../../auth/viewer.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { rolesOn } from '../../permissions/scope.js';
import { PUBLIC_STATUSES } from './release-workflow.js';

/**
 * Public at `now`: published, or once published and since withdrawn (a notice remains) or
 * repealed (marked 废止). A publication time still in the future is not public yet.
 */
export function publicWhere(now: Date): Prisma.ReleaseWhereInput {
  return { status: { in: PUBLIC_STATUSES }, publishedAt: { lte: now } };
}

/** Whether the viewer holds any role on the publisher's subtree (sees drafts, notes, bodies of withdrawn ones). */
export function ownsRelease(viewer: Viewer, publisherPath: string): boolean {
  return rolesOn(viewer, publisherPath).length > 0;
}

/** Releases owned by the org subtrees the viewer holds grants on (drafts included). */
function ownedWhere(viewer: Extract<Viewer, { kind: 'user' }>): Prisma.ReleaseWhereInput[] {
  return viewer.grants.map((g) => ({ publisher: { path: { startsWith: g.orgPath } } }));
}

/**
 * Which releases `viewer` may read at all.
 * - public: public ones (published, withdrawn notices, repealed);
 * - a channel: public ones targeted at its kind;
 * - staff: public ones plus everything in the org subtrees of their grants.
 * A user without grants sees only what the public sees (C9: an empty scope grants nothing).
 */
export function releaseReadWhere(viewer: Viewer, now: Date): Prisma.ReleaseWhereInput {
  switch (viewer.kind) {
    case 'anonymous':
      return publicWhere(now);
    case 'channel':
      return { ...publicWhere(now), targetChannels: { has: viewer.channelKind } };
    case 'user': {
      const owned = ownedWhere(viewer);
      return owned.length === 0 ? publicWhere(now) : { OR: [publicWhere(now), ...owned] };
    }
  }
}

/** Releases in the org subtrees of the viewer's grants, any status: the staff workspace. */
export function releaseWorkspaceWhere(viewer: Viewer): Prisma.ReleaseWhereInput {
  if (viewer.kind !== 'user') return { id: { in: [] } };
  const owned = ownedWhere(viewer);
  return owned.length === 0 ? { id: { in: [] } } : { OR: owned };
}
