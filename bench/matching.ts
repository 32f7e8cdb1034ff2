/**
 * `npm run bench:matching [-- 100000 1000000]`: latency of top-10 matching over generated
 * candidates (Zipf-distributed words, clusters, districts, a random collaboration graph), one
 * size after another: index build time, resident memory, p50/p95 of 200 queries.
 */
import { MatchIndex, type MatchCandidate } from '../src/modules/matching/ranking.js';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const KINDS = ['university', 'research_institute', 'enterprise', 'vocational_college'];
const VOCABULARY = 50_000;

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

for (const n of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
  const random = generator(1);
  const word = (): string => `w${Math.floor(VOCABULARY * random() ** 3)}`;
  const candidates: MatchCandidate[] = [];
  for (let i = 0; i < n; i += 1)
    candidates.push({
      id: `o${i}`,
      kind: KINDS[i % KINDS.length] as string,
      tokens: Array.from({ length: 20 }, word),
      clusters: [{ cluster: `c${i % 12}`, chainPosition: 'midstream' }],
      district: i % 10 === 0 ? 'sip' : null,
      projects: i % 7,
    });
  const graph = new Map<string, Map<string, number>>();
  for (let e = 0; e < n * 2; e += 1) {
    const a = `o${Math.floor(random() * n)}`;
    const b = `o${Math.floor(random() * n)}`;
    if (a === b) continue;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let ties = graph.get(x);
      if (!ties) graph.set(x, (ties = new Map<string, number>()));
      ties.set(y, (ties.get(y) ?? 0) + 1);
    }
  }
  const started = performance.now();
  const index = new MatchIndex(candidates, { graph });
  const build = performance.now() - started;
  const times: number[] = [];
  for (let q = 0; q < 200; q += 1) {
    const tokens = Array.from({ length: 8 }, word);
    const t = performance.now();
    index.rank({
      tokens,
      kinds: ['university', 'research_institute'],
      seekerKind: 'enterprise',
      clusters: [{ cluster: 'c3', chainPosition: 'upstream' }],
      district: 'sip',
      partners: [`o${q}`],
      top: 10,
    });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${n} candidates: build ${(build / 1000).toFixed(1)} s, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB, top-10 p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`,
  );
}
