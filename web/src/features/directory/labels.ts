/**
 * Translation keys built from the directory's enum values (see i18n/labels.ts for the pattern);
 * the directory's own i18n test checks every value has its text in both languages.
 */
import type {
  AchievementKind,
  CooperationMode,
  ListingStatus,
  NdaStanding,
  NdaStatus,
  NeedStatus,
  TransferMode,
  VisibilityTier,
} from '../../../../src/modules/directory/schemas';
import type { RecordKind } from './api';

export const RECORD_KINDS = [
  'need',
  'capability',
  'achievement',
  'expert',
] as const satisfies readonly RecordKind[];

export const cooperationModeKey = (mode: CooperationMode) => `listing.cooperationMode.${mode}`;
export const transferModeKey = (mode: TransferMode) => `listing.transferMode.${mode}`;
export const achievementKindKey = (kind: AchievementKind) => `listing.achievementKind.${kind}`;
export const needStatusKey = (status: NeedStatus) => `listing.needStatus.${status}`;
export const listingStatusKey = (status: ListingStatus) => `listing.listingStatus.${status}`;
export const tierKey = (tier: VisibilityTier) => `listing.tier.${tier}`;
export const tierHelpKey = (tier: VisibilityTier) => `listing.tierHelp.${tier}`;
export const ndaStatusKey = (status: NdaStatus) => `nda.status.${status}`;
export const ndaStandingKey = (standing: NdaStanding) => `nda.standing.${standing}`;
export const recordKindKey = (kind: RecordKind) => `listing.recordKind.${kind}`;
