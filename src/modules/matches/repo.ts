import type { Queryable } from '../../platform/db/database.js';
import type { PartnerMatchEventRow, PartnerMatchRow } from '../../platform/db/schema.js';

export function findMatch(db: Queryable, id: string): Promise<PartnerMatchRow | undefined> {
  return db.selectFrom('partner_match').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMatchByPair(
  db: Queryable,
  needId: string,
  counterpartType: string,
  counterpartId: string,
): Promise<PartnerMatchRow | undefined> {
  return db
    .selectFrom('partner_match')
    .selectAll()
    .where('need_id', '=', needId)
    .where('counterpart_type', '=', counterpartType)
    .where('counterpart_id', '=', counterpartId)
    .executeTakeFirst();
}

/** Pairs of one need with any of these counterparts. */
export async function findMatchesOfNeed(
  db: Queryable,
  needId: string,
  counterpartType: string,
  counterpartIds: readonly string[],
): Promise<PartnerMatchRow[]> {
  if (counterpartIds.length === 0) return [];
  return db
    .selectFrom('partner_match')
    .selectAll()
    .where('need_id', '=', needId)
    .where('counterpart_type', '=', counterpartType)
    .where('counterpart_id', 'in', counterpartIds)
    .execute();
}

/** Pairs of one counterpart with any of these needs. */
export async function findMatchesOfCounterpart(
  db: Queryable,
  counterpartType: string,
  counterpartId: string,
  needIds: readonly string[],
): Promise<PartnerMatchRow[]> {
  if (needIds.length === 0) return [];
  return db
    .selectFrom('partner_match')
    .selectAll()
    .where('counterpart_type', '=', counterpartType)
    .where('counterpart_id', '=', counterpartId)
    .where('need_id', 'in', needIds)
    .execute();
}

/** Declined pairs an organisation was part of, on either side (ranking feedback). */
export function findDeclinedPairs(
  db: Queryable,
  organizationId: string,
): Promise<Pick<PartnerMatchRow, 'seeker_organization_id' | 'provider_organization_id' | 'status'>[]> {
  return db
    .selectFrom('partner_match')
    .select(['seeker_organization_id', 'provider_organization_id', 'status'])
    .where('status', '=', 'declined')
    .where((eb) =>
      eb.or([
        eb('seeker_organization_id', '=', organizationId),
        eb('provider_organization_id', '=', organizationId),
      ]),
    )
    .execute();
}

export interface MatchFilter {
  /** Organisations whose pairs to list (null: every pair, for platform roles). */
  organizationIds: readonly string[] | null;
  side?: 'seeker' | 'provider' | undefined;
  status?: string | undefined;
  needId?: string | undefined;
}

function filtered(db: Queryable, filter: MatchFilter) {
  let query = db.selectFrom('partner_match');
  const ids = filter.organizationIds;
  if (ids !== null) {
    if (ids.length === 0) return null;
    query = query.where((eb) => {
      if (filter.side === 'seeker') return eb('seeker_organization_id', 'in', ids);
      if (filter.side === 'provider') return eb('provider_organization_id', 'in', ids);
      return eb.or([eb('seeker_organization_id', 'in', ids), eb('provider_organization_id', 'in', ids)]);
    });
  }
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.needId) query = query.where('need_id', '=', filter.needId);
  return query;
}

/** Every pair the filter selects, newest change first (the caller pages; lists are short). */
export async function listMatches(db: Queryable, filter: MatchFilter): Promise<PartnerMatchRow[]> {
  const query = filtered(db, filter);
  if (!query) return [];
  return query.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
}

export async function insertMatch(db: Queryable, row: PartnerMatchRow): Promise<void> {
  await db.insertInto('partner_match').values(row).execute();
}

/** Writes a step if the pair is still at `version`; false when someone acted first. */
export async function updateMatch(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<PartnerMatchRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('partner_match')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(db: Queryable, row: PartnerMatchEventRow): Promise<void> {
  await db.insertInto('partner_match_event').values(row).execute();
}

/** A pair's history, oldest first, with the acting user's name. */
export function listEvents(db: Queryable, matchId: string) {
  return db
    .selectFrom('partner_match_event')
    .leftJoin('app_user', 'app_user.id', 'partner_match_event.actor_user_id')
    .select([
      'partner_match_event.at',
      'partner_match_event.side',
      'partner_match_event.action',
      'partner_match_event.from_status',
      'partner_match_event.to_status',
      'partner_match_event.note',
      'app_user.display_name',
    ])
    .where('partner_match_event.match_id', '=', matchId)
    .orderBy('partner_match_event.at')
    .orderBy('partner_match_event.id')
    .execute();
}
