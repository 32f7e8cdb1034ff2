/** /consortia/:id: a consortium — overview, members with what the caller may do, and its designation. */
import { CheckOutlined, RollbackOutlined, SendOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Result,
  Row,
  Space,
  Table,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { MemberAction } from '../../../../src/modules/consortia/schemas';
import { ApiError, useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { chainPositionKey } from '../../i18n/labels';
import { useSession } from '../identity/SessionProvider';
import { localizedNames } from '../organizations/display';
import {
  actOnMember,
  approveDesignation,
  changeMember,
  getConsortium,
  inviteMember,
  returnDesignation,
  submitDesignation,
  type Consortium,
  type ConsortiumMember,
  type MemberStep,
  type MemberStepAction,
} from './api';
import {
  ApplicationTag,
  ConsortiumStatusTag,
  DesignationTag,
  MemberStatusTag,
  OrganizationCell,
  RoleTag,
} from './display';
import { memberActionKey, memberDoneKey } from './labels';
import { CharterSection } from './CharterSection';
import { ChangeMemberDialog, InviteDialog, TextDialog } from './MemberDialogs';

export function ConsortiumDetailPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { id = '' } = useParams();
  const consortium = useResource((signal) => getConsortium(api, id, signal), [api, id]);

  if (!consortium.data && consortium.loading) return <PageSpin />;
  if (!consortium.data) {
    if (consortium.error instanceof ApiError && consortium.error.status === 404)
      return (
        <Result status="404" title={t('common.notFoundTitle')} subTitle={t('errors.record.not_found')} />
      );
    return <ErrorAlert error={consortium.error} onRetry={consortium.reload} />;
  }
  return (
    <ConsortiumView consortium={consortium.data} onChange={consortium.setData} onReload={consortium.reload} />
  );
}

/** Which question is open: a note for a membership step, a designation step, an invitation, a change. */
type Asking =
  | { kind: 'member'; action: Exclude<MemberStepAction, 'accept'>; member: ConsortiumMember }
  | { kind: 'submit' | 'approve' | 'return' }
  | { kind: 'invite' }
  | null;

/** Steps that end or refuse a membership, so their button is a danger one. */
const ENDING: ReadonlySet<MemberAction> = new Set(['decline', 'withdraw', 'remove', 'leave']);

function ConsortiumView({
  consortium,
  onChange,
  onReload,
}: {
  consortium: Consortium;
  onChange: (consortium: Consortium) => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [changing, setChanging] = useState<ConsortiumMember | null>(null);
  const names = localizedNames(consortium, i18n.language);
  const { permissions } = consortium;
  const { session } = useSession();

  /** Adopts a membership step's outcome; a consortium the caller no longer sees sends them to the list. */
  const adoptStep = (step: MemberStep, action: MemberAction) => {
    void message.success(t(memberDoneKey(action)));
    if (step.consortium) onChange(step.consortium);
    else void navigate('/consortia');
  };

  const stepMember = async (member: ConsortiumMember, action: MemberStepAction, note?: string) => {
    setError(null);
    setBusy(`${member.organization.id}:${action}`);
    try {
      const step = await actOnMember(api, consortium.id, member.organization.id, action, {
        version: member.version,
        ...(note ? { note } : {}),
      });
      adoptStep(step, action);
    } catch (failure) {
      if (action === 'accept') setError(failure);
      throw failure;
    } finally {
      setBusy(null);
    }
  };

  const onMemberAction = (member: ConsortiumMember, action: MemberAction) => {
    if (action === 'change') setChanging(member);
    else if (action === 'accept') void stepMember(member, 'accept').catch(() => undefined);
    else setAsking({ kind: 'member', action, member });
  };

  const designate = async (kind: 'submit' | 'approve' | 'return', text: string | undefined) => {
    const version = consortium.version;
    const next =
      kind === 'submit'
        ? await submitDesignation(api, consortium.id, { version, ...(text ? { statement: text } : {}) })
        : kind === 'approve'
          ? await approveDesignation(api, consortium.id, { version, ...(text ? { comments: text } : {}) })
          : await returnDesignation(api, consortium.id, { version, comments: text ?? '' });
    onChange(next);
    setAsking(null);
    void message.success(t(`consortia.designation.done.${kind}`));
  };

  const current = consortium.members.filter((m) => m.status === 'invited' || m.status === 'active');

  const columns: TableColumnsType<ConsortiumMember> = [
    {
      title: t('consortia.fields.organization'),
      key: 'organization',
      render: (_, m) => <OrganizationCell organization={m.organization} testId="member-organization" />,
    },
    {
      title: t('consortia.fields.role'),
      key: 'role',
      width: 110,
      render: (_, m) => <RoleTag role={m.role} />,
    },
    {
      title: t('consortia.fields.chainPosition'),
      key: 'chainPosition',
      width: 110,
      responsive: ['md'],
      render: (_, m) => (m.chainPosition ? t(chainPositionKey(m.chainPosition)) : t('common.emptyValue')),
    },
    {
      title: t('consortia.fields.memberStatus'),
      key: 'status',
      width: 150,
      render: (_, m) => (
        <div>
          <MemberStatusTag status={m.status} />
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {formatDateTime(m.endedAt ?? m.respondedAt ?? m.invitedAt)}
          </Typography.Text>
          {m.endNote ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {m.endNote}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, m) =>
        m.actions.length > 0 ? (
          <Space wrap size={4}>
            {m.actions.map((action) => (
              <Button
                key={action}
                size="small"
                type={action === 'accept' ? 'primary' : 'default'}
                danger={ENDING.has(action)}
                loading={busy === `${m.organization.id}:${action}`}
                onClick={() => onMemberAction(m, action)}
                data-testid={`member-action-${action}`}
              >
                {t(memberActionKey(action))}
              </Button>
            ))}
          </Space>
        ) : null,
    },
  ];

  const memberAsk = asking?.kind === 'member' ? asking : null;
  const designationAsk =
    asking?.kind === 'submit' || asking?.kind === 'approve' || asking?.kind === 'return' ? asking.kind : null;

  return (
    <div
      data-testid="consortium-detail"
      data-status={consortium.status}
      data-designation={consortium.designationStatus}
    >
      <PageHeader
        title={names.primary}
        subtitle={names.secondary}
        tags={
          <Flex gap={4}>
            <ConsortiumStatusTag status={consortium.status} />
            <DesignationTag status={consortium.designationStatus} />
          </Flex>
        }
        extra={
          <Space wrap>
            {permissions.submitDesignation ? (
              <Button
                type="primary"
                icon={<SendOutlined />}
                onClick={() => setAsking({ kind: 'submit' })}
                data-testid="designation-submit"
              >
                {consortium.designationStatus === 'returned'
                  ? t('consortia.designation.resubmit')
                  : t('consortia.designation.submit')}
              </Button>
            ) : null}
            {permissions.decideDesignation ? (
              <>
                <Button
                  icon={<RollbackOutlined />}
                  onClick={() => setAsking({ kind: 'return' })}
                  data-testid="designation-return"
                >
                  {t('consortia.designation.return')}
                </Button>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  onClick={() => setAsking({ kind: 'approve' })}
                  data-testid="designation-approve"
                >
                  {t('consortia.designation.approve')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      <ErrorAlert error={error} onReload={onReload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('consortia.overview')}>
            <Descriptions
              bordered
              size="small"
              column={1}
              styles={{ label: { whiteSpace: 'nowrap', width: 140 } }}
              items={[
                {
                  key: 'lead',
                  label: t('consortia.fields.lead'),
                  children: <OrganizationCell organization={consortium.lead} testId="consortium-lead" />,
                },
                {
                  key: 'cluster',
                  label: t('consortia.fields.cluster'),
                  children: localizedNames(consortium.cluster, i18n.language).primary,
                },
                {
                  key: 'summary',
                  label: t('consortia.fields.summary'),
                  children: consortium.summary || t('common.emptyValue'),
                },
                {
                  key: 'objectives',
                  label: t('consortia.fields.objectives'),
                  children: (
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                      {consortium.objectives || t('common.emptyValue')}
                    </Typography.Paragraph>
                  ),
                },
                {
                  key: 'activeMembers',
                  label: t('consortia.fields.activeMembers'),
                  children: consortium.activeMembers,
                },
                {
                  key: 'createdAt',
                  label: t('common.createdAt'),
                  children: formatDateTime(consortium.createdAt),
                },
                ...(consortium.designatedAt
                  ? [
                      {
                        key: 'designatedAt',
                        label: t('consortia.fields.designatedAt'),
                        children: formatDateTime(consortium.designatedAt),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('consortia.designation.title')} data-testid="designation-panel">
            {consortium.designations.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  consortium.designationStatus === 'approved'
                    ? t('consortia.designation.designatedPublic')
                    : t('consortia.designation.none')
                }
              />
            ) : (
              <Timeline
                data-testid="designation-history"
                items={consortium.designations.map((application) => ({
                  color:
                    application.status === 'approved'
                      ? 'green'
                      : application.status === 'returned'
                        ? 'orange'
                        : 'blue',
                  content: (
                    <div data-testid="designation-application" data-status={application.status}>
                      <Flex gap={8} align="center">
                        <Typography.Text strong>
                          {t('consortia.designation.round', { round: application.round })}
                        </Typography.Text>
                        <ApplicationTag status={application.status} />
                      </Flex>
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t('consortia.designation.submittedAt', {
                          at: formatDateTime(application.submittedAt),
                        })}
                      </Typography.Text>
                      {application.statement ? (
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                          {application.statement}
                        </Typography.Paragraph>
                      ) : null}
                      {application.decidedAt ? (
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                          {t('consortia.designation.decidedAt', {
                            at: formatDateTime(application.decidedAt),
                          })}
                        </Typography.Text>
                      ) : null}
                      {application.comments ? (
                        <Typography.Paragraph
                          {...(application.status === 'returned' ? { type: 'warning' as const } : {})}
                          style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                          data-testid="designation-comments"
                        >
                          {t('consortia.designation.officeComments')}
                          {application.comments}
                        </Typography.Paragraph>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card
            title={t('consortia.members')}
            extra={
              permissions.invite ? (
                <Button
                  icon={<UserAddOutlined />}
                  onClick={() => setAsking({ kind: 'invite' })}
                  data-testid="consortium-invite-open"
                >
                  {t('consortia.invite.title')}
                </Button>
              ) : null
            }
            styles={{ body: { padding: 0 } }}
          >
            <Table<ConsortiumMember>
              rowKey={(m) => m.organization.id}
              data-testid="consortium-members"
              columns={columns}
              dataSource={consortium.members}
              pagination={false}
              onRow={(m) =>
                ({
                  'data-testid': 'member-row',
                  'data-organization-id': m.organization.id,
                  'data-status': m.status,
                }) as React.HTMLAttributes<HTMLElement>
              }
              scroll={{ x: 720 }}
            />
          </Card>
        </Col>
        {session ? (
          <Col span={24}>
            <CharterSection consortium={consortium} />
          </Col>
        ) : null}
      </Row>
      <TextDialog
        open={memberAsk !== null}
        title={memberAsk ? t(memberActionKey(memberAsk.action)) : ''}
        help={
          memberAsk
            ? `${localizedNames(memberAsk.member.organization, i18n.language).primary} · ${t(`consortia.memberHelp.${memberAsk.action}`)}`
            : undefined
        }
        label={t('consortia.note')}
        okText={memberAsk ? t(memberActionKey(memberAsk.action)) : ''}
        field="note"
        danger
        testId="member-note"
        onClose={() => setAsking(null)}
        onSubmit={async (note) => {
          if (!memberAsk) return;
          await stepMember(memberAsk.member, memberAsk.action, note);
          setAsking(null);
        }}
      />
      <TextDialog
        open={designationAsk !== null}
        title={designationAsk ? t(`consortia.designation.${designationAsk}`) : ''}
        help={designationAsk ? t(`consortia.designation.help.${designationAsk}`) : undefined}
        label={
          designationAsk === 'submit'
            ? t('consortia.designation.statement')
            : t('consortia.designation.comments')
        }
        okText={designationAsk ? t(`consortia.designation.${designationAsk}`) : ''}
        field={designationAsk === 'submit' ? 'statement' : 'comments'}
        required={designationAsk === 'return'}
        testId="designation-dialog"
        onClose={() => setAsking(null)}
        onSubmit={(text) => (designationAsk ? designate(designationAsk, text) : Promise.resolve())}
      />
      <InviteDialog
        open={asking?.kind === 'invite'}
        excluded={new Set(current.map((m) => m.organization.id))}
        onClose={() => setAsking(null)}
        onSubmit={async (values) => {
          onChange(
            await inviteMember(api, consortium.id, {
              organizationId: values.organizationId,
              role: values.role,
              ...(values.chainPosition ? { chainPosition: values.chainPosition } : {}),
              ...(values.message?.trim() ? { message: values.message.trim() } : {}),
            }),
          );
          setAsking(null);
          void message.success(t('consortia.invite.done'));
        }}
      />
      <ChangeMemberDialog
        member={changing}
        onClose={() => setChanging(null)}
        onSubmit={async (values) => {
          if (!changing) return;
          const step = await changeMember(api, consortium.id, changing.organization.id, {
            version: changing.version,
            role: values.role,
            chainPosition: values.chainPosition ?? null,
          });
          setChanging(null);
          adoptStep(step, 'change');
        }}
      />
    </div>
  );
}
