import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { NDA_STATUSES, type NdaStatus } from '../../../../src/modules/directory/schemas';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { enumOptions } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { acceptNdaRequest, declineNdaRequest, listNdaRequests, RECORD_PATHS, type NdaRequest } from './api';
import { OwnerLink } from './display';
import { ndaStatusKey, recordKindKey } from './labels';
import { pick } from './listing';

const DIRECTIONS = ['incoming', 'outgoing'] as const;
type Direction = (typeof DIRECTIONS)[number];
const STATUS_COLORS: Record<NdaStatus, string> = {
  pending: 'gold',
  accepted: 'success',
  declined: 'default',
};

/** NDA requests: for the caller's organisations' records (incoming, admins decide) and by them. */
export function NdaRequestsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const direction: Direction = pick(DIRECTIONS, params.get('direction')) ?? 'incoming';
  const status = pick(NDA_STATUSES, params.get('status'));
  const list = useResource(
    (signal) => listNdaRequests(api, { direction, status, limit: 100 }, signal),
    [api, direction, status, session?.user.id],
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [declining, setDeclining] = useState<NdaRequest | null>(null);

  const accept = async (request: NdaRequest) => {
    setError(null);
    setBusy(request.id);
    try {
      await acceptNdaRequest(api, request.id, request.version);
      void message.success(t('nda.accepted'));
      list.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };

  const columns: TableColumnsType<NdaRequest> = [
    {
      title: t('nda.fields.record'),
      key: 'record',
      render: (_, request) => (
        <div>
          <Link
            to={`/${RECORD_PATHS[request.entityType]}/${request.entityId}`}
            data-testid="nda-record-link"
            style={{ fontWeight: 500 }}
          >
            {request.entityTitle}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t(recordKindKey(request.entityType))}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: direction === 'incoming' ? t('nda.fields.requester') : t('nda.fields.owner'),
      key: 'party',
      width: 220,
      render: (_, request) => (
        <OwnerLink owner={direction === 'incoming' ? request.requester : request.owner} />
      ),
    },
    {
      title: t('nda.fields.message'),
      key: 'message',
      responsive: ['md'],
      render: (_, request) => (
        <Typography.Paragraph
          ellipsis={{ rows: 3, expandable: true }}
          style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
        >
          {request.message}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('nda.fields.createdAt'),
      key: 'createdAt',
      width: 150,
      responsive: ['lg'],
      render: (_, request) => formatDateTime(request.createdAt),
    },
    {
      title: t('nda.fields.status'),
      key: 'status',
      width: 130,
      render: (_, request) => (
        <Space orientation="vertical" size={2}>
          <Tag color={STATUS_COLORS[request.status]} data-testid="nda-status" data-status={request.status}>
            {t(ndaStatusKey(request.status))}
          </Tag>
          {request.decisionReason ? (
            <Tooltip title={request.decisionReason}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis data-testid="nda-reason">
                {request.decisionReason}
              </Typography.Text>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    ...(direction === 'incoming'
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            render: (_: unknown, request: NdaRequest) =>
              request.permissions.accept || request.permissions.decline ? (
                <Space wrap>
                  <Button
                    type="primary"
                    size="small"
                    icon={<CheckOutlined />}
                    loading={busy === request.id}
                    onClick={() => void accept(request)}
                    data-testid="nda-accept"
                  >
                    {t('nda.accept')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    icon={<CloseOutlined />}
                    onClick={() => setDeclining(request)}
                    data-testid="nda-decline"
                  >
                    {t('nda.decline')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('nda.title')} subtitle={t('nda.subtitle')} />
      <Tabs
        activeKey={direction}
        onChange={(key) => set({ direction: key === 'incoming' ? undefined : key })}
        items={DIRECTIONS.map((d) => ({
          key: d,
          label: <span data-testid={`nda-tab-${d}`}>{t(`nda.direction.${d}`)}</span>,
        }))}
        tabBarExtraContent={
          <Select
            allowClear
            value={status}
            onChange={(value: NdaStatus | undefined) => set({ status: value })}
            options={enumOptions(t, NDA_STATUSES, ndaStatusKey)}
            placeholder={t('nda.fields.status')}
            aria-label={t('nda.fields.status')}
            style={{ width: 140 }}
            data-testid="nda-filter-status"
          />
        }
      />
      {direction === 'incoming' ? (
        <Typography.Paragraph type="secondary">{t('nda.incomingHelp')}</Typography.Paragraph>
      ) : null}
      <ErrorAlert
        error={error ?? list.error}
        onRetry={list.reload}
        onReload={list.reload}
        testId="nda-error"
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<NdaRequest>
          rowKey="id"
          data-testid="nda-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: t('nda.empty') }}
          onRow={(request) =>
            ({
              'data-testid': 'nda-row',
              'data-request-id': request.id,
              'data-record-id': request.entityId,
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={false}
          scroll={{ x: 720 }}
        />
      </Card>
      <DeclineModal
        request={declining}
        onClose={() => setDeclining(null)}
        onDone={() => {
          setDeclining(null);
          void message.success(t('nda.declined'));
          list.reload();
        }}
      />
    </>
  );
}

function DeclineModal({
  request,
  onClose,
  onDone,
}: {
  request: NdaRequest | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [form] = Form.useForm<{ reason: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async ({ reason }: { reason: string }) => {
    if (!request) return;
    setFailure(null);
    setSending(true);
    try {
      await declineNdaRequest(api, request.id, request.version, reason.trim());
      form.resetFields();
      onDone();
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={request !== null}
      title={t('nda.declineTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="decline"
          danger
          type="primary"
          loading={sending}
          onClick={() => form.submit()}
          data-testid="nda-decline-submit"
        >
          {t('nda.decline')}
        </Button>,
      ]}
    >
      {failure ? <Typography.Paragraph type="danger">{failure}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label={t('nda.reason')}
          extra={t('nda.reasonHelp')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 1000, message: t('validation.maxLength', { max: 1000 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="nda-decline-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
