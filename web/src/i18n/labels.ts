/**
 * Translation keys built from enum values. Components use these instead of template strings so
 * the i18n test can check every value of every enum has its text in both languages.
 */
import type { TFunction } from 'i18next';
import type {
  ChainPosition,
  District,
  Member,
  OrganizationKind,
  ServiceType,
  SizeClass,
  VerificationStatus,
} from '../../../src/modules/organizations/schemas';
import type { PLATFORM_ROLE_VALUES } from '../../../src/modules/identity/schemas';

export type PlatformRole = (typeof PLATFORM_ROLE_VALUES)[number];
export type OrgRole = Member['role'];

export const ORG_ROLES = ['admin', 'member'] as const satisfies readonly OrgRole[];

/** Filter values of the directory's verification filter (cluster office only). */
export const VERIFICATION_FILTERS = ['verified', 'unverified', 'all'] as const;
export type VerificationFilter = (typeof VERIFICATION_FILTERS)[number];

/** Field problem codes the API reports (zod issue codes plus our own), translated when known. */
export const ISSUE_CODES = [
  'too_small',
  'too_big',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'invalid_union',
  'unrecognized_key',
  'custom',
] as const;

export const kindKey = (kind: OrganizationKind) => `organization.kind.${kind}`;
export const sizeClassKey = (size: SizeClass) => `organization.sizeClass.${size}`;
export const serviceTypeKey = (type: ServiceType) => `organization.serviceType.${type}`;
export const chainPositionKey = (position: ChainPosition) => `organization.chainPosition.${position}`;
export const districtKey = (district: District) => `organization.district.${district}`;
export const verificationKey = (status: VerificationStatus) => `organization.verification.${status}`;
export const verificationFilterKey = (filter: VerificationFilter) => `directory.verificationFilter.${filter}`;
export const platformRoleKey = (role: PlatformRole) => `platformRole.${role}`;
export const platformRoleHelpKey = (role: PlatformRole) => `platformRoleHelp.${role}`;
export const orgRoleKey = (role: OrgRole) => `orgRole.${role}`;
export const errorKey = (code: string) => `errors.${code}`;
export const issueKey = (code: string) => `issues.${code}`;

/** Options for an antd Select from an enum and its key builder. */
export function enumOptions<T extends string>(
  t: TFunction,
  values: readonly T[],
  key: (value: T) => string,
): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: t(key(value)) }));
}

/** How the audit chain can be broken (`firstBreak.kind` of GET /api/v1/audit/verify). */
export const AUDIT_BREAK_KINDS = ['gap', 'prev_hash_mismatch', 'hash_mismatch', 'head_mismatch'] as const;
export type AuditBreakKind = (typeof AUDIT_BREAK_KINDS)[number];
export const auditBreakKey = (kind: AuditBreakKind) => `audit.breakKind.${kind}`;

export const localeKey = (locale: 'zh-CN' | 'en') => `locale.${locale}`;
