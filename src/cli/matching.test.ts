import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCordisFixture } from '../test/cordis-fixture.js';
import { TEST_POSTGRES_URL, testEngine } from '../test/database.js';
import { runCli } from './main.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'consortia-match-cli-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

function tempPath(name: string): string {
  return path.join(directory, name);
}

interface Run {
  out: string[];
  err: string[];
  exits: number[];
}

async function cli(...argv: string[]): Promise<Run> {
  const run: Run = { out: [], err: [], exits: [] };
  await runCli(argv, { out: (line) => run.out.push(line), err: (line) => run.err.push(line) }, (code) =>
    run.exits.push(code),
  );
  return run;
}

const succeeded = (run: Run): boolean => run.exits.every((code) => code === 0);

function writeLines(name: string, records: object[]): string {
  const file = tempPath(name);
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

const RECORDS = [
  {
    type: 'organization',
    id: 'suda',
    name: '苏州大学',
    kind: 'university',
    description: '碳化硅功率器件、纳米材料与柔性电子',
    keywords: ['碳化硅', '纳米'],
  },
  {
    type: 'organization',
    id: 'sibet',
    name: 'Suzhou Institute of Biomedical Engineering',
    kind: 'research_institute',
    description: 'medical imaging, ultrasound, in vitro diagnostics',
  },
  {
    type: 'organization',
    id: 'acme',
    name: 'Acme Power',
    kind: 'enterprise',
    description: 'SiC power modules',
  },
  {
    type: 'organization',
    id: 'siit',
    name: '苏州工业职业技术学院',
    kind: 'vocational_college',
    description: '数控加工 与 工业机器人 实训',
  },
  { type: 'need', id: 'n1', title: 'SiC 模块散热', description: '需要碳化硅功率模块热仿真', owner: 'acme' },
  {
    type: 'capability',
    id: 'c1',
    title: '超声成像平台',
    description: 'ultrasound imaging platform',
    owner: 'sibet',
  },
];

/** The whole interchange contract on one database URL. */
async function exerciseInterchange(db: string): Promise<void> {
  const file = writeLines('records.jsonl', RECORDS);
  const imported = await cli('import', 'jsonl', file, '--db', db);
  expect(imported.out).toEqual([
    `Imported 6 records from ${file}: 6 created, 0 updated, 0 unchanged (organization 4, need 1, capability 1)`,
  ]);
  expect(succeeded(imported)).toBe(true);
  const again = await cli('import', 'jsonl', file, '--db', db);
  expect(again.out[0]).toContain('0 created, 0 updated, 6 unchanged');

  const bad = writeLines('bad.jsonl', [
    RECORDS[0] as object,
    RECORDS[1] as object,
    { type: 'need', id: 'n2', owner: 'acme', description: 'x' },
  ]);
  const refused = await cli('import', 'jsonl', bad, '--db', db);
  expect(refused.exits).toEqual([1]);
  expect(refused.err[0]).toBe(`Nothing imported from ${bad}: 1 problem(s)`);
  expect(refused.err[1]).toMatch(/^ {2}row 3: title: /);

  const match = await cli(
    'match',
    '--text',
    '碳化硅 功率器件',
    '--kind',
    'university,research_institute',
    '--top',
    '2',
    '--json',
    '--db',
    db,
  );
  expect(succeeded(match)).toBe(true);
  const results = JSON.parse(match.out[0] ?? '[]') as {
    id: string;
    name: string;
    score: number;
    reasons: { code: string }[];
  }[];
  expect(results.length).toBeLessThanOrEqual(2);
  expect(results[0]).toMatchObject({ id: 'suda', name: '苏州大学' });
  expect(results[0]?.score).toBeGreaterThan(0);
  expect(results[0]?.reasons.map((r) => r.code)).toContain('shared_terms');
  expect(results.some((r) => r.id === 'acme')).toBe(false);

  const queries = tempPath('queries.jsonl');
  fs.writeFileSync(
    queries,
    [
      JSON.stringify({ id: 'q1', text: 'ultrasound imaging' }),
      JSON.stringify({ id: 2, text: '工业机器人 实训' }),
      '',
      JSON.stringify({ id: 'q3', text: 'quantum gravity' }),
    ].join('\n'),
  );
  const batch = await cli(
    'match',
    '--queries',
    queries,
    '--kind',
    'HES,REC,vocational_college',
    '--top',
    '3',
    '--db',
    db,
  );
  expect(succeeded(batch)).toBe(true);
  const answers = batch.out.map(
    (line) => JSON.parse(line) as { id: string | number; results: { id: string }[] },
  );
  expect(answers.map((a) => a.id)).toEqual(['q1', 2, 'q3']);
  expect(answers[0]?.results[0]?.id).toBe('sibet');
  expect(answers[1]?.results[0]?.id).toBe('siit');
  for (const a of answers) expect(a.results.length).toBeLessThanOrEqual(3);

  const exported = tempPath('export.jsonl');
  const exportRun = await cli('export', 'jsonl', exported, '--db', db);
  expect(succeeded(exportRun)).toBe(true);
  const lines = fs.readFileSync(exported, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(6);
  const reimported = await cli('import', 'jsonl', exported, '--db', db);
  expect(reimported.out[0]).toContain('0 created, 0 updated, 6 unchanged');
  const toStdout = await cli('export', 'jsonl', '--db', db);
  expect(toStdout.out).toEqual(lines);
}

describe('consortia import/export/match on SQLite', () => {
  it('imports, refuses a bad file whole, matches one and many queries, exports and re-imports', async () => {
    await exerciseInterchange(tempPath('interchange.db'));
  });

  it('refuses a match without a query or with a bad --top or --kind', async () => {
    const db = tempPath('empty.db');
    expect((await cli('match', '--json', '--db', db)).err).toEqual([
      'Error: Give either --text or --queries',
    ]);
    expect((await cli('match', '--text', 'x', '--top', '0', '--db', db)).err[0]).toMatch(/--top must be/);
    expect((await cli('match', '--text', 'x', '--kind', 'spaceship', '--db', db)).err[0]).toMatch(
      /Unknown kind "spaceship"/,
    );
    expect(JSON.parse((await cli('match', '--text', 'x', '--json', '--db', db)).out[0] ?? 'null')).toEqual(
      [],
    );
  });

  it('imports CORDIS with progress on stderr and the MOE list', async () => {
    const db = tempPath('outside.db');
    const dir = tempPath('cordis');
    fs.mkdirSync(dir);
    writeCordisFixture(dir);
    const run = await cli('import', 'cordis', dir, '--db', db);
    expect(succeeded(run)).toBe(true);
    expect(run.out[0]).toMatch(
      /^Imported CORDIS from .*: organisations 4 created, 0 updated, 0 unchanged; 2 projects, 5 participations/,
    );
    expect(run.err.some((line) => line.startsWith('read '))).toBe(true);

    const moe = tempPath('moe.ts');
    fs.writeFileSync(
      moe,
      'const SchoolData=[{"id":"1","name":"苏州大学","code":"4132010285","department":"江苏省","address":"苏州市","level":"本科","remarks":""}];\nexport default SchoolData;\n',
    );
    const moeRun = await cli('import', 'moe-universities', moe, '--db', db);
    expect(moeRun.out).toEqual([`Imported MOE universities from ${moe}: 1 created, 0 updated, 0 unchanged`]);
  });
});

describe.runIf(testEngine() === 'postgres')('consortia import/export/match on PostgreSQL', () => {
  const name = `consortia_match_cli_${process.pid}_${Date.now()}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;

  async function admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }
  afterAll(async () => {
    await admin(`drop database if exists "${name}" with (force)`);
  });

  it('imports, refuses a bad file whole, matches one and many queries, exports and re-imports', async () => {
    await admin(`create database "${name}"`);
    await exerciseInterchange(url.toString());
  });
});
