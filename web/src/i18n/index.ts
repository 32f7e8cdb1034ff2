/**
 * i18next set-up: zh-CN by default, English as the other language, the choice kept in
 * localStorage. Keys are nested and separated by '.', e.g. `errors.auth.invalid_credentials`.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { Locale as AntdLocale } from 'antd/es/locale';
import { LOCALES, type Locale } from '../../../src/modules/identity/schemas';
import { TRANSLATIONS } from './resources';

export type { Locale };
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'consortia.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language stored on this device, else Chinese. */
export function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private windows may refuse storage; the language still changes for this tab.
  }
}

/** The current language as a Locale. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/** Switches the language of the whole app and remembers it on this device. */
export async function applyLocale(locale: Locale): Promise<void> {
  rememberLocale(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export function antdLocale(locale: Locale): AntdLocale {
  return locale === 'en' ? enUS : zhCN;
}

function syncDocument(locale: string): void {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
  document.title = i18n.t('app.name');
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: TRANSLATIONS['zh-CN'] },
    en: { translation: TRANSLATIONS.en },
  },
  lng: typeof window === 'undefined' ? DEFAULT_LOCALE : storedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  keySeparator: '.',
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

if (typeof document !== 'undefined') {
  syncDocument(i18n.language);
  i18n.on('languageChanged', syncDocument);
}

export default i18n;
