/**
 * Pure decisions about directory records: identifiers (ORCID, patent and copyright numbers),
 * budgets and deadlines, status changes, and which kinds of organisation may post what. No I/O.
 */
import type { OrganizationKind } from '../organizations/schemas.js';
import {
  POSTER_KINDS,
  type AchievementKind,
  type ListingStatus,
  type NeedStatus,
  type RecordType,
} from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Who may post what

// Who may post what is decided by POSTER_KINDS: enterprises post needs; universities, colleges
// and institutes post achievements; these plus service organisations and enterprises selling R&D
// services offer capabilities and list experts; government offices and funds post nothing. The
// table lives in schemas.ts, with its reasons, so that the web app offers only fitting owners.
export type { RecordType } from './schemas.js';
export { POSTER_KINDS };

export function mayOwn(kind: OrganizationKind, type: RecordType): boolean {
  return POSTER_KINDS[type].includes(kind);
}

// ---------------------------------------------------------------------------------------------
// ORCID (ISO 7064 MOD 11-2)

/** The ISO 7064 MOD 11-2 check character of 15 digits ('0'–'9' or 'X'), or null if malformed. */
export function orcidCheckCharacter(first15: string): string | null {
  if (!/^\d{15}$/.test(first15)) return null;
  let total = 0;
  for (const ch of first15) total = (total + Number(ch)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/**
 * An ORCID iD in its canonical form `0000-0002-1825-0097`, from what a person typed: with or
 * without the hyphens, with or without the `https://orcid.org/` prefix, lower-case `x` allowed.
 * Null when it is not 16 characters of the right shape or its check character is wrong.
 */
export function normalizeOrcid(input: string): string | null {
  const bare = input
    .trim()
    .replace(/^(https?:\/\/)?(www\.)?orcid\.org\//i, '')
    .toUpperCase();
  const compact = /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(bare) ? bare.replaceAll('-', '') : bare;
  if (!/^\d{15}[\dX]$/.test(compact)) return null;
  if (orcidCheckCharacter(compact.slice(0, 15)) !== compact[15]) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}-${compact.slice(12)}`;
}

// ---------------------------------------------------------------------------------------------
// Patent and software copyright numbers

const PATENT_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

/**
 * The check character of a CNIPA patent application number (专利申请号) from its 8 (before
 * 2003) or 12 digits: the digits weighted 2,3,4,5,6,7,8,9,2,3,4,5 summed modulo 11, 10 as 'X'.
 */
export function patentCheckCharacter(digits: string): string | null {
  if (!/^(\d{8}|\d{12})$/.test(digits)) return null;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) sum += Number(digits[i]) * (PATENT_WEIGHTS[i] ?? 0);
  const check = sum % 11;
  return check === 10 ? 'X' : String(check);
}

export type RegistrationNumberProblem = 'format' | 'check_character' | 'not_allowed';

/**
 * A registration number in canonical form for its kind of achievement, or what is wrong with it:
 * - patents: a CNIPA application number, `CN`/`ZL` prefix optional (`CN202310123456.6`, check
 *   character verified; 12 digits since 2003, 8 before), or a publication number such as
 *   `CN115123456A` / `CN215123456U`;
 * - software copyrights: a registration number such as `2023SR0123456`;
 * - know-how has none.
 */
export function checkRegistrationNumber(
  kind: AchievementKind,
  input: string,
): { value: string } | { problem: RegistrationNumberProblem } {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  switch (kind) {
    case 'know_how':
      return { problem: 'not_allowed' };
    case 'software_copyright':
      return /^(19|20)\d{2}SR\d{6,7}$/.test(compact) ? { value: compact } : { problem: 'format' };
    case 'patent': {
      const application = /^(?:CN|ZL)?(\d{8}|\d{12})\.?([\dX])$/.exec(compact);
      if (application) {
        const [, digits = '', check = ''] = application;
        if (patentCheckCharacter(digits) !== check) return { problem: 'check_character' };
        return { value: `CN${digits}.${check}` };
      }
      if (/^CN\d{7,9}[ABCUSY]\d?$/.test(compact)) return { value: compact };
      return { problem: 'format' };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Budgets, deadlines, keywords

/** Whether a budget range runs backwards (both ends given and the lower above the upper). */
export function isBudgetRangeInverted(minFen: number | null, maxFen: number | null): boolean {
  return minFen !== null && maxFen !== null && minFen > maxFen;
}

/** Minutes east of UTC of the cluster's time zone (China Standard Time, no daylight saving). */
export const SUZHOU_UTC_OFFSET_MINUTES = 8 * 60;

/** The calendar date (YYYY-MM-DD) in Suzhou at the instant `now`. */
export function suzhouDate(now: Date): string {
  return new Date(now.getTime() + SUZHOU_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** A deadline is in the past when its day is over in Suzhou; today is still allowed. */
export function isDeadlineInPast(deadline: string, today: string): boolean {
  return deadline < today;
}

/** Keywords trimmed, empty ones dropped, and each kept once (the first spelling, ignoring case). */
export function normalizeKeywords(keywords: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of keywords) {
    const keyword = raw.trim().replace(/\s+/g, ' ');
    const key = keyword.toLowerCase();
    if (keyword === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(keyword);
  }
  return result;
}

/** Enum values, each once, in their declared order (so stored lists compare equal). */
export function normalizeModes<T extends string>(values: readonly T[], order: readonly T[]): T[] {
  return order.filter((value) => values.includes(value));
}

// ---------------------------------------------------------------------------------------------
// Status changes

/**
 * How a need moves: open ⇄ in talks → matched, and any of them may be closed. Closing is final:
 * a closed need stays in the record but takes no more changes (post a new one instead).
 */
export const NEED_TRANSITIONS: Readonly<Record<NeedStatus, readonly NeedStatus[]>> = {
  open: ['in_talks', 'matched', 'closed'],
  in_talks: ['open', 'matched', 'closed'],
  matched: ['closed'],
  closed: [],
};

/** Capabilities, achievements and expert profiles are active until closed, which is final. */
export const LISTING_TRANSITIONS: Readonly<Record<ListingStatus, readonly ListingStatus[]>> = {
  active: ['closed'],
  closed: [],
};

export function canMoveNeed(from: NeedStatus, to: NeedStatus): boolean {
  return NEED_TRANSITIONS[from].includes(to);
}

export function canMoveListing(from: ListingStatus, to: ListingStatus): boolean {
  return LISTING_TRANSITIONS[from].includes(to);
}

/** Whether a need is live: it still looks for partners (search ranks only live records). */
export function isNeedActive(status: NeedStatus): boolean {
  return status === 'open' || status === 'in_talks';
}

// ---------------------------------------------------------------------------------------------
// Field checks of whole records

export interface RecordIssue {
  code:
    | 'directory.budget_range_inverted'
    | 'directory.deadline_in_past'
    | 'directory.orcid_invalid'
    | 'directory.registration_number_invalid'
    | 'directory.registration_number_not_allowed'
    | 'directory.expert_name_required';
  field: string;
  message: string;
}

/**
 * Problems with a need's budget and deadline. The deadline is checked only when it changes, so an
 * old need whose deadline has passed can still be edited or closed.
 */
export function needIssues(input: {
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  deadline: string | null;
  deadlineChanged: boolean;
  today: string;
}): RecordIssue[] {
  const issues: RecordIssue[] = [];
  if (isBudgetRangeInverted(input.budgetMinFen, input.budgetMaxFen)) {
    issues.push({
      code: 'directory.budget_range_inverted',
      field: 'body.budgetMaxFen',
      message: 'The upper end of the budget is below the lower end',
    });
  }
  if (input.deadline !== null && input.deadlineChanged && isDeadlineInPast(input.deadline, input.today)) {
    issues.push({
      code: 'directory.deadline_in_past',
      field: 'body.deadline',
      message: `The deadline ${input.deadline} is before today (${input.today}, Suzhou time)`,
    });
  }
  return issues;
}

const REGISTRATION_MESSAGES: Record<RegistrationNumberProblem, string> = {
  format:
    'Not a patent application or publication number (e.g. CN202310123456.6) or a software copyright registration number (e.g. 2023SR0123456)',
  check_character: 'The check character of this patent application number does not match',
  not_allowed: 'Know-how has no registration number',
};

/** An achievement's registration number in canonical form, or the issue with it. */
export function registrationNumberIssue(
  kind: AchievementKind,
  number: string | null,
): { value: string | null; issue: RecordIssue | null } {
  if (number === null || number.trim() === '') return { value: null, issue: null };
  const checked = checkRegistrationNumber(kind, number);
  if ('value' in checked) return { value: checked.value, issue: null };
  return {
    value: null,
    issue: {
      code:
        checked.problem === 'not_allowed'
          ? 'directory.registration_number_not_allowed'
          : 'directory.registration_number_invalid',
      field: 'body.registrationNumber',
      message: REGISTRATION_MESSAGES[checked.problem],
    },
  };
}

/** An expert's ORCID in canonical form and the issues with the profile's names and ORCID. */
export function expertIssues(input: { nameZh: string; nameEn: string; orcid: string | null }): {
  orcid: string | null;
  issues: RecordIssue[];
} {
  const issues: RecordIssue[] = [];
  if (input.nameZh.trim() === '' && input.nameEn.trim() === '') {
    issues.push({
      code: 'directory.expert_name_required',
      field: 'body.nameZh',
      message: "Give the expert's name in Chinese or in English",
    });
  }
  let orcid: string | null = null;
  if (input.orcid !== null && input.orcid.trim() !== '') {
    orcid = normalizeOrcid(input.orcid);
    if (orcid === null) {
      issues.push({
        code: 'directory.orcid_invalid',
        field: 'body.orcid',
        message: 'Not an ORCID iD: 16 characters such as 0000-0002-1825-0097 whose last one checks the rest',
      });
    }
  }
  return { orcid, issues };
}
