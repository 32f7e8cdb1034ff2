/**
 * Queries of the notifications module: notifications, their outbox e-mails and the e-mail
 * preference. Resolving recipients reads three tables of other modules, read-only: memberships
 * (organisations), platform roles and user accounts (identity); one query per kind of recipient
 * rather than a service call per organisation or user.
 */
import type { Queryable } from '../../platform/db/database.js';
import type { NotificationEmailRow, NotificationRow, UserRow } from '../../platform/db/schema.js';

// ---------------------------------------------------------------------------------------------
// Recipients (read-only reads of other modules' tables)

/** Users with the admin role in any of these organisations (a user may appear more than once). */
export async function findAdminUserIdsOf(
  db: Queryable,
  organizationIds: readonly string[],
): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectFrom('membership')
    .select('user_id')
    .where('organization_id', 'in', organizationIds)
    .where('role', '=', 'admin')
    .execute();
  return rows.map((row) => row.user_id);
}

/** Every member (admin or not) of any of these organisations (a user may appear more than once). */
export async function findMemberUserIdsOf(
  db: Queryable,
  organizationIds: readonly string[],
): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectFrom('membership')
    .select('user_id')
    .where('organization_id', 'in', organizationIds)
    .execute();
  return rows.map((row) => row.user_id);
}

/** Holders of any of these platform roles (a user may appear more than once). */
export async function findPlatformRoleHolderIds(db: Queryable, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db.selectFrom('platform_role').select('user_id').where('role', 'in', roles).execute();
  return rows.map((row) => row.user_id);
}

/** The ids among these that belong to existing accounts, in no particular order. */
export async function findExistingUserIds(db: Queryable, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('app_user').select('id').where('id', 'in', userIds).execute();
  return rows.map((row) => row.id);
}

/** What sending a user a notification e-mail needs: address, language, demo flag, preference. */
export interface EmailRecipientRow {
  id: UserRow['id'];
  email: UserRow['email'];
  locale: UserRow['locale'];
  is_demo: UserRow['is_demo'];
  /** Null when the user never set a preference. */
  email_enabled: number | null;
}

/** These users' addresses, languages and e-mail preferences, in no particular order. */
export async function findEmailRecipients(
  db: Queryable,
  userIds: readonly string[],
): Promise<EmailRecipientRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('app_user')
    .leftJoin('notification_preference', 'notification_preference.user_id', 'app_user.id')
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.locale',
      'app_user.is_demo',
      'notification_preference.email_enabled',
    ])
    .where('app_user.id', 'in', userIds)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Notifications

export async function insertNotifications(db: Queryable, rows: readonly NotificationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notification')
    .values([...rows])
    .execute();
}

/**
 * Inserts the rows, silently skipping each whose user already holds a notification with the same
 * `dedupe_key` (the unique key on user and key); `findNotificationIds` tells which were kept.
 */
export async function insertNotificationsSkippingHeldKeys(
  db: Queryable,
  rows: readonly NotificationRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notification')
    .values([...rows])
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .execute();
}

/** The ids among these that exist as notifications. */
export async function findNotificationIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('notification').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

/** One of the user's notifications; undefined when it does not exist or is someone else's. */
export function findOwnNotification(
  db: Queryable,
  userId: string,
  id: string,
): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** A page of the user's notifications (all or only unread), newest first, with the total. */
export async function listNotificationsOf(
  db: Queryable,
  userId: string,
  filter: { unread: boolean; limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  let base = db.selectFrom('notification').where('user_id', '=', userId);
  if (filter.unread) base = base.where('read_at', 'is', null);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** How many of the user's notifications are unread. */
export async function countUnreadNotifications(db: Queryable, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read if it is still unread. */
export async function markNotificationRead(
  db: Queryable,
  userId: string,
  id: string,
  readAt: string,
): Promise<void> {
  await db
    .updateTable('notification')
    .set({ read_at: readAt })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

/** Marks all the user's unread notifications read; returns how many. */
export async function markAllNotificationsRead(
  db: Queryable,
  userId: string,
  readAt: string,
): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: readAt })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// E-mail preference

/** The user's stored e-mail switch (1 on, 0 off), or undefined when never set. */
export async function findEmailEnabled(db: Queryable, userId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('notification_preference')
    .select('email_enabled')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.email_enabled;
}

/** Stores the user's e-mail switch (1 on, 0 off), creating the row or changing it. */
export async function upsertEmailEnabled(
  db: Queryable,
  userId: string,
  emailEnabled: number,
  now: string,
): Promise<void> {
  await db
    .insertInto('notification_preference')
    .values({ user_id: userId, email_enabled: emailEnabled, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ email_enabled: emailEnabled, updated_at: now }))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The e-mail outbox

export async function insertNotificationEmails(
  db: Queryable,
  rows: readonly NotificationEmailRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notification_email')
    .values([...rows])
    .execute();
}

/** Up to `limit` queued e-mails whose next attempt is due by `now`, the longest-waiting first. */
export function findDueEmails(db: Queryable, now: string, limit: number): Promise<NotificationEmailRow[]> {
  return db
    .selectFrom('notification_email')
    .selectAll()
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Claims a queued e-mail by moving its next attempt from `dueAt` (as read) to `leaseUntil`; false
 * when another process moved it first.
 */
export async function claimEmail(
  db: Queryable,
  id: string,
  dueAt: string,
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('notification_email')
    .set({ next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where('next_attempt_at', '=', dueAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a delivered e-mail (and clears an earlier attempt's error). */
export async function markEmailSent(
  db: Queryable,
  id: string,
  attempts: number,
  sentAt: string,
): Promise<void> {
  await db
    .updateTable('notification_email')
    .set({ status: 'sent', attempts, sent_at: sentAt, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Gives up on an e-mail after its last attempt, keeping the error. */
export async function markEmailFailed(
  db: Queryable,
  id: string,
  attempts: number,
  lastError: string,
): Promise<void> {
  await db
    .updateTable('notification_email')
    .set({ status: 'failed', attempts, last_error: lastError })
    .where('id', '=', id)
    .execute();
}

/** Records a failed attempt and when to try again. */
export async function scheduleEmailRetry(
  db: Queryable,
  id: string,
  attempts: number,
  lastError: string,
  nextAttemptAt: string,
): Promise<void> {
  await db
    .updateTable('notification_email')
    .set({ attempts, last_error: lastError, next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .execute();
}
