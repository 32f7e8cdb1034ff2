/**
 * Contracts of the matches module: suggestions for a need (organisations, experts, achievements,
 * capabilities) and for a capability or achievement (needs), each with its score and reasons,
 * and the pipeline a pair moves through once someone acts on it.
 */
import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../organizations/schemas.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary (the pipeline's rules are in rules.ts)

export const MATCH_STATUSES = [
  'suggested',
  'contacted',
  'in_talks',
  'agreed',
  'converted',
  'declined',
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** States a pair can be put into the pipeline in (a shortlist, a first contact, or "not a fit"). */
export const INITIAL_STATUSES = ['suggested', 'contacted', 'declined'] as const;
export type InitialStatus = (typeof INITIAL_STATUSES)[number];

export const MATCH_ACTIONS = ['contact', 'accept', 'agree', 'convert', 'decline'] as const;
export type MatchAction = (typeof MATCH_ACTIONS)[number];

/** The two sides of a pair: the need's owner (seeker) and whoever answers for the counterpart. */
export const MATCH_SIDES = ['seeker', 'provider'] as const;
export type MatchSide = (typeof MATCH_SIDES)[number];

/** What a need can be matched with, and what supply records are matched against. */
export const COUNTERPART_TYPES = ['organization', 'expert', 'achievement', 'capability'] as const;
export type CounterpartType = (typeof COUNTERPART_TYPES)[number];

/** Why a side declines; the codes are translated in the UI and counted in reports. */
export const DECLINE_REASONS = [
  'not_relevant',
  'capability_gap',
  'budget',
  'timing',
  'ip_terms',
  'capacity',
  'chose_other_partner',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

const id = z.string().min(1).max(64);
const version = z.int().min(1).describe('The version you acted on; a stale one is refused with 409');
const note = z
  .string()
  .trim()
  .max(2000)
  .describe('A message for the other side (first contact) or a note on the step, shown to both sides');

// ---------------------------------------------------------------------------------------------
// Reasons

const chainPosition = z.enum(['upstream', 'midstream', 'downstream']);

/** Why a counterpart ranks where it does: stable codes with the facts a person can check. */
export const MatchReasonSchema = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('shared_terms'),
    terms: z.array(z.string()).describe('Words both texts use'),
    concepts: z
      .array(z.string())
      .optional()
      .describe('Glossary concepts both texts name (e.g. in two languages)'),
  }),
  z.object({ code: z.literal('semantic_similarity'), similarity: z.number() }),
  z.object({ code: z.literal('kind_fit'), kind: z.string() }),
  z.object({ code: z.literal('shared_cluster'), cluster: z.string(), projects: z.number() }),
  z.object({
    code: z.literal('chain_complement'),
    cluster: z.string(),
    from: chainPosition,
    to: chainPosition,
  }),
  z.object({ code: z.literal('same_district'), district: z.string() }),
  z.object({ code: z.literal('same_country'), country: z.string(), share: z.number() }),
  z.object({
    code: z.literal('past_collaboration'),
    count: z.number(),
    partners: z.array(z.string()),
  }),
  z.object({ code: z.literal('network_proximity'), via: z.number() }),
  z.object({ code: z.literal('track_record'), projects: z.number() }),
  z.object({ code: z.literal('limited_availability'), availability: z.number() }),
  z.object({ code: z.literal('declined_before') }),
]);
export type MatchReasonView = z.infer<typeof MatchReasonSchema>;

// ---------------------------------------------------------------------------------------------
// Requests

export const SuggestionQuery = z.strictObject({
  type: z
    .enum(COUNTERPART_TYPES)
    .default('organization')
    .describe(
      'What to rank for a need (for a capability or achievement, needs are ranked and this is ignored)',
    ),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SuggestionQuery = z.infer<typeof SuggestionQuery>;

export const SupplySuggestionQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SupplySuggestionQuery = z.infer<typeof SupplySuggestionQuery>;

export const CreateMatchBody = z
  .strictObject({
    needId: id.describe('The technical need'),
    counterpartType: z.enum(COUNTERPART_TYPES),
    counterpartId: id,
    status: z
      .enum(INITIAL_STATUSES)
      .default('suggested')
      .describe(
        'suggested: keep it on the shortlist; contacted: reach out now; declined: not a fit (give a reason)',
      ),
    reason: z.enum(DECLINE_REASONS).optional().describe('Why, when declining'),
    note: note.optional(),
  })
  .describe('Put a suggested pair into the pipeline, from either side');
export type CreateMatchBody = z.infer<typeof CreateMatchBody>;

export const MatchActionBody = z.strictObject({
  action: z
    .enum(MATCH_ACTIONS)
    .describe(
      'contact: reach out; accept: the contacted side opens talks; agree: your side agrees (both must); convert: the agreement became a project or consortium; decline: end it, with a reason',
    ),
  version,
  reason: z.enum(DECLINE_REASONS).optional().describe('Required to decline'),
  note: note.optional(),
});
export type MatchActionBody = z.infer<typeof MatchActionBody>;

export const ListMatchesQuery = z.strictObject({
  side: z.enum(MATCH_SIDES).optional().describe('Only pairs where your organisation is on this side'),
  status: z.enum(MATCH_STATUSES).optional(),
  organization: id.optional().describe('Only pairs of this organisation of yours'),
  need: id.optional().describe('Only pairs of this need'),
  awaitingMe: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Only pairs where your side can act now'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListMatchesQuery = z.infer<typeof ListMatchesQuery>;

export const MatchIdParams = z.strictObject({ id: id.describe('Match id') });
export const RecordIdParams = z.strictObject({ id: id.describe('Record id') });

// ---------------------------------------------------------------------------------------------
// Responses

export const OrganizationRefSchema = z.object({
  id: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
});
export type OrganizationRef = z.infer<typeof OrganizationRefSchema>;

/** A counterpart or need as both sides may see it: its title and organisation, never hidden details. */
export const MatchPartySchema = z.object({
  type: z.enum([...COUNTERPART_TYPES, 'need']),
  id: z.string(),
  title: z.string().describe('Name of an organisation or expert, title of a record'),
  organization: OrganizationRefSchema,
});
export type MatchParty = z.infer<typeof MatchPartySchema>;

export const MatchSummarySchema = z.object({
  id: z.string(),
  status: z.enum(MATCH_STATUSES),
  version: z.int(),
});

export const SuggestionSchema = z.object({
  counterpart: MatchPartySchema,
  score: z.number().describe('The matcher’s score: higher is better; comparable within one list only'),
  reasons: z.array(MatchReasonSchema),
  match: MatchSummarySchema.nullable().describe('The pair’s place in the pipeline, if anyone acted on it'),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const SuggestionListSchema = z.object({
  subject: MatchPartySchema.describe('What the suggestions are for'),
  type: z.enum([...COUNTERPART_TYPES, 'need']).describe('What was ranked'),
  items: z.array(SuggestionSchema),
  /** How many candidates of that type were considered. */
  candidates: z.int(),
});
export type SuggestionList = z.infer<typeof SuggestionListSchema>;

export const MatchEventSchema = z.object({
  at: z.string(),
  side: z.enum(MATCH_SIDES),
  action: z.enum([...MATCH_ACTIONS, 'create']),
  fromStatus: z.enum(MATCH_STATUSES).nullable(),
  toStatus: z.enum(MATCH_STATUSES),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

export const MatchSchema = z.object({
  id: z.string(),
  need: MatchPartySchema,
  counterpart: MatchPartySchema,
  status: z.enum(MATCH_STATUSES),
  initiatedBy: z.enum(MATCH_SIDES),
  contactedBy: z.enum(MATCH_SIDES).nullable(),
  seekerAgreed: z.boolean(),
  providerAgreed: z.boolean(),
  score: z.number().nullable(),
  reasons: z.array(MatchReasonSchema),
  declinedBy: z.enum(MATCH_SIDES).nullable(),
  declineReason: z.enum(DECLINE_REASONS).nullable(),
  declineNote: z.string().nullable(),
  /** The caller's side(s) in this pair; empty for a platform role looking on. */
  mySides: z.array(z.enum(MATCH_SIDES)),
  /** What the caller may do now, per side they can act for. */
  actions: z.array(z.object({ side: z.enum(MATCH_SIDES), action: z.enum(MATCH_ACTIONS) })),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});
export type MatchView = z.infer<typeof MatchSchema>;

export const MatchDetailSchema = MatchSchema.extend({ events: z.array(MatchEventSchema) });
export type MatchDetail = z.infer<typeof MatchDetailSchema>;

export const MatchListSchema = z.object({
  items: z.array(MatchSchema),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});
export type MatchList = z.infer<typeof MatchListSchema>;
