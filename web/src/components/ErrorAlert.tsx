import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorText } from '../api/errors';

interface ErrorAlertProps {
  error: unknown;
  /** Text to show instead of the one derived from the error (e.g. from applyApiErrorToForm). */
  text?: string | undefined;
  /** Offered as "Try again" for loading failures. */
  onRetry?: (() => void) | undefined;
  /** Offered as "Reload" when someone else changed the record first (409 version conflict). */
  onReload?: (() => void) | undefined;
  testId?: string;
}

/** One API error, by its code, in the current language. */
export function ErrorAlert({ error, text, onRetry, onReload, testId = 'error-alert' }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (error === undefined || error === null) return null;
  const isConflict = error instanceof ApiError && error.code === 'record.version_conflict';
  const action =
    (isConflict && onReload) || onRetry ? (
      <Space>
        {isConflict && onReload ? (
          <Button size="small" type="primary" onClick={onReload} data-testid="error-reload">
            {t('common.reloadLatest')}
          </Button>
        ) : null}
        {onRetry ? (
          <Button size="small" onClick={onRetry} data-testid="error-retry">
            {t('common.retry')}
          </Button>
        ) : null}
      </Space>
    ) : undefined;
  return (
    <Alert
      type={isConflict ? 'warning' : 'error'}
      showIcon
      title={text ?? errorText(t, error)}
      description={isConflict ? t('errors.versionConflictHelp') : undefined}
      action={action}
      data-testid={testId}
      style={{ marginBottom: 16 }}
    />
  );
}
