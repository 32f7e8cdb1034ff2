import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import {
  ListNotificationsQuery,
  MarkAllReadSchema,
  NotificationIdParams,
  NotificationListSchema,
  NotificationPreferencesBody,
  NotificationPreferencesSchema,
  NotificationSchema,
  UnreadCountSchema,
} from './schemas.js';
import * as notifications from './service.js';

/** Your own notifications: list, unread count, marking read, and whether they also come by e-mail. */
export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];

    app.get('/api/v1/notifications', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Your notifications, newest first (all, or only the unread ones)',
        querystring: ListNotificationsQuery,
        response: { 200: NotificationListSchema, ...errorResponses(400, 401) },
      },
      handler: (request) => notifications.listNotifications(ctx, userActor(request), request.query),
    });

    app.get('/api/v1/notifications/unread-count', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'How many of your notifications are unread',
        response: { 200: UnreadCountSchema, ...errorResponses(401) },
      },
      handler: (request) => notifications.unreadCount(ctx, userActor(request)),
    });

    app.post('/api/v1/notifications/read-all', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        response: { 200: MarkAllReadSchema, ...errorResponses(401, 403) },
      },
      handler: (request) => notifications.markAllRead(ctx, userActor(request)),
    });

    app.get('/api/v1/notifications/preferences', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Whether your notifications also come by e-mail',
        response: { 200: NotificationPreferencesSchema, ...errorResponses(401) },
      },
      handler: (request) => notifications.getPreferences(ctx, userActor(request)),
    });

    app.put('/api/v1/notifications/preferences', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Turn e-mail notifications on or off for yourself',
        body: NotificationPreferencesBody,
        response: { 200: NotificationPreferencesSchema, ...errorResponses(400, 401, 403) },
      },
      handler: (request) => notifications.updatePreferences(ctx, userActor(request), request.body),
    });

    app.post('/api/v1/notifications/:id/read', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        params: NotificationIdParams,
        response: { 200: NotificationSchema, ...errorResponses(401, 403, 404) },
      },
      handler: (request) => notifications.markRead(ctx, userActor(request), request.params.id),
    });
  };
}
