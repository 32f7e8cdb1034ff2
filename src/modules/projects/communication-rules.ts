/**
 * Who may write to a project's communication log, and for which party, as pure functions of the
 * actor's parties and the project's facts.
 *
 * - Members of a party write (threads, posts, minutes, documents), for a party they belong to,
 *   while the project is active. Everyone who sees the project (the parties' members, the cluster
 *   office, the auditor) reads the log.
 * - A thread is closed and reopened by a member of the party that started it or a lead admin.
 * - Minutes name only parties as attendees and assignees of action items.
 */

/** Why a write is refused, or null when it may go ahead. */
export type PartyChoice =
  | { ok: true; organizationId: string }
  | { ok: false; code: 'auth.forbidden' | 'communication.party_required' | 'communication.not_your_party' };

/**
 * The party a contribution counts for: the one named, which the actor must belong to, or the
 * actor's only party when none is named.
 */
export function chooseParty(myParties: readonly string[], named: string | undefined): PartyChoice {
  if (myParties.length === 0) return { ok: false, code: 'auth.forbidden' };
  if (named !== undefined) {
    return myParties.includes(named)
      ? { ok: true, organizationId: named }
      : { ok: false, code: 'communication.not_your_party' };
  }
  if (myParties.length === 1) return { ok: true, organizationId: myParties[0]! };
  return { ok: false, code: 'communication.party_required' };
}

/** Whether the actor may close or reopen a thread. */
export function mayChangeThreadStatus(
  myParties: readonly string[],
  isLeadAdmin: boolean,
  threadOrganizationId: string,
): boolean {
  return isLeadAdmin || myParties.includes(threadOrganizationId);
}

/** Organisations named in a request that are not parties of the project (sorted, unique). */
export function nonParties(named: readonly string[], parties: readonly string[]): string[] {
  const set = new Set(parties);
  return [...new Set(named.filter((id) => !set.has(id)))].sort();
}

/** Whether the same organisation is named twice (addressees are a set). */
export function hasDuplicates(ids: readonly string[]): boolean {
  return new Set(ids).size !== ids.length;
}
