/**
 * The demo's bilateral project through the browser, at 1366 px: the lead sees the gate waiting for
 * the institute, the institute signs off, the lead passes the gate into R&D, adds a task for the
 * institute, which moves it on its board. Then the lead edits a milestone's due date and the
 * project's title, and the page shows both.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startPlatform, type Platform } from './harness.js';
import { apiResponse, choose, dialogOpen, expectOk, gone, poll, signIn } from './steps.js';

let platform: Platform;
let browser: Browser;
const contexts: BrowserContext[] = [];

const PROJECT_TITLE = '先进封装翘曲表征联合攻关';
const NEW_TITLE = '扇出型封装翘曲在线表征联合攻关';
const MILESTONE = '热-力耦合仿真模型评审';

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

  it('lets the lead edit a milestone due date and the project title', async () => {
    const lead = await signedIn('jingxiu@demo.consortia.cn');
    await openProject(lead);

    // A milestone of the current stage (R&D), added through the shared milestone form.
    await lead.getByTestId('milestone-add').click();
    const titleField = lead.getByTestId('milestone-field-title');
    await dialogOpen(lead, titleField);
    await titleField.fill(MILESTONE);
    await choose(lead, 'milestone-field-responsible', '石湖');
    const added = apiResponse(lead, 'POST', (url) => url.pathname.endsWith('/milestones'));
    await lead.getByTestId('milestone-dialog-submit').click();
    await expectOk(await added);
    await gone(titleField);
    const row = lead.getByTestId('milestone-row').filter({ hasText: MILESTONE });
    await row.waitFor();

    // Its edit dialog starts from the milestone as it is; the new due date shows in its row.
    await row.getByTestId('milestone-edit').click();
    const dueDate = lead.getByTestId('milestone-field-dueDate');
    await dialogOpen(lead, dueDate);
    expect(await lead.getByTestId('milestone-field-title').inputValue()).toBe(MILESTONE);
    await dueDate.fill('2027-03-31');
    const edited = apiResponse(lead, 'PATCH', (url) => /\/milestones\/[^/]+$/.test(url.pathname));
    await lead.getByTestId('milestone-dialog-submit').click();
    await expectOk(await edited);
    await gone(dueDate);
    await poll(() => row.textContent()).toContain('2027-03-31');

    // The project's title, edited from the page header.
    await lead.getByTestId('project-edit').click();
    const projectTitle = lead.getByTestId('project-edit-title');
    await dialogOpen(lead, projectTitle);
    expect(await projectTitle.inputValue()).toBe(PROJECT_TITLE);
    await projectTitle.fill(NEW_TITLE);
    const patched = apiResponse(lead, 'PATCH', (url) => /^\/api\/v1\/projects\/[^/]+$/.test(url.pathname));
    await lead.getByTestId('project-edit-submit').click();
    await expectOk(await patched);
    await gone(lead.getByTestId('project-edit-dialog'));
    await poll(() => lead.getByTestId('project-title').textContent()).toBe(NEW_TITLE);

    // Both are the server's now: they stay after a reload.
    await lead.reload();
    await poll(() => lead.getByTestId('project-title').textContent()).toBe(NEW_TITLE);
    await poll(() => row.textContent()).toContain('2027-03-31');
  });
});
