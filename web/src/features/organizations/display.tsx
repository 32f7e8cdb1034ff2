/** Small pieces that show an organisation the same way on every page. */
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  ChainPosition,
  OrganizationKind,
  ServiceType,
  SizeClass,
  VerificationStatus,
} from '../../../../src/modules/organizations/schemas';
import { chainPositionKey, kindKey, serviceTypeKey, sizeClassKey, verificationKey } from '../../i18n/labels';
import { KIND_COLORS } from '../../theme';
import type { Cluster } from './api';

interface Named {
  nameZh: string;
  nameEn: string;
}

/** The name in the current language first, the other one second. */
export function localizedNames(named: Named, language: string): { primary: string; secondary: string } {
  return language === 'en'
    ? { primary: named.nameEn || named.nameZh, secondary: named.nameZh }
    : { primary: named.nameZh || named.nameEn, secondary: named.nameEn };
}

/** The name in the current language. */
export function useLocalizedName(): (named: Named) => string {
  const { i18n } = useTranslation();
  return (named) => localizedNames(named, i18n.language).primary;
}

export function KindTag({ kind }: { kind: OrganizationKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind]} data-testid="kind-tag">
      {t(kindKey(kind))}
    </Tag>
  );
}

export function SizeTag({ sizeClass }: { sizeClass: SizeClass }) {
  const { t } = useTranslation();
  return <Tag color={sizeClass === 'leading' ? 'volcano' : 'default'}>{t(sizeClassKey(sizeClass))}</Tag>;
}

export function ServiceTypeTag({ serviceType }: { serviceType: ServiceType }) {
  const { t } = useTranslation();
  return <Tag>{t(serviceTypeKey(serviceType))}</Tag>;
}

export function VerificationTag({ status }: { status: VerificationStatus }) {
  const { t } = useTranslation();
  return status === 'verified' ? (
    <Tag color="success" icon={<CheckCircleFilled />} data-testid="verification-tag">
      {t(verificationKey(status))}
    </Tag>
  ) : (
    <Tag color="warning" icon={<ClockCircleOutlined />} data-testid="verification-tag">
      {t(verificationKey(status))}
    </Tag>
  );
}

export function DemoTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('app.demoRecordHint')}>
      <Tag color="orange" variant="outlined" data-testid="demo-tag">
        {t('app.demoTag')}
      </Tag>
    </Tooltip>
  );
}

const CHAIN_COLORS: Record<ChainPosition, string> = {
  upstream: 'cyan',
  midstream: 'blue',
  downstream: 'geekblue',
};

export function ChainPositionTag({ position }: { position: ChainPosition }) {
  const { t } = useTranslation();
  return (
    <Tag color={CHAIN_COLORS[position]} variant="filled">
      {t(chainPositionKey(position))}
    </Tag>
  );
}

/** A cluster with the organisation's chain position in it. */
export function ClusterBadge({ cluster, position }: { cluster: Cluster; position: ChainPosition }) {
  const { i18n } = useTranslation();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text style={{ marginInlineEnd: 4 }}>
        {localizedNames(cluster, i18n.language).primary}
      </Typography.Text>
      <ChainPositionTag position={position} />
    </span>
  );
}
