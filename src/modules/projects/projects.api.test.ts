import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../platform/ids.js';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { databaseFingerprint } from '../../test/fingerprint.js';
import { emptyCharter } from '../consortia/charter-service.js';
import type { Consortium, MemberStep } from '../consortia/schemas.js';
import type { MatchDetail } from '../matches/schemas.js';
import type { OrganizationKind, SizeClass } from '../organizations/schemas.js';
import { insertClusterInTransaction, insertOrganizationInTransaction } from '../organizations/service.js';
import type { Project, ProjectList, Task, TaskList } from './schemas.js';
import { remindDueMilestones } from './service.js';

let t: TestApp;
let leadAdmin: Client;
let leadColleague: Client;
let uniAdmin: Client;
let uniMember: Client;
let instAdmin: Client;
let supplierAdmin: Client;
let outsider: Client;
let office: Client;
let auditor: Client;
let leadId: string;
let universityId: string;
let instituteId: string;
let supplierId: string;

let serial = 0;

async function organization(
  kind: OrganizationKind,
  members: { client: Client; role: 'admin' | 'member' }[],
  options: { sizeClass?: SizeClass } = {},
): Promise<string> {
  serial += 1;
  return t.ctx.db.transaction().execute((tx) =>
    insertOrganizationInTransaction(
      tx,
      {
        kind,
        sizeClass: kind === 'enterprise' ? (options.sizeClass ?? 'small') : null,
        nameZh: `项目测试机构${serial}`,
        nameEn: `Project Test Organisation ${serial}`,
        verified: true,
        isDemo: false,
      },
      new Map(),
      members.map((m) => ({ userId: m.client.userId, role: m.role })),
      null,
    ),
  );
}

function send(
  client: Pick<Client, 'request'>,
  method: 'GET' | 'POST' | 'PATCH',
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

function expectError(response: LightMyRequestResponse, status: number, code: string, field?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json<{ code: string; details: { issues?: { field: string }[] } }>();
  expect(body.code).toBe(code);
  if (field !== undefined) expect(body.details.issues?.map((i) => i.field)).toContain(field);
}

/** Sends a request that must be refused with `code` and checks it stored nothing. */
async function refused(
  request: () => Promise<LightMyRequestResponse>,
  status: number,
  code: string,
  field?: string,
): Promise<LightMyRequestResponse> {
  const before = await databaseFingerprint(t.ctx.db);
  const response = await request();
  expectError(response, status, code, field);
  expect(await databaseFingerprint(t.ctx.db)).toEqual(before);
  return response;
}

// ---------------------------------------------------------------------------------------------
// Consortia to hang projects on

async function consortium(): Promise<Consortium> {
  serial += 1;
  const c = await ok<Consortium>(
    send(leadAdmin, 'POST', '/api/v1/consortia', {
      leadOrganizationId: leadId,
      nameZh: `碳化硅创新联合体${serial}`,
      nameEn: `SiC Consortium ${serial}`,
      cluster: 'integrated-circuits',
    }),
    201,
  );
  for (const [org, client] of [
    [universityId, uniAdmin],
    [instituteId, instAdmin],
  ] as const) {
    await ok(
      send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/members`, { organizationId: org, role: 'core' }),
    );
    await memberStep(client, c.id, org, 'accept');
  }
  return ok<Consortium>(send(leadAdmin, 'GET', `/api/v1/consortia/${c.id}`));
}

async function memberStep(
  client: Client,
  consortiumId: string,
  org: string,
  action: string,
): Promise<MemberStep> {
  const current = await ok<Consortium>(send(leadAdmin, 'GET', `/api/v1/consortia/${consortiumId}`));
  const member = current.members.find((m) => m.organization.id === org);
  return ok<MemberStep>(
    send(client, 'POST', `/api/v1/consortia/${consortiumId}/members/${org}/${action}`, {
      version: member?.version,
    }),
  );
}

/** Makes an effective charter whose work packages name who signs off which stage (stored directly). */
async function effectiveCharterNaming(
  consortiumId: string,
  packages: { stage: string; responsible: string; contributors: string[] }[],
): Promise<void> {
  const content = {
    ...emptyCharter(),
    workPackages: packages.map((p, i) => ({
      id: `WP${i + 1}`,
      title: `Work package ${i + 1}`,
      description: '',
      stage: p.stage,
      responsibleMemberId: p.responsible,
      contributingMemberIds: p.contributors,
      deliverables: [],
      startDate: null,
      endDate: null,
    })),
  };
  const now = nowIso();
  await t.ctx.db
    .insertInto('charter_version')
    .values({
      id: newId(),
      consortium_id: consortiumId,
      number: 1,
      status: 'effective',
      content: JSON.stringify(content),
      digest: 'test',
      based_on_id: null,
      created_by: null,
      created_at: now,
      updated_by: null,
      updated_at: now,
      opened_by: null,
      opened_at: now,
      effective_at: now,
      superseded_at: null,
      version: 1,
    })
    .execute();
}

async function project(c: Consortium, overrides: Record<string, unknown> = {}): Promise<Project> {
  serial += 1;
  return ok<Project>(
    send(leadAdmin, 'POST', '/api/v1/projects', {
      consortiumId: c.id,
      title: `车规级碳化硅模块 ${serial}`,
      summary: '从材料到模块的联合攻关',
      ...overrides,
    }),
    201,
  );
}

async function get(client: Client, p: { id: string }): Promise<Project> {
  return ok<Project>(send(client, 'GET', `/api/v1/projects/${p.id}`));
}

async function milestone(p: Project, responsible: string, title = '样品流片'): Promise<Project> {
  return ok<Project>(
    send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/milestones`, {
      title,
      responsibleOrganizationId: responsible,
      dueDate: '2030-06-30',
    }),
  );
}

function milestoneOf(p: Project, title: string) {
  const m = p.milestones.find((x) => x.title === title);
  if (!m) throw new Error(`no milestone ${title}`);
  return m;
}

async function complete(client: Client, p: Project, title: string): Promise<Project> {
  const m = milestoneOf(await get(leadAdmin, p), title);
  return ok<Project>(
    send(client, 'POST', `/api/v1/projects/${p.id}/milestones/${m.id}/complete`, {
      version: m.version,
      evidenceKind: 'document',
      reference: 'DOC-2026-017 样品测试报告',
      note: '第三方检测通过',
    }),
  );
}

async function signOff(client: Client, p: Project, org: string): Promise<LightMyRequestResponse> {
  const current = await get(client, p);
  return send(client, 'POST', `/api/v1/projects/${p.id}/stages/${current.stage}/signoffs`, {
    organizationId: org,
  });
}

async function advance(client: Client, p: Project): Promise<LightMyRequestResponse> {
  const current = await get(client, p);
  return send(client, 'POST', `/api/v1/projects/${p.id}/advance`, { version: current.version });
}

async function activity(projectId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('project_activity')
    .select(['organization_id', 'kind'])
    .where('project_id', '=', projectId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.organization_id}:${r.kind}`);
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_event')
    .select('action')
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

async function notificationKinds(userId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('notification')
    .select('kind')
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.kind);
}

beforeAll(async () => {
  t = await openTestApp();
  await t.ctx.db.transaction().execute(async (tx) => {
    await insertClusterInTransaction(
      tx,
      { slug: 'integrated-circuits', nameZh: '集成电路', nameEn: 'Integrated circuits', sortOrder: 1 },
      null,
    );
  });
  [leadAdmin, leadColleague, uniAdmin, uniMember, instAdmin, supplierAdmin, outsider] = (await Promise.all(
    Array.from({ length: 7 }, () => signedInUser(t)),
  )) as [Client, Client, Client, Client, Client, Client, Client];
  office = await signedInUser(t, { platformRoles: ['cluster_office'] });
  auditor = await signedInUser(t, { platformRoles: ['auditor'] });
  leadId = await organization(
    'enterprise',
    [
      { client: leadAdmin, role: 'admin' },
      { client: leadColleague, role: 'member' },
    ],
    { sizeClass: 'leading' },
  );
  universityId = await organization('university', [
    { client: uniAdmin, role: 'admin' },
    { client: uniMember, role: 'member' },
  ]);
  instituteId = await organization('research_institute', [{ client: instAdmin, role: 'admin' }]);
  supplierId = await organization('enterprise', [{ client: supplierAdmin, role: 'admin' }]);
});
afterAll(async () => {
  await t.close();
});

describe('creating a consortium project', () => {
  it('lets the lead’s admins create one whose parties are the consortium’s active members', async () => {
    const c = await consortium();
    const p = await project(c);
    expect(p).toMatchObject({
      kind: 'consortium',
      consortium: { id: c.id },
      lead: { id: leadId },
      stage: 'application',
      status: 'active',
      silentAfterDays: 14,
      parties: 3,
      version: 1,
    });
    expect(p.partyList.map((x) => `${x.organization.id}:${x.role}`).sort()).toEqual(
      [`${leadId}:lead`, `${universityId}:core`, `${instituteId}:core`].sort(),
    );
    expect(p.history).toEqual([
      expect.objectContaining({ action: 'create', toStage: 'application', toStatus: 'active' }),
    ]);
    expect(p.permissions).toMatchObject({
      advance: true,
      suspend: true,
      resume: false,
      addMilestone: true,
      addTask: true,
    });
    expect(await auditActions(p.id)).toEqual(['project.create']);
    expect(await activity(p.id)).toEqual([`${leadId}:project_created`]);
  });

  it('refuses anyone but the lead’s admins, an unknown consortium and a body naming both or neither origin', async () => {
    const c = await consortium();
    await refused(
      () => send(leadColleague, 'POST', '/api/v1/projects', { consortiumId: c.id, title: 'x' }),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(uniAdmin, 'POST', '/api/v1/projects', { consortiumId: c.id, title: 'x' }),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(outsider, 'POST', '/api/v1/projects', { consortiumId: c.id, title: 'x' }),
      404,
      'record.not_found',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', '/api/v1/projects', { consortiumId: c.id, sourceMatchId: 'm', title: 'x' }),
      400,
      'request.validation_failed',
      'body.consortiumId',
    );
    await refused(
      () => send(leadAdmin, 'POST', '/api/v1/projects', { title: 'x' }),
      400,
      'request.validation_failed',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', '/api/v1/projects', { consortiumId: c.id, title: '', silentAfterDays: 0 }),
      400,
      'request.validation_failed',
      'body.title',
    );
    await refused(
      () => send(anonymous(t), 'POST', '/api/v1/projects', { consortiumId: c.id, title: 'x' }),
      401,
      'auth.unauthenticated',
    );
  });
});

describe('visibility', () => {
  it('shows a project to its parties’ members, the cluster office and the auditor, and to nobody else', async () => {
    const c = await consortium();
    const p = await project(c);
    for (const client of [leadAdmin, leadColleague, uniMember, instAdmin, office, auditor])
      expect((await get(client, p)).id).toBe(p.id);
    expectError(await send(outsider, 'GET', `/api/v1/projects/${p.id}`), 404, 'record.not_found');
    expectError(await send(supplierAdmin, 'GET', `/api/v1/projects/${p.id}/tasks`), 404, 'record.not_found');
    expectError(await send(anonymous(t), 'GET', `/api/v1/projects/${p.id}`), 401, 'auth.unauthenticated');

    const mine = await ok<ProjectList>(send(uniMember, 'GET', '/api/v1/projects'));
    expect(mine.items.map((x) => x.id)).toContain(p.id);
    expect((await ok<ProjectList>(send(outsider, 'GET', '/api/v1/projects'))).items).toEqual([]);
    const all = await ok<ProjectList>(send(office, 'GET', `/api/v1/projects?consortium=${c.id}`));
    expect(all.items.map((x) => x.id)).toEqual([p.id]);
    expect((await ok<ProjectList>(send(office, 'GET', '/api/v1/projects?mine=true'))).items).toEqual([]);
    expect(
      (await ok<ProjectList>(send(leadAdmin, 'GET', `/api/v1/projects?consortium=${c.id}&status=suspended`)))
        .items,
    ).toEqual([]);
    expectError(
      await send(leadAdmin, 'GET', '/api/v1/projects?status=paused'),
      400,
      'request.validation_failed',
    );
  });

  it('lets the cluster office and auditor look but not act', async () => {
    const c = await consortium();
    const p = await project(c);
    const seen = await get(office, p);
    expect(seen.permissions).toEqual({
      update: false,
      advance: false,
      suspend: false,
      resume: false,
      terminate: false,
      addMilestone: false,
      addTask: false,
    });
    await refused(
      () => send(office, 'POST', `/api/v1/projects/${p.id}/suspend`, { version: 1, reason: 'x' }),
      403,
      'auth.forbidden',
    );
    await refused(
      () =>
        send(auditor, 'POST', `/api/v1/projects/${p.id}/tasks`, {
          title: 'x',
          assigneeOrganizationId: leadId,
        }),
      403,
      'auth.forbidden',
    );
  });
});

describe('the stage gate', () => {
  it('without a charter, opens once the stage’s milestones are done with evidence and the lead signed off', async () => {
    const c = await consortium();
    let p = await project(c);
    p = await milestone(p, universityId, '可行性报告');
    expect(p.gate).toMatchObject({
      stage: 'application',
      next: 'rd',
      open: false,
      milestonesNotDone: [{ title: '可行性报告' }],
      requiredSignOffs: [expect.objectContaining({ id: leadId })],
      partiesNotSigned: [expect.objectContaining({ id: leadId })],
      canSignFor: [],
    });
    const blocked = await refused(() => advance(leadAdmin, p), 409, 'project.gate_blocked');
    const details = blocked.json<{
      details: { milestonesNotDone: { title: string }[]; partiesNotSigned: { id: string }[] };
    }>().details;
    expect(details.milestonesNotDone.map((m) => m.title)).toEqual(['可行性报告']);
    expect(details.partiesNotSigned.map((o) => o.id)).toEqual([leadId]);

    // The lead cannot sign off before the milestones are done.
    await refused(() => signOff(leadAdmin, p, leadId), 409, 'project.milestones_open');
    // Only the responsible party (or the lead's admins) marks it done, with evidence.
    const m = milestoneOf(p, '可行性报告');
    await refused(
      () =>
        send(instAdmin, 'POST', `/api/v1/projects/${p.id}/milestones/${m.id}/complete`, {
          version: m.version,
          evidenceKind: 'document',
          reference: 'DOC-1',
          note: 'n',
        }),
      403,
      'auth.forbidden',
    );
    await refused(
      () =>
        send(uniMember, 'POST', `/api/v1/projects/${p.id}/milestones/${m.id}/complete`, {
          version: m.version,
          evidenceKind: 'document',
          reference: 'DOC-1',
        }),
      400,
      'request.validation_failed',
      'body.note',
    );
    await refused(
      () =>
        send(uniMember, 'POST', `/api/v1/projects/${p.id}/milestones/${m.id}/complete`, {
          version: m.version,
          evidenceKind: 'url',
          reference: 'not a url',
          note: 'n',
        }),
      400,
      'request.validation_failed',
      'body.reference',
    );
    p = await complete(uniMember, p, '可行性报告');
    expect(milestoneOf(p, '可行性报告')).toMatchObject({
      status: 'done',
      evidence: [
        expect.objectContaining({ kind: 'document', note: '第三方检测通过', organizationId: universityId }),
      ],
    });
    expect(p.gate).toMatchObject({ open: false, milestonesNotDone: [] });
    expect((await get(leadAdmin, p)).gate.canSignFor).toEqual([leadId]);
    expect((await get(leadColleague, p)).gate.canSignFor).toEqual([]);

    await refused(() => signOff(leadColleague, p, leadId), 403, 'auth.forbidden');
    await refused(() => signOff(uniAdmin, p, universityId), 409, 'project.signoff_not_required');
    p = await ok<Project>(signOff(leadAdmin, p, leadId));
    expect(p.gate.open).toBe(true);
    await refused(() => signOff(leadAdmin, p, leadId), 409, 'project.already_signed_off');
    await refused(() => advance(leadColleague, p), 403, 'auth.forbidden');
    await refused(
      () => send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/advance`, { version: p.version + 5 }),
      409,
      'record.version_conflict',
    );

    p = await ok<Project>(advance(leadAdmin, p));
    expect(p).toMatchObject({ stage: 'rd', status: 'active', version: 2 });
    expect(p.gate).toMatchObject({ stage: 'rd', next: 'pilot', milestonesNotDone: [], signOffs: [] });
    expect(p.history.map((e) => `${e.action}:${e.toStage}`)).toEqual(['create:application', 'advance:rd']);
    expect(await activity(p.id)).toEqual([
      `${leadId}:project_created`,
      `${universityId}:milestone_done`,
      `${leadId}:signoff`,
      `${leadId}:stage_advance`,
    ]);
    expect(await auditActions(p.id)).toEqual(['project.create', 'project.signoff', 'project.advance']);
    // Every party's members hear about the gate.
    expect(await notificationKinds(instAdmin.userId)).toContain('project.gate_passed');
    // A passed stage's milestone does not change any more.
    const passed = milestoneOf(p, '可行性报告');
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/milestones/${passed.id}/reopen`, {
          version: passed.version,
          reason: 'x',
        }),
      409,
      'project.stage_passed',
    );
  });

  it('with an effective charter, needs every party its work packages name for the stage; reopening resets sign-offs', async () => {
    const c = await consortium();
    await effectiveCharterNaming(c.id, [
      { stage: 'application', responsible: universityId, contributors: [instituteId] },
      { stage: 'rd', responsible: leadId, contributors: [] },
    ]);
    let p = await project(c);
    p = await milestone(p, instituteId, '立项申报书');
    expect(p.gate.requiredSignOffs.map((o) => o.id).sort()).toEqual([universityId, instituteId].sort());
    p = await complete(instAdmin, p, '立项申报书');
    await refused(() => signOff(leadAdmin, p, leadId), 409, 'project.signoff_not_required');
    await refused(() => signOff(uniMember, p, universityId), 403, 'auth.forbidden');
    p = await ok<Project>(signOff(uniAdmin, p, universityId));
    const blocked = await refused(() => advance(leadAdmin, p), 409, 'project.gate_blocked');
    expect(
      blocked.json<{ details: { partiesNotSigned: { id: string }[]; milestonesNotDone: unknown[] } }>()
        .details,
    ).toMatchObject({ milestonesNotDone: [], partiesNotSigned: [{ id: instituteId }] });

    // Reopening the milestone withdraws the stage's sign-offs.
    const m = milestoneOf(p, '立项申报书');
    p = await ok<Project>(
      send(instAdmin, 'POST', `/api/v1/projects/${p.id}/milestones/${m.id}/reopen`, {
        version: m.version,
        reason: '报告需补充数据',
      }),
    );
    expect(p.gate.signOffs).toEqual([]);
    expect(milestoneOf(p, '立项申报书').status).toBe('open');
    p = await complete(instAdmin, p, '立项申报书');
    p = await ok<Project>(signOff(uniAdmin, p, universityId));
    p = await ok<Project>(signOff(instAdmin, p, instituteId));
    p = await ok<Project>(advance(leadAdmin, p));
    expect(p.stage).toBe('rd');
    // The rd gate needs the lead alone; with no milestones it opens on the lead's sign-off.
    expect(p.gate.requiredSignOffs.map((o) => o.id)).toEqual([leadId]);
    p = await ok<Project>(signOff(leadAdmin, p, leadId));
    p = await ok<Project>(advance(leadAdmin, p));
    expect(p.stage).toBe('pilot');
  });

  it('walks to closed one gate at a time, and a closed project changes no more', async () => {
    const c = await consortium();
    let p = await project(c);
    for (const stage of ['rd', 'pilot', 'industrialisation', 'promotion', 'closed']) {
      p = await ok<Project>(signOff(leadAdmin, p, leadId));
      p = await ok<Project>(advance(leadAdmin, p));
      expect(p.stage).toBe(stage);
    }
    expect(p.status).toBe('closed');
    expect(p.gate).toMatchObject({ next: null, open: false });
    await refused(() => advance(leadAdmin, p), 409, 'project.invalid_transition');
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/terminate`, { version: p.version, reason: 'x' }),
      409,
      'project.invalid_transition',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/tasks`, {
          title: 'x',
          assigneeOrganizationId: leadId,
        }),
      409,
      'project.not_active',
    );
  });
});

describe('suspension and termination', () => {
  it('suspends with a reason, freezes the work, resumes, and terminates for good', async () => {
    const c = await consortium();
    let p = await project(c);
    await refused(
      () => send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/suspend`, { version: p.version }),
      400,
      'request.validation_failed',
      'body.reason',
    );
    await refused(
      () =>
        send(uniAdmin, 'POST', `/api/v1/projects/${p.id}/suspend`, {
          version: p.version,
          reason: '资金未到位',
        }),
      403,
      'auth.forbidden',
    );
    p = await ok<Project>(
      send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/suspend`, {
        version: p.version,
        reason: '资金未到位',
      }),
    );
    expect(p).toMatchObject({ status: 'suspended', statusReason: '资金未到位', stage: 'application' });
    expect(p.permissions).toMatchObject({ advance: false, resume: true, suspend: false, addTask: false });
    await refused(() => advance(leadAdmin, p), 409, 'project.not_active');
    await refused(
      () =>
        send(uniAdmin, 'POST', `/api/v1/projects/${p.id}/tasks`, {
          title: 'x',
          assigneeOrganizationId: leadId,
        }),
      409,
      'project.not_active',
    );
    await refused(() => signOff(leadAdmin, p, leadId), 409, 'project.not_active');
    p = await ok<Project>(send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/resume`, { version: p.version }));
    expect(p).toMatchObject({ status: 'active', statusReason: null });
    await refused(
      () => send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/resume`, { version: p.version }),
      409,
      'project.invalid_transition',
    );
    p = await ok<Project>(
      send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/terminate`, {
        version: p.version,
        reason: '技术路线不可行',
      }),
    );
    expect(p).toMatchObject({ status: 'terminated', statusReason: '技术路线不可行' });
    await refused(
      () => send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/resume`, { version: p.version }),
      409,
      'project.invalid_transition',
    );
    expect(p.history.map((e) => e.action)).toEqual(['create', 'suspend', 'resume', 'terminate']);
    expect(await auditActions(p.id)).toEqual([
      'project.create',
      'project.suspend',
      'project.resume',
      'project.terminate',
    ]);
  });
});

describe('tasks', () => {
  it('assigns tasks to parties, moves them, knows the overdue ones and records each contribution', async () => {
    const c = await consortium();
    const p = await project(c);
    const task = await ok<Task>(
      send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/tasks`, {
        title: '提交测试样品',
        assigneeOrganizationId: universityId,
        assigneeUserId: uniMember.userId,
        dueDate: '2020-01-31',
      }),
      201,
    );
    expect(task).toMatchObject({
      stage: 'application',
      status: 'open',
      overdue: true,
      origin: 'manual',
      assignee: { id: universityId },
      assigneeUser: { id: uniMember.userId },
      canEdit: true,
    });
    expect(await notificationKinds(uniMember.userId)).toContain('project.task_assigned');
    await ok<Task>(
      send(instAdmin, 'POST', `/api/v1/projects/${p.id}/tasks`, {
        title: '整理数据',
        assigneeOrganizationId: instituteId,
        dueDate: '2099-01-01',
      }),
      201,
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/tasks`, {
          title: 'x',
          assigneeOrganizationId: supplierId,
        }),
      400,
      'project.not_a_party',
      'body.assigneeOrganizationId',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/tasks`, {
          title: 'x',
          assigneeOrganizationId: universityId,
          assigneeUserId: instAdmin.userId,
        }),
      400,
      'project.user_not_in_party',
      'body.assigneeUserId',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/tasks`, {
          title: 'x',
          assigneeOrganizationId: universityId,
          dueDate: '2026-02-30',
        }),
      400,
      'request.validation_failed',
      'body.dueDate',
    );

    const overdue = await ok<TaskList>(send(office, 'GET', `/api/v1/projects/${p.id}/tasks?overdue=true`));
    expect(overdue.items.map((x) => x.title)).toEqual(['提交测试样品']);
    expect(
      (await ok<TaskList>(send(office, 'GET', `/api/v1/projects/${p.id}/tasks?assignee=${instituteId}`)))
        .items,
    ).toHaveLength(1);

    // The institute is neither assignee, creator nor lead admin.
    await refused(
      () =>
        send(instAdmin, 'PATCH', `/api/v1/projects/${p.id}/tasks/${task.id}`, {
          version: task.version,
          status: 'done',
        }),
      403,
      'auth.forbidden',
    );
    // The assignee moves it but does not edit it.
    await refused(
      () =>
        send(uniAdmin, 'PATCH', `/api/v1/projects/${p.id}/tasks/${task.id}`, {
          version: task.version,
          title: 'y',
        }),
      403,
      'auth.forbidden',
    );
    const started = await ok<Task>(
      send(uniMember, 'PATCH', `/api/v1/projects/${p.id}/tasks/${task.id}`, {
        version: task.version,
        status: 'in_progress',
      }),
    );
    expect(started.moves).toEqual(['open', 'done', 'cancelled']);
    const done = await ok<Task>(
      send(uniMember, 'PATCH', `/api/v1/projects/${p.id}/tasks/${task.id}`, {
        version: started.version,
        status: 'done',
      }),
    );
    expect(done).toMatchObject({ status: 'done', overdue: false });
    expect(done.completedAt).not.toBeNull();
    await refused(
      () =>
        send(uniMember, 'PATCH', `/api/v1/projects/${p.id}/tasks/${task.id}`, {
          version: done.version,
          status: 'in_progress',
        }),
      409,
      'project.task_invalid_transition',
    );
    await refused(
      () =>
        send(uniMember, 'PATCH', `/api/v1/projects/${p.id}/tasks/${task.id}`, { version: 1, status: 'open' }),
      409,
      'record.version_conflict',
    );
    // The lead reassigns it to the institute, which hears about it.
    const moved = await ok<Task>(
      send(leadAdmin, 'PATCH', `/api/v1/projects/${p.id}/tasks/${task.id}`, {
        version: done.version,
        status: 'open',
        assigneeOrganizationId: instituteId,
      }),
    );
    expect(moved).toMatchObject({
      assignee: { id: instituteId },
      assigneeUser: null,
      status: 'open',
      completedAt: null,
    });
    expect(await notificationKinds(instAdmin.userId)).toContain('project.task_assigned');
    expect(await activity(p.id)).toEqual([
      `${leadId}:project_created`,
      `${leadId}:task_created`,
      `${instituteId}:task_created`,
      `${universityId}:task_in_progress`,
      `${universityId}:task_done`,
      `${leadId}:task_open`,
    ]);
    expect(await auditActions(task.id)).toEqual([
      'project.task_create',
      'project.task_move',
      'project.task_move',
      'project.task_move',
    ]);
  });
});

describe('parties follow the consortium', () => {
  it('adds an organisation that joins and drops one that leaves', async () => {
    const c = await consortium();
    const p = await project(c);
    await ok(
      send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/members`, {
        organizationId: supplierId,
        role: 'member',
      }),
    );
    await memberStep(supplierAdmin, c.id, supplierId, 'accept');
    let seen = await get(supplierAdmin, p);
    expect(seen.partyList.map((x) => x.organization.id)).toContain(supplierId);
    await memberStep(supplierAdmin, c.id, supplierId, 'leave');
    expectError(await send(supplierAdmin, 'GET', `/api/v1/projects/${p.id}`), 404, 'record.not_found');
    seen = await get(leadAdmin, p);
    expect(seen.partyList.map((x) => x.organization.id)).not.toContain(supplierId);
    expect(await auditActions(p.id)).toEqual([
      'project.create',
      'project.parties_sync',
      'project.parties_sync',
    ]);
  });
});

describe('a bilateral project', () => {
  async function agreedMatch(): Promise<MatchDetail> {
    serial += 1;
    const need = await ok<{ id: string }>(
      send(supplierAdmin, 'POST', '/api/v1/needs', {
        ownerOrganizationId: supplierId,
        title: `银烧结封装工艺 ${serial}`,
        description: '需要银烧结封装与双面散热方案，提升结温可靠性。',
        keywords: ['银烧结'],
        cluster: 'integrated-circuits',
        cooperationModes: ['joint_rd'],
        visibility: 'public',
      }),
      201,
    );
    let match = await ok<MatchDetail>(
      send(supplierAdmin, 'POST', '/api/v1/matches', {
        needId: need.id,
        counterpartType: 'organization',
        counterpartId: universityId,
        status: 'contacted',
      }),
      201,
    );
    match = await ok<MatchDetail>(
      send(uniAdmin, 'POST', `/api/v1/matches/${match.id}/actions`, {
        action: 'accept',
        version: match.version,
      }),
    );
    match = await ok<MatchDetail>(
      send(uniAdmin, 'POST', `/api/v1/matches/${match.id}/actions`, {
        action: 'agree',
        version: match.version,
      }),
    );
    return ok<MatchDetail>(
      send(supplierAdmin, 'POST', `/api/v1/matches/${match.id}/actions`, {
        action: 'agree',
        version: match.version,
      }),
    );
  }

  it('grows out of an agreed match, converts it, and needs both parties to sign off each gate', async () => {
    const match = await agreedMatch();
    expect(match.status).toBe('agreed');
    await refused(
      () => send(uniMember, 'POST', '/api/v1/projects', { sourceMatchId: match.id, title: '银烧结联合研发' }),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(outsider, 'POST', '/api/v1/projects', { sourceMatchId: match.id, title: '银烧结联合研发' }),
      404,
      'project.source_match_not_found',
      'body.sourceMatchId',
    );
    let p = await ok<Project>(
      send(uniAdmin, 'POST', '/api/v1/projects', { sourceMatchId: match.id, title: '银烧结联合研发' }),
      201,
    );
    expect(p).toMatchObject({
      kind: 'bilateral',
      consortium: null,
      sourceMatchId: match.id,
      lead: { id: universityId },
    });
    expect(p.partyList.map((x) => `${x.organization.id}:${x.role}`).sort()).toEqual(
      [`${universityId}:lead`, `${supplierId}:partner`].sort(),
    );
    const after = await ok<MatchDetail>(send(supplierAdmin, 'GET', `/api/v1/matches/${match.id}`));
    expect(after.status).toBe('converted');
    await refused(
      () => send(supplierAdmin, 'POST', '/api/v1/projects', { sourceMatchId: match.id, title: 'again' }),
      409,
      'project.source_match_taken',
      'body.sourceMatchId',
    );
    expect(p.gate.requiredSignOffs.map((o) => o.id).sort()).toEqual([universityId, supplierId].sort());
    p = await ok<Project>(signOff(supplierAdmin, p, supplierId));
    await refused(
      () => send(uniAdmin, 'POST', `/api/v1/projects/${p.id}/advance`, { version: p.version }),
      409,
      'project.gate_blocked',
    );
    p = await ok<Project>(signOff(uniAdmin, p, universityId));
    p = await ok<Project>(send(uniAdmin, 'POST', `/api/v1/projects/${p.id}/advance`, { version: p.version }));
    expect(p.stage).toBe('rd');
  });

  it('refuses a match still in talks', async () => {
    serial += 1;
    const need = await ok<{ id: string }>(
      send(supplierAdmin, 'POST', '/api/v1/needs', {
        ownerOrganizationId: supplierId,
        title: `散热方案 ${serial}`,
        description: '双面散热方案，提升结温可靠性。',
        keywords: ['散热'],
        cluster: 'integrated-circuits',
        cooperationModes: ['joint_rd'],
        visibility: 'public',
      }),
      201,
    );
    const match = await ok<MatchDetail>(
      send(supplierAdmin, 'POST', '/api/v1/matches', {
        needId: need.id,
        counterpartType: 'organization',
        counterpartId: instituteId,
        status: 'contacted',
      }),
      201,
    );
    await refused(
      () => send(supplierAdmin, 'POST', '/api/v1/projects', { sourceMatchId: match.id, title: 'x' }),
      409,
      'project.source_match_not_agreed',
      'body.sourceMatchId',
    );
  });
});

describe('milestones', () => {
  it('are added and edited by the lead’s admins, for a party, in the current or a later stage', async () => {
    const c = await consortium();
    let p = await project(c);
    await refused(
      () =>
        send(uniAdmin, 'POST', `/api/v1/projects/${p.id}/milestones`, {
          title: 'x',
          responsibleOrganizationId: universityId,
        }),
      403,
      'auth.forbidden',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/milestones`, {
          title: 'x',
          responsibleOrganizationId: supplierId,
        }),
      400,
      'project.not_a_party',
      'body.responsibleOrganizationId',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/milestones`, {
          title: 'x',
          stage: 'closed',
          responsibleOrganizationId: leadId,
        }),
      409,
      'project.stage_passed',
      'body.stage',
    );
    p = await ok<Project>(
      send(leadAdmin, 'POST', `/api/v1/projects/${p.id}/milestones`, {
        title: '中试线验证',
        stage: 'pilot',
        responsibleOrganizationId: instituteId,
        dueDate: '2020-01-01',
      }),
    );
    const m = milestoneOf(p, '中试线验证');
    expect(m).toMatchObject({ stage: 'pilot', status: 'open', overdue: true });
    // A milestone of a later stage does not hold up the current gate.
    expect(p.gate.milestonesNotDone).toEqual([]);
    p = await ok<Project>(
      send(leadAdmin, 'PATCH', `/api/v1/projects/${p.id}/milestones/${m.id}`, {
        version: m.version,
        dueDate: '2031-01-01',
        responsibleOrganizationId: universityId,
      }),
    );
    expect(milestoneOf(p, '中试线验证')).toMatchObject({
      dueDate: '2031-01-01',
      responsible: { id: universityId },
      overdue: false,
    });
    await refused(
      () =>
        send(leadAdmin, 'PATCH', `/api/v1/projects/${p.id}/milestones/${m.id}`, {
          version: m.version,
          title: 'stale',
        }),
      409,
      'record.version_conflict',
    );
    await refused(
      () => send(leadAdmin, 'PATCH', `/api/v1/projects/${p.id}/milestones/nope`, { version: 1, title: 'x' }),
      404,
      'record.not_found',
    );
  });

  it('reminds the responsible party of a milestone coming due, once', async () => {
    const c = await consortium();
    await milestone(await project(c), instituteId, '中试方案'); // due 2030-06-30
    const before = (await notificationKinds(instAdmin.userId)).filter(
      (k) => k === 'project.milestone_due',
    ).length;
    expect(await remindDueMilestones(t.ctx, new Date('2030-06-20T00:00:00Z'))).toBe(0);
    expect(await remindDueMilestones(t.ctx, new Date('2030-06-28T00:00:00Z'))).toBeGreaterThan(0);
    expect(await remindDueMilestones(t.ctx, new Date('2030-06-29T00:00:00Z'))).toBe(0);
    const after = (await notificationKinds(instAdmin.userId)).filter(
      (k) => k === 'project.milestone_due',
    ).length;
    expect(after).toBe(before + 1);
    expect((await notificationKinds(uniAdmin.userId)).filter((k) => k === 'project.milestone_due')).toEqual(
      [],
    );
  });
});
