import { it } from 'vitest';
import { openTestApp, signedInUser } from '/work/main/src/test/app.js';
it('probe', async () => {
  const t = await openTestApp();
  const c = await signedInUser(t);
  const r = await c.request({ method: 'POST', url: '/api/v1/organizations/x/imports/needs' });
  console.log(r.statusCode, r.body);
  await t.close();
});
