import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import {
  ChangePasswordBody,
  ListUsersQuery,
  LoginBody,
  OkSchema,
  RegisterBody,
  SessionSchema,
  SetPlatformRolesBody,
  UpdateProfileBody,
  UserAdminSchema,
  UserIdParams,
  UserListSchema,
} from './schemas.js';
import * as identity from './service.js';

export const SESSION_COOKIE = 'consortia_session';

function client(request: FastifyRequest): { ip: string; userAgent: string | null } {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** The session cookie: HttpOnly, SameSite=Lax, and Secure when configured or served over HTTPS. */
function setSessionCookie(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  created: identity.NewSession,
): void {
  reply.setCookie(SESSION_COOKIE, created.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.settings.secureCookies || request.protocol === 'https',
    expires: new Date(created.expiresAt),
  });
}

/** Accounts and sessions: register, sign in and out, profile, password; users for the cluster office. */
export function identityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['identity'];

    app.post('/api/v1/auth/register', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Create an account and sign in',
        body: RegisterBody,
        response: { 201: SessionSchema, ...errorResponses(400, 409) },
      },
      handler: async (request, reply) => {
        const created = await identity.registerUser(ctx, request.body, client(request));
        setSessionCookie(ctx, request, reply, created);
        return reply.status(201).send(created.session);
      },
    });

    app.post('/api/v1/auth/login', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in with e-mail and password',
        body: LoginBody,
        response: { 200: SessionSchema, ...errorResponses(400, 401, 429) },
      },
      handler: async (request, reply) => {
        const created = await identity.logIn(ctx, request.body, client(request));
        setSessionCookie(ctx, request, reply, created);
        return created.session;
      },
    });

    app.post('/api/v1/auth/logout', {
      config: { access: 'user' },
      schema: { tags, summary: 'Sign out', response: { 200: OkSchema, ...errorResponses(401, 403) } },
      handler: async (request, reply) => {
        await identity.logOut(ctx, userActor(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    });

    app.get('/api/v1/auth/session', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "The caller's session: user, roles, organisations and CSRF token",
        response: { 200: SessionSchema, ...errorResponses(401) },
      },
      handler: (request) => identity.getSession(ctx, userActor(request)),
    });

    app.patch('/api/v1/auth/me', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "Change the caller's display name or language",
        body: UpdateProfileBody,
        response: { 200: SessionSchema, ...errorResponses(400, 401, 403) },
      },
      handler: (request) => identity.updateProfile(ctx, userActor(request), request.body),
    });

    app.post('/api/v1/auth/password', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Change password; other sessions are signed out',
        body: ChangePasswordBody,
        response: { 200: OkSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => {
        await identity.changePassword(ctx, userActor(request), request.body);
        return { ok: true as const };
      },
    });

    app.get('/api/v1/users', {
      config: { access: { platformRoles: ['cluster_office'] } },
      schema: {
        tags,
        summary: 'List users (cluster office)',
        querystring: ListUsersQuery,
        response: { 200: UserListSchema, ...errorResponses(400, 401, 403) },
      },
      handler: (request) => identity.listUsers(ctx, request.query),
    });

    app.put('/api/v1/users/:id/platform-roles', {
      config: { access: { platformRoles: ['cluster_office'] } },
      schema: {
        tags,
        summary: "Set a user's platform roles (cluster office)",
        params: UserIdParams,
        body: SetPlatformRolesBody,
        response: { 200: UserAdminSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        identity.setPlatformRoles(ctx, userActor(request), request.params.id, request.body.roles),
    });
  };
}
