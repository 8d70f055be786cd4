// Prisma selections planned by plugin-prisma from the document: in select mode they hold only
// the columns the fields ask for, so a resolver that needs more (sort keys, tree order) adds them.

/** `query` with `columns` selected too (unchanged in include mode, where every column is loaded). */
export function withColumns<Q extends object>(query: Q, columns: readonly string[]): Q {
  const { select } = query as { select?: Record<string, unknown> };
  if (!select) return query;
  return { ...query, select: { ...select, ...Object.fromEntries(columns.map((c) => [c, true])) } };
}
