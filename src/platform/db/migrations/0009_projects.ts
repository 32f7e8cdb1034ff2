import type { Kysely } from 'kysely';

/**
 * Projects (项目): a consortium's project or a bilateral one grown out of a converted match, with
 * its stage (application → rd → pilot → industrialisation → promotion → closed) and status; the
 * organisations taking part; milestones per stage with the evidence that they are done; the
 * parties' sign-offs of a stage gate; the history of stage and status changes; tasks assigned to
 * parties; and one activity row per contribution a party makes (the engagement monitor reads it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consortium_id', 'text', (c) => c.references('consortium.id'))
    .addColumn('source_match_id', 'text', (c) => c.references('partner_match.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('lead_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    // application | rd | pilot | industrialisation | promotion | closed
    .addColumn('stage', 'text', (c) => c.notNull())
    // active | suspended | terminated | closed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    // A party with no contribution for this many days is flagged by the engagement monitor.
    .addColumn('silent_after_days', 'integer', (c) => c.notNull().defaultTo(14))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_consortium_idx').on('project').columns(['consortium_id']).execute();
  await db.schema.createIndex('project_status_idx').on('project').columns(['status', 'updated_at']).execute();

  await db.schema
    .createTable('project_party')
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    // lead | core | member | supporting | partner
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_party_pk', ['project_id', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('project_party_organization_idx')
    .on('project_party')
    .columns(['organization_id'])
    .execute();

  await db.schema
    .createTable('project_milestone')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // YYYY-MM-DD
    .addColumn('due_date', 'text')
    .addColumn('responsible_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    // open | done
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('done_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_milestone_project_idx')
    .on('project_milestone')
    .columns(['project_id', 'stage'])
    .execute();

  // Each time a milestone is marked done: what shows it (a document reference or a URL) and a note.
  await db.schema
    .createTable('project_milestone_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('milestone_id', 'text', (c) =>
      c.notNull().references('project_milestone.id').onDelete('cascade'),
    )
    // document | url
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('recorded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_milestone_evidence_idx')
    .on('project_milestone_evidence')
    .columns(['milestone_id', 'recorded_at'])
    .execute();

  // A party's sign-off of the gate that ends a stage; deleted when a milestone of the stage reopens.
  await db.schema
    .createTable('project_signoff')
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('signed_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_signoff_pk', ['project_id', 'stage', 'organization_id'])
    .execute();

  // The project's history: creation, each gate passed, suspension, resumption, termination.
  await db.schema
    .createTable('project_stage_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('app_user.id'))
    // create | advance | suspend | resume | terminate
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('project_stage_event_idx')
    .on('project_stage_event')
    .columns(['project_id', 'at'])
    .execute();

  await db.schema
    .createTable('project_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('assignee_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('assignee_user_id', 'text', (c) => c.references('app_user.id'))
    // YYYY-MM-DD
    .addColumn('due_date', 'text')
    // open | in_progress | done | cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    // manual | action_item
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_ref', 'text')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_task_project_idx')
    .on('project_task')
    .columns(['project_id', 'status'])
    .execute();
  await db.schema
    .createIndex('project_task_assignee_idx')
    .on('project_task')
    .columns(['assignee_organization_id', 'status'])
    .execute();

  await db.schema
    .createTable('project_activity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    // e.g. task_created, task_done, milestone_done, signoff, post, minutes, document, …
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_activity_idx')
    .on('project_activity')
    .columns(['project_id', 'organization_id', 'at'])
    .execute();
}
