/**
 * The hybrid ranker (pure): BM25 over analyser tokens plus structural signals — kind fit, shared
 * clusters and chain complementarity, district and country, collaboration-graph proximity, track
 * record, availability and feedback. Build the index once, then rank many queries against it.
 * Every result carries its score and the checkable facts that produced it.
 */
import { CHAIN_POSITIONS, type ChainPosition } from '../organizations/schemas.js';
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
   * A long query text is matched on its most telling terms only — the highest query-frequency ×
   * idf, as Lucene's MoreLikeThis does (default 25, its default too).
   */
  maxQueryTerms?: number;
}

/** How many of a query's terms the lexical signal reads at most (see `MatchIndexOptions`). */
export const MAX_QUERY_TERMS = 25;

/**
 * A term's posting list: the candidates that use it, in index order, each with the term's BM25
 * contribution `idf · tf·(k1+1) / (tf + k1·(1 − b + b·length/average))`, computed once at build
 * time, so a query only adds.
 */
interface Postings {
  docs: Int32Array;
  contributions: Float64Array;
  idf: number;
}

/** A profile class's cluster memberships: cluster number, chain position and project count. */
interface ClassMembership {
  cluster: number;
  /** Index in CHAIN_POSITIONS, or -1 when the candidate gave none. */
  chain: number;
  projects: number;
}

/** What a query's clusters give one profile class: membership, project count, complementarity. */
interface ClusterSignals {
  shared: number;
  projects: number;
  complement: number;
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
  private readonly weights: MatchWeights;
  private readonly damping: MatchDamping;
  private readonly k1: number;
  private readonly b: number;
  private readonly maxQueryTerms: number;
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
  private readonly clusterIds = new Map<string, number>();
  /** Per candidate: its kind as a number and its damped track record. */
  private readonly kindOf: Uint16Array;
  private readonly kindNames: string[] = [];
  private readonly track: Float64Array;
  /** Per candidate: the weighted track record, the query-independent part of every score. */
  private readonly trackTerm: Float64Array;
  /** Per candidate: its place in id order, so ties are broken by id with one integer comparison. */
  private readonly idRank: Int32Array;
  /**
   * Candidates alike in kind, district, country and availability share a profile class, and those
   * with the same cluster memberships a membership class, so a query weighs these signals once per
   * class and the dense pass reads two numbers per candidate for them.
   */
  private readonly classOf: Int32Array;
  private readonly membershipClassOf: Int32Array;
  private readonly classMemberships: readonly (readonly ClassMembership[])[];
  private readonly classKind: Uint16Array;
  private readonly classDistrict: Int32Array;
  private readonly classCountry: Int32Array;
  private readonly classAvailability: Float64Array;
  private readonly districtIds = new Map<string, number>();
  private readonly countryIds = new Map<string, number>();
  /** Scratch space reused by every query (ranking is synchronous), reset through `touched`. */
  private readonly scratch: {
    bm25: Float64Array;
    direct: Float64Array;
    adamicAdar: Float64Array;
    excluded: Uint8Array;
    declined: Uint8Array;
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
    this.maxQueryTerms = Math.max(1, Math.floor(options.maxQueryTerms ?? MAX_QUERY_TERMS));
    this.graph = options.graph ?? new Map();
    this.semantic = options.semantic;
    const lengths = new Float64Array(candidates.length);
    const building = new Map<string, { docs: number[]; tfs: number[] }>();
    let total = 0;
    candidates.forEach((candidate, at) => {
      if (this.position.has(candidate.id)) throw new Error(`Duplicate candidate id ${candidate.id}`);
      this.position.set(candidate.id, at);
      lengths[at] = candidate.tokens.length;
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
    const averageLength = candidates.length > 0 ? total / candidates.length || 1 : 1;
    const n = candidates.length;
    const { k1, b } = this;
    for (const [token, list] of building) {
      const df = list.docs.length;
      // Lucene's BM25 idf: always positive, so a very common term still counts a little.
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const contributions = new Float64Array(df);
      for (let i = 0; i < df; i += 1) {
        const tf = list.tfs[i] as number;
        const norm = k1 * (1 - b + (b * (lengths[list.docs[i] as number] as number)) / averageLength);
        contributions[i] = (idf * tf * (k1 + 1)) / (tf + norm);
      }
      this.postings.set(token, { docs: Int32Array.from(list.docs), contributions, idf });
      building.delete(token);
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
    this.trackTerm = new Float64Array(n);
    this.classOf = new Int32Array(n);
    const classIds = new Map<string, number>();
    const classes: { kind: number; district: number; country: number; availability: number }[] = [];
    this.membershipClassOf = new Int32Array(n);
    const membershipIds = new Map<string, number>();
    const membershipClasses: ClassMembership[][] = [];
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
      const memberships: ClassMembership[] = (c.clusters ?? [])
        .map((m) => ({
          cluster: idOf(this.clusterIds, m.cluster),
          chain: m.chainPosition ? CHAIN_POSITIONS.indexOf(m.chainPosition) : -1,
          projects: m.projects ?? 1,
        }))
        .sort((x, y) => x.cluster - y.cluster || x.chain - y.chain || x.projects - y.projects);
      this.track[at] = damp(c.projects ?? 0, this.damping.trackRecordHalf);
      this.trackTerm[at] = w.trackRecord * damp(c.projects ?? 0, this.damping.trackRecordHalf);
      const district = idOf(this.districtIds, c.district);
      const country = idOf(this.countryIds, c.country);
      const available = Math.min(1, Math.max(0, c.availability ?? 1));
      const availability = w.availabilityFloor + (1 - w.availabilityFloor) * available;
      const key = `${k} ${district} ${country} ${availability}`;
      let profileClass = classIds.get(key);
      if (profileClass === undefined) {
        classIds.set(key, (profileClass = classes.length));
        classes.push({ kind: k, district, country, availability });
      }
      const membershipKey = memberships.map((m) => `${m.cluster}:${m.chain}:${m.projects}`).join(',');
      let membershipClass = membershipIds.get(membershipKey);
      if (membershipClass === undefined) {
        membershipIds.set(membershipKey, (membershipClass = membershipClasses.length));
        membershipClasses.push(memberships);
      }
      this.membershipClassOf[at] = membershipClass;
      this.classOf[at] = profileClass;
    });
    this.classKind = Uint16Array.from(classes, (c) => c.kind);
    this.classDistrict = Int32Array.from(classes, (c) => c.district);
    this.classCountry = Int32Array.from(classes, (c) => c.country);
    this.classAvailability = Float64Array.from(classes, (c) => c.availability);
    this.classMemberships = membershipClasses;
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
      excluded: new Uint8Array(n),
      declined: new Uint8Array(n),
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

  /**
   * Ranks the candidates for a query: best first, ties by id, at most `top`, only positive scores.
   *
   * Every eligible candidate is scored exactly, over typed arrays and with no object per
   * candidate: BM25 added up from the query terms' precomputed contributions into a dense array;
   * the graph signals where the partners' ties reach; kind fit, district, country and clusters
   * once per class of candidates alike in them; then the candidates the graph reached, and one
   * pass over all the others, each offered to a bounded heap of the best `top`.
   */
  rank(query: MatchQuery): MatchResult[] {
    const n = this.size;
    const top = Math.max(0, Math.floor(query.top ?? 10));
    if (n === 0 || top === 0) return [];
    const w = this.weights;
    const d = this.damping;
    const { bm25, direct, adamicAdar, excluded, declined, viaTimes, isPartner } = this.scratch;
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
    let lexicalRan = false;
    try {
      const kindCount = this.kindNames.length;
      const allowed = new Uint8Array(kindCount);
      const fitByKind = new Float64Array(kindCount);
      for (let k = 0; k < kindCount; k += 1) {
        const kind = this.kindNames[k] as string;
        allowed[k] = !query.kinds?.length || query.kinds.includes(kind) ? 1 : 0;
        fitByKind[k] = isKindFit(query.seekerKind, kind) ? 1 : 0;
      }
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
      const { kindOf } = this;

      // Lexical: BM25 over the query's distinct terms, then the best among the eligible candidates.
      const queryTerms = this.tellingTerms(query.tokens);
      let bestBm25 = 0;
      if (w.lexical !== 0) {
        for (const term of queryTerms) {
          const p = this.postings.get(term);
          if (!p) continue;
          lexicalRan = true;
          addPostings(bm25, p.docs, p.contributions);
        }
        if (lexicalRan) {
          for (let at = 0; at < n; at += 1) {
            const value = bm25[at] as number;
            if (value > bestBm25 && allowed[kindOf[at] as number] === 1 && excluded[at] === 0)
              bestBm25 = value;
          }
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

      // Clusters: what each wanted cluster asks for (its chain position, or -1 for none; -2 not wanted).
      const wantedChain = new Int8Array(this.clusterIds.size).fill(-2);
      for (const c of query.clusters ?? []) {
        const cluster = this.clusterIds.get(c.cluster);
        if (cluster !== undefined)
          wantedChain[cluster] = c.chainPosition ? CHAIN_POSITIONS.indexOf(c.chainPosition) : -1;
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
      const clustersAt = (at: number): ClusterSignals =>
        clusterSignals(this.classMemberships[this.membershipClassOf[at] as number] ?? [], wantedChain);
      const signals = (at: number): Signals => {
        const clusters = clustersAt(at);
        return {
          lexical: lexicalAt(at),
          semantic: semanticAt(at),
          kindFit: fitByKind[this.kindOf[at] as number] as number,
          sharedCluster: clusters.shared,
          clusterDepth: damp(clusters.projects, d.clusterDepthHalf),
          chainComplement: clusters.complement,
          sameDistrict: districtAt(at),
          sameCountry: countryAt(at),
          pastCollaboration: damp(direct[at] as number, d.pastCollaborationHalf),
          networkProximity: damp(adamicAdar[at] as number, d.networkProximityHalf),
          trackRecord: this.track[at] as number,
        };
      };
      // Per profile class: may it enter, and what kind fit, district and country add.
      const countryShare = new Float64Array(this.countryIds.size);
      for (const [country, share] of query.countries ?? []) {
        const id = this.countryIds.get(country);
        if (id !== undefined) countryShare[id] = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
      }
      const district = query.district ? (this.districtIds.get(query.district) ?? -2) : -2;
      const classCount = this.classKind.length;
      const classAllowed = new Uint8Array(classCount);
      const classBase = new Float64Array(classCount);
      for (let c = 0; c < classCount; c += 1) {
        const k = this.classKind[c] as number;
        const country = this.classCountry[c] as number;
        classAllowed[c] = allowed[k] as number;
        classBase[c] =
          w.kindFit * (fitByKind[k] as number) +
          (this.classDistrict[c] === district ? w.sameDistrict : 0) +
          (country >= 0 ? w.sameCountry * (countryShare[country] as number) : 0);
      }
      const membershipBase = new Float64Array(this.classMemberships.length);
      if (query.clusters?.length) {
        this.classMemberships.forEach((memberships, c) => {
          const clusters = clusterSignals(memberships, wantedChain);
          membershipBase[c] =
            w.sharedCluster * clusters.shared +
            w.clusterDepth * damp(clusters.projects, d.clusterDepthHalf) +
            w.chainComplement * clusters.complement;
        });
      }
      let semanticTerm: Float64Array | null = null;
      if (this.semantic !== undefined && w.semantic !== 0) {
        semanticTerm = new Float64Array(n);
        for (let at = 0; at < n; at += 1) semanticTerm[at] = w.semantic * semanticAt(at);
      }
      const dense: DenseInput = {
        classOf: this.classOf,
        classAllowed,
        classBase,
        membershipClassOf: this.membershipClassOf,
        membershipBase,
        classAvailability: this.classAvailability,
        trackTerm: this.trackTerm,
        bm25,
        lexicalWeight: bestBm25 > 0 ? w.lexical : 0,
        lexicalScale: bestBm25 > 0 ? bestBm25 : 1,
        semanticTerm,
        touchedMark,
      };
      const selector = new TopSelector(top, this.idRank);
      // The touched candidates — reached through the graph, excluded or declined — one by one.
      const { classOf } = this;
      for (let i = 0; i < touchedCount; i += 1) {
        const at = touched[i] as number;
        if (excluded[at] === 1 || classAllowed[classOf[at] as number] === 0) continue;
        const structural =
          w.pastCollaboration * damp(direct[at] as number, d.pastCollaborationHalf) +
          w.networkProximity * damp(adamicAdar[at] as number, d.networkProximityHalf);
        let score = scoreOf(dense, at, structural);
        if (declined[at] === 1) score *= w.declinedFactor;
        if (score >= selector.floor()) selector.offer(at, score);
      }
      // Every other candidate, in a function of its own so that it compiles tight.
      scoreUntouched(dense, selector);
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
      if (lexicalRan) bm25.fill(0);
      for (let i = 0; i < touchedCount; i += 1) {
        const at = touched[i] as number;
        touchedMark[at] = 0;
        direct[at] = 0;
        adamicAdar[at] = 0;
        excluded[at] = 0;
        declined[at] = 0;
      }
      for (const v of touchedNodes) {
        viaTimes[v] = 0;
        isPartner[v] = 0;
      }
    }
  }

  /**
   * The query's distinct terms that the index knows, in the order they first occur — all of them,
   * or for a long text the `maxQueryTerms` with the highest query frequency × idf (ties by the
   * term), so that a page-long need costs no more than a paragraph.
   */
  private tellingTerms(tokens: readonly string[]): string[] {
    const frequency = new Map<string, number>();
    for (const token of tokens) {
      if (this.postings.has(token)) frequency.set(token, (frequency.get(token) ?? 0) + 1);
    }
    const terms = [...frequency.keys()];
    if (terms.length <= this.maxQueryTerms) return terms;
    const weight = (term: string): number =>
      (frequency.get(term) as number) * (this.postings.get(term) as Postings).idf;
    const kept = new Set(
      [...terms]
        .sort((x, y) => weight(y) - weight(x) || (x < y ? -1 : x > y ? 1 : 0))
        .slice(0, this.maxQueryTerms),
    );
    return terms.filter((term) => kept.has(term));
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

/** The complementary chain positions, by index in CHAIN_POSITIONS: [wanted][candidate]. */
const COMPLEMENTS: readonly (readonly boolean[])[] = CHAIN_POSITIONS.map((wanted) =>
  CHAIN_POSITIONS.map((position) => isChainComplement(wanted, position)),
);

/**
 * What a query's clusters give a candidate with these memberships: whether it shares one, its
 * projects in them, and whether its chain position complements the wanted one in any of them.
 * `wantedChain` holds per cluster number the wanted chain position, -1 for none, -2 not wanted.
 */
function clusterSignals(memberships: readonly ClassMembership[], wantedChain: Int8Array): ClusterSignals {
  let shared = 0;
  let projects = 0;
  let complement = 0;
  for (const m of memberships) {
    const wanted = wantedChain[m.cluster] as number;
    if (wanted === -2) continue;
    shared = 1;
    projects += m.projects;
    if (wanted >= 0 && m.chain >= 0 && COMPLEMENTS[wanted]?.[m.chain] === true) complement = 1;
  }
  return { shared, projects, complement };
}

/** Adds a posting list's contributions into the dense BM25 accumulator. */
function addPostings(bm25: Float64Array, docs: Int32Array, contributions: Float64Array): void {
  const length = docs.length;
  for (let i = 0; i < length; i += 1) {
    const at = docs[i] as number;
    bm25[at] = (bm25[at] as number) + (contributions[i] as number);
  }
}

/** Everything the dense pass reads: per-candidate arrays and the query's constants. */
interface DenseInput {
  classOf: Int32Array;
  classAllowed: Uint8Array;
  /** Kind fit, district and country, weighted, per profile class. */
  classBase: Float64Array;
  membershipClassOf: Int32Array;
  /** Shared cluster, depth in it and chain complementarity, weighted, per membership class. */
  membershipBase: Float64Array;
  classAvailability: Float64Array;
  trackTerm: Float64Array;
  bm25: Float64Array;
  lexicalWeight: number;
  lexicalScale: number;
  semanticTerm: Float64Array | null;
  /** Candidates scored one by one (structural signals, excluded, declined): the dense pass skips them. */
  touchedMark: Uint8Array;
}

/**
 * A candidate's score before a decline: the weighted sum of its signals — its profile class's kind
 * fit, district and country, its membership class's cluster signals, its track record, its
 * normalised BM25, its graph signals (`structural`) and the semantic similarity — times its
 * availability factor.
 */
function scoreOf(input: DenseInput, at: number, structural: number): number {
  const profileClass = input.classOf[at] as number;
  let sum =
    (input.classBase[profileClass] as number) +
    (input.membershipBase[input.membershipClassOf[at] as number] as number) +
    (input.trackTerm[at] as number) +
    (input.lexicalWeight * ((input.bm25[at] as number) / input.lexicalScale) + structural);
  if (input.semanticTerm !== null) sum += input.semanticTerm[at] as number;
  return sum * (input.classAvailability[profileClass] as number);
}

/**
 * Scores every candidate the query did not touch exactly as `scoreOf` would (their structural
 * signals are 0) and offers it to the selector, turning away at once the scores below its floor.
 */
function scoreUntouched(input: DenseInput, selector: TopSelector): void {
  const { classOf, classAllowed, classBase, classAvailability, trackTerm, bm25, semanticTerm } = input;
  const { membershipClassOf, membershipBase } = input;
  const { lexicalWeight, lexicalScale, touchedMark } = input;
  const n = classOf.length;
  let floor = selector.floor();
  for (let at = 0; at < n; at += 1) {
    if (touchedMark[at] === 1) continue;
    const profileClass = classOf[at] as number;
    if (classAllowed[profileClass] === 0) continue;
    let sum =
      (classBase[profileClass] as number) +
      (membershipBase[membershipClassOf[at] as number] as number) +
      (trackTerm[at] as number) +
      lexicalWeight * ((bm25[at] as number) / lexicalScale);
    if (semanticTerm !== null) sum += semanticTerm[at] as number;
    const score = sum * (classAvailability[profileClass] as number);
    // Only positive scores enter; once `top` are kept, only those at least the worst kept.
    if (score < floor) continue;
    if (selector.admits(at, score)) {
      selector.offer(at, score);
      floor = selector.floor();
    }
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

  /** The score a newcomer must at least reach: the worst kept once `top` are kept, else 0. */
  floor(): number {
    return this.heap.length < this.top ? 0 : (this.heap[0] as { at: number; score: number }).score;
  }

  best(): { at: number; score: number }[] {
    return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : 1));
  }
}
