/** The header bell: the unread count, and a dropdown of the most recent notifications. */
import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Flex, List, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useApi } from '../../api/client';
import { errorText } from '../../api/errors';
import { formatDateTime } from '../../app/format';
import { listNotifications, markAllRead, markRead, type Notification } from './api';
import { safeLink, textOf } from './text';
import { decrementUnread, setUnread, useUnreadCount } from './unread';

const RECENT = 8;

export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const { unread } = useUnreadCount(api, true);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async () => {
    setLoading(true);
    try {
      const list = await listNotifications(api, { unread: false, limit: RECENT, offset: 0 });
      setItems(list.items);
      setUnread(list.unread);
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setLoading(false);
    }
  };

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) void load();
  };

  const openOne = async (notification: Notification) => {
    setOpen(false);
    if (notification.readAt === null) {
      try {
        await markRead(api, notification.id);
        decrementUnread();
      } catch (error) {
        void message.error(errorText(t, error));
      }
    }
    const link = safeLink(notification.link);
    if (link) void navigate(link);
  };

  const readAll = async () => {
    try {
      const result = await markAllRead(api);
      setUnread(result.unread);
      setItems(
        (previous) => previous?.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })) ?? null,
      );
    } catch (error) {
      void message.error(errorText(t, error));
    }
  };

  const content = (
    <div style={{ width: 360, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-dropdown">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          onClick={() => void readAll()}
          data-testid="notification-bell-read-all"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      <Spin spinning={loading && items === null}>
        {items !== null && items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
        ) : (
          <List<Notification>
            size="small"
            dataSource={items ?? []}
            style={{ maxHeight: 400, overflowY: 'auto' }}
            renderItem={(n) => (
              <List.Item
                onClick={() => void openOne(n)}
                style={{ cursor: 'pointer', paddingInline: 4 }}
                data-testid="notification-bell-item"
                data-unread={n.readAt === null ? 'true' : 'false'}
              >
                <Flex gap={8} align="flex-start" style={{ width: '100%' }}>
                  <Badge status={n.readAt === null ? 'processing' : 'default'} style={{ marginTop: 4 }} />
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Typography.Text strong={n.readAt === null} style={{ display: 'block' }}>
                      {textOf(n, i18n.language)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </div>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Spin>
      <Flex justify="center" style={{ marginTop: 8 }}>
        <Button
          type="link"
          onClick={() => {
            setOpen(false);
            if (location.pathname !== '/notifications') void navigate('/notifications');
          }}
          data-testid="notification-bell-all"
        >
          {t('notifications.viewAll')}
        </Button>
      </Flex>
    </div>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={onOpenChange}
    >
      <Button
        type="text"
        aria-label={t('notifications.bellLabel', { count: unread })}
        style={{ color: '#fff', paddingInline: 8 }}
        data-testid="notification-bell"
      >
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-bell-count">
          <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
