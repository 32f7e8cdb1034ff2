/**
 * Pure decisions of spreadsheet imports: the template's columns and their words in each language,
 * finding the header in a sheet someone filled in, turning each row's cells into the directory's
 * create input, and reporting every bad cell by the row and column the user sees. No I/O: the
 * file adapter (`workbook.ts`) turns bytes into `SheetGrid`s and layouts into files.
 */
import {
  ACHIEVEMENT_KINDS,
  COOPERATION_MODES,
  CreateAchievementBody,
  CreateNeedBody,
  MAX_FEN,
  TRANSFER_MODES,
  VISIBILITY_TIERS,
  type AchievementKind,
} from '../directory/schemas.js';
import { checkRegistrationNumber, isDeadlineInPast, normalizeKeywords } from '../directory/rules.js';
import type { Locale } from '../identity/schemas.js';
import type { Cluster } from '../organizations/schemas.js';
import {
  MAX_DATA_ROWS,
  MAX_UPLOAD_BYTES,
  type ColumnKey,
  type SheetIssue,
  type SheetIssueCode,
  type SpreadsheetKind,
} from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Cells and sheets, as the file adapter hands them over

/** One cell's value as the spreadsheet stored it. CSV cells are always text. */
export type CellValue =
  | { type: 'empty' }
  | { type: 'text'; text: string }
  | { type: 'number'; value: number }
  /** A date cell: the calendar day shown (YYYY-MM-DD), whatever time of day it also holds. */
  | { type: 'date'; date: string }
  | { type: 'boolean'; value: boolean }
  /** A formula the program that saved the file did not compute (e.g. written by a script). */
  | { type: 'formula_without_result' }
  /** An error value such as #N/A or #REF!. */
  | { type: 'error'; error: string };

export const EMPTY_CELL: CellValue = { type: 'empty' };

/** One row: its number as the program shows it, and its cells from column A on. */
export interface SheetRow {
  row: number;
  cells: readonly CellValue[];
}

/** A worksheet's rows in order (empty rows may be left out); `name` is null for CSV. */
export interface SheetGrid {
  name: string | null;
  rows: readonly SheetRow[];
}

/** The column letter(s) a program shows for a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------
// Enumerations in words (the same words as the web app's)

interface EnumValue {
  key: string;
  label: Readonly<Record<Locale, string>>;
  /** Other spellings people write, in either language. */
  aliases: readonly string[];
}

function values<T extends string>(
  order: readonly T[],
  table: Readonly<Record<T, { zh: string; en: string; aliases?: readonly string[] }>>,
): readonly EnumValue[] {
  return order.map((key) => ({
    key,
    label: { 'zh-CN': table[key].zh, en: table[key].en },
    aliases: table[key].aliases ?? [],
  }));
}

export const COOPERATION_MODE_VALUES = values(COOPERATION_MODES, {
  commissioned_rd: { zh: '委托研发', en: 'Commissioned R&D', aliases: ['委托开发', '委托研究'] },
  joint_rd: { zh: '联合研发', en: 'Joint R&D', aliases: ['联合开发', '合作研发', '合作开发'] },
  licence: { zh: '许可', en: 'Licence', aliases: ['技术许可', '专利许可', 'license', 'licensing'] },
  transfer: { zh: '转让', en: 'Transfer', aliases: ['技术转让', '专利转让'] },
  consulting: { zh: '技术咨询', en: 'Consulting', aliases: ['咨询', '技术服务', 'consultancy'] },
  talent: { zh: '人才培养', en: 'Talent / training', aliases: ['人才', '培训', 'talent', 'training'] },
});

export const TRANSFER_MODE_VALUES = values(TRANSFER_MODES, {
  transfer: { zh: '转让', en: 'Transfer', aliases: ['技术转让', '专利转让'] },
  licence: { zh: '许可', en: 'Licence', aliases: ['技术许可', '专利许可', 'license', 'licensing'] },
  joint_development: { zh: '合作开发', en: 'Joint development', aliases: ['联合开发', '合作研发'] },
  equity: { zh: '作价入股', en: 'Equity', aliases: ['入股', '技术入股'] },
});

export const ACHIEVEMENT_KIND_VALUES = values(ACHIEVEMENT_KINDS, {
  patent: { zh: '专利', en: 'Patent', aliases: ['发明专利', '实用新型', '实用新型专利', '外观设计专利'] },
  software_copyright: {
    zh: '软件著作权',
    en: 'Software copyright',
    aliases: ['软著', '计算机软件著作权', '软件版权'],
  },
  know_how: { zh: '技术秘密', en: 'Know-how', aliases: ['专有技术', '非专利技术'] },
});

export const VISIBILITY_VALUES = values(VISIBILITY_TIERS, {
  public: { zh: '公开', en: 'Public' },
  registered: { zh: '注册可见', en: 'Registered', aliases: ['注册用户可见', 'registered users'] },
  parties: {
    zh: '保密协议方可见',
    en: 'NDA parties',
    aliases: ['保密', '签约方可见', '保密协议方', 'parties', 'NDA'],
  },
});

/** Levels 1–9 as drop-down values. */
export const TRL_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/**
 * A spelling reduced to what tells values apart: full-width forms folded (NFKC), lower case, no
 * spaces, `_`, `-`, `/` or `*`. So `Joint R&D`, `joint_rd` and `联合研发 ` each find their value.
 */
export function token(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-/*]+/g, '');
}

/** A lookup from every spelling (key, both labels, aliases) to the value's key. */
function lookupOf(list: readonly EnumValue[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const value of list) {
    for (const spelling of [value.key, value.label['zh-CN'], value.label.en, ...value.aliases]) {
      map.set(token(spelling), value.key);
    }
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Columns

type ColumnType = 'text' | 'list' | 'cluster' | 'enum' | 'enumList' | 'trl' | 'amount' | 'date';

export interface ColumnSpec {
  key: ColumnKey;
  type: ColumnType;
  required: boolean;
  /** Most characters of a text cell, or of each value of a list. */
  maxLength?: number;
  /** Most values of a list or multi-valued cell. */
  maxItems?: number;
  values?: readonly EnumValue[];
  header: Readonly<Record<Locale, string>>;
  /** Other header spellings accepted on upload, in either language. */
  aliases: readonly string[];
  help: Readonly<Record<Locale, string>>;
  /** Column width in the template, in characters. */
  width: number;
}

const SEPARATORS_ZH = '多个值用逗号、顿号或分号分隔';
const SEPARATORS_EN = 'separate several values with commas or semicolons';

const COMMON: Readonly<
  Record<
    'title' | 'description' | 'keywords' | 'publicKeywords' | 'cluster' | 'visibility' | 'ndaTerms',
    ColumnSpec
  >
> = {
  title: {
    key: 'title',
    type: 'text',
    required: true,
    maxLength: 200,
    header: { 'zh-CN': '标题', en: 'Title' },
    aliases: ['名称', '需求名称', '需求标题', '成果名称', '成果标题', 'name'],
    help: { 'zh-CN': '不超过 200 字。', en: 'Up to 200 characters.' },
    width: 36,
  },
  description: {
    key: 'description',
    type: 'text',
    required: true,
    maxLength: 8000,
    header: { 'zh-CN': '详细描述', en: 'Description' },
    aliases: ['描述', '需求描述', '成果描述', '简介', '成果简介', '内容', 'details'],
    help: {
      'zh-CN': '不超过 8000 字；“注册可见”或“保密协议方可见”时只有获准的机构能看到。',
      en: 'Up to 8,000 characters; the visibility decides who may read it.',
    },
    width: 60,
  },
  keywords: {
    key: 'keywords',
    type: 'list',
    required: false,
    maxLength: 40,
    maxItems: 20,
    header: { 'zh-CN': '关键词', en: 'Keywords' },
    aliases: ['关键字'],
    help: {
      'zh-CN': `最多 20 个，每个不超过 40 字，${SEPARATORS_ZH}；与描述一样受可见范围保护。`,
      en: `Up to 20, each up to 40 characters; ${SEPARATORS_EN}. Protected like the description.`,
    },
    width: 28,
  },
  publicKeywords: {
    key: 'publicKeywords',
    type: 'list',
    required: false,
    maxLength: 40,
    maxItems: 10,
    header: { 'zh-CN': '公开关键词', en: 'Public keywords' },
    aliases: ['公开关键字'],
    help: {
      'zh-CN': `最多 10 个，所有人可见，便于被检索到；${SEPARATORS_ZH}。`,
      en: `Up to 10, shown to everyone so the record can be found; ${SEPARATORS_EN}.`,
    },
    width: 22,
  },
  cluster: {
    key: 'cluster',
    type: 'cluster',
    required: false,
    header: { 'zh-CN': '产业集群', en: 'Cluster' },
    aliases: ['集群', '所属集群', '所属产业集群'],
    help: {
      'zh-CN': '从下拉列表选择（也可填写集群代码）；可留空。',
      en: 'Pick from the list (or write the cluster code); may be left empty.',
    },
    width: 18,
  },
  visibility: {
    key: 'visibility',
    type: 'enum',
    required: true,
    values: VISIBILITY_VALUES,
    header: { 'zh-CN': '可见范围', en: 'Visibility' },
    aliases: ['公开范围', '可见性'],
    help: {
      'zh-CN':
        '公开：所有人可见详情；注册可见：已认证机构的成员可见；保密协议方可见：仅本机构及其接受保密协议申请的机构可见。',
      en: 'Public: everyone sees the details; Registered: members of verified organisations; NDA parties: only organisations whose NDA request you accept.',
    },
    width: 16,
  },
  ndaTerms: {
    key: 'ndaTerms',
    type: 'text',
    required: false,
    maxLength: 4000,
    header: { 'zh-CN': '保密条款', en: 'NDA terms' },
    aliases: ['保密协议条款', 'nda'],
    help: {
      'zh-CN': '“保密协议方可见”时申请方须接受的条款，不超过 4000 字；可留空。',
      en: 'Terms a requester accepts for access (NDA parties), up to 4,000 characters; may be left empty.',
    },
    width: 30,
  },
};

const NEED_COLUMNS: readonly ColumnSpec[] = [
  COMMON.title,
  {
    ...COMMON.description,
    help: {
      'zh-CN': `要解决的问题、技术指标和期望成果；${COMMON.description.help['zh-CN']}`,
      en: `The problem, the targets and the expected result. ${COMMON.description.help.en}`,
    },
  },
  COMMON.keywords,
  COMMON.publicKeywords,
  COMMON.cluster,
  {
    key: 'cooperationModes',
    type: 'enumList',
    required: true,
    values: COOPERATION_MODE_VALUES,
    header: { 'zh-CN': '合作方式', en: 'Cooperation modes' },
    aliases: ['合作模式', 'cooperation mode'],
    help: {
      'zh-CN': `一种或多种，${SEPARATORS_ZH}。`,
      en: `One or more; ${SEPARATORS_EN}.`,
    },
    width: 22,
  },
  {
    key: 'budgetMin',
    type: 'amount',
    required: false,
    header: { 'zh-CN': '预算下限（元）', en: 'Budget from (yuan)' },
    aliases: ['预算下限', '最低预算', '预算最低', 'minimum budget', 'budget min'],
    help: {
      'zh-CN': '单位：元，最多两位小数；也可写“50万”；可留空。',
      en: 'In yuan, at most two decimals; "50万" (500,000) also works; may be left empty.',
    },
    width: 16,
  },
  {
    key: 'budgetMax',
    type: 'amount',
    required: false,
    header: { 'zh-CN': '预算上限（元）', en: 'Budget up to (yuan)' },
    aliases: ['预算上限', '最高预算', '预算最高', 'maximum budget', 'budget max'],
    help: {
      'zh-CN': '单位：元，不低于预算下限；可留空。',
      en: 'In yuan, not below the lower end; may be left empty.',
    },
    width: 16,
  },
  {
    key: 'deadline',
    type: 'date',
    required: false,
    header: { 'zh-CN': '截止日期', en: 'Deadline' },
    aliases: ['截止时间', '有效期', 'due date'],
    help: {
      'zh-CN': '格式 2026-12-31，不早于今天（北京时间）；可留空。',
      en: 'As 2026-12-31, today or later (China time); may be left empty.',
    },
    width: 14,
  },
  COMMON.visibility,
  COMMON.ndaTerms,
];

const ACHIEVEMENT_COLUMNS: readonly ColumnSpec[] = [
  COMMON.title,
  {
    ...COMMON.description,
    help: {
      'zh-CN': `成果的技术内容、性能指标和应用场景；${COMMON.description.help['zh-CN']}`,
      en: `What the result is, how well it performs and where it applies. ${COMMON.description.help.en}`,
    },
  },
  COMMON.keywords,
  COMMON.publicKeywords,
  COMMON.cluster,
  {
    key: 'kind',
    type: 'enum',
    required: true,
    values: ACHIEVEMENT_KIND_VALUES,
    header: { 'zh-CN': '成果类型', en: 'Kind' },
    aliases: ['类型', 'kind of result', 'type'],
    help: { 'zh-CN': '专利、软件著作权或技术秘密。', en: 'Patent, software copyright or know-how.' },
    width: 14,
  },
  {
    key: 'registrationNumber',
    type: 'text',
    required: false,
    maxLength: 40,
    header: { 'zh-CN': '专利号／登记号', en: 'Patent / registration number' },
    aliases: ['专利号', '登记号', '申请号', '专利申请号', '登记证号', 'patent number', 'registration number'],
    help: {
      'zh-CN':
        '专利：申请号（如 CN202310123456.6，核对校验位）或公开号；软件著作权：登记号（如 2023SR0123456）；技术秘密不填。',
      en: 'Patents: the application number (e.g. CN202310123456.6, check digit verified) or publication number; software copyrights: the registration number (e.g. 2023SR0123456); none for know-how.',
    },
    width: 22,
  },
  {
    key: 'trl',
    type: 'trl',
    required: true,
    header: { 'zh-CN': '技术成熟度（TRL）', en: 'Technology readiness (TRL)' },
    aliases: ['技术成熟度', '成熟度', 'trl', 'technology readiness level'],
    help: {
      'zh-CN': '1–9 级：1 为原理发现，4 为实验室验证，6 为相关环境演示，9 为实际应用。',
      en: '1–9: 1 basic principles, 4 validated in the lab, 6 demonstrated in a relevant environment, 9 proven in use.',
    },
    width: 14,
  },
  {
    key: 'transferModes',
    type: 'enumList',
    required: true,
    values: TRANSFER_MODE_VALUES,
    header: { 'zh-CN': '转化方式', en: 'Transfer modes' },
    aliases: ['转化模式', 'transfer mode'],
    help: { 'zh-CN': `一种或多种，${SEPARATORS_ZH}。`, en: `One or more; ${SEPARATORS_EN}.` },
    width: 22,
  },
  COMMON.visibility,
  COMMON.ndaTerms,
];

/** The template's columns for a kind of record, in order. */
export function columnsOf(kind: SpreadsheetKind): readonly ColumnSpec[] {
  return kind === 'needs' ? NEED_COLUMNS : ACHIEVEMENT_COLUMNS;
}

/** The header a template shows: the column's name, with `*` when it is required. */
export function headerText(column: ColumnSpec, locale: Locale): string {
  return column.required ? `${column.header[locale]} *` : column.header[locale];
}

/**
 * A header cell reduced for matching: as `token`, and without a bracketed unit or note, so that
 * `预算下限（元）`, `Budget from (yuan) *` and `budgetMin` each name their column.
 */
function headerToken(text: string): string {
  return token(text.normalize('NFKC').replace(/\([^)]*\)/g, ''));
}

function headerLookup(kind: SpreadsheetKind): ReadonlyMap<string, ColumnKey> {
  const map = new Map<string, ColumnKey>();
  for (const column of columnsOf(kind)) {
    for (const spelling of [column.key, column.header['zh-CN'], column.header.en, ...column.aliases]) {
      map.set(headerToken(spelling), column.key);
    }
  }
  return map;
}

const HEADER_LOOKUPS: Readonly<Record<SpreadsheetKind, ReadonlyMap<string, ColumnKey>>> = {
  needs: headerLookup('needs'),
  achievements: headerLookup('achievements'),
};

// ---------------------------------------------------------------------------------------------
// Finding the table in a sheet

/** How many rows from the top may come before the header (a title line, a note…). */
export const HEADER_SEARCH_ROWS = 20;

export interface Table {
  sheet: string | null;
  headerRow: number;
  /** Column key → 0-based column index. */
  columns: ReadonlyMap<ColumnKey, number>;
  /** The row of machine keys under the header (the templates have one), or null. */
  keyRow: number | null;
  ignoredColumns: { column: string; header: string }[];
  /** Rows below the header (and the key row) that hold anything in a known column. */
  dataRows: SheetRow[];
}

/** Why a file is refused as a whole: a stable error code, a message and its details. */
export interface FileRefusal {
  code:
    | 'spreadsheets.empty_file'
    | 'spreadsheets.header_not_found'
    | 'spreadsheets.wrong_template'
    | 'spreadsheets.invalid_header'
    | 'spreadsheets.no_rows'
    | 'spreadsheets.too_many_rows';
  message: string;
  details: Record<string, unknown> & { issues?: SheetIssue[] };
}

/** The text a cell shows, for headers and keys (numbers as written, nothing for other values). */
function plainText(cell: CellValue | undefined): string {
  if (!cell) return '';
  switch (cell.type) {
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.date;
    case 'boolean':
    case 'empty':
    case 'formula_without_result':
    case 'error':
      return '';
  }
}

function isBlank(cell: CellValue | undefined): boolean {
  return cell === undefined || cell.type === 'empty' || (cell.type === 'text' && cell.text.trim() === '');
}

interface HeaderCandidate {
  sheet: SheetGrid;
  row: SheetRow;
  matches: Map<ColumnKey, number[]>;
}

function matchHeader(kind: SpreadsheetKind, row: SheetRow): Map<ColumnKey, number[]> {
  const lookup = HEADER_LOOKUPS[kind];
  const matches = new Map<ColumnKey, number[]>();
  row.cells.forEach((cell, index) => {
    const text = plainText(cell);
    if (text === '') return;
    const key = lookup.get(headerToken(text));
    if (key) matches.set(key, [...(matches.get(key) ?? []), index]);
  });
  return matches;
}

/** Columns only one kind of template has: they tell a needs file from an achievements file. */
function distinctiveKeys(kind: SpreadsheetKind): ColumnKey[] {
  const other = new Set<ColumnKey>(columnsOf(kind === 'needs' ? 'achievements' : 'needs').map((c) => c.key));
  return columnsOf(kind)
    .map((c) => c.key)
    .filter((key) => !other.has(key));
}

function bestHeader(kind: SpreadsheetKind, sheets: readonly SheetGrid[]): HeaderCandidate | null {
  let best: HeaderCandidate | null = null;
  for (const sheet of sheets) {
    for (const row of sheet.rows.slice(0, HEADER_SEARCH_ROWS)) {
      const matches = matchHeader(kind, row);
      if (matches.size >= 2 && (best === null || matches.size > best.matches.size)) {
        best = { sheet, row, matches };
      }
    }
  }
  return best;
}

function otherKind(kind: SpreadsheetKind): SpreadsheetKind {
  return kind === 'needs' ? 'achievements' : 'needs';
}

/**
 * Finds the table of `kind` in the sheets: the row among the first 20 of a sheet whose cells name
 * the most template columns (by machine key or by header in either language), its optional row
 * of machine keys, and the rows below. Refuses a file without data, with the other kind's
 * columns, without a required column or naming one twice, or with more than `MAX_DATA_ROWS` rows.
 */
export function findTable(kind: SpreadsheetKind, sheets: readonly SheetGrid[]): Table | FileRefusal {
  if (sheets.every((sheet) => sheet.rows.every((row) => row.cells.every(isBlank)))) {
    return { code: 'spreadsheets.empty_file', message: 'The file holds no data', details: {} };
  }
  const candidate = bestHeader(kind, sheets);
  const foreign = bestHeader(otherKind(kind), sheets);
  const ownDistinct = distinctiveKeys(kind).filter((key) => candidate?.matches.has(key)).length;
  const foreignDistinct = distinctiveKeys(otherKind(kind)).filter((key) => foreign?.matches.has(key)).length;
  if (foreignDistinct > 0 && ownDistinct === 0) {
    return {
      code: 'spreadsheets.wrong_template',
      message: `This is a template for ${otherKind(kind)}, not for ${kind}`,
      details: { expected: kind, found: otherKind(kind) },
    };
  }
  if (candidate === null) {
    return {
      code: 'spreadsheets.header_not_found',
      message: `No row in the first ${HEADER_SEARCH_ROWS} of any sheet names the template's columns; start from the template`,
      details: { searchedRows: HEADER_SEARCH_ROWS },
    };
  }

  const { sheet, row: header, matches } = candidate;
  const issues: SheetIssue[] = [];
  for (const column of columnsOf(kind)) {
    const found = matches.get(column.key) ?? [];
    if (column.required && found.length === 0) {
      issues.push(
        issueAt(header.row, null, column.key, 'missing_column', {
          header: column.header['zh-CN'],
          headerEn: column.header.en,
        }),
      );
    }
    if (found.length > 1) {
      issues.push(
        issueAt(header.row, columnLetter(found[1] ?? 0), column.key, 'duplicate_column', {
          first: columnLetter(found[0] ?? 0),
        }),
      );
    }
  }
  if (issues.length > 0) {
    return {
      code: 'spreadsheets.invalid_header',
      message: `The header in row ${header.row} lacks required columns or names a column twice`,
      details: { sheet: sheet.name, issues },
    };
  }

  const columns = new Map<ColumnKey, number>();
  for (const [key, indexes] of matches) columns.set(key, indexes[0] ?? 0);
  const known = new Set(columns.values());
  const ignoredColumns = header.cells.flatMap((cell, index) =>
    !known.has(index) && plainText(cell) !== ''
      ? [{ column: columnLetter(index), header: plainText(cell) }]
      : [],
  );

  const below = sheet.rows.filter((r) => r.row > header.row);
  const next = below[0];
  const keyRow = next && next.row === header.row + 1 && isKeyRow(next, columns) ? next.row : null;
  const dataRows = below.filter(
    (r) => r.row !== keyRow && [...columns.values()].some((index) => !isBlank(r.cells[index])),
  );
  if (dataRows.length === 0) {
    return {
      code: 'spreadsheets.no_rows',
      message: `No data rows below the header in row ${header.row}`,
      details: { sheet: sheet.name, headerRow: header.row },
    };
  }
  if (dataRows.length > MAX_DATA_ROWS) {
    return {
      code: 'spreadsheets.too_many_rows',
      message: `The file has ${dataRows.length} data rows; at most ${MAX_DATA_ROWS} are taken at once`,
      details: { rows: dataRows.length, limit: MAX_DATA_ROWS },
    };
  }
  return { sheet: sheet.name, headerRow: header.row, columns, keyRow, ignoredColumns, dataRows };
}

/** A row whose filled cells under known columns are exactly those columns' machine keys. */
function isKeyRow(row: SheetRow, columns: ReadonlyMap<ColumnKey, number>): boolean {
  let keys = 0;
  for (const [key, index] of columns) {
    const text = plainText(row.cells[index]);
    if (text === '') continue;
    if (text.toLowerCase() !== key.toLowerCase()) return false;
    keys += 1;
  }
  return keys > 0;
}

// ---------------------------------------------------------------------------------------------
// Issues

const ISSUE_MESSAGES: Readonly<
  Record<SheetIssueCode, (p: Readonly<Record<string, string | number>>) => string>
> = {
  required: () => 'Required; the cell is empty',
  too_long: (p) => `Longer than ${p['max']} characters`,
  too_many_values: (p) => `More than ${p['max']} values`,
  value_too_long: (p) => `"${p['value']}" is longer than ${p['max']} characters`,
  unknown_value: (p) => `"${p['value']}" is not one of the allowed values (${p['allowed']})`,
  unknown_cluster: (p) => `No cluster "${p['value']}"`,
  invalid_trl: (p) => `"${p['value']}" is not a technology readiness level from 1 to 9`,
  invalid_amount: (p) =>
    `"${p['value']}" is not an amount in yuan (at most two decimals, e.g. 500000 or 50万)`,
  invalid_date: (p) => `"${p['value']}" is not a date such as 2026-12-31`,
  deadline_in_past: (p) => `The deadline ${p['value']} is before today (${p['today']}, China time)`,
  budget_range_inverted: () => 'The upper end of the budget is below the lower end',
  registration_number_invalid: (p) =>
    `"${p['value']}" is not a patent application or publication number (e.g. CN202310123456.6) or a software copyright registration number (e.g. 2023SR0123456)`,
  registration_number_check_character: (p) =>
    `The check character of the patent application number "${p['value']}" does not match`,
  registration_number_not_allowed: () => 'Know-how has no registration number; leave the cell empty',
  formula_without_result: () => 'A formula without a computed value; enter the value itself',
  cell_error: (p) => `The cell holds the error ${p['value']}`,
  date_in_text_column: (p) =>
    `The cell holds a date (${p['value']}), probably converted by the spreadsheet program; enter it as text`,
  boolean_in_text_column: () => 'The cell holds TRUE or FALSE; enter text',
  scientific_notation: (p) =>
    `"${p['value']}" was turned into a number in scientific notation by the spreadsheet program; format the column as text and enter the number again`,
  invalid_character: () => 'The text contains the NUL character',
  invalid_value: (p) => `Invalid value: ${p['reason']}`,
  duplicate_in_file: (p) => `The same title as row ${p['firstRow']}`,
  duplicate_existing: () => 'Your organisation already has an active record with this title',
  missing_column: (p) => `The required column "${p['headerEn']}" (${p['header']}) is missing`,
  duplicate_column: (p) => `This column names the same field as column ${p['first']}`,
};

function issueAt(
  row: number | null,
  column: string | null,
  field: string,
  code: SheetIssueCode,
  params: Readonly<Record<string, string | number>> = {},
): SheetIssue {
  return { row, column, field, code, message: ISSUE_MESSAGES[code](params), params: { ...params } };
}

// ---------------------------------------------------------------------------------------------
// Reading cells

type Read<T> = { value: T } | { issue: { code: SheetIssueCode; params?: Record<string, string | number> } };

function fail(code: SheetIssueCode, params: Record<string, string | number> = {}): Read<never> {
  return { issue: { code, params } };
}

/** Numbers a cell may hold as text in a text column: written as they show, no float noise. */
function numberAsText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

/** A cell read as text; numbers count as text, dates and truth values do not. */
function readText(cell: CellValue | undefined): Read<string> {
  if (!cell) return { value: '' };
  switch (cell.type) {
    case 'empty':
      return { value: '' };
    case 'text':
      if (cell.text.includes('\u0000')) return fail('invalid_character');
      return { value: cell.text.replace(/\r\n?/g, '\n').trim() };
    case 'number':
      return { value: numberAsText(cell.value) };
    case 'date':
      return fail('date_in_text_column', { value: cell.date });
    case 'boolean':
      return fail('boolean_in_text_column');
    case 'formula_without_result':
      return fail('formula_without_result');
    case 'error':
      return fail('cell_error', { value: cell.error });
  }
}

/** Splits a multi-valued cell on commas, 、, semicolons and line breaks (half- or full-width). */
export function splitValues(text: string): string[] {
  return text
    .split(/[,，、;；\n]+/)
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter((part) => part !== '');
}

function readList(text: string, column: ColumnSpec): Read<string[]> {
  const items = normalizeKeywords(splitValues(text));
  const max = column.maxItems ?? 20;
  if (items.length > max) return fail('too_many_values', { max });
  const long = items.find((item) => item.length > (column.maxLength ?? 40));
  if (long !== undefined) return fail('value_too_long', { value: long, max: column.maxLength ?? 40 });
  return { value: items };
}

function allowedWords(column: ColumnSpec, locale: Locale): string {
  return (column.values ?? []).map((v) => v.label[locale]).join(locale === 'zh-CN' ? '、' : ', ');
}

const ENUM_LOOKUPS = new Map<readonly EnumValue[], ReadonlyMap<string, string>>();

function enumLookup(list: readonly EnumValue[]): ReadonlyMap<string, string> {
  let lookup = ENUM_LOOKUPS.get(list);
  if (!lookup) {
    lookup = lookupOf(list);
    ENUM_LOOKUPS.set(list, lookup);
  }
  return lookup;
}

function readEnum(text: string, column: ColumnSpec): Read<string> {
  const key = enumLookup(column.values ?? []).get(token(text));
  return key === undefined
    ? fail('unknown_value', { value: text, allowed: allowedWords(column, 'en') })
    : { value: key };
}

function readEnumList(text: string, column: ColumnSpec): Read<string[]> {
  const keys: string[] = [];
  for (const part of splitValues(text)) {
    const read = readEnum(part, column);
    if ('issue' in read) return read;
    if (!keys.includes(read.value)) keys.push(read.value);
  }
  return { value: (column.values ?? []).map((v) => v.key).filter((key) => keys.includes(key)) };
}

function readTrl(cell: CellValue | undefined, text: string): Read<number> {
  if (cell?.type === 'number') {
    return Number.isInteger(cell.value) && cell.value >= 1 && cell.value <= 9
      ? { value: cell.value }
      : fail('invalid_trl', { value: text });
  }
  const match = /^(?:trl)?([1-9])(?:级)?$/i.exec(token(text));
  return match ? { value: Number(match[1]) } : fail('invalid_trl', { value: text });
}

/**
 * An amount in yuan as integer fen: a number cell with at most two decimals, or text such as
 * `500000`, `1,500,000.50`, `¥80000`, `50万` or `50万元` (万 = 10,000 yuan).
 */
export function parseYuanToFen(cell: CellValue | undefined, text: string): number | null {
  if (cell?.type === 'number') {
    const fen = Math.round(cell.value * 100);
    if (!Number.isFinite(cell.value) || cell.value < 0 || Math.abs(cell.value * 100 - fen) > 1e-6)
      return null;
    return fen <= MAX_FEN ? fen : null;
  }
  const compact = text
    .normalize('NFKC')
    .replace(/[\s,]/g, '')
    .replace(/^[¥￥]/, '');
  const match = /^(\d{1,16})(?:\.(\d+))?(万元|万|元)?$/.exec(compact);
  if (!match) return null;
  const [, whole = '0', fraction = '', unit = '元'] = match;
  const scale = unit.startsWith('万') ? 6 : 2;
  if (fraction.length > scale) return null;
  const fen = Number(whole) * 10 ** scale + Number(fraction.padEnd(scale, '0') || '0');
  return Number.isSafeInteger(fen) && fen <= MAX_FEN ? fen : null;
}

/** The calendar day of an Excel serial number (1900 date system), for plausible days only. */
function excelSerialDate(serial: number): string | null {
  // 36526 is 2000-01-01, 73050 is 2099-12-31; other numbers are not dates someone meant.
  if (!Number.isInteger(serial) || serial < 36526 || serial > 73050) return null;
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

/** A calendar day from `2026-12-31`, `2026/12/31`, `2026.12.31` or `2026年12月31日`. */
export function parseDay(text: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(
    text.normalize('NFKC').trim(),
  );
  if (!match) return null;
  const [, y = '', m = '', d = ''] = match;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

function readDate(cell: CellValue | undefined, text: string): Read<string> {
  if (cell?.type === 'date') return { value: cell.date };
  if (cell?.type === 'number') {
    const day = excelSerialDate(cell.value);
    return day === null ? fail('invalid_date', { value: text }) : { value: day };
  }
  const day = parseDay(text);
  return day === null ? fail('invalid_date', { value: text }) : { value: day };
}

/** Whether text is a number Excel turned into scientific notation (e.g. 2.02310E+11). */
function isScientificNotation(text: string): boolean {
  return /^\d(\.\d+)?e\+\d+$/i.test(text.trim());
}

// ---------------------------------------------------------------------------------------------
// Rows

/** What the rows are checked against besides their own cells. */
export interface RowContext {
  clusters: readonly Cluster[];
  /** Today in China (YYYY-MM-DD): deadlines before it are refused. */
  today: string;
  /** Titles (reduced by `titleKey`) of the organisation's active records of this kind → record id. */
  existingTitles: ReadonlyMap<string, string>;
}

/** The directory's create input of one row, without the owner (the upload names it). */
export type RowInput =
  | { kind: 'needs'; body: Omit<CreateNeedBody, 'ownerOrganizationId'> }
  | { kind: 'achievements'; body: Omit<CreateAchievementBody, 'ownerOrganizationId'> };

export interface ParsedRow {
  row: number;
  input: RowInput;
}

export interface ParsedRows {
  rows: ParsedRow[];
  skippedExampleRows: number[];
  issues: SheetIssue[];
}

/**
 * A title reduced for duplicate checks: folded width and case, no spaces (Chinese titles are
 * written with and without a space before Latin words: `碳化硅 MOSFET` and `碳化硅MOSFET`).
 */
export function titleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function clusterLookup(clusters: readonly Cluster[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const cluster of clusters) {
    for (const spelling of [cluster.slug, cluster.nameZh, cluster.nameEn]) {
      if (spelling.trim() !== '') map.set(token(spelling), cluster.slug);
    }
  }
  return map;
}

type Cells = Partial<Record<ColumnKey, unknown>>;

/**
 * Reads and checks every data row of a table: each cell by its column's rules, the budget range,
 * the deadline, the registration number against the kind, then the whole input against the
 * directory's own contract; then titles repeated in the file or already used by an active record
 * of the organisation. The unchanged example row of a template is left out. Every problem is
 * reported, by row and column, not only the first.
 */
export function parseRows(kind: SpreadsheetKind, table: Table, context: RowContext): ParsedRows {
  const specs = columnsOf(kind);
  const clusters = clusterLookup(context.clusters);
  const rows: ParsedRow[] = [];
  const issues: SheetIssue[] = [];
  const skippedExampleRows: number[] = [];
  const firstRowOfTitle = new Map<string, number>();

  for (const sheetRow of table.dataRows) {
    if (isExampleRow(kind, sheetRow, table.columns)) {
      skippedExampleRows.push(sheetRow.row);
      continue;
    }
    const rowIssues: SheetIssue[] = [];
    const letterOf = (key: ColumnKey): string | null => {
      const index = table.columns.get(key);
      return index === undefined ? null : columnLetter(index);
    };
    const report = (key: ColumnKey, code: SheetIssueCode, params: Record<string, string | number> = {}) =>
      rowIssues.push(issueAt(sheetRow.row, letterOf(key), key, code, params));

    const cells: Cells = {};
    let achievementKind: AchievementKind | null = null;
    for (const spec of specs) {
      const index = table.columns.get(spec.key);
      const cell = index === undefined ? undefined : sheetRow.cells[index];
      const text = readText(cell);
      // A date column takes date cells, which are not text.
      if ('issue' in text && !(spec.type === 'date' && cell?.type === 'date')) {
        report(spec.key, text.issue.code, text.issue.params);
        continue;
      }
      const rawText = 'value' in text ? text.value : plainText(cell);
      if (rawText === '' && (cell === undefined || isBlank(cell))) {
        if (spec.required) report(spec.key, 'required');
        continue;
      }
      const read = readCell(spec, cell, rawText, clusters);
      if ('issue' in read) {
        report(spec.key, read.issue.code, read.issue.params);
        continue;
      }
      cells[spec.key] = read.value;
      if (spec.key === 'kind') achievementKind = read.value as AchievementKind;
    }

    // Checks across cells: the budget range, the deadline, the registration number.
    const min = cells.budgetMin as number | undefined;
    const max = cells.budgetMax as number | undefined;
    if (min !== undefined && max !== undefined && min > max) report('budgetMax', 'budget_range_inverted');
    const deadline = cells.deadline as string | undefined;
    if (deadline !== undefined && isDeadlineInPast(deadline, context.today)) {
      report('deadline', 'deadline_in_past', { value: deadline, today: context.today });
      delete cells.deadline;
    }
    const number = cells.registrationNumber as string | undefined;
    if (number !== undefined && kind === 'achievements') {
      if (isScientificNotation(number))
        report('registrationNumber', 'scientific_notation', { value: number });
      else if (achievementKind !== null) {
        const checked = checkRegistrationNumber(achievementKind, number);
        if ('value' in checked) cells.registrationNumber = checked.value;
        else
          report(
            'registrationNumber',
            checked.problem === 'format'
              ? 'registration_number_invalid'
              : checked.problem === 'check_character'
                ? 'registration_number_check_character'
                : 'registration_number_not_allowed',
            { value: number },
          );
      }
    }

    const title = cells.title as string | undefined;
    if (title !== undefined) {
      const key = titleKey(title);
      const first = firstRowOfTitle.get(key);
      if (first !== undefined) report('title', 'duplicate_in_file', { firstRow: first });
      else firstRowOfTitle.set(key, sheetRow.row);
      const existing = context.existingTitles.get(key);
      if (existing !== undefined) report('title', 'duplicate_existing', { id: existing });
    }

    if (rowIssues.length === 0) {
      const built = buildInput(kind, cells);
      if ('issues' in built) {
        for (const problem of built.issues) {
          const key =
            specs.find((s) => problem.path === s.key || problem.path.startsWith(s.key))?.key ?? 'title';
          report(key, 'invalid_value', { reason: problem.message });
        }
      } else {
        rows.push({ row: sheetRow.row, input: built });
      }
    }
    issues.push(...rowIssues);
  }
  return { rows, skippedExampleRows, issues };
}

function readCell(
  spec: ColumnSpec,
  cell: CellValue | undefined,
  text: string,
  clusters: ReadonlyMap<string, string>,
): Read<unknown> {
  switch (spec.type) {
    case 'text':
      return text.length > (spec.maxLength ?? 200)
        ? fail('too_long', { max: spec.maxLength ?? 200 })
        : { value: text };
    case 'list':
      return readList(text, spec);
    case 'cluster': {
      const slug = clusters.get(token(text));
      return slug === undefined ? fail('unknown_cluster', { value: text }) : { value: slug };
    }
    case 'enum':
      return readEnum(text, spec);
    case 'enumList': {
      const read = readEnumList(text, spec);
      if ('value' in read && read.value.length === 0 && spec.required) return fail('required');
      return read;
    }
    case 'trl':
      return readTrl(cell, text);
    case 'amount': {
      const fen = parseYuanToFen(cell, text);
      return fen === null ? fail('invalid_amount', { value: text }) : { value: fen };
    }
    case 'date':
      return readDate(cell, text);
  }
}

/** The create input of a row, checked by the directory's own contract (a last safety net). */
function buildInput(
  kind: SpreadsheetKind,
  cells: Cells,
): RowInput | { issues: { path: string; message: string }[] } {
  const common = {
    title: cells.title as string,
    description: cells.description as string,
    keywords: (cells.keywords as string[] | undefined) ?? [],
    publicKeywords: (cells.publicKeywords as string[] | undefined) ?? [],
    cluster: (cells.cluster as string | undefined) ?? null,
    visibility: cells.visibility,
    ...(cells.ndaTerms !== undefined ? { ndaTerms: cells.ndaTerms } : {}),
  };
  const placeholderOwner = 'x';
  if (kind === 'needs') {
    const parsed = CreateNeedBody.safeParse({
      ownerOrganizationId: placeholderOwner,
      ...common,
      cooperationModes: cells.cooperationModes,
      budgetMinFen: cells.budgetMin ?? null,
      budgetMaxFen: cells.budgetMax ?? null,
      deadline: cells.deadline ?? null,
    });
    if (!parsed.success) return { issues: zodProblems(parsed.error.issues) };
    const { ownerOrganizationId: _owner, ...body } = parsed.data;
    return { kind, body };
  }
  const parsed = CreateAchievementBody.safeParse({
    ownerOrganizationId: placeholderOwner,
    ...common,
    kind: cells.kind,
    registrationNumber: cells.registrationNumber ?? null,
    trl: cells.trl,
    transferModes: cells.transferModes,
  });
  if (!parsed.success) return { issues: zodProblems(parsed.error.issues) };
  const { ownerOrganizationId: _owner, ...body } = parsed.data;
  return { kind, body };
}

function zodProblems(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const renamed: Readonly<Record<string, ColumnKey>> = {
    budgetMinFen: 'budgetMin',
    budgetMaxFen: 'budgetMax',
  };
  return issues.map((issue) => {
    const head = String(issue.path[0] ?? 'title');
    return { path: renamed[head] ?? head, message: issue.message };
  });
}

/** The 0-based index of a column letter: A → 0, AA → 26. */
export function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Sorts issues by row, then column (whole-row issues first), as a reader goes through the sheet. */
export function sortIssues(issues: readonly SheetIssue[]): SheetIssue[] {
  const order = (letter: string | null) => (letter === null ? -1 : columnIndex(letter));
  return [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || order(a.column) - order(b.column));
}

// ---------------------------------------------------------------------------------------------
// Templates

/** A template cell value: text, a number, or a calendar day (written as a date cell in XLSX). */
export type TemplateValue = string | number | { date: string } | null;

export interface TemplateColumn {
  key: ColumnKey;
  header: string;
  help: string;
  required: boolean;
  width: number;
  /** The drop-down of allowed values (an index into `lists`), for enum, TRL and cluster columns. */
  list: number | null;
  /** Whether the cell may hold several of the listed values (then the drop-down only suggests). */
  multiple: boolean;
  /** How the column's cells are formatted: text (so Excel leaves numbers and dashes alone), a day, or money. */
  format: 'text' | 'date' | 'amount' | 'general';
  /** Allowed values in words, for the instructions (empty when free text). */
  allowed: string;
}

export interface TemplateLayout {
  kind: SpreadsheetKind;
  locale: Locale;
  dataSheet: string;
  instructionsSheet: string;
  listsSheet: string;
  columns: TemplateColumn[];
  example: TemplateValue[];
  lists: { name: string; values: (string | number)[] }[];
  instructions: { title: string; paragraphs: string[]; tableHeader: string[]; rows: string[][] };
  /** The file's name without extension, in the template's language. */
  fileName: string;
  /** An ASCII name for clients that cannot take the other. */
  asciiFileName: string;
}

const SHEET_NAMES: Readonly<Record<SpreadsheetKind, Readonly<Record<Locale, string>>>> = {
  needs: { 'zh-CN': '技术需求', en: 'Needs' },
  achievements: { 'zh-CN': '科技成果', en: 'Achievements' },
};

const TEXTS = {
  'zh-CN': {
    instructions: '填写说明',
    fileName: (kind: SpreadsheetKind) => `${SHEET_NAMES[kind]['zh-CN']}批量导入模板`,
    title: (kind: SpreadsheetKind) => `${SHEET_NAMES[kind]['zh-CN']}批量导入模板：填写说明`,
    paragraphs: (kind: SpreadsheetKind) => [
      `在“${SHEET_NAMES[kind]['zh-CN']}”工作表中每行填写一条记录。第 1 行是列标题，第 2 行是字段键（可保留或删除，请勿修改），第 3 行是示例：不修改时导入会自动跳过，也可以直接覆盖或删除。`,
      '带 * 的列必须填写。关键词、合作方式、转化方式等可填多个值，用逗号、顿号（、）或分号分隔。',
      '下拉列表中的值可直接选择；也可以填写英文名称或字段键（如 joint_rd、patent）。',
      `每个文件最多 ${MAX_DATA_ROWS} 行数据，不超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB；也可以另存为 CSV（UTF-8）后上传。`,
      '导入“要么全部成功，要么一条也不导入”：只要有一行有问题，系统就不会写入任何记录，并列出每个有问题的行和列；修改后重新上传即可。标题与本机构未关闭的同类记录相同、或在文件中重复的行也会被拒绝。',
      '建议先在平台上“预检”文件，确认无误后再正式导入。',
    ],
    tableHeader: ['列', '列标题', '字段键', '必填', '说明', '可填写的值'],
    yes: '是',
    no: '否',
  },
  en: {
    instructions: 'Instructions',
    fileName: (kind: SpreadsheetKind) => `${kind}-import-template`,
    title: (kind: SpreadsheetKind) =>
      `Bulk import template for ${kind === 'needs' ? 'technical needs' : 'research results (achievements)'}: how to fill it in`,
    paragraphs: (kind: SpreadsheetKind) => [
      `Fill in one record per row of the "${SHEET_NAMES[kind].en}" sheet. Row 1 holds the headers, row 2 the machine keys (keep or delete that row, but do not change it), row 3 an example: left unchanged it is skipped on import; you may also overwrite or delete it.`,
      'Columns marked * are required. Keywords and cooperation or transfer modes take several values separated by commas or semicolons.',
      'Pick values from the drop-down lists; the Chinese names and the machine keys (e.g. joint_rd, patent) are accepted too.',
      `At most ${MAX_DATA_ROWS} data rows and ${MAX_UPLOAD_BYTES / 1024 / 1024} MB per file; you may also save the sheet as CSV (UTF-8) and upload that.`,
      'An import is all or nothing: if any row has a problem, nothing is written and every bad row and column is listed; fix them and upload again. Rows whose title repeats another row, or an active record of the same kind of your organisation, are refused.',
      'Check the file on the platform first (a dry run), then import it.',
    ],
    tableHeader: ['Column', 'Header', 'Machine key', 'Required', 'What to enter', 'Allowed values'],
    yes: 'yes',
    no: 'no',
  },
} as const;

interface Example {
  title: string;
  description: string;
  keywords: string;
  publicKeywords: string;
  modes: string;
  registrationNumber?: string;
}

const EXAMPLES: Readonly<Record<SpreadsheetKind, Readonly<Record<Locale, Example>>>> = {
  needs: {
    'zh-CN': {
      title: '（示例）车规级碳化硅功率模块双面散热方案联合开发',
      description:
        '我司 800V 电驱平台的碳化硅功率模块结温偏高，需要开发双面散热封装方案，使满载结温降低 15℃ 以上，并通过 AQG 324 可靠性验证。希望与高校或研究院所联合研发。',
      keywords: '碳化硅、功率模块、双面散热',
      publicKeywords: '功率半导体、热管理',
      modes: '联合研发、委托研发',
    },
    en: {
      title: '(Example) Double-sided cooling for automotive SiC power modules',
      description:
        'The SiC power modules of our 800 V drive platform run too hot. We need a double-sided cooling package that lowers the junction temperature at full load by at least 15 °C and passes AQG 324 qualification, developed jointly with a university or institute.',
      keywords: 'silicon carbide, power module, double-sided cooling',
      publicKeywords: 'power semiconductors, thermal management',
      modes: 'Joint R&D, Commissioned R&D',
    },
  },
  achievements: {
    'zh-CN': {
      title: '（示例）一种提高碳化硅 MOSFET 栅氧可靠性的方法',
      description:
        '通过氮化退火与界面钝化工艺，使碳化硅 MOSFET 的栅氧界面态密度降低一个数量级，阈值电压漂移小于 0.1 V（175℃，1000 小时）。已完成实验室验证，适用于新能源汽车和光伏逆变器。',
      keywords: '碳化硅、MOSFET、栅氧可靠性',
      publicKeywords: '功率半导体',
      modes: '许可、转让',
      registrationNumber: 'CN202310123456.6',
    },
    en: {
      title: '(Example) A method to improve the gate oxide reliability of SiC MOSFETs',
      description:
        'Nitridation annealing and interface passivation lower the interface trap density of SiC MOSFET gate oxides by an order of magnitude; threshold drift stays below 0.1 V after 1,000 hours at 175 °C. Validated in the lab; suited to electric vehicles and solar inverters.',
      keywords: 'silicon carbide, MOSFET, gate oxide reliability',
      publicKeywords: 'power semiconductors',
      modes: 'Licence, Transfer',
      registrationNumber: 'CN202310123456.6',
    },
  },
};

/** Whether a row is a template's example (either language), title and description unchanged. */
function isExampleRow(
  kind: SpreadsheetKind,
  row: SheetRow,
  columns: ReadonlyMap<ColumnKey, number>,
): boolean {
  const title = titleKey(plainText(row.cells[columns.get('title') ?? -1]));
  const description = titleKey(plainText(row.cells[columns.get('description') ?? -1]));
  return Object.values(EXAMPLES[kind]).some(
    (example) => titleKey(example.title) === title && titleKey(example.description) === description,
  );
}

function clusterName(cluster: Cluster, locale: Locale): string {
  return locale === 'en' && cluster.nameEn.trim() !== '' ? cluster.nameEn : cluster.nameZh || cluster.slug;
}

/** Adds `days` to a calendar day. */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Everything a template shows, in one language: the columns with headers, help and drop-downs,
 * an example row that passes every check (its deadline half a year after `today`), the
 * instructions, and the file's name. The adapter writes it as XLSX or CSV.
 */
export function templateLayout(
  kind: SpreadsheetKind,
  locale: Locale,
  clusters: readonly Cluster[],
  today: string,
): TemplateLayout {
  const texts = TEXTS[locale];
  const lists: { name: string; values: (string | number)[] }[] = [];
  const listOf = (name: string, items: (string | number)[]): number | null => {
    if (items.length === 0) return null;
    lists.push({ name, values: items });
    return lists.length - 1;
  };
  const columns = columnsOf(kind).map((spec): TemplateColumn => {
    const words = (spec.values ?? []).map((v) => v.label[locale]);
    let list: number | null = null;
    let allowed = '';
    switch (spec.type) {
      case 'enum':
      case 'enumList':
        list = listOf(spec.key, words);
        allowed = (spec.values ?? [])
          .map((v) => `${v.label[locale]} (${v.key})`)
          .join(locale === 'zh-CN' ? '；' : '; ');
        break;
      case 'trl':
        list = listOf(spec.key, [...TRL_LEVELS]);
        allowed = '1–9';
        break;
      case 'cluster':
        list = listOf(
          spec.key,
          clusters.map((c) => clusterName(c, locale)),
        );
        allowed = clusters
          .map((c) => `${clusterName(c, locale)} (${c.slug})`)
          .join(locale === 'zh-CN' ? '；' : '; ');
        break;
      case 'text':
      case 'list':
      case 'amount':
      case 'date':
        break;
    }
    return {
      key: spec.key,
      header: headerText(spec, locale),
      help: spec.help[locale],
      required: spec.required,
      width: spec.width,
      list,
      multiple: spec.type === 'enumList',
      format:
        spec.type === 'date'
          ? 'date'
          : spec.type === 'amount'
            ? 'amount'
            : spec.type === 'trl'
              ? 'general'
              : 'text',
      allowed,
    };
  });

  const example = EXAMPLES[kind][locale];
  const label = (list: readonly EnumValue[], key: string) =>
    list.find((v) => v.key === key)?.label[locale] ?? key;
  const firstCluster = clusters[0];
  const exampleCells: Partial<Record<ColumnKey, TemplateValue>> = {
    title: example.title,
    description: example.description,
    keywords: example.keywords,
    publicKeywords: example.publicKeywords,
    cluster: firstCluster ? clusterName(firstCluster, locale) : null,
    cooperationModes: example.modes,
    transferModes: example.modes,
    budgetMin: 500_000,
    budgetMax: 1_500_000,
    deadline: { date: addDays(today, 180) },
    kind: label(ACHIEVEMENT_KIND_VALUES, 'patent'),
    registrationNumber: example.registrationNumber ?? null,
    trl: 4,
    visibility: label(VISIBILITY_VALUES, kind === 'needs' ? 'registered' : 'public'),
    ndaTerms: null,
  };

  const rows = columns.map((column, index) => [
    columnLetter(index),
    column.header,
    column.key,
    column.required ? texts.yes : texts.no,
    column.help,
    column.allowed,
  ]);
  return {
    kind,
    locale,
    dataSheet: SHEET_NAMES[kind][locale],
    instructionsSheet: texts.instructions,
    listsSheet: 'lists',
    columns,
    example: columns.map((column) => exampleCells[column.key] ?? null),
    lists,
    instructions: {
      title: texts.title(kind),
      paragraphs: [...texts.paragraphs(kind)],
      tableHeader: [...texts.tableHeader],
      rows,
    },
    fileName: texts.fileName(kind),
    asciiFileName: TEXTS.en.fileName(kind),
  };
}

/** The three rows a CSV template holds: headers, machine keys and the example. */
export function templateRows(layout: TemplateLayout): string[][] {
  const text = (value: TemplateValue): string =>
    value === null ? '' : typeof value === 'object' ? value.date : String(value);
  return [layout.columns.map((c) => c.header), layout.columns.map((c) => c.key), layout.example.map(text)];
}

/** CSV text (RFC 4180, CRLF line ends): fields with a comma, quote or line break are quoted. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
