import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRIBUTION_KINDS, type BenefitRule, type ContributionKind, type Share } from './charter.js';
import {
  apportion,
  distributeIncome,
  firstRefusal,
  type DistributionStatement,
  type RecordedContribution,
  type TransferRequest,
} from './distribution.js';

const fixed = (shares: Share[], costRecovery: ContributionKind[] | null = null): BenefitRule => ({
  method: 'fixed',
  shares,
  costRecovery: costRecovery && { kinds: costRecovery },
});
const weighted = (costRecovery: ContributionKind[] | null = null): BenefitRule => ({
  method: 'contribution_weighted',
  costRecovery: costRecovery && { kinds: costRecovery },
});

/** The statement of an income the rule must be able to distribute. */
function statementOf(...args: Parameters<typeof distributeIncome>): DistributionStatement {
  const outcome = distributeIncome(...args);
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal}`);
  return outcome.statement;
}

const totals = (statement: DistributionStatement) =>
  Object.fromEntries(statement.lines.map((line) => [line.memberId, line.totalFen]));

// ---------------------------------------------------------------------------------------------
// Generators

const memberIds = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 7 });

function sharesOf(ids: readonly string[]): fc.Arbitrary<Share[]> {
  return fc
    .array(fc.integer({ min: 0, max: 10_000 }), { minLength: ids.length - 1, maxLength: ids.length - 1 })
    .map((cuts) => {
      const points = [0, ...cuts.sort((x, y) => x - y), 10_000];
      return ids.map((memberId, i) => ({
        memberId,
        basisPoints: (points[i + 1] as number) - (points[i] as number),
      }));
    });
}

/** Income up to 10^15 fen, biased towards small and awkward figures. */
const amount = fc.oneof(
  fc.bigInt({ min: 0n, max: 1_000n }),
  fc.bigInt({ min: 0n, max: 10n ** 15n }),
  fc.constantFrom(100_000_001n, 10n ** 15n, 10n ** 15n - 1n),
);

function contributionsOf(ids: readonly string[]): fc.Arbitrary<RecordedContribution[]> {
  return fc.array(
    fc.record({
      memberId: fc.constantFrom(...ids),
      kind: fc.constantFrom(...CONTRIBUTION_KINDS),
      valuationFen: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 100n })),
    }),
    { minLength: 1, maxLength: 12 },
  );
}

const costRecovery = fc.option(fc.subarray([...CONTRIBUTION_KINDS], { minLength: 1 }));

/** A rule, the recorded contributions and the costs already recovered, for some members. */
const scenario = memberIds.chain((ids) =>
  fc.record({
    rule: fc.oneof(
      fc.tuple(sharesOf(ids), costRecovery).map(([shares, kinds]) => fixed(shares, kinds)),
      costRecovery.map((kinds) => weighted(kinds)),
    ),
    contributions: contributionsOf(ids).map((list) =>
      // Weighting needs at least one contribution of value.
      list.some((c) => BigInt(c.valuationFen) > 0n)
        ? list
        : [...list, { ...(list[0] as RecordedContribution), valuationFen: 1n }],
    ),
    recovered: fc.array(
      fc.record({ memberId: fc.constantFrom(...ids), amountFen: fc.bigInt({ min: 0n, max: 10n ** 11n }) }),
      { maxLength: 4 },
    ),
  }),
);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function sumOf(values: readonly bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n);
}

function outstandingCosts(
  rule: BenefitRule,
  contributions: readonly RecordedContribution[],
  recovered: readonly { memberId: string; amountFen: bigint | number }[],
): Map<string, bigint> {
  const kinds = new Set(rule.costRecovery?.kinds ?? []);
  const owed = new Map<string, bigint>();
  for (const c of contributions) {
    if (kinds.has(c.kind)) owed.set(c.memberId, (owed.get(c.memberId) ?? 0n) + BigInt(c.valuationFen));
  }
  for (const r of recovered)
    if (owed.has(r.memberId)) owed.set(r.memberId, (owed.get(r.memberId) as bigint) - BigInt(r.amountFen));
  for (const [k, v] of owed) if (v < 0n) owed.set(k, 0n);
  return owed;
}

// ---------------------------------------------------------------------------------------------
// Examples

describe('distributing an income by fixed shares', () => {
  it('splits ¥1,000,000.01 exactly, giving the odd fen to the largest remainder', () => {
    const statement = statementOf(
      100_000_001,
      fixed([
        { memberId: 'b', basisPoints: 3333 },
        { memberId: 'a', basisPoints: 3334 },
        { memberId: 'c', basisPoints: 3333 },
      ]),
      [],
    );
    expect(statement).toEqual({
      amountFen: 100_000_001n,
      method: 'fixed',
      costRecoveryFen: 0n,
      sharedFen: 100_000_001n,
      lines: [
        { memberId: 'a', costRecoveryFen: 0n, shareFen: 33_340_001n, totalFen: 33_340_001n },
        { memberId: 'b', costRecoveryFen: 0n, shareFen: 33_330_000n, totalFen: 33_330_000n },
        { memberId: 'c', costRecoveryFen: 0n, shareFen: 33_330_000n, totalFen: 33_330_000n },
      ],
    });
  });

  it('breaks a tie between equal remainders by the larger share, then by the smaller member id', () => {
    // 1 fen at 50% / 50%: equal remainders and shares, so member id decides, whatever the input order.
    const half = [
      { memberId: 'zeta', basisPoints: 5000 },
      { memberId: 'alpha', basisPoints: 5000 },
    ];
    expect(totals(statementOf(1, fixed(half), []))).toEqual({ alpha: 1n, zeta: 0n });
    expect(totals(statementOf(1, fixed([...half].reverse()), []))).toEqual({ alpha: 1n, zeta: 0n });
    // 2 fen at 25% / 75%: exact 0.5 and 1.5, equal remainders; the larger share takes the odd fen.
    expect(
      Object.fromEntries(
        apportion(
          2n,
          new Map([
            ['a', 1n],
            ['b', 3n],
          ]),
        ),
      ),
    ).toEqual({ a: 0n, b: 2n });
  });

  it('stays exact at 10^15 fen and far beyond, where floats would not', () => {
    const thirds = fixed([
      { memberId: 'a', basisPoints: 3333 },
      { memberId: 'b', basisPoints: 3333 },
      { memberId: 'c', basisPoints: 3334 },
    ]);
    const big = 10n ** 15n + 7n;
    expect(totals(statementOf(big, thirds, []))).toEqual({
      a: 333_300_000_000_002n,
      b: 333_300_000_000_002n,
      c: 333_400_000_000_003n,
    });
    const huge = 123_456_789_012_345_678_901n;
    expect(sumOf(statementOf(huge, thirds, []).lines.map((l) => l.totalFen))).toBe(huge);
  });

  it('distributes nothing of a zero income', () => {
    expect(totals(statementOf(0, fixed([{ memberId: 'a', basisPoints: 10_000 }]), []))).toEqual({ a: 0n });
  });

  it('refuses amounts that are not whole non-negative fen, and share tables that do not make a whole', () => {
    const whole = fixed([{ memberId: 'a', basisPoints: 10_000 }]);
    expect(distributeIncome(-1, whole, [])).toEqual({ ok: false, refusal: 'invalid_amount' });
    expect(distributeIncome(1.5, whole, [])).toEqual({ ok: false, refusal: 'invalid_amount' });
    expect(distributeIncome(2 ** 53, whole, [])).toEqual({ ok: false, refusal: 'invalid_amount' });
    expect(distributeIncome(-5n, whole, [])).toEqual({ ok: false, refusal: 'invalid_amount' });
    expect(distributeIncome(100, fixed([{ memberId: 'a', basisPoints: 9_999 }]), [])).toEqual({
      ok: false,
      refusal: 'shares_not_10000',
    });
    expect(
      distributeIncome(
        100,
        fixed([
          { memberId: 'a', basisPoints: 10_001 },
          { memberId: 'b', basisPoints: -1 },
        ]),
        [],
      ),
    ).toEqual({ ok: false, refusal: 'invalid_share' });
    expect(distributeIncome(100, whole, [{ memberId: 'a', kind: 'cash', valuationFen: -1 }])).toEqual({
      ok: false,
      refusal: 'invalid_contribution',
    });
    expect(distributeIncome(100, whole, [], [{ memberId: 'a', amountFen: 0.5 }])).toEqual({
      ok: false,
      refusal: 'invalid_recovered_cost',
    });
  });
});

describe('distributing an income by recorded contributions', () => {
  const contributions: RecordedContribution[] = [
    { memberId: 'uni', kind: 'personnel', valuationFen: 30_000_000 },
    { memberId: 'corp', kind: 'cash', valuationFen: 50_000_000 },
    { memberId: 'corp', kind: 'equipment', valuationFen: 10_000_000 },
    { memberId: 'lab', kind: 'in_kind', valuationFen: 10_000_000 },
  ];

  it('splits in proportion to each member’s contributions of every kind', () => {
    expect(totals(statementOf(1_000_000, weighted(), contributions))).toEqual({
      corp: 600_000n,
      lab: 100_000n,
      uni: 300_000n,
    });
  });

  it('lets members recover recorded costs first, then splits the rest', () => {
    // Costs of cash and equipment: corp 60,000,000; the rest (40,000,000) goes 3:6:1.
    const statement = statementOf(100_000_000, weighted(['cash', 'equipment']), contributions);
    expect(statement.costRecoveryFen).toBe(60_000_000n);
    expect(statement.sharedFen).toBe(40_000_000n);
    expect(statement.lines).toEqual([
      { memberId: 'corp', costRecoveryFen: 60_000_000n, shareFen: 24_000_000n, totalFen: 84_000_000n },
      { memberId: 'lab', costRecoveryFen: 0n, shareFen: 4_000_000n, totalFen: 4_000_000n },
      { memberId: 'uni', costRecoveryFen: 0n, shareFen: 12_000_000n, totalFen: 12_000_000n },
    ]);
  });

  it('recovers costs pro rata when the income does not cover them all, and splits nothing', () => {
    const statement = statementOf(
      1_000,
      fixed([{ memberId: 'uni', basisPoints: 10_000 }], ['cash', 'in_kind']),
      [
        { memberId: 'corp', kind: 'cash', valuationFen: 600 },
        { memberId: 'lab', kind: 'in_kind', valuationFen: 900 },
      ],
    );
    expect(totals(statement)).toEqual({ corp: 400n, lab: 600n, uni: 0n });
    expect(statement.sharedFen).toBe(0n);
  });

  it('counts costs recovered from earlier incomes', () => {
    const statement = statementOf(
      1_000,
      fixed([{ memberId: 'uni', basisPoints: 10_000 }], ['cash']),
      [{ memberId: 'corp', kind: 'cash', valuationFen: 600 }],
      [{ memberId: 'corp', amountFen: 500 }],
    );
    expect(totals(statement)).toEqual({ corp: 100n, uni: 900n });
  });

  it('refuses to weigh by contributions when none is recorded, unless there is nothing to split', () => {
    expect(distributeIncome(100, weighted(), [])).toEqual({ ok: false, refusal: 'nothing_to_weigh' });
    expect(distributeIncome(0, weighted(), [])).toMatchObject({ ok: true });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

describe('every distribution', () => {
  it('adds up exactly to the income, with no negative part', () => {
    fc.assert(
      fc.property(amount, scenario, (income, { rule, contributions, recovered }) => {
        const statement = statementOf(income, rule, contributions, recovered);
        expect(sumOf(statement.lines.map((l) => l.totalFen))).toBe(income);
        expect(statement.costRecoveryFen + statement.sharedFen).toBe(income);
        for (const line of statement.lines) {
          expect(line.costRecoveryFen >= 0n && line.shareFen >= 0n).toBe(true);
          expect(line.totalFen).toBe(line.costRecoveryFen + line.shareFen);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives each fixed share within one fen of its exact share', () => {
    fc.assert(
      fc.property(
        amount,
        memberIds.chain((ids) => sharesOf(ids)),
        (income, shares) => {
          const statement = statementOf(income, fixed(shares), []);
          for (const share of shares) {
            const part = statement.lines.find((l) => l.memberId === share.memberId)?.shareFen ?? -1n;
            // |part - income * bp / 10,000| < 1, in whole numbers.
            const gap = part * 10_000n - income * BigInt(share.basisPoints);
            expect(gap > -10_000n && gap < 10_000n).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never gives a member who contributed more less than one who contributed less', () => {
    fc.assert(
      fc.property(amount, memberIds.chain(contributionsOf), (income, contributions) => {
        const weights = new Map<string, bigint>();
        for (const c of contributions)
          weights.set(c.memberId, (weights.get(c.memberId) ?? 0n) + BigInt(c.valuationFen));
        fc.pre([...weights.values()].some((w) => w > 0n));
        const parts = totals(statementOf(income, weighted(), contributions));
        for (const [p, wp] of weights) {
          for (const [q, wq] of weights) {
            const pp = parts[p] as bigint;
            const pq = parts[q] as bigint;
            if (wp > wq) expect(pp >= pq).toBe(true);
            if (wp === wq) expect(pp - pq <= 1n && pq - pp <= 1n).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never pays more cost recovery than the costs still outstanding, and pays them all when it can', () => {
    fc.assert(
      fc.property(amount, scenario, (income, { rule, contributions, recovered }) => {
        const statement = statementOf(income, rule, contributions, recovered);
        const owed = outstandingCosts(rule, contributions, recovered);
        const totalOwed = sumOf([...owed.values()]);
        for (const line of statement.lines) {
          expect(line.costRecoveryFen <= (owed.get(line.memberId) ?? 0n)).toBe(true);
          if (income >= totalOwed) expect(line.costRecoveryFen).toBe(owed.get(line.memberId) ?? 0n);
        }
        expect(statement.costRecoveryFen).toBe(income >= totalOwed ? totalOwed : income);
      }),
      { numRuns: 500 },
    );
  });

  it('is the same for the same figures, whatever order they come in', () => {
    fc.assert(
      fc.property(amount, scenario, fc.integer(), (income, { rule, contributions, recovered }, seed) => {
        const reordered: BenefitRule =
          rule.method === 'fixed' ? { ...rule, shares: shuffled(rule.shares, seed) } : rule;
        const first = statementOf(income, rule, contributions, recovered);
        expect(statementOf(income, rule, contributions, recovered)).toEqual(first);
        expect(
          statementOf(income, reordered, shuffled(contributions, seed + 1), shuffled(recovered, seed + 2)),
        ).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('gives members that left nothing and shares the whole among the rest, in their proportions', () => {
    fc.assert(
      fc.property(amount, scenario, fc.nat(), (income, { rule, contributions, recovered }, pick) => {
        const members = [
          ...new Set([
            ...contributions.map((c) => c.memberId),
            ...(rule.method === 'fixed' ? rule.shares.map((s) => s.memberId) : []),
          ]),
        ].sort();
        fc.pre(members.length >= 2);
        const gone = members[pick % members.length] as string;
        const outcome = distributeIncome(income, rule, contributions, recovered, [gone]);
        if (!outcome.ok) {
          // Only when nobody left has anything to weigh.
          expect(outcome.refusal).toBe('nothing_to_weigh');
          return;
        }
        const { statement } = outcome;
        expect(sumOf(statement.lines.map((l) => l.totalFen))).toBe(income);
        expect(statement.lines.find((l) => l.memberId === gone)?.totalFen ?? 0n).toBe(0n);
      }),
      { numRuns: 300 },
    );
  });

  it('splits ¥1,000,000.01 between the two members that stayed when the third left', () => {
    const rule = fixed([
      { memberId: 'a', basisPoints: 3334 },
      { memberId: 'b', basisPoints: 3333 },
      { memberId: 'c', basisPoints: 3333 },
    ]);
    const statement = statementOf(100_000_001n, rule, [], [], ['c']);
    expect(totals(statement)).toEqual({ a: 50_007_500n, b: 49_992_501n, c: 0n });
  });

  it('gives the same parts for an amount given as a number or as a bigint', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        scenario,
        (income, { rule, contributions }) => {
          expect(statementOf(income, rule, contributions)).toEqual(
            statementOf(BigInt(income), rule, contributions),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Right of first refusal

describe('the co-owners’ right of first refusal', () => {
  const shares: Share[] = [
    { memberId: 'corp', basisPoints: 5000 },
    { memberId: 'uni', basisPoints: 3000 },
    { memberId: 'lab', basisPoints: 2000 },
  ];
  const sale = (patch: Partial<TransferRequest> = {}): TransferRequest => ({
    kind: 'sale',
    sellerId: 'uni',
    transfereeId: 'outsider',
    shares,
    offerPeriodDays: 30,
    offer: { offeredAt: '2026-03-01T00:00:00.000Z', responses: [] },
    now: '2026-03-10T00:00:00.000Z',
    ...patch,
  });

  it('refuses a sale to a third party before the share was offered to the co-owners', () => {
    expect(firstRefusal(sale({ offer: null }))).toEqual({ allowed: false, reason: 'not_offered' });
    expect(firstRefusal(sale({ kind: 'exclusive_licence', offer: null }))).toEqual({
      allowed: false,
      reason: 'not_offered',
    });
  });

  it('refuses it while the offer period runs, saying until when and whose answer is awaited', () => {
    const offer = {
      offeredAt: '2026-03-01T00:00:00.000Z',
      responses: [{ memberId: 'corp', answer: 'decline' as const, at: '2026-03-02T00:00:00.000Z' }],
    };
    expect(firstRefusal(sale({ offer }))).toEqual({
      allowed: false,
      reason: 'offer_period_running',
      until: '2026-03-31T00:00:00.000Z',
      awaiting: ['lab'],
    });
  });

  it('allows it once the period lapsed unanswered, or as soon as every co-owner declined', () => {
    expect(firstRefusal(sale({ now: '2026-03-31T00:00:00.000Z' }))).toEqual({
      allowed: true,
      reason: 'offer_lapsed',
    });
    const declined = ['corp', 'lab'].map((memberId) => ({
      memberId,
      answer: 'decline' as const,
      at: '2026-03-05T00:00:00.000Z',
    }));
    expect(
      firstRefusal(sale({ offer: { offeredAt: '2026-03-01T00:00:00.000Z', responses: declined } })),
    ).toEqual({ allowed: true, reason: 'all_co_owners_declined' });
  });

  it('refuses it when a co-owner accepted in time, but not for an acceptance after the period', () => {
    const accept = (at: string) => ({
      offeredAt: '2026-03-01T00:00:00.000Z',
      responses: [{ memberId: 'lab', answer: 'accept' as const, at }],
    });
    expect(
      firstRefusal(sale({ offer: accept('2026-03-20T00:00:00.000Z'), now: '2026-04-15T00:00:00.000Z' })),
    ).toEqual({
      allowed: false,
      reason: 'co_owner_accepted',
      acceptedBy: ['lab'],
    });
    expect(
      firstRefusal(sale({ offer: accept('2026-04-02T00:00:00.000Z'), now: '2026-04-15T00:00:00.000Z' })),
    ).toEqual({
      allowed: true,
      reason: 'offer_lapsed',
    });
  });

  it('holds a co-owner to an acceptance even if it declines afterwards', () => {
    const offer = {
      offeredAt: '2026-03-01T00:00:00.000Z',
      responses: [
        { memberId: 'corp', answer: 'accept' as const, at: '2026-03-03T00:00:00.000Z' },
        { memberId: 'corp', answer: 'decline' as const, at: '2026-03-04T00:00:00.000Z' },
        { memberId: 'lab', answer: 'decline' as const, at: '2026-03-04T00:00:00.000Z' },
      ],
    };
    expect(firstRefusal(sale({ offer }))).toEqual({
      allowed: false,
      reason: 'co_owner_accepted',
      acceptedBy: ['corp'],
    });
  });

  it('refuses a third party paying less than the co-owners were asked', () => {
    const offer = { offeredAt: '2026-03-01T00:00:00.000Z', priceFen: 5_000_000, responses: [] };
    expect(firstRefusal(sale({ offer, priceFen: 4_999_999, now: '2026-04-01T00:00:00.000Z' }))).toEqual({
      allowed: false,
      reason: 'cheaper_than_offered',
    });
    expect(firstRefusal(sale({ offer, priceFen: 5_000_000, now: '2026-04-01T00:00:00.000Z' }))).toEqual({
      allowed: true,
      reason: 'offer_lapsed',
    });
  });

  it('does not apply to a transfer to a co-owner, a non-exclusive licence or a sole owner', () => {
    expect(firstRefusal(sale({ transfereeId: 'lab', offer: null }))).toEqual({
      allowed: true,
      reason: 'transferee_is_co_owner',
    });
    expect(firstRefusal(sale({ kind: 'non_exclusive_licence', offer: null }))).toEqual({
      allowed: true,
      reason: 'not_exclusive',
    });
    expect(
      firstRefusal(
        sale({
          shares: [
            { memberId: 'uni', basisPoints: 10_000 },
            { memberId: 'corp', basisPoints: 0 },
          ],
          offer: null,
        }),
      ),
    ).toEqual({ allowed: true, reason: 'no_co_owners' });
  });

  it('refuses a member who holds no share', () => {
    expect(firstRefusal(sale({ sellerId: 'outsider' }))).toEqual({
      allowed: false,
      reason: 'seller_not_owner',
    });
  });

  it('never lets a share go to a third party before the period ends unless every co-owner declined', () => {
    const response = fc.record({
      memberId: fc.constantFrom('corp', 'lab', 'uni', 'outsider'),
      answer: fc.constantFrom('accept' as const, 'decline' as const),
      day: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(
        fc.array(response, { maxLength: 5 }),
        fc.integer({ min: 0, max: 60 }),
        (responses, today) => {
          const at = (day: number) => new Date(Date.UTC(2026, 2, 1 + day)).toISOString();
          const decision = firstRefusal(
            sale({
              offer: { offeredAt: at(0), responses: responses.map((r) => ({ ...r, at: at(r.day) })) },
              now: at(today),
            }),
          );
          if (decision.allowed && today < 30) expect(decision.reason).toBe('all_co_owners_declined');
          const acceptedInTime = responses.some(
            (r) =>
              r.answer === 'accept' &&
              (r.memberId === 'corp' || r.memberId === 'lab') &&
              r.day < 30 &&
              r.day <= today,
          );
          if (!acceptedInTime && today >= 30) expect(decision.allowed).toBe(true);
        },
      ),
    );
  });
});
