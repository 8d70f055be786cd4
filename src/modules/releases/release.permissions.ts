// Row filters for releases: the viewer becomes a Prisma `where` that is ANDed into every list,
// count, node and relation lookup of releases. The single source of truth for "who sees what".
import type { Viewer } from '../../auth/viewer.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** Published and already public at `now` (a scheduled time in the future is not public yet). */
export function publishedWhere(now: Date): Prisma.ReleaseWhereInput {
  return { status: 'PUBLISHED', publishedAt: { lte: now } };
}

/** Releases owned by the org subtrees the viewer holds grants on (drafts included). */
function ownedWhere(viewer: Extract<Viewer, { kind: 'user' }>): Prisma.ReleaseWhereInput[] {
  return viewer.grants.map((g) => ({ publisher: { path: { startsWith: g.orgPath } } }));
}

/**
 * Which releases `viewer` may read at all.
 * - public: published ones;
 * - a channel: published ones targeted at its kind;
 * - staff: published ones plus everything in the org subtrees of their grants.
 * A user without grants sees only what the public sees (C9: an empty scope grants nothing).
 */
export function releaseReadWhere(viewer: Viewer, now: Date): Prisma.ReleaseWhereInput {
  switch (viewer.kind) {
    case 'anonymous':
      return publishedWhere(now);
    case 'channel':
      return { ...publishedWhere(now), targetChannels: { has: viewer.channelKind } };
    case 'user': {
      const owned = ownedWhere(viewer);
      return owned.length === 0 ? publishedWhere(now) : { OR: [publishedWhere(now), ...owned] };
    }
  }
}

/** Releases in the org subtrees of the viewer's grants, any status: the staff workspace. */
export function releaseWorkspaceWhere(viewer: Viewer): Prisma.ReleaseWhereInput {
  if (viewer.kind !== 'user') return { id: { in: [] } };
  const owned = ownedWhere(viewer);
  return owned.length === 0 ? { id: { in: [] } } : { OR: owned };
}
