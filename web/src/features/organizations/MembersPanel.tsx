import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Form,
  Input,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { formatDate } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { enumOptions, ORG_ROLES, orgRoleKey, type OrgRole } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { addMember, changeMemberRole, listMembers, removeMember, type Member } from './api';

interface MembersPanelProps {
  organizationId: string;
  /** From `permissions.manageMembers`: add, change role and remove. */
  canManage: boolean;
}

interface AddMemberValues {
  email: string;
  role: OrgRole;
}

/** The people of an organisation; its admins (and the cluster office) manage them here. */
export function MembersPanel({ organizationId, canManage }: MembersPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const { session, refresh } = useSession();
  const members = useResource(
    async (signal) => (await listMembers(api, organizationId, signal)).items,
    [api, organizationId],
  );
  const [form] = Form.useForm<AddMemberValues>();
  const [failure, setFailure] = useState<{ error: unknown; text?: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  /** Runs a change, then reloads the list and the session (the user's own memberships may have changed). */
  const change = async (key: string, action: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(key);
    setFailure(null);
    try {
      await action();
      void message.success(done);
      members.reload();
      void refresh();
      return true;
    } catch (error) {
      setFailure({ error });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const add = async (values: AddMemberValues) => {
    setBusy('add');
    setFailure(null);
    try {
      await addMember(api, organizationId, { email: values.email.trim(), role: values.role });
      void message.success(t('members.added'));
      form.resetFields();
      members.reload();
      void refresh();
    } catch (error) {
      setFailure({ error, text: applyApiErrorToForm(t, form, error) });
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<Member> = [
    {
      title: t('members.fields.name'),
      key: 'name',
      render: (_, member) => (
        <span>
          {member.displayName}
          {member.userId === session?.user.id ? (
            <Tag style={{ marginInlineStart: 8 }} color="blue">
              {t('members.you')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    { title: t('members.fields.email'), dataIndex: 'email', key: 'email', responsive: ['sm'] },
    {
      title: t('members.fields.role'),
      key: 'role',
      width: 150,
      render: (_, member) =>
        canManage ? (
          <Select<OrgRole>
            size="small"
            value={member.role}
            style={{ width: 120 }}
            loading={busy === `role:${member.userId}`}
            options={enumOptions(t, ORG_ROLES, orgRoleKey)}
            onChange={(role) =>
              void change(
                `role:${member.userId}`,
                () => changeMemberRole(api, organizationId, member.userId, role),
                t('members.roleChanged'),
              )
            }
            aria-label={t('members.fields.role')}
            data-testid="member-role-select"
          />
        ) : (
          <Tag color={member.role === 'admin' ? 'gold' : 'default'}>{t(orgRoleKey(member.role))}</Tag>
        ),
    },
    {
      title: t('members.fields.joined'),
      key: 'joined',
      width: 120,
      responsive: ['md'],
      render: (_, member) => formatDate(member.createdAt),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, member) => (
        <Popconfirm
          title={t('members.removeConfirm', { name: member.displayName })}
          okText={t('members.remove')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            void change(
              `remove:${member.userId}`,
              () => removeMember(api, organizationId, member.userId),
              t('members.removed'),
            )
          }
        >
          <Button
            size="small"
            danger
            type="text"
            icon={<DeleteOutlined />}
            loading={busy === `remove:${member.userId}`}
            data-testid="member-remove"
          >
            {t('members.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <div data-testid="members-panel">
      {failure ? <ErrorAlert error={failure.error} text={failure.text} testId="members-error" /> : null}
      <ErrorAlert error={members.error} onRetry={members.reload} />
      {canManage ? (
        <Form
          form={form}
          layout="inline"
          initialValues={{ email: '', role: 'member' }}
          onFinish={(values) => void add(values)}
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Form.Item
            name="email"
            rules={[
              { required: true, whitespace: true, message: t('validation.emailRequired') },
              { type: 'email', message: t('validation.email') },
            ]}
          >
            <Input
              placeholder={t('members.emailPlaceholder')}
              aria-label={t('members.fields.email')}
              style={{ width: 260 }}
              data-testid="member-add-email"
            />
          </Form.Item>
          <Form.Item name="role">
            <Select<OrgRole>
              options={enumOptions(t, ORG_ROLES, orgRoleKey)}
              style={{ width: 120 }}
              aria-label={t('members.fields.role')}
              data-testid="member-add-role"
            />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<UserAddOutlined />}
              loading={busy === 'add'}
              data-testid="member-add-submit"
            >
              {t('members.add')}
            </Button>
          </Form.Item>
        </Form>
      ) : null}
      {canManage ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('members.addHelp')}
        </Typography.Paragraph>
      ) : null}
      <Table<Member>
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={members.data ?? []}
        loading={members.loading}
        pagination={false}
        onRow={(member) =>
          ({ 'data-testid': 'member-row', 'data-user-id': member.userId }) as HTMLAttributes<HTMLElement>
        }
      />
    </div>
  );
}
