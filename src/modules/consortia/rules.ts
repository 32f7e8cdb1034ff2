/**
 * The consortium's decisions, pure: who may lead under the cluster office's policy, how a
 * membership moves, when the consortium is frozen, when it may apply for designation and how the
 * application moves. No I/O here.
 *
 * Membership:   invited ──accept──▶ active ──leave / remove (charter exit rule)──▶ left / removed
 *                  ├──decline──▶ declined
 *                  └──withdraw (the lead)──▶ withdrawn
 *               An ended membership (declined, withdrawn, left, removed) may be invited again.
 *               The lead member is created with the consortium; it never leaves, is never removed
 *               and never changes role, so a consortium has exactly one lead.
 *
 * Designation:  draft ──submit──▶ submitted ──approve──▶ approved (the consortium becomes active)
 *                                    └──return (with comments)──▶ returned ──submit──▶ submitted …
 *               While submitted, the consortium is frozen: its information and membership do not
 *               change under review (an invited organisation may still decline).
 */
import type { OrganizationKind, SizeClass } from '../organizations/schemas.js';
import type {
  ConsortiumStatus,
  DesignationStatus,
  MemberAction,
  MemberRole,
  MemberStatus,
} from './schemas.js';

export {
  APPLICATION_STATUSES,
  CONSORTIUM_STATUSES,
  DESIGNATION_STATUSES,
  INVITABLE_ROLES,
  MEMBER_ACTIONS,
  MEMBER_ROLES,
  MEMBER_STATUSES,
  type ConsortiumStatus,
  type DesignationStatus,
  type MemberAction,
  type MemberRole,
  type MemberStatus,
} from './schemas.js';

// ---------------------------------------------------------------------------------------------
// The lead policy

/** The cluster office's configurable rules for leading a consortium and for designation. */
export interface LeadPolicy {
  /** Kinds of organisation that may lead. */
  leadKinds: readonly OrganizationKind[];
  /** Size classes an enterprise lead needs; other kinds have no size class and need none. */
  leadSizeClasses: readonly SizeClass[];
  /** Active members, the lead included, that designation needs. */
  minActiveMembers: number;
  /** Whether designation needs an active member from the knowledge side. */
  requireKnowledgeMember: boolean;
}

/** The default: leading (链主) or large enterprises lead; three members with a knowledge side. */
export const DEFAULT_LEAD_POLICY: LeadPolicy = {
  leadKinds: ['enterprise'],
  leadSizeClasses: ['leading', 'large'],
  minActiveMembers: 3,
  requireKnowledgeMember: true,
};

/** Universities, vocational colleges and research institutes: the 学研 side of 产学研. */
export const KNOWLEDGE_KINDS: ReadonlySet<OrganizationKind> = new Set([
  'university',
  'vocational_college',
  'research_institute',
]);

export type LeadRefusal = 'unverified' | 'not_eligible';

/** Whether an organisation may lead a consortium under `policy`; null when it may. */
export function leadRefusal(
  policy: LeadPolicy,
  org: { kind: OrganizationKind; sizeClass: SizeClass | null; verified: boolean },
): LeadRefusal | null {
  if (!org.verified) return 'unverified';
  if (!policy.leadKinds.includes(org.kind)) return 'not_eligible';
  if (
    org.kind === 'enterprise' &&
    (org.sizeClass === null || !policy.leadSizeClasses.includes(org.sizeClass))
  )
    return 'not_eligible';
  return null;
}

/** What is wrong with a policy the cluster office sets; null when it is usable. */
export function policyProblem(policy: LeadPolicy): 'size_classes_required' | null {
  return policy.leadKinds.includes('enterprise') && policy.leadSizeClasses.length === 0
    ? 'size_classes_required'
    : null;
}

// ---------------------------------------------------------------------------------------------
// Memberships

export interface MemberState {
  status: MemberStatus;
  role: MemberRole;
}

export type MemberRefusal =
  /** Accepting, declining or withdrawing what is not a pending invitation. */
  | 'invitation_not_pending'
  /** Changing, removing or leaving a membership that is not active. */
  | 'member_not_active'
  /** The lead stays the lead: it never leaves, is removed or changes role. */
  | 'lead_fixed'
  /** The charter's exit rule does not let this member go now. */
  | 'exit_not_allowed';

export type MemberOutcome = { ok: true; state: MemberState } | { ok: false; refusal: MemberRefusal };

/** Memberships that count: the organisation is in the consortium or may still join. */
export function isCurrent(status: MemberStatus): boolean {
  return status === 'invited' || status === 'active';
}

/**
 * The charter's exit rule, as far as this module needs it. The charter step (issue 4) provides
 * one for a consortium with an effective charter; without a charter, members exit freely.
 */
export interface CharterExitRule {
  /** Whether the charter lets the organisation leave (or be removed) now. */
  permits(exit: { organizationId: string; role: MemberRole; kind: 'leave' | 'remove' }): boolean;
}

/** Whether a member may exit under the consortium's charter; null when it may. */
export function exitRefusal(
  rule: CharterExitRule | null,
  exit: { organizationId: string; role: MemberRole; kind: 'leave' | 'remove' },
): 'exit_not_allowed' | null {
  if (rule === null) return null;
  return rule.permits(exit) ? null : 'exit_not_allowed';
}

/** Applies `action` to a membership (who may act is decided in permissions.ts). */
export function applyMemberAction(
  state: MemberState,
  action: MemberAction,
  options: {
    organizationId?: string;
    exitRule?: CharterExitRule | null;
    role?: MemberRole;
  } = {},
): MemberOutcome {
  const refuse = (refusal: MemberRefusal): MemberOutcome => ({ ok: false, refusal });
  switch (action) {
    case 'accept':
    case 'decline':
    case 'withdraw': {
      if (state.status !== 'invited') return refuse('invitation_not_pending');
      const status = action === 'accept' ? 'active' : action === 'decline' ? 'declined' : 'withdrawn';
      return { ok: true, state: { ...state, status } };
    }
    case 'change':
      if (state.role === 'lead' || options.role === 'lead') return refuse('lead_fixed');
      if (state.status !== 'active') return refuse('member_not_active');
      return { ok: true, state: { ...state, role: options.role ?? state.role } };
    case 'remove':
    case 'leave': {
      if (state.role === 'lead') return refuse('lead_fixed');
      if (state.status !== 'active') return refuse('member_not_active');
      const refusal = exitRefusal(options.exitRule ?? null, {
        organizationId: options.organizationId ?? '',
        role: state.role,
        kind: action,
      });
      if (refusal) return refuse(refusal);
      return { ok: true, state: { ...state, status: action === 'leave' ? 'left' : 'removed' } };
    }
  }
}

/** Whether an organisation may be invited given its membership so far (none, or an ended one). */
export function canInvite(existing: MemberState | null): boolean {
  return existing === null || (!isCurrent(existing.status) && existing.role !== 'lead');
}

/** Whether the memberships keep exactly one lead, and that lead active. */
export function hasExactlyOneLead(members: readonly MemberState[]): boolean {
  const leads = members.filter((m) => m.role === 'lead');
  return leads.length === 1 && leads[0]?.status === 'active';
}

// ---------------------------------------------------------------------------------------------
// The consortium as a whole

export type ConsortiumChange = MemberAction | 'update' | 'invite';

/**
 * Whether the consortium takes a change now: a dissolved consortium takes none; one under review
 * takes none but an invited organisation declining (what is reviewed stays what was submitted).
 */
export function frozenRefusal(
  consortium: { status: ConsortiumStatus; designationStatus: DesignationStatus },
  change: ConsortiumChange,
): 'dissolved' | 'under_review' | null {
  if (consortium.status === 'dissolved') return 'dissolved';
  if (consortium.designationStatus === 'submitted' && change !== 'decline') return 'under_review';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Designation

export type DesignationAction = 'submit' | 'approve' | 'return';

/** The designation status after `action`, or null when the action does not apply now. */
export function applyDesignation(
  status: DesignationStatus,
  action: DesignationAction,
): DesignationStatus | null {
  switch (action) {
    case 'submit':
      return status === 'draft' || status === 'returned' ? 'submitted' : null;
    case 'approve':
      return status === 'submitted' ? 'approved' : null;
    case 'return':
      return status === 'submitted' ? 'returned' : null;
  }
}

/** The consortium's status once a designation decision is taken: approval makes it active. */
export function statusAfterDesignation(
  status: ConsortiumStatus,
  designation: DesignationStatus,
): ConsortiumStatus {
  return designation === 'approved' && status === 'forming' ? 'active' : status;
}

export type ReadinessRefusal = 'too_few_members' | 'knowledge_member_required';

/**
 * Whether the consortium may apply for designation: enough active members (the lead counted) and,
 * if the policy asks, at least one active university, vocational college or research institute —
 * a consortium of 产学研 rather than of enterprises alone.
 */
export function designationReadiness(
  policy: LeadPolicy,
  members: readonly { status: MemberStatus; kind: OrganizationKind }[],
): { refusal: ReadinessRefusal | null; activeMembers: number; knowledgeMembers: number } {
  const active = members.filter((m) => m.status === 'active');
  const knowledge = active.filter((m) => KNOWLEDGE_KINDS.has(m.kind)).length;
  const refusal =
    active.length < policy.minActiveMembers
      ? 'too_few_members'
      : policy.requireKnowledgeMember && knowledge === 0
        ? 'knowledge_member_required'
        : null;
  return { refusal, activeMembers: active.length, knowledgeMembers: knowledge };
}
