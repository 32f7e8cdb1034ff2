/**
 * The project page's "Outcomes & income" tab: the project's outcomes with their owners' shares,
 * recording an outcome, income with each member's distribution statement (exact to the fen),
 * recording income, and the share transfers of an outcome under first refusal.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { formatDate } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalizedName } from '../organizations/display';
import {
  INCOME_KINDS,
  listIncome,
  listOutcomes,
  OUTCOME_KINDS,
  recordIncome,
  recordOutcome,
  type Income,
  type IncomeKind,
  type Outcome,
  type OutcomeKind,
  type OutcomeList,
} from './api';
import { formatBasisPoints, formatFen, yuanToFen } from './money';
import { incomeKindKey, incomeMethodKey, outcomeKindKey, Owners } from './display';
import { TransfersPanel } from './TransfersPanel';

/** One income's statement: a line per member, and their sum (which equals the income). */
export function StatementTable({ income }: { income: Income }) {
  const { t } = useTranslation();
  const name = useLocalizedName();
  let sum = 0n;
  for (const line of income.statements) sum += BigInt(line.totalFen);
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={income.statements}
      data-testid="income-statement"
      columns={[
        {
          title: t('outcomes.income.member'),
          key: 'member',
          render: (_, line) => name(line.organization),
        },
        {
          title: t('outcomes.income.weight'),
          dataIndex: 'weight',
          render: (weight: string) =>
            income.method === 'fixed' ? formatBasisPoints(Number(weight)) : formatFen(weight),
        },
        {
          title: t('outcomes.income.costRecovery'),
          dataIndex: 'costRecoveryFen',
          align: 'right',
          render: (fen: string) => formatFen(fen),
        },
        {
          title: t('outcomes.income.share'),
          dataIndex: 'shareFen',
          align: 'right',
          render: (fen: string) => formatFen(fen),
        },
        {
          title: t('outcomes.income.memberTotal'),
          dataIndex: 'totalFen',
          align: 'right',
          render: (fen: string) => (
            <Typography.Text strong data-testid="statement-total">
              {formatFen(fen)}
            </Typography.Text>
          ),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={4}>
            {t('outcomes.income.sum')}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <Typography.Text strong data-testid="statement-sum">
              {formatFen(sum.toString())}
            </Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

interface OutcomeForm {
  kind: OutcomeKind;
  title: string;
  reference: string;
  outcomeDate: string;
  filingDate?: string;
  grantDate?: string;
  description?: string;
  organizationId: string;
  shares?: { organizationId: string; basisPoints: number }[];
}

function RecordOutcomeDialog({
  projectId,
  list,
  open,
  onClose,
  onDone,
}: {
  projectId: string;
  list: OutcomeList;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useLocalizedName();
  const [form] = Form.useForm<OutcomeForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const needsShares = list.charterNumber === null && kind !== 'paper';
  const parties = list.parties.map((p) => ({ value: p.id, label: name(p) }));

  const submit = async (values: OutcomeForm) => {
    setBusy(true);
    setError(null);
    try {
      await recordOutcome(api, projectId, {
        kind: values.kind,
        title: values.title,
        reference: values.reference ?? '',
        outcomeDate: values.outcomeDate,
        organizationId: values.organizationId,
        ...(values.description ? { description: values.description } : {}),
        ...(values.filingDate ? { filingDate: values.filingDate } : {}),
        ...(values.grantDate ? { grantDate: values.grantDate } : {}),
        ...(needsShares ? { shares: values.shares ?? [] } : {}),
      });
      form.resetFields();
      onDone();
    } catch (caught) {
      setError(applyApiErrorToForm(t, form, caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('outcomes.record')}
      okText={t('outcomes.record')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="record-outcome-dialog"
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<OutcomeForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'patent_application', organizationId: list.permissions.recordFor[0] }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="kind" label={t('outcomes.kind')} rules={[{ required: true }]}>
          <Select
            options={OUTCOME_KINDS.map((k) => ({ value: k, label: t(outcomeKindKey(k)) }))}
            data-testid="outcome-kind"
          />
        </Form.Item>
        <Form.Item name="title" label={t('outcomes.title')} rules={[{ required: true }]}>
          <Input maxLength={300} data-testid="outcome-title" />
        </Form.Item>
        <Form.Item name="reference" label={t('outcomes.reference')}>
          <Input maxLength={100} data-testid="outcome-reference" />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="outcomeDate" label={t('outcomes.outcomeDate')} rules={[{ required: true }]}>
            <Input type="date" data-testid="outcome-date" />
          </Form.Item>
          {kind === 'patent_application' || kind === 'patent_grant' ? (
            <>
              <Form.Item name="filingDate" label={t('outcomes.filingDate')}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="grantDate" label={t('outcomes.grantDate')}>
                <Input type="date" />
              </Form.Item>
            </>
          ) : null}
        </Flex>
        <Form.Item name="organizationId" label={t('outcomes.recordedFor')} rules={[{ required: true }]}>
          <Select
            options={parties.filter((p) => list.permissions.recordFor.includes(p.value))}
            data-testid="outcome-organization"
          />
        </Form.Item>
        <Form.Item name="description" label={t('outcomes.description')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        {needsShares ? (
          <Form.List name="shares" initialValue={list.parties.map((p) => ({ organizationId: p.id }))}>
            {(fields) => (
              <Form.Item label={t('outcomes.owners')} extra={t('outcomes.sharesHelp')}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8}>
                    <Form.Item name={[field.name, 'organizationId']} style={{ flex: 1 }}>
                      <Select options={parties} disabled />
                    </Form.Item>
                    <Form.Item name={[field.name, 'basisPoints']} rules={[{ required: true }]}>
                      <InputNumber
                        min={1}
                        max={10000}
                        precision={0}
                        data-testid={`outcome-share-${String(field.name)}`}
                      />
                    </Form.Item>
                  </Flex>
                ))}
              </Form.Item>
            )}
          </Form.List>
        ) : null}
      </Form>
    </Modal>
  );
}

interface IncomeForm {
  kind: IncomeKind;
  amount: string;
  receivedOn: string;
  payer: string;
  outcomeId?: string;
  note?: string;
}

function RecordIncomeDialog({
  projectId,
  outcomes,
  open,
  onClose,
  onDone,
}: {
  projectId: string;
  outcomes: readonly Outcome[];
  open: boolean;
  onClose: () => void;
  onDone: (income: Income) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [form] = Form.useForm<IncomeForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: IncomeForm) => {
    const amountFen = yuanToFen(values.amount);
    if (amountFen === null) return;
    setBusy(true);
    setError(null);
    try {
      const income = await recordIncome(api, projectId, {
        kind: values.kind,
        amountFen,
        receivedOn: values.receivedOn,
        payer: values.payer,
        ...(values.outcomeId ? { outcomeId: values.outcomeId } : {}),
        ...(values.note ? { note: values.note } : {}),
      });
      form.resetFields();
      onDone(income);
    } catch (caught) {
      setError(applyApiErrorToForm(t, form, caught, { fieldAliases: { amountFen: 'amount' } }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('outcomes.recordIncome')}
      okText={t('outcomes.recordIncome')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="record-income-dialog"
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<IncomeForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'licence_fee' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="kind" label={t('outcomes.income.kind')} rules={[{ required: true }]}>
          <Select options={INCOME_KINDS.map((k) => ({ value: k, label: t(incomeKindKey(k)) }))} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('outcomes.income.amount')}
          extra={t('outcomes.income.amountHelp')}
          rules={[
            { required: true, message: t('outcomes.income.amountInvalid') },
            {
              validator: (_, value: string | undefined) =>
                !value || (yuanToFen(value) ?? '0') !== '0'
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('outcomes.income.amountInvalid'))),
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" data-testid="income-amount" />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('outcomes.income.receivedOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="income-received-on" />
        </Form.Item>
        <Form.Item name="payer" label={t('outcomes.income.payer')} rules={[{ required: true }]}>
          <Input maxLength={200} data-testid="income-payer" />
        </Form.Item>
        <Form.Item name="outcomeId" label={t('outcomes.income.outcome')}>
          <Select allowClear options={outcomes.map((o) => ({ value: o.id, label: o.title }))} />
        </Form.Item>
        <Form.Item name="note" label={t('outcomes.income.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The tab: outcomes, income and statements, transfers. Mounted by the project page. */
export function OutcomesTab({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const outcomes = useResource((signal) => listOutcomes(api, projectId, signal), [api, projectId]);
  const income = useResource((signal) => listIncome(api, projectId, signal), [api, projectId]);
  const [recording, setRecording] = useState(false);
  const [recordingIncome, setRecordingIncome] = useState(false);
  const [recorded, setRecorded] = useState<Income | null>(null);
  const [transfersOf, setTransfersOf] = useState<Outcome | null>(null);
  const list = outcomes.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="outcomes-tab">
      <ErrorAlert
        error={outcomes.error ?? income.error}
        onRetry={() => (outcomes.reload(), income.reload())}
      />
      {list && list.charterNumber === null ? (
        <Alert type="info" showIcon title={t('outcomes.noCharter')} />
      ) : null}
      <Card
        title={t('outcomes.outcomes')}
        extra={
          list && list.permissions.recordFor.length > 0 ? (
            <Button type="primary" onClick={() => setRecording(true)} data-testid="outcome-record">
              {t('outcomes.record')}
            </Button>
          ) : null
        }
      >
        <Table<Outcome>
          rowKey="id"
          size="small"
          loading={outcomes.loading}
          dataSource={list?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('outcomes.empty') }}
          data-testid="outcome-list"
          columns={[
            {
              title: t('outcomes.kind'),
              dataIndex: 'kind',
              render: (kind: OutcomeKind) => <Tag>{t(outcomeKindKey(kind))}</Tag>,
            },
            { title: t('outcomes.title'), dataIndex: 'title' },
            { title: t('outcomes.reference'), dataIndex: 'reference' },
            {
              title: t('outcomes.outcomeDate'),
              dataIndex: 'outcomeDate',
              render: (d: string) => formatDate(d),
            },
            {
              title: t('outcomes.owners'),
              key: 'owners',
              render: (_, outcome) => (
                <Space orientation="vertical" size={0}>
                  <Owners outcome={outcome} />
                  {outcome.charterNumber !== null ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('outcomes.fromCharter', { number: outcome.charterNumber })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              key: 'actions',
              render: (_, outcome) =>
                outcome.ipType !== null ? (
                  <Button
                    size="small"
                    onClick={() => setTransfersOf(outcome)}
                    data-testid="outcome-transfers"
                  >
                    {t('outcomes.transfers.open')}
                    {outcome.openTransfers > 0 ? ` (${String(outcome.openTransfers)})` : ''}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card
        title={t('outcomes.income.title')}
        extra={
          <Space>
            {income.data ? (
              <Typography.Text data-testid="income-total">
                {t('outcomes.income.total', { amount: formatFen(income.data.totalFen) })}
              </Typography.Text>
            ) : null}
            {income.data?.permissions.record ? (
              <Button type="primary" onClick={() => setRecordingIncome(true)} data-testid="income-record">
                {t('outcomes.recordIncome')}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Table<Income>
          rowKey="id"
          size="small"
          loading={income.loading}
          dataSource={income.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('outcomes.incomeEmpty') }}
          expandable={{ expandedRowRender: (row) => <StatementTable income={row} /> }}
          data-testid="income-list"
          columns={[
            { title: '#', dataIndex: 'number', width: 56 },
            {
              title: t('outcomes.income.kind'),
              dataIndex: 'kind',
              render: (kind: IncomeKind) => t(incomeKindKey(kind)),
            },
            {
              title: t('outcomes.income.amount'),
              dataIndex: 'amountFen',
              align: 'right',
              render: (fen: string) => <span data-testid="income-amount-cell">{formatFen(fen)}</span>,
            },
            { title: t('outcomes.income.receivedOn'), dataIndex: 'receivedOn' },
            { title: t('outcomes.income.payer'), dataIndex: 'payer' },
            {
              title: t('outcomes.income.method'),
              key: 'method',
              render: (_, row) => (
                <span>
                  {t(incomeMethodKey(row.method))} · {t('outcomes.charter', { number: row.charterNumber })}
                </span>
              ),
            },
          ]}
        />
      </Card>
      {list ? (
        <RecordOutcomeDialog
          projectId={projectId}
          list={list}
          open={recording}
          onClose={() => setRecording(false)}
          onDone={() => {
            setRecording(false);
            outcomes.reload();
          }}
        />
      ) : null}
      <RecordIncomeDialog
        projectId={projectId}
        outcomes={list?.items ?? []}
        open={recordingIncome}
        onClose={() => setRecordingIncome(false)}
        onDone={(done) => {
          setRecordingIncome(false);
          setRecorded(done);
          void message.success(t('outcomes.income.recorded'));
          income.reload();
        }}
      />
      <Modal
        open={recorded !== null}
        title={
          recorded
            ? `${t('outcomes.income.statement')} · ${t('outcomes.income.number', { number: recorded.number })} · ${formatFen(recorded.amountFen)}`
            : ''
        }
        footer={null}
        width={760}
        onCancel={() => setRecorded(null)}
        data-testid="income-recorded"
      >
        {recorded ? <StatementTable income={recorded} /> : null}
      </Modal>
      <Drawer
        open={transfersOf !== null}
        size="large"
        title={transfersOf ? `${t('outcomes.transfers.title')} · ${transfersOf.title}` : ''}
        onClose={() => setTransfersOf(null)}
        destroyOnHidden
      >
        {transfersOf ? (
          <TransfersPanel outcomeId={transfersOf.id} onChanged={() => outcomes.reload()} />
        ) : null}
      </Drawer>
    </Space>
  );
}
