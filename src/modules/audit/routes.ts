import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import { AuditEventListSchema, AuditVerificationSchema, ListAuditEventsQuery } from './schemas.js';
import * as audit from './service.js';

/** Reading and checking the audit trail (cluster office and auditors). */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['audit'];
    const access = { platformRoles: ['cluster_office', 'auditor'] } as const;

    app.get('/api/v1/audit/events', {
      config: { access },
      schema: {
        tags,
        summary: 'Audit events, newest first',
        querystring: ListAuditEventsQuery,
        response: { 200: AuditEventListSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => ({ items: await audit.listAuditEvents(ctx, request.query) }),
    });

    app.get('/api/v1/audit/verify', {
      config: { access },
      schema: {
        tags,
        summary: 'Recompute the hash chain and report the first broken link',
        response: { 200: AuditVerificationSchema, ...errorResponses(401, 403) },
      },
      handler: () => audit.verifyAuditTrail(ctx),
    });
  };
}
