/**
 * Translation keys built from the consortia module's enum values; the feature's i18n test checks
 * every value has its text in both languages.
 */
import type {
  ApplicationStatus,
  ConsortiumScope,
  ConsortiumStatus,
  DesignationStatus,
  MemberAction,
  MemberRole,
  MemberStatus,
} from '../../../../src/modules/consortia/schemas';

export const consortiumStatusKey = (status: ConsortiumStatus) => `consortia.status.${status}`;
export const designationStatusKey = (status: DesignationStatus) => `consortia.designationStatus.${status}`;
export const applicationStatusKey = (status: ApplicationStatus) => `consortia.applicationStatus.${status}`;
export const memberRoleKey = (role: MemberRole) => `consortia.role.${role}`;
export const memberStatusKey = (status: MemberStatus) => `consortia.memberStatus.${status}`;
export const memberActionKey = (action: MemberAction) => `consortia.memberAction.${action}`;
export const memberDoneKey = (action: MemberAction) => `consortia.memberDone.${action}`;
export const scopeKey = (scope: ConsortiumScope) => `consortia.scope.${scope}`;

export const CONSORTIUM_STATUS_COLORS: Readonly<Record<ConsortiumStatus, string>> = {
  forming: 'processing',
  active: 'success',
  dissolved: 'default',
};

export const DESIGNATION_COLORS: Readonly<Record<DesignationStatus, string>> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
};

export const APPLICATION_COLORS: Readonly<Record<ApplicationStatus, string>> = {
  submitted: 'blue',
  returned: 'orange',
  approved: 'green',
};

export const ROLE_COLORS: Readonly<Record<MemberRole, string>> = {
  lead: 'volcano',
  core: 'geekblue',
  member: 'cyan',
  supporting: 'default',
};

export const MEMBER_STATUS_COLORS: Readonly<Record<MemberStatus, string>> = {
  invited: 'processing',
  active: 'success',
  declined: 'default',
  withdrawn: 'default',
  left: 'default',
  removed: 'error',
};
