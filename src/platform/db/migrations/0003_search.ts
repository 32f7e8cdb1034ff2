import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../fulltext.js';

/**
 * The search index. `search_document` holds one row per searchable record, with the original text
 * (for snippets) and the analysed tokens (space-joined, letters and digits only), the same on both
 * engines and carried by backups. The full-text index over those tokens is engine-specific and
 * derived: on SQLite an FTS5 table kept in sync by the search repository (rebuilt after a
 * restore), on PostgreSQL GIN expression indexes over `to_tsvector('simple', tokens)`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_document')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('owner_organization_id', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('public_text', 'text', (c) => c.notNull())
    .addColumn('restricted_text', 'text', (c) => c.notNull())
    // A JSON array of strings.
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('district', 'text')
    .addColumn('trl', 'integer')
    // Space-delimited slugs, for display; filters use the facet tokens.
    .addColumn('clusters', 'text', (c) => c.notNull())
    .addColumn('chain_positions', 'text', (c) => c.notNull())
    .addColumn('cooperation_modes', 'text', (c) => c.notNull())
    // Analysed tokens: title and keywords; text everyone may search; text only admitted callers
    // may search; filter tokens (kind, district, clusters, …, visibility, activity).
    .addColumn('title_tokens', 'text', (c) => c.notNull())
    .addColumn('open_tokens', 'text', (c) => c.notNull())
    .addColumn('closed_tokens', 'text', (c) => c.notNull())
    .addColumn('facet_tokens', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_document_pk', ['entity_type', 'entity_id'])
    .execute();
  await db.schema
    .createIndex('search_document_owner_idx')
    .on('search_document')
    .column('owner_organization_id')
    .execute();

  await db.schema
    .createTable('search_access_grant')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_access_grant_pk', ['entity_type', 'entity_id', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('search_access_grant_organization_idx')
    .on('search_access_grant')
    .columns(['organization_id', 'entity_type', 'entity_id'])
    .execute();

  if (isSqlite(db)) {
    // rowid ↔ record: FTS5 rows are addressed by integer rowid. With what ranking needs in a
    // compact row (title tokens, text lengths), so ranking never reads the large documents.
    // Derived, not backed up.
    await sql`create table search_fts_doc (
      id integer primary key,
      entity_type text not null,
      entity_id text not null,
      title_tokens text not null,
      open_length integer not null,
      closed_length integer not null,
      unique (entity_type, entity_id)
    )`.execute(db);
    // Contentless (the tokens live in search_document); `ascii` splits on spaces only, since the
    // tokens are already analysed letters and digits. detail=column: matching needs no positions
    // (ranking is computed from search_fts_doc), only which column a token is in.
    await sql`create virtual table search_fts using fts5(
      title, open, closed, facets,
      content = '', contentless_delete = 1, tokenize = 'ascii', detail = 'column'
    )`.execute(db);
  } else {
    await sql`create index search_document_open_vec on search_document using gin (
      (to_tsvector('simple', title_tokens || ' ' || open_tokens)))`.execute(db);
    await sql`create index search_document_all_vec on search_document using gin (
      (to_tsvector('simple', title_tokens || ' ' || open_tokens || ' ' || closed_tokens)))`.execute(db);
    await sql`create index search_document_facet_vec on search_document using gin (
      (to_tsvector('simple', facet_tokens)))`.execute(db);
  }
}
