import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit/audit.js';
import { openTestDatabase, type TestDatabase } from '../../test/database.js';
import { buildOrganizationMatcher, exportJsonl, importJsonl, parseJsonl, readableTerms } from './service.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase();
});
afterEach(async () => {
  await t.close();
});

const lines = (...records: object[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const ORGS = [
  {
    type: 'organization',
    id: 'suda',
    name: '苏州大学',
    kind: 'university',
    description: '功能纳米与软物质研究院：碳化硅功率器件与纳米材料',
    country: 'CN',
    city: '苏州',
    keywords: ['纳米材料', '碳化硅'],
  },
  {
    type: 'organization',
    id: 'sibet',
    name: 'Suzhou Institute of Biomedical Engineering and Technology',
    kind: 'REC',
    description: 'Medical imaging and in vitro diagnostics',
  },
  {
    type: 'organization',
    id: 'acme',
    name: 'Acme Power',
    kind: 'PRC',
    description: 'SiC modules for electric vehicles',
  },
];
const RECORDS = [
  {
    type: 'capability',
    id: 'cap-1',
    title: '宽禁带半导体器件封装',
    description: 'SiC power module packaging and reliability testing',
    keywords: '封装, 可靠性',
    owner: 'suda',
  },
  {
    type: 'need',
    id: 'need-1',
    title: 'SiC thermal design',
    description: 'Thermal simulation of SiC modules',
    owner: 'acme',
  },
  {
    type: 'achievement',
    id: 'ach-1',
    title: '碳化硅 MOSFET 栅氧工艺',
    description: '一种碳化硅 MOSFET 的制备方法',
    owner: 'suda',
    trl: 4,
  },
  { type: 'expert', id: 'exp-1', title: '张教授', description: '碳化硅功率器件', owner: 'suda' },
];

async function count(
  table: 'organization' | 'need' | 'capability' | 'achievement' | 'expert' | 'external_ref',
) {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

describe('importJsonl', () => {
  it('imports every type, verified and audited, and re-importing changes nothing', async () => {
    // Records first, owners last: organisations are written first whatever the order.
    const text = lines(...RECORDS, ...ORGS);
    const first = await importJsonl(t.ctx, text, { fileName: 'a.jsonl' });
    expect(first).toEqual({
      ok: true,
      summary: {
        rows: 7,
        created: 7,
        updated: 0,
        unchanged: 0,
        byType: { organization: 3, capability: 1, need: 1, achievement: 1, expert: 1 },
      },
    });
    const orgs = await t.ctx.db.selectFrom('organization').selectAll().orderBy('name_en').execute();
    expect(orgs.map((o) => [o.name_zh, o.name_en, o.kind, o.verification_status])).toEqual([
      ['Acme Power', 'Acme Power', 'enterprise', 'verified'],
      [
        'Suzhou Institute of Biomedical Engineering and Technology',
        'Suzhou Institute of Biomedical Engineering and Technology',
        'research_institute',
        'verified',
      ],
      ['苏州大学', '苏州大学', 'university', 'verified'],
    ]);
    const batch = await t.ctx.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'import.batch')
      .execute();
    expect(batch).toHaveLength(1);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);

    const again = await importJsonl(t.ctx, text);
    expect(again).toMatchObject({ ok: true, summary: { created: 0, updated: 0, unchanged: 7 } });
    expect(await count('organization')).toBe(3);
    expect(await count('need')).toBe(1);
    expect(await count('external_ref')).toBe(7);
  });

  it('updates an organisation whose line changed, without duplicating it', async () => {
    await importJsonl(t.ctx, lines(...ORGS));
    const changed = {
      ...ORGS[1],
      description: 'Medical imaging, ultrasound and diagnostics',
      keywords: ['ultrasound'],
    };
    const result = await importJsonl(t.ctx, lines(changed));
    expect(result).toMatchObject({ ok: true, summary: { created: 0, updated: 1 } });
    expect(await count('organization')).toBe(3);
    const row = await t.ctx.db
      .selectFrom('organization')
      .select(['description_en', 'version'])
      .where('kind', '=', 'research_institute')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ description_en: 'Medical imaging, ultrasound and diagnostics', version: 2 });
  });

  it('writes nothing when row 3 is bad, and names row 3 and the field', async () => {
    const bad = lines(ORGS[0] as object, ORGS[1] as object, {
      type: 'need',
      id: 'n',
      description: 'no title',
      owner: 'suda',
    });
    const result = await importJsonl(t.ctx, bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ row: 3, field: 'title', message: expect.any(String) as string }]);
    expect(await count('organization')).toBe(0);
    expect(await count('external_ref')).toBe(0);
  });

  it('rolls back everything when the database refuses a row late in the file', async () => {
    const text = lines(...ORGS, { ...RECORDS[1], cluster: 'no-such-cluster' });
    const result = await importJsonl(t.ctx, text);
    expect(result).toMatchObject({ ok: false, issues: [{ row: 4, field: 'cluster' }] });
    expect(await count('organization')).toBe(0);
    expect(await count('need')).toBe(0);
  });

  it('reports bad JSON, unknown kinds, unknown owners and duplicate ids by row', () => {
    const text = [
      '{"type":"organization","id":"x","name":"X","kind":"spaceship"}',
      'not json',
      '{"type":"organization","id":"x","name":"X again","kind":"HES"}',
      '{"type":"organization","id":"x","name":"X","kind":"university"}',
    ].join('\n');
    const { issues } = parseJsonl(text);
    expect(issues.map((i) => [i.row, i.field])).toEqual([
      [1, 'kind'],
      [2, '(line)'],
      [4, 'id'],
    ]);
  });

  it('takes outside data as it comes: a BOM, long keyword lists and texts, numeric ids', () => {
    const many = Array.from({ length: 30 }, (_, i) => `keyword ${i} ${'x'.repeat(50)}`);
    const text =
      '\uFEFF' +
      lines({
        type: 'organization',
        id: 7,
        name: 'N'.repeat(300),
        kind: 'Company',
        keywords: many,
        description: 'd'.repeat(5000),
      });
    const { lines: parsed, issues } = parseJsonl(text);
    expect(issues).toEqual([]);
    const line = parsed[0]?.line;
    expect(line?.type === 'organization' && line).toMatchObject({ id: '7', kind: 'enterprise' });
    if (line?.type !== 'organization') return;
    expect(line.keywords).toHaveLength(20);
    expect(line.keywords?.every((k) => k.length === 40)).toBe(true);
    expect(line.name).toHaveLength(200);
    expect(line.description).toHaveLength(4000);
  });

  it('names a missing owner', async () => {
    const result = await importJsonl(t.ctx, lines({ ...RECORDS[1], owner: 'nobody' }));
    expect(result).toMatchObject({ ok: false, issues: [{ row: 1, field: 'owner' }] });
  });
});

describe('exportJsonl', () => {
  it('writes what was imported, and importing the export changes nothing', async () => {
    await importJsonl(t.ctx, lines(...ORGS, ...RECORDS));
    const exported = await exportJsonl(t.ctx);
    expect(exported.withheld).toBe(0);
    const records = exported.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => `${String(r['type'])}:${String(r['id'])}`).sort()).toEqual(
      [...ORGS, ...RECORDS].map((r) => `${r.type}:${r.id}`).sort(),
    );
    expect(records.find((r) => r['id'] === 'suda')).toMatchObject({
      name: '苏州大学',
      kind: 'university',
      country: 'CN',
      city: '苏州',
      keywords: ['纳米材料', '碳化硅'],
    });
    expect(records.find((r) => r['id'] === 'cap-1')).toMatchObject({
      owner: 'suda',
      keywords: ['封装', '可靠性'],
    });
    const reimport = await importJsonl(t.ctx, exported.lines.join('\n'));
    expect(reimport).toMatchObject({ ok: true, summary: { created: 0, updated: 0 } });
    expect(await count('organization')).toBe(3);
    expect((await exportJsonl(t.ctx)).lines).toEqual(exported.lines);
  });
});

describe('buildOrganizationMatcher', () => {
  it('ranks organisations for free text with external ids, names and reasons', async () => {
    await importJsonl(t.ctx, lines(...ORGS, ...RECORDS));
    const matcher = await buildOrganizationMatcher(t.ctx);
    const results = matcher.match('碳化硅 power module packaging', {
      kinds: ['university', 'research_institute'],
    });
    expect(results[0]).toMatchObject({ id: 'suda', name: '苏州大学' });
    expect(results.every((r) => r.id !== 'acme')).toBe(true);
    const terms = results[0]?.reasons.find((r) => (r as { code: string }).code === 'shared_terms') as {
      terms: string[];
    };
    expect(terms.terms).toEqual(expect.arrayContaining(['碳化硅', 'packaging']));
    expect(matcher.match('碳化硅', { top: 1 })).toHaveLength(1);
  });
});

describe('readableTerms', () => {
  it('drops sub-words of a longer shared word and separates concepts', () => {
    expect(readableTerms(['碳化', '碳化硅', '化硅', 'power', 'zzcsic'])).toEqual({
      code: 'shared_terms',
      terms: ['碳化硅', 'power'],
      concepts: ['sic'],
    });
  });
});

describe('export and import of data that was never imported', () => {
  it('round-trips the demo cluster without a change', async () => {
    const { seedDemo } = await import('../demo/seed.js');
    expect((await seedDemo(t.ctx)).seeded).toBe(true);
    const before = await t.ctx.db.selectFrom('organization').selectAll().orderBy('id').execute();
    const exported = await exportJsonl(t.ctx);
    const result = await importJsonl(t.ctx, exported.lines.join('\n'));
    expect(result).toMatchObject({ ok: true, summary: { created: 0, updated: 0 } });
    expect(await t.ctx.db.selectFrom('organization').selectAll().orderBy('id').execute()).toEqual(before);
    expect((await exportJsonl(t.ctx)).lines).toEqual(exported.lines);
  });
});
