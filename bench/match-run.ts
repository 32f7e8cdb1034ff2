/**
 * Top-10 matching over the search benchmark's generated corpus, one size per process (so the peak
 * memory is the matcher's own). `npm run bench:search` runs it for each size and prints its table;
 * it also runs alone:
 *
 *   npx tsx bench/match-run.ts [--size 100000] [--queries 300] [--seed 42]
 *
 * Prints progress on stderr and one line `RESULT {json}` (a `MatchRow`) on stdout. Each query is
 * timed through the shared analyser and `MatchIndex.rank`, as the product's matcher answers it.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { MatchIndex, type MatchResult } from '../src/modules/matching/ranking.js';
import { sharedAnalyzer } from '../src/modules/matching/text.js';
import { matchCorpus, matchTasks, type MatchTask } from './match-corpus.js';

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface MatchRow {
  profiles: number;
  queries: number;
  /** Distinct tokens of the corpus and the average number of tokens per candidate. */
  vocabulary: number;
  tokensPerCandidate: number;
  /** Generating and analysing the profiles (the shared analyser), then building the index. */
  analysisSeconds: number;
  buildSeconds: number;
  words: Latency;
  need: Latency;
  all: Latency;
  /** CPU time of this process per query (analysis and ranking), which contention cannot inflate. */
  cpu: Latency;
  /** The machine's 1-minute load average while querying. */
  load: number;
  peakRssMb: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

function progress(text: string): void {
  process.stderr.write(`\r${text}`.padEnd(80));
}

interface Timed {
  times: Record<MatchTask['kind'], number[]>;
  all: number[];
  cpu: number[];
  loads: number[];
}

/** Runs every task once after a warm-up: wall and CPU time per query, load average every 50. */
function runTasks(index: MatchIndex, tasks: readonly MatchTask[], label: string): Timed {
  const rank = (task: MatchTask): MatchResult[] =>
    index.rank({ ...task.query, tokens: sharedAnalyzer.tokens(task.text) });
  for (const task of tasks.slice(0, 20)) rank(task);
  const timed: Timed = { times: { words: [], need: [] }, all: [], cpu: [], loads: [] };
  tasks.forEach((task, q) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    rank(task);
    const elapsed = performance.now() - t0;
    const used = process.cpuUsage(c0);
    timed.times[task.kind].push(elapsed);
    timed.all.push(elapsed);
    timed.cpu.push((used.user + used.system) / 1000);
    if ((q + 1) % 50 === 0) {
      timed.loads.push(os.loadavg()[0] ?? 0);
      progress(`${label}: ${q + 1} / ${tasks.length} queries`);
    }
  });
  return timed;
}

function runMatching(options: { profiles: number; queries: number; seed: number }): MatchRow {
  const { profiles, queries, seed } = options;
  const label = `matching_${profiles}`;
  const started = performance.now();
  const corpus = matchCorpus(seed, profiles, (done) =>
    progress(`${label}: analysing ${done.toLocaleString('en')} / ${profiles.toLocaleString('en')} profiles`),
  );
  const analysisSeconds = (performance.now() - started) / 1000;
  progress(`${label}: building the index`);
  const buildStarted = performance.now();
  const index = new MatchIndex(corpus.candidates, { graph: corpus.graph });
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  const tasks = matchTasks(seed, queries, corpus);
  const timed = runTasks(index, tasks, label);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  progress('');
  process.stderr.write('\n');
  const tokens = corpus.candidates.reduce((sum, c) => sum + c.tokens.length, 0);
  return {
    profiles,
    queries: tasks.length,
    vocabulary: corpus.vocabulary,
    tokensPerCandidate: tokens / Math.max(1, profiles),
    analysisSeconds,
    buildSeconds,
    words: latency(timed.times.words),
    need: latency(timed.times.need),
    all: latency(timed.all),
    cpu: latency(timed.cpu),
    load: timed.loads.reduce((a, b) => a + b, 0) / Math.max(1, timed.loads.length),
    peakRssMb,
  };
}

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    seed: { type: 'string', default: '42' },
  },
});
const row = runMatching({
  profiles: Number(values.size),
  queries: Number(values.queries),
  seed: Number(values.seed),
});
console.log(`RESULT ${JSON.stringify(row)}`);
