import { Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../../src/modules/identity/schemas';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLocale } from '../../i18n';
import { AuthCard } from './AuthCard';
import { register } from './api';
import { useSession } from './SessionProvider';

interface RegisterValues {
  email: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** Create an account (signed in at once), then set up or join an organisation. */
export function RegisterPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { session, adopt } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<RegisterValues>();
  const [failure, setFailure] = useState<{ error: unknown; text: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (session && !submitting) return <Navigate to="/my/organization" replace />;

  const submit = async ({ email, displayName, password }: RegisterValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      adopt(await register(api, { email: email.trim(), displayName, password, locale: currentLocale() }));
      void navigate('/my/organization', { replace: true });
    } catch (error) {
      setFailure({ error, text: applyApiErrorToForm(t, form, error) });
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={t('auth.register.title')} subtitle={t('auth.register.subtitle')}>
      {failure ? <ErrorAlert error={failure.error} text={failure.text} testId="register-error" /> : null}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
        <Form.Item
          name="email"
          label={t('auth.fields.email')}
          rules={[
            { required: true, whitespace: true, message: t('validation.emailRequired') },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input autoComplete="email" data-testid="register-email" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('auth.fields.displayName')}
          extra={t('auth.register.displayNameHelp')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 80, message: t('validation.maxLength', { max: 80 }) },
          ]}
        >
          <Input autoComplete="name" data-testid="register-display-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.fields.password')}
          extra={t('auth.passwordHelp', { min: PASSWORD_MIN_LENGTH })}
          rules={[
            { required: true, message: t('validation.passwordRequired') },
            { min: PASSWORD_MIN_LENGTH, message: t('validation.passwordMin', { min: PASSWORD_MIN_LENGTH }) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="register-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.fields.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="register-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="register-submit">
          {t('auth.register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        <Space size={4}>
          <Typography.Text type="secondary">{t('auth.register.haveAccount')}</Typography.Text>
          <Link to="/login" state={location.state as unknown} data-testid="register-login-link">
            {t('auth.register.loginLink')}
          </Link>
        </Space>
      </Typography.Paragraph>
    </AuthCard>
  );
}
