import { DownOutlined, ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isAbortError, useApi } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { AUDIT_BREAK_KINDS, auditBreakKey } from '../../i18n/labels';
import {
  listAuditEvents,
  verifyAuditChain,
  type AuditEvent,
  type AuditVerification,
  type ChainBreak,
} from './api';

const PAGE_SIZE = 50;

function breakText(t: TFunction, firstBreak: ChainBreak): string {
  const kind = AUDIT_BREAK_KINDS.find((k) => k === firstBreak.kind);
  const what = kind ? t(auditBreakKey(kind)) : firstBreak.kind;
  return t('audit.verifyBroken', { seq: firstBreak.seq, what });
}

/** The audit trail, newest first, and a check that its hash chain is intact. */
export function AuditPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [hasMore, setHasMore] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  const loadPage = useCallback(
    async (beforeSeq: number | undefined, signal?: AbortSignal) => {
      setLoading(true);
      setError(null);
      try {
        const page = await listAuditEvents(api, { limit: PAGE_SIZE, beforeSeq }, signal);
        setEvents((previous) => (beforeSeq === undefined ? page.items : [...previous, ...page.items]));
        setHasMore(page.items.length === PAGE_SIZE);
      } catch (failure) {
        if (!isAbortError(failure)) setError(failure);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [api],
  );

  useEffect(() => {
    const controller = new AbortController();
    void loadPage(undefined, controller.signal);
    return () => controller.abort();
  }, [loadPage]);

  const oldestSeq = events.length > 0 ? Math.min(...events.map((event) => event.seq)) : undefined;

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await verifyAuditChain(api));
    } catch (failure) {
      setVerification(null);
      setVerifyError(failure);
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.fields.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
    { title: t('audit.fields.at'), key: 'at', width: 160, render: (_, event) => formatDateTime(event.at) },
    {
      title: t('audit.fields.actor'),
      key: 'actor',
      width: 180,
      render: (_, event) =>
        event.actorName ??
        event.actorUserId ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.fields.action'),
      key: 'action',
      render: (_, event) => <Typography.Text code>{event.action}</Typography.Text>,
    },
    {
      title: t('audit.fields.entity'),
      key: 'entity',
      responsive: ['md'],
      render: (_, event) => (
        <span>
          <Typography.Text>{event.entityType}</Typography.Text>
          <Typography.Text
            type="secondary"
            copyable={{ text: event.entityId }}
            style={{ display: 'block', fontSize: 12 }}
          >
            {event.entityId}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('audit.fields.hash'),
      key: 'hash',
      width: 130,
      responsive: ['lg'],
      render: (_, event) => (
        <Tooltip title={event.hash}>
          <Typography.Text code style={{ fontSize: 12 }}>
            {event.hash.slice(0, 12)}
          </Typography.Text>
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void loadPage(undefined)}
              data-testid="audit-refresh"
            >
              {t('common.refresh')}
            </Button>
            <Button
              type="primary"
              icon={<SafetyOutlined />}
              loading={verifying}
              onClick={() => void verify()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
          </>
        }
      />
      <ErrorAlert error={verifyError} />
      {verification ? (
        <Alert
          showIcon
          closable={{ onClose: () => setVerification(null) }}
          type={verification.ok ? 'success' : 'error'}
          title={verification.ok ? t('audit.verifyOk') : t('audit.verifyFailed')}
          description={
            verification.ok || !verification.firstBreak
              ? t('audit.verifyChecked', { checked: verification.checked })
              : breakText(t, verification.firstBreak)
          }
          style={{ marginBottom: 16 }}
          data-testid="audit-verify-result"
        />
      ) : null}
      <ErrorAlert error={error} onRetry={() => void loadPage(undefined)} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<AuditEvent>
          rowKey="seq"
          data-testid="audit-table"
          columns={columns}
          dataSource={events}
          loading={loading}
          pagination={false}
          scroll={{ x: 760 }}
          onRow={(event) =>
            ({ 'data-testid': 'audit-row', 'data-seq': event.seq }) as HTMLAttributes<HTMLElement>
          }
          expandable={{
            rowExpandable: (event) => Object.keys(event.details).length > 0,
            expandedRowRender: (event) => (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>
                {JSON.stringify(event.details, null, 2)}
              </pre>
            ),
          }}
        />
        {hasMore ? (
          <Flex justify="center" style={{ padding: 16 }}>
            <Button
              icon={<DownOutlined />}
              loading={loading}
              onClick={() => void loadPage(oldestSeq)}
              data-testid="audit-load-more"
            >
              {t('audit.loadOlder')}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
