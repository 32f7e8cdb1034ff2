/** The consortia API: formation, invitations, membership steps, designation, the lead policy and the charter. */
import type { ApiClient, QueryValue } from '../../api/client';
import { seg } from '../../api/client';
import type {
  ApproveDesignationBody,
  CharterDiffView,
  CharterOverview,
  CharterVersionList,
  CharterVersionView,
  CreateCharterDraftBody,
  OpenCharterBody,
  SignCharterBody,
  UpdateCharterDraftBody,
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

// ---------------------------------------------------------------------------------------------
// The charter

export type {
  CharterContent,
  CharterDiffView,
  CharterOverview,
  CharterVersionList,
  CharterVersionSummary,
  CharterVersionView,
} from '../../../../src/modules/consortia/schemas';

export const getCharter = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<CharterOverview>(`${base}/${seg(id)}/charter`, { signal });

export const listCharterVersions = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<CharterVersionList>(`${base}/${seg(id)}/charter/versions`, { signal });

export const getCharterVersion = (api: ApiClient, id: string, number: number, signal?: AbortSignal) =>
  api.get<CharterVersionView>(`${base}/${seg(id)}/charter/versions/${String(number)}`, { signal });

export const createCharterDraft = (api: ApiClient, id: string, body: CreateCharterDraftBody) =>
  api.post<CharterVersionView>(`${base}/${seg(id)}/charter/versions`, body);

export const updateCharterDraft = (
  api: ApiClient,
  id: string,
  number: number,
  body: UpdateCharterDraftBody,
) => api.put<CharterVersionView>(`${base}/${seg(id)}/charter/versions/${String(number)}`, body);

export const openCharter = (api: ApiClient, id: string, number: number, body: OpenCharterBody) =>
  api.post<CharterVersionView>(`${base}/${seg(id)}/charter/versions/${String(number)}/open`, body);

export const signCharter = (api: ApiClient, id: string, number: number, body: SignCharterBody) =>
  api.post<CharterVersionView>(`${base}/${seg(id)}/charter/versions/${String(number)}/sign`, body);

export const diffCharter = (api: ApiClient, id: string, from: number, to: number, signal?: AbortSignal) =>
  api.get<CharterDiffView>(`${base}/${seg(id)}/charter/diff`, { query: { from, to }, signal });
