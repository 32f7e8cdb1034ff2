import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACHIEVEMENT_KINDS,
  COOPERATION_MODES,
  TRANSFER_MODES,
  VISIBILITY_TIERS,
} from '../directory/schemas.js';
import {
  ACHIEVEMENT_KIND_VALUES,
  columnIndex,
  columnLetter,
  columnsOf,
  COOPERATION_MODE_VALUES,
  findTable,
  parseDay,
  parseRows,
  parseYuanToFen,
  sortIssues,
  splitValues,
  templateLayout,
  templateRows,
  toCsv,
  TRANSFER_MODE_VALUES,
  VISIBILITY_VALUES,
  type CellValue,
  type RowContext,
  type SheetGrid,
  type Table,
} from './rules.js';
import { ACHIEVEMENT_COLUMN_KEYS, MAX_DATA_ROWS, NEED_COLUMN_KEYS, type SpreadsheetKind } from './schemas.js';

type Cell = string | number | boolean | null | CellValue;

function cell(value: Cell): CellValue {
  if (value === null || value === '') return { type: 'empty' };
  if (typeof value === 'string') return { type: 'text', text: value };
  if (typeof value === 'number') return { type: 'number', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  return value;
}

/** A sheet whose rows are numbered from 1, as a spreadsheet program shows them. */
function sheet(rows: readonly (readonly Cell[])[], name: string | null = 'Sheet1'): SheetGrid {
  return { name, rows: rows.map((cells, index) => ({ row: index + 1, cells: cells.map(cell) })) };
}

const TODAY = '2026-03-01';
const CONTEXT: RowContext = {
  clusters: [
    { slug: 'integrated-circuits', nameZh: '集成电路', nameEn: 'Integrated circuits' },
    { slug: 'biomedicine', nameZh: '生物医药', nameEn: 'Biomedicine' },
  ],
  today: TODAY,
  existingTitles: new Map(),
};

const NEED_KEYS = [...NEED_COLUMN_KEYS];
const ACHIEVEMENT_KEYS = [...ACHIEVEMENT_COLUMN_KEYS];

/** A need row in template column order. */
function needRow(overrides: Partial<Record<(typeof NEED_COLUMN_KEYS)[number], Cell>> = {}): Cell[] {
  const values: Record<string, Cell> = {
    title: '车规级 LDO 联合开发',
    description: '需要一款符合 AEC-Q100 的低静态电流 LDO。',
    keywords: 'LDO、电源管理',
    publicKeywords: '电源管理',
    cluster: '集成电路',
    cooperationModes: '联合研发，委托研发',
    budgetMin: 500000,
    budgetMax: '150万',
    deadline: '2026-06-30',
    visibility: '公开',
    ndaTerms: '',
    ...overrides,
  };
  return NEED_KEYS.map((key) => values[key] ?? null);
}

function achievementRow(
  overrides: Partial<Record<(typeof ACHIEVEMENT_COLUMN_KEYS)[number], Cell>> = {},
): Cell[] {
  const values: Record<string, Cell> = {
    title: '一种低温银烧结工艺',
    description: '200 °C 下完成芯片贴装。',
    keywords: '银烧结; 封装',
    publicKeywords: '',
    cluster: 'integrated-circuits',
    kind: '专利',
    registrationNumber: 'CN202310123456.6',
    trl: 5,
    transferModes: 'Licence, transfer',
    visibility: 'registered',
    ndaTerms: '',
    ...overrides,
  };
  return ACHIEVEMENT_KEYS.map((key) => values[key] ?? null);
}

function table(kind: SpreadsheetKind, rows: readonly (readonly Cell[])[]): Table {
  const found = findTable(kind, [sheet(rows)]);
  if ('code' in found) throw new Error(`no table: ${found.code} ${found.message}`);
  return found;
}

describe('column letters', () => {
  it('names columns as spreadsheet programs do, and back', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
    for (const index of [0, 5, 25, 26, 300, 702]) expect(columnIndex(columnLetter(index))).toBe(index);
  });
});

describe('multi-valued cells', () => {
  it('splits on commas, 、, semicolons and line breaks, half- or full-width', () => {
    expect(splitValues('碳化硅、功率模块，热管理;SiC；MOSFET\nGaN ,  ,')).toEqual([
      '碳化硅',
      '功率模块',
      '热管理',
      'SiC',
      'MOSFET',
      'GaN',
    ]);
    expect(splitValues('  ')).toEqual([]);
  });
});

describe('amounts', () => {
  it('reads yuan as integer fen from numbers and from text with separators, ¥ and 万', () => {
    expect(parseYuanToFen({ type: 'number', value: 500000 }, '')).toBe(50_000_000);
    expect(parseYuanToFen({ type: 'number', value: 1234.56 }, '')).toBe(123_456);
    expect(parseYuanToFen(undefined, '1,500,000.50')).toBe(150_000_050);
    expect(parseYuanToFen(undefined, '￥80000')).toBe(8_000_000);
    expect(parseYuanToFen(undefined, '50万')).toBe(50_000_000);
    expect(parseYuanToFen(undefined, '50.5万元')).toBe(50_500_000);
    expect(parseYuanToFen(undefined, '3000元')).toBe(300_000);
  });

  it('refuses negative amounts, fractions of a fen, words and amounts beyond the platform limit', () => {
    expect(parseYuanToFen({ type: 'number', value: -1 }, '')).toBeNull();
    expect(parseYuanToFen({ type: 'number', value: 0.001 }, '')).toBeNull();
    expect(parseYuanToFen(undefined, '12.345')).toBeNull();
    expect(parseYuanToFen(undefined, '面议')).toBeNull();
    expect(parseYuanToFen(undefined, '-5')).toBeNull();
    expect(parseYuanToFen(undefined, '99999999999999999')).toBeNull();
  });
});

describe('days', () => {
  it('reads ISO, slashed, dotted and Chinese dates, and refuses days that do not exist', () => {
    expect(parseDay('2026-06-30')).toBe('2026-06-30');
    expect(parseDay('2026/6/3')).toBe('2026-06-03');
    expect(parseDay('2026.12.31')).toBe('2026-12-31');
    expect(parseDay('2026年6月30日')).toBe('2026-06-30');
    expect(parseDay('２０２６－０６－３０')).toBe('2026-06-30');
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('30/06/2026')).toBeNull();
    expect(parseDay('next week')).toBeNull();
  });
});

describe('enumerations in words', () => {
  it("uses the web app's words for every value", () => {
    const web = (locale: string) =>
      JSON.parse(
        fs.readFileSync(
          new URL(`../../../web/src/features/directory/locales/${locale}.json`, import.meta.url),
          'utf8',
        ),
      ) as { listing: Record<string, Record<string, string>> };
    for (const [locale, words] of [
      ['zh-CN', web('zh-CN')],
      ['en', web('en')],
    ] as const) {
      for (const [list, group] of [
        [COOPERATION_MODE_VALUES, 'cooperationMode'],
        [TRANSFER_MODE_VALUES, 'transferMode'],
        [ACHIEVEMENT_KIND_VALUES, 'achievementKind'],
        [VISIBILITY_VALUES, 'tier'],
      ] as const) {
        for (const value of list)
          expect(value.label[locale], `${group}.${value.key}`).toBe(words.listing[group]?.[value.key]);
      }
    }
  });

  it('covers every value of the directory enumerations', () => {
    expect(COOPERATION_MODE_VALUES.map((v) => v.key)).toEqual([...COOPERATION_MODES]);
    expect(TRANSFER_MODE_VALUES.map((v) => v.key)).toEqual([...TRANSFER_MODES]);
    expect(ACHIEVEMENT_KIND_VALUES.map((v) => v.key)).toEqual([...ACHIEVEMENT_KINDS]);
    expect(VISIBILITY_VALUES.map((v) => v.key)).toEqual([...VISIBILITY_TIERS]);
  });

  it('accepts a value by machine key, Chinese or English label, or a common alias, in any width or case', () => {
    const modes = (text: string) => {
      const parsed = parseRows(
        'needs',
        table('needs', [NEED_KEYS, needRow({ cooperationModes: text })]),
        CONTEXT,
      );
      expect(parsed.issues).toEqual([]);
      const input = parsed.rows[0]?.input;
      return input?.kind === 'needs' ? input.body.cooperationModes : null;
    };
    expect(modes('joint_rd')).toEqual(['joint_rd']);
    expect(modes('JOINT R&D')).toEqual(['joint_rd']);
    expect(modes('联合研发、技术咨询')).toEqual(['joint_rd', 'consulting']);
    expect(modes('License；人才培养；licence')).toEqual(['licence', 'talent']);
    expect(modes('Talent / training, 委托开发')).toEqual(['commissioned_rd', 'talent']);
  });
});

describe('finding the table', () => {
  it('finds the header by machine keys, Chinese or English headers, with or without the key row', () => {
    const zh = templateLayout('needs', 'zh-CN', CONTEXT.clusters, TODAY).columns.map((c) => c.header);
    const en = templateLayout('needs', 'en', CONTEXT.clusters, TODAY).columns.map((c) => c.header);
    for (const header of [NEED_KEYS, zh, en]) {
      const withKeys = table('needs', [header, NEED_KEYS, needRow()]);
      expect(withKeys).toMatchObject({ headerRow: 1, dataRows: [{ row: 3 }] });
      expect(withKeys.keyRow).toBe(2);
      expect(table('needs', [header, needRow()]).dataRows.map((r) => r.row)).toEqual([2]);
    }
  });

  it('finds a header below title lines, in any column order, ignoring columns it does not know', () => {
    const header = ['备注', ...[...NEED_KEYS].reverse()];
    const found = table('needs', [
      ['某某公司 2026 年技术需求汇总'],
      [],
      header,
      ['仅内部参考', ...needRow().reverse()],
    ]);
    expect(found.headerRow).toBe(3);
    expect(found.columns.get('title')).toBe(NEED_KEYS.length);
    expect(found.ignoredColumns).toEqual([{ column: 'A', header: '备注' }]);
    expect(parseRows('needs', found, CONTEXT).issues).toEqual([]);
  });

  it('refuses an empty file, a file without a header, and a header without data rows', () => {
    expect(findTable('needs', [sheet([])])).toMatchObject({ code: 'spreadsheets.empty_file' });
    expect(findTable('needs', [sheet([[''], [null, '  ']])])).toMatchObject({
      code: 'spreadsheets.empty_file',
    });
    expect(
      findTable('needs', [
        sheet([
          ['a', 'b'],
          ['c', 'd'],
        ]),
      ]),
    ).toMatchObject({
      code: 'spreadsheets.header_not_found',
    });
    expect(findTable('needs', [sheet([NEED_KEYS, NEED_KEYS, [], []])])).toMatchObject({
      code: 'spreadsheets.no_rows',
      details: { headerRow: 1 },
    });
  });

  it('names the other template when achievements are sent as needs', () => {
    expect(findTable('needs', [sheet([ACHIEVEMENT_KEYS, achievementRow()])])).toMatchObject({
      code: 'spreadsheets.wrong_template',
      details: { expected: 'needs', found: 'achievements' },
    });
    expect(findTable('achievements', [sheet([NEED_KEYS, needRow()])])).toMatchObject({
      code: 'spreadsheets.wrong_template',
    });
  });

  it('lists every missing required column and every column named twice', () => {
    const header = NEED_KEYS.filter((key) => key !== 'visibility' && key !== 'cooperationModes');
    const refused = findTable('needs', [sheet([[...header, 'Title'], ['x']])]);
    expect(refused).toMatchObject({ code: 'spreadsheets.invalid_header' });
    const issues = 'code' in refused ? (refused.details.issues ?? []) : [];
    expect(issues.map((i) => [i.row, i.column, i.field, i.code])).toEqual([
      [1, 'J', 'title', 'duplicate_column'],
      [1, null, 'cooperationModes', 'missing_column'],
      [1, null, 'visibility', 'missing_column'],
    ]);
  });

  it(`takes at most ${MAX_DATA_ROWS} data rows, not counting empty ones`, () => {
    const rows = Array.from({ length: MAX_DATA_ROWS }, () => needRow());
    expect('code' in findTable('needs', [sheet([NEED_KEYS, ...rows, [], []])])).toBe(false);
    expect(findTable('needs', [sheet([NEED_KEYS, ...rows, needRow()])])).toMatchObject({
      code: 'spreadsheets.too_many_rows',
      details: { rows: MAX_DATA_ROWS + 1, limit: MAX_DATA_ROWS },
    });
  });

  it('reads the sheet that holds the table when a workbook has several', () => {
    const notes = sheet([['说明'], ['请在第二个工作表中填写']], 'Notes');
    const data = sheet([NEED_KEYS, needRow()], '需求');
    const found = findTable('needs', [notes, data]);
    expect('code' in found ? found.code : found.sheet).toBe('需求');
  });
});

describe('reading rows', () => {
  it('turns a good need row into the directory create input', () => {
    const parsed = parseRows('needs', table('needs', [NEED_KEYS, needRow()]), CONTEXT);
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        row: 2,
        input: {
          kind: 'needs',
          body: {
            title: '车规级 LDO 联合开发',
            description: '需要一款符合 AEC-Q100 的低静态电流 LDO。',
            keywords: ['LDO', '电源管理'],
            publicKeywords: ['电源管理'],
            cluster: 'integrated-circuits',
            cooperationModes: ['commissioned_rd', 'joint_rd'],
            budgetMinFen: 50_000_000,
            budgetMaxFen: 150_000_000,
            deadline: '2026-06-30',
            visibility: 'public',
          },
        },
      },
    ]);
  });

  it('turns a good achievement row into the directory create input, with the canonical registration number', () => {
    const parsed = parseRows(
      'achievements',
      table('achievements', [
        ACHIEVEMENT_KEYS,
        achievementRow({ registrationNumber: 'zl 2023 1012 3456.6', trl: 'TRL 5' }),
      ]),
      CONTEXT,
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows[0]?.input).toEqual({
      kind: 'achievements',
      body: {
        title: '一种低温银烧结工艺',
        description: '200 °C 下完成芯片贴装。',
        keywords: ['银烧结', '封装'],
        publicKeywords: [],
        cluster: 'integrated-circuits',
        kind: 'patent',
        registrationNumber: 'CN202310123456.6',
        trl: 5,
        transferModes: ['transfer', 'licence'],
        visibility: 'registered',
      },
    });
  });

  it('reports every bad cell of every row, by the row and column the user sees', () => {
    const rows = [
      NEED_KEYS,
      NEED_KEYS,
      needRow({ title: '', cooperationModes: '开会' }),
      [],
      needRow({ title: '好需求' }),
      needRow({ title: '预算反了', budgetMin: 2_000_000, budgetMax: 100, deadline: '2026-02-28' }),
      needRow({ title: 'x'.repeat(201), visibility: 'secret', cluster: '航天', deadline: '2026-02-30' }),
      needRow({ title: '关键词太多', keywords: Array.from({ length: 21 }, (_, i) => `k${i}`).join(',') }),
    ];
    const parsed = parseRows('needs', table('needs', rows), CONTEXT);
    expect(parsed.rows.map((r) => r.row)).toEqual([5]);
    expect(sortIssues(parsed.issues).map((i) => [i.row, i.column, i.field, i.code])).toEqual([
      [3, 'A', 'title', 'required'],
      [3, 'F', 'cooperationModes', 'unknown_value'],
      [6, 'H', 'budgetMax', 'budget_range_inverted'],
      [6, 'I', 'deadline', 'deadline_in_past'],
      [7, 'A', 'title', 'too_long'],
      [7, 'E', 'cluster', 'unknown_cluster'],
      [7, 'I', 'deadline', 'invalid_date'],
      [7, 'J', 'visibility', 'unknown_value'],
      [8, 'C', 'keywords', 'too_many_values'],
    ]);
    const byCode = new Map([...parsed.issues].reverse().map((i) => [i.code, i]));
    expect(byCode.get('too_long')?.params).toEqual({ max: 200 });
    expect(byCode.get('unknown_cluster')?.params).toEqual({ value: '航天' });
    expect(byCode.get('deadline_in_past')?.params).toEqual({ value: '2026-02-28', today: TODAY });
    expect(byCode.get('unknown_value')?.message).toContain('"开会"');
  });

  it('takes numbers in text and keyword cells as the text they show', () => {
    const parsed = parseRows(
      'needs',
      table('needs', [NEED_KEYS, needRow({ title: 2026, keywords: 5, publicKeywords: 3.5 })]),
      CONTEXT,
    );
    expect(parsed.issues).toEqual([]);
    const input = parsed.rows[0]?.input;
    expect(
      input?.kind === 'needs' && [input.body.title, input.body.keywords, input.body.publicKeywords],
    ).toEqual(['2026', ['5'], ['3.5']]);
  });

  it('refuses dates, truth values, formulas without a value and error values where text belongs', () => {
    const parsed = parseRows(
      'needs',
      table('needs', [
        NEED_KEYS,
        needRow({ title: { type: 'date', date: '2026-03-04' } }),
        needRow({ title: 'b', keywords: true }),
        needRow({ title: 'c', description: { type: 'formula_without_result' } }),
        needRow({ title: 'd', description: { type: 'error', error: '#N/A' } }),
        needRow({ title: 'e', ndaTerms: 'a\u0000b' }),
      ]),
      CONTEXT,
    );
    expect(parsed.issues.map((i) => [i.row, i.field, i.code, i.params])).toEqual([
      [2, 'title', 'date_in_text_column', { value: '2026-03-04' }],
      [3, 'keywords', 'boolean_in_text_column', {}],
      [4, 'description', 'formula_without_result', {}],
      [5, 'description', 'cell_error', { value: '#N/A' }],
      [6, 'ndaTerms', 'invalid_character', {}],
    ]);
  });

  it('takes deadlines as date cells, Excel serial numbers or text', () => {
    const deadlines = (value: Cell) => {
      const parsed = parseRows('needs', table('needs', [NEED_KEYS, needRow({ deadline: value })]), CONTEXT);
      const input = parsed.rows[0]?.input;
      return input?.kind === 'needs' ? input.body.deadline : parsed.issues.map((i) => i.code);
    };
    expect(deadlines({ type: 'date', date: '2026-07-01' })).toBe('2026-07-01');
    expect(deadlines(46204)).toBe('2026-07-01');
    expect(deadlines('2026/7/1')).toBe('2026-07-01');
    expect(deadlines('')).toBeNull();
    expect(deadlines(7)).toEqual(['invalid_date']);
    expect(deadlines(TODAY)).toBe(TODAY);
  });

  it('checks TRL levels, registration numbers against the kind, and numbers Excel wrote in scientific notation', () => {
    const rows = [
      ACHIEVEMENT_KEYS,
      achievementRow({ title: 'a', trl: 10 }),
      achievementRow({ title: 'b', trl: '四级' }),
      achievementRow({ title: 'c', registrationNumber: 'CN202310123456.5' }),
      achievementRow({ title: 'd', kind: 'know-how', registrationNumber: 'CN202310123456.6' }),
      achievementRow({ title: 'e', kind: 'Software copyright', registrationNumber: '2.02310E+11' }),
      achievementRow({ title: 'f', kind: '软著', registrationNumber: '2023SR0123456', trl: '7级' }),
      achievementRow({ title: 'g', kind: 'patent', registrationNumber: 'ABC' }),
    ];
    const parsed = parseRows('achievements', table('achievements', rows), CONTEXT);
    expect(parsed.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, 'H', 'invalid_trl'],
      [3, 'H', 'invalid_trl'],
      [4, 'G', 'registration_number_check_character'],
      [5, 'G', 'registration_number_not_allowed'],
      [6, 'G', 'scientific_notation'],
      [8, 'G', 'registration_number_invalid'],
    ]);
    expect(parsed.rows.map((r) => r.row)).toEqual([7]);
  });

  it('refuses titles repeated in the file or used by an active record of the organisation', () => {
    const context = { ...CONTEXT, existingTitles: new Map([['已有的需求', '01EXISTING']]) };
    const parsed = parseRows(
      'needs',
      table('needs', [
        NEED_KEYS,
        needRow({ title: '新需求' }),
        needRow({ title: ' 新需求 ' }),
        needRow({ title: '已有的 需求'.replace(' ', '') }),
        needRow({ title: 'ＮＥＷ need' }),
        needRow({ title: 'new  NEED' }),
      ]),
      context,
    );
    expect(parsed.issues.map((i) => [i.row, i.code, i.params])).toEqual([
      [3, 'duplicate_in_file', { firstRow: 2 }],
      [4, 'duplicate_existing', { id: '01EXISTING' }],
      [6, 'duplicate_in_file', { firstRow: 5 }],
    ]);
  });

  it('requires the required cells, and treats a missing optional column as empty', () => {
    const header = NEED_KEYS.filter((key) => key !== 'ndaTerms' && key !== 'keywords');
    const values = needRow();
    const row = header.map((key) => values[NEED_KEYS.indexOf(key)] ?? null);
    const parsed = parseRows(
      'needs',
      table('needs', [header, row, header.map(() => null).map((_, i) => (i === 1 ? 'desc' : null))]),
      CONTEXT,
    );
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.issues.map((i) => [i.row, i.field, i.code])).toEqual([
      [3, 'title', 'required'],
      [3, 'cooperationModes', 'required'],
      [3, 'visibility', 'required'],
    ]);
  });
});

describe('templates', () => {
  for (const kind of ['needs', 'achievements'] as const) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`lays out the ${kind} template in ${locale} with the published columns and drop-downs`, () => {
        const layout = templateLayout(kind, locale, CONTEXT.clusters, TODAY);
        expect(layout.columns.map((c) => c.key)).toEqual(kind === 'needs' ? NEED_KEYS : ACHIEVEMENT_KEYS);
        expect(columnsOf(kind).map((c) => c.key)).toEqual(layout.columns.map((c) => c.key));
        const list = (key: string) => {
          const index = layout.columns.find((c) => c.key === key)?.list;
          return index === null || index === undefined ? null : layout.lists[index]?.values;
        };
        expect(list('visibility')).toHaveLength(3);
        expect(list('cluster')).toEqual(
          locale === 'en' ? ['Integrated circuits', 'Biomedicine'] : ['集成电路', '生物医药'],
        );
        if (kind === 'achievements') {
          expect(list('trl')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
          expect(list('kind')).toHaveLength(3);
          expect(list('transferModes')).toHaveLength(4);
        } else {
          expect(list('cooperationModes')).toHaveLength(6);
        }
        expect(layout.instructions.rows).toHaveLength(layout.columns.length);
      });

      it(`skips the unchanged example row of the ${kind} template in ${locale}, and accepts it once edited`, () => {
        const layout = templateLayout(kind, locale, CONTEXT.clusters, TODAY);
        const [headers = [], keys = [], example = []] = templateRows(layout);
        const unchanged = parseRows(kind, table(kind, [headers, keys, example]), CONTEXT);
        expect(unchanged).toMatchObject({ rows: [], skippedExampleRows: [3], issues: [] });
        const edited = [...example];
        edited[0] = `${edited[0] ?? ''}（改）`;
        const parsed = parseRows(kind, table(kind, [headers, keys, edited]), CONTEXT);
        expect(parsed.issues).toEqual([]);
        expect(parsed.rows.map((r) => r.row)).toEqual([3]);
      });
    }
  }

  it('marks required columns with * and names files in the template language', () => {
    const zh = templateLayout('achievements', 'zh-CN', [], TODAY);
    expect(zh.columns[0]?.header).toBe('标题 *');
    expect(zh.columns[2]?.header).toBe('关键词');
    expect(zh.fileName).toBe('科技成果批量导入模板');
    expect(zh.asciiFileName).toBe('achievements-import-template');
    expect(zh.columns.find((c) => c.key === 'cluster')?.list).toBeNull();
  });

  it('writes CSV that quotes commas, quotes and line breaks', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        ['say "hi"', 'line\nbreak'],
      ]),
    ).toBe('a,"b,c"\r\n"say ""hi""","line\nbreak"\r\n');
  });
});
