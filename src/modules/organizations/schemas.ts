import { z } from 'zod';

export const ORGANIZATION_KINDS = [
  'enterprise',
  'university',
  'vocational_college',
  'research_institute',
  'government',
  'fund',
  'service',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Enterprise size classes; `leading` is the chain leader (链主企业). */
export const SIZE_CLASSES = ['leading', 'large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** What a service organisation does. */
export const SERVICE_TYPES = ['incubator', 'technology_transfer', 'industry_association'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const CHAIN_POSITIONS = ['upstream', 'midstream', 'downstream'] as const;
export type ChainPosition = (typeof CHAIN_POSITIONS)[number];

export const VERIFICATION_STATUSES = ['unverified', 'verified'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** Districts and county-level cities of Suzhou, the cluster's region. */
export const DISTRICTS = [
  'gusu',
  'huqiu',
  'wuzhong',
  'xiangcheng',
  'wujiang',
  'sip',
  'changshu',
  'zhangjiagang',
  'kunshan',
  'taicang',
] as const;
export type District = (typeof DISTRICTS)[number];

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'Use lower-case letters, digits, "-" and "_"')
  .describe('A cluster slug, e.g. "biomedicine"');

export const ClusterMembershipInput = z.strictObject({
  cluster: slug,
  chainPosition: z.enum(CHAIN_POSITIONS).describe("The organisation's position in that cluster's chain"),
});

const nameZh = z.string().trim().min(1).max(120).describe('Name in Chinese');
const nameEn = z.string().trim().min(1).max(200).describe('Name in English');
const description = z.string().max(4000);
const website = z
  .url({ protocol: /^https?$/, error: 'Must be an http(s) address' })
  .max(300)
  .describe('Public website, http(s)');

export const CreateOrganizationBody = z
  .strictObject({
    kind: z.enum(ORGANIZATION_KINDS).describe('What kind of organisation this is'),
    sizeClass: z.enum(SIZE_CLASSES).nullable().optional().describe('Enterprises only: size class'),
    serviceType: z.enum(SERVICE_TYPES).nullable().optional().describe('Service organisations only'),
    nameZh,
    nameEn,
    creditCode: z
      .string()
      .trim()
      .toUpperCase()
      .nullable()
      .optional()
      .describe('Enterprises: 18-character unified social credit code (GB 32100-2015)'),
    moeCode: z.string().trim().nullable().optional().describe('Universities: 10-digit MOE institution code'),
    district: z.enum(DISTRICTS).nullable().optional().describe('District of Suzhou'),
    website: website.nullable().optional(),
    descriptionZh: description.optional().describe('Description in Chinese'),
    descriptionEn: description.optional().describe('Description in English'),
    clusters: z
      .array(ClusterMembershipInput)
      .max(20)
      .optional()
      .describe('Industry clusters and chain positions'),
  })
  .describe('A new organisation; it starts unverified');
export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBody>;

export const UpdateOrganizationBody = z
  .strictObject({
    version: z.int().min(1).describe('The version you edited; a stale one is refused with 409'),
    sizeClass: z.enum(SIZE_CLASSES).nullable().optional(),
    serviceType: z.enum(SERVICE_TYPES).nullable().optional(),
    nameZh: nameZh.optional(),
    nameEn: nameEn.optional(),
    creditCode: z.string().trim().toUpperCase().nullable().optional(),
    moeCode: z.string().trim().nullable().optional(),
    district: z.enum(DISTRICTS).nullable().optional(),
    website: website.nullable().optional(),
    descriptionZh: description.optional(),
    descriptionEn: description.optional(),
    clusters: z.array(ClusterMembershipInput).max(20).optional(),
  })
  .describe('Changes to an organisation profile; fields left out stay as they are');
export type UpdateOrganizationBody = z.infer<typeof UpdateOrganizationBody>;

export const VerifyOrganizationBody = z.strictObject({
  version: z.int().min(1),
});

export const OrganizationIdParams = z.strictObject({
  id: z.string().min(1).max(64).describe('Organisation id'),
});

export const MemberParams = z.strictObject({
  id: z.string().min(1).max(64).describe('Organisation id'),
  userId: z.string().min(1).max(64).describe('User id'),
});

export const ListOrganizationsQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Words in the name (Chinese or English)'),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  cluster: slug.optional(),
  chainPosition: z.enum(CHAIN_POSITIONS).optional(),
  district: z.enum(DISTRICTS).optional(),
  verification: z
    .enum(['verified', 'unverified', 'all'])
    .optional()
    .describe('Cluster office only may list unverified organisations; others always see verified ones'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListOrganizationsQuery = z.infer<typeof ListOrganizationsQuery>;

export const ClusterSchema = z.object({
  slug: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});
export type Cluster = z.infer<typeof ClusterSchema>;

export const OrganizationClusterSchema = ClusterSchema.extend({
  chainPosition: z.enum(CHAIN_POSITIONS),
});

export const OrganizationPermissions = z
  .object({
    update: z.boolean(),
    verify: z.boolean(),
    viewMembers: z.boolean(),
    manageMembers: z.boolean(),
  })
  .describe('What the caller may do with this organisation (the UI shows or hides actions by it)');
export type OrganizationPermissions = z.infer<typeof OrganizationPermissions>;

export const OrganizationSchema = z.object({
  id: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  sizeClass: z.enum(SIZE_CLASSES).nullable(),
  serviceType: z.enum(SERVICE_TYPES).nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  creditCode: z.string().nullable(),
  moeCode: z.string().nullable(),
  district: z.enum(DISTRICTS).nullable(),
  website: z.string().nullable(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  clusters: z.array(OrganizationClusterSchema),
  verificationStatus: z.enum(VERIFICATION_STATUSES),
  verifiedAt: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
  permissions: OrganizationPermissions,
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const OrganizationListSchema = z.object({
  items: z.array(OrganizationSchema.omit({ permissions: true })),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});
export type OrganizationList = z.infer<typeof OrganizationListSchema>;

export const ClusterListSchema = z.object({ items: z.array(ClusterSchema) });

export const MemberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'member']),
  createdAt: z.string(),
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberListSchema = z.object({ items: z.array(MemberSchema) });

export const AddMemberBody = z.strictObject({
  email: z.email().max(254).describe('E-mail of a registered user'),
  role: z.enum(['admin', 'member']),
});

export const ChangeMemberBody = z.strictObject({
  role: z.enum(['admin', 'member']),
});
