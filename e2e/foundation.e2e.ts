import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  newPage,
  screenshot,
  startPlatform,
  type Platform,
} from './harness.js';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto(`${platform.url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu-name').waitFor();
}

async function visibleRowCount(page: Page): Promise<number> {
  await page.getByTestId('directory-row').first().waitFor();
  return page.getByTestId('directory-row').count();
}

describe('the web shell', () => {
  it('signs a demo user in and shows their name, in Chinese by default', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(platform.url);
    await expect.poll(() => page.getByTestId('demo-banner').isVisible()).toBe(true);
    await logIn(page, 'lanyue@demo.consortia.cn');
    const name = await page.getByTestId('user-menu-name').textContent();
    expect(name?.trim().length).toBeGreaterThan(0);
    expect(await page.getByTestId('nav-directory').textContent()).toBe('组织名录');
    await context.close();
  });

  it('refuses a wrong password with a generic message and stays on the sign-in page', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${platform.url}/login`);
    await page.getByTestId('login-email').fill('lanyue@demo.consortia.cn');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('邮箱或密码');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('switches the language and keeps it across a reload and a new sign-in', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'suda@demo.consortia.cn');
    await page.getByTestId('language-switch-en').click();
    await expect.poll(() => page.getByTestId('nav-directory').textContent()).toBe('Directory');
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-directory').textContent()).toBe('Directory');
    await context.close();

    // A new browser with no stored preference: the account remembers English.
    const fresh = await newPage(browser);
    await logIn(fresh.page, 'suda@demo.consortia.cn');
    await expect.poll(() => fresh.page.getByTestId('nav-directory').textContent()).toBe('Directory');
    await screenshot(fresh.page, 'directory-en');
    await fresh.context.close();
  });

  it('browses the directory with filters kept in the address and opens a profile', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${platform.url}/directory`);
    const all = await visibleRowCount(page);
    expect(all).toBeGreaterThan(5);
    await screenshot(page, 'directory-zh');

    await page.goto(`${platform.url}/directory?kind=university`);
    await page.getByTestId('directory-row').first().waitFor();
    const rows = page.getByTestId('directory-row');
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < count; i += 1)
      expect(await rows.nth(i).getByTestId('kind-tag').textContent()).toBe('高等院校');
    await expect.poll(() => page.getByText('苏州大学', { exact: true }).count()).toBeGreaterThan(0);

    await page.getByTestId('filter-q').locator('input').fill('苏州大学');
    await page.getByTestId('filter-q').locator('input').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('苏州大学');
    // The address changes first; wait for the filtered rows before opening the first one.
    await expect.poll(() => page.getByTestId('directory-row-link').first().textContent()).toBe('苏州大学');
    await page.getByTestId('directory-row-link').first().click();
    await page.getByTestId('organization-detail').waitFor();
    expect(await page.getByTestId('organization-detail').textContent()).toContain('4132010285');
    // Anonymous visitors get no edit or verify buttons.
    expect(await page.getByTestId('detail-edit').count()).toBe(0);
    await context.close();
  });

  it('lets an organisation admin edit the profile, and shows a field error for a bad credit code', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'sme@demo.consortia.cn');
    await page.goto(`${platform.url}/my/organization`);
    await page.getByTestId('profile-form').waitFor();

    await page.getByTestId('profile-creditCode').fill('91320594MA1234567X');
    await page.getByTestId('profile-save').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    expect(await page.locator('.ant-form-item-explain-error').first().textContent()).toMatch(/校验|信用代码/);

    await page.getByTestId('profile-form').locator('button[data-testid="profile-reset"]').click();
    const description = `面向车规级芯片的低功耗设计服务（浏览器测试 ${Date.now()}）`;
    await page.getByTestId('profile-descriptionZh').fill(description);
    await page.getByTestId('profile-save').click();
    await page.getByText('已保存').first().waitFor();
    await screenshot(page, 'profile-edit');

    await page.reload();
    await page.getByTestId('profile-form').waitFor();
    await expect.poll(() => page.getByTestId('profile-descriptionZh').inputValue()).toBe(description);

    const stored = await platform.ctx.db
      .selectFrom('organization')
      .select(['description_zh', 'version'])
      .where('description_zh', '=', description)
      .executeTakeFirst();
    expect(stored?.version).toBe(2);
    const audited = await platform.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'organization.update')
      .execute();
    expect(audited.length).toBe(1);
    await context.close();
  });
});
