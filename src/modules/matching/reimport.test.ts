import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit/audit.js';
import { ANONYMOUS, type UserActor } from '../../platform/auth/actor.js';
import { newId } from '../../platform/ids.js';
import { openTestDatabase, type TestDatabase } from '../../test/database.js';
import { databaseFingerprint } from '../../test/fingerprint.js';
import {
  changeCapabilityStatus,
  insertNeedInTransaction,
  updateExpertInTransaction,
  updateNeedInTransaction,
} from '../directory/service.js';
import { SearchQuery } from '../search/schemas.js';
import { search } from '../search/service.js';
import { exportJsonl, importJsonl } from './service.js';

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase();
});
afterEach(async () => {
  await t.close();
});

const lines = (...records: object[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const ORGS = [
  { type: 'organization', id: 'suda', name: '苏州大学', kind: 'university', description: '碳化硅功率器件' },
  { type: 'organization', id: 'acme', name: 'Acme Power', kind: 'PRC', description: 'SiC modules' },
];
const NEED = {
  type: 'need',
  id: 'n-1',
  title: 'Zeolite membrane drying',
  description: 'We dry zeolite membranes for solvent recovery',
  keywords: ['zeolite'],
  owner: 'acme',
};
const CAPABILITY = {
  type: 'capability',
  id: 'c-1',
  title: 'Sapphire wafer polishing',
  description: 'Chemical mechanical polishing of sapphire substrates',
  keywords: ['sapphire'],
  owner: 'suda',
};
const ACHIEVEMENT = {
  type: 'achievement',
  id: 'a-1',
  title: 'Lanthanum phosphor coating',
  description: 'A lanthanum phosphor coating for lamps',
  owner: 'suda',
  trl: 3,
};
const EXPERT = {
  type: 'expert',
  id: 'x-1',
  title: '张教授',
  description: 'Tungsten carbide tooling',
  owner: 'suda',
  orcid: '0000-0002-1825-0097',
};
const RECORDS = [NEED, CAPABILITY, ACHIEVEMENT, EXPERT];

type RecordTable = 'need' | 'capability' | 'achievement' | 'expert';

/** The platform id an external id was imported as. */
async function platformId(type: RecordTable, externalId: string): Promise<string> {
  const ref = await t.ctx.db
    .selectFrom('external_ref')
    .select(['entity_id'])
    .where('source', '=', 'jsonl')
    .where('entity_type', '=', type)
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
  return ref.entity_id;
}

async function rows(table: RecordTable) {
  return t.ctx.db.selectFrom(table).selectAll().execute();
}

async function auditOf(entityId: string) {
  const events = await t.ctx.db
    .selectFrom('audit_event')
    .select(['action', 'details', 'actor_user_id'])
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
  return events.map((e) => ({ action: e.action, details: JSON.parse(e.details) as unknown }));
}

async function found(q: string): Promise<string[]> {
  const results = await search(t.ctx, ANONYMOUS, SearchQuery.parse({ q, limit: 50 }));
  return results.items.map((hit) => `${hit.type}:${hit.id}`);
}

async function indexed(entityType: string, entityId: string) {
  return t.ctx.db
    .selectFrom('search_document')
    .select(['visibility', 'is_active', 'title', 'public_text', 'restricted_text'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .executeTakeFirstOrThrow();
}

describe('re-importing directory records', () => {
  it('updates each type in place: same ids, next version, audited, re-indexed', async () => {
    const first = await importJsonl(t.ctx, lines(...ORGS, ...RECORDS));
    expect(first).toMatchObject({ ok: true, summary: { created: 6 } });
    const ids = {
      need: await platformId('need', 'n-1'),
      capability: await platformId('capability', 'c-1'),
      achievement: await platformId('achievement', 'a-1'),
      expert: await platformId('expert', 'x-1'),
    };
    expect(await found('zeolite')).toContain(`need:${ids.need}`);
    expect(await found('tungsten')).toContain(`expert:${ids.expert}`);

    const changed = [
      {
        ...NEED,
        title: 'Perovskite film annealing',
        description: 'We anneal perovskite films for solar cells',
        keywords: ['perovskite', 'annealing'],
      },
      { ...CAPABILITY, description: 'Polishing of sapphire and quartz substrates', visibility: 'registered' },
      {
        ...ACHIEVEMENT,
        title: 'Yttrium phosphor coating',
        description: 'An yttrium phosphor coating for lamps',
        keywords: ['yttrium'],
        trl: 6,
      },
      { ...EXPERT, description: 'Molybdenum alloys', keywords: ['molybdenum'], position: '教授' },
    ];
    const second = await importJsonl(t.ctx, lines(...ORGS, ...changed));
    expect(second).toEqual({
      ok: true,
      summary: {
        rows: 6,
        created: 0,
        updated: 4,
        unchanged: 2,
        byType: { organization: 2, need: 1, capability: 1, achievement: 1, expert: 1 },
      },
    });

    // Same records, no duplicates, the next version, the new content.
    const [need] = await rows('need');
    expect(await rows('need')).toHaveLength(1);
    expect(need).toMatchObject({
      id: ids.need,
      title: 'Perovskite film annealing',
      keywords: JSON.stringify(['perovskite', 'annealing']),
      status: 'open',
      version: 2,
    });
    const [capability] = await rows('capability');
    expect(await rows('capability')).toHaveLength(1);
    expect(capability).toMatchObject({
      id: ids.capability,
      title: 'Sapphire wafer polishing',
      visibility: 'registered',
      version: 2,
    });
    const [achievement] = await rows('achievement');
    expect(await rows('achievement')).toHaveLength(1);
    expect(achievement).toMatchObject({
      id: ids.achievement,
      trl: 6,
      title: 'Yttrium phosphor coating',
      version: 2,
    });
    const [expert] = await rows('expert');
    expect(await rows('expert')).toHaveLength(1);
    expect(expert).toMatchObject({
      id: ids.expert,
      name_zh: '张教授',
      title: '教授',
      bio: 'Molybdenum alloys',
      orcid: '0000-0002-1825-0097',
      version: 2,
    });

    // Audited like a user's edit, naming the fields that changed; the chain is intact.
    expect(await auditOf(ids.need)).toEqual([
      { action: 'need.create', details: {} },
      { action: 'need.update', details: { fields: ['title', 'description', 'keywords'] } },
    ]);
    expect(await auditOf(ids.capability)).toEqual([
      { action: 'capability.create', details: {} },
      { action: 'capability.update', details: { fields: ['description', 'visibility'] } },
    ]);
    expect((await auditOf(ids.achievement)).map((e) => e.action)).toEqual([
      'achievement.create',
      'achievement.update',
    ]);
    expect(await auditOf(ids.expert)).toEqual([
      { action: 'expert.create', details: {} },
      { action: 'expert.update', details: { fields: ['title', 'keywords', 'bio'] } },
    ]);
    const batches = await t.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'import.batch')
      .execute();
    expect(batches).toHaveLength(2);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);

    // Search finds the new text, not the old; the new tier hides the capability's description.
    expect(await found('perovskite')).toContain(`need:${ids.need}`);
    expect(await found('zeolite')).not.toContain(`need:${ids.need}`);
    expect(await found('yttrium')).toContain(`achievement:${ids.achievement}`);
    expect(await found('lanthanum')).not.toContain(`achievement:${ids.achievement}`);
    expect(await found('molybdenum')).toContain(`expert:${ids.expert}`);
    expect(await found('tungsten')).not.toContain(`expert:${ids.expert}`);
    expect(await found('quartz')).not.toContain(`capability:${ids.capability}`);
    expect(await indexed('capability', ids.capability)).toMatchObject({
      visibility: 'registered',
      public_text: '',
      restricted_text: expect.stringContaining('quartz') as string,
    });

    // The content hash was refreshed: the same file again changes nothing.
    const again = await importJsonl(t.ctx, lines(...ORGS, ...changed));
    expect(again).toMatchObject({ ok: true, summary: { created: 0, updated: 0, unchanged: 6 } });

    // Export → import is a round trip of unchanged records (the registered capability is withheld).
    const exported = await exportJsonl(t.ctx);
    expect(exported.withheld).toBe(1);
    const roundTrip = await importJsonl(t.ctx, exported.lines.join('\n'));
    expect(roundTrip).toEqual({
      ok: true,
      summary: {
        rows: 5,
        created: 0,
        updated: 0,
        unchanged: 5,
        byType: { organization: 2, need: 1, achievement: 1, expert: 1 },
      },
    });
    expect((await rows('need'))[0]?.version).toBe(2);
  });

  it('writes nothing for a changed line whose content the record already has', async () => {
    await importJsonl(t.ctx, lines(...ORGS, NEED));
    const id = await platformId('need', 'n-1');
    // Someone edits the title on the platform; the source system then sends the same title.
    await t.ctx.db
      .transaction()
      .execute((tx) => updateNeedInTransaction(tx, id, { title: 'Zeolite drying' }, { actorUserId: null }));
    const result = await importJsonl(t.ctx, lines({ ...NEED, title: 'Zeolite drying' }));
    expect(result).toMatchObject({ ok: true, summary: { updated: 0, unchanged: 1 } });
    expect((await rows('need'))[0]).toMatchObject({ title: 'Zeolite drying', version: 2 });
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['need.create', 'need.update']);
  });

  it('updates a record posted on the platform from its exported line, by platform id', async () => {
    await importJsonl(t.ctx, lines(...ORGS));
    const owner = await t.ctx.db
      .selectFrom('external_ref')
      .select('entity_id')
      .where('external_id', '=', 'acme')
      .executeTakeFirstOrThrow();
    const id = await t.ctx.db.transaction().execute((tx) =>
      insertNeedInTransaction(
        tx,
        {
          ownerOrganizationId: owner.entity_id,
          title: 'Zeolite membrane drying',
          description: 'Posted on the platform',
          cooperationModes: ['joint_rd'],
          visibility: 'public',
        },
        { actorUserId: null, isDemo: false },
      ),
    );
    const line = (await exportJsonl(t.ctx)).lines
      .map((l) => JSON.parse(l) as { type: string; id: string })
      .find((l) => l.type === 'need');
    expect(line).toMatchObject({ id, owner: 'acme' });
    const result = await importJsonl(t.ctx, lines({ ...line, title: 'Perovskite film annealing' }));
    expect(result).toMatchObject({ ok: true, summary: { created: 0, updated: 1 } });
    expect(await rows('need')).toEqual([
      expect.objectContaining({ id, title: 'Perovskite film annealing', version: 2 }),
    ]);
  });

  it('moves an expert’s name to its new language, keeping a name added on the platform', async () => {
    await importJsonl(t.ctx, lines(...ORGS, EXPERT));
    const id = await platformId('expert', 'x-1');
    await importJsonl(t.ctx, lines({ ...EXPERT, title: 'Zhang Wei' }));
    expect((await rows('expert'))[0]).toMatchObject({ name_zh: '', name_en: 'Zhang Wei', version: 2 });
    expect((await exportJsonl(t.ctx)).lines.map((l) => JSON.parse(l) as { title?: string })).toContainEqual(
      expect.objectContaining({ type: 'expert', id: 'x-1', title: 'Zhang Wei' }),
    );
    expect(await found('zhang')).toContain(`expert:${id}`);

    // A Chinese name added on the platform stays when the English name changes.
    await t.ctx.db
      .transaction()
      .execute((tx) => updateExpertInTransaction(tx, id, { nameZh: '张伟' }, { actorUserId: null }));
    await importJsonl(t.ctx, lines({ ...EXPERT, title: 'Wei Zhang' }));
    expect((await rows('expert'))[0]).toMatchObject({ name_zh: '张伟', name_en: 'Wei Zhang', version: 4 });
  });

  it('updates the text of a record closed on the platform and keeps it closed', async () => {
    await importJsonl(t.ctx, lines(...ORGS, CAPABILITY));
    const id = await platformId('capability', 'c-1');
    const owner = (await rows('capability'))[0]?.owner_organization_id ?? '';
    const admin: UserActor = {
      kind: 'user',
      userId: newId(),
      sessionId: newId(),
      csrfToken: 'x',
      platformRoles: new Set(),
      memberships: new Map([[owner, 'admin']]),
    };
    await changeCapabilityStatus(t.ctx, admin, id, { version: 1, status: 'closed' });
    const result = await importJsonl(t.ctx, lines({ ...CAPABILITY, title: 'Sapphire and quartz polishing' }));
    expect(result).toMatchObject({ ok: true, summary: { updated: 1 } });
    expect((await rows('capability'))[0]).toMatchObject({
      title: 'Sapphire and quartz polishing',
      status: 'closed',
      version: 3,
    });
    expect(await indexed('capability', id)).toMatchObject({
      title: 'Sapphire and quartz polishing',
      is_active: 0,
    });
  });

  it('refuses to move a record to another owner, naming the row, and writes nothing', async () => {
    await importJsonl(t.ctx, lines(...ORGS, ...RECORDS));
    const before = await databaseFingerprint(t.ctx.db);
    const result = await importJsonl(
      t.ctx,
      lines(...ORGS, { ...NEED, title: 'Moved need' }, { ...CAPABILITY, owner: 'acme' }),
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        { row: 4, field: 'owner', message: expect.stringContaining('another organisation') as string },
      ],
    });
    expect(await databaseFingerprint(t.ctx.db)).toEqual(before);
  });

  it.each([
    ['a bad ORCID iD', { ...EXPERT, orcid: '0000-0002-1694-2331' }, 'orcid'],
    ['a readiness level out of range', { ...ACHIEVEMENT, trl: 12 }, 'trl'],
    [
      'a patent number that fails its check',
      { ...ACHIEVEMENT, kind: 'patent', registration_number: 'CN202310123456.1' },
      'registrationNumber',
    ],
    ['an unknown cluster', { ...CAPABILITY, cluster: 'no-such-cluster' }, 'cluster'],
  ])('refuses %s in a changed line by row and field, and writes nothing', async (_name, bad, field) => {
    await importJsonl(t.ctx, lines(...ORGS, ...RECORDS));
    const before = await databaseFingerprint(t.ctx.db);
    // Valid changes before the bad row are rolled back with it.
    const result = await importJsonl(t.ctx, lines(...ORGS, { ...NEED, title: 'Changed need' }, bad));
    expect(result).toEqual({ ok: false, issues: [{ row: 4, field, message: expect.any(String) as string }] });
    expect(await databaseFingerprint(t.ctx.db)).toEqual(before);
  });

  it('refuses an ORCID iD another expert holds', async () => {
    const other = { ...EXPERT, id: 'x-2', title: 'Li Na', orcid: '0000-0002-1694-233X' };
    await importJsonl(t.ctx, lines(...ORGS, EXPERT, other));
    const before = await databaseFingerprint(t.ctx.db);
    const result = await importJsonl(t.ctx, lines({ ...other, orcid: EXPERT.orcid }));
    expect(result).toMatchObject({ ok: false, issues: [{ row: 1, field: 'orcid' }] });
    expect(await databaseFingerprint(t.ctx.db)).toEqual(before);
  });
});
