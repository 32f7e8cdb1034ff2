import type { Kysely } from 'kysely';

/**
 * Notifications: one in-app notification per recipient user (a kind such as
 * `consortium.invitation_received`, its parameters as JSON, an optional link into the web app and
 * an optional de-duplication key, unique per user); the e-mail outbox the delivery worker drains
 * after commit (one message per notification and address, with its attempts and backoff); and each
 * user's notification preferences (e-mail on or off).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    // <module>.<event>, e.g. consortium.invitation_received
    .addColumn('kind', 'text', (c) => c.notNull())
    // JSON object of string | number values the kind's text interpolates.
    .addColumn('params', 'text', (c) => c.notNull())
    // A path in the web app (e.g. /consortia/<id>), or null.
    .addColumn('link', 'text')
    // When set, a second notification with the same key for the same user is not created.
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notification_user_idx')
    .on('notification')
    .columns(['user_id', 'created_at'])
    .execute();
  // Both engines treat nulls as distinct in a unique index: only set keys are unique per user.
  await db.schema
    .createIndex('notification_dedupe_uq')
    .on('notification')
    .columns(['user_id', 'dedupe_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('notification_email')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) =>
      c.notNull().references('notification.id').onDelete('cascade'),
    )
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    // queued | sent | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('notification_email_due_idx')
    .on('notification_email')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('notification_preference')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    // 1 = also send notifications by e-mail (when SMTP is configured), 0 = in the app only.
    .addColumn('email_enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
