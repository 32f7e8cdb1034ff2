/** /consortia/policy: the cluster office's rules for leading a consortium and applying for designation. */
import { App, Button, Card, Checkbox, Form, InputNumber, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ORGANIZATION_KINDS,
  SIZE_CLASSES,
  type OrganizationKind,
  type SizeClass,
} from '../../../../src/modules/organizations/schemas';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { enumOptions, kindKey, sizeClassKey } from '../../i18n/labels';
import { formatDateTime } from '../../app/format';
import { getLeadPolicy, updateLeadPolicy } from './api';

interface PolicyValues {
  leadKinds: OrganizationKind[];
  leadSizeClasses: SizeClass[];
  minActiveMembers: number;
  requireKnowledgeMember: boolean;
}

export function LeadPolicyPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const policy = useResource((signal) => getLeadPolicy(api, signal), [api]);
  const [form] = Form.useForm<PolicyValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  if (!policy.data) {
    if (policy.loading) return <PageSpin />;
    return <ErrorAlert error={policy.error} onRetry={policy.reload} />;
  }
  const version = policy.data.version;

  const save = async (values: PolicyValues) => {
    setFailure(null);
    setSaving(true);
    try {
      policy.setData(await updateLeadPolicy(api, { version, ...values }));
      void message.success(t('consortia.policy.saved'));
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('consortia.policy.title')}
        subtitle={t('consortia.policy.subtitle', { at: formatDateTime(policy.data.updatedAt) })}
      />
      <Card style={{ maxWidth: 760 }}>
        {failure ? (
          <Typography.Paragraph type="danger" data-testid="policy-error">
            {failure}
          </Typography.Paragraph>
        ) : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={policy.data}
          onFinish={(values) => void save(values)}
          data-testid="policy-form"
        >
          <Form.Item
            name="leadKinds"
            label={t('consortia.policy.leadKinds')}
            rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
          >
            <Checkbox.Group
              options={enumOptions(t, ORGANIZATION_KINDS, kindKey)}
              data-testid="policy-leadKinds"
            />
          </Form.Item>
          <Form.Item
            name="leadSizeClasses"
            label={t('consortia.policy.leadSizeClasses')}
            extra={t('consortia.policy.leadSizeClassesHelp')}
          >
            <Checkbox.Group
              options={enumOptions(t, SIZE_CLASSES, sizeClassKey)}
              data-testid="policy-leadSizeClasses"
            />
          </Form.Item>
          <Form.Item
            name="minActiveMembers"
            label={t('consortia.policy.minActiveMembers')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <InputNumber min={2} max={50} precision={0} data-testid="policy-minActiveMembers" />
          </Form.Item>
          <Form.Item
            name="requireKnowledgeMember"
            label={t('consortia.policy.requireKnowledgeMember')}
            valuePropName="checked"
          >
            <Switch data-testid="policy-requireKnowledgeMember" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="policy-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
