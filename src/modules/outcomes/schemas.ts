/**
 * Contracts of the outcomes module: a project's results and their owners' shares, income events
 * and the distribution statements they give each member, organisations' accounts, and transfers of
 * a co-owner's share under the co-owners' right of first refusal.
 *
 * Money: every amount the API takes or returns is integer fen (分, 100 fen = ¥1) written as a
 * string of decimal digits, e.g. "100000001" for ¥1,000,000.01. Strings keep amounts beyond 2^53
 * exact in JSON; the server computes in BigInt and never in floating point. Shares are integer basis
 * points (10,000 = 100%).
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** What a project produced; patents are recorded when filed and again when granted. */
export const OUTCOME_KINDS = [
  'patent_application',
  'patent_grant',
  'software_copyright',
  'standard',
  'know_how',
  'new_product',
  'paper',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** The charter's foreground IP types (the rule an outcome's ownership follows). */
export const IP_TYPES = ['patent', 'software', 'know_how', 'standard'] as const;
export type IpType = (typeof IP_TYPES)[number];

/** Income attributable to the project. */
export const INCOME_KINDS = ['licence_fee', 'royalty', 'sale', 'other'] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

/** What a co-owner offers: its share for sale, or an exclusive licence of it. */
export const TRANSFER_KINDS = ['sale', 'exclusive_licence'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** offered → taken_by_co_owners | sold | licensed, or → withdrawn by the seller. */
export const TRANSFER_STATUSES = ['offered', 'taken_by_co_owners', 'sold', 'licensed', 'withdrawn'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const TRANSFER_ANSWERS = ['accept', 'decline'] as const;
export type TransferAnswer = (typeof TRANSFER_ANSWERS)[number];

export const DISTRIBUTION_METHODS = ['fixed', 'contribution_weighted'] as const;

const id = z.string().min(1).max(64);
const isoDate = z.iso.date().describe('An ISO date, YYYY-MM-DD');
const version = z.int().min(1).describe('The version you acted on; a stale one is refused with 409');

/** Fen as decimal digits (no sign, no leading zeros): exact at any size. */
export const FenString = z
  .string()
  .regex(
    /^(0|[1-9][0-9]{0,29})$/,
    'Write a whole number of fen (分) in digits, e.g. "100000001" for ¥1,000,000.01',
  )
  .describe('An amount in fen (分) as a string of decimal digits; 100 fen = ¥1; exact beyond 2^53');

const positiveFen = FenString.refine((value) => value !== '0', 'Must be more than zero');

const basisPoints = z.int().min(1).max(10_000).describe('Basis points: 10,000 = 100%');

// ---------------------------------------------------------------------------------------------
// Requests

export const ProjectIdParams = z.strictObject({ id });
export const OutcomeIdParams = z.strictObject({ id });
export const OrganizationIdParams = z.strictObject({ id });
export const TransferParams = z.strictObject({ id, transferId: id });

export const ShareInput = z.strictObject({
  organizationId: id.describe('A party of the project'),
  basisPoints,
});
export type ShareInput = z.infer<typeof ShareInput>;

export const RecordOutcomeBody = z
  .strictObject({
    kind: z.enum(OUTCOME_KINDS),
    title: z.string().trim().min(1).max(300),
    description: z.string().trim().max(4000).optional(),
    reference: z
      .string()
      .trim()
      .max(100)
      .describe('Application, grant, registration or standard number, or a DOI for a paper'),
    outcomeDate: isoDate.describe('Date of the outcome: filing, grant, registration, publication or launch'),
    filingDate: isoDate.nullable().optional().describe('Filing date of a patent or registration'),
    grantDate: isoDate.nullable().optional().describe('Grant date of a patent'),
    organizationId: id.describe('The party recording it; you must be one of its members'),
    shares: z
      .array(ShareInput)
      .max(50)
      .optional()
      .describe(
        'Ownership shares, only for a project without an effective charter; with one they are copied from its foreground IP rule',
      ),
  })
  .describe('A result of the project; its owners follow the charter in force');
export type RecordOutcomeBody = z.infer<typeof RecordOutcomeBody>;

export const RecordIncomeBody = z
  .strictObject({
    kind: z.enum(INCOME_KINDS),
    amountFen: positiveFen.describe(
      'The amount received, in fen as digits, e.g. "100000001" for ¥1,000,000.01',
    ),
    receivedOn: isoDate.describe('When it was received'),
    payer: z.string().trim().min(1).max(200).describe('Who paid it'),
    outcomeId: id.nullable().optional().describe('The outcome it comes from, if any'),
    note: z.string().trim().max(2000).optional(),
  })
  .describe("Income attributable to the project, distributed at once under the charter's benefit rule");
export type RecordIncomeBody = z.infer<typeof RecordIncomeBody>;

export const OfferTransferBody = z
  .strictObject({
    organizationId: id.describe('The co-owner offering (part of) its share; you must be its admin'),
    kind: z.enum(TRANSFER_KINDS),
    basisPoints: basisPoints.describe('How much of its share it offers, in basis points of the whole'),
    priceFen: FenString.describe('The price asked, in fen as digits; a third party may not pay less'),
    note: z.string().trim().max(2000).optional(),
  })
  .describe("Offer a share to the co-owners first, for the charter's first-refusal period");
export type OfferTransferBody = z.infer<typeof OfferTransferBody>;

export const RespondTransferBody = z
  .strictObject({
    organizationId: id.describe('The co-owner answering; you must be its admin'),
    answer: z
      .enum(TRANSFER_ANSWERS)
      .describe('accept: take up the share (pro rata if several do); decline: waive'),
  })
  .describe("A co-owner's answer within the offer period");
export type RespondTransferBody = z.infer<typeof RespondTransferBody>;

export const CompleteTransferBody = z
  .strictObject({
    version,
    transferee: z
      .strictObject({
        organizationId: id.nullable().optional().describe('The buyer or licensee, if it is on the platform'),
        name: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .nullable()
          .optional()
          .describe('Its name, if not on the platform'),
        priceFen: FenString.describe('What it pays, in fen as digits'),
      })
      .nullable()
      .optional()
      .describe('The third party; leave out to complete the transfer to the co-owners that accepted'),
  })
  .describe(
    'Complete the transfer: to the accepting co-owners, or (first refusal allowing) to a third party',
  );
export type CompleteTransferBody = z.infer<typeof CompleteTransferBody>;

export const WithdrawTransferBody = z.strictObject({ version });
export type WithdrawTransferBody = z.infer<typeof WithdrawTransferBody>;

export const AccountQuery = z.strictObject({
  projectId: id.optional().describe('Only entries of this project'),
});
export type AccountQuery = z.infer<typeof AccountQuery>;

// ---------------------------------------------------------------------------------------------
// Responses

export const OrganizationRefSchema = z.object({
  id: z.string(),
  kind: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});
export type OrganizationRef = z.infer<typeof OrganizationRefSchema>;

export const HoldingSchema = z.object({
  holderKey: z
    .string()
    .describe('The organisation id, or "ext:<name>" for a third party not on the platform'),
  organization: OrganizationRefSchema.nullable(),
  name: z.string().nullable().describe('The name of a third party not on the platform'),
  basisPoints: z.int(),
});
export type Holding = z.infer<typeof HoldingSchema>;

export const OutcomeSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(OUTCOME_KINDS),
  ipType: z.enum(IP_TYPES).nullable(),
  title: z.string(),
  description: z.string(),
  reference: z.string(),
  outcomeDate: z.string(),
  filingDate: z.string().nullable(),
  grantDate: z.string().nullable(),
  charterNumber: z.int().nullable().describe('The charter version the initial shares were copied from'),
  recordedFor: OrganizationRefSchema,
  shares: z.array(HoldingSchema),
  openTransfers: z.int(),
  createdAt: z.string(),
  version: z.int(),
  permissions: z.object({
    offerFor: z.array(z.string()).describe('Co-owners you may offer a share for (their admin)'),
  }),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

export const OutcomeListSchema = z.object({
  items: z.array(OutcomeSchema),
  charterNumber: z.int().nullable().describe('The effective charter, or null (income is then refused)'),
  parties: z.array(OrganizationRefSchema).describe('The organisations taking part in the project'),
  permissions: z.object({
    recordFor: z.array(z.string()).describe('Parties you may record outcomes for (your organisations)'),
    recordIncome: z.boolean(),
  }),
});
export type OutcomeList = z.infer<typeof OutcomeListSchema>;

export const StatementLineSchema = z.object({
  id: z.string(),
  organization: OrganizationRefSchema,
  costRecoveryFen: FenString,
  shareFen: FenString,
  totalFen: FenString,
  weight: z
    .string()
    .describe('Basis points (fixed rule) or contributed fen (weighted rule) the share follows'),
});
export type StatementLine = z.infer<typeof StatementLineSchema>;

export const IncomeSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  number: z.int(),
  kind: z.enum(INCOME_KINDS),
  amountFen: FenString,
  receivedOn: z.string(),
  payer: z.string(),
  outcome: z.object({ id: z.string(), title: z.string() }).nullable(),
  note: z.string(),
  charterNumber: z.int(),
  method: z.enum(DISTRIBUTION_METHODS),
  costRecoveryFen: FenString,
  sharedFen: FenString,
  recordedAt: z.string(),
  statements: z.array(StatementLineSchema).describe('One line per member; the totals add up to the amount'),
});
export type Income = z.infer<typeof IncomeSchema>;

export const IncomeListSchema = z.object({
  items: z.array(IncomeSchema),
  totalFen: FenString,
  charterNumber: z.int().nullable(),
  permissions: z.object({ record: z.boolean() }),
});
export type IncomeList = z.infer<typeof IncomeListSchema>;

export const AccountEntrySchema = z.object({
  id: z.string(),
  postedAt: z.string(),
  amountFen: FenString,
  balanceAfterFen: FenString,
  project: z.object({ id: z.string(), title: z.string() }),
  income: z.object({
    id: z.string(),
    number: z.int(),
    kind: z.enum(INCOME_KINDS),
    payer: z.string(),
    receivedOn: z.string(),
    amountFen: FenString,
  }),
  statement: z.object({ id: z.string(), costRecoveryFen: FenString, shareFen: FenString }),
});
export type AccountEntry = z.infer<typeof AccountEntrySchema>;

export const AccountSchema = z.object({
  organization: OrganizationRefSchema,
  balanceFen: FenString,
  entries: z.array(AccountEntrySchema).describe('Newest first, with the balance after each'),
});
export type Account = z.infer<typeof AccountSchema>;

export const TransferSchema = z.object({
  id: z.string(),
  outcomeId: z.string(),
  seller: OrganizationRefSchema,
  kind: z.enum(TRANSFER_KINDS),
  basisPoints: z.int(),
  priceFen: FenString,
  offerPeriodDays: z.int(),
  offeredAt: z.string(),
  deadline: z.string().describe('End of the first-refusal period'),
  status: z.enum(TRANSFER_STATUSES),
  responses: z.array(
    z.object({
      organization: OrganizationRefSchema,
      answer: z.enum(TRANSFER_ANSWERS),
      answeredAt: z.string(),
    }),
  ),
  awaiting: z.array(OrganizationRefSchema).describe('Co-owners that have not answered'),
  thirdPartyAllowed: z
    .boolean()
    .describe('Whether a sale or exclusive licence to a third party is allowed now'),
  transferee: z
    .object({ organization: OrganizationRefSchema.nullable(), name: z.string().nullable() })
    .nullable(),
  finalPriceFen: FenString.nullable(),
  moved: z.array(z.object({ holderKey: z.string(), basisPoints: z.int() })).nullable(),
  note: z.string(),
  completedAt: z.string().nullable(),
  version: z.int(),
  permissions: z.object({
    respondFor: z.array(z.string()).describe('Co-owners you may answer for'),
    complete: z.boolean(),
    withdraw: z.boolean(),
  }),
});
export type Transfer = z.infer<typeof TransferSchema>;

export const TransferListSchema = z.object({ items: z.array(TransferSchema) });
export type TransferList = z.infer<typeof TransferListSchema>;
