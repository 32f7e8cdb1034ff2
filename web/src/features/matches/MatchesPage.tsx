/** /matches: the pairs the caller's organisations are part of, on either side, with what waits for them. */
import { Card, Flex, Select, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { MATCH_STATUSES, type MatchStatus } from '../../../../src/modules/matches/schemas';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { enumOptions } from '../../i18n/labels';
import { pick } from '../directory/listing';
import { useSession } from '../identity/SessionProvider';
import { listMatches, type MatchView } from './api';
import { PartyCell, StatusTag } from './display';
import { matchStatusKey, sideKey } from './labels';

const SIDE_TABS = ['all', 'seeker', 'provider'] as const;
const PAGE_SIZE = 20;

export function MatchesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const side = pick(SIDE_TABS, params.get('side')) ?? 'all';
  const status = pick(MATCH_STATUSES, params.get('status'));
  const awaitingMe = params.get('awaitingMe') === 'true';
  const need = params.get('need') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useResource(
    (signal) =>
      listMatches(
        api,
        {
          side: side === 'all' ? undefined : side,
          status,
          awaitingMe: awaitingMe ? 'true' : undefined,
          need,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    [api, side, status, awaitingMe, need, page, session?.user.id],
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

  const columns: TableColumnsType<MatchView> = [
    {
      title: t('matches.fields.need'),
      key: 'need',
      render: (_, m) => <PartyCell party={m.need} testId="match-need-link" />,
    },
    {
      title: t('matches.fields.counterpart'),
      key: 'counterpart',
      render: (_, m) => <PartyCell party={m.counterpart} testId="match-counterpart-link" />,
    },
    {
      title: t('matches.fields.mySide'),
      key: 'side',
      width: 130,
      responsive: ['md'],
      render: (_, m) =>
        m.mySides.length > 0 ? m.mySides.map((s) => t(sideKey(s))).join(' / ') : t('matches.lookingOn'),
    },
    {
      title: t('matches.fields.status'),
      key: 'status',
      width: 170,
      render: (_, m) => (
        <Flex vertical gap={2} align="start">
          <StatusTag status={m.status} />
          {m.actions.some((a) => a.action !== 'decline') ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="match-awaiting">
              {t('matches.awaitsYou')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('common.updatedAt'),
      key: 'updatedAt',
      width: 160,
      responsive: ['lg'],
      render: (_, m) => formatDateTime(m.updatedAt),
    },
  ];

  return (
    <>
      <PageHeader title={t('matches.title')} subtitle={t('matches.subtitle')} />
      <Tabs
        activeKey={side}
        onChange={(key) => set({ side: key === 'all' ? undefined : key })}
        items={SIDE_TABS.map((s) => ({
          key: s,
          label: <span data-testid={`matches-tab-${s}`}>{t(`matches.sideTab.${s}`)}</span>,
        }))}
        tabBarExtraContent={
          <Flex gap={12} align="center" wrap>
            <Flex gap={6} align="center">
              <Switch
                size="small"
                checked={awaitingMe}
                onChange={(on) => set({ awaitingMe: on ? 'true' : undefined })}
                data-testid="matches-awaiting-me"
                aria-label={t('matches.awaitingMe')}
              />
              <span>{t('matches.awaitingMe')}</span>
            </Flex>
            <Select
              allowClear
              value={status}
              onChange={(value: MatchStatus | undefined) => set({ status: value })}
              options={enumOptions(t, MATCH_STATUSES, matchStatusKey)}
              placeholder={t('matches.fields.status')}
              aria-label={t('matches.fields.status')}
              style={{ width: 140 }}
              data-testid="matches-filter-status"
            />
          </Flex>
        }
      />
      {need ? (
        <Tag
          closable
          onClose={() => set({ need: undefined })}
          style={{ marginBottom: 12 }}
          data-testid="matches-need-filter"
        >
          {t('matches.filteredByNeed')}
        </Tag>
      ) : null}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<MatchView>
          rowKey="id"
          data-testid="matches-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: t('matches.empty') }}
          onRow={(m) =>
            ({
              'data-testid': 'match-row',
              'data-match-id': m.id,
              style: { cursor: 'pointer' },
              onClick: (event: React.MouseEvent) => {
                if ((event.target as HTMLElement).closest('a')) return;
                void navigate(`/matches/${m.id}`);
              },
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (next) => set({ page: next > 1 ? String(next) : undefined }),
          }}
          scroll={{ x: 720 }}
        />
      </Card>
    </>
  );
}
