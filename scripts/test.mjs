// `npm test`: the whole suite. Unit, storage and API tests on SQLite; the same tests again on
// PostgreSQL when it is reachable; browser tests in Chromium when it is installed. Locally a
// missing PostgreSQL or Chromium skips those parts with one line saying how to enable them; with
// CI=true a missing dependency fails the run. Ends with one line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const postgresUrl = process.env.CONSORTIA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CONSORTIA_CHROMIUM ?? '/usr/bin/chromium';
const extraArgs = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** Builds what the browser tests and the CLI need when it is missing or older than its sources. */
function ensureBuilt() {
  const serverOut = 'dist/server/cli/main.js';
  if (!fs.existsSync(serverOut) || newestMtime(['src']) > fs.statSync(serverOut).mtimeMs) {
    if (run('npm', ['run', '--silent', 'build:server']) !== 0) problems.push('server build failed');
  }
  const webOut = 'dist/web/index.html';
  if (
    !fs.existsSync(webOut) ||
    newestMtime(['web/src', 'web/index.html', 'src/modules']) > fs.statSync(webOut).mtimeMs
  ) {
    if (run('npm', ['run', '--silent', 'build:web']) !== 0) problems.push('web build failed');
  }
}

/** Runs vitest and adds its counts to the totals. */
function vitest(label, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const report = path.join(os.tmpdir(), `consortia-vitest-${process.pid}-${Date.now()}.json`);
  const status = run(
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...args,
      ...extraArgs,
    ],
    env,
  );
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
    if (json.numTotalTests === 0) problems.push(`${label}: no tests ran`);
    fs.rmSync(report, { force: true });
  } catch {
    problems.push(`${label}: no test report`);
  }
  if (status !== 0) problems.push(`${label} failed`);
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function skipOrFail(what, how) {
  if (ci) {
    problems.push(`${what} is required in CI but missing: ${how}`);
    console.error(`\nFAIL: ${what} is required in CI (CI=true) but missing: ${how}`);
  } else {
    console.log(`\nSKIPPED ${what}: ${how}`);
  }
}

ensureBuilt();
vitest('unit, storage and API tests on SQLite', []);

if (await postgresReachable()) {
  // The fuzz test's inputs do not depend on the engine; fewer runs keep the PostgreSQL pass short.
  vitest('storage and API tests on PostgreSQL', [], {
    CONSORTIA_TEST_DB: 'postgres',
    FUZZ_RUNS: process.env.FUZZ_RUNS ?? '20',
  });
} else {
  skipOrFail(
    'PostgreSQL tests',
    `no server at ${postgresUrl}; start PostgreSQL there or set CONSORTIA_TEST_POSTGRES_URL`,
  );
}

if (fs.existsSync(chromium)) {
  vitest('browser tests in Chromium', ['--config', 'e2e/vitest.config.ts'], { CONSORTIA_CHROMIUM: chromium });
} else {
  skipOrFail(
    'browser tests',
    `no Chromium at ${chromium}; install it with \`apt-get install -y chromium fonts-wqy-microhei\` or set CONSORTIA_CHROMIUM`,
  );
}

console.log('');
for (const problem of problems) console.log(`problem: ${problem}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(problems.length > 0 || totals.failed > 0 ? 1 : 0);
