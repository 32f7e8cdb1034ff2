/** Creating a project: in a consortium the caller's organisation leads, or from an agreed match. */
import { Alert, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { useSession } from '../identity/SessionProvider';
import { localizedNames } from '../organizations/display';
import { agreedMatches, createProject, myConsortia, type Project } from './api';

interface CreateValues {
  origin: 'consortium' | 'match';
  consortiumId?: string;
  sourceMatchId?: string;
  title: string;
  summary?: string;
  silentAfterDays?: number;
}

export function CreateProjectDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (project: Project) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const [form] = Form.useForm<CreateValues>();
  const origin = Form.useWatch('origin', form) ?? 'consortium';
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const adminOf = new Set(
    (session?.memberships ?? []).filter((m) => m.role === 'admin').map((m) => m.organizationId),
  );
  const consortia = useResource(
    (signal) =>
      open ? myConsortia(api, signal) : Promise.resolve({ items: [], total: 0, limit: 0, offset: 0 }),
    [api, open],
  );
  const matches = useResource(
    (signal) =>
      open ? agreedMatches(api, signal) : Promise.resolve({ items: [], total: 0, limit: 0, offset: 0 }),
    [api, open],
  );
  const ledConsortia = (consortia.data?.items ?? []).filter(
    (c) => c.status !== 'dissolved' && adminOf.has(c.lead.id),
  );
  const myMatches = (matches.data?.items ?? []).filter(
    (m) => adminOf.has(m.need.organization.id) || adminOf.has(m.counterpart.organization.id),
  );

  const submit = async (values: CreateValues) => {
    setFailure(null);
    setSending(true);
    try {
      const created = await createProject(api, {
        ...(values.origin === 'consortium'
          ? { consortiumId: values.consortiumId ?? '' }
          : { sourceMatchId: values.sourceMatchId ?? '' }),
        title: values.title.trim(),
        ...(values.summary?.trim() ? { summary: values.summary.trim() } : {}),
        ...(values.silentAfterDays ? { silentAfterDays: values.silentAfterDays } : {}),
      });
      form.resetFields();
      onCreated(created);
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    } finally {
      setSending(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const empty =
    origin === 'consortium'
      ? !consortia.loading && ledConsortia.length === 0
      : !matches.loading && myMatches.length === 0;

  return (
    <Modal
      open={open}
      title={t('projects.create.title')}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      okText={t('projects.create.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={sending}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: empty, 'data-testid': 'project-create-submit' }}
    >
      <Typography.Paragraph type="secondary">{t('projects.create.help')}</Typography.Paragraph>
      {failure ? (
        <Typography.Paragraph type="danger" data-testid="project-create-error">
          {failure}
        </Typography.Paragraph>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ origin: 'consortium', silentAfterDays: 14 }}
        onFinish={(values) => void submit(values)}
        data-testid="project-create-form"
      >
        <Form.Item name="origin">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'consortium', label: t('projects.create.fromConsortium') },
              { value: 'match', label: t('projects.create.fromMatch') },
            ]}
            data-testid="project-field-origin"
          />
        </Form.Item>
        {empty ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t(origin === 'consortium' ? 'projects.create.noConsortium' : 'projects.create.noMatch')}
            data-testid="project-create-empty"
          />
        ) : null}
        {origin === 'consortium' ? (
          <Form.Item name="consortiumId" label={t('projects.fields.consortium')} rules={[required]}>
            <Select
              loading={consortia.loading}
              data-testid="project-field-consortium"
              showSearch
              optionFilterProp="label"
              options={ledConsortia.map((c) => ({
                value: c.id,
                label: localizedNames(c, i18n.language).primary,
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="sourceMatchId" label={t('projects.fields.match')} rules={[required]}>
            <Select
              loading={matches.loading}
              data-testid="project-field-match"
              options={myMatches.map((m) => ({
                value: m.id,
                label: `${m.need.title} — ${localizedNames(m.counterpart.organization, i18n.language).primary}`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('projects.fields.title')} rules={[required, { max: 200 }]}>
          <Input maxLength={200} data-testid="project-field-title" />
        </Form.Item>
        <Form.Item name="summary" label={t('projects.fields.summary')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="project-field-summary" />
        </Form.Item>
        <Form.Item name="silentAfterDays" label={t('projects.fields.silentAfterDays')}>
          <InputNumber min={1} max={365} data-testid="project-field-silentAfterDays" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
