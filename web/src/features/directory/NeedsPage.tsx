import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  COOPERATION_MODES,
  NEED_STATUSES,
  type CooperationMode,
  type NeedListItem,
  type NeedStatus,
} from '../../../../src/modules/directory/schemas';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDate } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { enumOptions } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { BulkImportButton } from '../spreadsheets/BulkImportButton';
import { DemoTag, localizedNames } from '../organizations/display';
import { useClusters } from '../organizations/useClusters';
import { listRecords } from './api';
import { ClusterName, CooperationModeTags, HiddenMark, NeedStatusTag, OwnerLink, TierTag } from './display';
import { cooperationModeKey, needStatusKey } from './labels';
import { FilterBar, PAGE_SIZES, pick, useFilterWidth, useListState } from './listing';

const FILTERS = ['q', 'cluster', 'cooperationMode', 'status'] as const;

/** Technical needs (技术需求) of the cluster's enterprises. */
export function NeedsPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { session } = useSession();
  const state = useListState(FILTERS);
  const { filters } = state;
  const clusters = useClusters();
  const width = useFilterWidth();

  const query = {
    q: filters['q']?.trim() || undefined,
    cluster: filters['cluster'] || undefined,
    cooperationMode: pick(COOPERATION_MODES, filters['cooperationMode']),
    status: pick(NEED_STATUSES, filters['status']),
    ...state.paging,
  };
  const queryKey = JSON.stringify(query);
  const list = useResource(
    (signal) => listRecords(api, 'need', query, signal),
    [api, queryKey, session?.user.id],
  );

  const [keyword, setKeyword] = useState(filters['q'] ?? '');
  useEffect(() => setKeyword(filters['q'] ?? ''), [filters]);

  const columns: TableColumnsType<NeedListItem> = [
    {
      title: t('listing.fields.title'),
      key: 'title',
      render: (_, need) => (
        <Space size={6} wrap>
          <Link to={`/needs/${need.id}`} data-testid="need-row-link" style={{ fontWeight: 500 }}>
            {need.title}
          </Link>
          {need.detailsHidden ? <HiddenMark /> : null}
          {need.isDemo ? <DemoTag /> : null}
        </Space>
      ),
    },
    {
      title: t('listing.fields.owner'),
      key: 'owner',
      width: 220,
      render: (_, need) => <OwnerLink owner={need.owner} />,
    },
    {
      title: t('listing.fields.cluster'),
      key: 'cluster',
      width: 140,
      responsive: ['lg'],
      render: (_, need) => <ClusterName cluster={need.cluster} />,
    },
    {
      title: t('listing.fields.cooperationModes'),
      key: 'modes',
      responsive: ['xl'],
      render: (_, need) => <CooperationModeTags modes={need.cooperationModes} />,
    },
    {
      title: t('listing.fields.deadline'),
      key: 'deadline',
      width: 120,
      responsive: ['md'],
      render: (_, need) =>
        need.deadline ? (
          formatDate(need.deadline)
        ) : (
          <Typography.Text type="secondary">{t('common.emptyValue')}</Typography.Text>
        ),
    },
    {
      title: t('listing.fields.visibility'),
      key: 'tier',
      width: 130,
      render: (_, need) => <TierTag tier={need.visibility} />,
    },
    {
      title: t('listing.fields.status'),
      key: 'status',
      width: 110,
      render: (_, need) => <NeedStatusTag status={need.status} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('needs.title')}
        subtitle={t('needs.subtitle')}
        extra={
          session ? (
            <>
              <BulkImportButton kind="needs" />
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate('/needs/new')}
                data-testid="needs-new"
              >
                {t('needs.new')}
              </Button>
            </>
          ) : null
        }
      />
      <FilterBar state={state} testId="needs-filters">
        <Input.Search
          allowClear
          value={keyword}
          onChange={(event) => setKeyword(event.target.value)}
          onSearch={(value) => state.update({ q: value })}
          placeholder={t('listing.searchTitle')}
          aria-label={t('listing.searchTitle')}
          style={width(260)}
          data-testid="filter-q"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters['cluster'] || undefined}
          onChange={(cluster: string | undefined) => state.update({ cluster })}
          options={(clusters.data ?? []).map((c) => ({
            value: c.slug,
            label: localizedNames(c, i18n.language).primary,
          }))}
          loading={clusters.loading}
          placeholder={t('listing.fields.cluster')}
          aria-label={t('listing.fields.cluster')}
          style={width(180)}
          data-testid="filter-cluster"
        />
        <Select
          allowClear
          value={pick(COOPERATION_MODES, filters['cooperationMode'])}
          onChange={(cooperationMode: CooperationMode | undefined) => state.update({ cooperationMode })}
          options={enumOptions(t, COOPERATION_MODES, cooperationModeKey)}
          placeholder={t('listing.fields.cooperationMode')}
          aria-label={t('listing.fields.cooperationMode')}
          style={width(170)}
          data-testid="filter-cooperation-mode"
        />
        <Select
          allowClear
          value={pick(NEED_STATUSES, filters['status'])}
          onChange={(status: NeedStatus | undefined) => state.update({ status })}
          options={enumOptions(t, NEED_STATUSES, needStatusKey)}
          placeholder={t('listing.fields.status')}
          aria-label={t('listing.fields.status')}
          style={width(130)}
          data-testid="filter-status"
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} testId="needs-error" />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<NeedListItem>
          rowKey="id"
          data-testid="needs-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: t('needs.empty') }}
          onRow={(need) =>
            ({ 'data-testid': 'need-row', 'data-record-id': need.id }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => t('needs.total', { total }),
            onChange: state.setPage,
            style: { padding: '0 16px' },
          }}
          scroll={{ x: 760 }}
        />
      </Card>
    </>
  );
}
