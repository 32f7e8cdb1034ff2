/**
 * Who may do what with a consortium: pure functions of the actor and the consortium's facts.
 *
 * - The lead organisation's admins manage it: edit, invite, withdraw, change roles, remove,
 *   apply for designation. Any member of an eligible lead organisation may found one.
 * - An invited organisation's admins accept or decline; an active member's admins leave.
 * - Insiders — members of an organisation that is invited to or active in the consortium, the
 *   cluster office and the auditor — see all of it: every membership, the application history.
 * - Everyone, signed in or not, sees a designated consortium with its active members: the
 *   designation is a public act of the cluster office. Nobody else learns a forming one exists.
 * - The cluster office decides designation and sets the lead policy.
 */
import { hasPlatformRole, roleIn, type Actor } from '../../platform/auth/actor.js';
import { applyMemberAction, frozenRefusal, isCurrent, type MemberState } from './rules.js';
import type {
  ConsortiumPermissions,
  ConsortiumStatus,
  DesignationStatus,
  MemberAction,
  MemberStatus,
} from './schemas.js';

export interface ConsortiumAccessFacts {
  leadOrganizationId: string;
  status: ConsortiumStatus;
  designationStatus: DesignationStatus;
  members: readonly { organizationId: string; status: MemberStatus }[];
}

/** The cluster's leadership and its auditor look on every consortium. */
export function looksOnEverything(actor: Actor): boolean {
  return hasPlatformRole(actor, 'cluster_office') || hasPlatformRole(actor, 'auditor');
}

/** Whether the caller sees the whole consortium (every membership, the applications). */
export function isInsider(actor: Actor, facts: ConsortiumAccessFacts): boolean {
  return (
    looksOnEverything(actor) ||
    facts.members.some((m) => isCurrent(m.status) && roleIn(actor, m.organizationId) !== null)
  );
}

export function canViewConsortium(actor: Actor, facts: ConsortiumAccessFacts): boolean {
  return facts.designationStatus === 'approved' || isInsider(actor, facts);
}

/** An admin of the lead organisation. */
export function isLeadAdmin(actor: Actor, facts: Pick<ConsortiumAccessFacts, 'leadOrganizationId'>): boolean {
  return roleIn(actor, facts.leadOrganizationId) === 'admin';
}

export function canDecideDesignation(actor: Actor): boolean {
  return hasPlatformRole(actor, 'cluster_office');
}

export function canConfigurePolicy(actor: Actor): boolean {
  return hasPlatformRole(actor, 'cluster_office');
}

/** Who acts for each membership action: the lead's admins or the member organisation's admins. */
const ACTED_BY_LEAD: ReadonlySet<MemberAction> = new Set(['withdraw', 'change', 'remove']);

/** Whether the caller is the one to take `action` on this membership (not whether it applies now). */
export function mayActOnMember(
  actor: Actor,
  facts: Pick<ConsortiumAccessFacts, 'leadOrganizationId'>,
  organizationId: string,
  action: MemberAction,
): boolean {
  return ACTED_BY_LEAD.has(action) ? isLeadAdmin(actor, facts) : roleIn(actor, organizationId) === 'admin';
}

/** The membership actions the caller may take now (the charter's exit rule is checked on acting). */
export function memberActions(
  actor: Actor,
  facts: ConsortiumAccessFacts,
  member: MemberState & { organizationId: string },
): MemberAction[] {
  return (['accept', 'decline', 'withdraw', 'change', 'remove', 'leave'] as const).filter(
    (action) =>
      mayActOnMember(actor, facts, member.organizationId, action) &&
      frozenRefusal(facts, action) === null &&
      applyMemberAction(member, action).ok,
  );
}

export function consortiumPermissions(actor: Actor, facts: ConsortiumAccessFacts): ConsortiumPermissions {
  const lead = isLeadAdmin(actor, facts);
  return {
    update: lead && frozenRefusal(facts, 'update') === null,
    invite: lead && frozenRefusal(facts, 'invite') === null,
    submitDesignation:
      lead &&
      facts.status !== 'dissolved' &&
      (facts.designationStatus === 'draft' || facts.designationStatus === 'returned'),
    decideDesignation: canDecideDesignation(actor) && facts.designationStatus === 'submitted',
  };
}
