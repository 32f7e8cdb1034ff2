/**
 * Contracts of the engagement monitor: the matrix of parties × stages, the flags raised on silent
 * parties or parties with overdue tasks, the project's silence threshold, and the cluster-wide
 * view of flagged parties. Only zod here; the projects module's schemas.ts re-exports it.
 */
import { z } from 'zod';
import { PROJECT_STAGES } from '../consortia/charter.js';
import { PartyRefSchema } from './communication-schemas.js';

export const ENGAGEMENT_FLAG_REASONS = ['silent', 'overdue_tasks'] as const;
export type EngagementFlagReason = (typeof ENGAGEMENT_FLAG_REASONS)[number];

const stage = z.enum(PROJECT_STAGES);

export const EngagementSettingsBody = z
  .strictObject({
    version: z.int().min(1).describe('The project version you acted on; a stale one is refused with 409'),
    silentAfterDays: z
      .int()
      .min(1)
      .max(365)
      .describe('A party with no contribution for longer than this many days is flagged'),
  })
  .describe('Set the project’s silence threshold (admins of the lead organisation)');
export type EngagementSettingsBody = z.infer<typeof EngagementSettingsBody>;

export const EngagementCellSchema = z.object({
  stage,
  activityCount: z.int(),
  overdueTasks: z.int(),
  daysSinceLastContribution: z.int().nullable().describe('Null: no contribution in this stage'),
  medianResponseHours: z.number().nullable().describe('Null: never asked in this stage'),
});
export type EngagementCellView = z.infer<typeof EngagementCellSchema>;

export const PartyEngagementSchema = z.object({
  organization: PartyRefSchema,
  role: z.string(),
  cells: z.array(EngagementCellSchema),
  activityCount: z.int(),
  overdueTasks: z.int(),
  daysSilent: z.int().describe('Days since its last contribution, or since it joined'),
  lastContributionAt: z.string().nullable(),
  medianResponseHours: z.number().nullable(),
  unansweredThreads: z.int(),
  flagged: z.boolean(),
  reasons: z.array(z.enum(ENGAGEMENT_FLAG_REASONS)),
  flaggedSince: z.string().nullable().describe('When the open flag was raised by a sweep; null: none yet'),
});
export type PartyEngagementView = z.infer<typeof PartyEngagementSchema>;

export const EngagementFlagSchema = z.object({
  id: z.string(),
  organization: PartyRefSchema,
  reasons: z.array(z.enum(ENGAGEMENT_FLAG_REASONS)),
  stage,
  daysSilent: z.int(),
  overdueTasks: z.int(),
  flaggedAt: z.string(),
  updatedAt: z.string(),
  clearedAt: z.string().nullable(),
});
export type EngagementFlagView = z.infer<typeof EngagementFlagSchema>;

export const EngagementMatrixSchema = z.object({
  projectId: z.string(),
  projectTitle: z.string(),
  currentStage: stage,
  status: z.string(),
  stages: z.array(stage),
  silentAfterDays: z.int(),
  projectVersion: z.int(),
  asOf: z.string(),
  today: z.string(),
  parties: z.array(PartyEngagementSchema),
  flags: z.array(EngagementFlagSchema).describe('Open flags first, then the recent cleared ones'),
  permissions: z.object({ configure: z.boolean(), sweep: z.boolean() }),
});
export type EngagementMatrix = z.infer<typeof EngagementMatrixSchema>;

export const SweepResultSchema = z.object({
  projects: z.int(),
  raised: z.int(),
  kept: z.int(),
  cleared: z.int(),
});
export type SweepResult = z.infer<typeof SweepResultSchema>;

export const ClusterEngagementSchema = z.object({
  asOf: z.string(),
  projects: z.array(
    z.object({
      projectId: z.string(),
      projectTitle: z.string(),
      stage,
      silentAfterDays: z.int(),
      flagged: z.array(
        z.object({
          organization: PartyRefSchema,
          reasons: z.array(z.enum(ENGAGEMENT_FLAG_REASONS)),
          daysSilent: z.int(),
          overdueTasks: z.int(),
          flaggedSince: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type ClusterEngagement = z.infer<typeof ClusterEngagementSchema>;
