/**
 * The structural signals of every organisation, loaded once for a match index: cluster
 * memberships with chain positions, the collaboration graph of past joint projects, and how many
 * projects each organisation did.
 */
import type { Queryable } from '../../platform/db/database.js';
import type { ChainPosition } from '../organizations/schemas.js';
import type { CollaborationGraph } from './ranking.js';
import * as repo from './repo.js';

export interface OrganizationSignals {
  clusters: ReadonlyMap<string, readonly { cluster: string; chainPosition: ChainPosition }[]>;
  graph: CollaborationGraph;
  projects: ReadonlyMap<string, number>;
}

export async function loadOrganizationSignals(db: Queryable): Promise<OrganizationSignals> {
  const clusters = new Map<string, { cluster: string; chainPosition: ChainPosition }[]>();
  for (const c of await repo.listOrganizationClusters(db)) {
    const list = clusters.get(c.organization_id) ?? [];
    list.push({ cluster: c.slug, chainPosition: c.chain_position as ChainPosition });
    clusters.set(c.organization_id, list);
  }
  const members = new Map<string, string[]>();
  const projects = new Map<string, number>();
  for (const p of await repo.listParticipations(db)) {
    const list = members.get(p.project_id) ?? [];
    list.push(p.organization_id);
    members.set(p.project_id, list);
    projects.set(p.organization_id, (projects.get(p.organization_id) ?? 0) + 1);
  }
  const graph = new Map<string, Map<string, number>>();
  for (const list of members.values())
    for (const a of list) {
      let ties = graph.get(a);
      if (!ties) graph.set(a, (ties = new Map<string, number>()));
      for (const b of list) if (a !== b) ties.set(b, (ties.get(b) ?? 0) + 1);
    }
  return { clusters, graph, projects };
}

/** Changes whenever the signals do (cluster memberships change organisations' search documents). */
export function signalsFingerprint(db: Queryable): Promise<string> {
  return repo.collaborationFingerprint(db);
}

/**
 * The organisation graph extended to candidates that stand for an organisation (its experts,
 * records): each such candidate has its owner's ties, and the owner's partners have a tie to it,
 * so "past collaboration" with the seeker counts for the owner's records too.
 */
export function graphForOwnedCandidates(
  graph: CollaborationGraph,
  ownerOf: ReadonlyMap<string, string>,
): CollaborationGraph {
  const lifted = new Map<string, Map<string, number>>();
  for (const [a, ties] of graph) lifted.set(a, new Map(ties));
  for (const [candidate, owner] of ownerOf) {
    const ties = graph.get(owner);
    if (!ties) continue;
    lifted.set(candidate, new Map(ties));
    for (const [partner, count] of ties) lifted.get(partner)?.set(candidate, count);
  }
  return lifted;
}
