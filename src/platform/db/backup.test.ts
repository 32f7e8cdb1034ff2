import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine, type TestDatabase } from '../../test/database.js';
import type { Engine } from './database.js';
import { verifyAuditChain } from '../audit/audit.js';
import { DEFAULT_SETTINGS } from '../context.js';
import {
  hashPassword,
  insertUserInTransaction,
  logIn,
  registerUser,
} from '../../modules/identity/service.js';
import {
  insertClusterInTransaction,
  insertOrganizationInTransaction,
} from '../../modules/organizations/service.js';
import { creditCodeCheckCharacter } from '../../modules/organizations/rules.js';
import { grantDocumentAccess, search } from '../../modules/search/service.js';
import {
  insertNdaRequestInTransaction,
  insertAchievementInTransaction,
  insertCapabilityInTransaction,
  insertExpertInTransaction,
  insertNeedInTransaction,
} from '../../modules/directory/service.js';
import { SearchQuery } from '../../modules/search/schemas.js';
import { insertCollaborationProjects, insertParticipants } from '../../modules/matching/repo.js';
import { importJsonl } from '../../modules/matching/service.js';
import { insertEvent, insertMatch } from '../../modules/matches/repo.js';
import {
  insertCharterSignature,
  insertCharterVersion,
  insertConsortium,
  insertDesignation,
  insertMember,
} from '../../modules/consortia/repo.js';
import { ANONYMOUS } from '../auth/actor.js';
import { backupDatabase, BackupError, restoreDatabase } from './backup.js';
import { knownMigrations } from './migrate.js';
import { TABLE_KEYS, TABLES_IN_DEPENDENCY_ORDER } from './schema.js';

const PASSWORD = 'correct horse battery staple';
const CLIENT = { ip: '203.0.113.7', userAgent: 'vitest' };

/** Puts at least one row in every table, with text that is awkward to serialise. */
async function fillEveryTable(t: TestDatabase): Promise<void> {
  const passwordHash = await hashPassword(PASSWORD);
  await t.ctx.db.transaction().execute(async (tx) => {
    const clusterId = await insertClusterInTransaction(
      tx,
      { slug: 'biomedicine', nameZh: '生物医药', nameEn: 'Biomedicine', sortOrder: 1 },
      null,
    );
    const officeId = await insertUserInTransaction(
      tx,
      {
        email: 'office@example.com',
        displayName: '陈静 "office"',
        passwordHash,
        locale: 'zh-CN',
        isDemo: false,
        platformRoles: ['cluster_office', 'auditor'],
      },
      null,
    );
    const first17 = '91320594MA1000010';
    const organizationId = await insertOrganizationInTransaction(
      tx,
      {
        kind: 'enterprise',
        sizeClass: 'small',
        nameZh: '苏州澜岳生物医药\n有限公司',
        nameEn: "Lanyue's \\ Biopharma 100%_",
        creditCode: first17 + (creditCodeCheckCharacter(first17) ?? ''),
        district: 'sip',
        website: 'https://lanyue.example.com',
        descriptionZh: '😀 emoji and \u2028 separators',
        clusters: [{ cluster: 'biomedicine', chainPosition: 'midstream' }],
        verified: true,
        isDemo: false,
      },
      new Map([['biomedicine', clusterId]]),
      [{ userId: officeId, role: 'admin' }],
      officeId,
    );
    await grantDocumentAccess(tx, { entityType: 'organization', entityId: organizationId, organizationId });
    const universityId = await insertOrganizationInTransaction(
      tx,
      { kind: 'university', nameZh: '苏州某大学', nameEn: 'A University', verified: true, isDemo: false },
      new Map(),
      [],
      officeId,
    );
    const options = { actorUserId: officeId, isDemo: false };
    const needId = await insertNeedInTransaction(
      tx,
      {
        ownerOrganizationId: organizationId,
        title: '车规芯片 "need" \\ 100%_',
        description: '😀 \u2028 confidential',
        keywords: ['a"b', '电源'],
        cooperationModes: ['joint_rd', 'licence'],
        budgetMinFen: 5_000_000_000_000,
        budgetMaxFen: 9_000_000_000_000,
        visibility: 'parties',
        ndaTerms: 'terms\nline two',
      },
      options,
    );
    await insertCapabilityInTransaction(
      tx,
      {
        ownerOrganizationId: organizationId,
        title: 'Testing',
        description: 'HTOL',
        cooperationModes: ['consulting'],
        visibility: 'registered',
      },
      options,
    );
    await insertAchievementInTransaction(
      tx,
      {
        ownerOrganizationId: universityId,
        title: '低温烧结',
        description: 'silver',
        kind: 'patent',
        registrationNumber: 'CN201710601862.3',
        trl: 4,
        transferModes: ['licence', 'equity'],
        visibility: 'public',
      },
      options,
    );
    await insertExpertInTransaction(
      tx,
      { organizationId: universityId, nameZh: '王教授', orcid: '0000-0002-1825-0097' },
      options,
    );
    await insertNdaRequestInTransaction(
      tx,
      {
        entityType: 'need',
        entityId: needId,
        requesterOrganizationId: universityId,
        message: 'hi',
        status: 'accepted',
      },
      officeId,
    );
    const at = '2026-05-01T08:00:00.000Z';
    await insertMatch(tx, {
      id: 'match-1',
      need_id: needId,
      counterpart_type: 'organization',
      counterpart_id: universityId,
      seeker_organization_id: organizationId,
      provider_organization_id: universityId,
      initiated_by: 'seeker',
      contacted_by: 'seeker',
      status: 'declined',
      seeker_agreed: 0,
      provider_agreed: 0,
      score: 0.1234567,
      reasons: JSON.stringify([{ code: 'shared_terms', terms: ['烧结 "x"'] }]),
      declined_by: 'provider',
      decline_reason: 'timing',
      decline_note: 'next year\n😀',
      created_by: officeId,
      created_at: at,
      updated_at: at,
      version: 2,
    });
    await insertEvent(tx, {
      id: 'match-event-1',
      match_id: 'match-1',
      at,
      actor_user_id: officeId,
      side: 'seeker',
      action: 'create',
      from_status: null,
      to_status: 'contacted',
      note: 'hello \u2028',
    });
    await insertConsortium(tx, {
      id: 'consortium-1',
      name_zh: '第三代半导体\n创新联合体',
      name_en: 'Wide-bandgap "consortium" \\ 100%_',
      summary: '😀 \u2028',
      objectives: 'line one\nline two',
      cluster_slug: 'biomedicine',
      lead_organization_id: organizationId,
      status: 'forming',
      designation_status: 'returned',
      designated_at: null,
      source_match_id: 'match-1',
      is_demo: 0,
      created_by: officeId,
      created_at: at,
      updated_at: at,
      version: 3,
    });
    for (const [organization, role, status] of [
      [organizationId, 'lead', 'active'],
      [universityId, 'core', 'invited'],
    ] as const)
      await insertMember(tx, {
        consortium_id: 'consortium-1',
        organization_id: organization,
        role,
        chain_position: role === 'lead' ? 'downstream' : null,
        status,
        message: '诚邀 "加入"',
        invited_by: officeId,
        invited_at: at,
        responded_by: null,
        responded_at: null,
        ended_at: null,
        end_note: null,
        updated_at: at,
        version: 1,
      });
    await insertDesignation(tx, {
      id: 'designation-1',
      consortium_id: 'consortium-1',
      round: 1,
      statement: '申请认定',
      submitted_by: officeId,
      submitted_at: at,
      status: 'returned',
      decided_by: officeId,
      decided_at: at,
      comments: '请补充 "IP" \u2028',
    });
    const charterVersion = {
      consortium_id: 'consortium-1',
      content: JSON.stringify({ objectives: ['目标 "一" \\ 100%_ 😀 \u2028'], nested: { a: [1, null] } }),
      created_by: officeId,
      created_at: at,
      updated_by: officeId,
      updated_at: at,
      opened_by: officeId,
      opened_at: at,
      version: 3,
    };
    await insertCharterVersion(tx, {
      ...charterVersion,
      id: 'charter-1',
      number: 1,
      status: 'superseded',
      digest: 'a'.repeat(64),
      based_on_id: null,
      effective_at: at,
      superseded_at: at,
    });
    await insertCharterVersion(tx, {
      ...charterVersion,
      id: 'charter-2',
      number: 2,
      status: 'effective',
      digest: 'b'.repeat(64),
      based_on_id: 'charter-1',
      effective_at: at,
      superseded_at: null,
    });
    await insertCharterSignature(tx, {
      version_id: 'charter-2',
      organization_id: organizationId,
      signed_by: officeId,
      signed_at: at,
      digest: 'b'.repeat(64),
    });
  });
  // Matching: an external id and a match profile (by import), and a past collaboration.
  const imported = await importJsonl(
    t.ctx,
    JSON.stringify({
      type: 'organization',
      id: 'ext "1" \\',
      name: '研究院 😀',
      kind: 'REC',
      country: 'DE',
      keywords: ['a"b'],
    }),
  );
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
  const orgIds = (await t.ctx.db.selectFrom('organization').select('id').orderBy('id').execute()).map(
    (o) => o.id,
  );
  await t.ctx.db.transaction().execute(async (tx) => {
    const projectId = 'collaboration-1';
    await insertCollaborationProjects(tx, [
      {
        id: projectId,
        source: 'cordis',
        external_id: '1001',
        title: 'SIC "power"',
        programme: 'LEIT',
        topic: null,
        start_year: 2016,
      },
    ]);
    await insertParticipants(
      tx,
      orgIds.map((organizationId) => ({
        project_id: projectId,
        organization_id: organizationId,
        role: 'participant',
      })),
    );
  });
  // A project's communication log and an engagement flag (rows written directly: the services
  // are tested elsewhere; this is about every column surviving a backup).
  await t.ctx.db.transaction().execute(async (tx) => {
    const at = '2026-03-01T08:00:00.000Z';
    const [lead, partner] = [orgIds[0]!, orgIds[1] ?? orgIds[0]!];
    const project = 'comm-project-1';
    await tx
      .insertInto('project')
      .values({
        id: project,
        consortium_id: null,
        source_match_id: null,
        title: '沟通 "project"',
        summary: '',
        lead_organization_id: lead,
        stage: 'rd',
        status: 'active',
        status_reason: null,
        silent_after_days: 14,
        created_by: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .insertInto('project_party')
      .values(
        [...new Set([lead, partner])].map((o) => ({
          project_id: project,
          organization_id: o,
          role: 'core',
          joined_at: at,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .insertInto('project_task')
      .values({
        id: 'comm-task-1',
        project_id: project,
        stage: 'rd',
        title: 'Action',
        description: '',
        assignee_organization_id: partner,
        assignee_user_id: null,
        due_date: '2026-03-10',
        status: 'open',
        origin: 'action_item',
        origin_ref: 'comm-minutes-1',
        created_by: null,
        created_at: at,
        updated_at: at,
        completed_at: null,
        version: 1,
      })
      .execute();
    await tx
      .insertInto('project_activity')
      .values({
        id: 'comm-activity-1',
        project_id: project,
        organization_id: lead,
        user_id: null,
        stage: 'rd',
        kind: 'minutes',
        ref: 'comm-minutes-1',
        at,
      })
      .execute();
    await tx
      .insertInto('project_thread')
      .values({
        id: 'comm-thread-1',
        project_id: project,
        stage: 'rd',
        subject: '样品 "test"',
        addressed_to: JSON.stringify([partner]),
        status: 'open',
        organization_id: lead,
        created_by: null,
        created_at: at,
        updated_at: at,
        closed_by: null,
        closed_at: null,
        version: 1,
      })
      .execute();
    await tx
      .insertInto('project_thread_post')
      .values({
        id: 'comm-post-1',
        thread_id: 'comm-thread-1',
        project_id: project,
        organization_id: lead,
        user_id: null,
        body: 'line 1\nline "2"',
        at,
      })
      .execute();
    await tx
      .insertInto('project_minutes')
      .values({
        id: 'comm-minutes-1',
        project_id: project,
        stage: 'rd',
        title: '例会',
        meeting_date: '2026-03-01',
        attendees: JSON.stringify([{ organizationId: lead, userId: null, name: '王' }]),
        agenda: '',
        decisions: JSON.stringify(['方案 B']),
        organization_id: lead,
        created_by: null,
        created_at: at,
      })
      .execute();
    await tx
      .insertInto('project_action_item')
      .values({
        minutes_id: 'comm-minutes-1',
        position: 0,
        description: 'Action',
        assignee_organization_id: partner,
        assignee_user_id: null,
        due_date: '2026-03-10',
        task_id: 'comm-task-1',
      })
      .execute();
    await tx
      .insertInto('project_document')
      .values({
        id: 'comm-doc-1',
        project_id: project,
        stage: 'rd',
        title: 'Report',
        kind: 'report',
        reference: 'https://example.com/r.pdf',
        version_label: 'v1',
        organization_id: lead,
        uploaded_by: null,
        created_at: at,
      })
      .execute();
    await tx
      .insertInto('project_engagement_flag')
      .values({
        id: 'comm-flag-1',
        project_id: project,
        organization_id: partner,
        open_key: `${project}:${partner}`,
        reasons: JSON.stringify(['overdue_tasks']),
        stage: 'rd',
        days_silent: 0,
        overdue_tasks: 1,
        flagged_at: at,
        updated_at: at,
        cleared_at: null,
      })
      .execute();
    // The project's stage machine: a milestone with its evidence, a sign-off and a stage event.
    await tx
      .insertInto('project_milestone')
      .values({
        id: 'comm-milestone-1',
        project_id: project,
        stage: 'rd',
        title: '样片 "A0" 流片',
        description: '',
        due_date: '2026-04-30',
        responsible_organization_id: partner,
        status: 'done',
        done_by: null,
        done_at: at,
        created_by: null,
        created_at: at,
        updated_at: at,
        version: 2,
      })
      .execute();
    await tx
      .insertInto('project_milestone_evidence')
      .values({
        id: 'comm-evidence-1',
        milestone_id: 'comm-milestone-1',
        kind: 'url',
        reference: 'https://example.org/report?id=1&lang=zh',
        note: '测试报告',
        organization_id: partner,
        recorded_by: null,
        recorded_at: at,
      })
      .execute();
    await tx
      .insertInto('project_signoff')
      .values({
        project_id: project,
        stage: 'rd',
        organization_id: lead,
        signed_by: null,
        signed_at: at,
        note: '',
      })
      .execute();
    await tx
      .insertInto('project_stage_event')
      .values({
        id: 'comm-stage-event-1',
        project_id: project,
        at,
        actor_user_id: null,
        action: 'advance',
        from_stage: 'application',
        to_stage: 'rd',
        from_status: 'active',
        to_status: 'active',
        reason: null,
      })
      .execute();
  });
  // A notification with its e-mail in the outbox, and an e-mail preference (modules/notifications).
  await t.ctx.db.transaction().execute(async (tx) => {
    const office = await tx
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'office@example.com')
      .executeTakeFirstOrThrow();
    const at = '2026-03-01T00:00:00.000Z';
    await tx
      .insertInto('notification')
      .values({
        id: 'notification-1',
        user_id: office.id,
        kind: 'consortium.designation_submitted',
        params: JSON.stringify({ consortium_zh: '联合体 "1"', round: 1 }),
        link: '/consortia/x',
        dedupe_key: 'designation:x:1',
        created_at: at,
        read_at: null,
      })
      .execute();
    await tx
      .insertInto('notification_email')
      .values({
        id: 'notification-email-1',
        notification_id: 'notification-1',
        to_address: 'office@example.com',
        subject: '[Consortia] 联合体“1”已提交认定申请',
        body_text: '联合体“1”已提交认定申请\n',
        status: 'failed',
        attempts: 6,
        last_error: '451 try later',
        next_attempt_at: at,
        created_at: at,
        sent_at: null,
      })
      .execute();
    await tx
      .insertInto('notification_preference')
      .values({ user_id: office.id, email_enabled: 0, updated_at: at })
      .execute();
  });
  // Outcomes: a patent with an organisation and a named third party as owners, an income beyond
  // 2^53 fen with its statement and account entry, and an offer of a share with an answer.
  await t.ctx.db.transaction().execute(async (tx) => {
    const at = '2026-03-02T08:00:00.000Z';
    const [lead, partner] = [orgIds[0]!, orgIds[1] ?? orgIds[0]!];
    const project = 'comm-project-1';
    await tx
      .insertInto('project_outcome')
      .values({
        id: 'outcome-1',
        project_id: project,
        kind: 'patent_grant',
        ip_type: 'patent',
        title: '专利 "outcome"',
        description: '',
        reference: 'ZL202610000001.1',
        outcome_date: '2026-03-01',
        filing_date: '2025-03-01',
        grant_date: '2026-03-01',
        charter_version_id: 'charter-2',
        charter_number: 2,
        organization_id: lead,
        created_by: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await tx
      .insertInto('outcome_share')
      .values([
        {
          outcome_id: 'outcome-1',
          holder_key: lead,
          organization_id: lead,
          holder_name: null,
          basis_points: 6000,
        },
        {
          outcome_id: 'outcome-1',
          holder_key: 'ext:买方 "Ltd"',
          organization_id: null,
          holder_name: '买方 "Ltd"',
          basis_points: 4000,
        },
      ])
      .execute();
    await tx.insertInto('project_income_head').values({ project_id: project, incomes: 1 }).execute();
    await tx
      .insertInto('income_event')
      .values({
        id: 'income-1',
        project_id: project,
        number: 1,
        kind: 'royalty',
        amount_fen: '90071992547409930000001',
        received_on: '2026-03-01',
        payer: 'Payer "1"',
        outcome_id: 'outcome-1',
        note: '',
        charter_version_id: 'charter-2',
        charter_number: 2,
        method: 'fixed',
        cost_recovery_fen: '0',
        shared_fen: '90071992547409930000001',
        recorded_by: null,
        recorded_at: at,
      })
      .execute();
    await tx
      .insertInto('distribution_statement')
      .values({
        id: 'statement-1',
        income_id: 'income-1',
        project_id: project,
        organization_id: lead,
        cost_recovery_fen: '0',
        share_fen: '90071992547409930000001',
        total_fen: '90071992547409930000001',
        weight: '10000',
        created_at: at,
      })
      .execute();
    await tx
      .insertInto('account_entry')
      .values({
        id: 'entry-1',
        organization_id: lead,
        project_id: project,
        statement_id: 'statement-1',
        income_id: 'income-1',
        amount_fen: '90071992547409930000001',
        posted_at: at,
      })
      .execute();
    await tx
      .insertInto('ip_transfer')
      .values({
        id: 'transfer-1',
        outcome_id: 'outcome-1',
        project_id: project,
        seller_organization_id: lead,
        kind: 'sale',
        basis_points: 1000,
        price_fen: '100',
        offer_period_days: 30,
        offered_at: at,
        deadline: '2026-04-01T08:00:00.000Z',
        status: 'offered',
        transferee_organization_id: null,
        transferee_name: null,
        final_price_fen: null,
        moved: null,
        note: '',
        created_by: null,
        completed_at: null,
        updated_at: at,
        version: 2,
      })
      .execute();
    await tx
      .insertInto('ip_transfer_response')
      .values({
        transfer_id: 'transfer-1',
        organization_id: partner,
        answer: 'decline',
        answered_by: null,
        answered_at: at,
      })
      .execute();
  });
  await registerUser(
    t.ctx,
    { email: 'member@example.com', password: PASSWORD, displayName: 'Member' },
    CLIENT,
  );
  await logIn(t.ctx, { email: 'office@example.com', password: PASSWORD }, CLIENT);
  await logIn(t.ctx, { email: 'office@example.com', password: 'wrong password!' }, CLIENT).catch(
    () => undefined,
  );
}

/** Every row of every table, in key order, with numbers normalised. */
async function dump(t: TestDatabase): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of TABLES_IN_DEPENDENCY_ORDER) {
    let query = t.ctx.db.selectFrom(table).selectAll();
    for (const key of TABLE_KEYS[table]) query = query.orderBy(key as never);
    result[table] = await query.execute();
  }
  return result;
}

const temporary: string[] = [];
function tempFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consortia-backup-'));
  temporary.push(dir);
  return path.join(dir, name);
}

const opened: TestDatabase[] = [];
async function database(options: { migrate?: boolean; engine?: Engine } = {}): Promise<TestDatabase> {
  const t = await openTestDatabase(options);
  opened.push(t);
  return t;
}

afterEach(async () => {
  while (opened.length > 0) await opened.pop()?.close();
});
afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** Rewrites a backup's uncompressed lines and gzips them again. */
function rewriteBackup(source: string, target: string, edit: (lines: string[]) => string[]): void {
  const lines = zlib.gunzipSync(fs.readFileSync(source)).toString('utf8').split('\n');
  fs.writeFileSync(target, zlib.gzipSync(Buffer.from(edit(lines).join('\n'), 'utf8')));
}

describe('backup and restore', () => {
  let source: TestDatabase;
  let file: string;
  let expected: Record<string, unknown[]>;

  beforeAll(async () => {
    source = await openTestDatabase();
    await fillEveryTable(source);
    expected = await dump(source);
    file = tempFile('consortia.backup.gz');
    await backupDatabase(source.ctx.db, source.ctx.engine, file);
  });
  afterAll(async () => {
    await source.close();
  });

  it('fills every table in the fixture', () => {
    for (const table of TABLES_IN_DEPENDENCY_ORDER) expect(expected[table]?.length, table).toBeGreaterThan(0);
  });

  it('reports how many rows of each table it wrote', async () => {
    const summary = await backupDatabase(source.ctx.db, source.ctx.engine, tempFile('again.gz'));
    for (const table of TABLES_IN_DEPENDENCY_ORDER)
      expect(summary.tables[table], table).toBe(expected[table]?.length);
    expect(summary.rows).toBe(Object.values(expected).reduce((n, rows) => n + rows.length, 0));
    expect(fs.existsSync(`${summary.file}.partial`)).toBe(false);
  });

  it('restores identical rows into a fresh database, with an intact audit chain', async () => {
    const target = await database({ migrate: false });

    const summary = await restoreDatabase(target.ctx.db, file);

    expect(summary.migrationsAfterRestore).toEqual(knownMigrations());
    expect(await dump(target)).toEqual(expected);
    const found = await search(target.ctx, ANONYMOUS, SearchQuery.parse({ q: '生物医药' }));
    expect(found.items.map((hit) => hit.title)).toEqual([expect.stringContaining('澜岳')]);
    const check = await verifyAuditChain(target.ctx.db);
    expect(check.ok).toBe(true);
    expect(check.checked).toBe(expected['audit_event']?.length);
  });

  it('restores into an already migrated empty database and the restored one keeps working', async () => {
    const target = await database();
    await restoreDatabase(target.ctx.db, file);

    expect(await dump(target)).toEqual(expected);
    const ctx = { ...target.ctx, settings: DEFAULT_SETTINGS };
    await logIn(ctx, { email: 'member@example.com', password: PASSWORD }, CLIENT);
    expect((await verifyAuditChain(target.ctx.db)).ok).toBe(true);
  });

  it.runIf(testEngine() === 'postgres')('restores a PostgreSQL backup into SQLite and back', async () => {
    const sqlite = await database({ engine: 'sqlite', migrate: false });
    await restoreDatabase(sqlite.ctx.db, file);
    expect(await dump(sqlite)).toEqual(expected);
    expect((await verifyAuditChain(sqlite.ctx.db)).ok).toBe(true);

    const fromSqlite = tempFile('from-sqlite.gz');
    await backupDatabase(sqlite.ctx.db, 'sqlite', fromSqlite);
    const postgres = await database({ engine: 'postgres', migrate: false });
    await restoreDatabase(postgres.ctx.db, fromSqlite);
    expect(await dump(postgres)).toEqual(expected);
    expect((await verifyAuditChain(postgres.ctx.db)).ok).toBe(true);
  });

  it('refuses a database that is not empty unless forced', async () => {
    const target = await database();
    await registerUser(
      target.ctx,
      { email: 'someone@example.com', password: PASSWORD, displayName: 'Someone' },
      CLIENT,
    );
    const before = await dump(target);

    await expect(restoreDatabase(target.ctx.db, file)).rejects.toThrow(
      new BackupError('The target database is not empty; use --force to replace its contents'),
    );
    expect(await dump(target)).toEqual(before);

    await restoreDatabase(target.ctx.db, file, { force: true });
    expect(await dump(target)).toEqual(expected);
    expect((await verifyAuditChain(target.ctx.db)).ok).toBe(true);
  });

  it('refuses a truncated file', async () => {
    const bytes = fs.readFileSync(file);
    const truncated = tempFile('truncated.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = await database();

    await expect(restoreDatabase(target.ctx.db, truncated)).rejects.toThrow(/^The backup file is damaged: /);
    expect(await target.ctx.db.selectFrom('app_user').selectAll().execute()).toEqual([]);
  });

  it('refuses a file cut at a line boundary', async () => {
    const cut = tempFile('cut.gz');
    rewriteBackup(file, cut, (lines) => lines.slice(0, 4));
    const target = await database();

    await expect(restoreDatabase(target.ctx.db, cut)).rejects.toThrow(
      new BackupError('The backup file is incomplete (no end marker)'),
    );
  });

  it('refuses a file with one altered byte inside its content', async () => {
    const altered = tempFile('altered.gz');
    rewriteBackup(file, altered, (lines) =>
      lines.map((line) =>
        line.includes('"t":"organization"') ? line.replace('"verified"', '"verifieD"') : line,
      ),
    );
    expect(zlib.gunzipSync(fs.readFileSync(altered)).toString()).toContain('"verifieD"');
    const target = await database();

    await expect(restoreDatabase(target.ctx.db, altered)).rejects.toThrow(
      new BackupError('The backup file does not match its checksum'),
    );
    expect(await target.ctx.db.selectFrom('organization').selectAll().execute()).toEqual([]);
  });

  it('refuses a file with a row removed', async () => {
    const removed = tempFile('removed.gz');
    rewriteBackup(file, removed, (lines) => lines.filter((line) => !line.includes('"t":"session"')));
    const target = await database();

    await expect(restoreDatabase(target.ctx.db, removed)).rejects.toThrow(
      'The backup file does not match its checksum',
    );
  });

  it('refuses a backup naming an unknown migration', async () => {
    const future = tempFile('future.gz');
    rewriteBackup(file, future, ([header, ...rest]) => {
      const parsed = JSON.parse(header ?? '{}') as { migrations: string[] };
      return [JSON.stringify({ ...parsed, migrations: [...parsed.migrations, '9999_future'] }), ...rest];
    });
    const target = await database({ migrate: false });

    await expect(restoreDatabase(target.ctx.db, future)).rejects.toThrow(
      new BackupError('The backup comes from a newer version (migrations 9999_future)'),
    );
  });

  it('refuses a file that is not a backup', async () => {
    const notBackup = tempFile('not-backup.gz');
    fs.writeFileSync(notBackup, zlib.gzipSync('{"hello":"world"}\n'));
    const plain = tempFile('plain.txt');
    fs.writeFileSync(plain, 'not gzip at all');
    const target = await database();

    await expect(restoreDatabase(target.ctx.db, notBackup)).rejects.toThrow(
      'Not a Consortia backup (or a newer format than this version reads)',
    );
    await expect(restoreDatabase(target.ctx.db, plain)).rejects.toThrow(/^The backup file is damaged: /);
    await expect(restoreDatabase(target.ctx.db, tempFile('missing.gz'))).rejects.toThrow(/^No such file: /);
  });
});
