import { describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_KINDS,
  COOPERATION_MODES,
  LISTING_STATUSES,
  NDA_STANDINGS,
  NDA_STATUSES,
  NEED_STATUSES,
  TRANSFER_MODES,
  VISIBILITY_TIERS,
} from '../../../../src/modules/directory/schemas';
import { TRANSLATIONS } from '../../i18n/resources';
import {
  achievementKindKey,
  cooperationModeKey,
  listingStatusKey,
  ndaStandingKey,
  ndaStatusKey,
  needStatusKey,
  RECORD_KINDS,
  recordKindKey,
  tierHelpKey,
  tierKey,
  transferModeKey,
} from './labels';

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('directory translations', () => {
  it('translates every value of every directory enum the UI shows, in both languages', () => {
    const keys = [
      ...COOPERATION_MODES.map(cooperationModeKey),
      ...TRANSFER_MODES.map(transferModeKey),
      ...ACHIEVEMENT_KINDS.map(achievementKindKey),
      ...NEED_STATUSES.map(needStatusKey),
      ...LISTING_STATUSES.map(listingStatusKey),
      ...VISIBILITY_TIERS.map(tierKey),
      ...VISIBILITY_TIERS.map(tierHelpKey),
      ...NDA_STATUSES.map(ndaStatusKey),
      ...NDA_STANDINGS.map(ndaStandingKey),
      ...RECORD_KINDS.map(recordKindKey),
      'nda.direction.incoming',
      'nda.direction.outgoing',
    ];
    const missing = (['zh-CN', 'en'] as const).flatMap((locale) =>
      keys
        .filter((key) => typeof lookup(TRANSLATIONS[locale], key) !== 'string')
        .map((key) => `${locale}: ${key}`),
    );
    expect(missing).toEqual([]);
  });
});
