import { sql, type Kysely } from 'kysely';

/**
 * Consortia: a lead organisation and the organisations it invites, each membership with a role,
 * a chain position and a state; the consortium's applications for designation by the cluster
 * office with each decision and its comments; and the cluster office's lead policy (one row).
 * The charter (work packages, exit rules, IP and benefit shares) comes in a later migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consortium')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('objectives', 'text', (c) => c.notNull())
    // The industry cluster by slug, as directory records name theirs.
    .addColumn('cluster_slug', 'text', (c) => c.notNull())
    .addColumn('lead_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    // forming | active | dissolved
    .addColumn('status', 'text', (c) => c.notNull())
    // draft | submitted | returned | approved
    .addColumn('designation_status', 'text', (c) => c.notNull())
    .addColumn('designated_at', 'text')
    // The agreed or converted pair of the match pipeline it grew out of, if any.
    .addColumn('source_match_id', 'text', (c) => c.references('partner_match.id'))
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consortium_lead_idx')
    .on('consortium')
    .columns(['lead_organization_id', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('consortium_designation_idx')
    .on('consortium')
    .columns(['designation_status', 'updated_at'])
    .execute();

  await db.schema
    .createTable('consortium_member')
    .addColumn('consortium_id', 'text', (c) => c.notNull().references('consortium.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    // lead | core | member | supporting
    .addColumn('role', 'text', (c) => c.notNull())
    // upstream | midstream | downstream, in the consortium's cluster
    .addColumn('chain_position', 'text')
    // invited | active | declined | withdrawn | left | removed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('responded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('responded_at', 'text')
    // When the membership ended (declined, withdrawn, left, removed), and why, in a note.
    .addColumn('ended_at', 'text')
    .addColumn('end_note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('consortium_member_pk', ['consortium_id', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('consortium_member_organization_idx')
    .on('consortium_member')
    .columns(['organization_id', 'status'])
    .execute();

  await db.schema
    .createTable('consortium_designation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consortium_id', 'text', (c) => c.notNull().references('consortium.id').onDelete('cascade'))
    // 1 for the first application, 2 for the first resubmission, …
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    // submitted | approved | returned
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('decided_at', 'text')
    .addColumn('comments', 'text')
    .addUniqueConstraint('consortium_designation_round_uq', ['consortium_id', 'round'])
    .execute();

  await db.schema
    .createTable('consortium_policy')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    // JSON arrays: organisation kinds that may lead, and the size classes an enterprise lead needs.
    .addColumn('lead_kinds', 'text', (c) => c.notNull())
    .addColumn('lead_size_classes', 'text', (c) => c.notNull())
    // Designation needs this many active members (the lead included) …
    .addColumn('min_active_members', 'integer', (c) => c.notNull())
    // … and, when 1, at least one active university, vocational college or research institute.
    .addColumn('require_knowledge_member', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // The default: a leading or large enterprise leads; three members with a knowledge side.
  await sql`insert into consortium_policy (id, lead_kinds, lead_size_classes, min_active_members, require_knowledge_member, updated_by, updated_at, version)
    values (1, ${'["enterprise"]'}, ${'["leading","large"]'}, 3, 1, null, ${'1970-01-01T00:00:00.000Z'}, 1)`.execute(
    db,
  );
}
