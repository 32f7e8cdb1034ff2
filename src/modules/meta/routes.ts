import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/data.js';
import { hasDemoData } from '../organizations/service.js';
import { MetaSchema } from './schemas.js';

/** What the web app needs to know before anyone signs in. */
export function metaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/meta', {
      config: { access: 'public' },
      schema: { tags: ['meta'], summary: 'Version and demo-data facts', response: { 200: MetaSchema } },
      handler: async () => {
        const demo = await hasDemoData(ctx);
        return {
          version: ctx.settings.version,
          hasDemoData: demo,
          demoPassword: demo ? DEMO_PASSWORD : null,
          demoAccounts: demo ? DEMO_USERS.map((u) => ({ email: u.email, note: u.note })) : [],
        };
      },
    });
  };
}
