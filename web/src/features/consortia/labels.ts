/**
 * Translation keys built from the consortia module's enum values; the feature's i18n test checks
 * every value has its text in both languages.
 */
import type {
  ApplicationStatus,
  BackgroundAccessTerms,
  CharterIssueCode,
  CharterSection,
  CharterStatus,
  ConsortiumScope,
  ConsortiumStatus,
  ContributionKind,
  DesignationStatus,
  DisputeStep,
  DistributionMethod,
  ExitIncomeTreatment,
  ExitIpTreatment,
  LicensingRight,
  MemberAction,
  MemberRole,
  MemberStatus,
  MemberUseTerms,
  OutcomeType,
  ProjectStage,
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

// ---------------------------------------------------------------------------------------------
// The charter

export const charterStatusKey = (status: CharterStatus) => `consortia.charter.status.${status}`;
export const outcomeTypeKey = (type: OutcomeType) => `consortia.charter.outcomeType.${type}`;
export const projectStageKey = (stage: ProjectStage) => `consortia.charter.stage.${stage}`;
export const contributionKindKey = (kind: ContributionKind) => `consortia.charter.contributionKind.${kind}`;
export const distributionMethodKey = (method: DistributionMethod) =>
  `consortia.charter.distributionMethod.${method}`;
export const licensingRightKey = (right: LicensingRight) => `consortia.charter.licensingRight.${right}`;
export const memberUseKey = (terms: MemberUseTerms) => `consortia.charter.memberUse.${terms}`;
export const backgroundAccessKey = (terms: BackgroundAccessTerms) =>
  `consortia.charter.backgroundAccess.${terms}`;
export const exitIpKey = (treatment: ExitIpTreatment) => `consortia.charter.exitIp.${treatment}`;
export const exitIncomeKey = (treatment: ExitIncomeTreatment) => `consortia.charter.exitIncome.${treatment}`;
export const disputeStepKey = (step: DisputeStep) => `consortia.charter.disputeStep.${step}`;
export const charterSectionKey = (section: CharterSection) => `consortia.charter.section.${section}`;
export const charterIssueKey = (code: CharterIssueCode) => `consortia.charter.issue.${code}`;
export const changeKindKey = (kind: CharterChangeKind) => `consortia.charter.change.${kind}`;

export type CharterChangeKind = 'added' | 'removed' | 'changed' | 'reordered';
export const CHARTER_CHANGE_KINDS = ['added', 'removed', 'changed', 'reordered'] as const;

export const CHARTER_STATUS_COLORS: Readonly<Record<CharterStatus, string>> = {
  draft: 'default',
  signing: 'processing',
  effective: 'success',
  superseded: 'default',
  withdrawn: 'warning',
};

export const CHANGE_COLORS: Readonly<Record<CharterChangeKind, string>> = {
  added: 'green',
  removed: 'red',
  changed: 'blue',
  reordered: 'purple',
};
