/**
 * Translation keys built from the match pipeline's enum values; the feature's i18n test checks
 * every value has its text in both languages.
 */
import type {
  CounterpartType,
  DeclineReason,
  MatchAction,
  MatchSide,
  MatchStatus,
} from '../../../../src/modules/matches/schemas';
import type { MatchReasonView } from '../../../../src/modules/matches/schemas';

export const MATCH_REASON_CODES = [
  'shared_terms',
  'semantic_similarity',
  'kind_fit',
  'shared_cluster',
  'chain_complement',
  'same_district',
  'same_country',
  'past_collaboration',
  'network_proximity',
  'track_record',
  'limited_availability',
  'declined_before',
] as const satisfies readonly MatchReasonView['code'][];

export const matchStatusKey = (status: MatchStatus) => `matches.status.${status}`;
export const matchActionKey = (action: MatchAction) => `matches.action.${action}`;
export const declineReasonKey = (reason: DeclineReason) => `matches.declineReason.${reason}`;
export const counterpartTypeKey = (type: CounterpartType | 'need') => `matches.counterpartType.${type}`;
export const sideKey = (side: MatchSide) => `matches.side.${side}`;
export const reasonKey = (code: MatchReasonView['code']) => `matches.reason.${code}`;

export const STATUS_COLORS: Readonly<Record<MatchStatus, string>> = {
  suggested: 'default',
  contacted: 'processing',
  in_talks: 'blue',
  agreed: 'cyan',
  converted: 'success',
  declined: 'default',
};
