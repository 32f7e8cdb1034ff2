import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { databaseFingerprint } from '../../test/fingerprint.js';
import { insertUserInTransaction } from '../identity/service.js';
import type { CharterContent, CharterVersionView, Consortium } from '../consortia/schemas.js';
import type { OrganizationKind } from '../organizations/schemas.js';
import { insertClusterInTransaction, insertOrganizationInTransaction } from '../organizations/service.js';
import { configureEmailQueueing, notify, resolveRecipients, type NotifyInput } from './notify.js';
import type { MarkAllRead, Notification, NotificationList, NotificationPreferences } from './schemas.js';

let t: TestApp;
let leadAdmin: Client;
let leadColleague: Client;
let uniAdmin: Client;
let uniMember: Client;
let instAdmin: Client;
let office: Client;
let office2: Client;
let auditor: Client;
let outsider: Client;
let leadId: string;
let universityId: string;
let instituteId: string;
let serial = 0;

async function organization(
  kind: OrganizationKind,
  members: { client: Client; role: 'admin' | 'member' }[],
  sizeClass: 'leading' | 'small' | null = null,
): Promise<string> {
  serial += 1;
  return t.ctx.db.transaction().execute((tx) =>
    insertOrganizationInTransaction(
      tx,
      {
        kind,
        sizeClass,
        nameZh: `通知测试机构${serial}`,
        nameEn: `Notification Test Organisation ${serial}`,
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

function notifyNow(input: NotifyInput) {
  return t.ctx.db.transaction().execute((tx) => notify(tx, input));
}

async function inbox(client: Client, query = ''): Promise<NotificationList> {
  return ok<NotificationList>(send(client, 'GET', `/api/v1/notifications${query}`));
}

async function kindsOf(client: Client): Promise<string[]> {
  return (await inbox(client, '?limit=100')).items.map((n) => n.kind);
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
  [leadAdmin, leadColleague, uniAdmin, uniMember, instAdmin, outsider] = (await Promise.all(
    Array.from({ length: 6 }, () => signedInUser(t)),
  )) as [Client, Client, Client, Client, Client, Client];
  office = await signedInUser(t, { platformRoles: ['cluster_office'] });
  office2 = await signedInUser(t, { platformRoles: ['cluster_office', 'auditor'] });
  auditor = await signedInUser(t, { platformRoles: ['auditor'] });
  leadId = await organization(
    'enterprise',
    [
      { client: leadAdmin, role: 'admin' },
      { client: leadColleague, role: 'member' },
    ],
    'leading',
  );
  universityId = await organization('university', [
    { client: uniAdmin, role: 'admin' },
    { client: uniMember, role: 'member' },
  ]);
  instituteId = await organization('research_institute', [{ client: instAdmin, role: 'admin' }]);
});

afterAll(async () => {
  configureEmailQueueing(null);
  await t?.close();
});

afterEach(() => configureEmailQueueing({ enabled: false, publicUrl: null }));

describe('notify: recipients', () => {
  it('resolves admins, members, platform roles and given users, each user once', async () => {
    const ids = await t.ctx.db.transaction().execute((tx) =>
      resolveRecipients(tx, {
        userIds: [outsider.userId, uniAdmin.userId, 'no-such-user'],
        organizationAdminsOf: [leadId, universityId],
        organizationMembersOf: [universityId],
        platformRoles: ['cluster_office'],
      }),
    );
    expect(ids).toEqual(
      [
        outsider.userId,
        uniAdmin.userId,
        leadAdmin.userId,
        uniMember.userId,
        office.userId,
        office2.userId,
      ].sort(),
    );
  });

  it('takes only admins for organizationAdminsOf and nobody for empty lists', async () => {
    const tx = (f: Parameters<typeof resolveRecipients>[1]) =>
      t.ctx.db.transaction().execute((x) => resolveRecipients(x, f));
    expect(await tx({ organizationAdminsOf: [leadId] })).toEqual([leadAdmin.userId]);
    expect(await tx({ organizationMembersOf: [leadId] })).toEqual(
      [leadAdmin.userId, leadColleague.userId].sort(),
    );
    expect(await tx({ platformRoles: ['auditor'] })).toEqual([office2.userId, auditor.userId].sort());
    expect(await tx({})).toEqual([]);
    expect(await tx({ organizationAdminsOf: [], userIds: [] })).toEqual([]);
  });

  it('creates one notification per recipient and none twice for the same de-duplication key', async () => {
    const input: NotifyInput = {
      kind: 'test.hello',
      recipients: { userIds: [outsider.userId], organizationMembersOf: [universityId] },
      params: { who: 'you', n: 3 },
      link: '/somewhere',
      dedupeKey: 'test.hello:1',
    };
    const first = await notifyNow(input);
    expect(first.notificationIds).toHaveLength(3);
    const again = await notifyNow({ ...input, recipients: { userIds: [outsider.userId, auditor.userId] } });
    expect(again.notificationIds).toHaveLength(1); // only the auditor is new
    const mine = (await inbox(outsider)).items.filter((n) => n.kind === 'test.hello');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ params: { who: 'you', n: 3 }, link: '/somewhere', readAt: null });
    // Without a key, every call notifies.
    await notifyNow({ kind: 'test.plain', recipients: { userIds: [outsider.userId] }, params: {} });
    await notifyNow({ kind: 'test.plain', recipients: { userIds: [outsider.userId] }, params: {} });
    expect((await kindsOf(outsider)).filter((k) => k === 'test.plain')).toHaveLength(2);
  });

  it('writes nothing when the transaction rolls back', async () => {
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await notify(tx, {
          kind: 'test.rolled_back',
          recipients: { userIds: [outsider.userId] },
          params: {},
        });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await kindsOf(outsider)).not.toContain('test.rolled_back');
  });

  it('refuses a malformed kind or link (a programming error)', async () => {
    await expect(notifyNow({ kind: 'Nope', recipients: {}, params: {} })).rejects.toThrow(/invalid kind/);
    await expect(
      notifyNow({ kind: 'test.x', recipients: {}, params: {}, link: 'https://evil.example' }),
    ).rejects.toThrow(/link/);
  });
});

describe('notify: e-mail outbox', () => {
  async function emailsOf(notificationIds: string[]) {
    if (notificationIds.length === 0) return [];
    return t.ctx.db
      .selectFrom('notification_email')
      .selectAll()
      .where('notification_id', 'in', notificationIds)
      .orderBy('to_address')
      .execute();
  }

  it('queues nothing while e-mail is not configured', async () => {
    const r = await notifyNow({
      kind: 'consortium.designation_submitted',
      recipients: { userIds: [office.userId] },
      params: {},
    });
    expect(r.emailsQueued).toBe(0);
    expect(await emailsOf(r.notificationIds)).toEqual([]);
  });

  it('queues one e-mail per recipient in the recipient’s language, with the link', async () => {
    configureEmailQueueing({ enabled: true, publicUrl: 'https://consortia.example.org/' });
    await ok(send(auditor, 'PATCH', '/api/v1/auth/me', { locale: 'en' }));
    const r = await notifyNow({
      kind: 'charter.effective',
      recipients: { userIds: [office.userId, auditor.userId] },
      params: { consortium_zh: '碳化硅联合体', consortium_en: 'SiC Consortium', number: 2 },
      link: '/consortia/abc',
    });
    expect(r.emailsQueued).toBe(2);
    const emails = await emailsOf(r.notificationIds);
    const byAddress = new Map(emails.map((e) => [e.to_address, e]));
    const zh = byAddress.get(office.email);
    const en = byAddress.get(auditor.email);
    expect(zh).toMatchObject({
      status: 'queued',
      attempts: 0,
      subject: '[Consortia] “碳化硅联合体”联合体协议第 2 版已生效',
    });
    expect(zh?.body_text).toContain('https://consortia.example.org/consortia/abc');
    expect(en).toMatchObject({
      status: 'queued',
      subject: '[Consortia] Version 2 of the charter of “SiC Consortium” is now effective',
    });
    expect(en?.body_text).toContain('Notifications page');
  });

  it('sends no e-mail to a user who turned e-mail off, but still notifies them in the app', async () => {
    configureEmailQueueing({ enabled: true, publicUrl: null });
    const pref = await ok<NotificationPreferences>(
      send(uniMember, 'PUT', '/api/v1/notifications/preferences', { emailEnabled: false }),
    );
    expect(pref).toEqual({ emailEnabled: false, emailAvailable: true });
    const r = await notifyNow({
      kind: 'test.quiet',
      recipients: { organizationMembersOf: [universityId] },
      params: {},
    });
    expect(r.notificationIds).toHaveLength(2);
    expect((await emailsOf(r.notificationIds)).map((e) => e.to_address)).toEqual([uniAdmin.email]);
    expect(await kindsOf(uniMember)).toContain('test.quiet');
    await ok(send(uniMember, 'PUT', '/api/v1/notifications/preferences', { emailEnabled: true }));
  });
  it('sends no e-mail to demo accounts (their addresses are fictional)', async () => {
    configureEmailQueueing({ enabled: true, publicUrl: null });
    const demoId = await t.ctx.db.transaction().execute((tx) =>
      insertUserInTransaction(
        tx,
        {
          email: 'demo.person@demo.consortia.cn',
          displayName: 'Demo',
          passwordHash: 'not-a-real-hash',
          locale: 'zh-CN',
          isDemo: true,
          platformRoles: [],
        },
        null,
      ),
    );
    const r = await notifyNow({
      kind: 'test.demo',
      recipients: { userIds: [demoId, outsider.userId] },
      params: {},
    });
    expect(r.notificationIds).toHaveLength(2);
    expect((await emailsOf(r.notificationIds)).map((e) => e.to_address)).toEqual([outsider.email]);
  });
});

describe('the notifications API', () => {
  it('lists only your own notifications, newest first, paginated, with an unread filter', async () => {
    const reader = await signedInUser(t);
    for (let i = 1; i <= 5; i += 1)
      await notifyNow({ kind: 'test.numbered', recipients: { userIds: [reader.userId] }, params: { i } });
    await notifyNow({ kind: 'test.numbered', recipients: { userIds: [outsider.userId] }, params: { i: 99 } });

    const page1 = await inbox(reader, '?limit=2');
    expect(page1).toMatchObject({ total: 5, unread: 5, limit: 2, offset: 0 });
    expect(page1.items.map((n) => n.params['i'])).toEqual([5, 4]);
    const page3 = await inbox(reader, '?limit=2&offset=4');
    expect(page3.items.map((n) => n.params['i'])).toEqual([1]);

    const target = page1.items[1] as Notification;
    const read = await ok<Notification>(send(reader, 'POST', `/api/v1/notifications/${target.id}/read`));
    expect(read.readAt).not.toBeNull();
    // Again: still read, same time.
    const again = await ok<Notification>(send(reader, 'POST', `/api/v1/notifications/${target.id}/read`));
    expect(again.readAt).toBe(read.readAt);

    expect(await ok(send(reader, 'GET', '/api/v1/notifications/unread-count'))).toEqual({ unread: 4 });
    const unread = await inbox(reader, '?unread=true');
    expect(unread).toMatchObject({ total: 4, unread: 4 });
    expect(unread.items.map((n) => n.params['i'])).toEqual([5, 3, 2, 1]);

    const all = await ok<MarkAllRead>(send(reader, 'POST', '/api/v1/notifications/read-all'));
    expect(all).toEqual({ marked: 4, unread: 0 });
    expect((await inbox(reader, '?unread=true')).total).toBe(0);
    // The outsider's notification is untouched.
    expect((await inbox(outsider, '?unread=true')).items.some((n) => n.params['i'] === 99)).toBe(true);
  });

  it('answers 404 for someone else’s notification and changes nothing', async () => {
    const theirs = (await inbox(outsider)).items[0] as Notification;
    await refused(
      () => send(uniAdmin, 'POST', `/api/v1/notifications/${theirs.id}/read`),
      404,
      'record.not_found',
    );
    await refused(
      () => send(uniAdmin, 'POST', '/api/v1/notifications/nothing-here/read'),
      404,
      'record.not_found',
    );
  });

  it('refuses bad input with the field, storing nothing', async () => {
    await refused(
      () => send(uniAdmin, 'PUT', '/api/v1/notifications/preferences', { emailEnabled: 'yes' }),
      400,
      'request.validation_failed',
      'body.emailEnabled',
    );
    await refused(
      () => send(uniAdmin, 'PUT', '/api/v1/notifications/preferences', { emailEnabled: true, extra: 1 }),
      400,
      'request.validation_failed',
    );
    const bad = await send(uniAdmin, 'GET', '/api/v1/notifications?limit=0');
    expect(bad.statusCode).toBe(400);
    const badUnread = await send(uniAdmin, 'GET', '/api/v1/notifications?unread=maybe');
    expect(badUnread.statusCode).toBe(400);
  });

  it('needs a signed-in user', async () => {
    expect((await anonymous(t).request({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(
      401,
    );
    expect(
      (await anonymous(t).request({ method: 'GET', url: '/api/v1/notifications/unread-count' })).statusCode,
    ).toBe(401);
  });

  it('keeps the e-mail preference per user, audits a change, and says whether e-mail is available', async () => {
    expect(await ok(send(instAdmin, 'GET', '/api/v1/notifications/preferences'))).toEqual({
      emailEnabled: true,
      emailAvailable: false,
    });
    await ok(send(instAdmin, 'PUT', '/api/v1/notifications/preferences', { emailEnabled: false }));
    expect(await ok(send(instAdmin, 'GET', '/api/v1/notifications/preferences'))).toMatchObject({
      emailEnabled: false,
    });
    expect(await ok(send(uniAdmin, 'GET', '/api/v1/notifications/preferences'))).toMatchObject({
      emailEnabled: true,
    });
    const events = await t.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', instAdmin.userId)
      .where('action', '=', 'notification.preferences_changed')
      .execute();
    expect(events).toHaveLength(1);
    await ok(send(instAdmin, 'PUT', '/api/v1/notifications/preferences', { emailEnabled: true }));
  });
});

describe('consortium events notify the people concerned', () => {
  function soundCharter(): CharterContent {
    const [A, B, C] = [leadId, universityId, instituteId];
    const rule = {
      shares: [
        { memberId: A, basisPoints: 4000 },
        { memberId: B, basisPoints: 4000 },
        { memberId: C, basisPoints: 2000 },
      ],
      licensing: { whoMayLicense: 'each_co_owner' as const, memberUse: 'royalty_free' as const, terms: '' },
    };
    return {
      currency: 'CNY',
      objectives: ['车规级碳化硅模块国产化'],
      workPackages: [
        {
          id: 'WP1',
          title: 'Materials research',
          description: '',
          stage: 'rd',
          responsibleMemberId: B,
          contributingMemberIds: [A],
          deliverables: [],
          startDate: null,
          endDate: null,
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
      contributions: [],
      backgroundIp: [],
      foregroundIp: { patent: rule, software: rule, know_how: rule, standard: rule },
      firstRefusal: { offerPeriodDays: 30 },
      benefit: { method: 'fixed', shares: rule.shares, costRecovery: null },
      exit: { noticeDays: 60, foregroundIp: 'keeps_shares', futureIncome: 'until_exit_only', conditions: '' },
      dispute: { steps: [{ step: 'negotiation', days: 30, forum: '' }] },
    };
  }

  async function consortium(id: string): Promise<Consortium> {
    return ok<Consortium>(send(leadAdmin, 'GET', `/api/v1/consortia/${id}`));
  }

  async function memberStep(
    client: Client,
    c: Consortium,
    organizationId: string,
    action: 'accept' | 'decline',
  ) {
    const current = await consortium(c.id);
    const member = current.members.find((m) => m.organization.id === organizationId);
    return ok(
      send(client, 'POST', `/api/v1/consortia/${c.id}/members/${organizationId}/${action}`, {
        version: member?.version,
      }),
    );
  }

  it('from invitation to an effective charter', async () => {
    const c = await ok<Consortium>(
      send(leadAdmin, 'POST', '/api/v1/consortia', {
        leadOrganizationId: leadId,
        nameZh: '通知联合体',
        nameEn: 'Notified Consortium',
        cluster: 'integrated-circuits',
      }),
      201,
    );
    for (const organizationId of [universityId, instituteId])
      await ok(
        send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/members`, { organizationId, role: 'core' }),
      );

    // Invitation: the invited organisation's admins only.
    const invited = (await inbox(uniAdmin)).items.find((n) => n.kind === 'consortium.invitation_received');
    expect(invited).toMatchObject({ link: '/consortia/invitations' });
    expect(invited?.params).toMatchObject({
      consortium_zh: '通知联合体',
      consortium_en: 'Notified Consortium',
    });
    expect(await kindsOf(uniMember)).not.toContain('consortium.invitation_received');

    // Answers: the lead's admins.
    await memberStep(uniAdmin, c, universityId, 'accept');
    await memberStep(instAdmin, c, instituteId, 'accept');
    const leadKinds = await kindsOf(leadAdmin);
    expect(leadKinds.filter((k) => k === 'consortium.invitation_accepted')).toHaveLength(2);
    expect(await kindsOf(leadColleague)).not.toContain('consortium.invitation_accepted');

    // Charter opened: the active members' admins.
    const draft = await ok<CharterVersionView>(
      send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/charter/versions`, { content: soundCharter() }),
      201,
    );
    const opened = await ok<CharterVersionView>(
      send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/charter/versions/${draft.number}/open`, {
        version: draft.version,
      }),
    );
    for (const admin of [leadAdmin, uniAdmin, instAdmin])
      expect(await kindsOf(admin)).toContain('charter.opened_for_signature');
    expect(await kindsOf(uniMember)).not.toContain('charter.opened_for_signature');

    // Effective: every member of the member organisations.
    for (const [client, organizationId] of [
      [leadAdmin, leadId],
      [uniAdmin, universityId],
      [instAdmin, instituteId],
    ] as const)
      await ok(
        send(client, 'POST', `/api/v1/consortia/${c.id}/charter/versions/${opened.number}/sign`, {
          organizationId,
          digest: opened.digest,
        }),
      );
    for (const member of [leadAdmin, leadColleague, uniAdmin, uniMember, instAdmin]) {
      const effective = (await inbox(member)).items.filter((n) => n.kind === 'charter.effective');
      expect(effective, member.email).toHaveLength(1);
      expect(effective[0]?.params).toMatchObject({ number: opened.number });
    }
    expect(await kindsOf(outsider)).not.toContain('charter.effective');

    // Designation: the office hears of the application, the lead's admins of the decision.
    const before = await consortium(c.id);
    await ok(
      send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/designation/submit`, { version: before.version }),
    );
    for (const o of [office, office2]) expect(await kindsOf(o)).toContain('consortium.designation_submitted');
    expect(await kindsOf(auditor)).not.toContain('consortium.designation_submitted');
    const submitted = await consortium(c.id);
    await ok(
      send(office, 'POST', `/api/v1/consortia/${c.id}/designation/return`, {
        version: submitted.version,
        comments: '请补充中试计划',
      }),
    );
    const returned = (await inbox(leadAdmin)).items.find((n) => n.kind === 'consortium.designation_returned');
    expect(returned?.params).toMatchObject({ comments: '请补充中试计划' });
    const resubmit = await consortium(c.id);
    await ok(
      send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/designation/submit`, { version: resubmit.version }),
    );
    const again = await consortium(c.id);
    await ok(
      send(office, 'POST', `/api/v1/consortia/${c.id}/designation/approve`, { version: again.version }),
    );
    expect(await kindsOf(leadAdmin)).toContain('consortium.designation_approved');
    expect(
      (await inbox(office, '?limit=100')).items.filter(
        (n) => n.kind === 'consortium.designation_submitted' && n.link === `/consortia/${c.id}`,
      ),
      'one per application round',
    ).toHaveLength(2);
  });

  it('tells the lead when an invitation is declined', async () => {
    const c = await ok<Consortium>(
      send(leadAdmin, 'POST', '/api/v1/consortia', {
        leadOrganizationId: leadId,
        nameZh: '谢绝联合体',
        nameEn: 'Declined Consortium',
        cluster: 'integrated-circuits',
      }),
      201,
    );
    await ok(
      send(leadAdmin, 'POST', `/api/v1/consortia/${c.id}/members`, {
        organizationId: instituteId,
        role: 'core',
      }),
    );
    await memberStep(instAdmin, c, instituteId, 'decline');
    const declined = (await inbox(leadAdmin)).items.find((n) => n.kind === 'consortium.invitation_declined');
    expect(declined).toMatchObject({ link: `/consortia/${c.id}` });
    expect(declined?.params).toMatchObject({ consortium_en: 'Declined Consortium' });
  });
});
