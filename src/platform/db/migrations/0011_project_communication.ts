import type { Kysely } from 'kysely';

/**
 * A project's communication log and its engagement monitor: threads (a subject, a stage, the
 * parties it is addressed to, open or closed) and their posts; meeting minutes (attendees, agenda,
 * decisions, and action items, each of which became a project task); document records (a title,
 * a kind and a reference, not the file itself); and the engagement flags raised on silent parties
 * or parties with overdue tasks — open until the party is engaged again, kept afterwards as history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_thread')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // JSON array of organisation ids the thread is addressed to; [] is open to every party.
    .addColumn('addressed_to', 'text', (c) => c.notNull())
    // open | closed
    .addColumn('status', 'text', (c) => c.notNull())
    // The party that started the thread, and who.
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_thread_project_idx')
    .on('project_thread')
    .columns(['project_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('project_thread_post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('project_thread.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    // The party the author wrote for.
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_thread_post_idx')
    .on('project_thread_post')
    .columns(['thread_id', 'at'])
    .execute();
  await db.schema
    .createIndex('project_thread_post_project_idx')
    .on('project_thread_post')
    .columns(['project_id'])
    .execute();

  await db.schema
    .createTable('project_minutes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // YYYY-MM-DD
    .addColumn('meeting_date', 'text', (c) => c.notNull())
    // JSON array of { organizationId, userId | null, name }
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('agenda', 'text', (c) => c.notNull())
    // JSON array of strings
    .addColumn('decisions', 'text', (c) => c.notNull())
    // The party that recorded the minutes, and who.
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_minutes_project_idx')
    .on('project_minutes')
    .columns(['project_id', 'meeting_date'])
    .execute();

  // One row per action item of the minutes, with the task it became.
  await db.schema
    .createTable('project_action_item')
    .addColumn('minutes_id', 'text', (c) => c.notNull().references('project_minutes.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('assignee_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('assignee_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('due_date', 'text')
    .addColumn('task_id', 'text', (c) => c.notNull().references('project_task.id'))
    .addPrimaryKeyConstraint('project_action_item_pk', ['minutes_id', 'position'])
    .execute();

  await db.schema
    .createTable('project_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // report | contract | drawing | minutes | evidence | other
    .addColumn('kind', 'text', (c) => c.notNull())
    // A URL or a reference (archive number, path on a shared drive); the file is not stored here.
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('version_label', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('uploaded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_document_project_idx')
    .on('project_document')
    .columns(['project_id', 'created_at'])
    .execute();

  // An episode of a party being flagged: raised by a sweep, cleared by the first sweep after which
  // the party is no longer silent and has no overdue tasks. At most one open flag per party.
  await db.schema
    .createTable('project_engagement_flag')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    // `<project id>:<organization id>` while open, null once cleared (unique: one open flag each).
    .addColumn('open_key', 'text', (c) => c.unique())
    // JSON array of reasons: silent | overdue_tasks (the latest sweep's)
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('days_silent', 'integer', (c) => c.notNull())
    .addColumn('overdue_tasks', 'integer', (c) => c.notNull())
    .addColumn('flagged_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .execute();
  await db.schema
    .createIndex('project_engagement_flag_idx')
    .on('project_engagement_flag')
    .columns(['project_id', 'organization_id', 'flagged_at'])
    .execute();
}
