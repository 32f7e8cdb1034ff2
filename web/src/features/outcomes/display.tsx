/** Labels and small views the outcomes pages share. */
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../organizations/display';
import type { Income, IncomeKind, Outcome, OutcomeKind } from './api';
import { formatBasisPoints } from './money';

export function outcomeKindKey(kind: OutcomeKind): string {
  return `outcomes.kinds.${kind}`;
}

export function incomeKindKey(kind: IncomeKind): string {
  return `outcomes.income.kinds.${kind}`;
}

export function incomeMethodKey(method: Income['method']): string {
  return `outcomes.income.methods.${method}`;
}

/** The owners of an outcome, each with its share. */
export function Owners({ outcome }: { outcome: Pick<Outcome, 'shares'> }) {
  const { t } = useTranslation();
  const name = useLocalizedName();
  if (outcome.shares.length === 0)
    return <Typography.Text type="secondary">{t('outcomes.noShares')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {outcome.shares.map((s) => (
        <Tag key={s.holderKey} data-testid="outcome-owner">
          {s.organization ? name(s.organization) : (s.name ?? s.holderKey)} {formatBasisPoints(s.basisPoints)}
        </Tag>
      ))}
    </Space>
  );
}
