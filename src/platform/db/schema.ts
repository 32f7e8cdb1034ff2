/**
 * Row types of every table, shared by both engines. Timestamps are UTC ISO strings, booleans are
 * 0/1 integers (portable between SQLite and PostgreSQL), money is integer fen, shares are basis points.
 */

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PlatformRoleRow {
  user_id: string;
  role: string;
  granted_at: string;
  granted_by: string | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptRow {
  id: string;
  email: string;
  ip: string;
  at: string;
  succeeded: number;
}

export interface OrganizationRow {
  id: string;
  kind: string;
  size_class: string | null;
  service_type: string | null;
  name_zh: string;
  name_en: string;
  credit_code: string | null;
  moe_code: string | null;
  district: string | null;
  website: string | null;
  description_zh: string;
  description_en: string;
  verification_status: string;
  verified_at: string | null;
  verified_by: string | null;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ClusterRow {
  id: string;
  slug: string;
  name_zh: string;
  name_en: string;
  sort_order: number;
}

export interface OrganizationClusterRow {
  organization_id: string;
  cluster_id: string;
  chain_position: string;
}

export interface MembershipRow {
  organization_id: string;
  user_id: string;
  role: string;
  created_at: string;
}

export interface NeedRow {
  id: string;
  owner_organization_id: string;
  /** The owner's kind, copied at creation (kinds never change) so lists filter without a join. */
  owner_kind: string;
  title: string;
  description: string;
  /** JSON array of strings. */
  keywords: string;
  /** JSON array of strings shown even when the tier hides the details. */
  public_keywords: string;
  cluster_slug: string | null;
  /** JSON array of cooperation modes. */
  cooperation_modes: string;
  budget_min_fen: number | null;
  budget_max_fen: number | null;
  currency: string;
  /** YYYY-MM-DD */
  deadline: string | null;
  status: string;
  visibility: string;
  nda_terms: string;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CapabilityRow {
  id: string;
  owner_organization_id: string;
  owner_kind: string;
  title: string;
  description: string;
  keywords: string;
  public_keywords: string;
  cluster_slug: string | null;
  cooperation_modes: string;
  status: string;
  visibility: string;
  nda_terms: string;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AchievementRow {
  id: string;
  owner_organization_id: string;
  owner_kind: string;
  title: string;
  description: string;
  keywords: string;
  public_keywords: string;
  cluster_slug: string | null;
  kind: string;
  registration_number: string | null;
  trl: number;
  /** JSON array of transfer modes. */
  transfer_modes: string;
  status: string;
  visibility: string;
  nda_terms: string;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ExpertRow {
  id: string;
  organization_id: string;
  owner_kind: string;
  name_zh: string;
  name_en: string;
  title: string;
  /** JSON array of research fields. */
  fields: string;
  keywords: string;
  orcid: string | null;
  cluster_slug: string | null;
  bio: string;
  status: string;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface NdaRequestRow {
  id: string;
  entity_type: string;
  entity_id: string;
  owner_organization_id: string;
  requester_organization_id: string;
  requested_by: string | null;
  message: string;
  /** The owner's NDA terms as they stood when the requester accepted them. */
  accepted_terms: string;
  status: string;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AuditEventRow {
  seq: number;
  id: string;
  at: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_digest: string | null;
  after_digest: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadRow {
  id: number;
  seq: number;
  hash: string;
}

export interface SearchDocumentRow {
  entity_type: string;
  entity_id: string;
  owner_organization_id: string | null;
  visibility: string;
  is_active: number;
  title: string;
  public_text: string;
  restricted_text: string;
  /** JSON array of strings. */
  keywords: string;
  kind: string | null;
  district: string | null;
  trl: number | null;
  /** Space-delimited slugs. */
  clusters: string;
  chain_positions: string;
  cooperation_modes: string;
  /** Analysed, space-joined tokens (see modules/search/analyzer.ts). */
  title_tokens: string;
  open_tokens: string;
  closed_tokens: string;
  facet_tokens: string;
  updated_at: string;
}

export interface SearchAccessGrantRow {
  entity_type: string;
  entity_id: string;
  organization_id: string;
  granted_at: string;
}

/** An imported record's id in its source, so re-imports update the same record. */
export interface ExternalRefRow {
  /** Where the id comes from: `jsonl`, `cordis`, `moe`. */
  source: string;
  entity_type: string;
  external_id: string;
  entity_id: string;
  /** SHA-256 of the canonical imported record. */
  content_hash: string;
  imported_at: string;
}

/** What imports know of an organisation beyond its profile; matching reads it. */
export interface OrganizationMatchProfileRow {
  organization_id: string;
  country: string | null;
  city: string | null;
  /** JSON array of strings. */
  keywords: string;
  updated_at: string;
}

/** A past collaboration (e.g. a CORDIS project): the collaboration graph and track records. */
export interface CollaborationProjectRow {
  id: string;
  source: string;
  external_id: string;
  title: string;
  programme: string | null;
  topic: string | null;
  start_year: number | null;
}

export interface CollaborationParticipantRow {
  project_id: string;
  organization_id: string;
  role: string;
}

export interface PartnerMatchRow {
  id: string;
  need_id: string;
  counterpart_type: string;
  counterpart_id: string;
  seeker_organization_id: string;
  provider_organization_id: string;
  initiated_by: string;
  contacted_by: string | null;
  status: string;
  seeker_agreed: number;
  provider_agreed: number;
  score: number | null;
  /** A JSON array of match reasons. */
  reasons: string;
  declined_by: string | null;
  decline_reason: string | null;
  decline_note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PartnerMatchEventRow {
  id: string;
  match_id: string;
  at: string;
  actor_user_id: string | null;
  side: string;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

export interface ConsortiumRow {
  id: string;
  name_zh: string;
  name_en: string;
  summary: string;
  objectives: string;
  cluster_slug: string;
  lead_organization_id: string;
  status: string;
  designation_status: string;
  designated_at: string | null;
  /** The agreed or converted match the consortium grew out of. */
  source_match_id: string | null;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ConsortiumMemberRow {
  consortium_id: string;
  organization_id: string;
  role: string;
  chain_position: string | null;
  status: string;
  message: string;
  invited_by: string | null;
  invited_at: string;
  responded_by: string | null;
  responded_at: string | null;
  ended_at: string | null;
  end_note: string | null;
  updated_at: string;
  version: number;
}

/** One application for designation and the cluster office's decision on it. */
export interface ConsortiumDesignationRow {
  id: string;
  consortium_id: string;
  round: number;
  statement: string;
  submitted_by: string | null;
  submitted_at: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  comments: string | null;
}

/** The cluster office's consortium policy: one row, id 1. */
export interface ConsortiumPolicyRow {
  id: number;
  /** JSON array of organisation kinds. */
  lead_kinds: string;
  /** JSON array of size classes. */
  lead_size_classes: string;
  min_active_members: number;
  require_knowledge_member: number;
  updated_by: string | null;
  updated_at: string;
  version: number;
}

/** One numbered version of a consortium's charter. */
export interface CharterVersionRow {
  id: string;
  consortium_id: string;
  number: number;
  /** draft | signing | effective | superseded | withdrawn */
  status: string;
  /** The CharterContent as JSON. */
  content: string;
  /** SHA-256 of the canonical content; null while a draft. */
  digest: string | null;
  /** The effective version an amendment changes. */
  based_on_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
  opened_by: string | null;
  opened_at: string | null;
  effective_at: string | null;
  superseded_at: string | null;
  version: number;
}

/** A member organisation's signature of a charter version, bound to the digest it signed. */
export interface CharterSignatureRow {
  version_id: string;
  organization_id: string;
  signed_by: string | null;
  signed_at: string;
  digest: string;
}

/** A project: a consortium's, or a bilateral one grown out of a converted match. */
export interface ProjectRow {
  id: string;
  consortium_id: string | null;
  source_match_id: string | null;
  title: string;
  summary: string;
  lead_organization_id: string;
  /** application | rd | pilot | industrialisation | promotion | closed */
  stage: string;
  /** active | suspended | terminated | closed */
  status: string;
  status_reason: string | null;
  silent_after_days: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An organisation taking part in a project. */
export interface ProjectPartyRow {
  project_id: string;
  organization_id: string;
  /** lead | core | member | supporting | partner */
  role: string;
  joined_at: string;
}

export interface ProjectMilestoneRow {
  id: string;
  project_id: string;
  stage: string;
  title: string;
  description: string;
  due_date: string | null;
  responsible_organization_id: string;
  /** open | done */
  status: string;
  done_by: string | null;
  done_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** What shows a milestone is done: a document reference or a URL, and a note. */
export interface ProjectMilestoneEvidenceRow {
  id: string;
  milestone_id: string;
  /** document | url */
  kind: string;
  reference: string;
  note: string;
  organization_id: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

/** A party's sign-off of the gate that ends a stage. */
export interface ProjectSignoffRow {
  project_id: string;
  stage: string;
  organization_id: string;
  signed_by: string | null;
  signed_at: string;
  note: string;
}

export interface ProjectStageEventRow {
  id: string;
  project_id: string;
  at: string;
  actor_user_id: string | null;
  /** create | advance | suspend | resume | terminate */
  action: string;
  from_stage: string | null;
  to_stage: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
}

export interface ProjectTaskRow {
  id: string;
  project_id: string;
  stage: string;
  title: string;
  description: string;
  assignee_organization_id: string;
  assignee_user_id: string | null;
  /** YYYY-MM-DD */
  due_date: string | null;
  /** open | in_progress | done | cancelled */
  status: string;
  /** manual | action_item */
  origin: string;
  origin_ref: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  version: number;
}

/** One contribution by a party to a project (a post, a task done, evidence, a sign-off, …). */
export interface ProjectActivityRow {
  id: string;
  project_id: string;
  organization_id: string;
  user_id: string | null;
  stage: string;
  kind: string;
  ref: string | null;
  at: string;
}

/** A discussion thread of a project, addressed to some parties or open to all. */
export interface ProjectThreadRow {
  id: string;
  project_id: string;
  stage: string;
  subject: string;
  /** JSON array of organisation ids; [] is open to every party. */
  addressed_to: string;
  /** open | closed */
  status: string;
  organization_id: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_by: string | null;
  closed_at: string | null;
  version: number;
}

/** One post in a thread, written for a party. */
export interface ProjectThreadPostRow {
  id: string;
  thread_id: string;
  project_id: string;
  organization_id: string;
  user_id: string | null;
  body: string;
  at: string;
}

/** Meeting minutes of a project. */
export interface ProjectMinutesRow {
  id: string;
  project_id: string;
  stage: string;
  title: string;
  /** YYYY-MM-DD */
  meeting_date: string;
  /** JSON array of { organizationId, userId, name } */
  attendees: string;
  agenda: string;
  /** JSON array of strings */
  decisions: string;
  organization_id: string;
  created_by: string | null;
  created_at: string;
}

/** An action item of minutes and the task it became. */
export interface ProjectActionItemRow {
  minutes_id: string;
  position: number;
  description: string;
  assignee_organization_id: string;
  assignee_user_id: string | null;
  due_date: string | null;
  task_id: string;
}

/** A record of a project document (the file lives elsewhere; this is its reference). */
export interface ProjectDocumentRow {
  id: string;
  project_id: string;
  stage: string;
  title: string;
  kind: string;
  reference: string;
  version_label: string;
  organization_id: string;
  uploaded_by: string | null;
  created_at: string;
}

/** An episode of a party flagged by the engagement monitor; open while cleared_at is null. */
export interface ProjectEngagementFlagRow {
  id: string;
  project_id: string;
  organization_id: string;
  /** `<project id>:<organization id>` while open, null once cleared. */
  open_key: string | null;
  /** JSON array: silent | overdue_tasks */
  reasons: string;
  stage: string;
  days_silent: number;
  overdue_tasks: number;
  flagged_at: string;
  updated_at: string;
  cleared_at: string | null;
}

/** One in-app notification for one user (see modules/notifications). */
export interface NotificationRow {
  id: string;
  user_id: string;
  /** <module>.<event> */
  kind: string;
  /** JSON object of string | number values. */
  params: string;
  link: string | null;
  /** Unique per user when set. */
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
}

/** An e-mail of a notification waiting in (or delivered from) the outbox. */
export interface NotificationEmailRow {
  id: string;
  notification_id: string;
  to_address: string;
  subject: string;
  body_text: string;
  /** queued | sent | failed */
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
}

/** A user's notification preferences; no row means the defaults (e-mail on). */
export interface NotificationPreferenceRow {
  user_id: string;
  email_enabled: number;
  updated_at: string;
}

/** A result of a project (see modules/outcomes); its owners are in outcome_share. */
export interface ProjectOutcomeRow {
  id: string;
  project_id: string;
  /** patent_application | patent_grant | software_copyright | standard | know_how | new_product | paper */
  kind: string;
  /** patent | software | know_how | standard, or null (no ownership shares) */
  ip_type: string | null;
  title: string;
  description: string;
  reference: string;
  outcome_date: string;
  filing_date: string | null;
  grant_date: string | null;
  charter_version_id: string | null;
  charter_number: number | null;
  /** The party that recorded it. */
  organization_id: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A holder's share of an outcome in basis points; `holder_key` is the organisation id or `ext:<name>`. */
export interface OutcomeShareRow {
  outcome_id: string;
  holder_key: string;
  organization_id: string | null;
  holder_name: string | null;
  basis_points: number;
}

/** Serialises a project's incomes and counts them. */
export interface ProjectIncomeHeadRow {
  project_id: string;
  incomes: number;
}

/** Income attributable to a project; amounts are fen as decimal digits. */
export interface IncomeEventRow {
  id: string;
  project_id: string;
  number: number;
  /** licence_fee | royalty | sale | other */
  kind: string;
  amount_fen: string;
  received_on: string;
  payer: string;
  outcome_id: string | null;
  note: string;
  charter_version_id: string;
  charter_number: number;
  method: string;
  cost_recovery_fen: string;
  shared_fen: string;
  recorded_by: string | null;
  recorded_at: string;
}

/** One member's line of an income's distribution statement (fen as decimal digits). */
export interface DistributionStatementRow {
  id: string;
  income_id: string;
  project_id: string;
  organization_id: string;
  cost_recovery_fen: string;
  share_fen: string;
  total_fen: string;
  weight: string;
  created_at: string;
}

/** An entry of an organisation's account (fen as decimal digits). */
export interface AccountEntryRow {
  id: string;
  organization_id: string;
  project_id: string;
  statement_id: string;
  income_id: string;
  amount_fen: string;
  posted_at: string;
}

/** A co-owner's offer of its share of an outcome, first to the co-owners. */
export interface IpTransferRow {
  id: string;
  outcome_id: string;
  project_id: string;
  seller_organization_id: string;
  /** sale | exclusive_licence */
  kind: string;
  basis_points: number;
  price_fen: string;
  offer_period_days: number;
  offered_at: string;
  deadline: string;
  /** offered | taken_by_co_owners | sold | licensed | withdrawn */
  status: string;
  transferee_organization_id: string | null;
  transferee_name: string | null;
  final_price_fen: string | null;
  moved: string | null;
  note: string;
  created_by: string | null;
  completed_at: string | null;
  updated_at: string;
  version: number;
}

/** A co-owner's answer to an offer. */
export interface IpTransferResponseRow {
  transfer_id: string;
  organization_id: string;
  /** accept | decline */
  answer: string;
  answered_by: string | null;
  answered_at: string;
}

export interface Database {
  app_user: UserRow;
  platform_role: PlatformRoleRow;
  session: SessionRow;
  login_attempt: LoginAttemptRow;
  organization: OrganizationRow;
  cluster: ClusterRow;
  organization_cluster: OrganizationClusterRow;
  membership: MembershipRow;
  need: NeedRow;
  capability: CapabilityRow;
  achievement: AchievementRow;
  expert: ExpertRow;
  nda_request: NdaRequestRow;
  search_document: SearchDocumentRow;
  search_access_grant: SearchAccessGrantRow;
  external_ref: ExternalRefRow;
  organization_match_profile: OrganizationMatchProfileRow;
  collaboration_project: CollaborationProjectRow;
  collaboration_participant: CollaborationParticipantRow;
  partner_match: PartnerMatchRow;
  partner_match_event: PartnerMatchEventRow;
  consortium: ConsortiumRow;
  consortium_member: ConsortiumMemberRow;
  consortium_designation: ConsortiumDesignationRow;
  consortium_policy: ConsortiumPolicyRow;
  charter_version: CharterVersionRow;
  charter_signature: CharterSignatureRow;
  project: ProjectRow;
  project_party: ProjectPartyRow;
  project_milestone: ProjectMilestoneRow;
  project_milestone_evidence: ProjectMilestoneEvidenceRow;
  project_signoff: ProjectSignoffRow;
  project_stage_event: ProjectStageEventRow;
  project_task: ProjectTaskRow;
  project_activity: ProjectActivityRow;
  project_thread: ProjectThreadRow;
  project_thread_post: ProjectThreadPostRow;
  project_minutes: ProjectMinutesRow;
  project_action_item: ProjectActionItemRow;
  project_document: ProjectDocumentRow;
  project_engagement_flag: ProjectEngagementFlagRow;
  notification: NotificationRow;
  notification_email: NotificationEmailRow;
  notification_preference: NotificationPreferenceRow;
  project_outcome: ProjectOutcomeRow;
  outcome_share: OutcomeShareRow;
  project_income_head: ProjectIncomeHeadRow;
  income_event: IncomeEventRow;
  distribution_statement: DistributionStatementRow;
  account_entry: AccountEntryRow;
  ip_transfer: IpTransferRow;
  ip_transfer_response: IpTransferResponseRow;
  audit_event: AuditEventRow;
  audit_head: AuditHeadRow;
}

/**
 * Every table with its key columns, parents before children (the order restore inserts in).
 * Backups walk this list; a test fails when a table exists that is not in it (except the
 * engine-specific full-text index tables, derived from search_document: see db/fulltext.ts).
 */
export const TABLE_KEYS = {
  app_user: ['id'],
  platform_role: ['user_id', 'role'],
  session: ['id'],
  login_attempt: ['id'],
  cluster: ['id'],
  organization: ['id'],
  organization_cluster: ['organization_id', 'cluster_id'],
  membership: ['organization_id', 'user_id'],
  need: ['id'],
  capability: ['id'],
  achievement: ['id'],
  expert: ['id'],
  nda_request: ['id'],
  search_document: ['entity_type', 'entity_id'],
  search_access_grant: ['entity_type', 'entity_id', 'organization_id'],
  external_ref: ['source', 'entity_type', 'external_id'],
  organization_match_profile: ['organization_id'],
  collaboration_project: ['id'],
  collaboration_participant: ['project_id', 'organization_id'],
  partner_match: ['id'],
  partner_match_event: ['id'],
  consortium: ['id'],
  consortium_member: ['consortium_id', 'organization_id'],
  consortium_designation: ['id'],
  consortium_policy: ['id'],
  charter_version: ['id'],
  charter_signature: ['version_id', 'organization_id'],
  project: ['id'],
  project_party: ['project_id', 'organization_id'],
  project_milestone: ['id'],
  project_milestone_evidence: ['id'],
  project_signoff: ['project_id', 'stage', 'organization_id'],
  project_stage_event: ['id'],
  project_task: ['id'],
  project_activity: ['id'],
  project_thread: ['id'],
  project_thread_post: ['id'],
  project_minutes: ['id'],
  project_action_item: ['minutes_id', 'position'],
  project_document: ['id'],
  project_engagement_flag: ['id'],
  notification: ['id'],
  notification_email: ['id'],
  notification_preference: ['user_id'],
  project_outcome: ['id'],
  outcome_share: ['outcome_id', 'holder_key'],
  project_income_head: ['project_id'],
  income_event: ['id'],
  distribution_statement: ['id'],
  account_entry: ['id'],
  ip_transfer: ['id'],
  ip_transfer_response: ['transfer_id', 'organization_id'],
  audit_event: ['seq'],
  audit_head: ['id'],
} as const satisfies { [T in keyof Database]: readonly (keyof Database[T] & string)[] };

export type TableName = keyof typeof TABLE_KEYS;
export const TABLES_IN_DEPENDENCY_ORDER = Object.keys(TABLE_KEYS) as TableName[];
