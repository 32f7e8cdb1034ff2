import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOf } from '../../platform/audit/chain.js';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { databaseFingerprint } from '../../test/fingerprint.js';
import type { OrganizationKind, SizeClass } from '../organizations/schemas.js';
import { insertClusterInTransaction, insertOrganizationInTransaction } from '../organizations/service.js';
import type { CharterContent } from './charter.js';
import type {
  CharterDiffView,
  CharterOverview,
  CharterVersionList,
  CharterVersionView,
  Consortium,
  MemberStep,
} from './schemas.js';

let t: TestApp;
let leadAdmin: Client;
let leadColleague: Client;
let uniAdmin: Client;
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
        nameZh: `章程测试机构${serial}`,
        nameEn: `Charter Test Organisation ${serial}`,
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
  expect(body.code).toBe(code);
  if (field !== undefined) expect(body.details.issues?.map((i) => i.field)).toEqual([field]);
  expect(await databaseFingerprint(t.ctx.db)).toEqual(before);
  return body;
}

async function consortium(c: Pick<Consortium, 'id'>): Promise<Consortium> {
  return ok<Consortium>(send(leadAdmin, 'GET', `/api/v1/consortia/${c.id}`));
}

function memberVersion(c: Consortium, organizationId: string): number {
  const member = c.members.find((m) => m.organization.id === organizationId);
  if (!member) throw new Error(`no member ${organizationId}`);
  return member.version;
}

async function step(
  client: Client,
  c: Pick<Consortium, 'id'>,
  organizationId: string,
  action: 'accept' | 'remove' | 'leave',
): Promise<LightMyRequestResponse> {
  const current = await consortium(c);
  return send(client, 'POST', `/api/v1/consortia/${c.id}/members/${organizationId}/${action}`, {
    version: memberVersion(current, organizationId),
  });
}

async function invite(c: Pick<Consortium, 'id'>, organizationId: string): Promise<void> {
  await ok(send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/members`, { organizationId, role: 'core' }));
}

/** A forming consortium of the lead, the university and the institute, all active. */
async function readyConsortium(): Promise<Consortium> {
  serial += 1;
  const c = await ok<Consortium>(
    send(leadAdmin, 'POST', '/api/v1/consortia', {
      leadOrganizationId: leadId,
      nameZh: `章程联合体${serial}`,
      nameEn: `Charter Consortium ${serial}`,
      cluster: 'integrated-circuits',
    }),
    201,
  );
  await invite(c, universityId);
  await invite(c, instituteId);
  await ok(step(uniAdmin, c, universityId, 'accept'));
  await ok(step(instAdmin, c, instituteId, 'accept'));
  return consortium(c);
}

/** A sound charter of the lead (A), the university (B) and the institute (C). */
function soundCharter(): CharterContent {
  const [A, B, C] = [leadId, universityId, instituteId];
  const shares = [
    { memberId: A, basisPoints: 4000 },
    { memberId: B, basisPoints: 4000 },
    { memberId: C, basisPoints: 2000 },
  ];
  const rule = {
    shares,
    licensing: { whoMayLicense: 'each_co_owner' as const, memberUse: 'royalty_free' as const, terms: '' },
  };
  return {
    currency: 'CNY',
    objectives: ['车规级碳化硅模块国产化'],
    workPackages: [
      {
        id: 'WP1',
        title: 'Materials research',
        description: 'Substrates and epitaxy',
        stage: 'rd',
        responsibleMemberId: B,
        contributingMemberIds: [A],
        deliverables: [{ id: 'D1.1', title: 'Process report', dueDate: '2026-06-30' }],
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      },
      {
        id: 'WP2',
        title: 'Pilot line',
        description: '',
        stage: 'pilot',
        responsibleMemberId: C,
        contributingMemberIds: [],
        deliverables: [],
        startDate: null,
        endDate: null,
      },
    ],
    contributions: [
      {
        id: 'C1',
        kind: 'cash',
        memberId: A,
        workPackageId: 'WP2',
        description: 'Funding',
        valuationFen: 300_000_000,
      },
      {
        id: 'C3',
        kind: 'equipment',
        memberId: C,
        workPackageId: 'WP2',
        description: 'Coating line',
        valuationFen: 60_000_000,
      },
    ],
    backgroundIp: [],
    foregroundIp: { patent: rule, software: rule, know_how: rule, standard: rule },
    firstRefusal: { offerPeriodDays: 30 },
    benefit: {
      method: 'fixed',
      shares: [
        { memberId: A, basisPoints: 5000 },
        { memberId: B, basisPoints: 3000 },
        { memberId: C, basisPoints: 2000 },
      ],
      costRecovery: null,
    },
    exit: { noticeDays: 60, foregroundIp: 'keeps_shares', futureIncome: 'until_exit_only', conditions: '' },
    dispute: {
      steps: [
        { step: 'negotiation', days: 30, forum: '' },
        { step: 'arbitration', days: null, forum: '苏州仲裁委员会' },
      ],
    },
  };
}

const base = (c: Pick<Consortium, 'id'>) => `/api/v1/consortia/${c.id}/charter`;

function sign(client: Client, c: Pick<Consortium, 'id'>, v: CharterVersionView, organizationId: string) {
  return send(client, 'POST', `${base(c)}/versions/${v.number}/sign`, {
    organizationId,
    digest: v.digest,
  });
}

async function charterActions(consortiumId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_event')
    .select('action')
    .where('entity_id', '=', consortiumId)
    .where('action', 'like', 'charter.%')
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
  [leadAdmin, leadColleague, uniAdmin, instAdmin, supplierAdmin, outsider] = (await Promise.all(
    Array.from({ length: 6 }, () => signedInUser(t)),
  )) as [Client, Client, Client, Client, Client, Client];
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
});
afterAll(async () => {
  await t.close();
});

describe('charter versions, signatures and effectiveness', () => {
  it('drafts, refuses to open a draft whose shares miss 100%, then signs, amends, diffs and gates leaving', async () => {
    const c = await readyConsortium();
    const empty = await ok<CharterOverview>(send(leadAdmin, 'GET', base(c)));
    expect(empty).toEqual({ effective: null, open: null, permissions: { createDraft: true } });
    expect((await ok<CharterOverview>(send(uniAdmin, 'GET', base(c)))).permissions.createDraft).toBe(false);

    // A draft with income shares adding up to 90% may be saved; it shows its issue.
    const wrong = soundCharter();
    if (wrong.benefit.method !== 'fixed') throw new Error('fixed shares expected');
    wrong.benefit.shares[2] = { memberId: instituteId, basisPoints: 1000 };
    const draft = await ok<CharterVersionView>(
      send(leadAdmin, 'POST', `${base(c)}/versions`, { content: wrong }),
      201,
    );
    const sharesIssue = {
      field: 'content.benefit.shares',
      code: 'charter.shares_not_10000',
      message: 'Fixed income shares add up to 9,000 basis points; they must add up to exactly 10,000',
      params: { total: 9000 },
    };
    expect(draft).toMatchObject({ number: 1, status: 'draft', digest: null, basedOn: null, version: 1 });
    expect(draft.issues).toEqual([sharesIssue]);
    expect(draft.permissions).toEqual({ edit: true, open: true, signFor: [] });

    // Opening it for signature is refused with the exact message and field, and stores nothing.
    const invalid = await refused(
      () => send(leadAdmin, 'POST', `${base(c)}/versions/1/open`, { version: 1 }),
      400,
      'charter.invalid',
      'content.benefit.shares',
    );
    const { params: _params, ...fieldIssue } = sharesIssue;
    expect(invalid.details.issues).toEqual([fieldIssue]);
    expect(invalid.message).toBe(`The charter cannot be signed yet: ${sharesIssue.message}`);
    await refused(
      () => send(uniAdmin, 'POST', `${base(c)}/versions/1/open`, { version: 1 }),
      403,
      'auth.forbidden',
    );

    // Fixed, versioned; a stale edit is refused.
    const content = soundCharter();
    const fixed = await ok<CharterVersionView>(
      send(leadAdmin, 'PUT', `${base(c)}/versions/1`, { version: 1, content }),
    );
    expect(fixed).toMatchObject({ status: 'draft', version: 2, issues: [] });
    await refused(
      () => send(leadAdmin, 'PUT', `${base(c)}/versions/1`, { version: 1, content: wrong }),
      409,
      'record.version_conflict',
    );

    // Opened: the content is frozen and its digest fixed.
    const opened = await ok<CharterVersionView>(
      send(leadAdmin, 'POST', `${base(c)}/versions/1/open`, { version: 2 }),
    );
    expect(opened).toMatchObject({ status: 'signing', digest: digestOf(content), version: 3 });
    expect(opened.missingSignatures.map((o) => o.id)).toEqual([leadId, universityId, instituteId]);
    expect(opened.permissions.signFor).toEqual([leadId]);
    await refused(
      () => send(leadAdmin, 'PUT', `${base(c)}/versions/1`, { version: 3, content: wrong }),
      409,
      'charter.not_draft',
    );

    // Signatures bind to the digest the signer saw; only admins of an active member sign for it.
    await refused(
      () => sign(uniAdmin, c, { ...opened, digest: digestOf(wrong) }, universityId),
      409,
      'charter.digest_mismatch',
      'body.digest',
    );
    await refused(() => sign(leadColleague, c, opened, leadId), 403, 'auth.forbidden');
    await refused(() => sign(uniAdmin, c, opened, instituteId), 403, 'auth.forbidden');
    await refused(() => sign(outsider, c, opened, leadId), 404, 'record.not_found');
    await ok(sign(leadAdmin, c, opened, leadId));
    const half = await ok<CharterVersionView>(sign(uniAdmin, c, opened, universityId));
    expect(half).toMatchObject({ status: 'signing', signatures: 2 });
    expect(half.missingSignatures.map((o) => o.id)).toEqual([instituteId]);
    await refused(() => sign(uniAdmin, c, opened, universityId), 409, 'charter.already_signed');
    const effective = await ok<CharterVersionView>(sign(instAdmin, c, opened, instituteId));
    expect(effective).toMatchObject({ status: 'effective', signatures: 3, missingSignatures: [] });
    expect(effective.effectiveAt).not.toBeNull();
    const overview = await ok<CharterOverview>(send(uniAdmin, 'GET', base(c)));
    expect(overview.effective?.number).toBe(1);
    expect(overview.open).toBeNull();

    // Under the effective charter, the institute has open duties: it neither leaves nor is removed.
    const leave = await refused(
      () => step(instAdmin, c, instituteId, 'leave'),
      409,
      'consortium.exit_not_allowed',
    );
    expect(leave.message).toMatch(
      /^Charter Test Organisation \d+ cannot leave with 2 open duties \(responsible for work package WP2; contribution C3\); reassign them first$/,
    );
    expect(leave.details).toMatchObject({
      charterVersion: 1,
      openDuties: [
        { kind: 'responsible', workPackageId: 'WP2' },
        { kind: 'contribution', contributionId: 'C3' },
      ],
      issues: [
        { code: 'charter.member_has_open_duties', field: 'content.workPackages.1.responsibleMemberId' },
      ],
    });
    await refused(() => step(leadAdmin, c, instituteId, 'remove'), 409, 'consortium.exit_not_allowed');

    // An amendment: a new draft based on the effective version, copying it, that reassigns the
    // institute's duties; every member signs again.
    const amendment = await ok<CharterVersionView>(send(leadAdmin, 'POST', `${base(c)}/versions`, {}), 201);
    expect(amendment).toMatchObject({ number: 2, status: 'draft', basedOn: 1, content });
    const amended = soundCharter();
    amended.workPackages[1] = {
      ...(amended.workPackages[1] as CharterContent['workPackages'][number]),
      responsibleMemberId: leadId,
    };
    amended.contributions = amended.contributions.filter((x) => x.id !== 'C3');
    const saved = await ok<CharterVersionView>(
      send(leadAdmin, 'PUT', `${base(c)}/versions/2`, { version: 1, content: amended }),
    );
    // The institute keeps no duty: the amendment releases it, which is no issue.
    expect(saved.issues).toEqual([]);
    const diff = await ok<CharterDiffView>(send(uniAdmin, 'GET', `${base(c)}/diff?from=1&to=2`));
    expect(diff.from).toMatchObject({ number: 1, status: 'effective' });
    expect(diff.changes.map((x) => [x.kind, x.path])).toEqual([
      ['changed', 'workPackages[WP2].responsibleMemberId'],
      ['removed', 'contributions[C3]'],
    ]);
    expect(diff.changes[0]).toMatchObject({ before: instituteId, after: leadId });
    const second = await ok<CharterVersionView>(
      send(leadAdmin, 'POST', `${base(c)}/versions/2/open`, { version: 2 }),
    );
    await ok(sign(leadAdmin, c, second, leadId));
    await ok(sign(uniAdmin, c, second, universityId));
    // Until the amendment takes effect, the institute's duties stay open.
    await refused(() => step(instAdmin, c, instituteId, 'leave'), 409, 'consortium.exit_not_allowed');
    const inForce = await ok<CharterVersionView>(sign(instAdmin, c, second, instituteId));
    expect(inForce).toMatchObject({ status: 'effective', basedOn: 1 });
    const versions = await ok<CharterVersionList>(send(auditor, 'GET', `${base(c)}/versions`));
    expect(versions.items.map((v) => [v.number, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'effective'],
    ]);
    expect(versions.items[0]?.supersededAt).not.toBeNull();

    // Reassigned, the institute may leave.
    const left = await ok<MemberStep>(step(instAdmin, c, instituteId, 'leave'));
    expect(left.member.status).toBe('left');

    expect(await charterActions(c.id)).toEqual([
      'charter.draft_create',
      'charter.draft_update',
      'charter.open',
      'charter.sign',
      'charter.sign',
      'charter.sign',
      'charter.effective',
      'charter.draft_create',
      'charter.draft_update',
      'charter.open',
      'charter.sign',
      'charter.sign',
      'charter.sign',
      'charter.effective',
    ]);
    const effectiveEvent = await t.ctx.db
      .selectFrom('audit_event')
      .select('details')
      .where('entity_id', '=', c.id)
      .where('action', '=', 'charter.effective')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(effectiveEvent.details)).toMatchObject({ number: 2, superseded: 1 });
  });

  it('needs the signature of a member who joins while it is signed; one who leaves no longer counts', async () => {
    const c = await readyConsortium();
    await ok(send(leadAdmin, 'POST', `${base(c)}/versions`, { content: soundCharter() }), 201);
    const opened = await ok<CharterVersionView>(
      send(leadAdmin, 'POST', `${base(c)}/versions/1/open`, { version: 1 }),
    );
    await ok(sign(leadAdmin, c, opened, leadId));
    await ok(sign(uniAdmin, c, opened, universityId));
    // The supplier joins: the version now needs its signature too.
    await invite(c, supplierId);
    // Invited, not yet active: it may read the charter but not sign it.
    await refused(
      () => sign(supplierAdmin, c, opened, supplierId),
      409,
      'charter.signer_not_member',
      'body.organizationId',
    );
    await ok(step(supplierAdmin, c, supplierId, 'accept'));
    const waiting = await ok<CharterVersionView>(sign(instAdmin, c, opened, instituteId));
    expect(waiting.status).toBe('signing');
    expect(waiting.missingSignatures.map((o) => o.id)).toEqual([supplierId]);
    // The supplier is removed before signing (no charter in force yet): the version takes effect.
    await ok(step(leadAdmin, c, supplierId, 'remove'));
    const now = await ok<CharterOverview>(send(leadAdmin, 'GET', base(c)));
    expect(now.effective).toMatchObject({ number: 1, status: 'effective', missingSignatures: [] });
    expect((await charterActions(c.id)).at(-1)).toBe('charter.effective');

    // Invited again and active, it accedes to the charter in force by signing it.
    await invite(c, supplierId);
    await ok(step(supplierAdmin, c, supplierId, 'accept'));
    const joined = await ok<CharterOverview>(send(supplierAdmin, 'GET', base(c)));
    expect(joined.effective?.missingSignatures.map((o) => o.id)).toEqual([supplierId]);
    expect(joined.effective?.permissions.signFor).toEqual([supplierId]);
    const acceded = await ok<CharterVersionView>(sign(supplierAdmin, c, opened, supplierId));
    expect(acceded).toMatchObject({ status: 'effective', missingSignatures: [], signatures: 4 });
    // Without duties in the charter in force, it may leave again.
    await ok(step(supplierAdmin, c, supplierId, 'leave'));
  });

  it('keeps the charter to insiders, one draft at a time, and withdraws a version being signed for a new draft', async () => {
    const c = await readyConsortium();
    for (const client of [outsider, supplierAdmin])
      await refused(() => send(client, 'GET', base(c)), 404, 'record.not_found');
    await refused(() => send(anonymous(t), 'GET', base(c)), 401, 'auth.unauthenticated');
    for (const client of [leadColleague, office, auditor]) await ok(send(client, 'GET', base(c)));
    await refused(
      () => send(uniAdmin, 'POST', `${base(c)}/versions`, { content: soundCharter() }),
      403,
      'auth.forbidden',
    );
    await refused(() => send(outsider, 'POST', `${base(c)}/versions`, {}), 404, 'record.not_found');
    await refused(
      () => send(leadAdmin, 'POST', `${base(c)}/versions`, { content: { ...soundCharter(), extra: 1 } }),
      400,
      'request.validation_failed',
    );
    // From scratch: an empty charter, with its issues.
    const blank = await ok<CharterVersionView>(send(leadAdmin, 'POST', `${base(c)}/versions`, {}), 201);
    expect(blank.content.workPackages).toEqual([]);
    expect(blank.issues.map((i) => i.code)).toContain('charter.objectives_missing');
    await refused(
      () => send(leadAdmin, 'POST', `${base(c)}/versions`, {}),
      409,
      'charter.open_version_exists',
    );
    await refused(() => send(leadAdmin, 'GET', `${base(c)}/versions/9`), 404, 'charter.version_not_found');
    await refused(
      () =>
        send(leadAdmin, 'POST', `${base(c)}/versions/1/sign`, {
          organizationId: leadId,
          digest: '0'.repeat(64),
        }),
      409,
      'charter.not_open_for_signature',
    );
    await ok(send(leadAdmin, 'PUT', `${base(c)}/versions/1`, { version: 1, content: soundCharter() }));
    const opened = await ok<CharterVersionView>(
      send(leadAdmin, 'POST', `${base(c)}/versions/1/open`, { version: 2 }),
    );
    await refused(
      () => send(leadAdmin, 'POST', `${base(c)}/versions/1/open`, { version: 3 }),
      409,
      'charter.not_draft',
    );
    await ok(sign(leadAdmin, c, opened, leadId));
    // A new draft replaces the version being signed, which is withdrawn and takes no more signatures.
    const redraft = await ok<CharterVersionView>(send(leadAdmin, 'POST', `${base(c)}/versions`, {}), 201);
    expect(redraft).toMatchObject({ number: 2, basedOn: null, content: soundCharter() });
    const versions = await ok<CharterVersionList>(send(uniAdmin, 'GET', `${base(c)}/versions`));
    expect(versions.items.map((v) => [v.number, v.status])).toEqual([
      [1, 'withdrawn'],
      [2, 'draft'],
    ]);
    await refused(() => sign(uniAdmin, c, opened, universityId), 409, 'charter.not_open_for_signature');
    const same = await ok<CharterDiffView>(send(uniAdmin, 'GET', `${base(c)}/diff?from=1&to=2`));
    expect(same.changes).toEqual([]);
    // Without an effective charter, members leave freely.
    await ok(step(instAdmin, c, instituteId, 'leave'));
    expect(await charterActions(c.id)).toEqual([
      'charter.draft_create',
      'charter.draft_update',
      'charter.open',
      'charter.sign',
      'charter.withdraw',
      'charter.draft_create',
    ]);
  });
});
