import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../../src/modules/identity/schemas';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AuthCard } from './AuthCard';
import { changePassword } from './api';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change the password; the server signs out the user's other sessions. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordValues>();
  const [failure, setFailure] = useState<{ error: unknown; text: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async ({ currentPassword, newPassword }: PasswordValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await changePassword(api, { currentPassword, newPassword });
      form.resetFields();
      void message.success(t('auth.password.changed'));
      void navigate('/directory');
    } catch (error) {
      setFailure({ error, text: applyApiErrorToForm(t, form, error) });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={t('auth.password.title')} subtitle={t('auth.password.subtitle')}>
      {failure ? <ErrorAlert error={failure.error} text={failure.text} testId="password-error" /> : null}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
        <Form.Item
          name="currentPassword"
          label={t('auth.fields.currentPassword')}
          rules={[{ required: true, message: t('validation.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.fields.newPassword')}
          extra={t('auth.passwordHelp', { min: PASSWORD_MIN_LENGTH })}
          rules={[
            { required: true, message: t('validation.passwordRequired') },
            { min: PASSWORD_MIN_LENGTH, message: t('validation.passwordMin', { min: PASSWORD_MIN_LENGTH }) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.fields.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="password-submit">
          {t('auth.password.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
