/**
 * Exact money for a consortium's income, pure: the distribution statement a recorded income gets
 * under the charter's benefit rule, and the co-owners' right of first refusal on a share of a
 * result. No I/O.
 *
 * All money arithmetic is BigInt on whole fen (分); floats never touch an amount, so ¥1,000,000.01
 * and sums far beyond 2^53 fen stay exact. Every split uses the largest-remainder (Hamilton)
 * method: each member first gets the whole fen of its exact share, and the fen left over go one
 * each to the largest fractional parts; ties go to the larger weight, then to the smaller member id
 * (code-unit order). So the parts always add up to the whole, each part is within one fen of its
 * exact share, and the result depends on nothing but the figures (not on the order they came in).
 */
import {
  BASIS_POINTS_WHOLE,
  type BenefitRule,
  type ContributionKind,
  type DistributionMethod,
  type Share,
} from './charter.js';

/** An amount of fen: a safe integer number or a bigint. */
export type Fen = bigint | number;

/** A contribution as the project recorded it (not merely pledged in the charter). */
export interface RecordedContribution {
  memberId: string;
  kind: ContributionKind;
  valuationFen: Fen;
}

/** Costs a member already recovered from earlier incomes (the sum of its earlier `costRecoveryFen`). */
export interface RecoveredCost {
  memberId: string;
  amountFen: Fen;
}

/** One member's part of an income. */
export interface DistributionLine {
  memberId: string;
  /** Costs recovered in the first tier. */
  costRecoveryFen: bigint;
  /** Share of what is left after cost recovery, by the rule. */
  shareFen: bigint;
  /** Both together: what the member receives. */
  totalFen: bigint;
}

/** The distribution statement of one income: lines per member, by member id; they add up to `amountFen`. */
export interface DistributionStatement {
  amountFen: bigint;
  method: DistributionMethod;
  /** Paid out as cost recovery, before the split. */
  costRecoveryFen: bigint;
  /** Split by the rule: `amountFen - costRecoveryFen`. */
  sharedFen: bigint;
  lines: DistributionLine[];
}

export type DistributionRefusal =
  /** The income is not a non-negative whole number of fen. */
  | 'invalid_amount'
  /** A recorded contribution's valuation is not a non-negative whole number of fen. */
  | 'invalid_contribution'
  /** An already-recovered cost is not a non-negative whole number of fen. */
  | 'invalid_recovered_cost'
  /** A fixed share is not a whole number of basis points from 0 to 10,000. */
  | 'invalid_share'
  /** Fixed shares do not add up to exactly 10,000 basis points. */
  | 'shares_not_10000'
  /** Income is to be weighted by contributions, but none is recorded (and something is left to split). */
  | 'nothing_to_weigh';

export type DistributionOutcome =
  { ok: true; statement: DistributionStatement } | { ok: false; refusal: DistributionRefusal };

/** `value` as bigint fen, or null if it is not a non-negative whole number (numbers must be safe integers). */
export function toFen(value: Fen): bigint | null {
  if (typeof value === 'bigint') return value >= 0n ? value : null;
  return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
}

/**
 * Splits `total` in proportion to `weights` by largest remainder (see the file comment): exact,
 * deterministic, every part within one unit of its exact share, zero weight gets zero. Keys come
 * back in code-unit order. Throws if a weight is negative, or if there is something to split and
 * every weight is zero (a caller's bug: there is no proportion to split by).
 */
export function apportion(total: bigint, weights: ReadonlyMap<string, bigint>): Map<string, bigint> {
  if (total < 0n) throw new RangeError('apportion: total must not be negative');
  const keys = [...weights.keys()].sort(compareIds);
  let sum = 0n;
  for (const key of keys) {
    const weight = weights.get(key) as bigint;
    if (weight < 0n) throw new RangeError(`apportion: negative weight for ${key}`);
    sum += weight;
  }
  const parts = new Map<string, bigint>(keys.map((key) => [key, 0n]));
  if (total === 0n) return parts;
  if (sum === 0n) throw new RangeError('apportion: nothing to weigh');
  const remainders: { key: string; weight: bigint; remainder: bigint }[] = [];
  let given = 0n;
  for (const key of keys) {
    const weight = weights.get(key) as bigint;
    const whole = (total * weight) / sum;
    parts.set(key, whole);
    given += whole;
    remainders.push({ key, weight, remainder: (total * weight) % sum });
  }
  // Fewer fen are left than members with a fraction, so zero-remainder members never get one.
  remainders.sort(
    (a, b) =>
      compareBig(b.remainder, a.remainder) || compareBig(b.weight, a.weight) || compareIds(a.key, b.key),
  );
  const left = Number(total - given);
  for (let i = 0; i < left; i += 1) {
    const { key } = remainders[i] as { key: string };
    parts.set(key, (parts.get(key) as bigint) + 1n);
  }
  return parts;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds `amount` to `map[key]`. */
function addTo(map: Map<string, bigint>, key: string, amount: bigint): void {
  map.set(key, (map.get(key) ?? 0n) + amount);
}

/**
 * The distribution statement of an income of `amountFen` under the charter's benefit `rule`:
 * 1. cost recovery (if the rule has it): each member recovers its recorded contributions of the
 *    rule's kinds, less what it `recovered` from earlier incomes; all of it if the income covers
 *    every member's outstanding costs, else the income pro rata to them (so nobody recovers more
 *    than its costs);
 * 2. the rest by the rule: fixed basis-point shares, or in proportion to each member's recorded
 *    contributions of every kind.
 * Members in `excluded` (those that left under an exit rule ending their share in later income)
 * take part in neither tier; the others' weights decide among themselves, so fixed shares stay
 * exact without being rewritten.
 * Lines cover every member named in the rule, the contributions or `recovered`, by member id.
 */
export function distributeIncome(
  amountFen: Fen,
  rule: BenefitRule,
  contributions: readonly RecordedContribution[],
  recovered: readonly RecoveredCost[] = [],
  excluded: readonly string[] = [],
): DistributionOutcome {
  const refuse = (refusal: DistributionRefusal): DistributionOutcome => ({ ok: false, refusal });
  const amount = toFen(amountFen);
  if (amount === null) return refuse('invalid_amount');

  const memberIds = new Set<string>();
  const contributed = new Map<string, bigint>();
  const costs = new Map<string, bigint>();
  const recoverable = new Set<ContributionKind>(rule.costRecovery?.kinds ?? []);
  for (const contribution of contributions) {
    const value = toFen(contribution.valuationFen);
    if (value === null) return refuse('invalid_contribution');
    memberIds.add(contribution.memberId);
    addTo(contributed, contribution.memberId, value);
    if (recoverable.has(contribution.kind)) addTo(costs, contribution.memberId, value);
  }
  const alreadyRecovered = new Map<string, bigint>();
  for (const entry of recovered) {
    const value = toFen(entry.amountFen);
    if (value === null) return refuse('invalid_recovered_cost');
    memberIds.add(entry.memberId);
    addTo(alreadyRecovered, entry.memberId, value);
  }

  let weights: Map<string, bigint>;
  if (rule.method === 'fixed') {
    const shareRefusal = checkShares(rule.shares);
    if (shareRefusal) return refuse(shareRefusal);
    weights = new Map();
    for (const share of rule.shares) {
      memberIds.add(share.memberId);
      addTo(weights, share.memberId, BigInt(share.basisPoints));
    }
  } else {
    weights = new Map(contributed);
  }
  const costsToRecover = new Map(costs);
  for (const memberId of excluded) {
    weights.delete(memberId);
    costsToRecover.delete(memberId);
  }

  // Tier 1: cost recovery.
  const recovery = new Map<string, bigint>();
  if (rule.costRecovery) {
    const outstanding = new Map<string, bigint>();
    let totalOutstanding = 0n;
    for (const [memberId, cost] of costsToRecover) {
      const owed = cost - (alreadyRecovered.get(memberId) ?? 0n);
      if (owed > 0n) {
        outstanding.set(memberId, owed);
        totalOutstanding += owed;
      }
    }
    const paid = amount >= totalOutstanding ? outstanding : apportion(amount, outstanding);
    for (const [memberId, part] of paid) recovery.set(memberId, part);
  }
  let costRecoveryFen = 0n;
  for (const part of recovery.values()) costRecoveryFen += part;
  const sharedFen = amount - costRecoveryFen;

  // Tier 2: the rule.
  let totalWeight = 0n;
  for (const weight of weights.values()) totalWeight += weight;
  if (sharedFen > 0n && totalWeight === 0n) return refuse('nothing_to_weigh');
  const shares = apportion(sharedFen, weights);

  const lines = [...memberIds].sort(compareIds).map((memberId): DistributionLine => {
    const costRecovery = recovery.get(memberId) ?? 0n;
    const share = shares.get(memberId) ?? 0n;
    return { memberId, costRecoveryFen: costRecovery, shareFen: share, totalFen: costRecovery + share };
  });
  return {
    ok: true,
    statement: { amountFen: amount, method: rule.method, costRecoveryFen, sharedFen, lines },
  };
}

function checkShares(shares: readonly Share[]): DistributionRefusal | null {
  let total = 0;
  for (const share of shares) {
    if (
      !Number.isInteger(share.basisPoints) ||
      share.basisPoints < 0 ||
      share.basisPoints > BASIS_POINTS_WHOLE
    ) {
      return 'invalid_share';
    }
    total += share.basisPoints;
  }
  return total === BASIS_POINTS_WHOLE ? null : 'shares_not_10000';
}

// ---------------------------------------------------------------------------------------------
// Right of first refusal

/**
 * What a co-owner wants to do with its share of a result: sell it, license it exclusively, or
 * license it non-exclusively (which the right of first refusal does not cover).
 */
export type TransferKind = 'sale' | 'exclusive_licence' | 'non_exclusive_licence';

/** A co-owner's answer to an offer. */
export interface OfferResponse {
  memberId: string;
  answer: 'accept' | 'decline';
  /** When it answered, ISO-8601; answers after the offer period count for nothing. */
  at: string;
}

/** The offer of the share to the co-owners, made before any third party may have it. */
export interface CoOwnerOffer {
  /** When the offer was made, ISO-8601. */
  offeredAt: string;
  /** The price asked of the co-owners, if any; a third party may not then pay less. */
  priceFen?: Fen | null;
  responses: readonly OfferResponse[];
}

export interface TransferRequest {
  kind: TransferKind;
  sellerId: string;
  /** Who would get the share or the licence. */
  transfereeId: string;
  /** The charter's ownership shares of this type of result (`foregroundIp[type].shares`). */
  shares: readonly Share[];
  /** The charter's offer period (`firstRefusal.offerPeriodDays`). */
  offerPeriodDays: number;
  offer: CoOwnerOffer | null;
  /** What the transferee would pay, if a price is known. */
  priceFen?: Fen | null;
  /** Now, ISO-8601. */
  now: string;
}

export type FirstRefusalDecision =
  | {
      allowed: true;
      reason:
        | 'not_exclusive'
        | 'no_co_owners'
        | 'transferee_is_co_owner'
        | 'all_co_owners_declined'
        | 'offer_lapsed';
    }
  | { allowed: false; reason: 'seller_not_owner' | 'not_offered' | 'cheaper_than_offered' }
  | { allowed: false; reason: 'co_owner_accepted'; acceptedBy: string[] }
  | { allowed: false; reason: 'offer_period_running'; until: string; awaiting: string[] };

const DAY_MS = 86_400_000;

function parseInstant(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`firstRefusal: ${what} is not an ISO-8601 time: ${iso}`);
  return ms;
}

function priceOf(value: Fen | null | undefined, what: string): bigint | null {
  if (value === undefined || value === null) return null;
  const fen = toFen(value);
  if (fen === null)
    throw new RangeError(`firstRefusal: ${what} is not a whole number of fen: ${String(value)}`);
  return fen;
}

/**
 * Whether a co-owner may sell its share of a result, or license it exclusively, to `transfereeId`.
 * The share must first be offered to the other co-owners for the charter's offer period. Refused
 * before it was offered, while the period runs (unless every co-owner declined), when a co-owner
 * accepted in time, or when the transferee would pay less than the co-owners were asked. Allowed
 * once every co-owner declined or the period lapsed without an acceptance; a transfer to a co-owner
 * and a non-exclusive licence are not subject to first refusal at all.
 */
export function firstRefusal(request: TransferRequest): FirstRefusalDecision {
  const held = new Map<string, number>();
  for (const share of request.shares)
    held.set(share.memberId, (held.get(share.memberId) ?? 0) + share.basisPoints);
  if ((held.get(request.sellerId) ?? 0) <= 0) return { allowed: false, reason: 'seller_not_owner' };
  if (request.kind === 'non_exclusive_licence') return { allowed: true, reason: 'not_exclusive' };
  const coOwners = [...held]
    .filter(([memberId, basisPoints]) => memberId !== request.sellerId && basisPoints > 0)
    .map(([memberId]) => memberId)
    .sort(compareIds);
  if (coOwners.length === 0) return { allowed: true, reason: 'no_co_owners' };
  if (coOwners.includes(request.transfereeId)) return { allowed: true, reason: 'transferee_is_co_owner' };
  const offer = request.offer;
  if (offer === null) return { allowed: false, reason: 'not_offered' };

  const offeredAt = parseInstant(offer.offeredAt, 'offeredAt');
  const deadline = offeredAt + request.offerPeriodDays * DAY_MS;
  const now = parseInstant(request.now, 'now');
  // Answers count from the offer until the end of the period (and not after `now`). An acceptance
  // binds: once a co-owner accepted in time, a later decline does not undo it.
  const accepted = new Set<string>();
  const declined = new Set<string>();
  for (const response of offer.responses) {
    if (!coOwners.includes(response.memberId)) continue;
    const at = parseInstant(response.at, 'response time');
    if (at < offeredAt || at >= deadline || at > now) continue;
    (response.answer === 'accept' ? accepted : declined).add(response.memberId);
  }
  const acceptedBy = coOwners.filter((memberId) => accepted.has(memberId));
  if (acceptedBy.length > 0) return { allowed: false, reason: 'co_owner_accepted', acceptedBy };

  const asked = priceOf(offer.priceFen, 'offer price');
  const price = priceOf(request.priceFen, 'price');
  if (asked !== null && price !== null && price < asked)
    return { allowed: false, reason: 'cheaper_than_offered' };

  const awaiting = coOwners.filter((memberId) => !declined.has(memberId));
  if (awaiting.length === 0) return { allowed: true, reason: 'all_co_owners_declined' };
  if (now < deadline) {
    return {
      allowed: false,
      reason: 'offer_period_running',
      until: new Date(deadline).toISOString(),
      awaiting,
    };
  }
  return { allowed: true, reason: 'offer_lapsed' };
}
