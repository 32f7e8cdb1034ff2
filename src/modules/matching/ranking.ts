/**
 * The hybrid ranker (pure): BM25 over analyser tokens plus structural signals — kind fit, shared
 * clusters and chain complementarity, district and country, collaboration-graph proximity, track
 * record, availability and feedback. Build the index once, then rank many queries against it.
 * Every result carries its score and the checkable facts that produced it.
 */
import type { ChainPosition } from '../organizations/schemas.js';
import { damp, isChainComplement, isKindFit } from './rules.js';
import { MATCH_DAMPING, MATCH_WEIGHTS, type MatchDamping, type MatchWeights } from './weights.js';

/** Turns text into index tokens; the search module's bilingual analyser fills it. */
export interface Analyzer {
  tokens(text: string): string[];
}

/** Similarity between a query and a candidate from a model of meaning (LSA today, a shipped model later). */
export interface SemanticModel {
  /** Cosine-like similarity in [-1, 1]; the ranker uses only the positive part. */
  similarity(queryTokens: readonly string[], docId: string): number;
}

export interface CandidateCluster {
  cluster: string;
  chainPosition?: ChainPosition | null;
  /** How many past projects the candidate did in this cluster (absent: 1). */
  projects?: number;
}

/** Anything that can be ranked: an organisation, an expert, an achievement. */
export interface MatchCandidate {
  id: string;
  kind: string;
  /** Analysed tokens of everything the candidate says about itself. */
  tokens: readonly string[];
  clusters?: readonly CandidateCluster[];
  district?: string | null;
  country?: string | null;
  /** Past collaborations (projects, consortia) overall. */
  projects?: number;
  /** 1 fully available (the default), 0 not taking partners now. */
  availability?: number;
}

/** Co-participation counts: for each organisation, its earlier partners and how often. */
export type CollaborationGraph = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface MatchQuery {
  /** Analysed tokens of the query text. */
  tokens: readonly string[];
  /** Only these kinds are ranked (absent: every kind). */
  kinds?: readonly string[] | undefined;
  /** The seeker's kind, for the kind-fit signal. */
  seekerKind?: string | null | undefined;
  clusters?: readonly { cluster: string; chainPosition?: ChainPosition | null }[] | undefined;
  district?: string | null | undefined;
  /** Country → share of the query's known partners located there. */
  countries?: ReadonlyMap<string, number> | undefined;
  /** Organisations already known to be on the seeker's side (its partners or itself). */
  partners?: readonly string[] | undefined;
  /** Candidates the seeker declined before: demoted, not hidden. */
  declined?: ReadonlySet<string> | undefined;
  /** Candidates never to return (the seeker itself, partners already on board). */
  exclude?: ReadonlySet<string> | undefined;
  /** How many results at most (default 10). */
  top?: number | undefined;
}

/** Stable codes with the data that makes each one checkable; the UI translates them. */
export type MatchReason =
  | { code: 'shared_terms'; terms: string[] }
  | { code: 'semantic_similarity'; similarity: number }
  | { code: 'kind_fit'; kind: string }
  | { code: 'shared_cluster'; cluster: string; projects: number }
  | { code: 'chain_complement'; cluster: string; from: ChainPosition; to: ChainPosition }
  | { code: 'same_district'; district: string }
  | { code: 'same_country'; country: string; share: number }
  | { code: 'past_collaboration'; count: number; partners: string[] }
  | { code: 'network_proximity'; via: number }
  | { code: 'track_record'; projects: number }
  | { code: 'limited_availability'; availability: number }
  | { code: 'declined_before' };

export interface MatchResult {
  id: string;
  score: number;
  reasons: MatchReason[];
}

export interface MatchIndexOptions {
  graph?: CollaborationGraph;
  semantic?: SemanticModel;
  weights?: Partial<MatchWeights>;
  damping?: Partial<MatchDamping>;
  /** BM25 parameters. */
  k1?: number;
  b?: number;
}

interface Postings {
  docs: Int32Array;
  tfs: Float32Array;
  idf: number;
}

const MAX_REASON_TERMS = 8;
const MAX_REASON_PARTNERS = 5;

/** Signals of one candidate for one query, each already in [0, 1]. */
interface Signals {
  lexical: number;
  semantic: number;
  kindFit: number;
  sharedCluster: number;
  clusterDepth: number;
  chainComplement: number;
  sameDistrict: number;
  sameCountry: number;
  pastCollaboration: number;
  networkProximity: number;
  trackRecord: number;
}

/** An index over candidates; `rank` answers a query in time proportional to what it touches. */
export class MatchIndex {
  readonly size: number;
  private readonly candidates: readonly MatchCandidate[];
  private readonly position = new Map<string, number>();
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: Float32Array;
  private readonly averageLength: number;
  private readonly weights: MatchWeights;
  private readonly damping: MatchDamping;
  private readonly k1: number;
  private readonly b: number;
  private readonly graph: CollaborationGraph;
  private readonly semantic: SemanticModel | undefined;
  /** The graph as compact arrays: node numbers, degrees, and each node's candidate neighbours. */
  private readonly node = new Map<string, number>();
  private readonly degree: Int32Array;
  private readonly allStart: Int32Array;
  private readonly allNodes: Int32Array;
  private readonly candStart: Int32Array;
  private readonly candAt: Int32Array;
  private readonly candWeight: Float32Array;

  constructor(candidates: readonly MatchCandidate[], options: MatchIndexOptions = {}) {
    this.candidates = candidates;
    this.size = candidates.length;
    this.weights = { ...MATCH_WEIGHTS, ...options.weights };
    this.damping = { ...MATCH_DAMPING, ...options.damping };
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.graph = options.graph ?? new Map();
    this.semantic = options.semantic;
    this.lengths = new Float32Array(candidates.length);
    const building = new Map<string, { docs: number[]; tfs: number[] }>();
    let total = 0;
    candidates.forEach((candidate, at) => {
      if (this.position.has(candidate.id)) throw new Error(`Duplicate candidate id ${candidate.id}`);
      this.position.set(candidate.id, at);
      this.lengths[at] = candidate.tokens.length;
      total += candidate.tokens.length;
      const counts = new Map<string, number>();
      for (const token of candidate.tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const [token, tf] of counts) {
        let list = building.get(token);
        if (!list) building.set(token, (list = { docs: [], tfs: [] }));
        list.docs.push(at);
        list.tfs.push(tf);
      }
    });
    this.averageLength = candidates.length > 0 ? total / candidates.length || 1 : 1;
    const n = candidates.length;
    for (const [token, list] of building) {
      const df = list.docs.length;
      this.postings.set(token, {
        docs: Int32Array.from(list.docs),
        tfs: Float32Array.from(list.tfs),
        // Lucene's BM25 idf: always positive, so a very common term still counts a little.
        idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)),
      });
    }
    for (const [a, ties] of this.graph) {
      if (!this.node.has(a)) this.node.set(a, this.node.size);
      for (const b of ties.keys()) if (!this.node.has(b)) this.node.set(b, this.node.size);
    }
    const nodes = this.node.size;
    this.degree = new Int32Array(nodes);
    this.allStart = new Int32Array(nodes + 1);
    this.candStart = new Int32Array(nodes + 1);
    const all: number[] = [];
    const candAt: number[] = [];
    const candWeight: number[] = [];
    const names = [...this.node.keys()];
    names.forEach((name, v) => {
      const ties = this.graph.get(name);
      this.allStart[v] = all.length;
      this.candStart[v] = candAt.length;
      if (!ties) return;
      this.degree[v] = ties.size;
      for (const [other, count] of ties) {
        all.push(this.node.get(other) as number);
        const at = this.position.get(other);
        if (at !== undefined && count > 0) {
          candAt.push(at);
          candWeight.push(count);
        }
      }
    });
    this.allStart[nodes] = all.length;
    this.candStart[nodes] = candAt.length;
    this.allNodes = Int32Array.from(all);
    this.candAt = Int32Array.from(candAt);
    this.candWeight = Float32Array.from(candWeight);
  }

  /** The candidate with this id, if indexed. */
  candidate(id: string): MatchCandidate | undefined {
    const at = this.position.get(id);
    return at === undefined ? undefined : this.candidates[at];
  }

  /** Ranks the candidates for a query: best first, ties by id, at most `top`, only positive scores. */
  rank(query: MatchQuery): MatchResult[] {
    const n = this.size;
    const top = Math.max(0, Math.floor(query.top ?? 10));
    if (n === 0 || top === 0) return [];
    const w = this.weights;
    const d = this.damping;
    const eligible = new Uint8Array(n);
    const kinds = query.kinds && query.kinds.length > 0 ? new Set(query.kinds) : null;
    for (let at = 0; at < n; at += 1) {
      const c = this.candidates[at] as MatchCandidate;
      eligible[at] = (kinds === null || kinds.has(c.kind)) && !query.exclude?.has(c.id) ? 1 : 0;
    }

    // Lexical: BM25 over the query's distinct tokens.
    const bm25 = new Float64Array(n);
    const queryTerms = [...new Set(query.tokens)];
    let bestBm25 = 0;
    if (w.lexical !== 0) {
      for (const term of queryTerms) {
        const p = this.postings.get(term);
        if (!p) continue;
        for (let i = 0; i < p.docs.length; i += 1) {
          const at = p.docs[i] as number;
          const tf = p.tfs[i] as number;
          const norm = this.k1 * (1 - this.b + (this.b * (this.lengths[at] as number)) / this.averageLength);
          bm25[at] = (bm25[at] as number) + (p.idf * tf * (this.k1 + 1)) / (tf + norm);
        }
      }
      for (let at = 0; at < n; at += 1)
        if (eligible[at] && (bm25[at] as number) > bestBm25) bestBm25 = bm25[at] as number;
    }

    // Graph: direct ties to the known partners and Adamic–Adar through their collaborators.
    const direct = new Float64Array(n);
    const adamicAdar = new Float64Array(n);
    const partners = [...new Set(query.partners ?? [])];
    const partnerNodes = partners.map((p) => this.node.get(p)).filter((v): v is number => v !== undefined);
    /** How many of the partners each collaborator works with (0: not a collaborator). */
    const viaTimes = new Float64Array(this.node.size);
    if (partnerNodes.length > 0 && (w.pastCollaboration !== 0 || w.networkProximity !== 0)) {
      const isPartner = new Uint8Array(this.node.size);
      for (const v of partnerNodes) isPartner[v] = 1;
      const touched: number[] = [];
      for (const v of partnerNodes) {
        for (let e = this.candStart[v] as number; e < (this.candStart[v + 1] as number); e += 1) {
          const at = this.candAt[e] as number;
          direct[at] = (direct[at] as number) + (this.candWeight[e] as number);
        }
        if (w.networkProximity === 0) continue;
        for (let e = this.allStart[v] as number; e < (this.allStart[v + 1] as number); e += 1) {
          const z = this.allNodes[e] as number;
          if (isPartner[z]) continue;
          if (viaTimes[z] === 0) touched.push(z);
          viaTimes[z] = (viaTimes[z] as number) + 1;
        }
      }
      // Each collaborator of the partners is walked once, however many partners share it.
      for (const z of touched) {
        const degree = this.degree[z] as number;
        if (degree < 2 || degree > d.hubDegreeCap) continue;
        const step = (viaTimes[z] as number) / Math.log(1 + degree);
        for (let e = this.candStart[z] as number; e < (this.candStart[z + 1] as number); e += 1) {
          const at = this.candAt[e] as number;
          adamicAdar[at] = (adamicAdar[at] as number) + step;
        }
      }
    }

    const clusterWanted = new Map<string, ChainPosition | null>();
    for (const c of query.clusters ?? []) clusterWanted.set(c.cluster, c.chainPosition ?? null);

    const scores = new Float64Array(n);
    const signals = (at: number): Signals => {
      const c = this.candidates[at] as MatchCandidate;
      let sharedCluster = 0;
      let clusterProjects = 0;
      let chainComplement = 0;
      if (clusterWanted.size > 0) {
        for (const membership of c.clusters ?? []) {
          if (!clusterWanted.has(membership.cluster)) continue;
          sharedCluster = 1;
          clusterProjects += membership.projects ?? 1;
          const wanted = clusterWanted.get(membership.cluster);
          if (wanted && membership.chainPosition && isChainComplement(wanted, membership.chainPosition))
            chainComplement = 1;
        }
      }
      const similarity =
        this.semantic && w.semantic !== 0 ? Math.max(0, this.semantic.similarity(query.tokens, c.id)) : 0;
      return {
        lexical: bestBm25 > 0 ? (bm25[at] as number) / bestBm25 : 0,
        semantic: Number.isFinite(similarity) ? Math.min(1, similarity) : 0,
        kindFit: isKindFit(query.seekerKind, c.kind) ? 1 : 0,
        sharedCluster,
        clusterDepth: damp(clusterProjects, d.clusterDepthHalf),
        chainComplement,
        sameDistrict: query.district && c.district === query.district ? 1 : 0,
        sameCountry: c.country ? Math.min(1, Math.max(0, query.countries?.get(c.country) ?? 0)) : 0,
        pastCollaboration: damp(direct[at] as number, d.pastCollaborationHalf),
        networkProximity: damp(adamicAdar[at] as number, d.networkProximityHalf),
        trackRecord: damp(c.projects ?? 0, d.trackRecordHalf),
      };
    };
    const multiplier = (c: MatchCandidate): number => {
      const availability = Math.min(1, Math.max(0, c.availability ?? 1));
      let m = w.availabilityFloor + (1 - w.availabilityFloor) * availability;
      if (query.declined?.has(c.id)) m *= w.declinedFactor;
      return m;
    };
    for (let at = 0; at < n; at += 1) {
      if (!eligible[at]) continue;
      const s = signals(at);
      const sum =
        w.lexical * s.lexical +
        w.semantic * s.semantic +
        w.kindFit * s.kindFit +
        w.sharedCluster * s.sharedCluster +
        w.clusterDepth * s.clusterDepth +
        w.chainComplement * s.chainComplement +
        w.sameDistrict * s.sameDistrict +
        w.sameCountry * s.sameCountry +
        w.pastCollaboration * s.pastCollaboration +
        w.networkProximity * s.networkProximity +
        w.trackRecord * s.trackRecord;
      const score = sum * multiplier(this.candidates[at] as MatchCandidate);
      scores[at] = Number.isFinite(score) ? score : 0;
    }

    const best = topPositions(scores, eligible, top, (at) => (this.candidates[at] as MatchCandidate).id);
    return best.map((at) => {
      const c = this.candidates[at] as MatchCandidate;
      return {
        id: c.id,
        score: scores[at] as number,
        reasons: this.reasons(at, c, signals(at), query, queryTerms, partners, viaTimes, direct, adamicAdar),
      };
    });
  }

  /** The facts behind a candidate's score, each one checkable against the data. */
  private reasons(
    at: number,
    c: MatchCandidate,
    s: Signals,
    query: MatchQuery,
    queryTerms: readonly string[],
    partners: readonly string[],
    viaTimes: Float64Array,
    direct: Float64Array,
    adamicAdar: Float64Array,
  ): MatchReason[] {
    const reasons: MatchReason[] = [];
    if (s.lexical > 0) {
      const hits: { term: string; weight: number }[] = [];
      for (const term of queryTerms) {
        const p = this.postings.get(term);
        if (p && binarySearch(p.docs, at) >= 0) hits.push({ term, weight: p.idf });
      }
      hits.sort((x, y) => y.weight - x.weight || (x.term < y.term ? -1 : 1));
      if (hits.length > 0)
        reasons.push({ code: 'shared_terms', terms: hits.slice(0, MAX_REASON_TERMS).map((h) => h.term) });
    }
    if (s.semantic > 0) reasons.push({ code: 'semantic_similarity', similarity: round(s.semantic, 3) });
    if (s.kindFit > 0) reasons.push({ code: 'kind_fit', kind: c.kind });
    for (const membership of c.clusters ?? []) {
      const wanted = query.clusters?.find((q) => q.cluster === membership.cluster);
      if (!wanted) continue;
      reasons.push({
        code: 'shared_cluster',
        cluster: membership.cluster,
        projects: membership.projects ?? 1,
      });
      if (
        wanted.chainPosition &&
        membership.chainPosition &&
        isChainComplement(wanted.chainPosition, membership.chainPosition)
      ) {
        reasons.push({
          code: 'chain_complement',
          cluster: membership.cluster,
          from: wanted.chainPosition,
          to: membership.chainPosition,
        });
      }
    }
    if (s.sameDistrict > 0 && c.district) reasons.push({ code: 'same_district', district: c.district });
    if (s.sameCountry > 0 && c.country)
      reasons.push({ code: 'same_country', country: c.country, share: round(s.sameCountry, 3) });
    if ((direct[at] as number) > 0) {
      const ties = this.graph.get(c.id);
      const tied = partners.filter((p) => (ties?.get(p) ?? 0) > 0 || (this.graph.get(p)?.get(c.id) ?? 0) > 0);
      reasons.push({
        code: 'past_collaboration',
        count: direct[at] as number,
        partners: tied.slice(0, MAX_REASON_PARTNERS),
      });
    }
    const v = this.node.get(c.id);
    if ((adamicAdar[at] as number) > 0 && v !== undefined) {
      let via = 0;
      for (let e = this.allStart[v] as number; e < (this.allStart[v + 1] as number); e += 1) {
        const z = this.allNodes[e] as number;
        const degree = this.degree[z] as number;
        if ((viaTimes[z] as number) > 0 && degree >= 2 && degree <= this.damping.hubDegreeCap) via += 1;
      }
      reasons.push({ code: 'network_proximity', via });
    }
    if ((c.projects ?? 0) > 0 && s.trackRecord > 0)
      reasons.push({ code: 'track_record', projects: c.projects ?? 0 });
    const availability = c.availability ?? 1;
    if (availability < 1) reasons.push({ code: 'limited_availability', availability });
    if (query.declined?.has(c.id)) reasons.push({ code: 'declined_before' });
    return reasons;
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] as number;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Positions of the `top` highest positive scores among the eligible, best first, ties broken by
 * id so the order never depends on insertion order. A bounded selection keeps it O(n log top).
 */
function topPositions(
  scores: Float64Array,
  eligible: Uint8Array,
  top: number,
  idOf: (at: number) => string,
): number[] {
  const better = (a: number, b: number): boolean => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa !== sb ? sa > sb : idOf(a) < idOf(b);
  };
  // A min-heap of the best `top` so far: the root is the worst kept.
  const heap: number[] = [];
  const siftUp = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (better(heap[parent] as number, heap[i] as number)) {
        [heap[parent], heap[i]] = [heap[i] as number, heap[parent] as number];
        i = parent;
      } else break;
    }
  };
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst] as number, heap[l] as number)) worst = l;
      if (r < heap.length && better(heap[worst] as number, heap[r] as number)) worst = r;
      if (worst === i) return;
      [heap[worst], heap[i]] = [heap[i] as number, heap[worst] as number];
      i = worst;
    }
  };
  for (let at = 0; at < scores.length; at += 1) {
    if (!eligible[at] || !((scores[at] as number) > 0)) continue;
    if (heap.length < top) {
      heap.push(at);
      siftUp(heap.length - 1);
    } else if (better(at, heap[0] as number)) {
      heap[0] = at;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1));
}
