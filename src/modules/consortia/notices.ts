/**
 * Who hears about a consortium's events, and what the notification says: each function is called
 * inside the transaction of the change it announces (service.ts, charter-service.ts) and hands the
 * recipients and parameters to `notify`. Names are passed in both languages (`consortium_zh`,
 * `consortium_en`, …) so each recipient reads them in their own.
 */
import type { Tx } from '../../platform/db/database.js';
import { notify } from '../notifications/notify.js';
import { findOrganizationSummaries } from '../organizations/service.js';
import * as repo from './repo.js';

type Params = Record<string, string | number>;

async function consortiumParams(tx: Tx, consortiumId: string): Promise<{ params: Params; leadId: string }> {
  const row = await repo.findConsortium(tx, consortiumId);
  if (!row) return { params: {}, leadId: '' };
  const lead = (await findOrganizationSummaries(tx, [row.lead_organization_id])).get(
    row.lead_organization_id,
  );
  return {
    leadId: row.lead_organization_id,
    params: {
      consortium_zh: row.name_zh,
      consortium_en: row.name_en,
      lead_zh: lead?.nameZh ?? '',
      lead_en: lead?.nameEn ?? '',
    },
  };
}

async function organizationParams(tx: Tx, organizationId: string): Promise<Params> {
  const org = (await findOrganizationSummaries(tx, [organizationId])).get(organizationId);
  return { organization_zh: org?.nameZh ?? '', organization_en: org?.nameEn ?? '' };
}

/** Invited: the invited organisation's admins. */
export async function noticeInvitation(
  tx: Tx,
  consortiumId: string,
  organizationId: string,
  invitedAt: string,
): Promise<void> {
  const { params } = await consortiumParams(tx, consortiumId);
  await notify(tx, {
    kind: 'consortium.invitation_received',
    recipients: { organizationAdminsOf: [organizationId] },
    params: { ...params, ...(await organizationParams(tx, organizationId)) },
    link: '/consortia/invitations',
    dedupeKey: `consortium.invitation:${consortiumId}:${organizationId}:${invitedAt}`,
  });
}

/** Accepted or declined: the lead's admins. */
export async function noticeInvitationAnswer(
  tx: Tx,
  consortiumId: string,
  organizationId: string,
  accepted: boolean,
): Promise<void> {
  const { params, leadId } = await consortiumParams(tx, consortiumId);
  await notify(tx, {
    kind: accepted ? 'consortium.invitation_accepted' : 'consortium.invitation_declined',
    recipients: { organizationAdminsOf: [leadId] },
    params: { ...params, ...(await organizationParams(tx, organizationId)) },
    link: `/consortia/${consortiumId}`,
  });
}

/** Applied for designation: the cluster office. */
export async function noticeDesignationSubmitted(tx: Tx, consortiumId: string, round: number): Promise<void> {
  const { params } = await consortiumParams(tx, consortiumId);
  await notify(tx, {
    kind: 'consortium.designation_submitted',
    recipients: { platformRoles: ['cluster_office'] },
    params: { ...params, round },
    link: `/consortia/${consortiumId}`,
    dedupeKey: `consortium.designation_submitted:${consortiumId}:${round}`,
  });
}

/** Designated or returned: the lead's admins. */
export async function noticeDesignationDecided(
  tx: Tx,
  consortiumId: string,
  round: number,
  approved: boolean,
  comments: string | null,
): Promise<void> {
  const { params, leadId } = await consortiumParams(tx, consortiumId);
  await notify(tx, {
    kind: approved ? 'consortium.designation_approved' : 'consortium.designation_returned',
    recipients: { organizationAdminsOf: [leadId] },
    params: { ...params, round, comments: comments ?? '' },
    link: `/consortia/${consortiumId}`,
    dedupeKey: `consortium.designation_decided:${consortiumId}:${round}`,
  });
}

async function activeMemberIds(tx: Tx, consortiumId: string): Promise<string[]> {
  return (await repo.findMembers(tx, [consortiumId]))
    .filter((m) => m.status === 'active')
    .map((m) => m.organization_id);
}

/** A charter version opened for signature: the admins of the active members (who sign). */
export async function noticeCharterOpened(
  tx: Tx,
  consortiumId: string,
  versionId: string,
  number: number,
): Promise<void> {
  const { params } = await consortiumParams(tx, consortiumId);
  await notify(tx, {
    kind: 'charter.opened_for_signature',
    recipients: { organizationAdminsOf: await activeMemberIds(tx, consortiumId) },
    params: { ...params, number },
    link: `/consortia/${consortiumId}`,
    dedupeKey: `charter.opened:${versionId}`,
  });
}

/** A charter version took effect: every member (all users of the active member organisations). */
export async function noticeCharterEffective(
  tx: Tx,
  consortiumId: string,
  versionId: string,
  number: number,
): Promise<void> {
  const { params } = await consortiumParams(tx, consortiumId);
  await notify(tx, {
    kind: 'charter.effective',
    recipients: { organizationMembersOf: await activeMemberIds(tx, consortiumId) },
    params: { ...params, number },
    link: `/consortia/${consortiumId}`,
    dedupeKey: `charter.effective:${versionId}`,
  });
}
