import { LockOutlined, LoginOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Typography,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type {
  NdaStanding,
  RecordPermissions,
  TieredType,
  VisibilityTier,
} from '../../../../src/modules/directory/schemas';
import { useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useSession } from '../identity/SessionProvider';
import { localizedNames } from '../organizations/display';
import { requestNda } from './api';

interface LockedRecord {
  id: string;
  owner: { id: string };
  visibility: VisibilityTier;
  ndaTerms: string;
  ndaStanding: NdaStanding;
  permissions: RecordPermissions;
}

/**
 * What a caller sees instead of the details a tier hides: why, and the way in: sign in, get the
 * organisation verified, or (parties tier) ask the owner for access under its NDA terms.
 */
export function LockedPanel({
  kind,
  record,
  onRequested,
}: {
  kind: TieredType;
  record: LockedRecord;
  onRequested: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { session } = useSession();
  const [open, setOpen] = useState(false);
  const hasVerified = (session?.memberships ?? []).some(
    (m) => m.verificationStatus === 'verified' && m.organizationId !== record.owner.id,
  );
  const parties = record.visibility === 'parties';

  let action: ReactNode = null;
  if (!session) {
    action = (
      <Button
        type="primary"
        icon={<LoginOutlined />}
        onClick={() => void navigate('/login', { state: { from: location } })}
        data-testid="record-sign-in"
      >
        {t('listing.locked.signIn')}
      </Button>
    );
  } else if (!hasVerified) {
    action = (
      <Flex vertical gap={8} align="center">
        <Typography.Text type="secondary">{t('listing.locked.needVerified')}</Typography.Text>
        <Button onClick={() => void navigate('/my/organization')} data-testid="record-my-organization">
          {t('directory.myOrganization')}
        </Button>
      </Flex>
    );
  } else if (parties) {
    action = (
      <Flex vertical gap={12} align="center">
        {record.ndaStanding === 'pending' ? (
          <Alert type="info" showIcon title={t('nda.standing.pending')} data-testid="nda-standing-pending" />
        ) : null}
        {record.ndaStanding === 'declined' ? (
          <Alert
            type="warning"
            showIcon
            title={t('nda.standing.declined')}
            data-testid="nda-standing-declined"
          />
        ) : null}
        {record.permissions.requestNda ? (
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            onClick={() => setOpen(true)}
            data-testid="record-request-access"
          >
            {t('nda.requestAccess')}
          </Button>
        ) : null}
      </Flex>
    );
  }

  return (
    <Card data-testid="record-locked">
      <Result
        icon={<LockOutlined style={{ color: '#d46b08' }} />}
        title={parties ? t('listing.locked.partiesTitle') : t('listing.locked.registeredTitle')}
        subTitle={parties ? t('listing.locked.partiesText') : t('listing.locked.registeredText')}
        extra={action}
      />
      {parties ? (
        <div style={{ maxWidth: 720, margin: '0 auto' }}>
          <Typography.Title level={5}>{t('nda.terms')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} type="secondary" data-testid="nda-terms">
            {record.ndaTerms || t('nda.defaultTerms')}
          </Typography.Paragraph>
        </div>
      ) : null}
      <RequestAccessModal
        open={open}
        kind={kind}
        record={record}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          onRequested();
        }}
      />
    </Card>
  );
}

interface RequestValues {
  organizationId: string | undefined;
  message: string;
  acceptTerms: boolean;
}

function RequestAccessModal({
  open,
  kind,
  record,
  onClose,
  onDone,
}: {
  open: boolean;
  kind: TieredType;
  record: LockedRecord;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const { session } = useSession();
  const [form] = Form.useForm<RequestValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const candidates = (session?.memberships ?? []).filter(
    (m) => m.verificationStatus === 'verified' && m.organizationId !== record.owner.id,
  );

  const submit = async (values: RequestValues) => {
    setFailure(null);
    setSending(true);
    try {
      await requestNda(api, kind, record.id, {
        ...(candidates.length > 1 && values.organizationId ? { organizationId: values.organizationId } : {}),
        message: values.message.trim(),
        acceptTerms: true,
      });
      void message.success(t('nda.requested'));
      form.resetFields();
      onDone();
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('nda.requestTitle')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="send"
          type="primary"
          loading={sending}
          onClick={() => form.submit()}
          data-testid="nda-submit"
        >
          {t('nda.send')}
        </Button>,
      ]}
      destroyOnHidden
    >
      {failure ? (
        <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="nda-error" />
      ) : null}
      <Form<RequestValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ organizationId: candidates[0]?.organizationId, message: '', acceptTerms: false }}
        data-testid="nda-form"
      >
        {candidates.length > 1 ? (
          <Form.Item
            name="organizationId"
            label={t('nda.onBehalfOf')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              options={candidates.map((m) => ({
                value: m.organizationId,
                label: localizedNames(m, i18n.language).primary,
              }))}
              data-testid="nda-organization"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="message"
          label={t('nda.message')}
          extra={t('nda.messageHelp')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 2000, message: t('validation.maxLength', { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="nda-message" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
          {record.ndaTerms || t('nda.defaultTerms')}
        </Typography.Paragraph>
        <Form.Item
          name="acceptTerms"
          valuePropName="checked"
          rules={[
            {
              validator: (_, value: boolean) =>
                value ? Promise.resolve() : Promise.reject(new Error(t('nda.mustAcceptTerms'))),
            },
          ]}
        >
          <Checkbox data-testid="nda-accept-terms">{t('nda.acceptTerms')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
