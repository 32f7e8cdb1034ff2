/**
 * The content of a consortium charter (联合体协议) version: what the API accepts and stores, and the
 * types the rules and the web app share. Only zod here, so the browser can import it.
 *
 * The schema checks shape and ranges; the meaning (shares total 10,000 basis points, every member
 * has a duty, references point at members) is checked by `validateCharter` in charter-rules.ts,
 * so a draft may be saved incomplete and shows every problem at once, with exact messages.
 *
 * Conventions: members are organisation ids; money is integer fen (分) in CNY; shares are integer
 * basis points (10,000 = 100%); dates are ISO dates (YYYY-MM-DD); list items a person edits one by
 * one carry a short `id` (e.g. "WP1", "C3") so versions can be compared item by item.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Constants

/** Kinds of foreground IP (results made in the project), each with its own ownership rule. */
export const OUTCOME_TYPES = ['patent', 'software', 'know_how', 'standard'] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number];

/** Project stages a work package belongs to: 立项, 研发, 中试, 产业化, 推广, 结项. */
export const PROJECT_STAGES = [
  'application',
  'rd',
  'pilot',
  'industrialisation',
  'promotion',
  'closed',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/** What a member puts in: money, goods or services, staff time, or use of its equipment. */
export const CONTRIBUTION_KINDS = ['cash', 'in_kind', 'personnel', 'equipment'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** How income from results is split: fixed shares, or in proportion to recorded contributions. */
export const DISTRIBUTION_METHODS = ['fixed', 'contribution_weighted'] as const;
export type DistributionMethod = (typeof DISTRIBUTION_METHODS)[number];

/**
 * Who may license a foreground result to others:
 * - `each_co_owner`: each co-owner alone, non-exclusive licences only (the default of Art. 14 of
 *   the PRC Patent Law; royalties are income under the benefit rule);
 * - `all_co_owners_jointly`: only all co-owners together;
 * - `designated_members`: only the named co-owners.
 * An exclusive licence or a sale to a third party always needs the co-owners' first refusal.
 */
export const LICENSING_RIGHTS = ['each_co_owner', 'all_co_owners_jointly', 'designated_members'] as const;
export type LicensingRight = (typeof LICENSING_RIGHTS)[number];

/** On what terms members themselves may use a foreground result. */
export const MEMBER_USE_TERMS = ['royalty_free', 'fair_reasonable'] as const;
export type MemberUseTerms = (typeof MEMBER_USE_TERMS)[number];

/** On what terms other members may use a member's background IP (it always stays with its owner). */
export const BACKGROUND_ACCESS_TERMS = [
  'royalty_free',
  'fair_reasonable',
  'separate_agreement',
  'not_granted',
] as const;
export type BackgroundAccessTerms = (typeof BACKGROUND_ACCESS_TERMS)[number];

/** What happens to a leaving member's foreground IP shares. */
export const EXIT_IP_TREATMENTS = [
  'keeps_shares',
  'offers_shares_to_co_owners',
  'shares_pass_to_remaining',
] as const;
export type ExitIpTreatment = (typeof EXIT_IP_TREATMENTS)[number];

/** What a leaving member gets of income recorded after it left. */
export const EXIT_INCOME_TREATMENTS = ['keeps_entitlement', 'until_exit_only'] as const;
export type ExitIncomeTreatment = (typeof EXIT_INCOME_TREATMENTS)[number];

/**
 * Steps of the dispute procedure, in the order they escalate. Arbitration and litigation exclude
 * each other (或裁或审): a valid arbitration agreement takes the dispute out of the courts.
 */
export const DISPUTE_STEPS = ['negotiation', 'mediation', 'arbitration', 'litigation'] as const;
export type DisputeStep = (typeof DISPUTE_STEPS)[number];

/** Basis points of a whole: every share table adds up to exactly this. */
export const BASIS_POINTS_WHOLE = 10_000;

/** The largest money figure accepted: 10^15 fen (ten trillion yuan), well inside 2^53. */
export const MAX_CHARTER_FEN = 1_000_000_000_000_000;

/** The most personnel months one contribution may state (a thousand people for ten years). */
export const MAX_PERSON_MONTHS = 120_000;

// ---------------------------------------------------------------------------------------------
// Field pieces

const memberId = z.string().min(1).max(64).describe('Organisation id of a consortium member');
const itemId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'Use letters, digits, ".", "-" and "_" (up to 32)')
  .describe('A short id unique in its list, e.g. "WP1", "D1.2", "C3"');
const text = (max: number) => z.string().trim().max(max);
const fen = z
  .int()
  .min(0, 'Must not be negative')
  .max(MAX_CHARTER_FEN)
  .describe('An amount in fen (分), CNY; 100 fen = 1 yuan');
const basisPoints = z.int().min(0).max(BASIS_POINTS_WHOLE).describe('Basis points: 10,000 = 100%');
const isoDate = z.iso.date().describe('An ISO date, YYYY-MM-DD');

// ---------------------------------------------------------------------------------------------
// Work packages

export const Deliverable = z
  .strictObject({
    id: itemId,
    title: text(200).min(1).describe('What is delivered, e.g. "Pilot line test report"'),
    dueDate: isoDate.nullable().describe('When it is due, or null if not fixed yet'),
  })
  .describe('A deliverable of a work package');
export type Deliverable = z.infer<typeof Deliverable>;

export const WorkPackage = z
  .strictObject({
    id: itemId,
    title: text(200).min(1).describe('Title of the work package'),
    description: text(4000).describe('What is done in it'),
    stage: z.enum(PROJECT_STAGES).describe('The project stage the work package belongs to'),
    responsibleMemberId: memberId
      .nullable()
      .describe('The one member responsible for it; null while a draft has not chosen one'),
    contributingMemberIds: z
      .array(memberId)
      .max(50)
      .describe('Other members who work on it (not the responsible member)'),
    deliverables: z.array(Deliverable).max(30).describe('What it delivers'),
    startDate: isoDate.nullable().describe('When it starts, or null'),
    endDate: isoDate.nullable().describe('When it ends, or null'),
  })
  .describe('A work package (工作包)');
export type WorkPackage = z.infer<typeof WorkPackage>;

// ---------------------------------------------------------------------------------------------
// Contributions

const contributionBase = {
  id: itemId,
  memberId: memberId.describe('The member who contributes'),
  workPackageId: itemId.nullable().describe('The work package it goes to, or null for the whole project'),
  description: text(1000).describe('What exactly is contributed'),
  valuationFen: fen.describe('Agreed value in fen (分); weights income when the benefit rule says so'),
};

export const Contribution = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('cash').describe('Money'), ...contributionBase }),
    z.strictObject({
      kind: z.literal('in_kind').describe('Goods, materials or services'),
      ...contributionBase,
    }),
    z.strictObject({
      kind: z.literal('personnel').describe('Staff time'),
      ...contributionBase,
      personMonths: z
        .number()
        .min(0, 'Must not be negative')
        .max(MAX_PERSON_MONTHS)
        .multipleOf(0.1, 'At most one decimal')
        .describe('Person-months (人月), one decimal allowed, e.g. 7.5'),
    }),
    z.strictObject({
      kind: z.literal('equipment').describe('Use of equipment or facilities'),
      ...contributionBase,
    }),
  ])
  .describe('A contribution a member commits to (出资/投入), valued in fen');
export type Contribution = z.infer<typeof Contribution>;

// ---------------------------------------------------------------------------------------------
// Intellectual property

export const BackgroundIp = z
  .strictObject({
    id: itemId,
    ownerMemberId: memberId.describe('The member who brings it; it stays with this owner'),
    title: text(200).min(1).describe('What it is, e.g. a patent title or a body of know-how'),
    registrationNumber: text(40).nullable().describe('Patent or software copyright number, if registered'),
    projectAccess: z
      .enum(BACKGROUND_ACCESS_TERMS)
      .describe('On what terms other members may use it for the project work'),
    exploitationAccess: z
      .enum(BACKGROUND_ACCESS_TERMS)
      .describe('On what terms other members may use it to exploit the project results'),
    conditions: text(2000).describe('Further conditions of access'),
  })
  .describe('Background IP (背景知识产权) a member brings; ownership never moves');
export type BackgroundIp = z.infer<typeof BackgroundIp>;

export const Share = z
  .strictObject({
    memberId,
    basisPoints,
  })
  .describe("A member's share in basis points");
export type Share = z.infer<typeof Share>;

const shareTable = z.array(Share).max(50).describe('Shares; together exactly 10,000 basis points');

const licensingBase = {
  memberUse: z.enum(MEMBER_USE_TERMS).describe('On what terms members themselves may use the result'),
  terms: text(2000).describe('Licensing terms to third parties, e.g. royalty rates, fields, territories'),
};

export const Licensing = z
  .discriminatedUnion('whoMayLicense', [
    z.strictObject({
      whoMayLicense: z.literal('each_co_owner').describe('Each co-owner alone, non-exclusive licences only'),
      ...licensingBase,
    }),
    z.strictObject({
      whoMayLicense: z.literal('all_co_owners_jointly').describe('Only all co-owners together'),
      ...licensingBase,
    }),
    z.strictObject({
      whoMayLicense: z.literal('designated_members').describe('Only the named co-owners'),
      designatedMemberIds: z.array(memberId).min(1).max(50).describe('The co-owners who may license'),
      ...licensingBase,
    }),
  ])
  .describe('Who may license the result, and on what terms');
export type Licensing = z.infer<typeof Licensing>;

export const ForegroundIpRule = z
  .strictObject({
    shares: shareTable.describe('Ownership shares of results of this type; together exactly 10,000'),
    licensing: Licensing,
  })
  .describe('Ownership and licensing of one type of foreground IP (前景知识产权)');
export type ForegroundIpRule = z.infer<typeof ForegroundIpRule>;

export const ForegroundIp = z
  .strictObject({
    patent: ForegroundIpRule.describe('Patents'),
    software: ForegroundIpRule.describe('Software and its copyright'),
    know_how: ForegroundIpRule.describe('Know-how and technical secrets'),
    standard: ForegroundIpRule.describe('Standards drafted in the project'),
  })
  .describe('Foreground IP rules, one per type of result');
export type ForegroundIp = z.infer<typeof ForegroundIp>;

export const FirstRefusal = z
  .strictObject({
    offerPeriodDays: z
      .int()
      .min(1)
      .max(365)
      .describe('Days the co-owners have to answer an offer before a share may go to a third party'),
  })
  .describe(
    "Co-owners' right of first refusal before a share is sold or licensed exclusively to a third party",
  );
export type FirstRefusal = z.infer<typeof FirstRefusal>;

// ---------------------------------------------------------------------------------------------
// Benefit distribution

export const CostRecovery = z
  .strictObject({
    kinds: z
      .array(z.enum(CONTRIBUTION_KINDS))
      .min(1)
      .max(CONTRIBUTION_KINDS.length)
      .describe('Which kinds of recorded contribution count as costs to recover'),
  })
  .describe('A first tier: members recover recorded costs (pro rata if income falls short) before the split');
export type CostRecovery = z.infer<typeof CostRecovery>;

const costRecovery = CostRecovery.nullable().describe('Cost recovery before the split, or null for none');

export const BenefitRule = z
  .discriminatedUnion('method', [
    z.strictObject({
      method: z.literal('fixed').describe('Fixed shares'),
      shares: shareTable.describe('Income shares; together exactly 10,000 basis points'),
      costRecovery,
    }),
    z.strictObject({
      method: z.literal('contribution_weighted').describe('In proportion to the recorded contributions'),
      costRecovery,
    }),
  ])
  .describe('How income from the results is distributed (收益分配)');
export type BenefitRule = z.infer<typeof BenefitRule>;

// ---------------------------------------------------------------------------------------------
// Exit and disputes

export const ExitRule = z
  .strictObject({
    noticeDays: z.int().min(0).max(365).describe('Days of notice a member gives before leaving'),
    foregroundIp: z.enum(EXIT_IP_TREATMENTS).describe("What happens to the leaving member's IP shares"),
    futureIncome: z
      .enum(EXIT_INCOME_TREATMENTS)
      .describe('Whether it shares in income recorded after it left'),
    conditions: text(2000).describe('Further conditions of leaving'),
  })
  .describe('How a member leaves (退出机制); open duties must be reassigned first');
export type ExitRule = z.infer<typeof ExitRule>;

export const DisputeStepRule = z
  .strictObject({
    step: z.enum(DISPUTE_STEPS),
    days: z
      .int()
      .min(1)
      .max(365)
      .nullable()
      .describe('Days allowed for this step before escalating, or null'),
    forum: text(200).describe(
      'Who hears it: a mediator, the arbitration commission (required for arbitration) or a court',
    ),
  })
  .describe('One step of the dispute procedure');
export type DisputeStepRule = z.infer<typeof DisputeStepRule>;

export const DisputeProcedure = z
  .strictObject({
    steps: z
      .array(DisputeStepRule)
      .max(DISPUTE_STEPS.length)
      .describe('The steps, in the order they escalate'),
  })
  .describe('Dispute procedure (争议解决)');
export type DisputeProcedure = z.infer<typeof DisputeProcedure>;

// ---------------------------------------------------------------------------------------------
// The charter

export const CharterContent = z
  .strictObject({
    currency: z.enum(['CNY']).describe('Currency of every amount; only CNY'),
    objectives: z.array(text(1000).min(1)).max(20).describe('What the consortium sets out to achieve'),
    workPackages: z.array(WorkPackage).max(50).describe('Work packages'),
    contributions: z.array(Contribution).max(500).describe("Members' contributions"),
    backgroundIp: z.array(BackgroundIp).max(200).describe('Background IP members bring'),
    foregroundIp: ForegroundIp,
    firstRefusal: FirstRefusal,
    benefit: BenefitRule,
    exit: ExitRule,
    dispute: DisputeProcedure,
  })
  .describe('The content of a charter version; signatures bind to its digest');
export type CharterContent = z.infer<typeof CharterContent>;
