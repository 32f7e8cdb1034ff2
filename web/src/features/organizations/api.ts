import type { ApiClient } from '../../api/client';
import { seg } from '../../api/client';
import type {
  Cluster,
  CreateOrganizationBody,
  ListOrganizationsQuery,
  Member,
  Organization,
  OrganizationList,
  UpdateOrganizationBody,
} from '../../../../src/modules/organizations/schemas';
import type { OrgRole } from '../../i18n/labels';

export type { Cluster, Member, Organization, OrganizationList };
/** A directory row: an organisation without the caller's permissions. */
export type OrganizationSummary = OrganizationList['items'][number];

const base = '/api/v1/organizations';

export const listClusters = (api: ApiClient, signal?: AbortSignal) =>
  api.get<{ items: Cluster[] }>('/api/v1/clusters', { signal });

export const listOrganizations = (
  api: ApiClient,
  query: Partial<ListOrganizationsQuery>,
  signal?: AbortSignal,
) => api.get<OrganizationList>(base, { query, signal });
export const getOrganization = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<Organization>(`${base}/${seg(id)}`, { signal });
export const createOrganization = (api: ApiClient, body: CreateOrganizationBody) =>
  api.post<Organization>(base, body);
export const updateOrganization = (api: ApiClient, id: string, body: UpdateOrganizationBody) =>
  api.patch<Organization>(`${base}/${seg(id)}`, body);
export const verifyOrganization = (api: ApiClient, id: string, version: number) =>
  api.post<Organization>(`${base}/${seg(id)}/verify`, { version });

export const listMembers = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<{ items: Member[] }>(`${base}/${seg(id)}/members`, { signal });
export const addMember = (api: ApiClient, id: string, body: { email: string; role: OrgRole }) =>
  api.post<Member>(`${base}/${seg(id)}/members`, body);
export const changeMemberRole = (api: ApiClient, id: string, userId: string, role: OrgRole) =>
  api.patch<Member>(`${base}/${seg(id)}/members/${seg(userId)}`, { role });
export const removeMember = (api: ApiClient, id: string, userId: string) =>
  api.delete<{ ok: true }>(`${base}/${seg(id)}/members/${seg(userId)}`);
