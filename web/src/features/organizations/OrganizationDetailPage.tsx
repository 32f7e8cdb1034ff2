import { EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Row,
  Table,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { districtKey, kindKey, serviceTypeKey, sizeClassKey } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { getOrganization, verifyOrganization, type Organization } from './api';
import {
  ChainPositionTag,
  DemoTag,
  KindTag,
  localizedNames,
  ServiceTypeTag,
  SizeTag,
  VerificationTag,
} from './display';
import { MembersPanel } from './MembersPanel';
import { OrganizationPostings } from '../directory/OrganizationPostings';

/** Whether the MOE institution code applies to this kind (universities and colleges). */
export function carriesMoeCode(kind: Organization['kind']): boolean {
  return kind === 'university' || kind === 'vocational_college';
}

/** One organisation's full profile; actions appear according to the caller's permissions. */
export function OrganizationDetailPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { id = '' } = useParams();
  const { session } = useSession();
  const org = useResource((signal) => getOrganization(api, id, signal), [api, id, session?.user.id]);

  if (!org.data && org.loading) return <PageSpin />;
  if (!org.data) {
    if (org.error instanceof ApiError && org.error.status === 404) {
      return (
        <Result status="404" title={t('common.notFoundTitle')} subTitle={t('errors.record.not_found')} />
      );
    }
    return <ErrorAlert error={org.error} onRetry={org.reload} />;
  }
  return <OrganizationDetail org={org.data} onChange={org.setData} onReload={org.reload} />;
}

function OrganizationDetail({
  org,
  onChange,
  onReload,
}: {
  org: Organization;
  onChange: (org: Organization) => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);
  const names = localizedNames(org, i18n.language);
  const empty = <Typography.Text type="secondary">{t('common.emptyValue')}</Typography.Text>;
  const orEmpty = (value: ReactNode) =>
    value === null || value === undefined || value === '' ? empty : value;

  const verify = async () => {
    setVerifyError(null);
    setVerifying(true);
    try {
      onChange(await verifyOrganization(api, org.id, org.version));
      void message.success(t('detail.verified'));
    } catch (error) {
      setVerifyError(error);
    } finally {
      setVerifying(false);
    }
  };

  const profile: DescriptionsProps['items'] = [
    { key: 'kind', label: t('organization.fields.kind'), children: t(kindKey(org.kind)) },
    ...(org.kind === 'enterprise'
      ? [
          {
            key: 'sizeClass',
            label: t('organization.fields.sizeClass'),
            children: orEmpty(org.sizeClass ? t(sizeClassKey(org.sizeClass)) : null),
          },
        ]
      : []),
    ...(org.kind === 'service'
      ? [
          {
            key: 'serviceType',
            label: t('organization.fields.serviceType'),
            children: orEmpty(org.serviceType ? t(serviceTypeKey(org.serviceType)) : null),
          },
        ]
      : []),
    { key: 'nameZh', label: t('organization.fields.nameZh'), children: org.nameZh },
    { key: 'nameEn', label: t('organization.fields.nameEn'), children: org.nameEn },
    {
      key: 'creditCode',
      label: t('organization.fields.creditCode'),
      children: orEmpty(org.creditCode ? <Typography.Text copyable>{org.creditCode}</Typography.Text> : null),
    },
    ...(carriesMoeCode(org.kind)
      ? [{ key: 'moeCode', label: t('organization.fields.moeCode'), children: orEmpty(org.moeCode) }]
      : []),
    {
      key: 'district',
      label: t('organization.fields.district'),
      children: orEmpty(org.district ? t(districtKey(org.district)) : null),
    },
    {
      key: 'website',
      label: t('organization.fields.website'),
      children: orEmpty(
        org.website ? (
          <Typography.Link href={org.website} target="_blank" rel="noopener noreferrer">
            {org.website}
          </Typography.Link>
        ) : null,
      ),
    },
    {
      key: 'verification',
      label: t('organization.fields.verification'),
      children: (
        <Flex gap={8} align="center" wrap>
          <VerificationTag status={org.verificationStatus} />
          {org.verifiedAt ? (
            <Typography.Text type="secondary">
              {t('detail.verifiedAt', { time: formatDateTime(org.verifiedAt) })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(org.createdAt) },
    { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(org.updatedAt) },
  ];

  const descriptionFirst = i18n.language === 'en' ? 'En' : 'Zh';
  const descriptions: DescriptionsProps['items'] = (
    descriptionFirst === 'En' ? ['En', 'Zh'] : ['Zh', 'En']
  ).map((lang) => {
    const text = lang === 'En' ? org.descriptionEn : org.descriptionZh;
    return {
      key: `description${lang}`,
      label: lang === 'En' ? t('organization.fields.descriptionEn') : t('organization.fields.descriptionZh'),
      children: text ? <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div> : empty,
    };
  });

  const actions: ReactNode[] = [];
  if (org.permissions.update) {
    actions.push(
      <Button
        key="edit"
        icon={<EditOutlined />}
        onClick={() => void navigate(`/my/organization/${org.id}`)}
        data-testid="detail-edit"
      >
        {t('detail.edit')}
      </Button>,
    );
  }
  if (org.permissions.verify && org.verificationStatus !== 'verified') {
    actions.push(
      <Popconfirm
        key="verify"
        title={t('detail.verifyConfirmTitle')}
        description={t('detail.verifyConfirmText')}
        okText={t('detail.verify')}
        cancelText={t('common.cancel')}
        onConfirm={() => void verify()}
      >
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={verifying}
          data-testid="detail-verify"
        >
          {t('detail.verify')}
        </Button>
      </Popconfirm>,
    );
  }

  return (
    <div data-testid="organization-detail">
      <PageHeader
        title={names.primary}
        subtitle={names.secondary !== names.primary ? names.secondary : undefined}
        tags={
          <Flex gap={0} wrap>
            <KindTag kind={org.kind} />
            {org.sizeClass ? <SizeTag sizeClass={org.sizeClass} /> : null}
            {org.serviceType ? <ServiceTypeTag serviceType={org.serviceType} /> : null}
            <VerificationTag status={org.verificationStatus} />
            {org.isDemo ? <DemoTag /> : null}
          </Flex>
        }
        extra={actions.length > 0 ? actions : undefined}
      />
      <ErrorAlert error={verifyError} onReload={onReload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('detail.profile')}>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              styles={{ label: { whiteSpace: 'nowrap' } }}
              items={profile}
              data-testid="detail-profile"
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('detail.clusters')} data-testid="detail-clusters">
            {org.clusters.length > 0 ? (
              <Table
                size="small"
                rowKey="slug"
                pagination={false}
                dataSource={org.clusters}
                columns={[
                  {
                    title: t('organization.fields.cluster'),
                    key: 'cluster',
                    render: (_, cluster) => localizedNames(cluster, i18n.language).primary,
                  },
                  {
                    title: t('organization.fields.chainPosition'),
                    key: 'chainPosition',
                    width: 110,
                    render: (_, cluster) => <ChainPositionTag position={cluster.chainPosition} />,
                  },
                ]}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noClusters')} />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('detail.about')}>
            <Descriptions
              bordered
              size="small"
              column={1}
              styles={{ label: { whiteSpace: 'nowrap', width: 140 } }}
              items={descriptions}
            />
          </Card>
        </Col>
        <Col span={24}>
          <OrganizationPostings organizationId={org.id} />
        </Col>
        {org.permissions.viewMembers ? (
          <Col span={24}>
            <Card title={t('members.title')}>
              <MembersPanel organizationId={org.id} canManage={org.permissions.manageMembers} />
            </Card>
          </Col>
        ) : null}
      </Row>
    </div>
  );
}
