import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/database.js';
import type { ClusterRow, MembershipRow, OrganizationRow } from '../../platform/db/schema.js';
import { containsIgnoringCase } from '../../platform/db/text.js';

export interface OrganizationClusterView {
  organizationId: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  chainPosition: string;
  sortOrder: number;
}

export function listClusters(db: Queryable): Promise<ClusterRow[]> {
  return db.selectFrom('cluster').selectAll().orderBy('sort_order').orderBy('slug').execute();
}

export function findClustersBySlugs(db: Queryable, slugs: readonly string[]): Promise<ClusterRow[]> {
  if (slugs.length === 0) return Promise.resolve([]);
  return db.selectFrom('cluster').selectAll().where('slug', 'in', slugs).execute();
}

export async function insertCluster(db: Queryable, row: ClusterRow): Promise<void> {
  await db.insertInto('cluster').values(row).execute();
}

export function findOrganization(db: Queryable, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganizationsByIds(db: Queryable, ids: readonly string[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organization').selectAll().where('id', 'in', ids).execute();
}

export function findOrganizationByCreditCode(
  db: Queryable,
  code: string,
): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organization').selectAll().where('credit_code', '=', code).executeTakeFirst();
}

export function findOrganizationByMoeCode(db: Queryable, code: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organization').selectAll().where('moe_code', '=', code).executeTakeFirst();
}

/** The clusters of several organisations at once, in cluster order. */
export async function findClustersOfOrganizations(
  db: Queryable,
  organizationIds: readonly string[],
): Promise<Map<string, OrganizationClusterView[]>> {
  const result = new Map<string, OrganizationClusterView[]>();
  if (organizationIds.length === 0) return result;
  const rows = await db
    .selectFrom('organization_cluster')
    .innerJoin('cluster', 'cluster.id', 'organization_cluster.cluster_id')
    .select([
      'organization_cluster.organization_id as organizationId',
      'cluster.slug as slug',
      'cluster.name_zh as nameZh',
      'cluster.name_en as nameEn',
      'organization_cluster.chain_position as chainPosition',
      'cluster.sort_order as sortOrder',
    ])
    .where('organization_cluster.organization_id', 'in', organizationIds)
    .orderBy('cluster.sort_order')
    .execute();
  for (const row of rows) result.set(row.organizationId, [...(result.get(row.organizationId) ?? []), row]);
  return result;
}

export interface OrganizationFilter {
  q?: string | undefined;
  kind?: string | undefined;
  cluster?: string | undefined;
  chainPosition?: string | undefined;
  district?: string | undefined;
  /** Which verification states to include. */
  verification: 'verified' | 'unverified' | 'all';
  limit: number;
  offset: number;
}

/** A page of organisations matching the filter, ordered by kind then Chinese name, with the total. */
export async function listOrganizations(
  db: Queryable,
  filter: OrganizationFilter,
): Promise<{ rows: OrganizationRow[]; total: number }> {
  let base = db.selectFrom('organization');
  if (filter.verification !== 'all') base = base.where('verification_status', '=', filter.verification);
  if (filter.kind) base = base.where('kind', '=', filter.kind);
  if (filter.district) base = base.where('district', '=', filter.district);
  const q = filter.q;
  if (q)
    base = base.where((eb) =>
      eb.or([containsIgnoringCase('name_zh', q), containsIgnoringCase('name_en', q)]),
    );
  if (filter.cluster || filter.chainPosition) {
    const { cluster, chainPosition } = filter;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('organization_cluster')
          .innerJoin('cluster', 'cluster.id', 'organization_cluster.cluster_id')
          .select(sql.lit(1).as('one'))
          .whereRef('organization_cluster.organization_id', '=', 'organization.id')
          .$if(cluster !== undefined, (qb) => qb.where('cluster.slug', '=', cluster ?? ''))
          .$if(chainPosition !== undefined, (qb) =>
            qb.where('organization_cluster.chain_position', '=', chainPosition ?? ''),
          ),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('kind')
      .orderBy('name_zh')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Every organisation id, in id order (re-indexing). */
export async function listOrganizationIds(db: Queryable): Promise<string[]> {
  const rows = await db.selectFrom('organization').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function insertOrganization(db: Queryable, row: OrganizationRow): Promise<void> {
  await db.insertInto('organization').values(row).execute();
}

/** Applies changes only if the stored version is still `version`; returns whether it did. */
export async function updateOrganization(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<Omit<OrganizationRow, 'id' | 'kind' | 'version' | 'created_at' | 'created_by'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('organization')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceOrganizationClusters(
  db: Queryable,
  organizationId: string,
  entries: readonly { clusterId: string; chainPosition: string }[],
): Promise<void> {
  await db.deleteFrom('organization_cluster').where('organization_id', '=', organizationId).execute();
  if (entries.length > 0) {
    await db
      .insertInto('organization_cluster')
      .values(
        entries.map((e) => ({
          organization_id: organizationId,
          cluster_id: e.clusterId,
          chain_position: e.chainPosition,
        })),
      )
      .execute();
  }
}

export async function countUnverifiedCreatedBy(db: Queryable, userId: string): Promise<number> {
  const row = await db
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_by', '=', userId)
    .where('verification_status', '=', 'unverified')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface MemberView {
  userId: string;
  email: string;
  displayName: string;
  role: string;
  createdAt: string;
}

export function listMembers(db: Queryable, organizationId: string): Promise<MemberView[]> {
  return db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select([
      'membership.user_id as userId',
      'app_user.email as email',
      'app_user.display_name as displayName',
      'membership.role as role',
      'membership.created_at as createdAt',
    ])
    .where('membership.organization_id', '=', organizationId)
    .orderBy('membership.created_at')
    .execute();
}

export function findMembership(
  db: Queryable,
  organizationId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('membership')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function insertMembership(db: Queryable, row: MembershipRow): Promise<void> {
  await db.insertInto('membership').values(row).execute();
}

export async function updateMembershipRole(
  db: Queryable,
  organizationId: string,
  userId: string,
  role: string,
): Promise<void> {
  await db
    .updateTable('membership')
    .set({ role })
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMembership(db: Queryable, organizationId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('membership')
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .execute();
}

export async function countAdmins(db: Queryable, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('membership')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countDemoOrganizations(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_demo', '=', 1)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
