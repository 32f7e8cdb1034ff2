/**
 * The demo's bilateral project through the browser, at 1366 px: the lead sees the gate waiting for
 * the institute, the institute signs off, the lead passes the gate into R&D, adds a task for the
 * institute, which moves it on its board.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startPlatform, type Platform } from './harness.js';
import { signIn } from './steps.js';

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

/** Opens the demo project from the projects list, through the header menu. */
async function openProject(page: Page): Promise<void> {
  await page.getByTestId('nav-projects').click();
  await page.getByTestId('project-row').filter({ hasText: PROJECT_TITLE }).click();
  await page.getByTestId('gate-panel').waitFor();
}

describe('a project through its first gate', () => {
  it('shows the gate waiting, takes the sign-off, passes into R&D and runs the task board', async () => {
    const lead = await signedIn('jingxiu@demo.consortia.cn');
    // The header fits at 1366 px: the projects and consortia entries are on the bar itself.
    await expect(lead.getByTestId('nav-projects').isVisible()).resolves.toBe(true);
    await expect(lead.getByTestId('nav-consortia').isVisible()).resolves.toBe(true);

    await openProject(lead);
    await lead.getByTestId('gate-blocked').waitFor();
    expect(await lead.getByTestId('gate-signoff').count()).toBe(2);
    await expect(lead.getByTestId('project-advance').isDisabled()).resolves.toBe(true);
    await expect(lead.getByTestId('milestone-status').first().textContent()).resolves.toBe('已完成');
    await screenshot(lead, 'projects-gate-waiting');

    const institute = await signedIn('institute@demo.consortia.cn');
    await openProject(institute);
    await institute.getByTestId('gate-sign').click();
    await institute.getByTestId('gate-open').waitFor();

    await lead.reload();
    await lead.getByTestId('gate-open').waitFor();
    await lead.getByTestId('project-advance').click();
    await lead.getByTestId('gate-panel').filter({ hasText: '研发阶段门' }).waitFor();
    await expect(
      lead.getByTestId('project-steps').locator('.ant-steps-item-process').textContent(),
    ).resolves.toContain('研发');

    // A task for the institute, on the board.
    await lead.getByTestId('project-tab-tasks').click();
    await lead.getByTestId('task-add').click();
    await lead.getByTestId('task-field-title').fill('提交翘曲在线测量报告');
    await lead.getByTestId('task-field-assignee').click();
    await lead.locator('.ant-select-item-option').filter({ hasText: '石湖' }).click();
    await lead.getByTestId('task-dialog-submit').click();
    await lead
      .getByTestId('task-column-open')
      .getByTestId('task-card')
      .filter({ hasText: '提交翘曲在线测量报告' })
      .waitFor();

    await institute.reload();
    await institute.getByTestId('project-tab-tasks').click();
    const card = institute.getByTestId('task-card').filter({ hasText: '提交翘曲在线测量报告' });
    await card.getByTestId('task-move').click();
    await institute.locator('.ant-select-item-option').filter({ hasText: '进行中' }).click();
    await institute
      .getByTestId('task-column-in_progress')
      .getByTestId('task-card')
      .filter({ hasText: '提交翘曲在线测量报告' })
      .waitFor();
    await screenshot(institute, 'projects-task-board');
  });
});
