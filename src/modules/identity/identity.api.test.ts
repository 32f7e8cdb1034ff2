import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  anonymous,
  logInAs,
  openTestApp,
  signedInUser,
  TEST_PASSWORD,
  type Client,
  type TestApp,
} from '../../test/app.js';
import type { Settings } from '../../platform/context.js';

const PASSWORD = 'a long enough passphrase';

const apps: TestApp[] = [];
async function app(settings: Partial<Settings> = {}): Promise<TestApp> {
  const t = await openTestApp({ settings });
  apps.push(t);
  return t;
}
afterEach(async () => {
  while (apps.length > 0) await apps.pop()?.close();
});

let counter = 0;
function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    email: `person${counter}@example.com`,
    password: PASSWORD,
    displayName: `Person ${counter}`,
    ...overrides,
  };
}

function register(t: TestApp, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body });
}

function logIn(
  t: TestApp,
  email: string,
  password: string,
  remoteAddress = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress,
  });
}

function sessionCookie(response: LightMyRequestResponse) {
  return response.cookies.find((c) => c.name === 'consortia_session');
}

/** The audit trail as (action, entity id, actor) triples, oldest first. */
async function auditTrail(t: TestApp): Promise<{ action: string; entityId: string; actor: string | null }[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_event')
    .select(['action', 'entity_id', 'actor_user_id'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, entityId: r.entity_id, actor: r.actor_user_id }));
}

async function auditCount(t: TestApp): Promise<number> {
  return (await auditTrail(t)).length;
}

function expectError(response: LightMyRequestResponse, status: number, code: string, field?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json<{ code: string; details: { issues?: { field: string }[] } }>();
  expect(body.code).toBe(code);
  if (field !== undefined) expect(body.details.issues?.map((i) => i.field)).toContain(field);
}

describe('POST /api/v1/auth/register', () => {
  it('creates an account, signs it in with an HttpOnly SameSite=Lax cookie and audits it', async () => {
    const t = await app();
    const response = await register(
      t,
      registration({ email: 'Mei.Ling@Example.com', displayName: '王美玲', locale: 'en' }),
    );

    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<{
      user: { id: string; email: string; displayName: string; locale: string; isDemo: boolean };
      platformRoles: string[];
      memberships: unknown[];
      csrfToken: string;
    }>();
    expect(body.user).toEqual({
      id: expect.any(String),
      email: 'mei.ling@example.com',
      displayName: '王美玲',
      locale: 'en',
      isDemo: false,
    });
    expect(body.platformRoles).toEqual([]);
    expect(body.memberships).toEqual([]);
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(20);
    const cookie = sessionCookie(response);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const expires = cookie?.expires instanceof Date ? cookie.expires.getTime() : NaN;
    expect(Math.abs(expires - (Date.now() + 14 * 86_400_000))).toBeLessThan(60_000);

    const session = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      cookies: { consortia_session: cookie?.value ?? '' },
    });
    expect(session.statusCode).toBe(200);
    expect(session.json<{ user: { id: string } }>().user.id).toBe(body.user.id);

    expect(await auditTrail(t)).toEqual([
      { action: 'user.register', entityId: body.user.id, actor: body.user.id },
      { action: 'auth.login', entityId: body.user.id, actor: body.user.id },
    ]);
    const stored = await t.ctx.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', body.user.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(PASSWORD);
    expect(stored.password_hash).toMatch(/^\$argon2/);
  });

  it('marks the cookie Secure when the platform runs behind HTTPS', async () => {
    const t = await app({ secureCookies: true });
    const response = await register(t, registration());
    expect(response.statusCode).toBe(201);
    expect(sessionCookie(response)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });

  it('marks the cookie Secure on requests that arrived over HTTPS through a trusted proxy', async () => {
    const t = await openTestApp({ trustProxy: true });
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        headers: { 'x-forwarded-proto': 'https' },
        payload: registration(),
      });
      expect(response.statusCode).toBe(201);
      expect(sessionCookie(response)).toMatchObject({ secure: true, httpOnly: true });
    } finally {
      await t.close();
    }
  });

  it('refuses an e-mail that already has an account, whatever its case', async () => {
    const t = await app();
    expect((await register(t, registration({ email: 'taken@example.com' }))).statusCode).toBe(201);
    const before = await auditCount(t);

    const response = await register(t, registration({ email: 'TAKEN@example.com' }));

    expectError(response, 409, 'auth.email_taken', 'body.email');
    expect(sessionCookie(response)).toBeUndefined();
    expect(await t.ctx.db.selectFrom('app_user').select('id').execute()).toHaveLength(1);
    expect(await auditCount(t)).toBe(before);
  });

  it.each([
    ['too_short', 'short1!'],
    ['too_common', 'Password123'],
    ['contains_email', 'weakling-person-forever'],
  ])('refuses a weak password (%s)', async (problem, password) => {
    const t = await app();
    const response = await register(t, registration({ email: 'weakling@example.com', password }));

    expectError(response, 400, 'auth.password_too_weak', 'body.password');
    expect(response.json<{ details: { issues: { code: string }[] } }>().details.issues[0]?.code).toBe(
      problem,
    );
    expect(await t.ctx.db.selectFrom('app_user').select('id').execute()).toEqual([]);
  });

  it('names the fields of a malformed registration', async () => {
    const t = await app();
    const response = await register(t, {
      email: 'not-an-email',
      password: PASSWORD,
      displayName: '',
      extra: 1,
    });
    expectError(response, 400, 'request.validation_failed');
    const fields = response
      .json<{ details: { issues: { field: string }[] } }>()
      .details.issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.displayName', 'body.extra']));
  });
});

describe('POST /api/v1/auth/login', () => {
  it('signs in with the right password and audits it', async () => {
    const t = await app();
    const created = await register(t, registration({ email: 'login@example.com' }));
    const userId = created.json<{ user: { id: string } }>().user.id;

    const response = await logIn(t, 'LOGIN@example.com', PASSWORD);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ user: { id: string } }>().user.id).toBe(userId);
    expect(sessionCookie(response)).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect((await auditTrail(t)).at(-1)).toEqual({ action: 'auth.login', entityId: userId, actor: userId });
  });

  it('fails the same way for an unknown e-mail and a wrong password, and audits both', async () => {
    const t = await app();
    const created = await register(t, registration({ email: 'known@example.com' }));
    const userId = created.json<{ user: { id: string } }>().user.id;

    const unknown = await logIn(t, 'nobody@example.com', PASSWORD);
    const wrong = await logIn(t, 'known@example.com', 'not the password at all');

    expectError(unknown, 401, 'auth.invalid_credentials');
    expectError(wrong, 401, 'auth.invalid_credentials');
    expect(unknown.json()).toEqual(wrong.json());
    expect(sessionCookie(unknown)).toBeUndefined();
    expect(sessionCookie(wrong)).toBeUndefined();
    expect((await auditTrail(t)).slice(-2)).toEqual([
      { action: 'auth.login_failed', entityId: 'unknown', actor: null },
      { action: 'auth.login_failed', entityId: userId, actor: null },
    ]);
  });

  it('stops checking an account after too many failures, even with the right password', async () => {
    const t = await app({ login: { perAccount: 3, perIp: 100, windowMinutes: 15 } });
    await register(t, registration({ email: 'target@example.com' }));
    for (let i = 0; i < 3; i += 1)
      expectError(
        await logIn(t, 'target@example.com', `wrong password ${i}`),
        401,
        'auth.invalid_credentials',
      );
    const before = await auditCount(t);

    const blocked = await logIn(t, 'target@example.com', PASSWORD);

    expectError(blocked, 429, 'auth.too_many_attempts');
    expect(blocked.json<{ details: { retryAfterMinutes: number } }>().details.retryAfterMinutes).toBe(15);
    expect(sessionCookie(blocked)).toBeUndefined();
    expect(await auditCount(t)).toBe(before);
    // Other accounts are not affected.
    await register(t, registration({ email: 'bystander@example.com' }));
    expect((await logIn(t, 'bystander@example.com', PASSWORD)).statusCode).toBe(200);
  });

  it('stops checking a client address after too many failures on any accounts', async () => {
    const t = await app({ login: { perAccount: 100, perIp: 3, windowMinutes: 15 } });
    await register(t, registration({ email: 'victim@example.com' }));
    for (let i = 0; i < 3; i += 1) {
      expectError(
        await logIn(t, `guess${i}@example.com`, 'some password', '198.51.100.9'),
        401,
        'auth.invalid_credentials',
      );
    }

    expectError(
      await logIn(t, 'victim@example.com', PASSWORD, '198.51.100.9'),
      429,
      'auth.too_many_attempts',
    );
    expect((await logIn(t, 'victim@example.com', PASSWORD, '198.51.100.10')).statusCode).toBe(200);
  });

  it('forgets earlier failures of an account after a successful sign-in', async () => {
    const t = await app({ login: { perAccount: 3, perIp: 100, windowMinutes: 15 } });
    await register(t, registration({ email: 'forgetful@example.com' }));
    for (let i = 0; i < 2; i += 1) await logIn(t, 'forgetful@example.com', 'wrong password!!');
    expect((await logIn(t, 'forgetful@example.com', PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 2; i += 1) await logIn(t, 'forgetful@example.com', 'wrong password!!');

    expect((await logIn(t, 'forgetful@example.com', PASSWORD)).statusCode).toBe(200);
    // A third failure since the last success reaches the limit again.
    for (let i = 0; i < 3; i += 1) await logIn(t, 'forgetful@example.com', 'wrong password!!');
    expectError(await logIn(t, 'forgetful@example.com', PASSWORD), 429, 'auth.too_many_attempts');
  });
});

describe('sessions', () => {
  it('refuses writes without the CSRF token and writes nothing', async () => {
    const t = await app();
    const user = await signedInUser(t);
    const login = await logIn(t, user.email, TEST_PASSWORD);
    const cookies = { consortia_session: sessionCookie(login)?.value ?? '' };
    const before = await auditCount(t);

    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      payload: { locale: 'en' },
      cookies,
    });
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      payload: { locale: 'en' },
      cookies,
      headers: { 'x-csrf-token': 'x'.repeat(32) },
    });
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies });

    expectError(missing, 403, 'auth.csrf_failed');
    expectError(wrong, 403, 'auth.csrf_failed');
    expectError(logout, 403, 'auth.csrf_failed');
    const row = await t.ctx.db
      .selectFrom('app_user')
      .select(['locale', 'version'])
      .where('id', '=', user.userId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ locale: 'zh-CN', version: 1 });
    expect(await auditCount(t)).toBe(before);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', cookies })).statusCode).toBe(
      200,
    );
  });

  it('ends the session on logout', async () => {
    const t = await app();
    const user = await signedInUser(t);

    const response = await user.request({ method: 'POST', url: '/api/v1/auth/logout' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    expect(sessionCookie(response)?.value).toBe('');
    expectError(
      await user.request({ method: 'GET', url: '/api/v1/auth/session' }),
      401,
      'auth.unauthenticated',
    );
    expect((await auditTrail(t)).at(-1)).toEqual({
      action: 'auth.logout',
      entityId: user.userId,
      actor: user.userId,
    });
    expect(
      await t.ctx.db.selectFrom('session').select('id').where('user_id', '=', user.userId).execute(),
    ).toEqual([]);
  });

  it('treats an expired session as signed out', async () => {
    const t = await app();
    const user = await signedInUser(t);
    await t.ctx.db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.userId)
      .execute();

    expectError(
      await user.request({ method: 'GET', url: '/api/v1/auth/session' }),
      401,
      'auth.unauthenticated',
    );
  });

  it('slides the expiry of a session used after a while', async () => {
    const t = await app();
    const user = await signedInUser(t);
    const longAgo = new Date(Date.now() - 60 * 60_000).toISOString();
    await t.ctx.db
      .updateTable('session')
      .set({ last_seen_at: longAgo, expires_at: new Date(Date.now() + 60_000).toISOString() })
      .where('user_id', '=', user.userId)
      .execute();

    expect((await user.request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(200);

    const session = await t.ctx.db
      .selectFrom('session')
      .selectAll()
      .where('user_id', '=', user.userId)
      .executeTakeFirstOrThrow();
    expect(session.last_seen_at > longAgo).toBe(true);
    expect(Date.parse(session.expires_at) - Date.now()).toBeGreaterThan(13 * 86_400_000);
  });

  it('ignores a forged session cookie', async () => {
    const t = await app();
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      cookies: { consortia_session: 'forged-token' },
    });
    expectError(response, 401, 'auth.unauthenticated');
  });
});

describe('profile and password', () => {
  it('changes the language and display name', async () => {
    const t = await app();
    const user = await signedInUser(t);

    const response = await user.request({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      payload: { locale: 'en', displayName: 'Wang Meiling' },
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ user: { locale: string; displayName: string } }>().user).toMatchObject({
      locale: 'en',
      displayName: 'Wang Meiling',
    });
    const session = await user.request({ method: 'GET', url: '/api/v1/auth/session' });
    expect(session.json<{ user: { locale: string } }>().user.locale).toBe('en');
    expect((await auditTrail(t)).at(-1)).toEqual({
      action: 'user.update_profile',
      entityId: user.userId,
      actor: user.userId,
    });
  });

  it('refuses an unknown language', async () => {
    const t = await app();
    const user = await signedInUser(t);
    expectError(
      await user.request({ method: 'PATCH', url: '/api/v1/auth/me', payload: { locale: 'fr' } }),
      400,
      'request.validation_failed',
      'body.locale',
    );
  });

  it('refuses a password change with the wrong current password', async () => {
    const t = await app();
    const user = await signedInUser(t);
    const before = await auditCount(t);

    const response = await user.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
    });

    expectError(response, 400, 'auth.wrong_password', 'body.currentPassword');
    expect(await auditCount(t)).toBe(before);
    expect((await logIn(t, user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a weak new password', async () => {
    const t = await app();
    const user = await signedInUser(t);
    const response = await user.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expectError(response, 400, 'auth.password_too_weak', 'body.newPassword');
  });

  it('changes the password, signs out other sessions and keeps this one', async () => {
    const t = await app();
    const user = await signedInUser(t);
    const otherDevice: Client = await logInAs(t, user.email, TEST_PASSWORD);
    const newPassword = 'a brand new passphrase';

    const response = await user.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword },
    });

    expect(response.statusCode, response.body).toBe(200);
    expect((await user.request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(200);
    expectError(
      await otherDevice.request({ method: 'GET', url: '/api/v1/auth/session' }),
      401,
      'auth.unauthenticated',
    );
    expectError(await logIn(t, user.email, TEST_PASSWORD), 401, 'auth.invalid_credentials');
    expect((await logIn(t, user.email, newPassword)).statusCode).toBe(200);
    expect((await auditTrail(t)).map((e) => e.action)).toContain('user.change_password');
    expect((await auditTrail(t)).find((e) => e.action === 'user.change_password')).toEqual({
      action: 'user.change_password',
      entityId: user.userId,
      actor: user.userId,
    });
  });
});

describe('users (cluster office)', () => {
  it('lists users with their roles for the cluster office only', async () => {
    const t = await app();
    const office = await signedInUser(t, { platformRoles: ['cluster_office'], displayName: 'Office' });
    const plain = await signedInUser(t, { displayName: 'Zhang San' });

    const response = await office.request({ method: 'GET', url: '/api/v1/users' });
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json<{ items: { id: string; platformRoles: string[] }[]; total: number }>();
    expect(list.total).toBe(2);
    expect(list.items.find((u) => u.id === office.userId)?.platformRoles).toEqual(['cluster_office']);
    expect(list.items.find((u) => u.id === plain.userId)?.platformRoles).toEqual([]);

    const filtered = await office.request({ method: 'GET', url: '/api/v1/users?q=zhang' });
    expect(filtered.json<{ items: { id: string }[]; total: number }>()).toMatchObject({
      total: 1,
      items: [{ id: plain.userId }],
    });

    expectError(await plain.request({ method: 'GET', url: '/api/v1/users' }), 403, 'auth.forbidden');
    expectError(
      await anonymous(t).request({ method: 'GET', url: '/api/v1/users' }),
      401,
      'auth.unauthenticated',
    );
  });

  it('sets platform roles and audits the change', async () => {
    const t = await app();
    const office = await signedInUser(t, { platformRoles: ['cluster_office'] });
    const plain = await signedInUser(t);

    const response = await office.request({
      method: 'PUT',
      url: `/api/v1/users/${plain.userId}/platform-roles`,
      payload: { roles: ['reviewer', 'auditor', 'auditor'] },
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ id: string; platformRoles: string[] }>()).toMatchObject({
      id: plain.userId,
      platformRoles: ['auditor', 'reviewer'],
    });
    // The new role takes effect on the user's next request.
    expect((await plain.request({ method: 'GET', url: '/api/v1/audit/verify' })).statusCode).toBe(200);
    expect((await auditTrail(t)).at(-1)).toEqual({
      action: 'user.set_platform_roles',
      entityId: plain.userId,
      actor: office.userId,
    });

    const events = await office.request({
      method: 'GET',
      url: `/api/v1/audit/events?action=user.set_platform_roles&entityId=${plain.userId}`,
    });
    expect(events.json<{ items: { details: unknown }[] }>().items[0]?.details).toEqual({
      before: [],
      after: ['auditor', 'reviewer'],
    });
  });

  it('refuses to remove the last cluster office user, and allows it when another remains', async () => {
    const t = await app();
    const office = await signedInUser(t, { platformRoles: ['cluster_office'] });
    const before = await auditCount(t);

    const refused = await office.request({
      method: 'PUT',
      url: `/api/v1/users/${office.userId}/platform-roles`,
      payload: { roles: ['auditor'] },
    });

    expectError(refused, 409, 'user.last_cluster_office');
    expect(await auditCount(t)).toBe(before);
    const roles = await t.ctx.db
      .selectFrom('platform_role')
      .select('role')
      .where('user_id', '=', office.userId)
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['cluster_office']);

    const second = await signedInUser(t, { platformRoles: ['cluster_office'] });
    const allowed = await second.request({
      method: 'PUT',
      url: `/api/v1/users/${office.userId}/platform-roles`,
      payload: { roles: [] },
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expectError(await office.request({ method: 'GET', url: '/api/v1/users' }), 403, 'auth.forbidden');
  });

  it('refuses roles for an unknown user and from anyone but the cluster office', async () => {
    const t = await app();
    const office = await signedInUser(t, { platformRoles: ['cluster_office'] });
    const auditor = await signedInUser(t, { platformRoles: ['auditor'] });

    expectError(
      await office.request({
        method: 'PUT',
        url: '/api/v1/users/no-such-user/platform-roles',
        payload: { roles: [] },
      }),
      404,
      'user.not_found',
    );
    expectError(
      await auditor.request({
        method: 'PUT',
        url: `/api/v1/users/${auditor.userId}/platform-roles`,
        payload: { roles: ['cluster_office'] },
      }),
      403,
      'auth.forbidden',
    );
    expectError(
      await office.request({
        method: 'PUT',
        url: `/api/v1/users/${auditor.userId}/platform-roles`,
        payload: { roles: ['root'] },
      }),
      400,
      'request.validation_failed',
      'body.roles.0',
    );
  });
});
