/**
 * A fingerprint of everything a request could have stored, for tests that check a refused or
 * rejected request stored nothing. Works on both engines; compare two taken on the same one.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.js';
import { TABLE_KEYS, TABLES_IN_DEPENDENCY_ORDER } from '../platform/db/schema.js';

/**
 * Every row of every table, with two exceptions a refused sign-in legitimately writes:
 * `login_attempt` rows (the throttle counts them) and `auth.login_failed` audit events (counted
 * apart in `failedLogins`, so a test can allow them only for auth.invalid_credentials). Sessions
 * are compared by id, since using one slides its expiry forward. The audit head moves with the
 * events, so the digest of the events stands for it.
 */
export interface Fingerprint {
  /** table → digest of its rows */
  tables: Record<string, string>;
  failedLogins: number;
}

export async function databaseFingerprint(db: Db): Promise<Fingerprint> {
  const tables: Record<string, string> = {};
  for (const table of TABLES_IN_DEPENDENCY_ORDER) {
    if (table === 'login_attempt' || table === 'audit_head') continue;
    const order = sql.join(TABLE_KEYS[table].map((key) => sql.ref(key)));
    const query =
      table === 'session'
        ? sql`select id from session order by id`
        : table === 'audit_event'
          ? sql`select * from audit_event where action <> 'auth.login_failed' order by seq`
          : sql`select * from ${sql.table(table)} order by ${order}`;
    const { rows } = await query.execute(db);
    tables[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
  }
  const failed = await sql<{
    n: number | string;
  }>`select count(*) as n from audit_event where action = 'auth.login_failed'`.execute(db);
  return { tables, failedLogins: Number(failed.rows[0]?.n ?? 0) };
}
