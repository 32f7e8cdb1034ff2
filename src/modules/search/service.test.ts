import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../platform/auth/actor.js';
import { openTestDatabase, type TestDatabase } from '../../test/database.js';
import type { SearchDocument } from './documents.js';
import { SearchQuery } from './schemas.js';
import {
  CANDIDATE_CAP,
  grantDocumentAccess,
  indexDocument,
  indexDocuments,
  optimizeSearchIndex,
  rebuildSearchIndex,
  removeDocument,
  revokeDocumentAccess,
  search,
} from './service.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase();
});
afterEach(async () => {
  await t.close();
});

/** A search document with sensible defaults. */
function buildDocument(overrides: Partial<SearchDocument> = {}): SearchDocument {
  return {
    entityType: 'need',
    entityId: `need-${Math.random().toString(36).slice(2)}`,
    ownerOrganizationId: 'org-owner',
    visibility: 'public',
    isActive: true,
    title: 'A technical need',
    publicText: '',
    restrictedText: '',
    keywords: [],
    facets: {},
    ...overrides,
  };
}

function organizationDocument(id: string, name: string, isActive = true): SearchDocument {
  return buildDocument({
    entityType: 'organization',
    entityId: id,
    ownerOrganizationId: id,
    title: name,
    isActive,
  });
}

function member(...organizationIds: string[]): Actor {
  return {
    kind: 'user',
    userId: 'u1',
    sessionId: 's1',
    csrfToken: 'c',
    platformRoles: new Set(),
    memberships: new Map(organizationIds.map((id) => [id, 'member' as const])),
  };
}

async function index(...docs: SearchDocument[]): Promise<void> {
  await t.ctx.db.transaction().execute(async (tx) => {
    for (const doc of docs) await indexDocument(tx, doc);
  });
}

async function find(actor: Actor, query: Record<string, string>): Promise<string[]> {
  const result = await search(t.ctx, actor, SearchQuery.parse(query));
  return result.items.map((hit) => hit.id);
}

describe('the search index', () => {
  it('finds a document by a word of its title, in either language through the glossary', async () => {
    await index(
      buildDocument({ entityId: 'en', title: 'Nanoscale coatings for lithium batteries' }),
      buildDocument({ entityId: 'zh', title: '纳米涂层在锂电池中的应用' }),
      buildDocument({ entityId: 'other', title: 'Textile dyeing wastewater' }),
    );

    expect((await find(ANONYMOUS, { q: '纳米' })).sort()).toEqual(['en', 'zh']);
    expect((await find(ANONYMOUS, { q: 'nano' })).sort()).toEqual(['en', 'zh']);
    expect((await find(ANONYMOUS, { q: '电池' })).sort()).toEqual(['en', 'zh']);
    expect(await find(ANONYMOUS, { q: '印染 废水' })).toEqual(['other']);
  });

  it('replaces a document on re-indexing and forgets it on removal', async () => {
    await index(buildDocument({ entityId: 'n1', title: 'Graphene sensors' }));
    await index(buildDocument({ entityId: 'n1', title: 'Silicon carbide power devices' }));

    expect(await find(ANONYMOUS, { q: 'graphene' })).toEqual([]);
    expect(await find(ANONYMOUS, { q: '碳化硅' })).toEqual(['n1']);

    await t.ctx.db.transaction().execute((tx) => removeDocument(tx, 'need', 'n1'));
    expect(await find(ANONYMOUS, { q: '碳化硅' })).toEqual([]);
  });

  it('leaves inactive documents out', async () => {
    await index(
      buildDocument({ entityId: 'open', title: '氮化镓 chips' }),
      buildDocument({ entityId: 'closed', title: '氮化镓 chips', isActive: false }),
    );

    expect(await find(ANONYMOUS, { q: 'GaN' })).toEqual(['open']);
  });

  it('filters by type, cluster, TRL and cooperation mode', async () => {
    await index(
      buildDocument({
        entityId: 'a',
        entityType: 'achievement',
        title: 'Perovskite solar cell',
        facets: { clusters: ['new-energy'], trl: 6, cooperationModes: ['licence'] },
      }),
      buildDocument({
        entityId: 'b',
        title: 'Perovskite solar cell pilot line',
        facets: { clusters: ['new-energy'], trl: 3, cooperationModes: ['joint_rd'] },
      }),
    );

    expect(await find(ANONYMOUS, { q: '钙钛矿', types: 'achievement' })).toEqual(['a']);
    expect((await find(ANONYMOUS, { q: '钙钛矿', cluster: 'new-energy' })).sort()).toEqual(['a', 'b']);
    expect(await find(ANONYMOUS, { q: '钙钛矿', trl: '5-9' })).toEqual(['a']);
    expect(await find(ANONYMOUS, { q: '钙钛矿', mode: 'joint_rd' })).toEqual(['b']);
    expect(await find(ANONYMOUS, { q: '钙钛矿', cluster: 'biomedicine' })).toEqual([]);
  });

  it('ranks a title match above a match in the text', async () => {
    await index(
      buildDocument({ entityId: 'text', title: 'Process improvement', publicText: 'uses graphene' }),
      buildDocument({ entityId: 'title', title: 'Graphene heat spreaders', publicText: 'thermal' }),
      ...['Textile dyeing', 'Battery recycling', 'Robot arms', 'Vaccine adjuvants'].map((title) =>
        buildDocument({ title }),
      ),
    );

    expect(await find(ANONYMOUS, { q: 'graphene' })).toEqual(['title', 'text']);
  });
});

describe('visibility tiers', () => {
  const secret = 'Our 钙钛矿 formulation uses a quaternary ammonium passivation layer';

  beforeEach(async () => {
    await index(
      organizationDocument('org-owner', 'Owner Co'),
      organizationDocument('org-party', 'Party Co'),
      organizationDocument('org-verified', 'Verified Co'),
      organizationDocument('org-unverified', 'Unverified Co', false),
      buildDocument({
        entityId: 'parties-need',
        visibility: 'parties',
        title: 'Solar cell stability',
        publicText: 'Looking for a partner on module stability',
        restrictedText: secret,
      }),
      buildDocument({
        entityId: 'registered-need',
        visibility: 'registered',
        title: 'Battery recycling',
        restrictedText: 'hydrometallurgy of cobalt',
      }),
    );
    await t.ctx.db.transaction().execute((tx) =>
      grantDocumentAccess(tx, {
        entityType: 'need',
        entityId: 'parties-need',
        organizationId: 'org-party',
      }),
    );
  });

  it('finds a word of hidden details only for parties', async () => {
    for (const actor of [ANONYMOUS, member('org-verified'), member('org-unverified')]) {
      expect(await find(actor, { q: 'quaternary ammonium' })).toEqual([]);
    }
    expect(await find(member('org-party'), { q: 'quaternary ammonium' })).toEqual(['parties-need']);
    expect(await find(member('org-owner'), { q: 'quaternary ammonium' })).toEqual(['parties-need']);
  });

  it('shows hidden details to parties only, and says they are hidden to others', async () => {
    const outsider = await search(t.ctx, ANONYMOUS, SearchQuery.parse({ q: 'stability' }));
    expect(outsider.items).toHaveLength(1);
    expect(outsider.items[0]?.detailsHidden).toBe(true);
    expect(JSON.stringify(outsider)).not.toContain('quaternary');

    const party = await search(t.ctx, member('org-party'), SearchQuery.parse({ q: 'passivation' }));
    expect(party.items[0]?.detailsHidden).toBe(false);
    expect(party.items[0]?.snippetHtml).toContain('<mark>passivation</mark>');
  });

  it('admits members of verified organisations to registered details', async () => {
    expect(await find(ANONYMOUS, { q: 'cobalt' })).toEqual([]);
    expect(await find(member('org-unverified'), { q: 'cobalt' })).toEqual([]);
    expect(await find(member('org-verified'), { q: 'cobalt' })).toEqual(['registered-need']);
  });

  it('forgets a revoked grant', async () => {
    await t.ctx.db.transaction().execute((tx) =>
      revokeDocumentAccess(tx, {
        entityType: 'need',
        entityId: 'parties-need',
        organizationId: 'org-party',
      }),
    );
    expect(await find(member('org-party'), { q: 'quaternary' })).toEqual([]);
  });

  it('keeps grants when the record is re-indexed', async () => {
    await index(
      buildDocument({
        entityId: 'parties-need',
        visibility: 'parties',
        title: 'Solar cell stability',
        restrictedText: 'now with zwitterionic additives',
      }),
    );
    expect(await find(member('org-party'), { q: 'zwitterionic' })).toEqual(['parties-need']);
  });
});

describe('indexDocuments', () => {
  it('indexes many documents at once, replacing earlier versions', async () => {
    await index(buildDocument({ entityId: 'n-0', title: 'Graphene' }));
    const docs = Array.from({ length: 950 }, (_, i) =>
      buildDocument({ entityId: `n-${i}`, title: i % 2 === 0 ? `纳米涂层 ${i}` : `Robot arm ${i}` }),
    );
    await t.ctx.db.transaction().execute((tx) => indexDocuments(tx, docs));
    await optimizeSearchIndex(t.ctx);

    expect(await find(ANONYMOUS, { q: 'graphene' })).toEqual([]);
    const nano = await search(t.ctx, ANONYMOUS, SearchQuery.parse({ q: 'nano', limit: 50 }));
    // 475 match; counting (and ranking) stops at the cap, and says so.
    expect(nano.total).toBe(Math.min(475, CANDIDATE_CAP));
    expect(nano.totalIsExact).toBe(475 < CANDIDATE_CAP);
    const robot = await search(t.ctx, ANONYMOUS, SearchQuery.parse({ q: 'robot 949' }));
    expect([robot.total, robot.totalIsExact]).toEqual([1, true]);
    expect(nano.items.every((hit) => Number(hit.id.slice(2)) % 2 === 0)).toBe(true);
  });
});

describe('rebuildSearchIndex', () => {
  it('re-analyses every document and the index answers as before', async () => {
    await index(
      buildDocument({ entityId: 'a', title: '集成电路设计服务' }),
      buildDocument({ entityId: 'b', title: 'Integrated circuit packaging' }),
    );

    expect(await rebuildSearchIndex(t.ctx)).toEqual({ documents: 2 });

    expect((await find(ANONYMOUS, { q: 'integrated circuits' })).sort()).toEqual(['a', 'b']);
  });
});
