/**
 * Transfers of shares of one outcome: offering a share to the co-owners first, their answers within
 * the first-refusal window, and completing the transfer (to the accepting co-owners, or to a third
 * party once first refusal allows it), or withdrawing it.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/client';
import { applyApiErrorToForm, errorText } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalizedName } from '../organizations/display';
import {
  completeTransfer,
  getOutcome,
  listTransfers,
  offerTransfer,
  respondTransfer,
  TRANSFER_KINDS,
  withdrawTransfer,
  type Transfer,
  type TransferKind,
  type TransferStatus,
} from './api';
import { formatBasisPoints, formatFen, yuanToFen } from './money';
import { Owners } from './display';

export function transferKindKey(kind: TransferKind): string {
  return `outcomes.transfers.kinds.${kind}`;
}

export function transferStatusKey(status: TransferStatus): string {
  return `outcomes.transfers.statuses.${status}`;
}

export function transferAnswerKey(answer: 'accept' | 'decline'): string {
  return `outcomes.transfers.answers.${answer}`;
}

const amountRule = (t: (key: string) => string) => ({
  validator: (_: unknown, value: string | undefined) =>
    value !== undefined && yuanToFen(value) !== null
      ? Promise.resolve()
      : Promise.reject(new Error(t('outcomes.income.amountInvalid'))),
});

interface OfferForm {
  organizationId: string;
  kind: TransferKind;
  basisPoints: number;
  price: string;
}

interface CompleteForm {
  organizationId?: string;
  name?: string;
  price: string;
}

function TransferCard({ transfer, onChanged }: { transfer: Transfer; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const name = useLocalizedName();
  const [form] = Form.useForm<CompleteForm>();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = transfer.status === 'offered';
  const accepted = transfer.responses.some((r) => r.answer === 'accept');

  const act = async (key: string, run: () => Promise<unknown>) => {
    setBusy(key);
    setError(null);
    try {
      await run();
      void message.success(t('outcomes.transfers.done'));
      onChanged();
    } catch (caught) {
      setError(errorText(t, caught));
    } finally {
      setBusy(null);
    }
  };

  const complete = async (values: CompleteForm) => {
    const priceFen = yuanToFen(values.price);
    if (priceFen === null) return;
    setBusy('complete');
    setError(null);
    try {
      await completeTransfer(api, transfer.outcomeId, transfer.id, {
        version: transfer.version,
        transferee: {
          ...(values.organizationId ? { organizationId: values.organizationId } : {}),
          ...(values.name ? { name: values.name } : {}),
          priceFen,
        },
      });
      void message.success(t('outcomes.transfers.done'));
      onChanged();
    } catch (caught) {
      setError(applyApiErrorToForm(t, form, caught));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" data-testid="transfer" data-status={transfer.status}>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('outcomes.transfers.seller')}>{name(transfer.seller)}</Descriptions.Item>
        <Descriptions.Item label={t('outcomes.transfers.status')}>
          <Tag color={open ? 'gold' : 'default'}>{t(transferStatusKey(transfer.status))}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('outcomes.transfers.kind')}>
          {t(transferKindKey(transfer.kind))}
        </Descriptions.Item>
        <Descriptions.Item label={t('outcomes.transfers.basisPoints')}>
          {formatBasisPoints(transfer.basisPoints)}
        </Descriptions.Item>
        <Descriptions.Item label={t('outcomes.transfers.price')}>
          {formatFen(transfer.priceFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('outcomes.transfers.deadline')}>
          <span data-testid="transfer-deadline">{formatDateTime(transfer.deadline)}</span>
        </Descriptions.Item>
        {transfer.responses.length > 0 ? (
          <Descriptions.Item label={t('outcomes.transfers.responses')} span={2}>
            <Space wrap>
              {transfer.responses.map((r) => (
                <Tag key={r.organization.id} color={r.answer === 'accept' ? 'green' : 'default'}>
                  {name(r.organization)} {t(transferAnswerKey(r.answer))}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        ) : null}
        {open && transfer.awaiting.length > 0 ? (
          <Descriptions.Item label={t('outcomes.transfers.awaiting')} span={2}>
            {transfer.awaiting.map((o) => name(o)).join('、')}
          </Descriptions.Item>
        ) : null}
        {transfer.transferee ? (
          <Descriptions.Item label={t('outcomes.transfers.transferee')} span={2}>
            {transfer.transferee.organization
              ? name(transfer.transferee.organization)
              : transfer.transferee.name}
            {transfer.finalPriceFen ? ` · ${formatFen(transfer.finalPriceFen)}` : ''}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {open ? (
        <Alert
          type={transfer.thirdPartyAllowed ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="transfer-window"
          title={
            transfer.thirdPartyAllowed
              ? t('outcomes.transfers.thirdPartyAllowed')
              : t('outcomes.transfers.thirdPartyNotYet', { deadline: formatDateTime(transfer.deadline) })
          }
        />
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="transfer-error" />
      ) : null}
      <Space wrap>
        {transfer.permissions.respondFor.map((org) => (
          <Space key={org}>
            <Button
              size="small"
              type="primary"
              loading={busy === `accept:${org}`}
              onClick={() =>
                void act(`accept:${org}`, () =>
                  respondTransfer(api, transfer.outcomeId, transfer.id, {
                    organizationId: org,
                    answer: 'accept',
                  }),
                )
              }
              data-testid="transfer-accept"
            >
              {t('outcomes.transfers.accept')}
            </Button>
            <Button
              size="small"
              loading={busy === `decline:${org}`}
              onClick={() =>
                void act(`decline:${org}`, () =>
                  respondTransfer(api, transfer.outcomeId, transfer.id, {
                    organizationId: org,
                    answer: 'decline',
                  }),
                )
              }
              data-testid="transfer-decline"
            >
              {t('outcomes.transfers.decline')}
            </Button>
          </Space>
        ))}
        {transfer.permissions.complete && accepted ? (
          <Button
            size="small"
            type="primary"
            loading={busy === 'co-owners'}
            onClick={() =>
              void act('co-owners', () =>
                completeTransfer(api, transfer.outcomeId, transfer.id, { version: transfer.version }),
              )
            }
            data-testid="transfer-complete-co-owners"
          >
            {t('outcomes.transfers.completeToCoOwners')}
          </Button>
        ) : null}
        {transfer.permissions.withdraw ? (
          <Button
            size="small"
            danger
            loading={busy === 'withdraw'}
            onClick={() =>
              void act('withdraw', () =>
                withdrawTransfer(api, transfer.outcomeId, transfer.id, { version: transfer.version }),
              )
            }
            data-testid="transfer-withdraw"
          >
            {t('outcomes.transfers.withdraw')}
          </Button>
        ) : null}
      </Space>
      {transfer.permissions.complete && !accepted ? (
        <Form<CompleteForm>
          form={form}
          layout="inline"
          style={{ marginTop: 8, rowGap: 8 }}
          onFinish={(values) => void complete(values)}
        >
          <Form.Item name="name" label={t('outcomes.transfers.transfereeName')}>
            <Input maxLength={200} data-testid="transferee-name" />
          </Form.Item>
          <Form.Item name="organizationId" label={t('outcomes.transfers.transfereeOrganization')}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="price" label={t('outcomes.transfers.transfereePrice')} rules={[amountRule(t)]}>
            <Input prefix="¥" inputMode="decimal" data-testid="transferee-price" />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'complete'} data-testid="transfer-complete">
            {t('outcomes.transfers.complete')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

/** Offers of shares of one outcome, with the actions the caller may take. */
export function TransfersPanel({ outcomeId, onChanged }: { outcomeId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useLocalizedName();
  const outcome = useResource((signal) => getOutcome(api, outcomeId, signal), [api, outcomeId]);
  const transfers = useResource((signal) => listTransfers(api, outcomeId, signal), [api, outcomeId]);
  const [form] = Form.useForm<OfferForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const offerFor = outcome.data?.permissions.offerFor ?? [];

  const reload = () => {
    outcome.reload();
    transfers.reload();
    onChanged();
  };

  const offer = async (values: OfferForm) => {
    const priceFen = yuanToFen(values.price);
    if (priceFen === null) return;
    setBusy(true);
    setError(null);
    try {
      await offerTransfer(api, outcomeId, {
        organizationId: values.organizationId,
        kind: values.kind,
        basisPoints: values.basisPoints,
        priceFen,
      });
      form.resetFields();
      reload();
    } catch (caught) {
      setError(applyApiErrorToForm(t, form, caught, { fieldAliases: { priceFen: 'price' } }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="transfers-panel">
      <ErrorAlert error={outcome.error ?? transfers.error} onRetry={reload} />
      {outcome.data ? <Owners outcome={outcome.data} /> : null}
      {offerFor.length > 0 ? (
        <Card size="small" title={t('outcomes.transfers.offer')}>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
          <Form<OfferForm>
            form={form}
            layout="vertical"
            initialValues={{ organizationId: offerFor[0], kind: 'sale' }}
            onFinish={(values) => void offer(values)}
          >
            <Flex gap={8} wrap>
              <Form.Item
                name="organizationId"
                label={t('outcomes.transfers.seller')}
                rules={[{ required: true }]}
              >
                <Select
                  style={{ minWidth: 200 }}
                  options={(outcome.data?.shares ?? [])
                    .filter((s) => s.organization && offerFor.includes(s.organization.id))
                    .map((s) => ({
                      value: s.holderKey,
                      label: s.organization ? name(s.organization) : s.holderKey,
                    }))}
                />
              </Form.Item>
              <Form.Item name="kind" label={t('outcomes.transfers.kind')} rules={[{ required: true }]}>
                <Select
                  style={{ minWidth: 140 }}
                  options={TRANSFER_KINDS.map((k) => ({ value: k, label: t(transferKindKey(k)) }))}
                />
              </Form.Item>
              <Form.Item
                name="basisPoints"
                label={t('outcomes.transfers.basisPoints')}
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={10000} precision={0} data-testid="offer-basis-points" />
              </Form.Item>
              <Form.Item name="price" label={t('outcomes.transfers.price')} rules={[amountRule(t)]}>
                <Input prefix="¥" inputMode="decimal" data-testid="offer-price" />
              </Form.Item>
            </Flex>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="offer-submit">
              {t('outcomes.transfers.offer')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {(transfers.data?.items ?? []).length === 0 && !transfers.loading ? (
        <Empty description={t('outcomes.transfers.empty')} />
      ) : null}
      {(transfers.data?.items ?? []).map((transfer) => (
        <TransferCard key={transfer.id} transfer={transfer} onChanged={reload} />
      ))}
    </Space>
  );
}
