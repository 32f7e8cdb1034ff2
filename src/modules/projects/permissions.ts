/**
 * Who may do what with a project: pure functions of the actor and the project's facts.
 *
 * - Insiders see the project: members of a party organisation, the cluster office and the
 *   auditor. Nobody else learns it exists (404).
 * - The lead organisation's admins run it: edit, pass a gate, suspend, resume, terminate, add
 *   and edit milestones, reopen milestones.
 * - A milestone is marked done (with evidence) by a member of its responsible party or a lead admin.
 * - A gate is signed off per party by an admin of that party.
 * - Any member of a party adds tasks (for any party); a task is moved by the assignee party's
 *   members, its creator and the lead's admins; edited (reassigned, re-dated) by its creator and
 *   the lead's admins.
 */
import { hasPlatformRole, roleIn, type Actor } from '../../platform/auth/actor.js';
import { applyStageAction, canMoveTask, isWorkOpen, taskMoves, type ProjectState } from './rules.js';
import type { ProjectPermissions, StageAction, TaskStatus } from './schemas.js';

export interface ProjectAccessFacts extends ProjectState {
  leadOrganizationId: string;
  parties: readonly string[];
}

/** The cluster's leadership and its auditor look on every project. */
export function looksOnEverything(actor: Actor): boolean {
  return hasPlatformRole(actor, 'cluster_office') || hasPlatformRole(actor, 'auditor');
}

/** The party organisations the caller belongs to. */
export function myParties(actor: Actor, facts: Pick<ProjectAccessFacts, 'parties'>): string[] {
  return facts.parties.filter((org) => roleIn(actor, org) !== null);
}

export function isInsider(actor: Actor, facts: Pick<ProjectAccessFacts, 'parties'>): boolean {
  return looksOnEverything(actor) || myParties(actor, facts).length > 0;
}

export function isLeadAdmin(actor: Actor, facts: Pick<ProjectAccessFacts, 'leadOrganizationId'>): boolean {
  return roleIn(actor, facts.leadOrganizationId) === 'admin';
}

/** Whether the caller takes a stage action (not whether it applies now). */
export function mayActOnStage(actor: Actor, facts: ProjectAccessFacts): boolean {
  return isLeadAdmin(actor, facts);
}

export function mayManageMilestones(actor: Actor, facts: ProjectAccessFacts): boolean {
  return isLeadAdmin(actor, facts);
}

export function mayCompleteMilestone(actor: Actor, facts: ProjectAccessFacts, responsible: string): boolean {
  return isLeadAdmin(actor, facts) || roleIn(actor, responsible) !== null;
}

export function maySignFor(actor: Actor, organizationId: string): boolean {
  return roleIn(actor, organizationId) === 'admin';
}

export function mayAddTask(actor: Actor, facts: ProjectAccessFacts): boolean {
  return myParties(actor, facts).length > 0;
}

export interface TaskFacts {
  assigneeOrganizationId: string;
  createdBy: string | null;
  status: TaskStatus;
}

function isCreator(actor: Actor, task: TaskFacts): boolean {
  return actor.kind === 'user' && task.createdBy === actor.userId;
}

export function mayMoveTask(actor: Actor, facts: ProjectAccessFacts, task: TaskFacts): boolean {
  return (
    isLeadAdmin(actor, facts) || isCreator(actor, task) || roleIn(actor, task.assigneeOrganizationId) !== null
  );
}

export function mayEditTask(actor: Actor, facts: ProjectAccessFacts, task: TaskFacts): boolean {
  return isLeadAdmin(actor, facts) || isCreator(actor, task);
}

/** The statuses the caller may move a task to now. */
export function taskMovesFor(actor: Actor, facts: ProjectAccessFacts, task: TaskFacts): TaskStatus[] {
  if (!isWorkOpen(facts) || !mayMoveTask(actor, facts, task)) return [];
  return taskMoves(task.status).filter((to) => canMoveTask(task.status, to));
}

function stageActionAllowed(actor: Actor, facts: ProjectAccessFacts, action: StageAction): boolean {
  return mayActOnStage(actor, facts) && applyStageAction(facts, action, true).ok;
}

export function projectPermissions(actor: Actor, facts: ProjectAccessFacts): ProjectPermissions {
  const lead = isLeadAdmin(actor, facts);
  const open = isWorkOpen(facts);
  return {
    update: lead && facts.status !== 'terminated' && facts.status !== 'closed',
    advance: stageActionAllowed(actor, facts, 'advance'),
    suspend: stageActionAllowed(actor, facts, 'suspend'),
    resume: stageActionAllowed(actor, facts, 'resume'),
    terminate: stageActionAllowed(actor, facts, 'terminate'),
    addMilestone: lead && open && facts.stage !== 'closed',
    addTask: mayAddTask(actor, facts) && open && facts.stage !== 'closed',
  };
}
