import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import * as communication from './communication-service.js';
import {
  CreateDocumentBody,
  CreateMinutesBody,
  CreatePostBody,
  CreateThreadBody,
  DocumentListSchema,
  DocumentRecordSchema,
  MinutesListSchema,
  MinutesParams,
  MinutesSchema,
  ThreadListSchema,
  ThreadParams,
  ThreadSchema,
  ThreadStatusBody,
} from './communication-schemas.js';
import { ProjectIdParams } from './schemas.js';

/** A project's communication log: threads and posts, minutes with action items, document records. */
export function communicationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['projects'];

    app.get('/api/v1/projects/:id/threads', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The project’s threads, latest activity first (parties, cluster office, auditor)',
        params: ProjectIdParams,
        response: { 200: ThreadListSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => communication.listThreads(ctx, userActor(request), request.params.id),
    });

    app.post('/api/v1/projects/:id/threads', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Start a thread, addressed to some parties or open to all (members of a party)',
        params: ProjectIdParams,
        body: CreateThreadBody,
        response: { 201: ThreadSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(await communication.createThread(ctx, userActor(request), request.params.id, request.body)),
    });

    app.get('/api/v1/projects/:id/threads/:threadId', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'A thread with its posts',
        params: ThreadParams,
        response: { 200: ThreadSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) =>
        communication.getThread(ctx, userActor(request), request.params.id, request.params.threadId),
    });

    app.post('/api/v1/projects/:id/threads/:threadId/posts', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Post in an open thread (members of a party)',
        params: ThreadParams,
        body: CreatePostBody,
        response: { 201: ThreadSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(
            await communication.createPost(
              ctx,
              userActor(request),
              request.params.id,
              request.params.threadId,
              request.body,
            ),
          ),
    });

    for (const [step, to, summary] of [
      ['close', 'closed', 'Close the thread (its starting party or the lead’s admins)'],
      ['reopen', 'open', 'Reopen the thread (its starting party or the lead’s admins)'],
    ] as const) {
      app.post(`/api/v1/projects/:id/threads/:threadId/${step}`, {
        config: { access: 'user' },
        schema: {
          tags,
          summary,
          params: ThreadParams,
          body: ThreadStatusBody,
          response: { 200: ThreadSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
        handler: (request) =>
          communication.setThreadStatus(
            ctx,
            userActor(request),
            request.params.id,
            request.params.threadId,
            to,
            request.body,
          ),
      });
    }

    app.get('/api/v1/projects/:id/minutes', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'The project’s meeting minutes, latest meeting first, with the tasks their action items became',
        params: ProjectIdParams,
        response: { 200: MinutesListSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => communication.listMinutes(ctx, userActor(request), request.params.id),
    });

    app.post('/api/v1/projects/:id/minutes', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Record meeting minutes; each action item becomes a task (members of a party)',
        params: ProjectIdParams,
        body: CreateMinutesBody,
        response: { 201: MinutesSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(await communication.createMinutes(ctx, userActor(request), request.params.id, request.body)),
    });

    app.get('/api/v1/projects/:id/minutes/:minutesId', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'One meeting’s minutes',
        params: MinutesParams,
        response: { 200: MinutesSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) =>
        communication.getMinutes(ctx, userActor(request), request.params.id, request.params.minutesId),
    });

    app.get('/api/v1/projects/:id/documents', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The project’s document records, newest first',
        params: ProjectIdParams,
        response: { 200: DocumentListSchema, ...errorResponses(400, 401, 404) },
      },
      handler: (request) => communication.listDocuments(ctx, userActor(request), request.params.id),
    });

    app.post('/api/v1/projects/:id/documents', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Record a document (a URL or reference, not the file) (members of a party)',
        params: ProjectIdParams,
        body: CreateDocumentBody,
        response: { 201: DocumentRecordSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(await communication.createDocument(ctx, userActor(request), request.params.id, request.body)),
    });
  };
}
