/**
 * Steps the browser tests share: signing in, choosing in antd Selects, waiting for API answers,
 * closing dialogs and drawers, the user menu, and a consortium's invitations and members. Each step
 * waits for a real state (an answer, a list settled, a dialog gone), never for a span of time, so
 * it holds on a loaded CI machine.
 */
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, newPage } from './harness.js';

/**
 * A fresh browser context, signed in as `email` through the login page of the platform at
 * `platformUrl`. The context joins `contexts`, which the test closes in its `afterAll`.
 */
export async function signIn(
  browser: Browser,
  platformUrl: string,
  contexts: BrowserContext[],
  email: string,
): Promise<Page> {
  const { context, page } = await newPage(browser);
  contexts.push(context);
  await page.goto(`${platformUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu-name').waitFor();
  return page;
}

/** expect.poll with room for a busy machine (vitest's default gives up after one second). */
export function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 30_000, interval: 100 });
}

/** Resolves with the response of the API request that `matches`, registered before the action. */
export function apiResponse(page: Page, method: string, matches: (url: URL) => boolean): Promise<Response> {
  return page.waitForResponse(
    (response) => response.request().method() === method && matches(new URL(response.url())),
  );
}

/**
 * Expects an API answer to be a success. On failure the assertion names the request, the status
 * and the body (the error code and message), so a CI log tells why the server refused.
 */
export async function expectOk(response: Response): Promise<void> {
  if (response.ok()) return;
  const body = await response.text().catch((error: unknown) => `(body unreadable: ${String(error)})`);
  const request = response.request();
  expect(response.ok(), `${request.method()} ${response.url()} -> ${response.status()}: ${body}`).toBe(true);
}

/**
 * Opens the list of an antd Select (unless open) and returns it once it has settled: the list its
 * input controls (`aria-controls`), not another Select's list closing meanwhile, with its opening
 * animation over, so a click lands on the option it aims at.
 */
export async function openList(page: Page, select: Locator): Promise<Locator> {
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
export async function pickOption(page: Page, select: Locator, list: Locator, text: string): Promise<void> {
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
export async function choose(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  await pickOption(page, select, await openList(page, select), text);
}

/** Picks several options of a multiple Select, then closes its list. */
export async function chooseMany(page: Page, testId: string, texts: readonly string[]): Promise<void> {
  const select = page.getByTestId(testId);
  for (const text of texts) await pickOption(page, select, await openList(page, select), text);
  await page.keyboard.press('Escape');
}

/**
 * Waits until a dialog, drawer or popup is gone from the user's view: hidden, or detached once a
 * `destroyOnHidden` one has finished its closing animation.
 */
export async function gone(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'hidden' });
}

/**
 * Closes the antd Drawer that holds `content` with its close button and waits until it is gone, so
 * its closing (focus given back, the page's scroll bar restored) cannot move what is clicked next.
 */
export async function closeDrawer(page: Page, content: Locator): Promise<void> {
  const drawer = page.locator('.ant-drawer').filter({ has: content });
  await drawer.locator('.ant-drawer-close').click();
  await gone(drawer);
}

/**
 * Waits until a popup has settled: its opening animation over, and neither it nor the page moved
 * between two looks a moment apart. The popup sits in the document while the header sticks to the
 * top, so a page that scrolls moves it away from under the pointer until it is aligned again.
 */
async function settled(page: Page, popup: Locator): Promise<void> {
  await poll(() => popup.getAttribute('class')).not.toMatch(/-(enter|appear|leave)/);
  const place = async () => {
    const box = await popup.boundingBox();
    const scrollY = await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
    return JSON.stringify({ box, scrollY });
  };
  await poll(async () => {
    const before = await place();
    await page.waitForTimeout(150);
    return before === (await place());
  }).toBe(true);
}

/**
 * Waits until the antd Modal holding `content` is open and settled (its opening animation over),
 * so a click on its buttons lands on the button rather than beside a still growing dialog.
 */
export async function dialogOpen(page: Page, content: Locator): Promise<void> {
  await content.waitFor();
  await settled(page, page.locator('.ant-modal').filter({ has: content }));
}

/**
 * Opens the user menu in the header and clicks its item `testId` (for example `user-menu-income`)
 * once the menu is visible and settled. A click that did not land on the item leaves the menu open
 * (a chosen item closes it at once); it is clicked again then.
 */
export async function openUserMenuItem(page: Page, testId: string): Promise<void> {
  const item = page.getByTestId(testId);
  const menu = page.locator('.ant-dropdown').filter({ has: item });
  const closing = async () =>
    !(await menu.isVisible()) || /-leave|-hidden/.test((await menu.getAttribute('class')) ?? '');
  for (let attempt = 1; ; attempt += 1) {
    if (!(await item.isVisible())) await page.getByTestId('user-menu').click();
    await item.waitFor();
    await settled(page, menu);
    await item.click();
    try {
      await expect.poll(closing, { timeout: 5_000, interval: 100 }).toBe(true);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** The row of the member `name` in a consortium's member table. */
export function memberRow(page: Page, name: string): Locator {
  return page.getByTestId('member-row').filter({ hasText: name });
}

/**
 * Invites an organisation through the invitation dialog, waiting for real states rather than time:
 * the dialog open, the directory search answered for exactly `search`, the option chosen, `extra`
 * (role, chain position, message) filled in, the invitation's POST answered, the dialog gone and
 * the member's row shown.
 */
export async function invite(
  page: Page,
  name: string,
  search: string,
  extra: (page: Page) => Promise<void> = async () => undefined,
): Promise<void> {
  await page.getByTestId('consortium-invite-open').click();
  const dialog = page.getByTestId('consortium-invite');
  await dialogOpen(page, dialog);
  const select = page.getByTestId('consortium-invite-organization');
  const list = await openList(page, select);
  const searched = apiResponse(
    page,
    'GET',
    (url) => url.pathname === '/api/v1/organizations' && url.searchParams.get('q') === search,
  );
  await select.locator('input').fill(search);
  await expectOk(await searched);
  await pickOption(page, select, list, name);
  await extra(page);
  const posted = apiResponse(page, 'POST', (url) =>
    /^\/api\/v1\/consortia\/[^/]+\/members$/.test(url.pathname),
  );
  await page.getByTestId('consortium-invite-submit').click();
  await expectOk(await posted);
  await gone(dialog);
  await memberRow(page, name).waitFor();
}

/**
 * Accepts the invitation to the consortium `consortiumName` from the invitations inbox of the
 * platform `page` is on, waiting for the POST's answer and the invitation to leave the inbox.
 */
export async function acceptInvitation(page: Page, consortiumName: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/consortia/invitations`);
  const invitation = page.getByTestId('invitation').filter({ hasText: consortiumName });
  await invitation.waitFor();
  const accepted = apiResponse(page, 'POST', (url) => url.pathname.includes('/consortia/'));
  await invitation.getByTestId('invitation-accept').click();
  await expectOk(await accepted);
  await invitation.waitFor({ state: 'detached' });
}

/**
 * Signs the charter version open for signature on the consortium page at `consortiumUrl` for
 * `organization`, confirming the digest the page shows: the button names the organisation, the
 * dialog repeats the digest, the signature's POST succeeds and the dialog is gone.
 */
export async function signCharter(page: Page, consortiumUrl: string, organization: string): Promise<void> {
  await page.goto(consortiumUrl);
  const version = page.getByTestId('charter-open');
  await version.waitFor();
  const digest = await version.getByTestId('charter-digest').textContent();
  const button = version.getByTestId('charter-sign');
  expect(await button.textContent()).toContain(organization);
  await button.click();
  const dialog = page.getByTestId('charter-sign-dialog');
  await dialogOpen(page, dialog);
  expect(await dialog.getByTestId('charter-sign-digest').textContent()).toBe(digest);
  const signed = apiResponse(page, 'POST', (url) => /\/charter\/versions\/\d+\/sign$/.test(url.pathname));
  await page.getByTestId('charter-sign-confirm').click();
  const response = await signed;
  await expectOk(response);
  expect(response.status()).toBe(200);
  await gone(dialog);
}

/** The charter editor's percent input for `member` in a share table (an outcome type or `benefit`). */
export function shareInput(page: Page, table: string, member: string): Locator {
  return page
    .getByTestId(`charter-shares-${table}`)
    .getByTestId('charter-share')
    .filter({ hasText: member })
    .getByTestId('charter-share-percent');
}

/** The live check's message for patent shares that add up to 90 percent. */
export const PATENT_SHARES_AT_NINETY =
  '专利的前景知识产权份额合计 9,000 个基点（90.00%）；必须恰好为 10,000 个基点（100%）';

/**
 * Fills patent shares of 50 + 30 + 10 percent for three members, waits for the live check to name
 * the wrong total at the patent table with its exact message and code, and returns that issue.
 */
export async function fillPatentSharesAtNinety(
  page: Page,
  members: readonly [string, string, string],
): Promise<Locator> {
  const [first, second, third] = members;
  await shareInput(page, 'patent', first).fill('50');
  await shareInput(page, 'patent', second).fill('30');
  await shareInput(page, 'patent', third).fill('10');
  const issue = page
    .getByTestId('charter-shares-patent')
    .getByTestId('charter-field-issue')
    .filter({ hasText: PATENT_SHARES_AT_NINETY });
  await issue.waitFor();
  expect(await issue.getAttribute('data-code')).toBe('charter.shares_not_10000');
  return issue;
}
