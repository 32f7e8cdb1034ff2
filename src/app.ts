import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { AppContext } from './platform/context.js';
import { newId } from './platform/ids.js';
import { registerAccessControl } from './platform/http/access.js';
import { registerErrorHandling, replyWithFrameworkError } from './platform/http/errors.js';
import { registerNulCharacterGuard, registerStrictJsonParser } from './platform/http/json-parser.js';
import { identityRoutes, SESSION_COOKIE } from './modules/identity/routes.js';
import { resolveSession } from './modules/identity/service.js';
import { organizationRoutes } from './modules/organizations/routes.js';
import { directoryRoutes } from './modules/directory/routes.js';
import { searchRoutes } from './modules/search/routes.js';
import { matchRoutes } from './modules/matches/routes.js';
import { consortiumRoutes } from './modules/consortia/routes.js';
import { projectRoutes } from './modules/projects/routes.js';
import { outcomeRoutes } from './modules/outcomes/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { spreadsheetRoutes } from './modules/spreadsheets/routes.js';
import { communicationRoutes } from './modules/projects/communication-routes.js';
import { engagementRoutes } from './modules/projects/engagement-routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { metaRoutes } from './modules/meta/routes.js';

export interface AppOptions {
  /** A pino logger; without one the app is silent (tests). */
  logger?: FastifyBaseLogger;
  /** Folder with the built web app; served at / when present. */
  webRoot?: string | null;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy?: boolean;
}

/** Largest JSON body accepted; anything bigger is refused with 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Assembles the HTTP application: platform plumbing first, then every module's routes. */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
    genReqId: () => newId(),
    requestIdHeader: 'x-request-id',
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: replyWithFrameworkError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(cookie);
  registerStrictJsonParser(app);
  registerErrorHandling(app);
  registerAccessControl(app, {
    cookieName: SESSION_COOKIE,
    resolveSession: (token) => resolveSession(ctx, token),
  });
  registerNulCharacterGuard(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Consortia API',
        version: ctx.settings.version,
        description:
          'Industry–university–research collaboration in an innovation cluster. Errors are `{ code, message, details }` with stable codes. Cookie-authenticated writes need the `x-csrf-token` header from `GET /api/v1/auth/session`.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ready', engine: ctx.engine };
    } catch (error) {
      app.log.error({ err: error }, 'database not ready');
      return reply
        .status(503)
        .send({ code: 'server.unavailable', message: 'The database is not reachable', details: {} });
    }
  });

  await app.register(metaRoutes(ctx));
  await app.register(identityRoutes(ctx));
  await app.register(organizationRoutes(ctx));
  await app.register(directoryRoutes(ctx));
  await app.register(searchRoutes(ctx));
  await app.register(matchRoutes(ctx));
  await app.register(consortiumRoutes(ctx));
  await app.register(projectRoutes(ctx));
  await app.register(outcomeRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(notificationRoutes(ctx));
  await app.register(spreadsheetRoutes(ctx));
  await app.register(communicationRoutes(ctx));
  await app.register(engagementRoutes(ctx));

  const webRoot = options.webRoot;
  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
    // Client-side routes (/directory, /organizations/…) get the app; unknown /api paths stay JSON 404s.
    // A catch-all route, not a second not-found handler: Fastify allows one per prefix and
    // registerErrorHandling has set it (a second one stopped `serve` from starting).
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      const url = request.url;
      if (!url.startsWith('/api/') && !url.startsWith('/healthz') && !url.startsWith('/readyz')) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.status(404).send({ code: 'request.not_found', message: 'No such address', details: {} });
    });
  }
  return app;
}
