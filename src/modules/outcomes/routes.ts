import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import * as outcomes from './service.js';
import {
  AccountQuery,
  AccountSchema,
  CompleteTransferBody,
  IncomeListSchema,
  IncomeSchema,
  OfferTransferBody,
  OrganizationIdParams,
  OutcomeIdParams,
  OutcomeListSchema,
  OutcomeSchema,
  ProjectIdParams,
  RecordIncomeBody,
  RecordOutcomeBody,
  RespondTransferBody,
  TransferListSchema,
  TransferParams,
  TransferSchema,
  WithdrawTransferBody,
} from './schemas.js';

/** Outcomes, income and its distribution, accounts, and transfers under first refusal. */
export function outcomeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['outcomes'];

    app.get('/api/v1/projects/:id/outcomes', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The project’s outcomes with their owners’ shares (the project’s insiders)',
        params: ProjectIdParams,
        response: { 200: OutcomeListSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => outcomes.listOutcomes(ctx, userActor(request), request.params.id),
    });

    app.post('/api/v1/projects/:id/outcomes', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Record an outcome; its shares are copied from the effective charter (members of a party)',
        params: ProjectIdParams,
        body: RecordOutcomeBody,
        response: { 201: OutcomeSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(await outcomes.recordOutcome(ctx, userActor(request), request.params.id, request.body)),
    });

    app.get('/api/v1/outcomes/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'One outcome with its current owners (the project’s insiders)',
        params: OutcomeIdParams,
        response: { 200: OutcomeSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => outcomes.getOutcome(ctx, userActor(request), request.params.id),
    });

    app.get('/api/v1/projects/:id/income', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The project’s incomes with each member’s distribution statement (the project’s insiders)',
        params: ProjectIdParams,
        response: { 200: IncomeListSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => outcomes.listIncome(ctx, userActor(request), request.params.id),
    });

    app.post('/api/v1/projects/:id/income', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Record income (fen as digits) and distribute it exactly under the charter’s benefit rule (admins of a party)',
        params: ProjectIdParams,
        body: RecordIncomeBody,
        response: { 201: IncomeSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(await outcomes.recordIncome(ctx, userActor(request), request.params.id, request.body)),
    });

    app.get('/api/v1/organizations/:id/account', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'The organisation’s account: posted statements and the balance (its members, office, auditor)',
        params: OrganizationIdParams,
        querystring: AccountQuery,
        response: { 200: AccountSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => outcomes.getAccount(ctx, userActor(request), request.params.id, request.query),
    });

    app.get('/api/v1/outcomes/:id/transfers', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Offers of shares of the outcome and where their first-refusal periods stand',
        params: OutcomeIdParams,
        response: { 200: TransferListSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => outcomes.listTransfers(ctx, userActor(request), request.params.id),
    });

    app.post('/api/v1/outcomes/:id/transfers', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Offer a share to the co-owners first, for the charter’s first-refusal period (a co-owner’s admins)',
        params: OutcomeIdParams,
        body: OfferTransferBody,
        response: { 201: TransferSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(await outcomes.offerTransfer(ctx, userActor(request), request.params.id, request.body)),
    });

    app.post('/api/v1/outcomes/:id/transfers/:transferId/respond', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Accept or waive an offer within its period (another co-owner’s admins)',
        params: TransferParams,
        body: RespondTransferBody,
        response: { 200: TransferSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        outcomes.respondTransfer(
          ctx,
          userActor(request),
          request.params.id,
          request.params.transferId,
          request.body,
        ),
    });

    app.post('/api/v1/outcomes/:id/transfers/:transferId/complete', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Complete an offer: to accepting co-owners, or to a third party once first refusal allows (the seller’s admins)',
        params: TransferParams,
        body: CompleteTransferBody,
        response: { 200: TransferSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        outcomes.completeTransfer(
          ctx,
          userActor(request),
          request.params.id,
          request.params.transferId,
          request.body,
        ),
    });

    app.post('/api/v1/outcomes/:id/transfers/:transferId/withdraw', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Withdraw an open offer (the seller’s admins)',
        params: TransferParams,
        body: WithdrawTransferBody,
        response: { 200: TransferSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: (request) =>
        outcomes.withdrawTransfer(
          ctx,
          userActor(request),
          request.params.id,
          request.params.transferId,
          request.body,
        ),
    });
  };
}
