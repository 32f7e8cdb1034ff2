/**
 * Contracts of the consortia module: forming a consortium around a lead organisation, inviting
 * members who accept or decline, their roles and chain positions, applying to the cluster office
 * for designation, and the office's lead policy.
 */
import { z } from 'zod';
import {
  CHAIN_POSITIONS,
  ORGANIZATION_KINDS,
  SIZE_CLASSES,
  type ChainPosition,
} from '../organizations/schemas.js';
import { CharterContent } from './charter.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary (the state machines are in rules.ts)

/** forming until designated; active once the cluster office designates it; dissolved at the end. */
export const CONSORTIUM_STATUSES = ['forming', 'active', 'dissolved'] as const;
export type ConsortiumStatus = (typeof CONSORTIUM_STATUSES)[number];

/** draft → submitted → approved, or → returned (with comments) → submitted again. */
export const DESIGNATION_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type DesignationStatus = (typeof DESIGNATION_STATUSES)[number];

/** One application's outcome. */
export const APPLICATION_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Exactly one member is the lead; the others are core members, members or supporting bodies. */
export const MEMBER_ROLES = ['lead', 'core', 'member', 'supporting'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Roles an invitation or a role change may give (the lead is fixed at creation). */
export const INVITABLE_ROLES = ['core', 'member', 'supporting'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export const MEMBER_STATUSES = ['invited', 'active', 'declined', 'withdrawn', 'left', 'removed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** What a caller may do with one membership now. */
export const MEMBER_ACTIONS = ['accept', 'decline', 'withdraw', 'change', 'remove', 'leave'] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

export const CONSORTIUM_SCOPES = ['mine', 'designated', 'all'] as const;
export type ConsortiumScope = (typeof CONSORTIUM_SCOPES)[number];

export { CHAIN_POSITIONS, type ChainPosition };

const id = z.string().min(1).max(64);
const version = z.int().min(1).describe('The version you acted on; a stale one is refused with 409');
const nameZh = z.string().trim().min(1).max(120).describe('Name in Chinese');
const nameEn = z.string().trim().min(1).max(200).describe('Name in English');
const summary = z.string().trim().max(500).describe('One paragraph: what the consortium is for');
const objectives = z.string().trim().max(4000).describe('Objectives and expected results');
const clusterSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'Use lower-case letters, digits, "-" and "_"')
  .describe('The industry cluster the consortium works in, by slug');
const note = z.string().trim().max(2000);

// ---------------------------------------------------------------------------------------------
// Requests

export const CreateConsortiumBody = z
  .strictObject({
    leadOrganizationId: id.describe('The lead organisation; you must be one of its members'),
    nameZh,
    nameEn,
    summary: summary.optional(),
    objectives: objectives.optional(),
    cluster: clusterSlug,
    chainPosition: z
      .enum(CHAIN_POSITIONS)
      .nullable()
      .optional()
      .describe("The lead's position in the cluster's chain"),
    sourceMatchId: id
      .optional()
      .describe('An agreed or converted match of the lead organisation the consortium grows out of'),
  })
  .describe('A new consortium in formation; the lead organisation becomes its lead member');
export type CreateConsortiumBody = z.infer<typeof CreateConsortiumBody>;

export const UpdateConsortiumBody = z
  .strictObject({
    version,
    nameZh: nameZh.optional(),
    nameEn: nameEn.optional(),
    summary: summary.optional(),
    objectives: objectives.optional(),
    cluster: clusterSlug.optional(),
  })
  .describe('Changes to the basic information; fields left out stay as they are');
export type UpdateConsortiumBody = z.infer<typeof UpdateConsortiumBody>;

export const InviteMemberBody = z
  .strictObject({
    organizationId: id.describe('A verified organisation'),
    role: z.enum(INVITABLE_ROLES),
    chainPosition: z.enum(CHAIN_POSITIONS).nullable().optional(),
    message: note.optional().describe('A message to the invited organisation'),
  })
  .describe('Invite an organisation; its admins accept or decline');
export type InviteMemberBody = z.infer<typeof InviteMemberBody>;

export const MemberVersionBody = z.strictObject({
  version: version.describe('The membership version you acted on; a stale one is refused with 409'),
  note: note.optional().describe('A note on the step (e.g. why you decline or leave)'),
});
export type MemberVersionBody = z.infer<typeof MemberVersionBody>;

export const ChangeMemberBody = z
  .strictObject({
    version: version.describe('The membership version you edited'),
    role: z.enum(INVITABLE_ROLES).optional(),
    chainPosition: z.enum(CHAIN_POSITIONS).nullable().optional(),
  })
  .describe("Change an active member's role or chain position (the lead's admins)");
export type ChangeMemberBody = z.infer<typeof ChangeMemberBody>;

export const SubmitDesignationBody = z.strictObject({
  version,
  statement: note.optional().describe('What the consortium asks the cluster office to consider'),
});
export type SubmitDesignationBody = z.infer<typeof SubmitDesignationBody>;

export const ApproveDesignationBody = z.strictObject({
  version,
  comments: note.optional(),
});
export type ApproveDesignationBody = z.infer<typeof ApproveDesignationBody>;

export const ReturnDesignationBody = z.strictObject({
  version,
  comments: note.min(1).describe('What the consortium must change before it applies again'),
});
export type ReturnDesignationBody = z.infer<typeof ReturnDesignationBody>;

export const ListConsortiaQuery = z.strictObject({
  scope: z
    .enum(CONSORTIUM_SCOPES)
    .optional()
    .describe(
      'mine: consortia your organisations are in or invited to (default when signed in); designated: designated consortia (default otherwise); all: every consortium (cluster office and auditor)',
    ),
  status: z.enum(CONSORTIUM_STATUSES).optional(),
  designation: z.enum(DESIGNATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListConsortiaQuery = z.infer<typeof ListConsortiaQuery>;

export const LeadPolicyBody = z
  .strictObject({
    version,
    leadKinds: z
      .array(z.enum(ORGANIZATION_KINDS))
      .min(1)
      .max(ORGANIZATION_KINDS.length)
      .describe('Kinds of organisation that may lead a consortium'),
    leadSizeClasses: z
      .array(z.enum(SIZE_CLASSES))
      .max(SIZE_CLASSES.length)
      .describe('Size classes an enterprise lead needs (needed when enterprises may lead)'),
    minActiveMembers: z.int().min(2).max(50).describe('Active members (the lead included) designation needs'),
    requireKnowledgeMember: z
      .boolean()
      .describe('Whether designation needs an active university, vocational college or research institute'),
  })
  .describe("The cluster office's rules for leading a consortium and applying for designation");
export type LeadPolicyBody = z.infer<typeof LeadPolicyBody>;

export const ConsortiumIdParams = z.strictObject({ id: id.describe('Consortium id') });
export const MemberParams = z.strictObject({
  id: id.describe('Consortium id'),
  organizationId: id.describe('Member organisation id'),
});

// ---------------------------------------------------------------------------------------------
// Responses

export const OrganizationRefSchema = z.object({
  id: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
});
export type OrganizationRef = z.infer<typeof OrganizationRefSchema>;

export const ClusterRefSchema = z.object({ slug: z.string(), nameZh: z.string(), nameEn: z.string() });

export const ConsortiumMemberSchema = z.object({
  organization: OrganizationRefSchema,
  role: z.enum(MEMBER_ROLES),
  chainPosition: z.enum(CHAIN_POSITIONS).nullable(),
  status: z.enum(MEMBER_STATUSES),
  message: z.string(),
  invitedAt: z.string(),
  respondedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endNote: z.string().nullable(),
  version: z.int(),
  /** What the caller may do with this membership now. */
  actions: z.array(z.enum(MEMBER_ACTIONS)),
});
export type ConsortiumMember = z.infer<typeof ConsortiumMemberSchema>;

export const DesignationApplicationSchema = z.object({
  round: z.int(),
  statement: z.string(),
  submittedAt: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  decidedAt: z.string().nullable(),
  comments: z.string().nullable(),
});
export type DesignationApplication = z.infer<typeof DesignationApplicationSchema>;

export const ConsortiumPermissionsSchema = z
  .object({
    update: z.boolean(),
    invite: z.boolean(),
    submitDesignation: z.boolean(),
    decideDesignation: z.boolean(),
  })
  .describe('What the caller may do with the consortium now (the UI shows or hides actions by it)');
export type ConsortiumPermissions = z.infer<typeof ConsortiumPermissionsSchema>;

export const ConsortiumSummarySchema = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  summary: z.string(),
  cluster: ClusterRefSchema,
  lead: OrganizationRefSchema,
  status: z.enum(CONSORTIUM_STATUSES),
  designationStatus: z.enum(DESIGNATION_STATUSES),
  designatedAt: z.string().nullable(),
  activeMembers: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});
export type ConsortiumSummary = z.infer<typeof ConsortiumSummarySchema>;

export const ConsortiumSchema = ConsortiumSummarySchema.extend({
  objectives: z.string(),
  sourceMatchId: z.string().nullable().describe('Shown to the consortium’s own organisations only'),
  members: z
    .array(ConsortiumMemberSchema)
    .describe('Everyone ever invited, for insiders; the active members for the public'),
  designations: z
    .array(DesignationApplicationSchema)
    .describe('Applications and decisions, oldest first; insiders only'),
  permissions: ConsortiumPermissionsSchema,
});
export type Consortium = z.infer<typeof ConsortiumSchema>;

/** The outcome of a membership step: the membership, and the consortium if the caller still sees it. */
export const MemberStepSchema = z.object({
  member: z.object({
    organizationId: z.string(),
    role: z.enum(MEMBER_ROLES),
    chainPosition: z.enum(CHAIN_POSITIONS).nullable(),
    status: z.enum(MEMBER_STATUSES),
    version: z.int(),
  }),
  consortium: ConsortiumSchema.nullable().describe(
    'null when your organisations no longer see the consortium (you declined or left a forming one)',
  ),
});
export type MemberStep = z.infer<typeof MemberStepSchema>;

export const ConsortiumListSchema = z.object({
  items: z.array(ConsortiumSummarySchema),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});
export type ConsortiumList = z.infer<typeof ConsortiumListSchema>;

export const InvitationSchema = z.object({
  consortium: z.object({
    id: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    lead: OrganizationRefSchema,
  }),
  organization: OrganizationRefSchema.describe('Your organisation that is invited'),
  role: z.enum(MEMBER_ROLES),
  chainPosition: z.enum(CHAIN_POSITIONS).nullable(),
  message: z.string(),
  invitedAt: z.string(),
  version: z.int(),
  /** Whether the caller may accept or decline (an admin of the invited organisation). */
  canRespond: z.boolean(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationListSchema = z.object({ items: z.array(InvitationSchema) });
export type InvitationList = z.infer<typeof InvitationListSchema>;

export const LeadPolicySchema = z.object({
  leadKinds: z.array(z.enum(ORGANIZATION_KINDS)),
  leadSizeClasses: z.array(z.enum(SIZE_CLASSES)),
  minActiveMembers: z.int(),
  requireKnowledgeMember: z.boolean(),
  updatedAt: z.string(),
  version: z.int(),
});
export type LeadPolicyView = z.infer<typeof LeadPolicySchema>;

// ---------------------------------------------------------------------------------------------
// The charter: versions, signatures, diffs (the content itself is in charter.ts)

export { CharterContent };

// The web app imports only this file from the server: the charter's vocabulary and its pure rules
// pass through here, so the editor validates live with the very `validateCharter` of the server.
export * from './charter.js';
export { CHARTER_SECTIONS, dutiesOf, groupDigits, validateCharter } from './charter-rules.js';
export type {
  CharterChange,
  CharterIssue,
  CharterIssueCode,
  CharterMember,
  CharterSection,
  PathSegment,
} from './charter-rules.js';

/**
 * draft (editable) → signing (frozen, digest fixed) → effective → superseded (by an amendment);
 * a version still being signed is withdrawn when the lead starts a new draft.
 */
export const CHARTER_STATUSES = ['draft', 'signing', 'effective', 'superseded', 'withdrawn'] as const;
export type CharterStatus = (typeof CHARTER_STATUSES)[number];

const charterDigest = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'A SHA-256 digest: 64 lower-case hexadecimal digits')
  .describe('The SHA-256 digest of the version’s canonical content, as shown to you');

export const CharterVersionParams = z.strictObject({
  id: id.describe('Consortium id'),
  number: z.coerce.number().int().min(1).max(1_000_000).describe('Charter version number'),
});

export const CreateCharterDraftBody = z
  .strictObject({
    content: CharterContent.optional().describe(
      'The draft’s content; left out, the latest version’s content is copied (or an empty charter if there is none)',
    ),
  })
  .describe(
    'A new draft version (admins of the lead); with an effective charter it is an amendment based on it',
  );
export type CreateCharterDraftBody = z.infer<typeof CreateCharterDraftBody>;

export const UpdateCharterDraftBody = z
  .strictObject({
    version: version.describe('The draft’s version you edited; a stale one is refused with 409'),
    content: CharterContent,
  })
  .describe('Replace the draft’s content; it may be saved with issues, but not opened for signature');
export type UpdateCharterDraftBody = z.infer<typeof UpdateCharterDraftBody>;

export const OpenCharterBody = z
  .strictObject({ version: version.describe('The draft’s version you checked') })
  .describe('Freeze the draft and open it for signature; refused while it has issues');
export type OpenCharterBody = z.infer<typeof OpenCharterBody>;

export const SignCharterBody = z
  .strictObject({
    organizationId: id.describe('The active member organisation you sign for; you must be one of its admins'),
    digest: charterDigest,
  })
  .describe('Sign the version for your organisation; refused if its digest is not the one you saw');
export type SignCharterBody = z.infer<typeof SignCharterBody>;

export const CharterDiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1).max(1_000_000).describe('The earlier version number'),
  to: z.coerce.number().int().min(1).max(1_000_000).describe('The later version number'),
});
export type CharterDiffQuery = z.infer<typeof CharterDiffQuery>;

export const CharterIssueSchema = z.object({
  field: z.string().describe('Where the problem is, e.g. content.benefit.shares'),
  code: z.string().describe('Stable code, e.g. charter.shares_not_10000'),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type CharterIssueView = z.infer<typeof CharterIssueSchema>;

export const CharterSignatureSchema = z.object({
  organization: OrganizationRefSchema,
  signedAt: z.string(),
  digest: z.string(),
});

export const CharterVersionSummarySchema = z.object({
  number: z.int(),
  status: z.enum(CHARTER_STATUSES),
  digest: z.string().nullable().describe('null while a draft'),
  basedOn: z.int().nullable().describe('The effective version an amendment changes'),
  createdAt: z.string(),
  updatedAt: z.string(),
  openedAt: z.string().nullable(),
  effectiveAt: z.string().nullable(),
  supersededAt: z.string().nullable(),
  signatures: z.int().describe('Signatures of its digest by current active members'),
  version: z.int(),
});
export type CharterVersionSummary = z.infer<typeof CharterVersionSummarySchema>;

export const CharterVersionSchema = CharterVersionSummarySchema.extend({
  content: CharterContent,
  issues: z
    .array(CharterIssueSchema)
    .describe('What keeps it from being signed, checked against the current active members'),
  signedBy: z.array(CharterSignatureSchema),
  missingSignatures: z
    .array(OrganizationRefSchema)
    .describe('Active members that have not signed its digest (none while a draft)'),
  permissions: z.object({
    edit: z.boolean(),
    open: z.boolean(),
    signFor: z.array(z.string()).describe('Organisations the caller may sign this version for now'),
  }),
});
export type CharterVersionView = z.infer<typeof CharterVersionSchema>;

export const CharterOverviewSchema = z.object({
  effective: CharterVersionSchema.nullable().describe('The version in force, if any'),
  open: CharterVersionSchema.nullable().describe('The draft or the version being signed, if any'),
  permissions: z.object({ createDraft: z.boolean() }),
});
export type CharterOverview = z.infer<typeof CharterOverviewSchema>;

export const CharterVersionListSchema = z.object({ items: z.array(CharterVersionSummarySchema) });
export type CharterVersionList = z.infer<typeof CharterVersionListSchema>;

const PathSegmentSchema = z.union([
  z.object({ key: z.string() }),
  z.object({ item: z.string() }),
  z.object({ index: z.int() }),
]);

export const CharterChangeSchema = z.object({
  section: z.string(),
  path: z.string().describe('Readable path, e.g. workPackages[WP1].deliverables[D1.2].dueDate'),
  segments: z.array(PathSegmentSchema),
  kind: z.enum(['added', 'removed', 'changed', 'reordered']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const CharterDiffSchema = z.object({
  from: CharterVersionSummarySchema,
  to: CharterVersionSummarySchema,
  changes: z.array(CharterChangeSchema).describe('What changed, in reading order; empty for equal content'),
});
export type CharterDiffView = z.infer<typeof CharterDiffSchema>;
