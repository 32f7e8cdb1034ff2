import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http/route-helpers.js';
import { SearchQuery, SearchResultsSchema } from './schemas.js';
import * as searchService from './service.js';

/** Bilingual search across organisations, experts, needs, capabilities and achievements. */
export function searchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/search', {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        summary:
          'Search every kind of record in Chinese or English, with filters; details hidden by a visibility tier are neither searched nor shown',
        querystring: SearchQuery,
        response: { 200: SearchResultsSchema, ...errorResponses(400) },
      },
      handler: (request) => searchService.search(ctx, request.actor, request.query),
    });
  };
}
