import { Migrator, PostgresAdapter, sql, type MigrationResultSet, type Kysely } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';

/**
 * A migrator over our migrations. On PostgreSQL its bookkeeping tables are pinned to the current
 * schema: left unpinned, Kysely takes a `kysely_migration` table in any other schema of the same
 * database (another installation, a parallel test) for ours and then fails to find it.
 */
export async function createMigrator(db: Kysely<unknown>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema ?? undefined;
  }
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

/** Applies every pending migration; refuses to run when the applied ones are not a prefix of ours. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = await createMigrator(db);
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`.replace('  ', ' '));
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of the migrations already applied to a database, in order. */
export async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const migrator = await createMigrator(db);
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

/** Every migration this build knows, in order. */
export function knownMigrations(): string[] {
  return Object.keys(MIGRATIONS).sort();
}
