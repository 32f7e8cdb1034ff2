import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { databaseFingerprint } from '../../test/fingerprint.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { OrganizationKind } from '../organizations/schemas.js';
import { insertOrganizationInTransaction } from '../organizations/service.js';
import type {
  DocumentList,
  DocumentRecord,
  Minutes,
  MinutesList,
  Thread,
  ThreadList,
} from './communication-schemas.js';
import type { ClusterEngagement, EngagementMatrix } from './engagement-schemas.js';
import { startEngagementSweeper, sweepProjectInTransaction } from './engagement-service.js';

const DAY = 86_400_000;

let t: TestApp;
let leadAdmin: Client;
let uniMember: Client;
let smeAdmin: Client;
let bridge: Client;
let outsider: Client;
let office: Client;
let auditor: Client;
let leadId: string;
let uniId: string;
let smeId: string;
let strangerOrgId: string;
let serial = 0;

async function organization(kind: OrganizationKind, members: { client: Client; role: 'admin' | 'member' }[]) {
  serial += 1;
  return t.ctx.db.transaction().execute((tx) =>
    insertOrganizationInTransaction(
      tx,
      {
        kind,
        sizeClass: kind === 'enterprise' ? 'large' : null,
        nameZh: `沟通测试机构${serial}`,
        nameEn: `Communication Test Organisation ${serial}`,
        verified: true,
        isDemo: false,
      },
      new Map(),
      members.map((m) => ({ userId: m.client.userId, role: m.role })),
      null,
    ),
  );
}

/** A project of the lead, the university and the SME, inserted directly (the projects API is another room). */
async function project(options: { status?: string; joinedAt?: string } = {}): Promise<string> {
  const id = newId();
  const now = options.joinedAt ?? nowIso();
  await t.ctx.db
    .insertInto('project')
    .values({
      id,
      consortium_id: null,
      source_match_id: null,
      title: `沟通项目 ${id.slice(-4)}`,
      summary: '',
      lead_organization_id: leadId,
      stage: 'rd',
      status: options.status ?? 'active',
      status_reason: null,
      silent_after_days: 14,
      created_by: leadAdmin.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await t.ctx.db
    .insertInto('project_party')
    .values([
      { project_id: id, organization_id: leadId, role: 'lead', joined_at: now },
      { project_id: id, organization_id: uniId, role: 'core', joined_at: now },
      { project_id: id, organization_id: smeId, role: 'member', joined_at: now },
    ])
    .execute();
  return id;
}

function send(
  client: Pick<Client, 'request'>,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
) {
  return client.request({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function ok<T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<T>();
}

/** Sends a request that must be refused with `code` (and `field`), and checks it stored nothing. */
async function refused(
  request: () => Promise<LightMyRequestResponse>,
  status: number,
  code: string,
  field?: string,
): Promise<void> {
  const before = await databaseFingerprint(t.ctx.db);
  const response = await request();
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json<{ code: string; details: { issues?: { field: string }[] } }>();
  expect(body.code).toBe(code);
  if (field !== undefined) expect(body.details.issues?.map((i) => i.field)).toContain(field);
  expect(await databaseFingerprint(t.ctx.db)).toEqual(before);
}

async function activities(projectId: string) {
  return t.ctx.db
    .selectFrom('project_activity')
    .select(['organization_id', 'kind', 'ref', 'stage'])
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
}

/** The engagement notifications about one project. */
async function flaggedNotifications(
  projectId: string,
): Promise<{ user_id: string; dedupe_key: string | null }[]> {
  const rows = await t.ctx.db
    .selectFrom('notification')
    .select(['user_id', 'dedupe_key', 'link'])
    .where('kind', '=', 'engagement.member_flagged')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => r.link?.includes(projectId))
    .map(({ user_id, dedupe_key }) => ({ user_id, dedupe_key }));
}

/** Sweeps one project as of `at` (the clock is injected). */
function sweep(projectId: string, at: string) {
  return t.ctx.db.transaction().execute((tx) => sweepProjectInTransaction(tx, projectId, at));
}

beforeAll(async () => {
  t = await openTestApp();
  leadAdmin = await signedInUser(t);
  uniMember = await signedInUser(t);
  smeAdmin = await signedInUser(t);
  bridge = await signedInUser(t);
  outsider = await signedInUser(t);
  office = await signedInUser(t, { platformRoles: ['cluster_office'] });
  auditor = await signedInUser(t, { platformRoles: ['auditor'] });
  leadId = await organization('enterprise', [
    { client: leadAdmin, role: 'admin' },
    { client: bridge, role: 'member' },
  ]);
  uniId = await organization('university', [{ client: uniMember, role: 'member' }]);
  smeId = await organization('enterprise', [
    { client: smeAdmin, role: 'admin' },
    { client: bridge, role: 'member' },
  ]);
  strangerOrgId = await organization('enterprise', [{ client: outsider, role: 'admin' }]);
});

afterAll(async () => {
  await t.close();
});

describe('threads', () => {
  it('lets a party start a thread addressed to another, others answer, and everyone inside read it', async () => {
    const id = await project();
    const thread = await ok<Thread>(
      send(uniMember, 'POST', `/api/v1/projects/${id}/threads`, {
        subject: '样品测试安排',
        body: '请 SME 确认样品交付日期。',
        addressedTo: [smeId],
      }),
      201,
    );
    expect(thread).toMatchObject({
      subject: '样品测试安排',
      stage: 'rd',
      status: 'open',
      organization: { id: uniId },
      addressedTo: [{ id: smeId }],
      postCount: 1,
      permissions: { post: true, close: true, reopen: false },
    });
    const answered = await ok<Thread>(
      send(smeAdmin, 'POST', `/api/v1/projects/${id}/threads/${thread.id}/posts`, { body: '下周三交付。' }),
      201,
    );
    expect(answered.posts.map((p) => [p.organization.id, p.body])).toEqual([
      [uniId, '请 SME 确认样品交付日期。'],
      [smeId, '下周三交付。'],
    ]);
    expect(answered.posts[1]!.author).toEqual({ id: smeAdmin.userId, displayName: expect.any(String) });

    for (const reader of [leadAdmin, office, auditor]) {
      const list = await ok<ThreadList>(send(reader, 'GET', `/api/v1/projects/${id}/threads`));
      expect(list.items.map((i) => [i.id, i.postCount])).toEqual([[thread.id, 2]]);
    }
    const officeView = await ok<ThreadList>(send(office, 'GET', `/api/v1/projects/${id}/threads`));
    expect(officeView.permissions).toEqual({ write: false, parties: [] });
    expect((await send(outsider, 'GET', `/api/v1/projects/${id}/threads`)).statusCode).toBe(404);
    expect((await send(outsider, 'GET', `/api/v1/projects/${id}/threads/${thread.id}`)).statusCode).toBe(404);
    expect((await send(anonymous(t), 'GET', `/api/v1/projects/${id}/threads`)).statusCode).toBe(401);

    expect(await activities(id)).toEqual([
      { organization_id: uniId, kind: 'thread_started', ref: thread.id, stage: 'rd' },
      { organization_id: smeId, kind: 'post', ref: answered.posts[1]!.id, stage: 'rd' },
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', thread.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['communication.thread_create', 'communication.post_create']);
  });

  it('refuses writers who are not members of a party, and bad input, storing nothing', async () => {
    const id = await project();
    const url = `/api/v1/projects/${id}/threads`;
    await refused(() => send(office, 'POST', url, { subject: 's', body: 'b' }), 403, 'auth.forbidden');
    await refused(() => send(auditor, 'POST', url, { subject: 's', body: 'b' }), 403, 'auth.forbidden');
    await refused(() => send(outsider, 'POST', url, { subject: 's', body: 'b' }), 404, 'record.not_found');
    await refused(
      () => send(uniMember, 'POST', url, { subject: 's', body: 'b', addressedTo: [strangerOrgId] }),
      400,
      'project.not_a_party',
      'body.addressedTo',
    );
    await refused(
      () => send(uniMember, 'POST', url, { subject: 's', body: 'b', addressedTo: [smeId, smeId] }),
      400,
      'communication.duplicate_party',
      'body.addressedTo',
    );
    await refused(
      () => send(bridge, 'POST', url, { subject: 's', body: 'b' }),
      400,
      'communication.party_required',
      'body.organizationId',
    );
    await refused(
      () => send(bridge, 'POST', url, { subject: 's', body: 'b', organizationId: uniId }),
      400,
      'communication.not_your_party',
      'body.organizationId',
    );
    await refused(
      () => send(uniMember, 'POST', url, { subject: '  ', body: 'b' }),
      400,
      'request.validation_failed',
      'body.subject',
    );
    await refused(
      () => send(uniMember, 'POST', url, { subject: 's', body: 'b', extra: 1 }),
      400,
      'request.validation_failed',
    );
    await refused(
      () => send(uniMember, 'POST', url, { subject: 's', body: 'b', stage: 'nowhere' }),
      400,
      'request.validation_failed',
      'body.stage',
    );
    const thread = await ok<Thread>(
      send(bridge, 'POST', url, { subject: 's', body: 'b', organizationId: smeId }),
      201,
    );
    expect(thread.organization.id).toBe(smeId);
  });

  it('closes and reopens a thread by its starting party or a lead admin; a closed thread takes no posts', async () => {
    const id = await project();
    const thread = await ok<Thread>(
      send(smeAdmin, 'POST', `/api/v1/projects/${id}/threads`, { subject: '设备', body: '设备何时到位？' }),
      201,
    );
    const base = `/api/v1/projects/${id}/threads/${thread.id}`;
    await refused(
      () => send(uniMember, 'POST', `${base}/close`, { version: thread.version }),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(smeAdmin, 'POST', `${base}/close`, { version: 99 }),
      409,
      'record.version_conflict',
    );
    const closed = await ok<Thread>(send(smeAdmin, 'POST', `${base}/close`, { version: thread.version }));
    expect(closed).toMatchObject({
      status: 'closed',
      permissions: { post: false, close: false, reopen: true },
    });
    await refused(
      () => send(uniMember, 'POST', `${base}/posts`, { body: 'late' }),
      409,
      'communication.thread_closed',
    );
    await refused(
      () => send(smeAdmin, 'POST', `${base}/close`, { version: closed.version }),
      409,
      'communication.thread_invalid_transition',
    );
    const reopened = await ok<Thread>(send(leadAdmin, 'POST', `${base}/reopen`, { version: closed.version }));
    expect(reopened.status).toBe('open');
    await ok(send(uniMember, 'POST', `${base}/posts`, { body: 'now' }), 201);
  });

  it('refuses contributions to a project that is not active', async () => {
    const id = await project({ status: 'suspended' });
    await refused(
      () => send(uniMember, 'POST', `/api/v1/projects/${id}/threads`, { subject: 's', body: 'b' }),
      409,
      'project.not_active',
    );
    await refused(
      () =>
        send(uniMember, 'POST', `/api/v1/projects/${id}/documents`, {
          title: 'x',
          kind: 'report',
          reference: 'R-1',
        }),
      409,
      'project.not_active',
    );
  });
});

describe('minutes', () => {
  it('turns each action item into a task in the same transaction and shows the tasks', async () => {
    const id = await project();
    const minutes = await ok<Minutes>(
      send(leadAdmin, 'POST', `/api/v1/projects/${id}/minutes`, {
        title: '第一次项目例会',
        meetingDate: '2026-11-20',
        attendees: [
          { organizationId: leadId, userId: leadAdmin.userId },
          { organizationId: uniId, name: '王教授' },
        ],
        agenda: '1. 进度 2. 分工',
        decisions: ['采用方案 B', '每两周例会'],
        actionItems: [
          { description: '提交测试报告', assigneeOrganizationId: uniId, dueDate: '2026-12-01' },
          { description: '准备样品', assigneeOrganizationId: smeId, assigneeUserId: smeAdmin.userId },
        ],
      }),
      201,
    );
    expect(minutes.decisions).toEqual(['采用方案 B', '每两周例会']);
    expect(minutes.attendees.map((a) => [a.organization.id, a.name])).toEqual([
      [leadId, expect.any(String)],
      [uniId, '王教授'],
    ]);
    expect(
      minutes.actionItems.map((a) => [a.assignee.id, a.task.title, a.task.status, a.task.dueDate]),
    ).toEqual([
      [uniId, '提交测试报告', 'open', '2026-12-01'],
      [smeId, '准备样品', 'open', null],
    ]);
    const tasks = await t.ctx.db
      .selectFrom('project_task')
      .select(['id', 'origin', 'origin_ref', 'assignee_organization_id', 'assignee_user_id'])
      .where('project_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(tasks).toEqual([
      {
        id: minutes.actionItems[0]!.task.id,
        origin: 'action_item',
        origin_ref: minutes.id,
        assignee_organization_id: uniId,
        assignee_user_id: null,
      },
      {
        id: minutes.actionItems[1]!.task.id,
        origin: 'action_item',
        origin_ref: minutes.id,
        assignee_organization_id: smeId,
        assignee_user_id: smeAdmin.userId,
      },
    ]);
    expect((await activities(id)).map((a) => [a.organization_id, a.kind])).toContainEqual([
      leadId,
      'minutes',
    ]);
    const list = await ok<MinutesList>(send(auditor, 'GET', `/api/v1/projects/${id}/minutes`));
    expect(list.items.map((m) => m.id)).toEqual([minutes.id]);
    const one = await ok<Minutes>(send(office, 'GET', `/api/v1/projects/${id}/minutes/${minutes.id}`));
    expect(one.actionItems).toHaveLength(2);
  });

  it('refuses minutes naming a non-party or a user outside the party, creating no task', async () => {
    const id = await project();
    const url = `/api/v1/projects/${id}/minutes`;
    const base = { title: '例会', meetingDate: '2026-11-20', attendees: [{ organizationId: leadId }] };
    await refused(
      () =>
        send(leadAdmin, 'POST', url, {
          ...base,
          actionItems: [
            { description: 'ok', assigneeOrganizationId: uniId },
            { description: 'bad', assigneeOrganizationId: strangerOrgId },
          ],
        }),
      400,
      'project.not_a_party',
      'body.actionItems.1.assigneeOrganizationId',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', url, {
          ...base,
          actionItems: [{ description: 'x', assigneeOrganizationId: uniId, assigneeUserId: smeAdmin.userId }],
        }),
      400,
      'project.user_not_in_party',
      'body.actionItems.0.assigneeUserId',
    );
    await refused(
      () => send(leadAdmin, 'POST', url, { ...base, attendees: [{ organizationId: strangerOrgId }] }),
      400,
      'project.not_a_party',
      'body.attendees.0.organizationId',
    );
    await refused(
      () => send(leadAdmin, 'POST', url, { ...base, attendees: [] }),
      400,
      'request.validation_failed',
      'body.attendees',
    );
    await refused(
      () => send(leadAdmin, 'POST', url, { ...base, meetingDate: '2026-13-40' }),
      400,
      'request.validation_failed',
      'body.meetingDate',
    );
    await refused(() => send(office, 'POST', url, base), 403, 'auth.forbidden');
  });
});

describe('documents', () => {
  it('records documents as references, newest first, with the party and who recorded them', async () => {
    const id = await project();
    const first = await ok<DocumentRecord>(
      send(uniMember, 'POST', `/api/v1/projects/${id}/documents`, {
        title: '中期报告',
        kind: 'report',
        reference: 'https://pan.example.edu/reports/mid.pdf',
        versionLabel: 'v1',
      }),
      201,
    );
    expect(first).toMatchObject({
      kind: 'report',
      versionLabel: 'v1',
      stage: 'rd',
      organization: { id: uniId },
    });
    await ok(
      send(smeAdmin, 'POST', `/api/v1/projects/${id}/documents`, {
        title: '样机图纸',
        kind: 'drawing',
        reference: 'DWG-2026-118',
        stage: 'pilot',
      }),
      201,
    );
    const list = await ok<DocumentList>(send(office, 'GET', `/api/v1/projects/${id}/documents`));
    expect(list.items.map((d) => d.title)).toEqual(['样机图纸', '中期报告']);
    await refused(
      () =>
        send(uniMember, 'POST', `/api/v1/projects/${id}/documents`, {
          title: 'x',
          kind: 'video',
          reference: 'r',
        }),
      400,
      'request.validation_failed',
      'body.kind',
    );
    expect((await activities(id)).map((a) => [a.organization_id, a.kind, a.stage])).toEqual([
      [uniId, 'document', 'rd'],
      [smeId, 'document', 'pilot'],
    ]);
  });
});

describe('the engagement monitor', () => {
  it('shows per party and stage activity, silence and response times', async () => {
    const id = await project();
    const thread = await ok<Thread>(
      send(leadAdmin, 'POST', `/api/v1/projects/${id}/threads`, { subject: 'q', body: 'question' }),
      201,
    );
    await ok(
      send(uniMember, 'POST', `/api/v1/projects/${id}/threads/${thread.id}/posts`, { body: 'answer' }),
      201,
    );
    const matrix = await ok<EngagementMatrix>(send(uniMember, 'GET', `/api/v1/projects/${id}/engagement`));
    expect(matrix.stages).toEqual(['application', 'rd', 'pilot', 'industrialisation', 'promotion']);
    expect(matrix.permissions).toEqual({ configure: false, sweep: false });
    const uni = matrix.parties.find((p) => p.organization.id === uniId)!;
    expect(uni).toMatchObject({ activityCount: 1, daysSilent: 0, flagged: false, unansweredThreads: 0 });
    expect(uni.cells.find((c) => c.stage === 'rd')).toMatchObject({
      activityCount: 1,
      daysSinceLastContribution: 0,
    });
    expect(uni.medianResponseHours).toEqual(expect.any(Number));
    const sme = matrix.parties.find((p) => p.organization.id === smeId)!;
    expect(sme).toMatchObject({
      activityCount: 0,
      unansweredThreads: 1,
      medianResponseHours: null,
      lastContributionAt: null,
    });
    expect((await send(outsider, 'GET', `/api/v1/projects/${id}/engagement`)).statusCode).toBe(404);
    const lead = await ok<EngagementMatrix>(send(leadAdmin, 'GET', `/api/v1/projects/${id}/engagement`));
    expect(lead.permissions).toEqual({ configure: true, sweep: true });
  });

  it('lets only the lead’s admins set the silence threshold, within 1..365 days', async () => {
    const id = await project();
    const url = `/api/v1/projects/${id}/engagement/settings`;
    await refused(
      () => send(smeAdmin, 'PUT', url, { version: 1, silentAfterDays: 7 }),
      403,
      'auth.forbidden',
    );
    await refused(() => send(office, 'PUT', url, { version: 1, silentAfterDays: 7 }), 403, 'auth.forbidden');
    await refused(
      () => send(leadAdmin, 'PUT', url, { version: 1, silentAfterDays: 0 }),
      400,
      'request.validation_failed',
      'body.silentAfterDays',
    );
    await refused(
      () => send(leadAdmin, 'PUT', url, { version: 1, silentAfterDays: 366 }),
      400,
      'request.validation_failed',
      'body.silentAfterDays',
    );
    await refused(
      () => send(leadAdmin, 'PUT', url, { version: 1, silentAfterDays: 7.5 }),
      400,
      'request.validation_failed',
      'body.silentAfterDays',
    );
    const updated = await ok<EngagementMatrix>(
      send(leadAdmin, 'PUT', url, { version: 1, silentAfterDays: 7 }),
    );
    expect(updated).toMatchObject({ silentAfterDays: 7, projectVersion: 2 });
    await refused(
      () => send(leadAdmin, 'PUT', url, { version: 1, silentAfterDays: 9 }),
      409,
      'record.version_conflict',
    );
  });

  it('flags a silent party once per episode, notifies the lead’s admins and the cluster office, and clears it when it contributes', async () => {
    const id = await project();
    // Everyone contributes today; nobody is flagged yet.
    for (const [client, orgId] of [
      [leadAdmin, leadId],
      [uniMember, uniId],
      [smeAdmin, smeId],
    ] as const) {
      await ok(
        send(client, 'POST', `/api/v1/projects/${id}/documents`, {
          title: `doc ${orgId}`,
          kind: 'report',
          reference: 'r',
        }),
        201,
      );
    }
    const now = Date.now();
    expect((await sweep(id, new Date(now).toISOString())).raised).toBe(0);

    // Fifteen days later the lead and the university have spoken again; the SME has not.
    const later = new Date(now + 15 * DAY).toISOString();
    await t.ctx.db
      .updateTable('project_activity')
      .set({ at: new Date(now + 14 * DAY).toISOString() })
      .where('project_id', '=', id)
      .where('organization_id', 'in', [leadId, uniId])
      .execute();
    const first = await sweep(id, later);
    expect(first.raised).toBe(1);
    const flags = await t.ctx.db
      .selectFrom('project_engagement_flag')
      .selectAll()
      .where('project_id', '=', id)
      .execute();
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      organization_id: smeId,
      cleared_at: null,
      days_silent: 15,
      flagged_at: later,
    });
    expect(JSON.parse(flags[0]!.reasons)).toEqual(['silent']);

    const notes = await flaggedNotifications(id);
    expect(notes.map((n) => n.user_id).sort()).toEqual([leadAdmin.userId, office.userId].sort());
    expect(new Set(notes.map((n) => n.dedupe_key))).toEqual(
      new Set([`engagement.member_flagged:${flags[0]!.id}`]),
    );

    // Sweeping again (the interval, an on-demand call) raises nothing new and notifies nobody.
    expect((await sweep(id, new Date(now + 15.5 * DAY).toISOString())).raised).toBe(0);
    const matrix = await ok<EngagementMatrix>(
      send(office, 'POST', `/api/v1/projects/${id}/engagement/sweep`),
    );
    expect((await flaggedNotifications(id)).length).toBe(2);
    // (the on-demand sweep runs on the real clock, where the SME is not silent: it clears the flag)
    expect(matrix.flags[0]).toMatchObject({ organization: { id: smeId } });

    // A fresh episode: silent again fifteen days on, then it posts and the next sweep clears it.
    const again = await sweep(id, new Date(now + 16 * DAY).toISOString());
    expect(again.raised).toBe(1);
    expect((await flaggedNotifications(id)).length).toBe(4);
    const view = await ok<EngagementMatrix>(send(leadAdmin, 'GET', `/api/v1/projects/${id}/engagement`));
    expect(view.flags.filter((f) => f.clearedAt === null).map((f) => f.organization.id)).toEqual([smeId]);
    await ok(
      send(smeAdmin, 'POST', `/api/v1/projects/${id}/documents`, {
        title: 'back',
        kind: 'report',
        reference: 'r',
      }),
      201,
    );
    const cleared = await sweep(id, new Date(Date.now() + DAY).toISOString());
    expect(cleared.cleared).toBe(1);
    const open = await t.ctx.db
      .selectFrom('project_engagement_flag')
      .select('id')
      .where('project_id', '=', id)
      .where('cleared_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
    const audit = await t.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', 'like', 'engagement.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'engagement.flag_raise',
      'engagement.flag_clear',
      'engagement.flag_raise',
      'engagement.flag_clear',
    ]);
  });

  it('flags a party with an overdue action item at once, on the real clock', async () => {
    const id = await project();
    await ok(
      send(leadAdmin, 'POST', `/api/v1/projects/${id}/minutes`, {
        title: '补记例会',
        meetingDate: '2026-01-05',
        attendees: [{ organizationId: leadId }],
        actionItems: [{ description: '提交检测数据', assigneeOrganizationId: uniId, dueDate: '2026-01-10' }],
      }),
      201,
    );
    const matrix = await ok<EngagementMatrix>(
      send(leadAdmin, 'POST', `/api/v1/projects/${id}/engagement/sweep`),
    );
    const uni = matrix.parties.find((p) => p.organization.id === uniId)!;
    expect(uni).toMatchObject({ flagged: true, reasons: ['overdue_tasks'], overdueTasks: 1 });
    expect(uni.flaggedSince).toEqual(expect.any(String));
    expect(uni.cells.find((c) => c.stage === 'rd')!.overdueTasks).toBe(1);
    await refused(
      () => send(uniMember, 'POST', `/api/v1/projects/${id}/engagement/sweep`),
      403,
      'auth.forbidden',
    );

    const cluster = await ok<ClusterEngagement>(send(office, 'GET', '/api/v1/engagement'));
    const mine = cluster.projects.find((p) => p.projectId === id)!;
    expect(mine.flagged.map((f) => [f.organization.id, f.reasons])).toEqual([[uniId, ['overdue_tasks']]]);
    expect((await send(auditor, 'GET', '/api/v1/engagement')).statusCode).toBe(200);
    expect((await send(leadAdmin, 'GET', '/api/v1/engagement')).statusCode).toBe(403);
  });

  it('runs the sweep on an interval inside the server until stopped', async () => {
    const id = await project({ joinedAt: new Date(Date.now() - 30 * DAY).toISOString() });
    const sweeper = startEngagementSweeper(t.ctx, { intervalMs: 60_000 });
    await sweeper.stop();
    const open = await t.ctx.db
      .selectFrom('project_engagement_flag')
      .select('organization_id')
      .where('project_id', '=', id)
      .where('cleared_at', 'is', null)
      .execute();
    expect(open.map((f) => f.organization_id).sort()).toEqual([leadId, uniId, smeId].sort());
  });
});
