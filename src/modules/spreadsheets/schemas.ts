/**
 * Contracts of spreadsheet imports: templates for technical needs (技术需求) and achievements
 * (科技成果) in XLSX and CSV, and the upload that turns a filled template into directory records,
 * all or nothing, with a report of every bad row. The web app imports this file for its types
 * and limits.
 */
import { z } from 'zod';
import { LOCALES } from '../identity/schemas.js';

/** What a spreadsheet can create: one template and one upload route each. */
export const SPREADSHEET_KINDS = ['needs', 'achievements'] as const;
export type SpreadsheetKind = (typeof SPREADSHEET_KINDS)[number];

export const SPREADSHEET_FORMATS = ['xlsx', 'csv'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

/** Largest upload accepted, in bytes (10 MiB); a larger body is refused with 413 request.too_large. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Most data rows one file may hold; split larger lists into several files. */
export const MAX_DATA_ROWS = 2000;

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * Media types an upload may be labelled with. The format is read from the bytes, not the label:
 * browsers label CSV files `text/csv`, `application/vnd.ms-excel` (Windows) or nothing at all.
 */
export const UPLOAD_MEDIA_TYPES = [
  XLSX_MEDIA_TYPE,
  'text/csv',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
] as const;

/** Why a file could not be read at all (`details.reason` of `spreadsheets.unreadable_file`). */
export const UNREADABLE_FILE_REASONS = [
  'xls',
  'zip',
  'encrypted',
  'not_xlsx',
  'unpacks_too_large',
  'too_many_cells',
  'xlsx',
  'encoding',
  'binary',
  'csv',
] as const;
export type UnreadableFileReason = (typeof UNREADABLE_FILE_REASONS)[number];

/** The columns of each template, by machine key, in template order. */
export const NEED_COLUMN_KEYS = [
  'title',
  'description',
  'keywords',
  'publicKeywords',
  'cluster',
  'cooperationModes',
  'budgetMin',
  'budgetMax',
  'deadline',
  'visibility',
  'ndaTerms',
] as const;
export const ACHIEVEMENT_COLUMN_KEYS = [
  'title',
  'description',
  'keywords',
  'publicKeywords',
  'cluster',
  'kind',
  'registrationNumber',
  'trl',
  'transferModes',
  'visibility',
  'ndaTerms',
] as const;
export type NeedColumnKey = (typeof NEED_COLUMN_KEYS)[number];
export type AchievementColumnKey = (typeof ACHIEVEMENT_COLUMN_KEYS)[number];
export type ColumnKey = NeedColumnKey | AchievementColumnKey;

/**
 * Why a cell, a row or the header was refused. Stable: the web app translates each, filling in
 * the issue's `params`.
 */
export const SHEET_ISSUE_CODES = [
  // cells
  'required',
  'too_long',
  'too_many_values',
  'value_too_long',
  'unknown_value',
  'unknown_cluster',
  'invalid_trl',
  'invalid_amount',
  'invalid_date',
  'deadline_in_past',
  'budget_range_inverted',
  'registration_number_invalid',
  'registration_number_check_character',
  'registration_number_not_allowed',
  'formula_without_result',
  'cell_error',
  'date_in_text_column',
  'boolean_in_text_column',
  'scientific_notation',
  'invalid_character',
  'invalid_value',
  // rows
  'duplicate_in_file',
  'duplicate_existing',
  // header
  'missing_column',
  'duplicate_column',
] as const;
export type SheetIssueCode = (typeof SHEET_ISSUE_CODES)[number];

export const SheetIssueSchema = z
  .object({
    row: z
      .int()
      .nullable()
      .describe('The row number as the spreadsheet program shows it (1 is the header); null for the file'),
    column: z.string().nullable().describe('The column letter as the spreadsheet program shows it, e.g. "C"'),
    field: z.string().describe('The column\u2019s machine key, e.g. "cooperationModes"'),
    code: z.enum(SHEET_ISSUE_CODES).describe('Why the cell or row was refused (stable)'),
    message: z.string().describe('The reason in English; the web app shows its own translation of `code`'),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .describe('Values for the message: the limit, the value read, the first row of a duplicate…'),
  })
  .describe('One problem with one cell or row of an uploaded spreadsheet');
export type SheetIssue = z.infer<typeof SheetIssueSchema>;

/** The error body of the upload route: like every error, with row-level issues in `details`. */
export const SpreadsheetErrorSchema = z.object({
  code: z.string().describe('Stable error code, e.g. "spreadsheets.invalid_rows"'),
  message: z.string(),
  details: z
    .object({
      issues: z
        .array(
          z.object({
            field: z.string(),
            code: z.string(),
            message: z.string(),
            row: z.int().nullable().optional(),
            column: z.string().nullable().optional(),
            params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
          }),
        )
        .optional(),
    })
    .catchall(z.unknown()),
});

// ---------------------------------------------------------------------------------------------
// Requests

export const TemplateParams = z.strictObject({
  kind: z.enum(SPREADSHEET_KINDS).describe('needs: technical needs; achievements: research results'),
});

export const TemplateQuery = z.strictObject({
  format: z
    .enum(SPREADSHEET_FORMATS)
    .default('xlsx')
    .describe('xlsx (with drop-downs and instructions) or csv'),
  lang: z
    .enum(LOCALES)
    .default('zh-CN')
    .describe('Language of the headers, instructions and drop-down values'),
});
export type TemplateQuery = z.infer<typeof TemplateQuery>;

export const ImportParams = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(64)
    .describe('The organisation the records are posted for; you must be its member'),
});

export const ImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('true: check the file and report what would be created, writing nothing'),
});

// ---------------------------------------------------------------------------------------------
// Responses

export const ImportResultSchema = z
  .object({
    kind: z.enum(SPREADSHEET_KINDS),
    organizationId: z.string(),
    dryRun: z.boolean().describe('Whether this was only a check (nothing was written)'),
    format: z.enum(SPREADSHEET_FORMATS).describe('What the file was read as (from its bytes)'),
    sheet: z.string().nullable().describe('The worksheet read (XLSX); null for CSV'),
    sha256: z.string().describe('SHA-256 of the uploaded file, as recorded in the audit trail'),
    rows: z.int().describe('Data rows read (empty rows and the unchanged example row not counted)'),
    created: z.int().describe('Records created; 0 on a dry run'),
    skippedExampleRows: z
      .array(z.int())
      .describe('Rows left out because they are the template\u2019s example, unchanged'),
    ignoredColumns: z
      .array(z.object({ column: z.string(), header: z.string() }))
      .describe('Columns whose header names no template column; their cells were not read'),
    items: z
      .array(
        z.object({
          row: z.int(),
          title: z.string(),
          id: z.string().nullable().describe('The created record; null on a dry run'),
        }),
      )
      .describe('One entry per data row, in sheet order'),
  })
  .describe('What an upload created, or on a dry run would create');
export type ImportResult = z.infer<typeof ImportResultSchema>;
