import { App as AntApp, ConfigProvider } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { ApiClient, ApiProvider } from './api/client';
import { App } from './App';
import { MetaProvider } from './app/MetaProvider';
import { SessionProvider } from './features/identity/SessionProvider';
import './i18n';
import { antdLocale, DEFAULT_LOCALE, isLocale } from './i18n';
import { theme } from './theme';

const api = new ApiClient();

/** antd follows the app's language (zh_CN / en_US) and theme. */
function Root() {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  return (
    <ConfigProvider locale={antdLocale(locale)} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ApiProvider client={api}>
          <MetaProvider>
            <SessionProvider>
              <App />
            </SessionProvider>
          </MetaProvider>
        </ApiProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html needs <div id="root">');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
