import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { openDatabase } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { testEngine } from '../../test/database.js';
import { insertOrganizationInTransaction } from '../organizations/service.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'consortia-engagement-'));
afterAll(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const run = { out: [] as string[], err: [] as string[], exits: [] as number[] };
  await runCli(argv, { out: (l) => run.out.push(l), err: (l) => run.err.push(l) }, (c) => run.exits.push(c));
  return run;
}

describe.skipIf(testEngine() === 'postgres')('consortia engagement sweep', () => {
  it('raises a flag per silent party once, and keeps it open on the next sweep', async () => {
    const db = path.join(directory, 'engagement.db');
    expect((await cli('migrate', '--db', db)).exits).toEqual([]);
    const handle = openDatabase({ engine: 'sqlite', filename: db });
    const joined = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const org = (n: number) =>
      handle.db.transaction().execute((tx) =>
        insertOrganizationInTransaction(
          tx,
          {
            kind: 'university',
            nameZh: `命令行机构${n}`,
            nameEn: `CLI Organisation ${n}`,
            verified: true,
            isDemo: false,
          },
          new Map(),
          [],
          null,
        ),
      );
    const [a, b] = [await org(1), await org(2)];
    const projectId = newId();
    await handle.db
      .insertInto('project')
      .values({
        id: projectId,
        consortium_id: null,
        source_match_id: null,
        title: 'CLI project',
        summary: '',
        lead_organization_id: a,
        stage: 'rd',
        status: 'active',
        status_reason: null,
        silent_after_days: 14,
        created_by: null,
        created_at: joined,
        updated_at: joined,
        version: 1,
      })
      .execute();
    await handle.db
      .insertInto('project_party')
      .values([
        { project_id: projectId, organization_id: a, role: 'lead', joined_at: joined },
        { project_id: projectId, organization_id: b, role: 'partner', joined_at: joined },
      ])
      .execute();
    await handle.close();

    const first = await cli('engagement', 'sweep', '--db', db);
    expect(first.out).toEqual(['Swept 1 projects: 2 flags raised, 0 still open, 0 cleared']);
    const second = await cli('engagement', 'sweep', '--db', db);
    expect(second.out).toEqual(['Swept 1 projects: 0 flags raised, 2 still open, 0 cleared']);
    const earlier = await cli('engagement', 'sweep', '--db', db, '--now', joined);
    expect(earlier.out).toEqual(['Swept 1 projects: 0 flags raised, 0 still open, 2 cleared']);
    const bad = await cli('engagement', 'sweep', '--db', db, '--now', 'yesterday');
    expect(bad.err).toEqual(['Error: Not an ISO instant: yesterday']);
    expect(bad.exits).toEqual([1]);
  });
});
