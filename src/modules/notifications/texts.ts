/**
 * The text of a notification in a language: the kind's template from the locale files, its
 * `{{name}}` placeholders filled from the params. Pure; shared by the e-mails the server writes and
 * the web app, which renders in-app notifications in the language the user is reading.
 */
import { EN_NOTIFICATION_TEXTS } from './locales/en.js';
import { ZH_NOTIFICATION_TEXTS } from './locales/zh-CN.js';

export type NotificationLocale = 'zh-CN' | 'en';
export type NotificationParams = Readonly<Record<string, string | number>>;

export const NOTIFICATION_TEXTS: Readonly<Record<NotificationLocale, Readonly<Record<string, string>>>> = {
  'zh-CN': ZH_NOTIFICATION_TEXTS,
  en: EN_NOTIFICATION_TEXTS,
};

const PARAM_SUFFIX: Record<NotificationLocale, string> = { 'zh-CN': 'zh', en: 'en' };

/** Kinds whose text exists in every language. */
export function knownNotificationKinds(): string[] {
  const en = Object.keys(EN_NOTIFICATION_TEXTS);
  return en.filter((kind) => kind in ZH_NOTIFICATION_TEXTS).sort();
}

/**
 * Fills a template: `{{name}}` takes the param `name_zh` / `name_en` for the language when given
 * (bilingual names of organisations and consortia), else `name`, else stays empty.
 */
export function fillTemplate(
  template: string,
  params: NotificationParams,
  locale: NotificationLocale,
): string {
  const suffix = PARAM_SUFFIX[locale];
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_match, name: string) => {
    const value = params[`${name}_${suffix}`] ?? params[name];
    return value === undefined ? '' : String(value);
  });
}

/**
 * The text of a notification. A kind with no text in the language falls back to the other
 * language, then to the kind itself, so a notification is never blank.
 */
export function notificationText(
  kind: string,
  params: NotificationParams,
  locale: NotificationLocale,
): string {
  const other: NotificationLocale = locale === 'en' ? 'zh-CN' : 'en';
  const template = NOTIFICATION_TEXTS[locale][kind] ?? NOTIFICATION_TEXTS[other][kind];
  return template === undefined ? kind : fillTemplate(template, params, locale);
}

const EMAIL_FOOTER: Record<NotificationLocale, { open: string; unsubscribe: string; brand: string }> = {
  'zh-CN': {
    brand: 'Consortia',
    open: '查看详情：',
    unsubscribe: '不想再收到通知邮件？请在平台的“通知”页关闭邮件通知。',
  },
  en: {
    brand: 'Consortia',
    open: 'Open: ',
    unsubscribe: 'No more notification e-mails? Turn them off on the Notifications page of the platform.',
  },
};

/** Subject and plain-text body of a notification's e-mail in the recipient's language. */
export function notificationEmail(
  kind: string,
  params: NotificationParams,
  locale: NotificationLocale,
  link: string | null,
  publicUrl: string | null,
): { subject: string; body: string } {
  const text = notificationText(kind, params, locale);
  const footer = EMAIL_FOOTER[locale];
  const subject = `[${footer.brand}] ${text}`.replace(/[\r\n]+/g, ' ').slice(0, 250);
  const lines = [text, ''];
  if (link) lines.push(`${footer.open}${publicUrl ? publicUrl.replace(/\/+$/, '') : ''}${link}`, '');
  lines.push('--', footer.unsubscribe, '');
  return { subject, body: lines.join('\n') };
}
