/**
 * Translation keys built from the spreadsheet import's codes; the feature's i18n test checks that
 * every issue code, unreadable-file reason and column has its text in both languages.
 */
export { UNREADABLE_FILE_REASONS } from '../../../../src/modules/spreadsheets/schemas';

export const issueKey = (code: string) => `spreadsheets.issue.${code}`;
export const fieldKey = (field: string) => `spreadsheets.fields.${field}`;
export const reasonKey = (reason: string) => `spreadsheets.reason.${reason}`;
export const detailKey = (detail: 'tooManyRows' | 'wrongTemplate' | 'onlyExample') =>
  `spreadsheets.detail.${detail}`;
