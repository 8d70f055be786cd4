// Substring search for Prisma `where` clauses. Prisma passes `contains` to SQL LIKE without
// escaping it, so a search for "%" or "_" would match everything: escape them first. A search
// term is short: a long one costs a scan of every candidate row per character.
import { badUserInput } from '../graphql/errors.js';

export const MAX_SEARCH_CHARS = 100;

/** Escapes LIKE's wildcards (PostgreSQL's default escape character is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** Case-insensitive "contains" of a literal string. */
export function containsText(text: string): { contains: string; mode: 'insensitive' } {
  if (text.length > MAX_SEARCH_CHARS) throw badUserInput(`检索词过长 — search: at most ${MAX_SEARCH_CHARS} characters`);
  return { contains: escapeLike(text), mode: 'insensitive' };
}
