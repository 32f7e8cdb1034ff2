import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startPlatform, type Platform } from './harness.js';
import { signIn } from './steps.js';

let platform: Platform;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await platform?.close();
});

/** A fresh browser context, signed in through the login page. */
function signedIn(email: string): Promise<Page> {
  return signIn(browser, platform.url, contexts, email);
}

/** The text input of a form control, whether antd put the test id on the input or around it. */
function inputOf(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/** Types tags into an antd tags Select; a comma ends each tag. */
async function typeTags(page: Page, testId: string, tags: readonly string[]): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  for (const tag of tags) await input.pressSequentially(`${tag},`);
}

const ACHIEVEMENT_TITLE = '低温纳米银烧结互连材料及其制备方法';
const ACHIEVEMENT_SECRET = '剪切强度大于 30 MPa';

describe('the directory in the browser', () => {
  it('lets the SME post a need through the form, with field errors from the form and the server', async () => {
    const page = await signedIn('sme@demo.consortia.cn');
    await page.getByTestId('nav-needs').click();
    await page.getByTestId('needs-table').waitFor();
    // The demo need about chip power management is listed.
    await expect
      .poll(() => page.getByText('车规级低静态电流 LDO 与电源管理芯片联合开发').count())
      .toBeGreaterThan(0);

    await page.getByTestId('needs-new').click();
    await page.getByTestId('record-form').waitFor();
    const title = `DC-DC 同步降压转换器 EMI 优化（浏览器测试 ${Date.now()}）`;
    await page.getByTestId('field-title').fill(title);
    await page
      .getByTestId('field-description')
      .fill(
        '需要在 2.2 MHz 开关频率下满足 CISPR 25 Class 5 的传导发射要求。\nWe need CISPR 25 Class 5 conducted emissions at 2.2 MHz.',
      );
    await typeTags(page, 'field-keywords', ['DC-DC', 'EMI', 'CISPR 25']);
    await typeTags(page, 'field-publicKeywords', ['电源管理']);
    await page.getByTestId('field-cooperationModes').getByText('联合研发').click();
    await inputOf(page, 'field-budgetMin').fill('500000');
    await inputOf(page, 'field-budgetMax').fill('100000');
    await page.getByTestId('field-visibility-registered').click();
    await page.getByTestId('record-save').click();
    // The form refuses an inverted budget before anything is sent.
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').allTextContents())
      .toContain('预算下限高于上限。');

    await inputOf(page, 'field-budgetMax').fill('900000');
    await inputOf(page, 'field-deadline').click();
    await inputOf(page, 'field-deadline').fill('2099-12-31');
    await inputOf(page, 'field-deadline').press('Tab');
    await page.getByTestId('record-save').click();

    await page.getByTestId('record-detail').waitFor();
    expect(await page.getByTestId('record-title').textContent()).toBe(title);
    expect(await page.getByTestId('tier-tag').first().getAttribute('data-tier')).toBe('registered');
    expect(await page.getByTestId('record-description').textContent()).toContain('CISPR 25');
    expect(await page.getByTestId('record-budget').textContent()).toContain('900,000');
    await screenshot(page, 'directory-need-posted');

    const stored = await platform.ctx.db
      .selectFrom('need')
      .select(['budget_min_fen', 'budget_max_fen', 'visibility', 'deadline', 'keywords'])
      .where('title', '=', title)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      budget_min_fen: 50_000_000,
      budget_max_fen: 90_000_000,
      visibility: 'registered',
      deadline: '2099-12-31',
    });
    expect(JSON.parse(stored.keywords)).toEqual(['DC-DC', 'EMI', 'CISPR 25']);

    // A rule only the server knows (the ORCID check digit) comes back onto its field.
    await page.goto(`${platform.url}/experts/new`);
    await page.getByTestId('record-form').waitFor();
    await page.getByTestId('field-nameZh').fill('测试专家');
    await page.getByTestId('field-orcid').fill('0000-0002-1825-0098');
    await page.getByTestId('record-save').click();
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').allTextContents())
      .toContain('ORCID 号无效（校验位不符）。');
    expect(new URL(page.url()).pathname).toBe('/experts/new');
  });

  it('shows a parties-tier result as a teaser until the owner accepts the NDA request', async () => {
    const requester = await signedIn('jingxiu@demo.consortia.cn');
    await requester.getByTestId('nav-supply').click();
    await requester.getByTestId('achievements-table').waitFor();
    await requester.getByTestId('filter-q').locator('input').fill('纳米银');
    await requester.getByTestId('filter-q').locator('input').press('Enter');
    await expect.poll(() => requester.getByTestId('achievement-row').count()).toBe(1);
    expect(await requester.getByTestId('details-hidden-mark').count()).toBe(1);
    await requester.getByTestId('achievement-row-link').click();

    await requester.getByTestId('record-locked').waitFor();
    expect(await requester.getByTestId('record-title').textContent()).toBe(ACHIEVEMENT_TITLE);
    expect(await requester.getByTestId('record-details').count()).toBe(0);
    expect(await requester.content()).not.toContain(ACHIEVEMENT_SECRET);
    expect(await requester.getByTestId('nda-terms').textContent()).toContain('保密');
    await screenshot(requester, 'directory-achievement-teaser');

    await requester.getByTestId('record-request-access').click();
    await requester
      .getByTestId('nda-message')
      .fill('晶岫半导体希望评估该烧结材料在 SiC 功率模块封装中的应用。');
    await requester.getByTestId('nda-submit').click();
    // The terms must be accepted first.
    await expect
      .poll(() => requester.locator('.ant-form-item-explain-error').allTextContents())
      .toContain('请先接受保密条款');
    await requester.getByTestId('nda-accept-terms').click();
    await requester.getByTestId('nda-submit').click();
    await requester.getByTestId('nda-standing-pending').waitFor();
    expect(await requester.content()).not.toContain(ACHIEVEMENT_SECRET);

    const owner = await signedIn('institute@demo.consortia.cn');
    await owner.getByTestId('nav-nda-requests').click();
    await owner.getByTestId('nda-table').waitFor();
    const row = owner
      .getByTestId('nda-row')
      .filter({ hasText: ACHIEVEMENT_TITLE })
      .filter({ hasText: '晶岫' });
    await row.waitFor();
    await screenshot(owner, 'directory-nda-incoming');
    await row.getByTestId('nda-accept').click();
    await expect.poll(() => row.getByTestId('nda-status').getAttribute('data-status')).toBe('accepted');

    await requester.reload();
    await requester.getByTestId('record-details').waitFor();
    expect(await requester.getByTestId('record-description').textContent()).toContain(ACHIEVEMENT_SECRET);
    expect(await requester.getByTestId('record-registration-number').textContent()).toMatch(
      /^CN2023\d{8}\.[\dX]$/,
    );
    expect(await requester.getByTestId('nda-standing').textContent()).toBe('贵机构已获准查看');
    await screenshot(requester, 'directory-achievement-details');

    const audited = await platform.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'in', ['nda.request', 'nda.accept'])
      .where('actor_user_id', 'is not', null)
      .execute();
    expect(audited.map((e) => e.action).sort()).toEqual(['nda.accept', 'nda.request']);
  });
});
