import type { ApiClient, QueryValue } from '../../api/client';
import type { SearchHit, SearchResults, TextSegment } from '../../../../src/modules/search/schemas';

export type { SearchHit, SearchResults, TextSegment };

/** The search query as the page sends it: comma-separated lists, as the API takes them. */
export interface SearchRequest extends Record<string, QueryValue> {
  q: string;
  types?: string | undefined;
  kind?: string | undefined;
  cluster?: string | undefined;
  district?: string | undefined;
  chainPosition?: string | undefined;
  mode?: string | undefined;
  trl?: string | undefined;
  limit: number;
  offset: number;
}

export const searchRecords = (api: ApiClient, query: SearchRequest, signal?: AbortSignal) =>
  api.get<SearchResults>('/api/v1/search', { query, signal });
