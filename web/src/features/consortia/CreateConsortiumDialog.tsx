/** Founding a consortium: names, purpose, cluster, and the lead among the caller's eligible organisations. */
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAIN_POSITIONS, type ChainPosition } from '../../../../src/modules/consortia/schemas';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { chainPositionKey, enumOptions } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { getOrganization, listClusters } from '../organizations/api';
import { localizedNames } from '../organizations/display';
import { createConsortium, getLeadPolicy, type Consortium } from './api';

interface CreateValues {
  leadOrganizationId: string;
  nameZh: string;
  nameEn: string;
  summary?: string;
  objectives?: string;
  cluster: string;
  chainPosition?: ChainPosition;
}

/** The caller's organisations that the cluster office's lead policy lets found a consortium. */
function useEligibleLeads() {
  const api = useApi();
  const { session } = useSession();
  return useResource(
    async (signal) => {
      const verified = (session?.memberships ?? []).filter((m) => m.verificationStatus === 'verified');
      if (verified.length === 0) return [];
      const [policy, organizations] = await Promise.all([
        getLeadPolicy(api, signal),
        Promise.all(verified.map((m) => getOrganization(api, m.organizationId, signal))),
      ]);
      return organizations.filter(
        (o) =>
          policy.leadKinds.includes(o.kind) &&
          (o.kind !== 'enterprise' || (o.sizeClass !== null && policy.leadSizeClasses.includes(o.sizeClass))),
      );
    },
    [api, session?.user.id],
  );
}

export function CreateConsortiumDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (consortium: Consortium) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [form] = Form.useForm<CreateValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const leads = useEligibleLeads();
  const clusters = useResource((signal) => listClusters(api, signal), [api]);
  const firstLead = leads.data?.[0]?.id;

  // The lead is usually the caller's one eligible organisation: choose it once it is known.
  useEffect(() => {
    if (open && firstLead && !form.getFieldValue('leadOrganizationId'))
      form.setFieldValue('leadOrganizationId', firstLead);
  }, [open, firstLead, form]);

  const submit = async (values: CreateValues) => {
    setFailure(null);
    setSending(true);
    try {
      const created = await createConsortium(api, {
        leadOrganizationId: values.leadOrganizationId,
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim(),
        cluster: values.cluster,
        ...(values.summary?.trim() ? { summary: values.summary.trim() } : {}),
        ...(values.objectives?.trim() ? { objectives: values.objectives.trim() } : {}),
        ...(values.chainPosition ? { chainPosition: values.chainPosition } : {}),
      });
      form.resetFields();
      onCreated(created);
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    } finally {
      setSending(false);
    }
  };

  const noLead = !leads.loading && (leads.data ?? []).length === 0;
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  const required = { required: true, whitespace: true, message: t('validation.required') };

  return (
    <Modal
      open={open}
      title={t('consortia.create.title')}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      okText={t('consortia.create.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={sending}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: noLead, 'data-testid': 'consortium-create-submit' }}
    >
      <Typography.Paragraph type="secondary">{t('consortia.create.help')}</Typography.Paragraph>
      {noLead ? (
        <Alert
          type="info"
          showIcon
          title={t('consortia.create.noEligibleLead')}
          style={{ marginBottom: 16 }}
          data-testid="consortium-no-lead"
        />
      ) : null}
      {failure ? (
        <Typography.Paragraph type="danger" data-testid="consortium-create-error">
          {failure}
        </Typography.Paragraph>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        data-testid="consortium-create-form"
        initialValues={{ leadOrganizationId: firstLead }}
      >
        <Form.Item name="leadOrganizationId" label={t('consortia.fields.lead')} rules={[required]}>
          <Select
            loading={leads.loading}
            data-testid="consortium-field-lead"
            options={(leads.data ?? []).map((o) => ({
              value: o.id,
              label: localizedNames(o, i18n.language).primary,
            }))}
          />
        </Form.Item>
        <Form.Item name="nameZh" label={t('consortia.fields.nameZh')} rules={[required, max(120)]}>
          <Input maxLength={120} data-testid="consortium-field-nameZh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('consortia.fields.nameEn')} rules={[required, max(200)]}>
          <Input maxLength={200} data-testid="consortium-field-nameEn" />
        </Form.Item>
        <Form.Item name="cluster" label={t('consortia.fields.cluster')} rules={[required]}>
          <Select
            loading={clusters.loading}
            data-testid="consortium-field-cluster"
            options={(clusters.data?.items ?? []).map((c) => ({
              value: c.slug,
              label: localizedNames(c, i18n.language).primary,
            }))}
          />
        </Form.Item>
        <Form.Item name="chainPosition" label={t('consortia.fields.leadChainPosition')}>
          <Select
            allowClear
            data-testid="consortium-field-chainPosition"
            options={enumOptions(t, CHAIN_POSITIONS, chainPositionKey)}
          />
        </Form.Item>
        <Form.Item name="summary" label={t('consortia.fields.summary')} rules={[max(500)]}>
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="consortium-field-summary" />
        </Form.Item>
        <Form.Item name="objectives" label={t('consortia.fields.objectives')} rules={[max(4000)]}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="consortium-field-objectives" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
