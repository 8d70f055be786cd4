// Who may see a unit's 年报: staff holding any role on the unit or above it (an editor of a
// township sees the township's report, the county's admin every unit's). Anyone else — the
// public, channels, staff of other units — is answered as if the unit did not exist.
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import { rolesOn } from '../../permissions/scope.js';

export interface ReportUnit {
  id: string;
  code: string;
  name: string;
  path: string;
}

/** The unit (by id or 机构代码) when `viewer` may see its report; null otherwise, or when unknown. */
export async function reportableUnit(db: Db, viewer: Viewer, where: { id: string } | { code: string }): Promise<ReportUnit | null> {
  if (viewer.kind !== 'user') return null;
  const unit = await db.orgUnit.findUnique({ where, select: { id: true, code: true, name: true, path: true } });
  return unit && rolesOn(viewer, unit.path).length > 0 ? unit : null;
}
