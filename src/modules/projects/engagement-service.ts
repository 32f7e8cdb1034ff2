/**
 * Use cases of the engagement monitor: the parties × stages matrix of a project, its silence
 * threshold, the sweep that raises a flag once per episode (notifying the lead's admins and the
 * cluster office) and clears it when the party is engaged again, and the cluster-wide view of
 * flagged parties. Every function takes `now`, so tests move the clock instead of waiting.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { actorUserId, hasPlatformRole, type Actor, type UserActor } from '../../platform/auth/actor.js';
import type { Queryable, Tx } from '../../platform/db/database.js';
import type { ProjectEngagementFlagRow, ProjectRow } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { notify } from '../notifications/notify.js';
import { findOrganizationSummaries, type OrganizationSummary } from '../organizations/service.js';
import { loadProjectAccess, type ProjectAccess } from './access.js';
import type { PartyRef } from './communication-schemas.js';
import {
  calendarDate,
  computeEngagement,
  planFlags,
  type FlagReason,
  type PartyEngagement,
} from './engagement-rules.js';
import * as repo from './engagement-repo.js';
import type {
  ClusterEngagement,
  EngagementFlagView,
  EngagementMatrix,
  EngagementSettingsBody,
  SweepResult,
} from './engagement-schemas.js';
import { PROJECT_STAGES, type ProjectStage } from './schemas.js';

/** The stages the matrix shows: every stage in which work happens (not the closing one). */
const WORK_STAGES: readonly ProjectStage[] = PROJECT_STAGES.filter((s) => s !== 'closed');

/** How many cleared flags the matrix lists beside the open ones. */
const FLAG_HISTORY = 20;

type Names = Map<string, OrganizationSummary>;

function partyRef(names: Names, id: string): PartyRef {
  const s = names.get(id);
  return { id, kind: s?.kind ?? 'enterprise', nameZh: s?.nameZh ?? '', nameEn: s?.nameEn ?? '' };
}

/** Every party's engagement in the project as of `now`. */
async function engagementOf(db: Queryable, project: ProjectRow, now: string): Promise<PartyEngagement[]> {
  const [parties, activities, tasks, threads, posts] = await Promise.all([
    repo.findParties(db, project.id),
    repo.findActivities(db, project.id),
    repo.findTasks(db, project.id),
    repo.findThreads(db, project.id),
    repo.findPosts(db, project.id),
  ]);
  return computeEngagement({
    now,
    today: calendarDate(now),
    silentAfterDays: project.silent_after_days,
    stages: WORK_STAGES,
    parties: parties.map((p) => ({ organizationId: p.organization_id, joinedAt: p.joined_at })),
    activities: activities.map((a) => ({ organizationId: a.organization_id, stage: a.stage, at: a.at })),
    tasks: tasks.map((t) => ({
      assigneeOrganizationId: t.assignee_organization_id,
      stage: t.stage,
      dueDate: t.due_date,
      status: t.status,
    })),
    threads: threads.map((t) => ({
      stage: t.stage,
      addressedTo: JSON.parse(t.addressed_to) as string[],
      posts: posts
        .filter((p) => p.thread_id === t.id)
        .map((p) => ({ organizationId: p.organization_id, at: p.at })),
    })),
  });
}

function reasonsOf(row: ProjectEngagementFlagRow): FlagReason[] {
  return JSON.parse(row.reasons) as FlagReason[];
}

function flagView(names: Names, row: ProjectEngagementFlagRow): EngagementFlagView {
  return {
    id: row.id,
    organization: partyRef(names, row.organization_id),
    reasons: reasonsOf(row),
    stage: row.stage as ProjectStage,
    daysSilent: row.days_silent,
    overdueTasks: row.overdue_tasks,
    flaggedAt: row.flagged_at,
    updatedAt: row.updated_at,
    clearedAt: row.cleared_at,
  };
}

function mayConfigure(access: ProjectAccess): boolean {
  return access.isLeadAdmin && access.project.status !== 'terminated' && access.project.status !== 'closed';
}

function maySweep(actor: Actor, access: ProjectAccess): boolean {
  return access.isLeadAdmin || hasPlatformRole(actor, 'cluster_office');
}

async function matrixOf(
  db: Queryable,
  actor: Actor,
  access: ProjectAccess,
  now: string,
): Promise<EngagementMatrix> {
  const { project } = access;
  const parties = await engagementOf(db, project, now);
  const flags = await repo.findFlags(db, project.id, FLAG_HISTORY + parties.length);
  const open = new Map(flags.filter((f) => f.cleared_at === null).map((f) => [f.organization_id, f]));
  const names = await findOrganizationSummaries(db, [
    ...access.parties.map((p) => p.organizationId),
    ...flags.map((f) => f.organization_id),
  ]);
  const roles = new Map(access.parties.map((p) => [p.organizationId, p.role]));
  const ordered = [
    ...flags.filter((f) => f.cleared_at === null),
    ...flags.filter((f) => f.cleared_at !== null),
  ];
  return {
    projectId: project.id,
    projectTitle: project.title,
    currentStage: project.stage as ProjectStage,
    status: project.status,
    stages: [...WORK_STAGES],
    silentAfterDays: project.silent_after_days,
    projectVersion: project.version,
    asOf: now,
    today: calendarDate(now),
    parties: parties.map((p) => ({
      organization: partyRef(names, p.organizationId),
      role: roles.get(p.organizationId) ?? 'member',
      cells: p.cells.map((c) => ({ ...c, stage: c.stage as ProjectStage })),
      activityCount: p.activityCount,
      overdueTasks: p.overdueTasks,
      daysSilent: p.daysSilent,
      lastContributionAt: p.lastContributionAt,
      medianResponseHours: p.medianResponseHours,
      unansweredThreads: p.unansweredThreads,
      flagged: p.flagged,
      reasons: p.reasons,
      flaggedSince: p.flagged ? (open.get(p.organizationId)?.flagged_at ?? null) : null,
    })),
    flags: ordered.slice(0, FLAG_HISTORY + open.size).map((f) => flagView(names, f)),
    permissions: { configure: mayConfigure(access), sweep: maySweep(actor, access) },
  };
}

/** The engagement matrix of a project (everyone who sees the project). */
export async function getEngagement(
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  now: string = nowIso(),
): Promise<EngagementMatrix> {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    return matrixOf(tx, actor, access, now);
  });
}

/** Sets the project's silence threshold (admins of the lead organisation). */
export async function updateEngagementSettings(
  ctx: AppContext,
  actor: UserActor,
  projectId: string,
  body: EngagementSettingsBody,
  now: string = nowIso(),
): Promise<EngagementMatrix> {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    if (!access.isLeadAdmin)
      throw new DomainError(
        'auth.forbidden',
        'Only admins of the lead organisation set the silence threshold',
      );
    if (!mayConfigure(access))
      throw new DomainError('project.not_active', 'The project has ended: its monitor no longer changes');
    const before = access.project;
    if (!(await repo.updateSilentAfterDays(tx, projectId, body.version, body.silentAfterDays, nowIso())))
      throw new DomainError(
        'record.version_conflict',
        'The project changed since you loaded it; reload and try again',
      );
    const after = (await repo.findProject(tx, projectId))!;
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'engagement.settings_update',
      entityType: 'project',
      entityId: projectId,
      before,
      after,
      details: { silentAfterDays: { from: before.silent_after_days, to: body.silentAfterDays } },
    });
    return matrixOf(tx, actor, { ...access, project: after }, now);
  });
}

// ---------------------------------------------------------------------------------------------
// The sweep

/** The key that makes a flag's notification unique: one per episode (one flag row). */
export function flagDedupeKey(flagId: string): string {
  return `engagement.member_flagged:${flagId}`;
}

async function raiseFlag(
  tx: Tx,
  project: ProjectRow,
  party: PartyEngagement,
  now: string,
  actorId: string | null,
): Promise<void> {
  const row: ProjectEngagementFlagRow = {
    id: newId(),
    project_id: project.id,
    organization_id: party.organizationId,
    open_key: `${project.id}:${party.organizationId}`,
    reasons: JSON.stringify(party.reasons),
    stage: project.stage,
    days_silent: party.daysSilent,
    overdue_tasks: party.overdueTasks,
    flagged_at: now,
    updated_at: now,
    cleared_at: null,
  };
  await repo.insertFlag(tx, row);
  const names = await findOrganizationSummaries(tx, [party.organizationId]);
  const name = names.get(party.organizationId);
  await notify(tx, {
    kind: 'engagement.member_flagged',
    recipients: { organizationAdminsOf: [project.lead_organization_id], platformRoles: ['cluster_office'] },
    params: {
      project: project.title,
      organization: name?.nameZh || name?.nameEn || party.organizationId,
      organization_zh: name?.nameZh || name?.nameEn || party.organizationId,
      organization_en: name?.nameEn || name?.nameZh || party.organizationId,
      reasons: party.reasons.join(','),
      reasons_zh: party.reasons.map((r) => (r === 'silent' ? '长期未参与' : '有逾期任务')).join('、'),
      reasons_en: party.reasons.map((r) => (r === 'silent' ? 'silent' : 'overdue tasks')).join(', '),
      daysSilent: party.daysSilent,
      overdueTasks: party.overdueTasks,
      silentAfterDays: project.silent_after_days,
    },
    link: `/projects/${project.id}?tab=engagement`,
    dedupeKey: flagDedupeKey(row.id),
  });
  await recordAudit(tx, {
    actorUserId: actorId,
    action: 'engagement.flag_raise',
    entityType: 'project',
    entityId: project.id,
    after: row,
    details: { organizationId: party.organizationId, reasons: party.reasons },
  });
}

/**
 * Sweeps one project in the caller's transaction: raises a flag (and its one notification) for a
 * party newly flagged, refreshes a flag whose reasons changed, clears the flags of parties that
 * are engaged again. A project that is no longer active has every open flag cleared.
 */
export async function sweepProjectInTransaction(
  tx: Tx,
  projectId: string,
  now: string,
  actorId: string | null = null,
): Promise<SweepResult> {
  await repo.lockProject(tx, projectId);
  const project = await repo.findProject(tx, projectId);
  const result: SweepResult = { projects: 0, raised: 0, kept: 0, cleared: 0 };
  if (!project) return result;
  result.projects = 1;
  const open = await repo.findOpenFlags(tx, [projectId]);
  const parties = project.status === 'active' ? await engagementOf(tx, project, now) : [];
  const plan = planFlags(
    open.map((f) => ({ id: f.id, organizationId: f.organization_id })),
    parties,
  );
  for (const party of plan.raise) {
    await raiseFlag(tx, project, party, now, actorId);
    result.raised += 1;
  }
  for (const { flag, party } of plan.keep) {
    result.kept += 1;
    const row = open.find((f) => f.id === flag.id)!;
    if (row.reasons === JSON.stringify(party.reasons)) continue;
    const changes = {
      reasons: JSON.stringify(party.reasons),
      days_silent: party.daysSilent,
      overdue_tasks: party.overdueTasks,
      updated_at: now,
    };
    await repo.updateFlag(tx, row.id, changes);
    await recordAudit(tx, {
      actorUserId: actorId,
      action: 'engagement.flag_update',
      entityType: 'project',
      entityId: projectId,
      before: row,
      after: { ...row, ...changes },
      details: { organizationId: row.organization_id, reasons: party.reasons },
    });
  }
  for (const flag of plan.clear) {
    const row = open.find((f) => f.id === flag.id)!;
    const changes = { open_key: null, cleared_at: now, updated_at: now };
    await repo.updateFlag(tx, row.id, changes);
    await recordAudit(tx, {
      actorUserId: actorId,
      action: 'engagement.flag_clear',
      entityType: 'project',
      entityId: projectId,
      before: row,
      after: { ...row, ...changes },
      details: { organizationId: row.organization_id },
    });
    result.cleared += 1;
  }
  return result;
}

function add(a: SweepResult, b: SweepResult): SweepResult {
  return {
    projects: a.projects + b.projects,
    raised: a.raised + b.raised,
    kept: a.kept + b.kept,
    cleared: a.cleared + b.cleared,
  };
}

/** Sweeps every active project (and every project with an open flag), one transaction each. */
export async function sweepAllProjects(ctx: AppContext, now: string = nowIso()): Promise<SweepResult> {
  let total: SweepResult = { projects: 0, raised: 0, kept: 0, cleared: 0 };
  for (const id of await repo.findSweepProjectIds(ctx.db)) {
    total = add(total, await ctx.db.transaction().execute((tx) => sweepProjectInTransaction(tx, id, now)));
  }
  return total;
}

/** Sweeps one project now (the lead's admins or the cluster office) and returns its matrix. */
export async function sweepProject(
  ctx: AppContext,
  actor: UserActor,
  projectId: string,
  now: string = nowIso(),
): Promise<EngagementMatrix> {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    if (!maySweep(actor, access))
      throw new DomainError(
        'auth.forbidden',
        'Only the lead’s admins and the cluster office run the monitor',
      );
    await sweepProjectInTransaction(tx, projectId, now, actorUserId(actor));
    return matrixOf(tx, actor, access, now);
  });
}

/** Every active project's flagged parties (the cluster office and the auditor). */
export async function getClusterEngagement(
  ctx: AppContext,
  _actor: UserActor,
  now: string = nowIso(),
): Promise<ClusterEngagement> {
  return ctx.db.transaction().execute(async (tx) => {
    const projects = await repo.findActiveProjects(tx);
    const open = await repo.findOpenFlags(
      tx,
      projects.map((p) => p.id),
    );
    const rows = await Promise.all(
      projects.map(async (project) => ({ project, parties: await engagementOf(tx, project, now) })),
    );
    const names = await findOrganizationSummaries(
      tx,
      rows.flatMap((r) => r.parties.filter((p) => p.flagged).map((p) => p.organizationId)),
    );
    return {
      asOf: now,
      projects: rows.map(({ project, parties }) => ({
        projectId: project.id,
        projectTitle: project.title,
        stage: project.stage as ProjectStage,
        silentAfterDays: project.silent_after_days,
        flagged: parties
          .filter((p) => p.flagged)
          .map((p) => ({
            organization: partyRef(names, p.organizationId),
            reasons: p.reasons,
            daysSilent: p.daysSilent,
            overdueTasks: p.overdueTasks,
            flaggedSince:
              open.find((f) => f.project_id === project.id && f.organization_id === p.organizationId)
                ?.flagged_at ?? null,
          })),
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The in-process worker

export interface EngagementSweeper {
  /** Stops the interval and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

/** Default interval between sweeps in `serve`: ten minutes. */
export const DEFAULT_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Runs `sweepAllProjects` every `intervalMs` inside the server process (first run right away).
 * Sweeps never overlap; a failed sweep is logged and the next one runs as planned. Several
 * processes on one PostgreSQL may each run it: the project lock and the one-open-flag-per-party
 * key keep a flag raised (and notified) once.
 */
export function startEngagementSweeper(
  ctx: AppContext,
  options: {
    intervalMs?: number;
    logger?: Pick<FastifyBaseLogger, 'info' | 'error'>;
    clock?: () => string;
  } = {},
): EngagementSweeper {
  const clock = options.clock ?? nowIso;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = (): void => {
    if (running || stopped) return;
    running = sweepAllProjects(ctx, clock())
      .then((result) => {
        if (result.raised + result.cleared > 0) options.logger?.info(result, 'engagement sweep');
      })
      .catch((error: unknown) => {
        options.logger?.error({ err: error }, 'engagement sweep failed');
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
