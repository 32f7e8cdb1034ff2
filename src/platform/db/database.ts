import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import type { Database } from './schema.js';

export type Engine = DatabaseTarget['engine'];
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type Queryable = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  target: DatabaseTarget;
  /** The raw better-sqlite3 connection, for backups of the file; absent on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL: a schema to use instead of `public` (tests isolate themselves this way). */
  searchPath?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

const INT8_OID = 20;

/** pg's type parsers, except that int8 becomes a number (ids and amounts stay below 2^53). */
const parseBigintAsNumber = ((oid: number, format?: 'text' | 'binary'): unknown =>
  oid === INT8_OID
    ? (value: string) => Number(value)
    : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(
        oid,
        format,
      )) as typeof pg.types.getTypeParser;

/** Opens a database: SQLite with WAL and foreign keys on, or a PostgreSQL pool. */
export function openDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): DatabaseHandle {
  if (target.engine === 'sqlite') {
    if (target.filename !== ':memory:') fs.mkdirSync(path.dirname(target.filename), { recursive: true });
    const sqlite = new SQLite(target.filename);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // Read through a memory map (no read() per page): search over a large index is several times faster.
    sqlite.pragma('mmap_size = 4294967296');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, engine: 'sqlite', target, sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: options.poolSize ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    // bigint columns (audit sequence, money in fen) come back as numbers; they stay below 2^53.
    types: { getTypeParser: parseBigintAsNumber },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', target, close: () => db.destroy() };
}
