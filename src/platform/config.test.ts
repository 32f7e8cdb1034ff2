import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SQLITE_FILE, describeDatabaseTarget, parseDatabaseUrl, parsePort } from './config.js';

describe('parseDatabaseUrl', () => {
  it('reads a plain path as an SQLite file, resolved to an absolute path', () => {
    expect(parseDatabaseUrl('./data/x.db')).toEqual({
      engine: 'sqlite',
      filename: path.resolve('data/x.db'),
    });
  });

  it('reads sqlite:<path> and sqlite://<path>', () => {
    expect(parseDatabaseUrl('sqlite:./x.db')).toEqual({ engine: 'sqlite', filename: path.resolve('x.db') });
    expect(parseDatabaseUrl('sqlite:///tmp/y.db')).toEqual({ engine: 'sqlite', filename: '/tmp/y.db' });
  });

  it('reads an in-memory SQLite database', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ engine: 'sqlite', filename: ':memory:' });
    expect(parseDatabaseUrl(':memory:')).toEqual({ engine: 'sqlite', filename: ':memory:' });
  });

  it('reads postgres:// and postgresql:// URLs unchanged', () => {
    const a = 'postgres://app:secret@db.internal:5432/consortia';
    const b = 'postgresql://app@localhost/consortia?sslmode=require';
    expect(parseDatabaseUrl(a)).toEqual({ engine: 'postgres', connectionString: a });
    expect(parseDatabaseUrl(b)).toEqual({ engine: 'postgres', connectionString: b });
    expect(parseDatabaseUrl(`  ${a}  `)).toEqual({ engine: 'postgres', connectionString: a });
  });

  it('refuses other database URLs', () => {
    expect(() => parseDatabaseUrl('mysql://root@localhost/consortia')).toThrow(
      /Unsupported database URL "mysql:\/\//,
    );
  });

  it('falls back to the default file when nothing is given', () => {
    const expected = { engine: 'sqlite', filename: path.resolve(DEFAULT_SQLITE_FILE) };
    expect(parseDatabaseUrl(undefined)).toEqual(expected);
    expect(parseDatabaseUrl('   ')).toEqual(expected);
  });
});

describe('describeDatabaseTarget', () => {
  it('hides a PostgreSQL password', () => {
    const text = describeDatabaseTarget(parseDatabaseUrl('postgres://app:s3cret@db:5432/consortia'));
    expect(text).toBe('PostgreSQL postgres://app:***@db:5432/consortia');
    expect(text).not.toContain('s3cret');
  });

  it('names an SQLite file', () => {
    expect(describeDatabaseTarget({ engine: 'sqlite', filename: '/srv/x.db' })).toBe('SQLite /srv/x.db');
  });
});

describe('parsePort', () => {
  it('reads ports from 0 to 65535', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('8080')).toBe(8080);
    expect(parsePort('65535')).toBe(65535);
  });

  it('uses the fallback when nothing is given', () => {
    expect(parsePort(undefined)).toBe(3000);
    expect(parsePort('', 4000)).toBe(4000);
    expect(parsePort('  ', 4000)).toBe(4000);
  });

  it.each(['65536', '-1', '80.5', 'http', '1e9'])('refuses %s', (raw) => {
    expect(() => parsePort(raw)).toThrow(`Invalid port "${raw}": expected an integer from 0 to 65535`);
  });
});
