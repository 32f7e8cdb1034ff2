import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tabs, type TableColumnsType } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  ACHIEVEMENT_KINDS,
  COOPERATION_MODES,
  LISTING_STATUSES,
  POSTER_KINDS,
  TRANSFER_MODES,
  type AchievementKind,
  type AchievementListItem,
  type CapabilityListItem,
  type CooperationMode,
  type ListingStatus,
  type TransferMode,
} from '../../../../src/modules/directory/schemas';
import type { OrganizationKind } from '../../../../src/modules/organizations/schemas';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { enumOptions, kindKey } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { BulkImportButton } from '../spreadsheets/BulkImportButton';
import { DemoTag, localizedNames } from '../organizations/display';
import { useClusters } from '../organizations/useClusters';
import { listRecords } from './api';
import {
  AchievementKindTag,
  ClusterName,
  CooperationModeTags,
  HiddenMark,
  ListingStatusTag,
  OwnerLink,
  TierTag,
  TransferModeTags,
  TrlTag,
} from './display';
import { achievementKindKey, cooperationModeKey, listingStatusKey, transferModeKey } from './labels';
import { FilterBar, PAGE_SIZES, pick, useFilterWidth, useListState, type ListState } from './listing';

const TABS = ['achievements', 'capabilities'] as const;
const FILTERS = [
  'q',
  'cluster',
  'kind',
  'transferMode',
  'cooperationMode',
  'trlMin',
  'trlMax',
  'ownerKind',
  'status',
];
type Tab = (typeof TABS)[number];
const TRL_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** The supply side: achievements (科技成果) and capabilities (研发能力/服务), one tab each. */
export function SupplyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { session } = useSession();
  const state = useListState(['tab', ...FILTERS], ['tab']);
  const tab: Tab = pick(TABS, state.filters['tab']) ?? 'achievements';

  return (
    <>
      <PageHeader
        title={t('supply.title')}
        subtitle={t('supply.subtitle')}
        extra={
          session ? (
            <>
              {tab === 'achievements' ? <BulkImportButton kind="achievements" /> : null}
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() =>
                  void navigate(tab === 'achievements' ? '/achievements/new' : '/capabilities/new')
                }
                data-testid={tab === 'achievements' ? 'achievements-new' : 'capabilities-new'}
              >
                {tab === 'achievements' ? t('supply.newAchievement') : t('supply.newCapability')}
              </Button>
            </>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          // A new tab starts without the other tab's filters.
          state.update({
            ...Object.fromEntries(FILTERS.map((name) => [name, undefined])),
            tab: key === 'achievements' ? undefined : key,
          })
        }
        items={[
          {
            key: 'achievements',
            label: <span data-testid="supply-tab-achievements">{t('supply.achievements')}</span>,
          },
          {
            key: 'capabilities',
            label: <span data-testid="supply-tab-capabilities">{t('supply.capabilities')}</span>,
          },
        ]}
      />
      {tab === 'achievements' ? <AchievementList state={state} /> : <CapabilityList state={state} />}
    </>
  );
}

function useClusterOptions() {
  const { i18n } = useTranslation();
  const clusters = useClusters();
  return {
    loading: clusters.loading,
    options: (clusters.data ?? []).map((c) => ({
      value: c.slug,
      label: localizedNames(c, i18n.language).primary,
    })),
  };
}

function ownerKindOptions(t: ReturnType<typeof useTranslation>['t'], kinds: readonly OrganizationKind[]) {
  return enumOptions(t, kinds, kindKey);
}

function AchievementList({ state }: { state: ListState }) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const { filters } = state;
  const clusters = useClusterOptions();
  const width = useFilterWidth();
  const trl = (raw: string | undefined) => TRL_LEVELS.find((level) => String(level) === raw);
  const query = {
    q: filters['q']?.trim() || undefined,
    cluster: filters['cluster'] || undefined,
    kind: pick(ACHIEVEMENT_KINDS, filters['kind']),
    transferMode: pick(TRANSFER_MODES, filters['transferMode']),
    trlMin: trl(filters['trlMin']),
    trlMax: trl(filters['trlMax']),
    ownerKind: pick(POSTER_KINDS.achievement, filters['ownerKind']),
    status: pick(LISTING_STATUSES, filters['status']),
    ...state.paging,
  };
  const queryKey = JSON.stringify(query);
  const list = useResource(
    (signal) => listRecords(api, 'achievement', query, signal),
    [api, queryKey, session?.user.id],
  );
  const [keyword, setKeyword] = useState(filters['q'] ?? '');
  useEffect(() => setKeyword(filters['q'] ?? ''), [filters]);
  const trlOptions = TRL_LEVELS.map((level) => ({
    value: level,
    label: t('listing.trlValue', { trl: level }),
  }));

  const columns: TableColumnsType<AchievementListItem> = [
    {
      title: t('listing.fields.title'),
      key: 'title',
      render: (_, item) => (
        <Space size={6} wrap>
          <Link
            to={`/achievements/${item.id}`}
            data-testid="achievement-row-link"
            style={{ fontWeight: 500 }}
          >
            {item.title}
          </Link>
          {item.detailsHidden ? <HiddenMark /> : null}
          {item.isDemo ? <DemoTag /> : null}
        </Space>
      ),
    },
    {
      title: t('listing.fields.owner'),
      key: 'owner',
      width: 220,
      render: (_, item) => <OwnerLink owner={item.owner} />,
    },
    {
      title: t('listing.fields.kind'),
      key: 'kind',
      width: 170,
      render: (_, item) => (
        <Space size={[0, 4]} wrap>
          <AchievementKindTag kind={item.kind} />
          <TrlTag trl={item.trl} />
        </Space>
      ),
    },
    {
      title: t('listing.fields.transferModes'),
      key: 'modes',
      responsive: ['xl'],
      render: (_, item) => <TransferModeTags modes={item.transferModes} />,
    },
    {
      title: t('listing.fields.cluster'),
      key: 'cluster',
      width: 140,
      responsive: ['lg'],
      render: (_, item) => <ClusterName cluster={item.cluster} />,
    },
    {
      title: t('listing.fields.visibility'),
      key: 'tier',
      width: 130,
      render: (_, item) => <TierTag tier={item.visibility} />,
    },
    {
      title: t('listing.fields.status'),
      key: 'status',
      width: 100,
      responsive: ['md'],
      render: (_, item) => <ListingStatusTag status={item.status} />,
    },
  ];

  return (
    <>
      <FilterBar state={state} testId="achievements-filters">
        <Input.Search
          allowClear
          value={keyword}
          onChange={(event) => setKeyword(event.target.value)}
          onSearch={(value) => state.update({ q: value })}
          placeholder={t('listing.searchTitle')}
          aria-label={t('listing.searchTitle')}
          style={width(240)}
          data-testid="filter-q"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters['cluster'] || undefined}
          onChange={(cluster: string | undefined) => state.update({ cluster })}
          options={clusters.options}
          loading={clusters.loading}
          placeholder={t('listing.fields.cluster')}
          aria-label={t('listing.fields.cluster')}
          style={width(170)}
          data-testid="filter-cluster"
        />
        <Select
          allowClear
          value={pick(ACHIEVEMENT_KINDS, filters['kind'])}
          onChange={(kind: AchievementKind | undefined) => state.update({ kind })}
          options={enumOptions(t, ACHIEVEMENT_KINDS, achievementKindKey)}
          placeholder={t('listing.fields.kind')}
          aria-label={t('listing.fields.kind')}
          style={width(140)}
          data-testid="filter-kind"
        />
        <Select
          allowClear
          value={trl(filters['trlMin'])}
          onChange={(trlMin: number | undefined) => state.update({ trlMin })}
          options={trlOptions}
          placeholder={t('listing.trlMin')}
          aria-label={t('listing.trlMin')}
          style={width(120)}
          data-testid="filter-trl-min"
        />
        <Select
          allowClear
          value={trl(filters['trlMax'])}
          onChange={(trlMax: number | undefined) => state.update({ trlMax })}
          options={trlOptions}
          placeholder={t('listing.trlMax')}
          aria-label={t('listing.trlMax')}
          style={width(120)}
          data-testid="filter-trl-max"
        />
        <Select
          allowClear
          value={pick(TRANSFER_MODES, filters['transferMode'])}
          onChange={(transferMode: TransferMode | undefined) => state.update({ transferMode })}
          options={enumOptions(t, TRANSFER_MODES, transferModeKey)}
          placeholder={t('listing.fields.transferMode')}
          aria-label={t('listing.fields.transferMode')}
          style={width(140)}
          data-testid="filter-transfer-mode"
        />
        <Select
          allowClear
          value={pick(POSTER_KINDS.achievement, filters['ownerKind'])}
          onChange={(ownerKind: OrganizationKind | undefined) => state.update({ ownerKind })}
          options={ownerKindOptions(t, POSTER_KINDS.achievement)}
          placeholder={t('listing.fields.ownerKind')}
          aria-label={t('listing.fields.ownerKind')}
          style={width(150)}
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
      <ErrorAlert error={list.error} onRetry={list.reload} testId="achievements-error" />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<AchievementListItem>
          rowKey="id"
          data-testid="achievements-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: t('supply.emptyAchievements') }}
          onRow={(item) =>
            ({ 'data-testid': 'achievement-row', 'data-record-id': item.id }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => t('supply.totalAchievements', { total }),
            onChange: state.setPage,
            style: { padding: '0 16px' },
          }}
          scroll={{ x: 760 }}
        />
      </Card>
    </>
  );
}

function CapabilityList({ state }: { state: ListState }) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const { filters } = state;
  const clusters = useClusterOptions();
  const width = useFilterWidth();
  const query = {
    q: filters['q']?.trim() || undefined,
    cluster: filters['cluster'] || undefined,
    cooperationMode: pick(COOPERATION_MODES, filters['cooperationMode']),
    ownerKind: pick(POSTER_KINDS.capability, filters['ownerKind']),
    status: pick(LISTING_STATUSES, filters['status']),
    ...state.paging,
  };
  const queryKey = JSON.stringify(query);
  const list = useResource(
    (signal) => listRecords(api, 'capability', query, signal),
    [api, queryKey, session?.user.id],
  );
  const [keyword, setKeyword] = useState(filters['q'] ?? '');
  useEffect(() => setKeyword(filters['q'] ?? ''), [filters]);

  const columns: TableColumnsType<CapabilityListItem> = [
    {
      title: t('listing.fields.title'),
      key: 'title',
      render: (_, item) => (
        <Space size={6} wrap>
          <Link to={`/capabilities/${item.id}`} data-testid="capability-row-link" style={{ fontWeight: 500 }}>
            {item.title}
          </Link>
          {item.detailsHidden ? <HiddenMark /> : null}
          {item.isDemo ? <DemoTag /> : null}
        </Space>
      ),
    },
    {
      title: t('listing.fields.owner'),
      key: 'owner',
      width: 260,
      render: (_, item) => <OwnerLink owner={item.owner} showKind />,
    },
    {
      title: t('listing.fields.cooperationModes'),
      key: 'modes',
      responsive: ['lg'],
      render: (_, item) => <CooperationModeTags modes={item.cooperationModes} />,
    },
    {
      title: t('listing.fields.cluster'),
      key: 'cluster',
      width: 140,
      responsive: ['lg'],
      render: (_, item) => <ClusterName cluster={item.cluster} />,
    },
    {
      title: t('listing.fields.visibility'),
      key: 'tier',
      width: 130,
      render: (_, item) => <TierTag tier={item.visibility} />,
    },
    {
      title: t('listing.fields.status'),
      key: 'status',
      width: 100,
      responsive: ['md'],
      render: (_, item) => <ListingStatusTag status={item.status} />,
    },
  ];

  return (
    <>
      <FilterBar state={state} testId="capabilities-filters">
        <Input.Search
          allowClear
          value={keyword}
          onChange={(event) => setKeyword(event.target.value)}
          onSearch={(value) => state.update({ q: value })}
          placeholder={t('listing.searchTitle')}
          aria-label={t('listing.searchTitle')}
          style={width(240)}
          data-testid="filter-q"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters['cluster'] || undefined}
          onChange={(cluster: string | undefined) => state.update({ cluster })}
          options={clusters.options}
          loading={clusters.loading}
          placeholder={t('listing.fields.cluster')}
          aria-label={t('listing.fields.cluster')}
          style={width(170)}
          data-testid="filter-cluster"
        />
        <Select
          allowClear
          value={pick(COOPERATION_MODES, filters['cooperationMode'])}
          onChange={(cooperationMode: CooperationMode | undefined) => state.update({ cooperationMode })}
          options={enumOptions(t, COOPERATION_MODES, cooperationModeKey)}
          placeholder={t('listing.fields.cooperationMode')}
          aria-label={t('listing.fields.cooperationMode')}
          style={width(160)}
          data-testid="filter-cooperation-mode"
        />
        <Select
          allowClear
          value={pick(POSTER_KINDS.capability, filters['ownerKind'])}
          onChange={(ownerKind: OrganizationKind | undefined) => state.update({ ownerKind })}
          options={ownerKindOptions(t, POSTER_KINDS.capability)}
          placeholder={t('listing.fields.ownerKind')}
          aria-label={t('listing.fields.ownerKind')}
          style={width(150)}
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
      <ErrorAlert error={list.error} onRetry={list.reload} testId="capabilities-error" />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<CapabilityListItem>
          rowKey="id"
          data-testid="capabilities-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: t('supply.emptyCapabilities') }}
          onRow={(item) =>
            ({ 'data-testid': 'capability-row', 'data-record-id': item.id }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => t('supply.totalCapabilities', { total }),
            onChange: state.setPage,
            style: { padding: '0 16px' },
          }}
          scroll={{ x: 760 }}
        />
      </Card>
    </>
  );
}
