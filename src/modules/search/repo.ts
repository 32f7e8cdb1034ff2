import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Queryable } from '../../platform/db/database.js';
import { isSqlite, rebuildFullTextIndex } from '../../platform/db/fulltext.js';
import type { SearchAccessGrantRow, SearchDocumentRow } from '../../platform/db/schema.js';
import { AVERAGE_TEXT_LENGTH, BM25_B, BM25_K1, TITLE_BOOST, type Ranked, type SearchScope } from './rules.js';

/** A record's key in the index. */
export interface DocumentKey {
  entityType: string;
  entityId: string;
}

function sqlite(db: Queryable): boolean {
  return isSqlite(db as unknown as Kysely<unknown>);
}

/** The compact ranking row of a document (SQLite's search_fts_doc). */
function rankingFacts(row: SearchDocumentRow, id: number): RawBuilder<unknown> {
  return sql`(${id}, ${row.entity_type}, ${row.entity_id}, ${row.title_tokens}, ${row.open_tokens.length}, ${row.closed_tokens.length})`;
}

/** Inserts or replaces a document and, on SQLite, its FTS5 row (same transaction). */
export async function upsertDocument(db: Queryable, row: SearchDocumentRow): Promise<void> {
  await upsertDocuments(db, [row]);
}

/** Rows a bulk statement carries: well below both engines' bound-parameter limits. */
const BULK_ROWS = 400;

function keyList(keys: readonly DocumentKey[]): RawBuilder<unknown> {
  return sql.join(keys.map((k) => sql`(${k.entityType}, ${k.entityId})`));
}

/** Inserts or replaces many documents at once, FTS5 rows included. Keys must be unique. */
export async function upsertDocuments(db: Queryable, rows: readonly SearchDocumentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BULK_ROWS) {
    const chunk = rows.slice(i, i + BULK_ROWS);
    await db
      .insertInto('search_document')
      .values([...chunk])
      .onConflict((oc) =>
        oc.columns(['entity_type', 'entity_id']).doUpdateSet((eb) => ({
          owner_organization_id: eb.ref('excluded.owner_organization_id'),
          visibility: eb.ref('excluded.visibility'),
          is_active: eb.ref('excluded.is_active'),
          title: eb.ref('excluded.title'),
          public_text: eb.ref('excluded.public_text'),
          restricted_text: eb.ref('excluded.restricted_text'),
          keywords: eb.ref('excluded.keywords'),
          kind: eb.ref('excluded.kind'),
          district: eb.ref('excluded.district'),
          trl: eb.ref('excluded.trl'),
          clusters: eb.ref('excluded.clusters'),
          chain_positions: eb.ref('excluded.chain_positions'),
          cooperation_modes: eb.ref('excluded.cooperation_modes'),
          title_tokens: eb.ref('excluded.title_tokens'),
          open_tokens: eb.ref('excluded.open_tokens'),
          closed_tokens: eb.ref('excluded.closed_tokens'),
          facet_tokens: eb.ref('excluded.facet_tokens'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    if (sqlite(db)) await writeFtsRows(db, chunk);
  }
}

/** Replaces the FTS5 rows (and ranking facts) of these documents. */
async function writeFtsRows(db: Queryable, rows: readonly SearchDocumentRow[]): Promise<void> {
  const keys = rows.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id }));
  const existing = await sql<{ id: number; entity_type: string; entity_id: string }>`
    select id, entity_type, entity_id from search_fts_doc
    where (entity_type, entity_id) in (values ${keyList(keys)})`.execute(db);
  if (existing.rows.length > 0) {
    await sql`delete from search_fts where rowid in (${sql.join(existing.rows.map((r) => r.id))})`.execute(
      db,
    );
  }
  // Newer records get smaller rowids, so a forward scan of the index (the cheap direction in
  // FTS5) meets the newest matches first.
  const idOf = new Map(existing.rows.map((r) => [`${r.entity_type}:${r.entity_id}`, r.id]));
  const lowest = await sql<{ id: number | null }>`select min(id) as id from search_fts_doc`.execute(db);
  let next = Math.min(0, Number(lowest.rows[0]?.id ?? 0));
  for (const row of rows) {
    const key = `${row.entity_type}:${row.entity_id}`;
    if (!idOf.has(key)) idOf.set(key, (next -= 1));
  }
  await sql`
    insert into search_fts_doc (id, entity_type, entity_id, title_tokens, open_length, closed_length)
    values ${sql.join(rows.map((r) => rankingFacts(r, idOf.get(`${r.entity_type}:${r.entity_id}`) ?? 0)))}
    on conflict (entity_type, entity_id) do update set
      title_tokens = excluded.title_tokens,
      open_length = excluded.open_length,
      closed_length = excluded.closed_length`.execute(db);
  // An inactive record keeps its row but no words: no search can find it, and none pays for
  // filtering it out.
  // Restricted text goes to `registered` or `closed` by tier, so each scope is one column set.
  await sql`insert into search_fts (rowid, title, open, registered, closed, facets) values ${sql.join(
    rows.map((r) => {
      const id = idOf.get(`${r.entity_type}:${r.entity_id}`) ?? null;
      if (r.is_active !== 1) return sql`(${id}, '', '', '', '', ${r.facet_tokens})`;
      const registered = r.visibility === 'registered' ? r.closed_tokens : '';
      const closed = r.visibility === 'registered' ? '' : r.closed_tokens;
      return sql`(${id}, ${r.title_tokens}, ${r.open_tokens}, ${registered}, ${closed}, ${r.facet_tokens})`;
    }),
  )}`.execute(db);
}

/** Replaces a document's filter tokens (its grants changed). */
export async function updateFacetTokens(db: Queryable, key: DocumentKey, facetTokens: string): Promise<void> {
  await db
    .updateTable('search_document')
    .set({ facet_tokens: facetTokens })
    .where('entity_type', '=', key.entityType)
    .where('entity_id', '=', key.entityId)
    .execute();
  if (!sqlite(db)) return;
  const row = await findDocument(db, key);
  if (row) await writeFtsRows(db, [row]);
}

/** The organisations holding a grant on each of these records, by `type:id`. */
export async function findGrantees(
  db: Queryable,
  keys: readonly DocumentKey[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (let i = 0; i < keys.length; i += BULK_ROWS) {
    const chunk = keys.slice(i, i + BULK_ROWS);
    const rows = await db
      .selectFrom('search_access_grant')
      .select(['entity_type', 'entity_id', 'organization_id'])
      .where(keyCondition(chunk))
      .orderBy('organization_id')
      .execute();
    for (const row of rows) {
      const key = `${row.entity_type}:${row.entity_id}`;
      result.set(key, [...(result.get(key) ?? []), row.organization_id]);
    }
  }
  return result;
}

/** Merges the FTS5 index's segments (after a bulk load; queries get faster). No-op on PostgreSQL. */
export async function optimizeIndex(db: Queryable): Promise<void> {
  if (sqlite(db)) await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
}

/** Removes a document, its grants and its FTS5 row. */
export async function deleteDocument(db: Queryable, key: DocumentKey): Promise<void> {
  await db
    .deleteFrom('search_access_grant')
    .where('entity_type', '=', key.entityType)
    .where('entity_id', '=', key.entityId)
    .execute();
  await db
    .deleteFrom('search_document')
    .where('entity_type', '=', key.entityType)
    .where('entity_id', '=', key.entityId)
    .execute();
  if (!sqlite(db)) return;
  const existing = await sql<{ id: number }>`
    select id from search_fts_doc where entity_type = ${key.entityType} and entity_id = ${key.entityId}`.execute(
    db,
  );
  const id = existing.rows[0]?.id;
  if (id === undefined) return;
  await sql`delete from search_fts where rowid = ${id}`.execute(db);
  await sql`delete from search_fts_doc where id = ${id}`.execute(db);
}

export async function insertGrant(db: Queryable, row: SearchAccessGrantRow): Promise<void> {
  await db
    .insertInto('search_access_grant')
    .values(row)
    .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'organization_id']).doNothing())
    .execute();
}

export async function deleteGrant(
  db: Queryable,
  grant: { entityType: string; entityId: string; organizationId: string },
): Promise<void> {
  await db
    .deleteFrom('search_access_grant')
    .where('entity_type', '=', grant.entityType)
    .where('entity_id', '=', grant.entityId)
    .where('organization_id', '=', grant.organizationId)
    .execute();
}

/** Of these organisations, the ones whose own search document is active (verified organisations). */
export async function findActiveOrganizations(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('search_document')
    .select('entity_id')
    .where('entity_type', '=', 'organization')
    .where('entity_id', 'in', ids)
    .where('is_active', '=', 1)
    .execute();
  return rows.map((r) => r.entity_id);
}

/** How a search asks the index, engine-neutrally. */
export interface MatchQuery {
  /** SQLite: a complete FTS5 MATCH expression. */
  fts5: string;
  /** PostgreSQL: tsquery text of the words and of the filters (null: none; activity is a column there). */
  tsText: string;
  tsFilter: string | null;
  /** Which text is searched (see SearchScope). */
  scope: SearchScope;
}

function postgresVector(scope: SearchScope): RawBuilder<unknown> {
  // The same expressions as the GIN indexes of migrations 0003 and 0005, so the planner uses them.
  switch (scope) {
    case 'public':
      return sql`to_tsvector('simple', title_tokens || ' ' || open_tokens)`;
    case 'registered':
      return sql`to_tsvector('simple', title_tokens || ' ' || open_tokens || ' ' ||
        case when visibility = 'registered' then closed_tokens else '' end)`;
    case 'all':
      return sql`to_tsvector('simple', title_tokens || ' ' || open_tokens || ' ' || closed_tokens)`;
  }
}

/** A ranking request: the match, and the terms' tokens and weights for the score. */
export interface RankQuery extends MatchQuery {
  /** Per term, the tokens any of which it matches. */
  terms: readonly (readonly string[])[];
  weights: readonly number[];
  /** Most matches ranked (the newest, on SQLite). */
  cap: number;
  /** How many of the best to return. */
  limit: number;
}

/** The score of rules.ts as SQL over a candidate row `c` with `title`, `open_length`, `closed_length`. */
function scoreExpression(query: RankQuery, engine: 'sqlite' | 'postgres'): RawBuilder<number> {
  // Our own constants and computed weights, as literals (never user input); the tokens are bound.
  const number = (value: number) => sql.lit(Number(value.toFixed(6)));
  const length = query.scope === 'public' ? sql`c.open_length` : sql`(c.open_length + c.closed_length)`;
  const norm = sql`(${number(BM25_K1 + 1)} / (1.0 + ${number(BM25_K1)} * (${number(1 - BM25_B)} + ${number(BM25_B)} * ${length} / ${number(AVERAGE_TEXT_LENGTH)})))`;
  const contains = (token: string): RawBuilder<unknown> =>
    engine === 'sqlite'
      ? sql`instr(c.title, ${` ${token} `}) > 0`
      : sql`strpos(c.title, ${` ${token} `}) > 0`;
  const parts = query.terms.map((alternatives, i) => {
    const inTitle = sql.join(alternatives.map(contains), sql` or `);
    return sql`${number(query.weights[i] ?? 1)} * ((case when ${inTitle} then ${number(TITLE_BOOST)} else 0.0 end) + ${norm})`;
  });
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

/**
 * Runs PostgreSQL statements with sequential scans discouraged. With a LIMIT and a common word
 * the planner prefers scanning the table and computing to_tsvector row by row (it prices that
 * function far too low: 70 µs a row measured), instead of the GIN index: 228 ms against 8 ms.
 */
async function withIndexScans<T>(db: Queryable, run: (tx: Queryable) => Promise<T>): Promise<T> {
  const inTransaction = async (tx: Queryable): Promise<T> => {
    await sql`set local enable_seqscan = off`.execute(tx);
    return run(tx);
  };
  return db.isTransaction ? inTransaction(db) : db.transaction().execute(inTransaction);
}

/**
 * The best `limit` of at most `cap` matching records, with how many matched (up to `cap`). The
 * score is computed in the database so only the best rows travel.
 */
export async function rankMatches(
  db: Queryable,
  query: RankQuery,
): Promise<{ ranked: Ranked[]; matched: number }> {
  type Row = { entity_type: string; entity_id: string; score: number; matched?: number };
  const rows = sqlite(db)
    ? (
        await sql<Row>`
          select c.entity_type, c.entity_id, ${scoreExpression(query, 'sqlite')} as score
          from (
            select m.id, m.entity_type, m.entity_id, ' ' || m.title_tokens || ' ' as title,
              m.open_length, m.closed_length
            from (select rowid from search_fts where search_fts match ${query.fts5}
                  order by rowid limit ${query.cap}) f
            join search_fts_doc m on m.id = f.rowid
          ) c
          order by score desc, c.id
          limit ${query.limit}`.execute(db)
      ).rows
    : await withIndexScans(db, async (tx) => {
        const result = await sql<Row>`
          select c.entity_type, c.entity_id, ${scoreExpression(query, 'postgres')} as score,
            count(*) over () as matched
          from (
            select entity_type, entity_id, ' ' || title_tokens || ' ' as title,
              length(open_tokens) as open_length, length(closed_tokens) as closed_length
            from search_document
            where ${postgresCondition(query)}
            limit ${query.cap}
          ) c
          order by score desc, c.entity_type, c.entity_id
          limit ${query.limit}`.execute(tx);
        return result.rows;
      });
  // SQLite counts apart (a window over the ranked rows costs more than a second FTS5 scan);
  // PostgreSQL counts in the window (a second query would build the same bitmaps again).
  const matched =
    rows.length < query.limit
      ? rows.length
      : rows[0]?.matched !== undefined
        ? Number(rows[0].matched)
        : await countMatches(db, query, query.cap);
  return {
    ranked: rows.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id, score: Number(r.score) })),
    matched,
  };
}

/** How many records match, up to `cap` (SQLite). */
async function countMatches(db: Queryable, query: MatchQuery, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from (select rowid from search_fts where search_fts match ${query.fts5} limit ${cap})`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/** The PostgreSQL condition of a match: words, filters, activity. */
function postgresCondition(query: MatchQuery): RawBuilder<SqlBool> {
  const filter = query.tsFilter
    ? sql`and to_tsvector('simple', facet_tokens) @@ to_tsquery('simple', ${query.tsFilter})`
    : sql``;
  return sql<SqlBool>`${postgresVector(query.scope)} @@ to_tsquery('simple', ${query.tsText})
    and is_active = 1 ${filter}`;
}

/**
 * About how many records contain each term (any of its tokens) in their title or public text, and
 * about how many records there are: cheap estimates for term weights. SQLite counts in the FTS5
 * index up to `cap`; PostgreSQL reads the statistics ANALYZE keeps of the text index (its most
 * common lexemes and their frequencies), and answers null while it has none.
 */
export async function estimateFrequencies(
  db: Queryable,
  terms: readonly { fts5: string; tokens: readonly string[] }[],
  cap: number,
): Promise<{ documents: number; frequencies: number[] } | null> {
  if (sqlite(db)) {
    const documents = await sql<{
      n: number | null;
    }>`select (select max(id) from search_fts_doc) - (select min(id) from search_fts_doc) + 1 as n`.execute(
      db,
    );
    const frequencies: number[] = [];
    for (const term of terms) {
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from (select rowid from search_fts where search_fts match ${term.fts5} limit ${cap})`.execute(
        db,
      );
      frequencies.push(Number(rows[0]?.n ?? 0));
    }
    return { documents: Number(documents.rows[0]?.n ?? 0), frequencies };
  }
  const { rows } = await sql<{ tokens: string[] | null; freqs: number[] | null; documents: number | null }>`
    select s.most_common_elems::text::text[] as tokens, s.most_common_elem_freqs as freqs,
      (select reltuples from pg_class where oid = to_regclass('search_document')) as documents
    from pg_stats s
    where s.schemaname = current_schema() and s.tablename = 'search_document_open_vec'`.execute(db);
  const stats = rows[0];
  if (!stats?.tokens || !stats.freqs || !stats.documents || Number(stats.documents) <= 0) return null;
  const documents = Number(stats.documents);
  const frequency = new Map(stats.tokens.map((token, i) => [token, Number(stats.freqs?.[i] ?? 0)]));
  // After the elements come the least and the greatest frequency: an unlisted lexeme is rarer.
  const rarest = Number(stats.freqs[stats.tokens.length] ?? 0) / 2;
  return {
    documents,
    frequencies: terms.map((term) => {
      const share = term.tokens.reduce((sum, token) => sum + (frequency.get(token) ?? rarest), 0);
      return Math.round(documents * Math.min(1, share));
    }),
  };
}

function keyCondition(keys: readonly DocumentKey[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(
    keys.map((k) => sql`(entity_type = ${k.entityType} and entity_id = ${k.entityId})`),
    sql` or `,
  )})`;
}

export async function findDocuments(
  db: Queryable,
  keys: readonly DocumentKey[],
): Promise<SearchDocumentRow[]> {
  if (keys.length === 0) return [];
  return db.selectFrom('search_document').selectAll().where(keyCondition(keys)).execute();
}

export async function findDocument(db: Queryable, key: DocumentKey): Promise<SearchDocumentRow | undefined> {
  return db
    .selectFrom('search_document')
    .selectAll()
    .where('entity_type', '=', key.entityType)
    .where('entity_id', '=', key.entityId)
    .executeTakeFirst();
}

/** Of these records, the ones any of `organizationIds` holds a grant for, as `type:id`. */
export async function findGrantedKeys(
  db: Queryable,
  organizationIds: readonly string[],
  keys: readonly DocumentKey[],
): Promise<Set<string>> {
  if (organizationIds.length === 0 || keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('search_access_grant')
    .select(['entity_type', 'entity_id'])
    .where('organization_id', 'in', organizationIds)
    .where(keyCondition(keys))
    .execute();
  return new Set(rows.map((r) => `${r.entity_type}:${r.entity_id}`));
}

/** Names of organisations from their own search documents. */
export async function findOrganizationTitles(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('search_document')
    .select(['entity_id', 'title'])
    .where('entity_type', '=', 'organization')
    .where('entity_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.entity_id, r.title]));
}

/** A page of documents in key order (for re-analysis). */
export function listDocuments(
  db: Queryable,
  after: DocumentKey | null,
  limit: number,
): Promise<SearchDocumentRow[]> {
  let query = db.selectFrom('search_document').selectAll();
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('entity_type', '>', after.entityType),
        eb.and([eb('entity_type', '=', after.entityType), eb('entity_id', '>', after.entityId)]),
      ]),
    );
  }
  return query.orderBy('entity_type').orderBy('entity_id').limit(limit).execute();
}

export async function updateTokens(
  db: Queryable,
  key: DocumentKey,
  tokens: Pick<SearchDocumentRow, 'title_tokens' | 'open_tokens' | 'closed_tokens' | 'facet_tokens'>,
): Promise<void> {
  await db
    .updateTable('search_document')
    .set(tokens)
    .where('entity_type', '=', key.entityType)
    .where('entity_id', '=', key.entityId)
    .execute();
}

/** Rebuilds the engine's full-text index from the stored tokens. */
export function rebuildIndex(db: Queryable): Promise<number> {
  return rebuildFullTextIndex(db as unknown as Kysely<unknown>);
}

/** Columns matching reads: structure and analysed tokens, never the original text. */
const MATCHABLE_COLUMNS = [
  'entity_type',
  'entity_id',
  'owner_organization_id',
  'visibility',
  'title',
  'kind',
  'district',
  'clusters',
  'chain_positions',
  'cooperation_modes',
  'trl',
  'title_tokens',
  'open_tokens',
  'closed_tokens',
] as const;

export type MatchableDocumentRow = Pick<SearchDocumentRow, (typeof MATCHABLE_COLUMNS)[number]>;

/** Every active document of these types, for building a match index. */
export function listActiveDocuments(
  db: Queryable,
  entityTypes: readonly string[],
): Promise<MatchableDocumentRow[]> {
  if (entityTypes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('search_document')
    .select(MATCHABLE_COLUMNS)
    .where('entity_type', 'in', entityTypes)
    .where('is_active', '=', 1)
    .orderBy('entity_type')
    .orderBy('entity_id')
    .execute();
}

/** One document's matching columns, active or not. */
export function findMatchableDocument(
  db: Queryable,
  key: DocumentKey,
): Promise<(MatchableDocumentRow & { is_active: number }) | undefined> {
  return db
    .selectFrom('search_document')
    .select([...MATCHABLE_COLUMNS, 'is_active'])
    .where('entity_type', '=', key.entityType)
    .where('entity_id', '=', key.entityId)
    .executeTakeFirst();
}

/** Several documents' matching columns, active or not (at most a page of keys at a time). */
export async function findMatchableDocuments(
  db: Queryable,
  keys: readonly DocumentKey[],
): Promise<(MatchableDocumentRow & { is_active: number })[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('search_document')
    .select([...MATCHABLE_COLUMNS, 'is_active'])
    .where(keyCondition(keys))
    .execute();
}

/**
 * How many documents of these types exist and when the newest changed: every index write bumps
 * `updated_at`, so a cached match index built from the same fingerprint is still current.
 */
export async function documentsFingerprint(db: Queryable, entityTypes: readonly string[]): Promise<string> {
  const row = await db
    .selectFrom('search_document')
    .select((eb) => [eb.fn.countAll<string | number>().as('count'), eb.fn.max('updated_at').as('newest')])
    .where('entity_type', 'in', entityTypes)
    .executeTakeFirst();
  return `${String(row?.count ?? 0)}@${String(row?.newest ?? '')}`;
}
