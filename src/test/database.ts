/**
 * Test databases: an in-memory SQLite database by default, or a fresh PostgreSQL schema when
 * CONSORTIA_TEST_DB=postgres. Every test file (or test) gets its own, migrated from empty.
 */
import pg from 'pg';
import type { Kysely } from 'kysely';
import { DEFAULT_SETTINGS, type AppContext, type Settings } from '../platform/context.js';
import { openDatabase, type DatabaseHandle, type Engine } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { newId } from '../platform/ids.js';

export const TEST_POSTGRES_URL =
  process.env['CONSORTIA_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The engine this test run uses. */
export function testEngine(): Engine {
  return process.env['CONSORTIA_TEST_DB'] === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestDatabase {
  handle: DatabaseHandle;
  ctx: AppContext;
  /** The PostgreSQL schema, when on PostgreSQL. */
  schema: string | null;
  close(): Promise<void>;
}

async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Opens an empty database on the run's engine, optionally migrated. */
export async function openTestDatabase(
  options: { migrate?: boolean; settings?: Partial<Settings>; engine?: Engine } = {},
): Promise<TestDatabase> {
  const engine = options.engine ?? testEngine();
  let handle: DatabaseHandle;
  let schema: string | null = null;
  if (engine === 'postgres') {
    schema = `t_${newId().toLowerCase()}`;
    const name = schema;
    await withAdminClient((client) => client.query(`create schema "${name}"`));
    handle = openDatabase(
      { engine: 'postgres', connectionString: TEST_POSTGRES_URL },
      { searchPath: schema, poolSize: 4 },
    );
  } else {
    handle = openDatabase({ engine: 'sqlite', filename: ':memory:' });
  }
  if (options.migrate !== false) await migrateToLatest(handle.db as Kysely<unknown>);
  const ctx: AppContext = { db: handle.db, engine, settings: { ...DEFAULT_SETTINGS, ...options.settings } };
  return {
    handle,
    ctx,
    schema,
    close: async () => {
      await handle.close();
      if (schema) {
        const name = schema;
        await withAdminClient((client) => client.query(`drop schema "${name}" cascade`));
      }
    },
  };
}
