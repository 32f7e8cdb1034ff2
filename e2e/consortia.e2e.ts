import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const NAME_ZH = `长三角车规功率芯片创新联合体（浏览器测试 ${Date.now()}）`;
const NAME_EN = 'Automotive Power Chip Innovation Consortium';
const RETURN_COMMENT = '请补充高校在联合体中承担的研发任务和成果分配安排。';

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await platform?.close();
});

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

/** Opens an antd Select, optionally types to search, and clicks the option with `text`. */
async function choose(page: Page, testId: string, text: string, search?: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  if (search) await select.locator('input').pressSequentially(search);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

function memberRow(page: Page, name: string) {
  return page.getByTestId('member-row').filter({ hasText: name });
}

async function designationOf(page: Page): Promise<string | null> {
  return page.getByTestId('consortium-detail').getAttribute('data-designation');
}

/** Opens the text dialog of a designation step, writes `text` and sends it. */
async function designationStep(page: Page, step: 'submit' | 'approve' | 'return', text: string) {
  await page.getByTestId(`designation-${step}`).click();
  await page.getByTestId('designation-dialog-text').fill(text);
  await page.getByTestId('designation-dialog-submit').click();
  await page.getByTestId('designation-dialog').waitFor({ state: 'detached' });
}

/** Accepts the invitation to the test consortium from the invitations inbox. */
async function acceptInvitation(page: Page): Promise<void> {
  await page.goto(`${platform.url}/consortia/invitations`);
  const invitation = page.getByTestId('invitation').filter({ hasText: NAME_ZH });
  await invitation.waitFor();
  await invitation.getByTestId('invitation-accept').click();
  await invitation.waitFor({ state: 'detached' });
}

describe('consortia in the browser', () => {
  it('forms a consortium, gathers members and takes it through designation to the public list', async () => {
    // The chain leader's admin founds a consortium.
    const lead = await signedIn('jingxiu@demo.consortia.cn');
    await lead.getByTestId('nav-consortia').click();
    await lead.getByTestId('consortia-table').waitFor();
    await lead.getByTestId('consortia-new').click();
    await lead.getByTestId('consortium-create-form').waitFor();
    await expect
      .poll(() => lead.getByTestId('consortium-field-lead').textContent())
      .toContain('苏州晶岫半导体股份有限公司');
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
    await lead.getByTestId('consortium-create-submit').click();
    await lead.getByTestId('consortium-detail').waitFor();
    expect(await designationOf(lead)).toBe('draft');
    expect(await memberRow(lead, '苏州晶岫半导体股份有限公司').getAttribute('data-status')).toBe('active');

    // It invites Soochow University as a core member and the SME as a member.
    await lead.getByTestId('consortium-invite-open').click();
    await choose(lead, 'consortium-invite-organization', '苏州大学', '苏州大学');
    await choose(lead, 'consortium-invite-role', '核心成员');
    await choose(lead, 'consortium-invite-chainPosition', '上游');
    await lead.getByTestId('consortium-invite-message').fill('诚邀贵校牵头封装可靠性课题。');
    await lead.getByTestId('consortium-invite-submit').click();
    await memberRow(lead, '苏州大学').waitFor();
    await lead.getByTestId('consortium-invite').waitFor({ state: 'detached' });

    await lead.getByTestId('consortium-invite-open').click();
    await choose(lead, 'consortium-invite-organization', '苏州矽程微电子有限公司', '矽程');
    await lead.getByTestId('consortium-invite-submit').click();
    await memberRow(lead, '苏州矽程微电子有限公司').waitFor();
    expect(await memberRow(lead, '苏州大学').getAttribute('data-status')).toBe('invited');
    expect(await memberRow(lead, '苏州大学').getByTestId('member-role').getAttribute('data-role')).toBe(
      'core',
    );
    // The lead may withdraw a pending invitation, and applying waits for enough members.
    expect(await memberRow(lead, '苏州大学').getByTestId('member-action-withdraw').count()).toBe(1);
    await screenshot(lead, 'consortia-invited');
    const detailPath = new URL(lead.url()).pathname;

    // Both invited organisations accept in their own sessions. The SME may not lead one itself.
    const university = await signedIn('suda@demo.consortia.cn');
    await acceptInvitation(university);
    const sme = await signedIn('sme@demo.consortia.cn');
    await sme.goto(`${platform.url}/consortia`);
    await sme.getByTestId('consortia-new').click();
    await sme.getByTestId('consortium-no-lead').waitFor();
    expect(await sme.getByTestId('consortium-create-submit').isDisabled()).toBe(true);
    await sme.keyboard.press('Escape');
    await sme.goto(`${platform.url}/consortia/invitations`);
    await sme.getByTestId('invitation').filter({ hasText: NAME_ZH }).waitFor();
    await screenshot(sme, 'consortia-invitations');
    await acceptInvitation(sme);
    expect(await sme.getByTestId('invitation').filter({ hasText: NAME_ZH }).count()).toBe(0);

    // The lead applies for designation.
    await lead.reload();
    await lead.getByTestId('consortium-detail').waitFor();
    expect(await memberRow(lead, '苏州大学').getAttribute('data-status')).toBe('active');
    expect(await memberRow(lead, '苏州矽程微电子有限公司').getAttribute('data-status')).toBe('active');
    await designationStep(lead, 'submit', '联合体已有牵头企业、高校和中小企业三家在册成员，申请认定。');
    await expect.poll(() => designationOf(lead)).toBe('submitted');
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
    await expect.poll(() => designationOf(office)).toBe('returned');

    // The lead reads the comment and applies again.
    await lead.reload();
    await lead.getByTestId('consortium-detail').waitFor();
    expect(await designationOf(lead)).toBe('returned');
    expect(await lead.getByTestId('designation-comments').textContent()).toContain(RETURN_COMMENT);
    await screenshot(lead, 'consortia-returned');
    await designationStep(lead, 'submit', '已补充苏州大学承担封装可靠性课题及成果分配安排。');
    await expect.poll(() => designationOf(lead)).toBe('submitted');

    // The office approves.
    await office.reload();
    await office.getByTestId('consortium-detail').waitFor();
    await designationStep(office, 'approve', '同意认定。');
    await expect.poll(() => designationOf(office)).toBe('approved');
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
    await office.getByTestId('policy-save').click();
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
  });
});
