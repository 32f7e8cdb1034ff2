/**
 * The project's decisions, pure: how the stage machine moves, when a stage gate opens and what it
 * still misses, who signs off a gate, how milestones and tasks move, and when a task is overdue.
 * No I/O here.
 *
 * Stages:  application → rd → pilot → industrialisation → promotion → closed, one step at a time,
 *          each through the gate of the stage being left (`advance`). Reaching `closed` closes the
 *          project (status `closed`, final).
 * Status:  active ──suspend (reason)──▶ suspended ──resume──▶ active
 *          active | suspended ──terminate (reason)──▶ terminated (final)
 *          Only an active project advances, and only an active project's work changes.
 * Gate:    opens when every milestone of the current stage is done (with evidence) and every party
 *          the charter names for the stage has signed off the stage (a bilateral project: both
 *          parties). A sign-off is given once the stage's milestones are done; reopening a
 *          milestone withdraws the stage's sign-offs.
 */
import type { MilestoneStatus, ProjectStage, ProjectStatus, StageAction, TaskStatus } from './schemas.js';
import { PROJECT_STAGES } from './schemas.js';

export { PROJECT_STAGES, PROJECT_STATUSES, TASK_STATUSES } from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Stage machine

export interface ProjectState {
  stage: ProjectStage;
  status: ProjectStatus;
}

/** The stage after `stage`, or null after `closed`. */
export function nextStage(stage: ProjectStage): ProjectStage | null {
  const index = PROJECT_STAGES.indexOf(stage);
  return PROJECT_STAGES[index + 1] ?? null;
}

export function stageIndex(stage: ProjectStage): number {
  return PROJECT_STAGES.indexOf(stage);
}

export type StageRefusal = 'not_active' | 'invalid_transition' | 'gate_blocked';

export type StageStep = { ok: true; state: ProjectState } | { ok: false; refusal: StageRefusal };

/**
 * Applies a stage action. `gateOpen` is whether the current stage's gate opens (see `gateStatus`);
 * it matters only to `advance`.
 */
export function applyStageAction(state: ProjectState, action: StageAction, gateOpen: boolean): StageStep {
  const final = state.status === 'terminated' || state.status === 'closed';
  switch (action) {
    case 'advance': {
      if (state.status !== 'active')
        return { ok: false, refusal: final ? 'invalid_transition' : 'not_active' };
      const next = nextStage(state.stage);
      if (next === null) return { ok: false, refusal: 'invalid_transition' };
      if (!gateOpen) return { ok: false, refusal: 'gate_blocked' };
      return { ok: true, state: { stage: next, status: next === 'closed' ? 'closed' : 'active' } };
    }
    case 'suspend':
      if (state.status !== 'active') return { ok: false, refusal: 'invalid_transition' };
      return { ok: true, state: { stage: state.stage, status: 'suspended' } };
    case 'resume':
      if (state.status !== 'suspended') return { ok: false, refusal: 'invalid_transition' };
      return { ok: true, state: { stage: state.stage, status: 'active' } };
    case 'terminate':
      if (final) return { ok: false, refusal: 'invalid_transition' };
      return { ok: true, state: { stage: state.stage, status: 'terminated' } };
  }
}

/** Whether the project's work (milestones, tasks, sign-offs) may change now. */
export function isWorkOpen(state: ProjectState): boolean {
  return state.status === 'active';
}

// ---------------------------------------------------------------------------------------------
// Gate

/** A work package of the effective charter, as the gate reads it. */
export interface GateWorkPackage {
  stage: ProjectStage;
  responsible: string;
  contributors: readonly string[];
}

/**
 * The parties that sign off the gate out of `stage`, sorted: for a consortium project, the
 * responsible and contributing members of the effective charter's work packages of that stage who
 * are still parties; for a bilateral project (no charter), every party. When the charter names
 * nobody for the stage (or there is no effective charter yet), the lead signs off alone, so no
 * gate is ever passed without a sign-off.
 */
export function requiredSignOffs(input: {
  stage: ProjectStage;
  bilateral: boolean;
  lead: string;
  parties: readonly string[];
  workPackages: readonly GateWorkPackage[];
}): string[] {
  const parties = new Set(input.parties);
  if (input.bilateral) return [...parties].sort();
  const named = new Set<string>();
  for (const wp of input.workPackages) {
    if (wp.stage !== input.stage) continue;
    for (const org of [wp.responsible, ...wp.contributors]) if (parties.has(org)) named.add(org);
  }
  if (named.size === 0) named.add(input.lead);
  return [...named].sort();
}

export interface GateMilestone {
  id: string;
  stage: ProjectStage;
  status: MilestoneStatus;
  hasEvidence: boolean;
}

export interface GateCheck {
  open: boolean;
  /** Milestones of the stage not done with evidence, in the given order. */
  milestonesNotDone: string[];
  /** Named parties that have not signed off the stage, sorted. */
  partiesNotSigned: string[];
  required: string[];
}

/** What the gate out of `stage` still misses. */
export function gateStatus(input: {
  stage: ProjectStage;
  milestones: readonly GateMilestone[];
  required: readonly string[];
  signedOff: readonly string[];
}): GateCheck {
  const milestonesNotDone = input.milestones
    .filter((m) => m.stage === input.stage && !(m.status === 'done' && m.hasEvidence))
    .map((m) => m.id);
  const signed = new Set(input.signedOff);
  const partiesNotSigned = [...new Set(input.required)].filter((org) => !signed.has(org)).sort();
  return {
    open: milestonesNotDone.length === 0 && partiesNotSigned.length === 0,
    milestonesNotDone,
    partiesNotSigned,
    required: [...new Set(input.required)].sort(),
  };
}

export type SignOffRefusal =
  'not_active' | 'stage_passed' | 'not_required' | 'milestones_open' | 'already_signed';

/** Whether `organizationId` may sign off the gate out of `stage` now. */
export function signOffRefusal(input: {
  state: ProjectState;
  stage: ProjectStage;
  organizationId: string;
  required: readonly string[];
  signedOff: readonly string[];
  milestonesNotDone: readonly string[];
}): SignOffRefusal | null {
  if (!isWorkOpen(input.state)) return 'not_active';
  if (input.stage !== input.state.stage) return 'stage_passed';
  if (!input.required.includes(input.organizationId)) return 'not_required';
  if (input.milestonesNotDone.length > 0) return 'milestones_open';
  if (input.signedOff.includes(input.organizationId)) return 'already_signed';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Milestones

export type MilestoneAction = 'complete' | 'reopen' | 'update';
export type MilestoneRefusal = 'not_active' | 'stage_passed' | 'invalid_transition';

/**
 * Whether a milestone action applies: only while the project is active, only to milestones of the
 * current or a later stage (a passed gate is final), complete an open one, reopen a done one.
 */
export function milestoneRefusal(
  state: ProjectState,
  milestone: { stage: ProjectStage; status: MilestoneStatus },
  action: MilestoneAction,
): MilestoneRefusal | null {
  if (!isWorkOpen(state)) return 'not_active';
  if (stageIndex(milestone.stage) < stageIndex(state.stage)) return 'stage_passed';
  if (action === 'complete' && milestone.status !== 'open') return 'invalid_transition';
  if (action === 'reopen' && milestone.status !== 'done') return 'invalid_transition';
  return null;
}

/** A new milestone or task belongs to the current stage or a later one, never `closed`. */
export function stageAccepted(current: ProjectStage, stage: ProjectStage): boolean {
  return stage !== 'closed' && stageIndex(stage) >= stageIndex(current);
}

// ---------------------------------------------------------------------------------------------
// Tasks

/** Task moves: open ⇄ in_progress → done; open | in_progress → cancelled; done | cancelled → open. */
const TASK_MOVES: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: ['open'],
  cancelled: ['open'],
};

export function taskMoves(status: TaskStatus): readonly TaskStatus[] {
  return TASK_MOVES[status];
}

export function canMoveTask(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_MOVES[from].includes(to);
}

/** Overdue: a due date before `today` (YYYY-MM-DD) and neither done nor cancelled. */
export function isTaskOverdue(task: { dueDate: string | null; status: TaskStatus }, today: string): boolean {
  return (
    task.dueDate !== null && task.dueDate < today && task.status !== 'done' && task.status !== 'cancelled'
  );
}

/** A milestone is overdue when its due date is before `today` and it is not done. */
export function isMilestoneOverdue(
  milestone: { dueDate: string | null; status: MilestoneStatus },
  today: string,
): boolean {
  return milestone.dueDate !== null && milestone.dueDate < today && milestone.status !== 'done';
}

// ---------------------------------------------------------------------------------------------
// Parties

export interface PartyChange {
  add: string[];
  remove: string[];
}

/**
 * How a consortium project's parties follow the consortium's active members: organisations that
 * became active members join, those that are no longer active members leave (the lead stays).
 */
export function partyChanges(input: {
  parties: readonly string[];
  activeMembers: readonly string[];
  lead: string;
}): PartyChange {
  const parties = new Set(input.parties);
  const members = new Set(input.activeMembers);
  return {
    add: [...members].filter((org) => !parties.has(org)).sort(),
    remove: [...parties].filter((org) => !members.has(org) && org !== input.lead).sort(),
  };
}

/** The organisation a user's contribution counts for: the lead if they belong to it, else the first party. */
export function actingParty(myParties: readonly string[], lead: string): string | null {
  if (myParties.includes(lead)) return lead;
  return [...myParties].sort()[0] ?? null;
}
