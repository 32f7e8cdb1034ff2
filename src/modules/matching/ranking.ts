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
  /**
   * Skip candidates that provably cannot reach the top (default true). The results are the same
   * either way, score for score; false scores every candidate (the reference the tests compare with).
   */
  pruning?: boolean;
}

interface Postings {
  /** Candidate positions, ascending. */
  docs: Int32Array;
  tfs: Float32Array;
  idf: number;
  /** The largest BM25 contribution of this term to any candidate: its bound when pruning. */
  maxImpact: number;
}

const MAX_REASON_TERMS = 8;
const MAX_REASON_PARTNERS = 5;
/**
 * Pruning stops accumulating common terms once their bounds add up to at most this share of the
 * best BM25 found so far; the rest are looked up only for candidates that could still make it.
 */
const ACCUMULATE_UNTIL = 0.5;
/** Relative slack on bounds, far above floating-point rounding, so no candidate is pruned by it. */
const BOUND_SLACK = 1e-9;

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

/** What one query needs at hand while candidates are scored. */
interface QueryPlan {
  query: MatchQuery;
  top: number;
  /** Per kind number: ranked at all (1) or not (0); weight of the kind-fit signal. */
  allowed: Uint8Array;
  fitByKind: number[];
  kindBase: Float64Array;
  /** The query's district as a number (-2: none, never equal to a candidate's). */
  district: number;
  /** Per country number: the share of the query's known partners there, clipped to [0, 1]. */
  countryShare: Float64Array;
  withSemantic: boolean;
  /** Distinct query tokens in query order, and the postings of those the index knows (same order). */
  queryTerms: string[];
  terms: Postings[];
  partners: string[];
}

/** A candidate chosen for the results, with its exact BM25 (for the lexical signal and reasons). */
interface Chosen {
  at: number;
  score: number;
  bm25: number;
}

/**
 * An index over candidates; `rank` answers a query in time proportional to what it touches, plus
 * one pass over typed arrays for the signals every candidate has (kind, track record, place).
 *
 * Pruning (see docs/BENCHMARKS.md, "Matching"): a candidate's score is
 * `factor × (rest + lexical weight × BM25 / best BM25)`, so BM25 only matters for candidates whose
 * score without it comes within the lexical weight of the top. Rare query terms are accumulated
 * in full; common terms only until their largest contributions add up to a fraction of the best
 * BM25 found so far. Upper bounds (exact partial sums plus the common terms' largest
 * contributions) then leave few candidates for which the common terms are looked up, and those
 * are scored exactly as without pruning, in the same order of operations, so the results and their
 * scores are identical.
 */
export class MatchIndex {
  readonly size: number;
  private readonly candidates: readonly MatchCandidate[];
  private readonly position = new Map<string, number>();
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: Float32Array;
  private readonly averageLength: number;
  /** Per candidate: the BM25 length normalisation `k1 · (1 − b + b · length / average)`. */
  private readonly norm: Float64Array;
  private readonly weights: MatchWeights;
  private readonly damping: MatchDamping;
  private readonly k1: number;
  private readonly b: number;
  private readonly graph: CollaborationGraph;
  private readonly semantic: SemanticModel | undefined;
  /** Whether `rank` prunes: asked for, and the bounds hold for these parameters (see `boundsHold`). */
  private readonly pruning: boolean;
  /** The graph as compact arrays: node numbers, degrees, and each node's candidate neighbours. */
  private readonly node = new Map<string, number>();
  private readonly degree: Int32Array;
  private readonly allStart: Int32Array;
  private readonly allNodes: Int32Array;
  private readonly candStart: Int32Array;
  private readonly candAt: Int32Array;
  private readonly candWeight: Float32Array;
  /** For each cluster: its member candidates, their project counts and chain positions. */
  private readonly clusterMembers = new Map<
    string,
    { at: Int32Array; projects: Float64Array; chainPosition: (ChainPosition | null)[] }
  >();
  /** Per candidate: its kind as a number, damped track record, availability multiplier. */
  private readonly kindOf: Uint16Array;
  private readonly kindNames: string[] = [];
  private readonly track: Float64Array;
  /** Per candidate: its place in id order, so ties are broken by id with one integer comparison. */
  private readonly idRank: Int32Array;
  /** Per candidate: district and country as numbers (-1: none), for the dense pass. */
  private readonly districtOf: Int32Array;
  private readonly countryOf: Int32Array;
  private readonly districtIds = new Map<string, number>();
  private readonly countryIds = new Map<string, number>();
  private readonly availabilityFactor: Float64Array;
  /** Scratch space reused by every query (ranking is synchronous), reset through `touched`. */
  private readonly scratch: {
    bm25: Float64Array;
    direct: Float64Array;
    adamicAdar: Float64Array;
    sharedCluster: Uint8Array;
    clusterProjects: Float64Array;
    chainComplement: Uint8Array;
    excluded: Uint8Array;
    declined: Uint8Array;
    sparse: Float64Array;
    touched: Int32Array;
    touchedMark: Uint8Array;
    viaTimes: Float64Array;
    isPartner: Uint8Array;
    /** Pruning: candidates still in the running and their score without BM25. */
    survivors: Int32Array;
    survivorBase: Float64Array;
  };

  constructor(candidates: readonly MatchCandidate[], options: MatchIndexOptions = {}) {
    this.candidates = candidates;
    this.size = candidates.length;
    this.weights = { ...MATCH_WEIGHTS, ...options.weights };
    this.damping = { ...MATCH_DAMPING, ...options.damping };
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.graph = options.graph ?? new Map();
    this.semantic = options.semantic;
    const n = candidates.length;
    this.lengths = new Float32Array(n);
    // Postings in two passes (count, then fill typed arrays of the exact size): a million
    // candidates would otherwise hold every posting twice, in growing JS arrays, while building.
    const termOf = new Map<string, number>();
    const df: number[] = [];
    const counts = new Map<string, number>();
    let total = 0;
    candidates.forEach((candidate, at) => {
      if (this.position.has(candidate.id)) throw new Error(`Duplicate candidate id ${candidate.id}`);
      this.position.set(candidate.id, at);
      this.lengths[at] = candidate.tokens.length;
      total += candidate.tokens.length;
      counts.clear();
      for (const token of candidate.tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const token of counts.keys()) {
        let term = termOf.get(token);
        if (term === undefined) {
          termOf.set(token, (term = df.length));
          df.push(0);
        }
        df[term] = (df[term] as number) + 1;
      }
    });
    this.averageLength = n > 0 ? total / n || 1 : 1;
    this.norm = new Float64Array(n);
    for (let at = 0; at < n; at += 1)
      this.norm[at] = this.k1 * (1 - this.b + (this.b * (this.lengths[at] as number)) / this.averageLength);
    const lists = df.map((count) => ({ docs: new Int32Array(count), tfs: new Float32Array(count), filled: 0 }));
    candidates.forEach((candidate, at) => {
      counts.clear();
      for (const token of candidate.tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const [token, tf] of counts) {
        const list = lists[termOf.get(token) as number] as (typeof lists)[number];
        list.docs[list.filled] = at;
        list.tfs[list.filled] = tf;
        list.filled += 1;
      }
    });
    const k1p1 = this.k1 + 1;
    for (const [token, term] of termOf) {
      const { docs, tfs } = lists[term] as (typeof lists)[number];
      const count = docs.length;
      // Lucene's BM25 idf: always positive, so a very common term still counts a little.
      const idf = Math.log(1 + (n - count + 0.5) / (count + 0.5));
      let maxImpact = 0;
      for (let i = 0; i < count; i += 1) {
        const tf = tfs[i] as number;
        const impact = (idf * tf * k1p1) / (tf + (this.norm[docs[i] as number] as number));
        if (impact > maxImpact) maxImpact = impact;
      }
      this.postings.set(token, { docs, tfs, idf, maxImpact });
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
    const kinds = new Map<string, number>();
    this.kindOf = new Uint16Array(n);
    this.track = new Float64Array(n);
    this.availabilityFactor = new Float64Array(n);
    this.districtOf = new Int32Array(n).fill(-1);
    this.countryOf = new Int32Array(n).fill(-1);
    const w = this.weights;
    const idOf = (ids: Map<string, number>, value: string | null | undefined): number => {
      if (!value) return -1;
      let id = ids.get(value);
      if (id === undefined) ids.set(value, (id = ids.size));
      return id;
    };
    const members = new Map<string, { at: number[]; projects: number[]; chainPosition: (ChainPosition | null)[] }>();
    candidates.forEach((c, at) => {
      let k = kinds.get(c.kind);
      if (k === undefined) {
        k = kinds.size;
        kinds.set(c.kind, k);
        this.kindNames.push(c.kind);
      }
      this.kindOf[at] = k;
      for (const membership of c.clusters ?? []) {
        let list = members.get(membership.cluster);
        if (!list) members.set(membership.cluster, (list = { at: [], projects: [], chainPosition: [] }));
        list.at.push(at);
        list.projects.push(membership.projects ?? 1);
        list.chainPosition.push(membership.chainPosition ?? null);
      }
      this.track[at] = damp(c.projects ?? 0, this.damping.trackRecordHalf);
      this.districtOf[at] = idOf(this.districtIds, c.district);
      this.countryOf[at] = idOf(this.countryIds, c.country);
      const availability = Math.min(1, Math.max(0, c.availability ?? 1));
      this.availabilityFactor[at] = w.availabilityFloor + (1 - w.availabilityFloor) * availability;
    });
    for (const [cluster, list] of members)
      this.clusterMembers.set(cluster, {
        at: Int32Array.from(list.at),
        projects: Float64Array.from(list.projects),
        chainPosition: list.chainPosition,
      });
    this.idRank = new Int32Array(n);
    const byId = candidates
      .map((c, at) => ({ id: c.id, at }))
      .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    byId.forEach(({ at }, rank) => {
      this.idRank[at] = rank;
    });
    this.pruning = (options.pruning ?? true) && this.boundsHold();
    this.scratch = {
      bm25: new Float64Array(n),
      direct: new Float64Array(n),
      adamicAdar: new Float64Array(n),
      sharedCluster: new Uint8Array(n),
      clusterProjects: new Float64Array(n),
      chainComplement: new Uint8Array(n),
      excluded: new Uint8Array(n),
      declined: new Uint8Array(n),
      sparse: new Float64Array(n),
      touched: new Int32Array(n),
      touchedMark: new Uint8Array(n),
      viaTimes: new Float64Array(nodes),
      isPartner: new Uint8Array(nodes),
      survivors: new Int32Array(n),
      survivorBase: new Float64Array(n),
    };
  }

  /**
   * The bounds pruning relies on: every BM25 contribution is non-negative and finite, a larger
   * BM25 never lowers a score (non-negative lexical weight and score factors), and the weights are
   * finite. Otherwise `rank` scores every candidate.
   */
  private boundsHold(): boolean {
    const w = this.weights;
    return (
      Object.values(w).every((value) => Number.isFinite(value)) &&
      w.lexical >= 0 &&
      w.availabilityFloor >= 0 &&
      w.declinedFactor >= 0 &&
      Number.isFinite(this.k1) &&
      this.k1 >= 0 &&
      this.b >= 0 &&
      this.b <= 1
    );
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
    const {
      direct,
      adamicAdar,
      sharedCluster,
      clusterProjects,
      chainComplement,
      excluded,
      declined,
      sparse,
      viaTimes,
      isPartner,
    } = this.scratch;
    /** Candidates whose sparse scratch entries are set this query (reset at the end). */
    const { touched, touchedMark } = this.scratch;
    let touchedCount = 0;
    const touch = (at: number): void => {
      if (touchedMark[at] === 0) {
        touchedMark[at] = 1;
        touched[touchedCount++] = at;
      }
    };
    const touchedNodes: number[] = [];
    try {
      const kindCount = this.kindNames.length;
      const allowed = new Uint8Array(kindCount);
      const fitByKind: number[] = [];
      const kindBase = new Float64Array(kindCount);
      this.kindNames.forEach((kind, k) => {
        allowed[k] = !query.kinds?.length || query.kinds.includes(kind) ? 1 : 0;
        fitByKind.push(isKindFit(query.seekerKind, kind) ? 1 : 0);
        kindBase[k] = w.kindFit * (fitByKind[k] as number);
      });
      for (const id of query.exclude ?? []) {
        const at = this.position.get(id);
        if (at !== undefined) {
          excluded[at] = 1;
          touch(at);
        }
      }
      for (const id of query.declined ?? []) {
        const at = this.position.get(id);
        if (at !== undefined) {
          declined[at] = 1;
          touch(at);
        }
      }

      // Graph: direct ties to the known partners and Adamic–Adar through their collaborators.
      const partners = [...new Set(query.partners ?? [])];
      const partnerNodes = partners.map((p) => this.node.get(p)).filter((v): v is number => v !== undefined);
      if (partnerNodes.length > 0 && (w.pastCollaboration !== 0 || w.networkProximity !== 0)) {
        for (const v of partnerNodes) {
          isPartner[v] = 1;
          touchedNodes.push(v);
        }
        const vias: number[] = [];
        for (const v of partnerNodes) {
          for (let e = this.candStart[v] as number; e < (this.candStart[v + 1] as number); e += 1) {
            const at = this.candAt[e] as number;
            touch(at);
            direct[at] = (direct[at] as number) + (this.candWeight[e] as number);
          }
          if (w.networkProximity === 0) continue;
          for (let e = this.allStart[v] as number; e < (this.allStart[v + 1] as number); e += 1) {
            const z = this.allNodes[e] as number;
            if (isPartner[z]) continue;
            if (viaTimes[z] === 0) {
              vias.push(z);
              touchedNodes.push(z);
            }
            viaTimes[z] = (viaTimes[z] as number) + 1;
          }
        }
        // Each collaborator of the partners is walked once, however many partners share it.
        for (const z of vias) {
          const degree = this.degree[z] as number;
          if (degree < 2 || degree > d.hubDegreeCap) continue;
          const step = (viaTimes[z] as number) / Math.log(1 + degree);
          for (let e = this.candStart[z] as number; e < (this.candStart[z + 1] as number); e += 1) {
            const at = this.candAt[e] as number;
            touch(at);
            adamicAdar[at] = (adamicAdar[at] as number) + step;
          }
        }
      }

      // Clusters: membership, depth and chain complementarity, for the candidates in them.
      const clusterWanted = new Map<string, ChainPosition | null>();
      for (const c of query.clusters ?? []) clusterWanted.set(c.cluster, c.chainPosition ?? null);
      for (const [cluster, wanted] of clusterWanted) {
        const list = this.clusterMembers.get(cluster);
        if (!list) continue;
        for (let i = 0; i < list.at.length; i += 1) {
          const at = list.at[i] as number;
          touch(at);
          sharedCluster[at] = 1;
          clusterProjects[at] = (clusterProjects[at] as number) + (list.projects[i] as number);
          const chainPosition = list.chainPosition[i] ?? null;
          if (wanted && chainPosition && isChainComplement(wanted, chainPosition)) chainComplement[at] = 1;
        }
      }
      // The structural signals without BM25, summed once per candidate that has any (for bounds).
      for (let i = 0; i < touchedCount; i += 1) {
        const at = touched[i] as number;
        sparse[at] =
          w.sharedCluster * (sharedCluster[at] as number) +
          w.clusterDepth * damp(clusterProjects[at] as number, d.clusterDepthHalf) +
          w.chainComplement * (chainComplement[at] as number) +
          w.pastCollaboration * damp(direct[at] as number, d.pastCollaborationHalf) +
          w.networkProximity * damp(adamicAdar[at] as number, d.networkProximityHalf);
      }

      const district = query.district ? (this.districtIds.get(query.district) ?? -2) : -2;
      const countryShare = new Float64Array(this.countryIds.size);
      for (const [country, share] of query.countries ?? []) {
        const id = this.countryIds.get(country);
        if (id !== undefined) countryShare[id] = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
      }
      const queryTerms = [...new Set(query.tokens)];
      const terms = queryTerms
        .map((term) => this.postings.get(term))
        .filter((p): p is Postings => p !== undefined);
      const plan: QueryPlan = {
        query,
        top,
        allowed,
        fitByKind,
        kindBase,
        district,
        countryShare,
        withSemantic: this.semantic !== undefined && w.semantic !== 0,
        queryTerms,
        terms: w.lexical !== 0 ? terms : [],
        partners,
      };
      const { best, chosen } = this.pruning ? this.selectPruned(plan) : this.selectExhaustive(plan, touch);
      return chosen.map(({ at, score, bm25 }) => {
        const c = this.candidates[at] as MatchCandidate;
        return {
          id: c.id,
          score,
          reasons: this.reasons(at, c, this.signals(plan, at, best > 0 ? bm25 / best : 0), plan),
        };
      });
    } finally {
      const { bm25 } = this.scratch;
      for (let i = 0; i < touchedCount; i += 1) {
        const at = touched[i] as number;
        touchedMark[at] = 0;
        bm25[at] = 0;
        direct[at] = 0;
        adamicAdar[at] = 0;
        sharedCluster[at] = 0;
        clusterProjects[at] = 0;
        chainComplement[at] = 0;
        excluded[at] = 0;
        declined[at] = 0;
        sparse[at] = 0;
      }
      for (const v of touchedNodes) {
        viaTimes[v] = 0;
        isPartner[v] = 0;
      }
    }
  }

  /**
   * A candidate's score from its lexical signal (BM25 over the best) and the scratch signals. The
   * one formula both selections use, so pruning cannot change a score. `touched`: the candidate
   * has a query-specific signal (a shared term, cluster, tie, exclusion or decline).
   */
  private scoreOf(plan: QueryPlan, at: number, lexical: number, touched: boolean): number {
    const w = this.weights;
    const k = this.kindOf[at] as number;
    const d = this.damping;
    const { sharedCluster, clusterProjects, chainComplement, direct, adamicAdar } = this.scratch;
    // Written as the ranker always summed it: the same operations in the same order, same bits.
    const sparse = touched
      ? w.lexical * lexical +
        w.sharedCluster * (sharedCluster[at] as number) +
        w.clusterDepth * damp(clusterProjects[at] as number, d.clusterDepthHalf) +
        w.chainComplement * (chainComplement[at] as number) +
        w.pastCollaboration * damp(direct[at] as number, d.pastCollaborationHalf) +
        w.networkProximity * damp(adamicAdar[at] as number, d.networkProximityHalf)
      : 0;
    let sum = (plan.kindBase[k] as number) + w.trackRecord * (this.track[at] as number) + sparse;
    if (this.districtOf[at] === plan.district) sum += w.sameDistrict;
    const country = this.countryOf[at] as number;
    if (country >= 0) sum += w.sameCountry * (plan.countryShare[country] as number);
    if (plan.withSemantic) sum += w.semantic * this.semanticAt(plan, at);
    let score = sum * (this.availabilityFactor[at] as number);
    if (this.scratch.declined[at] === 1) score *= w.declinedFactor;
    return score;
  }

  private semanticAt(plan: QueryPlan, at: number): number {
    if (!this.semantic) return 0;
    const similarity = Math.max(
      0,
      this.semantic.similarity(plan.query.tokens, (this.candidates[at] as MatchCandidate).id),
    );
    return Number.isFinite(similarity) ? Math.min(1, similarity) : 0;
  }

  private isEligible(plan: QueryPlan, at: number): boolean {
    return plan.allowed[this.kindOf[at] as number] === 1 && this.scratch.excluded[at] === 0;
  }

  /** Scores every eligible candidate: BM25 over the whole posting list of every query term. */
  private selectExhaustive(plan: QueryPlan, touch: (at: number) => void): { best: number; chosen: Chosen[] } {
    const { bm25 } = this.scratch;
    const n = this.size;
    const k1p1 = this.k1 + 1;
    for (const p of plan.terms) {
      const { docs, tfs, idf } = p;
      for (let i = 0; i < docs.length; i += 1) {
        const at = docs[i] as number;
        const tf = tfs[i] as number;
        touch(at);
        bm25[at] = (bm25[at] as number) + (idf * tf * k1p1) / (tf + (this.norm[at] as number));
      }
    }
    let best = 0;
    for (const p of plan.terms)
      for (let i = 0; i < p.docs.length; i += 1) {
        const at = p.docs[i] as number;
        if (this.isEligible(plan, at) && (bm25[at] as number) > best) best = bm25[at] as number;
      }
    const selector = new TopSelector(plan.top, this.idRank);
    const { touchedMark } = this.scratch;
    for (let at = 0; at < n; at += 1) {
      if (!this.isEligible(plan, at)) continue;
      const value = bm25[at] as number;
      const score = this.scoreOf(plan, at, best > 0 ? value / best : 0, touchedMark[at] === 1);
      if (selector.admits(at, score)) selector.offer(at, score);
    }
    return {
      best,
      chosen: selector.best().map(({ at, score }) => ({ at, score, bm25: bm25[at] as number })),
    };
  }

  /**
   * The same selection without scoring every posting (see the class comment), in four steps:
   * accumulate the rarest query terms until the others are bounded; find the best BM25 among
   * eligible candidates; one pass over the candidates computing bounds; exact scores for the few
   * whose bound still reaches the top.
   */
  private selectPruned(plan: QueryPlan): { best: number; chosen: Chosen[] } {
    const lexical = new LexicalState(plan.terms);
    try {
      this.accumulate(plan, lexical);
      const best = this.bestBm25(plan, lexical);
      const kept = this.boundPass(plan, lexical, best);
      const selector = this.exactPass(plan, lexical, best, kept);
      return {
        best,
        chosen: selector.best().map(({ at, score }) => ({
          at,
          score,
          bm25: best > 0 ? this.exactBm25(plan.terms, at, null) : 0,
        })),
      };
    } finally {
      // Reset what was accumulated: the whole array when it is most of it, else entry by entry.
      const partial = this.scratch.bm25;
      if (lexical.postingsAdded > this.size / 4) partial.fill(0);
      else
        for (let j = 0; j < lexical.accumulated; j += 1) {
          const docs = (plan.terms[lexical.order[j] as number] as Postings).docs;
          for (let i = 0; i < docs.length; i += 1) partial[docs[i] as number] = 0;
        }
    }
  }

  /**
   * Step 1: adds the query terms, rarest first, into the partial sums until the largest possible
   * contributions of the terms left add up to at most `ACCUMULATE_UNTIL` of a lower bound on the
   * best BM25 (the exact BM25 of the eligible candidate with the best partial sum).
   */
  private accumulate(plan: QueryPlan, lexical: LexicalState): void {
    const { terms } = plan;
    const { order } = lexical;
    const partial = this.scratch.bm25;
    const excluded = this.scratch.excluded;
    const { kindOf, norm } = this;
    const allowed = plan.allowed;
    const k1p1 = this.k1 + 1;
    let floor = 0;
    let leaderPartial = 0;
    let rest = lexical.rest;
    while (lexical.accumulated < order.length && rest > ACCUMULATE_UNTIL * floor) {
      const p = terms[order[lexical.accumulated] as number] as Postings;
      lexical.accumulated += 1;
      const { docs, tfs, idf } = p;
      const count = docs.length;
      lexical.postingsAdded += count;
      let leader = -1;
      for (let i = 0; i < count; i += 1) {
        const at = docs[i] as number;
        const tf = tfs[i] as number;
        const value = (partial[at] as number) + (idf * tf * k1p1) / (tf + (norm[at] as number));
        partial[at] = value;
        if (value > leaderPartial && allowed[kindOf[at] as number] === 1 && excluded[at] === 0) {
          leaderPartial = value;
          leader = at;
        }
      }
      rest = 0;
      for (let j = lexical.accumulated; j < order.length; j += 1)
        rest += (terms[order[j] as number] as Postings).maxImpact;
      if (leader >= 0) floor = Math.max(floor, this.exactBm25(terms, leader, null));
    }
    lexical.rest = lexical.accumulated < order.length ? rest : 0;
    lexical.floor = floor;
    // The terms left out, largest contribution first: the first lookups tighten a bound most.
    const left = order.slice(lexical.accumulated);
    left.sort((x, y) => (terms[y] as Postings).maxImpact - (terms[x] as Postings).maxImpact || x - y);
    lexical.lookedUp = Int32Array.from(left);
  }

  /**
   * Step 2: the best BM25 among eligible candidates. Only a candidate whose partial sum plus the
   * bound of the terms left out beats the best so far is completed, term by term while it still
   * can; then it is scored exactly.
   */
  private bestBm25(plan: QueryPlan, lexical: LexicalState): number {
    const { terms, allowed } = plan;
    const { lookedUp, cursors, rest } = lexical;
    const partial = this.scratch.bm25;
    const excluded = this.scratch.excluded;
    const { kindOf, norm } = this;
    const k1p1 = this.k1 + 1;
    const n = this.size;
    const keep = 1 + BOUND_SLACK;
    let best = lexical.floor;
    if (terms.length === 0) return 0;
    cursors.fill(0);
    for (let at = 0; at < n; at += 1) {
      const sum = (partial[at] as number) + rest;
      if (sum <= 0 || sum * keep < best) continue;
      if (allowed[kindOf[at] as number] === 0 || excluded[at] === 1) continue;
      let bound = sum;
      for (let j = 0; j < lookedUp.length && bound * keep >= best; j += 1) {
        const slot = lookedUp[j] as number;
        const p = terms[slot] as Postings;
        bound -= p.maxImpact;
        const i = seek(p.docs, cursors, slot, at);
        if (i >= 0) {
          const tf = p.tfs[i] as number;
          bound += (p.idf * tf * k1p1) / (tf + (norm[at] as number));
        }
      }
      if (bound * keep < best) continue;
      const exact = this.exactBm25(terms, at, cursors);
      if (exact > best) best = exact;
    }
    return best;
  }

  /**
   * Step 3: one pass over every eligible candidate: its score without BM25 (`base`) and bounds
   * on its score with it. A heap of the `top` best lower bounds gives a threshold that no
   * candidate below can beat; the others are kept, in position order, for the exact step.
   */
  private boundPass(plan: QueryPlan, lexical: LexicalState, best: number): number {
    const w = this.weights;
    const n = this.size;
    const { bm25: partial, excluded, declined, sparse, survivors, survivorBase } = this.scratch;
    const { kindOf, track, districtOf, countryOf, availabilityFactor } = this;
    const { allowed, kindBase, district, countryShare, withSemantic } = plan;
    const rest = lexical.rest;
    const lexicalScale = best > 0 ? w.lexical / best : 0;
    const lexicalCap = best > 0 ? w.lexical : 0;
    const margin = BOUND_SLACK * this.magnitude();
    const wTrack = w.trackRecord;
    const wDistrict = w.sameDistrict;
    const wCountry = w.sameCountry;
    const wDeclined = w.declinedFactor;
    const lowest = new LowerBoundHeap(plan.top);
    let threshold = 0;
    let kept = 0;
    for (let at = 0; at < n; at += 1) {
      const k = kindOf[at] as number;
      if (allowed[k] === 0 || excluded[at] === 1) continue;
      let sum = (kindBase[k] as number) + wTrack * (track[at] as number) + (sparse[at] as number);
      if (districtOf[at] === district) sum += wDistrict;
      const country = countryOf[at] as number;
      if (country >= 0) sum += wCountry * (countryShare[country] as number);
      if (withSemantic) sum += w.semantic * this.semanticAt(plan, at);
      let factor = availabilityFactor[at] as number;
      if (declined[at] === 1) factor *= wDeclined;
      const base = sum * factor;
      const value = partial[at] as number;
      const low = base + factor * lexicalScale * value - margin;
      if (low > threshold) threshold = lowest.offer(low);
      const high =
        (value + rest >= best ? base + factor * lexicalCap : base + factor * lexicalScale * (value + rest)) +
        margin;
      if (high > 0 && high >= threshold) {
        survivors[kept] = at;
        survivorBase[kept] = base;
        kept += 1;
      }
    }
    lexical.floorScore = threshold;
    return kept;
  }

  /**
   * Step 4: the kept candidates in position order, against the higher of the lower-bound
   * threshold and the selector's own: the terms left out are looked up while the bound still
   * reaches it, and the candidates that remain are scored exactly.
   */
  private exactPass(plan: QueryPlan, lexical: LexicalState, best: number, kept: number): TopSelector {
    const w = this.weights;
    const { terms } = plan;
    const { lookedUp, cursors, rest, floorScore } = lexical;
    const { bm25: partial, declined, touchedMark, survivors, survivorBase } = this.scratch;
    const { norm, availabilityFactor } = this;
    const k1p1 = this.k1 + 1;
    const lexicalScale = best > 0 ? w.lexical / best : 0;
    const lexicalCap = best > 0 ? w.lexical : 0;
    const margin = BOUND_SLACK * this.magnitude();
    const selector = new TopSelector(plan.top, this.idRank);
    cursors.fill(0);
    for (let s = 0; s < kept; s += 1) {
      const at = survivors[s] as number;
      const base = survivorBase[s] as number;
      let factor = availabilityFactor[at] as number;
      if (declined[at] === 1) factor *= w.declinedFactor;
      const threshold = Math.max(floorScore, selector.threshold());
      // An upper bound of the score from an upper bound of the BM25 (the lexical signal is at most 1).
      let bound = (partial[at] as number) + rest;
      let high = (bound >= best ? base + factor * lexicalCap : base + factor * lexicalScale * bound) + margin;
      for (let j = 0; j < lookedUp.length && high >= threshold; j += 1) {
        const slot = lookedUp[j] as number;
        const p = terms[slot] as Postings;
        bound -= p.maxImpact;
        const i = seek(p.docs, cursors, slot, at);
        if (i >= 0) {
          const tf = p.tfs[i] as number;
          bound += (p.idf * tf * k1p1) / (tf + (norm[at] as number));
        }
        high = (bound >= best ? base + factor * lexicalCap : base + factor * lexicalScale * bound) + margin;
      }
      if (high < threshold || high <= 0) continue;
      const exact = best > 0 ? this.exactBm25(terms, at, cursors) : 0;
      const score = this.scoreOf(plan, at, best > 0 ? exact / best : 0, exact > 0 || touchedMark[at] === 1);
      if (selector.admits(at, score)) selector.offer(at, score);
    }
    return selector;
  }

  /**
   * A candidate's BM25, summed over the query terms in query order exactly as the exhaustive
   * selection sums it. With `cursors`, calls must come in ascending position order.
   */
  private exactBm25(terms: readonly Postings[], at: number, cursors: Int32Array | null): number {
    const norm = this.norm[at] as number;
    const k1p1 = this.k1 + 1;
    let sum = 0;
    for (let slot = 0; slot < terms.length; slot += 1) {
      const p = terms[slot] as Postings;
      const i = cursors ? seek(p.docs, cursors, slot, at) : binarySearch(p.docs, at);
      if (i < 0) continue;
      const tf = p.tfs[i] as number;
      sum = sum + (p.idf * tf * k1p1) / (tf + norm);
    }
    return sum;
  }

  /** An upper bound on the size of any score or partial score: what rounding is measured against. */
  private magnitude(): number {
    const w = this.weights;
    let sum = 1;
    for (const value of Object.values(w)) sum += Math.abs(value);
    return sum * Math.max(1, Math.abs(w.declinedFactor));
  }

  private signals(plan: QueryPlan, at: number, lexical: number): Signals {
    const d = this.damping;
    const { sharedCluster, clusterProjects, chainComplement, direct, adamicAdar } = this.scratch;
    const c = this.candidates[at] as MatchCandidate;
    const country = c.country;
    return {
      lexical,
      semantic: plan.withSemantic ? this.semanticAt(plan, at) : 0,
      kindFit: plan.fitByKind[this.kindOf[at] as number] as number,
      sharedCluster: sharedCluster[at] as number,
      clusterDepth: damp(clusterProjects[at] as number, d.clusterDepthHalf),
      chainComplement: chainComplement[at] as number,
      sameDistrict: plan.query.district && c.district === plan.query.district ? 1 : 0,
      sameCountry: country ? Math.min(1, Math.max(0, plan.query.countries?.get(country) ?? 0)) : 0,
      pastCollaboration: damp(direct[at] as number, d.pastCollaborationHalf),
      networkProximity: damp(adamicAdar[at] as number, d.networkProximityHalf),
      trackRecord: this.track[at] as number,
    };
  }

  /** The facts behind a candidate's score, each one checkable against the data. */
  private reasons(at: number, c: MatchCandidate, s: Signals, plan: QueryPlan): MatchReason[] {
    const { query, queryTerms, partners } = plan;
    const { viaTimes, direct, adamicAdar } = this.scratch;
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

/**
 * Finds `value` in an ascending list, starting from `cursors[slot]` and leaving the cursor at the
 * first entry not below it: galloping, so a walk over ascending values costs about the log of the
 * gaps. Returns the index, or -1.
 */
function seek(sorted: Int32Array, cursors: Int32Array, slot: number, value: number): number {
  const length = sorted.length;
  let lo = cursors[slot] as number;
  if (lo >= length) return -1;
  if ((sorted[lo] as number) < value) {
    // Gallop to a window (lo, hi] that holds the first entry ≥ value, then bisect it.
    let step = 1;
    let hi = lo + 1;
    while (hi < length && (sorted[hi] as number) < value) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (hi > length) hi = length;
    while (lo + 1 < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < value) lo = mid;
      else hi = mid;
    }
    lo = hi;
  }
  cursors[slot] = lo;
  return lo < length && sorted[lo] === value ? lo : -1;
}

/** Pruning's per-query state of the lexical signal (see `selectPruned`). */
class LexicalState {
  /** Query term slots, rarest first; the first `accumulated` are in the partial sums. */
  readonly order: number[];
  accumulated = 0;
  postingsAdded = 0;
  /** Sum of the largest contributions of the terms not accumulated. */
  rest = 0;
  /** A lower bound on the best BM25, from step 1. */
  floor = 0;
  /** The terms not accumulated, largest contribution first. */
  lookedUp = new Int32Array(0);
  /** Per term slot: where the last ascending lookup in its postings ended. */
  readonly cursors: Int32Array;
  /** The `top`-th best lower bound on a score, from step 3. */
  floorScore = 0;

  constructor(terms: readonly Postings[]) {
    this.order = terms.map((_, slot) => slot);
    this.order.sort((x, y) => (terms[x] as Postings).docs.length - (terms[y] as Postings).docs.length || x - y);
    for (const p of terms) this.rest += p.maxImpact;
    this.cursors = new Int32Array(terms.length);
  }
}

/** The `size` largest numbers offered, as a min-heap: its root is the size-th best so far. */
class LowerBoundHeap {
  private readonly heap: Float64Array;
  private count = 0;

  constructor(private readonly size: number) {
    this.heap = new Float64Array(size);
  }

  /** Offers a value; returns the new threshold. */
  offer(value: number): number {
    const heap = this.heap;
    if (this.count < this.size) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((heap[parent] as number) <= value) break;
        heap[i] = heap[parent] as number;
        i = parent;
      }
      heap[i] = value;
      return this.threshold();
    }
    if (value <= (heap[0] as number)) return heap[0] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.count) break;
      const r = l + 1;
      const child = r < this.count && (heap[r] as number) < (heap[l] as number) ? r : l;
      if ((heap[child] as number) >= value) break;
      heap[i] = heap[child] as number;
      i = child;
    }
    heap[i] = value;
    return heap[0] as number;
  }

  /** The size-th largest value offered, or 0 while fewer were offered (scores must be positive). */
  threshold(): number {
    return this.count < this.size ? 0 : (this.heap[0] as number);
  }
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
 * Keeps the `top` highest positive scores offered, best first, ties broken by id (through the
 * candidates' id order) so the result never depends on insertion order. A bounded min-heap keeps
 * it O(n log top).
 */
class TopSelector {
  private readonly heap: { at: number; score: number }[] = [];

  constructor(
    private readonly top: number,
    private readonly idRank: Int32Array,
  ) {}

  private better(a: { at: number; score: number }, b: { at: number; score: number }): boolean {
    return a.score !== b.score
      ? a.score > b.score
      : (this.idRank[a.at] as number) < (this.idRank[b.at] as number);
  }

  /** The score to reach to enter: the worst kept once full (ties enter by id), else 0. */
  threshold(): number {
    return this.heap.length < this.top ? 0 : (this.heap[0] as { at: number; score: number }).score;
  }

  /** Whether a candidate with this score would enter (cheap: most candidates are turned away here). */
  admits(at: number, score: number): boolean {
    if (!(score > 0) || !Number.isFinite(score)) return false;
    if (this.heap.length < this.top) return true;
    const worst = this.heap[0] as { at: number; score: number };
    return (
      score > worst.score ||
      (score === worst.score && (this.idRank[at] as number) < (this.idRank[worst.at] as number))
    );
  }

  offer(at: number, score: number): void {
    if (!this.admits(at, score)) return;
    const heap = this.heap;
    const entry = { at, score };
    if (heap.length < this.top) {
      heap.push(entry);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.better(heap[parent] as typeof entry, heap[i] as typeof entry)) break;
        [heap[parent], heap[i]] = [heap[i] as typeof entry, heap[parent] as typeof entry];
        i = parent;
      }
      return;
    }
    // Replace the worst kept (the root) and let the newcomer sink to its place.
    heap[0] = entry;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && this.better(heap[worst] as typeof entry, heap[l] as typeof entry)) worst = l;
      if (r < heap.length && this.better(heap[worst] as typeof entry, heap[r] as typeof entry)) worst = r;
      if (worst === i) return;
      [heap[worst], heap[i]] = [heap[i] as typeof entry, heap[worst] as typeof entry];
      i = worst;
    }
  }

  best(): { at: number; score: number }[] {
    return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : 1));
  }
}
