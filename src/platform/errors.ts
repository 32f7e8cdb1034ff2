/**
 * Domain errors: stable codes that the API returns and the web app translates. Services throw
 * them; one handler maps each code to an HTTP status. Adding a code means adding its zh-CN and
 * en text in web/src/i18n (a test checks).
 */
export const ERROR_STATUS = {
  // request shape
  'request.validation_failed': 400,
  'request.malformed_json': 400,
  'request.invalid_utf8': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.not_found': 404,
  'request.method_not_allowed': 405,
  // access
  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'auth.csrf_failed': 403,
  'auth.invalid_credentials': 401,
  'auth.too_many_attempts': 429,
  'auth.email_taken': 409,
  'auth.wrong_password': 400,
  'auth.password_too_weak': 400,
  // records
  'record.not_found': 404,
  'record.version_conflict': 409,
  'organization.credit_code_invalid': 400,
  'organization.credit_code_taken': 409,
  'organization.moe_code_invalid': 400,
  'organization.moe_code_taken': 409,
  'organization.moe_code_not_allowed': 400,
  'organization.size_class_required': 400,
  'organization.size_class_not_allowed': 400,
  'organization.service_type_required': 400,
  'organization.service_type_not_allowed': 400,
  'organization.unknown_cluster': 400,
  'organization.duplicate_cluster': 400,
  'organization.already_verified': 409,
  'organization.unverified_restricted': 403,
  'membership.user_not_found': 404,
  'membership.already_member': 409,
  'membership.last_admin': 409,
  'directory.owner_kind_not_allowed': 400,
  'directory.organization_unverified': 403,
  'directory.budget_range_inverted': 400,
  'directory.deadline_in_past': 400,
  'directory.orcid_invalid': 400,
  'directory.orcid_taken': 409,
  'directory.registration_number_invalid': 400,
  'directory.registration_number_not_allowed': 400,
  'directory.expert_name_required': 400,
  'directory.status_transition_not_allowed': 409,
  'directory.record_closed': 409,
  'directory.nda_not_required': 409,
  'directory.nda_already_party': 409,
  'directory.nda_already_requested': 409,
  'directory.nda_already_decided': 409,
  'directory.requester_organization_required': 400,
  'spreadsheets.empty_file': 400,
  'spreadsheets.unreadable_file': 400,
  'spreadsheets.header_not_found': 400,
  'spreadsheets.wrong_template': 400,
  'spreadsheets.invalid_header': 400,
  'spreadsheets.no_rows': 400,
  'spreadsheets.too_many_rows': 400,
  'spreadsheets.invalid_rows': 400,
  'match.counterpart_not_found': 404,
  'match.need_closed': 409,
  'match.same_organization': 400,
  'match.already_exists': 409,
  'match.invalid_transition': 409,
  'match.own_contact': 409,
  'match.already_agreed': 409,
  'match.reason_required': 400,
  'consortium.lead_unverified': 403,
  'consortium.lead_not_eligible': 403,
  'consortium.unknown_cluster': 400,
  'consortium.source_match_not_found': 404,
  'consortium.source_match_not_agreed': 409,
  'consortium.invitee_not_found': 404,
  'consortium.already_member': 409,
  'consortium.invitation_not_pending': 409,
  'consortium.member_not_active': 409,
  'consortium.lead_fixed': 409,
  'consortium.exit_not_allowed': 409,
  'consortium.under_review': 409,
  'consortium.dissolved': 409,
  'consortium.too_few_members': 409,
  'consortium.knowledge_member_required': 409,
  'consortium.designation_invalid_transition': 409,
  'consortium.policy_size_classes_required': 400,
  'charter.invalid': 400,
  'charter.open_version_exists': 409,
  'charter.not_draft': 409,
  'charter.not_open_for_signature': 409,
  'charter.digest_mismatch': 409,
  'charter.already_signed': 409,
  'charter.signer_not_member': 409,
  'charter.version_not_found': 404,
  'project.consortium_dissolved': 409,
  'project.source_match_not_found': 404,
  'project.source_match_not_agreed': 409,
  'project.source_match_taken': 409,
  'project.not_active': 409,
  'project.invalid_transition': 409,
  'project.gate_blocked': 409,
  'project.not_a_party': 400,
  'project.user_not_in_party': 400,
  'project.stage_passed': 409,
  'project.milestone_invalid_transition': 409,
  'project.milestones_open': 409,
  'project.signoff_not_required': 409,
  'project.already_signed_off': 409,
  'project.task_invalid_transition': 409,
  'communication.party_required': 400,
  'communication.not_your_party': 400,
  'communication.duplicate_party': 400,
  'communication.thread_closed': 409,
  'communication.thread_invalid_transition': 409,
  'user.not_found': 404,
  'user.last_cluster_office': 409,
  // outcomes and benefit distribution
  'outcome.not_a_party': 400,
  'outcome.dates_inverted': 400,
  'outcome.shares_not_applicable': 400,
  'outcome.shares_set_by_charter': 400,
  'outcome.shares_required': 400,
  'outcome.shares_invalid': 400,
  'outcome.charter_rule_incomplete': 409,
  'outcome.no_effective_charter': 409,
  'outcome.related_outcome_not_found': 400,
  'outcome.distribution_refused': 409,
  'outcome.no_ip_shares': 409,
  'outcome.not_co_owner': 400,
  'outcome.share_insufficient': 400,
  'outcome.transfer_open': 409,
  'outcome.transfer_not_open': 409,
  'outcome.offer_period_over': 409,
  'outcome.already_answered': 409,
  'outcome.first_refusal_pending': 409,
  'outcome.first_refusal_exercised': 409,
  'outcome.price_below_offer': 409,
  'outcome.transferee_required': 400,
  'outcome.transferee_not_found': 400,
  'outcome.transferee_invalid': 400,
  'server.internal': 500,
  'server.unavailable': 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  /** Where the problem is, e.g. `body.creditCode` or `query.limit`. */
  field: string;
  /** A stable machine code for the problem, e.g. `too_small`, `invalid_type`, `unrecognized_key`. */
  code: string;
  message: string;
}

export interface ErrorDetails {
  issues?: FieldIssue[];
  [key: string]: unknown;
}

/** A fact about the domain that stops a use case; never an HTTP concept. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  /** A validation failure of one field, named the way the API names it. */
  static field(code: ErrorCode, field: string, message: string): DomainError {
    return new DomainError(code, message, { issues: [{ field, code, message }] });
  }
}

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

/** The body every error response has. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
}
