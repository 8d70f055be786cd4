// Org-subtree scopes of a viewer's role grants, the building block of every row filter and item
// check. A grant on a unit covers the unit and everything beneath it (path prefix).
import type { Viewer } from '../auth/viewer.js';
import type { Role } from '../generated/prisma/enums.js';

/** The org paths on which the viewer holds one of `roles`. Empty for anyone but staff. */
export function scopePaths(viewer: Viewer, roles: readonly Role[]): string[] {
  if (viewer.kind !== 'user') return [];
  return viewer.grants.filter((g) => roles.includes(g.role)).map((g) => g.orgPath);
}

export function hasRole(viewer: Viewer, roles: readonly Role[]): boolean {
  return scopePaths(viewer, roles).length > 0;
}

/** True when one of the viewer's `roles` grants covers the unit at `orgPath`. */
export function covers(viewer: Viewer, roles: readonly Role[], orgPath: string): boolean {
  return scopePaths(viewer, roles).some((p) => orgPath.startsWith(p));
}

/** True when one of the viewer's `roles` grants lies strictly above the unit at `orgPath` (not on it). */
export function coversFromAbove(viewer: Viewer, roles: readonly Role[], orgPath: string): boolean {
  return scopePaths(viewer, roles).some((p) => p !== orgPath && orgPath.startsWith(p));
}

/** True when the viewer holds one of `roles` on a root unit (the whole county). */
export function coversEverything(viewer: Viewer, roles: readonly Role[]): boolean {
  return scopePaths(viewer, roles).some((p) => p.split('/').filter(Boolean).length === 1);
}

export const READ_ALL_ROLES = ['ADMIN', 'AUDITOR'] as const satisfies readonly Role[];

/** The roles the viewer holds on the unit at `orgPath` (through grants on it or its ancestors). */
export function rolesOn(viewer: Viewer, orgPath: string): Role[] {
  if (viewer.kind !== 'user') return [];
  return [...new Set(viewer.grants.filter((g) => orgPath.startsWith(g.orgPath)).map((g) => g.role))];
}
