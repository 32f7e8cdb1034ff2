/** The notifications API: your notifications, the unread count, marking read, the e-mail preference. */
import type { ApiClient } from '../../api/client';
import { seg } from '../../api/client';
import type {
  MarkAllRead,
  Notification,
  NotificationList,
  NotificationPreferences,
  UnreadCount,
} from '../../../../src/modules/notifications/schemas';

export type { Notification, NotificationList, NotificationPreferences };

const base = '/api/v1/notifications';

export const listNotifications = (
  api: ApiClient,
  query: { unread: boolean; limit: number; offset: number },
  signal?: AbortSignal,
) =>
  api.get<NotificationList>(base, {
    query: { unread: query.unread ? 'true' : undefined, limit: query.limit, offset: query.offset },
    signal,
  });

export const unreadCount = (api: ApiClient, signal?: AbortSignal) =>
  api.get<UnreadCount>(`${base}/unread-count`, { signal });

export const markRead = (api: ApiClient, id: string) => api.post<Notification>(`${base}/${seg(id)}/read`);

export const markAllRead = (api: ApiClient) => api.post<MarkAllRead>(`${base}/read-all`);

export const getPreferences = (api: ApiClient, signal?: AbortSignal) =>
  api.get<NotificationPreferences>(`${base}/preferences`, { signal });

export const updatePreferences = (api: ApiClient, emailEnabled: boolean) =>
  api.put<NotificationPreferences>(`${base}/preferences`, { emailEnabled });
