/** Request and response shapes of the notifications API. */
import { z } from 'zod';

export const ListNotificationsQuery = z.strictObject({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only unread notifications; false or absent: all')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const NotificationIdParams = z.strictObject({
  id: z.string().min(1).max(64),
});

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string().describe('<module>.<event>, e.g. consortium.invitation_received'),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string().nullable().describe('A path in the web app'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  total: z.int(),
  unread: z.int().describe('All your unread notifications, whatever the filter'),
  limit: z.int(),
  offset: z.int(),
});
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const UnreadCountSchema = z.object({ unread: z.int() });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

export const MarkAllReadSchema = z.object({ marked: z.int(), unread: z.int() });
export type MarkAllRead = z.infer<typeof MarkAllReadSchema>;

export const NotificationPreferencesSchema = z.object({
  emailEnabled: z.boolean().describe('Also send your notifications by e-mail'),
  emailAvailable: z.boolean().describe('Whether the platform sends e-mail at all (SMTP configured)'),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

export const NotificationPreferencesBody = z.strictObject({
  emailEnabled: z.boolean(),
});
export type NotificationPreferencesBody = z.infer<typeof NotificationPreferencesBody>;

// The web app imports only this file from the server: the texts of the notification kinds (the
// locale files shared with the e-mails) and their pure renderer pass through here.
export { knownNotificationKinds, notificationText, NOTIFICATION_TEXTS } from './texts.js';
export type { NotificationLocale, NotificationParams } from './texts.js';
