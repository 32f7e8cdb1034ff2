import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suzhouDate } from '../src/modules/directory/rules.js';
import { launchBrowser, screenshot, startPlatform, type Platform } from './harness.js';
import { signIn } from './steps.js';

let platform: Platform;
let browser: Browser;
let workdir: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'consortia-sheets-'));
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await platform?.close();
  if (workdir) fs.rmSync(workdir, { recursive: true, force: true });
});

/** A fresh browser context, signed in through the login page. */
function signedIn(email: string): Promise<Page> {
  return signIn(browser, platform.url, contexts, email);
}

/** Chooses a file in the import page's upload area. */
async function uploadFile(page: Page, file: string): Promise<void> {
  await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(file);
}

async function storedTitles(titles: readonly string[]): Promise<string[]> {
  const rows = await platform.ctx.db
    .selectFrom('need')
    .select('title')
    .where('title', 'in', titles)
    .execute();
  return rows.map((row) => row.title).sort();
}

const TITLES = ['浏览器批量导入：车规级 MCU 功能安全认证辅导', '浏览器批量导入：BMS 芯片高压隔离方案评估'];

describe('bulk import in the browser', () => {
  it('lets an enterprise download the template, see a bad row, fix it and import the needs', async () => {
    const page = await signedIn('sme@demo.consortia.cn');
    await page.getByTestId('nav-needs').click();
    await page.getByTestId('needs-table').waitFor();
    await page.getByTestId('bulk-import-needs').click();
    await page.getByTestId('import-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/needs/import');

    // The template downloads with its Chinese name and holds the drop-downs and the example.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('技术需求批量导入模板.xlsx');
    const templatePath = path.join(workdir, 'template.xlsx');
    await download.saveAs(templatePath);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(templatePath);
    const sheet = workbook.getWorksheet('技术需求');
    expect(sheet?.getCell('A1').value).toBe('标题 *');
    expect(sheet?.getCell('F3').dataValidation).toMatchObject({ type: 'list' });
    if (!sheet) return;

    // Two needs over the example row; the second has a cooperation mode that does not exist.
    const deadline = suzhouDate(new Date(Date.now() + 60 * 86_400_000));
    const fill = (row: number, title: string, modes: string) => {
      sheet.getRow(row).values = [
        title,
        `${title}。需要有车规芯片经验的团队。`,
        'MCU、功能安全',
        '汽车电子',
        '集成电路',
        modes,
        200000,
        '80万',
        deadline,
        '注册可见',
      ];
    };
    fill(3, TITLES[0] ?? '', '技术咨询');
    fill(4, TITLES[1] ?? '', '开会');
    const badPath = path.join(workdir, 'needs-with-a-bad-row.xlsx');
    await workbook.xlsx.writeFile(badPath);

    await uploadFile(page, badPath);
    const error = page.getByTestId('import-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('spreadsheets.invalid_rows');
    const issue = page.getByTestId('import-issue-row');
    await expect.poll(() => issue.count()).toBe(1);
    expect(await issue.first().getAttribute('data-row')).toBe('4');
    expect(await issue.first().textContent()).toContain('“开会”不是可选的值');
    expect(await issue.first().textContent()).toContain('合作方式');
    expect(await error.textContent()).toContain('1 行有问题，没有导入任何记录');
    await screenshot(page, 'spreadsheets-bad-row');
    expect(await storedTitles(TITLES)).toEqual([]);

    // The fixed file checks out; the user confirms and the needs are listed.
    fill(4, TITLES[1] ?? '', '联合研发、委托研发');
    const goodPath = path.join(workdir, 'needs-fixed.xlsx');
    await workbook.xlsx.writeFile(goodPath);
    await uploadFile(page, goodPath);
    await page.getByTestId('import-check-passed').waitFor();
    expect(await page.getByTestId('import-check-passed').textContent()).toContain('2 条');
    expect(await page.getByTestId('import-error').count()).toBe(0);
    expect(await storedTitles(TITLES), 'the check writes nothing').toEqual([]);
    await screenshot(page, 'spreadsheets-checked');

    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-created-link').allTextContents()).toEqual(TITLES);
    expect(await storedTitles(TITLES)).toEqual([...TITLES].sort());
    await screenshot(page, 'spreadsheets-imported');

    await page.getByTestId('import-view-list').click();
    await page.getByTestId('needs-table').waitFor();
    for (const title of TITLES) {
      await expect.poll(() => page.getByText(title).count()).toBeGreaterThan(0);
    }
  });

  it('lets a university import research results from a CSV file in English', async () => {
    const page = await signedIn('suda@demo.consortia.cn');
    await page.getByTestId('language-switch-en').click();
    await page.getByTestId('nav-supply').click();
    await page.getByTestId('bulk-import-achievements').click();
    await page.getByTestId('import-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/achievements/import');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('achievements-import-template.csv');
    const template = fs.readFileSync(await download.path(), 'utf8');
    const [headers = '', keys = ''] = template.replace(/^\ufeff/, '').split('\r\n');
    expect(headers.startsWith('Title *,Description *')).toBe(true);

    const title = 'Browser import: perovskite film passivation';
    const csv = [
      headers,
      keys,
      `${title},"Passivates perovskite films, raising module efficiency by 1.2 points.","perovskite, passivation",,,Patent,,6,"Licence, Transfer",Public,`,
    ].join('\r\n');
    const file = path.join(workdir, 'achievements.csv');
    fs.writeFileSync(file, `\ufeff${csv}\r\n`);
    await uploadFile(page, file);
    await page.getByTestId('import-check-passed').waitFor();
    expect(await page.getByTestId('import-items').textContent()).toContain(title);
    await screenshot(page, 'spreadsheets-checked-en');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain('Research results imported: 1');
    await page.getByTestId('import-created-link').first().click();
    await page.getByTestId('record-detail').waitFor();
    expect(await page.getByTestId('record-title').textContent()).toBe(title);
  });
});
