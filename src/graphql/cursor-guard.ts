// Prisma places a page by its cursor row as it is stored, without the row filter: given the id
// of a hidden row as `after`, a list would still be positioned by it — an oracle for whether
// the row exists and where it sorts. Every filtered connection checks its cursor first.
import { parsePrismaCursor } from '@pothos/plugin-prisma';

/** A where that matches nothing (an empty page, as for a cursor of no row at all). */
export const NO_ROWS = { id: { in: [] as string[] } };

/** The part of a Prisma model delegate the guard needs. */
interface FindFirst {
  findFirst(args: { where: { AND: object[] }; select: { id: true } }): Promise<unknown>;
}

/**
 * The where of a page: `where` itself when the page has no cursor or its cursor row is visible
 * under `where`, else NO_ROWS. `model` is the Prisma delegate of the listed rows.
 */
export async function pageWhere<W extends object>(query: { cursor?: unknown }, where: W, model: FindFirst): Promise<W | typeof NO_ROWS> {
  if (!query.cursor) return where;
  return (await model.findFirst({ where: { AND: [query.cursor as object, where] }, select: { id: true } })) === null ? NO_ROWS : where;
}

/** The id inside an `after`/`before` cursor of an id-keyed connection, or null without one. */
export function cursorId(args: { after?: string | null; before?: string | null }): string | null {
  const cursor = args.after ?? args.before;
  if (!cursor) return null;
  const id = parsePrismaCursor(cursor);
  return typeof id === 'string' ? id : null;
}
