/**
 * Suggested partners on a record's page, for its organisation: organisations, achievements,
 * experts and capabilities for a need; needs for a capability or achievement. Each suggestion
 * shows its score and reasons, and either its place in the pipeline or the first steps.
 */
import { CloseOutlined, SendOutlined, StarOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Progress,
  Segmented,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  COUNTERPART_TYPES,
  type CounterpartType,
  type DeclineReason,
} from '../../../../src/modules/matches/schemas';
import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { localizedNames } from '../organizations/display';
import {
  createMatch,
  partyPath,
  suggestMatches,
  type MatchSubjectKind,
  type Suggestion,
  type SuggestionList,
} from './api';
import { counterpartTypeKey, matchStatusKey, STATUS_COLORS } from './labels';
import { DeclineDialog, NoteDialog } from './MatchDialogs';
import { MatchReasons } from './MatchReasons';

const LIMIT = 10;
/** What a need is matched with, in the order the tabs show them. */
const NEED_TYPES = [
  'organization',
  'achievement',
  'expert',
  'capability',
] as const satisfies readonly CounterpartType[];

export function MatchesPanel({ kind, recordId }: { kind: MatchSubjectKind; recordId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [type, setType] = useState<CounterpartType>('organization');
  const suggestions = useResource(
    (signal) => suggestMatches(api, { kind, id: recordId }, { type, limit: LIMIT }, signal),
    [api, kind, recordId, type],
  );

  return (
    <Card
      title={kind === 'need' ? t('matches.panelTitleNeed') : t('matches.panelTitleSupply')}
      style={{ marginTop: 16 }}
      data-testid="matches-panel"
      extra={
        <Link
          to={`/matches${kind === 'need' ? `?need=${recordId}` : ''}`}
          data-testid="matches-pipeline-link"
        >
          {t('matches.openPipeline')}
        </Link>
      }
    >
      <Typography.Paragraph type="secondary">
        {kind === 'need' ? t('matches.panelHelpNeed') : t('matches.panelHelpSupply')}
      </Typography.Paragraph>
      {kind === 'need' ? (
        <Segmented<CounterpartType>
          value={type}
          onChange={setType}
          options={NEED_TYPES.filter((v) => COUNTERPART_TYPES.includes(v)).map((value) => ({
            value,
            label: <span data-testid={`matches-type-${value}`}>{t(counterpartTypeKey(value))}</span>,
          }))}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <ErrorAlert error={suggestions.error} onRetry={suggestions.reload} />
      <SuggestionItems
        list={suggestions.data}
        loading={suggestions.loading}
        subjectKind={kind}
        subjectId={recordId}
        onChanged={suggestions.reload}
      />
    </Card>
  );
}

function SuggestionItems({
  list,
  loading,
  subjectKind,
  subjectId,
  onChanged,
}: {
  list: SuggestionList | undefined;
  loading: boolean;
  subjectKind: MatchSubjectKind;
  subjectId: string;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [contacting, setContacting] = useState<Suggestion | null>(null);
  const [declining, setDeclining] = useState<Suggestion | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const best = Math.max(...(list?.items.map((i) => i.score) ?? [0]), 1e-9);

  /** The pair a suggestion stands for: the need and its counterpart, whichever side asks. */
  const pairOf = (item: Suggestion) =>
    subjectKind === 'need'
      ? {
          needId: subjectId,
          counterpartType: item.counterpart.type as CounterpartType,
          counterpartId: item.counterpart.id,
        }
      : { needId: item.counterpart.id, counterpartType: subjectKind, counterpartId: subjectId };

  const put = async (
    item: Suggestion,
    status: 'suggested' | 'contacted' | 'declined',
    extra: { reason?: DeclineReason; note?: string | undefined } = {},
  ) => {
    await createMatch(api, { ...pairOf(item), status, ...extra });
    void message.success(t(`matches.created.${status}`));
    onChanged();
  };

  const shortlist = async (item: Suggestion) => {
    setError(null);
    setBusy(item.counterpart.id);
    try {
      await put(item, 'suggested');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <ErrorAlert error={error} onReload={onChanged} />
      <List<Suggestion>
        loading={loading}
        dataSource={list?.items ?? []}
        locale={{ emptyText: <Empty description={t('matches.noSuggestions')} /> }}
        data-testid="match-suggestions"
        renderItem={(item) => {
          const owner = localizedNames(item.counterpart.organization, i18n.language).primary;
          const title = item.counterpart.type === 'organization' ? owner : item.counterpart.title || owner;
          return (
            <List.Item
              data-testid="match-suggestion"
              data-counterpart-id={item.counterpart.id}
              actions={[
                item.match ? (
                  <Space key="status" orientation="vertical" size={2} align="end">
                    <Tag
                      color={STATUS_COLORS[item.match.status]}
                      data-testid="match-status"
                      data-status={item.match.status}
                    >
                      {t(matchStatusKey(item.match.status))}
                    </Tag>
                    <Link to={`/matches/${item.match.id}`} data-testid="match-open">
                      {t('matches.openMatch')}
                    </Link>
                  </Space>
                ) : (
                  <Space key="act" wrap>
                    <Button
                      type="primary"
                      size="small"
                      icon={<SendOutlined />}
                      onClick={() => setContacting(item)}
                      data-testid="match-contact"
                    >
                      {t('matches.action.contact')}
                    </Button>
                    <Tooltip title={t('matches.shortlistHelp')}>
                      <Button
                        size="small"
                        icon={<StarOutlined />}
                        loading={busy === item.counterpart.id}
                        onClick={() => void shortlist(item)}
                        data-testid="match-shortlist"
                      >
                        {t('matches.shortlist')}
                      </Button>
                    </Tooltip>
                    <Button
                      size="small"
                      icon={<CloseOutlined />}
                      onClick={() => setDeclining(item)}
                      data-testid="match-not-a-fit"
                    >
                      {t('matches.notAFit')}
                    </Button>
                  </Space>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} wrap align="center">
                    <Link to={partyPath(item.counterpart)} data-testid="match-counterpart">
                      {title}
                    </Link>
                    {item.counterpart.type !== 'organization' ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {owner}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                }
                description={
                  <Flex vertical gap={4}>
                    <Tooltip title={t('matches.scoreHelp', { score: item.score.toFixed(3) })}>
                      <Progress
                        percent={Math.round((item.score / best) * 100)}
                        size="small"
                        style={{ maxWidth: 240, marginBottom: 0 }}
                        format={() => item.score.toFixed(2)}
                        data-testid="match-score"
                      />
                    </Tooltip>
                    <MatchReasons reasons={item.reasons} />
                  </Flex>
                }
              />
            </List.Item>
          );
        }}
      />
      {list ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('matches.candidates', { count: list.candidates })}
        </Typography.Text>
      ) : null}
      <NoteDialog
        open={contacting !== null}
        title={t('matches.contactTitle')}
        help={t('matches.contactHelp')}
        okText={t('matches.action.contact')}
        testId="match-contact-dialog"
        onClose={() => setContacting(null)}
        onSubmit={async (note) => {
          if (!contacting) return;
          await put(contacting, 'contacted', { note });
          setContacting(null);
        }}
      />
      <DeclineDialog
        open={declining !== null}
        onClose={() => setDeclining(null)}
        onSubmit={async (reason, note) => {
          if (!declining) return;
          await put(declining, 'declined', { reason, note });
          setDeclining(null);
        }}
      />
    </>
  );
}
