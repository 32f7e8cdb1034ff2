/**
 * Contracts of the directory: technical needs (技术需求), capabilities (研发能力/服务),
 * achievements (科技成果), expert profiles, and NDA requests. A record whose tier hides its details
 * from the caller is answered with a teaser (`detailsHidden: true`) whose schema has no field for
 * what the tier hides, so the serialiser drops it even if a service slipped.
 */
import { z } from 'zod';
import { ClusterSchema, ORGANIZATION_KINDS, type OrganizationKind } from '../organizations/schemas.js';

/** How an enterprise wants to work with a partner on a need, or what a capability offers. */
export const COOPERATION_MODES = [
  'commissioned_rd',
  'joint_rd',
  'licence',
  'transfer',
  'consulting',
  'talent',
] as const;
export type CooperationMode = (typeof COOPERATION_MODES)[number];

export const NEED_STATUSES = ['open', 'in_talks', 'matched', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** Capabilities, achievements and expert profiles are listed until their owner closes them. */
export const LISTING_STATUSES = ['active', 'closed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const ACHIEVEMENT_KINDS = ['patent', 'software_copyright', 'know_how'] as const;
export type AchievementKind = (typeof ACHIEVEMENT_KINDS)[number];

export const TRANSFER_MODES = ['transfer', 'licence', 'joint_development', 'equity'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

/**
 * Who sees a record's details: everyone; members of verified organisations; only the owner and
 * organisations whose NDA request the owner accepted. The same values as the search contract.
 */
export const VISIBILITY_TIERS = ['public', 'registered', 'parties'] as const;
export type VisibilityTier = (typeof VISIBILITY_TIERS)[number];

/** Records with tiers, which NDA requests can refer to. */
export const TIERED_TYPES = ['need', 'capability', 'achievement'] as const;
export type TieredType = (typeof TIERED_TYPES)[number];

export const NDA_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type NdaStatus = (typeof NDA_STATUSES)[number];

/** The caller's standing on a `parties` record: no request, waiting, a party, or refused. */
export const NDA_STANDINGS = ['none', 'pending', 'accepted', 'declined'] as const;
export type NdaStanding = (typeof NDA_STANDINGS)[number];

/** The directory's record types, including expert profiles. */
export type RecordType = 'need' | 'capability' | 'achievement' | 'expert';

/**
 * Which kinds of organisation may own each record type:
 * - needs (技术需求) come from enterprises, who are the demand side;
 * - capabilities (研发能力/服务) are offered by universities, colleges and institutes, by service
 *   organisations (testing, incubation, technology transfer) and by enterprises that sell R&D
 *   services (a CRO, a design house);
 * - achievements (科技成果) are research results of universities, colleges and institutes, the
 *   supply side of technology transfer;
 * - experts belong to any organisation that does research or engineering: not government offices
 *   or funds, whose staff are not listed as technical experts.
 * Government offices and funds post nothing; they take part through calls and funding.
 */
export const POSTER_KINDS: Readonly<Record<RecordType, readonly OrganizationKind[]>> = {
  need: ['enterprise'],
  capability: ['university', 'vocational_college', 'research_institute', 'service', 'enterprise'],
  achievement: ['university', 'vocational_college', 'research_institute'],
  expert: ['university', 'vocational_college', 'research_institute', 'service', 'enterprise'],
};

/** The largest budget figure accepted: 10^15 fen (ten trillion yuan), well inside 2^53. */
export const MAX_FEN = 1_000_000_000_000_000;

// ---------------------------------------------------------------------------------------------
// Field pieces

const id = z.string().min(1).max(64);
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'Use lower-case letters, digits, "-" and "_"')
  .describe('A cluster slug, e.g. "integrated-circuits"');
const title = z.string().trim().min(1).max(200).describe('Title, in Chinese or English');
const description = z
  .string()
  .trim()
  .min(1)
  .max(8000)
  .describe('The full description; hidden from callers the tier does not admit');
const keywords = z
  .array(z.string().trim().min(1).max(40))
  .max(20)
  .describe('Keywords; hidden from callers the tier does not admit');
const publicKeywords = z
  .array(z.string().trim().min(1).max(40))
  .max(10)
  .describe('Keywords shown to everyone, even when the tier hides the details (so the record can be found)');
const visibility = z
  .enum(VISIBILITY_TIERS)
  .describe(
    'public: everyone sees the details; registered: members of verified organisations; parties: the owner and organisations whose NDA request it accepted',
  );
const ndaTerms = z
  .string()
  .trim()
  .max(4000)
  .describe('Confidentiality terms a requester accepts when asking for access (parties tier)');
const fen = z.int().min(0).max(MAX_FEN);
const version = z.int().min(1).describe('The version you edited; a stale one is refused with 409');

// ---------------------------------------------------------------------------------------------
// Needs

export const CreateNeedBody = z
  .strictObject({
    ownerOrganizationId: id.describe('The enterprise posting the need; you must be its member'),
    title,
    description,
    keywords: keywords.optional(),
    publicKeywords: publicKeywords.optional(),
    cluster: slug.nullable().optional(),
    cooperationModes: z
      .array(z.enum(COOPERATION_MODES))
      .min(1)
      .max(COOPERATION_MODES.length)
      .describe('How the enterprise wants to cooperate'),
    budgetMinFen: fen.nullable().optional().describe('Lower end of the budget, in fen (分)'),
    budgetMaxFen: fen.nullable().optional().describe('Upper end of the budget, in fen (分)'),
    currency: z.enum(['CNY']).optional().describe('Currency of the budget; only CNY'),
    deadline: z.iso.date().nullable().optional().describe('Last day to respond, YYYY-MM-DD (Suzhou time)'),
    visibility,
    ndaTerms: ndaTerms.optional(),
  })
  .describe('A new technical need (技术需求) of an enterprise');
export type CreateNeedBody = z.infer<typeof CreateNeedBody>;

export const UpdateNeedBody = z
  .strictObject({
    version,
    title: title.optional(),
    description: description.optional(),
    keywords: keywords.optional(),
    publicKeywords: publicKeywords.optional(),
    cluster: slug.nullable().optional(),
    cooperationModes: z.array(z.enum(COOPERATION_MODES)).min(1).max(COOPERATION_MODES.length).optional(),
    budgetMinFen: fen.nullable().optional(),
    budgetMaxFen: fen.nullable().optional(),
    deadline: z.iso.date().nullable().optional(),
    visibility: visibility.optional(),
    ndaTerms: ndaTerms.optional(),
  })
  .describe('Changes to a need; fields left out stay as they are');
export type UpdateNeedBody = z.infer<typeof UpdateNeedBody>;

export const NeedStatusBody = z.strictObject({
  version,
  status: z.enum(NEED_STATUSES).describe('The new status'),
});

// ---------------------------------------------------------------------------------------------
// Capabilities

export const CreateCapabilityBody = z
  .strictObject({
    ownerOrganizationId: id.describe('The organisation offering the capability; you must be its member'),
    title,
    description,
    keywords: keywords.optional(),
    publicKeywords: publicKeywords.optional(),
    cluster: slug.nullable().optional(),
    cooperationModes: z
      .array(z.enum(COOPERATION_MODES))
      .min(1)
      .max(COOPERATION_MODES.length)
      .describe('How partners can work with this capability'),
    visibility,
    ndaTerms: ndaTerms.optional(),
  })
  .describe('A research capability or service (研发能力/服务)');
export type CreateCapabilityBody = z.infer<typeof CreateCapabilityBody>;

export const UpdateCapabilityBody = z
  .strictObject({
    version,
    title: title.optional(),
    description: description.optional(),
    keywords: keywords.optional(),
    publicKeywords: publicKeywords.optional(),
    cluster: slug.nullable().optional(),
    cooperationModes: z.array(z.enum(COOPERATION_MODES)).min(1).max(COOPERATION_MODES.length).optional(),
    visibility: visibility.optional(),
    ndaTerms: ndaTerms.optional(),
  })
  .describe('Changes to a capability; fields left out stay as they are');
export type UpdateCapabilityBody = z.infer<typeof UpdateCapabilityBody>;

export const ListingStatusBody = z.strictObject({
  version,
  status: z.enum(LISTING_STATUSES).describe('The new status (closing is final)'),
});

// ---------------------------------------------------------------------------------------------
// Achievements

const registrationNumber = z
  .string()
  .trim()
  .max(40)
  .describe(
    'Patents: the CNIPA application number (e.g. CN202310123456.6, check digit verified) or publication number; software copyrights: the registration number (e.g. 2023SR0123456); none for know-how',
  );
const trl = z.int().min(1).max(9).describe('Technology readiness level, 1–9');

export const CreateAchievementBody = z
  .strictObject({
    ownerOrganizationId: id.describe(
      'The university or institute that owns the result; you must be its member',
    ),
    title,
    description,
    keywords: keywords.optional(),
    publicKeywords: publicKeywords.optional(),
    cluster: slug.nullable().optional(),
    kind: z.enum(ACHIEVEMENT_KINDS).describe('Patent, software copyright or know-how'),
    registrationNumber: registrationNumber.nullable().optional(),
    trl,
    transferModes: z
      .array(z.enum(TRANSFER_MODES))
      .min(1)
      .max(TRANSFER_MODES.length)
      .describe('How the result can be taken up'),
    visibility,
    ndaTerms: ndaTerms.optional(),
  })
  .describe('A research result offered for transfer (科技成果)');
export type CreateAchievementBody = z.infer<typeof CreateAchievementBody>;

export const UpdateAchievementBody = z
  .strictObject({
    version,
    title: title.optional(),
    description: description.optional(),
    keywords: keywords.optional(),
    publicKeywords: publicKeywords.optional(),
    cluster: slug.nullable().optional(),
    kind: z.enum(ACHIEVEMENT_KINDS).optional(),
    registrationNumber: registrationNumber.nullable().optional(),
    trl: trl.optional(),
    transferModes: z.array(z.enum(TRANSFER_MODES)).min(1).max(TRANSFER_MODES.length).optional(),
    visibility: visibility.optional(),
    ndaTerms: ndaTerms.optional(),
  })
  .describe('Changes to an achievement; fields left out stay as they are');
export type UpdateAchievementBody = z.infer<typeof UpdateAchievementBody>;

// ---------------------------------------------------------------------------------------------
// Experts

const personName = z.string().trim().max(120);
const orcid = z
  .string()
  .trim()
  .max(60)
  .describe('ORCID iD, e.g. 0000-0002-1825-0097 (the ISO 7064 11,2 check digit is verified)');
const fields = z.array(z.string().trim().min(1).max(60)).max(10).describe('Research fields');

export const CreateExpertBody = z
  .strictObject({
    organizationId: id.describe("The expert's organisation; you must be its member"),
    nameZh: personName.optional().describe('Name in Chinese'),
    nameEn: personName.optional().describe('Name in English (pinyin or a foreign name)'),
    title: z.string().trim().max(120).optional().describe('Professional title, e.g. 教授 / Professor'),
    fields: fields.optional(),
    keywords: keywords.optional(),
    orcid: orcid.nullable().optional(),
    cluster: slug.nullable().optional(),
    bio: z.string().trim().max(4000).optional().describe('A short biography'),
  })
  .describe("An expert's public profile; needs a name in Chinese or English");
export type CreateExpertBody = z.infer<typeof CreateExpertBody>;

export const UpdateExpertBody = z
  .strictObject({
    version,
    nameZh: personName.optional(),
    nameEn: personName.optional(),
    title: z.string().trim().max(120).optional(),
    fields: fields.optional(),
    keywords: keywords.optional(),
    orcid: orcid.nullable().optional(),
    cluster: slug.nullable().optional(),
    bio: z.string().trim().max(4000).optional(),
  })
  .describe('Changes to an expert profile; fields left out stay as they are');
export type UpdateExpertBody = z.infer<typeof UpdateExpertBody>;

// ---------------------------------------------------------------------------------------------
// Queries and parameters

export const RecordIdParams = z.strictObject({ id: id.describe('Record id') });

const page = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
const q = z.string().trim().max(100).optional().describe('Words in the title (Chinese or English)');

export const ListNeedsQuery = z.strictObject({
  q,
  cluster: slug.optional(),
  cooperationMode: z.enum(COOPERATION_MODES).optional(),
  status: z.enum(NEED_STATUSES).optional(),
  owner: id.optional().describe('Only needs of this organisation'),
  ...page,
});
export type ListNeedsQuery = z.infer<typeof ListNeedsQuery>;

export const ListCapabilitiesQuery = z.strictObject({
  q,
  cluster: slug.optional(),
  cooperationMode: z.enum(COOPERATION_MODES).optional(),
  status: z.enum(LISTING_STATUSES).optional(),
  owner: id.optional().describe('Only capabilities of this organisation'),
  ownerKind: z.enum(ORGANIZATION_KINDS).optional().describe('Only capabilities of this kind of organisation'),
  ...page,
});
export type ListCapabilitiesQuery = z.infer<typeof ListCapabilitiesQuery>;

export const ListAchievementsQuery = z.strictObject({
  q,
  cluster: slug.optional(),
  kind: z.enum(ACHIEVEMENT_KINDS).optional(),
  transferMode: z.enum(TRANSFER_MODES).optional(),
  trlMin: z.coerce.number().int().min(1).max(9).optional().describe('Lowest technology readiness level'),
  trlMax: z.coerce.number().int().min(1).max(9).optional().describe('Highest technology readiness level'),
  status: z.enum(LISTING_STATUSES).optional(),
  owner: id.optional().describe('Only achievements of this organisation'),
  ownerKind: z.enum(ORGANIZATION_KINDS).optional(),
  ...page,
});
export type ListAchievementsQuery = z.infer<typeof ListAchievementsQuery>;

export const ListExpertsQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Words in the name (Chinese or English)'),
  cluster: slug.optional(),
  status: z.enum(LISTING_STATUSES).optional(),
  owner: id.optional().describe('Only experts of this organisation'),
  ownerKind: z.enum(ORGANIZATION_KINDS).optional(),
  ...page,
});
export type ListExpertsQuery = z.infer<typeof ListExpertsQuery>;

// ---------------------------------------------------------------------------------------------
// Responses

export const OwnerSchema = z
  .object({
    id: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
    nameZh: z.string(),
    nameEn: z.string(),
  })
  .describe('The organisation that posted the record');
export type Owner = z.infer<typeof OwnerSchema>;

export const RecordPermissions = z
  .object({
    update: z.boolean(),
    changeStatus: z.boolean(),
    close: z.boolean().describe('Whether the caller may close the record now (closing is final)'),
    /** The statuses the caller may move the record to now. */
    nextStatuses: z.array(z.string()),
    requestNda: z.boolean(),
  })
  .describe('What the caller may do with this record (the UI shows or hides actions by it)');
export type RecordPermissions = z.infer<typeof RecordPermissions>;

/** What every tiered record shows to anyone, details or not. */
const teaserBase = {
  id: z.string(),
  owner: OwnerSchema,
  title: z.string(),
  publicKeywords: z.array(z.string()),
  cluster: ClusterSchema.nullable(),
  visibility: z.enum(VISIBILITY_TIERS),
  ndaTerms: z.string(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
};
const hidden = { detailsHidden: z.literal(true).describe('The tier hides the details from the caller') };
const shown = { detailsHidden: z.literal(false) };
const restricted = { description: z.string(), keywords: z.array(z.string()) };

const needTeaser = {
  ...teaserBase,
  cooperationModes: z.array(z.enum(COOPERATION_MODES)),
  deadline: z.string().nullable(),
  status: z.enum(NEED_STATUSES),
};
export const NeedTeaserSchema = z.object({ ...needTeaser, ...hidden });
export const NeedDetailsSchema = z.object({
  ...needTeaser,
  ...restricted,
  budgetMinFen: z.int().nullable(),
  budgetMaxFen: z.int().nullable(),
  currency: z.literal('CNY'),
  ...shown,
});
export const NeedListItemSchema = z.discriminatedUnion('detailsHidden', [
  NeedDetailsSchema,
  NeedTeaserSchema,
]);
export type NeedListItem = z.infer<typeof NeedListItemSchema>;
export type NeedDetails = z.infer<typeof NeedDetailsSchema>;
export type NeedTeaser = z.infer<typeof NeedTeaserSchema>;

const withCallerFacts = {
  permissions: RecordPermissions,
  ndaStanding: z.enum(NDA_STANDINGS).describe("The caller's organisations' NDA standing on this record"),
};
export const NeedSchema = z.discriminatedUnion('detailsHidden', [
  NeedDetailsSchema.extend(withCallerFacts),
  NeedTeaserSchema.extend(withCallerFacts),
]);
export type Need = z.infer<typeof NeedSchema>;

const capabilityTeaser = {
  ...teaserBase,
  cooperationModes: z.array(z.enum(COOPERATION_MODES)),
  status: z.enum(LISTING_STATUSES),
};
export const CapabilityTeaserSchema = z.object({ ...capabilityTeaser, ...hidden });
export const CapabilityDetailsSchema = z.object({ ...capabilityTeaser, ...restricted, ...shown });
export const CapabilityListItemSchema = z.discriminatedUnion('detailsHidden', [
  CapabilityDetailsSchema,
  CapabilityTeaserSchema,
]);
export type CapabilityListItem = z.infer<typeof CapabilityListItemSchema>;
export const CapabilitySchema = z.discriminatedUnion('detailsHidden', [
  CapabilityDetailsSchema.extend(withCallerFacts),
  CapabilityTeaserSchema.extend(withCallerFacts),
]);
export type Capability = z.infer<typeof CapabilitySchema>;

const achievementTeaser = {
  ...teaserBase,
  kind: z.enum(ACHIEVEMENT_KINDS),
  trl: z.int(),
  transferModes: z.array(z.enum(TRANSFER_MODES)),
  status: z.enum(LISTING_STATUSES),
};
export const AchievementTeaserSchema = z.object({ ...achievementTeaser, ...hidden });
export const AchievementDetailsSchema = z.object({
  ...achievementTeaser,
  ...restricted,
  registrationNumber: z.string().nullable(),
  ...shown,
});
export const AchievementListItemSchema = z.discriminatedUnion('detailsHidden', [
  AchievementDetailsSchema,
  AchievementTeaserSchema,
]);
export type AchievementListItem = z.infer<typeof AchievementListItemSchema>;
export const AchievementSchema = z.discriminatedUnion('detailsHidden', [
  AchievementDetailsSchema.extend(withCallerFacts),
  AchievementTeaserSchema.extend(withCallerFacts),
]);
export type Achievement = z.infer<typeof AchievementSchema>;

export const ExpertListItemSchema = z.object({
  id: z.string(),
  organization: OwnerSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  title: z.string(),
  fields: z.array(z.string()),
  keywords: z.array(z.string()),
  orcid: z.string().nullable(),
  cluster: ClusterSchema.nullable(),
  bio: z.string(),
  status: z.enum(LISTING_STATUSES),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});
export type ExpertListItem = z.infer<typeof ExpertListItemSchema>;
export const ExpertSchema = ExpertListItemSchema.extend({ permissions: RecordPermissions });
export type Expert = z.infer<typeof ExpertSchema>;

function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.int(), limit: z.int(), offset: z.int() });
}
export const NeedListSchema = pageOf(NeedListItemSchema);
export type NeedList = z.infer<typeof NeedListSchema>;
export const CapabilityListSchema = pageOf(CapabilityListItemSchema);
export type CapabilityList = z.infer<typeof CapabilityListSchema>;
export const AchievementListSchema = pageOf(AchievementListItemSchema);
export type AchievementList = z.infer<typeof AchievementListSchema>;
export const ExpertListSchema = pageOf(ExpertListItemSchema);
export type ExpertList = z.infer<typeof ExpertListSchema>;

/** Everything one organisation posted, each record as the caller's tier allows. */
export const OrganizationDirectorySchema = z.object({
  needs: NeedListSchema,
  capabilities: CapabilityListSchema,
  achievements: AchievementListSchema,
  experts: ExpertListSchema,
});
export type OrganizationDirectory = z.infer<typeof OrganizationDirectorySchema>;

// ---------------------------------------------------------------------------------------------
// NDA requests

export const CreateNdaRequestBody = z
  .strictObject({
    organizationId: id
      .optional()
      .describe('The verified organisation you ask for; may be left out when you belong to exactly one'),
    message: z.string().trim().min(1).max(2000).describe('Who you are and why you want access'),
    acceptTerms: z.literal(true).describe("You accept the owner's NDA terms shown with the record"),
  })
  .describe('Ask the owner of a parties-tier record to admit your organisation');
export type CreateNdaRequestBody = z.infer<typeof CreateNdaRequestBody>;

export const AcceptNdaRequestBody = z.strictObject({ version });
export const DeclineNdaRequestBody = z.strictObject({
  version,
  reason: z.string().trim().min(1).max(1000).describe('Why the request is declined (the requester sees it)'),
});

export const ListNdaRequestsQuery = z.strictObject({
  direction: z
    .enum(['incoming', 'outgoing'])
    .default('incoming')
    .describe(
      "incoming: requests for your organisations' records (admins); outgoing: your organisations' requests",
    ),
  status: z.enum(NDA_STATUSES).optional(),
  ...page,
});
export type ListNdaRequestsQuery = z.infer<typeof ListNdaRequestsQuery>;

export const NdaRequestSchema = z.object({
  id: z.string(),
  entityType: z.enum(TIERED_TYPES),
  entityId: z.string(),
  /** The record's title, which every tier shows. */
  entityTitle: z.string(),
  owner: OwnerSchema,
  requester: OwnerSchema,
  message: z.string(),
  acceptedTerms: z.string(),
  status: z.enum(NDA_STATUSES),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.int(),
  permissions: z.object({ accept: z.boolean(), decline: z.boolean() }),
});
export type NdaRequest = z.infer<typeof NdaRequestSchema>;
export const NdaRequestListSchema = pageOf(NdaRequestSchema);
export type NdaRequestList = z.infer<typeof NdaRequestListSchema>;
