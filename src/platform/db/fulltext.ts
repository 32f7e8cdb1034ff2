import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The engine-specific full-text index over `search_document` (see migration 0003). On SQLite it is
 * an FTS5 table plus a rowid map, both derived from `search_document` and never backed up; on
 * PostgreSQL it is expression indexes that maintain themselves.
 */

/** SQLite tables derived from others: not in TABLE_KEYS, not backed up, rebuilt after a restore. */
export const DERIVED_TABLES = ['search_fts_doc', 'search_fts'] as const;

/** Whether a table name belongs to a derived index (FTS5 adds shadow tables `search_fts_*`). */
export function isDerivedTable(name: string): boolean {
  return DERIVED_TABLES.some((table) => name === table || name.startsWith(`${table}_`));
}

/** Whether a Kysely instance (or transaction) talks to SQLite. */
export function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

async function hasSqliteTable(db: Kysely<unknown>, name: string): Promise<boolean> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from sqlite_master where name = ${name}`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Rebuilds the SQLite FTS5 index from the tokens stored in `search_document` (after a restore, or
 * after re-analysing every document). On PostgreSQL the indexes follow the rows by themselves.
 * Returns how many documents the index holds.
 */
export async function rebuildFullTextIndex(db: Kysely<unknown>): Promise<number> {
  if (!isSqlite(db) || !(await hasSqliteTable(db, 'search_fts'))) return 0;
  await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
  await sql`delete from search_fts_doc`.execute(db);
  // Newer records get smaller rowids: FTS5 scans forward cheaply, so the newest matches come first.
  await sql`insert into search_fts_doc (id, entity_type, entity_id, title_tokens, open_length, closed_length)
    select -row_number() over (order by updated_at, entity_type, entity_id),
      entity_type, entity_id, title_tokens, length(open_tokens), length(closed_tokens)
    from search_document`.execute(db);
  // Inactive records keep a row without words; restricted text goes by tier (migration 0005).
  const result = await sql`insert into search_fts (rowid, title, open, registered, closed, facets)
    select m.id,
      case when d.is_active = 1 then d.title_tokens else '' end,
      case when d.is_active = 1 then d.open_tokens else '' end,
      case when d.is_active = 1 and d.visibility = 'registered' then d.closed_tokens else '' end,
      case when d.is_active = 1 and d.visibility <> 'registered' then d.closed_tokens else '' end,
      d.facet_tokens
    from search_fts_doc m
    join search_document d on d.entity_type = m.entity_type and d.entity_id = m.entity_id`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
