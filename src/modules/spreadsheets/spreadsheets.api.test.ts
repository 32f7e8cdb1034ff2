import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { databaseFingerprint } from '../../test/fingerprint.js';
import { suzhouDate } from '../directory/rules.js';
import type { Need, NeedList } from '../directory/schemas.js';
import type { OrganizationKind } from '../organizations/schemas.js';
import { insertClusterInTransaction, insertOrganizationInTransaction } from '../organizations/service.js';
import { findTable, toCsv } from './rules.js';
import {
  ACHIEVEMENT_COLUMN_KEYS,
  MAX_UPLOAD_BYTES,
  NEED_COLUMN_KEYS,
  XLSX_MEDIA_TYPE,
  type ImportResult,
  type SheetIssue,
  type SpreadsheetKind,
} from './schemas.js';
import { readSpreadsheet } from './workbook.js';

let t: TestApp;
let enterpriseMember: Client;
let instituteMember: Client;
let outsider: Client;
let enterpriseId: string;
let instituteId: string;
let unverifiedId: string;
let serial = 0;

async function organization(kind: OrganizationKind, members: Client[], verified = true): Promise<string> {
  serial += 1;
  const n = serial;
  return t.ctx.db.transaction().execute((tx) =>
    insertOrganizationInTransaction(
      tx,
      {
        kind,
        sizeClass: kind === 'enterprise' ? 'small' : null,
        nameZh: `表格测试机构${n}`,
        nameEn: `Spreadsheet Test Organisation ${n}`,
        district: 'sip',
        verified,
        isDemo: false,
      },
      new Map(),
      members.map((client) => ({ userId: client.userId, role: 'member' as const })),
      null,
    ),
  );
}

beforeAll(async () => {
  t = await openTestApp();
  await t.ctx.db.transaction().execute(async (tx) => {
    await insertClusterInTransaction(
      tx,
      { slug: 'integrated-circuits', nameZh: '集成电路', nameEn: 'Integrated circuits', sortOrder: 1 },
      null,
    );
    await insertClusterInTransaction(
      tx,
      { slug: 'biomedicine', nameZh: '生物医药', nameEn: 'Biomedicine', sortOrder: 2 },
      null,
    );
  });
  [enterpriseMember, instituteMember, outsider] = await Promise.all([
    signedInUser(t),
    signedInUser(t),
    signedInUser(t),
  ]);
  enterpriseId = await organization('enterprise', [enterpriseMember]);
  instituteId = await organization('research_institute', [instituteMember]);
  unverifiedId = await organization('enterprise', [enterpriseMember], false);
});

afterAll(async () => {
  await t?.close();
});

function inDays(days: number): string {
  return suzhouDate(new Date(Date.now() + days * 86_400_000));
}

type Row = Record<string, string | number | Date | null>;

/** Fills a template downloaded from the API, overwriting the example row from row 3 on. */
async function filledTemplate(
  kind: SpreadsheetKind,
  rows: readonly Row[],
  lang: 'zh-CN' | 'en' = 'zh-CN',
): Promise<Buffer> {
  const response = await anonymous(t).request({
    method: 'GET',
    url: `/api/v1/imports/templates/${kind}?lang=${lang}`,
  });
  expect(response.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no data sheet');
  const keys = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
  rows.forEach((row, index) => {
    keys.forEach((key, column) => {
      sheet.getCell(3 + index, column + 1).value = row[key] ?? null;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV file with machine keys as the header. */
function csvOf(kind: SpreadsheetKind, rows: readonly Row[]): Buffer {
  const keys: readonly string[] = kind === 'needs' ? NEED_COLUMN_KEYS : ACHIEVEMENT_COLUMN_KEYS;
  const text = toCsv([[...keys], ...rows.map((row) => keys.map((key) => String(row[key] ?? '')))]);
  return Buffer.from(`\ufeff${text}`);
}

function needRow(title: string, overrides: Row = {}): Row {
  return {
    title,
    description: `${title}：需要一款符合 AEC-Q100 的低静态电流 LDO，静态电流低于 1 µA。`,
    keywords: 'LDO、电源管理',
    publicKeywords: '电源管理',
    cluster: '集成电路',
    cooperationModes: '联合研发、委托研发',
    budgetMin: 500000,
    budgetMax: '150万',
    deadline: inDays(90),
    visibility: '注册可见',
    ...overrides,
  };
}

function upload(
  client: Pick<Client, 'request'>,
  organizationId: string,
  kind: SpreadsheetKind,
  file: Buffer | string | undefined,
  options: { dryRun?: boolean; contentType?: string } = {},
): Promise<LightMyRequestResponse> {
  return client.request({
    method: 'POST',
    url: `/api/v1/organizations/${organizationId}/imports/${kind}${options.dryRun ? '?dryRun=true' : ''}`,
    ...(file === undefined ? {} : { payload: file }),
    headers: file === undefined ? {} : { 'content-type': options.contentType ?? XLSX_MEDIA_TYPE },
  });
}

function issuesOf(response: LightMyRequestResponse): Pick<SheetIssue, 'row' | 'column' | 'field' | 'code'>[] {
  return response
    .json<{ details: { issues: SheetIssue[] } }>()
    .details.issues.map(({ row, column, field, code }) => ({ row, column, field, code }));
}

describe('templates', () => {
  it('serves XLSX and CSV templates in Chinese and English that read back as their own kind', async () => {
    for (const kind of ['needs', 'achievements'] as const) {
      for (const [format, lang, type, name] of [
        [
          'xlsx',
          'zh-CN',
          XLSX_MEDIA_TYPE,
          kind === 'needs' ? '技术需求批量导入模板.xlsx' : '科技成果批量导入模板.xlsx',
        ],
        ['csv', 'en', 'text/csv; charset=utf-8', `${kind}-import-template.csv`],
      ] as const) {
        const response = await anonymous(t).request({
          method: 'GET',
          url: `/api/v1/imports/templates/${kind}?format=${format}&lang=${lang}`,
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.headers['content-type']).toBe(type);
        expect(response.headers['content-disposition']).toBe(
          `attachment; filename="${kind}-import-template.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        );
        const read = await readSpreadsheet(response.rawPayload);
        expect(read.format).toBe(format);
        expect(findTable(kind, read.sheets)).toMatchObject({ headerRow: 1, keyRow: 2 });
      }
    }
  });

  it('lists the platform clusters in the drop-down', async () => {
    const response = await anonymous(t).request({
      method: 'GET',
      url: '/api/v1/imports/templates/needs?lang=en',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const lists = workbook.getWorksheet('lists');
    expect(lists?.getColumn(1).values.filter(Boolean)).toEqual(['Integrated circuits', 'Biomedicine']);
  });

  it('refuses unknown kinds and formats', async () => {
    for (const url of ['/api/v1/imports/templates/experts', '/api/v1/imports/templates/needs?format=xls']) {
      const response = await anonymous(t).request({ method: 'GET', url });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ code: string }>().code).toBe('request.validation_failed');
    }
  });
});

describe('importing needs', () => {
  it('checks a filled template on a dry run without writing, then creates every row like the form does', async () => {
    const titles = [
      '表格导入需求：氮化镓快充芯片',
      '表格导入需求：碳化硅驱动芯片',
      '表格导入需求：晶圆级封装测试',
    ];
    const file = await filledTemplate('needs', [
      needRow(titles[0] ?? ''),
      needRow(titles[1] ?? '', {
        cluster: 'biomedicine',
        visibility: 'public',
        deadline: null,
        budgetMin: null,
        budgetMax: null,
      }),
      needRow(titles[2] ?? '', {
        keywords: 'wafer-level packaging, 晶圆级封装',
        cooperationModes: 'consulting',
      }),
    ]);

    const before = await databaseFingerprint(t.ctx.db);
    const dry = await upload(enterpriseMember, enterpriseId, 'needs', file, { dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<ImportResult>()).toMatchObject({
      dryRun: true,
      format: 'xlsx',
      sheet: '技术需求',
      rows: 3,
      created: 0,
      skippedExampleRows: [],
      items: titles.map((title, index) => ({ row: 3 + index, title, id: null })),
    });
    expect(await databaseFingerprint(t.ctx.db), 'a dry run writes nothing').toEqual(before);

    const response = await upload(enterpriseMember, enterpriseId, 'needs', file);
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<ImportResult>();
    expect(result).toMatchObject({ dryRun: false, rows: 3, created: 3 });
    const ids = result.items.map((item) => item.id ?? '');

    const list = await enterpriseMember.request({
      method: 'GET',
      url: `/api/v1/needs?owner=${enterpriseId}&limit=100`,
    });
    expect(
      list
        .json<NeedList>()
        .items.map((n) => n.title)
        .sort(),
    ).toEqual([...titles].sort());
    const first = (
      await anonymous(t).request({ method: 'GET', url: `/api/v1/needs/${ids[1]}` })
    ).json<Need>();
    expect(first).toMatchObject({
      title: titles[1],
      visibility: 'public',
      status: 'open',
      version: 1,
      cluster: { slug: 'biomedicine' },
      cooperationModes: ['commissioned_rd', 'joint_rd'],
      deadline: null,
      budgetMinFen: null,
      detailsHidden: false,
    });
    const own = (
      await enterpriseMember.request({ method: 'GET', url: `/api/v1/needs/${ids[0]}` })
    ).json<Need>();
    expect(own).toMatchObject({ budgetMinFen: 50_000_000, budgetMaxFen: 150_000_000, deadline: inDays(90) });

    const search = await anonymous(t).request({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent('晶圆级封装测试')}&types=need`,
    });
    expect(search.json<{ items: { id: string }[] }>().items.map((hit) => hit.id)).toContain(ids[2]);

    const events = await t.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id', 'actor_user_id', 'details'])
      .where('seq', '>', 0)
      .orderBy('seq', 'desc')
      .limit(4)
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'import.spreadsheet',
      'need.create',
      'need.create',
      'need.create',
    ]);
    expect(events.every((e) => e.actor_user_id === enterpriseMember.userId)).toBe(true);
    expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({
      kind: 'needs',
      format: 'xlsx',
      sha256: result.sha256,
      rows: 3,
      created: 3,
    });
    expect(events[0]?.entity_id).toBe(enterpriseId);
  });

  it('refuses a file with bad rows as a whole, writes nothing, and lists every bad row and column', async () => {
    const file = await filledTemplate('needs', [
      needRow('好的一行'),
      needRow('', { cooperationModes: '开会' }),
      needRow('预算反了', { budgetMin: 2_000_000, budgetMax: 100 }),
      needRow('过期', { deadline: inDays(-3), visibility: 'secret' }),
      needRow('好的一行'),
    ]);
    const before = await databaseFingerprint(t.ctx.db);
    const response = await upload(enterpriseMember, enterpriseId, 'needs', file);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'spreadsheets.invalid_rows',
      details: { rows: 5, badRows: 4 },
    });
    expect(issuesOf(response)).toEqual([
      { row: 4, column: 'A', field: 'title', code: 'required' },
      { row: 4, column: 'F', field: 'cooperationModes', code: 'unknown_value' },
      { row: 5, column: 'H', field: 'budgetMax', code: 'budget_range_inverted' },
      { row: 6, column: 'I', field: 'deadline', code: 'deadline_in_past' },
      { row: 6, column: 'J', field: 'visibility', code: 'unknown_value' },
      { row: 7, column: 'A', field: 'title', code: 'duplicate_in_file' },
    ]);
    const issue = response.json<{ details: { issues: SheetIssue[] } }>().details.issues[0];
    expect(issue).toMatchObject({ message: 'Required; the cell is empty', params: {} });
    expect(await databaseFingerprint(t.ctx.db), 'a refused file writes nothing').toEqual(before);
  });

  it('refuses a title an open need of the organisation already has, but not one of a closed need', async () => {
    const post = async (title: string) =>
      (
        await enterpriseMember.request({
          method: 'POST',
          url: '/api/v1/needs',
          payload: {
            ownerOrganizationId: enterpriseId,
            title,
            description: '已有',
            cooperationModes: ['joint_rd'],
            visibility: 'public',
          },
        })
      ).json<Need>();
    const open = await post('已发布的需求 A');
    const closed = await post('已关闭的需求 B');
    await enterpriseMember.request({
      method: 'POST',
      url: `/api/v1/needs/${closed.id}/status`,
      payload: { version: closed.version, status: 'closed' },
    });
    const response = await upload(
      enterpriseMember,
      enterpriseId,
      'needs',
      csvOf('needs', [needRow('已发布的需求a'), needRow('已关闭的需求 B')]),
      {
        contentType: 'text/csv',
      },
    );
    expect(response.statusCode, response.body).toBe(400);
    const issues = response.json<{ details: { issues: SheetIssue[] } }>().details.issues;
    expect(issues.map((i) => [i.row, i.code, i.params])).toEqual([
      [2, 'duplicate_existing', { id: open.id }],
    ]);
  });

  it('refuses a file holding only the unchanged example', async () => {
    const template = await anonymous(t).request({
      method: 'GET',
      url: '/api/v1/imports/templates/needs?format=csv',
    });
    const response = await upload(enterpriseMember, enterpriseId, 'needs', template.rawPayload, {
      dryRun: true,
      contentType: 'text/csv',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'spreadsheets.no_rows',
      details: { skippedExampleRows: [3] },
    });
  });
});

describe('importing achievements', () => {
  it('imports an English CSV by labels and keys, and a GB18030 CSV as Chinese Excel saves it', async () => {
    const english = csvOf('achievements', [
      {
        title: 'Spreadsheet import: low-temperature silver sintering',
        description: 'Die attach at 200 °C with shear strength above 30 MPa.',
        keywords: 'silver sintering; die attach',
        cluster: 'Integrated circuits',
        kind: 'Patent',
        registrationNumber: '201710601862.3',
        trl: 'TRL 5',
        transferModes: 'Licence, transfer',
        visibility: 'public',
      },
    ]);
    const created = await upload(instituteMember, instituteId, 'achievements', english, {
      contentType: 'application/vnd.ms-excel',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<ImportResult>().items[0]?.id ?? '';
    const achievement = await anonymous(t).request({ method: 'GET', url: `/api/v1/achievements/${id}` });
    expect(achievement.json()).toMatchObject({
      kind: 'patent',
      trl: 5,
      registrationNumber: 'CN201710601862.3',
      transferModes: ['transfer', 'licence'],
      cluster: { slug: 'integrated-circuits' },
    });

    // title,description,kind,trl,transferModes,visibility ↵ 中文,测试,专利,3,许可,公开 in GB18030
    const gbk = Buffer.concat([
      Buffer.from('title,description,kind,trl,transferModes,visibility\r\n'),
      Buffer.from('d6d0cec42cb2e2cad42cd7a8c0fb2c332cd0edbfc92cb9abbfaa0d0a', 'hex'),
    ]);
    const chinese = await upload(instituteMember, instituteId, 'achievements', gbk, {
      contentType: 'text/csv',
      dryRun: true,
    });
    expect(chinese.statusCode, chinese.body).toBe(200);
    expect(chinese.json<ImportResult>()).toMatchObject({
      format: 'csv',
      sheet: null,
      items: [{ row: 2, title: '中文' }],
    });
  });

  it('refuses needs columns sent as achievements, naming the template they belong to', async () => {
    const response = await upload(
      instituteMember,
      instituteId,
      'achievements',
      csvOf('needs', [needRow('x')]),
      {
        contentType: 'text/csv',
      },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'spreadsheets.wrong_template',
      details: { expected: 'achievements', found: 'needs' },
    });
  });
});

describe('who may import', () => {
  it('lets only members of a verified organisation of the right kind import', async () => {
    const file = csvOf('needs', [needRow('权限测试')]);
    const cases: [Pick<Client, 'request'>, string, SpreadsheetKind, number, string][] = [
      [anonymous(t), enterpriseId, 'needs', 401, 'auth.unauthenticated'],
      [outsider, enterpriseId, 'needs', 403, 'auth.forbidden'],
      [enterpriseMember, unverifiedId, 'needs', 403, 'directory.organization_unverified'],
      [enterpriseMember, enterpriseId, 'achievements', 400, 'directory.owner_kind_not_allowed'],
      [instituteMember, instituteId, 'needs', 400, 'directory.owner_kind_not_allowed'],
      [enterpriseMember, '01NOSUCHORGANIZATION000000', 'needs', 404, 'record.not_found'],
    ];
    const before = await databaseFingerprint(t.ctx.db);
    for (const [client, organizationId, kind, status, code] of cases) {
      const response = await upload(client, organizationId, kind, file, { contentType: 'text/csv' });
      expect(
        [response.statusCode, response.json<{ code: string }>().code],
        `${organizationId} ${kind}`,
      ).toEqual([status, code]);
    }
    expect(await databaseFingerprint(t.ctx.db)).toEqual(before);
  });
});

describe('files that are not a filled template', () => {
  it('answers every kind of bad file with a stable 4xx code, never a server error', async () => {
    const cases: [Buffer | string | undefined, string | undefined, number, string][] = [
      [undefined, undefined, 400, 'spreadsheets.empty_file'],
      [Buffer.alloc(0), XLSX_MEDIA_TYPE, 400, 'spreadsheets.empty_file'],
      [
        Buffer.from('PK\u0003\u0004 this is not really a zip'),
        XLSX_MEDIA_TYPE,
        400,
        'spreadsheets.unreadable_file',
      ],
      [
        Buffer.from('d0cf11e0a1b11ae1', 'hex'),
        'application/octet-stream',
        400,
        'spreadsheets.unreadable_file',
      ],
      [Buffer.from('hello,world\n1,2\n'), 'text/csv', 400, 'spreadsheets.header_not_found'],
      [Buffer.from('title,description\n'), 'text/csv', 400, 'spreadsheets.invalid_header'],
      ['{"title":"x"}', 'application/json', 400, 'request.validation_failed'],
      ['title,description', 'text/plain', 415, 'request.unsupported_media_type'],
      [Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x41), 'text/csv', 413, 'request.too_large'],
    ];
    const before = await databaseFingerprint(t.ctx.db);
    for (const [file, contentType, status, code] of cases) {
      const response = await upload(
        enterpriseMember,
        enterpriseId,
        'needs',
        file,
        contentType ? { contentType } : {},
      );
      expect(
        [response.statusCode, response.json<{ code: string }>().code],
        `${contentType} ${String(file).slice(0, 30)}`,
      ).toEqual([status, code]);
    }
    expect(await databaseFingerprint(t.ctx.db)).toEqual(before);
  });

  it('documents the upload routes in OpenAPI with their file body', async () => {
    const doc = (await anonymous(t).request({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    }>();
    const operation = doc.paths['/api/v1/organizations/{id}/imports/needs']?.['post'];
    expect(Object.keys(operation?.requestBody?.content ?? {})).toContain(XLSX_MEDIA_TYPE);
    expect(operation?.requestBody?.content['text/csv']?.schema).toMatchObject({
      type: 'string',
      format: 'binary',
    });
  });
});
