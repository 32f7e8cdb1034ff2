import fs from 'node:fs';
import { createHash } from 'node:crypto';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Db, Engine } from './database.js';
import { appliedMigrations, createMigrator, knownMigrations, migrateToLatest } from './migrate.js';
import { rebuildFullTextIndex } from './fulltext.js';
import { TABLE_KEYS, TABLES_IN_DEPENDENCY_ORDER, type TableName } from './schema.js';

/**
 * Logical backups: gzip'd JSON lines, one row a line, the same for both engines — so a backup of
 * an SQLite installation restores into PostgreSQL and back. The first line names the format and
 * the migrations applied; the last carries a SHA-256 over every row line, so a truncated or
 * altered file is refused.
 */
export const BACKUP_FORMAT = 'consortia-backup';
export const BACKUP_FORMAT_VERSION = 1;

interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  migrations: string[];
}

interface BackupTrailer {
  end: true;
  rows: number;
  sha256: string;
}

export interface BackupSummary {
  file: string;
  rows: number;
  tables: Record<string, number>;
}

const PAGE_SIZE = 2000;

async function* backupLines(db: Db, tables: Record<string, number>): AsyncGenerator<string> {
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    migrations: await appliedMigrations(db as Kysely<unknown>),
  };
  yield `${JSON.stringify(header)}\n`;
  const digest = createHash('sha256');
  let rows = 0;
  for (const table of TABLES_IN_DEPENDENCY_ORDER) {
    tables[table] = 0;
    for (let offset = 0; ; offset += PAGE_SIZE) {
      let query = db.selectFrom(table).selectAll();
      for (const key of TABLE_KEYS[table]) query = query.orderBy(key as never);
      const page = (await query.limit(PAGE_SIZE).offset(offset).execute()) as Record<string, unknown>[];
      for (const row of page) {
        const line = `${JSON.stringify({ t: table, r: row })}\n`;
        digest.update(line);
        rows += 1;
        tables[table] += 1;
        yield line;
      }
      if (page.length < PAGE_SIZE) break;
    }
  }
  const trailer: BackupTrailer = { end: true, rows, sha256: digest.digest('hex') };
  yield `${JSON.stringify(trailer)}\n`;
}

/** Writes a consistent backup of every table to `file` (taken inside one read transaction). */
export async function backupDatabase(db: Db, engine: Engine, file: string): Promise<BackupSummary> {
  const tables: Record<string, number> = {};
  const temporary = `${file}.partial`;
  // SQLite transactions are snapshots already; PostgreSQL needs repeatable read for one.
  const transaction =
    engine === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
  await transaction.execute(async (tx) => {
    await pipeline(
      Readable.from(backupLines(tx as unknown as Db, tables)),
      zlib.createGzip(),
      fs.createWriteStream(temporary),
    );
  });
  fs.renameSync(temporary, file);
  const rows = Object.values(tables).reduce((a, b) => a + b, 0);
  return { file, rows, tables };
}

export class BackupError extends Error {}

async function readBackup(
  file: string,
): Promise<{ header: BackupHeader; rows: Map<TableName, Record<string, unknown>[]> }> {
  if (!fs.existsSync(file)) throw new BackupError(`No such file: ${file}`);
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  let header: BackupHeader | null = null;
  let trailer: BackupTrailer | null = null;
  const digest = createHash('sha256');
  const rows = new Map<TableName, Record<string, unknown>[]>();
  let count = 0;
  try {
    for await (const line of lines) {
      if (line === '') continue;
      if (trailer) throw new BackupError('The backup has data after its end marker');
      const value = JSON.parse(line) as Record<string, unknown>;
      if (!header) {
        if (value['format'] !== BACKUP_FORMAT || value['formatVersion'] !== BACKUP_FORMAT_VERSION) {
          throw new BackupError('Not a Consortia backup (or a newer format than this version reads)');
        }
        header = value as unknown as BackupHeader;
        continue;
      }
      if (value['end'] === true) {
        trailer = value as unknown as BackupTrailer;
        continue;
      }
      const table = value['t'];
      if (typeof table !== 'string' || !(table in TABLE_KEYS))
        throw new BackupError(`Unknown table in backup: ${String(table)}`);
      digest.update(`${line}\n`);
      count += 1;
      const list = rows.get(table as TableName) ?? [];
      list.push(value['r'] as Record<string, unknown>);
      rows.set(table as TableName, list);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `The backup file is damaged: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!header) throw new BackupError('The backup file is empty');
  if (!trailer) throw new BackupError('The backup file is incomplete (no end marker)');
  if (trailer.rows !== count || trailer.sha256 !== digest.digest('hex')) {
    throw new BackupError('The backup file does not match its checksum');
  }
  return { header, rows };
}

export interface RestoreSummary {
  rows: number;
  migrationsAfterRestore: string[];
}

/**
 * Restores a backup into a database: brings the schema to the backup's migration level, replaces
 * every row in one transaction, then applies any newer migrations. Refuses a database that holds
 * users or organisations unless `force` is set.
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  options: { force?: boolean } = {},
): Promise<RestoreSummary> {
  const { header, rows } = await readBackup(file);
  const known = knownMigrations();
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0)
    throw new BackupError(`The backup comes from a newer version (migrations ${unknown.join(', ')})`);
  if (header.migrations.some((m, i) => known[i] !== m))
    throw new BackupError('The backup has migrations out of order');
  const applied = await appliedMigrations(db as Kysely<unknown>);
  if (applied.length > header.migrations.length) {
    throw new BackupError('The target database is newer than the backup; restore into an empty database');
  }
  const last = header.migrations.at(-1);
  if (last) {
    const migrator = await createMigrator(db as Kysely<unknown>);
    const result = await migrator.migrateTo(last);
    if (result.error)
      throw new BackupError(
        `Could not prepare the schema: ${result.error instanceof Error ? result.error.message : 'migration failed'}`,
      );
  }
  if (!options.force) {
    const [users, orgs] = await Promise.all([
      db.selectFrom('app_user').select('id').limit(1).execute(),
      db.selectFrom('organization').select('id').limit(1).execute(),
    ]);
    if (users.length > 0 || orgs.length > 0) {
      throw new BackupError('The target database is not empty; use --force to replace its contents');
    }
  }
  let restored = 0;
  await db.transaction().execute(async (tx) => {
    for (const table of [...TABLES_IN_DEPENDENCY_ORDER].reverse()) await tx.deleteFrom(table).execute();
    for (const table of TABLES_IN_DEPENDENCY_ORDER) {
      const list = rows.get(table) ?? [];
      for (let i = 0; i < list.length; i += 200) {
        await tx
          .insertInto(table)
          .values(list.slice(i, i + 200))
          .execute();
      }
      restored += list.length;
    }
    if (!rows.has('audit_head')) {
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(tx);
    }
    // The SQLite full-text index is derived from search_document and not in the backup.
    await rebuildFullTextIndex(tx as unknown as Kysely<unknown>);
  });
  await migrateToLatest(db as Kysely<unknown>);
  return { rows: restored, migrationsAfterRestore: await appliedMigrations(db as Kysely<unknown>) };
}
