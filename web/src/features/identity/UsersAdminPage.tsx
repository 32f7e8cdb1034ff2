import { EditOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { PLATFORM_ROLE_VALUES } from '../../../../src/modules/identity/schemas';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDate } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { localeKey, platformRoleHelpKey, platformRoleKey, type PlatformRole } from '../../i18n/labels';
import { listUsers, setPlatformRoles, type UserAdmin } from './api';
import { useSession } from './SessionProvider';

const PAGE_SIZE = 20;

const ROLE_COLORS: Record<PlatformRole, string> = {
  cluster_office: 'geekblue',
  auditor: 'purple',
  reviewer: 'cyan',
};

/** Cluster office: find users and set their platform roles. */
export function UsersAdminPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const { session, refresh } = useSession();
  const [keyword, setKeyword] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const users = useResource(
    (signal) =>
      listUsers(api, { q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [api, q, page],
  );
  const [editing, setEditing] = useState<UserAdmin | null>(null);
  const [roles, setRoles] = useState<PlatformRole[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);

  const openEditor = (user: UserAdmin) => {
    setEditing(user);
    setRoles([...user.platformRoles]);
    setSaveError(null);
  };

  const save = async () => {
    if (!editing) return;
    setSaving(true);
    setSaveError(null);
    try {
      await setPlatformRoles(api, editing.id, { roles });
      void message.success(t('adminUsers.rolesSaved'));
      setEditing(null);
      users.reload();
      if (editing.id === session?.user.id) void refresh();
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<UserAdmin> = [
    {
      title: t('adminUsers.fields.name'),
      key: 'name',
      render: (_, user) => (
        <Space size={6} wrap>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          {user.isDemo ? <Tag color="orange">{t('app.demoTag')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('adminUsers.fields.email'), dataIndex: 'email', key: 'email' },
    {
      title: t('adminUsers.fields.locale'),
      key: 'locale',
      width: 110,
      responsive: ['md'],
      render: (_, user) => t(localeKey(user.locale)),
    },
    {
      title: t('adminUsers.fields.platformRoles'),
      key: 'roles',
      render: (_, user) =>
        user.platformRoles.length > 0 ? (
          <Flex gap={4} wrap>
            {user.platformRoles.map((role) => (
              <Tag key={role} color={ROLE_COLORS[role]}>
                {t(platformRoleKey(role))}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('adminUsers.noRoles')}</Typography.Text>
        ),
    },
    {
      title: t('common.createdAt'),
      key: 'createdAt',
      width: 120,
      responsive: ['lg'],
      render: (_, user) => formatDate(user.createdAt),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, user) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => openEditor(user)}
          data-testid="admin-user-edit-roles"
        >
          {t('adminUsers.editRoles')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('adminUsers.title')} subtitle={t('adminUsers.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <Input.Search
          allowClear
          value={keyword}
          onChange={(event) => setKeyword(event.target.value)}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          placeholder={t('adminUsers.searchPlaceholder')}
          aria-label={t('adminUsers.searchPlaceholder')}
          style={{ width: 320, maxWidth: '100%' }}
          data-testid="admin-users-search"
        />
      </Card>
      <ErrorAlert error={users.error} onRetry={users.reload} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<UserAdmin>
          rowKey="id"
          data-testid="admin-users-table"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.loading}
          onRow={(user) =>
            ({ 'data-testid': 'admin-user-row', 'data-user-id': user.id }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: users.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('adminUsers.total', { total }),
            onChange: setPage,
            style: { padding: '0 16px' },
          }}
          scroll={{ x: 640 }}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={t('adminUsers.editRolesTitle', { name: editing?.displayName ?? '' })}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        okButtonProps={{ 'data-testid': 'admin-user-roles-save' }}
        destroyOnHidden
      >
        <ErrorAlert error={saveError} />
        <Typography.Paragraph type="secondary">{editing?.email}</Typography.Paragraph>
        <Checkbox.Group<PlatformRole>
          value={roles}
          onChange={(values) => setRoles(values)}
          data-testid="admin-user-roles"
        >
          <Flex vertical gap={12}>
            {PLATFORM_ROLE_VALUES.map((role) => (
              <Checkbox key={role} value={role} data-testid={`admin-user-role-${role}`}>
                <Typography.Text strong>{t(platformRoleKey(role))}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t(platformRoleHelpKey(role))}
                </Typography.Text>
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
        {editing?.id === session?.user.id && !roles.includes('cluster_office') ? (
          <Typography.Paragraph type="warning" style={{ marginTop: 16, marginBottom: 0 }}>
            {t('adminUsers.selfDemotionWarning')}
          </Typography.Paragraph>
        ) : null}
      </Modal>
    </>
  );
}
