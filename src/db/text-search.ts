// Substring search for Prisma `where` clauses. Prisma passes `contains` to SQL LIKE without
// escaping it, so a search for "%" or "_" would match everything: escape them first.

/** Escapes LIKE's wildcards (PostgreSQL's default escape character is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** Case-insensitive "contains" of a literal string. */
export function containsText(text: string): { contains: string; mode: 'insensitive' } {
  return { contains: escapeLike(text), mode: 'insensitive' };
}
