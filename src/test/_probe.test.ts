import { test } from 'vitest';
import { openTestApp } from './app.js';
import fs from 'node:fs';
test('probe', async () => {
  let t0 = Date.now();
  const t = await openTestApp();
  console.log('open', Date.now() - t0);
  console.log(t.app.routeTable);
  const doc = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  fs.writeFileSync('/tmp/probe/openapi.json', JSON.stringify(doc.json(), null, 1));
  t0 = Date.now();
  for (let i = 0; i < 5; i++) { const u = await openTestApp(); await u.close(); }
  console.log('5 opens', Date.now() - t0);
  const buf = t.handle.sqlite!.serialize();
  console.log('snapshot bytes', buf.length);
  await t.close();
});
