import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import {
  ApproveDesignationBody,
  ChangeMemberBody,
  ConsortiumIdParams,
  ConsortiumListSchema,
  ConsortiumSchema,
  CreateConsortiumBody,
  InvitationListSchema,
  InviteMemberBody,
  LeadPolicyBody,
  LeadPolicySchema,
  ListConsortiaQuery,
  MemberParams,
  MemberStepSchema,
  MemberVersionBody,
  ReturnDesignationBody,
  SubmitDesignationBody,
  UpdateConsortiumBody,
} from './schemas.js';
import { charterRoutes } from './charter-routes.js';
import * as consortia from './service.js';

/** Consortium formation, membership, designation by the cluster office, and the lead policy. */
export function consortiumRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['consortia'];

    app.get('/api/v1/consortia', {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Consortia: your organisations’ (signed in), the designated ones (everyone), or all (cluster office, auditor)',
        querystring: ListConsortiaQuery,
        response: { 200: ConsortiumListSchema, ...errorResponses(400, 401, 403) },
      },
      handler: (request) => consortia.listConsortia(ctx, request.actor, request.query),
    });

    app.post('/api/v1/consortia', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Found a consortium led by your organisation (it must be eligible under the lead policy)',
        body: CreateConsortiumBody,
        response: { 201: ConsortiumSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply.status(201).send(await consortia.createConsortium(ctx, userActor(request), request.body)),
    });

    app.get('/api/v1/consortia/invitations', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Pending invitations of your organisations',
        response: { 200: InvitationListSchema, ...errorResponses(401) },
      },
      handler: (request) => consortia.listInvitations(ctx, userActor(request)),
    });

    app.get('/api/v1/consortia/policy', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Who may lead a consortium, and what designation needs',
        response: { 200: LeadPolicySchema, ...errorResponses(401) },
      },
      handler: () => consortia.getPolicy(ctx),
    });

    app.put('/api/v1/consortia/policy', {
      config: { access: { platformRoles: ['cluster_office'] } },
      schema: {
        tags,
        summary: 'Set who may lead a consortium and what designation needs (cluster office)',
        body: LeadPolicyBody,
        response: { 200: LeadPolicySchema, ...errorResponses(400, 401, 403, 409) },
      },
      handler: (request) => consortia.updatePolicy(ctx, userActor(request), request.body),
    });

    app.get('/api/v1/consortia/:id', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A consortium with its members and its applications for designation',
        params: ConsortiumIdParams,
        response: { 200: ConsortiumSchema, ...errorResponses(400, 404) },
      },
      handler: (request) => consortia.getConsortium(ctx, request.actor, request.params.id),
    });

    app.patch('/api/v1/consortia/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Edit the basic information (admins of the lead organisation)',
        params: ConsortiumIdParams,
        body: UpdateConsortiumBody,
        response: { 200: ConsortiumSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        consortia.updateConsortium(ctx, userActor(request), request.params.id, request.body),
    });

    app.post('/api/v1/consortia/:id/members', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Invite a verified organisation with a role and chain position (admins of the lead)',
        params: ConsortiumIdParams,
        body: InviteMemberBody,
        response: { 200: ConsortiumSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) => consortia.inviteMember(ctx, userActor(request), request.params.id, request.body),
    });

    app.patch('/api/v1/consortia/:id/members/:organizationId', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Change an active member’s role or chain position (admins of the lead)',
        params: MemberParams,
        body: ChangeMemberBody,
        response: { 200: MemberStepSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        consortia.actOnMember(
          ctx,
          userActor(request),
          request.params.id,
          request.params.organizationId,
          'change',
          request.body,
        ),
    });

    const steps = [
      ['accept', 'Accept the invitation (admins of the invited organisation)'],
      ['decline', 'Decline the invitation (admins of the invited organisation)'],
      ['withdraw', 'Withdraw a pending invitation (admins of the lead)'],
      ['remove', 'Remove an active member, as the charter’s exit rule allows (admins of the lead)'],
      ['leave', 'Leave the consortium, as the charter’s exit rule allows (admins of the member)'],
    ] as const;
    for (const [step, summary] of steps) {
      app.post(`/api/v1/consortia/:id/members/:organizationId/${step}`, {
        config: { access: 'user' },
        schema: {
          tags,
          summary,
          params: MemberParams,
          body: MemberVersionBody,
          response: { 200: MemberStepSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
        handler: (request) =>
          consortia.actOnMember(
            ctx,
            userActor(request),
            request.params.id,
            request.params.organizationId,
            step,
            request.body,
          ),
      });
    }

    app.post('/api/v1/consortia/:id/designation/submit', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Apply to the cluster office for designation, or apply again (admins of the lead)',
        params: ConsortiumIdParams,
        body: SubmitDesignationBody,
        response: { 200: ConsortiumSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        consortia.submitDesignation(ctx, userActor(request), request.params.id, request.body),
    });

    app.post('/api/v1/consortia/:id/designation/approve', {
      config: { access: { platformRoles: ['cluster_office'] } },
      schema: {
        tags,
        summary: 'Designate the consortium (cluster office)',
        params: ConsortiumIdParams,
        body: ApproveDesignationBody,
        response: { 200: ConsortiumSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        consortia.decideDesignation(ctx, userActor(request), request.params.id, 'approve', request.body),
    });

    app.post('/api/v1/consortia/:id/designation/return', {
      config: { access: { platformRoles: ['cluster_office'] } },
      schema: {
        tags,
        summary: 'Return the application with comments (cluster office)',
        params: ConsortiumIdParams,
        body: ReturnDesignationBody,
        response: { 200: ConsortiumSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        consortia.decideDesignation(ctx, userActor(request), request.params.id, 'return', request.body),
    });

    await app.register(charterRoutes(ctx));
  };
}
