import { sql, type Kysely } from 'kysely';

/**
 * The directory: technical needs, capabilities, achievements, expert profiles, and the NDA
 * requests that make an organisation a party of a restricted record. Lists (keywords, modes,
 * fields) are JSON arrays in text columns; money is integer fen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('need')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_organization_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('public_keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('cluster_slug', 'text', (c) => c.references('cluster.slug').onDelete('set null'))
    .addColumn('cooperation_modes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('budget_min_fen', 'bigint')
    .addColumn('budget_max_fen', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('CNY'))
    .addColumn('deadline', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('nda_terms', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('need_owner_idx').on('need').column('owner_organization_id').execute();
  await db.schema.createIndex('need_status_idx').on('need').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('need_cluster_idx').on('need').column('cluster_slug').execute();

  await db.schema
    .createTable('capability')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_organization_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('public_keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('cluster_slug', 'text', (c) => c.references('cluster.slug').onDelete('set null'))
    .addColumn('cooperation_modes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('nda_terms', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('capability_owner_idx')
    .on('capability')
    .column('owner_organization_id')
    .execute();
  await db.schema
    .createIndex('capability_status_idx')
    .on('capability')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('achievement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_organization_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('public_keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('cluster_slug', 'text', (c) => c.references('cluster.slug').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('registration_number', 'text')
    .addColumn('trl', 'integer', (c) => c.notNull())
    .addColumn('transfer_modes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('nda_terms', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('achievement_owner_idx')
    .on('achievement')
    .column('owner_organization_id')
    .execute();
  await db.schema
    .createIndex('achievement_status_idx')
    .on('achievement')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('expert')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('orcid', 'text', (c) => c.unique())
    .addColumn('cluster_slug', 'text', (c) => c.references('cluster.slug').onDelete('set null'))
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('expert_organization_idx').on('expert').column('organization_id').execute();

  await db.schema
    .createTable('nda_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('owner_organization_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('requester_organization_id', 'text', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('requested_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('accepted_terms', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('nda_request_entity_idx')
    .on('nda_request')
    .columns(['entity_type', 'entity_id', 'requester_organization_id'])
    .execute();
  await db.schema
    .createIndex('nda_request_owner_idx')
    .on('nda_request')
    .columns(['owner_organization_id', 'status'])
    .execute();
  await db.schema
    .createIndex('nda_request_requester_idx')
    .on('nda_request')
    .columns(['requester_organization_id', 'status'])
    .execute();
  // One open request per record and requesting organisation, even under concurrent requests.
  await db.schema
    .createIndex('nda_request_pending_uq')
    .unique()
    .on('nda_request')
    .columns(['entity_type', 'entity_id', 'requester_organization_id'])
    .where(sql.ref('status'), '=', sql.lit('pending'))
    .execute();
}
