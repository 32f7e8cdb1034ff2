import type { ApiClient, QueryValue } from '../../api/client';
import { seg } from '../../api/client';
import type {
  Achievement,
  AchievementList,
  Capability,
  CapabilityList,
  CreateAchievementBody,
  CreateCapabilityBody,
  CreateExpertBody,
  CreateNdaRequestBody,
  CreateNeedBody,
  Expert,
  ExpertList,
  NdaRequest,
  NdaRequestList,
  Need,
  NeedList,
  OrganizationDirectory,
  TieredType,
  UpdateAchievementBody,
  UpdateCapabilityBody,
  UpdateExpertBody,
  UpdateNeedBody,
} from '../../../../src/modules/directory/schemas';

export type {
  Achievement,
  AchievementList,
  Capability,
  CapabilityList,
  Expert,
  ExpertList,
  NdaRequest,
  NdaRequestList,
  Need,
  NeedList,
  OrganizationDirectory,
};

/** The directory's record types, as the web app names them. */
export type RecordKind = 'need' | 'capability' | 'achievement' | 'expert';

/** Path segment of each record type under /api/v1 and in the app's own addresses. */
export const RECORD_PATHS: Readonly<Record<RecordKind, string>> = {
  need: 'needs',
  capability: 'capabilities',
  achievement: 'achievements',
  expert: 'experts',
};

/** What each record type returns from its detail endpoints. */
export interface RecordOf {
  need: Need;
  capability: Capability;
  achievement: Achievement;
  expert: Expert;
}
export interface ListOf {
  need: NeedList;
  capability: CapabilityList;
  achievement: AchievementList;
  expert: ExpertList;
}
export interface CreateBodyOf {
  need: CreateNeedBody;
  capability: CreateCapabilityBody;
  achievement: CreateAchievementBody;
  expert: CreateExpertBody;
}
export interface UpdateBodyOf {
  need: UpdateNeedBody;
  capability: UpdateCapabilityBody;
  achievement: UpdateAchievementBody;
  expert: UpdateExpertBody;
}

const base = (kind: RecordKind) => `/api/v1/${RECORD_PATHS[kind]}`;

export const listRecords = <K extends RecordKind>(
  api: ApiClient,
  kind: K,
  query: Readonly<Record<string, QueryValue>>,
  signal?: AbortSignal,
) => api.get<ListOf[K]>(base(kind), { query, signal });

export const getRecord = <K extends RecordKind>(api: ApiClient, kind: K, id: string, signal?: AbortSignal) =>
  api.get<RecordOf[K]>(`${base(kind)}/${seg(id)}`, { signal });

export const createRecord = <K extends RecordKind>(api: ApiClient, kind: K, body: CreateBodyOf[K]) =>
  api.post<RecordOf[K]>(base(kind), body);

export const updateRecord = <K extends RecordKind>(
  api: ApiClient,
  kind: K,
  id: string,
  body: UpdateBodyOf[K],
) => api.patch<RecordOf[K]>(`${base(kind)}/${seg(id)}`, body);

export const changeStatus = <K extends RecordKind>(
  api: ApiClient,
  kind: K,
  id: string,
  body: { version: number; status: string },
) => api.post<RecordOf[K]>(`${base(kind)}/${seg(id)}/status`, body);

export const requestNda = (api: ApiClient, kind: TieredType, id: string, body: CreateNdaRequestBody) =>
  api.post<NdaRequest>(`${base(kind)}/${seg(id)}/nda-requests`, body);

export const listNdaRequests = (
  api: ApiClient,
  query: { direction: 'incoming' | 'outgoing'; status?: string | undefined; limit?: number; offset?: number },
  signal?: AbortSignal,
) => api.get<NdaRequestList>('/api/v1/nda-requests', { query, signal });

export const acceptNdaRequest = (api: ApiClient, id: string, version: number) =>
  api.post<NdaRequest>(`/api/v1/nda-requests/${seg(id)}/accept`, { version });

export const declineNdaRequest = (api: ApiClient, id: string, version: number, reason: string) =>
  api.post<NdaRequest>(`/api/v1/nda-requests/${seg(id)}/decline`, { version, reason });

export const getOrganizationDirectory = (api: ApiClient, organizationId: string, signal?: AbortSignal) =>
  api.get<OrganizationDirectory>(`/api/v1/organizations/${seg(organizationId)}/directory`, { signal });
