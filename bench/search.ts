/**
 * Search benchmark: loads generated bilingual corpora into SQLite (and PostgreSQL when reachable)
 * through the search service's bulk indexing, then measures top-10 search latency (the whole
 * service call: analysis, ranking, visibility, snippets) over a few hundred realistic queries,
 * as an anonymous caller and as a member of a verified organisation. Then top-10 matching over the
 * same generated profiles (bench/match-run.ts, one process per size).
 *
 *   npm run bench:search -- [--sizes 100000,1000000] [--engines sqlite,postgres] [--queries 300] [--seed 42]
 *                           [--matching yes|no|only]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ANONYMOUS, type Actor } from '../src/platform/auth/actor.js';
import { DEFAULT_SETTINGS, type AppContext } from '../src/platform/context.js';
import { openDatabase, type DatabaseHandle, type Engine } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { SearchQuery } from '../src/modules/search/schemas.js';
import { indexDocument, indexDocuments, optimizeSearchIndex, search } from '../src/modules/search/service.js';
import { analyzeForIndex } from '../src/modules/search/analyzer.js';
import type { SearchDocument } from '../src/modules/search/documents.js';
import { profile, query, random } from './corpus.js';
import type { MatchRow } from './match-run.js';

const POSTGRES_URL = process.env['CONSORTIA_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHUNK = 2000;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    queries: { type: 'string', default: '300' },
    seed: { type: 'string', default: '42' },
    /** Matching after search (yes), not at all (no) or instead of search (only). */
    matching: { type: 'string', default: 'yes' },
  },
});
const sizes = (args.sizes ?? '')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const engines = (args.engines ?? '')
  .split(',')
  .filter((e): e is Engine => e === 'sqlite' || e === 'postgres');
const queryCount = Number(args.queries);
const seed = Number(args.seed);

interface Row {
  engine: Engine;
  profiles: number;
  loadSeconds: number;
  optimizeSeconds: number;
  singleIndexMs: number;
  anonymous: Latency;
  member: Latency;
  /** CPU time of this process per search (both callers): what contention on the machine cannot inflate. */
  cpu: Latency;
  /** The machine's 1-minute load average while searching. */
  load: number;
  zeroHitShare: number;
  databaseMb: number | null;
  peakRssMb: number;
}

interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function openBenchDatabase(
  engine: Engine,
  label: string,
): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void>; file: string | null }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consortia-bench-'));
    const file = path.join(dir, `${label}.db`);
    const handle = openDatabase({ engine: 'sqlite', filename: file });
    return { handle, file, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `bench_${label}`;
  await admin(`drop schema if exists "${schema}" cascade`);
  await admin(`create schema "${schema}"`);
  const handle = openDatabase(
    { engine: 'postgres', connectionString: POSTGRES_URL },
    { searchPath: schema, poolSize: 4 },
  );
  return { handle, file: null, cleanup: async () => admin(`drop schema if exists "${schema}" cascade`) };
}

function progress(text: string): void {
  process.stderr.write(`\r${text}`.padEnd(80));
}

async function runOne(engine: Engine, profiles: number): Promise<Row> {
  const label = `${engine}_${profiles}`;
  const { handle, file, cleanup } = await openBenchDatabase(engine, label);
  const ctx: AppContext = { db: handle.db, engine, settings: DEFAULT_SETTINGS };
  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
    const organizations = Math.max(10, Math.floor(profiles / 10));
    const started = performance.now();
    for (let start = 0; start < profiles; start += CHUNK) {
      const docs: SearchDocument[] = [];
      for (let i = start; i < Math.min(profiles, start + CHUNK); i += 1)
        docs.push(profile(seed, i, organizations));
      await handle.db.transaction().execute((tx) => indexDocuments(tx, docs));
      if ((start / CHUNK) % 10 === 0) {
        const done = start + docs.length;
        const rate = done / ((performance.now() - started) / 1000);
        progress(
          `${label}: ${done.toLocaleString('en')} / ${profiles.toLocaleString('en')} profiles (${Math.round(rate)}/s)`,
        );
      }
    }
    const loadSeconds = (performance.now() - started) / 1000;
    const optimizeStarted = performance.now();
    await optimizeSearchIndex(ctx);
    if (engine === 'postgres') await sql`analyze search_document`.execute(handle.db);
    const optimizeSeconds = (performance.now() - optimizeStarted) / 1000;

    // One record through the ordinary path (what an edit costs), averaged over a few.
    const single: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const doc = profile(seed + 1, i, organizations);
      const t0 = performance.now();
      await handle.db.transaction().execute((tx) => indexDocument(tx, { ...doc, entityId: `single-${i}` }));
      single.push(performance.now() - t0);
    }

    const verified = await handle.db
      .selectFrom('search_document')
      .select('entity_id')
      .where('entity_type', '=', 'organization')
      .where('is_active', '=', 1)
      .limit(1)
      .executeTakeFirst();
    const member: Actor = {
      kind: 'user',
      userId: 'bench',
      sessionId: 'bench',
      csrfToken: 'bench',
      platformRoles: new Set(),
      memberships: new Map([[verified?.entity_id ?? 'org-0', 'member']]),
    };

    const rng = random(seed + 99);
    const queries = Array.from({ length: queryCount }, () => query(rng));
    for (const q of queries.slice(0, 20)) await search(ctx, ANONYMOUS, SearchQuery.parse(q));
    const times: Record<'anonymous' | 'member', number[]> = { anonymous: [], member: [] };
    const cpu: number[] = [];
    const loads: number[] = [];
    let zeroHits = 0;
    for (const [who, actor] of [
      ['anonymous', ANONYMOUS],
      ['member', member],
    ] as const) {
      for (const q of queries) {
        const parsed = SearchQuery.parse(q);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const result = await search(ctx, actor, parsed);
        times[who].push(performance.now() - t0);
        const used = process.cpuUsage(c0);
        cpu.push((used.user + used.system) / 1000);
        if (cpu.length % 50 === 0) loads.push(os.loadavg()[0] ?? 0);
        if (who === 'anonymous' && result.items.length === 0) zeroHits += 1;
      }
    }
    progress('');
    process.stderr.write('\n');
    return {
      engine,
      profiles,
      loadSeconds,
      optimizeSeconds,
      singleIndexMs: single.reduce((a, b) => a + b, 0) / single.length,
      anonymous: latency(times.anonymous),
      member: latency(times.member),
      cpu: latency(cpu),
      load: loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length),
      zeroHitShare: zeroHits / queries.length,
      databaseMb: file ? Math.round(fs.statSync(file).size / 1024 / 1024) : await postgresSizeMb(handle),
      peakRssMb: peakRssMb(),
    };
  } finally {
    await handle.close();
    await cleanup();
  }
}

async function postgresSizeMb(handle: DatabaseHandle): Promise<number | null> {
  const result = await handle.db
    .selectNoFrom((eb) => eb.fn<number>('pg_total_relation_size', [eb.val('search_document')]).as('bytes'))
    .executeTakeFirst();
  return result ? Math.round(Number(result.bytes) / 1024 / 1024) : null;
}

function analysisRate(): number {
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < 2000) {
    const doc = profile(seed + 7, n, 1000);
    analyzeForIndex(`${doc.title}\n${doc.publicText}\n${doc.restrictedText}`);
    n += 1;
  }
  return n / ((performance.now() - started) / 1000);
}

const ms = (n: number) => n.toFixed(1);

/** One matching run in its own process, so its peak memory is the matcher's alone. */
function runMatching(profiles: number): MatchRow {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'match-run.ts');
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      script,
      '--size',
      String(profiles),
      '--queries',
      String(queryCount),
      '--seed',
      String(seed),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line)
    throw new Error(`matching run for ${profiles} profiles failed (${child.status})`);
  return JSON.parse(line.slice('RESULT '.length)) as MatchRow;
}

function printMatching(rows: readonly MatchRow[]): void {
  console.log('');
  console.log(
    'Matching, top 10 (shared analyser + MatchIndex.rank per query; queries alternate search words and need texts):',
  );
  console.log('');
  console.log(
    '| profiles | tokens per candidate (vocabulary) | analysis (s) | index build (s) | match p50 / p95 / p99 / max (ms), search words | match p50 / p95 / p99 / max (ms), need texts | all queries p50 / p95 (ms) | CPU per match p50 / p95 (ms) | load avg | peak RSS (MB) |',
  );
  console.log('|---:|---:|---:|---:|---|---|---|---|---:|---:|');
  for (const r of rows) {
    const l = (x: MatchRow['all']) => `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.p99)} / ${ms(x.max)}`;
    console.log(
      `| ${r.profiles.toLocaleString('en')} | ${r.tokensPerCandidate.toFixed(0)} (${r.vocabulary.toLocaleString('en')}) | ${r.analysisSeconds.toFixed(0)} | ${r.buildSeconds.toFixed(1)} | ${l(r.words)} | ${l(r.need)} | ${ms(r.all.p50)} / ${ms(r.all.p95)} | ${ms(r.cpu.p50)} / ${ms(r.cpu.p95)} | ${r.load.toFixed(1)} | ${r.peakRssMb} |`,
    );
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 1024 ** 3)} GB`,
  );
  if (args.matching === 'only') {
    printMatching(sizes.map(runMatching));
    return;
  }
  const usePostgres = engines.includes('postgres') && (await postgresReachable());
  if (engines.includes('postgres') && !usePostgres)
    console.log(`PostgreSQL not reachable at ${POSTGRES_URL}: skipped`);
  console.log(`Analyser: ${Math.round(analysisRate())} profiles/s on one core`);
  for (const profiles of sizes) {
    for (const engine of engines) {
      if (engine === 'postgres' && !usePostgres) continue;
      rows.push(await runOne(engine, profiles));
    }
  }
  console.log('');
  console.log(
    '| engine | profiles | index build (s) | optimize (s) | one edit (ms) | search p50 / p95 / p99 / max (ms), anonymous | search p50 / p95 / p99 / max (ms), member | CPU per search p50 / p95 (ms) | load avg | no hit | size (MB) | peak RSS (MB) |',
  );
  console.log('|---|---:|---:|---:|---:|---|---|---|---:|---:|---:|---:|');
  for (const r of rows) {
    const l = (x: Latency) => `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.p99)} / ${ms(x.max)}`;
    console.log(
      `| ${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.profiles.toLocaleString('en')} | ${r.loadSeconds.toFixed(0)} | ${r.optimizeSeconds.toFixed(1)} | ${ms(r.singleIndexMs)} | ${l(r.anonymous)} | ${l(r.member)} | ${ms(r.cpu.p50)} / ${ms(r.cpu.p95)} | ${r.load.toFixed(1)} | ${Math.round(r.zeroHitShare * 100)}% | ${r.databaseMb ?? '?'} | ${r.peakRssMb} |`,
    );
  }
  if (args.matching !== 'no') printMatching(sizes.map(runMatching));
}

await main();
