/**
 * Contracts of the matching module: the JSON-lines interchange format (`consortia import jsonl`,
 * `consortia export jsonl`) and match results. Unknown fields in an imported line are ignored so
 * that files from other systems import as long as the fields we know are right.
 */
import { z } from 'zod';
import {
  ACHIEVEMENT_KINDS,
  COOPERATION_MODES,
  TRANSFER_MODES,
  VISIBILITY_TIERS,
} from '../directory/schemas.js';
import { DISTRICTS, ORGANIZATION_KINDS, SERVICE_TYPES, SIZE_CLASSES } from '../organizations/schemas.js';

export const INTERCHANGE_TYPES = ['organization', 'expert', 'need', 'capability', 'achievement'] as const;
export type InterchangeType = (typeof INTERCHANGE_TYPES)[number];

/** Kind slugs an import accepts besides ours: CORDIS activity types and plain English words. */
export const KIND_ALIASES: Readonly<Record<string, (typeof ORGANIZATION_KINDS)[number]>> = {
  hes: 'university',
  prc: 'enterprise',
  rec: 'research_institute',
  pub: 'government',
  oth: 'service',
  company: 'enterprise',
  institute: 'research_institute',
  research: 'research_institute',
  college: 'vocational_college',
  public_body: 'government',
};

const externalId = z
  .union([z.string().trim().min(1).max(200), z.int().transform(String)])
  .describe('The record’s id in the file’s source system; re-importing it updates the same record');

/** Longest texts the platform keeps; an import cuts longer ones rather than refuse a whole file. */
export const IMPORT_LIMITS = {
  keywords: 20,
  keyword: 40,
  title: 200,
  description: 8000,
  orgDescription: 4000,
};

/** A string cut to `max` characters (outside data is often longer than our forms allow). */
const clipped = (max: number) =>
  z
    .string()
    .trim()
    .transform((s) => s.slice(0, max));

/**
 * Keywords as an array, or one string separated by commas, semicolons or 、; blanks and repeats
 * dropped, the first 20 kept, each cut to 40 characters.
 */
const keywordList = z
  .union([
    z.array(z.union([z.string(), z.number().transform(String)])),
    z.string().transform((s) => s.split(/[,;，；、]/)),
  ])
  .transform((list) =>
    [...new Set(list.map((k) => k.trim().slice(0, IMPORT_LIMITS.keyword)).filter(Boolean))].slice(
      0,
      IMPORT_LIMITS.keywords,
    ),
  )
  .describe('Keywords (the first 20 are kept, each up to 40 characters)');

const kindSlug = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase().replace(/[\s-]+/g, '_'))
  .pipe(
    z
      .string()
      .transform((s) => KIND_ALIASES[s] ?? s)
      .pipe(
        z.enum(ORGANIZATION_KINDS, {
          error: `Use one of ${ORGANIZATION_KINDS.join(', ')} or HES/PRC/REC/PUB/OTH`,
        }),
      ),
  );

export const OrganizationLine = z.object({
  type: z.literal('organization'),
  id: externalId,
  name: z.string().trim().min(1).pipe(clipped(200)),
  kind: kindSlug,
  description: clipped(IMPORT_LIMITS.orgDescription).optional().default(''),
  country: clipped(60).optional(),
  city: clipped(120).optional(),
  keywords: keywordList.optional(),
  name_en: z.string().trim().min(1).pipe(clipped(200)).optional(),
  name_zh: z.string().trim().min(1).pipe(clipped(120)).optional(),
  /** Imports are trusted: organisations are verified unless the line says `false`. */
  verified: z.boolean().optional().default(true),
  description_zh: clipped(IMPORT_LIMITS.orgDescription).optional(),
  description_en: clipped(IMPORT_LIMITS.orgDescription).optional(),
  district: z.enum(DISTRICTS).optional(),
  size_class: z.enum(SIZE_CLASSES).optional(),
  service_type: z.enum(SERVICE_TYPES).optional(),
  website: z
    .url({ protocol: /^https?$/, error: 'Must be an http(s) address' })
    .max(300)
    .optional(),
  moe_code: z.string().trim().max(20).optional(),
  credit_code: z.string().trim().toUpperCase().max(20).optional(),
});
export type OrganizationLine = z.infer<typeof OrganizationLine>;

const postedFields = {
  id: externalId,
  title: z.string().trim().min(1).pipe(clipped(IMPORT_LIMITS.title)),
  description: z.string().trim().min(1).pipe(clipped(IMPORT_LIMITS.description)),
  keywords: keywordList.optional(),
  owner: externalId.describe('The owning organisation’s external id (or its platform id)'),
  cluster: z.string().trim().max(63).nullable().optional(),
  visibility: z.enum(VISIBILITY_TIERS).optional().default('public'),
};

export const NeedLine = z.object({
  type: z.literal('need'),
  ...postedFields,
  cooperation_modes: z.array(z.enum(COOPERATION_MODES)).min(1).optional(),
});
export const CapabilityLine = z.object({
  type: z.literal('capability'),
  ...postedFields,
  cooperation_modes: z.array(z.enum(COOPERATION_MODES)).min(1).optional(),
});
export const AchievementLine = z.object({
  type: z.literal('achievement'),
  ...postedFields,
  kind: z.enum(ACHIEVEMENT_KINDS).optional(),
  trl: z.int().min(1).max(9).optional(),
  transfer_modes: z.array(z.enum(TRANSFER_MODES)).min(1).optional(),
  registration_number: z.string().trim().max(40).optional(),
});
export const ExpertLine = z.object({
  type: z.literal('expert'),
  id: externalId,
  /** The expert's name (or use `name`). */
  title: z.string().trim().min(1).pipe(clipped(120)).optional(),
  name: z.string().trim().min(1).pipe(clipped(120)).optional(),
  description: clipped(4000).optional(),
  keywords: keywordList.optional(),
  owner: externalId,
  position: clipped(120).optional(),
  orcid: z.string().trim().max(60).optional(),
  cluster: z.string().trim().max(63).nullable().optional(),
});

export const InterchangeLine = z.discriminatedUnion('type', [
  OrganizationLine,
  NeedLine,
  CapabilityLine,
  AchievementLine,
  ExpertLine,
]);
export type InterchangeLine = z.infer<typeof InterchangeLine>;
export type NeedLine = z.infer<typeof NeedLine>;
export type CapabilityLine = z.infer<typeof CapabilityLine>;
export type AchievementLine = z.infer<typeof AchievementLine>;
export type ExpertLine = z.infer<typeof ExpertLine>;

/** One problem of an imported file: the line (1-based), the field, what is wrong. */
export interface ImportIssue {
  row: number;
  field: string;
  message: string;
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  byType: Record<string, number>;
}

/** A match result as the command line and API print it. */
export interface MatchOutput {
  id: string;
  name: string;
  score: number;
  reasons: unknown[];
}
