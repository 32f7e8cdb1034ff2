import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexDocument } from '../src/modules/search/service.js';
import { launchBrowser, newPage, screenshot, startPlatform, type Platform } from './harness.js';

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

async function searchFor(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('search-input').locator('input');
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(text);
  await page.getByTestId('search-hit').first().waitFor();
}

/** The highlighted words of the results on the page. */
async function marks(page: Page): Promise<string[]> {
  return (await page.getByTestId('search-mark').allTextContents()).map((text) => text.trim());
}

describe('bilingual search in the browser', () => {
  it('finds English text for 纳米 and Chinese text for "nano", highlighted', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(platform.url);
    await page.getByTestId('nav-search').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/search');

    await searchFor(page, '纳米');
    const forChinese = await marks(page);
    expect(forChinese.some((text) => /^nano/i.test(text))).toBe(true);
    expect(forChinese).toContain('纳米');
    expect(await page.getByTestId('search-mark').first().isVisible()).toBe(true);
    const mark = page.getByTestId('search-mark').first();
    expect(await mark.evaluate((node) => node.tagName)).toBe('MARK');
    expect(await page.getByTestId('search-total').textContent()).toMatch(/\d+/);
    await screenshot(page, 'search-zh');

    await searchFor(page, 'nano');
    const forEnglish = await marks(page);
    expect(forEnglish.some((text) => text.includes('纳米'))).toBe(true);
    await context.close();
  });

  it('keeps the query and filters in the address, and shows an empty result kindly', async () => {
    const { context, page } = await newPage(browser, 'en');
    await page.goto(`${platform.url}/search?q=${encodeURIComponent('battery')}&types=organization`);
    await page.getByTestId('search-hit').first().waitFor();
    const types = await page
      .getByTestId('search-hit')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-type')));
    expect(new Set(types)).toEqual(new Set(['organization']));
    await screenshot(page, 'search-en');

    const input = page.getByTestId('search-input').locator('input');
    await input.fill('qwertyuiopasdf');
    await input.press('Enter');
    await page.getByTestId('search-empty').waitFor();
    expect(await page.getByTestId('search-hit').count()).toBe(0);
    await context.close();
  });

  it('renders record text as text, never as markup', async () => {
    await platform.ctx.db.transaction().execute((tx) =>
      indexDocument(tx, {
        entityType: 'need',
        entityId: 'e2e-markup',
        ownerOrganizationId: null,
        visibility: 'public',
        isActive: true,
        title: '<img src=x onerror="document.title=1"> 纳米 zeolite',
        publicText: '<b>zeolite</b> <script>document.title=2</script>',
        restrictedText: '',
        keywords: [],
        facets: {},
      }),
    );
    const { context, page } = await newPage(browser);
    await page.goto(`${platform.url}/search?q=zeolite`);
    await page.getByTestId('search-hit').first().waitFor();
    expect(await page.getByTestId('search-hit-title').first().textContent()).toContain('<img src=x');
    expect(await page.getByTestId('search-hit-snippet').first().textContent()).toContain('<script>');
    expect(await page.locator('[data-testid="search-hit"] img, [data-testid="search-hit"] b').count()).toBe(
      0,
    );
    expect(await page.title()).not.toMatch(/^[12]$/);
    await context.close();
  });
});
