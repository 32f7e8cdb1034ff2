import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkShares,
  completion,
  deadlineOf,
  excludedFromIncome,
  formatYuan,
  moveShares,
  offerState,
  parseFen,
  proRataTakeUp,
  runningBalances,
  type Holding,
  type TransferFacts,
} from './rules.js';

/** A share table of 1 to 6 holders adding up to 10,000 basis points. */
const table: fc.Arbitrary<Holding[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 9_999 }), { maxLength: 5 })
  .map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
    return points
      .slice(1)
      .map((p, i) => ({ holderKey: `org${String(i)}`, basisPoints: p - (points[i] ?? 0) }));
  });

const DAY = 86_400_000;
const offeredAt = '2026-01-01T00:00:00.000Z';
const at = (days: number) => new Date(Date.parse(offeredAt) + days * DAY).toISOString();

function facts(overrides: Partial<TransferFacts> = {}): TransferFacts {
  return {
    kind: 'sale',
    sellerKey: 'a',
    basisPoints: 5000,
    priceFen: '1000',
    offeredAt,
    offerPeriodDays: 30,
    shares: [
      { holderKey: 'a', basisPoints: 5000 },
      { holderKey: 'b', basisPoints: 3000 },
      { holderKey: 'c', basisPoints: 2000 },
    ],
    responses: [],
    ...overrides,
  };
}

describe('money', () => {
  it('formats fen as yuan exactly, beyond 2^53 too', () => {
    expect(formatYuan(100000001n)).toBe('¥1,000,000.01');
    expect(formatYuan(0n)).toBe('¥0.00');
    expect(formatYuan(5n)).toBe('¥0.05');
    expect(formatYuan(90071992547409930000001n)).toBe('¥900,719,925,474,099,300,000.01');
  });

  it('parses only canonical digit strings', () => {
    expect(parseFen('100000001')).toBe(100000001n);
    for (const bad of ['', '01', '-1', '1.5', '1e3', ' 1']) expect(() => parseFen(bad)).toThrow(RangeError);
  });

  it('keeps running balances as exact sums', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 1n << 80n })), (amounts) => {
        const balances = runningBalances(amounts.map(String));
        expect(balances.at(-1) ?? '0').toBe(amounts.reduce((a, b) => a + b, 0n).toString());
      }),
    );
  });
});

describe('the exit rule and later income', () => {
  const departures = [
    { organizationId: 'sme', endedAt: '2026-11-09T17:30:00.000Z' }, // 2026-11-10 01:30 in Suzhou
    { organizationId: 'uni', endedAt: '2026-11-12T02:00:00.000Z' },
  ];

  it('leaves out members that left on or before the day the income came, by the Suzhou calendar', () => {
    expect(excludedFromIncome('until_exit_only', departures, '2026-11-09')).toEqual([]);
    expect(excludedFromIncome('until_exit_only', departures, '2026-11-10')).toEqual(['sme']);
    expect(excludedFromIncome('until_exit_only', departures, '2026-12-01')).toEqual(['sme', 'uni']);
  });

  it('leaves out nobody when members keep their entitlement', () => {
    expect(excludedFromIncome('keeps_entitlement', departures, '2026-12-01')).toEqual([]);
  });
});

describe('share tables', () => {
  it('accepts exactly 10,000 basis points of distinct, positive, allowed holders', () => {
    expect(checkShares(facts().shares)).toBeNull();
    expect(checkShares([{ holderKey: 'a', basisPoints: 9999 }])).toEqual({
      code: 'shares_not_10000',
      total: 9999,
    });
    expect(checkShares(facts().shares, new Set(['a', 'b']))).toEqual({
      code: 'unknown_holder',
      holderKey: 'c',
    });
    expect(
      checkShares([
        { holderKey: 'a', basisPoints: 5000 },
        { holderKey: 'a', basisPoints: 5000 },
      ]),
    ).toEqual({ code: 'duplicate_holder', holderKey: 'a' });
  });

  it('splits a taken-up share pro rata and keeps the table at 10,000 (property)', () => {
    fc.assert(
      fc.property(table, fc.nat(), fc.nat(), (shares, sellerPick, offeredPick) => {
        const seller = shares[sellerPick % shares.length] as Holding;
        const acceptors = shares.filter((s) => s.holderKey !== seller.holderKey).map((s) => s.holderKey);
        fc.pre(acceptors.length > 0);
        const offered = 1 + (offeredPick % seller.basisPoints);
        const moves = proRataTakeUp(offered, acceptors, shares);
        expect([...moves.values()].reduce((a, b) => a + b, 0)).toBe(offered);
        const next = moveShares(shares, seller.holderKey, offered, moves);
        expect(checkShares(next)).toBeNull();
      }),
    );
  });
});

describe('completing an offer under first refusal', () => {
  const third = { key: 'ext:Buyer', priceFen: '1000' };

  it('refuses a third party while the period runs, with the deadline and who is awaited', () => {
    expect(completion(facts(), at(10), third)).toEqual({
      ok: false,
      refusal: 'first_refusal_pending',
      deadline: deadlineOf(offeredAt, 30),
      awaiting: ['b', 'c'],
    });
  });

  it('allows a third party once every co-owner waived, not below the offered price', () => {
    const waived = facts({
      responses: [
        { organizationId: 'b', answer: 'decline', at: at(1) },
        { organizationId: 'c', answer: 'decline', at: at(2) },
      ],
    });
    expect(completion(waived, at(3), third)).toMatchObject({ ok: true, to: 'third_party' });
    expect(completion(waived, at(3), { ...third, priceFen: '999' })).toEqual({
      ok: false,
      refusal: 'price_below_offer',
    });
  });

  it('allows a third party after the period lapsed without an acceptance', () => {
    expect(completion(facts(), at(30), third)).toEqual({
      ok: true,
      to: 'third_party',
      reason: 'offer_lapsed',
    });
  });

  it('gives the share to accepting co-owners once all answered or the period ended', () => {
    const one = facts({ responses: [{ organizationId: 'b', answer: 'accept', at: at(1) }] });
    expect(completion(one, at(2), null)).toMatchObject({ ok: false, refusal: 'first_refusal_pending' });
    expect(completion(one, at(2), third)).toEqual({
      ok: false,
      refusal: 'first_refusal_exercised',
      acceptedBy: ['b'],
    });
    const lapsed = completion(one, at(31), null);
    expect(lapsed).toEqual({ ok: true, to: 'co_owners', moves: new Map([['b', 5000]]) });
    const both = facts({
      responses: [
        { organizationId: 'b', answer: 'accept', at: at(1) },
        { organizationId: 'c', answer: 'accept', at: at(1) },
      ],
    });
    expect(completion(both, at(2), null)).toEqual({
      ok: true,
      to: 'co_owners',
      moves: new Map([
        ['b', 3000],
        ['c', 2000],
      ]),
    });
  });

  it('ignores answers after the deadline', () => {
    const late = facts({ responses: [{ organizationId: 'b', answer: 'accept', at: at(31) }] });
    expect(offerState(late, at(32)).acceptedBy).toEqual([]);
    expect(completion(late, at(32), third)).toMatchObject({ ok: true, to: 'third_party' });
  });

  it('needs a transferee when nobody accepted', () => {
    expect(completion(facts(), at(31), null)).toEqual({ ok: false, refusal: 'transferee_required' });
  });
});
