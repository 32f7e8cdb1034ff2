import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_ACCESS_TERMS,
  CHARTER_SECTIONS,
  CHARTER_STATUSES,
  CONTRIBUTION_KINDS,
  DISPUTE_STEPS,
  DISTRIBUTION_METHODS,
  EXIT_INCOME_TREATMENTS,
  EXIT_IP_TREATMENTS,
  LICENSING_RIGHTS,
  MEMBER_USE_TERMS,
  OUTCOME_TYPES,
  PROJECT_STAGES,
  validateCharter,
  APPLICATION_STATUSES,
  CONSORTIUM_SCOPES,
  CONSORTIUM_STATUSES,
  DESIGNATION_STATUSES,
  MEMBER_ACTIONS,
  MEMBER_ROLES,
  MEMBER_STATUSES,
} from '../../../../src/modules/consortia/schemas';
import { TRANSLATIONS } from '../../i18n/resources';
import { DIFF_KEYS } from './charterText';
import {
  backgroundAccessKey,
  CHARTER_CHANGE_KINDS,
  changeKindKey,
  charterIssueKey,
  charterSectionKey,
  charterStatusKey,
  contributionKindKey,
  disputeStepKey,
  distributionMethodKey,
  exitIncomeKey,
  exitIpKey,
  licensingRightKey,
  memberUseKey,
  outcomeTypeKey,
  projectStageKey,
  applicationStatusKey,
  consortiumStatusKey,
  designationStatusKey,
  memberActionKey,
  memberDoneKey,
  memberRoleKey,
  memberStatusKey,
  scopeKey,
} from './labels';

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('consortium translations', () => {
  it('translates every status, designation status, role, member status and action, in both languages', () => {
    const keys = [
      'nav.consortia',
      ...CONSORTIUM_STATUSES.map(consortiumStatusKey),
      ...DESIGNATION_STATUSES.map(designationStatusKey),
      ...APPLICATION_STATUSES.map(applicationStatusKey),
      ...MEMBER_ROLES.map(memberRoleKey),
      ...MEMBER_STATUSES.map(memberStatusKey),
      ...MEMBER_ACTIONS.map(memberActionKey),
      ...MEMBER_ACTIONS.map(memberDoneKey),
      ...CONSORTIUM_SCOPES.map(scopeKey),
      ...(['decline', 'withdraw', 'remove', 'leave'] as const).map((a) => `consortia.memberHelp.${a}`),
      ...(['submit', 'approve', 'return'] as const).flatMap((step) => [
        `consortia.designation.${step}`,
        `consortia.designation.help.${step}`,
        `consortia.designation.done.${step}`,
      ]),
    ];
    for (const locale of ['zh-CN', 'en'] as const)
      for (const key of keys)
        expect(typeof lookup(TRANSLATIONS[locale], key), `${locale} ${key}`).toBe('string');
  });

  it('translates every charter term, section, diff key and issue code, in both languages', () => {
    // Every issue code the rules can produce: read them from the rules' type through a sample.
    const codes = [
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
    ] as const;
    expect(typeof validateCharter).toBe('function');
    const keys = [
      ...CHARTER_STATUSES.map(charterStatusKey),
      ...OUTCOME_TYPES.map(outcomeTypeKey),
      ...PROJECT_STAGES.map(projectStageKey),
      ...CONTRIBUTION_KINDS.map(contributionKindKey),
      ...DISTRIBUTION_METHODS.map(distributionMethodKey),
      ...LICENSING_RIGHTS.map(licensingRightKey),
      ...MEMBER_USE_TERMS.map(memberUseKey),
      ...BACKGROUND_ACCESS_TERMS.map(backgroundAccessKey),
      ...EXIT_IP_TREATMENTS.map(exitIpKey),
      ...EXIT_INCOME_TREATMENTS.map(exitIncomeKey),
      ...DISPUTE_STEPS.map(disputeStepKey),
      ...CHARTER_SECTIONS.map(charterSectionKey),
      ...CHARTER_CHANGE_KINDS.map(changeKindKey),
      ...codes.map(charterIssueKey),
      ...DIFF_KEYS.map((key) => `consortia.charter.key.${key}`),
      'consortia.charter.key.exitForegroundIp',
    ];
    for (const locale of ['zh-CN', 'en'] as const)
      for (const key of keys)
        expect(typeof lookup(TRANSLATIONS[locale], key), `${locale} ${key}`).toBe('string');
  });

  it('has the same keys in Chinese and English', () => {
    const leaves = (tree: unknown, prefix = ''): string[] =>
      Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
        typeof value === 'string' ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`),
      );
    expect(leaves(lookup(TRANSLATIONS.en, 'consortia')).sort()).toEqual(
      leaves(lookup(TRANSLATIONS['zh-CN'], 'consortia')).sort(),
    );
  });
});
