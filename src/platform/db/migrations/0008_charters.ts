import type { Kysely } from 'kysely';

/**
 * Consortium charters (联合体协议): numbered versions of a charter's content and the member
 * organisations' signatures. A version is edited as a `draft`, frozen with its content digest when
 * opened for `signing`, becomes `effective` once every active member signed that digest, and is
 * `superseded` when an amendment becomes effective (or `withdrawn` when a new draft replaces it
 * while it is being signed). A signature binds to the digest it signed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('charter_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consortium_id', 'text', (c) => c.notNull().references('consortium.id').onDelete('cascade'))
    // 1, 2, … per consortium, in the order versions were created.
    .addColumn('number', 'integer', (c) => c.notNull())
    // draft | signing | effective | superseded | withdrawn
    .addColumn('status', 'text', (c) => c.notNull())
    // The CharterContent as JSON; frozen once the version leaves draft.
    .addColumn('content', 'text', (c) => c.notNull())
    // SHA-256 of the canonical content, set when opened for signature (null while a draft).
    .addColumn('digest', 'text')
    // The effective version an amendment changes, or null for a first charter.
    .addColumn('based_on_id', 'text', (c) => c.references('charter_version.id'))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('opened_at', 'text')
    .addColumn('effective_at', 'text')
    .addColumn('superseded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('charter_version_number_uq', ['consortium_id', 'number'])
    .execute();
  await db.schema
    .createIndex('charter_version_status_idx')
    .on('charter_version')
    .columns(['consortium_id', 'status'])
    .execute();

  await db.schema
    .createTable('charter_signature')
    .addColumn('version_id', 'text', (c) => c.notNull().references('charter_version.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('signed_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    // The digest the signer saw and signed; equal to the version's digest when it was accepted.
    .addColumn('digest', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('charter_signature_pk', ['version_id', 'organization_id'])
    .execute();
}
