import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import { OkSchema } from '../identity/schemas.js';
import {
  AddMemberBody,
  ChangeMemberBody,
  ClusterListSchema,
  CreateOrganizationBody,
  ListOrganizationsQuery,
  MemberListSchema,
  MemberParams,
  MemberSchema,
  OrganizationIdParams,
  OrganizationListSchema,
  OrganizationSchema,
  UpdateOrganizationBody,
  VerifyOrganizationBody,
} from './schemas.js';
import * as organizations from './service.js';

/** The organisation directory, profiles, verification and memberships. */
export function organizationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organizations'];

    app.get('/api/v1/clusters', {
      config: { access: 'public' },
      schema: { tags, summary: 'Industry clusters', response: { 200: ClusterListSchema } },
      handler: async () => ({ items: await organizations.listClusters(ctx) }),
    });

    app.get('/api/v1/organizations', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The organisation directory, filtered and paged',
        querystring: ListOrganizationsQuery,
        response: { 200: OrganizationListSchema, ...errorResponses(400) },
      },
      handler: (request) => organizations.listOrganizations(ctx, request.actor, request.query),
    });

    app.post('/api/v1/organizations', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Register an organisation (it starts unverified; you become its admin)',
        body: CreateOrganizationBody,
        response: { 201: OrganizationSchema, ...errorResponses(400, 401, 403, 409) },
      },
      handler: async (request, reply) =>
        reply.status(201).send(await organizations.createOrganization(ctx, userActor(request), request.body)),
    });

    app.get('/api/v1/organizations/:id', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "An organisation's profile, with the caller's permissions on it",
        params: OrganizationIdParams,
        response: { 200: OrganizationSchema, ...errorResponses(400, 404) },
      },
      handler: (request) => organizations.getOrganization(ctx, request.actor, request.params.id),
    });

    app.patch('/api/v1/organizations/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "Edit an organisation's profile (its admins and the cluster office)",
        params: OrganizationIdParams,
        body: UpdateOrganizationBody,
        response: { 200: OrganizationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        organizations.updateOrganization(ctx, userActor(request), request.params.id, request.body),
    });

    app.post('/api/v1/organizations/:id/verify', {
      config: { access: { platformRoles: ['cluster_office'] } },
      schema: {
        tags,
        summary: 'Verify an organisation (cluster office)',
        params: OrganizationIdParams,
        body: VerifyOrganizationBody,
        response: { 200: OrganizationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        organizations.verifyOrganization(ctx, userActor(request), request.params.id, request.body.version),
    });

    app.get('/api/v1/organizations/:id/members', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "An organisation's members (its members and the cluster office)",
        params: OrganizationIdParams,
        response: { 200: MemberListSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request) => ({
        items: await organizations.listMembers(ctx, request.actor, request.params.id),
      }),
    });

    app.post('/api/v1/organizations/:id/members', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Add a registered user as a member (its admins and the cluster office)',
        params: OrganizationIdParams,
        body: AddMemberBody,
        response: { 201: MemberSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(await organizations.addMember(ctx, userActor(request), request.params.id, request.body)),
    });

    app.patch('/api/v1/organizations/:id/members/:userId', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: "Change a member's role",
        params: MemberParams,
        body: ChangeMemberBody,
        response: { 200: MemberSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        organizations.changeMemberRole(
          ctx,
          userActor(request),
          request.params.id,
          request.params.userId,
          request.body.role,
        ),
    });

    app.delete('/api/v1/organizations/:id/members/:userId', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Remove a member',
        params: MemberParams,
        response: { 200: OkSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request) => {
        await organizations.removeMember(ctx, userActor(request), request.params.id, request.params.userId);
        return { ok: true as const };
      },
    });
  };
}
