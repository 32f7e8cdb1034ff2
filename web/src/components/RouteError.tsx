import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** Shown when a page throws while rendering; the details go to the console, not the screen. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <Result
      status="500"
      title={t('common.crashTitle')}
      subTitle={t('common.crashText')}
      extra={
        <Button type="primary" onClick={() => window.location.assign('/')}>
          {t('common.backToStart')}
        </Button>
      }
    />
  );
}
