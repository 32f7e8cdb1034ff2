/** The communication log and engagement monitor API of a project. */
import type { ApiClient } from '../../../api/client';
import { seg } from '../../../api/client';
import type {
  ClusterEngagement,
  CreateDocumentBody,
  CreateMinutesBody,
  CreatePostBody,
  CreateThreadBody,
  DocumentList,
  DocumentRecord,
  EngagementMatrix,
  EngagementSettingsBody,
  Minutes,
  MinutesList,
  Thread,
  ThreadList,
} from '../../../../../src/modules/projects/schemas';

export type {
  ClusterEngagement,
  DocumentList,
  DocumentRecord,
  EngagementMatrix,
  Minutes,
  MinutesList,
  Thread,
  ThreadList,
};

const base = (id: string) => `/api/v1/projects/${seg(id)}`;

export const listThreads = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<ThreadList>(`${base(id)}/threads`, { signal });
export const getThread = (api: ApiClient, id: string, threadId: string, signal?: AbortSignal) =>
  api.get<Thread>(`${base(id)}/threads/${seg(threadId)}`, { signal });
export const createThread = (api: ApiClient, id: string, body: CreateThreadBody) =>
  api.post<Thread>(`${base(id)}/threads`, body);
export const createPost = (api: ApiClient, id: string, threadId: string, body: CreatePostBody) =>
  api.post<Thread>(`${base(id)}/threads/${seg(threadId)}/posts`, body);
export const setThreadStatus = (
  api: ApiClient,
  id: string,
  threadId: string,
  step: 'close' | 'reopen',
  version: number,
) => api.post<Thread>(`${base(id)}/threads/${seg(threadId)}/${step}`, { version });

export const listMinutes = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<MinutesList>(`${base(id)}/minutes`, { signal });
export const createMinutes = (api: ApiClient, id: string, body: CreateMinutesBody) =>
  api.post<Minutes>(`${base(id)}/minutes`, body);

export const listDocuments = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<DocumentList>(`${base(id)}/documents`, { signal });
export const createDocument = (api: ApiClient, id: string, body: CreateDocumentBody) =>
  api.post<DocumentRecord>(`${base(id)}/documents`, body);

export const getEngagement = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<EngagementMatrix>(`${base(id)}/engagement`, { signal });
export const updateEngagementSettings = (api: ApiClient, id: string, body: EngagementSettingsBody) =>
  api.put<EngagementMatrix>(`${base(id)}/engagement/settings`, body);
export const sweepEngagement = (api: ApiClient, id: string) =>
  api.post<EngagementMatrix>(`${base(id)}/engagement/sweep`);
export const getClusterEngagement = (api: ApiClient, signal?: AbortSignal) =>
  api.get<ClusterEngagement>('/api/v1/engagement', { signal });
