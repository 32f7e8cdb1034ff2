import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/database.js';
import type { SessionRow, UserRow } from '../../platform/db/schema.js';
import { containsIgnoringCase } from '../../platform/db/text.js';

export function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Queryable, row: UserRow): Promise<void> {
  await db.insertInto('app_user').values(row).execute();
}

export async function updateUser(
  db: Queryable,
  id: string,
  changes: Partial<Pick<UserRow, 'display_name' | 'locale' | 'password_hash'>>,
  at: string,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ ...changes, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function findPlatformRoles(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('platform_role')
    .select('role')
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role);
}

export async function replacePlatformRoles(
  db: Queryable,
  userId: string,
  roles: readonly string[],
  grantedBy: string | null,
  at: string,
): Promise<void> {
  await db.deleteFrom('platform_role').where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await db
      .insertInto('platform_role')
      .values(roles.map((role) => ({ user_id: userId, role, granted_at: at, granted_by: grantedBy })))
      .execute();
  }
}

export interface MembershipView {
  organizationId: string;
  role: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  verificationStatus: string;
}

/** A user's memberships with the organisations' names, for the actor and the session response. */
export async function findMembershipsOfUser(db: Queryable, userId: string): Promise<MembershipView[]> {
  const rows = await db
    .selectFrom('membership')
    .innerJoin('organization', 'organization.id', 'membership.organization_id')
    .select([
      'membership.organization_id as organizationId',
      'membership.role as role',
      'organization.name_zh as nameZh',
      'organization.name_en as nameEn',
      'organization.kind as kind',
      'organization.verification_status as verificationStatus',
    ])
    .where('membership.user_id', '=', userId)
    .orderBy('membership.created_at')
    .execute();
  return rows;
}

export async function insertSession(db: Queryable, row: SessionRow): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

export function findSession(db: Queryable, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Queryable, id: string, at: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('session')
    .set({ last_seen_at: at, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Ends every session of a user except one (after a password change). */
export async function deleteOtherSessions(db: Queryable, userId: string, keepId: string): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}

export async function deleteExpiredSessions(db: Queryable, now: string): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<', now).execute();
}

export async function insertLoginAttempt(
  db: Queryable,
  row: { id: string; email: string; ip: string; at: string; succeeded: number },
): Promise<void> {
  await db.insertInto('login_attempt').values(row).execute();
}

/** Failed logins since a moment, for one e-mail or one IP address. */
export async function countFailedLogins(
  db: Queryable,
  by: { email: string } | { ip: string },
  since: string,
): Promise<number> {
  let query = db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('succeeded', '=', 0)
    .where('at', '>', since);
  query = 'email' in by ? query.where('email', '=', by.email) : query.where('ip', '=', by.ip);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** When an e-mail last signed in successfully (failures before it no longer count). */
export async function lastSuccessfulLogin(db: Queryable, email: string): Promise<string | null> {
  const row = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('email', '=', email)
    .where('succeeded', '=', 1)
    .executeTakeFirst();
  return row?.at ?? null;
}

export async function deleteLoginAttemptsBefore(db: Queryable, before: string): Promise<void> {
  await db.deleteFrom('login_attempt').where('at', '<', before).execute();
}

export async function listUsers(
  db: Queryable,
  filter: { q?: string | undefined; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  let base = db.selectFrom('app_user');
  const q = filter.q;
  if (q) {
    base = base.where((eb) =>
      eb.or([containsIgnoringCase('email', q), containsIgnoringCase('display_name', q)]),
    );
  }
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('email').limit(filter.limit).offset(filter.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

export async function findPlatformRolesOfUsers(
  db: Queryable,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('platform_role')
    .select(['user_id', 'role'])
    .where('user_id', 'in', userIds)
    .orderBy('role')
    .execute();
  for (const row of rows) result.set(row.user_id, [...(result.get(row.user_id) ?? []), row.role]);
  return result;
}

export async function countUsersWithRole(db: Queryable, role: string): Promise<number> {
  const row = await db
    .selectFrom('platform_role')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', role)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
