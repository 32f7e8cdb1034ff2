import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteAccess, RouteTableEntry } from '../platform/http/access.js';
import type { PlatformRole } from '../platform/auth/actor.js';
import { openTestApp } from './app.js';
import { testEngine } from './database.js';
import { databaseFingerprint } from './fingerprint.js';
import { openTestAppFromSnapshot, snapshotOf } from './snapshot.js';
import {
  AUTHZ_MATRIX,
  buildAuthzWorld,
  parseMatrixKey,
  ROLES,
  type AuthzWorld,
  type Role,
} from './authz-matrix.js';

/** The platform role each role holds, for checking the matrix against the routes' declared rules. */
const PLATFORM_ROLE_OF: Readonly<Record<Role, PlatformRole | null>> = {
  anonymous: null,
  outsider: null,
  member: null,
  orgAdmin: null,
  clusterOffice: 'cluster_office',
  auditor: 'auditor',
  reviewer: 'reviewer',
};

/** What a refusal looks like: exactly these three fields, nothing more to go on. */
const RefusalBody = z.strictObject({
  code: z.string(),
  message: z.string(),
  details: z.strictObject({}),
});

/** The refusal codes each status may carry. */
const REFUSALS: Readonly<Record<number, readonly string[]>> = {
  401: ['auth.unauthenticated'],
  403: ['auth.forbidden', 'auth.csrf_failed'],
  404: ['record.not_found'],
};

function routeKey(route: { method: string; url: string }): string {
  return `${route.method} ${route.url}`;
}

/** Whether the route's own access rule could let the role through at all. */
function accessAdmits(access: RouteAccess, role: Role): boolean {
  if (access === 'public') return true;
  if (role === 'anonymous') return false;
  if (access === 'user') return true;
  const held = PLATFORM_ROLE_OF[role];
  return held !== null && access.platformRoles.includes(held);
}

/** A URL pattern as a regular expression: each `:param` is one non-empty path segment. */
function patternOf(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/?]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${escaped.join('/')}(\\?.*)?$`);
}

function expectRefused(response: LightMyRequestResponse, role: Role, url: string, world: AuthzWorld): void {
  const status = response.statusCode;
  expect(role === 'anonymous' ? [401, 404] : [403, 404], `status of ${response.body}`).toContain(status);
  const parsed = RefusalBody.safeParse(response.json());
  expect(parsed.error?.issues ?? [], response.body).toEqual([]);
  expect(REFUSALS[status] ?? [], response.body).toContain(parsed.data?.code);
  const leaked = world.secrets.filter((secret) => !url.includes(secret) && response.body.includes(secret));
  expect(leaked, 'a refusal reveals fixture data').toEqual([]);
  expect(response.headers['set-cookie'], 'a refusal sets no cookie').toBeUndefined();
}

describe.skipIf(testEngine() === 'postgres')('authorization matrix', () => {
  let world: AuthzWorld;
  let snapshot: Buffer;
  let routeTable: readonly RouteTableEntry[];

  beforeAll(async () => {
    const t = await openTestApp();
    try {
      world = await buildAuthzWorld(t);
      snapshot = snapshotOf(t);
      routeTable = t.app.routeTable;
    } finally {
      await t.close();
    }
  });

  it('every API route has an entry in the authorization matrix, and every entry a route', () => {
    const routes = routeTable.map(routeKey);
    expect(routes.length).toBeGreaterThan(0);
    expect({
      routesWithoutEntry: routes.filter((key) => !(key in AUTHZ_MATRIX)),
      entriesWithoutRoute: Object.keys(AUTHZ_MATRIX).filter((key) => !routes.includes(key)),
    }).toEqual({ routesWithoutEntry: [], entriesWithoutRoute: [] });
  });

  it('expects no role to pass a route whose declared access rule refuses it', () => {
    const tooGenerous = routeTable.flatMap((route) => {
      const entry = AUTHZ_MATRIX[routeKey(route)];
      if (!entry) return [];
      return ROLES.filter((role) => entry.allowed[role] && !accessAdmits(route.access, role)).map(
        (role) => `${routeKey(route)} ${role}`,
      );
    });
    expect(tooGenerous).toEqual([]);
  });

  it("addresses each entry's request to its own route", () => {
    const misaddressed = Object.entries(AUTHZ_MATRIX).flatMap(([key, entry]) => {
      const { url } = entry.request(world.fixture);
      return patternOf(parseMatrixKey(key).url).test(url) ? [] : [`${key} → ${url}`];
    });
    expect(misaddressed).toEqual([]);
  });

  for (const [key, entry] of Object.entries(AUTHZ_MATRIX)) {
    const { method } = parseMatrixKey(key);
    describe(key, () => {
      for (const role of ROLES) {
        const allowed = entry.allowed[role];
        it(`${allowed ? 'lets' : 'refuses'} ${role}${allowed ? ' through' : ' without revealing anything'}`, async () => {
          // A fresh copy of the world per case: an allowed DELETE must not change what the next case sees.
          const t = await openTestAppFromSnapshot(snapshot);
          try {
            const request = entry.request(world.fixture);
            const before = await databaseFingerprint(t.ctx.db);
            const response = await t.app.inject({
              method,
              url: request.url,
              headers: request.file
                ? { ...world.headers[role], 'content-type': request.file.contentType }
                : world.headers[role],
              ...(request.payload === undefined ? {} : { payload: request.payload }),
              ...(request.file === undefined ? {} : { payload: request.file.body }),
            });
            if (allowed) {
              expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
              expect(response.statusCode, response.body).toBeLessThan(300);
            } else {
              expectRefused(response, role, request.url, world);
              expect(await databaseFingerprint(t.ctx.db), 'a refusal changes nothing').toEqual(before);
            }
          } finally {
            await t.close();
          }
        });
      }
    });
  }
});
