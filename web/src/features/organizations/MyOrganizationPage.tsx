import { EyeOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Result, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { ApiError, useApi } from '../../api/client';
import { applyApiErrorToForm } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useSession } from '../identity/SessionProvider';
import { createOrganization, getOrganization, updateOrganization, type Organization } from './api';
import { DemoTag, KindTag, localizedNames, VerificationTag } from './display';
import { MembersPanel } from './MembersPanel';
import {
  EMPTY_FORM,
  OrganizationForm,
  toCreateBody,
  toFormValues,
  toUpdateBody,
  type OrganizationFormValues,
} from './OrganizationForm';
import { useClusters } from './useClusters';

/** The id in /my/organization/new that means "create one". */
const NEW = 'new';

/**
 * /my/organization[/:id]: the user's organisation profile to edit, its members, or (for a user
 * without one) the form to register an organisation.
 */
export function MyOrganizationPage() {
  const { id } = useParams();
  const { session } = useSession();
  const memberships = session?.memberships ?? [];
  const first = memberships[0];

  if (id === NEW) return <CreateOrganization />;
  if (!id)
    return first ? (
      <Navigate to={`/my/organization/${first.organizationId}`} replace />
    ) : (
      <CreateOrganization />
    );
  return <EditOrganization key={id} id={id} />;
}

/** Switch between the user's organisations, or start a new one. */
function MembershipSwitcher({ currentId }: { currentId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { session } = useSession();
  const memberships = session?.memberships ?? [];
  return (
    <Space wrap>
      {memberships.length > 1 ? (
        <Select
          value={currentId && memberships.some((m) => m.organizationId === currentId) ? currentId : null}
          placeholder={t('myOrg.switchPlaceholder')}
          aria-label={t('myOrg.switchPlaceholder')}
          style={{ minWidth: 240 }}
          options={memberships.map((m) => ({
            value: m.organizationId,
            label: localizedNames(m, i18n.language).primary,
          }))}
          onChange={(value: string) => void navigate(`/my/organization/${value}`)}
          data-testid="my-org-select"
        />
      ) : null}
      <Button
        icon={<PlusOutlined />}
        onClick={() => void navigate(`/my/organization/${NEW}`)}
        data-testid="my-org-create"
      >
        {t('myOrg.createAnother')}
      </Button>
    </Space>
  );
}

function EditOrganization({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { refresh } = useSession();
  const org = useResource((signal) => getOrganization(api, id, signal), [api, id]);
  const clusters = useClusters();
  const [form] = Form.useForm<OrganizationFormValues>();
  const [failure, setFailure] = useState<{ error: unknown; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  // Whenever a (new) version of the record arrives, the form shows it.
  useEffect(() => {
    if (!org.data) return;
    form.resetFields();
    form.setFieldsValue(toFormValues(org.data));
  }, [form, org.data]);

  if (!org.data && org.loading) return <PageSpin />;
  if (!org.data) {
    if (org.error instanceof ApiError && org.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('common.notFoundTitle')}
          subTitle={t('errors.record.not_found')}
          extra={<MembershipSwitcher currentId={id} />}
        />
      );
    }
    if (org.error instanceof ApiError && org.error.status === 403) {
      return (
        <Result
          status="403"
          title={t('common.forbiddenTitle')}
          subTitle={t('errors.auth.forbidden')}
          extra={<MembershipSwitcher currentId={id} />}
        />
      );
    }
    return <ErrorAlert error={org.error} onRetry={org.reload} />;
  }

  const current: Organization = org.data;
  const names = localizedNames(current, i18n.language);
  const canEdit = current.permissions.update;

  const save = async (values: OrganizationFormValues) => {
    setSaving(true);
    setFailure(null);
    try {
      const updated = await updateOrganization(
        api,
        current.id,
        toUpdateBody(values, current.kind, current.version),
      );
      org.setData(updated);
      void message.success(t('myOrg.saved'));
      void refresh();
    } catch (error) {
      setFailure({ error, text: applyApiErrorToForm(t, form, error) });
    } finally {
      setSaving(false);
    }
  };

  const reloadLatest = () => {
    setFailure(null);
    org.reload();
  };

  return (
    <div data-testid="my-organization">
      <PageHeader
        title={names.primary}
        subtitle={t('myOrg.editSubtitle')}
        tags={
          <Flex gap={0} wrap>
            <KindTag kind={current.kind} />
            <VerificationTag status={current.verificationStatus} />
            {current.isDemo ? <DemoTag /> : null}
          </Flex>
        }
        extra={
          <>
            <MembershipSwitcher currentId={current.id} />
            <Button
              icon={<EyeOutlined />}
              onClick={() => void navigate(`/organizations/${current.id}`)}
              data-testid="my-org-view"
            >
              {t('myOrg.viewPublic')}
            </Button>
          </>
        }
      />
      {!canEdit ? (
        <Alert
          type="info"
          showIcon
          title={t('myOrg.readOnly')}
          style={{ marginBottom: 16 }}
          data-testid="profile-readonly"
        />
      ) : null}
      {current.verificationStatus === 'unverified' ? (
        <Alert type="warning" showIcon title={t('myOrg.unverifiedNotice')} style={{ marginBottom: 16 }} />
      ) : null}
      {failure ? (
        <ErrorAlert
          error={failure.error}
          text={failure.text}
          onReload={reloadLatest}
          testId="profile-error"
        />
      ) : null}
      <Card title={t('myOrg.profileCard')} style={{ marginBottom: 16 }}>
        <OrganizationForm
          form={form}
          mode="edit"
          fixedKind={current.kind}
          clusters={clusters.data ?? []}
          clustersLoading={clusters.loading}
          disabled={!canEdit}
          onFinish={(values) => void save(values)}
          footer={
            <Flex gap={8} justify="flex-end">
              <Button
                icon={<UndoOutlined />}
                onClick={() => form.setFieldsValue(toFormValues(current))}
                data-testid="profile-reset"
              >
                {t('myOrg.discard')}
              </Button>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SaveOutlined />}
                loading={saving}
                data-testid="profile-save"
              >
                {t('common.save')}
              </Button>
            </Flex>
          }
        />
      </Card>
      {current.permissions.viewMembers ? (
        <Card title={t('members.title')}>
          <MembersPanel organizationId={current.id} canManage={current.permissions.manageMembers} />
        </Card>
      ) : null}
    </div>
  );
}

function CreateOrganization() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { session, refresh } = useSession();
  const clusters = useClusters();
  const [form] = Form.useForm<OrganizationFormValues>();
  const [failure, setFailure] = useState<{ error: unknown; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const hasMemberships = (session?.memberships.length ?? 0) > 0;

  const create = async (values: OrganizationFormValues) => {
    const kind = values.kind;
    if (!kind) return;
    setSaving(true);
    setFailure(null);
    try {
      const created = await createOrganization(api, toCreateBody(values, kind));
      void message.success(t('myOrg.created'));
      await refresh();
      void navigate(`/my/organization/${created.id}`, { replace: true });
    } catch (error) {
      setFailure({ error, text: applyApiErrorToForm(t, form, error) });
      setSaving(false);
    }
  };

  return (
    <div data-testid="create-organization">
      <PageHeader
        title={t('myOrg.createTitle')}
        subtitle={t('myOrg.createSubtitle')}
        extra={hasMemberships ? <MembershipSwitcher currentId={undefined} /> : undefined}
      />
      {!hasMemberships ? (
        <Alert
          type="info"
          showIcon
          title={t('myOrg.noOrganizationTitle')}
          description={t('myOrg.noOrganizationText')}
          style={{ marginBottom: 16 }}
          data-testid="no-organization"
        />
      ) : null}
      {failure ? <ErrorAlert error={failure.error} text={failure.text} testId="profile-error" /> : null}
      <Card>
        <OrganizationForm
          form={form}
          mode="create"
          clusters={clusters.data ?? []}
          clustersLoading={clusters.loading}
          onFinish={(values) => void create({ ...EMPTY_FORM, ...values })}
          footer={
            <Flex justify="flex-end">
              <Button
                type="primary"
                htmlType="submit"
                icon={<PlusOutlined />}
                loading={saving}
                data-testid="profile-save"
              >
                {t('myOrg.createSubmit')}
              </Button>
            </Flex>
          }
        />
      </Card>
    </div>
  );
}
