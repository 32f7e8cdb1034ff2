/** Queries of a project's communication log: threads, posts, minutes, action items, documents. */
import type { Queryable } from '../../platform/db/database.js';
import type {
  ProjectActionItemRow,
  ProjectDocumentRow,
  ProjectMinutesRow,
  ProjectThreadPostRow,
  ProjectThreadRow,
} from '../../platform/db/schema.js';

export function findThreads(db: Queryable, projectId: string): Promise<ProjectThreadRow[]> {
  return db
    .selectFrom('project_thread')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findThread(
  db: Queryable,
  projectId: string,
  id: string,
): Promise<ProjectThreadRow | undefined> {
  return db
    .selectFrom('project_thread')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertThread(db: Queryable, row: ProjectThreadRow): Promise<void> {
  await db.insertInto('project_thread').values(row).execute();
}

/** Writes a change if the thread is still at `version`; false when someone changed it first. */
export async function updateThread(
  db: Queryable,
  id: string,
  version: number,
  changes: Partial<ProjectThreadRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('project_thread')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Posts of these threads, oldest first. */
export function findPosts(db: Queryable, threadIds: readonly string[]): Promise<ProjectThreadPostRow[]> {
  if (threadIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('project_thread_post')
    .selectAll()
    .where('thread_id', 'in', [...new Set(threadIds)])
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Every post of a project, oldest first (the engagement monitor's response times). */
export function findProjectPosts(db: Queryable, projectId: string): Promise<ProjectThreadPostRow[]> {
  return db
    .selectFrom('project_thread_post')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function insertPost(db: Queryable, row: ProjectThreadPostRow): Promise<void> {
  await db.insertInto('project_thread_post').values(row).execute();
}

export function findMinutesList(db: Queryable, projectId: string): Promise<ProjectMinutesRow[]> {
  return db
    .selectFrom('project_minutes')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('meeting_date', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findMinutes(
  db: Queryable,
  projectId: string,
  id: string,
): Promise<ProjectMinutesRow | undefined> {
  return db
    .selectFrom('project_minutes')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertMinutes(db: Queryable, row: ProjectMinutesRow): Promise<void> {
  await db.insertInto('project_minutes').values(row).execute();
}

export function findActionItems(
  db: Queryable,
  minutesIds: readonly string[],
): Promise<ProjectActionItemRow[]> {
  if (minutesIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('project_action_item')
    .selectAll()
    .where('minutes_id', 'in', [...new Set(minutesIds)])
    .orderBy('minutes_id')
    .orderBy('position')
    .execute();
}

export async function insertActionItem(db: Queryable, row: ProjectActionItemRow): Promise<void> {
  await db.insertInto('project_action_item').values(row).execute();
}

/** The tasks action items became: id, title, status and due date. */
export function findTaskSummaries(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; title: string; status: string; due_date: string | null }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('project_task')
    .select(['id', 'title', 'status', 'due_date'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export function findDocuments(db: Queryable, projectId: string): Promise<ProjectDocumentRow[]> {
  return db
    .selectFrom('project_document')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertDocument(db: Queryable, row: ProjectDocumentRow): Promise<void> {
  await db.insertInto('project_document').values(row).execute();
}

/** Display names of users, by id. */
export async function findUserNames(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
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
