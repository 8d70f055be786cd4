// Who may read audit events: admins and auditors — county-wide ones everything, subtree ones the
// events of the units in their subtrees.
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { coversEverything, READ_ALL_ROLES, scopePaths } from '../../permissions/scope.js';

export async function auditReadWhere(db: Db, viewer: Viewer): Promise<Prisma.AuditEventWhereInput> {
  if (coversEverything(viewer, READ_ALL_ROLES)) return {};
  const paths = scopePaths(viewer, READ_ALL_ROLES);
  if (paths.length === 0) return { id: { in: [] } };
  // Audit rows keep a plain org id (no foreign key: they must outlive anything they mention).
  const units = await db.orgUnit.findMany({ where: { OR: paths.map((p) => ({ path: { startsWith: p } })) }, select: { id: true } });
  return { orgUnitId: { in: units.map((u) => u.id) } };
}
