import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Queryable } from '../../platform/db/database.js';
import type {
  AchievementRow,
  CapabilityRow,
  ExpertRow,
  NdaRequestRow,
  NeedRow,
} from '../../platform/db/schema.js';
import { containsIgnoringCase } from '../../platform/db/text.js';

/** A JSON array column holds this string value (values are enum tokens, matched with their quotes). */
function jsonArrayHas(column: string, value: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${`%${JSON.stringify(value)}%`}`;
}

interface Page {
  limit: number;
  offset: number;
}

// ---------------------------------------------------------------------------------------------
// Needs

export interface NeedFilter extends Page {
  q?: string | undefined;
  cluster?: string | undefined;
  cooperationMode?: string | undefined;
  status?: string | undefined;
  owner?: string | undefined;
}

export async function insertNeed(db: Queryable, row: NeedRow): Promise<void> {
  await db.insertInto('need').values(row).execute();
}

export function findNeed(db: Queryable, id: string): Promise<NeedRow | undefined> {
  return db.selectFrom('need').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Applies changes only if the stored version is still `version`; returns whether it did. */
export async function updateNeed(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<Omit<NeedRow, 'id' | 'owner_organization_id' | 'version' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('need')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A page of needs, newest first, with the total. Filters touch only fields every tier shows. */
export async function listNeeds(
  db: Queryable,
  filter: NeedFilter,
): Promise<{ rows: NeedRow[]; total: number }> {
  let base = db.selectFrom('need');
  if (filter.q) base = base.where(containsIgnoringCase('title', filter.q));
  if (filter.cluster) base = base.where('cluster_slug', '=', filter.cluster);
  if (filter.cooperationMode) base = base.where(jsonArrayHas('cooperation_modes', filter.cooperationMode));
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.owner) base = base.where('owner_organization_id', '=', filter.owner);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
      .then((row) => Number(row?.n ?? 0)),
  ]);
  return { rows, total };
}

// ---------------------------------------------------------------------------------------------
// Capabilities

export interface CapabilityFilter extends Page {
  q?: string | undefined;
  cluster?: string | undefined;
  cooperationMode?: string | undefined;
  status?: string | undefined;
  owner?: string | undefined;
  ownerKind?: string | undefined;
}

export async function insertCapability(db: Queryable, row: CapabilityRow): Promise<void> {
  await db.insertInto('capability').values(row).execute();
}

export function findCapability(db: Queryable, id: string): Promise<CapabilityRow | undefined> {
  return db.selectFrom('capability').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateCapability(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<Omit<CapabilityRow, 'id' | 'owner_organization_id' | 'version' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('capability')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listCapabilities(
  db: Queryable,
  filter: CapabilityFilter,
): Promise<{ rows: CapabilityRow[]; total: number }> {
  let base = db.selectFrom('capability');
  if (filter.q) base = base.where(containsIgnoringCase('title', filter.q));
  if (filter.cluster) base = base.where('cluster_slug', '=', filter.cluster);
  if (filter.cooperationMode) base = base.where(jsonArrayHas('cooperation_modes', filter.cooperationMode));
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.owner) base = base.where('owner_organization_id', '=', filter.owner);
  if (filter.ownerKind) base = base.where('owner_kind', '=', filter.ownerKind);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
      .then((row) => Number(row?.n ?? 0)),
  ]);
  return { rows, total };
}

// ---------------------------------------------------------------------------------------------
// Achievements

export interface AchievementFilter extends Page {
  q?: string | undefined;
  cluster?: string | undefined;
  kind?: string | undefined;
  transferMode?: string | undefined;
  trlMin?: number | undefined;
  trlMax?: number | undefined;
  status?: string | undefined;
  owner?: string | undefined;
  ownerKind?: string | undefined;
}

export async function insertAchievement(db: Queryable, row: AchievementRow): Promise<void> {
  await db.insertInto('achievement').values(row).execute();
}

export function findAchievement(db: Queryable, id: string): Promise<AchievementRow | undefined> {
  return db.selectFrom('achievement').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateAchievement(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<Omit<AchievementRow, 'id' | 'owner_organization_id' | 'version' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('achievement')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listAchievements(
  db: Queryable,
  filter: AchievementFilter,
): Promise<{ rows: AchievementRow[]; total: number }> {
  let base = db.selectFrom('achievement');
  if (filter.q) base = base.where(containsIgnoringCase('title', filter.q));
  if (filter.cluster) base = base.where('cluster_slug', '=', filter.cluster);
  if (filter.kind) base = base.where('kind', '=', filter.kind);
  if (filter.transferMode) base = base.where(jsonArrayHas('transfer_modes', filter.transferMode));
  if (filter.trlMin !== undefined) base = base.where('trl', '>=', filter.trlMin);
  if (filter.trlMax !== undefined) base = base.where('trl', '<=', filter.trlMax);
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.owner) base = base.where('owner_organization_id', '=', filter.owner);
  if (filter.ownerKind) base = base.where('owner_kind', '=', filter.ownerKind);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
      .then((row) => Number(row?.n ?? 0)),
  ]);
  return { rows, total };
}

// ---------------------------------------------------------------------------------------------
// Experts

export interface ExpertFilter extends Page {
  q?: string | undefined;
  cluster?: string | undefined;
  status?: string | undefined;
  owner?: string | undefined;
  ownerKind?: string | undefined;
}

export async function insertExpert(db: Queryable, row: ExpertRow): Promise<void> {
  await db.insertInto('expert').values(row).execute();
}

export function findExpert(db: Queryable, id: string): Promise<ExpertRow | undefined> {
  return db.selectFrom('expert').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findExpertByOrcid(db: Queryable, orcid: string): Promise<ExpertRow | undefined> {
  return db.selectFrom('expert').selectAll().where('orcid', '=', orcid).executeTakeFirst();
}

export async function updateExpert(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<Omit<ExpertRow, 'id' | 'organization_id' | 'version' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('expert')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listExperts(
  db: Queryable,
  filter: ExpertFilter,
): Promise<{ rows: ExpertRow[]; total: number }> {
  let base = db.selectFrom('expert');
  const q = filter.q;
  if (q)
    base = base.where((eb) =>
      eb.or([containsIgnoringCase('name_zh', q), containsIgnoringCase('name_en', q)]),
    );
  if (filter.cluster) base = base.where('cluster_slug', '=', filter.cluster);
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.owner) base = base.where('organization_id', '=', filter.owner);
  if (filter.ownerKind) base = base.where('owner_kind', '=', filter.ownerKind);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
      .then((row) => Number(row?.n ?? 0)),
  ]);
  return { rows, total };
}

// ---------------------------------------------------------------------------------------------
// NDA requests

export async function insertNdaRequest(db: Queryable, row: NdaRequestRow): Promise<void> {
  await db.insertInto('nda_request').values(row).execute();
}

export function findNdaRequest(db: Queryable, id: string): Promise<NdaRequestRow | undefined> {
  return db.selectFrom('nda_request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateNdaRequest(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<
    Pick<NdaRequestRow, 'status' | 'decision_reason' | 'decided_by' | 'decided_at' | 'updated_at'>
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('nda_request')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The requests some organisations made for some records of one type (for the caller's standing
 * and for who is a party). Empty lists ask nothing.
 */
export function findNdaRequestsFor(
  db: Queryable,
  entityType: string,
  entityIds: readonly string[],
  requesterOrganizationIds: readonly string[],
): Promise<NdaRequestRow[]> {
  if (entityIds.length === 0 || requesterOrganizationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('nda_request')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', entityIds)
    .where('requester_organization_id', 'in', requesterOrganizationIds)
    .orderBy('created_at')
    .execute();
}

export interface NdaRequestFilter extends Page {
  /** Requests for records of these organisations, or by these organisations. */
  side: 'owner' | 'requester';
  organizationIds: readonly string[];
  status?: string | undefined;
}

/** A page of requests, newest first, with the total. */
export async function listNdaRequests(
  db: Queryable,
  filter: NdaRequestFilter,
): Promise<{ rows: NdaRequestRow[]; total: number }> {
  if (filter.organizationIds.length === 0) return { rows: [], total: 0 };
  const column = filter.side === 'owner' ? 'owner_organization_id' : 'requester_organization_id';
  let base = db.selectFrom('nda_request').where(column, 'in', filter.organizationIds);
  if (filter.status) base = base.where('status', '=', filter.status);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
      .then((row) => Number(row?.n ?? 0)),
  ]);
  return { rows, total };
}

/** Titles of records of one type, by id (every tier shows the title). */
export async function findTitles(
  db: Queryable,
  entityType: 'need' | 'capability' | 'achievement',
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom(entityType).select(['id', 'title']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

export async function countDemoRecords(db: Queryable): Promise<number> {
  const counts = await Promise.all(
    (['need', 'capability', 'achievement', 'expert'] as const).map(async (table) => {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('is_demo', '=', 1)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}
