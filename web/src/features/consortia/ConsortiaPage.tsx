/** /consortia: the caller's consortia, the designated ones, and (cluster office, auditor) all of them. */
import { MailOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Select, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import {
  CONSORTIUM_SCOPES,
  DESIGNATION_STATUSES,
  type ConsortiumScope,
  type DesignationStatus,
} from '../../../../src/modules/consortia/schemas';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { enumOptions } from '../../i18n/labels';
import { pick } from '../directory/listing';
import { useSession } from '../identity/SessionProvider';
import { localizedNames } from '../organizations/display';
import { listConsortia, listInvitations, type ConsortiumSummary } from './api';
import { CreateConsortiumDialog } from './CreateConsortiumDialog';
import { ConsortiumStatusTag, DesignationTag, OrganizationCell } from './display';
import { designationStatusKey, scopeKey } from './labels';

const PAGE_SIZE = 20;

export function ConsortiaPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { session, hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);

  const scopes: readonly ConsortiumScope[] = !session
    ? ['designated']
    : hasRole('cluster_office', 'auditor')
      ? CONSORTIUM_SCOPES
      : ['mine', 'designated'];
  // The cluster office and the auditor belong to no member organisation: they start with all of them.
  const defaultScope: ConsortiumScope = !session
    ? 'designated'
    : hasRole('cluster_office', 'auditor')
      ? 'all'
      : 'mine';
  const scope = pick(scopes, params.get('scope')) ?? defaultScope;
  const designation = pick(DESIGNATION_STATUSES, params.get('designation'));
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  const list = useResource(
    (signal) =>
      listConsortia(api, { scope, designation, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [api, scope, designation, page, session?.user.id],
  );
  const invitations = useResource(
    (signal) => (session ? listInvitations(api, signal) : Promise.resolve({ items: [] })),
    [api, session?.user.id],
  );

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const columns: TableColumnsType<ConsortiumSummary> = [
    {
      title: t('consortia.fields.name'),
      key: 'name',
      render: (_, c) => {
        const names = localizedNames(c, i18n.language);
        return (
          <div>
            <Typography.Text strong data-testid="consortium-name">
              {names.primary}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {names.secondary}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: t('consortia.fields.lead'),
      key: 'lead',
      responsive: ['md'],
      render: (_, c) => <OrganizationCell organization={c.lead} showKind={false} />,
    },
    {
      title: t('consortia.fields.cluster'),
      key: 'cluster',
      width: 140,
      responsive: ['lg'],
      render: (_, c) => localizedNames(c.cluster, i18n.language).primary,
    },
    {
      title: t('consortia.fields.status'),
      key: 'status',
      width: 190,
      render: (_, c) => (
        <Flex gap={4} wrap>
          <ConsortiumStatusTag status={c.status} />
          <DesignationTag status={c.designationStatus} />
        </Flex>
      ),
    },
    {
      title: t('consortia.fields.activeMembers'),
      dataIndex: 'activeMembers',
      width: 110,
      align: 'right',
    },
    {
      title: t('common.updatedAt'),
      key: 'updatedAt',
      width: 160,
      responsive: ['xl'],
      render: (_, c) => formatDateTime(c.updatedAt),
    },
  ];

  const pending = invitations.data?.items.length ?? 0;

  return (
    <>
      <PageHeader
        title={t('consortia.title')}
        subtitle={t('consortia.subtitle')}
        extra={
          session ? (
            <Flex gap={8} wrap>
              {hasRole('cluster_office') ? (
                <Button
                  icon={<SettingOutlined />}
                  onClick={() => void navigate('/consortia/policy')}
                  data-testid="consortia-policy"
                >
                  {t('consortia.policy.title')}
                </Button>
              ) : null}
              <Badge count={pending} size="small">
                <Button
                  icon={<MailOutlined />}
                  onClick={() => void navigate('/consortia/invitations')}
                  data-testid="consortia-invitations"
                >
                  {t('consortia.invitations.title')}
                </Button>
              </Badge>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="consortia-new"
              >
                {t('consortia.create.title')}
              </Button>
            </Flex>
          ) : null
        }
      />
      <Tabs
        activeKey={scope}
        onChange={(key) => set({ scope: key === defaultScope ? undefined : key })}
        items={scopes.map((s) => ({
          key: s,
          label: <span data-testid={`consortia-tab-${s}`}>{t(scopeKey(s))}</span>,
        }))}
        tabBarExtraContent={
          <Select
            allowClear
            value={designation}
            onChange={(value: DesignationStatus | undefined) => set({ designation: value })}
            options={enumOptions(t, DESIGNATION_STATUSES, designationStatusKey)}
            placeholder={t('consortia.fields.designation')}
            aria-label={t('consortia.fields.designation')}
            style={{ width: 150 }}
            data-testid="consortia-filter-designation"
          />
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ConsortiumSummary>
          rowKey="id"
          data-testid="consortia-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: t('consortia.empty') }}
          onRow={(c) =>
            ({
              'data-testid': 'consortium-row',
              'data-consortium-id': c.id,
              style: { cursor: 'pointer' },
              onClick: (event: React.MouseEvent) => {
                if ((event.target as HTMLElement).closest('a')) return;
                void navigate(`/consortia/${c.id}`);
              },
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (next) => set({ page: next > 1 ? String(next) : undefined }),
          }}
          scroll={{ x: 720 }}
        />
      </Card>
      {session ? (
        <CreateConsortiumDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            void navigate(`/consortia/${created.id}`);
          }}
        />
      ) : null}
    </>
  );
}
