import { App, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../../src/modules/identity/schemas';
import { errorText } from '../api/errors';
import { useSession } from '../features/identity/SessionProvider';
import { currentLocale, isLocale } from '../i18n';
import { localeKey } from '../i18n/labels';

/** 中文 | English. Remembered on this device and, when signed in, on the account. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { changeLocale } = useSession();
  return (
    <Segmented
      size="small"
      data-testid="language-switch"
      aria-label={t('locale.switchLabel')}
      value={isLocale(i18n.language) ? i18n.language : currentLocale()}
      options={LOCALES.map((locale) => ({
        value: locale,
        label: <span data-testid={`language-switch-${locale}`}>{t(localeKey(locale))}</span>,
      }))}
      onChange={(value) => {
        if (!isLocale(value)) return;
        changeLocale(value).catch((error: unknown) => {
          void message.error(errorText(t, error));
        });
      }}
    />
  );
}
