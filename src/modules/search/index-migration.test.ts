import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../platform/auth/actor.js';
import { createMigrator, migrateToLatest } from '../../platform/db/migrate.js';
import { openTestDatabase, type TestDatabase } from '../../test/database.js';
import { SearchQuery } from './schemas.js';
import { search } from './service.js';

let t: TestDatabase | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('migration 0005_search_scopes', () => {
  it('keeps documents indexed before it searchable, by tier', async () => {
    t = await openTestDatabase({ migrate: false });
    const db = t.handle.db as Kysely<unknown>;
    const migrator = await createMigrator(db);
    expect((await migrator.migrateTo('0004_matching')).error).toBeUndefined();
    const row = {
      owner_organization_id: 'org-1',
      is_active: 1,
      public_text: '',
      keywords: '[]',
      kind: null,
      district: null,
      trl: null,
      clusters: '',
      chain_positions: '',
      cooperation_modes: '',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
    await t.handle.db
      .insertInto('search_document')
      .values([
        {
          ...row,
          entity_type: 'need',
          entity_id: 'old-registered',
          visibility: 'registered',
          title: 'Graphene',
          restricted_text: 'wafer',
          title_tokens: 'graphen zzcgraphene',
          open_tokens: '',
          closed_tokens: 'wafer zzcwafer',
          facet_tokens: 'zzfyneed zzfvregistered zzfoorg1',
        },
        {
          ...row,
          entity_type: 'need',
          entity_id: 'old-public',
          visibility: 'public',
          title: 'Graphene wafers',
          restricted_text: '',
          title_tokens: 'graphen zzcgraphene wafer zzcwafer',
          open_tokens: '',
          closed_tokens: '',
          facet_tokens: 'zzfyneed zzfvpublic zzfoorg1',
        },
      ])
      .execute();
    if (t.handle.engine === 'sqlite') {
      // The index as 0003 kept it.
      await sql`insert into search_fts_doc (id, entity_type, entity_id, title_tokens, open_length, closed_length)
        values (1, 'need', 'old-registered', 'graphen zzcgraphene', 0, 14),
               (2, 'need', 'old-public', 'graphen zzcgraphene wafer zzcwafer', 0, 0)`.execute(db);
      await sql`insert into search_fts (rowid, title, open, closed, facets)
        values (1, 'graphen zzcgraphene', '', 'wafer zzcwafer', 'zzfyneed zzfvregistered zzfoorg1'),
               (2, 'graphen zzcgraphene wafer zzcwafer', '', '', 'zzfyneed zzfvpublic zzfoorg1')`.execute(db);
    }

    await migrateToLatest(db);

    const find = async (q: string) =>
      (await search(t!.ctx, ANONYMOUS, SearchQuery.parse({ q }))).items.map((hit) => hit.id).sort();
    expect(await find('graphene')).toEqual(['old-public', 'old-registered']);
    expect(await find('石墨烯 晶圆')).toEqual(['old-public']);
  });
});
