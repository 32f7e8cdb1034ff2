/** The consortia API: formation, invitations, membership steps, designation and the lead policy. */
import type { ApiClient, QueryValue } from '../../api/client';
import { seg } from '../../api/client';
import type {
  ApproveDesignationBody,
  ChangeMemberBody,
  Consortium,
  ConsortiumList,
  ConsortiumMember,
  ConsortiumScope,
  ConsortiumStatus,
  ConsortiumSummary,
  CreateConsortiumBody,
  DesignationApplication,
  DesignationStatus,
  Invitation,
  InvitationList,
  InviteMemberBody,
  LeadPolicyBody,
  LeadPolicyView,
  MemberStep,
  MemberVersionBody,
  ReturnDesignationBody,
  SubmitDesignationBody,
} from '../../../../src/modules/consortia/schemas';

export type {
  Consortium,
  ConsortiumList,
  ConsortiumMember,
  ConsortiumSummary,
  DesignationApplication,
  Invitation,
  LeadPolicyView,
  MemberStep,
};

const base = '/api/v1/consortia';

export interface ConsortiumQuery extends Record<string, QueryValue> {
  scope?: ConsortiumScope | undefined;
  status?: ConsortiumStatus | undefined;
  designation?: DesignationStatus | undefined;
  limit: number;
  offset: number;
}

export const listConsortia = (api: ApiClient, query: ConsortiumQuery, signal?: AbortSignal) =>
  api.get<ConsortiumList>(base, { query, signal });

export const getConsortium = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<Consortium>(`${base}/${seg(id)}`, { signal });

export const createConsortium = (api: ApiClient, body: CreateConsortiumBody) =>
  api.post<Consortium>(base, body);

export const listInvitations = (api: ApiClient, signal?: AbortSignal) =>
  api.get<InvitationList>(`${base}/invitations`, { signal });

export const inviteMember = (api: ApiClient, id: string, body: InviteMemberBody) =>
  api.post<Consortium>(`${base}/${seg(id)}/members`, body);

/** Membership steps that take only the membership's version and an optional note. */
export type MemberStepAction = 'accept' | 'decline' | 'withdraw' | 'remove' | 'leave';

export const actOnMember = (
  api: ApiClient,
  id: string,
  organizationId: string,
  step: MemberStepAction,
  body: MemberVersionBody,
) => api.post<MemberStep>(`${base}/${seg(id)}/members/${seg(organizationId)}/${step}`, body);

export const changeMember = (api: ApiClient, id: string, organizationId: string, body: ChangeMemberBody) =>
  api.patch<MemberStep>(`${base}/${seg(id)}/members/${seg(organizationId)}`, body);

export const submitDesignation = (api: ApiClient, id: string, body: SubmitDesignationBody) =>
  api.post<Consortium>(`${base}/${seg(id)}/designation/submit`, body);

export const approveDesignation = (api: ApiClient, id: string, body: ApproveDesignationBody) =>
  api.post<Consortium>(`${base}/${seg(id)}/designation/approve`, body);

export const returnDesignation = (api: ApiClient, id: string, body: ReturnDesignationBody) =>
  api.post<Consortium>(`${base}/${seg(id)}/designation/return`, body);

export const getLeadPolicy = (api: ApiClient, signal?: AbortSignal) =>
  api.get<LeadPolicyView>(`${base}/policy`, { signal });

export const updateLeadPolicy = (api: ApiClient, body: LeadPolicyBody) =>
  api.put<LeadPolicyView>(`${base}/policy`, body);
