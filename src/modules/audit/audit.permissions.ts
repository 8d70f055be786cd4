// Who may read audit events: admins and auditors — county-wide ones everything, subtree ones the
// events of the units in their subtrees.
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { coversEverything, READ_ALL_ROLES, scopePaths } from '../../permissions/scope.js';

/** One scope per request: a page (list + count) or `nodes(ids:)` would otherwise ask again and again. */
const perRequest = new WeakMap<object, Promise<Prisma.AuditEventWhereInput>>();

export function auditReadWhere(ctx: { db: Db; viewer: Viewer }): Promise<Prisma.AuditEventWhereInput> {
  let where = perRequest.get(ctx);
  if (!where) {
    where = computeAuditReadWhere(ctx.db, ctx.viewer);
    perRequest.set(ctx, where);
  }
  return where;
}

async function computeAuditReadWhere(db: Db, viewer: Viewer): Promise<Prisma.AuditEventWhereInput> {
  if (coversEverything(viewer, READ_ALL_ROLES)) return {};
  const paths = scopePaths(viewer, READ_ALL_ROLES);
  if (paths.length === 0) return { id: { in: [] } };
  // Audit rows keep a plain org id (no foreign key: they must outlive anything they mention).
  const units = await db.orgUnit.findMany({ where: { OR: paths.map((p) => ({ path: { startsWith: p } })) }, select: { id: true } });
  return { orgUnitId: { in: units.map((u) => u.id) } };
}
