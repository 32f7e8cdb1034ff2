/**
 * Search: the index other modules feed (indexDocument / removeDocument / grantDocumentAccess, in
 * their own transactions), and bilingual search across every searchable record that respects
 * visibility tiers: restricted text is searched and shown only to callers the tier admits.
 */
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Queryable, Tx } from '../../platform/db/database.js';
import type { SearchDocumentRow } from '../../platform/db/schema.js';
import { nowIso } from '../../platform/ids.js';
import {
  analyzeForIndex,
  analyzeQuery,
  markMatches,
  queryTokens,
  segmentsToHtml,
  snippet,
  type QueryTerm,
  type TextSegment,
} from './analyzer.js';
import {
  SEARCHABLE_TYPES,
  VISIBILITY_TIERS,
  type SearchDocument,
  type SearchableType,
  type VisibilityTier,
} from './documents.js';
import { isAdmitted, membershipsOf, mayBeAdmittedBeyondPublic, type SearchViewer } from './permissions.js';
import * as repo from './repo.js';
import {
  documentFacetTokens,
  filterTokenGroups,
  fts5Expression,
  idf,
  tsQueryText,
  SCOPE_COLUMNS,
  type Ranked,
  type SearchFilters,
  type SearchScope,
} from './rules.js';
import type { SearchHit, SearchQuery, SearchResults } from './schemas.js';

export type { SearchDocument, SearchableType, VisibilityTier };

/**
 * Most matching records a search ranks (the newest ones, on SQLite). A query matching more is
 * unspecific: ranking every match of a word that occurs in a third of a million records would
 * cost far more than it tells. The total is then reported as "at least".
 */
export const CANDIDATE_CAP = 200;
/** Document frequencies (for term weights) are counted up to here; rarer is what matters. */
const DOCUMENT_FREQUENCY_CAP = 2000;

/** The analysed token columns of a document. */
function tokensOf(
  doc: Pick<SearchDocument, 'title' | 'publicText' | 'restrictedText' | 'keywords' | 'visibility'>,
): Pick<SearchDocumentRow, 'title_tokens' | 'open_tokens' | 'closed_tokens'> {
  const join = (tokens: string[]): string => tokens.join(' ');
  const restricted = analyzeForIndex(doc.restrictedText);
  const open = analyzeForIndex(doc.publicText);
  // A public record's "restricted" text is for everyone: it is searchable by all.
  if (doc.visibility === 'public') open.push(...restricted);
  return {
    title_tokens: join([...analyzeForIndex(doc.title), ...analyzeForIndex(doc.keywords.join('\n'))]),
    open_tokens: join(open),
    closed_tokens: doc.visibility === 'public' ? '' : join(restricted),
  };
}

function toRow(doc: SearchDocument, grantees: readonly string[]): SearchDocumentRow {
  const facets = doc.facets;
  return {
    entity_type: doc.entityType,
    entity_id: doc.entityId,
    owner_organization_id: doc.ownerOrganizationId,
    visibility: doc.visibility,
    is_active: doc.isActive ? 1 : 0,
    title: doc.title,
    public_text: doc.publicText,
    restricted_text: doc.restrictedText,
    keywords: JSON.stringify(doc.keywords),
    kind: facets.kind ?? null,
    district: facets.district ?? null,
    trl: facets.trl ?? null,
    clusters: (facets.clusters ?? []).join(' '),
    chain_positions: (facets.chainPositions ?? []).join(' '),
    cooperation_modes: (facets.cooperationModes ?? []).join(' '),
    ...tokensOf(doc),
    facet_tokens: documentFacetTokens(doc, grantees).join(' '),
    updated_at: nowIso(),
  };
}

function fromRow(row: SearchDocumentRow): SearchDocument {
  const list = (value: string): string[] => value.split(' ').filter((v) => v.length > 0);
  return {
    entityType: row.entity_type as SearchableType,
    entityId: row.entity_id,
    ownerOrganizationId: row.owner_organization_id,
    visibility: row.visibility as VisibilityTier,
    isActive: row.is_active === 1,
    title: row.title,
    publicText: row.public_text,
    restrictedText: row.restricted_text,
    keywords: parseKeywords(row.keywords),
    facets: {
      kind: row.kind,
      district: row.district,
      trl: row.trl,
      clusters: list(row.clusters),
      chainPositions: list(row.chain_positions),
      cooperationModes: list(row.cooperation_modes),
    },
  };
}

function parseKeywords(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Adds or replaces a record in the index, inside the caller's transaction. Call it whenever the
 * record's text, facets, visibility or activity change.
 */
export async function indexDocument(tx: Tx, doc: SearchDocument): Promise<void> {
  if (!SEARCHABLE_TYPES.includes(doc.entityType)) throw new Error(`Not searchable: ${doc.entityType}`);
  if (!VISIBILITY_TIERS.includes(doc.visibility)) throw new Error(`Unknown tier: ${doc.visibility}`);
  const grantees = await repo.findGrantees(tx, [doc]);
  await repo.upsertDocument(tx, toRow(doc, grantees.get(`${doc.entityType}:${doc.entityId}`) ?? []));
}

/**
 * Adds or replaces many records in one go (imports, the benchmark): the same as indexDocument
 * for each, with far fewer statements. Keys must be unique within the call.
 */
export async function indexDocuments(tx: Tx, docs: readonly SearchDocument[]): Promise<void> {
  for (const doc of docs) {
    if (!SEARCHABLE_TYPES.includes(doc.entityType)) throw new Error(`Not searchable: ${doc.entityType}`);
    if (!VISIBILITY_TIERS.includes(doc.visibility)) throw new Error(`Unknown tier: ${doc.visibility}`);
  }
  const grantees = await repo.findGrantees(tx, docs);
  await repo.upsertDocuments(
    tx,
    docs.map((doc) => toRow(doc, grantees.get(`${doc.entityType}:${doc.entityId}`) ?? [])),
  );
}

/** Merges the full-text index after a bulk load (SQLite FTS5 `optimize`; nothing on PostgreSQL). */
export async function optimizeSearchIndex(ctx: AppContext): Promise<void> {
  await ctx.db.transaction().execute((tx) => repo.optimizeIndex(tx));
}

/** Removes a record (and the access grants on it) from the index. */
export async function removeDocument(tx: Tx, entityType: SearchableType, entityId: string): Promise<void> {
  await repo.deleteDocument(tx, { entityType, entityId });
}

/**
 * Records that an organisation may see a `parties` record's details (it accepted the owner's
 * NDA). Idempotent; the grant outlives re-indexing of the record.
 */
export async function grantDocumentAccess(
  tx: Tx,
  grant: { entityType: SearchableType; entityId: string; organizationId: string },
): Promise<void> {
  await repo.insertGrant(tx, {
    entity_type: grant.entityType,
    entity_id: grant.entityId,
    organization_id: grant.organizationId,
    granted_at: nowIso(),
  });
  await refreshFacetTokens(tx, grant);
}

/** Grants are filter tokens of the document (so the index alone decides who finds what). */
async function refreshFacetTokens(tx: Tx, key: repo.DocumentKey): Promise<void> {
  const row = await repo.findDocument(tx, key);
  if (!row) return;
  const grantees = await repo.findGrantees(tx, [key]);
  const tokens = documentFacetTokens(fromRow(row), grantees.get(`${key.entityType}:${key.entityId}`) ?? []);
  await repo.updateFacetTokens(tx, key, tokens.join(' '));
}

/** Withdraws a grant (an NDA ended). */
export async function revokeDocumentAccess(
  tx: Tx,
  grant: { entityType: SearchableType; entityId: string; organizationId: string },
): Promise<void> {
  await repo.deleteGrant(tx, grant);
  await refreshFacetTokens(tx, grant);
}

/** What the caller is, for visibility tiers: memberships, and whether one is verified. */
async function viewerOf(db: Queryable, actor: Actor): Promise<SearchViewer> {
  const organizationIds = membershipsOf(actor);
  const verified = await repo.findActiveOrganizations(db, organizationIds);
  return { organizationIds, isVerifiedMember: verified.length > 0 };
}

/** Filters from the query string. */
function filtersOf(query: SearchQuery): SearchFilters {
  return {
    types: query.types,
    kinds: query.kind,
    clusters: query.cluster,
    districts: query.district,
    chainPositions: query.chainPosition,
    modes: query.mode,
    trls: query.trl,
  };
}

function matchQuery(
  terms: readonly QueryTerm[],
  filters: SearchFilters,
  scope: SearchScope,
  ownedOrGrantedBy: readonly string[] | null,
): repo.MatchQuery {
  const groups = filterTokenGroups(filters, ownedOrGrantedBy);
  return {
    fts5: fts5Expression(terms, SCOPE_COLUMNS[scope], groups),
    tsText: tsQueryText(terms.map((t) => t.alternatives)),
    tsFilter: groups.length > 0 ? tsQueryText(groups) : null,
    scope,
  };
}

/** Term weights: inverse document frequencies, estimated cheaply (one term: no weights needed). */
async function termWeights(ctx: AppContext, terms: readonly QueryTerm[]): Promise<number[]> {
  if (terms.length < 2) return terms.map(() => 1);
  const estimate = await repo.estimateFrequencies(
    ctx.db,
    terms.map((term) => ({ fts5: fts5Expression([term], ['title', 'open'], []), tokens: term.alternatives })),
    DOCUMENT_FREQUENCY_CAP,
  );
  if (!estimate) return terms.map(() => 1);
  const documents = Math.max(estimate.documents, DOCUMENT_FREQUENCY_CAP);
  return estimate.frequencies.map((df) => idf(Math.min(df, DOCUMENT_FREQUENCY_CAP), documents));
}

/**
 * Searches every record the caller may find: each query term (or its glossary concept) must
 * occur in the title, keywords or public text — or, for records whose tier admits the caller,
 * in the restricted text. Inactive records are left out.
 */
export async function search(ctx: AppContext, actor: Actor, query: SearchQuery): Promise<SearchResults> {
  const terms = analyzeQuery(query.q);
  const empty: SearchResults = {
    items: [],
    total: 0,
    totalIsExact: true,
    limit: query.limit,
    offset: query.offset,
    terms: terms.map((t) => t.text),
  };
  if (terms.length === 0) return empty;
  const viewer = await viewerOf(ctx.db, actor);
  const filters = filtersOf(query);

  // Everyone searches titles, keywords and public text; members of verified organisations also
  // the restricted text of `registered` records. Members search all text of the records their
  // organisations own or hold a grant on, in a second pass. Merged by score, one hit per record.
  const open = matchQuery(terms, filters, viewer.isVerifiedMember ? 'registered' : 'public', null);
  const closed = mayBeAdmittedBeyondPublic(viewer)
    ? matchQuery(terms, filters, 'all', viewer.organizationIds)
    : null;
  const weights = await termWeights(ctx, terms);
  const rank = (match: repo.MatchQuery) =>
    repo.rankMatches(ctx.db, {
      ...match,
      terms: terms.map((t) => t.alternatives),
      weights,
      cap: CANDIDATE_CAP,
      limit: query.offset + query.limit,
    });
  const [openRanked, closedRanked] = await Promise.all([
    rank(open),
    closed ? rank(closed) : Promise.resolve({ ranked: [], matched: 0 }),
  ]);
  const best = new Map<string, Ranked>();
  for (const hit of [...openRanked.ranked, ...closedRanked.ranked]) {
    const key = `${hit.entityType}:${hit.entityId}`;
    const seen = best.get(key);
    if (!seen || hit.score > seen.score) best.set(key, hit);
  }
  const ranked = [...best.values()]
    .sort((a, b) => b.score - a.score)
    .slice(query.offset, query.offset + query.limit);
  const items = await presentHits(ctx, viewer, ranked, queryTokens(terms));
  return {
    ...empty,
    items,
    ...countOf(openRanked, closedRanked, best.size),
  };
}

/**
 * How many records matched. Records found by both passes count once: exact when every match came
 * back (then the merged set is the answer) or the second pass found none; otherwise the larger
 * count, a lower bound.
 */
function countOf(
  first: { ranked: readonly Ranked[]; matched: number },
  second: { ranked: readonly Ranked[]; matched: number },
  merged: number,
): { total: number; totalIsExact: boolean } {
  if (first.ranked.length === first.matched && second.ranked.length === second.matched)
    return { total: merged, totalIsExact: true };
  return {
    total: Math.max(first.matched, second.matched, merged),
    totalIsExact: second.matched === 0 && first.matched < CANDIDATE_CAP,
  };
}

async function presentHits(
  ctx: AppContext,
  viewer: SearchViewer,
  ranked: readonly Ranked[],
  tokens: ReadonlySet<string>,
): Promise<SearchHit[]> {
  if (ranked.length === 0) return [];
  const rows = await repo.findDocuments(ctx.db, ranked);
  const byKey = new Map(rows.map((row) => [`${row.entity_type}:${row.entity_id}`, row]));
  const granted = await repo.findGrantedKeys(ctx.db, viewer.organizationIds, ranked);
  const owners = await repo.findOrganizationTitles(ctx.db, [
    ...new Set(rows.flatMap((r) => (r.owner_organization_id ? [r.owner_organization_id] : []))),
  ]);
  const hits: SearchHit[] = [];
  for (const hit of ranked) {
    const key = `${hit.entityType}:${hit.entityId}`;
    const row = byKey.get(key);
    if (!row) continue;
    const doc = fromRow(row);
    const admitted = isAdmitted(viewer, doc, granted.has(key));
    const excerpt = excerptOf(doc, admitted, tokens);
    const ownerId = doc.ownerOrganizationId;
    hits.push({
      type: doc.entityType,
      id: doc.entityId,
      title: doc.title,
      titleSegments: markMatches(doc.title, tokens),
      owner: ownerId && ownerId !== doc.entityId ? { id: ownerId, name: owners.get(ownerId) ?? '' } : null,
      score: Math.round(hit.score * 1e6) / 1e6,
      snippet: excerpt,
      snippetHtml: segmentsToHtml(excerpt),
      detailsHidden: !admitted && doc.restrictedText.length > 0,
      visibility: doc.visibility,
      kind: doc.facets.kind ?? null,
      district: doc.facets.district ?? null,
      trl: doc.facets.trl ?? null,
      clusters: [...(doc.facets.clusters ?? [])],
      chainPositions: [...(doc.facets.chainPositions ?? [])],
      cooperationModes: [...(doc.facets.cooperationModes ?? [])],
      keywords: [...doc.keywords],
    });
  }
  return hits;
}

/** The excerpt to show: the first text the caller may see that matched, else the public text. */
function excerptOf(doc: SearchDocument, admitted: boolean, tokens: ReadonlySet<string>): TextSegment[] {
  const candidates = [doc.publicText, ...(admitted ? [doc.restrictedText] : []), doc.keywords.join(' · ')];
  for (const text of candidates) {
    if (text.length === 0) continue;
    const segments = snippet(text, tokens);
    if (segments.some((s) => s.match)) return segments;
  }
  const fallback = doc.publicText || doc.keywords.join(' · ');
  return fallback.length > 0 ? snippet(fallback, new Set()) : [];
}

/**
 * Re-analyses every stored document (after a change to the analyser, dictionary or glossary) and
 * rebuilds the engine's full-text index. Returns how many documents it re-analysed.
 */
export async function rebuildSearchIndex(
  ctx: AppContext,
  onProgress?: (done: number) => void,
): Promise<{ documents: number }> {
  let done = 0;
  let after: repo.DocumentKey | null = null;
  for (;;) {
    const page = await repo.listDocuments(ctx.db, after, 500);
    if (page.length === 0) break;
    await ctx.db.transaction().execute(async (tx) => {
      const grantees = await repo.findGrantees(
        tx,
        page.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id })),
      );
      for (const row of page) {
        const doc = fromRow(row);
        await repo.updateTokens(
          tx,
          { entityType: row.entity_type, entityId: row.entity_id },
          {
            ...tokensOf(doc),
            facet_tokens: documentFacetTokens(
              doc,
              grantees.get(`${row.entity_type}:${row.entity_id}`) ?? [],
            ).join(' '),
          },
        );
      }
    });
    done += page.length;
    onProgress?.(done);
    const last = page.at(-1);
    after = last ? { entityType: last.entity_type, entityId: last.entity_id } : null;
  }
  await ctx.db.transaction().execute((tx) => repo.rebuildIndex(tx));
  return { documents: done };
}

// ---------------------------------------------------------------------------------------------
// Documents for matching

/** What the matcher knows of a record: structure and analysed tokens a reader may see. */
export interface MatchableDocument {
  entityType: SearchableType;
  entityId: string;
  ownerOrganizationId: string | null;
  visibility: VisibilityTier;
  title: string;
  /** The owner's kind (an organisation's own kind). */
  kind: string | null;
  district: string | null;
  clusters: string[];
  chainPositions: string[];
  trl: number | null;
  /** Title and keyword tokens, which every tier shows. */
  titleTokens: string[];
  /** Tokens of the text every reader sees. */
  openTokens: string[];
  /** Tokens of the text the tier restricts (empty for public records). */
  closedTokens: string[];
}

/**
 * Which readers a match index is built for: `public` — anyone; `registered` — members of a
 * verified organisation, who see the details of `registered` records too. `parties` details are in
 * neither: they count only for the record's owner and the organisations it admitted.
 */
export type MatchAudience = 'public' | 'registered';

function tokenList(value: string): string[] {
  return value.length > 0 ? value.split(' ') : [];
}

function toMatchable(row: repo.MatchableDocumentRow): MatchableDocument {
  return {
    entityType: row.entity_type as SearchableType,
    entityId: row.entity_id,
    ownerOrganizationId: row.owner_organization_id,
    visibility: row.visibility as VisibilityTier,
    title: row.title,
    kind: row.kind,
    district: row.district,
    clusters: tokenList(row.clusters),
    chainPositions: tokenList(row.chain_positions),
    trl: row.trl,
    titleTokens: tokenList(row.title_tokens),
    openTokens: tokenList(row.open_tokens),
    closedTokens: tokenList(row.closed_tokens),
  };
}

/** Every active (findable) record of these types. */
export async function listMatchableDocuments(
  db: Queryable,
  types: readonly SearchableType[],
): Promise<MatchableDocument[]> {
  return (await repo.listActiveDocuments(db, types)).map(toMatchable);
}

/** One record as the matcher sees it, with whether it is active. */
export async function findMatchableDocument(
  db: Queryable,
  type: SearchableType,
  id: string,
): Promise<(MatchableDocument & { isActive: boolean }) | undefined> {
  const row = await repo.findMatchableDocument(db, { entityType: type, entityId: id });
  return row ? { ...toMatchable(row), isActive: row.is_active === 1 } : undefined;
}

/** Several records as the matcher sees them, by `type:id`. */
export async function findMatchableDocuments(
  db: Queryable,
  keys: readonly { entityType: SearchableType; entityId: string }[],
): Promise<Map<string, MatchableDocument & { isActive: boolean }>> {
  const rows = await repo.findMatchableDocuments(db, keys);
  return new Map(
    rows.map((row) => [
      `${row.entity_type}:${row.entity_id}`,
      { ...toMatchable(row), isActive: row.is_active === 1 },
    ]),
  );
}

/** Changes whenever a document of these types is written or removed (for caching match indexes). */
export function matchableFingerprint(db: Queryable, types: readonly SearchableType[]): Promise<string> {
  return repo.documentsFingerprint(db, types);
}

/**
 * The tokens of a record that `audience` may match on: title and open text always; restricted
 * text of `registered` records for the registered audience, and of any record for its owner or an
 * organisation holding a grant (`admitted`). The rule the search index applies, for matching.
 */
export function visibleTokens(doc: MatchableDocument, audience: MatchAudience, admitted = false): string[] {
  const closed =
    admitted || doc.visibility === 'public' || (doc.visibility === 'registered' && audience === 'registered');
  return closed
    ? [...doc.titleTokens, ...doc.openTokens, ...doc.closedTokens]
    : [...doc.titleTokens, ...doc.openTokens];
}

/** Of these records, those any of the organisations holds an NDA grant for, as `type:id`. */
export function grantedRecords(
  db: Queryable,
  organizationIds: readonly string[],
  keys: readonly { entityType: SearchableType; entityId: string }[],
): Promise<Set<string>> {
  return repo.findGrantedKeys(db, organizationIds, keys);
}
