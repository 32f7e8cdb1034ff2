/**
 * The 沟通 tab of a project: threads with their posts, meeting minutes whose action items became
 * tasks, and document records. Parties' members write; everyone who sees the project reads.
 */
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DOCUMENT_KINDS,
  PROJECT_STAGES,
  type DocumentKind,
  type PartyRef,
  type ProjectStage,
} from '../../../../../src/modules/projects/schemas';
import { useApi } from '../../../api/client';
import { applyApiErrorToForm } from '../../../api/errors';
import { useResource } from '../../../api/useResource';
import { formatDate, formatDateTime } from '../../../app/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { projectStageKey } from '../../consortia/labels';
import { localizedNames } from '../../organizations/display';
import {
  createDocument,
  createMinutes,
  createPost,
  createThread,
  getEngagement,
  getThread,
  listDocuments,
  listMinutes,
  listThreads,
  setThreadStatus,
  type Thread,
} from './api';

const WORK_STAGES = PROJECT_STAGES.filter((s) => s !== 'closed');

function useName() {
  const { i18n } = useTranslation();
  return (party: Pick<PartyRef, 'nameZh' | 'nameEn'>) => localizedNames(party, i18n.language).primary;
}

/** The project's parties (from the engagement matrix, which every insider reads). */
function useParties(projectId: string) {
  const api = useApi();
  return useResource(
    async (signal) => (await getEngagement(api, projectId, signal)).parties.map((p) => p.organization),
    [api, projectId],
  );
}

/** "Writing as" when the caller belongs to several parties; nothing when to one. */
function PartyField({ parties, mine }: { parties: readonly PartyRef[]; mine: readonly string[] }) {
  const { t } = useTranslation();
  const name = useName();
  if (mine.length < 2) return null;
  return (
    <Form.Item name="organizationId" label={t('projectComm.writingAs')} rules={[{ required: true }]}>
      <Select
        data-testid="comm-party"
        options={parties.filter((p) => mine.includes(p.id)).map((p) => ({ value: p.id, label: name(p) }))}
      />
    </Form.Item>
  );
}

function stageOptions(t: (key: string) => string) {
  return WORK_STAGES.map((s) => ({ value: s, label: t(projectStageKey(s)) }));
}

// ---------------------------------------------------------------------------------------------
// Threads

function ThreadView({
  projectId,
  threadId,
  mine,
  parties,
  onChanged,
}: {
  projectId: string;
  threadId: string;
  mine: readonly string[];
  parties: readonly PartyRef[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useName();
  const thread = useResource(
    (signal) => getThread(api, projectId, threadId, signal),
    [api, projectId, threadId],
  );
  const [form] = Form.useForm<{ body: string; organizationId?: string }>();
  const [failure, setFailure] = useState<unknown>(null);
  const data = thread.data;

  const act = async (run: () => Promise<Thread>) => {
    setFailure(null);
    try {
      thread.setData(await run());
      onChanged();
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    }
  };

  if (!data) return <ErrorAlert error={thread.error} onRetry={thread.reload} />;
  return (
    <Card
      size="small"
      data-testid="thread-view"
      title={
        <Space wrap>
          <span>{data.subject}</span>
          <Tag>{t(projectStageKey(data.stage))}</Tag>
          <Tag color={data.status === 'open' ? 'green' : 'default'}>
            {t(`projectComm.threadStatus.${data.status}`)}
          </Tag>
        </Space>
      }
      extra={
        <Space>
          {data.permissions.close ? (
            <Button
              size="small"
              data-testid="thread-close"
              onClick={() => void act(() => setThreadStatus(api, projectId, data.id, 'close', data.version))}
            >
              {t('projectComm.close')}
            </Button>
          ) : null}
          {data.permissions.reopen ? (
            <Button
              size="small"
              data-testid="thread-reopen"
              onClick={() => void act(() => setThreadStatus(api, projectId, data.id, 'reopen', data.version))}
            >
              {t('projectComm.reopen')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {data.addressedTo.length === 0
          ? t('projectComm.openToAll')
          : t('projectComm.addressedTo', { parties: data.addressedTo.map(name).join('、') })}
      </Typography.Paragraph>
      <List
        dataSource={data.posts}
        renderItem={(post) => (
          <List.Item data-testid="thread-post">
            <List.Item.Meta
              title={
                <Space>
                  <strong>{name(post.organization)}</strong>
                  <span>{post.author?.displayName}</span>
                  <Typography.Text type="secondary">{formatDateTime(post.at)}</Typography.Text>
                </Space>
              }
              description={
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {post.body}
                </Typography.Paragraph>
              }
            />
          </List.Item>
        )}
      />
      <ErrorAlert error={failure} onReload={thread.reload} />
      {data.permissions.post ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => {
            void act(() =>
              createPost(api, projectId, data.id, {
                body: values.body,
                ...(values.organizationId ? { organizationId: values.organizationId } : {}),
              }),
            ).then((done) => {
              if (done) form.resetFields(['body']);
            });
          }}
        >
          <PartyField parties={parties} mine={mine} />
          <Form.Item
            name="body"
            label={t('projectComm.reply')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={10000} data-testid="post-body" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="post-submit">
            {t('projectComm.send')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

interface ThreadValues {
  subject: string;
  body: string;
  stage?: ProjectStage;
  addressedTo?: string[];
  organizationId?: string;
}

function Threads({ projectId, parties }: { projectId: string; parties: readonly PartyRef[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useName();
  const threads = useResource((signal) => listThreads(api, projectId, signal), [api, projectId]);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ThreadValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const mine = threads.data?.permissions.parties ?? [];

  const submit = async (values: ThreadValues) => {
    setFailure(null);
    try {
      const thread = await createThread(api, projectId, {
        subject: values.subject,
        body: values.body,
        ...(values.stage ? { stage: values.stage } : {}),
        ...(values.addressedTo?.length ? { addressedTo: values.addressedTo } : {}),
        ...(values.organizationId ? { organizationId: values.organizationId } : {}),
      });
      setCreating(false);
      form.resetFields();
      threads.reload();
      setSelected(thread.id);
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={threads.error} onRetry={threads.reload} />
      {threads.data?.permissions.write ? (
        <Button type="primary" data-testid="thread-new" onClick={() => setCreating(true)}>
          {t('projectComm.newThread')}
        </Button>
      ) : null}
      <Table
        rowKey="id"
        size="small"
        data-testid="thread-list"
        loading={threads.loading}
        dataSource={threads.data?.items ?? []}
        pagination={false}
        onRow={(row) => ({ onClick: () => setSelected(row.id), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty description={t('projectComm.noThreads')} /> }}
        columns={[
          { title: t('projectComm.subject'), dataIndex: 'subject' },
          { title: t('projectComm.stage'), render: (_, r) => t(projectStageKey(r.stage)) },
          { title: t('projectComm.startedBy'), render: (_, r) => name(r.organization) },
          { title: t('projectComm.posts'), dataIndex: 'postCount' },
          { title: t('projectComm.lastPost'), render: (_, r) => formatDateTime(r.lastPostAt) },
          {
            title: t('projectComm.status'),
            render: (_, r) => <Tag>{t(`projectComm.threadStatus.${r.status}`)}</Tag>,
          },
        ]}
      />
      {selected ? (
        <ThreadView
          key={selected}
          projectId={projectId}
          threadId={selected}
          mine={mine}
          parties={parties}
          onChanged={threads.reload}
        />
      ) : null}
      <Modal
        open={creating}
        title={t('projectComm.newThread')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'thread-create' }}
        destroyOnHidden
      >
        {failure ? <Alert type="error" showIcon message={failure} /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <PartyField parties={parties} mine={mine} />
          <Form.Item
            name="subject"
            label={t('projectComm.subject')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} data-testid="thread-subject" />
          </Form.Item>
          <Form.Item
            name="addressedTo"
            label={t('projectComm.addressees')}
            extra={t('projectComm.addresseesHelp')}
          >
            <Select
              mode="multiple"
              options={parties.map((p) => ({ value: p.id, label: name(p) }))}
              data-testid="thread-addressees"
            />
          </Form.Item>
          <Form.Item name="stage" label={t('projectComm.stage')}>
            <Select allowClear options={stageOptions(t)} />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('projectComm.firstPost')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={4} maxLength={10000} data-testid="thread-body" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// Minutes

interface MinutesValues {
  title: string;
  meetingDate: Dayjs;
  stage?: ProjectStage;
  attendees: { organizationId: string; name?: string }[];
  agenda?: string;
  decisions?: { text: string }[];
  actionItems?: { description: string; assigneeOrganizationId: string; dueDate?: Dayjs | null }[];
  organizationId?: string;
}

function MinutesSection({ projectId, parties }: { projectId: string; parties: readonly PartyRef[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useName();
  const minutes = useResource((signal) => listMinutes(api, projectId, signal), [api, projectId]);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<MinutesValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const partyOptions = parties.map((p) => ({ value: p.id, label: name(p) }));
  const mine = minutes.data?.permissions.parties ?? [];

  const submit = async (v: MinutesValues) => {
    setFailure(null);
    try {
      await createMinutes(api, projectId, {
        title: v.title,
        meetingDate: v.meetingDate.format('YYYY-MM-DD'),
        attendees: v.attendees.map((a) => ({
          organizationId: a.organizationId,
          ...(a.name?.trim() ? { name: a.name.trim() } : {}),
        })),
        ...(v.stage ? { stage: v.stage } : {}),
        ...(v.agenda?.trim() ? { agenda: v.agenda } : {}),
        decisions: (v.decisions ?? []).map((d) => d.text).filter((d) => d.trim() !== ''),
        actionItems: (v.actionItems ?? []).map((a) => ({
          description: a.description,
          assigneeOrganizationId: a.assigneeOrganizationId,
          ...(a.dueDate ? { dueDate: a.dueDate.format('YYYY-MM-DD') } : {}),
        })),
        ...(v.organizationId ? { organizationId: v.organizationId } : {}),
      });
      setCreating(false);
      form.resetFields();
      minutes.reload();
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={minutes.error} onRetry={minutes.reload} />
      {minutes.data?.permissions.write ? (
        <Button type="primary" data-testid="minutes-new" onClick={() => setCreating(true)}>
          {t('projectComm.newMinutes')}
        </Button>
      ) : null}
      {minutes.data && minutes.data.items.length === 0 ? (
        <Empty description={t('projectComm.noMinutes')} />
      ) : null}
      {(minutes.data?.items ?? []).map((m) => (
        <Card
          key={m.id}
          size="small"
          data-testid="minutes-card"
          title={
            <Space wrap>
              <span>{m.title}</span>
              <Tag>{formatDate(m.meetingDate)}</Tag>
              <Tag>{t(projectStageKey(m.stage))}</Tag>
            </Space>
          }
          extra={name(m.organization)}
        >
          <Typography.Paragraph>
            <strong>{t('projectComm.attendees')}: </strong>
            {m.attendees
              .map((a) => (a.name ? `${a.name}（${name(a.organization)}）` : name(a.organization)))
              .join('、')}
          </Typography.Paragraph>
          {m.agenda ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              <strong>{t('projectComm.agenda')}: </strong>
              {m.agenda}
            </Typography.Paragraph>
          ) : null}
          {m.decisions.length > 0 ? (
            <>
              <Typography.Text strong>{t('projectComm.decisions')}</Typography.Text>
              <ol>
                {m.decisions.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ol>
            </>
          ) : null}
          {m.actionItems.length > 0 ? (
            <Table
              rowKey="position"
              size="small"
              pagination={false}
              data-testid="action-items"
              dataSource={m.actionItems}
              columns={[
                { title: t('projectComm.actionItem'), dataIndex: 'description' },
                { title: t('projectComm.assignee'), render: (_, a) => name(a.assignee) },
                { title: t('projectComm.dueDate'), render: (_, a) => a.dueDate ?? '—' },
                {
                  title: t('projectComm.becameTask'),
                  render: (_, a) => (
                    <Space data-testid="action-item-task">
                      <span>{a.task.title}</span>
                      <Tag>
                        {t(`projectComm.taskStatus.${a.task.status}`, { defaultValue: a.task.status })}
                      </Tag>
                    </Space>
                  ),
                },
              ]}
            />
          ) : null}
        </Card>
      ))}
      <Modal
        open={creating}
        width={760}
        title={t('projectComm.newMinutes')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'minutes-create' }}
        destroyOnHidden
      >
        {failure ? <Alert type="error" showIcon message={failure} data-testid="minutes-error" /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ attendees: [{}], decisions: [], actionItems: [] }}
          onFinish={(v) => void submit(v)}
        >
          <PartyField parties={parties} mine={mine} />
          <Form.Item
            name="title"
            label={t('projectComm.minutesTitle')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} data-testid="minutes-title" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="meetingDate" label={t('projectComm.meetingDate')} rules={[{ required: true }]}>
              <DatePicker data-testid="minutes-date" />
            </Form.Item>
            <Form.Item name="stage" label={t('projectComm.stage')}>
              <Select allowClear style={{ width: 160 }} options={stageOptions(t)} />
            </Form.Item>
          </Space>
          <Form.List name="attendees">
            {(fields, { add, remove }) => (
              <Form.Item label={t('projectComm.attendees')}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'organizationId']} rules={[{ required: true }]}>
                      <Select style={{ width: 220 }} options={partyOptions} data-testid="attendee-org" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name']}>
                      <Input placeholder={t('projectComm.attendeeName')} maxLength={120} />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <Button onClick={() => remove(field.name)}>{t('projectComm.remove')}</Button>
                    ) : null}
                  </Space>
                ))}
                <Button onClick={() => add({})}>{t('projectComm.addAttendee')}</Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="agenda" label={t('projectComm.agenda')}>
            <Input.TextArea rows={2} maxLength={10000} />
          </Form.Item>
          <Form.List name="decisions">
            {(fields, { add, remove }) => (
              <Form.Item label={t('projectComm.decisions')}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'text']} rules={[{ required: true, whitespace: true }]}>
                      <Input style={{ width: 520 }} maxLength={2000} data-testid="decision-text" />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>{t('projectComm.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ text: '' })} data-testid="decision-add">
                  {t('projectComm.addDecision')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.List name="actionItems">
            {(fields, { add, remove }) => (
              <Form.Item label={t('projectComm.actionItems')} extra={t('projectComm.actionItemsHelp')}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item
                      name={[field.name, 'description']}
                      rules={[{ required: true, whitespace: true }]}
                    >
                      <Input
                        style={{ width: 260 }}
                        maxLength={1000}
                        placeholder={t('projectComm.actionItem')}
                        data-testid="action-description"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'assigneeOrganizationId']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 200 }}
                        options={partyOptions}
                        placeholder={t('projectComm.assignee')}
                        data-testid="action-assignee"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueDate']}>
                      <DatePicker placeholder={t('projectComm.dueDate')} data-testid="action-due" />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>{t('projectComm.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({})} data-testid="action-add">
                  {t('projectComm.addActionItem')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// Documents

interface DocumentValues {
  title: string;
  kind: DocumentKind;
  reference: string;
  versionLabel?: string;
  stage?: ProjectStage;
  organizationId?: string;
}

function isUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

function Documents({ projectId, parties }: { projectId: string; parties: readonly PartyRef[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useName();
  const documents = useResource((signal) => listDocuments(api, projectId, signal), [api, projectId]);
  const [form] = Form.useForm<DocumentValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const mine = documents.data?.permissions.parties ?? [];

  const submit = async (v: DocumentValues) => {
    setFailure(null);
    try {
      await createDocument(api, projectId, {
        title: v.title,
        kind: v.kind,
        reference: v.reference,
        ...(v.versionLabel?.trim() ? { versionLabel: v.versionLabel.trim() } : {}),
        ...(v.stage ? { stage: v.stage } : {}),
        ...(v.organizationId ? { organizationId: v.organizationId } : {}),
      });
      form.resetFields();
      documents.reload();
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={documents.error} onRetry={documents.reload} />
      {documents.data?.permissions.write ? (
        <Card size="small" title={t('projectComm.newDocument')}>
          {failure ? <Alert type="error" showIcon message={failure} /> : null}
          <Form form={form} layout="inline" onFinish={(v) => void submit(v)}>
            <PartyField parties={parties} mine={mine} />
            <Form.Item name="title" rules={[{ required: true, whitespace: true }]}>
              <Input placeholder={t('projectComm.documentTitle')} maxLength={200} data-testid="doc-title" />
            </Form.Item>
            <Form.Item name="kind" rules={[{ required: true }]}>
              <Select
                style={{ width: 140 }}
                placeholder={t('projectComm.documentKind')}
                options={DOCUMENT_KINDS.map((k) => ({
                  value: k,
                  label: t(`projectComm.documentKinds.${k}`),
                }))}
                data-testid="doc-kind"
              />
            </Form.Item>
            <Form.Item name="reference" rules={[{ required: true, whitespace: true }]}>
              <Input placeholder={t('projectComm.reference')} maxLength={1000} data-testid="doc-reference" />
            </Form.Item>
            <Form.Item name="versionLabel">
              <Input placeholder={t('projectComm.versionLabel')} maxLength={40} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="stage">
              <Select
                allowClear
                style={{ width: 140 }}
                placeholder={t('projectComm.stage')}
                options={stageOptions(t)}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="doc-submit">
              {t('projectComm.record')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <Table
        rowKey="id"
        size="small"
        data-testid="document-list"
        loading={documents.loading}
        dataSource={documents.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('projectComm.noDocuments')} /> }}
        columns={[
          { title: t('projectComm.documentTitle'), dataIndex: 'title' },
          {
            title: t('projectComm.documentKind'),
            render: (_, d) => t(`projectComm.documentKinds.${d.kind}`),
          },
          {
            title: t('projectComm.reference'),
            render: (_, d) =>
              isUrl(d.reference) ? (
                <a href={d.reference} target="_blank" rel="noreferrer noopener">
                  {d.reference}
                </a>
              ) : (
                d.reference
              ),
          },
          { title: t('projectComm.versionLabel'), dataIndex: 'versionLabel' },
          { title: t('projectComm.stage'), render: (_, d) => t(projectStageKey(d.stage)) },
          {
            title: t('projectComm.uploadedBy'),
            render: (_, d) =>
              `${name(d.organization)}${d.uploadedBy ? ` · ${d.uploadedBy.displayName}` : ''}`,
          },
          { title: t('projectComm.recordedAt'), render: (_, d) => formatDateTime(d.createdAt) },
        ]}
      />
    </Space>
  );
}

/** The project's communication log, in three sections. */
export function CommunicationTab({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const parties = useParties(projectId);
  const list = parties.data ?? [];
  return (
    <div data-testid="communication-tab">
      <ErrorAlert error={parties.error} onRetry={parties.reload} />
      <Tabs
        items={[
          {
            key: 'threads',
            label: t('projectComm.threads'),
            children: <Threads projectId={projectId} parties={list} />,
          },
          {
            key: 'minutes',
            label: t('projectComm.minutes'),
            children: <MinutesSection projectId={projectId} parties={list} />,
          },
          {
            key: 'documents',
            label: t('projectComm.documents'),
            children: <Documents projectId={projectId} parties={list} />,
          },
        ]}
      />
    </div>
  );
}
