/**
 * The 参与度 tab of a project: a heat map of parties × stages coloured by engagement (flagged
 * cells marked, details on hover), the flags raised by the monitor, and the silence threshold.
 */
import { Alert, Button, Card, Empty, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  EngagementCellView,
  EngagementFlagReason,
  PartyEngagementView,
  ProjectStage,
} from '../../../../../src/modules/projects/schemas';
import { useApi } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useResource } from '../../../api/useResource';
import { formatDateTime } from '../../../app/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { projectStageKey } from '../../consortia/labels';
import { localizedNames } from '../../organizations/display';
import {
  getClusterEngagement,
  getEngagement,
  sweepEngagement,
  updateEngagementSettings,
} from '../communication/api';
import { cellTone, TONE_COLOURS, type CellTone } from './heat';

function Cell({
  cell,
  party,
  tone,
  flagged,
}: {
  cell: EngagementCellView;
  party: PartyEngagementView;
  tone: CellTone;
  flagged: boolean;
}) {
  const { t } = useTranslation();
  const tip = (
    <div>
      <div>{t('projectEngagement.activity', { count: cell.activityCount })}</div>
      <div>{t('projectEngagement.overdue', { count: cell.overdueTasks })}</div>
      <div>
        {cell.daysSinceLastContribution === null
          ? t('projectEngagement.noContribution')
          : t('projectEngagement.daysSince', { days: cell.daysSinceLastContribution })}
      </div>
      <div>
        {cell.medianResponseHours === null
          ? t('projectEngagement.neverAsked')
          : t('projectEngagement.responseHours', { hours: cell.medianResponseHours })}
      </div>
      {flagged ? (
        <div>
          {t('projectEngagement.flaggedFor', {
            reasons: party.reasons.map((r) => t(`projectEngagement.reasons.${r}`)).join('、'),
          })}
        </div>
      ) : null}
    </div>
  );
  return (
    <Tooltip title={tip}>
      <div
        data-testid="heat-cell"
        data-tone={tone}
        data-flagged={flagged ? 'true' : 'false'}
        style={{
          background: TONE_COLOURS[tone],
          minHeight: 36,
          borderRadius: 4,
          padding: '6px 8px',
          textAlign: 'center',
          border: flagged ? '2px solid #cf1322' : '1px solid #f0f0f0',
          fontWeight: flagged ? 600 : 400,
        }}
      >
        {flagged ? '⚑ ' : ''}
        {cell.activityCount}
        {cell.overdueTasks > 0
          ? ` · ${t('projectEngagement.overdueShort', { count: cell.overdueTasks })}`
          : ''}
      </div>
    </Tooltip>
  );
}

function ReasonTags({ reasons }: { reasons: readonly EngagementFlagReason[] }) {
  const { t } = useTranslation();
  return (
    <>
      {reasons.map((r) => (
        <Tag color="red" key={r}>
          {t(`projectEngagement.reasons.${r}`)}
        </Tag>
      ))}
    </>
  );
}

/** The engagement monitor of one project. */
export function EngagementTab({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const matrix = useResource((signal) => getEngagement(api, projectId, signal), [api, projectId]);
  const [days, setDays] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const data = matrix.data;
  const name = (p: { nameZh: string; nameEn: string }) => localizedNames(p, i18n.language).primary;

  const run = async (action: () => Promise<typeof data>) => {
    setFailure(null);
    setBusy(true);
    try {
      const next = await action();
      if (next) matrix.setData(next);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (!data) return <ErrorAlert error={matrix.error} onRetry={matrix.reload} />;
  const stages: ProjectStage[] = data.stages;
  const flaggedNow = data.parties.filter((p) => p.flagged);

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="engagement-tab">
      <Typography.Paragraph type="secondary">
        {t('projectEngagement.intro', { days: data.silentAfterDays, asOf: formatDateTime(data.asOf) })}
      </Typography.Paragraph>
      <ErrorAlert error={failure} onReload={matrix.reload} />
      <Card size="small" title={t('projectEngagement.heatMap')}>
        <Table
          rowKey={(p) => p.organization.id}
          size="small"
          pagination={false}
          data-testid="heat-map"
          dataSource={data.parties}
          scroll={{ x: true }}
          columns={[
            {
              title: t('projectEngagement.party'),
              fixed: 'left',
              render: (_, p) => (
                <Space direction="vertical" size={0}>
                  <span data-testid="heat-party">{name(p.organization)}</span>
                  <Typography.Text type="secondary">
                    {t('projectEngagement.daysSilent', { days: p.daysSilent })}
                    {p.medianResponseHours !== null
                      ? ` · ${t('projectEngagement.responseHours', { hours: p.medianResponseHours })}`
                      : ''}
                  </Typography.Text>
                </Space>
              ),
            },
            ...stages.map((stage) => ({
              title: (
                <span>
                  {t(projectStageKey(stage))}
                  {stage === data.currentStage ? ` · ${t('projectEngagement.current')}` : ''}
                </span>
              ),
              key: stage,
              render: (_: unknown, p: PartyEngagementView) => {
                const cell = p.cells.find((c) => c.stage === stage);
                if (!cell) return null;
                const isCurrent = stage === data.currentStage;
                const flagged = p.flagged && (isCurrent || cell.overdueTasks > 0);
                const tone = cellTone(cell, {
                  stageIndex: stages.indexOf(stage),
                  currentIndex: stages.indexOf(data.currentStage),
                  silentAfterDays: data.silentAfterDays,
                  flagged,
                });
                return <Cell cell={cell} party={p} tone={tone} flagged={flagged} />;
              },
            })),
          ]}
        />
        <Space wrap style={{ marginTop: 8 }}>
          {(['none', 'low', 'medium', 'high', 'flagged', 'future'] as const).map((tone) => (
            <Space key={tone} size={4}>
              <span
                style={{
                  display: 'inline-block',
                  width: 14,
                  height: 14,
                  background: TONE_COLOURS[tone],
                  border: '1px solid #d9d9d9',
                }}
              />
              <Typography.Text type="secondary">{t(`projectEngagement.tones.${tone}`)}</Typography.Text>
            </Space>
          ))}
        </Space>
      </Card>

      <Card
        size="small"
        title={t('projectEngagement.flags')}
        extra={
          data.permissions.sweep ? (
            <Button
              size="small"
              loading={busy}
              data-testid="engagement-sweep"
              onClick={() => void run(() => sweepEngagement(api, projectId))}
            >
              {t('projectEngagement.sweep')}
            </Button>
          ) : null
        }
      >
        {flaggedNow.length === 0 ? (
          <Empty description={t('projectEngagement.noneFlagged')} />
        ) : (
          <Table
            rowKey={(p) => p.organization.id}
            size="small"
            pagination={false}
            data-testid="flag-list"
            dataSource={flaggedNow}
            columns={[
              { title: t('projectEngagement.party'), render: (_, p) => name(p.organization) },
              { title: t('projectEngagement.reason'), render: (_, p) => <ReasonTags reasons={p.reasons} /> },
              { title: t('projectEngagement.silentDays'), dataIndex: 'daysSilent' },
              { title: t('projectEngagement.overdueTasks'), dataIndex: 'overdueTasks' },
              {
                title: t('projectEngagement.flaggedSince'),
                render: (_, p) =>
                  p.flaggedSince ? formatDateTime(p.flaggedSince) : t('projectEngagement.notYetRaised'),
              },
            ]}
          />
        )}
        {data.flags.some((f) => f.clearedAt !== null) ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('projectEngagement.history')}:{' '}
            {data.flags
              .filter((f) => f.clearedAt !== null)
              .slice(0, 5)
              .map((f) =>
                t('projectEngagement.historyItem', {
                  party: name(f.organization),
                  from: formatDateTime(f.flaggedAt),
                  to: formatDateTime(f.clearedAt),
                }),
              )
              .join('；')}
          </Typography.Paragraph>
        ) : null}
      </Card>

      <Card size="small" title={t('projectEngagement.threshold')}>
        {data.permissions.configure ? (
          <Space>
            <InputNumber
              min={1}
              max={365}
              precision={0}
              value={days ?? data.silentAfterDays}
              onChange={(v) => setDays(typeof v === 'number' ? v : null)}
              data-testid="threshold-input"
            />
            <span>{t('projectEngagement.days')}</span>
            <Button
              type="primary"
              loading={busy}
              data-testid="threshold-save"
              disabled={days === null || days === data.silentAfterDays}
              onClick={() =>
                void run(() =>
                  updateEngagementSettings(api, projectId, {
                    version: data.projectVersion,
                    silentAfterDays: days ?? data.silentAfterDays,
                  }),
                ).then(() => setDays(null))
              }
            >
              {t('projectEngagement.save')}
            </Button>
          </Space>
        ) : (
          <Typography.Text>
            {t('projectEngagement.thresholdIs', { days: data.silentAfterDays })}
          </Typography.Text>
        )}
      </Card>
    </Space>
  );
}

/** The cluster office's view: every active project's flagged parties. */
export function ClusterEngagementPanel() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const view = useResource((signal) => getClusterEngagement(api, signal), [api]);
  const rows = (view.data?.projects ?? []).flatMap((p) =>
    p.flagged.map((f) => ({ key: `${p.projectId}:${f.organization.id}`, project: p, flag: f })),
  );
  if (view.error) return <Alert type="error" showIcon message={errorText(t, view.error)} />;
  return (
    <Table
      size="small"
      data-testid="cluster-engagement"
      loading={view.loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty description={t('projectEngagement.noneFlagged')} /> }}
      columns={[
        {
          title: t('projectEngagement.project'),
          render: (_, r) => <Link to={`/projects/${r.project.projectId}`}>{r.project.projectTitle}</Link>,
        },
        {
          title: t('projectEngagement.party'),
          render: (_, r) => localizedNames(r.flag.organization, i18n.language).primary,
        },
        { title: t('projectEngagement.reason'), render: (_, r) => <ReasonTags reasons={r.flag.reasons} /> },
        { title: t('projectEngagement.silentDays'), render: (_, r) => r.flag.daysSilent },
        { title: t('projectEngagement.overdueTasks'), render: (_, r) => r.flag.overdueTasks },
        {
          title: t('projectEngagement.flaggedSince'),
          render: (_, r) =>
            r.flag.flaggedSince ? formatDateTime(r.flag.flaggedSince) : t('projectEngagement.notYetRaised'),
        },
      ]}
    />
  );
}
