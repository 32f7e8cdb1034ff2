import { describe, expect, it } from 'vitest';
import {
  COUNTERPART_TYPES,
  DECLINE_REASONS,
  INITIAL_STATUSES,
  MATCH_ACTIONS,
  MATCH_SIDES,
  MATCH_STATUSES,
} from '../../../../src/modules/matches/schemas';
import { TRANSLATIONS } from '../../i18n/resources';
import {
  counterpartTypeKey,
  declineReasonKey,
  MATCH_REASON_CODES,
  matchActionKey,
  matchStatusKey,
  reasonKey,
  sideKey,
} from './labels';

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('match translations', () => {
  it('translates every status, action, side, reason and decline reason the UI shows, in both languages', () => {
    const keys = [
      ...MATCH_STATUSES.map(matchStatusKey),
      ...MATCH_ACTIONS.map(matchActionKey),
      ...MATCH_ACTIONS.map((action) => `matches.done.${action}`),
      ...INITIAL_STATUSES.map((status) => `matches.created.${status}`),
      ...DECLINE_REASONS.map(declineReasonKey),
      ...[...COUNTERPART_TYPES, 'need' as const].map(counterpartTypeKey),
      ...MATCH_SIDES.map(sideKey),
      ...MATCH_REASON_CODES.map(reasonKey),
      ...['all', 'seeker', 'provider'].map((tab) => `matches.sideTab.${tab}`),
    ];
    for (const locale of ['zh-CN', 'en'] as const)
      for (const key of keys)
        expect(typeof lookup(TRANSLATIONS[locale], key), `${locale} ${key}`).toBe('string');
  });
});
