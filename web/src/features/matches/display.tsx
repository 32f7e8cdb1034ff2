/** How the match pages show a party of a pair and a pair's status. */
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MatchStatus } from '../../../../src/modules/matches/schemas';
import { localizedNames } from '../organizations/display';
import { partyPath, type MatchParty } from './api';
import { counterpartTypeKey, matchStatusKey, STATUS_COLORS } from './labels';

/** A need or counterpart: its title (an organisation's name) linked, its kind and organisation below. */
export function PartyCell({ party, testId }: { party: MatchParty; testId: string }) {
  const { t, i18n } = useTranslation();
  const owner = localizedNames(party.organization, i18n.language).primary;
  return (
    <div>
      <Link to={partyPath(party)} data-testid={testId} style={{ fontWeight: 500 }}>
        {party.type === 'organization' ? owner : party.title}
      </Link>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {party.type === 'organization'
          ? t(counterpartTypeKey('organization'))
          : `${t(counterpartTypeKey(party.type))} · ${owner}`}
      </Typography.Text>
    </div>
  );
}

export function StatusTag({ status }: { status: MatchStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="match-status" data-status={status}>
      {t(matchStatusKey(status))}
    </Tag>
  );
}
