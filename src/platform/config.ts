import path from 'node:path';

/** Where the database lives: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseTarget =
  { engine: 'sqlite'; filename: string } | { engine: 'postgres'; connectionString: string };

export const DEFAULT_SQLITE_FILE = './data/consortia.db';

/**
 * Reads a database location as users write it: a path (`./data/x.db`), `sqlite:./data/x.db`,
 * `sqlite::memory:`, or a `postgres://` / `postgresql://` URL.
 */
export function parseDatabaseUrl(raw: string | undefined): DatabaseTarget {
  const value = (raw ?? '').trim() || DEFAULT_SQLITE_FILE;
  if (/^postgres(ql)?:\/\//i.test(value)) return { engine: 'postgres', connectionString: value };
  const withoutScheme = value.replace(/^sqlite:(\/\/)?/i, '');
  if (withoutScheme === ':memory:') return { engine: 'sqlite', filename: ':memory:' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(withoutScheme)) {
    throw new Error(`Unsupported database URL "${value}": use a file path, sqlite:<path> or postgres://…`);
  }
  return { engine: 'sqlite', filename: path.resolve(withoutScheme) };
}

/** Describes a target without its password, for logs and command output. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return `SQLite ${target.filename}`;
  try {
    const url = new URL(target.connectionString);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** Reads a TCP port, refusing anything that is not one. */
export function parsePort(raw: string | undefined, fallback = 3000): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port "${raw}": expected an integer from 0 to 65535`);
  }
  return port;
}
