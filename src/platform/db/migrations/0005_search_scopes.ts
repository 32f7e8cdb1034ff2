import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../fulltext.js';

/**
 * Search by scope: restricted text of `registered` records gets its own place in the full-text
 * index, apart from that of `parties` records, so a member of a verified organisation searches
 * everything the tier admits in one pass instead of filtering a restricted index by tier (which
 * cost up to 100 ms at a million records). The SQLite FTS5 table and its rowid map are derived:
 * they are recreated and refilled from search_document here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) {
    await sql`drop table search_fts`.execute(db);
    await sql`create virtual table search_fts using fts5(
      title, open, registered, closed, facets,
      content = '', contentless_delete = 1, tokenize = 'ascii', detail = 'column'
    )`.execute(db);
    // Newer records get smaller rowids (a forward FTS5 scan meets them first; the backward scan
    // this replaces cost up to 100 ms on sparse matches of common words).
    await sql`delete from search_fts_doc`.execute(db);
    await sql`insert into search_fts_doc (id, entity_type, entity_id, title_tokens, open_length, closed_length)
      select -row_number() over (order by updated_at, entity_type, entity_id),
        entity_type, entity_id, title_tokens, length(open_tokens), length(closed_tokens)
      from search_document`.execute(db);
    await sql`insert into search_fts (rowid, title, open, registered, closed, facets)
      select m.id,
        case when d.is_active = 1 then d.title_tokens else '' end,
        case when d.is_active = 1 then d.open_tokens else '' end,
        case when d.is_active = 1 and d.visibility = 'registered' then d.closed_tokens else '' end,
        case when d.is_active = 1 and d.visibility <> 'registered' then d.closed_tokens else '' end,
        d.facet_tokens
      from search_fts_doc m
      join search_document d on d.entity_type = m.entity_type and d.entity_id = m.entity_id`.execute(db);
  } else {
    await sql`create index search_document_registered_vec on search_document using gin (
      (to_tsvector('simple', title_tokens || ' ' || open_tokens || ' ' ||
        case when visibility = 'registered' then closed_tokens else '' end)))`.execute(db);
  }
}
