import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAchievementInTransaction } from '../src/modules/directory/service.js';
import { launchBrowser, screenshot, startPlatform, type Platform } from './harness.js';
import { signIn } from './steps.js';

let platform: Platform;
let browser: Browser;
const contexts: BrowserContext[] = [];
let achievementId: string;

const ACHIEVEMENT_TITLE = '车规级碳化硅功率模块用氮化硅陶瓷覆铜基板';
const ACHIEVEMENT_SECRET = '活性金属钎焊界面空洞率低于 1%';

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  // Soochow University's technology-transfer office has a result it shows only under NDA. (The
  // demo invents no results for real universities, so the test brings its own.)
  const suda = await platform.ctx.db
    .selectFrom('organization')
    .select('id')
    .where('name_zh', '=', '苏州大学')
    .executeTakeFirstOrThrow();
  achievementId = await platform.ctx.db.transaction().execute((tx) =>
    insertAchievementInTransaction(
      tx,
      {
        ownerOrganizationId: suda.id,
        title: ACHIEVEMENT_TITLE,
        description: `高导热氮化硅陶瓷基板与铜层的活性金属钎焊覆铜工艺，${ACHIEVEMENT_SECRET}，热循环 3000 次无分层。`,
        keywords: ['氮化硅', '覆铜基板', '活性金属钎焊'],
        publicKeywords: ['氮化硅基板', '碳化硅功率模块', '散热'],
        cluster: 'integrated-circuits',
        kind: 'know_how',
        registrationNumber: null,
        trl: 6,
        transferModes: ['licence', 'joint_development'],
        visibility: 'parties',
        ndaTerms: '双方对技术资料保密三年，仅用于评估本合作。',
      },
      { actorUserId: null, isDemo: false },
    ),
  );
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

async function typeTags(page: Page, testId: string, tags: readonly string[]): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  for (const tag of tags) await input.pressSequentially(`${tag},`);
}

/** The university's suggestion row on the need page's achievements tab. */
function suggestionOf(page: Page) {
  return page.locator(`[data-testid="match-suggestion"][data-counterpart-id="${achievementId}"]`);
}

/** Opens the one match between the SME's need and the university's result from the pipeline page. */
async function openMatch(page: Page, options: { awaitingMe?: boolean } = {}): Promise<void> {
  // The menu may fold the entry away on narrower screens; the address is the same.
  await page.goto(`${platform.url}/matches`);
  await page.getByTestId('matches-table').waitFor();
  if (options.awaitingMe) await page.getByTestId('matches-awaiting-me').click();
  const row = page.getByTestId('match-row').filter({ hasText: ACHIEVEMENT_TITLE });
  await row.waitFor();
  await row.click();
  await page.getByTestId('match-detail').waitFor();
}

async function statusOf(page: Page): Promise<string | null> {
  return page.getByTestId('match-detail').getAttribute('data-status');
}

describe('matching in the browser', () => {
  it('takes an SME from a new need to suggested partners, an NDA, and a converted match', async () => {
    // The SME posts a need.
    const sme = await signedIn('sme@demo.consortia.cn');
    await sme.getByTestId('nav-needs').click();
    await sme.getByTestId('needs-new').click();
    await sme.getByTestId('record-form').waitFor();
    const needTitle = `碳化硅功率模块散热基板选型与可靠性验证（浏览器测试 ${Date.now()}）`;
    await sme.getByTestId('field-title').fill(needTitle);
    await sme
      .getByTestId('field-description')
      .fill('为车规碳化硅功率模块寻找高导热氮化硅覆铜基板方案，并完成热循环可靠性验证。');
    await typeTags(sme, 'field-keywords', ['碳化硅', '氮化硅', '散热基板']);
    await sme.getByTestId('field-cooperationModes').getByText('联合研发').click();
    await sme.getByTestId('field-visibility-public').click();
    await sme.getByTestId('record-save').click();
    await sme.getByTestId('record-detail').waitFor();
    const needPath = new URL(sme.url()).pathname;

    // Suggested partners, with reasons; the university's result ranks on what its tier shows.
    const panel = sme.getByTestId('matches-panel');
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('match-suggestion').count()).toBeGreaterThan(0);
    expect(await panel.getByTestId('match-reason').count()).toBeGreaterThan(0);
    await panel.getByTestId('matches-type-achievement').click();
    await suggestionOf(sme).waitFor();
    const reasons = suggestionOf(sme).getByTestId('match-reason');
    expect(await reasons.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toContain(
      'shared_terms',
    );
    expect(await suggestionOf(sme).getByTestId('match-term').allTextContents()).toContain('碳化硅');
    expect(await sme.content()).not.toContain(ACHIEVEMENT_SECRET);
    await screenshot(sme, 'matches-suggestions');

    // The SME asks for the result's details under the university's NDA terms.
    await suggestionOf(sme).getByTestId('match-counterpart').click();
    await sme.getByTestId('record-locked').waitFor();
    await sme.getByTestId('record-request-access').click();
    await sme.getByTestId('nda-message').fill('希望评估该基板在我司 SiC 驱动模块中的适配性。');
    await sme.getByTestId('nda-accept-terms').click();
    await sme.getByTestId('nda-submit').click();
    await sme.getByTestId('nda-standing-pending').waitFor();

    // The university accepts.
    const suda = await signedIn('suda@demo.consortia.cn');
    await suda.getByTestId('nav-nda-requests').click();
    const request = suda.getByTestId('nda-row').filter({ hasText: ACHIEVEMENT_TITLE });
    await request.waitFor();
    await request.getByTestId('nda-accept').click();
    await expect.poll(() => request.getByTestId('nda-status').getAttribute('data-status')).toBe('accepted');

    await sme.reload();
    await sme.getByTestId('record-details').waitFor();
    expect(await sme.getByTestId('record-description').textContent()).toContain(ACHIEVEMENT_SECRET);

    // Back on the need, the SME reaches out.
    await sme.goto(`${platform.url}${needPath}`);
    await sme.getByTestId('matches-panel').getByTestId('matches-type-achievement').click();
    await suggestionOf(sme).getByTestId('match-contact').click();
    await sme.getByTestId('match-contact-dialog-note').fill('贵校的氮化硅覆铜方案很契合，想约时间技术交流。');
    await sme.getByTestId('match-contact-dialog-submit').click();
    await expect
      .poll(() => suggestionOf(sme).getByTestId('match-status').getAttribute('data-status'))
      .toBe('contacted');

    // The university sees it waiting, accepts and agrees.
    await openMatch(suda, { awaitingMe: true });
    expect(await suda.getByTestId('match-event-note').first().textContent()).toContain('技术交流');
    await suda.getByTestId('match-action-accept').click();
    await expect.poll(() => statusOf(suda)).toBe('in_talks');
    await suda.getByTestId('match-action-agree').click();
    await expect.poll(() => suda.getByTestId('match-action-agree').count()).toBe(0);
    expect(await statusOf(suda)).toBe('in_talks');

    // The SME agrees too, and records what the agreement became.
    await openMatch(sme, { awaitingMe: true });
    expect(await sme.getByTestId('match-detail-reasons').getByTestId('match-reason').count()).toBeGreaterThan(
      0,
    );
    await sme.getByTestId('match-action-agree').click();
    await expect.poll(() => statusOf(sme)).toBe('agreed');
    await sme.getByTestId('match-action-convert').click();
    await sme.getByTestId('match-note-dialog-note').fill('已签署联合研发协议，立项中。');
    await sme.getByTestId('match-note-dialog-submit').click();
    await expect.poll(() => statusOf(sme)).toBe('converted');
    expect(
      await sme
        .getByTestId('match-event')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
    ).toEqual(['create', 'accept', 'agree', 'agree', 'convert']);
    await screenshot(sme, 'matches-converted');

    // The need followed its match: matched.
    await sme.goto(`${platform.url}${needPath}`);
    await sme.getByTestId('record-detail').waitFor();
    const stored = await platform.ctx.db
      .selectFrom('need')
      .select('status')
      .where('title', '=', needTitle)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('matched');
    const pair = await platform.ctx.db
      .selectFrom('partner_match')
      .select('id')
      .where('counterpart_id', '=', achievementId)
      .executeTakeFirstOrThrow();
    const audited = await platform.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_type', '=', 'match')
      .where('entity_id', '=', pair.id)
      .orderBy('seq')
      .execute();
    expect(audited.map((a) => a.action)).toEqual([
      'match.create',
      'match.accept',
      'match.agree',
      'match.agree',
      'match.convert',
    ]);
  });
});
