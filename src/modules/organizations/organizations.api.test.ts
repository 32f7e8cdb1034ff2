import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { creditCodeCheckCharacter } from './rules.js';
import { insertClusterInTransaction } from './service.js';
import type { Organization, OrganizationList } from './schemas.js';

let t: TestApp;
let office: Client;
let creator: Client;

/** One app for the file; every test starts without organisations (memberships and clusters go with them). */
beforeAll(async () => {
  t = await openTestApp();
  await t.ctx.db.transaction().execute(async (tx) => {
    await insertClusterInTransaction(
      tx,
      { slug: 'biomedicine', nameZh: '生物医药', nameEn: 'Biomedicine', sortOrder: 1 },
      null,
    );
    await insertClusterInTransaction(
      tx,
      { slug: 'ai', nameZh: '人工智能', nameEn: 'Artificial intelligence', sortOrder: 2 },
      null,
    );
  });
  office = await signedInUser(t, { platformRoles: ['cluster_office'] });
  creator = await signedInUser(t);
});
beforeEach(async () => {
  await t.ctx.db.deleteFrom('organization').execute();
});
afterAll(async () => {
  await t.close();
});

let serial = 0;
/** A valid credit code, different on every call. */
function creditCode(): string {
  serial += 1;
  const first17 = `91320594MA1${String(serial).padStart(5, '0')}D`;
  return first17 + (creditCodeCheckCharacter(first17) ?? '');
}

/** A minimal valid enterprise; override any field. */
function organizationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    kind: 'enterprise',
    sizeClass: 'small',
    nameZh: `苏州测试科技有限公司${serial}`,
    nameEn: `Suzhou Test Technology ${serial}`,
    district: 'sip',
    clusters: [{ cluster: 'biomedicine', chainPosition: 'midstream' }],
    ...overrides,
  };
}

async function create(client: Client, overrides: Record<string, unknown> = {}): Promise<Organization> {
  const response = await client.request({
    method: 'POST',
    url: '/api/v1/organizations',
    payload: organizationBody(overrides),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Organization>();
}

async function verify(id: string): Promise<Organization> {
  const current = await office.request({ method: 'GET', url: `/api/v1/organizations/${id}` });
  const response = await office.request({
    method: 'POST',
    url: `/api/v1/organizations/${id}/verify`,
    payload: { version: current.json<Organization>().version },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Organization>();
}

/** Creates an organisation as a fresh user (so the per-creator limit never bites) and verifies it. */
async function verifiedOrganization(overrides: Record<string, unknown> = {}): Promise<Organization> {
  const owner = await signedInUser(t);
  return verify((await create(owner, overrides)).id);
}

function expectError(response: LightMyRequestResponse, status: number, code: string, field?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json<{ code: string; details: { issues?: { field: string }[] } }>();
  expect(body.code).toBe(code);
  if (field !== undefined) expect(body.details.issues?.map((i) => i.field)).toEqual([field]);
}

async function auditActions(entityId: string): Promise<{ action: string; actor: string | null }[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_event')
    .select(['action', 'actor_user_id'])
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, actor: r.actor_user_id }));
}

async function organizationCount(): Promise<number> {
  return (await t.ctx.db.selectFrom('organization').select('id').execute()).length;
}

async function directory(client: Pick<Client, 'request'>, query = ''): Promise<OrganizationList> {
  const response = await client.request({ method: 'GET', url: `/api/v1/organizations${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<OrganizationList>();
}

function names(list: OrganizationList): string[] {
  return list.items.map((o) => o.nameEn).sort();
}

describe('creating an organisation', () => {
  it('makes the creator its admin, starts it unverified and audits it', async () => {
    const code = creditCode();
    const org = await create(creator, { creditCode: code.toLowerCase(), nameEn: 'Lanyue Biopharma' });

    expect(org).toMatchObject({
      kind: 'enterprise',
      sizeClass: 'small',
      nameEn: 'Lanyue Biopharma',
      creditCode: code,
      verificationStatus: 'unverified',
      verifiedAt: null,
      isDemo: false,
      version: 1,
      clusters: [
        { slug: 'biomedicine', nameZh: '生物医药', nameEn: 'Biomedicine', chainPosition: 'midstream' },
      ],
      permissions: { update: true, verify: false, viewMembers: true, manageMembers: true },
    });
    const members = await creator.request({ method: 'GET', url: `/api/v1/organizations/${org.id}/members` });
    expect(members.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ userId: creator.userId, role: 'admin' }),
    ]);
    const session = await creator.request({ method: 'GET', url: '/api/v1/auth/session' });
    expect(session.json<{ memberships: unknown[] }>().memberships).toEqual([
      expect.objectContaining({ organizationId: org.id, role: 'admin', verificationStatus: 'unverified' }),
    ]);
    expect(await auditActions(org.id)).toEqual([{ action: 'organization.create', actor: creator.userId }]);
  });

  it('refuses a bad credit code, naming the field, and writes nothing', async () => {
    const code = creditCode();
    const wrongCheck = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    const response = await creator.request({
      method: 'POST',
      url: '/api/v1/organizations',
      payload: organizationBody({ creditCode: wrongCheck }),
    });

    expectError(response, 400, 'organization.credit_code_invalid', 'body.creditCode');
    expect(await organizationCount()).toBe(0);
  });

  it('refuses an unknown cluster, naming the entry', async () => {
    const response = await creator.request({
      method: 'POST',
      url: '/api/v1/organizations',
      payload: organizationBody({
        clusters: [
          { cluster: 'ai', chainPosition: 'upstream' },
          { cluster: 'quantum', chainPosition: 'upstream' },
        ],
      }),
    });

    expectError(response, 400, 'organization.unknown_cluster', 'body.clusters.1.cluster');
    expect(await organizationCount()).toBe(0);
  });

  it('refuses a cluster listed twice', async () => {
    const response = await creator.request({
      method: 'POST',
      url: '/api/v1/organizations',
      payload: organizationBody({
        clusters: [
          { cluster: 'ai', chainPosition: 'upstream' },
          { cluster: 'ai', chainPosition: 'downstream' },
        ],
      }),
    });
    expectError(response, 400, 'organization.duplicate_cluster', 'body.clusters.1.cluster');
  });

  it('requires a size class of an enterprise and refuses one for a university', async () => {
    expectError(
      await creator.request({
        method: 'POST',
        url: '/api/v1/organizations',
        payload: organizationBody({ sizeClass: undefined }),
      }),
      400,
      'organization.size_class_required',
      'body.sizeClass',
    );
    expectError(
      await creator.request({
        method: 'POST',
        url: '/api/v1/organizations',
        payload: organizationBody({ kind: 'university', moeCode: '4132010285' }),
      }),
      400,
      'organization.size_class_not_allowed',
      'body.sizeClass',
    );
    expect(await organizationCount()).toBe(0);
  });

  it('names fields the schema refuses', async () => {
    const response = await creator.request({
      method: 'POST',
      url: '/api/v1/organizations',
      payload: organizationBody({ kind: 'spaceship', website: 'ftp://example.com', unknownField: true }),
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: string; details: { issues: { field: string }[] } }>();
    expect(body.code).toBe('request.validation_failed');
    expect(body.details.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['body.kind', 'body.website', 'body.unknownField']),
    );
  });

  it('refuses a credit code another organisation holds', async () => {
    const code = creditCode();
    await create(creator, { creditCode: code });

    const response = await office.request({
      method: 'POST',
      url: '/api/v1/organizations',
      payload: organizationBody({ creditCode: code }),
    });

    expectError(response, 409, 'organization.credit_code_taken', 'body.creditCode');
    expect(await organizationCount()).toBe(1);
  });

  it('allows three organisations awaiting verification per creator, then refuses more', async () => {
    const first = await create(creator);
    await create(creator);
    await create(creator);

    const refused = await creator.request({
      method: 'POST',
      url: '/api/v1/organizations',
      payload: organizationBody(),
    });

    expectError(refused, 403, 'organization.unverified_restricted');
    expect(await organizationCount()).toBe(3);
    await verify(first.id);
    await create(creator);
  });

  it('does not limit the cluster office', async () => {
    for (let i = 0; i < 4; i += 1) await create(office);
    expect(await organizationCount()).toBe(4);
  });

  it('requires a signed-in user', async () => {
    expectError(
      await anonymous(t).request({
        method: 'POST',
        url: '/api/v1/organizations',
        payload: organizationBody(),
      }),
      401,
      'auth.unauthenticated',
    );
  });
});

describe('the directory', () => {
  it('shows anonymous and ordinary users only verified organisations, even if they ask for all', async () => {
    await verifiedOrganization({ nameEn: 'Verified One' });
    await create(creator, { nameEn: 'Waiting One' });

    expect(names(await directory(anonymous(t)))).toEqual(['Verified One']);
    expect(names(await directory(anonymous(t), '?verification=all'))).toEqual(['Verified One']);
    expect(names(await directory(creator, '?verification=all'))).toEqual(['Verified One']);
    expect(names(await directory(creator, '?verification=unverified'))).toEqual(['Verified One']);
    expect((await directory(creator, '?verification=all')).total).toBe(1);
  });

  it('lets the cluster office list unverified organisations', async () => {
    await verifiedOrganization({ nameEn: 'Verified One' });
    await create(creator, { nameEn: 'Waiting One' });

    expect(names(await directory(office))).toEqual(['Verified One']);
    expect(names(await directory(office, '?verification=all'))).toEqual(['Verified One', 'Waiting One']);
    expect(names(await directory(office, '?verification=unverified'))).toEqual(['Waiting One']);
  });

  it('filters by kind, cluster, chain position and district', async () => {
    await verifiedOrganization({
      nameEn: 'Bio Upstream',
      district: 'wuzhong',
      clusters: [{ cluster: 'biomedicine', chainPosition: 'upstream' }],
    });
    await verifiedOrganization({
      nameEn: 'AI Midstream',
      district: 'sip',
      clusters: [
        { cluster: 'ai', chainPosition: 'midstream' },
        { cluster: 'biomedicine', chainPosition: 'downstream' },
      ],
    });
    await verifiedOrganization({
      kind: 'university',
      sizeClass: null,
      moeCode: '4132010285',
      nameEn: 'A University',
      district: 'gusu',
      clusters: [{ cluster: 'ai', chainPosition: 'upstream' }],
    });

    expect(names(await directory(anonymous(t), '?kind=university'))).toEqual(['A University']);
    expect(names(await directory(anonymous(t), '?kind=enterprise'))).toEqual([
      'AI Midstream',
      'Bio Upstream',
    ]);
    expect(names(await directory(anonymous(t), '?cluster=ai'))).toEqual(['A University', 'AI Midstream']);
    expect(names(await directory(anonymous(t), '?chainPosition=upstream'))).toEqual([
      'A University',
      'Bio Upstream',
    ]);
    // Position and cluster must hold for the same entry.
    expect(names(await directory(anonymous(t), '?cluster=ai&chainPosition=downstream'))).toEqual([]);
    expect(names(await directory(anonymous(t), '?cluster=biomedicine&chainPosition=downstream'))).toEqual([
      'AI Midstream',
    ]);
    expect(names(await directory(anonymous(t), '?district=wuzhong'))).toEqual(['Bio Upstream']);
    expect(names(await directory(anonymous(t), '?kind=enterprise&district=gusu'))).toEqual([]);
  });

  it('searches Chinese and English names, ignoring case and taking % and _ literally', async () => {
    await verifiedOrganization({ nameZh: '苏州澜岳生物医药', nameEn: 'Lanyue BIOPHARMA' });
    await verifiedOrganization({ nameZh: '百分百材料', nameEn: 'Hundred 100% Materials' });
    await verifiedOrganization({ nameZh: '下划线科技', nameEn: 'Under_Score Tech' });
    await verifiedOrganization({ nameZh: '普通公司', nameEn: 'Plain Company' });

    const search = async (q: string) => names(await directory(anonymous(t), `?q=${encodeURIComponent(q)}`));
    expect(await search('澜岳')).toEqual(['Lanyue BIOPHARMA']);
    expect(await search('biopharma')).toEqual(['Lanyue BIOPHARMA']);
    expect(await search('LANYUE')).toEqual(['Lanyue BIOPHARMA']);
    expect(await search('%')).toEqual(['Hundred 100% Materials']);
    expect(await search('_')).toEqual(['Under_Score Tech']);
    expect(await search('r_s')).toEqual(['Under_Score Tech']);
    expect(await search('0%')).toEqual(['Hundred 100% Materials']);
    expect(await search('\\')).toEqual([]);
    expect(await search('nothing like this')).toEqual([]);
  });

  it('pages through results and reports the total', async () => {
    for (let i = 0; i < 5; i += 1) await verifiedOrganization();

    const first = await directory(anonymous(t), '?limit=2');
    const second = await directory(anonymous(t), '?limit=2&offset=2');
    const last = await directory(anonymous(t), '?limit=2&offset=4');

    expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
    expect([first.items.length, second.items.length, last.items.length]).toEqual([2, 2, 1]);
    expect(first).toMatchObject({ limit: 2, offset: 0 });
    const ids = [...first.items, ...second.items, ...last.items].map((o) => o.id);
    expect(new Set(ids).size).toBe(5);
    expectError(
      await anonymous(t).request({ method: 'GET', url: '/api/v1/organizations?limit=101' }),
      400,
      'request.validation_failed',
      'query.limit',
    );
  });
});

describe('reading an organisation', () => {
  it('hides an unverified organisation from outsiders and shows it to its members and the cluster office', async () => {
    const org = await create(creator);
    const outsider = await signedInUser(t);

    expectError(
      await anonymous(t).request({ method: 'GET', url: `/api/v1/organizations/${org.id}` }),
      404,
      'record.not_found',
    );
    expectError(
      await outsider.request({ method: 'GET', url: `/api/v1/organizations/${org.id}` }),
      404,
      'record.not_found',
    );
    expectError(
      await outsider.request({ method: 'GET', url: `/api/v1/organizations/${org.id}/members` }),
      404,
      'record.not_found',
    );
    expect(
      (await creator.request({ method: 'GET', url: `/api/v1/organizations/${org.id}` })).statusCode,
    ).toBe(200);
    expect((await office.request({ method: 'GET', url: `/api/v1/organizations/${org.id}` })).statusCode).toBe(
      200,
    );
    expectError(
      await anonymous(t).request({ method: 'GET', url: '/api/v1/organizations/no-such-id' }),
      404,
      'record.not_found',
    );
  });

  it("returns the caller's permissions with the organisation", async () => {
    const org = await create(creator);
    const member = await signedInUser(t);
    await creator.request({
      method: 'POST',
      url: `/api/v1/organizations/${org.id}/members`,
      payload: { email: member.email, role: 'member' },
    });
    const outsider = await signedInUser(t);

    const permissionsOf = async (client: Pick<Client, 'request'>) =>
      (await client.request({ method: 'GET', url: `/api/v1/organizations/${org.id}` })).json<Organization>()
        .permissions;

    expect(await permissionsOf(creator)).toEqual({
      update: true,
      verify: false,
      viewMembers: true,
      manageMembers: true,
    });
    expect(await permissionsOf(member)).toEqual({
      update: false,
      verify: false,
      viewMembers: true,
      manageMembers: false,
    });
    expect(await permissionsOf(office)).toEqual({
      update: true,
      verify: true,
      viewMembers: true,
      manageMembers: true,
    });
    await verify(org.id);
    expect(await permissionsOf(office)).toEqual({
      update: true,
      verify: false,
      viewMembers: true,
      manageMembers: true,
    });
    expect(await permissionsOf(outsider)).toEqual({
      update: false,
      verify: false,
      viewMembers: false,
      manageMembers: false,
    });
    expect(await permissionsOf(anonymous(t))).toEqual({
      update: false,
      verify: false,
      viewMembers: false,
      manageMembers: false,
    });
  });
});

describe('editing an organisation', () => {
  it('saves changes, bumps the version and audits the changed fields', async () => {
    const org = await create(creator);

    const response = await creator.request({
      method: 'PATCH',
      url: `/api/v1/organizations/${org.id}`,
      payload: {
        version: 1,
        nameEn: 'Renamed Ltd',
        clusters: [{ cluster: 'ai', chainPosition: 'downstream' }],
      },
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Organization>()).toMatchObject({
      nameEn: 'Renamed Ltd',
      nameZh: org.nameZh,
      version: 2,
      clusters: [{ slug: 'ai', chainPosition: 'downstream' }],
    });
    expect(await auditActions(org.id)).toEqual([
      { action: 'organization.create', actor: creator.userId },
      { action: 'organization.update', actor: creator.userId },
    ]);
    const events = await office.request({
      method: 'GET',
      url: `/api/v1/audit/events?entityId=${org.id}&action=organization.update`,
    });
    expect(events.json<{ items: { details: unknown }[] }>().items[0]?.details).toEqual({
      fields: ['nameEn', 'clusters'],
    });
  });

  it('refuses a stale version and writes nothing', async () => {
    const org = await create(creator);
    await creator.request({
      method: 'PATCH',
      url: `/api/v1/organizations/${org.id}`,
      payload: { version: 1, nameEn: 'First edit' },
    });

    const stale = await creator.request({
      method: 'PATCH',
      url: `/api/v1/organizations/${org.id}`,
      payload: { version: 1, nameEn: 'Second edit' },
    });

    expectError(stale, 409, 'record.version_conflict');
    const row = await t.ctx.db
      .selectFrom('organization')
      .select(['name_en', 'version'])
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name_en: 'First edit', version: 2 });
    expect((await auditActions(org.id)).map((e) => e.action)).toEqual([
      'organization.create',
      'organization.update',
    ]);
  });

  it('refuses an edit by a plain member and by an outsider', async () => {
    const org = await verifiedOrganization();
    const admin = await signedInUser(t);
    await office.request({
      method: 'POST',
      url: `/api/v1/organizations/${org.id}/members`,
      payload: { email: admin.email, role: 'member' },
    });
    const outsider = await signedInUser(t);

    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/organizations/${org.id}`,
        payload: { version: org.version, nameEn: 'Hijacked' },
      }),
      403,
      'auth.forbidden',
    );
    expectError(
      await outsider.request({
        method: 'PATCH',
        url: `/api/v1/organizations/${org.id}`,
        payload: { version: org.version, nameEn: 'Hijacked' },
      }),
      403,
      'auth.forbidden',
    );
    const row = await t.ctx.db
      .selectFrom('organization')
      .select(['name_en', 'version'])
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name_en: org.nameEn, version: org.version });
  });

  it('checks the profile rules on edit', async () => {
    const org = await create(creator);
    expectError(
      await creator.request({
        method: 'PATCH',
        url: `/api/v1/organizations/${org.id}`,
        payload: { version: 1, sizeClass: null },
      }),
      400,
      'organization.size_class_required',
      'body.sizeClass',
    );
    expectError(
      await creator.request({
        method: 'PATCH',
        url: `/api/v1/organizations/${org.id}`,
        payload: { version: 1, moeCode: '4132010285' },
      }),
      400,
      'organization.moe_code_not_allowed',
      'body.moeCode',
    );
  });
});

describe('verification', () => {
  it('lets the cluster office verify an organisation, once, and audits it', async () => {
    const org = await create(creator);

    const verified = await verify(org.id);

    expect(verified).toMatchObject({ verificationStatus: 'verified', version: 2 });
    expect(verified.verifiedAt).not.toBeNull();
    expect(names(await directory(anonymous(t)))).toEqual([org.nameEn]);
    expectError(
      await office.request({
        method: 'POST',
        url: `/api/v1/organizations/${org.id}/verify`,
        payload: { version: 2 },
      }),
      409,
      'organization.already_verified',
    );
    expect(await auditActions(org.id)).toEqual([
      { action: 'organization.create', actor: creator.userId },
      { action: 'organization.verify', actor: office.userId },
    ]);
  });

  it('refuses verification by anyone but the cluster office, and a stale version', async () => {
    const org = await create(creator);
    expectError(
      await creator.request({
        method: 'POST',
        url: `/api/v1/organizations/${org.id}/verify`,
        payload: { version: 1 },
      }),
      403,
      'auth.forbidden',
    );
    await creator.request({
      method: 'PATCH',
      url: `/api/v1/organizations/${org.id}`,
      payload: { version: 1, nameEn: 'Edited' },
    });
    expectError(
      await office.request({
        method: 'POST',
        url: `/api/v1/organizations/${org.id}/verify`,
        payload: { version: 1 },
      }),
      409,
      'record.version_conflict',
    );
    const row = await t.ctx.db
      .selectFrom('organization')
      .select('verification_status')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(row.verification_status).toBe('unverified');
  });
});

describe('members', () => {
  it('adds a registered user by e-mail, changes their role and removes them, auditing each', async () => {
    const org = await create(creator);
    const colleague = await signedInUser(t);

    const added = await creator.request({
      method: 'POST',
      url: `/api/v1/organizations/${org.id}/members`,
      payload: { email: colleague.email.toUpperCase(), role: 'member' },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ userId: colleague.userId, email: colleague.email, role: 'member' });

    const promoted = await creator.request({
      method: 'PATCH',
      url: `/api/v1/organizations/${org.id}/members/${colleague.userId}`,
      payload: { role: 'admin' },
    });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({ userId: colleague.userId, role: 'admin' });

    const removed = await colleague.request({
      method: 'DELETE',
      url: `/api/v1/organizations/${org.id}/members/${creator.userId}`,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    const members = await colleague.request({
      method: 'GET',
      url: `/api/v1/organizations/${org.id}/members`,
    });
    expect(members.json<{ items: { userId: string }[] }>().items.map((m) => m.userId)).toEqual([
      colleague.userId,
    ]);
    expectError(
      await creator.request({ method: 'GET', url: `/api/v1/organizations/${org.id}` }),
      404,
      'record.not_found',
    );

    expect(await auditActions(org.id)).toEqual([
      { action: 'organization.create', actor: creator.userId },
      { action: 'membership.add', actor: creator.userId },
      { action: 'membership.change_role', actor: creator.userId },
      { action: 'membership.remove', actor: colleague.userId },
    ]);
  });

  it('refuses an unknown e-mail and an existing member', async () => {
    const org = await create(creator);
    const before = await auditActions(org.id);

    expectError(
      await creator.request({
        method: 'POST',
        url: `/api/v1/organizations/${org.id}/members`,
        payload: { email: 'nobody@example.com', role: 'member' },
      }),
      404,
      'membership.user_not_found',
      'body.email',
    );
    expectError(
      await creator.request({
        method: 'POST',
        url: `/api/v1/organizations/${org.id}/members`,
        payload: { email: creator.email, role: 'admin' },
      }),
      409,
      'membership.already_member',
      'body.email',
    );
    expect(await auditActions(org.id)).toEqual(before);
  });

  it('never leaves an organisation without an admin', async () => {
    const org = await create(creator);
    const member = await signedInUser(t);
    await creator.request({
      method: 'POST',
      url: `/api/v1/organizations/${org.id}/members`,
      payload: { email: member.email, role: 'member' },
    });
    const before = await auditActions(org.id);

    expectError(
      await creator.request({
        method: 'PATCH',
        url: `/api/v1/organizations/${org.id}/members/${creator.userId}`,
        payload: { role: 'member' },
      }),
      409,
      'membership.last_admin',
    );
    expectError(
      await creator.request({
        method: 'DELETE',
        url: `/api/v1/organizations/${org.id}/members/${creator.userId}`,
      }),
      409,
      'membership.last_admin',
    );
    expectError(
      await office.request({
        method: 'DELETE',
        url: `/api/v1/organizations/${org.id}/members/${creator.userId}`,
      }),
      409,
      'membership.last_admin',
    );

    const roles = await t.ctx.db
      .selectFrom('membership')
      .select(['user_id', 'role'])
      .where('organization_id', '=', org.id)
      .orderBy('role')
      .execute();
    expect(roles).toEqual([
      { user_id: creator.userId, role: 'admin' },
      { user_id: member.userId, role: 'member' },
    ]);
    expect(await auditActions(org.id)).toEqual(before);
    // A plain member may be removed.
    expect(
      (
        await creator.request({
          method: 'DELETE',
          url: `/api/v1/organizations/${org.id}/members/${member.userId}`,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('lets only admins and the cluster office manage members', async () => {
    const org = await verifiedOrganization();
    const member = await signedInUser(t);
    const outsider = await signedInUser(t);
    await office.request({
      method: 'POST',
      url: `/api/v1/organizations/${org.id}/members`,
      payload: { email: member.email, role: 'member' },
    });

    expectError(
      await member.request({
        method: 'POST',
        url: `/api/v1/organizations/${org.id}/members`,
        payload: { email: outsider.email, role: 'admin' },
      }),
      403,
      'auth.forbidden',
    );
    expectError(
      await member.request({
        method: 'PATCH',
        url: `/api/v1/organizations/${org.id}/members/${member.userId}`,
        payload: { role: 'admin' },
      }),
      403,
      'auth.forbidden',
    );
    expectError(
      await outsider.request({ method: 'GET', url: `/api/v1/organizations/${org.id}/members` }),
      403,
      'auth.forbidden',
    );
    expect(
      (await member.request({ method: 'GET', url: `/api/v1/organizations/${org.id}/members` })).statusCode,
    ).toBe(200);
    expectError(
      await office.request({
        method: 'PATCH',
        url: `/api/v1/organizations/${org.id}/members/${outsider.userId}`,
        payload: { role: 'admin' },
      }),
      404,
      'record.not_found',
    );
  });
});
