import { randomBytes, createHash } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { AppContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.js';
import {
  PLATFORM_ROLES,
  type Actor,
  type OrganizationRole,
  type PlatformRole,
  type UserActor,
} from '../../platform/auth/actor.js';
import type { UserRow } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/db/database.js';
import * as repo from './repo.js';
import {
  isLoginThrottled,
  isSessionDueForTouch,
  passwordProblem,
  sessionExpiry,
  throttleWindowStart,
} from './rules.js';
import type {
  ChangePasswordBody,
  ListUsersQuery,
  LoginBody,
  RegisterBody,
  Session,
  UpdateProfileBody,
  User,
  UserAdmin,
} from './schemas.js';

/** A hash verified when the e-mail is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | null = null;
function timingDummyHash(): Promise<string> {
  dummyHash ??= argonHash('consortia-timing-dummy-password');
  return dummyHash;
}

export function hashPassword(password: string): Promise<string> {
  return argonHash(password);
}

/** The session cookie holds a random token; the database keeps only its SHA-256. */
function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale === 'en' ? 'en' : 'zh-CN',
    isDemo: row.is_demo === 1,
  };
}

function assertPasswordAcceptable(password: string, email: string, field: string): void {
  const problem = passwordProblem(password, email);
  if (problem === null) return;
  const messages = {
    too_short: 'The password must have at least 10 characters',
    contains_email: 'The password must not contain your e-mail name',
    too_common: 'The password is too common; choose another',
  } as const;
  throw new DomainError('auth.password_too_weak', messages[problem], {
    issues: [{ field, code: problem, message: messages[problem] }],
  });
}

export interface NewSession {
  token: string;
  expiresAt: string;
  session: Session;
}

interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

async function openSession(ctx: AppContext, user: UserRow, client: ClientInfo): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  const expiresAt = sessionExpiry(now);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertSession(tx, {
      id: sessionIdOf(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, {
      actorUserId: user.id,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      details: { ip: client.ip },
    });
  });
  return { token, expiresAt, session: await describeSession(ctx, user, csrfToken) };
}

async function describeSession(ctx: AppContext, user: UserRow, csrfToken: string): Promise<Session> {
  const [roles, memberships] = await Promise.all([
    repo.findPlatformRoles(ctx.db, user.id),
    repo.findMembershipsOfUser(ctx.db, user.id),
  ]);
  return {
    user: toUser(user),
    platformRoles: roles.filter(isPlatformRole),
    memberships: memberships.map((m) => ({ ...m, role: m.role === 'admin' ? 'admin' : 'member' })),
    csrfToken,
  };
}

function isPlatformRole(role: string): role is PlatformRole {
  return (PLATFORM_ROLES as readonly string[]).includes(role);
}

/** Creates an account and signs it in. */
export async function registerUser(
  ctx: AppContext,
  input: RegisterBody,
  client: ClientInfo,
): Promise<NewSession> {
  assertPasswordAcceptable(input.password, input.email, 'body.password');
  if (await repo.findUserByEmail(ctx.db, input.email)) {
    throw DomainError.field('auth.email_taken', 'body.email', 'An account with this e-mail already exists');
  }
  const now = nowIso();
  const row: UserRow = {
    id: newId(),
    email: input.email,
    display_name: input.displayName,
    password_hash: await hashPassword(input.password),
    locale: input.locale ?? 'zh-CN',
    is_demo: 0,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    // Checked again inside the transaction: the unique index is the last word on a race.
    if (await repo.findUserByEmail(tx, input.email)) {
      throw DomainError.field('auth.email_taken', 'body.email', 'An account with this e-mail already exists');
    }
    await repo.insertUser(tx, row);
    await recordAudit(tx, {
      actorUserId: row.id,
      action: 'user.register',
      entityType: 'user',
      entityId: row.id,
      after: { ...row, password_hash: undefined },
    });
  });
  return openSession(ctx, row, client);
}

/** Signs in with e-mail and password; a wrong e-mail and a wrong password fail the same way. */
export async function logIn(ctx: AppContext, input: LoginBody, client: ClientInfo): Promise<NewSession> {
  const now = new Date();
  const lastSuccess = await repo.lastSuccessfulLogin(ctx.db, input.email);
  const accountSince = throttleWindowStart(now, ctx.settings.login, lastSuccess);
  const ipSince = throttleWindowStart(now, ctx.settings.login, null);
  const [forAccount, forIp] = await Promise.all([
    repo.countFailedLogins(ctx.db, { email: input.email }, accountSince),
    repo.countFailedLogins(ctx.db, { ip: client.ip }, ipSince),
  ]);
  if (isLoginThrottled({ forAccount, forIp }, ctx.settings.login)) {
    throw new DomainError('auth.too_many_attempts', 'Too many failed sign-in attempts; try again later', {
      retryAfterMinutes: ctx.settings.login.windowMinutes,
    });
  }
  const user = await repo.findUserByEmail(ctx.db, input.email);
  const valid = user
    ? await argonVerify(user.password_hash, input.password).catch(() => false)
    : await argonVerify(await timingDummyHash(), input.password).then(() => false);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertLoginAttempt(tx, {
      id: newId(),
      email: input.email,
      ip: client.ip,
      at: now.toISOString(),
      succeeded: valid ? 1 : 0,
    });
    if (!valid) {
      await recordAudit(tx, {
        actorUserId: null,
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? 'unknown',
        details: { ip: client.ip },
      });
    }
  });
  if (!user || !valid) throw new DomainError('auth.invalid_credentials', 'Wrong e-mail or password');
  return openSession(ctx, user, client);
}

/** Ends the caller's session. */
export async function logOut(ctx: AppContext, actor: UserActor): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await repo.deleteSession(tx, actor.sessionId);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'auth.logout',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
}

/**
 * Finds the actor behind a session token. Expired or unknown tokens give null; a used session's
 * expiry slides forward, written at most every few minutes.
 */
export async function resolveSession(ctx: AppContext, token: string): Promise<Actor | null> {
  if (token.length > 200) return null;
  const id = sessionIdOf(token);
  const session = await repo.findSession(ctx.db, id);
  const now = new Date();
  if (!session || session.expires_at <= now.toISOString()) return null;
  if (isSessionDueForTouch(session.last_seen_at, now)) {
    await repo.touchSession(ctx.db, id, now.toISOString(), sessionExpiry(now));
  }
  const [roles, memberships] = await Promise.all([
    repo.findPlatformRoles(ctx.db, session.user_id),
    repo.findMembershipsOfUser(ctx.db, session.user_id),
  ]);
  return {
    kind: 'user',
    userId: session.user_id,
    sessionId: id,
    csrfToken: session.csrf_token,
    platformRoles: new Set(roles.filter(isPlatformRole)),
    memberships: new Map(
      memberships.map((m): [string, OrganizationRole] => [
        m.organizationId,
        m.role === 'admin' ? 'admin' : 'member',
      ]),
    ),
  };
}

async function requireUser(ctx: AppContext, userId: string): Promise<UserRow> {
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw new DomainError('auth.unauthenticated', 'Sign in first');
  return user;
}

/** The caller's session: who they are, their roles and organisations, and the CSRF token. */
export async function getSession(ctx: AppContext, actor: UserActor): Promise<Session> {
  return describeSession(ctx, await requireUser(ctx, actor.userId), actor.csrfToken);
}

/** Changes the caller's display name or language. */
export async function updateProfile(
  ctx: AppContext,
  actor: UserActor,
  input: UpdateProfileBody,
): Promise<Session> {
  const before = await requireUser(ctx, actor.userId);
  const changes = {
    ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
  };
  if (Object.keys(changes).length > 0) {
    await ctx.db.transaction().execute(async (tx) => {
      await repo.updateUser(tx, actor.userId, changes, nowIso());
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: 'user.update_profile',
        entityType: 'user',
        entityId: actor.userId,
        before: { ...before, password_hash: undefined },
        after: { ...before, ...changes, password_hash: undefined },
        details: { fields: Object.keys(changes) },
      });
    });
  }
  return getSession(ctx, actor);
}

/** Changes the caller's password and signs out every other session. */
export async function changePassword(
  ctx: AppContext,
  actor: UserActor,
  input: ChangePasswordBody,
): Promise<void> {
  const user = await requireUser(ctx, actor.userId);
  if (!(await argonVerify(user.password_hash, input.currentPassword).catch(() => false))) {
    throw DomainError.field('auth.wrong_password', 'body.currentPassword', 'The current password is wrong');
  }
  assertPasswordAcceptable(input.newPassword, user.email, 'body.newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, user.id, { password_hash: passwordHash }, nowIso());
    await repo.deleteOtherSessions(tx, user.id, actor.sessionId);
    await recordAudit(tx, {
      actorUserId: user.id,
      action: 'user.change_password',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

async function toUserAdmin(ctx: AppContext, rows: readonly UserRow[]): Promise<UserAdmin[]> {
  const roles = await repo.findPlatformRolesOfUsers(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...toUser(row),
    platformRoles: (roles.get(row.id) ?? []).filter(isPlatformRole),
    createdAt: row.created_at,
  }));
}

/** Users of the platform, for the cluster office. */
export async function listUsers(
  ctx: AppContext,
  query: ListUsersQuery,
): Promise<{ items: UserAdmin[]; total: number }> {
  const { rows, total } = await repo.listUsers(ctx.db, query);
  return { items: await toUserAdmin(ctx, rows), total };
}

/** Sets a user's platform roles (cluster office only: the route requires it). */
export async function setPlatformRoles(
  ctx: AppContext,
  actor: UserActor,
  userId: string,
  roles: readonly PlatformRole[],
): Promise<UserAdmin> {
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw new DomainError('user.not_found', 'No such user');
  const unique = [...new Set(roles)].sort();
  const before = await repo.findPlatformRoles(ctx.db, userId);
  await ctx.db.transaction().execute(async (tx) => {
    const losesOffice = before.includes('cluster_office') && !unique.includes('cluster_office');
    if (losesOffice && (await repo.countUsersWithRole(tx, 'cluster_office')) <= 1) {
      throw new DomainError(
        'user.last_cluster_office',
        'The platform needs at least one cluster office user',
      );
    }
    await repo.replacePlatformRoles(tx, userId, unique, actor.userId, nowIso());
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'user.set_platform_roles',
      entityType: 'user',
      entityId: userId,
      before: { roles: before },
      after: { roles: unique },
      details: { before, after: unique },
    });
  });
  const [admin] = await toUserAdmin(ctx, [user]);
  if (!admin) throw new DomainError('user.not_found', 'No such user');
  return admin;
}

/** Looks a user up by e-mail (for adding members); null when there is none. */
export async function findUserIdByEmail(ctx: AppContext, email: string): Promise<string | null> {
  return (await repo.findUserByEmail(ctx.db, email.toLowerCase()))?.id ?? null;
}

/** Creates an account inside a caller's transaction (demo seeding and imports), audited. */
export async function insertUserInTransaction(
  tx: Tx,
  input: {
    email: string;
    displayName: string;
    passwordHash: string;
    locale: 'zh-CN' | 'en';
    isDemo: boolean;
    platformRoles: readonly PlatformRole[];
  },
  actor: string | null,
): Promise<string> {
  const now = nowIso();
  const row: UserRow = {
    id: newId(),
    email: input.email.toLowerCase(),
    display_name: input.displayName,
    password_hash: input.passwordHash,
    locale: input.locale,
    is_demo: input.isDemo ? 1 : 0,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insertUser(tx, row);
  await repo.replacePlatformRoles(tx, row.id, input.platformRoles, actor, now);
  await recordAudit(tx, {
    actorUserId: actor,
    action: 'user.create',
    entityType: 'user',
    entityId: row.id,
    after: { ...row, password_hash: undefined, platformRoles: input.platformRoles },
  });
  return row.id;
}
