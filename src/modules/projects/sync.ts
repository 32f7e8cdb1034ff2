/**
 * A consortium project's parties follow the consortium's active members: the consortium module
 * calls `syncConsortiumProjectParties` in the transaction of every membership change (accept,
 * leave, remove, role change), so an organisation that joins takes part in the consortium's
 * projects and one that leaves stops taking part (its tasks and milestones stay, for reassignment).
 * Terminated and closed projects keep the parties they ended with.
 */
import { recordAudit } from '../../platform/audit/audit.js';
import type { Tx } from '../../platform/db/database.js';
import { nowIso } from '../../platform/ids.js';
import * as consortiaRepo from '../consortia/repo.js';
import * as repo from './repo.js';
import { partyChanges } from './rules.js';

export async function syncConsortiumProjectParties(
  tx: Tx,
  actorUserId: string | null,
  consortiumId: string,
): Promise<void> {
  const projects = (await repo.findProjectsOfConsortium(tx, consortiumId)).filter(
    (p) => p.status === 'active' || p.status === 'suspended',
  );
  if (projects.length === 0) return;
  const active = (await consortiaRepo.findMembers(tx, [consortiumId])).filter((m) => m.status === 'active');
  const roleOf = new Map(active.map((m) => [m.organization_id, m.role]));
  const parties = await repo.findParties(
    tx,
    projects.map((p) => p.id),
  );
  const now = nowIso();
  for (const project of projects) {
    const mine = parties.filter((p) => p.project_id === project.id);
    const change = partyChanges({
      parties: mine.map((p) => p.organization_id),
      activeMembers: [...roleOf.keys()],
      lead: project.lead_organization_id,
    });
    const roleChanged = mine.filter(
      (p) => roleOf.has(p.organization_id) && roleOf.get(p.organization_id) !== p.role,
    );
    if (change.add.length === 0 && change.remove.length === 0 && roleChanged.length === 0) continue;
    await repo.insertParties(
      tx,
      change.add.map((organizationId) => ({
        project_id: project.id,
        organization_id: organizationId,
        role: roleOf.get(organizationId) ?? 'member',
        joined_at: now,
      })),
    );
    for (const organizationId of change.remove) await repo.deleteParty(tx, project.id, organizationId);
    for (const party of roleChanged)
      await repo.updatePartyRole(
        tx,
        project.id,
        party.organization_id,
        roleOf.get(party.organization_id) ?? party.role,
      );
    await recordAudit(tx, {
      actorUserId,
      action: 'project.parties_sync',
      entityType: 'project',
      entityId: project.id,
      details: {
        consortiumId,
        added: change.add,
        removed: change.remove,
        roleChanged: roleChanged.map((p) => p.organization_id),
      },
    });
  }
}
