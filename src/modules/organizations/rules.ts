/**
 * Pure decisions about organisations: identifiers, which fields fit which kind, what an
 * unverified organisation may do. No I/O here.
 */
import type { OrganizationKind } from './schemas.js';

/** The 31 characters of a unified social credit code (no I, O, S, V, Z). */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 32100-2015: the check character for the first 17 characters, or null if they are malformed. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check] ?? null;
}

export type CreditCodeProblem = 'length' | 'characters' | 'region' | 'check_character';

/**
 * Checks a unified social credit code (统一社会信用代码): 18 characters from the code alphabet,
 * an administrative division code of six digits in positions 3–8, and the GB 32100-2015 check
 * character last. Returns null when valid, otherwise what is wrong.
 */
export function checkCreditCode(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return 'characters';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'region';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check_character';
}

/** MOE institution code (学校标识码): ten digits. */
export function isValidMoeCode(code: string): boolean {
  return /^\d{10}$/.test(code);
}

/**
 * Which kind-specific fields an organisation carries. Every kind may carry a credit code (all
 * legal entities in China have one); only universities and colleges carry an MOE code.
 */
export function fieldsAllowedFor(kind: OrganizationKind): {
  sizeClass: 'required' | 'forbidden';
  serviceType: 'required' | 'forbidden';
  moeCode: 'optional' | 'forbidden';
} {
  return {
    sizeClass: kind === 'enterprise' ? 'required' : 'forbidden',
    serviceType: kind === 'service' ? 'required' : 'forbidden',
    moeCode: kind === 'university' || kind === 'vocational_college' ? 'optional' : 'forbidden',
  };
}

export interface ProfileIssue {
  code:
    | 'organization.credit_code_invalid'
    | 'organization.moe_code_invalid'
    | 'organization.moe_code_not_allowed'
    | 'organization.size_class_required'
    | 'organization.size_class_not_allowed'
    | 'organization.service_type_required'
    | 'organization.service_type_not_allowed'
    | 'organization.duplicate_cluster';
  field: string;
  message: string;
}

const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: 'A unified social credit code has exactly 18 characters',
  characters: 'A unified social credit code uses only digits and the letters A–Y except I, O, S, V, Z',
  region: 'Characters 3 to 8 of a unified social credit code are the six-digit region code',
  check_character: 'The last character does not match the GB 32100-2015 check character',
};

/**
 * Everything wrong with an organisation's kind-specific fields, each naming its field: size class
 * for enterprises only, service type for service organisations only, a valid credit code, an MOE
 * code only for universities and colleges, each cluster at most once.
 */
export function profileIssues(
  kind: OrganizationKind,
  profile: {
    sizeClass: string | null;
    serviceType: string | null;
    creditCode: string | null;
    moeCode: string | null;
    clusterSlugs: readonly string[];
  },
): ProfileIssue[] {
  const allowed = fieldsAllowedFor(kind);
  const issues: ProfileIssue[] = [];
  if (allowed.sizeClass === 'required' && profile.sizeClass === null) {
    issues.push({
      code: 'organization.size_class_required',
      field: 'body.sizeClass',
      message: 'An enterprise needs a size class',
    });
  }
  if (allowed.sizeClass === 'forbidden' && profile.sizeClass !== null) {
    issues.push({
      code: 'organization.size_class_not_allowed',
      field: 'body.sizeClass',
      message: 'Only enterprises have a size class',
    });
  }
  if (allowed.serviceType === 'required' && profile.serviceType === null) {
    issues.push({
      code: 'organization.service_type_required',
      field: 'body.serviceType',
      message: 'A service organisation needs a service type',
    });
  }
  if (allowed.serviceType === 'forbidden' && profile.serviceType !== null) {
    issues.push({
      code: 'organization.service_type_not_allowed',
      field: 'body.serviceType',
      message: 'Only service organisations have a service type',
    });
  }
  if (profile.creditCode !== null) {
    const problem = checkCreditCode(profile.creditCode);
    if (problem)
      issues.push({
        code: 'organization.credit_code_invalid',
        field: 'body.creditCode',
        message: CREDIT_CODE_MESSAGES[problem],
      });
  }
  if (profile.moeCode !== null) {
    if (allowed.moeCode === 'forbidden') {
      issues.push({
        code: 'organization.moe_code_not_allowed',
        field: 'body.moeCode',
        message: 'Only universities and colleges have an MOE code',
      });
    } else if (!isValidMoeCode(profile.moeCode)) {
      issues.push({
        code: 'organization.moe_code_invalid',
        field: 'body.moeCode',
        message: 'An MOE institution code has exactly 10 digits',
      });
    }
  }
  const seen = new Set<string>();
  profile.clusterSlugs.forEach((slug, index) => {
    if (seen.has(slug)) {
      issues.push({
        code: 'organization.duplicate_cluster',
        field: `body.clusters.${index}.cluster`,
        message: `Cluster "${slug}" is listed twice`,
      });
    }
    seen.add(slug);
  });
  return issues;
}

/** How many organisations a user may have waiting for verification at once. */
export const MAX_UNVERIFIED_PER_CREATOR = 3;
