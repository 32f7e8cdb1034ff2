/**
 * Wording of the charter in the web app: its issues (the rules' exact English message, or the
 * zh-CN text built from the issue's code and figures), the diff's paths and values, and the
 * live validation the editor runs in the browser with the same pure rules as the server.
 */
import type { TFunction } from 'i18next';
import {
  CharterContent,
  type CharterContent as Content,
  type CharterIssue,
  type CharterIssueCode,
  type CharterMember,
  dutiesOf,
  groupDigits,
  OUTCOME_TYPES,
  type OutcomeType,
  type PathSegment,
  validateCharter,
} from '../../../../src/modules/consortia/schemas';
import { basisPointsToPercent, fenToYuan } from './amounts';
import { charterIssueKey, outcomeTypeKey } from './labels';

/** An issue shown in the editor: the rules' issues, and shape problems of the content (zod). */
export interface ShownIssue {
  field: string;
  code: string;
  message: string;
  params: Record<string, string | number>;
}

/**
 * What keeps `content` from being signed, as the server sees it: the content's shape, then
 * `validateCharter` against the active members; members an amendment releases (duties under the
 * version it amends, none now) are not flagged as without duty, as in charter-service.ts.
 */
export function liveIssues(
  content: Content,
  members: readonly CharterMember[],
  base: Content | null,
): ShownIssue[] {
  const parsed = CharterContent.safeParse(content);
  const shape: ShownIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field: ['content', ...issue.path.map(String)].join('.'),
        code: issue.code,
        message: issue.message,
        params: {},
      }));
  const released = new Set(
    base
      ? members
          .map((m) => m.id)
          .filter((id) => dutiesOf(base, id).length > 0 && dutiesOf(content, id).length === 0)
      : [],
  );
  let rules: CharterIssue[] = [];
  try {
    rules = validateCharter(content, members).filter(
      (issue) =>
        !(issue.code === 'charter.member_without_duty' && released.has(String(issue.params['memberId']))),
    );
  } catch {
    // Content the schema refuses may not be checkable; its shape issues say what to fix.
  }
  return [...shape, ...rules];
}

/** The issues at `field` exactly, or (with `within`) also those inside it. */
export function issuesAt(issues: readonly ShownIssue[], field: string, within = false): ShownIssue[] {
  return issues.filter((i) => i.field === field || (within && i.field.startsWith(`${field}.`)));
}

const CHARTER_CODES: ReadonlySet<string> = new Set<CharterIssueCode>([
  'charter.objectives_missing',
  'charter.duplicate_id',
  'charter.unknown_member',
  'charter.member_repeated',
  'charter.work_package_without_responsible',
  'charter.work_package_responsible_not_member',
  'charter.responsible_also_contributing',
  'charter.dates_inverted',
  'charter.unknown_work_package',
  'charter.negative_contribution',
  'charter.share_out_of_range',
  'charter.shares_not_10000',
  'charter.licensee_not_co_owner',
  'charter.dispute_procedure_missing',
  'charter.dispute_steps_out_of_order',
  'charter.dispute_arbitration_and_litigation',
  'charter.arbitration_commission_missing',
  'charter.member_without_duty',
  'charter.member_has_open_duties',
]);

/** The share table a field lies in, named for a message: "专利的前景知识产权份额" / fixed income shares. */
function tableName(t: TFunction, field: string): string {
  const match = /^content\.foregroundIp\.([a-z_]+)\.shares/.exec(field);
  if (match)
    return t('consortia.charter.table.foreground', { outcome: t(outcomeTypeKey(match[1] as OutcomeType)) });
  return t('consortia.charter.table.benefit');
}

/**
 * An issue in the current language: in English the rules' exact message; in Chinese the text of
 * its code with its figures and the members' names. Shape issues use the generic field texts.
 */
export function issueMessage(
  t: TFunction,
  language: string,
  issue: ShownIssue,
  nameOf: (organizationId: string) => string,
): string {
  if (language.startsWith('en') || !CHARTER_CODES.has(issue.code)) {
    if (CHARTER_CODES.has(issue.code) || issue.message) return issue.message;
    return t('issues.invalid');
  }
  const p = issue.params;
  const memberId = typeof p['memberId'] === 'string' ? p['memberId'] : '';
  const outcome =
    typeof p['outcomeType'] === 'string' ? t(outcomeTypeKey(p['outcomeType'] as OutcomeType)) : '';
  const step = typeof p['step'] === 'string' ? t(`consortia.charter.disputeStep.${p['step']}`) : '';
  const total = typeof p['total'] === 'number' ? p['total'] : 0;
  return t(charterIssueKey(issue.code as CharterIssueCode), {
    ...p,
    member: memberId ? nameOf(memberId) : '',
    outcome,
    step,
    table: tableName(t, issue.field),
    total: groupDigits(total),
    percent: basisPointsToPercent(total),
    basisPoints: typeof p['basisPoints'] === 'number' ? groupDigits(p['basisPoints']) : '',
  });
}

// ---------------------------------------------------------------------------------------------
// Diff

const KEY_LABELS = new Set([
  'currency',
  'objectives',
  'workPackages',
  'contributions',
  'backgroundIp',
  'foregroundIp',
  'firstRefusal',
  'benefit',
  'exit',
  'dispute',
  'id',
  'kind',
  'method',
  'whoMayLicense',
  'step',
  'title',
  'memberId',
  'ownerMemberId',
  'responsibleMemberId',
  'contributingMemberIds',
  'designatedMemberIds',
  'stage',
  'description',
  'workPackageId',
  'valuationFen',
  'personMonths',
  'registrationNumber',
  'projectAccess',
  'exploitationAccess',
  'shares',
  'basisPoints',
  'licensing',
  'memberUse',
  'terms',
  'costRecovery',
  'kinds',
  'offerPeriodDays',
  'noticeDays',
  'futureIncome',
  'steps',
  'days',
  'forum',
  'deliverables',
  'dueDate',
  'startDate',
  'endDate',
  'conditions',
]);

/** Keys the diff path may name, with their text in both languages (checked by the i18n test). */
export const DIFF_KEYS: readonly string[] = [...KEY_LABELS];

/** A diff path for reading: "Foreground IP › Patents › Shares › 苏州大学 › Share". */
export function pathLabel(
  t: TFunction,
  segments: readonly PathSegment[],
  nameOf: (organizationId: string) => string | null,
): string {
  return segments
    .map((segment, index) => {
      if ('key' in segment) {
        const previous = segments[index - 1];
        if (previous && 'key' in previous && previous.key === 'foregroundIp' && isOutcome(segment.key))
          return t(outcomeTypeKey(segment.key));
        if (previous && 'key' in previous && previous.key === 'exit' && segment.key === 'foregroundIp')
          return t('consortia.charter.key.exitForegroundIp');
        return KEY_LABELS.has(segment.key) ? t(`consortia.charter.key.${segment.key}`) : segment.key;
      }
      if ('item' in segment) return nameOf(segment.item) ?? segment.item;
      return `#${String(segment.index + 1)}`;
    })
    .join(' › ');
}

function isOutcome(key: string): key is OutcomeType {
  return (OUTCOME_TYPES as readonly string[]).includes(key);
}

/** A value of the diff for reading: money in yuan, shares in percent, members by name, lists and objects compact. */
export function valueText(
  t: TFunction,
  value: unknown,
  lastKey: string | null,
  nameOf: (organizationId: string) => string | null,
): string {
  if (value === null || value === undefined) return t('common.emptyValue');
  if (typeof value === 'number') {
    if (lastKey === 'valuationFen') return `¥${fenToYuan(value)}`;
    if (lastKey === 'basisPoints') return `${basisPointsToPercent(value)}%`;
    return String(value);
  }
  if (typeof value === 'string') return nameOf(value) ?? value;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return `[${value.map((item) => valueText(t, item, lastKey, nameOf)).join(', ')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => {
    const label = KEY_LABELS.has(key) ? t(`consortia.charter.key.${key}`) : key;
    return `${label}: ${valueText(t, item, key, nameOf)}`;
  });
  return `{ ${entries.join('; ')} }`;
}
