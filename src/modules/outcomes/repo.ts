import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/database.js';
import type {
  AccountEntryRow,
  DistributionStatementRow,
  IncomeEventRow,
  IpTransferResponseRow,
  IpTransferRow,
  OutcomeShareRow,
  ProjectOutcomeRow,
} from '../../platform/db/schema.js';

// ---------------------------------------------------------------------------------------------
// Outcomes and their shares

export async function insertOutcome(db: Queryable, row: ProjectOutcomeRow): Promise<void> {
  await db.insertInto('project_outcome').values(row).execute();
}

export function findOutcome(db: Queryable, id: string): Promise<ProjectOutcomeRow | undefined> {
  return db.selectFrom('project_outcome').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A project's outcomes, newest first. */
export function listOutcomes(db: Queryable, projectId: string): Promise<ProjectOutcomeRow[]> {
  return db
    .selectFrom('project_outcome')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('outcome_date', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Writes a change if the outcome is still at `version`; false when someone changed it first. */
export async function updateOutcome(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<ProjectOutcomeRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('project_outcome')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findShares(db: Queryable, outcomeIds: readonly string[]): Promise<OutcomeShareRow[]> {
  if (outcomeIds.length === 0) return [];
  return db
    .selectFrom('outcome_share')
    .selectAll()
    .where('outcome_id', 'in', [...new Set(outcomeIds)])
    .orderBy('outcome_id')
    .orderBy('holder_key')
    .execute();
}

/** Replaces an outcome's whole share table. */
export async function replaceShares(
  db: Queryable,
  outcomeId: string,
  rows: readonly OutcomeShareRow[],
): Promise<void> {
  await db.deleteFrom('outcome_share').where('outcome_id', '=', outcomeId).execute();
  if (rows.length > 0)
    await db
      .insertInto('outcome_share')
      .values([...rows])
      .execute();
}

// ---------------------------------------------------------------------------------------------
// Income, statements and accounts

/**
 * Counts the project's incomes and locks its counter row until the transaction ends, so incomes of
 * one project take turns (cost recovery reads what earlier incomes recovered). Returns the number
 * of this income.
 */
export async function nextIncomeNumber(db: Queryable, projectId: string): Promise<number> {
  const row = await db
    .insertInto('project_income_head')
    .values({ project_id: projectId, incomes: 1 })
    .onConflict((oc) =>
      oc.column('project_id').doUpdateSet({ incomes: sql<number>`project_income_head.incomes + 1` }),
    )
    .returning('incomes')
    .executeTakeFirstOrThrow();
  return Number(row.incomes);
}

export async function insertIncome(db: Queryable, row: IncomeEventRow): Promise<void> {
  await db.insertInto('income_event').values(row).execute();
}

/** A project's incomes, newest first. */
export function listIncomes(db: Queryable, projectId: string): Promise<IncomeEventRow[]> {
  return db
    .selectFrom('income_event')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('number', 'desc')
    .execute();
}

export async function findIncomes(db: Queryable, ids: readonly string[]): Promise<IncomeEventRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('income_event')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export async function insertStatements(
  db: Queryable,
  rows: readonly DistributionStatementRow[],
): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('distribution_statement')
      .values([...rows])
      .execute();
}

export async function findStatements(
  db: Queryable,
  incomeIds: readonly string[],
): Promise<DistributionStatementRow[]> {
  if (incomeIds.length === 0) return [];
  return db
    .selectFrom('distribution_statement')
    .selectAll()
    .where('income_id', 'in', [...new Set(incomeIds)])
    .orderBy('income_id')
    .orderBy('organization_id')
    .execute();
}

/** Every statement line of a project (for what members recovered already). */
export function findProjectStatements(db: Queryable, projectId: string): Promise<DistributionStatementRow[]> {
  return db.selectFrom('distribution_statement').selectAll().where('project_id', '=', projectId).execute();
}

export async function findStatementsByIds(
  db: Queryable,
  ids: readonly string[],
): Promise<DistributionStatementRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('distribution_statement')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export async function insertEntries(db: Queryable, rows: readonly AccountEntryRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('account_entry')
      .values([...rows])
      .execute();
}

/** An organisation's account entries, oldest first (ids are ULIDs in posting order). */
export function listEntries(
  db: Queryable,
  organizationId: string,
  projectId: string | undefined,
): Promise<AccountEntryRow[]> {
  let query = db.selectFrom('account_entry').selectAll().where('organization_id', '=', organizationId);
  if (projectId) query = query.where('project_id', '=', projectId);
  return query.orderBy('posted_at').orderBy('id').execute();
}

/**
 * Titles of projects, read-only from the projects module's table (one query for a page of account
 * entries instead of a service call per entry).
 */
export async function projectTitles(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('project')
    .select(['id', 'title'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

// ---------------------------------------------------------------------------------------------
// Transfers

export async function insertTransfer(db: Queryable, row: IpTransferRow): Promise<void> {
  await db.insertInto('ip_transfer').values(row).execute();
}

export function findTransfer(db: Queryable, id: string): Promise<IpTransferRow | undefined> {
  return db.selectFrom('ip_transfer').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An outcome's transfers, newest first. */
export function listTransfers(db: Queryable, outcomeId: string): Promise<IpTransferRow[]> {
  return db
    .selectFrom('ip_transfer')
    .selectAll()
    .where('outcome_id', '=', outcomeId)
    .orderBy('offered_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Open offers per outcome. */
export async function openTransferCounts(
  db: Queryable,
  outcomeIds: readonly string[],
): Promise<Map<string, number>> {
  if (outcomeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('ip_transfer')
    .select(['outcome_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('outcome_id', 'in', [...new Set(outcomeIds)])
    .where('status', '=', 'offered')
    .groupBy('outcome_id')
    .execute();
  return new Map(rows.map((r) => [r.outcome_id, Number(r.n)]));
}

/** Writes a change if the transfer is still at `version`; false when someone changed it first. */
export async function updateTransfer(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<IpTransferRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('ip_transfer')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertResponse(db: Queryable, row: IpTransferResponseRow): Promise<void> {
  await db.insertInto('ip_transfer_response').values(row).execute();
}

export async function findResponses(
  db: Queryable,
  transferIds: readonly string[],
): Promise<IpTransferResponseRow[]> {
  if (transferIds.length === 0) return [];
  return db
    .selectFrom('ip_transfer_response')
    .selectAll()
    .where('transfer_id', 'in', [...new Set(transferIds)])
    .orderBy('answered_at')
    .orderBy('organization_id')
    .execute();
}

/**
 * Locks the outcome row until the transaction ends without changing it, so transfers of one
 * outcome and the answers to them take turns.
 */
export async function lockOutcome(db: Queryable, id: string): Promise<void> {
  await db
    .updateTable('project_outcome')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', id)
    .execute();
}
