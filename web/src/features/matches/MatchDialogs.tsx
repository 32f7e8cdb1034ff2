/** The two questions a step can ask: a message for the other side, and why a pair is declined. */
import { Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECLINE_REASONS, type DeclineReason } from '../../../../src/modules/matches/schemas';
import { applyApiErrorToForm } from '../../api/errors';
import { enumOptions } from '../../i18n/labels';
import { declineReasonKey } from './labels';

const NOTE_MAX = 2000;

/** Asks for an optional note (a first message, or what a conversion became) and runs `onSubmit`. */
export function NoteDialog({
  open,
  title,
  help,
  okText,
  onSubmit,
  onClose,
  testId,
}: {
  open: boolean;
  title: string;
  help: string;
  okText: string;
  onSubmit: (note: string | undefined) => Promise<void>;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async ({ note }: { note?: string }) => {
    setFailure(null);
    setSending(true);
    try {
      await onSubmit(note?.trim() ? note.trim() : undefined);
      form.resetFields();
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={sending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': `${testId}-submit` }}
    >
      {failure ? <Typography.Paragraph type="danger">{failure}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="note"
          label={t('matches.note')}
          extra={help}
          rules={[{ max: NOTE_MAX, message: t('validation.maxLength', { max: NOTE_MAX }) }]}
        >
          <Input.TextArea rows={4} maxLength={NOTE_MAX} showCount data-testid={`${testId}-note`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Asks why a pair is declined (a reason code, and an optional note) and runs `onSubmit`. */
export function DeclineDialog({
  open,
  onSubmit,
  onClose,
}: {
  open: boolean;
  onSubmit: (reason: DeclineReason, note: string | undefined) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: DeclineReason; note?: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async ({ reason, note }: { reason: DeclineReason; note?: string }) => {
    setFailure(null);
    setSending(true);
    try {
      await onSubmit(reason, note?.trim() ? note.trim() : undefined);
      form.resetFields();
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('matches.declineTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('matches.action.decline')}
      okButtonProps={{ danger: true, 'data-testid': 'match-decline-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={sending}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t('matches.declineHelp')}</Typography.Paragraph>
      {failure ? <Typography.Paragraph type="danger">{failure}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label={t('matches.declineReasonLabel')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            options={enumOptions(t, DECLINE_REASONS, declineReasonKey)}
            data-testid="match-decline-reason"
            placeholder={t('matches.declineReasonPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('matches.note')}
          rules={[{ max: NOTE_MAX, message: t('validation.maxLength', { max: NOTE_MAX }) }]}
        >
          <Input.TextArea rows={3} maxLength={NOTE_MAX} showCount data-testid="match-decline-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
