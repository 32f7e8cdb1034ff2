/**
 * Contracts of a project's communication log: threads with posts, meeting minutes whose action
 * items become tasks, and document records (a reference, not the file). Only zod here; the
 * projects module's schemas.ts re-exports it for the browser.
 */
import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../organizations/schemas.js';
import { PROJECT_STAGES } from '../consortia/charter.js';

export const THREAD_STATUSES = ['open', 'closed'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

/** What a document record is. */
export const DOCUMENT_KINDS = ['report', 'contract', 'drawing', 'minutes', 'evidence', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const id = z.string().min(1).max(64);
const version = z.int().min(1).describe('The version you acted on; a stale one is refused with 409');
const date = z.iso.date().describe('A calendar date, YYYY-MM-DD (Suzhou time)');
const stage = z.enum(PROJECT_STAGES);
const asParty = id
  .optional()
  .describe('The party you write for; may be left out when you belong to exactly one party');

// ---------------------------------------------------------------------------------------------
// Requests

export const ThreadParams = z.strictObject({ id, threadId: id });
export const MinutesParams = z.strictObject({ id, minutesId: id });

export const CreateThreadBody = z
  .strictObject({
    subject: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(10000).describe('The first post'),
    stage: stage.optional().describe('Default: the project’s current stage'),
    addressedTo: z
      .array(id)
      .max(50)
      .optional()
      .describe('Parties the thread asks; empty or left out: open to every party'),
    organizationId: asParty,
  })
  .describe('Start a thread with its first post (members of a party)');
export type CreateThreadBody = z.infer<typeof CreateThreadBody>;

export const CreatePostBody = z
  .strictObject({ body: z.string().trim().min(1).max(10000), organizationId: asParty })
  .describe('Post in an open thread (members of a party)');
export type CreatePostBody = z.infer<typeof CreatePostBody>;

export const ThreadStatusBody = z.strictObject({ version });
export type ThreadStatusBody = z.infer<typeof ThreadStatusBody>;

export const AttendeeInput = z.strictObject({
  organizationId: id.describe('A party of the project'),
  userId: id.nullable().optional().describe('One of its members, when known'),
  name: z.string().trim().max(120).optional().describe('The attendee’s name as written in the minutes'),
});

export const ActionItemInput = z.strictObject({
  description: z.string().trim().min(1).max(1000),
  assigneeOrganizationId: id.describe('The party that does it'),
  assigneeUserId: id.nullable().optional().describe('Optionally one of that party’s members'),
  dueDate: date.nullable().optional(),
});
export type ActionItemInput = z.infer<typeof ActionItemInput>;

export const CreateMinutesBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    meetingDate: date,
    stage: stage.optional().describe('Default: the project’s current stage'),
    attendees: z.array(AttendeeInput).min(1).max(100),
    agenda: z.string().trim().max(10000).optional(),
    decisions: z.array(z.string().trim().min(1).max(2000)).max(100).optional(),
    actionItems: z.array(ActionItemInput).max(100).optional().describe('Each becomes a project task'),
    organizationId: asParty,
  })
  .describe('Record the minutes of a meeting; every action item becomes a task (members of a party)');
export type CreateMinutesBody = z.infer<typeof CreateMinutesBody>;

export const CreateDocumentBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    kind: z.enum(DOCUMENT_KINDS),
    reference: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .describe('A URL or a reference (archive number, path on a shared drive); the file is not stored'),
    versionLabel: z.string().trim().max(40).optional().describe('e.g. v1.2 or 2026-11'),
    stage: stage.optional().describe('Default: the project’s current stage'),
    organizationId: asParty,
  })
  .describe('Record a document of the project (members of a party)');
export type CreateDocumentBody = z.infer<typeof CreateDocumentBody>;

// ---------------------------------------------------------------------------------------------
// Responses

export const PartyRefSchema = z.object({
  id: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
});
export type PartyRef = z.infer<typeof PartyRefSchema>;

export const UserRefSchema = z.object({ id: z.string(), displayName: z.string() });
export type UserRef = z.infer<typeof UserRefSchema>;

export const ThreadPostSchema = z.object({
  id: z.string(),
  organization: PartyRefSchema,
  author: UserRefSchema.nullable(),
  body: z.string(),
  at: z.string(),
});
export type ThreadPost = z.infer<typeof ThreadPostSchema>;

export const ThreadSummarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  subject: z.string(),
  stage,
  status: z.enum(THREAD_STATUSES),
  addressedTo: z.array(PartyRefSchema),
  organization: PartyRefSchema,
  createdBy: UserRefSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  postCount: z.int(),
  lastPostAt: z.string().nullable(),
  version: z.int(),
});
export type ThreadSummary = z.infer<typeof ThreadSummarySchema>;

export const CommunicationPermissionsSchema = z.object({
  write: z.boolean().describe('Whether you may post, record minutes and documents (a party’s member)'),
  parties: z.array(z.string()).describe('The parties you may write for'),
});
export type CommunicationPermissions = z.infer<typeof CommunicationPermissionsSchema>;

export const ThreadSchema = ThreadSummarySchema.extend({
  posts: z.array(ThreadPostSchema),
  permissions: z.object({ post: z.boolean(), close: z.boolean(), reopen: z.boolean() }),
});
export type Thread = z.infer<typeof ThreadSchema>;

export const ThreadListSchema = z.object({
  items: z.array(ThreadSummarySchema),
  permissions: CommunicationPermissionsSchema,
});
export type ThreadList = z.infer<typeof ThreadListSchema>;

export const AttendeeSchema = z.object({
  organization: PartyRefSchema,
  userId: z.string().nullable(),
  name: z.string(),
});

export const ActionItemSchema = z.object({
  position: z.int(),
  description: z.string(),
  assignee: PartyRefSchema,
  assigneeUserId: z.string().nullable(),
  dueDate: z.string().nullable(),
  task: z.object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    dueDate: z.string().nullable(),
  }),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

export const MinutesSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  stage,
  title: z.string(),
  meetingDate: z.string(),
  attendees: z.array(AttendeeSchema),
  agenda: z.string(),
  decisions: z.array(z.string()),
  actionItems: z.array(ActionItemSchema),
  organization: PartyRefSchema,
  createdBy: UserRefSchema.nullable(),
  createdAt: z.string(),
});
export type Minutes = z.infer<typeof MinutesSchema>;

export const MinutesListSchema = z.object({
  items: z.array(MinutesSchema),
  permissions: CommunicationPermissionsSchema,
});
export type MinutesList = z.infer<typeof MinutesListSchema>;

export const DocumentRecordSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  stage,
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  reference: z.string(),
  versionLabel: z.string(),
  organization: PartyRefSchema,
  uploadedBy: UserRefSchema.nullable(),
  createdAt: z.string(),
});
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;

export const DocumentListSchema = z.object({
  items: z.array(DocumentRecordSchema),
  permissions: CommunicationPermissionsSchema,
});
export type DocumentList = z.infer<typeof DocumentListSchema>;
