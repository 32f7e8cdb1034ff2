/**
 * Spreadsheet files in and out. Reading turns the bytes of an upload into `SheetGrid`s: XLSX
 * through exceljs, CSV through csv-parse; writing turns a template layout into an XLSX workbook
 * (drop-downs, instructions, an example row) or a CSV file Excel opens in the right encoding.
 *
 * An upload is untrusted, and spreadsheet libraries were written for trusted files. Before exceljs
 * sees an XLSX file, its zip is unpacked here with a budget on the unpacked size (a zip bomb is
 * refused, not inflated), and only the parts holding cell values are handed on: the sheets'
 * `sheetData`, shared strings, styles (which tell dates from numbers) and the workbook's sheet
 * list. Data validations, merged ranges and defined names are dropped, because exceljs expands
 * each range into one entry per cell, so a validation on a whole column (or `A1:XFD1048576`)
 * would hang the server.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { DomainError } from '../../platform/errors.js';
import {
  columnLetter,
  EMPTY_CELL,
  HEADER_SEARCH_ROWS,
  templateRows,
  toCsv,
  type CellValue,
  type SheetGrid,
  type SheetRow,
  type TemplateLayout,
  type TemplateValue,
} from './rules.js';
import { MAX_DATA_ROWS, type SpreadsheetFormat, type UnreadableFileReason } from './schemas.js';

/** Most bytes the parts of one XLSX file may unpack to (the cells of 2,000 long rows fit easily). */
export const MAX_UNPACKED_BYTES = 48 * 1024 * 1024;
/** Most entries a zip may list; a workbook has a few dozen. */
const MAX_ZIP_ENTRIES = 2000;
/** Rows a sheet may hold before it is refused unread: the data rows, the header and room for notes. */
const MAX_SHEET_ROWS = MAX_DATA_ROWS + HEADER_SEARCH_ROWS + 1000;
/** Cells a sheet may hold before it is refused unread. */
const MAX_SHEET_CELLS = 400_000;
/** Columns read; cells further right are ignored (a template has a dozen). */
export const MAX_COLUMNS = 200;
/** Longest CSV record, in characters (a row of long descriptions fits). */
const MAX_CSV_RECORD = 1_000_000;

export interface ReadSpreadsheet {
  format: SpreadsheetFormat;
  /** The visible worksheets (one for CSV), in workbook order. */
  sheets: SheetGrid[];
}

const REASONS: Readonly<Record<UnreadableFileReason, string>> = {
  xls: 'This is an Excel 97–2003 (.xls) file or a password-protected workbook; save it as .xlsx (without a password) or as CSV',
  zip: 'The file is damaged: it looks like an .xlsx file but its contents cannot be unpacked',
  encrypted: 'The workbook is encrypted; save it without a password',
  not_xlsx: 'This is not an Excel workbook (.xlsx); save the sheet as .xlsx or as CSV',
  unpacks_too_large:
    'The workbook unpacks to more than the platform reads at once; split it into several files',
  too_many_cells: `A sheet holds more cells than ${MAX_DATA_ROWS} rows of the template need; delete unused rows and columns`,
  xlsx: 'The workbook could not be read; open it in Excel or WPS and save it again as .xlsx',
  encoding: 'The text is neither UTF-8 nor GB18030 (GBK); save the file as "CSV UTF-8"',
  binary: 'This is not a spreadsheet: save it as .xlsx or as CSV',
  csv: 'The CSV text is malformed',
};

function unreadable(reason: UnreadableFileReason, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('spreadsheets.unreadable_file', REASONS[reason], { reason, ...details });
}

function tooManyRows(rows: number): DomainError {
  return new DomainError(
    'spreadsheets.too_many_rows',
    `A sheet has ${rows} rows; at most ${MAX_DATA_ROWS} data rows are taken at once`,
    { rows, limit: MAX_DATA_ROWS },
  );
}

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Reads an upload as XLSX or CSV, told apart by its first bytes (not by its name or media type).
 * Throws `spreadsheets.empty_file`, `spreadsheets.unreadable_file` (with `details.reason`) or
 * `spreadsheets.too_many_rows`; never anything else for a bad file.
 */
export async function readSpreadsheet(bytes: Buffer): Promise<ReadSpreadsheet> {
  if (bytes.length === 0) throw new DomainError('spreadsheets.empty_file', 'The file is empty');
  const isZip = bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_LOCAL;
  try {
    if (isZip) return { format: 'xlsx', sheets: await readXlsx(bytes) };
    if (bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_END) throw unreadable('not_xlsx');
    if (bytes.subarray(0, OLE2.length).equals(OLE2)) throw unreadable('xls');
    return { format: 'csv', sheets: [readCsv(bytes)] };
  } catch (error) {
    // Whatever a damaged file makes a parser throw is the file's fault, not the server's.
    if (error instanceof DomainError) throw error;
    throw unreadable(isZip ? 'xlsx' : 'csv');
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The entries of a zip's central directory; zip64 and multi-disk archives are refused. */
function zipEntries(bytes: Buffer): ZipEntry[] {
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= floor; at -= 1) {
    if (bytes.readUInt32LE(at) === ZIP_END) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadable('zip');
  const count = bytes.readUInt16LE(end + 10);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw unreadable('zip');
  if (count > MAX_ZIP_ENTRIES) throw unreadable('not_xlsx');
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== ZIP_CENTRAL) throw unreadable('zip');
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) throw unreadable('zip');
    entries.push({
      name: bytes
        .subarray(at + 46, at + 46 + nameLength)
        .toString('utf8')
        .replace(/^\//, ''),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry's bytes, unpacked within what is left of the budget. */
function unpack(bytes: Buffer, entry: ZipEntry, budget: number): Buffer {
  if ((entry.flags & 0x1) !== 0) throw unreadable('encrypted');
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== ZIP_LOCAL) throw unreadable('zip');
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw unreadable('zip');
  if (entry.method === 0) {
    if (data.length > budget) throw unreadable('unpacks_too_large');
    return data;
  }
  if (entry.method !== 8) throw unreadable('zip', { method: entry.method });
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw unreadable('unpacks_too_large');
    }
    throw unreadable('zip');
  }
}

/** The parts exceljs needs for cell values; everything else (drawings, macros, media…) is left behind. */
function isNeededPart(name: string): boolean {
  return (
    name === '[Content_Types].xml' ||
    name === '_rels/.rels' ||
    name === 'xl/workbook.xml' ||
    name === 'xl/_rels/workbook.xml.rels' ||
    name === 'xl/styles.xml' ||
    name === 'xl/sharedStrings.xml' ||
    /^xl\/worksheets\/sheet\d+\.xml$/.test(name)
  );
}

/** The first element `<prefix:name …>…</prefix:name>` (or self-closed) in XML text, or null. */
function elementOf(xml: string, name: string): string | null {
  const open = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?)${name}\\b[^>]*?(/?)>`).exec(xml);
  if (!open) return null;
  if (open[2] === '/') return open[0];
  const close = `</${open[1] ?? ''}${name}>`;
  const end = xml.indexOf(close, open.index);
  return end < 0 ? null : xml.slice(open.index, end + close.length);
}

/**
 * A worksheet reduced to its cells: the root element with its namespaces around `sheetData`.
 * Counts rows and cells first, so a sheet too large to be a filled template is refused unread.
 */
function sanitizeWorksheet(xml: string): string {
  const root = /<((?:[A-Za-z_][\w.-]*:)?)worksheet\b[^>]*>/.exec(xml);
  if (!root) throw unreadable('xlsx');
  const sheetData = elementOf(xml, 'sheetData') ?? '';
  const rows = sheetData.match(/<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g)?.length ?? 0;
  if (rows > MAX_SHEET_ROWS) throw tooManyRows(rows);
  const cells = sheetData.match(/<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g)?.length ?? 0;
  if (cells > MAX_SHEET_CELLS) throw unreadable('too_many_cells', { cells });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${root[0]}${sheetData}</${root[1] ?? ''}worksheet>`;
}

/** The workbook's sheet list without defined names (print areas, named ranges). */
function sanitizeWorkbook(xml: string): string {
  const names = elementOf(xml, 'definedNames');
  return names ? xml.replace(names, '') : xml;
}

/**
 * A zip of the entries, stored (for handing the reduced parts to exceljs) or deflated (tests use
 * it to build hostile workbooks).
 */
export function zipOf(
  entries: readonly { name: string; data: Buffer }[],
  options: { deflate?: boolean } = {},
): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const packed = options.deflate ? deflateRawSync(data) : data;
    const method = options.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(ZIP_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(ZIP_CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, packed);
    directory.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(ZIP_END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}

async function readXlsx(bytes: Buffer): Promise<SheetGrid[]> {
  const entries = zipEntries(bytes);
  if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) throw unreadable('not_xlsx');
  const needed = entries.filter((e) => isNeededPart(e.name));
  // The declared sizes refuse an honest bomb at once; a lying one is stopped while unpacking.
  if (needed.reduce((sum, e) => sum + e.size, 0) > MAX_UNPACKED_BYTES) throw unreadable('unpacks_too_large');
  let budget = MAX_UNPACKED_BYTES;
  const parts: { name: string; data: Buffer }[] = [];
  for (const entry of needed) {
    const data = unpack(bytes, entry, budget);
    budget -= data.length;
    if (budget < 0) throw unreadable('unpacks_too_large');
    let text: string | null = null;
    if (entry.name === 'xl/workbook.xml') text = sanitizeWorkbook(data.toString('utf8'));
    else if (entry.name.startsWith('xl/worksheets/')) text = sanitizeWorksheet(data.toString('utf8'));
    parts.push({ name: entry.name, data: text === null ? data : Buffer.from(text, 'utf8') });
  }

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads.
    await workbook.xlsx.load(zipOf(parts) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw unreadable('xlsx');
  }
  const sheets: SheetGrid[] = [];
  workbook.eachSheet((worksheet) => {
    if (worksheet.state !== 'visible') return;
    const rows: SheetRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        if (columnNumber > MAX_COLUMNS) return;
        while (cells.length < columnNumber - 1) cells.push(EMPTY_CELL);
        cells[columnNumber - 1] = cellValue(cell.value);
      });
      rows.push({ row: rowNumber, cells });
    });
    sheets.push({ name: worksheet.name, rows });
  });
  return sheets;
}

/** An exceljs cell value as the rules see it. */
export function cellValue(value: unknown, depth = 0): CellValue {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return value === '' ? EMPTY_CELL : { type: 'text', text: value };
  if (typeof value === 'number')
    return Number.isFinite(value) ? { type: 'number', value } : { type: 'error', error: '#NUM!' };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { type: 'error', error: '#VALUE!' }
      : { type: 'date', date: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'object' && depth < 3) {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record['richText'])) {
      const text = (record['richText'] as unknown[])
        .map((run) => {
          const text = run && typeof run === 'object' ? (run as { text?: unknown }).text : undefined;
          return typeof text === 'string' ? text : '';
        })
        .join('');
      return text === '' ? EMPTY_CELL : { type: 'text', text };
    }
    if ('formula' in record || 'sharedFormula' in record) {
      return record['result'] === undefined
        ? { type: 'formula_without_result' }
        : cellValue(record['result'], depth + 1);
    }
    if ('error' in record) return { type: 'error', error: String(record['error']) };
    if ('text' in record) return cellValue(record['text'], depth + 1);
  }
  return { type: 'error', error: '#VALUE!' };
}

// ---------------------------------------------------------------------------------------------
// CSV

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const strictGb18030 = new TextDecoder('gb18030', { fatal: true });

/**
 * CSV bytes as text: UTF-8 (with or without a byte-order mark), UTF-16 with its mark (Excel's
 * "Unicode text"), or GB18030, which Excel and WPS on Chinese Windows write for plain "CSV".
 */
export function decodeCsv(bytes: Buffer): string {
  let text: string;
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      text = strictUtf8.decode(bytes.subarray(3));
    else if (bytes[0] === 0xff && bytes[1] === 0xfe)
      text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff)
      text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else {
      try {
        text = strictUtf8.decode(bytes);
      } catch {
        text = strictGb18030.decode(bytes);
      }
    }
  } catch {
    throw unreadable('encoding');
  }
  if (text.includes('\u0000')) throw unreadable('binary');
  return text;
}

/** The delimiter of the first line with content: comma, semicolon or tab, outside quotes. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (counts[','] + counts[';'] + counts['\t'] > 0) break;
    } else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

function readCsv(bytes: Buffer): SheetGrid {
  const text = decodeCsv(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_CSV_RECORD,
      to: MAX_SHEET_ROWS + 1,
    });
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw unreadable('csv', {
      ...(typeof line === 'number' ? { line } : {}),
      csvCode:
        typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'unknown',
    });
  }
  if (records.length > MAX_SHEET_ROWS) throw tooManyRows(records.length);
  // Each record is one row in a spreadsheet program, even when a cell holds line breaks.
  const rows = records.map((record, index): SheetRow => ({
    row: index + 1,
    cells: record
      .slice(0, MAX_COLUMNS)
      .map((field): CellValue => (field === '' ? EMPTY_CELL : { type: 'text', text: field })),
  }));
  return { name: null, rows };
}

// ---------------------------------------------------------------------------------------------
// Templates

const FORMATS: Readonly<Record<'text' | 'date' | 'amount' | 'general', string | undefined>> = {
  text: '@',
  date: 'yyyy-mm-dd',
  amount: '#,##0.00',
  general: undefined,
};

const GREY = 'FF808080';

function excelValue(value: TemplateValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'object') return new Date(`${value.date}T00:00:00Z`);
  return value;
}

/**
 * How many lines text takes in a column of `width` characters, counting CJK characters as two
 * (spreadsheet files store no heights for wrapped rows, and LibreOffice does not compute them).
 */
function linesIn(text: string, width: number): number {
  return text.split('\n').reduce((lines, part) => {
    let units = 0;
    for (const ch of part) units += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1;
    return lines + Math.max(1, Math.ceil(units / Math.max(1, width - 2)));
  }, 0);
}

const LINE_HEIGHT = 16;

/** Validations are kept by exceljs per range; its typings omit the method that adds one. */
interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/** The template as an XLSX workbook: the data sheet, the instructions, and the drop-down lists. */
export async function writeXlsxTemplate(layout: TemplateLayout): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Consortia';
  // Printed, each sheet fits the width of a landscape page.
  const pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } as const;
  const data = workbook.addWorksheet(layout.dataSheet, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup,
  });
  const instructions = workbook.addWorksheet(layout.instructionsSheet, { pageSetup });
  const lists = workbook.addWorksheet(layout.listsSheet, { state: 'veryHidden' });

  data.columns = layout.columns.map((column) => {
    const numFmt = FORMATS[column.format];
    return { key: column.key, width: column.width, ...(numFmt ? { style: { numFmt } } : {}) };
  });
  const header = data.getRow(1);
  const keys = data.getRow(2);
  const example = data.getRow(3);
  layout.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.note = column.help;
    cell.font = { bold: true, color: { argb: column.required ? 'FFC0392B' : 'FF1F2937' } };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: column.required ? 'FFFDEDEC' : 'FFF3F4F6' },
    };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.numFmt = '@';
    const key = keys.getCell(index + 1);
    key.value = column.key;
    key.font = { italic: true, size: 9, color: { argb: GREY } };
    key.numFmt = '@';
    const sample = example.getCell(index + 1);
    sample.value = excelValue(layout.example[index] ?? null);
    sample.font = { italic: true, color: { argb: GREY } };
  });
  header.height = 30;

  const first = 3;
  const last = first + MAX_DATA_ROWS - 1;
  const validations = (data as unknown as { dataValidations: RangeValidations }).dataValidations;
  layout.lists.forEach((list, index) => {
    list.values.forEach((value, row) => {
      lists.getCell(row + 1, index + 1).value = value;
    });
  });
  layout.columns.forEach((column, index) => {
    const letter = columnLetter(index);
    const range = `${letter}${first}:${letter}${last}`;
    const prompt = {
      showInputMessage: true,
      promptTitle: column.header.slice(0, 32),
      prompt: column.help.slice(0, 250),
    };
    if (column.list !== null) {
      const list = layout.lists[column.list];
      const listLetter = columnLetter(column.list);
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`'${layout.listsSheet}'!$${listLetter}$1:$${listLetter}$${list?.values.length ?? 1}`],
        // Several values (合作方式：联合研发、委托研发) are not in the list: offered, not enforced.
        showErrorMessage: !column.multiple,
        errorStyle: 'stop',
        errorTitle: column.header.slice(0, 32),
        error: column.help.slice(0, 250),
        ...prompt,
      });
    } else {
      validations.add(range, {
        type: 'any' as ExcelJS.DataValidation['type'],
        allowBlank: true,
        formulae: [],
        ...prompt,
      });
    }
  });

  const widths = [8, 24, 20, 8, 70, 60];
  instructions.columns = widths.map((width) => ({ width }));
  const fullWidth = widths.reduce((sum, width) => sum + width, 0);
  const title = instructions.addRow([layout.instructions.title]);
  title.font = { bold: true, size: 14 };
  title.height = 24;
  instructions.mergeCells(title.number, 1, title.number, 6);
  for (const paragraph of layout.instructions.paragraphs) {
    const row = instructions.addRow([paragraph]);
    instructions.mergeCells(row.number, 1, row.number, 6);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = linesIn(paragraph, fullWidth) * LINE_HEIGHT + 4;
  }
  instructions.addRow([]);
  const tableHeader = instructions.addRow(layout.instructions.tableHeader);
  tableHeader.font = { bold: true };
  tableHeader.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F4F6' } };
  });
  for (const cells of layout.instructions.rows) {
    const row = instructions.addRow(cells);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = Math.max(...cells.map((text, i) => linesIn(text, widths[i] ?? 10))) * LINE_HEIGHT + 4;
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The template as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese right), CRLF. */
export function writeCsvTemplate(layout: TemplateLayout): Buffer {
  return Buffer.from(`\ufeff${toCsv(templateRows(layout))}`, 'utf8');
}
