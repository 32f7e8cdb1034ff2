/**
 * Spreadsheet imports from the browser: template addresses (plain downloads) and uploads of a
 * filled template as the raw request body, checked (dry run) or imported.
 */
import { ApiError, isAbortError, toApiError, withQuery } from '../../api/client';
import type { Locale } from '../../i18n';
import {
  XLSX_MEDIA_TYPE,
  type ImportResult,
  type SheetIssue,
  type SpreadsheetFormat,
  type SpreadsheetKind,
} from '../../../../src/modules/spreadsheets/schemas';

export type { ImportResult, SheetIssue, SpreadsheetKind };

/** The address of a template; a link to it downloads the file (the server names it). */
export function templateUrl(kind: SpreadsheetKind, format: SpreadsheetFormat, lang: Locale): string {
  return withQuery(`/api/v1/imports/templates/${kind}`, { format, lang });
}

/** The media type to send a file as: by its name, since browsers label CSV files inconsistently. */
export function mediaTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_MEDIA_TYPE;
  if (name.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}

/** Sends a filled template for an organisation; a dry run only checks it. */
export async function uploadSpreadsheet(options: {
  csrfToken: string;
  organizationId: string;
  kind: SpreadsheetKind;
  file: File;
  dryRun: boolean;
  signal?: AbortSignal;
}): Promise<ImportResult> {
  const url = withQuery(
    `/api/v1/organizations/${encodeURIComponent(options.organizationId)}/imports/${options.kind}`,
    { dryRun: options.dryRun ? 'true' : undefined },
  );
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': mediaTypeOf(options.file),
        'x-csrf-token': options.csrfToken,
      },
      body: options.file,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'client.network_failed', error instanceof Error ? error.message : String(error));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw toApiError(response.status, body);
  if (body === undefined) throw new ApiError(response.status, 'client.unexpected_response', 'Expected JSON');
  return body as ImportResult;
}

/** The row-level issues of an import error (`details.issues` with rows and columns). */
export function sheetIssuesOf(error: unknown): SheetIssue[] {
  if (!(error instanceof ApiError)) return [];
  const raw = error.details['issues'];
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (item: unknown): item is SheetIssue =>
      typeof item === 'object' && item !== null && typeof (item as { code?: unknown }).code === 'string',
  );
}
