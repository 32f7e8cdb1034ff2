/**
 * Pure decisions of search: which filter tokens a document carries, and how analysed query terms
 * become an FTS5 MATCH expression or a PostgreSQL tsquery. Tokens are letters and digits only
 * (see analyzer.ts) and are quoted besides, so user text can never become query syntax.
 */
import type { QueryTerm } from './analyzer.js';
import type { SearchDocument, SearchableType } from './documents.js';

/** Filter tokens: `zzf` + one letter per facet + the value reduced to [a-z0-9]. */
const FACET_PREFIX = {
  type: 'zzfy',
  kind: 'zzfk',
  district: 'zzfd',
  cluster: 'zzfl',
  chainPosition: 'zzfp',
  mode: 'zzfm',
  trl: 'zzft',
  visibility: 'zzfv',
  owner: 'zzfo',
  grant: 'zzfg',
} as const;
export type FacetName = keyof typeof FACET_PREFIX;

export function facetToken(facet: FacetName, value: string | number): string {
  return (
    FACET_PREFIX[facet] +
    String(value)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
  );
}

/**
 * The filter tokens of a document, including who may search its restricted text: the owner, and
 * every organisation holding a grant on it.
 */
export function documentFacetTokens(
  doc: SearchDocument,
  grantedOrganizationIds: readonly string[],
): string[] {
  const tokens = [facetToken('type', doc.entityType), facetToken('visibility', doc.visibility)];
  if (doc.ownerOrganizationId) tokens.push(facetToken('owner', doc.ownerOrganizationId));
  for (const id of grantedOrganizationIds) tokens.push(facetToken('grant', id));
  const { kind, district, trl, clusters, chainPositions, cooperationModes } = doc.facets;
  if (kind) tokens.push(facetToken('kind', kind));
  if (district) tokens.push(facetToken('district', district));
  if (trl !== null && trl !== undefined) tokens.push(facetToken('trl', trl));
  for (const c of clusters ?? []) tokens.push(facetToken('cluster', c));
  for (const p of chainPositions ?? []) tokens.push(facetToken('chainPosition', p));
  for (const m of cooperationModes ?? []) tokens.push(facetToken('mode', m));
  return [...new Set(tokens)];
}

/** Filters of a search: each present facet must match one of its values. */
export interface SearchFilters {
  types?: readonly SearchableType[] | undefined;
  kinds?: readonly string[] | undefined;
  clusters?: readonly string[] | undefined;
  districts?: readonly string[] | undefined;
  chainPositions?: readonly string[] | undefined;
  modes?: readonly string[] | undefined;
  trls?: readonly number[] | undefined;
}

/**
 * Which text a search pass reads: everyone's (titles, keywords, public text); that plus the
 * restricted text of `registered` records (members of verified organisations); or all text, for
 * the records the caller's organisations own or hold a grant on.
 */
export const SEARCH_SCOPES = ['public', 'registered', 'all'] as const;
export type SearchScope = (typeof SEARCH_SCOPES)[number];

/** The FTS5 columns of a scope (migration 0005). */
export const SCOPE_COLUMNS: Readonly<Record<SearchScope, readonly string[]>> = {
  public: ['title', 'open'],
  registered: ['title', 'open', 'registered'],
  all: ['title', 'open', 'registered', 'closed'],
};

/**
 * Filter token groups (AND of ORs). With `ownedOrGrantedBy`, only records those organisations
 * own or hold a grant on. (Inactive records need no filter: the SQLite index holds no words of
 * theirs, and PostgreSQL filters its `is_active` column.)
 */
export function filterTokenGroups(
  filters: SearchFilters,
  ownedOrGrantedBy: readonly string[] | null,
): string[][] {
  const groups: string[][] = [];
  const add = (facet: FacetName, values: readonly (string | number)[] | undefined): void => {
    if (values && values.length > 0) groups.push([...new Set(values.map((v) => facetToken(facet, v)))]);
  };
  add('type', filters.types);
  add('kind', filters.kinds);
  add('cluster', filters.clusters);
  add('district', filters.districts);
  add('chainPosition', filters.chainPositions);
  add('mode', filters.modes);
  add('trl', filters.trls);
  if (ownedOrGrantedBy) {
    const tokens = ownedOrGrantedBy.flatMap((id) => [facetToken('owner', id), facetToken('grant', id)]);
    // No organisations: a token no record carries, so the pass finds nothing.
    groups.push(tokens.length > 0 ? tokens : [facetToken('owner', 'none')]);
  }
  return groups;
}

const SAFE_TOKEN = /^[\p{L}\p{N}]+$/u;

function assertSafe(token: string): string {
  // The analyser guarantees it; this keeps a future change from opening an injection.
  if (!SAFE_TOKEN.test(token)) throw new Error(`Unsafe search token: ${JSON.stringify(token)}`);
  return token;
}

function fts5Group(alternatives: readonly string[]): string {
  const quoted = alternatives.map((t) => `"${assertSafe(t)}"`);
  return quoted.length === 1 ? (quoted[0] ?? '') : `(${quoted.join(' OR ')})`;
}

/**
 * An FTS5 MATCH expression: every term (any of its alternatives) in one of `columns`, and every
 * filter group (if any) in the facets column.
 */
export function fts5Expression(
  terms: readonly QueryTerm[],
  columns: readonly string[],
  filterGroups: readonly string[][],
): string {
  const text = `{${columns.join(' ')}} : (${terms.map((term) => fts5Group(term.alternatives)).join(' AND ')})`;
  if (filterGroups.length === 0) return text;
  return `${text} AND {facets} : (${filterGroups.map(fts5Group).join(' AND ')})`;
}

/** The same as a PostgreSQL tsquery text (for `to_tsquery('simple', …)`). */
export function tsQueryText(groups: readonly (readonly string[])[]): string {
  return groups
    .map((alternatives) => {
      const quoted = alternatives.map((t) => `'${assertSafe(t)}'`);
      return quoted.length === 1 ? (quoted[0] ?? '') : `(${quoted.join(' | ')})`;
    })
    .join(' & ');
}

export interface Ranked {
  entityType: string;
  entityId: string;
  score: number;
}

/**
 * Ranking (computed by the repository, inside the database, over the capped candidates): BM25
 * with binary term frequency. Every candidate matched every term (the index guarantees it); a
 * term also in the title or keywords counts TITLE_BOOST more; longer texts weigh less; each term
 * weighs its inverse document frequency. Ties go to newer records.
 */
export const TITLE_BOOST = 3;
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/** Typical characters of analysed text (the length normalisation's pivot). */
export const AVERAGE_TEXT_LENGTH = 400;

/** Inverse document frequency (BM25's, never negative). */
export function idf(documentFrequency: number, documents: number): number {
  const df = Math.max(0, documentFrequency);
  const n = Math.max(documents, df);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
