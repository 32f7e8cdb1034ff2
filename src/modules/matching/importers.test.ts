import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCordisFixture } from '../../test/cordis-fixture.js';
import { openTestDatabase, type TestDatabase } from '../../test/database.js';
import { parseCsv } from './csv.js';
import { linkGrantsToRecords } from './cordis.js';
import { importCordis, importMoeUniversities } from './importers.js';
import { moeKind, parseMoeUniversities } from './moe.js';
import { buildOrganizationMatcher } from './service.js';

const fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'consortia-cordis-'));
afterAll(() => fs.rmSync(fixtures, { recursive: true, force: true }));

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase();
});
afterEach(async () => {
  await t.close();
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, commas and newlines inside quotes, CRLF', () => {
    expect(parseCsv('a,"b ""x"", y",c\r\n1,"two\nlines",\n')).toEqual([
      ['a', 'b "x", y', 'c'],
      ['1', 'two\nlines', ''],
    ]);
  });
});

describe('linkGrantsToRecords', () => {
  it('links a grant to the record whose participations carry the same contributions', () => {
    const participations = [
      { rcn: 'r1', role: '', pic: 'a', type: 'HES', country: 'DE', startYear: 2016, contribution: 10 },
      { rcn: 'r2', role: '', pic: 'a', type: 'HES', country: 'DE', startYear: 2017, contribution: 20 },
    ];
    expect(linkGrantsToRecords(participations, [{ projectId: 'g', pic: 'a', contribution: 20 }])).toEqual(
      new Map([['g', 'r2']]),
    );
  });
});

describe('importCordis', () => {
  it('imports organisations, projects and participations, and a re-run changes nothing', async () => {
    const dir = path.join(fixtures, 'cordis');
    fs.mkdirSync(dir, { recursive: true });
    writeCordisFixture(dir);
    const progress: string[] = [];
    const first = await importCordis(t.ctx, dir, (line) => progress.push(line));
    expect(first).toEqual({
      organizations: { created: 4, updated: 0, unchanged: 0 },
      projects: 2,
      participations: 5,
    });
    expect(progress.some((line) => line.includes('participations'))).toBe(true);
    const orgs = await t.ctx.db
      .selectFrom('organization')
      .select(['name_en', 'kind', 'size_class'])
      .orderBy('name_en')
      .execute();
    expect(orgs).toEqual([
      { name_en: 'CORDIS organisation 900000003', kind: 'research_institute', size_class: null },
      { name_en: 'CORDIS organisation 900000004', kind: 'university', size_class: null },
      { name_en: 'POWER CHIPS GMBH', kind: 'enterprise', size_class: 'small' },
      { name_en: 'TECHNISCHE UNIVERSITAET BEISPIEL', kind: 'university', size_class: null },
    ]);
    const project = await t.ctx.db
      .selectFrom('collaboration_project')
      .selectAll()
      .where('external_id', '=', '1001')
      .executeTakeFirstOrThrow();
    expect(project).toMatchObject({ title: 'SICPOWER', programme: 'LEIT', start_year: 2016 });
    expect(project.topic).toContain('Silicon carbide');

    const again = await importCordis(t.ctx, dir);
    expect(again.organizations).toEqual({ created: 0, updated: 0, unchanged: 4 });
    const participants = await t.ctx.db
      .selectFrom('collaboration_participant')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(participants.n)).toBe(5);

    // The matcher reads the projects' topics and the organisations' track records.
    const matcher = await buildOrganizationMatcher(t.ctx);
    const results = matcher.match('silicon carbide power', { kinds: ['university', 'research_institute'] });
    expect(
      results
        .slice(0, 2)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['900000002', '900000003']);
    const university = results.find((r) => r.id === '900000002');
    expect(university).toMatchObject({ name: 'TECHNISCHE UNIVERSITAET BEISPIEL' });
    expect(university?.reasons).toContainEqual({ code: 'track_record', projects: 2 });
  });
});

const MOE_SOURCE = `const SchoolData=[
    {
        "id": "1",
        "name": "苏州大学",
        "code": "4132010285",
        "department": "江苏省",
        "address": "苏州市",
        "level": "本科",
        "remarks": ""
    },
    {
        id: 2, name: '苏州工业职业技术学院', code: "4132012688", department: "江苏省", address: "苏州市",
        level: "专科", remarks: "\\u6c11\\u529e"
    },
    { "id": "3", "name": "", "code": "x" }
];

export default SchoolData;`;

describe('MOE universities', () => {
  it('parses the object literals without running them', () => {
    const { universities, skipped } = parseMoeUniversities(MOE_SOURCE);
    expect(skipped).toBe(1);
    expect(universities.map((u) => [u.name, u.code, u.level, u.remarks])).toEqual([
      ['苏州大学', '4132010285', '本科', ''],
      ['苏州工业职业技术学院', '4132012688', '专科', '民办'],
    ]);
    expect(moeKind('专科')).toBe('vocational_college');
    expect(moeKind('本科')).toBe('university');
  });

  it('imports universities and colleges by MOE code, idempotently', async () => {
    expect(await importMoeUniversities(t.ctx, MOE_SOURCE)).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      skipped: 1,
    });
    expect(await importMoeUniversities(t.ctx, MOE_SOURCE)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      skipped: 1,
    });
    const rows = await t.ctx.db
      .selectFrom('organization')
      .select(['name_zh', 'kind', 'moe_code', 'district'])
      .orderBy('moe_code')
      .execute();
    expect(rows).toEqual([
      { name_zh: '苏州大学', kind: 'university', moe_code: '4132010285', district: null },
      { name_zh: '苏州工业职业技术学院', kind: 'vocational_college', moe_code: '4132012688', district: null },
    ]);
  });

  it('reads the real list when it is there', async (context) => {
    const file = path.resolve(
      import.meta.dirname,
      '../../../../shared/data/cn-universities/moe_universities.ts',
    );
    if (!fs.existsSync(file)) {
      if (process.env['CI'] === 'true') throw new Error(`${file} is missing (CI needs ../shared/data)`);
      context.skip(`${file} not found: the shared data folder is absent`);
    }
    const { universities } = parseMoeUniversities(fs.readFileSync(file, 'utf8'));
    expect(universities).toHaveLength(2631);
    expect(universities.filter((u) => u.address === '苏州市')).toHaveLength(24);
  });
});
