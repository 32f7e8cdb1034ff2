import { describe, expect, it } from 'vitest';
import type { SearchDocument } from './documents.js';
import {
  documentFacetTokens,
  facetToken,
  filterTokenGroups,
  fts5Expression,
  idf,
  SCOPE_COLUMNS,
  tsQueryText,
} from './rules.js';

const terms = [
  { text: '纳米', alternatives: ['zzcnano'] },
  { text: 'coat', alternatives: ['coat', 'zzccoating'] },
];

describe('facet tokens', () => {
  it('reduce values to letters and digits under a prefix per facet', () => {
    expect(facetToken('cluster', 'new-energy')).toBe('zzflnewenergy');
    expect(facetToken('mode', 'joint_rd')).toBe('zzfmjointrd');
    expect(facetToken('owner', '01JABCDEF')).toBe('zzfo01jabcdef');
  });

  it('describe a document with its owner and every grantee', () => {
    const doc: SearchDocument = {
      entityType: 'achievement',
      entityId: 'a1',
      ownerOrganizationId: 'ORG1',
      visibility: 'parties',
      isActive: true,
      title: '',
      publicText: '',
      restrictedText: '',
      keywords: [],
      facets: { trl: 6, clusters: ['ic', 'ic'], cooperationModes: ['licence'] },
    };
    expect(documentFacetTokens(doc, ['ORG2']).sort()).toEqual(
      ['zzfyachievement', 'zzfvparties', 'zzfoorg1', 'zzfgorg2', 'zzft6', 'zzflic', 'zzfmlicence'].sort(),
    );
  });
});

describe('query expressions', () => {
  it('builds an FTS5 expression of quoted tokens over the scope columns and the filters', () => {
    const groups = filterTokenGroups({ types: ['need'], trls: [5, 6] }, ['ORG1']);
    expect(fts5Expression(terms, SCOPE_COLUMNS.public, groups)).toBe(
      '{title open} : ("zzcnano" AND ("coat" OR "zzccoating")) AND {facets} : ("zzfyneed" AND ("zzft5" OR "zzft6") AND ("zzfoorg1" OR "zzfgorg1"))',
    );
    expect(fts5Expression(terms, SCOPE_COLUMNS.registered, [])).toBe(
      '{title open registered} : ("zzcnano" AND ("coat" OR "zzccoating"))',
    );
  });

  it('builds the same as a tsquery', () => {
    expect(tsQueryText(terms.map((t) => t.alternatives))).toBe("'zzcnano' & ('coat' | 'zzccoating')");
  });

  it('finds nothing for a member of no organisation', () => {
    expect(filterTokenGroups({}, [])).toEqual([[facetToken('owner', 'none')]]);
  });

  it('refuses a token that is not letters and digits, whatever the analyser did', () => {
    for (const bad of ['a"b', "a'b", 'a b', 'a*', '']) {
      expect(() => fts5Expression([{ text: bad, alternatives: [bad] }], ['title'], [])).toThrow();
      expect(() => tsQueryText([[bad]])).toThrow();
    }
  });
});

describe('idf', () => {
  it('weighs rare terms more and never goes negative', () => {
    expect(idf(10, 1_000_000)).toBeGreaterThan(idf(10_000, 1_000_000));
    expect(idf(1_000_000, 1_000_000)).toBeGreaterThan(0);
    expect(idf(5, 0)).toBeGreaterThan(0);
  });
});
