import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';
import { ANONYMOUS, hasPlatformRole, type Actor, type PlatformRole } from '../auth/actor.js';

/**
 * What a route needs before its handler runs. Object-level decisions (is this caller an admin of
 * that organisation?) are made in the module's `permissions.ts`, called from its service.
 * - `public`: anyone, signed in or not;
 * - `user`: any signed-in user;
 * - `{ platformRoles }`: a signed-in user holding at least one of these platform roles.
 */
export type RouteAccess = 'public' | 'user' | { platformRoles: readonly PlatformRole[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    /** Every /api/v1 route with its access rule, in registration order (tests derive the authorization matrix from it). */
    routeTable: readonly RouteTableEntry[];
  }
}

/** One API route as the access control saw it registered. */
export interface RouteTableEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

export interface AccessOptions {
  /** Finds who holds the session token (cookie value), or null. */
  resolveSession(token: string, request: FastifyRequest): Promise<Actor | null>;
  cookieName: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Deny by default: a route under /api without a declared access rule stops the server from
 * starting. Each request resolves its actor from the session cookie, then the route's rule and,
 * for writes with a session, the CSRF token are checked before validation and the handler.
 */
export function registerAccessControl(app: FastifyInstance, options: AccessOptions): void {
  app.decorateRequest('actor', null as never);
  const routeTable: RouteTableEntry[] = [];
  app.decorate('routeTable', routeTable);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (access === undefined)
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    // Fastify adds a HEAD route beside every GET; it is the GET route, not one of ours.
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    const token = request.cookies[options.cookieName];
    if (token) request.actor = (await options.resolveSession(token, request)) ?? ANONYMOUS;
  });

  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const actor = request.actor;
    if (actor.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !timingSafeEqualText(sent, actor.csrfToken)) {
        throw new DomainError(
          'auth.csrf_failed',
          'Missing or wrong CSRF token: send the x-csrf-token header',
        );
      }
    }
    if (access === 'public') return;
    if (actor.kind !== 'user') throw new DomainError('auth.unauthenticated', 'Sign in first');
    if (access === 'user') return;
    if (!access.platformRoles.some((role) => hasPlatformRole(actor, role))) {
      throw new DomainError('auth.forbidden', 'You are not allowed to do this');
    }
  });
}

function timingSafeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
