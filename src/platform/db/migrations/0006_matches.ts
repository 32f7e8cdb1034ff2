import type { Kysely } from 'kysely';

/**
 * The match pipeline: one row per pair of a technical need and a counterpart (an organisation,
 * an expert, an achievement or a capability) that someone acted on — shortlisted, contacted,
 * talked, agreed, converted or declined — and its history. Suggestions nobody acted on are
 * computed, not stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partner_match')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('need.id').onDelete('cascade'))
    // organization | expert | achievement | capability
    .addColumn('counterpart_type', 'text', (c) => c.notNull())
    .addColumn('counterpart_id', 'text', (c) => c.notNull())
    // The need's owner, and the organisation that answers for the counterpart.
    .addColumn('seeker_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('provider_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    // seeker | provider: who put the pair into the pipeline, and who reached out.
    .addColumn('initiated_by', 'text', (c) => c.notNull())
    .addColumn('contacted_by', 'text')
    // suggested | contacted | in_talks | agreed | converted | declined
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('seeker_agreed', 'integer', (c) => c.notNull())
    .addColumn('provider_agreed', 'integer', (c) => c.notNull())
    // The matcher's score and reasons when the pair entered the pipeline (JSON array).
    .addColumn('score', 'double precision')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('declined_by', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('decline_note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('partner_match_pair_uq', ['need_id', 'counterpart_type', 'counterpart_id'])
    .execute();
  await db.schema
    .createIndex('partner_match_seeker_idx')
    .on('partner_match')
    .columns(['seeker_organization_id', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('partner_match_provider_idx')
    .on('partner_match')
    .columns(['provider_organization_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('partner_match_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('match_id', 'text', (c) => c.notNull().references('partner_match.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('partner_match_event_match_idx')
    .on('partner_match_event')
    .columns(['match_id', 'at'])
    .execute();
}
