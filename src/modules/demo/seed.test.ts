import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, logInAs, openTestApp, signedInUser, type TestApp } from '../../test/app.js';
import { verifyAuditChain } from '../../platform/audit/audit.js';
import type { OrganizationList } from '../organizations/schemas.js';
import { DEMO_CLUSTERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS } from './data.js';
import { DEMO_MATCH_EVENTS, DEMO_MATCHES } from './matches-data.js';
import {
  DEMO_ACHIEVEMENTS,
  DEMO_CAPABILITIES,
  DEMO_DIRECTORY_EVENTS,
  DEMO_EXPERTS,
  DEMO_NEEDS,
} from './directory-data.js';
import { DEMO_PROJECT_EVENTS, isDatabaseEmpty, seedDemo } from './seed.js';

async function count(
  t: TestApp,
  table: 'cluster' | 'organization' | 'app_user' | 'membership' | 'audit_event',
): Promise<number> {
  const row = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('seedDemo on an empty database', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await openTestApp();
    expect(await isDatabaseEmpty(t.ctx)).toBe(true);
    expect(await seedDemo(t.ctx)).toEqual({
      seeded: true,
      clusters: DEMO_CLUSTERS.length,
      organizations: DEMO_ORGANIZATIONS.length,
      users: DEMO_USERS.length,
      directoryRecords:
        DEMO_NEEDS.length + DEMO_CAPABILITIES.length + DEMO_ACHIEVEMENTS.length + DEMO_EXPERTS.length,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads every cluster, organisation, user and membership, marked as demo data', async () => {
    expect(await count(t, 'cluster')).toBe(DEMO_CLUSTERS.length);
    expect(await count(t, 'organization')).toBe(DEMO_ORGANIZATIONS.length);
    expect(await count(t, 'app_user')).toBe(DEMO_USERS.length);
    expect(await count(t, 'membership')).toBe(DEMO_USERS.reduce((n, u) => n + u.memberships.length, 0));
    const notDemo = await t.ctx.db.selectFrom('organization').select('id').where('is_demo', '=', 0).execute();
    expect(notDemo).toEqual([]);
    const verified = await t.ctx.db
      .selectFrom('organization')
      .select('id')
      .where('verification_status', '=', 'verified')
      .execute();
    expect(verified).toHaveLength(DEMO_ORGANIZATIONS.filter((o) => o.verified).length);
  });

  it('writes one audit event per record, in an intact chain', async () => {
    const expected =
      DEMO_CLUSTERS.length +
      DEMO_ORGANIZATIONS.length +
      DEMO_USERS.length +
      DEMO_DIRECTORY_EVENTS +
      DEMO_MATCH_EVENTS +
      DEMO_PROJECT_EVENTS;
    expect(await count(t, 'audit_event')).toBe(expected);
    expect(await verifyAuditChain(t.ctx.db)).toEqual({ ok: true, checked: expected, firstBreak: null });
  });

  it('refuses to seed a second time and changes nothing', async () => {
    const before = await count(t, 'audit_event');

    const result = await seedDemo(t.ctx);

    expect(result).toEqual({
      seeded: false,
      reason: 'the database already has users or organisations',
      clusters: 0,
      organizations: 0,
      users: 0,
      directoryRecords: 0,
    });
    expect(await count(t, 'organization')).toBe(DEMO_ORGANIZATIONS.length);
    expect(await count(t, 'audit_event')).toBe(before);
  });

  it('lets every demo user sign in with the demo password, with their roles and organisations', async () => {
    for (const demo of DEMO_USERS) {
      const client = await logInAs(t, demo.email, DEMO_PASSWORD);
      const session = (await client.request({ method: 'GET', url: '/api/v1/auth/session' })).json<{
        user: { email: string; isDemo: boolean; locale: string };
        platformRoles: string[];
        memberships: { role: string; nameZh: string }[];
      }>();
      expect(session.user, demo.email).toMatchObject({
        email: demo.email,
        isDemo: true,
        locale: demo.locale,
      });
      expect(session.platformRoles, demo.email).toEqual([...demo.platformRoles].sort());
      const expectedOrgs = demo.memberships.map((m) => {
        const org = DEMO_ORGANIZATIONS.find((o) => o.key === m.org);
        return { role: m.role, nameZh: org?.nameZh };
      });
      expect(
        session.memberships
          .map((m) => ({ role: m.role, nameZh: m.nameZh }))
          .sort((a, b) => a.nameZh.localeCompare(b.nameZh)),
        demo.email,
      ).toEqual(expectedOrgs.sort((a, b) => (a.nameZh ?? '').localeCompare(b.nameZh ?? '')));
    }
  });

  it('hides the unverified demo organisations from the anonymous directory', async () => {
    const unverified = DEMO_ORGANIZATIONS.filter((o) => !o.verified);
    expect(unverified.length).toBeGreaterThan(0);

    const response = await anonymous(t).request({
      method: 'GET',
      url: '/api/v1/organizations?limit=100&verification=all',
    });
    const list = response.json<OrganizationList>();

    expect(list.total).toBe(DEMO_ORGANIZATIONS.length - unverified.length);
    const shown = new Set(list.items.map((o) => o.nameZh));
    for (const org of unverified) expect(shown.has(org.nameZh), org.key).toBe(false);
    for (const org of DEMO_ORGANIZATIONS.filter((o) => o.verified))
      expect(shown.has(org.nameZh), org.key).toBe(true);
  });

  it('loads the demo directory, listed through the API', async () => {
    const needs = (await anonymous(t).request({ method: 'GET', url: '/api/v1/needs?limit=100' })).json<{
      total: number;
      items: { detailsHidden: boolean; visibility: string }[];
    }>();
    expect(needs.total).toBe(DEMO_NEEDS.length);
    expect(needs.items.filter((n) => n.detailsHidden).length).toBe(
      DEMO_NEEDS.filter((n) => n.visibility !== 'public').length,
    );
    const experts = (await anonymous(t).request({ method: 'GET', url: '/api/v1/experts?limit=100' })).json<{
      total: number;
    }>();
    expect(experts.total).toBe(DEMO_EXPERTS.length);
  });

  it('loads a match pipeline with work in every state, and a contact waiting for the SME', async () => {
    const sme = await logInAs(t, 'sme@demo.consortia.cn', DEMO_PASSWORD);
    const waiting = (await sme.request({ method: 'GET', url: '/api/v1/matches?awaitingMe=true' })).json<{
      items: { status: string; initiatedBy: string; actions: { action: string }[] }[];
    }>();
    expect(waiting.items).toHaveLength(1);
    expect(waiting.items[0]).toMatchObject({ status: 'contacted', initiatedBy: 'provider' });
    expect(waiting.items[0]?.actions.map((a) => a.action)).toEqual(['accept', 'decline']);
    const office = await logInAs(t, 'office@demo.consortia.cn', DEMO_PASSWORD);
    const all = (await office.request({ method: 'GET', url: '/api/v1/matches?limit=100' })).json<{
      items: { status: string }[];
    }>();
    expect(all.items).toHaveLength(DEMO_MATCHES.length);
    expect(new Set(all.items.map((m) => m.status))).toEqual(
      new Set(['converted', 'contacted', 'suggested', 'declined']),
    );
    // The need whose pair was converted is matched.
    const statuses = await t.ctx.db
      .selectFrom('need')
      .select('status')
      .where('status', '=', 'matched')
      .execute();
    expect(statuses).toHaveLength(1);
  });

  it('loads a bilateral project from the converted pair, its gate waiting for the institute', async () => {
    const institute = await logInAs(t, 'institute@demo.consortia.cn', DEMO_PASSWORD);
    const list = (await institute.request({ method: 'GET', url: '/api/v1/projects' })).json<{
      items: { id: string; kind: string; stage: string }[];
    }>();
    expect(list.items).toEqual([expect.objectContaining({ kind: 'bilateral', stage: 'application' })]);
    const project = (
      await institute.request({ method: 'GET', url: `/api/v1/projects/${list.items[0]?.id ?? ''}` })
    ).json<{
      milestones: { status: string }[];
      gate: { open: boolean; partiesNotSigned: unknown[]; canSignFor: string[] };
    }>();
    expect(project.milestones.map((m) => m.status)).toEqual(['done']);
    expect(project.gate.open).toBe(false);
    expect(project.gate.partiesNotSigned).toHaveLength(1);
    expect(project.gate.canSignFor).toHaveLength(1);
  });

  it('reports the demo data and its accounts through /api/v1/meta', async () => {
    const meta = (await anonymous(t).request({ method: 'GET', url: '/api/v1/meta' })).json<{
      hasDemoData: boolean;
      demoPassword: string | null;
      demoAccounts: { email: string }[];
    }>();
    expect(meta.hasDemoData).toBe(true);
    expect(meta.demoPassword).toBe(DEMO_PASSWORD);
    expect(meta.demoAccounts.map((a) => a.email)).toEqual(DEMO_USERS.map((u) => u.email));
  });
});

describe('seedDemo on a database in use', () => {
  it('refuses a database that already has a user', async () => {
    const t = await openTestApp();
    try {
      await signedInUser(t);
      const result = await seedDemo(t.ctx);
      expect(result.seeded).toBe(false);
      expect(await count(t, 'organization')).toBe(0);
      expect(await count(t, 'cluster')).toBe(0);
      const meta = (await anonymous(t).request({ method: 'GET', url: '/api/v1/meta' })).json<{
        hasDemoData: boolean;
        demoPassword: string | null;
      }>();
      expect(meta).toMatchObject({ hasDemoData: false, demoPassword: null });
    } finally {
      await t.close();
    }
  });
});
