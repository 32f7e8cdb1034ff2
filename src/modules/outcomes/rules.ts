/**
 * Pure decisions about a project's outcomes and income: which foreground IP rule of the charter an
 * outcome follows, the ownership shares it starts with, checking a share table, exact fen in text,
 * the co-owners' right of first refusal on a transfer (the charter module's `firstRefusal`) and how
 * shares move when a transfer completes (pro rata among accepting co-owners by largest remainder).
 * No I/O.
 *
 * Money is integer fen carried as strings of decimal digits and computed with BigInt, so amounts
 * beyond 2^53 fen stay exact; shares are integer basis points (10,000 = 100%).
 */
import {
  BASIS_POINTS_WHOLE,
  type BenefitRule,
  type CharterContent,
  type ExitIncomeTreatment,
  type OutcomeType,
} from '../consortia/charter.js';
import {
  apportion,
  firstRefusal,
  type RecordedContribution,
  type TransferKind,
} from '../consortia/distribution.js';
import type { OutcomeKind } from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Outcomes and ownership

/**
 * The charter's foreground IP rule each kind of outcome follows: patents (applications and grants)
 * the patent rule, software copyrights the software rule, standards the standard rule, know-how and
 * new products (which embody know-how) the know-how rule; a paper has no ownership shares.
 */
export const IP_TYPE_OF: Readonly<Record<OutcomeKind, OutcomeType | null>> = {
  patent_application: 'patent',
  patent_grant: 'patent',
  software_copyright: 'software',
  standard: 'standard',
  know_how: 'know_how',
  new_product: 'know_how',
  paper: null,
};

/** A holder's share of an outcome: an organisation id, or `ext:<name>` for a third party. */
export interface Holding {
  holderKey: string;
  basisPoints: number;
}

/** The key of a third party that is not on the platform. */
export function externalHolderKey(name: string): string {
  return `ext:${name.trim().normalize('NFC')}`;
}

/** The ownership shares the charter gives outcomes of `ipType`: members with a positive share, by id. */
export function sharesFromCharter(content: CharterContent, ipType: OutcomeType): Holding[] {
  const held = new Map<string, number>();
  for (const share of content.foregroundIp[ipType].shares)
    held.set(share.memberId, (held.get(share.memberId) ?? 0) + share.basisPoints);
  return [...held]
    .filter(([, basisPoints]) => basisPoints > 0)
    .map(([holderKey, basisPoints]) => ({ holderKey, basisPoints }))
    .sort((a, b) => compareIds(a.holderKey, b.holderKey));
}

export type ShareIssue =
  | { code: 'shares_not_10000'; total: number }
  | { code: 'duplicate_holder'; holderKey: string }
  | { code: 'unknown_holder'; holderKey: string }
  | { code: 'zero_share'; holderKey: string };

/**
 * What is wrong with a share table, or null: every share positive, each holder once, only
 * `allowed` holders (when given), together exactly 10,000 basis points.
 */
export function checkShares(shares: readonly Holding[], allowed?: ReadonlySet<string>): ShareIssue | null {
  const seen = new Set<string>();
  let total = 0;
  for (const share of shares) {
    if (seen.has(share.holderKey)) return { code: 'duplicate_holder', holderKey: share.holderKey };
    seen.add(share.holderKey);
    if (allowed && !allowed.has(share.holderKey))
      return { code: 'unknown_holder', holderKey: share.holderKey };
    if (share.basisPoints <= 0) return { code: 'zero_share', holderKey: share.holderKey };
    total += share.basisPoints;
  }
  return total === BASIS_POINTS_WHOLE ? null : { code: 'shares_not_10000', total };
}

// ---------------------------------------------------------------------------------------------
// Money

const FEN_PATTERN = /^(0|[1-9][0-9]*)$/;

/** A fen string (decimal digits, no leading zero) as bigint; throws on anything else. */
export function parseFen(value: string): bigint {
  if (!FEN_PATTERN.test(value)) throw new RangeError(`Not a whole number of fen: ${value}`);
  return BigInt(value);
}

/** The sum of fen strings, exactly. */
export function sumFen(values: readonly string[]): bigint {
  let total = 0n;
  for (const value of values) total += parseFen(value);
  return total;
}

/** Running balances of account entries, oldest first: each entry's balance after it is posted. */
export function runningBalances(amounts: readonly string[]): string[] {
  let balance = 0n;
  return amounts.map((amount) => {
    balance += parseFen(amount);
    return balance.toString();
  });
}

/** The recorded contributions the benefit rule weighs: the charter's agreed contributions. */
export function contributionsOf(content: CharterContent): RecordedContribution[] {
  return content.contributions.map((c) => ({
    memberId: c.memberId,
    kind: c.kind,
    valuationFen: c.valuationFen,
  }));
}

/** What each member's share is computed from: its basis points (fixed rule) or contributed fen. */
export function weightsOf(
  rule: BenefitRule,
  contributions: readonly RecordedContribution[],
): Map<string, bigint> {
  const weights = new Map<string, bigint>();
  if (rule.method === 'fixed') {
    for (const share of rule.shares)
      weights.set(share.memberId, (weights.get(share.memberId) ?? 0n) + BigInt(share.basisPoints));
  } else {
    for (const c of contributions)
      weights.set(c.memberId, (weights.get(c.memberId) ?? 0n) + BigInt(c.valuationFen));
  }
  return weights;
}

/** The Suzhou (UTC+8) calendar day of an instant, YYYY-MM-DD. */
function suzhouDay(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The members that take no part in an income received on `receivedOn` (YYYY-MM-DD): under the
 * charter's exit rule `until_exit_only`, those that left (or were removed) on or before that day;
 * under `keeps_entitlement`, none. Sorted.
 */
export function excludedFromIncome(
  futureIncome: ExitIncomeTreatment,
  departures: readonly { organizationId: string; endedAt: string }[],
  receivedOn: string,
): string[] {
  if (futureIncome === 'keeps_entitlement') return [];
  return [
    ...new Set(departures.filter((d) => suzhouDay(d.endedAt) <= receivedOn).map((d) => d.organizationId)),
  ].sort();
}

// ---------------------------------------------------------------------------------------------
// Transfers under first refusal

const DAY_MS = 86_400_000;

/** The end of the offer period: `days` after the offer. */
export function deadlineOf(offeredAt: string, days: number): string {
  return new Date(Date.parse(offeredAt) + days * DAY_MS).toISOString();
}

export interface TransferFacts {
  kind: Extract<TransferKind, 'sale' | 'exclusive_licence'>;
  sellerKey: string;
  basisPoints: number;
  priceFen: string;
  offeredAt: string;
  offerPeriodDays: number;
  /** Current holdings of the outcome. */
  shares: readonly Holding[];
  responses: readonly { organizationId: string; answer: 'accept' | 'decline'; at: string }[];
}

/** The co-owners an offer goes to: every other holder with a positive share, by key. */
export function coOwnersOf(facts: Pick<TransferFacts, 'sellerKey' | 'shares'>): string[] {
  return facts.shares
    .filter((s) => s.holderKey !== facts.sellerKey && s.basisPoints > 0)
    .map((s) => s.holderKey)
    .sort(compareIds);
}

export interface OfferState {
  deadline: string;
  /** The period is over (now is at or after the deadline). */
  lapsed: boolean;
  coOwners: string[];
  /** Co-owners that accepted in time (acceptance binds). */
  acceptedBy: string[];
  /** Co-owners that waived in time and never accepted. */
  declinedBy: string[];
  /** Co-owners that have not answered (and may still, while the period runs). */
  awaiting: string[];
}

/** Where an offer stands at `now`: answers count only within the period. */
export function offerState(facts: TransferFacts, now: string): OfferState {
  const deadline = deadlineOf(facts.offeredAt, facts.offerPeriodDays);
  const coOwners = coOwnersOf(facts);
  const accepted = new Set<string>();
  const declined = new Set<string>();
  for (const r of facts.responses) {
    if (!coOwners.includes(r.organizationId)) continue;
    if (r.at < facts.offeredAt || Date.parse(r.at) >= Date.parse(deadline)) continue;
    (r.answer === 'accept' ? accepted : declined).add(r.organizationId);
  }
  const acceptedBy = coOwners.filter((key) => accepted.has(key));
  const declinedBy = coOwners.filter((key) => declined.has(key) && !accepted.has(key));
  return {
    deadline,
    lapsed: Date.parse(now) >= Date.parse(deadline),
    coOwners,
    acceptedBy,
    declinedBy,
    awaiting: coOwners.filter((key) => !accepted.has(key) && !declined.has(key)),
  };
}

/**
 * The offered basis points split among the accepting co-owners in proportion to what they hold
 * (largest remainder; ties to the larger holding, then the smaller key): exact, adds up to `offered`.
 */
export function proRataTakeUp(
  offered: number,
  acceptors: readonly string[],
  shares: readonly Holding[],
): Map<string, number> {
  const weights = new Map<string, bigint>();
  for (const key of acceptors)
    weights.set(key, BigInt(shares.find((s) => s.holderKey === key)?.basisPoints ?? 0));
  const parts = apportion(BigInt(offered), weights);
  return new Map([...parts].map(([key, part]) => [key, Number(part)]));
}

/** The share table after `moves` (holder → basis points gained) took `offered` from the seller. */
export function moveShares(
  shares: readonly Holding[],
  sellerKey: string,
  offered: number,
  moves: ReadonlyMap<string, number>,
): Holding[] {
  const next = new Map(shares.map((s) => [s.holderKey, s.basisPoints]));
  next.set(sellerKey, (next.get(sellerKey) ?? 0) - offered);
  let moved = 0;
  for (const [key, gained] of moves) {
    next.set(key, (next.get(key) ?? 0) + gained);
    moved += gained;
  }
  const result = [...next]
    .filter(([, basisPoints]) => basisPoints !== 0)
    .map(([holderKey, basisPoints]) => ({ holderKey, basisPoints }))
    .sort((a, b) => compareIds(a.holderKey, b.holderKey));
  if (moved !== offered || result.some((s) => s.basisPoints < 0) || checkShares(result) !== null)
    throw new RangeError('moveShares: the move does not keep the shares at 10,000 basis points');
  return result;
}

export type Completion =
  | { ok: true; to: 'co_owners'; moves: Map<string, number> }
  | { ok: true; to: 'third_party'; reason: string }
  | { ok: false; refusal: 'first_refusal_pending'; deadline: string; awaiting: string[] }
  | { ok: false; refusal: 'first_refusal_exercised'; acceptedBy: string[] }
  | { ok: false; refusal: 'price_below_offer' }
  | { ok: false; refusal: 'transferee_required' }
  | { ok: false; refusal: 'seller_not_owner' };

/**
 * How an offer completes at `now`:
 * - to the co-owners that accepted, pro rata, once every co-owner answered or the period ended
 *   (no transferee may be named then: the co-owners exercised their right);
 * - to a named third party (or a licence to it) only when `firstRefusal` allows it: every
 *   co-owner waived, or the period lapsed without an acceptance, at no less than the offered price;
 * - otherwise refused, with the deadline and who has not answered yet.
 */
export function completion(
  facts: TransferFacts,
  now: string,
  transferee: { key: string; priceFen: string } | null,
): Completion {
  const state = offerState(facts, now);
  const held = facts.shares.find((s) => s.holderKey === facts.sellerKey)?.basisPoints ?? 0;
  if (held < facts.basisPoints) return { ok: false, refusal: 'seller_not_owner' };
  if (state.acceptedBy.length > 0) {
    if (transferee && !state.coOwners.includes(transferee.key))
      return { ok: false, refusal: 'first_refusal_exercised', acceptedBy: state.acceptedBy };
    if (!state.lapsed && state.awaiting.length > 0)
      return {
        ok: false,
        refusal: 'first_refusal_pending',
        deadline: state.deadline,
        awaiting: state.awaiting,
      };
    return {
      ok: true,
      to: 'co_owners',
      moves: proRataTakeUp(facts.basisPoints, state.acceptedBy, facts.shares),
    };
  }
  if (!transferee) return { ok: false, refusal: 'transferee_required' };
  const decision = firstRefusal({
    kind: facts.kind,
    sellerId: facts.sellerKey,
    transfereeId: transferee.key,
    shares: facts.shares.map((s) => ({ memberId: s.holderKey, basisPoints: s.basisPoints })),
    offerPeriodDays: facts.offerPeriodDays,
    offer: {
      offeredAt: facts.offeredAt,
      priceFen: parseFen(facts.priceFen),
      responses: facts.responses.map((r) => ({ memberId: r.organizationId, answer: r.answer, at: r.at })),
    },
    priceFen: parseFen(transferee.priceFen),
    now,
  });
  if (decision.allowed) return { ok: true, to: 'third_party', reason: decision.reason };
  switch (decision.reason) {
    case 'offer_period_running':
      return {
        ok: false,
        refusal: 'first_refusal_pending',
        deadline: decision.until,
        awaiting: decision.awaiting,
      };
    case 'co_owner_accepted':
      return { ok: false, refusal: 'first_refusal_exercised', acceptedBy: decision.acceptedBy };
    case 'cheaper_than_offered':
      return { ok: false, refusal: 'price_below_offer' };
    case 'not_offered':
    case 'seller_not_owner':
      return { ok: false, refusal: 'seller_not_owner' };
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fen as yuan for people to read, e.g. 100000001n → "¥1,000,000.01" (exact, no floating point). */
export function formatYuan(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}
