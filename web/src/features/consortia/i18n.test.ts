import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  CONSORTIUM_SCOPES,
  CONSORTIUM_STATUSES,
  DESIGNATION_STATUSES,
  MEMBER_ACTIONS,
  MEMBER_ROLES,
  MEMBER_STATUSES,
} from '../../../../src/modules/consortia/schemas';
import { TRANSLATIONS } from '../../i18n/resources';
import {
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
