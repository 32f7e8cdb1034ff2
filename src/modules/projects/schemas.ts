/**
 * Contracts of the projects module: a consortium's project or a bilateral one grown out of a
 * converted match, its stage machine with gates, milestones with evidence, the parties' sign-offs
 * of a gate, and tasks assigned to parties. Only zod here, so the browser can import it.
 */
import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../organizations/schemas.js';
import { PROJECT_STAGES, type ProjectStage } from '../consortia/charter.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary (the state machines are in rules.ts)

export { PROJECT_STAGES, type ProjectStage };

/** active while work goes on; suspended (with a reason) and resumed; terminated (final); closed at the end. */
export const PROJECT_STATUSES = ['active', 'suspended', 'terminated', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A party's role: a consortium member's role, or `partner` in a bilateral project. */
export const PARTY_ROLES = ['lead', 'core', 'member', 'supporting', 'partner'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** advance passes the current stage's gate; the others change the status with a reason. */
export const STAGE_ACTIONS = ['advance', 'suspend', 'resume', 'terminate'] as const;
export type StageAction = (typeof STAGE_ACTIONS)[number];

export const MILESTONE_STATUSES = ['open', 'done'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const EVIDENCE_KINDS = ['document', 'url'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ORIGINS = ['manual', 'action_item'] as const;
export type TaskOrigin = (typeof TASK_ORIGINS)[number];

export const PROJECT_KINDS = ['consortium', 'bilateral'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

const id = z.string().min(1).max(64);
const version = z.int().min(1).describe('The version you acted on; a stale one is refused with 409');
const title = z.string().trim().min(1).max(200);
const text = z.string().trim().max(4000);
const reason = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .describe('Why: recorded with the change and shown to the parties');
const date = z.iso.date().describe('A calendar date, YYYY-MM-DD (Suzhou time)');

// ---------------------------------------------------------------------------------------------
// Requests

export const CreateProjectBody = z
  .strictObject({
    consortiumId: id
      .optional()
      .describe('The consortium the project belongs to (its lead’s admins create it)'),
    sourceMatchId: id
      .optional()
      .describe('An agreed or converted match: a bilateral project of its two organisations'),
    title,
    summary: text.optional(),
    silentAfterDays: z
      .int()
      .min(1)
      .max(365)
      .optional()
      .describe('A party silent for longer than this many days is flagged (default 14)'),
  })
  .refine((b) => (b.consortiumId === undefined) !== (b.sourceMatchId === undefined), {
    message: 'Name exactly one of consortiumId or sourceMatchId',
    path: ['consortiumId'],
  });
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

export const UpdateProjectBody = z
  .strictObject({
    version,
    title: title.optional(),
    summary: text.optional(),
    silentAfterDays: z.int().min(1).max(365).optional(),
  })
  .describe('Change the title, summary or silence threshold (the lead’s admins)');
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;

export const AdvanceBody = z.strictObject({ version, note: text.optional() });
export type AdvanceBody = z.infer<typeof AdvanceBody>;

export const ReasonBody = z.strictObject({ version, reason });
export type ReasonBody = z.infer<typeof ReasonBody>;

export const ResumeBody = z.strictObject({ version, note: text.optional() });
export type ResumeBody = z.infer<typeof ResumeBody>;

export const CreateMilestoneBody = z.strictObject({
  title,
  description: text.optional(),
  stage: z.enum(PROJECT_STAGES).optional().describe('Default: the project’s current stage'),
  dueDate: date.nullable().optional(),
  responsibleOrganizationId: id.describe('The party responsible for it'),
});
export type CreateMilestoneBody = z.infer<typeof CreateMilestoneBody>;

export const UpdateMilestoneBody = z.strictObject({
  version,
  title: title.optional(),
  description: text.optional(),
  dueDate: date.nullable().optional(),
  responsibleOrganizationId: id.optional(),
});
export type UpdateMilestoneBody = z.infer<typeof UpdateMilestoneBody>;

export const CompleteMilestoneBody = z.strictObject({
  version,
  evidenceKind: z.enum(EVIDENCE_KINDS).describe('A document reference or a URL'),
  reference: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .describe('The document’s reference (number, file name) or the URL where the result is'),
  note: z.string().trim().min(1).max(2000).describe('What the evidence shows'),
});
export type CompleteMilestoneBody = z.infer<typeof CompleteMilestoneBody>;

export const ReopenMilestoneBody = z.strictObject({ version, reason });
export type ReopenMilestoneBody = z.infer<typeof ReopenMilestoneBody>;

export const SignOffBody = z.strictObject({
  organizationId: id.describe('The party you sign for; you must be one of its admins'),
  note: text.optional(),
});
export type SignOffBody = z.infer<typeof SignOffBody>;

export const CreateTaskBody = z.strictObject({
  title,
  description: text.optional(),
  stage: z.enum(PROJECT_STAGES).optional().describe('Default: the project’s current stage'),
  assigneeOrganizationId: id.describe('The party the task is assigned to'),
  assigneeUserId: id.nullable().optional().describe('Optionally one of that party’s users'),
  dueDate: date.nullable().optional(),
});
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const UpdateTaskBody = z.strictObject({
  version,
  title: title.optional(),
  description: text.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  assigneeOrganizationId: id.optional(),
  assigneeUserId: id.nullable().optional(),
  dueDate: date.nullable().optional(),
});
export type UpdateTaskBody = z.infer<typeof UpdateTaskBody>;

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const ListProjectsQuery = z.strictObject({
  consortium: id.optional().describe('Only this consortium’s projects'),
  status: z.enum(PROJECT_STATUSES).optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  mine: flag.describe('Only projects your organisations take part in (default for parties)'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListProjectsQuery = z.infer<typeof ListProjectsQuery>;

export const ListTasksQuery = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  assignee: id.optional().describe('Only tasks assigned to this party'),
  overdue: flag,
});
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;

export const ProjectIdParams = z.strictObject({ id: id.describe('Project id') });
export const MilestoneParams = z.strictObject({ id: id.describe('Project id'), milestoneId: id });
export const TaskParams = z.strictObject({ id: id.describe('Project id'), taskId: id });
export const StageParams = z.strictObject({ id: id.describe('Project id'), stage: z.enum(PROJECT_STAGES) });

// ---------------------------------------------------------------------------------------------
// Responses

export const OrganizationRefSchema = z.object({
  id: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
});
export type OrganizationRef = z.infer<typeof OrganizationRefSchema>;

export const PartySchema = z.object({
  organization: OrganizationRefSchema,
  role: z.enum(PARTY_ROLES),
  joinedAt: z.string(),
});
export type Party = z.infer<typeof PartySchema>;

export const EvidenceSchema = z.object({
  id: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  reference: z.string(),
  note: z.string(),
  organizationId: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const MilestoneSchema = z.object({
  id: z.string(),
  stage: z.enum(PROJECT_STAGES),
  title: z.string(),
  description: z.string(),
  dueDate: z.string().nullable(),
  responsible: OrganizationRefSchema,
  status: z.enum(MILESTONE_STATUSES),
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  evidence: z.array(EvidenceSchema).describe('Newest first; the first is the current one when done'),
  version: z.int(),
  permissions: z.object({ update: z.boolean(), complete: z.boolean(), reopen: z.boolean() }),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const SignOffSchema = z.object({
  organizationId: z.string(),
  signedBy: z.string().nullable(),
  signedAt: z.string(),
  note: z.string(),
});
export type SignOff = z.infer<typeof SignOffSchema>;

export const GateStatusSchema = z
  .object({
    stage: z.enum(PROJECT_STAGES),
    next: z.enum(PROJECT_STAGES).nullable(),
    open: z.boolean().describe('Whether the gate opens now: every milestone done, every named party signed'),
    milestonesNotDone: z.array(z.object({ id: z.string(), title: z.string() })),
    requiredSignOffs: z.array(OrganizationRefSchema).describe('Parties the charter names for the stage'),
    partiesNotSigned: z.array(OrganizationRefSchema),
    signOffs: z.array(SignOffSchema),
    /** The parties the caller may sign for now. */
    canSignFor: z.array(z.string()),
  })
  .describe('What the gate out of the current stage still needs');
export type GateStatus = z.infer<typeof GateStatusSchema>;

export const TaskSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  stage: z.enum(PROJECT_STAGES),
  title: z.string(),
  description: z.string(),
  assignee: OrganizationRefSchema,
  assigneeUser: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  overdue: z.boolean(),
  origin: z.enum(TASK_ORIGINS),
  originRef: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  version: z.int(),
  /** The statuses the caller may move the task to now. */
  moves: z.array(z.enum(TASK_STATUSES)),
  canEdit: z.boolean(),
});
export type Task = z.infer<typeof TaskSchema>;

export const TaskListSchema = z.object({ items: z.array(TaskSchema) });
export type TaskList = z.infer<typeof TaskListSchema>;

export const StageEventSchema = z.object({
  at: z.string(),
  action: z.enum(['create', ...STAGE_ACTIONS]),
  fromStage: z.enum(PROJECT_STAGES).nullable(),
  toStage: z.enum(PROJECT_STAGES),
  fromStatus: z.enum(PROJECT_STATUSES).nullable(),
  toStatus: z.enum(PROJECT_STATUSES),
  reason: z.string().nullable(),
});
export type StageEvent = z.infer<typeof StageEventSchema>;

export const ProjectPermissionsSchema = z
  .object({
    update: z.boolean(),
    advance: z.boolean().describe('The caller may pass the gate (whether it opens is in `gate.open`)'),
    suspend: z.boolean(),
    resume: z.boolean(),
    terminate: z.boolean(),
    addMilestone: z.boolean(),
    addTask: z.boolean(),
  })
  .describe('What the caller may do with the project now (the UI shows or hides actions by it)');
export type ProjectPermissions = z.infer<typeof ProjectPermissionsSchema>;

export const ProjectSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(PROJECT_KINDS),
  title: z.string(),
  summary: z.string(),
  consortium: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  sourceMatchId: z.string().nullable(),
  lead: OrganizationRefSchema,
  stage: z.enum(PROJECT_STAGES),
  status: z.enum(PROJECT_STATUSES),
  statusReason: z.string().nullable(),
  silentAfterDays: z.int(),
  parties: z.int().describe('How many organisations take part'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const ProjectSchema = ProjectSummarySchema.extend({
  partyList: z.array(PartySchema),
  milestones: z.array(MilestoneSchema),
  gate: GateStatusSchema,
  history: z.array(StageEventSchema).describe('Oldest first'),
  permissions: ProjectPermissionsSchema,
  myPartyOrganizationIds: z.array(z.string()),
});
export type Project = z.infer<typeof ProjectSchema>;

export const ProjectListSchema = z.object({
  items: z.array(ProjectSummarySchema),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});
export type ProjectList = z.infer<typeof ProjectListSchema>;

// The communication log and the engagement monitor (communication-*.ts, engagement-*.ts).
export * from './communication-schemas.js';
export * from './engagement-schemas.js';
