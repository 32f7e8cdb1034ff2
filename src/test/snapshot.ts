/**
 * SQLite snapshots for tests that need the same prepared world many times: build it once, serialize
 * the in-memory database, and open a fresh app on a private copy for every case.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { buildApp } from '../app.js';
import { DEFAULT_SETTINGS, type AppContext, type Settings } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import type { TestApp } from './app.js';

/** The bytes of a SQLite test database; refuses PostgreSQL, which has no such snapshot. */
export function snapshotOf(t: TestApp): Buffer {
  if (!t.handle.sqlite) throw new Error('Snapshots need the SQLite engine');
  return t.handle.sqlite.serialize();
}

/** A new app on an in-memory copy of the snapshot: what one case does never reaches the next. */
export async function openTestAppFromSnapshot(
  snapshot: Buffer,
  options: { settings?: Partial<Settings> } = {},
): Promise<TestApp> {
  const sqlite = new SQLite(snapshot);
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const handle = {
    db,
    engine: 'sqlite' as const,
    target: { engine: 'sqlite' as const, filename: ':memory:' },
    sqlite,
    close: () => db.destroy(),
  };
  const ctx: AppContext = { db, engine: 'sqlite', settings: { ...DEFAULT_SETTINGS, ...options.settings } };
  const app = await buildApp(ctx);
  await app.ready();
  return {
    handle,
    ctx,
    schema: null,
    app,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}
