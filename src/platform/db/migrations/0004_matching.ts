import type { Kysely } from 'kysely';

/**
 * Matching: external ids of imported records (so a re-import updates instead of duplicating),
 * what imports know of an organisation beyond its profile (country, city, keywords), and past
 * collaborations (projects and their participants, e.g. from CORDIS) that feed the collaboration
 * graph and track records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('external_ref')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    // SHA-256 of the canonical imported record: an unchanged record is not rewritten.
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('external_ref_pk', ['source', 'entity_type', 'external_id'])
    .execute();
  await db.schema
    .createIndex('external_ref_entity_idx')
    .on('external_ref')
    .columns(['entity_type', 'entity_id'])
    .execute();

  await db.schema
    .createTable('organization_match_profile')
    .addColumn('organization_id', 'text', (c) =>
      c.primaryKey().references('organization.id').onDelete('cascade'),
    )
    .addColumn('country', 'text')
    .addColumn('city', 'text')
    // A JSON array of strings.
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('collaboration_project')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // A programme or cluster the project belongs to (CORDIS programme part, a cluster slug).
    .addColumn('programme', 'text')
    .addColumn('topic', 'text')
    .addColumn('start_year', 'integer')
    .addUniqueConstraint('collaboration_project_source_uq', ['source', 'external_id'])
    .execute();

  await db.schema
    .createTable('collaboration_participant')
    .addColumn('project_id', 'text', (c) =>
      c.notNull().references('collaboration_project.id').onDelete('cascade'),
    )
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('collaboration_participant_pk', ['project_id', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('collaboration_participant_org_idx')
    .on('collaboration_participant')
    .column('organization_id')
    .execute();
}
