/** /projects: the projects of the caller's organisations (every project for the cluster office and auditor). */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PROJECT_STAGES, PROJECT_STATUSES } from '../../../../src/modules/projects/schemas';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { enumOptions } from '../../i18n/labels';
import { pick } from '../directory/listing';
import { useSession } from '../identity/SessionProvider';
import { localizedNames } from '../organizations/display';
import { listProjects, type ProjectSummary } from './api';
import { CreateProjectDialog } from './CreateProjectDialog';
import { ClusterEngagementPanel } from './engagement/EngagementTab';
import { OrganizationName, ProjectStatusTag, StageTag, stageKey, statusKey } from './display';

const PAGE_SIZE = 20;

export function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { session, hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);

  const status = pick(PROJECT_STATUSES, params.get('status'));
  const stage = pick(PROJECT_STAGES, params.get('stage'));
  const consortium = params.get('consortium') ?? undefined;
  const mine = params.get('mine') === 'true' ? 'true' : undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const looksOnAll = hasRole('cluster_office', 'auditor');
  const canCreate = (session?.memberships ?? []).some((m) => m.role === 'admin');

  const list = useResource(
    (signal) =>
      listProjects(
        api,
        { status, stage, consortium, mine, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      ),
    [api, status, stage, consortium, mine, page, session?.user.id],
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

  const columns: TableColumnsType<ProjectSummary> = [
    {
      title: t('projects.fields.title'),
      key: 'title',
      render: (_, p) => (
        <div>
          <Typography.Text strong data-testid="project-title">
            {p.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {p.consortium
              ? localizedNames(p.consortium, i18n.language).primary
              : t('projects.kind.bilateral')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('projects.fields.lead'),
      key: 'lead',
      responsive: ['md'],
      render: (_, p) => <OrganizationName organization={p.lead} />,
    },
    {
      title: t('projects.fields.stage'),
      key: 'stage',
      width: 200,
      render: (_, p) => (
        <Flex gap={4} wrap>
          <StageTag stage={p.stage} />
          <ProjectStatusTag status={p.status} />
        </Flex>
      ),
    },
    { title: t('projects.fields.parties'), dataIndex: 'parties', width: 90, align: 'right' },
    {
      title: t('common.updatedAt'),
      key: 'updatedAt',
      width: 160,
      responsive: ['xl'],
      render: (_, p) => formatDateTime(p.updatedAt),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        subtitle={t('projects.subtitle')}
        extra={
          canCreate ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="projects-new"
            >
              {t('projects.new')}
            </Button>
          ) : null
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }} align="center">
        <Select
          allowClear
          value={stage}
          onChange={(value: string | undefined) => set({ stage: value })}
          options={enumOptions(t, PROJECT_STAGES, stageKey)}
          placeholder={t('projects.fields.stage')}
          aria-label={t('projects.fields.stage')}
          style={{ width: 150 }}
          data-testid="projects-filter-stage"
        />
        <Select
          allowClear
          value={status}
          onChange={(value: string | undefined) => set({ status: value })}
          options={enumOptions(t, PROJECT_STATUSES, statusKey)}
          placeholder={t('projects.fields.status')}
          aria-label={t('projects.fields.status')}
          style={{ width: 150 }}
          data-testid="projects-filter-status"
        />
        {looksOnAll ? (
          <Checkbox
            checked={mine === 'true'}
            onChange={(event) => set({ mine: event.target.checked ? 'true' : undefined })}
            data-testid="projects-filter-mine"
          >
            {t('projects.mine')}
          </Checkbox>
        ) : null}
      </Flex>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {looksOnAll ? (
        // The cluster's leadership sees the whole: every active project's flagged parties.
        <Card
          title={t('projectEngagement.clusterTitle')}
          size="small"
          style={{ marginBottom: 16 }}
          styles={{ body: { padding: 0 } }}
        >
          <ClusterEngagementPanel />
        </Card>
      ) : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ProjectSummary>
          rowKey="id"
          data-testid="projects-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: t('projects.empty') }}
          onRow={(p) =>
            ({
              'data-testid': 'project-row',
              'data-project-id': p.id,
              style: { cursor: 'pointer' },
              onClick: (event: React.MouseEvent) => {
                if ((event.target as HTMLElement).closest('a')) return;
                void navigate(`/projects/${p.id}`);
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
          scroll={{ x: 640 }}
        />
      </Card>
      <CreateProjectDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          void navigate(`/projects/${created.id}`);
        }}
      />
    </>
  );
}
