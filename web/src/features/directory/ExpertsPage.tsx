import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  LISTING_STATUSES,
  POSTER_KINDS,
  type ExpertListItem,
  type ListingStatus,
} from '../../../../src/modules/directory/schemas';
import type { OrganizationKind } from '../../../../src/modules/organizations/schemas';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { enumOptions, kindKey } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { DemoTag, localizedNames } from '../organizations/display';
import { useClusters } from '../organizations/useClusters';
import { listRecords } from './api';
import { ClusterName, KeywordTags, ListingStatusTag, OwnerLink } from './display';
import { listingStatusKey } from './labels';
import { FilterBar, PAGE_SIZES, pick, useFilterWidth, useListState } from './listing';

/** Expert profiles of the cluster's universities, institutes and companies. */
export function ExpertsPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { session } = useSession();
  const state = useListState(['q', 'cluster', 'ownerKind', 'status']);
  const { filters } = state;
  const clusters = useClusters();
  const width = useFilterWidth();
  const query = {
    q: filters['q']?.trim() || undefined,
    cluster: filters['cluster'] || undefined,
    ownerKind: pick(POSTER_KINDS.expert, filters['ownerKind']),
    status: pick(LISTING_STATUSES, filters['status']),
    ...state.paging,
  };
  const queryKey = JSON.stringify(query);
  const list = useResource(
    (signal) => listRecords(api, 'expert', query, signal),
    [api, queryKey, session?.user.id],
  );
  const [keyword, setKeyword] = useState(filters['q'] ?? '');
  useEffect(() => setKeyword(filters['q'] ?? ''), [filters]);

  const columns: TableColumnsType<ExpertListItem> = [
    {
      title: t('experts.fields.name'),
      key: 'name',
      render: (_, expert) => {
        const names = localizedNames(expert, i18n.language);
        return (
          <div>
            <Space size={6} wrap>
              <Link to={`/experts/${expert.id}`} data-testid="expert-row-link" style={{ fontWeight: 500 }}>
                {names.primary}
              </Link>
              {expert.isDemo ? <DemoTag /> : null}
            </Space>
            {names.secondary && names.secondary !== names.primary ? (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {names.secondary}
              </Typography.Text>
            ) : null}
          </div>
        );
      },
    },
    { title: t('experts.fields.title'), dataIndex: 'title', key: 'title', width: 200, responsive: ['md'] },
    {
      title: t('experts.fields.organization'),
      key: 'organization',
      width: 240,
      render: (_, expert) => <OwnerLink owner={expert.organization} />,
    },
    {
      title: t('experts.fields.fields'),
      key: 'fields',
      responsive: ['lg'],
      render: (_, expert) => <KeywordTags keywords={expert.fields} />,
    },
    {
      title: t('listing.fields.cluster'),
      key: 'cluster',
      width: 140,
      responsive: ['xl'],
      render: (_, expert) => <ClusterName cluster={expert.cluster} />,
    },
    {
      title: t('listing.fields.status'),
      key: 'status',
      width: 100,
      render: (_, expert) => <ListingStatusTag status={expert.status} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('experts.title')}
        subtitle={t('experts.subtitle')}
        extra={
          session ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate('/experts/new')}
              data-testid="experts-new"
            >
              {t('experts.new')}
            </Button>
          ) : null
        }
      />
      <FilterBar state={state} testId="experts-filters">
        <Input.Search
          allowClear
          value={keyword}
          onChange={(event) => setKeyword(event.target.value)}
          onSearch={(value) => state.update({ q: value })}
          placeholder={t('experts.searchName')}
          aria-label={t('experts.searchName')}
          style={width(240)}
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
          style={width(170)}
          data-testid="filter-cluster"
        />
        <Select
          allowClear
          value={pick(POSTER_KINDS.expert, filters['ownerKind'])}
          onChange={(ownerKind: OrganizationKind | undefined) => state.update({ ownerKind })}
          options={enumOptions(t, POSTER_KINDS.expert, kindKey)}
          placeholder={t('listing.fields.ownerKind')}
          aria-label={t('listing.fields.ownerKind')}
          style={width(160)}
          data-testid="filter-owner-kind"
        />
        <Select
          allowClear
          value={pick(LISTING_STATUSES, filters['status'])}
          onChange={(status: ListingStatus | undefined) => state.update({ status })}
          options={enumOptions(t, LISTING_STATUSES, listingStatusKey)}
          placeholder={t('listing.fields.status')}
          aria-label={t('listing.fields.status')}
          style={width(110)}
          data-testid="filter-status"
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} testId="experts-error" />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ExpertListItem>
          rowKey="id"
          data-testid="experts-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: t('experts.empty') }}
          onRow={(expert) =>
            ({ 'data-testid': 'expert-row', 'data-record-id': expert.id }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => t('experts.total', { total }),
            onChange: state.setPage,
            style: { padding: '0 16px' },
          }}
          scroll={{ x: 720 }}
        />
      </Card>
    </>
  );
}
