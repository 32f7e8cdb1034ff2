/**
 * Spreadsheet use cases: hand out the templates, and import a filled one for an organisation.
 * An import is all or nothing: the whole file is checked first and every bad row reported; then
 * every record is created through the directory's own insert functions in one transaction (so
 * each is audited, versioned and indexed for search exactly like a record posted through the
 * form), with one more audit event that summarises the upload.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UserActor } from '../../platform/auth/actor.js';
import {
  insertAchievementInTransaction,
  insertNeedInTransaction,
  listAchievements,
  listNeeds,
} from '../directory/service.js';
import { postRefusal } from '../directory/permissions.js';
import { suzhouDate } from '../directory/rules.js';
import { findClusters, findOrganizationSummaries } from '../organizations/service.js';
import {
  columnLetter,
  findTable,
  parseRows,
  sortIssues,
  templateLayout,
  titleKey,
  type ParsedRow,
  type Table,
} from './rules.js';
import {
  XLSX_MEDIA_TYPE,
  type ColumnKey,
  type ImportResult,
  type SheetIssue,
  type SpreadsheetKind,
  type TemplateQuery,
} from './schemas.js';
import { readSpreadsheet, writeCsvTemplate, writeXlsxTemplate } from './workbook.js';

export interface TemplateFile {
  bytes: Buffer;
  contentType: string;
  /** The file name in the template's language, and an ASCII one for old clients. */
  fileName: string;
  asciiFileName: string;
}

/** A template for a kind of record, in a format and a language, listing the platform's clusters. */
export async function templateFile(
  ctx: AppContext,
  kind: SpreadsheetKind,
  query: TemplateQuery,
): Promise<TemplateFile> {
  const clusters = await findClusters(ctx.db);
  const layout = templateLayout(kind, query.lang, clusters, suzhouDate(new Date()));
  if (query.format === 'csv') {
    return {
      bytes: writeCsvTemplate(layout),
      contentType: 'text/csv; charset=utf-8',
      fileName: `${layout.fileName}.csv`,
      asciiFileName: `${layout.asciiFileName}.csv`,
    };
  }
  return {
    bytes: await writeXlsxTemplate(layout),
    contentType: XLSX_MEDIA_TYPE,
    fileName: `${layout.fileName}.xlsx`,
    asciiFileName: `${layout.asciiFileName}.xlsx`,
  };
}

const RECORD_TYPE = { needs: 'need', achievements: 'achievement' } as const;

/**
 * The organisation a caller imports for, checked like a form post: a member of it, verified, of a
 * kind that posts this record type. Someone who does not belong to it learns nothing more.
 */
async function assertMayImport(
  ctx: AppContext,
  actor: UserActor,
  organizationId: string,
  kind: SpreadsheetKind,
) {
  const owner = (await findOrganizationSummaries(ctx.db, [organizationId])).get(organizationId);
  if (!owner) throw new DomainError('record.not_found', 'No such organisation');
  switch (postRefusal(actor, owner, RECORD_TYPE[kind])) {
    case null:
      return owner;
    case 'not_member':
      throw new DomainError('auth.forbidden', 'You may import only for an organisation you belong to');
    case 'unverified':
      throw new DomainError(
        'directory.organization_unverified',
        'The organisation must be verified by the cluster office before it can post',
      );
    case 'kind_not_allowed':
      throw new DomainError(
        'directory.owner_kind_not_allowed',
        `A ${owner.kind} organisation cannot post ${kind}`,
        { kind: owner.kind },
      );
  }
}

const PAGE = 100;

/**
 * Titles (reduced by `titleKey`) of the organisation's active records of a kind → record id:
 * open or in-talks needs, active achievements. Read through the directory's own listing.
 */
async function activeTitles(
  ctx: AppContext,
  actor: UserActor,
  kind: SpreadsheetKind,
  owner: string,
): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const statuses = kind === 'needs' ? (['open', 'in_talks'] as const) : (['active'] as const);
  for (const status of statuses) {
    for (let offset = 0; ; offset += PAGE) {
      const page =
        kind === 'needs'
          ? await listNeeds(ctx, actor, { owner, status: status as 'open' | 'in_talks', limit: PAGE, offset })
          : await listAchievements(ctx, actor, { owner, status: status as 'active', limit: PAGE, offset });
      for (const item of page.items) {
        const key = titleKey(item.title);
        if (!titles.has(key)) titles.set(key, item.id);
      }
      if (page.items.length < PAGE) break;
    }
  }
  return titles;
}

function invalidRows(issues: readonly SheetIssue[], rows: number): DomainError {
  const badRows = new Set(issues.map((issue) => issue.row)).size;
  return new DomainError(
    'spreadsheets.invalid_rows',
    `${badRows} of ${rows} row(s) have problems; nothing was imported`,
    { issues: sortIssues(issues), rows, badRows },
  );
}

/** The column key a directory error names (`body.budgetMinFen` → `budgetMin`), else the title. */
function columnOfField(field: string | undefined): ColumnKey {
  const name = (field ?? '').replace(/^body\./, '').replace(/Fen$/, '');
  const known: readonly string[] = [
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
    'kind',
    'registrationNumber',
    'trl',
    'transferModes',
  ];
  return known.includes(name) ? (name as ColumnKey) : 'title';
}

/** Creates one row's record in the transaction; a refusal by the directory becomes that row's issue. */
async function insertRow(
  tx: Parameters<typeof insertNeedInTransaction>[0],
  parsed: ParsedRow,
  ownerOrganizationId: string,
  actorUserId: string,
  table: Table,
): Promise<string> {
  const options = { actorUserId, isDemo: false };
  try {
    return parsed.input.kind === 'needs'
      ? await insertNeedInTransaction(tx, { ...parsed.input.body, ownerOrganizationId }, options)
      : await insertAchievementInTransaction(tx, { ...parsed.input.body, ownerOrganizationId }, options);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const field = columnOfField(error.details.issues?.[0]?.field);
    const index = table.columns.get(field);
    throw invalidRows(
      [
        {
          row: parsed.row,
          column: index === undefined ? null : columnLetter(index),
          field,
          code: 'invalid_value',
          message: `Invalid value: ${error.message}`,
          params: { reason: error.message },
        },
      ],
      table.dataRows.length,
    );
  }
}

/**
 * Imports a filled template of `kind` for an organisation. Checks the caller, reads the file,
 * finds the table, checks every row (cells, cross-cell rules, titles repeated in the file or
 * already used by an active record), and refuses the whole file with `spreadsheets.invalid_rows`
 * listing every bad row if any is bad. A dry run stops there; otherwise the records are created
 * in one transaction and the upload is audited as `import.spreadsheet` with the file's SHA-256.
 */
export async function importSpreadsheet(
  ctx: AppContext,
  actor: UserActor,
  organizationId: string,
  kind: SpreadsheetKind,
  bytes: Buffer | undefined,
  options: { dryRun: boolean },
): Promise<ImportResult> {
  const owner = await assertMayImport(ctx, actor, organizationId, kind);
  const file = bytes ?? Buffer.alloc(0);
  const sha256 = createHash('sha256').update(file).digest('hex');
  const read = await readSpreadsheet(file);
  const table = findTable(kind, read.sheets);
  if ('code' in table) throw new DomainError(table.code, table.message, table.details);

  const [clusters, existingTitles] = await Promise.all([
    findClusters(ctx.db),
    activeTitles(ctx, actor, kind, owner.id),
  ]);
  const parsed = parseRows(kind, table, { clusters, today: suzhouDate(new Date()), existingTitles });
  if (parsed.issues.length > 0) throw invalidRows(parsed.issues, table.dataRows.length);
  if (parsed.rows.length === 0) {
    throw new DomainError('spreadsheets.no_rows', 'The file holds only the template\u2019s example row', {
      skippedExampleRows: parsed.skippedExampleRows,
    });
  }

  const summary = {
    kind,
    organizationId: owner.id,
    format: read.format,
    sheet: table.sheet,
    sha256,
    rows: parsed.rows.length,
    skippedExampleRows: parsed.skippedExampleRows,
    ignoredColumns: table.ignoredColumns,
  };
  const titleOf = (row: ParsedRow) => row.input.body.title;
  if (options.dryRun) {
    return {
      ...summary,
      dryRun: true,
      created: 0,
      items: parsed.rows.map((row) => ({ row: row.row, title: titleOf(row), id: null })),
    };
  }

  const ids = await ctx.db.transaction().execute(async (tx) => {
    const created: string[] = [];
    for (const row of parsed.rows) created.push(await insertRow(tx, row, owner.id, actor.userId, table));
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'import.spreadsheet',
      entityType: 'organization',
      entityId: owner.id,
      details: {
        kind,
        format: read.format,
        sha256,
        bytes: file.length,
        sheet: table.sheet,
        rows: parsed.rows.length,
        created: created.length,
        skippedExampleRows: parsed.skippedExampleRows.length,
      },
    });
    return created;
  });
  return {
    ...summary,
    dryRun: false,
    created: ids.length,
    items: parsed.rows.map((row, index) => ({ row: row.row, title: titleOf(row), id: ids[index] ?? null })),
  };
}
