import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_STATUS } from '../../platform/errors.js';
import { findTable, parseRows, templateLayout, type CellValue, type SheetGrid } from './rules.js';
import { MAX_DATA_ROWS, NEED_COLUMN_KEYS } from './schemas.js';
import {
  decodeCsv,
  detectDelimiter,
  MAX_UNPACKED_BYTES,
  readSpreadsheet,
  writeCsvTemplate,
  writeXlsxTemplate,
  zipOf,
} from './workbook.js';

const CLUSTERS = [{ slug: 'integrated-circuits', nameZh: '集成电路', nameEn: 'Integrated circuits' }];
const TODAY = '2026-03-01';

/** What reading refused: the error code and its reason, or 'ok'. */
async function refusal(bytes: Buffer): Promise<string> {
  try {
    await readSpreadsheet(bytes);
    return 'ok';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const reason = error.details['reason'];
    return typeof reason === 'string' ? `${error.code}:${reason}` : error.code;
  }
}

function texts(grid: SheetGrid | undefined): string[][] {
  return (grid?.rows ?? []).map((row) =>
    row.cells.map((cell) =>
      cell.type === 'text' ? cell.text : cell.type === 'empty' ? '' : JSON.stringify(cell),
    ),
  );
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A hand-made workbook, for files no spreadsheet program would write. */
function handMadeXlsx(
  sheets: { name: string; xml: string; state?: string }[],
  options: { workbookExtra?: string; deflate?: boolean; extraParts?: { name: string; data: Buffer }[] } = {},
): Buffer {
  const parts = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets>${options.workbookExtra ?? ''}</workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
      ),
    },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(s.xml) })),
    ...(options.extraParts ?? []),
  ];
  return zipOf(parts, { deflate: options.deflate ?? true });
}

/** Sheet XML whose rows hold inline strings. */
function sheetXml(rows: readonly (readonly string[])[], extra = ''): string {
  const cells = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells.map((text, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}" xmlns:r="${REL}"><sheetData>${cells}</sheetData>${extra}</worksheet>`;
}

const KEYS = [...NEED_COLUMN_KEYS];
const GOOD_ROW = ['需求', '描述', 'LDO', '', '', '联合研发', '', '', '', '公开', ''];

describe('templates as files', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`writes the ${locale} XLSX template with its sheets, drop-downs and example, and reads it back`, async () => {
      const layout = templateLayout('needs', locale, CLUSTERS, TODAY);
      const bytes = await writeXlsxTemplate(layout);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => [w.name, w.state])).toEqual([
        [layout.dataSheet, 'visible'],
        [layout.instructionsSheet, 'visible'],
        ['lists', 'veryHidden'],
      ]);
      const data = workbook.getWorksheet(layout.dataSheet);
      expect(data?.getCell('A1').value).toBe(locale === 'en' ? 'Title *' : '标题 *');
      expect(data?.getCell('A2').value).toBe('title');
      expect(data?.getCell('I3').value).toEqual(new Date('2026-08-28T00:00:00Z'));
      const visibility = data?.getCell('J500').dataValidation;
      expect(visibility).toMatchObject({
        type: 'list',
        showErrorMessage: true,
        formulae: ["'lists'!$C$1:$C$3"],
      });
      expect(data?.getCell('F3').dataValidation).toMatchObject({
        type: 'list',
        formulae: ["'lists'!$B$1:$B$6"],
      });
      expect(data?.getCell('F3').dataValidation.showErrorMessage).toBeFalsy();
      expect(data?.getCell(`J${MAX_DATA_ROWS + 3}`).dataValidation).toBeUndefined();
      const lists = workbook.getWorksheet('lists');
      expect(lists?.getColumn(3).values.filter(Boolean)).toEqual(
        locale === 'en' ? ['Public', 'Registered', 'NDA parties'] : ['公开', '注册可见', '保密协议方可见'],
      );
      const instructions = workbook.getWorksheet(layout.instructionsSheet);
      expect(instructions?.getCell('A1').value).toBe(layout.instructions.title);

      const read = await readSpreadsheet(bytes);
      expect(read.format).toBe('xlsx');
      expect(read.sheets.map((s) => s.name)).toEqual([layout.dataSheet, layout.instructionsSheet]);
      const table = findTable('needs', read.sheets);
      expect(table).toMatchObject({ sheet: layout.dataSheet, headerRow: 1, keyRow: 2 });
      if ('code' in table) return;
      expect(
        parseRows('needs', table, { clusters: CLUSTERS, today: TODAY, existingTitles: new Map() }),
      ).toMatchObject({
        rows: [],
        skippedExampleRows: [3],
        issues: [],
      });
    });
  }

  it('writes the CSV template as UTF-8 with a byte-order mark, and reads it back', async () => {
    const layout = templateLayout('achievements', 'zh-CN', CLUSTERS, TODAY);
    const bytes = writeCsvTemplate(layout);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const read = await readSpreadsheet(bytes);
    expect(read.format).toBe('csv');
    expect(texts(read.sheets[0]).slice(0, 2)).toEqual([
      layout.columns.map((c) => c.header),
      layout.columns.map((c) => c.key),
    ]);
  });
});

describe('reading XLSX cells', () => {
  it('reads text, numbers, dates, rich text, hyperlinks, formulas and errors as the rules expect', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow([
      '文本',
      42,
      new Date(Date.UTC(2026, 5, 30)),
      { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] },
      { text: '链接', hyperlink: 'https://example.com' },
      { formula: 'B1*2', result: 84 },
      { formula: 'A1&"x"', result: undefined },
      { error: '#N/A' },
      true,
      '',
    ] as ExcelJS.CellValue[]);
    sheet.getCell('C1').numFmt = 'yyyy-mm-dd';
    sheet.getCell('E3').value = '第三行';
    workbook.addWorksheet('隐藏', { state: 'hidden' }).addRow(['secret']);
    const read = await readSpreadsheet(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read.sheets.map((s) => s.name)).toEqual(['数据']);
    const rows = read.sheets[0]?.rows ?? [];
    expect(rows.map((r) => r.row)).toEqual([1, 3]);
    expect(rows[0]?.cells).toEqual<CellValue[]>([
      { type: 'text', text: '文本' },
      { type: 'number', value: 42 },
      { type: 'date', date: '2026-06-30' },
      { type: 'text', text: '富文本' },
      { type: 'text', text: '链接' },
      { type: 'number', value: 84 },
      { type: 'formula_without_result' },
      { type: 'error', error: '#N/A' },
      { type: 'boolean', value: true },
      { type: 'empty' },
    ]);
    expect(rows[1]?.cells).toEqual([
      { type: 'empty' },
      { type: 'empty' },
      { type: 'empty' },
      { type: 'empty' },
      { type: 'text', text: '第三行' },
    ]);
  });

  it('reads a hand-made workbook with inline strings, skipping hidden sheets', async () => {
    const bytes = handMadeXlsx([
      { name: 'Hidden', xml: sheetXml([['x']]), state: 'hidden' },
      { name: 'Needs', xml: sheetXml([KEYS, GOOD_ROW]) },
    ]);
    const read = await readSpreadsheet(bytes);
    expect(read.sheets.map((s) => s.name)).toEqual(['Needs']);
    expect(texts(read.sheets[0])[1]).toEqual(GOOD_ROW.slice(0, 10));
  });

  it('ignores whole-sheet validations, merges and named ranges that would make the library expand every cell', async () => {
    const huge = 'A1:XFD1048576';
    const bytes = handMadeXlsx(
      [
        {
          name: 'Needs',
          xml: sheetXml(
            [KEYS, GOOD_ROW],
            `<mergeCells count="1"><mergeCell ref="${huge}"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="${huge}"><formula1>"a,b"</formula1></dataValidation></dataValidations>`,
          ),
        },
      ],
      {
        workbookExtra: `<definedNames><definedName name="everything">Needs!$A$1:$XFD$1048576</definedName></definedNames>`,
      },
    );
    const started = Date.now();
    const read = await readSpreadsheet(bytes);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(texts(read.sheets[0])).toHaveLength(2);
  });
});

describe('refusing files that are not what they claim', () => {
  it('refuses an empty body, old .xls files, other zips, damaged zips and binary files with stable reasons', async () => {
    const template = await writeXlsxTemplate(templateLayout('needs', 'zh-CN', CLUSTERS, TODAY));
    const docx = zipOf([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    expect(await refusal(Buffer.alloc(0))).toBe('spreadsheets.empty_file');
    expect(await refusal(Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'))).toBe(
      'spreadsheets.unreadable_file:xls',
    );
    expect(await refusal(docx)).toBe('spreadsheets.unreadable_file:not_xlsx');
    expect(await refusal(template.subarray(0, template.length - 200))).toBe(
      'spreadsheets.unreadable_file:zip',
    );
    expect(await refusal(template.subarray(0, 1000))).toBe('spreadsheets.unreadable_file:zip');
    expect(await refusal(Buffer.from('504b0506' + '00'.repeat(18), 'hex'))).toBe(
      'spreadsheets.unreadable_file:not_xlsx',
    );
    expect(await refusal(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBe(
      'spreadsheets.unreadable_file:binary',
    );
  });

  it('refuses a zip bomb without unpacking it', async () => {
    const padding = ' '.repeat(MAX_UNPACKED_BYTES + 1024);
    const bomb = handMadeXlsx([{ name: 'Needs', xml: sheetXml([KEYS, GOOD_ROW], padding) }]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await refusal(bomb)).toBe('spreadsheets.unreadable_file:unpacks_too_large');
    // The same bomb declaring small sizes is stopped while unpacking.
    const lying = Buffer.from(bomb);
    for (let at = lying.indexOf('PK\u0001\u0002'); at >= 0; at = lying.indexOf('PK\u0001\u0002', at + 4)) {
      lying.writeUInt32LE(100, at + 24);
    }
    expect(await refusal(lying)).toBe('spreadsheets.unreadable_file:unpacks_too_large');
  });

  it('refuses a sheet with far more rows than a template takes before reading its cells', async () => {
    const rows = `<row r="1"><c r="A1"><v>1</v></c></row>`.repeat(MAX_DATA_ROWS * 3);
    const bytes = handMadeXlsx([
      { name: 'Big', xml: `<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>` },
    ]);
    expect(await refusal(bytes)).toBe('spreadsheets.too_many_rows');
  });

  it('refuses encrypted zip entries, unknown compression and broken XML as unreadable', async () => {
    const good = handMadeXlsx([{ name: 'Needs', xml: sheetXml([KEYS]) }], { deflate: false });
    const encrypted = Buffer.from(good);
    const central = encrypted.lastIndexOf(Buffer.from('504b0102', 'hex'));
    encrypted.writeUInt16LE(1, central + 8);
    expect(await refusal(encrypted)).toBe('spreadsheets.unreadable_file:encrypted');
    const method = Buffer.from(good);
    method.writeUInt16LE(12, central + 10);
    expect(await refusal(method)).toBe('spreadsheets.unreadable_file:zip');
    const broken = handMadeXlsx([
      { name: 'Needs', xml: `<worksheet xmlns="${NS}"><sheetData><row><c><v>1</sheetData></worksheet>` },
    ]);
    expect(await refusal(broken)).toBe('spreadsheets.unreadable_file:xlsx');
    const entity = handMadeXlsx([{ name: 'Needs', xml: sheetXml([KEYS]) }], {
      extraParts: [
        {
          name: 'xl/sharedStrings.xml',
          data: Buffer.from(
            `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><sst xmlns="${NS}"><si><t>&lol2;</t></si></sst>`,
          ),
        },
      ],
    });
    expect(await refusal(entity)).toMatch(/^(ok|spreadsheets\.unreadable_file:xlsx)$/);
  });

  it('never fails with anything but a known error on random or damaged bytes', async () => {
    const template = await writeXlsxTemplate(templateLayout('achievements', 'en', CLUSTERS, TODAY));
    const codes = new Set(Object.keys(ERROR_STATUS));
    const damaged = fc
      .tuple(
        fc.nat({ max: template.length - 1 }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.boolean(),
      )
      .map(([at, noise, truncate]) => {
        const copy = Buffer.from(template);
        Buffer.from(noise).copy(copy, at);
        return truncate ? copy.subarray(0, at + noise.length) : copy;
      });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
          damaged,
        ),
        async (bytes) => {
          try {
            const read = await readSpreadsheet(bytes);
            findTable('achievements', read.sheets);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect(codes.has((error as DomainError).code)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('reading CSV', () => {
  it('reads UTF-8 with or without a byte-order mark, GB18030 from Chinese Excel, and UTF-16 text', () => {
    expect(decodeCsv(Buffer.from('\ufeff标题,描述\r\n'))).toBe('标题,描述\r\n');
    expect(decodeCsv(Buffer.from('标题,描述\n'))).toBe('标题,描述\n');
    expect(decodeCsv(Buffer.from('d6d0cec42cb2e2cad4', 'hex'))).toBe('中文,测试');
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('标题\t描述', 'utf16le')]))).toBe(
      '标题\t描述',
    );
    expect(() => decodeCsv(Buffer.from([0x81, 0x20, 0xff, 0xff]))).toThrow(DomainError);
  });

  it('finds the delimiter of the first line: comma, semicolon or tab, not inside quotes', () => {
    expect(detectDelimiter('a,b,c\n')).toBe(',');
    expect(detectDelimiter('a;b;c\nx,y')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(detectDelimiter('\n\ntitle;description')).toBe(';');
  });

  it('numbers rows by record, as a spreadsheet program shows them, even with line breaks in a cell', async () => {
    const csv = `title,description\r\n"多行","第一行\n第二行"\r\n\r\n"含""引号""",12" wafer\r\n`;
    const read = await readSpreadsheet(Buffer.from(csv));
    expect(read.sheets[0]?.rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(texts(read.sheets[0])).toEqual([
      ['title', 'description'],
      ['多行', '第一行\n第二行'],
      [''],
      ['含"引号"', '12" wafer'],
    ]);
  });

  it('reads semicolon-separated files and GB18030 files end to end', async () => {
    const semicolons = await readSpreadsheet(Buffer.from('title;description;visibility\n"a;b";c;公开\n'));
    expect(texts(semicolons.sheets[0])[1]).toEqual(['a;b', 'c', '公开']);
    const gbk = await readSpreadsheet(
      Buffer.concat([Buffer.from('title,description\n'), Buffer.from('d6d0cec42cb2e2cad4', 'hex')]),
    );
    expect(texts(gbk.sheets[0])[1]).toEqual(['中文', '测试']);
  });

  it('refuses an unterminated quote with the line it starts on', async () => {
    await expect(readSpreadsheet(Buffer.from('title,description\n"open,x\n'))).rejects.toMatchObject({
      code: 'spreadsheets.unreadable_file',
      details: { reason: 'csv' },
    });
  });
});
