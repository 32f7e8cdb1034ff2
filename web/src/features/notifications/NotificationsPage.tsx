/** /notifications: your notifications (all or unread), marking read, and the e-mail preference. */
import { App, Badge, Button, Card, Flex, List, Segmented, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/client';
import { errorText } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import {
  getPreferences,
  listNotifications,
  markAllRead,
  markRead,
  updatePreferences,
  type Notification,
} from './api';
import { safeLink, textOf } from './text';
import { setUnread } from './unread';

const PAGE_SIZE = 20;

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const list = useResource(
    async (signal) => {
      const result = await listNotifications(
        api,
        { unread: filter === 'unread', limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      );
      setUnread(result.unread);
      return result;
    },
    [api, filter, page],
  );
  const preferences = useResource((signal) => getPreferences(api, signal), [api]);
  const [saving, setSaving] = useState(false);

  const read = async (notification: Notification) => {
    await markRead(api, notification.id);
    list.reload();
  };

  const open = async (notification: Notification) => {
    try {
      if (notification.readAt === null) await read(notification);
      const link = safeLink(notification.link);
      if (link) void navigate(link);
    } catch (error) {
      void message.error(errorText(t, error));
    }
  };

  const readAll = async () => {
    try {
      const result = await markAllRead(api);
      setUnread(result.unread);
      void message.success(t('notifications.markedAll', { count: result.marked }));
      list.reload();
    } catch (error) {
      void message.error(errorText(t, error));
    }
  };

  const setEmail = async (emailEnabled: boolean) => {
    setSaving(true);
    try {
      preferences.setData(await updatePreferences(api, emailEnabled));
      void message.success(t(emailEnabled ? 'notifications.emailOn' : 'notifications.emailOff'));
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setSaving(false);
    }
  };

  const unread = list.data?.unread ?? 0;
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('notifications.subtitle', { count: unread })}
        extra={
          <Button onClick={() => void readAll()} disabled={unread === 0} data-testid="notifications-read-all">
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <ErrorAlert error={list.error ?? preferences.error} onRetry={list.reload} />
      <Card style={{ marginBottom: 16 }} data-testid="notifications-email-card">
        <Flex align="center" gap={12} wrap>
          <Switch
            checked={preferences.data?.emailEnabled ?? true}
            loading={saving || preferences.loading}
            onChange={(checked) => void setEmail(checked)}
            data-testid="notifications-email-switch"
          />
          <div>
            <Typography.Text strong>{t('notifications.emailLabel')}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {preferences.data && !preferences.data.emailAvailable
                ? t('notifications.emailUnavailable')
                : t('notifications.emailHelp')}
            </Typography.Text>
          </div>
        </Flex>
      </Card>
      <Card>
        <Segmented<'all' | 'unread'>
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('notifications.filterAll') },
            { value: 'unread', label: t('notifications.filterUnread') },
          ]}
          style={{ marginBottom: 12 }}
          data-testid="notifications-filter"
        />
        <List<Notification>
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t(filter === 'unread' ? 'notifications.emptyUnread' : 'notifications.empty') }}
          data-testid="notifications-list"
          pagination={
            (list.data?.total ?? 0) > PAGE_SIZE
              ? {
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: list.data?.total ?? 0,
                  onChange: setPage,
                  showSizeChanger: false,
                }
              : false
          }
          renderItem={(n) => (
            <List.Item
              data-testid="notification"
              data-unread={n.readAt === null ? 'true' : 'false'}
              actions={[
                ...(safeLink(n.link)
                  ? [
                      <Button
                        key="open"
                        type="link"
                        onClick={() => void open(n)}
                        data-testid="notification-open"
                      >
                        {t('notifications.open')}
                      </Button>,
                    ]
                  : []),
                ...(n.readAt === null
                  ? [
                      <Button
                        key="read"
                        type="link"
                        onClick={() =>
                          void read(n).catch((error: unknown) => void message.error(errorText(t, error)))
                        }
                        data-testid="notification-mark-read"
                      >
                        {t('notifications.markRead')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <Flex gap={10} align="flex-start">
                <Badge status={n.readAt === null ? 'processing' : 'default'} style={{ marginTop: 4 }} />
                <div>
                  <Typography.Text strong={n.readAt === null}>{textOf(n, i18n.language)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {formatDateTime(n.createdAt)}
                    {n.readAt ? ` · ${t('notifications.readAt', { time: formatDateTime(n.readAt) })}` : ''}
                  </Typography.Text>
                </div>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
