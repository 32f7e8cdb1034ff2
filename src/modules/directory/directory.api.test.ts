import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import type { OrganizationKind } from '../organizations/schemas.js';
import { insertClusterInTransaction, insertOrganizationInTransaction } from '../organizations/service.js';
import { suzhouDate } from './rules.js';
import type {
  Achievement,
  Capability,
  Expert,
  ExpertList,
  NdaRequest,
  NdaRequestList,
  Need,
  NeedList,
  OrganizationDirectory,
} from './schemas.js';

let t: TestApp;
let office: Client;

beforeAll(async () => {
  t = await openTestApp();
  await t.ctx.db.transaction().execute(async (tx) => {
    await insertClusterInTransaction(
      tx,
      { slug: 'integrated-circuits', nameZh: '集成电路', nameEn: 'Integrated circuits', sortOrder: 1 },
      null,
    );
    await insertClusterInTransaction(
      tx,
      { slug: 'biomedicine', nameZh: '生物医药', nameEn: 'Biomedicine', sortOrder: 2 },
      null,
    );
  });
  office = await signedInUser(t, { platformRoles: ['cluster_office', 'auditor'] });
});
afterAll(async () => {
  await t.close();
});

let serial = 0;

/** An organisation with the given members, verified unless told otherwise. */
async function organization(
  kind: OrganizationKind,
  members: { client: Client; role?: 'admin' | 'member' }[],
  verified = true,
): Promise<string> {
  serial += 1;
  const n = serial;
  return t.ctx.db.transaction().execute((tx) =>
    insertOrganizationInTransaction(
      tx,
      {
        kind,
        sizeClass: kind === 'enterprise' ? 'small' : null,
        serviceType: kind === 'service' ? 'incubator' : null,
        nameZh: `测试机构${n}`,
        nameEn: `Test Organisation ${n}`,
        district: 'sip',
        verified,
        isDemo: false,
      },
      new Map(),
      members.map((m) => ({ userId: m.client.userId, role: m.role ?? 'admin' })),
      null,
    ),
  );
}

/** A date some days from today in Suzhou (negative: in the past). */
function daysFromToday(days: number): string {
  return suzhouDate(new Date(Date.now() + days * 86_400_000));
}

function needBody(
  ownerOrganizationId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  serial += 1;
  return {
    ownerOrganizationId,
    title: `车规级芯片电源管理需求 ${serial}`,
    description: '需要一款符合 AEC-Q100 的低静态电流 LDO。',
    keywords: ['LDO', '电源管理'],
    publicKeywords: ['电源管理'],
    cluster: 'integrated-circuits',
    cooperationModes: ['joint_rd', 'commissioned_rd'],
    budgetMinFen: 50_000_000,
    budgetMaxFen: 200_000_000,
    deadline: daysFromToday(60),
    visibility: 'public',
    ...overrides,
  };
}

function capabilityBody(
  ownerOrganizationId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  serial += 1;
  return {
    ownerOrganizationId,
    title: `功率器件可靠性测试 ${serial}`,
    description: 'HTOL、温度循环与失效分析。',
    keywords: ['可靠性'],
    cluster: 'integrated-circuits',
    cooperationModes: ['consulting', 'commissioned_rd'],
    visibility: 'public',
    ...overrides,
  };
}

function achievementBody(
  ownerOrganizationId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  serial += 1;
  return {
    ownerOrganizationId,
    title: `一种低温银烧结工艺 ${serial}`,
    description: '200 °C 下完成芯片贴装。',
    keywords: ['银烧结'],
    cluster: 'integrated-circuits',
    kind: 'patent',
    registrationNumber: '201710601862.3',
    trl: 5,
    transferModes: ['licence', 'transfer'],
    visibility: 'public',
    ...overrides,
  };
}

async function post<T>(
  client: Pick<Client, 'request'>,
  url: string,
  payload: unknown,
  status = 201,
): Promise<T> {
  const response = await client.request({ method: 'POST', url, payload: payload as Record<string, unknown> });
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

async function get<T>(client: Pick<Client, 'request'>, url: string): Promise<T> {
  const response = await client.request({ method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
}

function expectError(response: LightMyRequestResponse, status: number, code: string, field?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json<{ code: string; details: { issues?: { field: string }[] } }>();
  expect(body.code).toBe(code);
  if (field !== undefined) expect(body.details.issues?.map((i) => i.field)).toEqual([field]);
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

async function rowCount(
  table: 'need' | 'capability' | 'achievement' | 'expert' | 'nda_request',
): Promise<number> {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function indexed(entityType: string, entityId: string) {
  return t.ctx.db
    .selectFrom('search_document')
    .select(['visibility', 'is_active', 'title', 'public_text', 'restricted_text', 'keywords'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------

describe('posting a need', () => {
  let admin: Client;
  let member: Client;
  let outsider: Client;
  let enterprise: string;

  beforeAll(async () => {
    admin = await signedInUser(t);
    member = await signedInUser(t);
    outsider = await signedInUser(t);
    enterprise = await organization('enterprise', [{ client: admin }, { client: member, role: 'member' }]);
    await organization('university', [{ client: outsider }]);
  });

  it('lets a plain member of a verified enterprise post an open need, audited and indexed', async () => {
    const need = await post<Need>(
      member,
      '/api/v1/needs',
      needBody(enterprise, { keywords: [' LDO ', 'ldo', 'AEC-Q100'] }),
    );

    expect(need).toMatchObject({
      owner: { id: enterprise, kind: 'enterprise' },
      status: 'open',
      visibility: 'public',
      cluster: { slug: 'integrated-circuits', nameZh: '集成电路' },
      keywords: ['LDO', 'AEC-Q100'],
      cooperationModes: ['commissioned_rd', 'joint_rd'],
      budgetMinFen: 50_000_000,
      budgetMaxFen: 200_000_000,
      currency: 'CNY',
      detailsHidden: false,
      version: 1,
      isDemo: false,
      permissions: {
        update: true,
        changeStatus: true,
        close: true,
        nextStatuses: ['in_talks', 'matched', 'closed'],
        requestNda: false,
      },
      ndaStanding: 'none',
    });
    expect(await auditActions(need.id)).toEqual(['need.create']);
    expect(await indexed('need', need.id)).toMatchObject({
      visibility: 'public',
      is_active: 1,
      title: need.title,
    });
  });

  it('refuses an inverted budget and a past deadline, naming the fields, and writes nothing', async () => {
    const before = await rowCount('need');
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/v1/needs',
        payload: needBody(enterprise, { budgetMinFen: 300, budgetMaxFen: 200 }),
      }),
      400,
      'directory.budget_range_inverted',
      'body.budgetMaxFen',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/v1/needs',
        payload: needBody(enterprise, { deadline: daysFromToday(-1) }),
      }),
      400,
      'directory.deadline_in_past',
      'body.deadline',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/v1/needs',
        payload: needBody(enterprise, { cluster: 'quantum' }),
      }),
      400,
      'organization.unknown_cluster',
      'body.cluster',
    );
    const invalid = await admin.request({
      method: 'POST',
      url: '/api/v1/needs',
      payload: needBody(enterprise, { deadline: '2026-02-30', cooperationModes: [], visibility: 'secret' }),
    });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid.json<{ details: { issues: { field: string }[] } }>().details.issues.map((i) => i.field),
    ).toEqual(expect.arrayContaining(['body.deadline', 'body.cooperationModes', 'body.visibility']));
    expect(await rowCount('need')).toBe(before);
  });

  it('accepts a deadline of today and an open-ended budget', async () => {
    const need = await post<Need>(
      admin,
      '/api/v1/needs',
      needBody(enterprise, { deadline: daysFromToday(0), budgetMinFen: null, budgetMaxFen: 100 }),
    );
    expect(need).toMatchObject({ deadline: daysFromToday(0), budgetMinFen: null, budgetMaxFen: 100 });
  });

  it('refuses posting for an organisation the caller does not belong to, an unverified one, or a university', async () => {
    const before = await rowCount('need');
    expectError(
      await outsider.request({ method: 'POST', url: '/api/v1/needs', payload: needBody(enterprise) }),
      403,
      'auth.forbidden',
    );
    expectError(
      await office.request({ method: 'POST', url: '/api/v1/needs', payload: needBody(enterprise) }),
      403,
      'auth.forbidden',
    );
    const founder = await signedInUser(t);
    const unverified = await organization('enterprise', [{ client: founder }], false);
    expectError(
      await founder.request({ method: 'POST', url: '/api/v1/needs', payload: needBody(unverified) }),
      403,
      'directory.organization_unverified',
      'body.ownerOrganizationId',
    );
    const university = await organization('university', [{ client: founder }]);
    expectError(
      await founder.request({ method: 'POST', url: '/api/v1/needs', payload: needBody(university) }),
      400,
      'directory.owner_kind_not_allowed',
      'body.ownerOrganizationId',
    );
    expectError(
      await anonymous(t).request({ method: 'POST', url: '/api/v1/needs', payload: needBody(enterprise) }),
      401,
      'auth.unauthenticated',
    );
    expect(await rowCount('need')).toBe(before);
  });
});

describe('editing and closing a need', () => {
  let admin: Client;
  let outsider: Client;
  let enterprise: string;

  beforeAll(async () => {
    admin = await signedInUser(t);
    outsider = await signedInUser(t);
    enterprise = await organization('enterprise', [{ client: admin }]);
    await organization('enterprise', [{ client: outsider }]);
  });

  it('saves changes, bumps the version, audits the changed fields and re-indexes', async () => {
    const need = await post<Need>(admin, '/api/v1/needs', needBody(enterprise));
    const response = await admin.request({
      method: 'PATCH',
      url: `/api/v1/needs/${need.id}`,
      payload: { version: 1, title: 'Edited need', visibility: 'parties', budgetMaxFen: null },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Need>()).toMatchObject({
      title: 'Edited need',
      visibility: 'parties',
      budgetMaxFen: null,
      budgetMinFen: 50_000_000,
      version: 2,
    });
    expect(await auditActions(need.id)).toEqual(['need.create', 'need.update']);
    const events = await office.request({
      method: 'GET',
      url: `/api/v1/audit/events?entityId=${need.id}&action=need.update`,
    });
    expect(events.json<{ items: { details: unknown }[] }>().items[0]?.details).toEqual({
      fields: ['title', 'budgetMaxFen', 'visibility'],
    });
    expect(await indexed('need', need.id)).toMatchObject({
      visibility: 'parties',
      title: 'Edited need',
      public_text: '',
    });
  });

  it('refuses a stale version, an outsider, and a budget the edit would invert', async () => {
    const need = await post<Need>(admin, '/api/v1/needs', needBody(enterprise));
    await admin.request({
      method: 'PATCH',
      url: `/api/v1/needs/${need.id}`,
      payload: { version: 1, title: 'First' },
    });

    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/needs/${need.id}`,
        payload: { version: 1, title: 'Second' },
      }),
      409,
      'record.version_conflict',
    );
    expectError(
      await outsider.request({
        method: 'PATCH',
        url: `/api/v1/needs/${need.id}`,
        payload: { version: 2, title: 'Hijack' },
      }),
      403,
      'auth.forbidden',
    );
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/needs/${need.id}`,
        payload: { version: 2, budgetMinFen: 999_999_999 },
      }),
      400,
      'directory.budget_range_inverted',
      'body.budgetMaxFen',
    );
    expectError(
      await admin.request({
        method: 'PATCH',
        url: '/api/v1/needs/no-such-need',
        payload: { version: 1, title: 'x' },
      }),
      404,
      'record.not_found',
    );
    const current = await get<Need>(admin, `/api/v1/needs/${need.id}`);
    expect(current).toMatchObject({ title: 'First', version: 2 });
  });

  it('lets an old need whose deadline has passed still be edited, as long as the deadline stays', async () => {
    const need = await post<Need>(admin, '/api/v1/needs', needBody(enterprise));
    await t.ctx.db.updateTable('need').set({ deadline: '2020-01-01' }).where('id', '=', need.id).execute();
    const response = await admin.request({
      method: 'PATCH',
      url: `/api/v1/needs/${need.id}`,
      payload: { version: 1, title: 'Still editable' },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('moves a need through talks to matched and closes it, then freezes it', async () => {
    const need = await post<Need>(admin, '/api/v1/needs', needBody(enterprise));
    const move = (version: number, status: string) =>
      admin.request({ method: 'POST', url: `/api/v1/needs/${need.id}/status`, payload: { version, status } });

    expect((await move(1, 'in_talks')).json<Need>()).toMatchObject({
      status: 'in_talks',
      permissions: { nextStatuses: ['open', 'matched', 'closed'] },
    });
    expect((await move(2, 'matched')).json<Need>()).toMatchObject({ status: 'matched' });
    expectError(await move(3, 'open'), 409, 'directory.status_transition_not_allowed');
    expect(await indexed('need', need.id)).toMatchObject({ is_active: 0 });
    const closed = (await move(3, 'closed')).json<Need>();
    expect(closed).toMatchObject({
      status: 'closed',
      permissions: { update: false, changeStatus: false, close: false, nextStatuses: [] },
    });
    expectError(await move(4, 'open'), 409, 'directory.record_closed');
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/needs/${need.id}`,
        payload: { version: 4, title: 'Reopen?' },
      }),
      409,
      'directory.record_closed',
    );
    expect(await auditActions(need.id)).toEqual(['need.create', 'need.status', 'need.status', 'need.close']);
    expectError(
      await outsider.request({
        method: 'POST',
        url: `/api/v1/needs/${need.id}/status`,
        payload: { version: 4, status: 'closed' },
      }),
      403,
      'auth.forbidden',
    );
  });
});

describe('listing needs', () => {
  let admin: Client;
  let first: string;
  let second: string;

  beforeAll(async () => {
    admin = await signedInUser(t);
    first = await organization('enterprise', [{ client: admin }]);
    second = await organization('enterprise', [{ client: admin }]);
    await post(
      admin,
      '/api/v1/needs',
      needBody(first, { title: 'Alpha chip need', cooperationModes: ['licence'] }),
    );
    await post(admin, '/api/v1/needs', needBody(first, { title: 'Beta drug need', cluster: 'biomedicine' }));
    const third = await post<Need>(admin, '/api/v1/needs', needBody(second, { title: 'Gamma chip need' }));
    await admin.request({
      method: 'POST',
      url: `/api/v1/needs/${third.id}/status`,
      payload: { version: 1, status: 'in_talks' },
    });
  });

  const titles = (list: NeedList) => list.items.map((n) => n.title).sort();

  it('filters by owner, cluster, cooperation mode, status and title words, newest first', async () => {
    const byOwner = await get<NeedList>(anonymous(t), `/api/v1/needs?owner=${first}`);
    expect(byOwner.items.map((n) => n.title)).toEqual(['Beta drug need', 'Alpha chip need']);
    expect(
      titles(await get<NeedList>(anonymous(t), `/api/v1/needs?owner=${first}&cluster=biomedicine`)),
    ).toEqual(['Beta drug need']);
    expect(
      titles(await get<NeedList>(anonymous(t), `/api/v1/needs?owner=${first}&cooperationMode=licence`)),
    ).toEqual(['Alpha chip need']);
    expect(
      titles(await get<NeedList>(anonymous(t), `/api/v1/needs?owner=${second}&status=in_talks`)),
    ).toEqual(['Gamma chip need']);
    expect(titles(await get<NeedList>(anonymous(t), `/api/v1/needs?owner=${second}&status=open`))).toEqual(
      [],
    );
    expect(titles(await get<NeedList>(anonymous(t), '/api/v1/needs?q=CHIP%20NEED'))).toEqual([
      'Alpha chip need',
      'Gamma chip need',
    ]);
  });

  it('pages through results and reports the total', async () => {
    const page1 = await get<NeedList>(anonymous(t), `/api/v1/needs?owner=${first}&limit=1`);
    const page2 = await get<NeedList>(anonymous(t), `/api/v1/needs?owner=${first}&limit=1&offset=1`);
    expect([page1.total, page2.total]).toEqual([2, 2]);
    expect(new Set([...page1.items, ...page2.items].map((n) => n.id)).size).toBe(2);
    expectError(
      await anonymous(t).request({ method: 'GET', url: '/api/v1/needs?limit=0' }),
      400,
      'request.validation_failed',
      'query.limit',
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('visibility tiers: no endpoint reveals what a tier hides', () => {
  let ownerAdmin: Client;
  let outsiderAdmin: Client;
  let partyAdmin: Client;
  let unverifiedAdmin: Client;
  let loner: Client;
  let enterprise: string;
  let university: string;
  let partyOrganization: string;
  const records: Record<'registered' | 'parties', { need: string; capability: string; achievement: string }> =
    {
      registered: { need: '', capability: '', achievement: '' },
      parties: { need: '', capability: '', achievement: '' },
    };
  /** Strings that only callers admitted by the tier may ever receive. */
  const secrets = (tier: 'registered' | 'parties') => [
    `SECRET-DESC-${tier}`,
    `SECRET-KEYWORD-${tier}`,
    tier === 'registered' ? '987654321' : '987654329',
    tier === 'registered' ? 'CN201710601862.3' : 'CN95115608.X',
  ];

  beforeAll(async () => {
    ownerAdmin = await signedInUser(t);
    outsiderAdmin = await signedInUser(t);
    partyAdmin = await signedInUser(t);
    unverifiedAdmin = await signedInUser(t);
    loner = await signedInUser(t);
    enterprise = await organization('enterprise', [{ client: ownerAdmin }]);
    university = await organization('university', [{ client: ownerAdmin }]);
    await organization('enterprise', [{ client: outsiderAdmin }]);
    partyOrganization = await organization('research_institute', [{ client: partyAdmin }]);
    await organization('enterprise', [{ client: unverifiedAdmin }], false);

    for (const tier of ['registered', 'parties'] as const) {
      const [description, keyword, budget, number] = secrets(tier);
      const hidden = {
        visibility: tier,
        title: `Tiered ${tier} record`,
        description,
        keywords: [keyword],
        publicKeywords: [`public-${tier}`],
        ndaTerms: `Terms for ${tier}`,
      };
      records[tier].need = (
        await post<Need>(
          ownerAdmin,
          '/api/v1/needs',
          needBody(enterprise, { ...hidden, budgetMinFen: Number(budget), budgetMaxFen: Number(budget) }),
        )
      ).id;
      records[tier].capability = (
        await post<Capability>(ownerAdmin, '/api/v1/capabilities', capabilityBody(university, hidden))
      ).id;
      records[tier].achievement = (
        await post<Achievement>(
          ownerAdmin,
          '/api/v1/achievements',
          achievementBody(university, { ...hidden, registrationNumber: number }),
        )
      ).id;
    }
    // The party's institute asks for access to every parties record; the owner accepts each.
    for (const [path, id] of [
      ['needs', records.parties.need],
      ['capabilities', records.parties.capability],
      ['achievements', records.parties.achievement],
    ] as const) {
      const request = await post<NdaRequest>(partyAdmin, `/api/v1/${path}/${id}/nda-requests`, {
        message: 'Please',
        acceptTerms: true,
      });
      await post(ownerAdmin, `/api/v1/nda-requests/${request.id}/accept`, { version: request.version }, 200);
    }
  });

  /** Every response about the owner's records that a caller can get. */
  async function everything(client: Pick<Client, 'request'>): Promise<{ url: string; body: string }[]> {
    const urls = [
      `/api/v1/needs?owner=${enterprise}`,
      `/api/v1/capabilities?owner=${university}`,
      `/api/v1/achievements?owner=${university}`,
      `/api/v1/organizations/${enterprise}/directory`,
      `/api/v1/organizations/${university}/directory`,
      ...(['registered', 'parties'] as const).flatMap((tier) => [
        `/api/v1/needs/${records[tier].need}`,
        `/api/v1/capabilities/${records[tier].capability}`,
        `/api/v1/achievements/${records[tier].achievement}`,
      ]),
      '/api/v1/nda-requests?direction=incoming',
      '/api/v1/nda-requests?direction=outgoing',
      '/api/v1/search?q=Tiered',
      '/api/v1/search?q=SECRET',
    ];
    const responses = [];
    for (const url of urls) {
      const response = await client.request({ method: 'GET', url });
      responses.push({ url, body: response.body });
    }
    return responses;
  }

  function leaked(responses: { url: string; body: string }[], tier: 'registered' | 'parties'): string[] {
    return responses.flatMap(({ url, body }) =>
      secrets(tier)
        .filter((secret) => body.includes(secret))
        .map((secret) => `${url} reveals ${secret}`),
    );
  }

  async function detailsHidden(
    client: Pick<Client, 'request'>,
    tier: 'registered' | 'parties',
  ): Promise<boolean[]> {
    return [
      (await get<Need>(client, `/api/v1/needs/${records[tier].need}`)).detailsHidden,
      (await get<Capability>(client, `/api/v1/capabilities/${records[tier].capability}`)).detailsHidden,
      (await get<Achievement>(client, `/api/v1/achievements/${records[tier].achievement}`)).detailsHidden,
    ];
  }

  const callers = () => ({
    anonymous: anonymous(t),
    'a user without organisation': loner,
    'a member of an unverified organisation': unverifiedAdmin,
    'the cluster office and auditor': office,
  });

  it('shows anonymous, unaffiliated, unverified and platform-role callers only teasers of both tiers', async () => {
    for (const [name, client] of Object.entries(callers())) {
      const responses = await everything(client);
      expect([...leaked(responses, 'registered'), ...leaked(responses, 'parties')], name).toEqual([]);
      expect(await detailsHidden(client, 'registered'), name).toEqual([true, true, true]);
      expect(await detailsHidden(client, 'parties'), name).toEqual([true, true, true]);
    }
  });

  it('shows a teaser with the title, owner, cluster, tier, public keywords and NDA terms, and nothing more', async () => {
    const teaser = await get<Record<string, unknown>>(anonymous(t), `/api/v1/needs/${records.parties.need}`);
    expect(Object.keys(teaser).sort()).toEqual(
      [
        'id',
        'owner',
        'title',
        'publicKeywords',
        'cluster',
        'visibility',
        'ndaTerms',
        'isDemo',
        'createdAt',
        'updatedAt',
        'version',
        'cooperationModes',
        'deadline',
        'status',
        'detailsHidden',
        'permissions',
        'ndaStanding',
      ].sort(),
    );
    expect(teaser).toMatchObject({
      title: 'Tiered parties record',
      owner: { id: enterprise },
      cluster: { slug: 'integrated-circuits' },
      visibility: 'parties',
      publicKeywords: ['public-parties'],
      ndaTerms: 'Terms for parties',
      detailsHidden: true,
    });
    const achievement = await get<Record<string, unknown>>(
      anonymous(t),
      `/api/v1/achievements/${records.parties.achievement}`,
    );
    expect(achievement).not.toHaveProperty('registrationNumber');
    expect(achievement).not.toHaveProperty('description');
    expect(achievement).not.toHaveProperty('keywords');
  });

  it('shows a member of another verified organisation registered details but only teasers of parties records', async () => {
    const responses = await everything(outsiderAdmin);
    expect(leaked(responses, 'parties')).toEqual([]);
    expect(await detailsHidden(outsiderAdmin, 'registered')).toEqual([false, false, false]);
    expect(await detailsHidden(outsiderAdmin, 'parties')).toEqual([true, true, true]);
    const need = await get<Need>(outsiderAdmin, `/api/v1/needs/${records.parties.need}`);
    expect(need).toMatchObject({ ndaStanding: 'none', permissions: { requestNda: true } });
  });

  it('shows an admitted party and the owner every detail', async () => {
    for (const client of [partyAdmin, ownerAdmin]) {
      expect(await detailsHidden(client, 'registered')).toEqual([false, false, false]);
      expect(await detailsHidden(client, 'parties')).toEqual([false, false, false]);
    }
    const need = await get<Need>(partyAdmin, `/api/v1/needs/${records.parties.need}`);
    expect(need).toMatchObject({
      description: 'SECRET-DESC-parties',
      keywords: ['SECRET-KEYWORD-parties'],
      budgetMinFen: 987654329,
      ndaStanding: 'accepted',
      permissions: { requestNda: false, update: false },
    });
    const achievement = await get<Achievement>(
      partyAdmin,
      `/api/v1/achievements/${records.parties.achievement}`,
    );
    expect(achievement).toMatchObject({ registrationNumber: 'CN95115608.X', detailsHidden: false });
    const list = await get<NeedList>(partyAdmin, `/api/v1/needs?owner=${enterprise}`);
    expect(list.items.every((item) => !item.detailsHidden)).toBe(true);
  });

  it('does not let list filters find records by what the tier hides', async () => {
    for (const client of [anonymous(t), outsiderAdmin, ownerAdmin]) {
      const list = await get<NeedList>(client, '/api/v1/needs?q=SECRET');
      expect(list.total).toBe(0);
    }
  });

  it('marks the party in the search index and keeps restricted text out of its public text', async () => {
    const grants = await t.ctx.db
      .selectFrom('search_access_grant')
      .select(['entity_type', 'organization_id'])
      .where('entity_id', 'in', Object.values(records.parties))
      .orderBy('entity_type')
      .execute();
    expect(grants).toEqual([
      { entity_type: 'achievement', organization_id: partyOrganization },
      { entity_type: 'capability', organization_id: partyOrganization },
      { entity_type: 'need', organization_id: partyOrganization },
    ]);
    const document = await indexed('need', records.parties.need);
    expect(document?.public_text).toBe('');
    expect(document?.keywords).not.toContain('SECRET');
    expect(document?.restricted_text).toContain('SECRET-DESC-parties');
  });
});

// ---------------------------------------------------------------------------------------------

describe('the NDA flow', () => {
  let ownerAdmin: Client;
  let ownerMember: Client;
  let requester: Client;
  let multi: Client;
  let unverifiedAdmin: Client;
  let enterprise: string;
  let requesterOrganization: string;

  beforeAll(async () => {
    ownerAdmin = await signedInUser(t);
    ownerMember = await signedInUser(t);
    requester = await signedInUser(t);
    multi = await signedInUser(t);
    unverifiedAdmin = await signedInUser(t);
    enterprise = await organization('enterprise', [
      { client: ownerAdmin },
      { client: ownerMember, role: 'member' },
    ]);
    requesterOrganization = await organization('university', [{ client: requester, role: 'member' }]);
    await organization('university', [{ client: multi }]);
    await organization('research_institute', [{ client: multi }]);
    await organization('enterprise', [{ client: unverifiedAdmin }], false);
  });

  async function partiesNeed(): Promise<Need> {
    return post<Need>(
      ownerAdmin,
      '/api/v1/needs',
      needBody(enterprise, { visibility: 'parties', ndaTerms: '保密两年' }),
    );
  }

  it('records a request, lets the owner admin accept it, and then shows the details; all audited', async () => {
    const need = await partiesNeed();
    const request = await post<NdaRequest>(requester, `/api/v1/needs/${need.id}/nda-requests`, {
      message: '我们的团队研究低功耗 LDO 十年。',
      acceptTerms: true,
    });
    expect(request).toMatchObject({
      entityType: 'need',
      entityId: need.id,
      entityTitle: need.title,
      owner: { id: enterprise },
      requester: { id: requesterOrganization },
      status: 'pending',
      acceptedTerms: '保密两年',
      permissions: { accept: false, decline: false },
    });
    expect((await get<Need>(requester, `/api/v1/needs/${need.id}`)).ndaStanding).toBe('pending');
    expectError(
      await requester.request({
        method: 'POST',
        url: `/api/v1/needs/${need.id}/nda-requests`,
        payload: { message: 'Again', acceptTerms: true },
      }),
      409,
      'directory.nda_already_requested',
    );

    const incoming = await get<NdaRequestList>(
      ownerAdmin,
      '/api/v1/nda-requests?direction=incoming&status=pending',
    );
    expect(incoming.items.map((r) => r.id)).toContain(request.id);
    expect(incoming.items.find((r) => r.id === request.id)?.permissions).toEqual({
      accept: true,
      decline: true,
    });
    expect((await get<NdaRequestList>(ownerMember, '/api/v1/nda-requests?direction=incoming')).items).toEqual(
      [],
    );
    const outgoing = await get<NdaRequestList>(requester, '/api/v1/nda-requests?direction=outgoing');
    expect(outgoing.items.map((r) => r.id)).toEqual([request.id]);

    expectError(
      await requester.request({
        method: 'POST',
        url: `/api/v1/nda-requests/${request.id}/accept`,
        payload: { version: 1 },
      }),
      403,
      'auth.forbidden',
    );
    expectError(
      await ownerMember.request({
        method: 'POST',
        url: `/api/v1/nda-requests/${request.id}/accept`,
        payload: { version: 1 },
      }),
      404,
      'record.not_found',
    );
    const accepted = await post<NdaRequest>(
      ownerAdmin,
      `/api/v1/nda-requests/${request.id}/accept`,
      { version: 1 },
      200,
    );
    expect(accepted).toMatchObject({ status: 'accepted', version: 2, permissions: { accept: false } });
    expect(accepted.decidedAt).not.toBeNull();

    const seen = await get<Need>(requester, `/api/v1/needs/${need.id}`);
    expect(seen).toMatchObject({
      detailsHidden: false,
      ndaStanding: 'accepted',
      permissions: { requestNda: false },
    });
    expectError(
      await requester.request({
        method: 'POST',
        url: `/api/v1/needs/${need.id}/nda-requests`,
        payload: { message: 'Again', acceptTerms: true },
      }),
      409,
      'directory.nda_already_party',
    );
    expectError(
      await ownerAdmin.request({
        method: 'POST',
        url: `/api/v1/nda-requests/${request.id}/decline`,
        payload: { version: 2, reason: 'Changed my mind' },
      }),
      409,
      'directory.nda_already_decided',
    );
    expect(await auditActions(request.id)).toEqual(['nda.request', 'nda.accept']);
  });

  it('lets the owner decline with a reason the requester sees, after which the requester may ask again', async () => {
    const need = await partiesNeed();
    const request = await post<NdaRequest>(requester, `/api/v1/needs/${need.id}/nda-requests`, {
      message: 'Please',
      acceptTerms: true,
    });
    expectError(
      await ownerAdmin.request({
        method: 'POST',
        url: `/api/v1/nda-requests/${request.id}/decline`,
        payload: { version: 7, reason: 'No' },
      }),
      409,
      'record.version_conflict',
    );
    const declined = await post<NdaRequest>(
      ownerAdmin,
      `/api/v1/nda-requests/${request.id}/decline`,
      { version: 1, reason: '目前只与本地企业合作' },
      200,
    );
    expect(declined).toMatchObject({ status: 'declined', decisionReason: '目前只与本地企业合作' });
    const outgoing = await get<NdaRequestList>(
      requester,
      '/api/v1/nda-requests?direction=outgoing&status=declined',
    );
    expect(outgoing.items.find((r) => r.id === request.id)?.decisionReason).toBe('目前只与本地企业合作');
    const after = await get<Need>(requester, `/api/v1/needs/${need.id}`);
    expect(after).toMatchObject({
      detailsHidden: true,
      ndaStanding: 'declined',
      permissions: { requestNda: true },
    });
    await post<NdaRequest>(requester, `/api/v1/needs/${need.id}/nda-requests`, {
      message: 'Again',
      acceptTerms: true,
    });
    expect(await auditActions(request.id)).toEqual(['nda.request', 'nda.decline']);
  });

  it('refuses requests for records that need none, closed ones, own ones and from the unverified', async () => {
    const open = await post<Need>(
      ownerAdmin,
      '/api/v1/needs',
      needBody(enterprise, { visibility: 'registered' }),
    );
    const before = await rowCount('nda_request');
    const ask = (client: Client, id: string, extra: Record<string, unknown> = {}) =>
      client.request({
        method: 'POST',
        url: `/api/v1/needs/${id}/nda-requests`,
        payload: { message: 'Hello', acceptTerms: true, ...extra },
      });
    expectError(await ask(requester, open.id), 409, 'directory.nda_not_required');
    const need = await partiesNeed();
    expectError(await ask(ownerMember, need.id), 403, 'auth.forbidden');
    expectError(await ask(unverifiedAdmin, need.id), 403, 'directory.organization_unverified');
    expectError(await ask(office, need.id), 403, 'auth.forbidden');
    expectError(await ask(requester, 'no-such-need'), 404, 'record.not_found');
    const refusedTerms = await requester.request({
      method: 'POST',
      url: `/api/v1/needs/${need.id}/nda-requests`,
      payload: { message: 'Hello', acceptTerms: false },
    });
    expectError(refusedTerms, 400, 'request.validation_failed', 'body.acceptTerms');
    await ownerAdmin.request({
      method: 'POST',
      url: `/api/v1/needs/${need.id}/status`,
      payload: { version: 1, status: 'closed' },
    });
    expectError(await ask(requester, need.id), 409, 'directory.record_closed');
    expect(await rowCount('nda_request')).toBe(before);
  });

  it('asks a member of several verified organisations to name one', async () => {
    const need = await partiesNeed();
    const response = await multi.request({
      method: 'POST',
      url: `/api/v1/needs/${need.id}/nda-requests`,
      payload: { message: 'Hello', acceptTerms: true },
    });
    expectError(response, 400, 'directory.requester_organization_required', 'body.organizationId');
    const orgs = [
      ...(await get<{ memberships: { organizationId: string }[] }>(multi, '/api/v1/auth/session'))
        .memberships,
    ];
    const chosen = orgs[1]?.organizationId ?? '';
    const request = await post<NdaRequest>(multi, `/api/v1/needs/${need.id}/nda-requests`, {
      organizationId: chosen,
      message: 'Hello',
      acceptTerms: true,
    });
    expect(request.requester.id).toBe(chosen);
    expectError(
      await multi.request({
        method: 'POST',
        url: `/api/v1/needs/${need.id}/nda-requests`,
        payload: { organizationId: enterprise, message: 'Hello', acceptTerms: true },
      }),
      403,
      'auth.forbidden',
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('capabilities and achievements', () => {
  let admin: Client;
  let university: string;
  let enterprise: string;

  beforeAll(async () => {
    admin = await signedInUser(t);
    university = await organization('university', [{ client: admin }]);
    enterprise = await organization('enterprise', [{ client: admin }]);
  });

  it('lets enterprises offer capabilities but not achievements', async () => {
    const capability = await post<Capability>(admin, '/api/v1/capabilities', capabilityBody(enterprise));
    expect(capability).toMatchObject({ status: 'active', owner: { kind: 'enterprise' } });
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/v1/achievements',
        payload: achievementBody(enterprise),
      }),
      400,
      'directory.owner_kind_not_allowed',
      'body.ownerOrganizationId',
    );
  });

  it('stores the canonical patent number and refuses a wrong check character or a number for know-how', async () => {
    const achievement = await post<Achievement>(
      admin,
      '/api/v1/achievements',
      achievementBody(university, { registrationNumber: 'ZL 2017 1 0601862.3' }),
    );
    expect(achievement).toMatchObject({ registrationNumber: 'CN201710601862.3', kind: 'patent', trl: 5 });
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/v1/achievements',
        payload: achievementBody(university, { registrationNumber: '201710601862.4' }),
      }),
      400,
      'directory.registration_number_invalid',
      'body.registrationNumber',
    );
    expectError(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/achievements/${achievement.id}`,
        payload: { version: 1, kind: 'know_how' },
      }),
      400,
      'directory.registration_number_not_allowed',
      'body.registrationNumber',
    );
    const knowHow = await admin.request({
      method: 'PATCH',
      url: `/api/v1/achievements/${achievement.id}`,
      payload: { version: 1, kind: 'know_how', registrationNumber: null, trl: 7 },
    });
    expect(knowHow.json<Achievement>()).toMatchObject({ kind: 'know_how', registrationNumber: null, trl: 7 });
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/v1/achievements',
        payload: achievementBody(university, { trl: 10 }),
      }),
      400,
      'request.validation_failed',
      'body.trl',
    );
  });

  it('filters achievements by TRL range, kind and transfer mode', async () => {
    const owner = await organization('research_institute', [{ client: admin }]);
    await post(
      admin,
      '/api/v1/achievements',
      achievementBody(owner, { title: 'TRL3', trl: 3, transferModes: ['equity'] }),
    );
    await post(admin, '/api/v1/achievements', achievementBody(owner, { title: 'TRL6', trl: 6 }));
    await post(
      admin,
      '/api/v1/achievements',
      achievementBody(owner, {
        title: 'TRL8',
        trl: 8,
        kind: 'software_copyright',
        registrationNumber: '2023SR0123456',
      }),
    );
    const titles = async (query: string) =>
      (
        await get<{ items: { title: string }[] }>(
          anonymous(t),
          `/api/v1/achievements?owner=${owner}&${query}`,
        )
      ).items
        .map((a) => a.title)
        .sort();
    expect(await titles('trlMin=4')).toEqual(['TRL6', 'TRL8']);
    expect(await titles('trlMin=4&trlMax=7')).toEqual(['TRL6']);
    expect(await titles('kind=software_copyright')).toEqual(['TRL8']);
    expect(await titles('transferMode=equity')).toEqual(['TRL3']);
    expect(await titles('ownerKind=university')).toEqual([]);
  });

  it('closes a capability for good, audited and marked inactive in the index', async () => {
    const capability = await post<Capability>(admin, '/api/v1/capabilities', capabilityBody(university));
    const closed = await post<Capability>(
      admin,
      `/api/v1/capabilities/${capability.id}/status`,
      { version: 1, status: 'closed' },
      200,
    );
    expect(closed).toMatchObject({ status: 'closed', permissions: { update: false } });
    expectError(
      await admin.request({
        method: 'POST',
        url: `/api/v1/capabilities/${capability.id}/status`,
        payload: { version: 2, status: 'active' },
      }),
      409,
      'directory.record_closed',
    );
    expect(await auditActions(capability.id)).toEqual(['capability.create', 'capability.close']);
    expect(await indexed('capability', capability.id)).toMatchObject({ is_active: 0 });
  });
});

describe('experts', () => {
  let admin: Client;
  let university: string;

  beforeAll(async () => {
    admin = await signedInUser(t);
    university = await organization('university', [{ client: admin }]);
  });

  it('stores the ORCID iD in canonical form and refuses an invalid or taken one', async () => {
    const expert = await post<Expert>(admin, '/api/v1/experts', {
      organizationId: university,
      nameZh: '王磊',
      nameEn: 'Wang Lei',
      title: '教授',
      fields: ['功率半导体'],
      keywords: ['SiC', 'GaN'],
      orcid: 'https://orcid.org/0000-0002-1694-233x',
      cluster: 'integrated-circuits',
    });
    expect(expert).toMatchObject({
      orcid: '0000-0002-1694-233X',
      organization: { id: university },
      cluster: { slug: 'integrated-circuits' },
      status: 'active',
      permissions: {
        update: true,
        changeStatus: true,
        close: true,
        nextStatuses: ['closed'],
        requestNda: false,
      },
    });
    expect(await indexed('expert', expert.id)).toMatchObject({
      visibility: 'public',
      title: '王磊 Wang Lei',
    });
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/v1/experts',
        payload: { organizationId: university, nameEn: 'Someone', orcid: '0000-0002-1694-2331' },
      }),
      400,
      'directory.orcid_invalid',
      'body.orcid',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/v1/experts',
        payload: { organizationId: university, nameEn: 'Double', orcid: '0000000216942 33X' },
      }),
      400,
      'directory.orcid_invalid',
      'body.orcid',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/v1/experts',
        payload: { organizationId: university, nameEn: 'Double', orcid: '0000-0002-1694-233X' },
      }),
      409,
      'directory.orcid_taken',
      'body.orcid',
    );
    expectError(
      await admin.request({
        method: 'POST',
        url: '/api/v1/experts',
        payload: { organizationId: university, nameZh: ' ' },
      }),
      400,
      'directory.expert_name_required',
      'body.nameZh',
    );
  });

  it('edits, lists by name and closes an expert profile', async () => {
    const expert = await post<Expert>(admin, '/api/v1/experts', {
      organizationId: university,
      nameZh: '李娜',
    });
    const edited = await admin.request({
      method: 'PATCH',
      url: `/api/v1/experts/${expert.id}`,
      payload: { version: 1, nameEn: 'Li Na', orcid: '0000-0002-1825-0097' },
    });
    expect(edited.json<Expert>()).toMatchObject({
      nameEn: 'Li Na',
      orcid: '0000-0002-1825-0097',
      version: 2,
    });
    const found = await get<ExpertList>(anonymous(t), '/api/v1/experts?q=li%20na');
    expect(found.items.map((e) => e.id)).toEqual([expert.id]);
    const closed = await post<Expert>(
      admin,
      `/api/v1/experts/${expert.id}/status`,
      { version: 2, status: 'closed' },
      200,
    );
    expect(closed.status).toBe('closed');
    expect(await auditActions(expert.id)).toEqual(['expert.create', 'expert.update', 'expert.close']);
  });
});

describe("an organisation's postings", () => {
  it('lists what an organisation posted and hides an unverified organisation altogether', async () => {
    const admin = await signedInUser(t);
    const university = await organization('university', [{ client: admin }]);
    await post(admin, '/api/v1/capabilities', capabilityBody(university, { title: 'Shown capability' }));
    await post(admin, '/api/v1/experts', { organizationId: university, nameZh: '赵敏' });
    const directory = await get<OrganizationDirectory>(
      anonymous(t),
      `/api/v1/organizations/${university}/directory`,
    );
    expect(directory.capabilities.items.map((c) => c.title)).toEqual(['Shown capability']);
    expect(directory.experts.items.map((e) => e.nameZh)).toEqual(['赵敏']);
    expect([directory.needs.total, directory.achievements.total]).toEqual([0, 0]);

    const unverified = await organization('enterprise', [{ client: admin }], false);
    expectError(
      await anonymous(t).request({ method: 'GET', url: `/api/v1/organizations/${unverified}/directory` }),
      404,
      'record.not_found',
    );
    expect(
      (await admin.request({ method: 'GET', url: `/api/v1/organizations/${unverified}/directory` }))
        .statusCode,
    ).toBe(200);
  });
});
