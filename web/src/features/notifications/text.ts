/**
 * A notification's text in the language being read: the kind's template from the server's locale
 * files (src/modules/notifications/locales, shared with the e-mails), filled with its params.
 */
import { notificationText, type NotificationLocale } from '../../../../src/modules/notifications/schemas';
import type { Notification } from './api';

export function notificationLocale(language: string): NotificationLocale {
  return language.startsWith('en') ? 'en' : 'zh-CN';
}

export function textOf(notification: Pick<Notification, 'kind' | 'params'>, language: string): string {
  return notificationText(notification.kind, notification.params, notificationLocale(language));
}

/** Only in-app paths are followed; anything else stays put. */
export function safeLink(link: string | null): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null;
}
