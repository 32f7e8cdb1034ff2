import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/database.js';
import { appliedMigrations, knownMigrations, migrateToLatest } from './migrate.js';
import { TABLE_KEYS } from './schema.js';
import { isDerivedTable } from './fulltext.js';

const KYSELY_TABLES = ['kysely_migration', 'kysely_migration_lock'];

let t: TestDatabase | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function emptyDatabase(): Promise<{ t: TestDatabase; db: Kysely<unknown> }> {
  t = await openTestDatabase({ migrate: false });
  return { t, db: t.handle.db as Kysely<unknown> };
}

/** Tables of this test's database only (on PostgreSQL, of its own schema). */
async function tableNames(test: TestDatabase): Promise<string[]> {
  const tables = await test.handle.db.introspection.getTables({ withInternalKyselyTables: true });
  return (
    tables
      .filter((table) => !table.isView && (test.schema === null || table.schema === test.schema))
      // The SQLite full-text index (FTS5 and its shadow tables) is derived, not a table of record.
      .filter((table) => !isDerivedTable(table.name))
      .map((table) => table.name)
      .sort()
  );
}

describe('migrateToLatest', () => {
  it('applies every migration to an empty database', async () => {
    const { t: test, db } = await emptyDatabase();
    expect(await tableNames(test)).toEqual([]);

    const applied = await migrateToLatest(db);

    expect(applied).toEqual(knownMigrations());
    expect(await appliedMigrations(db)).toEqual(knownMigrations());
    const tables = await tableNames(test);
    expect(tables.filter((name) => !KYSELY_TABLES.includes(name))).toEqual(Object.keys(TABLE_KEYS).sort());
    expect(tables).toEqual(expect.arrayContaining(KYSELY_TABLES));
    const head = await test.handle.db.selectFrom('audit_head').selectAll().execute();
    expect(head.map((h) => ({ ...h, seq: Number(h.seq) }))).toEqual([
      { id: 1, seq: 0, hash: '0'.repeat(64) },
    ]);
  });

  it('gives every table in TABLE_KEYS a primary key on exactly its key columns', async () => {
    const { t: test, db } = await emptyDatabase();
    await migrateToLatest(db);
    for (const [table, keys] of Object.entries(TABLE_KEYS)) {
      const columns =
        test.handle.engine === 'sqlite'
          ? (
              await sql<{
                name: string;
                pk: number;
              }>`select name, pk from pragma_table_info(${table})`.execute(db)
            ).rows
              .filter((c) => c.pk > 0)
              .sort((a, b) => a.pk - b.pk)
              .map((c) => c.name)
          : (
              await sql<{ name: string }>`
                select a.attname as name
                from pg_index i
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                where i.indrelid = ${`"${test.schema}"."${table}"`}::regclass and i.indisprimary
                order by array_position(i.indkey, a.attnum)`.execute(db)
            ).rows.map((c) => c.name);
      expect(columns, table).toEqual([...keys]);
    }
  });

  it('is idempotent', async () => {
    const { t: test, db } = await emptyDatabase();
    await migrateToLatest(db);
    const before = await tableNames(test);

    expect(await migrateToLatest(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual([]);

    expect(await tableNames(test)).toEqual(before);
    expect(await appliedMigrations(db)).toEqual(knownMigrations());
    expect(await test.handle.db.selectFrom('audit_head').selectAll().execute()).toHaveLength(1);
  });

  it('refuses a database whose applied migrations are not a prefix of ours', async () => {
    const { db } = await emptyDatabase();
    await migrateToLatest(db);
    await sql`insert into kysely_migration (name, timestamp) values (${'0000_from_another_build'}, ${new Date().toISOString()})`.execute(
      db,
    );

    await expect(migrateToLatest(db)).rejects.toThrow(/0000_from_another_build/);
  });

  it('refuses a database migrated by a newer build', async () => {
    const { db } = await emptyDatabase();
    await migrateToLatest(db);
    await sql`insert into kysely_migration (name, timestamp) values (${'9999_from_the_future'}, ${new Date().toISOString()})`.execute(
      db,
    );

    await expect(migrateToLatest(db)).rejects.toThrow(/9999_from_the_future/);
  });
});
