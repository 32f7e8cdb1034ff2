import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { insertClusterInTransaction } from '../organizations/service.js';
import type { Organization } from '../organizations/schemas.js';
import type { SearchResults } from './schemas.js';
import { grantDocumentAccess, indexDocument } from './service.js';

let t: TestApp;
let office: Client;
let founder: Client;
let partner: Client;
let outsider: Client;
let institute: Organization;
let partnerOrganization: Organization;

async function createOrganization(client: Client, body: Record<string, unknown>): Promise<Organization> {
  const response = await client.request({ method: 'POST', url: '/api/v1/organizations', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Organization>();
}

async function verify(organization: Organization): Promise<Organization> {
  const response = await office.request({
    method: 'POST',
    url: `/api/v1/organizations/${organization.id}/verify`,
    payload: { version: organization.version },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Organization>();
}

async function searchAs(client: Pick<Client, 'request'>, query: string): Promise<SearchResults> {
  const response = await client.request({ method: 'GET', url: `/api/v1/search?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<SearchResults>();
}

const q = (text: string): string => `q=${encodeURIComponent(text)}`;

beforeAll(async () => {
  t = await openTestApp();
  await t.ctx.db
    .transaction()
    .execute((tx) =>
      insertClusterInTransaction(
        tx,
        { slug: 'nanotech', nameZh: '纳米技术', nameEn: 'Nanotechnology', sortOrder: 1 },
        null,
      ),
    );
  office = await signedInUser(t, { platformRoles: ['cluster_office'] });
  founder = await signedInUser(t);
  partner = await signedInUser(t);
  outsider = await signedInUser(t);
  institute = await createOrganization(founder, {
    kind: 'research_institute',
    nameZh: '苏州纳米器件研究所',
    nameEn: 'Suzhou Institute of Nano Devices',
    district: 'sip',
    descriptionEn: 'Thin-film deposition and MEMS sensors for industry partners.',
    clusters: [{ cluster: 'nanotech', chainPosition: 'upstream' }],
  });
  partnerOrganization = await verify(
    await createOrganization(partner, {
      kind: 'enterprise',
      sizeClass: 'small',
      nameZh: '澄湖电池材料有限公司',
      nameEn: 'Chenghu Battery Materials',
      descriptionZh: '锂电池正极材料的中试与量产。',
    }),
  );
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/search', () => {
  it('finds an organisation only once it is verified, and again after an edit', async () => {
    expect((await searchAs(anonymous(t), q('MEMS'))).items).toEqual([]);

    institute = await verify(institute);
    const found = await searchAs(anonymous(t), q('传感器'));
    expect(found.items.map((hit) => [hit.type, hit.id])).toEqual([['organization', institute.id]]);
    expect(found.items[0]).toMatchObject({
      title: '苏州纳米器件研究所 · Suzhou Institute of Nano Devices',
      kind: 'research_institute',
      district: 'sip',
      clusters: ['nanotech'],
      chainPositions: ['upstream'],
      detailsHidden: false,
    });
    expect(found.items[0]?.snippetHtml).toContain('<mark>sensors</mark>');

    const edited = await founder.request({
      method: 'PATCH',
      url: `/api/v1/organizations/${institute.id}`,
      payload: { version: institute.version, descriptionEn: 'Atomic layer deposition.' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    institute = edited.json<Organization>();
    expect((await searchAs(anonymous(t), q('传感器'))).items).toEqual([]);
    expect((await searchAs(anonymous(t), q('atomic layer'))).items.map((hit) => hit.id)).toEqual([
      institute.id,
    ]);
  });

  it('meets English and Chinese through the glossary, with highlights in the title', async () => {
    const nano = await searchAs(anonymous(t), q('纳米'));
    expect(nano.items.map((hit) => hit.id)).toContain(institute.id);
    const hit = nano.items.find((item) => item.id === institute.id);
    expect(hit?.titleSegments.filter((s) => s.match).map((s) => s.text)).toEqual(['纳米', 'Nano']);

    const battery = await searchAs(anonymous(t), q('battery cathode'));
    expect(battery.items.map((item) => item.id)).toEqual([partnerOrganization.id]);
    expect(battery.terms).toEqual(['batteri', 'cathod']);
  });

  it('filters by type and facets', async () => {
    expect((await searchAs(anonymous(t), `${q('纳米')}&types=need`)).items).toEqual([]);
    expect((await searchAs(anonymous(t), `${q('纳米')}&kind=enterprise`)).items).toEqual([]);
    expect(
      (await searchAs(anonymous(t), `${q('纳米')}&kind=research_institute&cluster=nanotech&district=sip`))
        .items,
    ).toHaveLength(1);
  });

  it('searches hidden details only for parties, through the API', async () => {
    await t.ctx.db.transaction().execute(async (tx) => {
      await indexDocument(tx, {
        entityType: 'need',
        entityId: 'need-1',
        ownerOrganizationId: institute.id,
        visibility: 'parties',
        isActive: true,
        title: '柔性传感器封装',
        publicText: 'Encapsulation of flexible sensors',
        restrictedText: 'parylene-C barrier at 80 °C with a 3 µm thickness',
        keywords: ['封装'],
        facets: { clusters: ['nanotech'], cooperationModes: ['joint_rd'] },
      });
      await grantDocumentAccess(tx, {
        entityType: 'need',
        entityId: 'need-1',
        organizationId: partnerOrganization.id,
      });
    });

    for (const client of [anonymous(t), outsider]) {
      expect((await searchAs(client, q('parylene'))).items).toEqual([]);
      const visible = await searchAs(client, q('flexible sensors'));
      expect(visible.items.map((hit) => [hit.id, hit.detailsHidden])).toEqual([['need-1', true]]);
      expect(JSON.stringify(visible)).not.toContain('parylene');
    }
    for (const client of [partner, founder]) {
      const found = await searchAs(client, q('parylene'));
      expect(found.items.map((hit) => [hit.id, hit.detailsHidden])).toEqual([['need-1', false]]);
      expect(found.items[0]?.owner).toEqual({ id: institute.id, name: expect.stringContaining('纳米器件') });
      expect(found.items[0]?.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['parylene']);
    }
  });

  it('answers an empty page for a query without words, and 400 for a bad one', async () => {
    expect(await searchAs(anonymous(t), q('的 the ！'))).toMatchObject({ items: [], total: 0, terms: [] });
    for (const query of ['', 'q=', `${q('x')}&types=nothing`, `${q('x')}&trl=10`, `${q('x')}&limit=500`]) {
      const response = await anonymous(t).request({ method: 'GET', url: `/api/v1/search?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe('request.validation_failed');
    }
  });

  it('treats query syntax as plain words', async () => {
    for (const text of ['"纳米', 'nano*', 'NEAR(a b)', "{title}: x' & | !", 'a OR b NOT c', '\\']) {
      const response = await anonymous(t).request({ method: 'GET', url: `/api/v1/search?${q(text)}` });
      expect(response.statusCode, text).toBe(200);
    }
  });
});
