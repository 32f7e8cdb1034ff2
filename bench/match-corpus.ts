/**
 * The search benchmark's generated profiles as matching candidates, and matching queries (search
 * words and need texts), analysed with the matcher's shared analyser (src/modules/matching/text.ts).
 */
import type { MatchCandidate, MatchQuery } from '../src/modules/matching/ranking.js';
import { sharedAnalyzer } from '../src/modules/matching/text.js';
import type { SearchDocument } from '../src/modules/search/documents.js';
import { profile, query, random } from './corpus.js';

const KINDS = ['enterprise', 'university', 'research_institute', 'vocational_college', 'service'];
/** Most candidates are in China; the rest in a few European countries (as imported CORDIS partners). */
const COUNTRIES = ['CN', 'CN', 'CN', 'DE', 'FR', 'IT', 'NL', 'ES'];
type ChainPosition = 'upstream' | 'midstream' | 'downstream';

/** What a public reader sees of a profile: the text the matcher indexes. */
function publicText(doc: SearchDocument): string {
  return [doc.title, doc.publicText, doc.visibility === 'public' ? doc.restrictedText : '', ...doc.keywords]
    .filter((part) => part.length > 0)
    .join('\n');
}

/** The organisation number of a record's owner, as corpus.ts numbers them (`org-<n>`). */
function ownerIndex(doc: SearchDocument): number {
  return Number((doc.ownerOrganizationId ?? 'org-0').slice('org-'.length));
}

/** The kind of a record: its own for organisations and experts, else its owner's. */
function kindOf(doc: SearchDocument): string {
  return doc.facets.kind ?? (KINDS[ownerIndex(doc) % KINDS.length] as string);
}

function clustersOf(doc: SearchDocument): { cluster: string; chainPosition: ChainPosition }[] {
  return (doc.facets.clusters ?? []).map((cluster, at) => ({
    cluster,
    chainPosition: (doc.facets.chainPositions?.[at] ?? 'midstream') as ChainPosition,
  }));
}

export interface MatchCorpus {
  candidates: MatchCandidate[];
  graph: Map<string, Map<string, number>>;
  organizations: number;
  /** Distinct tokens (kept once: the analyser returns fresh strings on every call). */
  vocabulary: number;
}

/**
 * Profile `i` of the search corpus as candidate `i`: its public text analysed; its kind, cluster
 * and chain position, district; a country, track record and availability drawn from a seeded
 * generator. Organisations and experts collaborate: about one tie each, drawn so that some
 * have many (a few hubs).
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
    candidates.push({
      id: doc.entityId,
      kind: kindOf(doc),
      tokens,
      clusters: clustersOf(doc).map((c) => ({ ...c, projects: 1 + Math.floor(rng() * 5) })),
      district: doc.facets.district ?? null,
      country: COUNTRIES[Math.floor(rng() * COUNTRIES.length)] as string,
      projects: Math.floor(rng() ** 2 * 30),
      availability: rng() < 0.9 ? 1 : 0.5,
    });
    if (i % 10_000 === 0) onProgress(i);
  }
  const graph = new Map<string, Map<string, number>>();
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
  const rng = random(seed + 31);
  const people = candidates.filter((c) => c.id.startsWith('org-') || c.id.startsWith('expert-'));
  for (let e = 0; e < people.length; e += 1) {
    const a = people[Math.floor(rng() * people.length)] as MatchCandidate;
    const b = people[Math.floor(rng() ** 2 * people.length)] as MatchCandidate;
    if (a.id !== b.id) tie(a.id, b.id);
  }
  return { candidates, graph, organizations, vocabulary: interned.size };
}

export type MatchQueryKind = 'words' | 'need';

/** A matching query before analysis: its text and everything else the ranker is told. */
export interface MatchTask {
  kind: MatchQueryKind;
  text: string;
  query: Omit<MatchQuery, 'tokens'>;
}

/**
 * Matching queries, alternately: `words`, the search benchmark's queries (one to three field
 * words, Chinese, English or mixed) as the text of a seeker of unknown kind; and `need`, the text
 * of a need (title, summary, keywords; 20 to 60 distinct tokens) from outside the corpus, as an
 * enterprise with the need's cluster and chain position and district, in China, with one known
 * partner (excluded from the results).
 */
export function matchTasks(seed: number, count: number, corpus: MatchCorpus): MatchTask[] {
  const rng = random(seed + 99);
  const known = [...corpus.graph.keys()];
  const tasks: MatchTask[] = [];
  for (let q = 0; q < count; q += 1) {
    if (q % 2 === 0) {
      tasks.push({ kind: 'words', text: query(rng).q ?? '', query: { top: 10 } });
      continue;
    }
    // Another seed: the need is not in the corpus, so it is not its own best match.
    let doc = profile(seed + 1, q, corpus.organizations);
    for (let i = 1; doc.entityType !== 'need'; i += 1)
      doc = profile(seed + 1, q + i * count, corpus.organizations);
    const partner = known[Math.floor(rng() * known.length)] ?? 'org-0';
    tasks.push({
      kind: 'need',
      text: [doc.title, doc.publicText, ...doc.keywords].join('\n'),
      query: {
        seekerKind: 'enterprise',
        clusters: clustersOf(doc),
        district: doc.facets.district ?? null,
        countries: new Map([['CN', 1]]),
        partners: [partner],
        exclude: new Set([partner]),
        top: 10,
      },
    });
  }
  return tasks;
}
