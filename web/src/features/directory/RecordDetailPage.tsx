import { DownOutlined, EditOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Dropdown,
  Flex,
  Result,
  Row,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { NeedStatus, ListingStatus, RecordPermissions } from '../../../../src/modules/directory/schemas';
import { ApiError, useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDate, formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useSession } from '../identity/SessionProvider';
import { DemoTag, localizedNames } from '../organizations/display';
import {
  changeStatus,
  getRecord,
  RECORD_PATHS,
  type Achievement,
  type Capability,
  type Expert,
  type Need,
  type RecordKind,
  type RecordOf,
} from './api';
import {
  AchievementKindTag,
  BudgetText,
  ClusterName,
  CooperationModeTags,
  KeywordTags,
  ListingStatusTag,
  NeedStatusTag,
  OwnerLink,
  TierTag,
  TransferModeTags,
  TrlTag,
} from './display';
import { listingStatusKey, ndaStandingKey, needStatusKey, recordKindKey } from './labels';
import { LockedPanel } from './RequestAccess';
import { MatchesPanel } from '../matches/MatchesPanel';

/** /needs/:id, /capabilities/:id, /achievements/:id, /experts/:id: one record as the caller may see it. */
export function RecordDetailPage({ kind }: { kind: RecordKind }) {
  const { t } = useTranslation();
  const api = useApi();
  const { id = '' } = useParams();
  const { session } = useSession();
  const record = useResource((signal) => getRecord(api, kind, id, signal), [api, kind, id, session?.user.id]);

  // The page stays mounted when the address moves to another record (even of another kind): the
  // last record loaded is not the one asked for until its id says so.
  const data = record.data && record.data.id === id ? record.data : undefined;
  if (!data && record.loading) return <PageSpin />;
  if (!data) {
    if (record.error instanceof ApiError && record.error.status === 404) {
      return (
        <Result status="404" title={t('common.notFoundTitle')} subTitle={t('errors.record.not_found')} />
      );
    }
    return <ErrorAlert error={record.error} onRetry={record.reload} />;
  }
  return (
    <RecordDetail
      key={`${kind}:${id}`}
      kind={kind}
      record={data}
      onChange={record.setData}
      onReload={record.reload}
    />
  );
}

function RecordDetail<K extends RecordKind>({
  kind,
  record,
  onChange,
  onReload,
}: {
  kind: K;
  record: RecordOf[K];
  onChange: (record: RecordOf[K]) => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [actionError, setActionError] = useState<unknown>(null);
  const [moving, setMoving] = useState(false);
  const permissions: RecordPermissions = record.permissions;

  const move = async (status: string) => {
    setActionError(null);
    setMoving(true);
    try {
      onChange(await changeStatus(api, kind, record.id, { version: record.version, status }));
      void message.success(t('listing.statusChanged'));
    } catch (error) {
      setActionError(error);
    } finally {
      setMoving(false);
    }
  };
  const confirmMove = (status: string) => {
    if (status !== 'closed') {
      void move(status);
      return;
    }
    modal.confirm({
      title: t('listing.closeConfirmTitle'),
      content: t('listing.closeConfirmText'),
      okText: t('listing.close'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => move(status),
    });
  };
  const statusLabel = (status: string) =>
    kind === 'need' ? t(needStatusKey(status as NeedStatus)) : t(listingStatusKey(status as ListingStatus));

  const actions: ReactNode[] = [];
  if (permissions.update) {
    actions.push(
      <Button
        key="edit"
        icon={<EditOutlined />}
        onClick={() => void navigate(`/${RECORD_PATHS[kind]}/${record.id}/edit`)}
        data-testid="record-edit"
      >
        {t('listing.edit')}
      </Button>,
    );
  }
  if (permissions.changeStatus) {
    actions.push(
      <Dropdown
        key="status"
        trigger={['click']}
        menu={{
          items: permissions.nextStatuses.map((status) => ({
            key: status,
            danger: status === 'closed',
            label: (
              <span data-testid={`record-status-${status}`}>
                {t('listing.moveTo', { status: statusLabel(status) })}
              </span>
            ),
          })),
          onClick: ({ key }) => confirmMove(key),
        }}
      >
        <Button loading={moving} data-testid="record-status-menu">
          {t('listing.changeStatus')} <DownOutlined />
        </Button>
      </Dropdown>,
    );
  }

  const title =
    kind === 'expert' ? localizedNames(record as Expert, i18n.language).primary : (record as Need).title;
  const subtitle =
    kind === 'expert' ? localizedNames(record as Expert, i18n.language).secondary : t(recordKindKey(kind));

  return (
    <div data-testid="record-detail" data-record-kind={kind}>
      <PageHeader
        title={<span data-testid="record-title">{title}</span>}
        subtitle={subtitle !== title ? subtitle : undefined}
        tags={<Flex wrap>{headerTags(kind, record)}</Flex>}
        extra={actions.length > 0 ? actions : undefined}
      />
      <ErrorAlert error={actionError} onReload={onReload} />
      {kind === 'expert' ? (
        <ExpertBody expert={record as Expert} />
      ) : (
        <TieredBody kind={kind} record={record as Need | Capability | Achievement} onReload={onReload} />
      )}
      {kind !== 'expert' && permissions.update ? <MatchesPanel kind={kind} recordId={record.id} /> : null}
    </div>
  );
}

function headerTags(kind: RecordKind, record: RecordOf[RecordKind]): ReactNode {
  if (kind === 'expert') {
    const expert = record as Expert;
    return (
      <>
        <ListingStatusTag status={expert.status} />
        {expert.isDemo ? <DemoTag /> : null}
      </>
    );
  }
  const tiered = record as Need | Capability | Achievement;
  return (
    <>
      <TierTag tier={tiered.visibility} />
      {kind === 'need' ? (
        <NeedStatusTag status={(record as Need).status} />
      ) : (
        <ListingStatusTag status={(record as Capability | Achievement).status} />
      )}
      {kind === 'achievement' ? (
        <>
          <AchievementKindTag kind={(record as Achievement).kind} />
          <TrlTag trl={(record as Achievement).trl} />
        </>
      ) : null}
      {tiered.isDemo ? <DemoTag /> : null}
    </>
  );
}

function TieredBody({
  kind,
  record,
  onReload,
}: {
  kind: 'need' | 'capability' | 'achievement';
  record: Need | Capability | Achievement;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const empty = <Typography.Text type="secondary">{t('common.emptyValue')}</Typography.Text>;

  const overview: DescriptionsProps['items'] = [
    { key: 'owner', label: t('listing.fields.owner'), children: <OwnerLink owner={record.owner} showKind /> },
    {
      key: 'cluster',
      label: t('listing.fields.cluster'),
      children: <ClusterName cluster={record.cluster} />,
    },
    {
      key: 'visibility',
      label: t('listing.fields.visibility'),
      children: <TierTag tier={record.visibility} />,
    },
  ];
  if (kind === 'need') {
    const need = record as Need;
    overview.push(
      {
        key: 'modes',
        label: t('listing.fields.cooperationModes'),
        children: <CooperationModeTags modes={need.cooperationModes} />,
      },
      {
        key: 'deadline',
        label: t('listing.fields.deadline'),
        children: need.deadline ? formatDate(need.deadline) : empty,
      },
    );
  } else if (kind === 'capability') {
    overview.push({
      key: 'modes',
      label: t('listing.fields.cooperationModes'),
      children: <CooperationModeTags modes={(record as Capability).cooperationModes} />,
    });
  } else {
    const achievement = record as Achievement;
    overview.push(
      {
        key: 'kind',
        label: t('listing.fields.kind'),
        children: <AchievementKindTag kind={achievement.kind} />,
      },
      { key: 'trl', label: t('listing.fields.trl'), children: <TrlTag trl={achievement.trl} /> },
      {
        key: 'modes',
        label: t('listing.fields.transferModes'),
        children: <TransferModeTags modes={achievement.transferModes} />,
      },
    );
  }
  overview.push(
    {
      key: 'publicKeywords',
      label: t('listing.fields.publicKeywords'),
      children: record.publicKeywords.length > 0 ? <KeywordTags keywords={record.publicKeywords} /> : empty,
    },
    ...(record.visibility === 'parties'
      ? [
          {
            key: 'standing',
            label: t('nda.standingLabel'),
            children: <span data-testid="nda-standing">{t(ndaStandingKey(record.ndaStanding))}</span>,
          },
        ]
      : []),
    { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(record.createdAt) },
    { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(record.updatedAt) },
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card title={t('listing.overview')}>
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}
            items={overview}
            data-testid="record-overview"
          />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        {record.detailsHidden ? (
          <LockedPanel kind={kind} record={record} onRequested={onReload} />
        ) : (
          <DetailsCard kind={kind} record={record} />
        )}
      </Col>
    </Row>
  );
}

function DetailsCard({
  kind,
  record,
}: {
  kind: 'need' | 'capability' | 'achievement';
  record: Extract<Need | Capability | Achievement, { detailsHidden: false }>;
}) {
  const { t } = useTranslation();
  const empty = <Typography.Text type="secondary">{t('common.emptyValue')}</Typography.Text>;
  const items: DescriptionsProps['items'] = [
    {
      key: 'description',
      label: t('listing.fields.description'),
      children: (
        <div style={{ whiteSpace: 'pre-wrap' }} data-testid="record-description">
          {record.description}
        </div>
      ),
    },
    {
      key: 'keywords',
      label: t('listing.fields.keywords'),
      children:
        record.keywords.length > 0 ? (
          <KeywordTags keywords={record.keywords} testId="record-keywords" />
        ) : (
          empty
        ),
    },
  ];
  if (kind === 'need' && 'budgetMinFen' in record) {
    items.push({
      key: 'budget',
      label: t('listing.fields.budget'),
      children: (
        <span data-testid="record-budget">
          <BudgetText minFen={record.budgetMinFen} maxFen={record.budgetMaxFen} />
        </span>
      ),
    });
  }
  if (kind === 'achievement' && 'registrationNumber' in record) {
    items.push({
      key: 'registrationNumber',
      label: t('listing.fields.registrationNumber'),
      children: record.registrationNumber ? (
        <Typography.Text copyable data-testid="record-registration-number">
          {record.registrationNumber}
        </Typography.Text>
      ) : (
        empty
      ),
    });
  }
  return (
    <Card title={t('listing.details')} data-testid="record-details">
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}
        items={items}
      />
    </Card>
  );
}

function ExpertBody({ expert }: { expert: Expert }) {
  const { t } = useTranslation();
  const empty = <Typography.Text type="secondary">{t('common.emptyValue')}</Typography.Text>;
  const items: DescriptionsProps['items'] = [
    { key: 'nameZh', label: t('experts.fields.nameZh'), children: expert.nameZh || empty },
    { key: 'nameEn', label: t('experts.fields.nameEn'), children: expert.nameEn || empty },
    { key: 'title', label: t('experts.fields.title'), children: expert.title || empty },
    {
      key: 'organization',
      label: t('experts.fields.organization'),
      children: <OwnerLink owner={expert.organization} showKind />,
    },
    {
      key: 'cluster',
      label: t('listing.fields.cluster'),
      children: <ClusterName cluster={expert.cluster} />,
    },
    {
      key: 'fields',
      label: t('experts.fields.fields'),
      children: expert.fields.length > 0 ? <KeywordTags keywords={expert.fields} /> : empty,
    },
    {
      key: 'keywords',
      label: t('listing.fields.keywords'),
      children: expert.keywords.length > 0 ? <KeywordTags keywords={expert.keywords} /> : empty,
    },
    {
      key: 'orcid',
      label: t('experts.fields.orcid'),
      children: expert.orcid ? (
        <Typography.Link
          href={`https://orcid.org/${expert.orcid}`}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="expert-orcid"
        >
          {expert.orcid}
        </Typography.Link>
      ) : (
        empty
      ),
    },
    {
      key: 'bio',
      label: t('experts.fields.bio'),
      children: expert.bio ? <div style={{ whiteSpace: 'pre-wrap' }}>{expert.bio}</div> : empty,
    },
    { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(expert.updatedAt) },
  ];
  return (
    <Card title={t('experts.profile')}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={items}
        data-testid="record-overview"
      />
    </Card>
  );
}
