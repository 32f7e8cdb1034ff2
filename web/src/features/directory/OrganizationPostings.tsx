import { Card, Empty, List, Space, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../identity/SessionProvider';
import { getOrganizationDirectory } from './api';
import { expertName, HiddenMark, ListingStatusTag, NeedStatusTag, TierTag } from './display';

interface Row {
  id: string;
  href: string;
  title: string;
  tags: ReactNode;
  hidden: boolean;
}

/** What an organisation posted in the directory, on its profile page, as the caller's tiers allow. */
export function OrganizationPostings({ organizationId }: { organizationId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const directory = useResource(
    (signal) => getOrganizationDirectory(api, organizationId, signal),
    [api, organizationId, session?.user.id],
  );
  if (directory.error) return <ErrorAlert error={directory.error} onRetry={directory.reload} />;
  const data = directory.data;
  const sections: { key: string; label: string; rows: Row[] }[] = [
    {
      key: 'needs',
      label: t('nav.needs'),
      rows: (data?.needs.items ?? []).map((n) => ({
        id: n.id,
        href: `/needs/${n.id}`,
        title: n.title,
        hidden: n.detailsHidden,
        tags: (
          <>
            <TierTag tier={n.visibility} />
            <NeedStatusTag status={n.status} />
          </>
        ),
      })),
    },
    {
      key: 'achievements',
      label: t('supply.achievements'),
      rows: (data?.achievements.items ?? []).map((a) => ({
        id: a.id,
        href: `/achievements/${a.id}`,
        title: a.title,
        hidden: a.detailsHidden,
        tags: (
          <>
            <TierTag tier={a.visibility} />
            <ListingStatusTag status={a.status} />
          </>
        ),
      })),
    },
    {
      key: 'capabilities',
      label: t('supply.capabilities'),
      rows: (data?.capabilities.items ?? []).map((c) => ({
        id: c.id,
        href: `/capabilities/${c.id}`,
        title: c.title,
        hidden: c.detailsHidden,
        tags: (
          <>
            <TierTag tier={c.visibility} />
            <ListingStatusTag status={c.status} />
          </>
        ),
      })),
    },
    {
      key: 'experts',
      label: t('nav.experts'),
      rows: (data?.experts.items ?? []).map((e) => ({
        id: e.id,
        href: `/experts/${e.id}`,
        title: expertName(e, i18n.language),
        hidden: false,
        tags: <ListingStatusTag status={e.status} />,
      })),
    },
  ];
  const withRows = sections.filter((section) => section.rows.length > 0);

  return (
    <Card
      title={t('listing.postings')}
      loading={directory.loading && !data}
      data-testid="organization-postings"
    >
      {withRows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('listing.noPostings')} />
      ) : (
        <Tabs
          items={withRows.map((section) => ({
            key: section.key,
            label: `${section.label} (${section.rows.length})`,
            children: (
              <List
                size="small"
                dataSource={section.rows}
                renderItem={(row) => (
                  <List.Item key={row.id} extra={<Space size={0}>{row.tags}</Space>}>
                    <Space size={6}>
                      <Link to={row.href} data-testid="posting-link" style={{ fontWeight: 500 }}>
                        {row.title}
                      </Link>
                      {row.hidden ? <HiddenMark /> : null}
                    </Space>
                  </List.Item>
                )}
              />
            ),
          }))}
        />
      )}
    </Card>
  );
}
