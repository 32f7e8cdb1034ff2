/** Small pieces that show directory records the same way on every page. */
import { EyeInvisibleOutlined, GlobalOutlined, LockOutlined, TeamOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  AchievementKind,
  CooperationMode,
  ListingStatus,
  NeedStatus,
  Owner,
  TransferMode,
  VisibilityTier,
} from '../../../../src/modules/directory/schemas';
import type { Cluster } from '../organizations/api';
import { KindTag, localizedNames } from '../organizations/display';
import {
  achievementKindKey,
  cooperationModeKey,
  listingStatusKey,
  needStatusKey,
  tierHelpKey,
  tierKey,
  transferModeKey,
} from './labels';

const TIER_ICONS: Record<VisibilityTier, ReactNode> = {
  public: <GlobalOutlined />,
  registered: <TeamOutlined />,
  parties: <LockOutlined />,
};
const TIER_COLORS: Record<VisibilityTier, string> = {
  public: 'green',
  registered: 'blue',
  parties: 'volcano',
};

/** Who may see the details, with the rule in a tooltip. */
export function TierTag({ tier }: { tier: VisibilityTier }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(tierHelpKey(tier))}>
      <Tag color={TIER_COLORS[tier]} icon={TIER_ICONS[tier]} data-testid="tier-tag" data-tier={tier}>
        {t(tierKey(tier))}
      </Tag>
    </Tooltip>
  );
}

/** Marks a row whose details the tier hides from the caller. */
export function HiddenMark() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('listing.detailsHiddenHint')}>
      <EyeInvisibleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} data-testid="details-hidden-mark" />
    </Tooltip>
  );
}

const NEED_STATUS_COLORS: Record<NeedStatus, string> = {
  open: 'processing',
  in_talks: 'gold',
  matched: 'success',
  closed: 'default',
};

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={NEED_STATUS_COLORS[status]} data-testid="status-tag" data-status={status}>
      {t(needStatusKey(status))}
    </Tag>
  );
}

export function ListingStatusTag({ status }: { status: ListingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'active' ? 'processing' : 'default'} data-testid="status-tag" data-status={status}>
      {t(listingStatusKey(status))}
    </Tag>
  );
}

export function CooperationModeTags({ modes }: { modes: readonly CooperationMode[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {modes.map((mode) => (
        <Tag key={mode}>{t(cooperationModeKey(mode))}</Tag>
      ))}
    </Space>
  );
}

export function TransferModeTags({ modes }: { modes: readonly TransferMode[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {modes.map((mode) => (
        <Tag key={mode}>{t(transferModeKey(mode))}</Tag>
      ))}
    </Space>
  );
}

export function AchievementKindTag({ kind }: { kind: AchievementKind }) {
  const { t } = useTranslation();
  return <Tag color="purple">{t(achievementKindKey(kind))}</Tag>;
}

export function TrlTag({ trl }: { trl: number }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('listing.trlHelp')}>
      <Tag color="cyan" data-testid="trl-tag">
        {t('listing.trlValue', { trl })}
      </Tag>
    </Tooltip>
  );
}

export function KeywordTags({ keywords, testId }: { keywords: readonly string[]; testId?: string }) {
  return (
    <Space size={[0, 4]} wrap data-testid={testId}>
      {keywords.map((keyword) => (
        <Tag key={keyword} variant="filled">
          {keyword}
        </Tag>
      ))}
    </Space>
  );
}

/** The organisation that posted a record, linked to its profile. */
export function OwnerLink({ owner, showKind = false }: { owner: Owner; showKind?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <Space size={4} wrap>
      <Link to={`/organizations/${owner.id}`} data-testid="owner-link">
        {localizedNames(owner, i18n.language).primary}
      </Link>
      {showKind ? <KindTag kind={owner.kind} /> : null}
    </Space>
  );
}

export function ClusterName({ cluster }: { cluster: Cluster | null }) {
  const { t, i18n } = useTranslation();
  return cluster ? (
    <>{localizedNames(cluster, i18n.language).primary}</>
  ) : (
    <Typography.Text type="secondary">{t('common.emptyValue')}</Typography.Text>
  );
}

/** An amount in fen shown as yuan, e.g. ¥1,500,000. */
export function formatFen(fen: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', {
    style: 'currency',
    currency: 'CNY',
    maximumFractionDigits: 2,
    minimumFractionDigits: 0,
  }).format(fen / 100);
}

/** A budget range in the current language: "¥500,000 – ¥1,500,000", "up to …", "from …". */
export function BudgetText({ minFen, maxFen }: { minFen: number | null; maxFen: number | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (minFen !== null && maxFen !== null)
    return <>{t('listing.budgetRange', { min: formatFen(minFen, lang), max: formatFen(maxFen, lang) })}</>;
  if (maxFen !== null) return <>{t('listing.budgetUpTo', { max: formatFen(maxFen, lang) })}</>;
  if (minFen !== null) return <>{t('listing.budgetFrom', { min: formatFen(minFen, lang) })}</>;
  return <Typography.Text type="secondary">{t('listing.budgetOpen')}</Typography.Text>;
}

/** A person's name in the current language first. */
export function expertName(expert: { nameZh: string; nameEn: string }, language: string): string {
  return localizedNames(expert, language).primary;
}
