/**
 * Browser-test harness: the real platform (built web app, demo cluster, fresh SQLite file) on a
 * free port, and Debian's Chromium driven by playwright-core. Screenshots go to test-results/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { DEFAULT_SETTINGS, type AppContext } from '../src/platform/context.js';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { seedDemo } from '../src/modules/demo/seed.js';

export const DEMO_PASSWORD = 'consortia-demo-2026';
export const RESULTS_DIR = path.resolve('test-results');
// CONSORTIA_E2E_WEB_ROOT points a run at its own build, so a build made meanwhile in the same
// checkout (which empties dist/web) cannot pull the pages from under it.
const WEB_ROOT = path.resolve(process.env['CONSORTIA_E2E_WEB_ROOT'] ?? 'dist/web');

export interface Platform {
  url: string;
  ctx: AppContext;
  close(): Promise<void>;
}

/** Starts the platform with the demo cluster on a fresh database file. */
export async function startPlatform(): Promise<Platform> {
  if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error('dist/web is missing: run `npm run build:web` (npm test does it for you)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consortia-e2e-'));
  const handle: DatabaseHandle = openDatabase({ engine: 'sqlite', filename: path.join(dir, 'e2e.db') });
  await migrateToLatest(handle.db as Kysely<unknown>);
  const ctx: AppContext = { db: handle.db, engine: 'sqlite', settings: DEFAULT_SETTINGS };
  await seedDemo(ctx);
  const app: FastifyInstance = await buildApp(ctx, { webRoot: WEB_ROOT });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    close: async () => {
      await app.close();
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CONSORTIA_CHROMIUM'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What each open page did lately, printed when a test fails (see `e2e/failure-report.ts`). */
const trails = new Map<Page, string[]>();
const TRAIL_LENGTH = 40;

function remember(page: Page, line: string): void {
  const trail = trails.get(page);
  if (!trail) return;
  trail.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  if (trail.length > TRAIL_LENGTH) trail.shift();
}

/** Follows a page: navigations, failed API calls, console errors and uncaught exceptions. */
function follow(page: Page): void {
  trails.set(page, []);
  page.on('close', () => trails.delete(page));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) remember(page, `navigated ${frame.url()}`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    if (response.status() >= 400 || request.method() !== 'GET') {
      remember(page, `${request.method()} ${response.url()} -> ${response.status()}`);
    }
  });
  page.on('requestfailed', (request) => remember(page, `failed ${request.method()} ${request.url()}`));
  page.on('console', (message) => {
    if (message.type() === 'error') remember(page, `console.error ${message.text().slice(0, 300)}`);
  });
  page.on('pageerror', (error) => remember(page, `pageerror ${error.message.slice(0, 300)}`));
}

/** Every open page's trail and address, and a screenshot of each as `failed-<test>-<n>.png`. */
export async function reportPages(testName: string): Promise<string> {
  const lines: string[] = [];
  let n = 0;
  for (const [page, trail] of trails) {
    n += 1;
    let shot = '';
    try {
      shot = await screenshot(page, `failed-${testName.replace(/[^\w-]+/g, '_').slice(0, 60)}-${n}`);
    } catch {
      shot = '(no screenshot)';
    }
    lines.push(`page ${n} at ${page.url()} ${shot}`, ...trail.map((line) => `  ${line}`));
  }
  return lines.join('\n');
}

export async function newPage(
  browser: Browser,
  locale = 'zh-CN',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  follow(page);
  return { context, page };
}

/** Saves a full-page screenshot as a test artifact and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
