/**
 * Who may do what with outcomes, income and accounts: pure functions of the actor and the facts.
 *
 * - Outcomes, income and transfers of a project are seen by its insiders: members of a party, the
 *   cluster office and the auditor (the project's own rule; everyone else gets 404).
 * - Any member of a party records an outcome for its organisation.
 * - Admins of a party record income (it is distributed to every member at once).
 * - A co-owner's admins offer its share, complete or withdraw the offer; the other co-owners'
 *   admins accept or waive.
 * - An organisation's account (its statements) is seen by its members, the cluster office and the
 *   auditor only — not by the other parties.
 */
import { hasPlatformRole, roleIn, type Actor } from '../../platform/auth/actor.js';

/** The cluster's leadership and its auditor look on every account. */
export function looksOnEverything(actor: Actor): boolean {
  return hasPlatformRole(actor, 'cluster_office') || hasPlatformRole(actor, 'auditor');
}

/** Parties the caller may record an outcome for: the ones it belongs to. */
export function recordableFor(actor: Actor, parties: readonly string[]): string[] {
  return parties.filter((org) => roleIn(actor, org) !== null);
}

export function mayRecordOutcome(actor: Actor, parties: readonly string[], organizationId: string): boolean {
  return parties.includes(organizationId) && roleIn(actor, organizationId) !== null;
}

export function mayRecordIncome(actor: Actor, parties: readonly string[]): boolean {
  return parties.some((org) => roleIn(actor, org) === 'admin');
}

/** Whether the caller acts for this organisation (its admin). */
export function actsFor(actor: Actor, organizationId: string): boolean {
  return roleIn(actor, organizationId) === 'admin';
}

export function mayViewAccount(actor: Actor, organizationId: string): boolean {
  return looksOnEverything(actor) || roleIn(actor, organizationId) !== null;
}
