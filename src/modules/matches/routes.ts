import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import {
  CreateMatchBody,
  ListMatchesQuery,
  MatchActionBody,
  MatchDetailSchema,
  MatchIdParams,
  MatchListSchema,
  RecordIdParams,
  SuggestionListSchema,
  SuggestionQuery,
  SupplySuggestionQuery,
} from './schemas.js';
import * as matches from './service.js';

/** Suggested partners for needs and supply records, and the match pipeline. */
export function matchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['matches'];

    app.get('/api/v1/needs/:id/matches', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Organisations, experts, achievements or capabilities ranked for a need, with scores and reasons (the need’s organisation only)',
        params: RecordIdParams,
        querystring: SuggestionQuery,
        response: { 200: SuggestionListSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: (request) => matches.suggestForNeed(ctx, userActor(request), request.params.id, request.query),
    });

    app.get('/api/v1/capabilities/:id/matches', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Needs ranked for a capability, with scores and reasons (the capability’s organisation only)',
        params: RecordIdParams,
        querystring: SupplySuggestionQuery,
        response: { 200: SuggestionListSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: (request) =>
        matches.suggestForSupply(ctx, userActor(request), 'capability', request.params.id, request.query),
    });

    app.get('/api/v1/achievements/:id/matches', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Needs ranked for an achievement, with scores and reasons (the achievement’s organisation only)',
        params: RecordIdParams,
        querystring: SupplySuggestionQuery,
        response: { 200: SuggestionListSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: (request) =>
        matches.suggestForSupply(ctx, userActor(request), 'achievement', request.params.id, request.query),
    });

    app.get('/api/v1/matches', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Pairs in the pipeline that your organisations are part of (the cluster office sees all)',
        querystring: ListMatchesQuery,
        response: { 200: MatchListSchema, ...errorResponses(400, 401, 403) },
      },
      handler: (request) => matches.listMatches(ctx, userActor(request), request.query),
    });

    app.post('/api/v1/matches', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Put a need and a counterpart into the pipeline: shortlist, contact, or decline with a reason',
        body: CreateMatchBody,
        response: { 201: MatchDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply.status(201).send(await matches.createMatch(ctx, userActor(request), request.body)),
    });

    app.get('/api/v1/matches/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'A pair, its reasons and its history',
        params: MatchIdParams,
        response: { 200: MatchDetailSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => matches.getMatch(ctx, request.actor, request.params.id),
    });

    app.post('/api/v1/matches/:id/actions', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Take the next step for your side: contact, accept, agree, convert, or decline with a reason',
        params: MatchIdParams,
        body: MatchActionBody,
        response: { 200: MatchDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) => matches.actOnMatch(ctx, userActor(request), request.params.id, request.body),
    });
  };
}
