import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../errors.js';
import type { Actor, UserActor } from '../auth/actor.js';

/** The signed-in actor; routes with access 'user' or roles are guaranteed one by the access hook. */
export function userActor(request: FastifyRequest): UserActor {
  const actor: Actor = request.actor;
  if (actor.kind !== 'user') throw new DomainError('auth.unauthenticated', 'Sign in first');
  return actor;
}

/** The error body, as documented in OpenAPI for every error status. */
export const ErrorResponseSchema = z.object({
  code: z.string().describe('Stable error code, e.g. "organization.credit_code_invalid"'),
  message: z.string(),
  details: z
    .object({
      issues: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
    })
    .catchall(z.unknown()),
});

/** Standard error responses to list beside a route's success response. */
export function errorResponses(
  ...statuses: (400 | 401 | 403 | 404 | 409 | 429)[]
): Record<number, typeof ErrorResponseSchema> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponseSchema]));
}
