/**
 * Who may do what with an organisation: the one place these decisions are made. Pure functions
 * of the actor and the organisation; services call them and the API returns the result so the
 * UI can show or hide actions.
 */
import { hasPlatformRole, roleIn, type Actor } from '../../platform/auth/actor.js';
import type { OrganizationPermissions, VerificationStatus } from './schemas.js';

export interface OrganizationAccessFacts {
  id: string;
  verificationStatus: VerificationStatus;
}

/** Verified organisations are public; unverified ones only to their members and the cluster office. */
export function canViewOrganization(actor: Actor, org: OrganizationAccessFacts): boolean {
  return (
    org.verificationStatus === 'verified' ||
    roleIn(actor, org.id) !== null ||
    hasPlatformRole(actor, 'cluster_office') ||
    hasPlatformRole(actor, 'auditor')
  );
}

/** Whether the caller may list organisations still awaiting verification. */
export function canListUnverified(actor: Actor): boolean {
  return hasPlatformRole(actor, 'cluster_office');
}

export function organizationPermissions(actor: Actor, org: OrganizationAccessFacts): OrganizationPermissions {
  const role = roleIn(actor, org.id);
  const office = hasPlatformRole(actor, 'cluster_office');
  return {
    update: role === 'admin' || office,
    verify: office && org.verificationStatus === 'unverified',
    viewMembers: role !== null || office,
    manageMembers: role === 'admin' || office,
  };
}
