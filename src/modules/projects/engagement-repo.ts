/** Queries of the engagement monitor: what parties did, their tasks and threads, and the flags. */
import type { Queryable } from '../../platform/db/database.js';
import type { ProjectEngagementFlagRow, ProjectPartyRow, ProjectRow } from '../../platform/db/schema.js';

export function findProject(db: Queryable, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('project').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findParties(db: Queryable, projectId: string): Promise<ProjectPartyRow[]> {
  return db
    .selectFrom('project_party')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('joined_at')
    .orderBy('organization_id')
    .execute();
}

export function findActivities(
  db: Queryable,
  projectId: string,
): Promise<{ organization_id: string; stage: string; at: string }[]> {
  return db
    .selectFrom('project_activity')
    .select(['organization_id', 'stage', 'at'])
    .where('project_id', '=', projectId)
    .execute();
}

export function findTasks(
  db: Queryable,
  projectId: string,
): Promise<{ assignee_organization_id: string; stage: string; due_date: string | null; status: string }[]> {
  return db
    .selectFrom('project_task')
    .select(['assignee_organization_id', 'stage', 'due_date', 'status'])
    .where('project_id', '=', projectId)
    .execute();
}

export function findThreads(
  db: Queryable,
  projectId: string,
): Promise<{ id: string; stage: string; addressed_to: string }[]> {
  return db
    .selectFrom('project_thread')
    .select(['id', 'stage', 'addressed_to'])
    .where('project_id', '=', projectId)
    .execute();
}

export function findPosts(
  db: Queryable,
  projectId: string,
): Promise<{ thread_id: string; organization_id: string; at: string }[]> {
  return db
    .selectFrom('project_thread_post')
    .select(['thread_id', 'organization_id', 'at'])
    .where('project_id', '=', projectId)
    .execute();
}

/** Open flags of these projects (or of every project when `projectIds` is null). */
export function findOpenFlags(
  db: Queryable,
  projectIds: readonly string[] | null,
): Promise<ProjectEngagementFlagRow[]> {
  let query = db.selectFrom('project_engagement_flag').selectAll().where('cleared_at', 'is', null);
  if (projectIds !== null) {
    if (projectIds.length === 0) return Promise.resolve([]);
    query = query.where('project_id', 'in', [...new Set(projectIds)]);
  }
  return query.orderBy('flagged_at').orderBy('id').execute();
}

/** A project's flags, open ones first, then the most recently cleared (at most `limit`). */
export function findFlags(
  db: Queryable,
  projectId: string,
  limit: number,
): Promise<ProjectEngagementFlagRow[]> {
  return db
    .selectFrom('project_engagement_flag')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('flagged_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertFlag(db: Queryable, row: ProjectEngagementFlagRow): Promise<void> {
  await db.insertInto('project_engagement_flag').values(row).execute();
}

export async function updateFlag(
  db: Queryable,
  id: string,
  changes: Partial<ProjectEngagementFlagRow>,
): Promise<void> {
  await db.updateTable('project_engagement_flag').set(changes).where('id', '=', id).execute();
}

/** Projects a sweep looks at: the active ones and any that still have an open flag. */
export async function findSweepProjectIds(db: Queryable): Promise<string[]> {
  const active = await db.selectFrom('project').select('id').where('status', '=', 'active').execute();
  const flagged = await db
    .selectFrom('project_engagement_flag')
    .select('project_id')
    .where('cleared_at', 'is', null)
    .execute();
  return [...new Set([...active.map((r) => r.id), ...flagged.map((r) => r.project_id)])].sort();
}

export function findActiveProjects(db: Queryable): Promise<ProjectRow[]> {
  return db
    .selectFrom('project')
    .selectAll()
    .where('status', '=', 'active')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Locks the project row until the transaction ends without changing it, so two sweeps of one
 * project (two processes, or the interval and an on-demand call) take turns.
 */
export async function lockProject(db: Queryable, id: string): Promise<void> {
  await db
    .updateTable('project')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', id)
    .execute();
}

/** Sets the silence threshold if the project is still at `version`; false when someone changed it. */
export async function updateSilentAfterDays(
  db: Queryable,
  id: string,
  version: number,
  days: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('project')
    .set({ silent_after_days: days, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
