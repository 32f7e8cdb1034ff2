import { describe, expect, it } from 'vitest';
import {
  INCOME_KINDS,
  OUTCOME_KINDS,
  TRANSFER_KINDS,
  TRANSFER_STATUSES,
} from '../../../../src/modules/outcomes/schemas';
import { ERROR_STATUS } from '../../../../src/platform/errors';
import { TRANSLATIONS } from '../../i18n/resources';
import { incomeKindKey, incomeMethodKey, outcomeKindKey } from './display';
import { transferAnswerKey, transferKindKey, transferStatusKey } from './TransfersPanel';

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('outcome translations', () => {
  it('translates every kind, status, answer, method and error code, in both languages', () => {
    const keys = [
      ...OUTCOME_KINDS.map(outcomeKindKey),
      ...INCOME_KINDS.map(incomeKindKey),
      ...(['fixed', 'contribution_weighted'] as const).map(incomeMethodKey),
      ...TRANSFER_KINDS.map(transferKindKey),
      ...TRANSFER_STATUSES.map(transferStatusKey),
      ...(['accept', 'decline'] as const).map(transferAnswerKey),
      ...Object.keys(ERROR_STATUS)
        .filter((code) => code.startsWith('outcome.'))
        .map((code) => `errors.${code}`),
    ];
    const missing = keys.flatMap((key) =>
      (['zh-CN', 'en'] as const)
        .filter((l) => typeof lookup(TRANSLATIONS[l], key) !== 'string')
        .map((l) => `${l}: ${key}`),
    );
    expect(missing).toEqual([]);
  });
});
