import type { Queryable } from '../../platform/db/database.js';
import type {
  CharterSignatureRow,
  CharterVersionRow,
  ConsortiumDesignationRow,
  ConsortiumMemberRow,
  ConsortiumPolicyRow,
  ConsortiumRow,
} from '../../platform/db/schema.js';

export function findConsortium(db: Queryable, id: string): Promise<ConsortiumRow | undefined> {
  return db.selectFrom('consortium').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertConsortium(db: Queryable, row: ConsortiumRow): Promise<void> {
  await db.insertInto('consortium').values(row).execute();
}

/**
 * Writes a change if the consortium is still at `version`; false when someone changed it first.
 * Every change to a consortium or its memberships goes through here first, so the checks made on
 * what was read stay true until the transaction ends (the row lock serialises writers).
 */
export async function updateConsortium(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<ConsortiumRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('consortium')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ConsortiumFilter {
  /** Only consortia one of these organisations is invited to or active in (null: any). */
  organizationIds: readonly string[] | null;
  status?: string | undefined;
  designationStatus?: string | undefined;
}

/** Consortia the filter selects, newest change first (the caller pages; lists are short). */
export async function listConsortia(db: Queryable, filter: ConsortiumFilter): Promise<ConsortiumRow[]> {
  let query = db.selectFrom('consortium').selectAll();
  const ids = filter.organizationIds;
  if (ids !== null) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('consortium_member')
        .select('consortium_member.consortium_id')
        .where('consortium_member.organization_id', 'in', ids)
        .where('consortium_member.status', 'in', ['invited', 'active']),
    );
  }
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.designationStatus) query = query.where('designation_status', '=', filter.designationStatus);
  return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
}

/** Every membership of these consortia, in the order they were invited. */
export async function findMembers(
  db: Queryable,
  consortiumIds: readonly string[],
): Promise<ConsortiumMemberRow[]> {
  if (consortiumIds.length === 0) return [];
  return db
    .selectFrom('consortium_member')
    .selectAll()
    .where('consortium_id', 'in', [...new Set(consortiumIds)])
    .orderBy('consortium_id')
    .orderBy('invited_at')
    .orderBy('organization_id')
    .execute();
}

export async function insertMember(db: Queryable, row: ConsortiumMemberRow): Promise<void> {
  await db.insertInto('consortium_member').values(row).execute();
}

/** Writes a membership change if it is still at `version`; false when someone acted first. */
export async function updateMember(
  db: Queryable,
  consortiumId: string,
  organizationId: string,
  version: number,
  changes: Partial<ConsortiumMemberRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('consortium_member')
    .set({ ...changes, version: version + 1 })
    .where('consortium_id', '=', consortiumId)
    .where('organization_id', '=', organizationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Pending invitations of these organisations, newest first. */
export async function listInvitations(
  db: Queryable,
  organizationIds: readonly string[],
): Promise<ConsortiumMemberRow[]> {
  if (organizationIds.length === 0) return [];
  return db
    .selectFrom('consortium_member')
    .selectAll()
    .where('organization_id', 'in', organizationIds)
    .where('status', '=', 'invited')
    .orderBy('invited_at', 'desc')
    .orderBy('consortium_id')
    .execute();
}

/** A consortium's applications for designation, oldest first. */
export function findDesignations(db: Queryable, consortiumId: string): Promise<ConsortiumDesignationRow[]> {
  return db
    .selectFrom('consortium_designation')
    .selectAll()
    .where('consortium_id', '=', consortiumId)
    .orderBy('round')
    .execute();
}

export async function insertDesignation(db: Queryable, row: ConsortiumDesignationRow): Promise<void> {
  await db.insertInto('consortium_designation').values(row).execute();
}

export async function decideDesignation(
  db: Queryable,
  id: string,
  changes: Pick<ConsortiumDesignationRow, 'status' | 'decided_by' | 'decided_at' | 'comments'>,
): Promise<void> {
  await db.updateTable('consortium_designation').set(changes).where('id', '=', id).execute();
}

export function findPolicy(db: Queryable): Promise<ConsortiumPolicyRow> {
  return db.selectFrom('consortium_policy').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

/** Writes the policy if it is still at `version`; false when someone changed it first. */
export async function updatePolicy(
  db: Queryable,
  version: number,
  changes: Omit<ConsortiumPolicyRow, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('consortium_policy')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', 1)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Charter versions and signatures

/** A consortium's charter versions, by number. */
export function findCharterVersions(db: Queryable, consortiumId: string): Promise<CharterVersionRow[]> {
  return db
    .selectFrom('charter_version')
    .selectAll()
    .where('consortium_id', '=', consortiumId)
    .orderBy('number')
    .execute();
}

export async function insertCharterVersion(db: Queryable, row: CharterVersionRow): Promise<void> {
  await db.insertInto('charter_version').values(row).execute();
}

/** Writes a version change if it is still at `version`; false when someone changed it first. */
export async function updateCharterVersion(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<CharterVersionRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('charter_version')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Signatures of these versions, oldest first. */
export async function findCharterSignatures(
  db: Queryable,
  versionIds: readonly string[],
): Promise<CharterSignatureRow[]> {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('charter_signature')
    .selectAll()
    .where('version_id', 'in', [...new Set(versionIds)])
    .orderBy('signed_at')
    .orderBy('organization_id')
    .execute();
}

export async function insertCharterSignature(db: Queryable, row: CharterSignatureRow): Promise<void> {
  await db.insertInto('charter_signature').values(row).execute();
}

/**
 * Locks the consortium row until the transaction ends without changing it, so charter steps and
 * membership changes of one consortium take turns (an update that sets nothing new still locks).
 */
export async function lockConsortium(db: Queryable, id: string): Promise<void> {
  await db
    .updateTable('consortium')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', id)
    .execute();
}
