import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import { OrganizationIdParams } from '../organizations/schemas.js';
import {
  AcceptNdaRequestBody,
  AchievementListSchema,
  AchievementSchema,
  CapabilityListSchema,
  CapabilitySchema,
  CreateAchievementBody,
  CreateCapabilityBody,
  CreateExpertBody,
  CreateNdaRequestBody,
  CreateNeedBody,
  DeclineNdaRequestBody,
  ExpertListSchema,
  ExpertSchema,
  ListAchievementsQuery,
  ListCapabilitiesQuery,
  ListExpertsQuery,
  ListingStatusBody,
  ListNdaRequestsQuery,
  ListNeedsQuery,
  NdaRequestListSchema,
  NdaRequestSchema,
  NeedListSchema,
  NeedSchema,
  NeedStatusBody,
  OrganizationDirectorySchema,
  RecordIdParams,
  UpdateAchievementBody,
  UpdateCapabilityBody,
  UpdateExpertBody,
  UpdateNeedBody,
  type TieredType,
} from './schemas.js';
import * as directory from './service.js';

/** Needs, capabilities, achievements, expert profiles and NDA requests. */
export function directoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['directory'];

    // Needs -------------------------------------------------------------------------------------

    app.get('/api/v1/needs', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Technical needs, filtered and paged; details only where the tier admits the caller',
        querystring: ListNeedsQuery,
        response: { 200: NeedListSchema, ...errorResponses(400) },
      },
      handler: (request) => directory.listNeeds(ctx, request.actor, request.query),
    });

    app.post('/api/v1/needs', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Post a technical need for your verified enterprise',
        body: CreateNeedBody,
        response: { 201: NeedSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply.status(201).send(await directory.createNeed(ctx, userActor(request), request.body)),
    });

    app.get('/api/v1/needs/:id', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A need: its details or, where the tier hides them, a teaser; with the caller's permissions",
        params: RecordIdParams,
        response: { 200: NeedSchema, ...errorResponses(400, 404) },
      },
      handler: (request) => directory.getNeed(ctx, request.actor, request.params.id),
    });

    app.patch('/api/v1/needs/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "Edit a need (its organisation's members)",
        params: RecordIdParams,
        body: UpdateNeedBody,
        response: { 200: NeedSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) => directory.updateNeed(ctx, userActor(request), request.params.id, request.body),
    });

    app.post('/api/v1/needs/:id/status', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Move a need to in talks, matched or back to open, or close it (closing is final)',
        params: RecordIdParams,
        body: NeedStatusBody,
        response: { 200: NeedSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        directory.changeNeedStatus(ctx, userActor(request), request.params.id, request.body),
    });

    // Capabilities ------------------------------------------------------------------------------

    app.get('/api/v1/capabilities', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Research capabilities and services, filtered and paged',
        querystring: ListCapabilitiesQuery,
        response: { 200: CapabilityListSchema, ...errorResponses(400) },
      },
      handler: (request) => directory.listCapabilities(ctx, request.actor, request.query),
    });

    app.post('/api/v1/capabilities', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Offer a research capability or service for your verified organisation',
        body: CreateCapabilityBody,
        response: { 201: CapabilitySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply.status(201).send(await directory.createCapability(ctx, userActor(request), request.body)),
    });

    app.get('/api/v1/capabilities/:id', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A capability: details or teaser, with the caller’s permissions',
        params: RecordIdParams,
        response: { 200: CapabilitySchema, ...errorResponses(400, 404) },
      },
      handler: (request) => directory.getCapability(ctx, request.actor, request.params.id),
    });

    app.patch('/api/v1/capabilities/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "Edit a capability (its organisation's members)",
        params: RecordIdParams,
        body: UpdateCapabilityBody,
        response: { 200: CapabilitySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        directory.updateCapability(ctx, userActor(request), request.params.id, request.body),
    });

    app.post('/api/v1/capabilities/:id/status', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Close a capability (final)',
        params: RecordIdParams,
        body: ListingStatusBody,
        response: { 200: CapabilitySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        directory.changeCapabilityStatus(ctx, userActor(request), request.params.id, request.body),
    });

    // Achievements ------------------------------------------------------------------------------

    app.get('/api/v1/achievements', {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Research results offered for transfer, filtered (kind, TRL range, transfer mode…) and paged',
        querystring: ListAchievementsQuery,
        response: { 200: AchievementListSchema, ...errorResponses(400) },
      },
      handler: (request) => directory.listAchievements(ctx, request.actor, request.query),
    });

    app.post('/api/v1/achievements', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Offer a research result (patent, software copyright, know-how) of your university or institute',
        body: CreateAchievementBody,
        response: { 201: AchievementSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply.status(201).send(await directory.createAchievement(ctx, userActor(request), request.body)),
    });

    app.get('/api/v1/achievements/:id', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'An achievement: details or teaser, with the caller’s permissions',
        params: RecordIdParams,
        response: { 200: AchievementSchema, ...errorResponses(400, 404) },
      },
      handler: (request) => directory.getAchievement(ctx, request.actor, request.params.id),
    });

    app.patch('/api/v1/achievements/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "Edit an achievement (its organisation's members)",
        params: RecordIdParams,
        body: UpdateAchievementBody,
        response: { 200: AchievementSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        directory.updateAchievement(ctx, userActor(request), request.params.id, request.body),
    });

    app.post('/api/v1/achievements/:id/status', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Close an achievement (final)',
        params: RecordIdParams,
        body: ListingStatusBody,
        response: { 200: AchievementSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        directory.changeAchievementStatus(ctx, userActor(request), request.params.id, request.body),
    });

    // Experts -----------------------------------------------------------------------------------

    app.get('/api/v1/experts', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Expert profiles, filtered and paged',
        querystring: ListExpertsQuery,
        response: { 200: ExpertListSchema, ...errorResponses(400) },
      },
      handler: (request) => directory.listExperts(ctx, request.actor, request.query),
    });

    app.post('/api/v1/experts', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Add an expert profile for your verified organisation',
        body: CreateExpertBody,
        response: { 201: ExpertSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply.status(201).send(await directory.createExpert(ctx, userActor(request), request.body)),
    });

    app.get('/api/v1/experts/:id', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "An expert profile, with the caller's permissions",
        params: RecordIdParams,
        response: { 200: ExpertSchema, ...errorResponses(400, 404) },
      },
      handler: (request) => directory.getExpert(ctx, request.actor, request.params.id),
    });

    app.patch('/api/v1/experts/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "Edit an expert profile (its organisation's members)",
        params: RecordIdParams,
        body: UpdateExpertBody,
        response: { 200: ExpertSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) => directory.updateExpert(ctx, userActor(request), request.params.id, request.body),
    });

    app.post('/api/v1/experts/:id/status', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Close an expert profile (final)',
        params: RecordIdParams,
        body: ListingStatusBody,
        response: { 200: ExpertSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        directory.changeExpertStatus(ctx, userActor(request), request.params.id, request.body),
    });

    // One organisation's postings ---------------------------------------------------------------

    app.get('/api/v1/organizations/:id/directory', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'What an organisation posted: needs, capabilities, achievements and experts, tier-filtered',
        params: OrganizationIdParams,
        response: { 200: OrganizationDirectorySchema, ...errorResponses(400, 404) },
      },
      handler: (request) => directory.getOrganizationDirectory(ctx, request.actor, request.params.id),
    });

    // NDA requests ------------------------------------------------------------------------------

    const ndaPaths: readonly [string, TieredType][] = [
      ['needs', 'need'],
      ['capabilities', 'capability'],
      ['achievements', 'achievement'],
    ];
    for (const [path, type] of ndaPaths) {
      app.post(`/api/v1/${path}/:id/nda-requests`, {
        config: { access: 'user' },
        schema: {
          tags,
          summary: `Ask the owner of a parties-tier ${type} for access, accepting its NDA terms`,
          params: RecordIdParams,
          body: CreateNdaRequestBody,
          response: { 201: NdaRequestSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
        handler: async (request, reply) =>
          reply
            .status(201)
            .send(await directory.requestNda(ctx, userActor(request), type, request.params.id, request.body)),
      });
    }

    app.get('/api/v1/nda-requests', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          "NDA requests: incoming (for your organisations' records, as admin) or outgoing (your organisations')",
        querystring: ListNdaRequestsQuery,
        response: { 200: NdaRequestListSchema, ...errorResponses(400, 401) },
      },
      handler: (request) => directory.listNdaRequests(ctx, request.actor, request.query),
    });

    app.post('/api/v1/nda-requests/:id/accept', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "Accept an NDA request (the owner's admins): the requester becomes a party",
        params: RecordIdParams,
        body: AcceptNdaRequestBody,
        response: { 200: NdaRequestSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        directory.acceptNdaRequest(ctx, userActor(request), request.params.id, request.body.version),
    });

    app.post('/api/v1/nda-requests/:id/decline', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "Decline an NDA request with a reason (the owner's admins)",
        params: RecordIdParams,
        body: DeclineNdaRequestBody,
        response: { 200: NdaRequestSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        directory.declineNdaRequest(ctx, userActor(request), request.params.id, request.body),
    });
  };
}
