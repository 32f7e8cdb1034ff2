/**
 * The projects module's contract with the modules built on projects (communication, engagement,
 * outcomes): load a project the caller may see, record a party's contribution, and create a task
 * inside the caller's transaction. Everything here works inside a transaction the caller owns.
 */
import { recordAudit } from '../../platform/audit/audit.js';
import { actorUserId, type Actor } from '../../platform/auth/actor.js';
import type { Queryable, Tx } from '../../platform/db/database.js';
import type { ProjectRow, ProjectTaskRow } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { isInsider, isLeadAdmin, mayAddTask, myParties, type ProjectAccessFacts } from './permissions.js';
import * as repo from './repo.js';
import { actingParty, isWorkOpen, stageAccepted } from './rules.js';
import type { PartyRole, ProjectStage, ProjectStatus, TaskOrigin } from './schemas.js';
import { notifyTaskAssigned } from './notify-hooks.js';

export function projectNotFound(): DomainError {
  return new DomainError('record.not_found', 'No such project');
}

export interface ProjectAccess {
  project: ProjectRow;
  parties: { organizationId: string; role: PartyRole }[];
  /** A member of a party, or the cluster office / auditor. */
  isInsider: boolean;
  /** The party organisations the caller belongs to. */
  myPartyOrganizationIds: string[];
  /** An admin of the lead organisation. */
  isLeadAdmin: boolean;
  /** The facts permissions.ts decides on. */
  facts: ProjectAccessFacts;
}

export function factsOf(project: ProjectRow, parties: readonly string[]): ProjectAccessFacts {
  return {
    leadOrganizationId: project.lead_organization_id,
    stage: project.stage as ProjectStage,
    status: project.status as ProjectStatus,
    parties,
  };
}

/**
 * The project and the caller's standing in it. Throws `record.not_found` (404) when the project
 * does not exist or the caller may not see it (parties' members, the cluster office and the
 * auditor see it; nobody else learns it exists).
 */
export async function loadProjectAccess(
  db: Queryable,
  actor: Actor,
  projectId: string,
): Promise<ProjectAccess> {
  const project = await repo.findProject(db, projectId);
  if (!project) throw projectNotFound();
  const partyRows = await repo.findParties(db, [projectId]);
  const facts = factsOf(
    project,
    partyRows.map((p) => p.organization_id),
  );
  if (!isInsider(actor, facts)) throw projectNotFound();
  return {
    project,
    parties: partyRows.map((p) => ({ organizationId: p.organization_id, role: p.role as PartyRole })),
    isInsider: true,
    myPartyOrganizationIds: myParties(actor, facts),
    isLeadAdmin: isLeadAdmin(actor, facts),
    facts,
  };
}

export interface ProjectActivityInput {
  projectId: string;
  organizationId: string;
  userId: string | null;
  stage: string;
  /** What the contribution was, e.g. `task_done`, `milestone_done`, `signoff`, `post`, `minutes`. */
  kind: string;
  ref?: string | null;
}

/** Appends one contribution of a party to the project's activity (the engagement monitor reads it). */
export async function recordProjectActivity(tx: Queryable, input: ProjectActivityInput): Promise<void> {
  await repo.insertActivity(tx, {
    id: newId(),
    project_id: input.projectId,
    organization_id: input.organizationId,
    user_id: input.userId,
    stage: input.stage,
    kind: input.kind,
    ref: input.ref ?? null,
    at: nowIso(),
  });
}

/** The party a caller's contribution counts for, or null (the cluster office, the auditor). */
export function actingPartyOf(
  access: Pick<ProjectAccess, 'myPartyOrganizationIds' | 'project'>,
): string | null {
  return actingParty(access.myPartyOrganizationIds, access.project.lead_organization_id);
}

export interface CreateTaskInput {
  title: string;
  description?: string | undefined;
  stage?: ProjectStage | undefined;
  assigneeOrganizationId: string;
  assigneeUserId?: string | null | undefined;
  /** YYYY-MM-DD */
  dueDate?: string | null | undefined;
  origin: TaskOrigin;
  originRef?: string | null | undefined;
}

/** Checks that an assignee is a party, and the user (if any) one of its members. */
export async function assertAssignee(
  db: Queryable,
  parties: readonly string[],
  organizationId: string,
  userId: string | null | undefined,
  field = 'body.assigneeOrganizationId',
): Promise<void> {
  if (!parties.includes(organizationId))
    throw DomainError.field(
      'project.not_a_party',
      field,
      'The organisation does not take part in the project',
    );
  if (userId && !(await repo.isMemberOf(db, organizationId, userId)))
    throw DomainError.field(
      'project.user_not_in_party',
      'body.assigneeUserId',
      'The user is not a member of the assigned organisation',
    );
}

export function notActive(): DomainError {
  return new DomainError('project.not_active', 'The project is not active: its work does not change now');
}

/**
 * Creates a task in the caller's transaction: the caller must belong to a party, the project must
 * be active, the assignee must be a party (and the user, if named, one of its members). Records the
 * creator's party's activity, notifies the assignee and audits. Returns the task row.
 */
export async function createTaskInTransaction(
  tx: Tx,
  actor: Actor,
  projectId: string,
  input: CreateTaskInput,
): Promise<ProjectTaskRow> {
  const access = await loadProjectAccess(tx, actor, projectId);
  const { project, facts } = access;
  const userId = actorUserId(actor);
  if (!mayAddTask(actor, facts) || userId === null)
    throw new DomainError('auth.forbidden', 'Only members of the project’s parties add tasks');
  if (!isWorkOpen(facts)) throw notActive();
  const stage = input.stage ?? facts.stage;
  if (!stageAccepted(facts.stage, stage))
    throw DomainError.field(
      'project.stage_passed',
      'body.stage',
      'That stage is over (or is the end of the project)',
    );
  await assertAssignee(tx, facts.parties, input.assigneeOrganizationId, input.assigneeUserId);
  const now = nowIso();
  await repo.lockProject(tx, projectId, now);
  const row: ProjectTaskRow = {
    id: newId(),
    project_id: projectId,
    stage,
    title: input.title,
    description: input.description ?? '',
    assignee_organization_id: input.assigneeOrganizationId,
    assignee_user_id: input.assigneeUserId ?? null,
    due_date: input.dueDate ?? null,
    status: 'open',
    origin: input.origin,
    origin_ref: input.originRef ?? null,
    created_by: userId,
    created_at: now,
    updated_at: now,
    completed_at: null,
    version: 1,
  };
  await repo.insertTask(tx, row);
  const party = actingPartyOf(access);
  if (party !== null)
    await recordProjectActivity(tx, {
      projectId,
      organizationId: party,
      userId,
      stage: facts.stage,
      kind: 'task_created',
      ref: row.id,
    });
  await notifyTaskAssigned(tx, project, row);
  await recordAudit(tx, {
    actorUserId: userId,
    action: 'project.task_create',
    entityType: 'project_task',
    entityId: row.id,
    after: row,
    details: { projectId, assignee: row.assignee_organization_id, origin: row.origin },
  });
  return row;
}
