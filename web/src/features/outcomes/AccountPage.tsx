/**
 * /my/income: "Our income" — what the distribution statements of its projects posted to an
 * organisation's account, newest first, with the balance after each entry. The caller picks one of
 * its organisations; `?organization=` opens another one (the cluster office and the auditor).
 */
import { Card, Empty, Select, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../identity/SessionProvider';
import { useLocalizedName } from '../organizations/display';
import { getAccount, type Account } from './api';
import { incomeKindKey } from './display';
import { formatFen } from './money';

type Entry = Account['entries'][number];

function AccountView({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const account = useResource((signal) => getAccount(api, organizationId, signal), [api, organizationId]);
  return (
    <>
      <ErrorAlert error={account.error} onRetry={account.reload} />
      <Card>
        <Statistic
          title={t('outcomes.account.balance')}
          value={account.data ? formatFen(account.data.balanceFen) : ''}
          loading={account.loading && !account.data}
          data-testid="account-balance"
        />
      </Card>
      <Card>
        <Table<Entry>
          rowKey="id"
          size="small"
          loading={account.loading}
          dataSource={account.data?.entries ?? []}
          locale={{ emptyText: t('outcomes.account.empty') }}
          data-testid="account-entries"
          scroll={{ x: 900 }}
          columns={[
            {
              title: t('outcomes.account.posted'),
              dataIndex: 'postedAt',
              render: (at: string) => formatDateTime(at),
            },
            { title: t('outcomes.account.project'), key: 'project', render: (_, e) => e.project.title },
            {
              title: t('outcomes.account.income'),
              key: 'income',
              render: (_, e) => (
                <Space orientation="vertical" size={0}>
                  <span>
                    {t('outcomes.income.number', { number: e.income.number })} ·{' '}
                    {t(incomeKindKey(e.income.kind))} · {formatFen(e.income.amountFen)}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.income.payer} · {e.income.receivedOn}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('outcomes.income.costRecovery'),
              key: 'cost',
              align: 'right',
              render: (_, e) => formatFen(e.statement.costRecoveryFen),
            },
            {
              title: t('outcomes.account.amount'),
              dataIndex: 'amountFen',
              align: 'right',
              render: (fen: string) => (
                <Typography.Text strong data-testid="account-entry-amount">
                  {formatFen(fen)}
                </Typography.Text>
              ),
            },
            {
              title: t('outcomes.account.balanceAfter'),
              dataIndex: 'balanceAfterFen',
              align: 'right',
              render: (fen: string) => formatFen(fen),
            },
          ]}
        />
      </Card>
    </>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const name = useLocalizedName();
  const [params, setParams] = useSearchParams();
  const memberships = session?.memberships ?? [];
  const organizationId = params.get('organization') ?? memberships[0]?.organizationId ?? null;
  return (
    <>
      <PageHeader
        title={t('outcomes.account.title')}
        subtitle={t('outcomes.account.subtitle')}
        extra={
          memberships.length > 0 ? (
            <Select
              style={{ minWidth: 260 }}
              value={organizationId}
              aria-label={t('outcomes.account.organization')}
              options={memberships.map((m) => ({ value: m.organizationId, label: name(m) }))}
              onChange={(value: string) => setParams({ organization: value })}
              data-testid="account-organization"
            />
          ) : null
        }
      />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {organizationId ? (
          <AccountView key={organizationId} organizationId={organizationId} />
        ) : (
          <Empty description={t('outcomes.account.noOrganization')} />
        )}
      </Space>
    </>
  );
}
