// The body of withdrawn content is no longer served — except to staff of its owning units, who
// still work with it. One rule for every kind: what a body field must select, and whether to serve it.
import type { Context } from '../../context.js';
import { rolesOn } from '../../permissions/scope.js';

type Owner = 'publisher' | 'interpretingOrg';

export function withdrawnBodyRule<O extends Owner>(owner: O) {
  return {
    /** What a body field needs: its own column, and what decides whether it is served. */
    select: <C extends 'summary' | 'bodyHtml' | 'bodyText' | 'attachments'>(column: C) =>
      ({ status: true, [column]: true, [owner]: { select: { path: true } } }) as { status: true } & Record<O, { select: { path: true } }> & Record<C, true>,
    served: (row: { status: string } & Record<O, { path: string }>, ctx: Context): boolean =>
      row.status !== 'WITHDRAWN' || rolesOn(ctx.viewer, row[owner].path).length > 0,
  };
}
