import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import * as engagement from './engagement-service.js';
import {
  ClusterEngagementSchema,
  EngagementMatrixSchema,
  EngagementSettingsBody,
} from './engagement-schemas.js';
import { ProjectIdParams } from './schemas.js';

/** The engagement monitor: a project's matrix, its silence threshold, sweeping, the cluster-wide view. */
export function engagementRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['projects'];

    app.get('/api/v1/projects/:id/engagement', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Engagement per party and stage, who is flagged and why (parties, cluster office, auditor)',
        params: ProjectIdParams,
        response: { 200: EngagementMatrixSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => engagement.getEngagement(ctx, userActor(request), request.params.id),
    });

    app.put('/api/v1/projects/:id/engagement/settings', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Set after how many silent days a party is flagged (admins of the lead organisation)',
        params: ProjectIdParams,
        body: EngagementSettingsBody,
        response: { 200: EngagementMatrixSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        engagement.updateEngagementSettings(ctx, userActor(request), request.params.id, request.body),
    });

    app.post('/api/v1/projects/:id/engagement/sweep', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Run the monitor now: raise and clear flags (admins of the lead, cluster office)',
        params: ProjectIdParams,
        response: { 200: EngagementMatrixSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: (request) => engagement.sweepProject(ctx, userActor(request), request.params.id),
    });

    app.get('/api/v1/engagement', {
      config: { access: { platformRoles: ['cluster_office', 'auditor'] } },
      schema: {
        tags,
        summary: 'Every active project’s flagged parties (cluster office, auditor)',
        response: { 200: ClusterEngagementSchema, ...errorResponses(401, 403) },
      },
      handler: (request) => engagement.getClusterEngagement(ctx, userActor(request)),
    });
  };
}
