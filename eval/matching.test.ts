import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCordisDir, missingCordisFiles, readCordis } from '../src/modules/matching/cordis.js';
import { sharedAnalyzer } from '../src/modules/matching/text.js';
import {
  buildExperiment,
  evaluate,
  matcherRanker,
  miniSearchRanker,
  popularityByPartRanker,
  TEST_SPLIT,
} from './matching-experiment.js';

const root = path.resolve(import.meta.dirname, '..');
const dir = defaultCordisDir(root);
const missing = missingCordisFiles(dir);

describe('matching evaluation (smoke)', () => {
  it('has the CORDIS data in CI', () => {
    if (missing.length > 0 && process.env['CI'] === 'true')
      throw new Error(`CORDIS data missing in ${dir}: ${missing.join(', ')} (CI must have ../shared/data)`);
  });

  it.skipIf(missing.length > 0)(
    `beats both baselines on a seeded sample of later projects${missing.length > 0 ? ` — skipped: no CORDIS data in ${dir}` : ''}`,
    () => {
      const data = readCordis(dir);
      const experiment = buildExperiment(data, sharedAnalyzer, TEST_SPLIT, { maxCases: 400, seed: 11 });
      expect(experiment.cases).toHaveLength(400);
      // Only data from the training years describes the candidates.
      expect(experiment.candidates.every((c) => (c.projects ?? 0) > 0)).toBe(true);
      for (const c of experiment.cases) expect(c.partners.some((p) => p.pic === c.hidden)).toBe(false);
      const popularity = evaluate('popularity', experiment, popularityByPartRanker(experiment));
      const bm25 = evaluate('bm25', experiment, miniSearchRanker(experiment));
      const matcher = evaluate('matcher', experiment, matcherRanker(experiment, sharedAnalyzer));
      expect(matcher.recallAt10).toBeGreaterThan(Math.max(popularity.recallAt10, bm25.recallAt10));
      expect(matcher.mrr).toBeGreaterThan(Math.max(popularity.mrr, bm25.mrr));
    },
    180_000,
  );
});
