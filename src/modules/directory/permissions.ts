/**
 * Who may see and do what in the directory: the one place these decisions are made. Pure
 * functions of the caller (a `Viewer`: the actor plus which of its organisations are verified)
 * and the record's facts; services load the facts and call them.
 *
 * The tiers hide a record's description, keywords (beyond its public keywords), budget and
 * registration number. Title, owner, cluster, tier, status and the facets lists filter on
 * (cooperation or transfer modes, kind, TRL, deadline) are shown to everyone, so that no filter
 * can be used to probe what a tier hides.
 */
import { roleIn, type Actor } from '../../platform/auth/actor.js';
import type { OrganizationKind } from '../organizations/schemas.js';
import { mayOwn, type RecordType } from './rules.js';
import type { NdaStanding, NdaStatus, RecordPermissions, VisibilityTier } from './schemas.js';

/** The caller as the directory sees it. */
export interface Viewer {
  actor: Actor;
  /** The caller's organisations that are verified (only those count for tiers and NDA requests). */
  verifiedOrganizationIds: ReadonlySet<string>;
}

export interface TieredRecordFacts {
  ownerOrganizationId: string;
  visibility: VisibilityTier;
}

/** Whether the caller belongs to the organisation that owns the record (any role). */
export function isOwnerMember(actor: Actor, ownerOrganizationId: string): boolean {
  return roleIn(actor, ownerOrganizationId) !== null;
}

/**
 * Whether the caller may see the details of a tiered record: its owner's members always;
 * `public` everyone; `registered` members of a verified organisation; `parties` members of a
 * verified organisation the owner admitted (`partyOrganizationIds`, from accepted NDA requests).
 * Platform roles (cluster office, auditor) grant nothing here: confidentiality is the owner's.
 */
export function canViewDetails(
  viewer: Viewer,
  record: TieredRecordFacts,
  partyOrganizationIds: ReadonlySet<string>,
): boolean {
  if (isOwnerMember(viewer.actor, record.ownerOrganizationId)) return true;
  switch (record.visibility) {
    case 'public':
      return true;
    case 'registered':
      return viewer.verifiedOrganizationIds.size > 0;
    case 'parties':
      return [...viewer.verifiedOrganizationIds].some((id) => partyOrganizationIds.has(id));
  }
}

export type PostRefusal = 'not_member' | 'unverified' | 'kind_not_allowed';

/**
 * Whether the caller may post (or edit) a record of `type` for an organisation: any member of it
 * (admin or not), only while it is verified (unverified organisations are restricted), and only
 * for kinds of organisation that own such records (see `POSTER_KINDS`).
 */
export function postRefusal(
  actor: Actor,
  owner: { id: string; kind: OrganizationKind; verificationStatus: string },
  type: RecordType,
): PostRefusal | null {
  if (!isOwnerMember(actor, owner.id)) return 'not_member';
  if (owner.verificationStatus !== 'verified') return 'unverified';
  if (!mayOwn(owner.kind, type)) return 'kind_not_allowed';
  return null;
}

/** The verified organisations the caller could ask for access on behalf of, for one record. */
export function ndaCandidateOrganizations(viewer: Viewer, ownerOrganizationId: string): string[] {
  return [...viewer.verifiedOrganizationIds].filter((id) => id !== ownerOrganizationId).sort();
}

/**
 * The caller's standing on a record over all its verified organisations: a party if any is, else
 * waiting if any request is pending, else declined if one was, else none.
 */
export function ndaStanding(
  viewer: Viewer,
  requests: readonly { requesterOrganizationId: string; status: NdaStatus }[],
): NdaStanding {
  const mine = requests.filter((r) => viewer.verifiedOrganizationIds.has(r.requesterOrganizationId));
  if (mine.some((r) => r.status === 'accepted')) return 'accepted';
  if (mine.some((r) => r.status === 'pending')) return 'pending';
  if (mine.some((r) => r.status === 'declined')) return 'declined';
  return 'none';
}

/**
 * Whether the caller may ask for access to a record now: it is `parties`-tier and still open, and
 * one of the caller's verified organisations (not the owner) is neither a party nor waiting.
 */
export function canRequestNda(
  viewer: Viewer,
  record: TieredRecordFacts & { isClosed: boolean },
  requests: readonly { requesterOrganizationId: string; status: NdaStatus }[],
): boolean {
  if (record.visibility !== 'parties' || record.isClosed) return false;
  if (isOwnerMember(viewer.actor, record.ownerOrganizationId)) return false;
  const busy = new Set(requests.filter((r) => r.status !== 'declined').map((r) => r.requesterOrganizationId));
  return ndaCandidateOrganizations(viewer, record.ownerOrganizationId).some((id) => !busy.has(id));
}

/** What the caller may do with a record: its owner's members edit it and move its status. */
export function recordPermissions(
  viewer: Viewer,
  record: TieredRecordFacts & { isClosed: boolean },
  nextStatuses: readonly string[],
  requests: readonly { requesterOrganizationId: string; status: NdaStatus }[],
): RecordPermissions {
  const member = isOwnerMember(viewer.actor, record.ownerOrganizationId);
  const ownerMayAct = member && !record.isClosed;
  return {
    update: ownerMayAct,
    changeStatus: ownerMayAct && nextStatuses.length > 0,
    close: ownerMayAct && nextStatuses.includes('closed'),
    nextStatuses: ownerMayAct ? [...nextStatuses] : [],
    requestNda: canRequestNda(viewer, record, requests),
  };
}

/** Expert profiles have no tier; their organisation's members edit and close them. */
export function expertPermissions(
  actor: Actor,
  expert: { organizationId: string; isClosed: boolean },
  nextStatuses: readonly string[],
): RecordPermissions {
  const mayAct = isOwnerMember(actor, expert.organizationId) && !expert.isClosed;
  return {
    update: mayAct,
    changeStatus: mayAct && nextStatuses.length > 0,
    close: mayAct && nextStatuses.includes('closed'),
    nextStatuses: mayAct ? [...nextStatuses] : [],
    requestNda: false,
  };
}

export interface NdaRequestFacts {
  ownerOrganizationId: string;
  requesterOrganizationId: string;
  status: NdaStatus;
}

/** An NDA request is seen by the owner's admins and by the requesting organisation's members. */
export function canSeeNdaRequest(actor: Actor, request: NdaRequestFacts): boolean {
  return (
    roleIn(actor, request.ownerOrganizationId) === 'admin' ||
    roleIn(actor, request.requesterOrganizationId) !== null
  );
}

/** Only the owner's admins accept or decline, and only while the request is pending. */
export function ndaRequestPermissions(
  actor: Actor,
  request: NdaRequestFacts,
): { accept: boolean; decline: boolean } {
  const decides = roleIn(actor, request.ownerOrganizationId) === 'admin' && request.status === 'pending';
  return { accept: decides, decline: decides };
}

/** Organisations whose incoming requests the caller handles: those where the caller is an admin. */
export function adminOrganizationIds(actor: Actor): string[] {
  if (actor.kind !== 'user') return [];
  return [...actor.memberships].filter(([, role]) => role === 'admin').map(([id]) => id);
}

/** Organisations whose outgoing requests the caller sees: every one the caller belongs to. */
export function memberOrganizationIds(actor: Actor): string[] {
  return actor.kind === 'user' ? [...actor.memberships.keys()] : [];
}
