import { ClearOutlined, LockOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Grid, Input, Pagination, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { COOPERATION_MODES } from '../../../../src/modules/directory/schemas';
import {
  CHAIN_POSITIONS,
  DISTRICTS,
  ORGANIZATION_KINDS,
  type ChainPosition,
  type District,
  type OrganizationKind,
} from '../../../../src/modules/organizations/schemas';
import { SEARCHABLE_TYPES } from '../../../../src/modules/search/schemas';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { chainPositionKey, districtKey, enumOptions, kindKey } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { localizedNames } from '../organizations/display';
import { useClusters } from '../organizations/useClusters';
import { searchRecords, type SearchHit } from './api';
import { Highlighted } from './Highlighted';

type SearchableType = (typeof SEARCHABLE_TYPES)[number];
type CooperationMode = (typeof COOPERATION_MODES)[number];

const PAGE_SIZE = 10;
const TRL_RANGES = ['1-3', '4-6', '7-9'] as const;
const TYPE_COLORS: Record<SearchableType, string> = {
  organization: 'blue',
  expert: 'purple',
  need: 'volcano',
  capability: 'cyan',
  achievement: 'green',
};

export const searchTypeKey = (type: SearchableType) => `search.type.${type}`;
export const searchModeKey = (mode: CooperationMode) => `search.mode.${mode}`;
export const trlRangeKey = (range: (typeof TRL_RANGES)[number]) => `search.trlRange.${range}`;

/** Where a hit's own page is. */
function pathOf(hit: SearchHit): string {
  const id = encodeURIComponent(hit.id);
  switch (hit.type) {
    case 'organization':
      return `/organizations/${id}`;
    case 'expert':
      return `/experts/${id}`;
    case 'need':
      return `/needs/${id}`;
    case 'capability':
      return `/capabilities/${id}`;
    case 'achievement':
      return `/achievements/${id}`;
  }
}

function pickList<T extends string>(values: readonly T[], raw: string | null): T[] {
  const wanted = (raw ?? '').split(',');
  return values.filter((value) => wanted.includes(value));
}

function pick<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((value) => value === raw);
}

interface Filters {
  q: string;
  types: SearchableType[];
  kind: OrganizationKind | undefined;
  cluster: string | undefined;
  district: District | undefined;
  chainPosition: ChainPosition | undefined;
  mode: CooperationMode | undefined;
  trl: (typeof TRL_RANGES)[number] | undefined;
  page: number;
}

function readFilters(params: URLSearchParams): Filters {
  const page = Number(params.get('page'));
  return {
    q: params.get('q') ?? '',
    types: pickList(SEARCHABLE_TYPES, params.get('types')),
    kind: pick(ORGANIZATION_KINDS, params.get('kind')),
    cluster: params.get('cluster') || undefined,
    district: pick(DISTRICTS, params.get('district')),
    chainPosition: pick(CHAIN_POSITIONS, params.get('chainPosition')),
    mode: pick(COOPERATION_MODES, params.get('mode')),
    trl: pick(TRL_RANGES, params.get('trl')),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function writeFilters(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | undefined) => {
    if (value) params.set(key, value);
  };
  set('q', filters.q.trim());
  set('types', filters.types.join(','));
  set('kind', filters.kind);
  set('cluster', filters.cluster);
  set('district', filters.district);
  set('chainPosition', filters.chainPosition);
  set('mode', filters.mode);
  set('trl', filters.trl);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

function HitCard({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="search-hit" data-type={hit.type}>
      <Flex vertical gap={6}>
        <Flex align="center" gap={8} wrap>
          <Tag color={TYPE_COLORS[hit.type]} style={{ marginInlineEnd: 0 }} data-testid="search-hit-type">
            {t(searchTypeKey(hit.type))}
          </Tag>
          <Link to={pathOf(hit)} style={{ fontWeight: 500, fontSize: 15 }} data-testid="search-hit-title">
            <Highlighted segments={hit.titleSegments} />
          </Link>
        </Flex>
        {hit.owner ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="search-hit-owner">
            {t('search.owner', { name: hit.owner.name })}
          </Typography.Text>
        ) : null}
        {hit.snippet.length > 0 ? (
          <Typography.Paragraph style={{ margin: 0 }}>
            <Highlighted segments={hit.snippet} testId="search-hit-snippet" />
          </Typography.Paragraph>
        ) : null}
        <Space size={[4, 4]} wrap>
          {hit.detailsHidden ? (
            <Tag icon={<LockOutlined />} color="gold" data-testid="search-hit-hidden">
              {t(`search.detailsHidden.${hit.visibility}`)}
            </Tag>
          ) : null}
          {hit.kind && (ORGANIZATION_KINDS as readonly string[]).includes(hit.kind) ? (
            <Tag>{t(kindKey(hit.kind as OrganizationKind))}</Tag>
          ) : null}
          {hit.district && (DISTRICTS as readonly string[]).includes(hit.district) ? (
            <Tag>{t(districtKey(hit.district as District))}</Tag>
          ) : null}
          {hit.trl !== null ? <Tag>{t('search.trlValue', { trl: hit.trl })}</Tag> : null}
          {hit.cooperationModes
            .filter((mode): mode is CooperationMode =>
              (COOPERATION_MODES as readonly string[]).includes(mode),
            )
            .map((mode) => (
              <Tag key={mode}>{t(searchModeKey(mode))}</Tag>
            ))}
          {hit.keywords.slice(0, 6).map((keyword) => (
            <Tag key={keyword} bordered={false}>
              {keyword}
            </Tag>
          ))}
        </Space>
      </Flex>
    </Card>
  );
}

/** Bilingual search across organisations, experts, needs, capabilities and achievements. */
export function SearchPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const clusters = useClusters();
  const screens = Grid.useBreakpoint();
  const filterWidth = (width: number) => (screens.sm ? { width } : { width: '100%' });

  const [keyword, setKeyword] = useState(filters.q);
  useEffect(() => setKeyword(filters.q), [filters.q]);

  const query = {
    q: filters.q.trim(),
    types: filters.types.join(',') || undefined,
    kind: filters.kind,
    cluster: filters.cluster,
    district: filters.district,
    chainPosition: filters.chainPosition,
    mode: filters.mode,
    trl: filters.trl,
    limit: PAGE_SIZE,
    offset: (filters.page - 1) * PAGE_SIZE,
  };
  const queryKey = JSON.stringify(query);
  const results = useResource(
    async (signal) => (query.q ? searchRecords(api, query, signal) : null),
    [api, queryKey, session?.user.id],
  );

  const update = (patch: Partial<Filters>) => setParams(writeFilters({ ...filters, page: 1, ...patch }));
  const hasFilters =
    filters.types.length > 0 ||
    [filters.kind, filters.cluster, filters.district, filters.chainPosition, filters.mode, filters.trl].some(
      (value) => value !== undefined,
    );
  const clusterOptions = (clusters.data ?? []).map((cluster) => ({
    value: cluster.slug,
    label: localizedNames(cluster, i18n.language).primary,
  }));
  const data = results.data;

  return (
    <>
      <PageHeader title={t('search.title')} subtitle={t('search.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <Flex vertical gap={12}>
          <Input.Search
            allowClear
            enterButton={t('search.submit')}
            size="large"
            value={keyword}
            onChange={(event) => setKeyword(event.target.value)}
            onSearch={(value) => update({ q: value })}
            placeholder={t('search.placeholder')}
            aria-label={t('search.placeholder')}
            maxLength={200}
            data-testid="search-input"
          />
          <Flex wrap gap={12} align="center" data-testid="search-filters">
            <Select
              mode="multiple"
              allowClear
              value={filters.types}
              onChange={(types: SearchableType[]) => update({ types })}
              options={enumOptions(t, SEARCHABLE_TYPES, searchTypeKey)}
              placeholder={t('search.filters.types')}
              aria-label={t('search.filters.types')}
              style={filterWidth(260)}
              data-testid="search-filter-types"
            />
            <Select
              allowClear
              value={filters.kind}
              onChange={(kind: OrganizationKind | undefined) => update({ kind })}
              options={enumOptions(t, ORGANIZATION_KINDS, kindKey)}
              placeholder={t('search.filters.kind')}
              aria-label={t('search.filters.kind')}
              style={filterWidth(160)}
              data-testid="search-filter-kind"
            />
            <Select
              allowClear
              value={filters.cluster}
              onChange={(cluster: string | undefined) => update({ cluster })}
              options={clusterOptions}
              loading={clusters.loading}
              placeholder={t('search.filters.cluster')}
              aria-label={t('search.filters.cluster')}
              style={filterWidth(180)}
              data-testid="search-filter-cluster"
            />
            <Select
              allowClear
              value={filters.chainPosition}
              onChange={(chainPosition: ChainPosition | undefined) => update({ chainPosition })}
              options={enumOptions(t, CHAIN_POSITIONS, chainPositionKey)}
              placeholder={t('search.filters.chainPosition')}
              aria-label={t('search.filters.chainPosition')}
              style={filterWidth(140)}
              data-testid="search-filter-chain-position"
            />
            <Select
              allowClear
              value={filters.district}
              onChange={(district: District | undefined) => update({ district })}
              options={enumOptions(t, DISTRICTS, districtKey)}
              placeholder={t('search.filters.district')}
              aria-label={t('search.filters.district')}
              style={filterWidth(170)}
              data-testid="search-filter-district"
            />
            <Select
              allowClear
              value={filters.mode}
              onChange={(mode: CooperationMode | undefined) => update({ mode })}
              options={enumOptions(t, COOPERATION_MODES, searchModeKey)}
              placeholder={t('search.filters.mode')}
              aria-label={t('search.filters.mode')}
              style={filterWidth(160)}
              data-testid="search-filter-mode"
            />
            <Select
              allowClear
              value={filters.trl}
              onChange={(trl: (typeof TRL_RANGES)[number] | undefined) => update({ trl })}
              options={enumOptions(t, TRL_RANGES, trlRangeKey)}
              placeholder={t('search.filters.trl')}
              aria-label={t('search.filters.trl')}
              style={filterWidth(130)}
              data-testid="search-filter-trl"
            />
            {hasFilters ? (
              <Typography.Link
                onClick={() =>
                  setParams(writeFilters({ ...readFilters(new URLSearchParams()), q: filters.q }))
                }
                data-testid="search-filter-reset"
              >
                <ClearOutlined /> {t('search.filters.reset')}
              </Typography.Link>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <ErrorAlert error={results.error} onRetry={results.reload} testId="search-error" />
      {data ? (
        <Flex vertical gap={12} data-testid="search-results">
          <Typography.Text type="secondary" data-testid="search-total">
            {data.totalIsExact
              ? t('search.total', { count: data.total })
              : t('search.totalAtLeast', { count: data.total })}
          </Typography.Text>
          {data.items.length === 0 ? (
            <Card>
              <Empty description={t('search.empty')} data-testid="search-empty" />
            </Card>
          ) : (
            data.items.map((hit) => <HitCard key={`${hit.type}:${hit.id}`} hit={hit} />)
          )}
          {data.total > PAGE_SIZE ? (
            <Pagination
              align="center"
              current={filters.page}
              pageSize={PAGE_SIZE}
              total={Math.min(data.total, 500 + PAGE_SIZE)}
              showSizeChanger={false}
              onChange={(page) => setParams(writeFilters({ ...filters, page }))}
              data-testid="search-pagination"
            />
          ) : null}
        </Flex>
      ) : results.loading && filters.q ? null : (
        <Card>
          <Empty description={t('search.prompt')} />
        </Card>
      )}
    </>
  );
}
