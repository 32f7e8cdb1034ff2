/**
 * The project events people are told about, in the caller's transaction: a task assigned, a gate
 * passed, a milestone due. Kinds are `project.<event>`; the texts are in the notifications locales.
 */
import type { Tx } from '../../platform/db/database.js';
import type { ProjectMilestoneRow, ProjectRow, ProjectTaskRow } from '../../platform/db/schema.js';
import { notify, type NotifyInput } from '../notifications/notify.js';

const STAGE_NAMES_ZH: Readonly<Record<string, string>> = {
  application: '立项',
  rd: '研发',
  pilot: '中试',
  industrialisation: '产业化',
  promotion: '推广',
  closed: '结项',
};

const STAGE_NAMES_EN: Readonly<Record<string, string>> = {
  application: 'application',
  rd: 'R&D',
  pilot: 'pilot',
  industrialisation: 'industrialisation',
  promotion: 'promotion',
  closed: 'closed',
};

function link(projectId: string): string {
  return `/projects/${projectId}`;
}

/** Creates the notifications; returns how many were new (a repeated dedupe key creates none). */
async function send(tx: Tx, input: NotifyInput): Promise<number> {
  return (await notify(tx, input)).notificationIds.length;
}

export async function notifyTaskAssigned(tx: Tx, project: ProjectRow, task: ProjectTaskRow): Promise<void> {
  await send(tx, {
    kind: 'project.task_assigned',
    recipients: task.assignee_user_id
      ? { userIds: [task.assignee_user_id] }
      : { organizationMembersOf: [task.assignee_organization_id] },
    params: { project: project.title, task: task.title, dueDate: task.due_date ?? '—' },
    link: link(project.id),
    dedupeKey: `project.task_assigned:${task.id}:${task.assignee_organization_id}:${task.assignee_user_id ?? ''}`,
  });
}

export async function notifyGatePassed(
  tx: Tx,
  project: ProjectRow,
  parties: readonly string[],
  from: string,
  to: string,
): Promise<void> {
  await send(tx, {
    kind: 'project.gate_passed',
    recipients: { organizationMembersOf: [...parties] },
    params: {
      project: project.title,
      from_zh: STAGE_NAMES_ZH[from] ?? from,
      from_en: STAGE_NAMES_EN[from] ?? from,
      to_zh: STAGE_NAMES_ZH[to] ?? to,
      to_en: STAGE_NAMES_EN[to] ?? to,
    },
    link: link(project.id),
    dedupeKey: `project.gate_passed:${project.id}:${from}`,
  });
}

export async function notifyMilestoneDue(
  tx: Tx,
  project: ProjectRow,
  milestone: ProjectMilestoneRow,
): Promise<number> {
  return send(tx, {
    kind: 'project.milestone_due',
    recipients: { organizationMembersOf: [milestone.responsible_organization_id] },
    params: { project: project.title, milestone: milestone.title, dueDate: milestone.due_date ?? '' },
    link: link(project.id),
    dedupeKey: `project.milestone_due:${milestone.id}:${milestone.due_date ?? ''}`,
  });
}
