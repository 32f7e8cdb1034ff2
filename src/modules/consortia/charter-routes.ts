import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import * as charter from './charter-service.js';
import {
  CharterDiffQuery,
  CharterDiffSchema,
  CharterOverviewSchema,
  CharterVersionListSchema,
  CharterVersionParams,
  CharterVersionSchema,
  ConsortiumIdParams,
  CreateCharterDraftBody,
  OpenCharterBody,
  SignCharterBody,
  UpdateCharterDraftBody,
} from './schemas.js';

/** The consortium charter: versions, drafting, signing, effectiveness and diffs (insiders only). */
export function charterRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['consortia'];

    app.get('/api/v1/consortia/:id/charter', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The charter in force and the version being drafted or signed (the consortium’s insiders)',
        params: ConsortiumIdParams,
        response: { 200: CharterOverviewSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => charter.getCharter(ctx, userActor(request), request.params.id),
    });

    app.get('/api/v1/consortia/:id/charter/versions', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Every charter version, oldest first',
        params: ConsortiumIdParams,
        response: { 200: CharterVersionListSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => charter.listCharterVersions(ctx, userActor(request), request.params.id),
    });

    app.post('/api/v1/consortia/:id/charter/versions', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Start a draft: the first charter, or an amendment of the one in force (admins of the lead)',
        params: ConsortiumIdParams,
        body: CreateCharterDraftBody,
        response: { 201: CharterVersionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(await charter.createCharterDraft(ctx, userActor(request), request.params.id, request.body)),
    });

    app.get('/api/v1/consortia/:id/charter/versions/:number', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'One charter version with its content, issues and signatures',
        params: CharterVersionParams,
        response: { 200: CharterVersionSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) =>
        charter.getCharterVersion(ctx, userActor(request), request.params.id, request.params.number),
    });

    app.put('/api/v1/consortia/:id/charter/versions/:number', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Replace the draft’s content; issues are returned, not refused (admins of the lead)',
        params: CharterVersionParams,
        body: UpdateCharterDraftBody,
        response: { 200: CharterVersionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        charter.updateCharterDraft(
          ctx,
          userActor(request),
          request.params.id,
          request.params.number,
          request.body,
        ),
    });

    app.post('/api/v1/consortia/:id/charter/versions/:number/open', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Freeze the draft and open it for signature; refused while it has issues (admins of the lead)',
        params: CharterVersionParams,
        body: OpenCharterBody,
        response: { 200: CharterVersionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        charter.openCharterForSignature(
          ctx,
          userActor(request),
          request.params.id,
          request.params.number,
          request.body,
        ),
    });

    app.post('/api/v1/consortia/:id/charter/versions/:number/sign', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Sign the version for your active member organisation, naming the digest you read (its admins)',
        params: CharterVersionParams,
        body: SignCharterBody,
        response: { 200: CharterVersionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        charter.signCharter(ctx, userActor(request), request.params.id, request.params.number, request.body),
    });

    app.get('/api/v1/consortia/:id/charter/diff', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'What changed between two charter versions, in reading order',
        params: ConsortiumIdParams,
        querystring: CharterDiffQuery,
        response: { 200: CharterDiffSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) =>
        charter.diffCharterVersions(ctx, userActor(request), request.params.id, request.query),
    });
  };
}
