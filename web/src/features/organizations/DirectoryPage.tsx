import { ClearOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Flex,
  Grid,
  Input,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  CHAIN_POSITIONS,
  DISTRICTS,
  ORGANIZATION_KINDS,
  type ChainPosition,
  type District,
  type OrganizationKind,
} from '../../../../src/modules/organizations/schemas';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import {
  chainPositionKey,
  districtKey,
  enumOptions,
  kindKey,
  VERIFICATION_FILTERS,
  verificationFilterKey,
  type VerificationFilter,
} from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { listOrganizations, type OrganizationSummary } from './api';
import {
  ClusterBadge,
  DemoTag,
  KindTag,
  localizedNames,
  ServiceTypeTag,
  SizeTag,
  VerificationTag,
} from './display';
import { useClusters } from './useClusters';

const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

/** The directory's filters, as kept in the URL so a filtered view can be shared or reloaded. */
export interface DirectoryFilters {
  q: string;
  kind: OrganizationKind | undefined;
  cluster: string | undefined;
  district: District | undefined;
  chainPosition: ChainPosition | undefined;
  verification: VerificationFilter | undefined;
  page: number;
  pageSize: number;
}

function pick<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((value) => value === raw);
}

function positiveInt(raw: string | null, fallback: number): number {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export function readFilters(params: URLSearchParams): DirectoryFilters {
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  return {
    q: params.get('q') ?? '',
    kind: pick(ORGANIZATION_KINDS, params.get('kind')),
    cluster: params.get('cluster') || undefined,
    district: pick(DISTRICTS, params.get('district')),
    chainPosition: pick(CHAIN_POSITIONS, params.get('chainPosition')),
    verification: pick(VERIFICATION_FILTERS, params.get('verification')),
    page: positiveInt(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

export function writeFilters(filters: DirectoryFilters): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params.set(key, String(value));
  };
  set('q', filters.q.trim());
  set('kind', filters.kind);
  set('cluster', filters.cluster);
  set('district', filters.district);
  set('chainPosition', filters.chainPosition);
  set('verification', filters.verification);
  if (filters.page > 1) set('page', filters.page);
  if (filters.pageSize !== DEFAULT_PAGE_SIZE) set('pageSize', filters.pageSize);
  return params;
}

/** The searchable directory of organisations in the cluster. */
export function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { session, hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const isClusterOffice = hasRole('cluster_office');
  const clusters = useClusters();
  const screens = Grid.useBreakpoint();
  /** Fixed widths side by side; full width on phones. */
  const filterWidth = (width: number) => (screens.sm ? { width } : { width: '100%' });

  const query = {
    q: filters.q.trim() || undefined,
    kind: filters.kind,
    cluster: filters.cluster,
    district: filters.district,
    chainPosition: filters.chainPosition,
    verification: isClusterOffice ? filters.verification : undefined,
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  };
  const queryKey = JSON.stringify(query);
  const list = useResource(
    (signal) => listOrganizations(api, query, signal),
    [api, queryKey, session?.user.id],
  );

  const [keyword, setKeyword] = useState(filters.q);
  useEffect(() => setKeyword(filters.q), [filters.q]);

  const update = (patch: Partial<DirectoryFilters>) =>
    setParams(writeFilters({ ...filters, page: 1, ...patch }));
  const hasFilters =
    filters.q !== '' ||
    [filters.kind, filters.cluster, filters.district, filters.chainPosition, filters.verification].some(
      (value) => value !== undefined,
    );

  const clusterOptions = (clusters.data ?? []).map((cluster) => ({
    value: cluster.slug,
    label: localizedNames(cluster, i18n.language).primary,
  }));

  const columns: TableColumnsType<OrganizationSummary> = [
    {
      title: t('organization.fields.name'),
      key: 'name',
      render: (_, org) => {
        const names = localizedNames(org, i18n.language);
        return (
          <div>
            <Space size={6} wrap>
              <Link
                to={`/organizations/${org.id}`}
                data-testid="directory-row-link"
                style={{ fontWeight: 500 }}
              >
                {names.primary}
              </Link>
              {org.isDemo ? <DemoTag /> : null}
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
    {
      title: t('organization.fields.kind'),
      key: 'kind',
      width: 220,
      render: (_, org) => (
        <Space size={[0, 4]} wrap>
          <KindTag kind={org.kind} />
          {org.sizeClass ? <SizeTag sizeClass={org.sizeClass} /> : null}
          {org.serviceType ? <ServiceTypeTag serviceType={org.serviceType} /> : null}
        </Space>
      ),
    },
    {
      title: t('organization.fields.district'),
      key: 'district',
      width: 150,
      responsive: ['md'],
      render: (_, org) =>
        org.district ? (
          t(districtKey(org.district))
        ) : (
          <Typography.Text type="secondary">{t('common.emptyValue')}</Typography.Text>
        ),
    },
    {
      title: t('organization.fields.clusters'),
      key: 'clusters',
      responsive: ['lg'],
      render: (_, org) =>
        org.clusters.length > 0 ? (
          <Flex vertical gap={4}>
            {org.clusters.map((membership) => (
              <ClusterBadge key={membership.slug} cluster={membership} position={membership.chainPosition} />
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('common.emptyValue')}</Typography.Text>
        ),
    },
    {
      title: t('organization.fields.verification'),
      key: 'verification',
      width: 120,
      render: (_, org) => <VerificationTag status={org.verificationStatus} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('directory.title')}
        subtitle={t('directory.subtitle')}
        extra={
          session ? (
            <Button
              icon={<PlusOutlined />}
              onClick={() => void navigate('/my/organization')}
              data-testid="directory-my-org"
            >
              {t('directory.myOrganization')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <Flex wrap gap={12} align="center" data-testid="directory-filters">
          <Input.Search
            allowClear
            value={keyword}
            onChange={(event) => setKeyword(event.target.value)}
            onSearch={(value) => update({ q: value })}
            placeholder={t('directory.searchPlaceholder')}
            aria-label={t('directory.searchPlaceholder')}
            style={filterWidth(280)}
            data-testid="filter-q"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.kind}
            onChange={(kind: OrganizationKind | undefined) => update({ kind })}
            options={enumOptions(t, ORGANIZATION_KINDS, kindKey)}
            placeholder={t('directory.filters.kind')}
            aria-label={t('directory.filters.kind')}
            style={filterWidth(170)}
            data-testid="filter-kind"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.cluster}
            onChange={(cluster: string | undefined) => update({ cluster })}
            options={clusterOptions}
            loading={clusters.loading}
            placeholder={t('directory.filters.cluster')}
            aria-label={t('directory.filters.cluster')}
            style={filterWidth(190)}
            data-testid="filter-cluster"
          />
          <Select
            allowClear
            value={filters.chainPosition}
            onChange={(chainPosition: ChainPosition | undefined) => update({ chainPosition })}
            options={enumOptions(t, CHAIN_POSITIONS, chainPositionKey)}
            placeholder={t('directory.filters.chainPosition')}
            aria-label={t('directory.filters.chainPosition')}
            style={filterWidth(150)}
            data-testid="filter-chain-position"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.district}
            onChange={(district: District | undefined) => update({ district })}
            options={enumOptions(t, DISTRICTS, districtKey)}
            placeholder={t('directory.filters.district')}
            aria-label={t('directory.filters.district')}
            style={filterWidth(200)}
            data-testid="filter-district"
          />
          {isClusterOffice ? (
            <Select
              allowClear
              value={filters.verification}
              onChange={(verification: VerificationFilter | undefined) => update({ verification })}
              options={enumOptions(t, VERIFICATION_FILTERS, verificationFilterKey)}
              placeholder={t('directory.filters.verification')}
              aria-label={t('directory.filters.verification')}
              style={filterWidth(160)}
              data-testid="filter-verification"
            />
          ) : null}
          {hasFilters ? (
            <Button
              icon={<ClearOutlined />}
              onClick={() => setParams(new URLSearchParams())}
              data-testid="filter-reset"
            >
              {t('directory.filters.reset')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <ErrorAlert error={list.error} onRetry={list.reload} testId="directory-error" />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<OrganizationSummary>
          rowKey="id"
          data-testid="directory-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: t('directory.empty') }}
          onRow={(org) =>
            ({ 'data-testid': 'directory-row', 'data-org-id': org.id }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => t('directory.total', { total }),
            onChange: (page, pageSize) =>
              setParams(
                writeFilters({ ...filters, page: pageSize === filters.pageSize ? page : 1, pageSize }),
              ),
            style: { padding: '0 16px' },
          }}
          scroll={{ x: 720 }}
        />
      </Card>
    </>
  );
}
