/** Queries of the matching module: external ids, match profiles, past collaborations. */
import type { Queryable } from '../../platform/db/database.js';
import type {
  CollaborationParticipantRow,
  CollaborationProjectRow,
  ExternalRefRow,
  OrganizationMatchProfileRow,
} from '../../platform/db/schema.js';

const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function findExternalRefs(
  db: Queryable,
  source: string,
  entityType: string,
  externalIds: readonly string[],
): Promise<Map<string, ExternalRefRow>> {
  const found = new Map<string, ExternalRefRow>();
  for (const part of chunks([...new Set(externalIds)])) {
    const rows = await db
      .selectFrom('external_ref')
      .selectAll()
      .where('source', '=', source)
      .where('entity_type', '=', entityType)
      .where('external_id', 'in', part)
      .execute();
    for (const row of rows) found.set(row.external_id, row);
  }
  return found;
}

/** Every external id of a source (and type), as entity id → external id. */
export async function listExternalRefs(
  db: Queryable,
  source: string,
  entityType?: string,
): Promise<ExternalRefRow[]> {
  let query = db.selectFrom('external_ref').selectAll().where('source', '=', source);
  if (entityType) query = query.where('entity_type', '=', entityType);
  return query.orderBy('entity_type').orderBy('external_id').execute();
}

export async function upsertExternalRef(db: Queryable, row: ExternalRefRow): Promise<void> {
  await db
    .insertInto('external_ref')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['source', 'entity_type', 'external_id']).doUpdateSet({
        entity_id: row.entity_id,
        content_hash: row.content_hash,
        imported_at: row.imported_at,
      }),
    )
    .execute();
}

export async function upsertMatchProfile(db: Queryable, row: OrganizationMatchProfileRow): Promise<void> {
  await db
    .insertInto('organization_match_profile')
    .values(row)
    .onConflict((oc) =>
      oc.column('organization_id').doUpdateSet({
        country: row.country,
        city: row.city,
        keywords: row.keywords,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export function listMatchProfiles(db: Queryable): Promise<OrganizationMatchProfileRow[]> {
  return db.selectFrom('organization_match_profile').selectAll().execute();
}

/** The organisations matching ranks, with what it needs of each. */
export function listOrganizationsForMatching(db: Queryable) {
  return db
    .selectFrom('organization')
    .select([
      'id',
      'kind',
      'name_zh',
      'name_en',
      'description_zh',
      'description_en',
      'district',
      'verification_status',
      'moe_code',
      'credit_code',
      'size_class',
      'service_type',
      'website',
    ])
    .orderBy('id')
    .execute();
}

export function listOrganizationClusters(db: Queryable) {
  return db
    .selectFrom('organization_cluster')
    .innerJoin('cluster', 'cluster.id', 'organization_cluster.cluster_id')
    .select(['organization_cluster.organization_id', 'cluster.slug', 'organization_cluster.chain_position'])
    .execute();
}

export async function findCollaborationProjects(
  db: Queryable,
  source: string,
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(externalIds)])) {
    const rows = await db
      .selectFrom('collaboration_project')
      .select(['id', 'external_id'])
      .where('source', '=', source)
      .where('external_id', 'in', part)
      .execute();
    for (const row of rows) found.set(row.external_id, row.id);
  }
  return found;
}

export async function insertCollaborationProjects(
  db: Queryable,
  rows: readonly CollaborationProjectRow[],
): Promise<void> {
  for (const part of chunks(rows, 200)) await db.insertInto('collaboration_project').values(part).execute();
}

export async function updateCollaborationProject(
  db: Queryable,
  id: string,
  changes: Pick<CollaborationProjectRow, 'title' | 'programme' | 'topic' | 'start_year'>,
): Promise<void> {
  await db.updateTable('collaboration_project').set(changes).where('id', '=', id).execute();
}

/** Inserts participations, skipping ones already recorded. */
export async function insertParticipants(
  db: Queryable,
  rows: readonly CollaborationParticipantRow[],
): Promise<void> {
  for (const part of chunks(rows, 300))
    await db
      .insertInto('collaboration_participant')
      .values(part)
      .onConflict((oc) => oc.columns(['project_id', 'organization_id']).doNothing())
      .execute();
}

/** Every past collaboration with its participants, for the graph and track records. */
export function listParticipations(db: Queryable) {
  return db
    .selectFrom('collaboration_participant')
    .innerJoin('collaboration_project', 'collaboration_project.id', 'collaboration_participant.project_id')
    .select([
      'collaboration_participant.project_id',
      'collaboration_participant.organization_id',
      'collaboration_project.title',
      'collaboration_project.programme',
      'collaboration_project.topic',
    ])
    .orderBy('collaboration_participant.project_id')
    .execute();
}

export function findMatchProfile(
  db: Queryable,
  organizationId: string,
): Promise<OrganizationMatchProfileRow | undefined> {
  return db
    .selectFrom('organization_match_profile')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
}

/** Every external id of one entity type, from every source. */
export function listAllExternalRefs(db: Queryable, entityType: string): Promise<ExternalRefRow[]> {
  return db
    .selectFrom('external_ref')
    .selectAll()
    .where('entity_type', '=', entityType)
    .orderBy('source')
    .execute();
}

/** Organisations holding these MOE codes (read-only look-up so an import adopts them). */
export async function findOrganizationIdsByMoeCode(
  db: Queryable,
  codes: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(codes)])) {
    const rows = await db
      .selectFrom('organization')
      .select(['id', 'moe_code'])
      .where('moe_code', 'in', part)
      .execute();
    for (const row of rows) if (row.moe_code) found.set(row.moe_code, row.id);
  }
  return found;
}

/** Changes whenever past collaborations are imported (for caching match indexes). */
export async function collaborationFingerprint(db: Queryable): Promise<string> {
  const row = await db
    .selectFrom('collaboration_participant')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .executeTakeFirst();
  return String(row?.count ?? 0);
}
