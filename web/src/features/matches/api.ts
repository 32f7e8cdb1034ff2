import type { ApiClient, QueryValue } from '../../api/client';
import { seg } from '../../api/client';
import type {
  CounterpartType,
  DeclineReason,
  InitialStatus,
  MatchAction,
} from '../../../../src/modules/matches/schemas';
import type {
  MatchDetail,
  MatchList,
  MatchParty,
  MatchReasonView,
  MatchView,
  Suggestion,
  SuggestionList,
} from '../../../../src/modules/matches/schemas';

export type { MatchDetail, MatchList, MatchParty, MatchReasonView, MatchView, Suggestion, SuggestionList };

/** Records that have suggestions: a need (ranked partners) or supply (ranked needs). */
export type MatchSubjectKind = 'need' | 'capability' | 'achievement';

const SUBJECT_PATHS: Readonly<Record<MatchSubjectKind, string>> = {
  need: 'needs',
  capability: 'capabilities',
  achievement: 'achievements',
};

/** The app's own address of anything a match names. */
export function partyPath(party: Pick<MatchParty, 'type' | 'id'>): string {
  switch (party.type) {
    case 'organization':
      return `/organizations/${party.id}`;
    case 'expert':
      return `/experts/${party.id}`;
    case 'achievement':
      return `/achievements/${party.id}`;
    case 'capability':
      return `/capabilities/${party.id}`;
    case 'need':
      return `/needs/${party.id}`;
  }
}

export const suggestMatches = (
  api: ApiClient,
  subject: { kind: MatchSubjectKind; id: string },
  query: { type?: CounterpartType | undefined; limit: number },
  signal?: AbortSignal,
) =>
  api.get<SuggestionList>(`/api/v1/${SUBJECT_PATHS[subject.kind]}/${seg(subject.id)}/matches`, {
    query: subject.kind === 'need' ? query : { limit: query.limit },
    signal,
  });

export interface MatchQuery extends Record<string, QueryValue> {
  side?: 'seeker' | 'provider' | undefined;
  status?: string | undefined;
  awaitingMe?: 'true' | undefined;
  need?: string | undefined;
  limit: number;
  offset: number;
}

export const listMatches = (api: ApiClient, query: MatchQuery, signal?: AbortSignal) =>
  api.get<MatchList>('/api/v1/matches', { query, signal });

export const getMatch = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<MatchDetail>(`/api/v1/matches/${seg(id)}`, { signal });

export interface CreateMatchRequest {
  needId: string;
  counterpartType: CounterpartType;
  counterpartId: string;
  status: InitialStatus;
  reason?: DeclineReason | undefined;
  note?: string | undefined;
}

export const createMatch = (api: ApiClient, body: CreateMatchRequest) =>
  api.post<MatchDetail>('/api/v1/matches', body);

export const actOnMatch = (
  api: ApiClient,
  id: string,
  body: {
    action: MatchAction;
    version: number;
    reason?: DeclineReason | undefined;
    note?: string | undefined;
  },
) => api.post<MatchDetail>(`/api/v1/matches/${seg(id)}/actions`, body);
