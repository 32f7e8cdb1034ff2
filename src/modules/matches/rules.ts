/**
 * The match pipeline's decisions, pure: which action each side may take in each state, what the
 * state becomes, and what a decline means for later rankings. No I/O here.
 *
 *   suggested ──contact──▶ contacted ──accept (the other side)──▶ in_talks ──agree (both)──▶ agreed ──convert──▶ converted
 *        └───────────────────────┴──────────────decline (either side, with a reason)──────────────┘──▶ declined
 */

import {
  MATCH_ACTIONS,
  type CounterpartType,
  type DeclineReason,
  type InitialStatus,
  type MatchAction,
  type MatchSide,
  type MatchStatus,
} from './schemas.js';

export {
  COUNTERPART_TYPES,
  DECLINE_REASONS,
  INITIAL_STATUSES,
  MATCH_ACTIONS,
  MATCH_SIDES,
  MATCH_STATUSES,
  type CounterpartType,
  type DeclineReason,
  type InitialStatus,
  type MatchAction,
  type MatchSide,
  type MatchStatus,
} from './schemas.js';

/** The pipeline facts a decision needs. */
export interface MatchState {
  status: MatchStatus;
  contactedBy: MatchSide | null;
  seekerAgreed: boolean;
  providerAgreed: boolean;
}

export type ActionRefusal =
  /** The action does not apply in this state (e.g. converting a pair still in talks). */
  | 'invalid_transition'
  /** Accepting your own contact: the other side accepts. */
  | 'own_contact'
  /** Agreeing twice. */
  | 'already_agreed'
  /** Declining needs a reason code. */
  | 'reason_required';

export type ActionOutcome = { ok: true; state: MatchState } | { ok: false; refusal: ActionRefusal };

const OPEN_STATUSES: ReadonlySet<MatchStatus> = new Set(['suggested', 'contacted', 'in_talks', 'agreed']);

/** Whether the pair is still moving (neither converted nor declined). */
export function isOpen(status: MatchStatus): boolean {
  return OPEN_STATUSES.has(status);
}

export function otherSide(side: MatchSide): MatchSide {
  return side === 'seeker' ? 'provider' : 'seeker';
}

/** Applies `action` by `side` to a pair in `state`. */
export function applyAction(
  state: MatchState,
  side: MatchSide,
  action: MatchAction,
  options: { reason?: DeclineReason | null } = {},
): ActionOutcome {
  const refuse = (refusal: ActionRefusal): ActionOutcome => ({ ok: false, refusal });
  switch (action) {
    case 'contact':
      if (state.status !== 'suggested') return refuse('invalid_transition');
      return { ok: true, state: { ...state, status: 'contacted', contactedBy: side } };
    case 'accept':
      if (state.status !== 'contacted') return refuse('invalid_transition');
      if (state.contactedBy === side) return refuse('own_contact');
      return { ok: true, state: { ...state, status: 'in_talks' } };
    case 'agree': {
      if (state.status !== 'in_talks') return refuse('invalid_transition');
      const agreed = side === 'seeker' ? state.seekerAgreed : state.providerAgreed;
      if (agreed) return refuse('already_agreed');
      const next = {
        ...state,
        seekerAgreed: state.seekerAgreed || side === 'seeker',
        providerAgreed: state.providerAgreed || side === 'provider',
      };
      return {
        ok: true,
        state: { ...next, status: next.seekerAgreed && next.providerAgreed ? 'agreed' : 'in_talks' },
      };
    }
    case 'convert':
      if (state.status !== 'agreed') return refuse('invalid_transition');
      return { ok: true, state: { ...state, status: 'converted' } };
    case 'decline':
      if (!isOpen(state.status)) return refuse('invalid_transition');
      if (!options.reason) return refuse('reason_required');
      return { ok: true, state: { ...state, status: 'declined' } };
  }
}

/** The actions `side` may take now, in the order the UI offers them. */
export function availableActions(state: MatchState, side: MatchSide): MatchAction[] {
  return MATCH_ACTIONS.filter((action) => applyAction(state, side, action, { reason: 'other' }).ok);
}

/** The state of a pair put into the pipeline directly in `status` by `side`. */
export function initialState(status: InitialStatus, side: MatchSide): MatchState {
  return {
    status,
    contactedBy: status === 'contacted' ? side : null,
    seekerAgreed: false,
    providerAgreed: false,
  };
}

/**
 * What a need's status becomes when one of its pairs moves: talks make an open need `in_talks`,
 * an agreement makes it `matched`. A closed need, or one already further along, is left alone;
 * a decline never moves a need back (other pairs may still be talking).
 */
export function needStatusAfter(
  needStatus: 'open' | 'in_talks' | 'matched' | 'closed',
  matchStatus: MatchStatus,
): 'open' | 'in_talks' | 'matched' | 'closed' {
  if (needStatus === 'closed' || needStatus === 'matched') return needStatus;
  if (matchStatus === 'agreed' || matchStatus === 'converted') return 'matched';
  if (matchStatus === 'in_talks' && needStatus === 'open') return 'in_talks';
  return needStatus;
}

/**
 * The organisation that answers for a counterpart: an organisation for itself, an expert's
 * employer, a record's owner.
 */
export function providerOrganizationOf(counterpart: {
  type: CounterpartType;
  id: string;
  ownerOrganizationId: string | null;
}): string {
  return counterpart.type === 'organization' ? counterpart.id : (counterpart.ownerOrganizationId ?? '');
}

/**
 * Feedback for ranking: the organisations a seeker declined or was declined by. Their
 * organisation and records are demoted (not hidden) in the seeker's later suggestions — a pair
 * that did not work once rarely works on the next need.
 */
export function declinedOrganizations(
  organizationId: string,
  pairs: readonly { seekerOrganizationId: string; providerOrganizationId: string; status: MatchStatus }[],
): Set<string> {
  const declined = new Set<string>();
  for (const pair of pairs) {
    if (pair.status !== 'declined') continue;
    if (pair.seekerOrganizationId === organizationId) declined.add(pair.providerOrganizationId);
    if (pair.providerOrganizationId === organizationId) declined.add(pair.seekerOrganizationId);
  }
  return declined;
}

/**
 * Whether a pair waits for `side`: a contact to accept, an agreement to give, a deal to record.
 * A shortlist waits for nobody (either side may reach out, or not).
 */
export function awaits(state: MatchState, side: MatchSide): boolean {
  if (!isOpen(state.status)) return false;
  if (state.status === 'contacted') return state.contactedBy === otherSide(side);
  if (state.status === 'in_talks') return side === 'seeker' ? !state.seekerAgreed : !state.providerAgreed;
  return state.status === 'agreed';
}
