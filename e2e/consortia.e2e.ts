import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startPlatform, type Platform } from './harness.js';
import {
  acceptInvitation,
  apiResponse,
  choose,
  chooseMany,
  dialogOpen,
  fillPatentSharesAtNinety,
  expectOk,
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

const NAME_ZH = `长三角车规功率芯片创新联合体（浏览器测试 ${Date.now()}）`;
const NAME_EN = 'Automotive Power Chip Innovation Consortium';
const RETURN_COMMENT = '请补充高校在联合体中承担的研发任务和成果分配安排。';
const LEAD = '苏州晶岫半导体股份有限公司';
const UNIVERSITY = '苏州大学';
const SME = '苏州矽程微电子有限公司';

// The sessions of the three members and the consortium's page, shared by the tests in order.
let lead: Page;
let university: Page;
let sme: Page;
let detailPath: string;

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

/** Each test drives several sessions through many steps; a shared CI machine may be slow. */
const LONG_TEST = 300_000;

async function designationOf(page: Page): Promise<string | null> {
  return page.getByTestId('consortium-detail').getAttribute('data-designation');
}

/**
 * Opens the text dialog of a designation step, writes `text` and sends it: the step's POST must
 * succeed (its error code is in the message otherwise), then the dialog must be gone.
 */
async function designationStep(page: Page, step: 'submit' | 'approve' | 'return', text: string) {
  await page.getByTestId(`designation-${step}`).click();
  const dialog = page.getByTestId('designation-dialog');
  await dialogOpen(page, dialog);
  await page.getByTestId('designation-dialog-text').fill(text);
  const answered = apiResponse(page, 'POST', (url) =>
    new RegExp(`^/api/v1/consortia/[^/]+/designation/${step}$`).test(url.pathname),
  );
  await page.getByTestId('designation-dialog-submit').click();
  await expectOk(await answered);
  await gone(dialog);
}

describe('consortia in the browser', () => {
  it(
    'forms a consortium, gathers members and takes it through designation to the public list',
    async () => {
      // The chain leader's admin founds a consortium.
      lead = await signedIn('jingxiu@demo.consortia.cn');
      await lead.getByTestId('nav-consortia').click();
      await lead.getByTestId('consortia-table').waitFor();
      await lead.getByTestId('consortia-new').click();
      await lead.getByTestId('consortium-create-form').waitFor();
      await poll(() => lead.getByTestId('consortium-field-lead').textContent()).toContain(
        '苏州晶岫半导体股份有限公司',
      );
      await lead.getByTestId('consortium-field-nameZh').fill(NAME_ZH);
      await lead.getByTestId('consortium-field-nameEn').fill(NAME_EN);
      await choose(lead, 'consortium-field-cluster', '集成电路');
      await choose(lead, 'consortium-field-chainPosition', '中游');
      await lead
        .getByTestId('consortium-field-summary')
        .fill('围绕车规碳化硅功率模块，联合上下游与高校攻关封装与可靠性。');
      await lead
        .getByTestId('consortium-field-objectives')
        .fill('三年内完成车规级碳化硅功率模块的国产化验证，建立联合可靠性实验平台。');
      await screenshot(lead, 'consortia-create');
      const created = apiResponse(lead, 'POST', (url) => url.pathname === '/api/v1/consortia');
      await lead.getByTestId('consortium-create-submit').click();
      await expectOk(await created);
      await gone(lead.getByTestId('consortium-create-form'));
      await lead.getByTestId('consortium-detail').waitFor();
      expect(await designationOf(lead)).toBe('draft');
      expect(await memberRow(lead, '苏州晶岫半导体股份有限公司').getAttribute('data-status')).toBe('active');

      // It invites Soochow University as a core member and the SME as a member.
      await invite(lead, '苏州大学', '苏州大学', async (page) => {
        await choose(page, 'consortium-invite-role', '核心成员');
        await choose(page, 'consortium-invite-chainPosition', '上游');
        await page.getByTestId('consortium-invite-message').fill('诚邀贵校牵头封装可靠性课题。');
      });
      await invite(lead, '苏州矽程微电子有限公司', '矽程');
      expect(await memberRow(lead, '苏州大学').getAttribute('data-status')).toBe('invited');
      expect(await memberRow(lead, '苏州大学').getByTestId('member-role').getAttribute('data-role')).toBe(
        'core',
      );
      // The lead may withdraw a pending invitation, and applying waits for enough members.
      expect(await memberRow(lead, '苏州大学').getByTestId('member-action-withdraw').count()).toBe(1);
      await screenshot(lead, 'consortia-invited');
      detailPath = new URL(lead.url()).pathname;

      // Both invited organisations accept in their own sessions. The SME may not lead one itself.
      university = await signedIn('suda@demo.consortia.cn');
      await acceptInvitation(university, NAME_ZH);
      sme = await signedIn('sme@demo.consortia.cn');
      await sme.goto(`${platform.url}/consortia`);
      await sme.getByTestId('consortia-new').click();
      await sme.getByTestId('consortium-no-lead').waitFor();
      expect(await sme.getByTestId('consortium-create-submit').isDisabled()).toBe(true);
      await sme.keyboard.press('Escape');
      await sme.goto(`${platform.url}/consortia/invitations`);
      await sme.getByTestId('invitation').filter({ hasText: NAME_ZH }).waitFor();
      await screenshot(sme, 'consortia-invitations');
      await acceptInvitation(sme, NAME_ZH);
      expect(await sme.getByTestId('invitation').filter({ hasText: NAME_ZH }).count()).toBe(0);

      // The lead applies for designation.
      await lead.reload();
      await lead.getByTestId('consortium-detail').waitFor();
      expect(await memberRow(lead, '苏州大学').getAttribute('data-status')).toBe('active');
      expect(await memberRow(lead, '苏州矽程微电子有限公司').getAttribute('data-status')).toBe('active');
      await designationStep(lead, 'submit', '联合体已有牵头企业、高校和中小企业三家在册成员，申请认定。');
      await poll(() => designationOf(lead)).toBe('submitted');
      // While under review the consortium is frozen: no invitations.
      expect(await lead.getByTestId('consortium-invite-open').count()).toBe(0);

      // The cluster office returns it with a comment.
      const office = await signedIn('office@demo.consortia.cn');
      await screenshot(office, 'consortia-office-header');
      await office.getByTestId('nav-consortia').click();
      await office.getByTestId('consortia-table').waitFor();
      await choose(office, 'consortia-filter-designation', '认定审核中');
      const row = office.getByTestId('consortium-row').filter({ hasText: NAME_ZH });
      await row.waitFor();
      await row.click();
      await office.getByTestId('consortium-detail').waitFor();
      await designationStep(office, 'return', RETURN_COMMENT);
      await poll(() => designationOf(office)).toBe('returned');

      // The lead reads the comment and applies again.
      await lead.reload();
      await lead.getByTestId('consortium-detail').waitFor();
      expect(await designationOf(lead)).toBe('returned');
      expect(await lead.getByTestId('designation-comments').textContent()).toContain(RETURN_COMMENT);
      await screenshot(lead, 'consortia-returned');
      await designationStep(lead, 'submit', '已补充苏州大学承担封装可靠性课题及成果分配安排。');
      await poll(() => designationOf(lead)).toBe('submitted');

      // The office approves.
      await office.reload();
      await office.getByTestId('consortium-detail').waitFor();
      await designationStep(office, 'approve', '同意认定。');
      await poll(() => designationOf(office)).toBe('approved');
      expect(await office.getByTestId('consortium-status').getAttribute('data-status')).toBe('active');
      expect(await office.getByTestId('designation-application').count()).toBe(2);
      await screenshot(office, 'consortia-approved');

      // The office's lead policy form shows the default rule: chain-leading and large enterprises lead.
      await office.goto(`${platform.url}/consortia`);
      await office.getByTestId('consortia-policy').click();
      await office.getByTestId('policy-form').waitFor();
      const sizes = office.getByTestId('policy-leadSizeClasses');
      expect(await sizes.getByRole('checkbox', { name: '链主企业' }).isChecked()).toBe(true);
      expect(await sizes.getByRole('checkbox', { name: '小型企业' }).isChecked()).toBe(false);
      const policySaved = apiResponse(office, 'PUT', (url) => url.pathname === '/api/v1/consortia/policy');
      await office.getByTestId('policy-save').click();
      await expectOk(await policySaved);
      await office.locator('.ant-message-success').waitFor();
      await screenshot(office, 'consortia-policy');

      // Anonymous visitors see it among the designated consortia, with its active members.
      const { context, page: visitor } = await newPage(browser);
      contexts.push(context);
      await visitor.goto(`${platform.url}/consortia`);
      const publicRow = visitor.getByTestId('consortium-row').filter({ hasText: NAME_ZH });
      await publicRow.waitFor();
      await publicRow.click();
      await visitor.getByTestId('consortium-detail').waitFor();
      expect(new URL(visitor.url()).pathname).toBe(detailPath);
      expect(await visitor.getByTestId('member-row').count()).toBe(3);
      expect(await visitor.getByTestId('designation-submit').count()).toBe(0);
      expect(await visitor.content()).not.toContain(RETURN_COMMENT);
      await screenshot(visitor, 'consortia-public');
    },
    LONG_TEST,
  );

  it(
    'drafts a charter with a wrong share total, is refused, fixes it, and all three members sign it',
    async () => {
      await lead.goto(`${platform.url}${detailPath}`);
      const section = lead.getByTestId('charter-section');
      await section.waitFor();
      await lead.getByTestId('charter-new-draft').click();
      const editor = lead.getByTestId('charter-editor');
      await editor.waitFor();
      expect(await editor.getAttribute('data-number')).toBe('1');

      // Objectives, one work package giving every member a duty, a contribution in yuan.
      await lead.getByTestId('charter-objective-add').click();
      await lead.getByTestId('charter-objective').fill('三年内完成车规级碳化硅功率模块的国产化验证。');
      await lead.getByTestId('charter-wp-add').click();
      await lead.getByTestId('charter-wp-title').fill('封装可靠性联合攻关');
      await choose(lead, 'charter-wp-responsible', LEAD);
      await chooseMany(lead, 'charter-wp-contributing', [UNIVERSITY, SME]);
      await lead.getByTestId('charter-contribution-add').click();
      await choose(lead, 'charter-contribution-member', LEAD);
      await lead.getByTestId('charter-contribution-description').fill('中试线建设资金');
      await lead.getByTestId('charter-contribution-value').fill('1,000,000.01');
      await lead.getByTestId('charter-dispute-add').click();

      // Patent shares of 50 + 30 + 10 percent: the live check names the total at once.
      const share = (table: string, name: string) => shareInput(lead, table, name);
      const patentIssue = await fillPatentSharesAtNinety(lead, [LEAD, UNIVERSITY, SME]);
      await lead.getByTestId('charter-foreground-copy').click();
      await lead.getByTestId('charter-shares-benefit').getByTestId('charter-share-split').click();
      await poll(() =>
        lead
          .getByTestId('charter-shares-benefit')
          .getByTestId('charter-share-total')
          .getAttribute('data-total'),
      ).toBe('10000');
      // Only the four foreground share tables are wrong now.
      await poll(() => lead.getByTestId('charter-issues-summary').getAttribute('data-count')).toBe('4');
      await screenshot(lead, 'charter-wrong-total');

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
      expect(await refusal.getByTestId('charter-refused-issue').count()).toBe(4);
      await screenshot(lead, 'charter-refused');

      // Fixed: 50 + 30 + 20, copied to every type of result; no issue left, and it opens.
      await share('patent', SME).fill('20');
      await patentIssue.waitFor({ state: 'detached' });
      await lead.getByTestId('charter-foreground-copy').click();
      await poll(() => lead.getByTestId('charter-issues-summary').getAttribute('data-count')).toBe('0');
      const opened = apiResponse(lead, 'POST', (url) => url.pathname.endsWith('/charter/versions/1/open'));
      await lead.getByTestId('charter-open-for-signature').click();
      expect((await opened).status()).toBe(200);
      await lead.getByTestId('consortium-detail').waitFor();
      const open = lead.getByTestId('charter-open');
      await poll(() => open.getAttribute('data-status')).toBe('signing');
      expect(await open.getByTestId('charter-missing').count()).toBe(3);
      expect(await open.getByTestId('charter-contribution-value').first().textContent()).toBe(
        '¥1,000,000.01',
      );

      // Each member's admin signs for its organisation, confirming the digest shown.
      await signCharter(lead, `${platform.url}${detailPath}`, LEAD);
      await poll(() => lead.getByTestId('charter-open').getByTestId('charter-signed-by').count()).toBe(1);
      await screenshot(lead, 'charter-signing');
      await signCharter(university, `${platform.url}${detailPath}`, UNIVERSITY);
      await signCharter(sme, `${platform.url}${detailPath}`, SME);

      // With the last signature the version is in force, for every member.
      const effective = sme.getByTestId('charter-effective');
      await effective.waitFor();
      expect(await effective.getAttribute('data-status')).toBe('effective');
      expect(await effective.getAttribute('data-number')).toBe('1');
      expect(await effective.getByTestId('charter-signed-by').count()).toBe(3);
      expect(await effective.getByTestId('charter-missing').count()).toBe(0);
      expect(await sme.getByTestId('charter-open').count()).toBe(0);
      await screenshot(sme, 'charter-effective');
    },
    LONG_TEST,
  );

  it(
    'amends the charter and shows the diff between the two versions',
    async () => {
      await lead.goto(`${platform.url}${detailPath}`);
      await lead.getByTestId('charter-effective').waitFor();
      await lead.getByTestId('charter-new-draft').click();
      const editor = lead.getByTestId('charter-editor');
      await editor.waitFor();
      expect(await editor.getAttribute('data-number')).toBe('2');
      // The amendment starts from the version in force: no issues, the amount as stored.
      expect(await lead.getByTestId('charter-issues-summary').getAttribute('data-count')).toBe('0');
      // A second tab of the same admin loads the same draft before the first one saves.
      const other = await lead.context().newPage();
      await other.goto(lead.url());
      await other.getByTestId('charter-editor').waitFor();

      const value = lead.getByTestId('charter-contribution-value');
      expect(await value.inputValue()).toBe('1,000,000.01');
      await value.fill('1200000.5');
      const saved = apiResponse(lead, 'PUT', (url) => url.pathname.endsWith('/charter/versions/2'));
      await lead.getByTestId('charter-save').click();
      expect((await saved).status()).toBe(200);

      // The stale tab's save is refused as a conflict, shown with a way to load the latest draft.
      await other.getByTestId('charter-objective').fill('三年内完成国产化验证并实现量产。');
      const stale = apiResponse(other, 'PUT', (url) => url.pathname.endsWith('/charter/versions/2'));
      await other.getByTestId('charter-save').click();
      expect((await stale).status()).toBe(409);
      const conflict = other.getByTestId('charter-save-error');
      await conflict.waitFor();
      await conflict.getByTestId('error-reload').click();
      await poll(() => other.getByTestId('charter-contribution-value').inputValue()).toBe('1,200,000.50');
      expect(await other.getByTestId('charter-save-error').count()).toBe(0);
      await other.close();

      await lead.getByTestId('charter-back').click();

      await lead.getByTestId('consortium-detail').waitFor();
      await poll(() => lead.getByTestId('charter-version-row').count()).toBe(2);
      const diffed = apiResponse(lead, 'GET', (url) => url.pathname.endsWith('/charter/diff'));
      await lead.getByTestId('charter-diff-show').click();
      const diffResponse = await diffed;
      expect(diffResponse.status()).toBe(200);
      expect(new URL(diffResponse.url()).searchParams.get('from')).toBe('1');
      expect(new URL(diffResponse.url()).searchParams.get('to')).toBe('2');
      const change = lead.getByTestId('charter-change').filter({ hasText: 'contributions[C1].valuationFen' });
      await change.waitFor();
      expect(await change.getAttribute('data-kind')).toBe('changed');
      expect(await change.getByTestId('charter-change-before').textContent()).toContain('¥1,000,000.01');
      expect(await change.getByTestId('charter-change-after').textContent()).toContain('¥1,200,000.50');
      expect(await change.textContent()).toContain('投入');
      await screenshot(lead, 'charter-diff');
    },
    LONG_TEST,
  );
});
