import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeForIndex,
  analyzeQuery,
  CONCEPT_PREFIX,
  markMatches,
  MAX_QUERY_TERMS,
  MAX_TOKEN_LENGTH,
  queryTokens,
  segmentsToHtml,
  snippet,
} from './analyzer.js';
import { DOMAIN_WORDS } from './dictionary.js';
import { GLOSSARY } from './glossary.js';

/** Whether the document text would satisfy every term of the query. */
function matches(documentText: string, query: string): boolean {
  const tokens = new Set(analyzeForIndex(documentText));
  const terms = analyzeQuery(query);
  return terms.length > 0 && terms.every((term) => term.alternatives.some((t) => tokens.has(t)));
}

function marked(text: string, query: string): string[] {
  return markMatches(text, queryTokens(analyzeQuery(query)))
    .filter((s) => s.match)
    .map((s) => s.text);
}

describe('Chinese', () => {
  it('segments with the domain dictionary, keeping the words whole', () => {
    const tokens = analyzeForIndex('苏州纳米材料研究院开发碳化硅功率器件和电源管理芯片');
    expect(tokens).toEqual(expect.arrayContaining(['纳米材料', '碳化硅', '电源管理', '芯片', '研究院']));
  });

  it('indexes the dictionary words inside longer words', () => {
    expect(matches('集成电路设计服务', '集成电路')).toBe(true);
    expect(matches('纳米材料研究院', '材料')).toBe(true);
  });

  it('drops stop words and punctuation', () => {
    const tokens = analyzeForIndex('我们的技术，以及（相关）服务。');
    expect(tokens).not.toContain('的');
    expect(tokens).not.toContain('以及');
    expect(tokens.some((t) => /[，。（）]/.test(t))).toBe(false);
  });

  it('needs every query word to be present', () => {
    expect(matches('面向新能源汽车的固态电池', '固态电池 新能源汽车')).toBe(true);
    expect(matches('面向新能源汽车的固态电池', '固态电池 生物医药')).toBe(false);
  });
});

describe('English', () => {
  it('lower-cases, drops stop words and stems', () => {
    expect(analyzeForIndex('The Coatings of the BATTERIES')).toEqual(
      expect.arrayContaining(['coat', 'batteri']),
    );
    expect(analyzeForIndex('The Coatings of the BATTERIES')).not.toContain('the');
    expect(matches('manufacturing of wafers', 'wafer manufacture')).toBe(true);
  });

  it('normalises full-width letters and digits', () => {
    expect(matches('ＧａＮ power devices for ５Ｇ', 'GaN 5G')).toBe(true);
  });

  it('recognises glossary phrases', () => {
    expect(analyzeQuery('integrated circuits')).toEqual([
      { text: 'integr circuit', alternatives: [`${CONCEPT_PREFIX}ic`] },
    ]);
    expect(matches('We sell into the Internet of Things', '物联网')).toBe(true);
  });
});

describe('the bilingual glossary', () => {
  it.each([
    ['纳米', 'Nanoscale coatings for cutting tools'],
    ['nano', '纳米涂层刀具'],
    ['纳米', 'Nanomaterials for water treatment'],
    ['芯片', 'A microchip for hearing aids'],
    ['chip', '助听器芯片'],
    ['集成电路', 'integrated circuit design services'],
    ['integrated circuit', '集成电路封装测试'],
    ['电池', 'Recycling of lithium-ion batteries'],
    ['battery', '锂电池回收'],
    ['碳化硅', 'silicon carbide power modules'],
    ['gallium nitride', '氮化镓快充'],
    ['中试', 'a pilot line for perovskite modules'],
    ['technology transfer', '科技成果转化服务'],
    ['人工智能', 'AI-based defect detection'],
    ['machine vision', '机器视觉检测设备'],
  ])('%s finds "%s"', (query, text) => {
    expect(matches(text, query)).toBe(true);
  });

  it('adds broader concepts: a nanomaterial is about nano', () => {
    expect(matches('纳米材料', 'nano')).toBe(true);
    expect(matches('lithium-ion batteries', '电池')).toBe(true);
    expect(matches('nano', '纳米材料')).toBe(false);
  });

  it('has well-formed, unique concept ids and a few hundred entries', () => {
    const ids = GLOSSARY.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(300);
    for (const concept of GLOSSARY) {
      expect(concept.zh.length + concept.en.length, concept.id).toBeGreaterThan(0);
      for (const broader of concept.broader) expect(ids, `${concept.id} → ${broader}`).toContain(broader);
    }
    expect(DOMAIN_WORDS.length).toBeGreaterThanOrEqual(300);
  });
});

describe('queries', () => {
  it('turns glossary words into their concept and other words into themselves', () => {
    const terms = analyzeQuery('锂电池 隔膜涂覆 integrated circuit Zeolite');
    expect(terms.map((t) => t.alternatives)).toEqual([
      [`${CONCEPT_PREFIX}lithiumbattery`],
      [`${CONCEPT_PREFIX}separator`],
      ['涂覆'],
      [`${CONCEPT_PREFIX}ic`],
      ['zeolit'],
    ]);
  });

  it('drops duplicate words and keeps at most a dozen terms', () => {
    expect(analyzeQuery('battery batteries 电池')).toHaveLength(1);
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    expect(analyzeQuery(long)).toHaveLength(MAX_QUERY_TERMS);
  });

  it('has no terms for text without words', () => {
    expect(analyzeQuery('，。！ the of 的 😀')).toEqual([]);
  });
});

describe('highlighting', () => {
  it('marks the words that matched, in either language', () => {
    expect(marked('Nanomaterials & nanoscale coatings; 纳米材料研究', '纳米')).toEqual([
      'Nanomaterials',
      'nanoscale',
      '纳米材料',
    ]);
    expect(marked('我们研发碳化硅功率器件', 'silicon carbide')).toEqual(['碳化硅']);
    expect(marked('integrated circuits for cars', '集成电路')).toEqual(['integrated circuits']);
  });

  it('escapes everything but the marks in HTML', () => {
    const html = segmentsToHtml(markMatches('<b>graphene</b> & "x"', queryTokens(analyzeQuery('石墨烯'))));
    expect(html).toBe('&lt;b&gt;<mark>graphene</mark>&lt;/b&gt; &amp; &quot;x&quot;');
  });

  it('cuts a long text around the first match', () => {
    const text = `${'前言'.repeat(200)} graphene ${'后记'.repeat(200)}`;
    const segments = snippet(text, queryTokens(analyzeQuery('graphene')), 100);
    expect(segments[0]).toEqual({ text: '…', match: false });
    expect(segments.at(-1)).toEqual({ text: '…', match: false });
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['graphene']);
    expect(segments.map((s) => s.text).join('').length).toBeLessThanOrEqual(102);
  });
});

const SAFE_TOKEN = /^[\p{L}\p{N}]+$/u;
/** Strings that stress the analyser: every plane, controls, FTS syntax, mixed scripts. */
const awkwardText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        '纳米',
        'nano',
        '"',
        '*',
        'AND',
        'OR',
        'NOT',
        'NEAR(',
        '{title}:',
        '^',
        "'",
        '&',
        '|',
        '!',
        ':*',
        '\u0000',
        '\u2028',
        '😀',
        '👩‍👩‍👧',
        'ｅ',
        'é',
        '\u0301',
        'zzcnano',
        '한국어',
        'カタカナ',
        '١٢٣',
        ' ',
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join('')),
);

describe('analysing any text', () => {
  it('never throws, is deterministic, and yields only safe tokens', () => {
    fc.assert(
      fc.property(awkwardText, (text) => {
        const tokens = analyzeForIndex(text);
        expect(analyzeForIndex(text)).toEqual(tokens);
        const terms = analyzeQuery(text);
        expect(analyzeQuery(text)).toEqual(terms);
        for (const token of [...tokens, ...terms.flatMap((t) => t.alternatives)]) {
          expect(token).toMatch(SAFE_TOKEN);
          expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH + CONCEPT_PREFIX.length + 20);
          expect(token).toBe(token.toLowerCase());
        }
        // User words never pose as concept or filter tokens.
        const own = analyzeForIndex(text.replace(/zz/gi, '')).filter((t) => t.startsWith('zz'));
        expect(own.every((t) => t.startsWith(CONCEPT_PREFIX))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('marks segments that put the original text back together', () => {
    fc.assert(
      fc.property(awkwardText, awkwardText, (text, query) => {
        const segments = markMatches(text, queryTokens(analyzeQuery(query)));
        expect(segments.map((s) => s.text).join('')).toBe(text);
        const html = segmentsToHtml(segments);
        expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']/);
      }),
      { numRuns: 200 },
    );
  });

  it('handles 100 kB of text', () => {
    const text = '纳米材料 nanoscale 😀 '.repeat(6000);
    expect(text.length).toBeGreaterThan(100_000);
    const tokens = analyzeForIndex(text);
    expect(tokens.length).toBeGreaterThan(10_000);
    expect(analyzeQuery(text).length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    expect(snippet(text, queryTokens(analyzeQuery('纳米'))).some((s) => s.match)).toBe(true);
  });

  it('skips absurdly long words instead of indexing them', () => {
    expect(analyzeForIndex('x'.repeat(5000))).toEqual([]);
  });
});
