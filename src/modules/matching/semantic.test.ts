import { describe, expect, it } from 'vitest';
import { buildLsaModel } from './semantic.js';

const DOCS = [
  { id: 'battery', tokens: ['battery', 'anode', 'cathode', 'electrolyte', 'cell'] },
  { id: 'battery-2', tokens: ['battery', 'cell', 'lithium', 'electrolyte'] },
  { id: 'storage', tokens: ['lithium', 'storage', 'grid', 'cell'] },
  { id: 'vaccine', tokens: ['vaccine', 'antibody', 'antigen', 'trial'] },
  { id: 'biologics', tokens: ['antibody', 'protein', 'trial', 'clinical'] },
];

describe('buildLsaModel', () => {
  it('finds documents that share meaning with the query, even without the query’s own words', () => {
    const model = buildLsaModel(DOCS, { dimensions: 2 });
    const query = ['anode'];
    expect(model.similarity(query, 'battery')).toBeGreaterThan(model.similarity(query, 'vaccine'));
    // "storage" never says "anode", but lives in the same latent topic as the battery documents.
    expect(model.similarity(query, 'storage')).toBeGreaterThan(model.similarity(query, 'biologics'));
  });

  it('is deterministic and scores unknown documents and empty queries 0', () => {
    const a = buildLsaModel(DOCS, { dimensions: 3 });
    const b = buildLsaModel(DOCS, { dimensions: 3 });
    expect(a.similarity(['antibody'], 'vaccine')).toBe(b.similarity(['antibody'], 'vaccine'));
    expect(a.similarity(['antibody'], 'nobody')).toBe(0);
    expect(a.similarity([], 'vaccine')).toBe(0);
    expect(a.similarity(['never-seen'], 'vaccine')).toBe(0);
  });

  it('copes with an empty corpus', () => {
    expect(buildLsaModel([]).similarity(['x'], 'y')).toBe(0);
  });
});
