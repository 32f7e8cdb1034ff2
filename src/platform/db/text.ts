import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** Escapes LIKE's wildcards so user input matches literally (used with `escape '\'`). */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * `column` contains `text`, ignoring case, with the input's wildcards taken literally. Works the
 * same on SQLite and PostgreSQL (both lower() and `escape` exist in both).
 */
export function containsIgnoringCase(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${escapeLikePattern(text.toLowerCase())}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
