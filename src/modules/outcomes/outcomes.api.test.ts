import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { databaseFingerprint } from '../../test/fingerprint.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { OrganizationKind, SizeClass } from '../organizations/schemas.js';
import { insertClusterInTransaction, insertOrganizationInTransaction } from '../organizations/service.js';
import type { BenefitRule, CharterContent } from '../consortia/charter.js';
import type { CharterVersionView, Consortium } from '../consortia/schemas.js';
import type { Account, Income, IncomeList, Outcome, OutcomeList, Transfer, TransferList } from './schemas.js';

let t: TestApp;
let leadAdmin: Client;
let leadMember: Client;
let uniAdmin: Client;
let smeAdmin: Client;
let outsider: Client;
let office: Client;
let auditor: Client;
let leadId: string;
let uniId: string;
let smeId: string;
let outsiderOrgId: string;
let consortiumId: string;
let projectId: string;
let bilateralId: string;
let serial = 0;

async function organization(
  kind: OrganizationKind,
  members: { client: Client; role: 'admin' | 'member' }[],
  sizeClass?: SizeClass,
): Promise<string> {
  serial += 1;
  return t.ctx.db.transaction().execute((tx) =>
    insertOrganizationInTransaction(
      tx,
      {
        kind,
        sizeClass: kind === 'enterprise' ? (sizeClass ?? 'small') : null,
        nameZh: `成果测试机构${serial}`,
        nameEn: `Outcome Test Organisation ${serial}`,
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

interface ErrorBody {
  code: string;
  message: string;
  details: { issues?: { field: string; code: string; message: string }[]; [key: string]: unknown };
}

/** Sends a request that must be refused with `code`, checks it stored nothing, and returns the body. */
async function refused(
  request: () => Promise<LightMyRequestResponse>,
  status: number,
  code: string,
  field?: string,
): Promise<ErrorBody> {
  const before = await databaseFingerprint(t.ctx.db);
  const response = await request();
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json<ErrorBody>();
  expect(body.code, response.body).toBe(code);
  if (field !== undefined) expect(body.details.issues?.map((i) => i.field)).toEqual([field]);
  expect(await databaseFingerprint(t.ctx.db)).toEqual(before);
  return body;
}

/** Shares in the order lead, university, SME. */
function shares(a: number, b: number, c: number) {
  return [
    { memberId: leadId, basisPoints: a },
    { memberId: uniId, basisPoints: b },
    { memberId: smeId, basisPoints: c },
  ];
}

function charter(benefit: BenefitRule): CharterContent {
  const rule = {
    shares: shares(5000, 3000, 2000),
    licensing: { whoMayLicense: 'each_co_owner' as const, memberUse: 'royalty_free' as const, terms: '' },
  };
  const wp = (id: string, responsibleMemberId: string) => ({
    id,
    title: `Work package ${id}`,
    description: '',
    stage: 'rd' as const,
    responsibleMemberId,
    contributingMemberIds: [],
    deliverables: [],
    startDate: null,
    endDate: null,
  });
  return {
    currency: 'CNY',
    objectives: ['碳化硅模块国产化'],
    workPackages: [wp('WP1', leadId), wp('WP2', uniId), wp('WP3', smeId)],
    contributions: [
      {
        id: 'C1',
        kind: 'cash',
        memberId: leadId,
        workPackageId: null,
        description: '',
        valuationFen: 300_000_000,
      },
      {
        id: 'C2',
        kind: 'equipment',
        memberId: smeId,
        workPackageId: null,
        description: '',
        valuationFen: 60_000_000,
      },
    ],
    backgroundIp: [],
    foregroundIp: { patent: rule, software: rule, know_how: rule, standard: rule },
    firstRefusal: { offerPeriodDays: 30 },
    benefit,
    exit: { noticeDays: 30, foregroundIp: 'keeps_shares', futureIncome: 'until_exit_only', conditions: '' },
    dispute: { steps: [{ step: 'negotiation', days: 30, forum: '' }] },
  };
}

async function memberStep(client: Client, id: string, organizationId: string): Promise<void> {
  const c = await ok<Consortium>(send(leadAdmin, 'GET', `/api/v1/consortia/${id}`));
  const version = c.members.find((m) => m.organization.id === organizationId)?.version ?? 0;
  await ok(send(client, 'POST', `/api/v1/consortia/${id}/members/${organizationId}/accept`, { version }));
}

async function insertProject(consortium: string | null, parties: [string, string][]): Promise<string> {
  const id = newId();
  const now = nowIso();
  await t.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('project')
      .values({
        id,
        consortium_id: consortium,
        source_match_id: null,
        title: `成果测试项目 ${id.slice(-4)}`,
        summary: '',
        lead_organization_id: leadId,
        stage: 'rd',
        status: 'active',
        status_reason: null,
        silent_after_days: 14,
        created_by: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await tx
      .insertInto('project_party')
      .values(
        parties.map(([organization_id, role]) => ({ project_id: id, organization_id, role, joined_at: now })),
      )
      .execute();
  });
  return id;
}

/** Makes `content` the consortium's effective charter directly (for the property test's many charters). */
async function forceCharter(content: CharterContent): Promise<void> {
  const now = nowIso();
  await t.ctx.db.transaction().execute(async (tx) => {
    const versions = await tx
      .selectFrom('charter_version')
      .select(['number'])
      .where('consortium_id', '=', consortiumId)
      .execute();
    await tx
      .updateTable('charter_version')
      .set({ status: 'superseded', superseded_at: now })
      .where('consortium_id', '=', consortiumId)
      .where('status', '=', 'effective')
      .execute();
    await tx
      .insertInto('charter_version')
      .values({
        id: newId(),
        consortium_id: consortiumId,
        number: Math.max(0, ...versions.map((v) => v.number)) + 1,
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
  });
}

beforeAll(async () => {
  t = await openTestApp();
  await t.ctx.db
    .transaction()
    .execute((tx) =>
      insertClusterInTransaction(
        tx,
        { slug: 'integrated-circuits', nameZh: '集成电路', nameEn: 'Integrated circuits', sortOrder: 1 },
        null,
      ),
    );
  [leadAdmin, leadMember, uniAdmin, smeAdmin, outsider] = (await Promise.all(
    Array.from({ length: 5 }, () => signedInUser(t)),
  )) as [Client, Client, Client, Client, Client];
  office = await signedInUser(t, { platformRoles: ['cluster_office'] });
  auditor = await signedInUser(t, { platformRoles: ['auditor'] });
  leadId = await organization(
    'enterprise',
    [
      { client: leadAdmin, role: 'admin' },
      { client: leadMember, role: 'member' },
    ],
    'leading',
  );
  uniId = await organization('university', [{ client: uniAdmin, role: 'admin' }]);
  smeId = await organization('enterprise', [{ client: smeAdmin, role: 'admin' }]);
  outsiderOrgId = await organization('enterprise', [{ client: outsider, role: 'admin' }]);

  // A consortium of the three with a charter every member signed: income splits 3334/3333/3333.
  const c = await ok<Consortium>(
    send(leadAdmin, 'POST', '/api/v1/consortia', {
      leadOrganizationId: leadId,
      nameZh: '成果测试联合体',
      nameEn: 'Outcome Test Consortium',
      cluster: 'integrated-circuits',
    }),
    201,
  );
  consortiumId = c.id;
  for (const org of [uniId, smeId])
    await ok(
      send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/members`, { organizationId: org, role: 'core' }),
    );
  await memberStep(uniAdmin, c.id, uniId);
  await memberStep(smeAdmin, c.id, smeId);
  const content = charter({ method: 'fixed', shares: shares(3334, 3333, 3333), costRecovery: null });
  await ok(send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/charter/versions`, { content }), 201);
  const opened = await ok<CharterVersionView>(
    send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/charter/versions/1/open`, { version: 1 }),
  );
  for (const [client, org] of [
    [leadAdmin, leadId],
    [uniAdmin, uniId],
    [smeAdmin, smeId],
  ] as const)
    await ok(
      send(client, 'POST', `/api/v1/consortia/${c.id}/charter/versions/1/sign`, {
        organizationId: org,
        digest: opened.digest,
      }),
    );
  projectId = await insertProject(c.id, [
    [leadId, 'lead'],
    [uniId, 'core'],
    [smeId, 'core'],
  ]);
  bilateralId = await insertProject(null, [
    [leadId, 'lead'],
    [uniId, 'partner'],
  ]);
}, 60_000);

afterAll(async () => {
  await t.close();
});

const income = (amountFen: string, extra: Record<string, unknown> = {}) => ({
  kind: 'licence_fee',
  amountFen,
  receivedOn: '2026-11-20',
  payer: '苏州某半导体公司',
  ...extra,
});

function lineOf(i: Income, org: string) {
  return i.statements.find((s) => s.organization.id === org);
}

describe('income and its distribution', () => {
  it('splits ¥1,000,000.01 by 3334/3333/3333 basis points exactly, posts it to the accounts, audits and notifies', async () => {
    const recorded = await ok<Income>(
      send(leadAdmin, 'POST', `/api/v1/projects/${projectId}/income`, income('100000001')),
      201,
    );
    expect(recorded.amountFen).toBe('100000001');
    expect(recorded.number).toBe(1);
    expect(recorded.charterNumber).toBe(1);
    expect(lineOf(recorded, leadId)?.totalFen).toBe('33340001');
    expect(lineOf(recorded, uniId)?.totalFen).toBe('33330000');
    expect(lineOf(recorded, smeId)?.totalFen).toBe('33330000');
    expect(recorded.statements.reduce((sum, s) => sum + BigInt(s.totalFen), 0n)).toBe(100000001n);

    const account = await ok<Account>(send(leadAdmin, 'GET', `/api/v1/organizations/${leadId}/account`));
    expect(account.balanceFen).toBe('33340001');
    expect(account.entries[0]?.amountFen).toBe('33340001');
    expect(account.entries[0]?.income.amountFen).toBe('100000001');

    const audits = await t.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['outcome.income_record', 'outcome.statement_post'])
      .execute();
    expect(
      audits
        .filter((a) => a.action === 'outcome.statement_post')
        .map((a) => a.entity_id)
        .sort(),
    ).toEqual([leadId, uniId, smeId].sort());
    const notes = await t.ctx.db
      .selectFrom('notification')
      .select(['user_id', 'params'])
      .where('kind', '=', 'outcome.income_distributed')
      .execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual(
      [leadAdmin.userId, uniAdmin.userId, smeAdmin.userId].sort(),
    );
    const leadNote = notes.find((n) => n.user_id === leadAdmin.userId);
    expect(JSON.parse(leadNote?.params ?? '{}')).toMatchObject({
      amount: '¥1,000,000.01',
      share: '¥333,400.01',
    });
    const activity = await t.ctx.db
      .selectFrom('project_activity')
      .select('kind')
      .where('project_id', '=', projectId)
      .where('kind', '=', 'income_recorded')
      .execute();
    expect(activity).toHaveLength(1);
  });

  it('stays exact beyond 2^53 fen', async () => {
    const amount = '90071992547409930000001';
    const recorded = await ok<Income>(
      send(uniAdmin, 'POST', `/api/v1/projects/${projectId}/income`, income(amount)),
      201,
    );
    expect(recorded.statements.reduce((sum, s) => sum + BigInt(s.totalFen), 0n)).toBe(BigInt(amount));
    expect(lineOf(recorded, leadId)?.totalFen).toBe(((BigInt(amount) * 3334n) / 10000n + 1n).toString());
    const list = await ok<IncomeList>(send(auditor, 'GET', `/api/v1/projects/${projectId}/income`));
    expect(list.items.map((i) => i.number)).toEqual([2, 1]);
    expect(list.totalFen).toBe((BigInt(amount) + 100000001n).toString());
  });

  it('refuses income of a bilateral project, bad amounts and foreign outcomes, storing nothing', async () => {
    await refused(
      () => send(leadAdmin, 'POST', `/api/v1/projects/${bilateralId}/income`, income('100')),
      409,
      'outcome.no_effective_charter',
    );
    for (const amountFen of ['1.50', '-1', '0', '007', ''])
      await refused(
        () => send(leadAdmin, 'POST', `/api/v1/projects/${projectId}/income`, income(amountFen)),
        400,
        'request.validation_failed',
        'body.amountFen',
      );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${projectId}/income`, { ...income('100'), amountFen: 100 }),
      400,
      'request.validation_failed',
      'body.amountFen',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${projectId}/income`, income('100', { outcomeId: 'nope' })),
      400,
      'outcome.related_outcome_not_found',
      'body.outcomeId',
    );
  });

  it('lets only admins of a party record income, and shows it only to insiders', async () => {
    await refused(
      () => send(leadMember, 'POST', `/api/v1/projects/${projectId}/income`, income('100')),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(office, 'POST', `/api/v1/projects/${projectId}/income`, income('100')),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(outsider, 'POST', `/api/v1/projects/${projectId}/income`, income('100')),
      404,
      'record.not_found',
    );
    await refused(
      () => send(outsider, 'GET', `/api/v1/projects/${projectId}/income`),
      404,
      'record.not_found',
    );
    await refused(
      () => send(anonymous(t), 'GET', `/api/v1/projects/${projectId}/income`),
      401,
      'auth.unauthenticated',
    );
  });

  it('shows an account only to its members, the cluster office and the auditor', async () => {
    await ok(send(office, 'GET', `/api/v1/organizations/${uniId}/account`));
    await ok(send(auditor, 'GET', `/api/v1/organizations/${uniId}/account`));
    await ok(send(uniAdmin, 'GET', `/api/v1/organizations/${uniId}/account?projectId=${projectId}`));
    await refused(
      () => send(leadAdmin, 'GET', `/api/v1/organizations/${uniId}/account`),
      404,
      'record.not_found',
    );
    await refused(
      () => send(outsider, 'GET', `/api/v1/organizations/${uniId}/account`),
      404,
      'record.not_found',
    );
  });

  it('keeps every statement exact over random charters and amounts (fast-check, through the service)', async () => {
    const rule: fc.Arbitrary<BenefitRule> = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
        .map(([x, y]): BenefitRule => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          return { method: 'fixed', shares: shares(lo, hi - lo, 10_000 - hi), costRecovery: null };
        }),
      fc.boolean().map((recover): BenefitRule => ({
        method: 'contribution_weighted',
        costRecovery: recover ? { kinds: ['cash'] } : null,
      })),
    );
    const contributions = fc.array(
      fc.record({
        member: fc.constantFrom('lead', 'uni', 'sme'),
        kind: fc.constantFrom('cash' as const, 'equipment' as const, 'personnel' as const),
        valuationFen: fc.integer({ min: 1, max: 1_000_000_000_000 }),
      }),
      { minLength: 1, maxLength: 5 },
    );
    const amount = fc.oneof(
      fc.bigInt({ min: 1n, max: 10_000n }),
      fc.bigInt({ min: 1n, max: 1n << 53n }),
      fc.bigInt({ min: (1n << 53n) + 1n, max: 1n << 90n }),
    );
    await fc.assert(
      fc.asyncProperty(rule, contributions, amount, async (benefit, contributed, amountFen) => {
        const ids = { lead: leadId, uni: uniId, sme: smeId };
        const content = charter(benefit);
        content.contributions = contributed.map((c, i) =>
          c.kind === 'personnel'
            ? {
                id: `C${i}`,
                kind: c.kind,
                memberId: ids[c.member],
                workPackageId: null,
                description: '',
                valuationFen: c.valuationFen,
                personMonths: 1,
              }
            : {
                id: `C${i}`,
                kind: c.kind,
                memberId: ids[c.member],
                workPackageId: null,
                description: '',
                valuationFen: c.valuationFen,
              },
        );
        await forceCharter(content);
        const balances = async () =>
          Promise.all(
            [leadId, uniId, smeId].map(async (org) =>
              BigInt(
                (await ok<Account>(send(office, 'GET', `/api/v1/organizations/${org}/account`))).balanceFen,
              ),
            ),
          );
        const before = await balances();
        const recorded = await ok<Income>(
          send(leadAdmin, 'POST', `/api/v1/projects/${projectId}/income`, income(amountFen.toString())),
          201,
        );
        const total = recorded.statements.reduce((sum, s) => sum + BigInt(s.totalFen), 0n);
        expect(total).toBe(amountFen);
        for (const s of recorded.statements)
          expect(BigInt(s.costRecoveryFen) + BigInt(s.shareFen)).toBe(BigInt(s.totalFen));
        expect(BigInt(recorded.costRecoveryFen) + BigInt(recorded.sharedFen)).toBe(amountFen);
        const after = await balances();
        const gained = after.map((b, i) => b - (before[i] ?? 0n));
        expect(gained.reduce((a, b) => a + b, 0n)).toBe(amountFen);
        expect(gained).toEqual(
          [leadId, uniId, smeId].map((org) => BigInt(lineOf(recorded, org)?.totalFen ?? '0')),
        );
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});

describe('outcomes', () => {
  it('copies the owners from the charter’s rule for the outcome’s type, and records the activity', async () => {
    const outcome = await ok<Outcome>(
      send(leadMember, 'POST', `/api/v1/projects/${projectId}/outcomes`, {
        kind: 'patent_application',
        title: '一种碳化硅外延方法',
        reference: 'CN202610000001.X',
        outcomeDate: '2026-10-01',
        filingDate: '2026-10-01',
        organizationId: leadId,
      }),
      201,
    );
    expect(outcome.ipType).toBe('patent');
    expect(outcome.charterNumber).not.toBeNull();
    expect(outcome.shares.map((s) => [s.holderKey, s.basisPoints]).sort()).toEqual(
      [
        [leadId, 5000],
        [uniId, 3000],
        [smeId, 2000],
      ].sort(),
    );
    const list = await ok<OutcomeList>(send(auditor, 'GET', `/api/v1/projects/${projectId}/outcomes`));
    expect(list.items.map((i) => i.id)).toContain(outcome.id);
    expect(list.permissions.recordFor).toEqual([]);
    const paper = await ok<Outcome>(
      send(uniAdmin, 'POST', `/api/v1/projects/${projectId}/outcomes`, {
        kind: 'paper',
        title: 'SiC epitaxy at scale',
        reference: '10.1000/xyz',
        outcomeDate: '2026-09-01',
        organizationId: uniId,
      }),
      201,
    );
    expect(paper.shares).toEqual([]);
    const activity = await t.ctx.db
      .selectFrom('project_activity')
      .select(['organization_id'])
      .where('kind', '=', 'outcome_recorded')
      .execute();
    expect(activity.map((a) => a.organization_id).sort()).toEqual([leadId, uniId].sort());
  });

  it('refuses outcomes it cannot own correctly, storing nothing', async () => {
    const body = {
      kind: 'software_copyright',
      title: '控制软件',
      reference: '2026SR000001',
      outcomeDate: '2026-10-01',
      organizationId: leadId,
    };
    await refused(
      () => send(leadAdmin, 'POST', `/api/v1/projects/${projectId}/outcomes`, { ...body, shares: [] }),
      400,
      'outcome.shares_set_by_charter',
      'body.shares',
    );
    await refused(
      () => send(leadAdmin, 'POST', `/api/v1/projects/${bilateralId}/outcomes`, body),
      400,
      'outcome.shares_required',
      'body.shares',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${bilateralId}/outcomes`, {
          ...body,
          shares: [
            { organizationId: leadId, basisPoints: 6000 },
            { organizationId: uniId, basisPoints: 3000 },
          ],
        }),
      400,
      'outcome.shares_invalid',
      'body.shares',
    );
    await refused(
      () =>
        send(leadAdmin, 'POST', `/api/v1/projects/${projectId}/outcomes`, {
          ...body,
          kind: 'patent_grant',
          filingDate: '2026-10-02',
          grantDate: '2026-10-01',
        }),
      400,
      'outcome.dates_inverted',
      'body.grantDate',
    );
    await refused(
      () => send(office, 'POST', `/api/v1/projects/${projectId}/outcomes`, body),
      403,
      'auth.forbidden',
    );
    await refused(
      () => send(outsider, 'POST', `/api/v1/projects/${projectId}/outcomes`, body),
      404,
      'record.not_found',
    );
    await refused(
      () =>
        send(outsider, 'POST', `/api/v1/projects/${projectId}/outcomes`, {
          ...body,
          organizationId: outsiderOrgId,
        }),
      404,
      'record.not_found',
    );
    const bilateral = await ok<Outcome>(
      send(uniAdmin, 'POST', `/api/v1/projects/${bilateralId}/outcomes`, {
        ...body,
        organizationId: uniId,
        shares: [
          { organizationId: leadId, basisPoints: 6000 },
          { organizationId: uniId, basisPoints: 4000 },
        ],
      }),
      201,
    );
    expect(bilateral.charterNumber).toBeNull();
  });
});

describe('transfers of a co-owned share', () => {
  async function patent(): Promise<Outcome> {
    return ok<Outcome>(
      send(leadAdmin, 'POST', `/api/v1/projects/${projectId}/outcomes`, {
        kind: 'patent_grant',
        title: `功率模块封装专利 ${String((serial += 1))}`,
        reference: 'ZL202610000002.3',
        outcomeDate: '2026-11-01',
        organizationId: leadId,
      }),
      201,
    );
  }
  const transfers = (o: Outcome) => `/api/v1/outcomes/${o.id}/transfers`;
  const respond = (client: Client, o: Outcome, tr: Transfer, organizationId: string, answer: string) =>
    ok<Transfer>(send(client, 'POST', `${transfers(o)}/${tr.id}/respond`, { organizationId, answer }));

  it('refuses a third-party sale while the first-refusal period runs, then sells once every co-owner waived', async () => {
    const o = await patent();
    const offer = await ok<Transfer>(
      send(leadAdmin, 'POST', transfers(o), {
        organizationId: leadId,
        kind: 'sale',
        basisPoints: 5000,
        priceFen: '100000000',
      }),
      201,
    );
    expect(offer.awaiting.map((a) => a.id).sort()).toEqual([uniId, smeId].sort());
    expect(offer.thirdPartyAllowed).toBe(false);
    const third = { name: '外部收购方有限公司', priceFen: '100000000' };
    const pending = await refused(
      () =>
        send(leadAdmin, 'POST', `${transfers(o)}/${offer.id}/complete`, {
          version: offer.version,
          transferee: third,
        }),
      409,
      'outcome.first_refusal_pending',
    );
    expect(pending.details['deadline']).toBe(offer.deadline);
    expect(Date.parse(offer.deadline) - Date.parse(offer.offeredAt)).toBe(30 * 86_400_000);

    await respond(uniAdmin, o, offer, uniId, 'decline');
    await refused(
      () =>
        send(uniAdmin, 'POST', `${transfers(o)}/${offer.id}/respond`, {
          organizationId: uniId,
          answer: 'accept',
        }),
      409,
      'outcome.already_answered',
    );
    await refused(
      () =>
        send(smeAdmin, 'POST', `${transfers(o)}/${offer.id}/respond`, {
          organizationId: uniId,
          answer: 'decline',
        }),
      403,
      'auth.forbidden',
    );
    const waived = await respond(smeAdmin, o, offer, smeId, 'decline');
    expect(waived.thirdPartyAllowed).toBe(true);
    await refused(
      () =>
        send(leadAdmin, 'POST', `${transfers(o)}/${offer.id}/complete`, {
          version: waived.version,
          transferee: { ...third, priceFen: '99999999' },
        }),
      409,
      'outcome.price_below_offer',
    );
    await refused(
      () =>
        send(uniAdmin, 'POST', `${transfers(o)}/${offer.id}/complete`, {
          version: waived.version,
          transferee: third,
        }),
      403,
      'auth.forbidden',
    );
    const sold = await ok<Transfer>(
      send(leadAdmin, 'POST', `${transfers(o)}/${offer.id}/complete`, {
        version: waived.version,
        transferee: third,
      }),
    );
    expect(sold.status).toBe('sold');
    const after = await ok<Outcome>(send(uniAdmin, 'GET', `/api/v1/outcomes/${o.id}`));
    expect(after.shares.reduce((sum, s) => sum + s.basisPoints, 0)).toBe(10_000);
    expect(after.shares.find((s) => s.name === third.name)?.basisPoints).toBe(5000);
    expect(after.shares.find((s) => s.holderKey === leadId)).toBeUndefined();
    const audits = await t.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', o.id)
      .where('action', 'like', 'outcome.transfer_%')
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(
      [
        'outcome.transfer_complete',
        'outcome.transfer_offer',
        'outcome.transfer_respond',
        'outcome.transfer_respond',
      ].sort(),
    );
    const notes = await t.ctx.db
      .selectFrom('notification')
      .select('user_id')
      .where('kind', '=', 'outcome.share_offered')
      .execute();
    expect(notes.map((n) => n.user_id)).toEqual(expect.arrayContaining([uniAdmin.userId, smeAdmin.userId]));
  });

  it('gives the share to the co-owners that accept, pro rata, and refuses a third party then', async () => {
    const o = await patent();
    const offer = await ok<Transfer>(
      send(smeAdmin, 'POST', transfers(o), {
        organizationId: smeId,
        kind: 'sale',
        basisPoints: 2000,
        priceFen: '500',
      }),
      201,
    );
    await refused(
      () =>
        send(smeAdmin, 'POST', transfers(o), {
          organizationId: smeId,
          kind: 'sale',
          basisPoints: 1000,
          priceFen: '5',
        }),
      409,
      'outcome.transfer_open',
    );
    await respond(leadAdmin, o, offer, leadId, 'accept');
    // Not everyone answered yet and the period runs: the take-up waits.
    await refused(
      () => send(smeAdmin, 'POST', `${transfers(o)}/${offer.id}/complete`, { version: offer.version + 1 }),
      409,
      'outcome.first_refusal_pending',
    );
    const answered = await respond(uniAdmin, o, offer, uniId, 'accept');
    await refused(
      () =>
        send(smeAdmin, 'POST', `${transfers(o)}/${offer.id}/complete`, {
          version: answered.version,
          transferee: { organizationId: outsiderOrgId, priceFen: '1000' },
        }),
      409,
      'outcome.first_refusal_exercised',
    );
    const taken = await ok<Transfer>(
      send(smeAdmin, 'POST', `${transfers(o)}/${offer.id}/complete`, { version: answered.version }),
    );
    expect(taken.status).toBe('taken_by_co_owners');
    const after = await ok<Outcome>(send(smeAdmin, 'GET', `/api/v1/outcomes/${o.id}`));
    expect(after.shares.map((s) => [s.holderKey, s.basisPoints]).sort()).toEqual(
      [
        [leadId, 6250],
        [uniId, 3750],
      ].sort(),
    );
  });

  it('allows the sale once the period lapsed without an acceptance, and refuses late answers', async () => {
    const o = await patent();
    const offer = await ok<Transfer>(
      send(uniAdmin, 'POST', transfers(o), {
        organizationId: uniId,
        kind: 'exclusive_licence',
        basisPoints: 3000,
        priceFen: '0',
      }),
      201,
    );
    await refused(
      () =>
        send(uniAdmin, 'POST', transfers(o), {
          organizationId: uniId,
          kind: 'sale',
          basisPoints: 3001,
          priceFen: '0',
        }),
      400,
      'outcome.share_insufficient',
      'body.basisPoints',
    );
    const past = new Date(Date.now() - 31 * 86_400_000).toISOString();
    await t.ctx.db
      .updateTable('ip_transfer')
      .set({ offered_at: past, deadline: new Date(Date.parse(past) + 30 * 86_400_000).toISOString() })
      .where('id', '=', offer.id)
      .execute();
    await refused(
      () =>
        send(leadAdmin, 'POST', `${transfers(o)}/${offer.id}/respond`, {
          organizationId: leadId,
          answer: 'accept',
        }),
      409,
      'outcome.offer_period_over',
    );
    const listed = await ok<TransferList>(send(uniAdmin, 'GET', transfers(o)));
    expect(listed.items[0]?.thirdPartyAllowed).toBe(true);
    const licensed = await ok<Transfer>(
      send(uniAdmin, 'POST', `${transfers(o)}/${offer.id}/complete`, {
        version: offer.version,
        transferee: { organizationId: outsiderOrgId, priceFen: '0' },
      }),
    );
    expect(licensed.status).toBe('licensed');
    const after = await ok<Outcome>(send(uniAdmin, 'GET', `/api/v1/outcomes/${o.id}`));
    expect(after.shares.find((s) => s.holderKey === uniId)?.basisPoints).toBe(3000);
  });

  it('refuses offers by non-owners and outsiders', async () => {
    const o = await patent();
    await refused(
      () =>
        send(outsider, 'POST', transfers(o), {
          organizationId: outsiderOrgId,
          kind: 'sale',
          basisPoints: 1,
          priceFen: '1',
        }),
      404,
      'record.not_found',
    );
    await refused(
      () =>
        send(leadMember, 'POST', transfers(o), {
          organizationId: leadId,
          kind: 'sale',
          basisPoints: 1,
          priceFen: '1',
        }),
      403,
      'auth.forbidden',
    );
    const withdrawn = await ok<Transfer>(
      send(leadAdmin, 'POST', transfers(o), {
        organizationId: leadId,
        kind: 'sale',
        basisPoints: 1,
        priceFen: '1',
      }),
      201,
    );
    const done = await ok<Transfer>(
      send(leadAdmin, 'POST', `${transfers(o)}/${withdrawn.id}/withdraw`, { version: withdrawn.version }),
    );
    expect(done.status).toBe('withdrawn');
    await refused(
      () => send(leadAdmin, 'POST', `${transfers(o)}/${withdrawn.id}/withdraw`, { version: done.version }),
      409,
      'outcome.transfer_not_open',
    );
  });
});

describe('income after a member left', () => {
  it('gives a member that left under “until exit only” no part of later income, and keeps the whole exact', async () => {
    await forceCharter(charter({ method: 'fixed', shares: shares(3334, 3333, 3333), costRecovery: null }));
    // The SME left on 2026-11-10 (its exit itself is tested in the consortia module).
    const setStatus = (status: 'left' | 'active', endedAt: string | null) =>
      t.ctx.db
        .updateTable('consortium_member')
        .set({ status, ended_at: endedAt })
        .where('consortium_id', '=', consortiumId)
        .where('organization_id', '=', smeId)
        .execute();
    await setStatus('left', '2026-11-10T02:00:00.000Z');
    try {
      const before = await ok<Income>(
        send(
          leadAdmin,
          'POST',
          `/api/v1/projects/${projectId}/income`,
          income('100000001', { receivedOn: '2026-11-09' }),
        ),
        201,
      );
      expect(lineOf(before, smeId)?.totalFen).toBe('33330000');

      const after = await ok<Income>(
        send(
          leadAdmin,
          'POST',
          `/api/v1/projects/${projectId}/income`,
          income('100000001', { receivedOn: '2026-11-10' }),
        ),
        201,
      );
      expect(lineOf(after, smeId)?.totalFen ?? '0').toBe('0');
      expect(lineOf(after, leadId)?.totalFen).toBe('50007500');
      expect(lineOf(after, uniId)?.totalFen).toBe('49992501');
      expect(after.statements.reduce((sum, s) => sum + BigInt(s.totalFen), 0n)).toBe(100000001n);
      const smeEntries = await t.ctx.db
        .selectFrom('account_entry')
        .select('id')
        .where('organization_id', '=', smeId)
        .where('income_id', '=', after.id)
        .execute();
      expect(smeEntries).toHaveLength(0);
    } finally {
      await setStatus('active', null);
    }
  });
});
