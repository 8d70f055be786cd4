// Row filters and item checks for staff accounts.
import type { Viewer } from '../../auth/viewer.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { covers, coversEverything, READ_ALL_ROLES, scopePaths } from '../../permissions/scope.js';

const NOTHING: Prisma.UserWhereInput = { id: { in: [] } };

/**
 * Users the viewer may read: county-wide admins and auditors see all; admins and auditors of a
 * subtree see users holding a grant in it; every user sees themself; nobody else sees any.
 */
export function userReadWhere(viewer: Viewer): Prisma.UserWhereInput {
  if (viewer.kind !== 'user') return NOTHING;
  if (coversEverything(viewer, READ_ALL_ROLES)) return {};
  const scoped = scopePaths(viewer, READ_ALL_ROLES).map((p) => ({ grants: { some: { orgUnit: { path: { startsWith: p } } } } }));
  return { OR: [{ id: viewer.userId }, ...scoped] };
}

/**
 * Whether the viewer may change this account: an admin whose grants cover every unit the user
 * holds a role on (an account without roles: county-wide admins only).
 */
export function canManageUser(viewer: Viewer, targetGrantPaths: string[]): boolean {
  if (coversEverything(viewer, ['ADMIN'])) return true;
  return targetGrantPaths.length > 0 && targetGrantPaths.every((p) => covers(viewer, ['ADMIN'], p));
}
