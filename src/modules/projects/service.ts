/**
 * Use cases of projects: creating a consortium's project or a bilateral one from an agreed match,
 * the stage machine with its gates (milestones done with evidence, the named parties' sign-offs),
 * suspension, resumption and termination, milestones and tasks. Each change is one transaction
 * with its audit event, the contributing party's activity and the notifications it causes.
 */
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { roleIn, type Actor, type UserActor } from '../../platform/auth/actor.js';
import type { Queryable } from '../../platform/db/database.js';
import type {
  ProjectMilestoneEvidenceRow,
  ProjectMilestoneRow,
  ProjectPartyRow,
  ProjectRow,
  ProjectTaskRow,
} from '../../platform/db/schema.js';
import { DomainError, type ErrorCode } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { effectiveCharter } from '../consortia/charter-service.js';
import { getConsortium } from '../consortia/service.js';
import { suzhouDate } from '../directory/rules.js';
import { actOnMatch, getMatch } from '../matches/service.js';
import { findOrganizationSummaries, type OrganizationSummary } from '../organizations/service.js';
import {
  actingPartyOf,
  assertAssignee,
  createTaskInTransaction,
  loadProjectAccess,
  notActive,
  recordProjectActivity,
  type ProjectAccess,
} from './access.js';
import { notifyGatePassed, notifyMilestoneDue, notifyTaskAssigned } from './notify-hooks.js';
import {
  looksOnEverything,
  mayActOnStage,
  mayCompleteMilestone,
  mayEditTask,
  mayManageMilestones,
  mayMoveTask,
  maySignFor,
  projectPermissions,
  taskMovesFor,
} from './permissions.js';
import * as repo from './repo.js';
import {
  applyStageAction,
  canMoveTask,
  gateStatus,
  isMilestoneOverdue,
  isTaskOverdue,
  isWorkOpen,
  milestoneRefusal,
  nextStage,
  requiredSignOffs,
  signOffRefusal,
  stageAccepted,
  type GateCheck,
  type MilestoneRefusal,
  type SignOffRefusal,
  type StageRefusal,
} from './rules.js';
import type {
  AdvanceBody,
  CompleteMilestoneBody,
  CreateMilestoneBody,
  CreateProjectBody,
  CreateTaskBody,
  GateStatus,
  ListProjectsQuery,
  ListTasksQuery,
  Milestone,
  MilestoneStatus,
  OrganizationRef,
  PartyRole,
  Project,
  ProjectList,
  ProjectStage,
  ProjectStatus,
  ProjectSummary,
  ReasonBody,
  ReopenMilestoneBody,
  ResumeBody,
  SignOffBody,
  StageAction,
  StageEvent,
  Task,
  TaskList,
  TaskStatus,
  UpdateMilestoneBody,
  UpdateProjectBody,
  UpdateTaskBody,
} from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Errors

function forbidden(message: string): DomainError {
  return new DomainError('auth.forbidden', message);
}

function conflict(what = 'project'): DomainError {
  return new DomainError(
    'record.version_conflict',
    `The ${what} changed since you loaded it; reload and try again`,
  );
}

const STAGE_REFUSALS: Readonly<Record<Exclude<StageRefusal, 'gate_blocked'>, [ErrorCode, string]>> = {
  not_active: ['project.not_active', 'The project is not active: resume it first'],
  invalid_transition: ['project.invalid_transition', 'That step does not apply to the project now'],
};

const MILESTONE_REFUSALS: Readonly<Record<MilestoneRefusal, [ErrorCode, string]>> = {
  not_active: ['project.not_active', 'The project is not active: its work does not change now'],
  stage_passed: ['project.stage_passed', 'The milestone’s stage is over: its gate was passed'],
  invalid_transition: [
    'project.milestone_invalid_transition',
    'That step does not apply to the milestone now',
  ],
};

const SIGNOFF_REFUSALS: Readonly<Record<SignOffRefusal, [ErrorCode, string]>> = {
  not_active: ['project.not_active', 'The project is not active: its work does not change now'],
  stage_passed: ['project.stage_passed', 'Only the gate out of the current stage is signed off'],
  not_required: ['project.signoff_not_required', 'The charter does not name this party for the stage'],
  milestones_open: [
    'project.milestones_open',
    'Every milestone of the stage must be done with evidence before the gate is signed off',
  ],
  already_signed: ['project.already_signed_off', 'This party has signed off the stage already'],
};

function refuse([code, message]: [ErrorCode, string]): DomainError {
  return new DomainError(code, message);
}

// ---------------------------------------------------------------------------------------------
// Views

function today(): string {
  return suzhouDate(new Date());
}

function organizationRef(summary: OrganizationSummary | undefined, id: string): OrganizationRef {
  return {
    id,
    kind: summary?.kind ?? 'enterprise',
    nameZh: summary?.nameZh ?? '',
    nameEn: summary?.nameEn ?? '',
  };
}

async function summariesOf(db: Queryable, rows: readonly ProjectRow[]): Promise<ProjectSummary[]> {
  const parties = await repo.findParties(
    db,
    rows.map((r) => r.id),
  );
  const organizations = await findOrganizationSummaries(
    db,
    rows.map((r) => r.lead_organization_id),
  );
  const consortia = new Map(
    (
      await repo.findConsortiumNames(db, [
        ...new Set(rows.flatMap((r) => (r.consortium_id ? [r.consortium_id] : []))),
      ])
    ).map((c) => [c.id, c]),
  );
  return rows.map((row) => {
    const consortium = row.consortium_id ? consortia.get(row.consortium_id) : undefined;
    return {
      id: row.id,
      kind: row.consortium_id ? 'consortium' : 'bilateral',
      title: row.title,
      summary: row.summary,
      consortium: consortium
        ? { id: consortium.id, nameZh: consortium.name_zh, nameEn: consortium.name_en }
        : null,
      sourceMatchId: row.source_match_id,
      lead: organizationRef(organizations.get(row.lead_organization_id), row.lead_organization_id),
      stage: row.stage as ProjectStage,
      status: row.status as ProjectStatus,
      statusReason: row.status_reason,
      silentAfterDays: row.silent_after_days,
      parties: parties.filter((p) => p.project_id === row.id).length,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    };
  });
}

interface GateFacts {
  check: GateCheck;
  signOffs: { organization_id: string; signed_by: string | null; signed_at: string; note: string }[];
}

/** What the gate out of the project's current stage still needs, read in `db` (a transaction when acting). */
async function gateFactsOf(
  db: Queryable,
  project: ProjectRow,
  parties: readonly string[],
  milestones: readonly ProjectMilestoneRow[],
  evidence: readonly ProjectMilestoneEvidenceRow[],
): Promise<GateFacts> {
  const stage = project.stage as ProjectStage;
  const charter = project.consortium_id ? await effectiveCharter(db, project.consortium_id) : null;
  const required = requiredSignOffs({
    stage,
    bilateral: project.consortium_id === null,
    lead: project.lead_organization_id,
    parties,
    workPackages: (charter?.content.workPackages ?? []).map((wp) => ({
      stage: wp.stage,
      responsible: wp.responsibleMemberId ?? '',
      contributors: wp.contributingMemberIds,
    })),
  });
  const signOffs = await repo.findSignOffs(db, project.id, stage);
  const withEvidence = new Set(evidence.map((e) => e.milestone_id));
  const check = gateStatus({
    stage,
    milestones: milestones.map((m) => ({
      id: m.id,
      stage: m.stage as ProjectStage,
      status: m.status as MilestoneStatus,
      hasEvidence: withEvidence.has(m.id),
    })),
    required,
    signedOff: signOffs.map((s) => s.organization_id),
  });
  return { check, signOffs };
}

function gateView(
  actor: Actor,
  project: ProjectRow,
  gate: GateFacts,
  milestones: readonly ProjectMilestoneRow[],
  organizations: Map<string, OrganizationSummary>,
): GateStatus {
  const stage = project.stage as ProjectStage;
  const titles = new Map(milestones.map((m) => [m.id, m.title]));
  const signed = gate.signOffs.map((s) => s.organization_id);
  return {
    stage,
    next: nextStage(stage),
    open: gate.check.open && nextStage(stage) !== null,
    milestonesNotDone: gate.check.milestonesNotDone.map((id) => ({ id, title: titles.get(id) ?? '' })),
    requiredSignOffs: gate.check.required.map((id) => organizationRef(organizations.get(id), id)),
    partiesNotSigned: gate.check.partiesNotSigned.map((id) => organizationRef(organizations.get(id), id)),
    signOffs: gate.signOffs.map((s) => ({
      organizationId: s.organization_id,
      signedBy: s.signed_by,
      signedAt: s.signed_at,
      note: s.note,
    })),
    canSignFor: gate.check.required.filter(
      (org) =>
        maySignFor(actor, org) &&
        signOffRefusal({
          state: { stage, status: project.status as ProjectStatus },
          stage,
          organizationId: org,
          required: gate.check.required,
          signedOff: signed,
          milestonesNotDone: gate.check.milestonesNotDone,
        }) === null,
    ),
  };
}

function milestoneView(
  actor: Actor,
  access: ProjectAccess,
  row: ProjectMilestoneRow,
  evidence: readonly ProjectMilestoneEvidenceRow[],
  organizations: Map<string, OrganizationSummary>,
  day: string,
): Milestone {
  const state = { stage: row.stage as ProjectStage, status: row.status as MilestoneStatus };
  const { facts } = access;
  return {
    id: row.id,
    stage: state.stage,
    title: row.title,
    description: row.description,
    dueDate: row.due_date,
    responsible: organizationRef(
      organizations.get(row.responsible_organization_id),
      row.responsible_organization_id,
    ),
    status: state.status,
    overdue: isMilestoneOverdue({ dueDate: row.due_date, status: state.status }, day),
    doneAt: row.done_at,
    evidence: evidence
      .filter((e) => e.milestone_id === row.id)
      .map((e) => ({
        id: e.id,
        kind: e.kind as 'document' | 'url',
        reference: e.reference,
        note: e.note,
        organizationId: e.organization_id,
        recordedBy: e.recorded_by,
        recordedAt: e.recorded_at,
      })),
    version: row.version,
    permissions: {
      update: mayManageMilestones(actor, facts) && milestoneRefusal(facts, state, 'update') === null,
      complete:
        mayCompleteMilestone(actor, facts, row.responsible_organization_id) &&
        milestoneRefusal(facts, state, 'complete') === null,
      reopen:
        mayCompleteMilestone(actor, facts, row.responsible_organization_id) &&
        milestoneRefusal(facts, state, 'reopen') === null,
    },
  };
}

async function detailOf(db: Queryable, actor: Actor, access: ProjectAccess): Promise<Project> {
  const { project } = access;
  const [summary] = await summariesOf(db, [project]);
  const partyRows = await repo.findParties(db, [project.id]);
  const milestones = await repo.findMilestones(db, project.id);
  const evidence = await repo.findEvidence(
    db,
    milestones.map((m) => m.id),
  );
  const gate = await gateFactsOf(db, project, access.facts.parties, milestones, evidence);
  const organizations = await findOrganizationSummaries(db, [
    ...partyRows.map((p) => p.organization_id),
    ...milestones.map((m) => m.responsible_organization_id),
    ...gate.check.required,
  ]);
  const day = today();
  const history = await repo.findStageEvents(db, project.id);
  return {
    ...(summary as ProjectSummary),
    partyList: partyRows.map((p) => ({
      organization: organizationRef(organizations.get(p.organization_id), p.organization_id),
      role: p.role as PartyRole,
      joinedAt: p.joined_at,
    })),
    milestones: milestones.map((m) => milestoneView(actor, access, m, evidence, organizations, day)),
    gate: gateView(actor, project, gate, milestones, organizations),
    history: history.map((e): StageEvent => ({
      at: e.at,
      action: e.action as StageEvent['action'],
      fromStage: e.from_stage as ProjectStage | null,
      toStage: e.to_stage as ProjectStage,
      fromStatus: e.from_status as ProjectStatus | null,
      toStatus: e.to_status as ProjectStatus,
      reason: e.reason,
    })),
    permissions: projectPermissions(actor, access.facts),
    myPartyOrganizationIds: access.myPartyOrganizationIds,
  };
}

async function tasksView(
  db: Queryable,
  actor: Actor,
  access: ProjectAccess,
  rows: readonly ProjectTaskRow[],
): Promise<Task[]> {
  const organizations = await findOrganizationSummaries(
    db,
    rows.map((r) => r.assignee_organization_id),
  );
  const users = new Map(
    (
      await repo.findUserNames(db, [
        ...new Set(rows.flatMap((r) => (r.assignee_user_id ? [r.assignee_user_id] : []))),
      ])
    ).map((u) => [u.id, u.display_name]),
  );
  const day = today();
  return rows.map((row) => {
    const status = row.status as TaskStatus;
    const facts = { assigneeOrganizationId: row.assignee_organization_id, createdBy: row.created_by, status };
    return {
      id: row.id,
      projectId: row.project_id,
      stage: row.stage as ProjectStage,
      title: row.title,
      description: row.description,
      assignee: organizationRef(
        organizations.get(row.assignee_organization_id),
        row.assignee_organization_id,
      ),
      assigneeUser: row.assignee_user_id
        ? { id: row.assignee_user_id, displayName: users.get(row.assignee_user_id) ?? '' }
        : null,
      dueDate: row.due_date,
      status,
      overdue: isTaskOverdue({ dueDate: row.due_date, status }, day),
      origin: row.origin as Task['origin'],
      originRef: row.origin_ref,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      completedAt: row.completed_at,
      version: row.version,
      moves: taskMovesFor(actor, access.facts, facts),
      canEdit: isWorkOpen(access.facts) && mayEditTask(actor, access.facts, facts),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** `GET /api/v1/projects/:id`: the project, its parties, milestones, gate status and history. */
export async function getProject(ctx: AppContext, actor: Actor, id: string): Promise<Project> {
  return detailOf(ctx.db, actor, await loadProjectAccess(ctx.db, actor, id));
}

/**
 * `GET /api/v1/projects`: the projects the caller's organisations take part in; the cluster office
 * and the auditor see every project unless they ask for `mine`.
 */
export async function listProjects(
  ctx: AppContext,
  actor: UserActor,
  query: ListProjectsQuery,
): Promise<ProjectList> {
  const everything = looksOnEverything(actor) && query.mine !== true;
  const rows = await repo.listProjects(ctx.db, {
    organizationIds: everything ? null : [...actor.memberships.keys()],
    consortiumId: query.consortium,
    status: query.status,
    stage: query.stage,
  });
  const page = rows.slice(query.offset, query.offset + query.limit);
  return {
    items: await summariesOf(ctx.db, page),
    total: rows.length,
    limit: query.limit,
    offset: query.offset,
  };
}

/** `GET /api/v1/projects/:id/tasks`: the project's tasks, filtered. */
export async function listTasks(
  ctx: AppContext,
  actor: Actor,
  id: string,
  query: ListTasksQuery,
): Promise<TaskList> {
  const access = await loadProjectAccess(ctx.db, actor, id);
  let rows = await repo.findTasks(ctx.db, id, {
    status: query.status,
    stage: query.stage,
    assignee: query.assignee,
  });
  if (query.overdue !== undefined) {
    const day = today();
    rows = rows.filter(
      (r) => isTaskOverdue({ dueDate: r.due_date, status: r.status as TaskStatus }, day) === query.overdue,
    );
  }
  return { items: await tasksView(ctx.db, actor, access, rows) };
}

// ---------------------------------------------------------------------------------------------
// Creating

function partyRow(projectId: string, organizationId: string, role: PartyRole, at: string): ProjectPartyRow {
  return { project_id: projectId, organization_id: organizationId, role, joined_at: at };
}

/** The consortium's project: its lead's admins create it; the parties are its active members. */
async function consortiumProjectParties(
  ctx: AppContext,
  actor: UserActor,
  consortiumId: string,
): Promise<{ lead: string; parties: { organizationId: string; role: PartyRole }[] }> {
  // A consortium the caller may not see does not exist for them (the consortia module's 404).
  const consortium = await getConsortium(ctx, actor, consortiumId);
  if (consortium.status === 'dissolved')
    throw DomainError.field(
      'project.consortium_dissolved',
      'body.consortiumId',
      'The consortium is dissolved',
    );
  const lead = consortium.lead.id;
  if (roleIn(actor, lead) !== 'admin')
    throw forbidden('Only admins of the consortium’s lead organisation create its projects');
  return {
    lead,
    parties: consortium.members
      .filter((m) => m.status === 'active')
      .map((m) => ({ organizationId: m.organization.id, role: m.role })),
  };
}

/** A bilateral project: an admin of one side of an agreed (or converted) match creates it. */
async function bilateralProjectParties(
  ctx: AppContext,
  actor: UserActor,
  matchId: string,
): Promise<{
  lead: string;
  parties: { organizationId: string; role: PartyRole }[];
  convert: boolean;
  version: number;
}> {
  const missing = () =>
    DomainError.field(
      'project.source_match_not_found',
      'body.sourceMatchId',
      'No match of yours with this id',
    );
  const match = await getMatch(ctx, actor, matchId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'record.not_found') throw missing();
    throw error;
  });
  const seeker = match.need.organization.id;
  const provider = match.counterpart.organization.id;
  const mine = [seeker, provider].filter((org) => roleIn(actor, org) !== null);
  if (mine.length === 0) throw missing();
  if (match.status !== 'agreed' && match.status !== 'converted')
    throw DomainError.field(
      'project.source_match_not_agreed',
      'body.sourceMatchId',
      'Only an agreed or converted match becomes a project',
    );
  const lead = [seeker, provider].find((org) => roleIn(actor, org) === 'admin');
  if (lead === undefined) throw forbidden('Only an admin of one side of the match creates its project');
  if (await repo.findProjectBySourceMatch(ctx.db, matchId))
    throw DomainError.field(
      'project.source_match_taken',
      'body.sourceMatchId',
      'The match has a project already',
    );
  const other = lead === seeker ? provider : seeker;
  return {
    lead,
    parties: [
      { organizationId: lead, role: 'lead' },
      { organizationId: other, role: 'partner' },
    ],
    convert: match.status === 'agreed' && match.actions.some((a) => a.action === 'convert'),
    version: match.version,
  };
}

/** `POST /api/v1/projects`: a consortium's project, or a bilateral one from an agreed match. */
export async function createProject(
  ctx: AppContext,
  actor: UserActor,
  input: CreateProjectBody,
): Promise<Project> {
  const origin =
    input.consortiumId !== undefined
      ? { ...(await consortiumProjectParties(ctx, actor, input.consortiumId)), convert: false, version: 0 }
      : await bilateralProjectParties(ctx, actor, input.sourceMatchId ?? '');
  const now = nowIso();
  const row: ProjectRow = {
    id: newId(),
    consortium_id: input.consortiumId ?? null,
    source_match_id: input.sourceMatchId ?? null,
    title: input.title,
    summary: input.summary ?? '',
    lead_organization_id: origin.lead,
    stage: 'application',
    status: 'active',
    status_reason: null,
    silent_after_days: input.silentAfterDays ?? 14,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    if (row.source_match_id && (await repo.findProjectBySourceMatch(tx, row.source_match_id)))
      throw DomainError.field(
        'project.source_match_taken',
        'body.sourceMatchId',
        'The match has a project already',
      );
    await repo.insertProject(tx, row);
    await repo.insertParties(
      tx,
      origin.parties.map((p) => partyRow(row.id, p.organizationId, p.role, now)),
    );
    await repo.insertStageEvent(tx, {
      id: newId(),
      project_id: row.id,
      at: now,
      actor_user_id: actor.userId,
      action: 'create',
      from_stage: null,
      to_stage: row.stage,
      from_status: null,
      to_status: row.status,
      reason: null,
    });
    await recordProjectActivity(tx, {
      projectId: row.id,
      organizationId: origin.lead,
      userId: actor.userId,
      stage: row.stage,
      kind: 'project_created',
      ref: row.id,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'project.create',
      entityType: 'project',
      entityId: row.id,
      after: row,
      details: {
        consortiumId: row.consortium_id,
        sourceMatchId: row.source_match_id,
        parties: origin.parties.map((p) => p.organizationId),
      },
    });
  });
  // The agreed match becomes converted through the matches module (its own transaction); the
  // project stands either way, and a match converted meanwhile by the other side is left as it is.
  if (origin.convert && input.sourceMatchId !== undefined)
    await actOnMatch(ctx, actor, input.sourceMatchId, { action: 'convert', version: origin.version }).catch(
      (error: unknown) => {
        if (error instanceof DomainError && error.code !== 'server.internal') return null;
        throw error;
      },
    );
  return getProject(ctx, actor, row.id);
}

/** `PATCH /api/v1/projects/:id`: the lead's admins change the title, summary or silence threshold. */
export async function updateProject(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: UpdateProjectBody,
): Promise<Project> {
  const access = await loadProjectAccess(ctx.db, actor, id);
  const { project } = access;
  if (!projectPermissions(actor, access.facts).update) {
    if (!access.isLeadAdmin) throw forbidden('Only admins of the lead organisation edit the project');
    throw refuse(STAGE_REFUSALS.invalid_transition);
  }
  if (project.version !== input.version) throw conflict();
  const changes: Partial<ProjectRow> = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.summary !== undefined ? { summary: input.summary } : {}),
    ...(input.silentAfterDays !== undefined ? { silent_after_days: input.silentAfterDays } : {}),
    updated_at: nowIso(),
  };
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateProject(tx, id, project.version, changes))) throw conflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'project.update',
      entityType: 'project',
      entityId: id,
      before: project,
      after: { ...project, ...changes, version: project.version + 1 },
      details: { fields: Object.keys(changes).filter((k) => k !== 'updated_at') },
    });
  });
  return getProject(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// The stage machine

const STAGE_AUDIT: Readonly<Record<StageAction, string>> = {
  advance: 'project.advance',
  suspend: 'project.suspend',
  resume: 'project.resume',
  terminate: 'project.terminate',
};

/** The refusal of a gate that does not open, naming exactly what is missing. */
async function gateBlocked(
  db: Queryable,
  project: ProjectRow,
  gate: GateCheck,
  milestones: readonly ProjectMilestoneRow[],
): Promise<DomainError> {
  const titles = new Map(milestones.map((m) => [m.id, m.title]));
  const organizations = await findOrganizationSummaries(db, gate.partiesNotSigned);
  const notDone = gate.milestonesNotDone.map((id) => ({ id, title: titles.get(id) ?? '' }));
  const notSigned = gate.partiesNotSigned.map((id) => organizationRef(organizations.get(id), id));
  const parts = [
    ...(notDone.length > 0 ? [`milestones not done: ${notDone.map((m) => m.title).join(', ')}`] : []),
    ...(notSigned.length > 0
      ? [`parties not signed off: ${notSigned.map((o) => o.nameEn || o.nameZh || o.id).join(', ')}`]
      : []),
  ];
  return new DomainError(
    'project.gate_blocked',
    `The gate out of ${project.stage} does not open yet — ${parts.join('; ')}`,
    {
      stage: project.stage,
      milestonesNotDone: notDone,
      partiesNotSigned: notSigned,
    },
  );
}

/**
 * `POST /api/v1/projects/:id/advance|suspend|resume|terminate`: the lead's admins pass the gate
 * out of the current stage, or suspend (with a reason), resume, or terminate (with a reason, final).
 */
export async function actOnStage(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  action: StageAction,
  input: AdvanceBody | ReasonBody | ResumeBody,
): Promise<Project> {
  const access = await loadProjectAccess(ctx.db, actor, id);
  const { project, facts } = access;
  if (!mayActOnStage(actor, facts)) throw forbidden('Only admins of the lead organisation move the project');
  if (project.version !== input.version) throw conflict();
  const reason = 'reason' in input ? input.reason : 'note' in input ? (input.note ?? null) : null;
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    // Lock first: the gate is judged on what holds when the change commits.
    if (!(await repo.lockProjectAtVersion(tx, id, project.version, now))) throw conflict();
    let gateOpen = false;
    let gate: GateCheck | null = null;
    let milestones: ProjectMilestoneRow[] = [];
    if (action === 'advance') {
      milestones = await repo.findMilestones(tx, id);
      const evidence = await repo.findEvidence(
        tx,
        milestones.map((m) => m.id),
      );
      gate = (await gateFactsOf(tx, project, facts.parties, milestones, evidence)).check;
      gateOpen = gate.open;
    }
    const outcome = applyStageAction(facts, action, gateOpen);
    if (!outcome.ok) {
      if (outcome.refusal === 'gate_blocked' && gate) throw await gateBlocked(tx, project, gate, milestones);
      throw refuse(
        STAGE_REFUSALS[outcome.refusal === 'gate_blocked' ? 'invalid_transition' : outcome.refusal],
      );
    }
    const next = outcome.state;
    const changes: Partial<ProjectRow> = {
      stage: next.stage,
      status: next.status,
      status_reason: action === 'suspend' || action === 'terminate' ? reason : null,
      updated_at: now,
    };
    if (!(await repo.updateProject(tx, id, project.version, changes))) throw conflict();
    await repo.insertStageEvent(tx, {
      id: newId(),
      project_id: id,
      at: now,
      actor_user_id: actor.userId,
      action,
      from_stage: project.stage,
      to_stage: next.stage,
      from_status: project.status,
      to_status: next.status,
      reason,
    });
    const party = actingPartyOf(access);
    if (party !== null)
      await recordProjectActivity(tx, {
        projectId: id,
        organizationId: party,
        userId: actor.userId,
        stage: project.stage,
        kind: `stage_${action}`,
        ref: id,
      });
    if (action === 'advance') await notifyGatePassed(tx, project, facts.parties, project.stage, next.stage);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: STAGE_AUDIT[action],
      entityType: 'project',
      entityId: id,
      before: project,
      after: { ...project, ...changes, version: project.version + 1 },
      details: {
        fromStage: project.stage,
        toStage: next.stage,
        fromStatus: project.status,
        toStatus: next.status,
        ...(reason ? { reason } : {}),
      },
    });
  });
  return getProject(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Milestones

async function loadMilestone(
  db: Queryable,
  projectId: string,
  milestoneId: string,
): Promise<ProjectMilestoneRow> {
  const row = await repo.findMilestone(db, projectId, milestoneId);
  if (!row) throw new DomainError('record.not_found', 'No such milestone');
  return row;
}

function milestoneState(row: ProjectMilestoneRow): { stage: ProjectStage; status: MilestoneStatus } {
  return { stage: row.stage as ProjectStage, status: row.status as MilestoneStatus };
}

/** `POST /api/v1/projects/:id/milestones`: the lead's admins add a milestone to a stage. */
export async function createMilestone(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: CreateMilestoneBody,
): Promise<Project> {
  const access = await loadProjectAccess(ctx.db, actor, id);
  const { facts } = access;
  if (!mayManageMilestones(actor, facts))
    throw forbidden('Only admins of the lead organisation add milestones');
  if (!isWorkOpen(facts)) throw notActive();
  const stage = input.stage ?? facts.stage;
  if (!stageAccepted(facts.stage, stage))
    throw DomainError.field(
      'project.stage_passed',
      'body.stage',
      'That stage is over (or is the end of the project)',
    );
  await assertAssignee(
    ctx.db,
    facts.parties,
    input.responsibleOrganizationId,
    null,
    'body.responsibleOrganizationId',
  );
  const now = nowIso();
  const row: ProjectMilestoneRow = {
    id: newId(),
    project_id: id,
    stage,
    title: input.title,
    description: input.description ?? '',
    due_date: input.dueDate ?? null,
    responsible_organization_id: input.responsibleOrganizationId,
    status: 'open',
    done_by: null,
    done_at: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id, now);
    await repo.insertMilestone(tx, row);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'project.milestone_create',
      entityType: 'project_milestone',
      entityId: row.id,
      after: row,
      details: { projectId: id, stage },
    });
  });
  return getProject(ctx, actor, id);
}

/** `PATCH /api/v1/projects/:id/milestones/:milestoneId`: the lead's admins edit a milestone. */
export async function updateMilestone(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  milestoneId: string,
  input: UpdateMilestoneBody,
): Promise<Project> {
  const access = await loadProjectAccess(ctx.db, actor, id);
  const { facts } = access;
  const before = await loadMilestone(ctx.db, id, milestoneId);
  if (!mayManageMilestones(actor, facts))
    throw forbidden('Only admins of the lead organisation edit milestones');
  const refusal = milestoneRefusal(facts, milestoneState(before), 'update');
  if (refusal) throw refuse(MILESTONE_REFUSALS[refusal]);
  if (before.version !== input.version) throw conflict('milestone');
  if (input.responsibleOrganizationId !== undefined)
    await assertAssignee(
      ctx.db,
      facts.parties,
      input.responsibleOrganizationId,
      null,
      'body.responsibleOrganizationId',
    );
  const now = nowIso();
  const changes: Partial<ProjectMilestoneRow> = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
    ...(input.responsibleOrganizationId !== undefined
      ? { responsible_organization_id: input.responsibleOrganizationId }
      : {}),
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id, now);
    if (!(await repo.updateMilestone(tx, milestoneId, before.version, changes))) throw conflict('milestone');
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'project.milestone_update',
      entityType: 'project_milestone',
      entityId: milestoneId,
      before,
      after: { ...before, ...changes, version: before.version + 1 },
      details: { projectId: id, fields: Object.keys(changes).filter((k) => k !== 'updated_at') },
    });
  });
  return getProject(ctx, actor, id);
}

/**
 * `POST /api/v1/projects/:id/milestones/:milestoneId/complete`: the responsible party's members
 * (or the lead's admins) mark a milestone done, with evidence: a document reference or a URL, and a note.
 */
export async function completeMilestone(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  milestoneId: string,
  input: CompleteMilestoneBody,
): Promise<Project> {
  const access = await loadProjectAccess(ctx.db, actor, id);
  const { facts } = access;
  const before = await loadMilestone(ctx.db, id, milestoneId);
  if (!mayCompleteMilestone(actor, facts, before.responsible_organization_id))
    throw forbidden('Only the responsible party’s members or the lead’s admins mark the milestone done');
  const refusal = milestoneRefusal(facts, milestoneState(before), 'complete');
  if (refusal) throw refuse(MILESTONE_REFUSALS[refusal]);
  if (before.version !== input.version) throw conflict('milestone');
  if (input.evidenceKind === 'url' && !/^https?:\/\/\S+$/i.test(input.reference))
    throw DomainError.field(
      'request.validation_failed',
      'body.reference',
      'A URL starts with http:// or https://',
    );
  const now = nowIso();
  const party =
    roleIn(actor, before.responsible_organization_id) !== null
      ? before.responsible_organization_id
      : actingPartyOf(access);
  const changes: Partial<ProjectMilestoneRow> = {
    status: 'done',
    done_by: actor.userId,
    done_at: now,
    updated_at: now,
  };
  const evidence: ProjectMilestoneEvidenceRow = {
    id: newId(),
    milestone_id: milestoneId,
    kind: input.evidenceKind,
    reference: input.reference,
    note: input.note,
    organization_id: party,
    recorded_by: actor.userId,
    recorded_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id, now);
    if (!(await repo.updateMilestone(tx, milestoneId, before.version, changes))) throw conflict('milestone');
    await repo.insertEvidence(tx, evidence);
    if (party !== null)
      await recordProjectActivity(tx, {
        projectId: id,
        organizationId: party,
        userId: actor.userId,
        stage: facts.stage,
        kind: 'milestone_done',
        ref: milestoneId,
      });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'project.milestone_complete',
      entityType: 'project_milestone',
      entityId: milestoneId,
      before,
      after: { ...before, ...changes, version: before.version + 1 },
      details: { projectId: id, evidenceKind: input.evidenceKind, reference: input.reference },
    });
  });
  return getProject(ctx, actor, id);
}

/**
 * `POST /api/v1/projects/:id/milestones/:milestoneId/reopen`: a done milestone is open again (with
 * a reason); the sign-offs of its stage are withdrawn, as what they approved has changed.
 */
export async function reopenMilestone(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  milestoneId: string,
  input: ReopenMilestoneBody,
): Promise<Project> {
  const access = await loadProjectAccess(ctx.db, actor, id);
  const { facts } = access;
  const before = await loadMilestone(ctx.db, id, milestoneId);
  if (!mayCompleteMilestone(actor, facts, before.responsible_organization_id))
    throw forbidden('Only the responsible party’s members or the lead’s admins reopen the milestone');
  const refusal = milestoneRefusal(facts, milestoneState(before), 'reopen');
  if (refusal) throw refuse(MILESTONE_REFUSALS[refusal]);
  if (before.version !== input.version) throw conflict('milestone');
  const now = nowIso();
  const changes: Partial<ProjectMilestoneRow> = {
    status: 'open',
    done_by: null,
    done_at: null,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id, now);
    if (!(await repo.updateMilestone(tx, milestoneId, before.version, changes))) throw conflict('milestone');
    const withdrawn = await repo.deleteSignOffs(tx, id, before.stage);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'project.milestone_reopen',
      entityType: 'project_milestone',
      entityId: milestoneId,
      before,
      after: { ...before, ...changes, version: before.version + 1 },
      details: { projectId: id, reason: input.reason, signOffsWithdrawn: withdrawn },
    });
  });
  return getProject(ctx, actor, id);
}

/**
 * Tells each responsible party's members about its open milestones due within `days` days (or
 * overdue) of active projects, once per milestone and due date (the notification's dedupe key).
 * Returns how many notifications were created. Meant for a daily job; calling it again tells nobody
 * twice.
 */
export async function remindDueMilestones(ctx: AppContext, now: Date, days = 3): Promise<number> {
  const horizon = suzhouDate(new Date(now.getTime() + days * 86_400_000));
  const due = await repo.findDueMilestones(ctx.db, horizon);
  let told = 0;
  for (const milestone of due) {
    await ctx.db.transaction().execute(async (tx) => {
      const project = await repo.findProject(tx, milestone.project_id);
      if (!project || project.status !== 'active') return;
      told += await notifyMilestoneDue(tx, project, milestone);
    });
  }
  return told;
}

// ---------------------------------------------------------------------------------------------
// Sign-offs

/**
 * `POST /api/v1/projects/:id/stages/:stage/signoffs`: an admin of a party the charter names for the
 * current stage signs off its gate, once the stage's milestones are done.
 */
export async function signOff(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  stage: ProjectStage,
  input: SignOffBody,
): Promise<Project> {
  const access = await loadProjectAccess(ctx.db, actor, id);
  const { project, facts } = access;
  if (!maySignFor(actor, input.organizationId))
    throw forbidden('Only an admin of the organisation signs off for it');
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id, now);
    const current = (await repo.findProject(tx, id)) ?? project;
    const milestones = await repo.findMilestones(tx, id);
    const evidence = await repo.findEvidence(
      tx,
      milestones.map((m) => m.id),
    );
    const gate = await gateFactsOf(tx, current, facts.parties, milestones, evidence);
    const refusal = signOffRefusal({
      state: { stage: current.stage as ProjectStage, status: current.status as ProjectStatus },
      stage,
      organizationId: input.organizationId,
      required: gate.check.required,
      signedOff: gate.signOffs.map((s) => s.organization_id),
      milestonesNotDone: gate.check.milestonesNotDone,
    });
    if (refusal) throw refuse(SIGNOFF_REFUSALS[refusal]);
    const row = {
      project_id: id,
      stage,
      organization_id: input.organizationId,
      signed_by: actor.userId,
      signed_at: now,
      note: input.note ?? '',
    };
    await repo.insertSignOff(tx, row);
    await recordProjectActivity(tx, {
      projectId: id,
      organizationId: input.organizationId,
      userId: actor.userId,
      stage,
      kind: 'signoff',
      ref: id,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'project.signoff',
      entityType: 'project',
      entityId: id,
      after: row,
      details: { stage, organizationId: input.organizationId },
    });
  });
  return getProject(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Tasks

/** `POST /api/v1/projects/:id/tasks`: a party's member adds a task for a party. */
export async function createTask(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: CreateTaskBody,
): Promise<Task> {
  const row = await ctx.db
    .transaction()
    .execute((tx) => createTaskInTransaction(tx, actor, id, { ...input, origin: 'manual' }));
  const access = await loadProjectAccess(ctx.db, actor, id);
  const [view] = await tasksView(ctx.db, actor, access, [row]);
  return view as Task;
}

/**
 * `PATCH /api/v1/projects/:id/tasks/:taskId`: move a task (the assignee's members, its creator,
 * the lead's admins) or edit it (its creator, the lead's admins): title, description, assignee,
 * due date.
 */
export async function updateTask(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  taskId: string,
  input: UpdateTaskBody,
): Promise<Task> {
  const access = await loadProjectAccess(ctx.db, actor, id);
  const { facts } = access;
  const before = await repo.findTask(ctx.db, id, taskId);
  if (!before) throw new DomainError('record.not_found', 'No such task');
  const from = before.status as TaskStatus;
  const taskFacts = {
    assigneeOrganizationId: before.assignee_organization_id,
    createdBy: before.created_by,
    status: from,
  };
  const moving = input.status !== undefined && input.status !== from;
  const editing =
    input.title !== undefined ||
    input.description !== undefined ||
    input.assigneeOrganizationId !== undefined ||
    input.assigneeUserId !== undefined ||
    input.dueDate !== undefined;
  if (moving && !mayMoveTask(actor, facts, taskFacts))
    throw forbidden(
      'Only the assigned party’s members, the task’s creator or the lead’s admins move the task',
    );
  if (editing && !mayEditTask(actor, facts, taskFacts))
    throw forbidden('Only the task’s creator or the lead’s admins edit the task');
  if (!isWorkOpen(facts)) throw notActive();
  if (moving && !canMoveTask(from, input.status as TaskStatus))
    throw new DomainError(
      'project.task_invalid_transition',
      `A task does not move from ${from} to ${input.status}`,
    );
  if (before.version !== input.version) throw conflict('task');
  const assignee = input.assigneeOrganizationId ?? before.assignee_organization_id;
  const assigneeUser =
    input.assigneeUserId !== undefined
      ? input.assigneeUserId
      : input.assigneeOrganizationId !== undefined &&
          input.assigneeOrganizationId !== before.assignee_organization_id
        ? null
        : before.assignee_user_id;
  if (input.assigneeOrganizationId !== undefined || input.assigneeUserId !== undefined)
    await assertAssignee(ctx.db, facts.parties, assignee, assigneeUser);
  const now = nowIso();
  const to = input.status ?? from;
  const changes: Partial<ProjectTaskRow> = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
    assignee_organization_id: assignee,
    assignee_user_id: assigneeUser,
    status: to,
    ...(moving ? { completed_at: to === 'done' ? now : null } : {}),
    updated_at: now,
  };
  const reassigned = assignee !== before.assignee_organization_id || assigneeUser !== before.assignee_user_id;
  const after = { ...before, ...changes, version: before.version + 1 };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockProject(tx, id, now);
    if (!(await repo.updateTask(tx, taskId, before.version, changes))) throw conflict('task');
    if (moving) {
      const party =
        roleIn(actor, before.assignee_organization_id) !== null
          ? before.assignee_organization_id
          : actingPartyOf(access);
      if (party !== null)
        await recordProjectActivity(tx, {
          projectId: id,
          organizationId: party,
          userId: actor.userId,
          stage: facts.stage,
          kind: `task_${to}`,
          ref: taskId,
        });
    }
    if (reassigned) await notifyTaskAssigned(tx, access.project, after);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: moving ? 'project.task_move' : 'project.task_update',
      entityType: 'project_task',
      entityId: taskId,
      before,
      after,
      details: {
        projectId: id,
        ...(moving ? { from, to } : {}),
        ...(reassigned ? { assignee, assigneeUser } : {}),
      },
    });
  });
  const [view] = await tasksView(ctx.db, actor, access, [after]);
  return view as Task;
}
