/**
 * Editing a project's title and summary (the lead's admins). It sends the version the page shows;
 * when someone else changed the project meanwhile (409) it says so and offers to reload.
 */
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { updateProject, type Project } from './api';

interface EditValues {
  title: string;
  summary?: string;
}

/** The server's limits (UpdateProjectBody: title 1–200, summary up to 4000 characters). */
const TITLE_MAX = 200;
const SUMMARY_MAX = 4000;

export function EditProjectDialog({
  project,
  open,
  onClose,
  onSaved,
  onReload,
}: {
  project: Project;
  open: boolean;
  onClose: () => void;
  /** The project as the server returns it after the change. */
  onSaved: (project: Project) => void;
  /** Loads the latest project (offered after a version conflict). */
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [form] = Form.useForm<EditValues>();
  const [failure, setFailure] = useState<{ error: unknown; text: string } | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (values: EditValues) => {
    setFailure(null);
    setSending(true);
    try {
      const saved = await updateProject(api, project.id, {
        version: project.version,
        title: values.title.trim(),
        summary: (values.summary ?? '').trim(),
      });
      onSaved(saved);
      onClose();
    } catch (error) {
      setFailure({ error, text: applyApiErrorToForm(t, form, error) });
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('projects.edit.title')}
      onCancel={onClose}
      afterOpenChange={(visible) => {
        if (!visible) setFailure(null);
      }}
      destroyOnHidden
      confirmLoading={sending}
      onOk={() => form.submit()}
      okText={t('projects.edit.submit')}
      okButtonProps={{ 'data-testid': 'project-edit-submit' }}
      cancelText={t('common.cancel')}
    >
      <div data-testid="project-edit-dialog">
        {failure ? (
          <ErrorAlert
            error={failure.error}
            text={failure.text}
            testId="project-edit-error"
            onReload={() => {
              onReload();
              onClose();
            }}
          />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          clearOnDestroy
          initialValues={{ title: project.title, summary: project.summary }}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item
            name="title"
            label={t('projects.fields.title')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={TITLE_MAX} data-testid="project-edit-title" />
          </Form.Item>
          <Form.Item name="summary" label={t('projects.fields.summary')}>
            <Input.TextArea rows={4} maxLength={SUMMARY_MAX} data-testid="project-edit-summary" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
