/**
 * `npm run eval:matching`: link prediction on CORDIS H2020 (see docs/EVALUATION.md).
 *   --tune         tune the matcher's weights on the training years only (≤ 2016 → 2017)
 *   --cases N      sample N test cases (seeded) instead of all
 *   --data DIR     the cordis-h2020 folder (default ../shared/data/cordis-h2020)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCordisDir, missingCordisFiles, readCordis } from '../src/modules/matching/cordis.js';
import { buildLsaModel } from '../src/modules/matching/semantic.js';
import { sharedAnalyzer } from '../src/modules/matching/text.js';
import {
  MATCH_DAMPING,
  MATCH_WEIGHTS,
  type MatchDamping,
  type MatchWeights,
} from '../src/modules/matching/weights.js';
import {
  buildExperiment,
  evaluate,
  matcherRanker,
  miniSearchRanker,
  popularityByPartRanker,
  popularityRanker,
  TEST_SPLIT,
  TUNING_SPLIT,
  type Metrics,
} from './matching-experiment.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const dir = option('--data') ?? defaultCordisDir(root);
const missing = missingCordisFiles(dir);
if (missing.length > 0) {
  console.error(`CORDIS data not found in ${dir} (missing ${missing.join(', ')}); nothing to evaluate.`);
  process.exit(process.env['CI'] === 'true' ? 1 : 0);
}

const started = Date.now();
const analyzer = sharedAnalyzer;
const data = readCordis(dir, (line) => console.error(line));

function row(m: Metrics): string {
  return `| ${m.name.padEnd(48)} | ${m.recallAt10.toFixed(3)} | ${m.mrr.toFixed(3)} | ${(m.ms / 1000).toFixed(1).padStart(6)} |`;
}

if (args.includes('--tune')) {
  // Coordinate ascent on the tuning split (training years only); prints the weights to keep.
  const experiment = buildExperiment(data, analyzer, TUNING_SPLIT, { maxCases: 1000, seed: 7 });
  console.error(`tuning on ${experiment.cases.length} cases of 2017, training ≤ 2016`);
  const weights: MatchWeights = { ...MATCH_WEIGHTS };
  const damping: MatchDamping = { ...MATCH_DAMPING };
  const score = (w: MatchWeights, d: MatchDamping): number => {
    const m = evaluate('tune', experiment, matcherRanker(experiment, analyzer, { weights: w, damping: d }));
    return m.recallAt10 + 0.1 * m.mrr;
  };
  let best = score(weights, damping);
  console.error(`  start: ${best.toFixed(4)}`);
  const tunableWeights: (keyof MatchWeights)[] = [
    'lexical',
    'sharedCluster',
    'clusterDepth',
    'sameCountry',
    'pastCollaboration',
    'networkProximity',
    'trackRecord',
  ];
  const tunableDamping: (keyof MatchDamping)[] = [
    'clusterDepthHalf',
    'pastCollaborationHalf',
    'networkProximityHalf',
    'trackRecordHalf',
  ];
  for (let round = 0; round < 2; round += 1) {
    for (const key of tunableWeights) {
      for (const factor of [0, 0.5, 2]) {
        const trial = { ...weights, [key]: weights[key] === 0 ? factor * 0.25 : weights[key] * factor };
        const s = score(trial, damping);
        if (s > best + 1e-9) {
          best = s;
          Object.assign(weights, trial);
          console.error(`  ${key} → ${trial[key].toFixed(3)}: ${s.toFixed(4)}`);
        }
      }
    }
    for (const key of tunableDamping) {
      for (const factor of [0.25, 4]) {
        const trial = { ...damping, [key]: damping[key] * factor };
        const s = score(weights, trial);
        if (s > best + 1e-9) {
          best = s;
          Object.assign(damping, trial);
          console.error(`  ${key} → ${trial[key].toFixed(3)}: ${s.toFixed(4)}`);
        }
      }
    }
  }
  console.log(JSON.stringify({ weights, damping }, null, 2));
  process.exit(0);
}

const maxCases = option('--cases');
const experiment = buildExperiment(
  data,
  analyzer,
  TEST_SPLIT,
  maxCases ? { maxCases: Number(maxCases), seed: 2024 } : {},
);
const lsa = buildLsaModel(experiment.candidates, { dimensions: 64 });
const results: Metrics[] = [
  evaluate('popularity (most frequent HES/REC partners)', experiment, popularityRanker(experiment)),
  evaluate('popularity per programme part', experiment, popularityByPartRanker(experiment)),
  evaluate('BM25 (MiniSearch) over profile text', experiment, miniSearchRanker(experiment)),
  evaluate('matcher (hybrid)', experiment, matcherRanker(experiment, analyzer)),
  evaluate(
    'matcher + LSA semantic similarity (weight 0.1)',
    experiment,
    matcherRanker(experiment, analyzer, { semantic: lsa, weights: { semantic: 0.1 } }),
  ),
  evaluate(
    'matcher without graph signals',
    experiment,
    matcherRanker(experiment, analyzer, { weights: { pastCollaboration: 0, networkProximity: 0 } }),
  ),
];
const bestBaseline = Math.max(...results.slice(0, 3).map((m) => m.recallAt10));
const matcher = results[3] as Metrics;
console.log(
  `Split: train on projects starting ≤ ${TEST_SPLIT.trainUntil} (${experiment.trainingProjects} projects, ${experiment.candidates.length} HES/REC candidates); test on projects starting ≥ ${TEST_SPLIT.testFrom}.`,
);
console.log(
  `Cases: ${experiment.cases.length} test projects with ≥ 1 company and ≥ 1 university/research partner seen in training (${experiment.skippedUnseen} more had none seen before and are not testable).`,
);
console.log('');
console.log(`| ${'ranker'.padEnd(48)} | R@10  | MRR   | time s |`);
console.log(`| ${'-'.repeat(48)} | ----- | ----- | -----: |`);
for (const m of results) console.log(row(m));
// Where the gain comes from: cases whose hidden partner had worked with a remaining partner before.
const tied = experiment.cases.filter((c) =>
  c.partners.some((p) => (experiment.graph.get(p.pic)?.get(c.hidden) ?? 0) > 0),
);
const untied = experiment.cases.filter((c) => !tied.includes(c));
console.log('');
console.log(
  `Hidden partner had worked with ≥ 1 remaining partner before (≤ ${TEST_SPLIT.trainUntil}): ${tied.length} cases (${((100 * tied.length) / experiment.cases.length).toFixed(1)}%).`,
);
console.log('');
console.log(`| ${'subset · ranker'.padEnd(48)} | R@10  | MRR   | time s |`);
console.log(`| ${'-'.repeat(48)} | ----- | ----- | -----: |`);
for (const [label, cases] of [
  ['earlier tie', tied],
  ['no earlier tie', untied],
] as const) {
  const subset = { ...experiment, cases };
  console.log(
    row(evaluate(`${label} · popularity per programme part`, subset, popularityByPartRanker(subset))),
  );
  console.log(row(evaluate(`${label} · matcher (hybrid)`, subset, matcherRanker(subset, analyzer))));
}
console.log('');
console.log(
  `Matcher recall@10 / best baseline: ${(matcher.recallAt10 / bestBaseline).toFixed(2)}× (goal ≥ 1.30×). Damping: ${JSON.stringify(MATCH_DAMPING)}. ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
