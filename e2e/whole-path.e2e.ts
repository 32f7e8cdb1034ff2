/**
 * The whole path of issue 4 through the browser, each organisation in its own session, in Chinese:
 * a leading enterprise forms a consortium with a university and an SME; its charter is refused
 * with the exact message for a wrong share total, fixed, and signed by all three; the consortium's
 * project passes its first gate (立项 → 研发) once its milestone is done with evidence and the parties
 * the charter names have signed off; the SME lets a task go overdue and is flagged, and the lead is
 * notified; a licence income of ¥1,000,000.01 is distributed exactly to the fen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startPlatform, type Platform } from './harness.js';
import {
  acceptInvitation,
  apiResponse,
  choose,
  chooseMany,
  expectOk,
  fillPatentSharesAtNinety,
  gone,
  invite,
  memberRow,
  PATENT_SHARES_AT_NINETY,
  poll,
  shareInput,
  signCharter,
  signIn,
} from './steps.js';

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
function signedIn(email: string): Promise<Page> {
  return signIn(browser, platform.url, contexts, email);
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
      const created = apiResponse(lead, 'POST', (url) => url.pathname === '/api/v1/consortia');
      await lead.getByTestId('consortium-create-submit').click();
      await expectOk(await created);
      await gone(lead.getByTestId('consortium-create-form'));
      await lead.getByTestId('consortium-detail').waitFor();
      consortiumPath = new URL(lead.url()).pathname;

      await invite(lead, UNIVERSITY, UNIVERSITY);
      await invite(lead, SME, '矽程');
      expect(await memberRow(lead, UNIVERSITY).getAttribute('data-status')).toBe('invited');
      expect(await memberRow(lead, SME).getAttribute('data-status')).toBe('invited');
      await screenshot(lead, 'whole-path-1-invited');

      university = await signedIn('suda@demo.consortia.cn');
      await acceptInvitation(university, NAME_ZH);
      sme = await signedIn('sme@demo.consortia.cn');
      await acceptInvitation(sme, NAME_ZH);

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
      const share = (table: string, name: string) => shareInput(lead, table, name);
      const patentIssue = await fillPatentSharesAtNinety(lead, [LEAD, UNIVERSITY, SME]);
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
      expect(await refusal.textContent()).toContain(PATENT_SHARES_AT_NINETY);
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

      await signCharter(lead, `${platform.url}${consortiumPath}`, LEAD);
      await signCharter(university, `${platform.url}${consortiumPath}`, UNIVERSITY);
      await signCharter(sme, `${platform.url}${consortiumPath}`, SME);

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
      await expectOk(await created);
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
      await expectOk(await added);
      const milestone = lead.getByTestId('milestone-row').filter({ hasText: MILESTONE });
      await milestone.waitFor();
      await gone(lead.getByTestId('milestone-field-title'));
      await lead.getByTestId('gate-missing-milestone').filter({ hasText: MILESTONE }).waitFor();
      await milestone.getByTestId('milestone-complete').click();
      await lead.getByTestId('milestone-field-reference').fill('LX-2026-001 立项评审意见.pdf');
      await lead.getByTestId('milestone-field-note').fill('专家评审通过，技术方案定稿。');
      const completed = apiResponse(lead, 'POST', (url) => url.pathname.includes('/milestones/'));
      await lead.getByTestId('milestone-dialog-submit').click();
      await expectOk(await completed);
      await gone(lead.getByTestId('milestone-field-reference'));
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
        await expectOk(await signed);
        await poll(() => row.textContent()).toContain('已签署');
      };
      await signOff(lead, LEAD);
      await signOff(university, UNIVERSITY);
      await signOff(sme, SME);

      await lead.reload();
      await lead.getByTestId('gate-open').waitFor();
      const advanced = apiResponse(lead, 'POST', (url) => url.pathname.startsWith(`/api/v1${projectPath}/`));
      await lead.getByTestId('project-advance').click();
      await expectOk(await advanced);
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
      await expectOk(await added);
      const card = lead.getByTestId('task-column-open').getByTestId('task-card').filter({ hasText: TASK });
      await card.waitFor();
      await card.getByTestId('task-overdue').waitFor();

      // "Check now" on the 参与度 tab raises the flag.
      await lead.getByTestId('project-tab-engagement').click();
      await lead.getByTestId('engagement-tab').waitFor();
      const swept = apiResponse(lead, 'POST', (url) => url.pathname.startsWith(`/api/v1${projectPath}/`));
      await lead.getByTestId('engagement-sweep').click();
      await expectOk(await swept);
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
      await expectOk(await recorded);
      await gone(amount);

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
      await gone(lead.getByTestId('income-recorded'));
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
