import type { Queryable } from '../../platform/db/database.js';
import type {
  ProjectActivityRow,
  ProjectMilestoneEvidenceRow,
  ProjectMilestoneRow,
  ProjectPartyRow,
  ProjectRow,
  ProjectSignoffRow,
  ProjectStageEventRow,
  ProjectTaskRow,
} from '../../platform/db/schema.js';

// ---------------------------------------------------------------------------------------------
// Projects

export function findProject(db: Queryable, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('project').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProject(db: Queryable, row: ProjectRow): Promise<void> {
  await db.insertInto('project').values(row).execute();
}

/**
 * Writes a change if the project is still at `version`; false when someone changed it first.
 * Every change to a project's work goes through here (or `touchProject`) first, so the checks made
 * on what was read stay true until the transaction ends (the row lock serialises writers).
 */
export async function updateProject(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<ProjectRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('project')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Locks the project row for the transaction (milestone, sign-off and task writes serialise on it). */
export async function lockProject(db: Queryable, id: string, at: string): Promise<void> {
  await db.updateTable('project').set({ updated_at: at }).where('id', '=', id).execute();
}

/** Locks the project row if it is still at `version` (without changing the version); false otherwise. */
export async function lockProjectAtVersion(
  db: Queryable,
  id: string,
  version: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('project')
    .set({ updated_at: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ProjectFilter {
  /** Only projects one of these organisations takes part in (null: any). */
  organizationIds: readonly string[] | null;
  consortiumId?: string | undefined;
  status?: string | undefined;
  stage?: string | undefined;
}

/** Projects the filter selects, newest change first (the caller pages; lists are short). */
export async function listProjects(db: Queryable, filter: ProjectFilter): Promise<ProjectRow[]> {
  let query = db.selectFrom('project').selectAll();
  const ids = filter.organizationIds;
  if (ids !== null) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('project_party')
        .select('project_party.project_id')
        .where('project_party.organization_id', 'in', ids),
    );
  }
  if (filter.consortiumId) query = query.where('consortium_id', '=', filter.consortiumId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.stage) query = query.where('stage', '=', filter.stage);
  return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
}

export function findProjectsOfConsortium(db: Queryable, consortiumId: string): Promise<ProjectRow[]> {
  return db.selectFrom('project').selectAll().where('consortium_id', '=', consortiumId).execute();
}

export function findProjectBySourceMatch(db: Queryable, matchId: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('project').selectAll().where('source_match_id', '=', matchId).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Parties

export function findParties(db: Queryable, projectIds: readonly string[]): Promise<ProjectPartyRow[]> {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('project_party')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .orderBy('joined_at')
    .orderBy('organization_id')
    .execute();
}

export async function insertParties(db: Queryable, rows: readonly ProjectPartyRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('project_party')
      .values([...rows])
      .execute();
}

export async function deleteParty(db: Queryable, projectId: string, organizationId: string): Promise<void> {
  await db
    .deleteFrom('project_party')
    .where('project_id', '=', projectId)
    .where('organization_id', '=', organizationId)
    .execute();
}

export async function updatePartyRole(
  db: Queryable,
  projectId: string,
  organizationId: string,
  role: string,
): Promise<void> {
  await db
    .updateTable('project_party')
    .set({ role })
    .where('project_id', '=', projectId)
    .where('organization_id', '=', organizationId)
    .execute();
}

/** The consortium's names, by id (a project shows the consortium it belongs to). */
export function findConsortiumNames(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; name_zh: string; name_en: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('consortium').select(['id', 'name_zh', 'name_en']).where('id', 'in', ids).execute();
}

// ---------------------------------------------------------------------------------------------
// Milestones and evidence

export function findMilestones(db: Queryable, projectId: string): Promise<ProjectMilestoneRow[]> {
  return db
    .selectFrom('project_milestone')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findMilestone(
  db: Queryable,
  projectId: string,
  id: string,
): Promise<ProjectMilestoneRow | undefined> {
  return db
    .selectFrom('project_milestone')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Open milestones due on or before `date` (YYYY-MM-DD), of every project. */
export function findDueMilestones(db: Queryable, date: string): Promise<ProjectMilestoneRow[]> {
  return db
    .selectFrom('project_milestone')
    .selectAll()
    .where('status', '=', 'open')
    .where('due_date', 'is not', null)
    .where('due_date', '<=', date)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

export async function insertMilestone(db: Queryable, row: ProjectMilestoneRow): Promise<void> {
  await db.insertInto('project_milestone').values(row).execute();
}

export async function updateMilestone(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<ProjectMilestoneRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('project_milestone')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findEvidence(
  db: Queryable,
  milestoneIds: readonly string[],
): Promise<ProjectMilestoneEvidenceRow[]> {
  if (milestoneIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('project_milestone_evidence')
    .selectAll()
    .where('milestone_id', 'in', milestoneIds)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertEvidence(db: Queryable, row: ProjectMilestoneEvidenceRow): Promise<void> {
  await db.insertInto('project_milestone_evidence').values(row).execute();
}

// ---------------------------------------------------------------------------------------------
// Sign-offs and history

export function findSignOffs(db: Queryable, projectId: string, stage: string): Promise<ProjectSignoffRow[]> {
  return db
    .selectFrom('project_signoff')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('stage', '=', stage)
    .orderBy('signed_at')
    .execute();
}

export async function insertSignOff(db: Queryable, row: ProjectSignoffRow): Promise<void> {
  await db.insertInto('project_signoff').values(row).execute();
}

/** Withdraws every sign-off of a stage; returns the organisations whose sign-off was withdrawn. */
export async function deleteSignOffs(db: Queryable, projectId: string, stage: string): Promise<string[]> {
  const rows = await findSignOffs(db, projectId, stage);
  await db
    .deleteFrom('project_signoff')
    .where('project_id', '=', projectId)
    .where('stage', '=', stage)
    .execute();
  return rows.map((r) => r.organization_id);
}

export function findStageEvents(db: Queryable, projectId: string): Promise<ProjectStageEventRow[]> {
  return db
    .selectFrom('project_stage_event')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function insertStageEvent(db: Queryable, row: ProjectStageEventRow): Promise<void> {
  await db.insertInto('project_stage_event').values(row).execute();
}

// ---------------------------------------------------------------------------------------------
// Tasks and activity

export interface TaskFilter {
  status?: string | undefined;
  stage?: string | undefined;
  assignee?: string | undefined;
}

export async function findTasks(
  db: Queryable,
  projectId: string,
  filter: TaskFilter = {},
): Promise<ProjectTaskRow[]> {
  let query = db.selectFrom('project_task').selectAll().where('project_id', '=', projectId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.stage) query = query.where('stage', '=', filter.stage);
  if (filter.assignee) query = query.where('assignee_organization_id', '=', filter.assignee);
  return query.orderBy('created_at').orderBy('id').execute();
}

export function findTask(db: Queryable, projectId: string, id: string): Promise<ProjectTaskRow | undefined> {
  return db
    .selectFrom('project_task')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertTask(db: Queryable, row: ProjectTaskRow): Promise<void> {
  await db.insertInto('project_task').values(row).execute();
}

export async function updateTask(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<ProjectTaskRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('project_task')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertActivity(db: Queryable, row: ProjectActivityRow): Promise<void> {
  await db.insertInto('project_activity').values(row).execute();
}

/** Whether the user belongs to the organisation. */
export async function isMemberOf(db: Queryable, organizationId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('membership')
    .select('user_id')
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export function findUserNames(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; display_name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', ids).execute();
}
