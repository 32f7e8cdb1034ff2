/**
 * The search benchmark's generated profiles as matching candidates, and matching queries: search
 * words and need texts, both through the shared analyser (src/modules/matching/text.ts), as the
 * product ranks them.
 */
import type { MatchCandidate, MatchQuery } from '../src/modules/matching/ranking.js';
import { sharedAnalyzer } from '../src/modules/matching/text.js';
import type { SearchDocument } from '../src/modules/search/documents.js';
import { profile, query, random } from './corpus.js';

const KINDS = ['enterprise', 'university', 'research_institute', 'vocational_college', 'service'];
const COUNTRIES = ['CN', 'CN', 'CN', 'DE', 'FR', 'IT', 'NL', 'ES'];

/** What a public reader sees of a profile: the text the matcher indexes. */
function publicText(doc: SearchDocument): string {
  return [doc.title, doc.publicText, doc.visibility === 'public' ? doc.restrictedText : '', ...doc.keywords]
    .filter((part) => part.length > 0)
    .join('\n');
}

/** Owner of the records of the corpus: organisation number `i` (as corpus.ts numbers them). */
function ownerIndex(doc: SearchDocument): number {
  return Number((doc.ownerOrganizationId ?? 'org-0').slice('org-'.length));
}

/** The kind of the organisation a record belongs to: its own for organisations and experts. */
function kindOf(doc: SearchDocument): string {
  return doc.facets.kind ?? (KINDS[ownerIndex(doc) % KINDS.length] as string);
}

export interface MatchCorpus {
  candidates: MatchCandidate[];
  graph: Map<string, Map<string, number>>;
  organizations: number;
  /** Distinct tokens kept once (the analyser returns fresh strings per call). */
  vocabulary: number;
}

/**
 * Profile `i` of the search corpus as a candidate: its public text analysed, kind, cluster with
 * chain position, district, a country and a track record; plus a random collaboration graph
 * among the candidates (two ties per organisation or expert on average, seeded).
 */
export function matchCorpus(
  seed: number,
  profiles: number,
  onProgress: (done: number) => void = () => {},
): MatchCorpus {
  const organizations = Math.max(10, Math.floor(profiles / 10));
  const interned = new Map<string, string>();
  const candidates: MatchCandidate[] = [];
  for (let i = 0; i < profiles; i += 1) {
    const doc = profile(seed, i, organizations);
    const rng = random(seed * 7_919 + i);
    const tokens = sharedAnalyzer.tokens(publicText(doc)).map((token) => {
      const known = interned.get(token);
      if (known !== undefined) return known;
      interned.set(token, token);
      return token;
    });
    const clusters = (doc.facets.clusters ?? []).map((cluster, at) => ({
      cluster,
      chainPosition: (doc.facets.chainPositions?.[at] ?? 'midstream') as 'upstream' | 'midstream' | 'downstream',
      projects: 1 + Math.floor(rng() * 5),
    }));
    candidates.push({
      id: doc.entityId,
      kind: kindOf(doc),
      tokens,
      clusters,
      district: doc.facets.district ?? null,
      country: COUNTRIES[Math.floor(rng() * COUNTRIES.length)] as string,
      projects: Math.floor(rng() ** 2 * 30),
      availability: rng() < 0.9 ? 1 : 0.5,
    });
    if (i % 10_000 === 0) onProgress(i);
  }
  const graph = new Map<string, Map<string, number>>();
  const rng = random(seed + 31);
  const tie = (a: string, b: string): void => {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let ties = graph.get(x);
      if (!ties) graph.set(x, (ties = new Map<string, number>()));
      ties.set(y, (ties.get(y) ?? 0) + 1);
    }
  };
  // Organisations collaborate with organisations and experts; a few are hubs (Zipf-like picks).
  const people = candidates.filter((c) => c.id.startsWith('org-') || c.id.startsWith('expert-'));
  for (let e = 0; e < people.length; e += 1) {
    const a = people[Math.floor(rng() * people.length)] as MatchCandidate;
    const b = people[Math.floor(rng() ** 2 * people.length)] as MatchCandidate;
    if (a.id !== b.id) tie(a.id, b.id);
  }
  return { candidates, graph, organizations, vocabulary: interned.size };
}

export type MatchQueryKind = 'words' | 'need';

/**
 * Matching queries: `words` are the search benchmark's queries (one to three field words, Chinese,
 * English or mixed) as an unknown seeker's text; `need` are need texts (title, summary, keywords)
 * of an enterprise, with the need's cluster and chain position, district, the owner as a known
 * partner and itself excluded — what the product ranks for a technical need.
 */
export function matchQueries(
  seed: number,
  count: number,
  corpus: MatchCorpus,
): { kind: MatchQueryKind; query: MatchQuery }[] {
  const rng = random(seed + 99);
  const ids = [...corpus.graph.keys()];
  const known = new Set(ids);
  const queries: { kind: MatchQueryKind; query: MatchQuery }[] = [];
  for (let q = 0; q < count; q += 1) {
    if (q % 2 === 0) {
      queries.push({
        kind: 'words',
        query: { tokens: sharedAnalyzer.tokens(query(rng).q ?? ''), top: 10 },
      });
      continue;
    }
    // A need from outside the corpus (another seed), so it is not its own best match.
    let doc = profile(seed + 1, q, corpus.organizations);
    for (let i = 1; doc.entityType !== 'need'; i += 1) doc = profile(seed + 1, q + i * count, corpus.organizations);
    // The seeker: the need's owner when it has past partners, else some organisation that has.
    const owner = known.has(`org-${ownerIndex(doc)}`)
      ? `org-${ownerIndex(doc)}`
      : (ids[Math.floor(rng() * ids.length)] ?? 'org-0');
    queries.push({
      kind: 'need',
      query: {
        tokens: sharedAnalyzer.tokens([doc.title, doc.publicText, ...doc.keywords].join('\n')),
        seekerKind: 'enterprise',
        clusters: (doc.facets.clusters ?? []).map((cluster, at) => ({
          cluster,
          chainPosition: (doc.facets.chainPositions?.[at] ?? null) as 'upstream' | 'midstream' | 'downstream' | null,
        })),
        district: doc.facets.district ?? null,
        countries: new Map([['CN', 1]]),
        partners: [owner],
        exclude: new Set([owner]),
        top: 10,
      },
    });
  }
  return queries;
}
