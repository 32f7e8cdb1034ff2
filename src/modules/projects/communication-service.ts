/**
 * Use cases of a project's communication log: threads and their posts, meeting minutes whose
 * action items become tasks in the same transaction, and document records. Parties' members
 * write, for a party they belong to, while the project is active; everyone who sees the project
 * reads. Every contribution appends the party's project activity and an audit event in its
 * transaction.
 */
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Actor, UserActor } from '../../platform/auth/actor.js';
import type { Queryable, Tx } from '../../platform/db/database.js';
import type {
  ProjectDocumentRow,
  ProjectMinutesRow,
  ProjectThreadPostRow,
  ProjectThreadRow,
} from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { findOrganizationSummaries, type OrganizationSummary } from '../organizations/service.js';
import {
  createTaskInTransaction,
  loadProjectAccess,
  notActive,
  recordProjectActivity,
  type ProjectAccess,
} from './access.js';
import { chooseParty, hasDuplicates, mayChangeThreadStatus, nonParties } from './communication-rules.js';
import * as repo from './communication-repo.js';
import type {
  CommunicationPermissions,
  CreateDocumentBody,
  CreateMinutesBody,
  CreatePostBody,
  CreateThreadBody,
  DocumentKind,
  DocumentList,
  DocumentRecord,
  Minutes,
  MinutesList,
  PartyRef,
  Thread,
  ThreadList,
  ThreadStatus,
  ThreadStatusBody,
  ThreadSummary,
  UserRef,
} from './communication-schemas.js';
import type { ProjectStage } from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Helpers

function threadNotFound(): DomainError {
  return new DomainError('record.not_found', 'No such thread');
}

function conflict(): DomainError {
  return new DomainError(
    'record.version_conflict',
    'The thread changed since you loaded it; reload and try again',
  );
}

/** The party the caller writes for, on an active project; refuses everyone else. */
function writingParty(access: ProjectAccess, named: string | undefined): string {
  const choice = chooseParty(access.myPartyOrganizationIds, named);
  if (!choice.ok) {
    if (choice.code === 'auth.forbidden')
      throw new DomainError('auth.forbidden', 'Only members of the project’s parties write to its log');
    if (choice.code === 'communication.not_your_party')
      throw DomainError.field(
        'communication.not_your_party',
        'body.organizationId',
        'You do not belong to that party of the project',
      );
    throw DomainError.field(
      'communication.party_required',
      'body.organizationId',
      'You belong to several parties: name the one you write for',
    );
  }
  if (access.project.status !== 'active') throw notActive();
  return choice.organizationId;
}

function permissionsOf(access: ProjectAccess): CommunicationPermissions {
  const write = access.myPartyOrganizationIds.length > 0 && access.project.status === 'active';
  return { write, parties: write ? [...access.myPartyOrganizationIds] : [] };
}

type Names = Map<string, OrganizationSummary>;

function partyRef(names: Names, id: string): PartyRef {
  const s = names.get(id);
  return { id, kind: s?.kind ?? 'enterprise', nameZh: s?.nameZh ?? '', nameEn: s?.nameEn ?? '' };
}

function userRef(users: Map<string, string>, id: string | null): UserRef | null {
  return id === null ? null : { id, displayName: users.get(id) ?? '' };
}

function parseIds(json: string): string[] {
  return JSON.parse(json) as string[];
}

async function readInTransaction<T>(ctx: AppContext, run: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(run);
}

// ---------------------------------------------------------------------------------------------
// Threads

async function threadSummaries(db: Queryable, rows: readonly ProjectThreadRow[]): Promise<ThreadSummary[]> {
  const posts = await repo.findPosts(
    db,
    rows.map((r) => r.id),
  );
  const names = await findOrganizationSummaries(db, [
    ...rows.map((r) => r.organization_id),
    ...rows.flatMap((r) => parseIds(r.addressed_to)),
  ]);
  const users = await repo.findUserNames(
    db,
    rows.flatMap((r) => (r.created_by ? [r.created_by] : [])),
  );
  return rows.map((r) => {
    const mine = posts.filter((p) => p.thread_id === r.id);
    return {
      id: r.id,
      projectId: r.project_id,
      subject: r.subject,
      stage: r.stage as ProjectStage,
      status: r.status as ThreadStatus,
      addressedTo: parseIds(r.addressed_to).map((id) => partyRef(names, id)),
      organization: partyRef(names, r.organization_id),
      createdBy: userRef(users, r.created_by),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      closedAt: r.closed_at,
      postCount: mine.length,
      lastPostAt: mine.at(-1)?.at ?? null,
      version: r.version,
    };
  });
}

async function threadView(db: Queryable, access: ProjectAccess, row: ProjectThreadRow): Promise<Thread> {
  const [summary] = await threadSummaries(db, [row]);
  const posts = await repo.findPosts(db, [row.id]);
  const names = await findOrganizationSummaries(
    db,
    posts.map((p) => p.organization_id),
  );
  const users = await repo.findUserNames(
    db,
    posts.flatMap((p) => (p.user_id ? [p.user_id] : [])),
  );
  const active = access.project.status === 'active';
  const changer = mayChangeThreadStatus(
    access.myPartyOrganizationIds,
    access.isLeadAdmin,
    row.organization_id,
  );
  return {
    ...summary!,
    posts: posts.map((p) => ({
      id: p.id,
      organization: partyRef(names, p.organization_id),
      author: userRef(users, p.user_id),
      body: p.body,
      at: p.at,
    })),
    permissions: {
      post: active && row.status === 'open' && access.myPartyOrganizationIds.length > 0,
      close: active && row.status === 'open' && changer,
      reopen: active && row.status === 'closed' && changer,
    },
  };
}

export async function listThreads(ctx: AppContext, actor: Actor, projectId: string): Promise<ThreadList> {
  return readInTransaction(ctx, async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    return {
      items: await threadSummaries(tx, await repo.findThreads(tx, projectId)),
      permissions: permissionsOf(access),
    };
  });
}

export async function getThread(
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  threadId: string,
): Promise<Thread> {
  return readInTransaction(ctx, async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    const row = await repo.findThread(tx, projectId, threadId);
    if (!row) throw threadNotFound();
    return threadView(tx, access, row);
  });
}

export async function createThread(
  ctx: AppContext,
  actor: UserActor,
  projectId: string,
  body: CreateThreadBody,
): Promise<Thread> {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    const party = writingParty(access, body.organizationId);
    const addressed = body.addressedTo ?? [];
    if (hasDuplicates(addressed))
      throw DomainError.field('communication.duplicate_party', 'body.addressedTo', 'A party is named twice');
    const strangers = nonParties(
      addressed,
      access.parties.map((p) => p.organizationId),
    );
    if (strangers.length > 0)
      throw DomainError.field(
        'project.not_a_party',
        'body.addressedTo',
        'The thread may be addressed only to the project’s parties',
      );
    const now = nowIso();
    const stage = body.stage ?? access.project.stage;
    const row: ProjectThreadRow = {
      id: newId(),
      project_id: projectId,
      stage,
      subject: body.subject,
      addressed_to: JSON.stringify(addressed),
      status: 'open',
      organization_id: party,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      closed_by: null,
      closed_at: null,
      version: 1,
    };
    await repo.insertThread(tx, row);
    const post: ProjectThreadPostRow = {
      id: newId(),
      thread_id: row.id,
      project_id: projectId,
      organization_id: party,
      user_id: actor.userId,
      body: body.body,
      at: now,
    };
    await repo.insertPost(tx, post);
    await recordProjectActivity(tx, {
      projectId,
      organizationId: party,
      userId: actor.userId,
      stage,
      kind: 'thread_started',
      ref: row.id,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'communication.thread_create',
      entityType: 'project_thread',
      entityId: row.id,
      after: { thread: row, post },
      details: { projectId, organizationId: party, addressedTo: addressed },
    });
    return threadView(tx, access, row);
  });
}

export async function createPost(
  ctx: AppContext,
  actor: UserActor,
  projectId: string,
  threadId: string,
  body: CreatePostBody,
): Promise<Thread> {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    const row = await repo.findThread(tx, projectId, threadId);
    if (!row) throw threadNotFound();
    const party = writingParty(access, body.organizationId);
    if (row.status !== 'open')
      throw new DomainError('communication.thread_closed', 'The thread is closed; reopen it to post');
    const now = nowIso();
    // Bumping the thread orders it first and serialises posts with closing.
    if (!(await repo.updateThread(tx, row.id, row.version, { updated_at: now }))) throw conflict();
    const post: ProjectThreadPostRow = {
      id: newId(),
      thread_id: row.id,
      project_id: projectId,
      organization_id: party,
      user_id: actor.userId,
      body: body.body,
      at: now,
    };
    await repo.insertPost(tx, post);
    await recordProjectActivity(tx, {
      projectId,
      organizationId: party,
      userId: actor.userId,
      stage: row.stage,
      kind: 'post',
      ref: post.id,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'communication.post_create',
      entityType: 'project_thread',
      entityId: row.id,
      after: post,
      details: { projectId, organizationId: party },
    });
    const updated = await repo.findThread(tx, projectId, threadId);
    return threadView(tx, access, updated!);
  });
}

export async function setThreadStatus(
  ctx: AppContext,
  actor: UserActor,
  projectId: string,
  threadId: string,
  to: ThreadStatus,
  body: ThreadStatusBody,
): Promise<Thread> {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    const row = await repo.findThread(tx, projectId, threadId);
    if (!row) throw threadNotFound();
    if (!mayChangeThreadStatus(access.myPartyOrganizationIds, access.isLeadAdmin, row.organization_id))
      throw new DomainError(
        'auth.forbidden',
        'Only the party that started the thread or the lead’s admins close and reopen it',
      );
    if (access.project.status !== 'active') throw notActive();
    if (row.status === to)
      throw new DomainError(
        'communication.thread_invalid_transition',
        to === 'closed' ? 'The thread is already closed' : 'The thread is already open',
      );
    if (row.version !== body.version) throw conflict();
    const now = nowIso();
    const changes: Partial<ProjectThreadRow> =
      to === 'closed'
        ? { status: 'closed', closed_by: actor.userId, closed_at: now, updated_at: now }
        : { status: 'open', closed_by: null, closed_at: null, updated_at: now };
    if (!(await repo.updateThread(tx, row.id, row.version, changes))) throw conflict();
    const updated = (await repo.findThread(tx, projectId, threadId))!;
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: to === 'closed' ? 'communication.thread_close' : 'communication.thread_reopen',
      entityType: 'project_thread',
      entityId: row.id,
      before: row,
      after: updated,
      details: { projectId },
    });
    return threadView(tx, access, updated);
  });
}

// ---------------------------------------------------------------------------------------------
// Minutes

interface StoredAttendee {
  organizationId: string;
  userId: string | null;
  name: string;
}

async function minutesViews(db: Queryable, rows: readonly ProjectMinutesRow[]): Promise<Minutes[]> {
  const items = await repo.findActionItems(
    db,
    rows.map((r) => r.id),
  );
  const tasks = new Map(
    (
      await repo.findTaskSummaries(
        db,
        items.map((i) => i.task_id),
      )
    ).map((t) => [t.id, t]),
  );
  const attendees = new Map(rows.map((r) => [r.id, JSON.parse(r.attendees) as StoredAttendee[]]));
  const names = await findOrganizationSummaries(db, [
    ...rows.map((r) => r.organization_id),
    ...items.map((i) => i.assignee_organization_id),
    ...[...attendees.values()].flat().map((a) => a.organizationId),
  ]);
  const users = await repo.findUserNames(
    db,
    rows.flatMap((r) => (r.created_by ? [r.created_by] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    stage: r.stage as ProjectStage,
    title: r.title,
    meetingDate: r.meeting_date,
    attendees: (attendees.get(r.id) ?? []).map((a) => ({
      organization: partyRef(names, a.organizationId),
      userId: a.userId,
      name: a.name,
    })),
    agenda: r.agenda,
    decisions: JSON.parse(r.decisions) as string[],
    actionItems: items
      .filter((i) => i.minutes_id === r.id)
      .map((i) => {
        const task = tasks.get(i.task_id);
        return {
          position: i.position,
          description: i.description,
          assignee: partyRef(names, i.assignee_organization_id),
          assigneeUserId: i.assignee_user_id,
          dueDate: i.due_date,
          task: {
            id: i.task_id,
            title: task?.title ?? '',
            status: task?.status ?? 'open',
            dueDate: task?.due_date ?? null,
          },
        };
      }),
    organization: partyRef(names, r.organization_id),
    createdBy: userRef(users, r.created_by),
    createdAt: r.created_at,
  }));
}

export async function listMinutes(ctx: AppContext, actor: Actor, projectId: string): Promise<MinutesList> {
  return readInTransaction(ctx, async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    return {
      items: await minutesViews(tx, await repo.findMinutesList(tx, projectId)),
      permissions: permissionsOf(access),
    };
  });
}

export async function getMinutes(
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  minutesId: string,
): Promise<Minutes> {
  return readInTransaction(ctx, async (tx) => {
    await loadProjectAccess(tx, actor, projectId);
    const row = await repo.findMinutes(tx, projectId, minutesId);
    if (!row) throw new DomainError('record.not_found', 'No such minutes');
    const [view] = await minutesViews(tx, [row]);
    return view!;
  });
}

/** Checks that each organisation is a party and each named user one of its members. */
async function assertPartyPeople(
  tx: Tx,
  parties: readonly string[],
  people: readonly { organizationId: string; userId?: string | null | undefined }[],
  field: (index: number) => string,
  userField: (index: number) => string,
): Promise<void> {
  for (const [index, person] of people.entries()) {
    if (!parties.includes(person.organizationId))
      throw DomainError.field(
        'project.not_a_party',
        field(index),
        'The organisation does not take part in the project',
      );
    if (person.userId && !(await repo.isMemberOf(tx, person.organizationId, person.userId)))
      throw DomainError.field(
        'project.user_not_in_party',
        userField(index),
        'The user is not a member of that organisation',
      );
  }
}

/** A task title from an action item's description: its first line, at most 200 characters. */
function taskTitle(description: string): string {
  const line = description.split('\n')[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export async function createMinutes(
  ctx: AppContext,
  actor: UserActor,
  projectId: string,
  body: CreateMinutesBody,
): Promise<Minutes> {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    const party = writingParty(access, body.organizationId);
    const parties = access.parties.map((p) => p.organizationId);
    const actionItems = body.actionItems ?? [];
    await assertPartyPeople(
      tx,
      parties,
      body.attendees,
      (i) => `body.attendees.${i}.organizationId`,
      (i) => `body.attendees.${i}.userId`,
    );
    await assertPartyPeople(
      tx,
      parties,
      actionItems.map((a) => ({ organizationId: a.assigneeOrganizationId, userId: a.assigneeUserId })),
      (i) => `body.actionItems.${i}.assigneeOrganizationId`,
      (i) => `body.actionItems.${i}.assigneeUserId`,
    );
    const users = await repo.findUserNames(
      tx,
      body.attendees.flatMap((a) => (a.userId ? [a.userId] : [])),
    );
    const now = nowIso();
    const row: ProjectMinutesRow = {
      id: newId(),
      project_id: projectId,
      stage: body.stage ?? access.project.stage,
      title: body.title,
      meeting_date: body.meetingDate,
      attendees: JSON.stringify(
        body.attendees.map((a) => ({
          organizationId: a.organizationId,
          userId: a.userId ?? null,
          name: a.name ?? (a.userId ? (users.get(a.userId) ?? '') : ''),
        })),
      ),
      agenda: body.agenda ?? '',
      decisions: JSON.stringify(body.decisions ?? []),
      organization_id: party,
      created_by: actor.userId,
      created_at: now,
    };
    await repo.insertMinutes(tx, row);
    const taskIds: string[] = [];
    for (const [position, item] of actionItems.entries()) {
      const task = await createTaskInTransaction(tx, actor, projectId, {
        title: taskTitle(item.description),
        description: item.description,
        assigneeOrganizationId: item.assigneeOrganizationId,
        assigneeUserId: item.assigneeUserId ?? null,
        dueDate: item.dueDate ?? null,
        origin: 'action_item',
        originRef: row.id,
      });
      taskIds.push(task.id);
      await repo.insertActionItem(tx, {
        minutes_id: row.id,
        position,
        description: item.description,
        assignee_organization_id: item.assigneeOrganizationId,
        assignee_user_id: item.assigneeUserId ?? null,
        due_date: item.dueDate ?? null,
        task_id: task.id,
      });
    }
    await recordProjectActivity(tx, {
      projectId,
      organizationId: party,
      userId: actor.userId,
      stage: row.stage,
      kind: 'minutes',
      ref: row.id,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'communication.minutes_create',
      entityType: 'project_minutes',
      entityId: row.id,
      after: row,
      details: { projectId, organizationId: party, tasks: taskIds },
    });
    const [view] = await minutesViews(tx, [row]);
    return view!;
  });
}

// ---------------------------------------------------------------------------------------------
// Documents

async function documentViews(db: Queryable, rows: readonly ProjectDocumentRow[]): Promise<DocumentRecord[]> {
  const names = await findOrganizationSummaries(
    db,
    rows.map((r) => r.organization_id),
  );
  const users = await repo.findUserNames(
    db,
    rows.flatMap((r) => (r.uploaded_by ? [r.uploaded_by] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    stage: r.stage as ProjectStage,
    title: r.title,
    kind: r.kind as DocumentKind,
    reference: r.reference,
    versionLabel: r.version_label,
    organization: partyRef(names, r.organization_id),
    uploadedBy: userRef(users, r.uploaded_by),
    createdAt: r.created_at,
  }));
}

export async function listDocuments(ctx: AppContext, actor: Actor, projectId: string): Promise<DocumentList> {
  return readInTransaction(ctx, async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    return {
      items: await documentViews(tx, await repo.findDocuments(tx, projectId)),
      permissions: permissionsOf(access),
    };
  });
}

export async function createDocument(
  ctx: AppContext,
  actor: UserActor,
  projectId: string,
  body: CreateDocumentBody,
): Promise<DocumentRecord> {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await loadProjectAccess(tx, actor, projectId);
    const party = writingParty(access, body.organizationId);
    const row: ProjectDocumentRow = {
      id: newId(),
      project_id: projectId,
      stage: body.stage ?? access.project.stage,
      title: body.title,
      kind: body.kind,
      reference: body.reference,
      version_label: body.versionLabel ?? '',
      organization_id: party,
      uploaded_by: actor.userId,
      created_at: nowIso(),
    };
    await repo.insertDocument(tx, row);
    await recordProjectActivity(tx, {
      projectId,
      organizationId: party,
      userId: actor.userId,
      stage: row.stage,
      kind: 'document',
      ref: row.id,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'communication.document_create',
      entityType: 'project_document',
      entityId: row.id,
      after: row,
      details: { projectId, organizationId: party, kind: row.kind },
    });
    const [view] = await documentViews(tx, [row]);
    return view!;
  });
}
