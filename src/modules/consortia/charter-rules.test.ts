import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digestOf, sha256Hex } from '../../platform/audit/chain.js';
import {
  CharterContent,
  CONTRIBUTION_KINDS,
  OUTCOME_TYPES,
  PROJECT_STAGES,
  type Contribution,
  type DisputeStepRule,
  type ForegroundIpRule,
  type Licensing,
  type Share,
  type WorkPackage,
} from './charter.js';
import {
  canLeave,
  canonicalCharter,
  CHARTER_SECTIONS,
  charterDiff,
  dutiesOf,
  groupDigits,
  isEffective,
  missingSignatures,
  openDuties,
  validateCharter,
  type CharterIssueCode,
  type CharterMember,
} from './charter-rules.js';

// ---------------------------------------------------------------------------------------------
// Factories

const A = 'org-a';
const B = 'org-b';
const C = 'org-c';
const MEMBERS: CharterMember[] = [
  { id: A, name: 'Suzhou Nano Materials' },
  { id: B, name: 'Soochow University' },
  { id: C, name: 'SIP Pilot Institute' },
];

function ipRule(shares: Share[], licensing: Partial<Licensing> = {}): ForegroundIpRule {
  return {
    shares,
    licensing: {
      whoMayLicense: 'each_co_owner',
      memberUse: 'royalty_free',
      terms: '',
      ...licensing,
    } as Licensing,
  };
}

/** A sound charter of three members: a company, a university and a pilot-scale institute. */
function buildCharter(overrides: Partial<CharterContent> = {}): CharterContent {
  const patentShares = [
    { memberId: A, basisPoints: 4000 },
    { memberId: B, basisPoints: 4000 },
    { memberId: C, basisPoints: 2000 },
  ];
  return {
    currency: 'CNY',
    objectives: ['Develop a graphene heat-spreader film', 'Run a pilot line of 10,000 m² a year'],
    workPackages: [
      {
        id: 'WP1',
        title: 'Materials research',
        description: 'CVD growth and transfer',
        stage: 'rd',
        responsibleMemberId: B,
        contributingMemberIds: [A],
        deliverables: [{ id: 'D1.1', title: 'Process report', dueDate: '2026-06-30' }],
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      },
      {
        id: 'WP2',
        title: 'Pilot line',
        description: '',
        stage: 'pilot',
        responsibleMemberId: C,
        contributingMemberIds: [A],
        deliverables: [],
        startDate: null,
        endDate: null,
      },
    ],
    contributions: [
      {
        id: 'C1',
        kind: 'cash',
        memberId: A,
        workPackageId: 'WP2',
        description: 'Pilot line funding',
        valuationFen: 300_000_000,
      },
      {
        id: 'C2',
        kind: 'personnel',
        memberId: B,
        workPackageId: 'WP1',
        description: 'Two researchers',
        valuationFen: 48_000_000,
        personMonths: 24.5,
      },
      {
        id: 'C3',
        kind: 'equipment',
        memberId: C,
        workPackageId: 'WP2',
        description: 'Roll-to-roll coating line',
        valuationFen: 60_000_000,
      },
    ],
    backgroundIp: [
      {
        id: 'BG1',
        ownerMemberId: B,
        title: 'CVD growth process',
        registrationNumber: 'CN202310123456.6',
        projectAccess: 'royalty_free',
        exploitationAccess: 'fair_reasonable',
        conditions: '',
      },
    ],
    foregroundIp: {
      patent: ipRule(patentShares),
      software: ipRule([{ memberId: A, basisPoints: 10_000 }]),
      know_how: ipRule(patentShares, { whoMayLicense: 'designated_members', designatedMemberIds: [B] }),
      standard: ipRule(patentShares, { whoMayLicense: 'all_co_owners_jointly' }),
    },
    firstRefusal: { offerPeriodDays: 30 },
    benefit: {
      method: 'fixed',
      shares: [
        { memberId: A, basisPoints: 5000 },
        { memberId: B, basisPoints: 3000 },
        { memberId: C, basisPoints: 2000 },
      ],
      costRecovery: { kinds: ['cash', 'equipment'] },
    },
    exit: {
      noticeDays: 90,
      foregroundIp: 'offers_shares_to_co_owners',
      futureIncome: 'until_exit_only',
      conditions: '',
    },
    dispute: {
      steps: [
        { step: 'negotiation', days: 30, forum: '' },
        { step: 'mediation', days: 60, forum: 'Cluster office of Suzhou Industrial Park' },
        { step: 'arbitration', days: null, forum: 'Suzhou Arbitration Commission' },
      ],
    },
    ...overrides,
  };
}

function codes(content: CharterContent, members: readonly CharterMember[] = MEMBERS): CharterIssueCode[] {
  return validateCharter(content, members).map((issue) => issue.code);
}

// ---------------------------------------------------------------------------------------------
// Generated charters

const memberIds = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 });

/** Shares of some of `ids` that add up to exactly 10,000 (cut points of the whole). */
function sharesOf(ids: readonly string[]): fc.Arbitrary<Share[]> {
  return fc.subarray([...ids], { minLength: 1 }).chain((holders) =>
    fc
      .array(fc.integer({ min: 0, max: 10_000 }), {
        minLength: holders.length - 1,
        maxLength: holders.length - 1,
      })
      .map((cuts) => {
        const points = [0, ...cuts.sort((x, y) => x - y), 10_000];
        return holders.map((memberId, i) => ({
          memberId,
          basisPoints: (points[i + 1] as number) - (points[i] as number),
        }));
      }),
  );
}

function ipRuleOf(ids: readonly string[]): fc.Arbitrary<ForegroundIpRule> {
  return sharesOf(ids).chain((shares) => {
    const owners = shares.filter((s) => s.basisPoints > 0).map((s) => s.memberId);
    const licensing: fc.Arbitrary<Licensing> = fc.oneof(
      fc.record({
        whoMayLicense: fc.constantFrom('each_co_owner' as const, 'all_co_owners_jointly' as const),
        memberUse: fc.constantFrom('royalty_free' as const, 'fair_reasonable' as const),
        terms: fc.string({ maxLength: 20 }),
      }),
      fc.record({
        whoMayLicense: fc.constant('designated_members' as const),
        designatedMemberIds: fc.subarray(owners, { minLength: 1 }),
        memberUse: fc.constantFrom('royalty_free' as const, 'fair_reasonable' as const),
        terms: fc.string({ maxLength: 20 }),
      }),
    );
    return licensing.map((l) => ({ shares, licensing: l }));
  });
}

const disputeSteps: fc.Arbitrary<DisputeStepRule[]> = fc
  .tuple(
    fc.subarray(['negotiation', 'mediation'] as const),
    fc.constantFrom([], ['arbitration'] as const, ['litigation'] as const),
  )
  .filter(([early, final]) => early.length + final.length > 0)
  .map(([early, final]) =>
    [...early, ...final].map((step) => ({
      step,
      days: step === 'arbitration' || step === 'litigation' ? null : 30,
      forum: step === 'arbitration' ? 'Suzhou Arbitration Commission' : '',
    })),
  );

const fenValue = fc.integer({ min: 0, max: 1_000_000_000_000 });

function contributionOf(
  ids: readonly string[],
  id: string,
  workPackageIds: readonly string[],
): fc.Arbitrary<Contribution> {
  return fc
    .record({
      kind: fc.constantFrom(...CONTRIBUTION_KINDS),
      memberId: fc.constantFrom(...ids),
      workPackageId: fc.constantFrom(null, ...workPackageIds),
      valuationFen: fenValue,
      tenths: fc.integer({ min: 0, max: 2400 }),
    })
    .map(({ kind, tenths, ...rest }): Contribution => {
      const base = { id, description: 'contribution', ...rest };
      return kind === 'personnel' ? { kind, ...base, personMonths: tenths / 10 } : { kind, ...base };
    });
}

/** A sound charter for generated members: every member has a duty, every table adds up. */
const validCharter: fc.Arbitrary<{ members: string[]; content: CharterContent }> = memberIds.chain((ids) => {
  const workPackages = fc
    .array(
      fc.record({
        responsible: fc.constantFrom(...ids),
        contributors: fc.subarray(ids),
        stage: fc.constantFrom(...PROJECT_STAGES),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((drafts) =>
      drafts.map((d, i): WorkPackage => ({
        id: `WP${String(i + 1)}`,
        title: `Work package ${String(i + 1)}`,
        description: '',
        stage: d.stage,
        responsibleMemberId: d.responsible,
        contributingMemberIds: d.contributors.filter((m) => m !== d.responsible),
        deliverables: [{ id: 'D1', title: 'Report', dueDate: null }],
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      })),
    );
  return workPackages.chain((wps) => {
    const wpIds = wps.map((wp) => wp.id);
    return fc
      .record({
        extra: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        patent: ipRuleOf(ids),
        software: ipRuleOf(ids),
        know_how: ipRuleOf(ids),
        standard: ipRuleOf(ids),
        benefitShares: sharesOf(ids),
        method: fc.constantFrom('fixed' as const, 'contribution_weighted' as const),
        costRecovery: fc.option(fc.record({ kinds: fc.subarray([...CONTRIBUTION_KINDS], { minLength: 1 }) })),
        steps: disputeSteps,
        objectives: fc.array(
          fc.string({ minLength: 1, maxLength: 30 }).map((s) => `Objective ${s}`),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
      })
      .chain((parts) =>
        fc
          .tuple(...parts.extra.map((_, i) => contributionOf(ids, `C${String(i + 1)}`, wpIds)))
          .map((contributions) => {
            // Members still without a duty get a contribution each.
            const content: CharterContent = {
              currency: 'CNY',
              objectives: parts.objectives,
              workPackages: wps,
              contributions,
              backgroundIp: [],
              foregroundIp: {
                patent: parts.patent,
                software: parts.software,
                know_how: parts.know_how,
                standard: parts.standard,
              },
              firstRefusal: { offerPeriodDays: 30 },
              benefit:
                parts.method === 'fixed'
                  ? { method: 'fixed', shares: parts.benefitShares, costRecovery: parts.costRecovery }
                  : { method: 'contribution_weighted', costRecovery: parts.costRecovery },
              exit: {
                noticeDays: 30,
                foregroundIp: 'keeps_shares',
                futureIncome: 'keeps_entitlement',
                conditions: '',
              },
              dispute: { steps: parts.steps },
            };
            for (const memberId of ids) {
              if (dutiesOf(content, memberId).length === 0) {
                content.contributions.push({
                  id: `X${String(content.contributions.length + 1)}`,
                  kind: 'in_kind',
                  memberId,
                  workPackageId: null,
                  description: 'materials',
                  valuationFen: 1_000,
                });
              }
            }
            return { members: ids, content };
          }),
      );
  });
});

const toMembers = (ids: readonly string[]): CharterMember[] => ids.map((id) => ({ id }));

/** A copy of `value` whose object keys come in an order chosen by `seed`, at every depth. */
function shuffleKeys(value: unknown, seed: number): unknown {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i > 0; i -= 1) {
        const j = next() % (i + 1);
        [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
      }
      return Object.fromEntries(keys.map((k) => [k, walk((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return walk(value);
}

// ---------------------------------------------------------------------------------------------
// Schema

describe('the charter content schema', () => {
  it('accepts a complete charter and keeps it as it is', () => {
    const charter = buildCharter();
    expect(CharterContent.parse(charter)).toEqual(charter);
  });

  it('refuses negative or fractional fen, shares above 10,000, more than one decimal of person-months', () => {
    const charter = buildCharter();
    const withContribution = (patch: Record<string, unknown>) => ({
      ...charter,
      contributions: [{ ...charter.contributions[1], ...patch }],
    });
    expect(CharterContent.safeParse(withContribution({ valuationFen: -1 })).success).toBe(false);
    expect(CharterContent.safeParse(withContribution({ valuationFen: 10.5 })).success).toBe(false);
    expect(CharterContent.safeParse(withContribution({ valuationFen: 1e15 + 1 })).success).toBe(false);
    expect(CharterContent.safeParse(withContribution({ personMonths: 7.55 })).success).toBe(false);
    expect(CharterContent.safeParse(withContribution({ personMonths: 7.5 })).success).toBe(true);
    const shares = { ...charter.benefit, shares: [{ memberId: A, basisPoints: 10_001 }] };
    expect(CharterContent.safeParse({ ...charter, benefit: shares }).success).toBe(false);
  });

  it('refuses unknown fields, personnel months on cash, and dates that are not ISO dates', () => {
    const charter = buildCharter();
    expect(CharterContent.safeParse({ ...charter, notes: 'x' }).success).toBe(false);
    const cash = { ...charter.contributions[0], personMonths: 3 };
    expect(CharterContent.safeParse({ ...charter, contributions: [cash] }).success).toBe(false);
    const wp = { ...charter.workPackages[0], startDate: '2026-02-30' };
    expect(CharterContent.safeParse({ ...charter, workPackages: [wp] }).success).toBe(false);
  });

  it('needs named designees when only designated members may license', () => {
    const charter = buildCharter();
    const knowHow = ipRule(charter.foregroundIp.patent.shares, { whoMayLicense: 'designated_members' });
    const parsed = CharterContent.safeParse({
      ...charter,
      foregroundIp: { ...charter.foregroundIp, know_how: knowHow },
    });
    expect(parsed.success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Validation

describe('validating a charter', () => {
  it('finds nothing wrong with a sound charter', () => {
    expect(validateCharter(buildCharter(), MEMBERS)).toEqual([]);
  });

  it('reports foreground IP shares that do not add up to exactly 10,000, naming the total and the table', () => {
    const charter = buildCharter();
    const patent = ipRule([
      { memberId: A, basisPoints: 4000 },
      { memberId: B, basisPoints: 3900 },
      { memberId: C, basisPoints: 2000 },
    ]);
    expect(
      validateCharter({ ...charter, foregroundIp: { ...charter.foregroundIp, patent } }, MEMBERS),
    ).toEqual([
      {
        field: 'content.foregroundIp.patent.shares',
        code: 'charter.shares_not_10000',
        message:
          'Foreground IP shares for patents add up to 9,900 basis points; they must add up to exactly 10,000',
        params: { total: 9900 },
      },
    ]);
  });

  it('checks every share table, including fixed income shares, and an empty one adds up to 0', () => {
    const charter = buildCharter({
      benefit: { method: 'fixed', shares: [{ memberId: A, basisPoints: 10_100 }], costRecovery: null },
    });
    const standard = ipRule([]);
    const issues = validateCharter(
      { ...charter, foregroundIp: { ...charter.foregroundIp, standard } },
      MEMBERS,
    );
    expect(issues.map((i) => [i.field, i.message])).toEqual([
      [
        'content.foregroundIp.standard.shares',
        'Foreground IP shares for standards add up to 0 basis points; they must add up to exactly 10,000',
      ],
      [
        'content.benefit.shares.0.basisPoints',
        'The share of Suzhou Nano Materials in fixed income shares is 10,100 basis points; a share is a whole number from 0 to 10,000',
      ],
      [
        'content.benefit.shares',
        'Fixed income shares add up to 10,100 basis points; they must add up to exactly 10,000',
      ],
    ]);
  });

  it('reports a member listed twice in a share table, and a share holder who is not a member', () => {
    const charter = buildCharter();
    const software = ipRule([
      { memberId: A, basisPoints: 5000 },
      { memberId: A, basisPoints: 4000 },
      { memberId: 'org-x', basisPoints: 1000 },
    ]);
    const issues = validateCharter(
      { ...charter, foregroundIp: { ...charter.foregroundIp, software } },
      MEMBERS,
    );
    expect(issues).toEqual([
      {
        field: 'content.foregroundIp.software.shares.1.memberId',
        code: 'charter.member_repeated',
        message:
          'Suzhou Nano Materials is listed more than once in foreground IP shares for software; list each member once',
        params: { memberId: A },
      },
      {
        field: 'content.foregroundIp.software.shares.2.memberId',
        code: 'charter.unknown_member',
        message:
          'Organisation org-x (holder of foreground IP shares for software) is not a member of this consortium',
        params: { memberId: 'org-x' },
      },
    ]);
  });

  it('reports a member without any duty', () => {
    const members = [...MEMBERS, { id: 'org-d', name: 'Kunshan Fund' }];
    expect(validateCharter(buildCharter(), members)).toEqual([
      {
        field: 'content.workPackages',
        code: 'charter.member_without_duty',
        message:
          'Kunshan Fund has no duty: make it responsible for or contributing to a work package, or record a contribution of it',
        params: { memberId: 'org-d' },
      },
    ]);
  });

  it('counts a contribution alone as a duty', () => {
    const members = [...MEMBERS, { id: 'org-d' }];
    const charter = buildCharter();
    const contribution: Contribution = {
      id: 'C4',
      kind: 'cash',
      memberId: 'org-d',
      workPackageId: null,
      description: '',
      valuationFen: 0,
    };
    expect(
      validateCharter({ ...charter, contributions: [...charter.contributions, contribution] }, members),
    ).toEqual([]);
  });

  it('needs exactly one responsible member per work package, and that it is a member', () => {
    const charter = buildCharter();
    const [wp1, wp2] = charter.workPackages as [WorkPackage, WorkPackage];
    const issues = validateCharter(
      {
        ...charter,
        workPackages: [
          { ...wp1, responsibleMemberId: null },
          { ...wp2, responsibleMemberId: 'org-x' },
        ],
      },
      MEMBERS,
    );
    expect(issues).toEqual([
      {
        field: 'content.workPackages.0.responsibleMemberId',
        code: 'charter.work_package_without_responsible',
        message: 'Work package WP1 has no responsible member; it needs exactly one',
        params: { workPackageId: 'WP1' },
      },
      {
        field: 'content.workPackages.1.responsibleMemberId',
        code: 'charter.work_package_responsible_not_member',
        message:
          'The responsible member of work package WP2, organisation org-x, is not a member of this consortium',
        params: { workPackageId: 'WP2', memberId: 'org-x' },
      },
    ]);
  });

  it('refuses a responsible member also listed as contributing, and a contributor listed twice', () => {
    const charter = buildCharter();
    const [wp1, wp2] = charter.workPackages as [WorkPackage, WorkPackage];
    const issues = validateCharter(
      {
        ...charter,
        workPackages: [
          { ...wp1, contributingMemberIds: [A, B] },
          { ...wp2, contributingMemberIds: [A, A] },
        ],
      },
      MEMBERS,
    );
    expect(issues.map((i) => [i.field, i.code, i.message])).toEqual([
      [
        'content.workPackages.0.contributingMemberIds.1',
        'charter.responsible_also_contributing',
        'Soochow University is responsible for work package WP1; do not list it as contributing too',
      ],
      [
        'content.workPackages.1.contributingMemberIds.1',
        'charter.member_repeated',
        'Suzhou Nano Materials is listed more than once as contributing to work package WP2',
      ],
    ]);
  });

  it('refuses a negative contribution, naming the figure', () => {
    const charter = buildCharter();
    const [c1, c2, c3] = charter.contributions as [Contribution, Contribution, Contribution];
    const issues = validateCharter(
      {
        ...charter,
        contributions: [
          { ...c1, valuationFen: -1_234_567 },
          { ...c2, personMonths: -2.5 } as Contribution,
          c3,
        ],
      },
      MEMBERS,
    );
    expect(issues).toEqual([
      {
        field: 'content.contributions.0.valuationFen',
        code: 'charter.negative_contribution',
        message: 'Contribution C1 is valued at -1,234,567 fen; no contribution may be negative',
        params: { contributionId: 'C1', valuationFen: -1_234_567 },
      },
      {
        field: 'content.contributions.1.personMonths',
        code: 'charter.negative_contribution',
        message: 'Contribution C2 states -2.5 person-months; no contribution may be negative',
        params: { contributionId: 'C2', personMonths: -2.5 },
      },
    ]);
  });

  it('reports references to unknown members and work packages, repeated ids and inverted dates', () => {
    const charter = buildCharter();
    const [wp1, wp2] = charter.workPackages as [WorkPackage, WorkPackage];
    const [c1, c2, c3] = charter.contributions as [Contribution, Contribution, Contribution];
    const issues = validateCharter(
      {
        ...charter,
        workPackages: [
          { ...wp1, startDate: '2026-03-01', endDate: '2026-01-01' },
          { ...wp2, id: 'WP1' },
        ],
        contributions: [{ ...c1, workPackageId: 'WP9' }, c2, { ...c3, memberId: 'org-x' }],
        backgroundIp: [
          { ...(charter.backgroundIp[0] as CharterContent['backgroundIp'][number]), ownerMemberId: 'org-y' },
        ],
      },
      MEMBERS,
    );
    expect(issues.map((i) => [i.field, i.code, i.message])).toEqual([
      [
        'content.workPackages.1.id',
        'charter.duplicate_id',
        'The id WP1 is used by more than one work package; ids must be unique',
      ],
      [
        'content.workPackages.0.endDate',
        'charter.dates_inverted',
        'Work package WP1 ends (2026-01-01) before it starts (2026-03-01)',
      ],
      [
        'content.contributions.0.workPackageId',
        'charter.unknown_work_package',
        'Contribution C1 goes to work package WP9, which the charter does not have',
      ],
      [
        'content.contributions.2.memberId',
        'charter.unknown_member',
        'Organisation org-x (contribution C3) is not a member of this consortium',
      ],
      [
        // WP2 was renamed WP1 above, so C3 now points nowhere.
        'content.contributions.2.workPackageId',
        'charter.unknown_work_package',
        'Contribution C3 goes to work package WP2, which the charter does not have',
      ],
      [
        'content.backgroundIp.0.ownerMemberId',
        'charter.unknown_member',
        'Organisation org-y (owner of BG1) is not a member of this consortium',
      ],
    ]);
  });

  it('lets only co-owners be named to license a type of result', () => {
    const charter = buildCharter();
    const software = ipRule([{ memberId: A, basisPoints: 10_000 }], {
      whoMayLicense: 'designated_members',
      designatedMemberIds: [A, B],
    });
    expect(
      validateCharter({ ...charter, foregroundIp: { ...charter.foregroundIp, software } }, MEMBERS),
    ).toEqual([
      {
        field: 'content.foregroundIp.software.licensing.designatedMemberIds.1',
        code: 'charter.licensee_not_co_owner',
        message:
          'Soochow University is named to license software but holds no share of them; only co-owners may license',
        params: { memberId: B, outcomeType: 'software' },
      },
    ]);
  });

  it('needs objectives and a dispute procedure', () => {
    expect(codes(buildCharter({ objectives: [], dispute: { steps: [] } }))).toEqual([
      'charter.objectives_missing',
      'charter.dispute_procedure_missing',
    ]);
  });

  it('needs dispute steps in escalating order, arbitration or litigation but not both, and a named commission', () => {
    const step = (s: DisputeStepRule['step'], forum = ''): DisputeStepRule => ({
      step: s,
      days: null,
      forum,
    });
    const issues = validateCharter(
      buildCharter({
        dispute: { steps: [step('mediation'), step('negotiation'), step('arbitration'), step('litigation')] },
      }),
      MEMBERS,
    );
    expect(issues.map((i) => [i.field, i.code, i.message])).toEqual([
      [
        'content.dispute.steps.1',
        'charter.dispute_steps_out_of_order',
        'Dispute step 2 (negotiation) is out of order; each step appears once, in the order negotiation, mediation, arbitration or litigation',
      ],
      [
        'content.dispute.steps',
        'charter.dispute_arbitration_and_litigation',
        'The dispute procedure names both arbitration and litigation; choose one, since an arbitration agreement excludes the courts',
      ],
      [
        'content.dispute.steps.2.forum',
        'charter.arbitration_commission_missing',
        'Name the arbitration commission; an arbitration agreement without one is invalid',
      ],
    ]);
  });

  it('accepts every generated sound charter, which the schema accepts too', () => {
    fc.assert(
      fc.property(validCharter, ({ members, content }) => {
        expect(CharterContent.safeParse(content).success).toBe(true);
        expect(validateCharter(content, toMembers(members))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('flags every generated broken charter with the code of what was broken', () => {
    const breakages: Record<string, (content: CharterContent, members: string[]) => CharterIssueCode> = {
      patentSharesOff: (content) => {
        const share = content.foregroundIp.patent.shares[0] as Share;
        share.basisPoints += share.basisPoints > 0 ? -1 : 1;
        return 'charter.shares_not_10000';
      },
      incomeSharesOff: (content, members) => {
        content.benefit = {
          method: 'fixed',
          shares: [{ memberId: members[0] as string, basisPoints: 9_999 }],
          costRecovery: null,
        };
        return 'charter.shares_not_10000';
      },
      responsibleStranger: (content) => {
        (content.workPackages[0] as WorkPackage).responsibleMemberId = 'x-stranger';
        return 'charter.work_package_responsible_not_member';
      },
      responsibleMissing: (content) => {
        (content.workPackages[0] as WorkPackage).responsibleMemberId = null;
        return 'charter.work_package_without_responsible';
      },
      negativeContribution: (content) => {
        (content.contributions[0] as Contribution).valuationFen = -1;
        return 'charter.negative_contribution';
      },
      contributorStranger: (content) => {
        (content.contributions[0] as Contribution).memberId = 'x-stranger';
        return 'charter.unknown_member';
      },
      newcomerWithoutDuty: (_content, members) => {
        members.push('x-newcomer');
        return 'charter.member_without_duty';
      },
    };
    fc.assert(
      fc.property(
        validCharter,
        fc.constantFrom(...Object.keys(breakages)),
        ({ members, content }, breakage) => {
          const broken = structuredClone(content);
          const ids = [...members];
          const expected = (breakages[breakage] as (c: CharterContent, m: string[]) => CharterIssueCode)(
            broken,
            ids,
          );
          expect(codes(broken, toMembers(ids))).toContain(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Duties and leaving

describe('leaving the consortium', () => {
  it('lists the open duties of a member that wants to leave, and refuses until they are reassigned', () => {
    const charter = buildCharter();
    const decision = canLeave(charter, { id: A, name: 'Suzhou Nano Materials' });
    expect(decision).toEqual({
      allowed: false,
      openDuties: [
        {
          kind: 'contributing',
          workPackageId: 'WP1',
          field: 'content.workPackages.0.contributingMemberIds.0',
        },
        {
          kind: 'contributing',
          workPackageId: 'WP2',
          field: 'content.workPackages.1.contributingMemberIds.0',
        },
        { kind: 'contribution', contributionId: 'C1', field: 'content.contributions.0' },
      ],
      issue: {
        field: 'content.workPackages.0.contributingMemberIds.0',
        code: 'charter.member_has_open_duties',
        message:
          'Suzhou Nano Materials cannot leave with 3 open duties (contributing to work package WP1; contributing to work package WP2; contribution C1); reassign them first',
        params: { memberId: A, openDuties: 3 },
      },
    });
  });

  it('lets a member leave once an amendment reassigns its duties', () => {
    const charter = buildCharter();
    const amended: CharterContent = {
      ...charter,
      workPackages: charter.workPackages.map((wp) => ({ ...wp, contributingMemberIds: [] })),
      contributions: charter.contributions.map((c) => (c.memberId === A ? { ...c, memberId: C } : c)),
    };
    expect(canLeave(amended, { id: A })).toEqual({ allowed: true });
  });

  it('does not count duties in completed work packages or fulfilled contributions', () => {
    const charter = buildCharter();
    expect(openDuties(charter, C, { completedWorkPackageIds: ['WP2'] })).toEqual([
      { kind: 'contribution', contributionId: 'C3', field: 'content.contributions.2' },
    ]);
    expect(
      canLeave(charter, { id: C }, { completedWorkPackageIds: ['WP2'], fulfilledContributionIds: ['C3'] }),
    ).toEqual({ allowed: true });
  });

  it('names a single responsibility in the singular', () => {
    const charter = buildCharter({ contributions: [] });
    const decision = canLeave(charter, { id: C, name: 'SIP Pilot Institute' });
    expect(decision.allowed ? '' : decision.issue.message).toBe(
      'SIP Pilot Institute cannot leave with 1 open duty (responsible for work package WP2); reassign them first',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Canonical form, digest and signatures

describe('the canonical form signatures bind to', () => {
  it('is the platform canonical JSON, so its SHA-256 is the audit digest of the content', () => {
    const charter = buildCharter();
    expect(canonicalCharter(charter)).toBe(canonicalJson(charter));
    expect(sha256Hex(canonicalCharter(charter))).toBe(digestOf(charter));
  });

  it('gives the same digest whatever the order of keys, at every depth', () => {
    fc.assert(
      fc.property(validCharter, fc.integer(), ({ content }, seed) => {
        const shuffled = shuffleKeys(content, seed) as CharterContent;
        expect(canonicalCharter(shuffled)).toBe(canonicalCharter(content));
        expect(sha256Hex(canonicalCharter(shuffled))).toBe(sha256Hex(canonicalCharter(content)));
      }),
      { numRuns: 100 },
    );
  });

  it('changes with any change of content, including the order of a list', () => {
    const charter = buildCharter();
    const digest = sha256Hex(canonicalCharter(charter));
    expect(
      sha256Hex(canonicalCharter({ ...charter, objectives: [...charter.objectives].reverse() })),
    ).not.toBe(digest);
    expect(sha256Hex(canonicalCharter({ ...charter, firstRefusal: { offerPeriodDays: 31 } }))).not.toBe(
      digest,
    );
  });
});

describe('when a version is effective', () => {
  const v2 = { digest: 'd2' };
  const members = [A, B, C];

  it('is effective once every current member has signed that exact digest', () => {
    const signatures = members.map((memberId) => ({ memberId, digest: 'd2' }));
    expect(isEffective(v2, members, signatures)).toBe(true);
  });

  it('is not effective while a member has signed only an earlier version (an amendment needs every signature again)', () => {
    const signatures = [
      { memberId: A, digest: 'd2' },
      { memberId: B, digest: 'd2' },
      { memberId: C, digest: 'd1' },
    ];
    expect(isEffective(v2, members, signatures)).toBe(false);
    expect(missingSignatures('d2', members, signatures)).toEqual([C]);
  });

  it('ignores signatures of former members and waits for a new member', () => {
    const signatures = [A, B, 'org-left'].map((memberId) => ({ memberId, digest: 'd2' }));
    expect(isEffective(v2, [A, B], signatures)).toBe(true);
    expect(isEffective(v2, [A, B, 'org-new'], signatures)).toBe(false);
  });

  it('is never effective for a consortium without members', () => {
    expect(isEffective(v2, [], [{ memberId: A, digest: 'd2' }])).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Diff

describe('the diff between two versions', () => {
  it('is empty for identical versions, whatever the key order', () => {
    fc.assert(
      fc.property(validCharter, fc.integer(), ({ content }, seed) => {
        expect(charterDiff(content, shuffleKeys(content, seed) as CharterContent)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('lists changes in reading order, matching work packages and contributions by id and shares by member', () => {
    const before = buildCharter();
    const [wp1, wp2] = before.workPackages as [WorkPackage, WorkPackage];
    const [c1, c2] = before.contributions as [Contribution, Contribution, Contribution];
    const after: CharterContent = {
      ...before,
      dispute: { steps: before.dispute.steps.slice(0, 2) },
      objectives: [...before.objectives, 'Draft a group standard'],
      workPackages: [
        { ...wp1, responsibleMemberId: A, contributingMemberIds: [B] },
        wp2,
        { ...wp2, id: 'WP3', title: 'Market launch', stage: 'promotion' },
      ],
      contributions: [c2, { ...c1, valuationFen: 350_000_000 }],
      foregroundIp: {
        ...before.foregroundIp,
        patent: ipRule([
          { memberId: A, basisPoints: 5000 },
          { memberId: B, basisPoints: 3000 },
          { memberId: C, basisPoints: 2000 },
        ]),
      },
    };
    const diff = charterDiff(before, after);
    expect(diff.map((c) => [c.kind, c.path])).toEqual([
      ['added', 'objectives[2]'],
      ['changed', 'workPackages[WP1].responsibleMemberId'],
      ['changed', 'workPackages[WP1].contributingMemberIds[0]'],
      ['added', 'workPackages[WP3]'],
      ['reordered', 'contributions'],
      ['changed', 'contributions[C1].valuationFen'],
      ['removed', 'contributions[C3]'],
      ['changed', 'foregroundIp.patent.shares[org-a].basisPoints'],
      ['changed', 'foregroundIp.patent.shares[org-b].basisPoints'],
      ['removed', 'dispute.steps[arbitration]'],
    ]);
    expect(diff[1]).toEqual({
      section: 'workPackages',
      kind: 'changed',
      path: 'workPackages[WP1].responsibleMemberId',
      segments: [{ key: 'workPackages' }, { item: 'WP1' }, { key: 'responsibleMemberId' }],
      before: B,
      after: A,
    });
    expect(diff[4]).toMatchObject({ kind: 'reordered', before: ['C1', 'C2'], after: ['C2', 'C1'] });
    expect(diff[5]).toMatchObject({ before: 300_000_000, after: 350_000_000 });
    expect(diff[0]).toMatchObject({ section: 'objectives', after: 'Draft a group standard' });
  });

  it('reads an edited objective as one change, and a changed benefit method as changed fields', () => {
    const before = buildCharter();
    const after = buildCharter({
      objectives: ['Develop a graphene heat-spreader film', 'Run a pilot line of 20,000 m² a year'],
      benefit: { method: 'contribution_weighted', costRecovery: { kinds: ['cash', 'equipment'] } },
    });
    expect(charterDiff(before, after)).toEqual([
      {
        section: 'objectives',
        kind: 'changed',
        path: 'objectives[1]',
        segments: [{ key: 'objectives' }, { index: 1 }],
        before: 'Run a pilot line of 10,000 m² a year',
        after: 'Run a pilot line of 20,000 m² a year',
      },
      {
        section: 'benefit',
        kind: 'changed',
        path: 'benefit.method',
        segments: [{ key: 'benefit' }, { key: 'method' }],
        before: 'fixed',
        after: 'contribution_weighted',
      },
      {
        section: 'benefit',
        kind: 'removed',
        path: 'benefit.shares',
        segments: [{ key: 'benefit' }, { key: 'shares' }],
        before: (before.benefit as { shares: Share[] }).shares,
      },
    ]);
  });

  it('orders the fields of a part as a person reads them', () => {
    const before = buildCharter();
    const after = buildCharter({
      exit: {
        noticeDays: 60,
        foregroundIp: 'keeps_shares',
        futureIncome: 'keeps_entitlement',
        conditions: 'x',
      },
    });
    expect(charterDiff(before, after).map((c) => c.path)).toEqual([
      'exit.noticeDays',
      'exit.foregroundIp',
      'exit.futureIncome',
      'exit.conditions',
    ]);
  });

  it('is empty exactly when the two versions have the same canonical form (the same digest)', () => {
    const nearby = validCharter.chain(({ content }) =>
      fc.tuple(
        fc.constant(content),
        fc.constantFrom('same', 'objective', 'share', 'responsible', 'swap').map((tweak) => {
          const copy = structuredClone(content);
          if (tweak === 'objective') copy.objectives.push('One more');
          if (tweak === 'share') (copy.foregroundIp.software.shares[0] as Share).basisPoints += 1;
          if (tweak === 'responsible') (copy.workPackages[0] as WorkPackage).responsibleMemberId = null;
          if (tweak === 'swap') copy.workPackages.reverse();
          return copy;
        }),
      ),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          nearby,
          fc.tuple(validCharter, validCharter).map(([x, y]) => [x.content, y.content] as const),
        ),
        ([x, y]) => {
          const diff = charterDiff(x, y);
          expect(diff.length === 0).toBe(canonicalCharter(x) === canonicalCharter(y));
          const order = diff.map((change) => CHARTER_SECTIONS.indexOf(change.section));
          expect(order).toEqual([...order].sort((p, q) => p - q));
          expect(order.every((i) => i >= 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('message figures', () => {
  it('groups digits by thousands in any locale, for numbers and bigints', () => {
    expect(groupDigits(9900)).toBe('9,900');
    expect(groupDigits(-1_234_567)).toBe('-1,234,567');
    expect(groupDigits(100_000_001n)).toBe('100,000,001');
    expect(groupDigits(0)).toBe('0');
  });

  it('has a message name for every outcome type', () => {
    for (const type of OUTCOME_TYPES) {
      const charter = buildCharter();
      const broken = { ...charter, foregroundIp: { ...charter.foregroundIp, [type]: ipRule([]) } };
      expect(validateCharter(broken, MEMBERS)[0]?.message).toMatch(
        /^Foreground IP shares for [a-z-]+ add up to 0/,
      );
    }
  });
});
