/**
 * The project's milestones: the current stage's first, then later ones; add, edit, mark done with
 * evidence, reopen.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_KINDS, PROJECT_STAGES, type ProjectStage } from '../../../../src/modules/projects/schemas';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  completeMilestone,
  createMilestone,
  reopenMilestone,
  updateMilestone,
  type Milestone,
  type Project,
} from './api';
import { OrganizationName, stageKey } from './display';
import { MilestoneFields, milestoneValues } from './MilestoneFields';

type Asking = { kind: 'add' } | { kind: 'edit' | 'complete' | 'reopen'; milestone: Milestone } | null;

export function Milestones({
  project,
  onChange,
  onReload,
}: {
  project: Project;
  onChange: (project: Project) => void;
  /** Loads the latest project (offered when an edit meets a newer version). */
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [asking, setAsking] = useState<Asking>(null);
  const [form] = Form.useForm<Record<string, string>>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; text: string } | null>(null);
  const current = PROJECT_STAGES.indexOf(project.stage);
  const shown = project.milestones.filter((m) => PROJECT_STAGES.indexOf(m.stage) >= current);

  /** What the form starts from: the project's stage and a document for new ones, the milestone when editing. */
  const startingValues = (next: Asking): Record<string, string> =>
    next?.kind === 'edit'
      ? { ...milestoneValues(next.milestone) }
      : { stage: project.stage, evidenceKind: 'document' };

  const open = (next: Asking) => {
    form.resetFields();
    form.setFieldsValue(startingValues(next));
    setFailure(null);
    setAsking(next);
  };

  /** Sends what the dialog asks for; the server answers with the whole project. */
  const send = (asked: NonNullable<Asking>, values: Record<string, string>): Promise<Project> => {
    const trimmed = (key: string) => (values[key] ?? '').trim();
    switch (asked.kind) {
      case 'add':
        return createMilestone(api, project.id, {
          title: trimmed('title'),
          stage: (values['stage'] as ProjectStage | undefined) ?? project.stage,
          responsibleOrganizationId: values['responsibleOrganizationId'] ?? '',
          ...(values['dueDate'] ? { dueDate: values['dueDate'] } : {}),
          ...(trimmed('description') ? { description: trimmed('description') } : {}),
        });
      case 'edit':
        return updateMilestone(api, project.id, asked.milestone.id, {
          version: asked.milestone.version,
          title: trimmed('title'),
          description: trimmed('description'),
          dueDate: values['dueDate'] ? values['dueDate'] : null,
          responsibleOrganizationId: values['responsibleOrganizationId'] ?? '',
        });
      case 'complete':
        return completeMilestone(api, project.id, asked.milestone.id, {
          version: asked.milestone.version,
          evidenceKind: (values['evidenceKind'] as 'document' | 'url' | undefined) ?? 'document',
          reference: trimmed('reference'),
          note: trimmed('note'),
        });
      case 'reopen':
        return reopenMilestone(api, project.id, asked.milestone.id, {
          version: asked.milestone.version,
          reason: trimmed('reason'),
        });
    }
  };

  const submit = async (values: Record<string, string>) => {
    if (!asking) return;
    setSending(true);
    setFailure(null);
    try {
      onChange(await send(asking, values));
      setAsking(null);
    } catch (error) {
      setFailure({ error, text: applyApiErrorToForm(t, form, error) });
    } finally {
      setSending(false);
    }
  };

  const columns: TableColumnsType<Milestone> = [
    {
      title: t('projects.fields.title'),
      key: 'title',
      render: (_, m) => (
        <div>
          <Typography.Text strong data-testid="milestone-title">
            {m.title}
          </Typography.Text>
          {m.description ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {m.description}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { title: t('projects.fields.stage'), key: 'stage', width: 110, render: (_, m) => t(stageKey(m.stage)) },
    {
      title: t('projects.fields.responsible'),
      key: 'responsible',
      responsive: ['md'],
      render: (_, m) => <OrganizationName organization={m.responsible} />,
    },
    {
      title: t('projects.fields.dueDate'),
      key: 'dueDate',
      width: 130,
      render: (_, m) => (
        <Space size={4} wrap>
          {m.dueDate ?? '—'}
          {m.overdue ? <Tag color="error">{t('projects.milestones.overdue')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('projects.milestones.evidence'),
      key: 'evidence',
      render: (_, m) => {
        const latest = m.status === 'done' ? m.evidence[0] : undefined;
        if (!latest) return <Tag data-testid="milestone-status">{t('projects.milestones.open')}</Tag>;
        return (
          <div>
            <Tag color="success" data-testid="milestone-status">
              {t('projects.milestones.done')}
            </Tag>
            {latest.kind === 'url' ? (
              <a href={latest.reference} target="_blank" rel="noreferrer noopener">
                {latest.reference}
              </a>
            ) : (
              <Typography.Text code>{latest.reference}</Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {latest.note}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: '',
      key: 'actions',
      width: 160,
      render: (_, m) => (
        <Space size={4}>
          {m.permissions.update ? (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => open({ kind: 'edit', milestone: m })}
              aria-label={t('projects.milestones.edit')}
              title={t('projects.milestones.edit')}
              data-testid="milestone-edit"
            />
          ) : null}
          {m.permissions.complete ? (
            <Button
              size="small"
              onClick={() => open({ kind: 'complete', milestone: m })}
              data-testid="milestone-complete"
            >
              {t('projects.milestones.complete')}
            </Button>
          ) : null}
          {m.permissions.reopen ? (
            <Button
              size="small"
              danger
              onClick={() => open({ kind: 'reopen', milestone: m })}
              data-testid="milestone-reopen"
            >
              {t('projects.milestones.reopen')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const title =
    asking?.kind === 'add'
      ? t('projects.milestones.add')
      : asking?.kind === 'edit'
        ? t('projects.milestones.editTitle')
        : asking?.kind === 'complete'
          ? t('projects.milestones.completeTitle')
          : t('projects.milestones.reopenTitle');

  return (
    <Card
      title={t('projects.milestones.title')}
      extra={
        project.permissions.addMilestone ? (
          <Button icon={<PlusOutlined />} onClick={() => open({ kind: 'add' })} data-testid="milestone-add">
            {t('projects.milestones.add')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<Milestone>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: t('projects.milestones.empty') }}
        onRow={(m) =>
          ({ 'data-testid': 'milestone-row', 'data-milestone-id': m.id }) as React.HTMLAttributes<HTMLElement>
        }
        scroll={{ x: 720 }}
        data-testid="milestones-table"
      />
      <Modal
        open={asking !== null}
        title={title}
        onCancel={() => setAsking(null)}
        destroyOnHidden
        confirmLoading={sending}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'milestone-dialog-submit' }}
        cancelText={t('common.cancel')}
      >
        {failure ? (
          <ErrorAlert
            error={failure.error}
            text={failure.text}
            testId="milestone-dialog-error"
            onReload={
              onReload
                ? () => {
                    onReload();
                    setAsking(null);
                  }
                : undefined
            }
          />
        ) : null}
        {asking?.kind === 'reopen' ? (
          <Typography.Paragraph type="warning">{t('projects.milestones.reopenWarning')}</Typography.Paragraph>
        ) : null}
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          initialValues={startingValues(asking)}
          clearOnDestroy
        >
          {asking?.kind === 'add' || asking?.kind === 'edit' ? (
            <MilestoneFields project={project} mode={asking.kind} />
          ) : null}
          {asking?.kind === 'complete' ? (
            <>
              <Form.Item name="evidenceKind" label={t('projects.fields.evidenceKind')}>
                <Select
                  data-testid="milestone-field-evidenceKind"
                  options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`projects.milestones.${k}`) }))}
                />
              </Form.Item>
              <Form.Item name="reference" label={t('projects.fields.reference')} rules={[required]}>
                <Input maxLength={1000} data-testid="milestone-field-reference" />
              </Form.Item>
              <Form.Item name="note" label={t('projects.fields.note')} rules={[required]}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="milestone-field-note" />
              </Form.Item>
            </>
          ) : null}
          {asking?.kind === 'reopen' ? (
            <Form.Item name="reason" label={t('projects.fields.reason')} rules={[required]}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="milestone-field-reason" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Card>
  );
}
