import type { Kysely } from 'kysely';

/**
 * Outcomes and benefit distribution: a project's results (patents, software copyrights,
 * standards, know-how, new products, papers) with their owners' shares in basis points; income
 * events and the distribution statement each gives every member; the entries those statements post
 * to each organisation's account; and transfers of a co-owner's share under the co-owners' right
 * of first refusal.
 *
 * Every amount of money is integer fen (分) stored as TEXT of decimal digits on both engines, so
 * amounts beyond 2^53 stay exact (the pg driver reads int8 as a JavaScript number); code does the
 * arithmetic in BigInt.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_outcome')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    // patent_application | patent_grant | software_copyright | standard | know_how | new_product | paper
    .addColumn('kind', 'text', (c) => c.notNull())
    // The charter's foreground IP rule the shares follow: patent | software | know_how | standard, or null.
    .addColumn('ip_type', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // Application, grant, registration or standard number, or a DOI / ISBN for a paper.
    .addColumn('reference', 'text', (c) => c.notNull())
    // YYYY-MM-DD: the date of the outcome (filing, grant, registration, publication, launch).
    .addColumn('outcome_date', 'text', (c) => c.notNull())
    .addColumn('filing_date', 'text')
    .addColumn('grant_date', 'text')
    // The charter version the shares were copied from (null: entered for a project without one).
    .addColumn('charter_version_id', 'text', (c) => c.references('charter_version.id'))
    .addColumn('charter_number', 'integer')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_outcome_project_idx')
    .on('project_outcome')
    .columns(['project_id', 'outcome_date'])
    .execute();

  // Who owns an outcome now: an organisation on the platform, or a named third party that bought a share.
  await db.schema
    .createTable('outcome_share')
    .addColumn('outcome_id', 'text', (c) => c.notNull().references('project_outcome.id').onDelete('cascade'))
    // The organisation id, or `ext:<name>` for a third party not on the platform.
    .addColumn('holder_key', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('holder_name', 'text')
    .addColumn('basis_points', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_share_pk', ['outcome_id', 'holder_key'])
    .execute();

  // One row per project that recorded income: locked (and counted) by each income, so incomes of one
  // project take turns and cost recovery never pays the same cost twice.
  await db.schema
    .createTable('project_income_head')
    .addColumn('project_id', 'text', (c) => c.primaryKey().references('project.id').onDelete('cascade'))
    .addColumn('incomes', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('income_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    // 1, 2, … per project.
    .addColumn('number', 'integer', (c) => c.notNull())
    // licence_fee | royalty | sale | other
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'text', (c) => c.notNull())
    // YYYY-MM-DD the money was received.
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('outcome_id', 'text', (c) => c.references('project_outcome.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('charter_version_id', 'text', (c) => c.notNull().references('charter_version.id'))
    .addColumn('charter_number', 'integer', (c) => c.notNull())
    // fixed | contribution_weighted
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('cost_recovery_fen', 'text', (c) => c.notNull())
    .addColumn('shared_fen', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('income_event_number_uq', ['project_id', 'number'])
    .execute();

  // A member's line of an income's distribution statement.
  await db.schema
    .createTable('distribution_statement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('income_id', 'text', (c) => c.notNull().references('income_event.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('cost_recovery_fen', 'text', (c) => c.notNull())
    .addColumn('share_fen', 'text', (c) => c.notNull())
    .addColumn('total_fen', 'text', (c) => c.notNull())
    // The basis points (fixed rule) or contributed fen (weighted rule) the share was computed from.
    .addColumn('weight', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('distribution_statement_uq', ['income_id', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('distribution_statement_project_idx')
    .on('distribution_statement')
    .columns(['project_id', 'organization_id'])
    .execute();

  // An organisation's account: one entry per statement posted to it (the balance is their sum).
  await db.schema
    .createTable('account_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('statement_id', 'text', (c) =>
      c.notNull().references('distribution_statement.id').onDelete('cascade'),
    )
    .addColumn('income_id', 'text', (c) => c.notNull().references('income_event.id').onDelete('cascade'))
    .addColumn('amount_fen', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('account_entry_organization_idx')
    .on('account_entry')
    .columns(['organization_id', 'posted_at'])
    .execute();

  // A co-owner's offer of (part of) its share of an outcome, first to the co-owners.
  await db.schema
    .createTable('ip_transfer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outcome_id', 'text', (c) => c.notNull().references('project_outcome.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('seller_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    // sale | exclusive_licence
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('basis_points', 'integer', (c) => c.notNull())
    .addColumn('price_fen', 'text', (c) => c.notNull())
    .addColumn('offer_period_days', 'integer', (c) => c.notNull())
    .addColumn('offered_at', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    // offered | taken_by_co_owners | sold | licensed | withdrawn
    .addColumn('status', 'text', (c) => c.notNull())
    // Who got it from outside the co-owners: an organisation and/or a name.
    .addColumn('transferee_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('transferee_name', 'text')
    .addColumn('final_price_fen', 'text')
    // JSON [{holderKey, basisPoints}] of what moved when completed.
    .addColumn('moved', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('completed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ip_transfer_outcome_idx')
    .on('ip_transfer')
    .columns(['outcome_id', 'status'])
    .execute();

  // A co-owner's answer to an offer: accept (buy its pro-rata part) or waive.
  await db.schema
    .createTable('ip_transfer_response')
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('ip_transfer.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    // accept | decline
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ip_transfer_response_pk', ['transfer_id', 'organization_id'])
    .execute();
}
