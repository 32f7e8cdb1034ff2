/** /consortia/invitations: pending invitations of the caller's organisations, to accept or decline. */
import { App, Button, Card, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/client';
import { errorText } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { chainPositionKey } from '../../i18n/labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { localizedNames } from '../organizations/display';
import { actOnMember, listInvitations, type Invitation } from './api';
import { RoleTag } from './display';
import { memberActionKey, memberDoneKey } from './labels';
import { TextDialog } from './MemberDialogs';

export function InvitationsPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const invitations = useResource((signal) => listInvitations(api, signal), [api]);
  const [busy, setBusy] = useState<string | null>(null);
  const [declining, setDeclining] = useState<Invitation | null>(null);
  const name = (named: { nameZh: string; nameEn: string }) => localizedNames(named, i18n.language).primary;

  const respond = async (invitation: Invitation, step: 'accept' | 'decline', note?: string) => {
    setBusy(`${invitation.consortium.id}:${invitation.organization.id}:${step}`);
    try {
      await actOnMember(api, invitation.consortium.id, invitation.organization.id, step, {
        version: invitation.version,
        ...(note ? { note } : {}),
      });
      void message.success(t(memberDoneKey(step)));
      invitations.reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader title={t('consortia.invitations.title')} subtitle={t('consortia.invitations.subtitle')} />
      <ErrorAlert error={invitations.error} onRetry={invitations.reload} />
      <Card>
        <List<Invitation>
          loading={invitations.loading}
          dataSource={invitations.data?.items ?? []}
          locale={{ emptyText: t('consortia.invitations.empty') }}
          data-testid="invitations-list"
          renderItem={(invitation) => {
            const key = `${invitation.consortium.id}:${invitation.organization.id}`;
            return (
              <List.Item
                data-testid="invitation"
                data-consortium-id={invitation.consortium.id}
                actions={
                  invitation.canRespond
                    ? [
                        <Button
                          key="accept"
                          type="primary"
                          loading={busy === `${key}:accept`}
                          onClick={() =>
                            void respond(invitation, 'accept').catch((error: unknown) => {
                              void message.error(errorText(t, error));
                            })
                          }
                          data-testid="invitation-accept"
                        >
                          {t(memberActionKey('accept'))}
                        </Button>,
                        <Button
                          key="decline"
                          danger
                          onClick={() => setDeclining(invitation)}
                          data-testid="invitation-decline"
                        >
                          {t(memberActionKey('decline'))}
                        </Button>,
                      ]
                    : [
                        <Typography.Text key="admins" type="secondary">
                          {t('consortia.invitations.adminsRespond')}
                        </Typography.Text>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Link to={`/consortia/${invitation.consortium.id}`} data-testid="invitation-consortium">
                      {name(invitation.consortium)}
                    </Link>
                  }
                  description={
                    <Space orientation="vertical" size={2}>
                      <span>
                        {t('consortia.invitations.line', {
                          lead: name(invitation.consortium.lead),
                          organization: name(invitation.organization),
                        })}
                      </span>
                      <Space size={4} wrap>
                        <RoleTag role={invitation.role} />
                        {invitation.chainPosition ? (
                          <Typography.Text type="secondary">
                            {t(chainPositionKey(invitation.chainPosition))}
                          </Typography.Text>
                        ) : null}
                        <Typography.Text type="secondary">
                          {formatDateTime(invitation.invitedAt)}
                        </Typography.Text>
                      </Space>
                      {invitation.message ? (
                        <Typography.Paragraph
                          style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                          data-testid="invitation-message"
                        >
                          {invitation.message}
                        </Typography.Paragraph>
                      ) : null}
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
      <TextDialog
        open={declining !== null}
        title={t(memberActionKey('decline'))}
        help={t('consortia.memberHelp.decline')}
        label={t('consortia.note')}
        okText={t(memberActionKey('decline'))}
        field="note"
        danger
        testId="invitation-decline-dialog"
        onClose={() => setDeclining(null)}
        onSubmit={async (note) => {
          if (!declining) return;
          await respond(declining, 'decline', note);
          setDeclining(null);
        }}
      />
    </>
  );
}
