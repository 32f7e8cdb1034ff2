import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { databaseFingerprint } from '../../test/fingerprint.js';
import type { OrganizationKind, SizeClass } from '../organizations/schemas.js';
import { insertClusterInTransaction, insertOrganizationInTransaction } from '../organizations/service.js';
import type { Consortium, ConsortiumList, InvitationList, LeadPolicyView, MemberStep } from './schemas.js';

let t: TestApp;
let leadAdmin: Client;
let leadColleague: Client;
let uniAdmin: Client;
let instAdmin: Client;
let supplierAdmin: Client;
let mediumAdmin: Client;
let pendingAdmin: Client;
let outsider: Client;
let office: Client;
let auditor: Client;
let leadId: string;
let universityId: string;
let instituteId: string;
let supplierId: string;
let mediumId: string;
let pendingId: string;

let serial = 0;

async function organization(
  kind: OrganizationKind,
  members: { client: Client; role: 'admin' | 'member' }[],
  options: { sizeClass?: SizeClass; verified?: boolean } = {},
): Promise<string> {
  serial += 1;
  return t.ctx.db.transaction().execute((tx) =>
    insertOrganizationInTransaction(
      tx,
      {
        kind,
        sizeClass: kind === 'enterprise' ? (options.sizeClass ?? 'small') : null,
        nameZh: `联合体测试机构${serial}`,
        nameEn: `Consortium Test Organisation ${serial}`,
        verified: options.verified ?? true,
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
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
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
  if (field !== undefined) expect(body.details.issues?.map((i) => i.field)).toEqual([field]);
}

/** Sends a request that must be refused with `code` and checks it stored nothing. */
async function refused(
  request: () => Promise<LightMyRequestResponse>,
  status: number,
  code: string,
  field?: string,
): Promise<void> {
  const before = await databaseFingerprint(t.ctx.db);
  expectError(await request(), status, code, field);
  expect(await databaseFingerprint(t.ctx.db)).toEqual(before);
}

async function create(
  client: Client = leadAdmin,
  overrides: Record<string, unknown> = {},
): Promise<Consortium> {
  serial += 1;
  return ok<Consortium>(
    send(client, 'POST', '/api/v1/consortia', {
      leadOrganizationId: leadId,
      nameZh: `第三代半导体创新联合体${serial}`,
      nameEn: `Wide-bandgap Semiconductor Consortium ${serial}`,
      summary: '碳化硅功率器件从材料到模块的联合攻关',
      objectives: '三年内实现车规级碳化硅模块国产化。',
      cluster: 'integrated-circuits',
      chainPosition: 'downstream',
      ...overrides,
    }),
    201,
  );
}

async function invite(c: Consortium, organizationId: string, role = 'core'): Promise<Consortium> {
  return ok<Consortium>(
    send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/members`, {
      organizationId,
      role,
      chainPosition: 'upstream',
      message: '诚邀加入',
    }),
  );
}

function memberOf(c: Consortium, organizationId: string) {
  const member = c.members.find((m) => m.organization.id === organizationId);
  if (!member) throw new Error(`no member ${organizationId}`);
  return member;
}

async function step(
  client: Client,
  c: Consortium,
  organizationId: string,
  action: 'accept' | 'decline' | 'withdraw' | 'remove' | 'leave',
  extra: Record<string, unknown> = {},
) {
  const current = await ok<Consortium>(send(leadAdmin, 'GET', `/api/v1/consortia/${c.id}`));
  return send(client, 'POST', `/api/v1/consortia/${c.id}/members/${organizationId}/${action}`, {
    version: memberOf(current, organizationId).version,
    ...extra,
  });
}

/** A consortium of the lead, a university and an institute, all active. */
async function readyConsortium(): Promise<Consortium> {
  const c = await create();
  await invite(c, universityId);
  await invite(c, instituteId, 'member');
  await ok(step(uniAdmin, c, universityId, 'accept'));
  return seenAfter(step(instAdmin, c, instituteId, 'accept'));
}

/** The consortium after a membership step the caller still sees it after. */
async function seenAfter(response: Promise<LightMyRequestResponse>): Promise<Consortium> {
  const result = await ok<MemberStep>(response);
  if (!result.consortium) throw new Error('the caller no longer sees the consortium');
  return result.consortium;
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

beforeAll(async () => {
  t = await openTestApp();
  await t.ctx.db.transaction().execute(async (tx) => {
    await insertClusterInTransaction(
      tx,
      { slug: 'integrated-circuits', nameZh: '集成电路', nameEn: 'Integrated circuits', sortOrder: 1 },
      null,
    );
  });
  [leadAdmin, leadColleague, uniAdmin, instAdmin, supplierAdmin, mediumAdmin, pendingAdmin, outsider] =
    (await Promise.all(Array.from({ length: 8 }, () => signedInUser(t)))) as [
      Client,
      Client,
      Client,
      Client,
      Client,
      Client,
      Client,
      Client,
    ];
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
  universityId = await organization('university', [{ client: uniAdmin, role: 'admin' }]);
  instituteId = await organization('research_institute', [{ client: instAdmin, role: 'admin' }]);
  supplierId = await organization('enterprise', [{ client: supplierAdmin, role: 'admin' }]);
  mediumId = await organization('enterprise', [{ client: mediumAdmin, role: 'admin' }], {
    sizeClass: 'medium',
  });
  pendingId = await organization('enterprise', [{ client: pendingAdmin, role: 'admin' }], {
    sizeClass: 'large',
    verified: false,
  });
});
afterAll(async () => {
  await t.close();
});

describe('formation', () => {
  it('lets a member of a leading enterprise found a consortium, with its organisation as the lead', async () => {
    const c = await create(leadColleague);
    expect(c).toMatchObject({
      status: 'forming',
      designationStatus: 'draft',
      cluster: { slug: 'integrated-circuits', nameEn: 'Integrated circuits' },
      lead: { id: leadId, kind: 'enterprise' },
      activeMembers: 1,
      version: 1,
    });
    expect(c.members).toEqual([
      expect.objectContaining({
        organization: expect.objectContaining({ id: leadId }),
        role: 'lead',
        status: 'active',
        chainPosition: 'downstream',
        actions: [],
      }),
    ]);
    // A plain member sees it but does not manage it.
    expect(c.permissions).toEqual({
      update: false,
      invite: false,
      submitDesignation: false,
      decideDesignation: false,
    });
    const asAdmin = await ok<Consortium>(send(leadAdmin, 'GET', `/api/v1/consortia/${c.id}`));
    expect(asAdmin.permissions).toMatchObject({ update: true, invite: true, submitDesignation: true });
    expect(await auditActions(c.id)).toEqual(['consortium.create']);
  });

  it('refuses leads the policy does not allow, and callers who are not members of the lead', async () => {
    const body = {
      nameZh: '联合体',
      nameEn: 'Consortium',
      cluster: 'integrated-circuits',
    };
    await refused(
      () => send(mediumAdmin, 'POST', '/api/v1/consortia', { ...body, leadOrganizationId: mediumId }),
      403,
      'consortium.lead_not_eligible',
      'body.leadOrganizationId',
    );
    await refused(
      () => send(uniAdmin, 'POST', '/api/v1/consortia', { ...body, leadOrganizationId: universityId }),
      403,
      'consortium.lead_not_eligible',
      'body.leadOrganizationId',
    );
    await refused(
      () => send(pendingAdmin, 'POST', '/api/v1/consortia', { ...body, leadOrganizationId: pendingId }),
      403,
      'consortium.lead_unverified',
      'body.leadOrganizationId',
    );
    await refused(
      () => send(outsider, 'POST', '/api/v1/consortia', { ...body, leadOrganizationId: leadId }),
      403,
      'auth.forbidden',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', '/api/v1/consortia', {
          ...body,
          leadOrganizationId: leadId,
          cluster: 'nope',
        }),
      400,
      'consortium.unknown_cluster',
      'body.cluster',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', '/api/v1/consortia', {
          ...body,
          leadOrganizationId: leadId,
          sourceMatchId: 'no-such-match',
        }),
      404,
      'consortium.source_match_not_found',
      'body.sourceMatchId',
    );
    await refused(() => send(anonymous(t), 'POST', '/api/v1/consortia', body), 401, 'auth.unauthenticated');
  });

  it('lets the lead admins edit the basic information, versioned', async () => {
    const c = await create();
    const edited = await ok<Consortium>(
      send(leadAdmin, 'PATCH', `/api/v1/consortia/${c.id}`, { version: 1, nameEn: 'Renamed consortium' }),
    );
    expect(edited).toMatchObject({ nameEn: 'Renamed consortium', version: 2 });
    await refused(
      () => send(leadAdmin, 'PATCH', `/api/v1/consortia/${c.id}`, { version: 1, nameEn: 'Stale' }),
      409,
      'record.version_conflict',
    );
    await refused(
      () => send(leadColleague, 'PATCH', `/api/v1/consortia/${c.id}`, { version: 2, nameEn: 'Not mine' }),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(outsider, 'PATCH', `/api/v1/consortia/${c.id}`, { version: 2, nameEn: 'Not mine' }),
      404,
      'record.not_found',
    );
    await refused(
      () => send(leadAdmin, 'PATCH', `/api/v1/consortia/${c.id}`, { version: 2, cluster: 'unknown' }),
      400,
      'consortium.unknown_cluster',
      'body.cluster',
    );
    expect(await auditActions(c.id)).toEqual(['consortium.create', 'consortium.update']);
  });
});

describe('invitations and memberships', () => {
  it('invites verified organisations, which accept or decline; the invited see their invitations', async () => {
    const c = await create();
    await invite(c, universityId);
    await invite(c, supplierId, 'supporting');
    const invitations = await ok<InvitationList>(send(uniAdmin, 'GET', '/api/v1/consortia/invitations'));
    expect(invitations.items).toEqual([
      expect.objectContaining({
        consortium: expect.objectContaining({ id: c.id, lead: expect.objectContaining({ id: leadId }) }),
        organization: expect.objectContaining({ id: universityId }),
        role: 'core',
        chainPosition: 'upstream',
        message: '诚邀加入',
        canRespond: true,
      }),
    ]);
    // The invited organisation sees the consortium and may accept or decline.
    const seen = await ok<Consortium>(send(uniAdmin, 'GET', `/api/v1/consortia/${c.id}`));
    expect(memberOf(seen, universityId).actions).toEqual(['accept', 'decline']);
    expect(memberOf(seen, supplierId).actions).toEqual([]);
    const asLead = await ok<Consortium>(send(leadAdmin, 'GET', `/api/v1/consortia/${c.id}`));
    expect(memberOf(asLead, universityId).actions).toEqual(['withdraw']);

    const accepted = await seenAfter(step(uniAdmin, c, universityId, 'accept'));
    expect(memberOf(accepted, universityId)).toMatchObject({ status: 'active', version: 2 });
    expect(accepted.activeMembers).toBe(2);
    const declined = await ok<MemberStep>(
      step(supplierAdmin, c, supplierId, 'decline', { note: '产能不足' }),
    );
    // The organisation that declined no longer sees a forming consortium; the lead sees why.
    expect(declined).toMatchObject({ member: { status: 'declined', version: 2 }, consortium: null });
    const afterDecline = await ok<Consortium>(send(leadAdmin, 'GET', `/api/v1/consortia/${c.id}`));
    expect(memberOf(afterDecline, supplierId)).toMatchObject({ status: 'declined', endNote: '产能不足' });
    expect((await ok<InvitationList>(send(uniAdmin, 'GET', '/api/v1/consortia/invitations'))).items).toEqual(
      [],
    );
    // The organisation that declined no longer sees a forming consortium.
    expectError(await send(supplierAdmin, 'GET', `/api/v1/consortia/${c.id}`), 404, 'record.not_found');
    expect(await auditActions(c.id)).toEqual([
      'consortium.create',
      'consortium.invite',
      'consortium.invite',
      'consortium.accept',
      'consortium.decline',
    ]);
  });

  it('refuses invitations to unverified or unknown organisations, twice, or by anyone but the lead admins', async () => {
    const c = await create();
    await invite(c, universityId);
    const url = `/api/v1/consortia/${c.id}/members`;
    await refused(
      () => send(leadAdmin, 'POST', url, { organizationId: pendingId, role: 'core' }),
      404,
      'consortium.invitee_not_found',
      'body.organizationId',
    );
    await refused(
      () => send(leadAdmin, 'POST', url, { organizationId: 'nobody', role: 'core' }),
      404,
      'consortium.invitee_not_found',
      'body.organizationId',
    );
    await refused(
      () => send(leadAdmin, 'POST', url, { organizationId: universityId, role: 'member' }),
      409,
      'consortium.already_member',
      'body.organizationId',
    );
    await refused(
      () => send(leadAdmin, 'POST', url, { organizationId: leadId, role: 'member' }),
      409,
      'consortium.already_member',
      'body.organizationId',
    );
    await refused(
      () => send(leadAdmin, 'POST', url, { organizationId: instituteId, role: 'lead' }),
      400,
      'request.validation_failed',
    );
    await refused(
      () => send(leadColleague, 'POST', url, { organizationId: instituteId, role: 'core' }),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(uniAdmin, 'POST', url, { organizationId: instituteId, role: 'core' }),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(outsider, 'POST', url, { organizationId: instituteId, role: 'core' }),
      404,
      'record.not_found',
    );
  });

  it('lets only the invited admins respond, once, on the version they saw; the lead may withdraw and invite again', async () => {
    const c = await create();
    await invite(c, universityId);
    const base = `/api/v1/consortia/${c.id}/members/${universityId}`;
    await refused(() => send(leadAdmin, 'POST', `${base}/accept`, { version: 1 }), 403, 'auth.forbidden');
    await refused(
      () => send(uniAdmin, 'POST', `${base}/accept`, { version: 7 }),
      409,
      'record.version_conflict',
    );
    await refused(() => send(uniAdmin, 'POST', `${base}/withdraw`, { version: 1 }), 403, 'auth.forbidden');
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/members/${instituteId}/accept`, { version: 1 }),
      404,
      'record.not_found',
    );
    const withdrawn = await seenAfter(step(leadAdmin, c, universityId, 'withdraw'));
    expect(memberOf(withdrawn, universityId).status).toBe('withdrawn');
    await refused(() => send(uniAdmin, 'POST', `${base}/accept`, { version: 2 }), 404, 'record.not_found');
    await refused(
      () => send(leadAdmin, 'POST', `${base}/withdraw`, { version: 2 }),
      409,
      'consortium.invitation_not_pending',
    );
    const again = await invite(c, universityId, 'member');
    expect(memberOf(again, universityId)).toMatchObject({ status: 'invited', role: 'member', version: 3 });
    await ok(step(uniAdmin, c, universityId, 'accept'));
    await refused(
      () => send(uniAdmin, 'POST', `${base}/accept`, { version: 4 }),
      409,
      'consortium.invitation_not_pending',
    );
  });

  it('changes roles, removes members and lets members leave, but the lead stays the lead', async () => {
    const c = await readyConsortium();
    const base = `/api/v1/consortia/${c.id}/members`;
    const changed = await seenAfter(
      send(leadAdmin, 'PATCH', `${base}/${universityId}`, {
        version: memberOf(c, universityId).version,
        role: 'supporting',
        chainPosition: 'midstream',
      }),
    );
    expect(memberOf(changed, universityId)).toMatchObject({ role: 'supporting', chainPosition: 'midstream' });
    const lead = memberOf(c, leadId);
    await refused(
      () => send(leadAdmin, 'PATCH', `${base}/${leadId}`, { version: lead.version, role: 'core' }),
      409,
      'consortium.lead_fixed',
    );
    await refused(
      () => send(leadAdmin, 'PATCH', `${base}/${universityId}`, { version: 2, role: 'lead' }),
      400,
      'request.validation_failed',
    );
    await refused(
      () => send(leadAdmin, 'POST', `${base}/${leadId}/leave`, { version: lead.version }),
      409,
      'consortium.lead_fixed',
    );
    await refused(
      () => send(leadAdmin, 'POST', `${base}/${leadId}/remove`, { version: lead.version }),
      409,
      'consortium.lead_fixed',
    );
    await refused(
      () => send(instAdmin, 'POST', `${base}/${universityId}/leave`, { version: 2 }),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(uniAdmin, 'POST', `${base}/${instituteId}/remove`, { version: 2 }),
      403,
      'auth.forbidden',
    );
    const left = await ok<MemberStep>(step(uniAdmin, c, universityId, 'leave', { note: '项目调整' }));
    expect(left).toMatchObject({ member: { status: 'left' }, consortium: null });
    const removed = await seenAfter(step(leadAdmin, c, instituteId, 'remove'));
    expect(memberOf(removed, universityId)).toMatchObject({ status: 'left', endNote: '项目调整' });
    expect(memberOf(removed, instituteId).status).toBe('removed');
    expect(removed.activeMembers).toBe(1);
    await refused(
      () => send(uniAdmin, 'POST', `${base}/${universityId}/leave`, { version: 3 }),
      404,
      'record.not_found',
    );
    expect((await auditActions(c.id)).slice(-3)).toEqual([
      'consortium.change_member',
      'consortium.leave',
      'consortium.remove',
    ]);
  });
});

describe('designation', () => {
  it('goes from application through return with comments and resubmission to designation', async () => {
    const c = await readyConsortium();
    await invite(c, supplierId, 'supporting');
    const submitted = await ok<Consortium>(
      send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/designation/submit`, {
        version: (await ok<Consortium>(send(leadAdmin, 'GET', `/api/v1/consortia/${c.id}`))).version,
        statement: '申请认定为市级创新联合体',
      }),
    );
    expect(submitted).toMatchObject({
      designationStatus: 'submitted',
      permissions: { update: false, invite: false },
    });
    expect(submitted.designations).toEqual([
      expect.objectContaining({ round: 1, status: 'submitted', statement: '申请认定为市级创新联合体' }),
    ]);
    // Under review nothing changes, except that an invited organisation may still decline.
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/members`, {
          organizationId: mediumId,
          role: 'member',
        }),
      409,
      'consortium.under_review',
    );
    await refused(
      () =>
        send(leadAdmin, 'PATCH', `/api/v1/consortia/${c.id}`, { version: submitted.version, nameEn: 'x' }),
      409,
      'consortium.under_review',
    );
    await refused(
      () => send(uniAdmin, 'POST', `/api/v1/consortia/${c.id}/members/${universityId}/leave`, { version: 2 }),
      409,
      'consortium.under_review',
    );
    await refused(
      () =>
        send(supplierAdmin, 'POST', `/api/v1/consortia/${c.id}/members/${supplierId}/accept`, { version: 1 }),
      409,
      'consortium.under_review',
    );
    await ok(step(supplierAdmin, c, supplierId, 'decline'));
    let current = await ok<Consortium>(send(office, 'GET', `/api/v1/consortia/${c.id}`));
    expect(current.permissions.decideDesignation).toBe(true);

    await refused(
      () =>
        send(office, 'POST', `/api/v1/consortia/${c.id}/designation/return`, { version: current.version }),
      400,
      'request.validation_failed',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/designation/approve`, {
          version: current.version,
        }),
      403,
      'auth.forbidden',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/designation/submit`, { version: current.version }),
      409,
      'consortium.designation_invalid_transition',
    );
    const returned = await ok<Consortium>(
      send(office, 'POST', `/api/v1/consortia/${c.id}/designation/return`, {
        version: current.version,
        comments: '请补充知识产权安排',
      }),
    );
    expect(returned).toMatchObject({ designationStatus: 'returned', status: 'forming' });
    expect(returned.designations[0]).toMatchObject({ status: 'returned', comments: '请补充知识产权安排' });
    await refused(
      () =>
        send(office, 'POST', `/api/v1/consortia/${c.id}/designation/approve`, { version: returned.version }),
      409,
      'consortium.designation_invalid_transition',
    );

    current = await ok<Consortium>(
      send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/designation/submit`, { version: returned.version }),
    );
    const approved = await ok<Consortium>(
      send(office, 'POST', `/api/v1/consortia/${c.id}/designation/approve`, {
        version: current.version,
        comments: '同意认定',
      }),
    );
    expect(approved).toMatchObject({ designationStatus: 'approved', status: 'active' });
    expect(approved.designatedAt).not.toBeNull();
    expect(approved.designations.map((d) => [d.round, d.status])).toEqual([
      [1, 'returned'],
      [2, 'approved'],
    ]);

    // A designated consortium is public, with its active members only and no application history.
    const seen = await ok<Consortium>(send(anonymous(t), 'GET', `/api/v1/consortia/${c.id}`));
    expect(seen.members.map((m) => m.organization.id).sort()).toEqual(
      [leadId, universityId, instituteId].sort(),
    );
    expect(seen.designations).toEqual([]);
    const designated = await ok<ConsortiumList>(send(anonymous(t), 'GET', '/api/v1/consortia'));
    expect(designated.items.map((i) => i.id)).toEqual([c.id]);
    expect(await auditActions(c.id)).toEqual(
      expect.arrayContaining(['consortium.submit', 'consortium.return', 'consortium.approve']),
    );
  });

  it('needs enough active members and one from the knowledge side', async () => {
    const c = await create();
    await invite(c, universityId);
    await refused(
      () => send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/designation/submit`, { version: 2 }),
      409,
      'consortium.too_few_members',
    );
    const d = await create();
    await invite(d, supplierId);
    await invite(d, mediumId);
    await ok(step(supplierAdmin, d, supplierId, 'accept'));
    const ready = await seenAfter(step(mediumAdmin, d, mediumId, 'accept'));
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/consortia/${d.id}/designation/submit`, { version: ready.version }),
      409,
      'consortium.knowledge_member_required',
    );
    await refused(
      () =>
        send(uniAdmin, 'POST', `/api/v1/consortia/${d.id}/designation/submit`, { version: ready.version }),
      404,
      'record.not_found',
    );
  });
});

describe('reading', () => {
  it('shows a forming consortium to its organisations and the cluster office only', async () => {
    const c = await create();
    await invite(c, universityId);
    for (const client of [leadAdmin, leadColleague, uniAdmin, office, auditor])
      await ok(send(client, 'GET', `/api/v1/consortia/${c.id}`));
    for (const client of [outsider, instAdmin, anonymous(t)])
      expectError(await send(client, 'GET', `/api/v1/consortia/${c.id}`), 404, 'record.not_found');
    const mine = await ok<ConsortiumList>(send(uniAdmin, 'GET', '/api/v1/consortia?scope=mine'));
    expect(mine.items.map((i) => i.id)).toContain(c.id);
    const outsiders = await ok<ConsortiumList>(send(outsider, 'GET', '/api/v1/consortia'));
    expect(outsiders.items).toEqual([]);
    const all = await ok<ConsortiumList>(send(auditor, 'GET', '/api/v1/consortia?scope=all&status=forming'));
    expect(all.items.map((i) => i.id)).toContain(c.id);
    expectError(await send(outsider, 'GET', '/api/v1/consortia?scope=all'), 403, 'auth.forbidden');
    expectError(await send(anonymous(t), 'GET', '/api/v1/consortia?scope=mine'), 401, 'auth.unauthenticated');
  });
});

describe('the lead policy', () => {
  it('is set by the cluster office, versioned, and decides who may lead', async () => {
    const policy = await ok<LeadPolicyView>(send(outsider, 'GET', '/api/v1/consortia/policy'));
    expect(policy).toMatchObject({
      leadKinds: ['enterprise'],
      leadSizeClasses: ['leading', 'large'],
      minActiveMembers: 3,
      requireKnowledgeMember: true,
      version: 1,
    });
    const body = {
      version: 1,
      leadKinds: ['enterprise', 'research_institute'],
      leadSizeClasses: ['leading', 'large', 'medium'],
      minActiveMembers: 3,
      requireKnowledgeMember: true,
    };
    await refused(() => send(leadAdmin, 'PUT', '/api/v1/consortia/policy', body), 403, 'auth.forbidden');
    await refused(
      () => send(office, 'PUT', '/api/v1/consortia/policy', { ...body, leadSizeClasses: [] }),
      400,
      'consortium.policy_size_classes_required',
      'body.leadSizeClasses',
    );
    await refused(
      () => send(office, 'PUT', '/api/v1/consortia/policy', { ...body, version: 9 }),
      409,
      'record.version_conflict',
    );
    const updated = await ok<LeadPolicyView>(send(office, 'PUT', '/api/v1/consortia/policy', body));
    expect(updated).toMatchObject({ leadSizeClasses: ['leading', 'large', 'medium'], version: 2 });
    expect(await auditActions('1')).toEqual(['consortium.policy_update']);
    const led = await ok<Consortium>(
      send(mediumAdmin, 'POST', '/api/v1/consortia', {
        leadOrganizationId: mediumId,
        nameZh: '中型企业牵头的联合体',
        nameEn: 'Led by a medium enterprise',
        cluster: 'integrated-circuits',
      }),
      201,
    );
    expect(led.lead.id).toBe(mediumId);
    await ok(
      send(instAdmin, 'POST', '/api/v1/consortia', {
        leadOrganizationId: instituteId,
        nameZh: '研究院牵头的联合体',
        nameEn: 'Led by an institute',
        cluster: 'integrated-circuits',
      }),
      201,
    );
    // Back to the default for the other tests.
    await ok(
      send(office, 'PUT', '/api/v1/consortia/policy', {
        version: 2,
        leadKinds: ['enterprise'],
        leadSizeClasses: ['leading', 'large'],
        minActiveMembers: 3,
        requireKnowledgeMember: true,
      }),
    );
  });
});
