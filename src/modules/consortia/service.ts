/**
 * Use cases of consortium formation: founding a consortium around an eligible lead organisation,
 * inviting organisations that accept or decline, roles and chain positions, leaving (through the
 * charter's exit rule, once there is a charter), applying to the cluster office for designation and
 * its decision, and the office's lead policy. Each change is one transaction with its audit event.
 */
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { isSignedIn, roleIn, type Actor, type UserActor } from '../../platform/auth/actor.js';
import type { Queryable, Tx } from '../../platform/db/database.js';
import type { ConsortiumMemberRow, ConsortiumPolicyRow, ConsortiumRow } from '../../platform/db/schema.js';
import { DomainError, type ErrorCode } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { getMatch } from '../matches/service.js';
import {
  findClusters,
  findOrganizationSummaries,
  getOrganization,
  type OrganizationSummary,
} from '../organizations/service.js';
import type { ChainPosition, OrganizationKind, SizeClass } from '../organizations/schemas.js';
import {
  canConfigurePolicy,
  canDecideDesignation,
  canViewConsortium,
  consortiumPermissions,
  isInsider,
  isLeadAdmin,
  looksOnEverything,
  mayActOnMember,
  memberActions,
  type ConsortiumAccessFacts,
} from './permissions.js';
import { charterExitRule, settleCharterInTransaction, type CharterExit } from './charter-service.js';
import * as repo from './repo.js';
import {
  noticeDesignationDecided,
  noticeDesignationSubmitted,
  noticeInvitation,
  noticeInvitationAnswer,
} from './notices.js';
import { syncConsortiumProjectParties } from '../projects/sync.js';
import {
  applyDesignation,
  applyMemberAction,
  canInvite,
  designationReadiness,
  frozenRefusal,
  leadRefusal,
  policyProblem,
  statusAfterDesignation,
  type ConsortiumChange,
  type LeadPolicy,
  type MemberRefusal,
} from './rules.js';
import type {
  ApproveDesignationBody,
  ChangeMemberBody,
  Consortium,
  ConsortiumList,
  ConsortiumMember,
  ConsortiumStatus,
  ConsortiumSummary,
  CreateConsortiumBody,
  DesignationStatus,
  InvitationList,
  InviteMemberBody,
  LeadPolicyBody,
  LeadPolicyView,
  ListConsortiaQuery,
  MemberAction,
  MemberRole,
  MemberStatus,
  MemberStep,
  MemberVersionBody,
  OrganizationRef,
  ReturnDesignationBody,
  SubmitDesignationBody,
  UpdateConsortiumBody,
} from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Errors

function forbidden(message: string): DomainError {
  return new DomainError('auth.forbidden', message);
}

function notFound(): DomainError {
  return new DomainError('record.not_found', 'No such consortium');
}

function conflict(): DomainError {
  return new DomainError(
    'record.version_conflict',
    'The consortium changed since you loaded it; reload and try again',
  );
}

const MEMBER_REFUSALS: Readonly<Record<MemberRefusal, [ErrorCode, string]>> = {
  invitation_not_pending: ['consortium.invitation_not_pending', 'The invitation is not pending any more'],
  member_not_active: ['consortium.member_not_active', 'The organisation is not an active member'],
  lead_fixed: [
    'consortium.lead_fixed',
    'The lead organisation stays the lead: it does not leave, is not removed and keeps its role',
  ],
  exit_not_allowed: ['consortium.exit_not_allowed', 'The charter’s exit rule does not allow this exit now'],
};

function refusedChange(consortium: ConsortiumRow, change: ConsortiumChange): void {
  const refusal = frozenRefusal(stateOf(consortium), change);
  if (refusal === 'dissolved') throw new DomainError('consortium.dissolved', 'The consortium is dissolved');
  if (refusal === 'under_review')
    throw new DomainError(
      'consortium.under_review',
      'The consortium is under review for designation; it does not change until the cluster office decides',
    );
}

// ---------------------------------------------------------------------------------------------
// Loading

function stateOf(row: ConsortiumRow): { status: ConsortiumStatus; designationStatus: DesignationStatus } {
  return {
    status: row.status as ConsortiumStatus,
    designationStatus: row.designation_status as DesignationStatus,
  };
}

function factsOf(row: ConsortiumRow, members: readonly ConsortiumMemberRow[]): ConsortiumAccessFacts {
  return {
    leadOrganizationId: row.lead_organization_id,
    ...stateOf(row),
    members: members.map((m) => ({ organizationId: m.organization_id, status: m.status as MemberStatus })),
  };
}

interface Loaded {
  row: ConsortiumRow;
  members: ConsortiumMemberRow[];
  facts: ConsortiumAccessFacts;
}

/** A consortium the caller may see; one the caller may not see does not exist for them. */
async function loadVisible(db: Queryable, actor: Actor, id: string): Promise<Loaded> {
  const row = await repo.findConsortium(db, id);
  if (!row) throw notFound();
  const members = await repo.findMembers(db, [id]);
  const facts = factsOf(row, members);
  if (!canViewConsortium(actor, facts)) throw notFound();
  return { row, members, facts };
}

function policyOf(row: ConsortiumPolicyRow): LeadPolicy & { updatedAt: string; version: number } {
  return {
    leadKinds: JSON.parse(row.lead_kinds) as OrganizationKind[],
    leadSizeClasses: JSON.parse(row.lead_size_classes) as SizeClass[],
    minActiveMembers: row.min_active_members,
    requireKnowledgeMember: row.require_knowledge_member === 1,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/**
 * The charter's exit rule for this consortium, or null while it has no effective charter (so
 * members leave freely): a member with open duties under the effective version neither leaves nor
 * is removed (charter-service.ts); `rules.applyMemberAction` applies it to leaving and removal.
 */
async function effectiveExitRule(db: Queryable, consortiumId: string): Promise<CharterExit | null> {
  return charterExitRule(db, consortiumId);
}

function organizationRef(summary: OrganizationSummary | undefined, id: string): OrganizationRef {
  return {
    id,
    kind: summary?.kind ?? 'enterprise',
    nameZh: summary?.nameZh ?? '',
    nameEn: summary?.nameEn ?? '',
  };
}

// ---------------------------------------------------------------------------------------------
// Views

async function summariesOf(
  db: Queryable,
  rows: readonly ConsortiumRow[],
  members: readonly ConsortiumMemberRow[],
): Promise<{ items: ConsortiumSummary[]; organizations: Map<string, OrganizationSummary> }> {
  const organizations = await findOrganizationSummaries(db, [
    ...rows.map((r) => r.lead_organization_id),
    ...members.map((m) => m.organization_id),
  ]);
  const clusters = new Map(
    (await findClusters(db, [...new Set(rows.map((r) => r.cluster_slug))])).map((c) => [c.slug, c]),
  );
  const items = rows.map((row) => ({
    id: row.id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    summary: row.summary,
    cluster: clusters.get(row.cluster_slug) ?? { slug: row.cluster_slug, nameZh: '', nameEn: '' },
    lead: organizationRef(organizations.get(row.lead_organization_id), row.lead_organization_id),
    status: row.status as ConsortiumStatus,
    designationStatus: row.designation_status as DesignationStatus,
    designatedAt: row.designated_at,
    activeMembers: members.filter((m) => m.consortium_id === row.id && m.status === 'active').length,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  }));
  return { items, organizations };
}

async function detailOf(ctx: AppContext, actor: Actor, loaded: Loaded): Promise<Consortium> {
  const { row, members, facts } = loaded;
  const insider = isInsider(actor, facts);
  const { items, organizations } = await summariesOf(ctx.db, [row], members);
  const designations = insider ? await repo.findDesignations(ctx.db, row.id) : [];
  const shown = insider ? members : members.filter((m) => m.status === 'active');
  return {
    ...(items[0] as ConsortiumSummary),
    objectives: row.objectives,
    sourceMatchId: insider ? row.source_match_id : null,
    members: shown.map((m): ConsortiumMember => ({
      organization: organizationRef(organizations.get(m.organization_id), m.organization_id),
      role: m.role as MemberRole,
      chainPosition: m.chain_position as ChainPosition | null,
      status: m.status as MemberStatus,
      message: insider ? m.message : '',
      invitedAt: m.invited_at,
      respondedAt: m.responded_at,
      endedAt: m.ended_at,
      endNote: insider ? m.end_note : null,
      version: m.version,
      actions: memberActions(actor, facts, {
        organizationId: m.organization_id,
        status: m.status as MemberStatus,
        role: m.role as MemberRole,
      }),
    })),
    designations: designations.map((d) => ({
      round: d.round,
      statement: d.statement,
      submittedAt: d.submitted_at,
      status: d.status as Consortium['designations'][number]['status'],
      decidedAt: d.decided_at,
      comments: d.comments,
    })),
    permissions: consortiumPermissions(actor, facts),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** `GET /api/v1/consortia/:id`: a consortium, its members and its applications for designation. */
export async function getConsortium(ctx: AppContext, actor: Actor, id: string): Promise<Consortium> {
  return detailOf(ctx, actor, await loadVisible(ctx.db, actor, id));
}

/**
 * `GET /api/v1/consortia`: the caller's organisations' consortia (default when signed in), the
 * designated ones (default otherwise), or all of them for the cluster office and auditor.
 */
export async function listConsortia(
  ctx: AppContext,
  actor: Actor,
  query: ListConsortiaQuery,
): Promise<ConsortiumList> {
  const scope = query.scope ?? (isSignedIn(actor) ? 'mine' : 'designated');
  if (scope === 'mine' && !isSignedIn(actor))
    throw new DomainError('auth.unauthenticated', 'Sign in to see your consortia');
  if (scope === 'all' && !looksOnEverything(actor))
    throw forbidden('Only the cluster office and the auditor list every consortium');
  const designated = scope === 'designated';
  if (designated && query.designation !== undefined && query.designation !== 'approved')
    return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const rows = await repo.listConsortia(ctx.db, {
    organizationIds: scope === 'mine' && isSignedIn(actor) ? [...actor.memberships.keys()] : null,
    status: query.status,
    designationStatus: designated ? 'approved' : query.designation,
  });
  const page = rows.slice(query.offset, query.offset + query.limit);
  const members = await repo.findMembers(
    ctx.db,
    page.map((r) => r.id),
  );
  const { items } = await summariesOf(ctx.db, page, members);
  return { items, total: rows.length, limit: query.limit, offset: query.offset };
}

/** `GET /api/v1/consortia/invitations`: pending invitations of the caller's organisations. */
export async function listInvitations(ctx: AppContext, actor: UserActor): Promise<InvitationList> {
  const invitations = await repo.listInvitations(ctx.db, [...actor.memberships.keys()]);
  const consortia = new Map<string, ConsortiumRow>();
  for (const id of new Set(invitations.map((i) => i.consortium_id))) {
    const row = await repo.findConsortium(ctx.db, id);
    if (row) consortia.set(id, row);
  }
  const organizations = await findOrganizationSummaries(ctx.db, [
    ...invitations.map((i) => i.organization_id),
    ...[...consortia.values()].map((c) => c.lead_organization_id),
  ]);
  return {
    items: invitations.flatMap((invitation) => {
      const consortium = consortia.get(invitation.consortium_id);
      if (!consortium) return [];
      return [
        {
          consortium: {
            id: consortium.id,
            nameZh: consortium.name_zh,
            nameEn: consortium.name_en,
            lead: organizationRef(
              organizations.get(consortium.lead_organization_id),
              consortium.lead_organization_id,
            ),
          },
          organization: organizationRef(
            organizations.get(invitation.organization_id),
            invitation.organization_id,
          ),
          role: invitation.role as MemberRole,
          chainPosition: invitation.chain_position as ChainPosition | null,
          message: invitation.message,
          invitedAt: invitation.invited_at,
          version: invitation.version,
          canRespond: roleIn(actor, invitation.organization_id) === 'admin',
        },
      ];
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Formation

/** Checks a cluster slug exists. */
async function assertCluster(db: Queryable, slug: string): Promise<void> {
  if ((await findClusters(db, [slug])).length === 0)
    throw DomainError.field('consortium.unknown_cluster', 'body.cluster', `No cluster "${slug}"`);
}

/** Checks the match a consortium grows out of: the lead's own, and agreed or converted. */
async function assertSourceMatch(
  ctx: AppContext,
  actor: UserActor,
  matchId: string,
  leadOrganizationId: string,
): Promise<void> {
  const missing = () =>
    DomainError.field(
      'consortium.source_match_not_found',
      'body.sourceMatchId',
      'No match of the lead organisation with this id',
    );
  const match = await getMatch(ctx, actor, matchId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'record.not_found') throw missing();
    throw error;
  });
  const sides = [match.need.organization.id, match.counterpart.organization.id];
  if (!sides.includes(leadOrganizationId)) throw missing();
  if (match.status !== 'agreed' && match.status !== 'converted')
    throw DomainError.field(
      'consortium.source_match_not_agreed',
      'body.sourceMatchId',
      'Only an agreed or converted match grows into a consortium',
    );
}

/** `POST /api/v1/consortia`: a member of an eligible lead organisation founds a consortium. */
export async function createConsortium(
  ctx: AppContext,
  actor: UserActor,
  input: CreateConsortiumBody,
): Promise<Consortium> {
  const leadId = input.leadOrganizationId;
  if (roleIn(actor, leadId) === null)
    throw forbidden('Only members of the lead organisation found a consortium with it as lead');
  const lead = await getOrganization(ctx, actor, leadId);
  const policy = policyOf(await repo.findPolicy(ctx.db));
  const refusal = leadRefusal(policy, {
    kind: lead.kind,
    sizeClass: lead.sizeClass,
    verified: lead.verificationStatus === 'verified',
  });
  if (refusal === 'unverified')
    throw DomainError.field(
      'consortium.lead_unverified',
      'body.leadOrganizationId',
      'The lead organisation must be verified by the cluster office first',
    );
  if (refusal === 'not_eligible')
    throw DomainError.field(
      'consortium.lead_not_eligible',
      'body.leadOrganizationId',
      'Under the cluster office’s policy this organisation may not lead a consortium',
    );
  await assertCluster(ctx.db, input.cluster);
  if (input.sourceMatchId !== undefined) await assertSourceMatch(ctx, actor, input.sourceMatchId, leadId);

  const now = nowIso();
  const row: ConsortiumRow = {
    id: newId(),
    name_zh: input.nameZh,
    name_en: input.nameEn,
    summary: input.summary ?? '',
    objectives: input.objectives ?? '',
    cluster_slug: input.cluster,
    lead_organization_id: leadId,
    status: 'forming',
    designation_status: 'draft',
    designated_at: null,
    source_match_id: input.sourceMatchId ?? null,
    is_demo: 0,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const leadMember: ConsortiumMemberRow = {
    consortium_id: row.id,
    organization_id: leadId,
    role: 'lead',
    chain_position: input.chainPosition ?? null,
    status: 'active',
    message: '',
    invited_by: actor.userId,
    invited_at: now,
    responded_by: actor.userId,
    responded_at: now,
    ended_at: null,
    end_note: null,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertConsortium(tx, row);
    await repo.insertMember(tx, leadMember);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'consortium.create',
      entityType: 'consortium',
      entityId: row.id,
      after: { ...row, members: [leadMember] },
      details: {
        leadOrganizationId: leadId,
        cluster: row.cluster_slug,
        ...(row.source_match_id ? { sourceMatchId: row.source_match_id } : {}),
      },
    });
  });
  return getConsortium(ctx, actor, row.id);
}

/** Locks the consortium at the version the checks were made on (see repo.updateConsortium). */
async function touch(tx: Tx, row: ConsortiumRow, changes: Partial<ConsortiumRow> = {}): Promise<void> {
  if (!(await repo.updateConsortium(tx, row.id, row.version, { updated_at: nowIso(), ...changes })))
    throw conflict();
}

/** `PATCH /api/v1/consortia/:id`: the lead's admins edit the basic information. */
export async function updateConsortium(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: UpdateConsortiumBody,
): Promise<Consortium> {
  const { row } = await loadVisible(ctx.db, actor, id);
  if (!isLeadAdmin(actor, { leadOrganizationId: row.lead_organization_id }))
    throw forbidden('Only admins of the lead organisation edit the consortium');
  refusedChange(row, 'update');
  if (row.version !== input.version) throw conflict();
  if (input.cluster !== undefined && input.cluster !== row.cluster_slug)
    await assertCluster(ctx.db, input.cluster);
  const candidate: Record<string, string | undefined> = {
    name_zh: input.nameZh,
    name_en: input.nameEn,
    summary: input.summary,
    objectives: input.objectives,
    cluster_slug: input.cluster,
  };
  const changes = Object.fromEntries(
    Object.entries(candidate).filter(
      ([key, value]) => value !== undefined && value !== row[key as keyof ConsortiumRow],
    ),
  ) as Partial<ConsortiumRow>;
  await ctx.db.transaction().execute(async (tx) => {
    await touch(tx, row, changes);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'consortium.update',
      entityType: 'consortium',
      entityId: id,
      before: row,
      after: { ...row, ...changes, version: row.version + 1 },
      details: { fields: Object.keys(changes).sort() },
    });
  });
  return getConsortium(ctx, actor, id);
}

/** `POST /api/v1/consortia/:id/members`: the lead's admins invite a verified organisation. */
export async function inviteMember(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: InviteMemberBody,
): Promise<Consortium> {
  const { row, members } = await loadVisible(ctx.db, actor, id);
  if (!isLeadAdmin(actor, { leadOrganizationId: row.lead_organization_id }))
    throw forbidden('Only admins of the lead organisation invite members');
  refusedChange(row, 'invite');
  const invitee = (await findOrganizationSummaries(ctx.db, [input.organizationId])).get(input.organizationId);
  if (!invitee || invitee.verificationStatus !== 'verified')
    throw DomainError.field(
      'consortium.invitee_not_found',
      'body.organizationId',
      'No verified organisation with this id',
    );
  const existing = members.find((m) => m.organization_id === input.organizationId);
  if (
    !canInvite(
      existing ? { status: existing.status as MemberStatus, role: existing.role as MemberRole } : null,
    )
  )
    throw DomainError.field(
      'consortium.already_member',
      'body.organizationId',
      'The organisation is invited or a member already',
    );
  const now = nowIso();
  const invited = {
    role: input.role,
    chain_position: input.chainPosition ?? null,
    status: 'invited',
    message: input.message ?? '',
    invited_by: actor.userId,
    invited_at: now,
    responded_by: null,
    responded_at: null,
    ended_at: null,
    end_note: null,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await touch(tx, row);
    // An organisation whose membership ended is invited again on the same row.
    if (existing) {
      if (!(await repo.updateMember(tx, id, existing.organization_id, existing.version, invited)))
        throw conflict();
    } else {
      await repo.insertMember(tx, {
        consortium_id: id,
        organization_id: input.organizationId,
        ...invited,
        version: 1,
      });
    }
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'consortium.invite',
      entityType: 'consortium',
      entityId: id,
      before: existing ?? null,
      after: { consortium_id: id, organization_id: input.organizationId, ...invited },
      details: {
        organizationId: input.organizationId,
        role: input.role,
        ...(existing ? { again: true } : {}),
      },
    });
    await noticeInvitation(tx, id, input.organizationId, now);
  });
  return getConsortium(ctx, actor, id);
}

/** What a membership action is called in the audit trail. */
const AUDIT_ACTIONS: Readonly<Record<MemberAction, string>> = {
  accept: 'consortium.accept',
  decline: 'consortium.decline',
  withdraw: 'consortium.withdraw',
  change: 'consortium.change_member',
  remove: 'consortium.remove',
  leave: 'consortium.leave',
};

/**
 * `POST /api/v1/consortia/:id/members/:organizationId/{accept,decline,withdraw,remove,leave}` and
 * `PATCH …/members/:organizationId`: one step of a membership, by whoever takes it.
 */
export async function actOnMember(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  organizationId: string,
  action: MemberAction,
  input: MemberVersionBody | ChangeMemberBody,
): Promise<MemberStep> {
  const { row, members } = await loadVisible(ctx.db, actor, id);
  const member = members.find((m) => m.organization_id === organizationId);
  if (!member) throw new DomainError('record.not_found', 'No such member');
  if (!mayActOnMember(actor, { leadOrganizationId: row.lead_organization_id }, organizationId, action))
    throw forbidden(
      action === 'accept' || action === 'decline' || action === 'leave'
        ? 'Only admins of the member organisation take this step'
        : 'Only admins of the lead organisation take this step',
    );
  refusedChange(row, action);
  if (member.version !== input.version) throw conflict();
  const change = action === 'change' ? (input as ChangeMemberBody) : null;
  const exitRule = action === 'leave' || action === 'remove' ? await effectiveExitRule(ctx.db, id) : null;
  const outcome = applyMemberAction(
    { status: member.status as MemberStatus, role: member.role as MemberRole },
    action,
    { organizationId, exitRule, ...(change?.role ? { role: change.role } : {}) },
  );
  if (!outcome.ok) {
    const [code, message] = MEMBER_REFUSALS[outcome.refusal];
    if (outcome.refusal === 'exit_not_allowed' && exitRule) {
      const why = await exitRule.refusalDetails(ctx.db, organizationId);
      throw new DomainError(code, why.message, why.details);
    }
    throw new DomainError(code, message);
  }
  const now = nowIso();
  const note = 'note' in input ? (input.note ?? null) : null;
  const changes: Partial<ConsortiumMemberRow> = {
    status: outcome.state.status,
    role: outcome.state.role,
    updated_at: now,
    ...(action === 'accept' || action === 'decline' ? { responded_by: actor.userId, responded_at: now } : {}),
    ...(outcome.state.status !== 'active' && outcome.state.status !== 'invited'
      ? { ended_at: now, end_note: note }
      : {}),
    ...(change && change.chainPosition !== undefined ? { chain_position: change.chainPosition } : {}),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await touch(tx, row);
    if (!(await repo.updateMember(tx, id, organizationId, member.version, changes))) throw conflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: AUDIT_ACTIONS[action],
      entityType: 'consortium',
      entityId: id,
      before: member,
      after: { ...member, ...changes, version: member.version + 1 },
      details: {
        organizationId,
        from: member.status,
        to: outcome.state.status,
        ...(action === 'change' ? { role: outcome.state.role } : {}),
      },
    });
    if (action === 'accept' || action === 'decline')
      await noticeInvitationAnswer(tx, id, organizationId, action === 'accept');
    // A version waiting only for the signature of the member that left now takes effect.
    if (outcome.state.status === 'left' || outcome.state.status === 'removed')
      await settleCharterInTransaction(tx, actor.userId, id);
    // Its projects' parties follow the active members (projects/sync.ts).
    await syncConsortiumProjectParties(tx, actor.userId, id);
  });
  const after = { ...member, ...changes, version: member.version + 1 };
  const consortium = await getConsortium(ctx, actor, id).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'record.not_found') return null;
    throw error;
  });
  return {
    member: {
      organizationId,
      role: after.role as MemberRole,
      chainPosition: after.chain_position as ChainPosition | null,
      status: after.status as MemberStatus,
      version: after.version,
    },
    consortium,
  };
}

// ---------------------------------------------------------------------------------------------
// Designation

/** `POST /api/v1/consortia/:id/designation/submit`: the lead's admins apply (or apply again). */
export async function submitDesignation(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: SubmitDesignationBody,
): Promise<Consortium> {
  const { row, members } = await loadVisible(ctx.db, actor, id);
  if (!isLeadAdmin(actor, { leadOrganizationId: row.lead_organization_id }))
    throw forbidden('Only admins of the lead organisation apply for designation');
  if (row.status === 'dissolved')
    throw new DomainError('consortium.dissolved', 'The consortium is dissolved');
  if (row.version !== input.version) throw conflict();
  const next = applyDesignation(row.designation_status as DesignationStatus, 'submit');
  if (next === null)
    throw new DomainError(
      'consortium.designation_invalid_transition',
      'The consortium is under review or designated already',
    );
  const policy = policyOf(await repo.findPolicy(ctx.db));
  const kinds = await findOrganizationSummaries(
    ctx.db,
    members.map((m) => m.organization_id),
  );
  const readiness = designationReadiness(
    policy,
    members.map((m) => ({
      status: m.status as MemberStatus,
      kind: kinds.get(m.organization_id)?.kind ?? 'enterprise',
    })),
  );
  if (readiness.refusal === 'too_few_members')
    throw new DomainError(
      'consortium.too_few_members',
      `Designation needs ${policy.minActiveMembers} active members, the lead included`,
      { activeMembers: readiness.activeMembers, required: policy.minActiveMembers },
    );
  if (readiness.refusal === 'knowledge_member_required')
    throw new DomainError(
      'consortium.knowledge_member_required',
      'Designation needs an active university, vocational college or research institute',
    );
  const applications = await repo.findDesignations(ctx.db, id);
  const now = nowIso();
  const application = {
    id: newId(),
    consortium_id: id,
    round: applications.length + 1,
    statement: input.statement ?? '',
    submitted_by: actor.userId,
    submitted_at: now,
    status: 'submitted',
    decided_by: null,
    decided_at: null,
    comments: null,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await touch(tx, row, { designation_status: next, updated_at: now });
    await repo.insertDesignation(tx, application);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'consortium.submit',
      entityType: 'consortium',
      entityId: id,
      before: row,
      after: { ...row, designation_status: next, updated_at: now, version: row.version + 1, application },
      details: { round: application.round, activeMembers: readiness.activeMembers },
    });
    await noticeDesignationSubmitted(tx, id, application.round);
  });
  return getConsortium(ctx, actor, id);
}

/** `POST /api/v1/consortia/:id/designation/{approve,return}`: the cluster office decides. */
export async function decideDesignation(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  decision: 'approve' | 'return',
  input: ApproveDesignationBody | ReturnDesignationBody,
): Promise<Consortium> {
  const { row } = await loadVisible(ctx.db, actor, id);
  if (!canDecideDesignation(actor)) throw forbidden('Only the cluster office decides on designation');
  if (row.version !== input.version) throw conflict();
  const next = applyDesignation(row.designation_status as DesignationStatus, decision);
  if (next === null)
    throw new DomainError(
      'consortium.designation_invalid_transition',
      'The consortium has no application under review',
    );
  const pending = (await repo.findDesignations(ctx.db, id)).filter((d) => d.status === 'submitted').at(-1);
  if (!pending)
    throw new DomainError('consortium.designation_invalid_transition', 'No application is pending');
  const now = nowIso();
  const changes: Partial<ConsortiumRow> = {
    designation_status: next,
    status: statusAfterDesignation(row.status as ConsortiumStatus, next),
    ...(next === 'approved' ? { designated_at: now } : {}),
    updated_at: now,
  };
  const decided = {
    status: next === 'approved' ? 'approved' : 'returned',
    decided_by: actor.userId,
    decided_at: now,
    comments: input.comments ?? null,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await touch(tx, row, changes);
    await repo.decideDesignation(tx, pending.id, decided);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: decision === 'approve' ? 'consortium.approve' : 'consortium.return',
      entityType: 'consortium',
      entityId: id,
      before: row,
      after: { ...row, ...changes, version: row.version + 1, application: { ...pending, ...decided } },
      details: { round: pending.round },
    });
    await noticeDesignationDecided(tx, id, pending.round, decision === 'approve', input.comments ?? null);
  });
  return getConsortium(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// The lead policy

function policyView(row: ConsortiumPolicyRow): LeadPolicyView {
  const policy = policyOf(row);
  return {
    leadKinds: [...policy.leadKinds],
    leadSizeClasses: [...policy.leadSizeClasses],
    minActiveMembers: policy.minActiveMembers,
    requireKnowledgeMember: policy.requireKnowledgeMember,
    updatedAt: policy.updatedAt,
    version: policy.version,
  };
}

/** `GET /api/v1/consortia/policy`: who may lead a consortium and what designation needs. */
export async function getPolicy(ctx: AppContext): Promise<LeadPolicyView> {
  return policyView(await repo.findPolicy(ctx.db));
}

/** `PUT /api/v1/consortia/policy`: the cluster office sets the lead policy. */
export async function updatePolicy(
  ctx: AppContext,
  actor: UserActor,
  input: LeadPolicyBody,
): Promise<LeadPolicyView> {
  if (!canConfigurePolicy(actor)) throw forbidden('Only the cluster office sets the consortium policy');
  const before = await repo.findPolicy(ctx.db);
  if (before.version !== input.version)
    throw new DomainError('record.version_conflict', 'The policy changed since you loaded it; reload it');
  const policy: LeadPolicy = {
    leadKinds: [...new Set(input.leadKinds)],
    leadSizeClasses: [...new Set(input.leadSizeClasses)],
    minActiveMembers: input.minActiveMembers,
    requireKnowledgeMember: input.requireKnowledgeMember,
  };
  if (policyProblem(policy) === 'size_classes_required')
    throw DomainError.field(
      'consortium.policy_size_classes_required',
      'body.leadSizeClasses',
      'Name the size classes an enterprise lead needs',
    );
  const changes = {
    lead_kinds: JSON.stringify(policy.leadKinds),
    lead_size_classes: JSON.stringify(policy.leadSizeClasses),
    min_active_members: policy.minActiveMembers,
    require_knowledge_member: policy.requireKnowledgeMember ? 1 : 0,
    updated_by: actor.userId,
    updated_at: nowIso(),
  };
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updatePolicy(tx, before.version, changes)))
      throw new DomainError('record.version_conflict', 'The policy changed since you loaded it; reload it');
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'consortium.policy_update',
      entityType: 'consortium_policy',
      entityId: '1',
      before,
      after: { ...before, ...changes, version: before.version + 1 },
      details: {
        leadKinds: policy.leadKinds,
        leadSizeClasses: policy.leadSizeClasses,
        minActiveMembers: policy.minActiveMembers,
        requireKnowledgeMember: policy.requireKnowledgeMember,
      },
    });
  });
  return getPolicy(ctx);
}
