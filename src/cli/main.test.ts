import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS } from '../modules/demo/data.js';
import { DEMO_DIRECTORY_EVENTS } from '../modules/demo/directory-data.js';
import { DEMO_MATCH_EVENTS } from '../modules/demo/matches-data.js';
import { DEMO_PROJECT_EVENTS } from '../modules/demo/seed.js';
import { TEST_POSTGRES_URL, testEngine } from '../test/database.js';
import { knownMigrations } from '../platform/db/migrate.js';
import { runCli } from './main.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const DEMO_EVENTS =
  DEMO_CLUSTERS.length +
  DEMO_ORGANIZATIONS.length +
  DEMO_USERS.length +
  DEMO_DIRECTORY_EVENTS +
  DEMO_MATCH_EVENTS +
  DEMO_PROJECT_EVENTS;

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'consortia-cli-'));
afterAll(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

function tempPath(name: string): string {
  return path.join(directory, name);
}

interface Run {
  out: string[];
  err: string[];
  /** Exit codes the command asked for, in order; empty when it just finished. */
  exits: number[];
}

async function cli(...argv: string[]): Promise<Run> {
  const run: Run = { out: [], err: [], exits: [] };
  await runCli(argv, { out: (line) => run.out.push(line), err: (line) => run.err.push(line) }, (code) =>
    run.exits.push(code),
  );
  return run;
}

function succeeded(run: Run): boolean {
  return run.exits.every((code) => code === 0);
}

describe('consortia CLI on an SQLite file', () => {
  const db = tempPath('consortia.db');
  const backup = tempPath('consortia.backup.gz');
  const restored = tempPath('restored.db');

  it('migrates, seeds, verifies, backs up, detects tampering and restores', async () => {
    const migrated = await cli('migrate', '--db', db);
    expect(migrated.out).toEqual([`Applied ${knownMigrations().join(', ')} to SQLite ${db}`]);
    expect(succeeded(migrated)).toBe(true);
    expect((await cli('migrate', '--db', db)).out).toEqual([`SQLite ${db} is up to date`]);

    const seeded = await cli('seed', 'demo', '--db', db);
    expect(seeded.out).toEqual([
      `Loaded ${DEMO_CLUSTERS.length} clusters, ${DEMO_ORGANIZATIONS.length} organisations and ${DEMO_USERS.length} users (password: ${DEMO_PASSWORD})`,
    ]);
    expect(succeeded(seeded)).toBe(true);

    const again = await cli('seed', 'demo', '--db', db);
    expect(again.err).toEqual(['Not seeded: the database already has users or organisations']);
    expect(again.exits).toEqual([1]);

    const reindexed = await cli('search', 'reindex', '--db', db);
    expect(reindexed.out).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Re-indexed ${DEMO_ORGANIZATIONS.length} organisations; \\d+ search documents re-analysed$`,
        ),
      ),
    ]);
    expect(succeeded(reindexed)).toBe(true);

    const intact = await cli('audit', 'verify', '--db', db);
    expect(intact.out).toEqual([`Audit chain intact: ${DEMO_EVENTS} events verified`]);
    expect(succeeded(intact)).toBe(true);

    const backedUp = await cli('backup', backup, '--db', db);
    expect(backedUp.out).toHaveLength(1);
    expect(backedUp.out[0]).toMatch(new RegExp(`^Backed up \\d+ rows from SQLite ${db} to ${backup}$`));
    expect(succeeded(backedUp)).toBe(true);

    // Seeded events carry details '{}', so setting that would change nothing: write something else.
    const raw = new SQLite(db);
    expect(
      raw.prepare(`update audit_event set details = '{"tampered":true}' where seq = 5`).run().changes,
    ).toBe(1);
    raw.close();
    const broken = await cli('audit', 'verify', '--db', db);
    expect(broken.out).toEqual([
      'Audit chain BROKEN at event 5: the event was altered after it was written (4 events verified before it)',
    ]);
    expect(broken.exits).toEqual([1]);
    const brokenJson = await cli('audit', 'verify', '--json', '--db', db);
    expect(JSON.parse(brokenJson.out[0] ?? '{}')).toEqual({
      ok: false,
      checked: 4,
      firstBreak: { kind: 'hash_mismatch', seq: 5 },
    });
    expect(brokenJson.exits).toEqual([1]);

    const restoredRun = await cli('restore', backup, '--db', restored);
    expect(restoredRun.out).toHaveLength(1);
    expect(restoredRun.out[0]).toMatch(
      new RegExp(
        `^Restored \\d+ rows into SQLite ${restored}; audit chain intact \\(${DEMO_EVENTS} events\\)$`,
      ),
    );
    expect(succeeded(restoredRun)).toBe(true);
    const verified = await cli('audit', 'verify', '--db', restored);
    expect(verified.out).toEqual([`Audit chain intact: ${DEMO_EVENTS} events verified`]);
    expect(succeeded(verified)).toBe(true);

    const refused = await cli('restore', backup, '--db', restored);
    expect(refused.err).toEqual([
      'Error: The target database is not empty; use --force to replace its contents',
    ]);
    expect(refused.exits).toEqual([1]);
    const forced = await cli('restore', backup, '--db', restored, '--force');
    expect(succeeded(forced)).toBe(true);
  });

  it('refuses to restore a damaged backup with one clear line', async () => {
    const damaged = tempPath('damaged.gz');
    fs.writeFileSync(damaged, 'this is not gzip');
    const run = await cli('restore', damaged, '--db', tempPath('never.db'));
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^Error: The backup file is damaged: /);
    expect(run.exits).toEqual([1]);
  });

  it('adds a user with platform roles and refuses the same e-mail twice', async () => {
    const file = tempPath('users.db');
    const added = await cli(
      'user',
      'add',
      'Office@Example.com',
      '--name',
      'Office',
      '--role',
      'cluster_office',
      'auditor',
      '--db',
      file,
    );
    expect(added.out[0]).toBe('Created office@example.com (cluster_office, auditor)');
    expect(added.out[1]).toMatch(/^Password: \S{16} {2}\(change it after signing in\)$/);
    expect(succeeded(added)).toBe(true);
    const raw = new SQLite(file, { readonly: true });
    const roles = raw
      .prepare(
        `select role from platform_role join app_user on app_user.id = platform_role.user_id where email = ? order by role`,
      )
      .all('office@example.com');
    raw.close();
    expect(roles).toEqual([{ role: 'auditor' }, { role: 'cluster_office' }]);

    const duplicate = await cli('user', 'add', 'office@example.com', '--name', 'Again', '--db', file);
    expect(duplicate.err).toEqual(['Error: An account with e-mail office@example.com already exists']);
    expect(duplicate.exits).toEqual([1]);
    const badRole = await cli('user', 'add', 'x@example.com', '--name', 'X', '--role', 'root', '--db', file);
    expect(badRole.err).toEqual(['Error: Unknown role root; use cluster_office, auditor, reviewer']);
    expect(badRole.exits).toEqual([1]);
  });
});

describe('consortia CLI usage', () => {
  it('lists every command in --help', async () => {
    const run = await cli('--help');
    const help = run.out.join('\n');
    for (const command of ['serve', 'migrate', 'seed', 'backup', 'restore', 'audit']) {
      expect(help).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    expect(run.exits.filter((code) => code !== 0)).toEqual([]);
  });

  it('refuses an unknown command with a non-zero exit and a helpful message', async () => {
    const run = await cli('frobnicate');
    expect(run.exits.length).toBeGreaterThan(0);
    expect(run.exits.every((code) => code !== 0)).toBe(true);
    const err = run.err.join('\n');
    expect(err).toContain("unknown command 'frobnicate'");
    expect(err).toContain('Usage: consortia');
  });

  it('refuses an unsupported database URL', async () => {
    const run = await cli('migrate', '--db', 'mysql://root@localhost/consortia');
    expect(run.err).toEqual([
      'Error: Unsupported database URL "mysql://root@localhost/consortia": use a file path, sqlite:<path> or postgres://…',
    ]);
    expect(run.exits).toEqual([1]);
  });

  it('refuses to verify or back up a SQLite file that does not exist, and creates none', async () => {
    const missing = tempPath('missing.db');
    for (const argv of [
      ['audit', 'verify'],
      ['backup', tempPath('never.gz')],
    ]) {
      const run = await cli(...argv, '--db', missing);
      expect(run.exits).toEqual([1]);
      expect(run.err).toEqual([`Error: No database at ${missing}`]);
    }
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('refuses an invalid port', async () => {
    const run = await cli('serve', '--port', '70000', '--db', tempPath('unused.db'));
    expect(run.exits).toEqual([1]);
    expect(run.err.join('\n')).toContain('Invalid port "70000"');
    expect(fs.existsSync(tempPath('unused.db'))).toBe(false);
  });
});

describe.runIf(testEngine() === 'postgres')('consortia CLI on PostgreSQL', () => {
  // The CLI has no search-path option, so it gets a throwaway database of its own.
  const name = `consortia_cli_${process.pid}_${Date.now()}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();

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

  it('migrates, seeds and verifies a PostgreSQL database, and its backup restores into SQLite', async () => {
    await admin(`create database "${name}"`);

    const migrated = await cli('migrate', '--db', databaseUrl);
    expect(migrated.out).toEqual([`Applied ${knownMigrations().join(', ')} to PostgreSQL ${databaseUrl}`]);
    expect(succeeded(migrated)).toBe(true);
    expect(succeeded(await cli('seed', 'demo', '--db', databaseUrl))).toBe(true);
    expect((await cli('audit', 'verify', '--db', databaseUrl)).out).toEqual([
      `Audit chain intact: ${DEMO_EVENTS} events verified`,
    ]);

    const backup = tempPath('from-postgres.gz');
    expect(succeeded(await cli('backup', backup, '--db', databaseUrl))).toBe(true);
    const sqlite = tempPath('from-postgres.db');
    const restored = await cli('restore', backup, '--db', sqlite);
    expect(restored.out[0]).toMatch(/audit chain intact/);
    expect(succeeded(restored)).toBe(true);
  });
});

describe('consortia serve', () => {
  let child: ChildProcess | null = null;
  afterAll(() => {
    // Only when the test failed half-way: end the server's process group (tsx and its node child).
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null)
      process.kill(-child.pid, 'SIGKILL');
  });

  it('starts on a fresh database with the demo cluster and answers health, readiness and meta', async () => {
    const db = tempPath('served.db');
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    delete env['DATABASE_URL'];
    delete env['PORT'];
    const started = spawn(
      tsx,
      [path.join(ROOT, 'src/cli/main.ts'), 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1'],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    child = started;
    let stdout = '';
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`serve did not start in time:\n${stdout}\n${stderr}`)),
        20_000,
      );
      started.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${String(code)}:\n${stdout}\n${stderr}`));
      });
    });

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', engine: 'sqlite' });
    const meta = (await (await fetch(`${base}/api/v1/meta`)).json()) as {
      hasDemoData: boolean;
      demoPassword: string | null;
    };
    expect(meta).toMatchObject({ hasDemoData: true, demoPassword: DEMO_PASSWORD });
    expect(stdout).toContain(`Demo accounts (password: ${DEMO_PASSWORD})`);
    const missing = await fetch(`${base}/api/v1/no-such-route`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('request.not_found');
    if (fs.existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) {
      // The built web app answers its own client-side routes.
      const page = await fetch(`${base}/directory`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    } else {
      expect(stderr).toContain('The web app is not built');
    }

    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
    started.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
