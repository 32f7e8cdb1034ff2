/** /matches/:id: one pair — both sides, the matcher's reasons, the steps so far, and the next ones. */
import { CheckOutlined, CloseOutlined, RocketOutlined, SendOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Result, Row, Space, Steps, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type {
  DeclineReason,
  MatchAction,
  MatchSide,
  MatchStatus,
} from '../../../../src/modules/matches/schemas';
import { ApiError, useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { actOnMatch, getMatch, type MatchDetail } from './api';
import { declineReasonKey, matchActionKey, matchStatusKey, sideKey } from './labels';
import { DeclineDialog, NoteDialog } from './MatchDialogs';
import { MatchReasons } from './MatchReasons';
import { PartyCell, StatusTag } from './display';

const PATH: readonly MatchStatus[] = ['suggested', 'contacted', 'in_talks', 'agreed', 'converted'];
const ACTION_ICONS: Record<MatchAction, ReactNode> = {
  contact: <SendOutlined />,
  accept: <TeamOutlined />,
  agree: <CheckOutlined />,
  convert: <RocketOutlined />,
  decline: <CloseOutlined />,
};

export function MatchDetailPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { id = '' } = useParams();
  const match = useResource((signal) => getMatch(api, id, signal), [api, id]);

  if (!match.data && match.loading) return <PageSpin />;
  if (!match.data) {
    if (match.error instanceof ApiError && match.error.status === 404)
      return (
        <Result status="404" title={t('common.notFoundTitle')} subTitle={t('errors.record.not_found')} />
      );
    return <ErrorAlert error={match.error} onRetry={match.reload} />;
  }
  return <MatchDetailView match={match.data} onChange={match.setData} onReload={match.reload} />;
}

function MatchDetailView({
  match,
  onChange,
  onReload,
}: {
  match: MatchDetail;
  onChange: (match: MatchDetail) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<MatchAction | null>(null);
  const [asking, setAsking] = useState<'contact' | 'convert' | 'decline' | null>(null);

  const run = async (
    action: MatchAction,
    extra: { reason?: DeclineReason; note?: string | undefined } = {},
  ) => {
    setError(null);
    setBusy(action);
    try {
      onChange(await actOnMatch(api, match.id, { action, version: match.version, ...extra }));
      void message.success(t(`matches.done.${action}`));
    } catch (failure) {
      setError(failure);
      throw failure;
    } finally {
      setBusy(null);
    }
  };

  const onAction = (action: MatchAction) => {
    if (action === 'contact' || action === 'convert' || action === 'decline') setAsking(action);
    else void run(action).catch(() => undefined);
  };

  const declined = match.status === 'declined';
  const current = declined
    ? Math.max(0, PATH.indexOf(match.events.at(-1)?.fromStatus ?? 'suggested'))
    : PATH.indexOf(match.status);
  const agreedBy = (side: MatchSide) => (side === 'seeker' ? match.seekerAgreed : match.providerAgreed);

  return (
    <div data-testid="match-detail" data-status={match.status}>
      <PageHeader
        title={t('matches.detailTitle')}
        tags={<StatusTag status={match.status} />}
        extra={match.actions.map(({ action }) => (
          <Button
            key={action}
            type={action === 'decline' ? 'default' : 'primary'}
            danger={action === 'decline'}
            icon={ACTION_ICONS[action]}
            loading={busy === action}
            onClick={() => onAction(action)}
            data-testid={`match-action-${action}`}
          >
            {t(matchActionKey(action))}
          </Button>
        ))}
      />
      <ErrorAlert error={error} onReload={onReload} />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          status={declined ? 'error' : match.status === 'converted' ? 'finish' : 'process'}
          items={PATH.map((status) => ({ title: t(matchStatusKey(status)) }))}
          data-testid="match-steps"
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('matches.pair')}>
            <Descriptions
              bordered
              size="small"
              column={1}
              styles={{ label: { whiteSpace: 'nowrap', width: 140 } }}
              items={[
                {
                  key: 'need',
                  label: t('matches.fields.need'),
                  children: <PartyCell party={match.need} testId="match-need-link" />,
                },
                {
                  key: 'counterpart',
                  label: t('matches.fields.counterpart'),
                  children: <PartyCell party={match.counterpart} testId="match-counterpart-link" />,
                },
                {
                  key: 'initiatedBy',
                  label: t('matches.fields.initiatedBy'),
                  children: t(sideKey(match.initiatedBy)),
                },
                {
                  key: 'mySide',
                  label: t('matches.fields.mySide'),
                  children:
                    match.mySides.length > 0
                      ? match.mySides.map((s) => t(sideKey(s))).join(' / ')
                      : t('matches.lookingOn'),
                },
                {
                  key: 'agreement',
                  label: t('matches.fields.agreement'),
                  children: (
                    <Space orientation="vertical" size={0} data-testid="match-agreement">
                      {(['seeker', 'provider'] as const).map((side) => (
                        <Typography.Text key={side} type={agreedBy(side) ? 'success' : 'secondary'}>
                          {t(sideKey(side))}:{' '}
                          {agreedBy(side) ? t('matches.agreedYes') : t('matches.agreedNo')}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
                },
                ...(match.declineReason
                  ? [
                      {
                        key: 'decline',
                        label: t('matches.fields.declined'),
                        children: (
                          <span data-testid="match-decline-info">
                            {match.declinedBy ? `${t(sideKey(match.declinedBy))}: ` : ''}
                            {t(declineReasonKey(match.declineReason))}
                            {match.declineNote ? ` — ${match.declineNote}` : ''}
                          </span>
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'score',
                  label: t('matches.fields.score'),
                  children: match.score === null ? t('common.emptyValue') : match.score.toFixed(3),
                },
              ]}
            />
          </Card>
          <Card title={t('matches.whyTitle')} style={{ marginTop: 16 }}>
            <MatchReasons reasons={match.reasons} testId="match-detail-reasons" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('matches.historyTitle')}>
            <Timeline
              data-testid="match-history"
              items={match.events.map((event) => ({
                color:
                  event.toStatus === 'declined' ? 'red' : event.toStatus === 'converted' ? 'green' : 'blue',
                content: (
                  <div data-testid="match-event" data-action={event.action}>
                    <Typography.Text strong>
                      {event.action === 'create'
                        ? t('matches.event.create', { status: t(matchStatusKey(event.toStatus)) })
                        : t(matchActionKey(event.action))}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t(sideKey(event.side))}
                      {event.actorName ? ` · ${event.actorName}` : ''} · {formatDateTime(event.at)}
                    </Typography.Text>
                    {event.note ? (
                      <Typography.Paragraph
                        style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                        data-testid="match-event-note"
                      >
                        {event.note}
                      </Typography.Paragraph>
                    ) : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <NoteDialog
        open={asking === 'contact' || asking === 'convert'}
        title={asking === 'convert' ? t('matches.convertTitle') : t('matches.contactTitle')}
        help={asking === 'convert' ? t('matches.convertHelp') : t('matches.contactHelp')}
        okText={t(matchActionKey(asking === 'convert' ? 'convert' : 'contact'))}
        testId="match-note-dialog"
        onClose={() => setAsking(null)}
        onSubmit={async (note) => {
          await run(asking === 'convert' ? 'convert' : 'contact', { note });
          setAsking(null);
        }}
      />
      <DeclineDialog
        open={asking === 'decline'}
        onClose={() => setAsking(null)}
        onSubmit={async (reason, note) => {
          await run('decline', { reason, note });
          setAsking(null);
        }}
      />
    </div>
  );
}
