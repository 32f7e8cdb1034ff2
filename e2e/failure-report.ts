/**
 * When a browser test fails, prints what each open page did lately (navigations, failed API calls,
 * console errors) and saves a screenshot of each, so a failure on a CI machine can be read from
 * its log alone.
 */
import { afterEach } from 'vitest';
import { reportPages } from './harness.js';

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const report = await reportPages(context.task.name);
  if (report) console.error(`\n--- pages of the failed test "${context.task.name}" ---\n${report}\n`);
});
