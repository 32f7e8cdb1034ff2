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
  /** For each cluster: its member candidates, their project counts and chain positions. */
  private readonly clusterMembers = new Map<
    string,
    { at: number; projects: number; chainPosition: ChainPosition | null }[]
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
    candidates.forEach((c, at) => {
      let k = kinds.get(c.kind);
      if (k === undefined) {
        k = kinds.size;
        kinds.set(c.kind, k);
        this.kindNames.push(c.kind);
      }
      this.kindOf[at] = k;
      for (const membership of c.clusters ?? []) {
        let list = this.clusterMembers.get(membership.cluster);
        if (!list) this.clusterMembers.set(membership.cluster, (list = []));
        list.push({
          at,
          projects: membership.projects ?? 1,
          chainPosition: membership.chainPosition ?? null,
        });
      }
      this.track[at] = damp(c.projects ?? 0, this.damping.trackRecordHalf);
      this.districtOf[at] = idOf(this.districtIds, c.district);
      this.countryOf[at] = idOf(this.countryIds, c.country);
      const availability = Math.min(1, Math.max(0, c.availability ?? 1));
      this.availabilityFactor[at] = w.availabilityFloor + (1 - w.availabilityFloor) * availability;
    });
    this.idRank = new Int32Array(n);
    const byId = candidates
      .map((c, at) => ({ id: c.id, at }))
      .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    byId.forEach(({ at }, rank) => {
      this.idRank[at] = rank;
    });
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
    };
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
      bm25,
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
      const allowedKind = this.kindNames.map((kind) => !query.kinds?.length || query.kinds.includes(kind));
      const fitByKind = this.kindNames.map((kind) => (isKindFit(query.seekerKind, kind) ? 1 : 0));
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
      const isEligible = (at: number): boolean =>
        (allowedKind[this.kindOf[at] as number] as boolean) && excluded[at] === 0;

      // Lexical: BM25 over the query's distinct tokens.
      const queryTerms = [...new Set(query.tokens)];
      let bestBm25 = 0;
      if (w.lexical !== 0) {
        for (const term of queryTerms) {
          const p = this.postings.get(term);
          if (!p) continue;
          for (let i = 0; i < p.docs.length; i += 1) {
            const at = p.docs[i] as number;
            const tf = p.tfs[i] as number;
            const norm =
              this.k1 * (1 - this.b + (this.b * (this.lengths[at] as number)) / this.averageLength);
            if (touchedMark[at] === 0) {
              touchedMark[at] = 1;
              touched[touchedCount++] = at;
            }
            bm25[at] = (bm25[at] as number) + (p.idf * tf * (this.k1 + 1)) / (tf + norm);
          }
        }
        for (let i = 0; i < touchedCount; i += 1) {
          const at = touched[i] as number;
          if (isEligible(at) && (bm25[at] as number) > bestBm25) bestBm25 = bm25[at] as number;
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
        for (const { at, projects, chainPosition } of list) {
          touch(at);
          sharedCluster[at] = 1;
          clusterProjects[at] = (clusterProjects[at] as number) + projects;
          if (wanted && chainPosition && isChainComplement(wanted, chainPosition)) chainComplement[at] = 1;
        }
      }

      const lexicalAt = (at: number): number => (bestBm25 > 0 ? (bm25[at] as number) / bestBm25 : 0);
      const semanticAt = (at: number): number => {
        if (!this.semantic || w.semantic === 0) return 0;
        const similarity = Math.max(
          0,
          this.semantic.similarity(query.tokens, (this.candidates[at] as MatchCandidate).id),
        );
        return Number.isFinite(similarity) ? Math.min(1, similarity) : 0;
      };
      const districtAt = (at: number): number =>
        query.district && (this.candidates[at] as MatchCandidate).district === query.district ? 1 : 0;
      const countryAt = (at: number): number => {
        const country = (this.candidates[at] as MatchCandidate).country;
        return country ? Math.min(1, Math.max(0, query.countries?.get(country) ?? 0)) : 0;
      };
      const signals = (at: number): Signals => ({
        lexical: lexicalAt(at),
        semantic: semanticAt(at),
        kindFit: fitByKind[this.kindOf[at] as number] as number,
        sharedCluster: sharedCluster[at] as number,
        clusterDepth: damp(clusterProjects[at] as number, d.clusterDepthHalf),
        chainComplement: chainComplement[at] as number,
        sameDistrict: districtAt(at),
        sameCountry: countryAt(at),
        pastCollaboration: damp(direct[at] as number, d.pastCollaborationHalf),
        networkProximity: damp(adamicAdar[at] as number, d.networkProximityHalf),
        trackRecord: this.track[at] as number,
      });
      // The query-specific signals live on the touched candidates: sum them there (repeats rewrite the same sum).
      for (let i = 0; i < touchedCount; i += 1) {
        const at = touched[i] as number;
        sparse[at] =
          w.lexical * lexicalAt(at) +
          w.sharedCluster * (sharedCluster[at] as number) +
          w.clusterDepth * damp(clusterProjects[at] as number, d.clusterDepthHalf) +
          w.chainComplement * (chainComplement[at] as number) +
          w.pastCollaboration * damp(direct[at] as number, d.pastCollaborationHalf) +
          w.networkProximity * damp(adamicAdar[at] as number, d.networkProximityHalf);
      }
      // The dense pass: typed arrays only, so a million candidates take milliseconds.
      const kindCount = this.kindNames.length;
      const allowed = new Uint8Array(kindCount);
      const kindBase = new Float64Array(kindCount);
      for (let k = 0; k < kindCount; k += 1) {
        allowed[k] = allowedKind[k] ? 1 : 0;
        kindBase[k] = w.kindFit * (fitByKind[k] as number);
      }
      const district = query.district ? (this.districtIds.get(query.district) ?? -2) : -2;
      const countryShare = new Float64Array(this.countryIds.size);
      for (const [country, share] of query.countries ?? []) {
        const id = this.countryIds.get(country);
        if (id !== undefined) countryShare[id] = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
      }
      const withSemantic = this.semantic !== undefined && w.semantic !== 0;
      const { kindOf, track, districtOf, countryOf, availabilityFactor } = this;
      const selector = new TopSelector(top, this.idRank);
      for (let at = 0; at < n; at += 1) {
        const k = kindOf[at] as number;
        if (allowed[k] === 0 || excluded[at] === 1) continue;
        let sum = (kindBase[k] as number) + w.trackRecord * (track[at] as number) + (sparse[at] as number);
        if (districtOf[at] === district) sum += w.sameDistrict;
        const country = countryOf[at] as number;
        if (country >= 0) sum += w.sameCountry * (countryShare[country] as number);
        if (withSemantic) sum += w.semantic * semanticAt(at);
        let score = sum * (availabilityFactor[at] as number);
        if (declined[at] === 1) score *= w.declinedFactor;
        if (selector.admits(at, score)) selector.offer(at, score);
      }
      return selector.best().map(({ at, score }) => {
        const c = this.candidates[at] as MatchCandidate;
        return {
          id: c.id,
          score,
          reasons: this.reasons(
            at,
            c,
            signals(at),
            query,
            queryTerms,
            partners,
            viaTimes,
            direct,
            adamicAdar,
          ),
        };
      });
    } finally {
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
