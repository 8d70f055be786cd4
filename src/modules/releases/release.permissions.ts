// Row filters for releases: the viewer becomes a Prisma `where` that is ANDed into every list,
// count, node and relation lookup of releases. The single source of truth for "who sees what".
import type { Viewer } from '../../auth/viewer.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { rolesOn } from '../../permissions/scope.js';
import { scopedReadWhere, scopedWorkspaceWhere } from '../workflow/editorial.permissions.js';
import { PUBLIC_STATUSES } from '../workflow/state-machine.js';

/**
 * Public at `now`: published, or once published and since withdrawn (a notice remains) or
 * repealed (marked 废止). A publication time still in the future is not public yet.
 */
export function publicWhere(now: Date): Prisma.ReleaseWhereInput {
  return { status: { in: PUBLIC_STATUSES }, publishedAt: { lte: now } };
}

/** Whether the viewer holds any role on the owning unit's subtree (sees drafts, notes, bodies of withdrawn ones). */
export function ownsRelease(viewer: Viewer, publisherPath: string): boolean {
  return rolesOn(viewer, publisherPath).length > 0;
}

/**
 * Which releases `viewer` may read at all: public ones (published, withdrawn notices,
 * repealed), for a channel those targeted at it, for staff also everything of their units, for
 * a draft preview token also its release.
 */
export function releaseReadWhere(viewer: Viewer, now: Date): Prisma.ReleaseWhereInput {
  // A draft preview token: the public rows and its one release, in whatever status it is now.
  if (viewer.kind === 'preview') return { OR: [publicWhere(now), { id: viewer.releaseId }] };
  return scopedReadWhere<Prisma.ReleaseWhereInput>(viewer, publicWhere(now), 'publisher');
}

/** Releases in the org subtrees of the viewer's grants, any status: the staff workspace. */
export function releaseWorkspaceWhere(viewer: Viewer): Prisma.ReleaseWhereInput {
  return scopedWorkspaceWhere<Prisma.ReleaseWhereInput>(viewer, 'publisher');
}
