import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchIndex, type MatchCandidate, type MatchQuery, type MatchReason } from './ranking.js';
import { damp, isChainComplement, isKindFit } from './rules.js';
import { MATCH_DAMPING, MATCH_WEIGHTS } from './weights.js';

function candidate(id: string, overrides: Partial<MatchCandidate> = {}): MatchCandidate {
  return { id, kind: 'university', tokens: [], ...overrides };
}

const graph = new Map<string, Map<string, number>>([
  [
    'seeker',
    new Map([
      ['old-partner', 3],
      ['bridge', 1],
    ]),
  ],
  ['old-partner', new Map([['seeker', 3]])],
  [
    'bridge',
    new Map([
      ['seeker', 1],
      ['friend-of-bridge', 2],
    ]),
  ],
  ['friend-of-bridge', new Map([['bridge', 2]])],
]);

describe('MatchIndex.rank', () => {
  it('ranks by shared terms and says which terms', () => {
    const index = new MatchIndex(
      [
        candidate('sic', { tokens: ['碳化硅', 'power', 'device'] }),
        candidate('bio', { tokens: ['biomedical', 'imaging'] }),
        candidate('both', { tokens: ['power', 'imaging'] }),
      ],
      { weights: { kindFit: 0 } },
    );
    const results = index.rank({ tokens: ['碳化硅', 'power'] });
    expect(results.map((r) => r.id)).toEqual(['sic', 'both']);
    expect(results[0]?.reasons).toContainEqual({ code: 'shared_terms', terms: ['碳化硅', 'power'] });
  });

  it('matches a long text on its most telling terms, as many as maxQueryTerms', () => {
    // 25 rare terms, each in one candidate, and one common term that nine more candidates share.
    const rare = Array.from({ length: 25 }, (_, i) => `rare${String(i).padStart(2, '0')}`);
    const candidates = [
      ...rare.map((term) => candidate(term, { tokens: [term] })),
      ...Array.from({ length: 9 }, (_, i) => candidate(`common${i}`, { tokens: ['common'] })),
    ];
    const text = [...rare, 'common', 'unknown'];
    const capped = new MatchIndex(candidates, { weights: { kindFit: 0, trackRecord: 0 } });
    const results = capped.rank({ tokens: text, top: 50 });
    // The common term is the least telling of 26 known terms: it is left out, so are its candidates.
    expect(results.map((r) => r.id).sort()).toEqual(rare);
    const uncapped = new MatchIndex(candidates, {
      weights: { kindFit: 0, trackRecord: 0 },
      maxQueryTerms: 26,
    });
    expect(uncapped.rank({ tokens: text, top: 50 })).toHaveLength(34);
    // A term said twice weighs twice: now the common term outweighs one rare term (the last by name).
    const repeated = capped.rank({ tokens: [...text, 'common', 'common', 'common'], top: 50 });
    expect(repeated.map((r) => r.id)).toContain('common0');
    expect(repeated.map((r) => r.id)).not.toContain('rare24');
  });

  it('keeps to the kinds asked for and leaves out excluded candidates', () => {
    const index = new MatchIndex([
      candidate('u', { tokens: ['ai'] }),
      candidate('e', { kind: 'enterprise', tokens: ['ai'] }),
      candidate('r', { kind: 'research_institute', tokens: ['ai'] }),
    ]);
    // Equal text: the university fits an unknown seeker's wanted kinds, the enterprise does not.
    expect(index.rank({ tokens: ['ai'], kinds: ['enterprise', 'university'] }).map((r) => r.id)).toEqual([
      'u',
      'e',
    ]);
    expect(index.rank({ tokens: ['ai'], exclude: new Set(['u']) }).map((r) => r.id)).toEqual(['r', 'e']);
  });

  it('prefers past partners, then partners of partners (equal weights), and cites them', () => {
    const index = new MatchIndex(
      [candidate('old-partner'), candidate('friend-of-bridge'), candidate('stranger')],
      {
        graph,
        weights: { kindFit: 0, pastCollaboration: 1, networkProximity: 1 },
        damping: { pastCollaborationHalf: 1, networkProximityHalf: 1 },
      },
    );
    const results = index.rank({ tokens: [], partners: ['seeker'] });
    expect(results.map((r) => r.id)).toEqual(['old-partner', 'friend-of-bridge']);
    expect(results[0]?.reasons).toContainEqual({
      code: 'past_collaboration',
      count: 3,
      partners: ['seeker'],
    });
    expect(results[1]?.reasons).toContainEqual({ code: 'network_proximity', via: 1 });
  });

  it('rewards chain complementarity in a shared cluster and the same district', () => {
    const index = new MatchIndex(
      [
        candidate('peer', { clusters: [{ cluster: 'ic', chainPosition: 'midstream' }] }),
        candidate('supplier', { clusters: [{ cluster: 'ic', chainPosition: 'upstream' }], district: 'sip' }),
      ],
      { weights: { kindFit: 0 } },
    );
    const [first, second] = index.rank({
      tokens: [],
      clusters: [{ cluster: 'ic', chainPosition: 'midstream' }],
      district: 'sip',
    });
    expect(first?.id).toBe('supplier');
    expect(first?.reasons).toEqual(
      expect.arrayContaining([
        { code: 'chain_complement', cluster: 'ic', from: 'midstream', to: 'upstream' },
        { code: 'same_district', district: 'sip' },
      ]),
    );
    expect(second?.reasons).not.toContainEqual(expect.objectContaining({ code: 'chain_complement' }));
  });

  it('demotes declined pairs and unavailable candidates but still explains them', () => {
    const index = new MatchIndex([
      candidate('a', { tokens: ['x'] }),
      candidate('b', { tokens: ['x'] }),
      candidate('c', { tokens: ['x'], availability: 0 }),
    ]);
    const results = index.rank({ tokens: ['x'], declined: new Set(['a']) });
    expect(results.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(results[2]?.reasons).toContainEqual({ code: 'declined_before' });
    expect(results[1]?.reasons).toContainEqual({ code: 'limited_availability', availability: 0 });
  });

  it('returns nothing for an empty index or top 0', () => {
    expect(new MatchIndex([]).rank({ tokens: ['x'] })).toEqual([]);
    expect(new MatchIndex([candidate('a', { tokens: ['x'] })]).rank({ tokens: ['x'], top: 0 })).toEqual([]);
  });

  it('refuses duplicate candidate ids', () => {
    expect(() => new MatchIndex([candidate('a'), candidate('a')])).toThrow(/Duplicate/);
  });
});

describe('rules', () => {
  it('knows which kinds an enterprise seeks', () => {
    expect(isKindFit('enterprise', 'university')).toBe(true);
    expect(isKindFit('enterprise', 'enterprise')).toBe(false);
    expect(isKindFit(null, 'research_institute')).toBe(true);
  });

  it('takes adjacent chain positions as complements, not the same or distant ones', () => {
    expect(isChainComplement('upstream', 'midstream')).toBe(true);
    expect(isChainComplement('downstream', 'midstream')).toBe(true);
    expect(isChainComplement('upstream', 'downstream')).toBe(false);
    expect(isChainComplement('midstream', 'midstream')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random worlds

const WORDS = ['ai', 'sic', 'nano', '纳米', '电池', 'battery', 'chip', 'bio'];
const KINDS = ['university', 'research_institute', 'enterprise', 'vocational_college'];
const CLUSTERS = ['ic', 'bio', 'nev'];
const POSITIONS = ['upstream', 'midstream', 'downstream'] as const;
const DISTRICTS = ['sip', 'gusu', null];

const arbCandidate = (id: string) =>
  fc.record({
    id: fc.constant(id),
    kind: fc.constantFrom(...KINDS),
    tokens: fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }),
    clusters: fc.array(
      fc.record({
        cluster: fc.constantFrom(...CLUSTERS),
        chainPosition: fc.constantFrom(...POSITIONS, null),
        projects: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 2 },
    ),
    district: fc.constantFrom(...DISTRICTS),
    country: fc.constantFrom('CN', 'DE', null),
    projects: fc.nat(50),
    availability: fc.double({ min: 0, max: 1, noNaN: true }),
  });

const arbWorld = fc.integer({ min: 0, max: 12 }).chain((n) =>
  fc.record({
    candidates: fc.tuple(...Array.from({ length: n }, (_, i) => arbCandidate(`c${i}`))),
    edges: fc.array(fc.tuple(fc.nat(n + 2), fc.nat(n + 2), fc.integer({ min: 1, max: 4 })), {
      maxLength: 20,
    }),
    maxQueryTerms: fc.integer({ min: 1, max: 6 }),
    query: fc.record({
      tokens: fc.array(fc.constantFrom(...WORDS, 'unknown'), { maxLength: 5 }),
      kinds: fc.option(fc.subarray(KINDS, { minLength: 1 }), { nil: undefined }),
      seekerKind: fc.constantFrom('enterprise', 'university', null),
      clusters: fc.array(
        fc.record({ cluster: fc.constantFrom(...CLUSTERS), chainPosition: fc.constantFrom(...POSITIONS) }),
        { maxLength: 2 },
      ),
      district: fc.constantFrom(...DISTRICTS),
      partners: fc.array(
        fc.nat(n + 2).map((i) => `c${i}`),
        { maxLength: 3 },
      ),
      declined: fc.array(
        fc.nat(n + 2).map((i) => `c${i}`),
        { maxLength: 2 },
      ),
      top: fc.integer({ min: 0, max: 15 }),
    }),
  }),
);

type World = typeof arbWorld extends fc.Arbitrary<infer T> ? T : never;

function build(world: World): {
  index: MatchIndex;
  graph: Map<string, Map<string, number>>;
  query: MatchQuery;
} {
  const graph = new Map<string, Map<string, number>>();
  for (const [a, b, w] of world.edges) {
    if (a === b) continue;
    const [x, y] = [`c${a}`, `c${b}`];
    for (const [p, q] of [
      [x, y],
      [y, x],
    ] as const) {
      const ties = graph.get(p) ?? new Map<string, number>();
      ties.set(q, (ties.get(q) ?? 0) + w);
      graph.set(p, ties);
    }
  }
  const index = new MatchIndex(world.candidates, { graph, maxQueryTerms: world.maxQueryTerms });
  const q = world.query;
  const query: MatchQuery = {
    tokens: q.tokens,
    kinds: q.kinds,
    seekerKind: q.seekerKind,
    clusters: q.clusters,
    district: q.district,
    countries: new Map([['CN', 0.5]]),
    partners: q.partners,
    declined: new Set(q.declined),
    top: q.top,
  };
  return { index, graph, query };
}

/** Checks one reason against the data it claims to come from. */
function isTrue(
  reason: MatchReason,
  c: MatchCandidate,
  query: MatchQuery,
  graph: Map<string, Map<string, number>>,
): boolean {
  switch (reason.code) {
    case 'shared_terms':
      return (
        reason.terms.length > 0 && reason.terms.every((t) => c.tokens.includes(t) && query.tokens.includes(t))
      );
    case 'semantic_similarity':
      return reason.similarity > 0;
    case 'kind_fit':
      return reason.kind === c.kind && isKindFit(query.seekerKind, c.kind);
    case 'shared_cluster':
      return (
        (c.clusters ?? []).some((m) => m.cluster === reason.cluster) &&
        (query.clusters ?? []).some((m) => m.cluster === reason.cluster)
      );
    case 'chain_complement':
      return (
        (c.clusters ?? []).some((m) => m.cluster === reason.cluster && m.chainPosition === reason.to) &&
        (query.clusters ?? []).some((m) => m.cluster === reason.cluster && m.chainPosition === reason.from) &&
        isChainComplement(reason.from, reason.to)
      );
    case 'same_district':
      return c.district === reason.district && query.district === reason.district;
    case 'same_country':
      return c.country === reason.country && (query.countries?.get(reason.country) ?? 0) > 0;
    case 'past_collaboration': {
      const partners = [...new Set(query.partners ?? [])];
      const total = partners.reduce((sum, p) => sum + (graph.get(p)?.get(c.id) ?? 0), 0);
      return (
        total === reason.count &&
        reason.partners.every((p) => partners.includes(p) && (graph.get(p)?.get(c.id) ?? 0) > 0)
      );
    }
    case 'network_proximity': {
      const partners = new Set(query.partners ?? []);
      const mine = graph.get(c.id) ?? new Map<string, number>();
      const via = [...mine.keys()].filter(
        (z) =>
          !partners.has(z) &&
          [...partners].some((p) => graph.get(p)?.has(z)) &&
          (graph.get(z)?.size ?? 0) >= 2,
      );
      return reason.via === via.length && reason.via > 0;
    }
    case 'track_record':
      return reason.projects === c.projects && reason.projects > 0;
    case 'limited_availability':
      return reason.availability === c.availability && reason.availability < 1;
    case 'declined_before':
      return query.declined?.has(c.id) === true;
  }
}

describe('ranking properties', () => {
  it('gives finite scores, best first, at most top, only eligible candidates, deterministically', () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const { index, query } = build(world);
        const results = index.rank(query);
        expect(results.length).toBeLessThanOrEqual(query.top ?? 10);
        for (const r of results) {
          expect(Number.isFinite(r.score)).toBe(true);
          expect(r.score).toBeGreaterThan(0);
          if (query.kinds) expect(query.kinds).toContain(index.candidate(r.id)?.kind);
        }
        for (let i = 1; i < results.length; i += 1)
          expect((results[i - 1] as { score: number }).score).toBeGreaterThanOrEqual(
            (results[i] as { score: number }).score,
          );
        expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
        expect(index.rank(query)).toEqual(results);
        // The same world built again in another order gives the same answer.
        const reversed = new MatchIndex([...world.candidates].reverse(), {
          graph: build(world).graph,
          maxQueryTerms: world.maxQueryTerms,
        });
        expect(reversed.rank(query)).toEqual(results);
      }),
      { numRuns: 200 },
    );
  });

  it('cites only facts that are true of the candidate and the query', () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const { index, graph, query } = build(world);
        for (const r of index.rank(query)) {
          const c = index.candidate(r.id) as MatchCandidate;
          for (const reason of r.reasons)
            expect(isTrue(reason, c, query, graph), JSON.stringify(reason)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('scores exactly as the weighted sum of the signals, and misses no better candidate', () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const { index, graph, query } = build(world);
        const results = index.rank(query);
        const scored = world.candidates
          .filter((c) => (!query.kinds?.length || query.kinds.includes(c.kind)) && !query.exclude?.has(c.id))
          .map((c) => ({
            id: c.id,
            score: referenceScore(c, world.candidates, query, graph, world.maxQueryTerms),
          }));
        const byId = new Map(scored.map((s) => [s.id, s.score]));
        for (const r of results) expect(r.score).toBeCloseTo(byId.get(r.id) ?? NaN, 9);
        const last = results.at(-1)?.score ?? 0;
        const chosen = new Set(results.map((r) => r.id));
        for (const s of scored) {
          if (chosen.has(s.id) || query.top === 0) continue;
          if (results.length < (query.top ?? 10)) expect(s.score).toBeLessThanOrEqual(1e-12);
          else expect(s.score).toBeLessThanOrEqual(last + 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never lets a larger top reorder the head of the list', () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const { index, query } = build(world);
        const short = index.rank({ ...query, top: 3 });
        const long = index.rank({ ...query, top: 20 });
        expect(long.slice(0, short.length)).toEqual(short);
      }),
      { numRuns: 100 },
    );
  });
});

/** The scoring formula written out plainly, one candidate at a time (the test oracle). */
function referenceScore(
  c: MatchCandidate,
  all: readonly MatchCandidate[],
  query: MatchQuery,
  graph: Map<string, Map<string, number>>,
  maxQueryTerms: number,
): number {
  const w = MATCH_WEIGHTS;
  const d = MATCH_DAMPING;
  const eligible = all.filter(
    (x) => (!query.kinds?.length || query.kinds.includes(x.kind)) && !query.exclude?.has(x.id),
  );
  const n = all.length;
  const idfOf = (term: string): number => {
    const df = all.filter((y) => y.tokens.includes(term)).length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  // The query's known terms; of more than maxQueryTerms, those with the highest frequency × idf.
  const known = [...new Set(query.tokens)].filter((t) => all.some((y) => y.tokens.includes(t)));
  const weightOf = (t: string) => query.tokens.filter((u) => u === t).length * idfOf(t);
  const kept = [...known]
    .sort((x, y) => weightOf(y) - weightOf(x) || (x < y ? -1 : 1))
    .slice(0, maxQueryTerms);
  const terms = known.filter((t) => kept.includes(t));
  const avg = all.reduce((sum, x) => sum + x.tokens.length, 0) / n || 1;
  const bm25 = (x: MatchCandidate): number =>
    terms.reduce((sum, term) => {
      const tf = x.tokens.filter((t) => t === term).length;
      if (tf === 0) return sum;
      return sum + (idfOf(term) * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * x.tokens.length) / avg));
    }, 0);
  const best = Math.max(0, ...eligible.map(bm25));
  const wanted = new Map((query.clusters ?? []).map((q) => [q.cluster, q.chainPosition ?? null]));
  const mine = (c.clusters ?? []).filter((m) => wanted.has(m.cluster));
  const chain = mine.some((m) => {
    const q = wanted.get(m.cluster);
    return q && m.chainPosition ? isChainComplement(q, m.chainPosition) : false;
  });
  const partners = [...new Set(query.partners ?? [])];
  const partnerSet = new Set(partners);
  const direct = partners.reduce((sum, p) => sum + (graph.get(p)?.get(c.id) ?? 0), 0);
  let adamicAdar = 0;
  for (const p of partners)
    for (const z of graph.get(p)?.keys() ?? []) {
      const degree = graph.get(z)?.size ?? 0;
      if (partnerSet.has(z) || degree < 2 || degree > d.hubDegreeCap) continue;
      if (graph.get(z)?.has(c.id)) adamicAdar += 1 / Math.log(1 + degree);
    }
  const sum =
    w.lexical * (best > 0 ? bm25(c) / best : 0) +
    w.kindFit * (isKindFit(query.seekerKind, c.kind) ? 1 : 0) +
    w.sharedCluster * (mine.length > 0 ? 1 : 0) +
    w.clusterDepth *
      damp(
        mine.reduce((s, m) => s + (m.projects ?? 1), 0),
        d.clusterDepthHalf,
      ) +
    w.chainComplement * (chain ? 1 : 0) +
    w.sameDistrict * (query.district && c.district === query.district ? 1 : 0) +
    w.sameCountry * (c.country ? Math.min(1, query.countries?.get(c.country) ?? 0) : 0) +
    w.pastCollaboration * damp(direct, d.pastCollaborationHalf) +
    w.networkProximity * damp(adamicAdar, d.networkProximityHalf) +
    w.trackRecord * damp(c.projects ?? 0, d.trackRecordHalf);
  const availability = Math.min(1, Math.max(0, c.availability ?? 1));
  let factor = w.availabilityFloor + (1 - w.availabilityFloor) * availability;
  if (query.declined?.has(c.id)) factor *= w.declinedFactor;
  return sum * factor;
}
