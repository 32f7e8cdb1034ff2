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

export interface Database {
  app_user: UserRow;
  platform_role: PlatformRoleRow;
  session: SessionRow;
  login_attempt: LoginAttemptRow;
  organization: OrganizationRow;
  cluster: ClusterRow;
  organization_cluster: OrganizationClusterRow;
  membership: MembershipRow;
  audit_event: AuditEventRow;
  audit_head: AuditHeadRow;
}

/**
 * Every table with its key columns, parents before children (the order restore inserts in).
 * Backups walk this list; a test fails when a table exists that is not in it.
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
  audit_event: ['seq'],
  audit_head: ['id'],
} as const satisfies { [T in keyof Database]: readonly (keyof Database[T] & string)[] };

export type TableName = keyof typeof TABLE_KEYS;
export const TABLES_IN_DEPENDENCY_ORDER = Object.keys(TABLE_KEYS) as TableName[];
