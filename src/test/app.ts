/**
 * API test harness: a real app on a real database, driven through Fastify's inject (no sockets),
 * with a tiny cookie jar per signed-in user.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import type { Settings } from '../platform/context.js';
import { hashPassword, insertUserInTransaction } from '../modules/identity/service.js';
import type { PlatformRole } from '../platform/auth/actor.js';
import { openTestDatabase, type TestDatabase } from './database.js';

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
}

export async function openTestApp(
  options: { settings?: Partial<Settings>; trustProxy?: boolean } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(options);
  const app = await buildApp(database.ctx, { trustProxy: options.trustProxy ?? false });
  await app.ready();
  return {
    ...database,
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A signed-in user: requests carry the session cookie and CSRF token. */
export interface Client {
  userId: string;
  email: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export const TEST_PASSWORD = 'correct horse battery staple';
let counter = 0;

/** Creates a user directly (with platform roles) and signs in through the API. */
export async function signedInUser(
  t: TestApp,
  options: { email?: string; displayName?: string; platformRoles?: PlatformRole[] } = {},
): Promise<Client> {
  counter += 1;
  const email = options.email ?? `user${counter}.${Date.now()}@example.com`;
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const userId = await t.ctx.db.transaction().execute((tx) =>
    insertUserInTransaction(
      tx,
      {
        email,
        displayName: options.displayName ?? `User ${counter}`,
        passwordHash,
        locale: 'zh-CN',
        isDemo: false,
        platformRoles: options.platformRoles ?? [],
      },
      null,
    ),
  );
  return logInAs(t, email, TEST_PASSWORD, userId);
}

/** Signs in through the API and returns a client carrying the session. */
export async function logInAs(t: TestApp, email: string, password: string, userId?: string): Promise<Client> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'consortia_session');
  const session = response.json<{ csrfToken: string; user: { id: string } }>();
  const headers = { cookie: `consortia_session=${cookie?.value ?? ''}`, 'x-csrf-token': session.csrfToken };
  return {
    userId: userId ?? session.user.id,
    email,
    request: (options) => t.app.inject({ ...options, headers: { ...headers, ...(options.headers ?? {}) } }),
  };
}

/** An anonymous client. */
export function anonymous(t: TestApp): Pick<Client, 'request'> {
  return { request: (options) => t.app.inject(options) };
}
