/**
 * The whole path of issue 4 through the browser, each organisation in its own session, in Chinese:
 * a leading enterprise forms a consortium with a university and an SME; its charter is refused
 * with the exact message for a wrong share total, fixed, and signed by all three; the consortium's
 * project passes its first gate (立项 → 研发) once its milestone is done with evidence and the parties
 * the charter names have signed off; the SME lets a task go overdue and is flagged, and the lead is
 * notified; a licence income of ¥1,000,000.01 is distributed exactly to the fen.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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
const contexts: BrowserContext[] = [];

const STAMP = Date.now();
const NAME_ZH = `车规功率芯片全链条创新联合体（全流程测试 ${STAMP}）`;
const PROJECT_TITLE = `车规碳化硅功率模块联合攻关（全流程测试 ${STAMP}）`;
const LEAD = '苏州晶岫半导体股份有限公司';
const UNIVERSITY = '苏州大学';
const SME = '苏州矽程微电子有限公司';
const MILESTONE = '立项申报书与技术方案通过评审';
const TASK = '提交封装样品的可靠性测试数据';

/** Each step drives several sessions through many states; the machine may be loaded. */
const LONG_TEST = 600_000;

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
async function signedIn(email: string): Promise<Page> {
  const { context, page } = await newPage(browser);
  contexts.push(context);
  await page.goto(`${platform.url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu-name').waitFor();
  return page;
}

/** expect.poll with room for a busy machine (vitest's default gives up after one second). */
function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 30_000, interval: 100 });
}

/**
 * Opens the list of an antd Select (unless open) and returns it once it has settled: the list its
 * input controls (`aria-controls`), with its opening animation over (as in consortia.e2e.ts).
 */
async function openList(page: Page, select: Locator): Promise<Locator> {
  const input = select.locator('input[aria-controls]');
  if ((await input.count()) === 0) await select.click();
  await input.waitFor({ state: 'attached' });
  const listId = await input.getAttribute('aria-controls');
  const list = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId ?? ''}"]`) });
  await list.waitFor();
  await poll(() => list.getAttribute('class')).not.toMatch(/-(enter|appear|leave)/);
  return list;
}

/** Clicks the option with `text` in an open list and waits until the Select shows it chosen. */
async function pickOption(page: Page, select: Locator, list: Locator, text: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await list.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
    try {
      await expect.poll(() => select.textContent(), { timeout: 5_000 }).toContain(text);
      return;
    } catch (error) {
      // A click that a busy browser delivered to a neighbouring option: open the list and pick again.
      if (attempt >= 3) throw error;
      list = await openList(page, select);
    }
  }
}

/** Opens an antd Select and chooses the option with `text`. */
async function choose(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  await pickOption(page, select, await openList(page, select), text);
}

/** Picks several options of a multiple Select, then closes its list. */
async function chooseMany(page: Page, testId: string, texts: readonly string[]): Promise<void> {
  const select = page.getByTestId(testId);
  for (const text of texts) await pickOption(page, select, await openList(page, select), text);
  await page.keyboard.press('Escape');
}

/** Resolves with the response of the API request that `matches`, registered before the action. */
function apiResponse(page: Page, method: string, matches: (url: URL) => boolean) {
  return page.waitForResponse(
    (response) => response.request().method() === method && matches(new URL(response.url())),
  );
}

function memberRow(page: Page, name: string) {
  return page.getByTestId('member-row').filter({ hasText: name });
}

/** Invites an organisation through the invitation dialog, waiting for the member's row. */
async function invite(page: Page, name: string, search: string): Promise<void> {
  await page.getByTestId('consortium-invite-open').click();
  const dialog = page.getByTestId('consortium-invite');
  await dialog.waitFor();
  const select = page.getByTestId('consortium-invite-organization');
  const list = await openList(page, select);
  const searched = apiResponse(
    page,
    'GET',
    (url) => url.pathname === '/api/v1/organizations' && url.searchParams.get('q') === search,
  );
  await select.locator('input').fill(search);
  expect((await searched).ok()).toBe(true);
  await pickOption(page, select, list, name);
  const posted = apiResponse(page, 'POST', (url) =>
    /^\/api\/v1\/consortia\/[^/]+\/members$/.test(url.pathname),
  );
  await page.getByTestId('consortium-invite-submit').click();
  expect((await posted).ok()).toBe(true);
  await dialog.waitFor({ state: 'detached' });
  await memberRow(page, name).waitFor();
}

/** Accepts the invitation to the test consortium from the invitations inbox. */
async function acceptInvitation(page: Page): Promise<void> {
  await page.goto(`${platform.url}/consortia/invitations`);
  const invitation = page.getByTestId('invitation').filter({ hasText: NAME_ZH });
  await invitation.waitFor();
  const accepted = apiResponse(page, 'POST', (url) => url.pathname.includes('/consortia/'));
  await invitation.getByTestId('invitation-accept').click();
  expect((await accepted).ok()).toBe(true);
  await invitation.waitFor({ state: 'detached' });
}

/** A date `days` before today, as yyyy-mm-dd. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

// The three sessions and the pages they share, step after step.
let lead: Page;
let university: Page;
let sme: Page;
let consortiumPath: string;
let projectPath: string;

describe('the whole path: consortium, charter, project gate, engagement flag, exact distribution', () => {
  it(
    'forms the consortium: the lead invites a university and an SME, both accept',
    async () => {
      lead = await signedIn('jingxiu@demo.consortia.cn');
      await lead.getByTestId('nav-consortia').click();
      await lead.getByTestId('consortia-table').waitFor();
      await lead.getByTestId('consortia-new').click();
      await lead.getByTestId('consortium-create-form').waitFor();
      await poll(() => lead.getByTestId('consortium-field-lead').textContent()).toContain(LEAD);
      await lead.getByTestId('consortium-field-nameZh').fill(NAME_ZH);
      await lead.getByTestId('consortium-field-nameEn').fill('Automotive Power Chip Whole-Chain Consortium');
      await choose(lead, 'consortium-field-cluster', '集成电路');
      await choose(lead, 'consortium-field-chainPosition', '中游');
      await lead
        .getByTestId('consortium-field-summary')
        .fill('链主企业牵头，联合高校与中小企业攻关车规功率模块。');
      await lead
        .getByTestId('consortium-field-objectives')
        .fill('三年内完成车规级碳化硅功率模块的国产化验证并实现收益。');
      await lead.getByTestId('consortium-create-submit').click();
      await lead.getByTestId('consortium-detail').waitFor();
      consortiumPath = new URL(lead.url()).pathname;

      await invite(lead, UNIVERSITY, UNIVERSITY);
      await invite(lead, SME, '矽程');
      expect(await memberRow(lead, UNIVERSITY).getAttribute('data-status')).toBe('invited');
      expect(await memberRow(lead, SME).getAttribute('data-status')).toBe('invited');
      await screenshot(lead, 'whole-path-1-invited');

      university = await signedIn('suda@demo.consortia.cn');
      await acceptInvitation(university);
      sme = await signedIn('sme@demo.consortia.cn');
      await acceptInvitation(sme);

      await lead.reload();
      await lead.getByTestId('consortium-detail').waitFor();
      await poll(() => memberRow(lead, UNIVERSITY).getAttribute('data-status')).toBe('active');
      await poll(() => memberRow(lead, SME).getAttribute('data-status')).toBe('active');
      expect(await lead.getByTestId('member-row').count()).toBe(3);
      await screenshot(lead, 'whole-path-1-formed');
    },
    LONG_TEST,
  );

  it(
    'refuses a charter with a wrong share total with the exact message, then all three sign the fixed one',
    async () => {
      await lead.goto(`${platform.url}${consortiumPath}`);
      await lead.getByTestId('charter-section').waitFor();
      await lead.getByTestId('charter-new-draft').click();
      const editor = lead.getByTestId('charter-editor');
      await editor.waitFor();
      expect(await editor.getAttribute('data-number')).toBe('1');

      // One work package of the 立项 stage: the lead responsible, the university and the SME
      // contributing, so every member has a duty and all three sign off the first gate.
      await lead.getByTestId('charter-objective-add').click();
      await lead.getByTestId('charter-objective').fill('完成车规级碳化硅功率模块的立项论证与联合研发。');
      await lead.getByTestId('charter-wp-add').click();
      await lead.getByTestId('charter-wp-title').fill('立项论证与技术方案');
      await choose(lead, 'charter-wp-stage', '立项');
      await choose(lead, 'charter-wp-responsible', LEAD);
      await chooseMany(lead, 'charter-wp-contributing', [UNIVERSITY, SME]);
      await lead.getByTestId('charter-dispute-add').click();

      // Patent shares 50 + 30 + 10 = 90 %: the live check names the total.
      const share = (table: string, name: string) =>
        lead
          .getByTestId(`charter-shares-${table}`)
          .getByTestId('charter-share')
          .filter({ hasText: name })
          .getByTestId('charter-share-percent');
      await share('patent', LEAD).fill('50');
      await share('patent', UNIVERSITY).fill('30');
      await share('patent', SME).fill('10');
      const wrongTotal =
        '专利的前景知识产权份额合计 9,000 个基点（90.00%）；必须恰好为 10,000 个基点（100%）';
      const patentIssue = lead
        .getByTestId('charter-shares-patent')
        .getByTestId('charter-field-issue')
        .filter({ hasText: wrongTotal });
      await patentIssue.waitFor();
      expect(await patentIssue.getAttribute('data-code')).toBe('charter.shares_not_10000');
      await lead.getByTestId('charter-foreground-copy').click();
      // Income in fixed shares of 33.34 / 33.33 / 33.33 %.
      await share('benefit', LEAD).fill('33.34');
      await share('benefit', UNIVERSITY).fill('33.33');
      await share('benefit', SME).fill('33.33');
      await poll(() =>
        lead
          .getByTestId('charter-shares-benefit')
          .getByTestId('charter-share-total')
          .getAttribute('data-total'),
      ).toBe('10000');
      await poll(() => lead.getByTestId('charter-issues-summary').getAttribute('data-count')).toBe('4');

      // Saved with its issues; opening it for signature is refused with the same message.
      const saved = apiResponse(lead, 'PUT', (url) => url.pathname.endsWith('/charter/versions/1'));
      await lead.getByTestId('charter-save').click();
      expect((await saved).status()).toBe(200);
      await poll(() => editor.getAttribute('data-dirty')).toBe('false');
      const refused = apiResponse(lead, 'POST', (url) => url.pathname.endsWith('/charter/versions/1/open'));
      await lead.getByTestId('charter-open-for-signature').click();
      expect((await refused).status()).toBe(400);
      const refusal = lead.getByTestId('charter-open-refused');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain(wrongTotal);
      await screenshot(lead, 'whole-path-2-refused');

      // Fixed to 50 + 30 + 20 for every type of result; it opens for signature.
      await share('patent', SME).fill('20');
      await patentIssue.waitFor({ state: 'detached' });
      await lead.getByTestId('charter-foreground-copy').click();
      await poll(() => lead.getByTestId('charter-issues-summary').getAttribute('data-count')).toBe('0');
      const opened = apiResponse(lead, 'POST', (url) => url.pathname.endsWith('/charter/versions/1/open'));
      await lead.getByTestId('charter-open-for-signature').click();
      expect((await opened).status()).toBe(200);
      await lead.getByTestId('consortium-detail').waitFor();
      await poll(() => lead.getByTestId('charter-open').getAttribute('data-status')).toBe('signing');

      const signAs = async (page: Page, organization: string) => {
        await page.goto(`${platform.url}${consortiumPath}`);
        const version = page.getByTestId('charter-open');
        await version.waitFor();
        const digest = await version.getByTestId('charter-digest').textContent();
        const button = version.getByTestId('charter-sign');
        expect(await button.textContent()).toContain(organization);
        await button.click();
        const dialog = page.getByTestId('charter-sign-dialog');
        await dialog.waitFor();
        expect(await dialog.getByTestId('charter-sign-digest').textContent()).toBe(digest);
        const signed = apiResponse(page, 'POST', (url) => url.pathname.endsWith('/charter/versions/1/sign'));
        await page.getByTestId('charter-sign-confirm').click();
        expect((await signed).status()).toBe(200);
        await dialog.waitFor({ state: 'detached' });
      };
      await signAs(lead, LEAD);
      await signAs(university, UNIVERSITY);
      await signAs(sme, SME);

      const effective = sme.getByTestId('charter-effective');
      await effective.waitFor();
      expect(await effective.getAttribute('data-status')).toBe('effective');
      expect(await effective.getAttribute('data-number')).toBe('1');
      expect(await effective.getByTestId('charter-signed-by').count()).toBe(3);
      expect(await sme.getByTestId('charter-open').count()).toBe(0);
      await screenshot(sme, 'whole-path-2-effective');
    },
    LONG_TEST,
  );

  it(
    'creates the project and passes the 立项 → 研发 gate after the milestone and the named sign-offs',
    async () => {
      await lead.getByTestId('nav-projects').click();
      await lead.getByTestId('projects-new').click();
      await lead.getByTestId('project-create-form').waitFor();
      await choose(lead, 'project-field-consortium', NAME_ZH);
      await lead.getByTestId('project-field-title').fill(PROJECT_TITLE);
      await lead.getByTestId('project-field-summary').fill('联合体章程下的首个项目。');
      const created = apiResponse(lead, 'POST', (url) => url.pathname === '/api/v1/projects');
      await lead.getByTestId('project-create-submit').click();
      expect((await created).ok()).toBe(true);
      await lead.getByTestId('gate-panel').waitFor();
      await poll(() => new URL(lead.url()).pathname).toMatch(/^\/projects\/[^/]+$/);
      projectPath = new URL(lead.url()).pathname;
      await lead.getByTestId('gate-blocked').waitFor();
      // The charter's 立项 work package names all three members.
      expect(await lead.getByTestId('gate-signoff').count()).toBe(3);
      expect(await lead.getByTestId('project-advance').isDisabled()).toBe(true);

      // The stage's milestone, done with evidence.
      await lead.getByTestId('milestone-add').click();
      await lead.getByTestId('milestone-field-title').fill(MILESTONE);
      await choose(lead, 'milestone-field-responsible', LEAD);
      const added = apiResponse(lead, 'POST', (url) => url.pathname.endsWith('/milestones'));
      await lead.getByTestId('milestone-dialog-submit').click();
      expect((await added).ok()).toBe(true);
      const milestone = lead.getByTestId('milestone-row').filter({ hasText: MILESTONE });
      await milestone.waitFor();
      await lead.getByTestId('milestone-field-title').waitFor({ state: 'detached' });
      await lead.getByTestId('gate-missing-milestone').filter({ hasText: MILESTONE }).waitFor();
      await milestone.getByTestId('milestone-complete').click();
      await lead.getByTestId('milestone-field-reference').fill('LX-2026-001 立项评审意见.pdf');
      await lead.getByTestId('milestone-field-note').fill('专家评审通过，技术方案定稿。');
      const completed = apiResponse(lead, 'POST', (url) => url.pathname.includes('/milestones/'));
      await lead.getByTestId('milestone-dialog-submit').click();
      expect((await completed).ok()).toBe(true);
      await lead.getByTestId('milestone-field-reference').waitFor({ state: 'detached' });
      await poll(() => milestone.getByTestId('milestone-status').textContent()).toBe('已完成');
      await lead.getByTestId('gate-missing-milestone').waitFor({ state: 'detached' });
      await screenshot(lead, 'whole-path-3-gate-waiting');

      // Every party the charter names signs off, each in its own session.
      const signOff = async (page: Page, organization: string) => {
        await page.goto(`${platform.url}${projectPath}`);
        await page.getByTestId('gate-panel').waitFor();
        const row = page.getByTestId('gate-signoff').filter({ hasText: organization });
        const signed = apiResponse(page, 'POST', (url) => url.pathname.startsWith(`/api/v1${projectPath}/`));
        await row.getByTestId('gate-sign').click();
        expect((await signed).ok()).toBe(true);
        await poll(() => row.textContent()).toContain('已签署');
      };
      await signOff(lead, LEAD);
      await signOff(university, UNIVERSITY);
      await signOff(sme, SME);

      await lead.reload();
      await lead.getByTestId('gate-open').waitFor();
      const advanced = apiResponse(lead, 'POST', (url) => url.pathname.startsWith(`/api/v1${projectPath}/`));
      await lead.getByTestId('project-advance').click();
      expect((await advanced).ok()).toBe(true);
      await lead.getByTestId('gate-panel').filter({ hasText: '研发阶段门' }).waitFor();
      expect(
        await lead.getByTestId('project-steps').locator('.ant-steps-item-process').textContent(),
      ).toContain('研发');
      await screenshot(lead, 'whole-path-3-advanced');
    },
    LONG_TEST,
  );

  it(
    'flags the SME whose task is overdue, on the heat map and in the lead’s notifications',
    async () => {
      // A task for the SME, due a week ago and never done.
      await lead.goto(`${platform.url}${projectPath}`);
      await lead.getByTestId('project-tab-tasks').click();
      await lead.getByTestId('task-add').click();
      await lead.getByTestId('task-field-title').fill(TASK);
      await choose(lead, 'task-field-assignee', SME);
      await lead.getByTestId('task-field-dueDate').fill(daysAgo(7));
      const added = apiResponse(lead, 'POST', (url) => url.pathname.endsWith('/tasks'));
      await lead.getByTestId('task-dialog-submit').click();
      expect((await added).ok()).toBe(true);
      const card = lead.getByTestId('task-column-open').getByTestId('task-card').filter({ hasText: TASK });
      await card.waitFor();
      await card.getByTestId('task-overdue').waitFor();

      // "Check now" on the 参与度 tab raises the flag.
      await lead.getByTestId('project-tab-engagement').click();
      await lead.getByTestId('engagement-tab').waitFor();
      const swept = apiResponse(lead, 'POST', (url) => url.pathname.startsWith(`/api/v1${projectPath}/`));
      await lead.getByTestId('engagement-sweep').click();
      expect((await swept).ok()).toBe(true);
      const flag = lead.getByTestId('flag-list').locator('tr').filter({ hasText: SME });
      await flag.waitFor();
      expect(await flag.textContent()).toContain('有逾期任务');
      const heatRow = lead.getByTestId('heat-map').locator('tr').filter({ hasText: SME });
      await heatRow.locator('[data-testid="heat-cell"][data-flagged="true"]').first().waitFor();
      for (const other of [LEAD, UNIVERSITY]) {
        const row = lead.getByTestId('heat-map').locator('tr').filter({ hasText: other });
        expect(await row.locator('[data-testid="heat-cell"][data-flagged="true"]').count()).toBe(0);
      }
      await screenshot(lead, 'whole-path-4-flagged');

      // The lead's bell carries the notification.
      await lead.reload();
      await lead.getByTestId('engagement-tab').waitFor();
      await lead.getByTestId('notification-bell').click();
      const note = lead
        .getByTestId('notification-bell-item')
        .filter({ hasText: PROJECT_TITLE })
        .filter({ hasText: SME });
      await note.waitFor();
      expect(await note.textContent()).toContain('被标记');
      expect(await note.getAttribute('data-unread')).toBe('true');
      await screenshot(lead, 'whole-path-4-notification');
      await lead.keyboard.press('Escape');
    },
    LONG_TEST,
  );

  it(
    'distributes a licence income of ¥1,000,000.01 exactly, and a member sees its entry',
    async () => {
      await lead.goto(`${platform.url}${projectPath}`);
      await lead.getByTestId('project-tab-outcomes').click();
      await lead.getByTestId('outcomes-tab').waitFor();
      await lead.getByTestId('income-record').click();
      const amount = lead.getByTestId('income-amount');
      await amount.waitFor();
      await amount.fill('1000000.01');
      await lead.getByTestId('income-received-on').fill(daysAgo(1));
      await lead.getByTestId('income-payer').fill('无锡整车制造有限公司');
      const recorded = apiResponse(lead, 'POST', (url) => url.pathname.endsWith('/income'));
      await lead
        .locator('.ant-modal-wrap')
        .filter({ has: amount })
        .locator('.ant-modal-footer .ant-btn-primary')
        .click();
      expect((await recorded).ok()).toBe(true);
      await amount.waitFor({ state: 'detached' });

      // The statement: each member's part exact to the fen, adding up to the whole.
      const statement = lead.getByTestId('income-recorded').getByTestId('income-statement');
      await statement.waitFor();
      const part = (name: string) =>
        statement.locator('tr').filter({ hasText: name }).getByTestId('statement-total').textContent();
      expect(await part(LEAD)).toBe('¥333,400.01');
      expect(await part(UNIVERSITY)).toBe('¥333,300.00');
      expect(await part(SME)).toBe('¥333,300.00');
      expect(await statement.getByTestId('statement-sum').textContent()).toBe('¥1,000,000.01');
      await screenshot(lead, 'whole-path-5-statement');
      await lead.keyboard.press('Escape');
      await lead.getByTestId('income-recorded').waitFor({ state: 'hidden' });
      await poll(() => lead.getByTestId('income-amount-cell').first().textContent()).toBe('¥1,000,000.01');

      // The university sees its entry on 我的收益.
      await university.goto(`${platform.url}/my/income`);
      const entry = university
        .getByTestId('account-entries')
        .locator('tr')
        .filter({ hasText: PROJECT_TITLE });
      await entry.waitFor();
      expect(await entry.getByTestId('account-entry-amount').textContent()).toBe('¥333,300.00');
      await poll(() => university.getByTestId('account-balance').textContent()).toContain('¥333,300.00');
      await screenshot(university, 'whole-path-5-my-income');
    },
    LONG_TEST,
  );
});
