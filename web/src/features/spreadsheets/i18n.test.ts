import { describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_COLUMN_KEYS,
  NEED_COLUMN_KEYS,
  SHEET_ISSUE_CODES,
  SPREADSHEET_KINDS,
} from '../../../../src/modules/spreadsheets/schemas';
import { TRANSLATIONS } from '../../i18n/resources';
import { detailKey, fieldKey, issueKey, reasonKey, UNREADABLE_FILE_REASONS } from './labels';

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('spreadsheet import translations', () => {
  it('translates every issue code, column, unreadable-file reason and kind, in both languages', () => {
    const keys = [
      ...SHEET_ISSUE_CODES.map(issueKey),
      ...[...new Set([...NEED_COLUMN_KEYS, ...ACHIEVEMENT_COLUMN_KEYS])].map(fieldKey),
      ...UNREADABLE_FILE_REASONS.map(reasonKey),
      ...(['tooManyRows', 'wrongTemplate', 'onlyExample'] as const).map(detailKey),
      ...SPREADSHEET_KINDS.flatMap((kind) =>
        ['kindName', 'title', 'subtitle', 'backToList', 'doneTitle', 'viewList'].map(
          (group) => `spreadsheets.${group}.${kind}`,
        ),
      ),
    ];
    const missing = (['zh-CN', 'en'] as const).flatMap((locale) =>
      keys
        .filter((key) => typeof lookup(TRANSLATIONS[locale], key) !== 'string')
        .map((key) => `${locale}: ${key}`),
    );
    expect(missing).toEqual([]);
  });
});
