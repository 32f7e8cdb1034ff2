/** The project's milestones: the current stage's first, then later ones; add, mark done with evidence, reopen. */
import { PlusOutlined } from '@ant-design/icons';
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
import { localizedNames } from '../organizations/display';
import { completeMilestone, createMilestone, reopenMilestone, type Milestone, type Project } from './api';
import { OrganizationName, stageKey } from './display';

type Asking = { kind: 'add' } | { kind: 'complete' | 'reopen'; milestone: Milestone } | null;

export function Milestones({
  project,
  onChange,
}: {
  project: Project;
  onChange: (project: Project) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [asking, setAsking] = useState<Asking>(null);
  const [form] = Form.useForm<Record<string, string>>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const current = PROJECT_STAGES.indexOf(project.stage);
  const shown = project.milestones.filter((m) => PROJECT_STAGES.indexOf(m.stage) >= current);

  const open = (next: Asking) => {
    form.resetFields();
    setFailure(null);
    setAsking(next);
  };

  const submit = async (values: Record<string, string>) => {
    if (!asking) return;
    setSending(true);
    setFailure(null);
    try {
      const trimmed = (key: string) => (values[key] ?? '').trim();
      const next =
        asking.kind === 'add'
          ? await createMilestone(api, project.id, {
              title: trimmed('title'),
              stage: (values['stage'] as ProjectStage | undefined) ?? project.stage,
              responsibleOrganizationId: values['responsibleOrganizationId'] ?? '',
              ...(values['dueDate'] ? { dueDate: values['dueDate'] } : {}),
              ...(trimmed('description') ? { description: trimmed('description') } : {}),
            })
          : asking.kind === 'complete'
            ? await completeMilestone(api, project.id, asking.milestone.id, {
                version: asking.milestone.version,
                evidenceKind: (values['evidenceKind'] as 'document' | 'url' | undefined) ?? 'document',
                reference: trimmed('reference'),
                note: trimmed('note'),
              })
            : await reopenMilestone(api, project.id, asking.milestone.id, {
                version: asking.milestone.version,
                reason: trimmed('reason'),
              });
      onChange(next);
      setAsking(null);
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
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
      width: 120,
      render: (_, m) => (
        <Space size={4}>
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
          <Typography.Paragraph type="danger" data-testid="milestone-dialog-error">
            {failure}
          </Typography.Paragraph>
        ) : null}
        {asking?.kind === 'reopen' ? (
          <Typography.Paragraph type="warning">{t('projects.milestones.reopenWarning')}</Typography.Paragraph>
        ) : null}
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          initialValues={{ stage: project.stage, evidenceKind: 'document' }}
        >
          {asking?.kind === 'add' ? (
            <>
              <Form.Item name="title" label={t('projects.fields.title')} rules={[required]}>
                <Input maxLength={200} data-testid="milestone-field-title" />
              </Form.Item>
              <Form.Item name="stage" label={t('projects.fields.stage')}>
                <Select
                  data-testid="milestone-field-stage"
                  options={PROJECT_STAGES.filter((s, i) => i >= current && s !== 'closed').map((s) => ({
                    value: s,
                    label: t(stageKey(s)),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="responsibleOrganizationId"
                label={t('projects.fields.responsible')}
                rules={[required]}
              >
                <Select
                  data-testid="milestone-field-responsible"
                  options={project.partyList.map((p) => ({
                    value: p.organization.id,
                    label: localizedNames(p.organization, i18n.language).primary,
                  }))}
                />
              </Form.Item>
              <Form.Item name="dueDate" label={t('projects.fields.dueDate')}>
                <Input type="date" data-testid="milestone-field-dueDate" />
              </Form.Item>
              <Form.Item name="description" label={t('projects.fields.description')}>
                <Input.TextArea rows={2} maxLength={4000} />
              </Form.Item>
            </>
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
