/** Turning API errors into text the user reads, in the current language. */
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import i18n from '../i18n';
import { errorKey, issueKey } from '../i18n/labels';
import { ApiError, type FieldIssue } from './client';

/** The text for an error: by its code when it is an ApiError, a generic one otherwise. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = errorKey(error.code);
    if (i18n.exists(key)) return t(key);
    return t('errors.unknownCode', { code: error.code });
  }
  return t('errors.unexpected');
}

/** The text for one field problem: our domain code, a known validation code, or the server's words. */
export function issueText(t: TFunction, issue: FieldIssue): string {
  if (i18n.exists(errorKey(issue.code))) return t(errorKey(issue.code));
  if (i18n.exists(issueKey(issue.code))) return t(issueKey(issue.code));
  return issue.message || t('issues.invalid');
}

/**
 * The antd form field an issue names: `body.creditCode` → ['creditCode'],
 * `body.clusters.0.cluster` → ['clusters', 0, 'cluster']. Null for non-body fields.
 */
export function formFieldName(field: string): (string | number)[] | null {
  const parts = field.split('.');
  if (parts[0] !== 'body' || parts.length < 2) return null;
  return parts.slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Codes that belong to one field even when the server sends no issue for it. */
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  'auth.email_taken': 'email',
  'auth.wrong_password': 'currentPassword',
  'auth.password_too_weak': 'newPassword',
  'organization.credit_code_invalid': 'creditCode',
  'organization.credit_code_taken': 'creditCode',
  'organization.moe_code_invalid': 'moeCode',
  'organization.moe_code_taken': 'moeCode',
  'organization.moe_code_not_allowed': 'moeCode',
  'organization.size_class_required': 'sizeClass',
  'organization.size_class_not_allowed': 'sizeClass',
  'organization.service_type_required': 'serviceType',
  'organization.service_type_not_allowed': 'serviceType',
  'organization.duplicate_cluster': 'clusters',
  'organization.unknown_cluster': 'clusters',
  'membership.user_not_found': 'email',
  'membership.already_member': 'email',
};

/**
 * Puts the field issues of an API error on the matching form fields and returns the text for the
 * error as a whole (for an Alert). Issues whose field is not in the form stay in that text.
 */
export function applyApiErrorToForm(
  t: TFunction,
  form: FormInstance,
  error: unknown,
  options: { fieldAliases?: Readonly<Record<string, string>> } = {},
): string {
  const general = errorText(t, error);
  if (!(error instanceof ApiError)) return general;
  const known = new Set([
    ...Object.keys(form.getFieldsValue() as Record<string, unknown>),
    ...Object.keys(form.getFieldsValue(true) as Record<string, unknown>),
  ]);
  const alias = (name: string) => options.fieldAliases?.[name] ?? name;

  const fields = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  const place = (name: (string | number)[], text: string) => {
    const id = JSON.stringify(name);
    const entry = fields.get(id) ?? { name, errors: [] };
    entry.errors.push(text);
    fields.set(id, entry);
  };

  for (const issue of error.issues) {
    const name = formFieldName(issue.field);
    const head = name?.[0];
    if (name && typeof head === 'string' && known.has(alias(head)))
      place([alias(head), ...name.slice(1)], issueText(t, issue));
    else unplaced.push(issueText(t, issue));
  }
  const fieldOfCode = FIELD_OF_CODE[error.code];
  if (error.issues.length === 0 && fieldOfCode && known.has(alias(fieldOfCode))) {
    place([alias(fieldOfCode)], general);
  }

  if (fields.size > 0) form.setFields([...fields.values()]);
  return unplaced.length > 0 ? `${general} ${unplaced.join(' ')}` : general;
}
