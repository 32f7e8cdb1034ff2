import { ExperimentOutlined, LockOutlined, MailOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { LoginBody } from '../../../../src/modules/identity/schemas';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useMeta } from '../../app/MetaProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AuthCard } from './AuthCard';
import { logIn } from './api';
import { returnTarget } from './returnTarget';
import { useSession } from './SessionProvider';

/** E-mail and password; afterwards back to the page that asked for sign-in. */
export function LoginPage() {
  const { t } = useTranslation();
  const api = useApi();
  const meta = useMeta();
  const { session, adopt } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginBody>();
  const [failure, setFailure] = useState<{ error: unknown; text: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const target = returnTarget(location.state);

  if (session && !submitting) return <Navigate to={target} replace />;

  const submit = async (values: LoginBody) => {
    setSubmitting(true);
    setFailure(null);
    try {
      adopt(await logIn(api, values));
      void navigate(target, { replace: true });
    } catch (error) {
      setFailure({ error, text: applyApiErrorToForm(t, form, error) });
      setSubmitting(false);
    }
  };

  const demoPassword = meta?.demoPassword ?? null;
  const fillDemo = (email: string) => {
    form.setFieldsValue({ email, password: demoPassword ?? '' });
  };

  return (
    <AuthCard
      title={t('auth.login.title')}
      subtitle={t('auth.login.subtitle')}
      aside={
        meta?.hasDemoData && meta.demoAccounts.length > 0 ? (
          <Card
            title={
              <Space>
                <ExperimentOutlined />
                {t('auth.login.demoTitle')}
              </Space>
            }
            style={{ width: '100%', maxWidth: 480 }}
            styles={{ body: { paddingTop: 12 } }}
            data-testid="demo-accounts"
          >
            {demoPassword ? (
              <Flex align="center" gap={6} wrap style={{ marginBottom: 8 }}>
                <Typography.Text>{t('auth.login.demoPassword')}</Typography.Text>
                <Typography.Text code copyable data-testid="demo-password">
                  {demoPassword}
                </Typography.Text>
              </Flex>
            ) : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('auth.login.demoPick')}
            </Typography.Text>
            <div style={{ maxHeight: 360, overflowY: 'auto', marginTop: 8, paddingInlineEnd: 4 }}>
              {meta.demoAccounts.map((account) => (
                <div key={account.email} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <Typography.Link
                    onClick={() => fillDemo(account.email)}
                    data-testid="demo-account"
                    data-email={account.email}
                  >
                    {account.email}
                  </Typography.Link>
                  {account.note ? (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {account.note}
                    </Typography.Text>
                  ) : null}
                </div>
              ))}
            </div>
          </Card>
        ) : undefined
      }
    >
      {failure ? <ErrorAlert error={failure.error} text={failure.text} testId="login-error" /> : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
        data-testid="login-form"
      >
        <Form.Item
          name="email"
          label={t('auth.fields.email')}
          rules={[{ required: true, whitespace: true, message: t('validation.emailRequired') }]}
        >
          <Input prefix={<MailOutlined />} autoComplete="username" autoFocus data-testid="login-email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.fields.password')}
          rules={[{ required: true, message: t('validation.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            data-testid="login-password"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
          {t('auth.login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
        <Space size={4}>
          <Typography.Text type="secondary">{t('auth.login.noAccount')}</Typography.Text>
          <Link to="/register" state={location.state as unknown} data-testid="login-register-link">
            {t('auth.login.registerLink')}
          </Link>
        </Space>
      </Typography.Paragraph>
    </AuthCard>
  );
}
