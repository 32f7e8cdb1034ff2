/**
 * Outcomes of the demo's bilateral project through the browser, at 1366 px: the lead records a
 * patent application with the parties' shares (the project has no charter, so income is not
 * distributed there), offers its share to the co-owner first, and is refused a third-party sale
 * while the first-refusal period runs; the "Our income" page opens from the user menu.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startPlatform, type Platform } from './harness.js';
import { apiResponse, closeDrawer, expectOk, gone, openUserMenuItem, poll, signIn } from './steps.js';

let platform: Platform;
let browser: Browser;
const contexts: BrowserContext[] = [];

const PROJECT_TITLE = '先进封装翘曲表征联合攻关';

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

describe('outcomes of a bilateral project', () => {
  it('records a patent with its owners, offers a share first to the co-owner and refuses a third party meanwhile', async () => {
    const lead = await signedIn('jingxiu@demo.consortia.cn');
    await lead.getByTestId('nav-projects').click();
    await lead.getByTestId('project-row').filter({ hasText: PROJECT_TITLE }).click();
    await lead.getByTestId('project-tab-outcomes').click();
    await lead.getByTestId('outcomes-tab').waitFor();
    await expect(lead.getByTestId('income-record').count()).resolves.toBe(0);

    await lead.getByTestId('outcome-record').click();
    const dialog = lead.getByTestId('record-outcome-dialog');
    await dialog.getByTestId('outcome-title').fill('一种翘曲在线测量方法');
    await dialog.getByTestId('outcome-reference').fill('CN202611000001.2');
    await dialog.getByTestId('outcome-date').fill('2026-11-01');
    await dialog
      .locator('input[data-testid="outcome-share-0"], [data-testid="outcome-share-0"] input')
      .fill('6000');
    await dialog
      .locator('input[data-testid="outcome-share-1"], [data-testid="outcome-share-1"] input')
      .fill('4000');
    const recorded = apiResponse(lead, 'POST', (url) => url.pathname.endsWith('/outcomes'));
    await lead.locator('.ant-modal-footer .ant-btn-primary').click();
    await expectOk(await recorded);
    await gone(dialog);
    const row = lead.getByTestId('outcome-list').locator('tr').filter({ hasText: '一种翘曲在线测量方法' });
    await row.waitFor();
    await expect(row.getByTestId('outcome-owner').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('60.00%'), expect.stringContaining('40.00%')]),
    );
    await screenshot(lead, 'outcomes-tab');

    await row.getByTestId('outcome-transfers').click();
    const panel = lead.getByTestId('transfers-panel');
    await panel
      .locator('input[data-testid="offer-basis-points"], [data-testid="offer-basis-points"] input')
      .fill('2000');
    await panel.getByTestId('offer-price').fill('100000.01');
    const offered = apiResponse(lead, 'POST', (url) => url.pathname.endsWith('/transfers'));
    await panel.getByTestId('offer-submit').click();
    await expectOk(await offered);
    const transfer = panel.getByTestId('transfer');
    await transfer.getByTestId('transfer-window').waitFor();
    await expect(transfer.textContent()).resolves.toContain('¥100,000.01');
    await transfer.getByTestId('transferee-name').fill('外部买方有限公司');
    await transfer.getByTestId('transferee-price').fill('100000.01');
    const refused = apiResponse(lead, 'POST', (url) => url.pathname.endsWith('/complete'));
    await transfer.getByTestId('transfer-complete').click();
    expect((await refused).status()).toBeGreaterThanOrEqual(400);
    await expect(transfer.getByTestId('transfer-error').textContent()).resolves.toContain('优先购买期');
    await screenshot(lead, 'outcomes-transfer-refused');

    // The drawer closed and gone before the user menu opens: its closing gives the page its scroll
    // bar back and may scroll it, which would move the menu away from under the pointer.
    await closeDrawer(lead, panel);
    await openUserMenuItem(lead, 'user-menu-income');
    await lead.waitForURL('**/my/income**');
    // The balance shows its title at once and its amount when the account has loaded.
    await poll(() => lead.getByTestId('account-balance').textContent()).toContain('¥0.00');
    await screenshot(lead, 'outcomes-account');
  });
});
