/**
 * Who may search and see the restricted text of a record. Pure functions of what the caller is
 * (memberships, whether one of their organisations is verified) and the record's tier.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { VisibilityTier } from './documents.js';

/** What a search caller is, as far as visibility tiers care. */
export interface SearchViewer {
  /** Organisations the caller belongs to. */
  organizationIds: readonly string[];
  /** Whether at least one of them is verified (the `registered` tier admits such callers). */
  isVerifiedMember: boolean;
}

export const ANONYMOUS_VIEWER: SearchViewer = { organizationIds: [], isVerifiedMember: false };

/** The organisations an actor belongs to. */
export function membershipsOf(actor: Actor): string[] {
  return actor.kind === 'user' ? [...actor.memberships.keys()] : [];
}

/**
 * Whether the viewer may search and see a record's restricted text: everyone for `public`;
 * members of verified organisations for `registered`; for `parties`, members of the owner and
 * of organisations the owner granted access (an accepted NDA). The owner's members always may.
 */
export function isAdmitted(
  viewer: SearchViewer,
  record: { visibility: VisibilityTier; ownerOrganizationId: string | null },
  hasGrant: boolean,
): boolean {
  if (record.visibility === 'public') return true;
  if (record.ownerOrganizationId !== null && viewer.organizationIds.includes(record.ownerOrganizationId))
    return true;
  if (record.visibility === 'registered') return viewer.isVerifiedMember;
  return hasGrant;
}

/** Whether a viewer could be admitted to any non-public record at all (saves a query if not). */
export function mayBeAdmittedBeyondPublic(viewer: SearchViewer): boolean {
  return viewer.organizationIds.length > 0;
}
