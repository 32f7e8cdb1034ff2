/** The reasons a suggestion ranks where it does, as sentences a person can check. */
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { District, OrganizationKind } from '../../../../src/modules/organizations/schemas';
import { chainPositionKey, districtKey, kindKey } from '../../i18n/labels';
import { useClusters } from '../organizations/useClusters';
import type { MatchReasonView } from './api';
import { reasonKey } from './labels';

/** Reasons that count against a pair are shown in the warning colour. */
const CAUTIONS: ReadonlySet<MatchReasonView['code']> = new Set(['declined_before', 'limited_availability']);

export function MatchReasons({
  reasons,
  testId = 'match-reasons',
}: {
  reasons: readonly MatchReasonView[];
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const clusters = useClusters();
  const clusterName = (slug: string): string => {
    const cluster = clusters.data?.find((c) => c.slug === slug);
    if (!cluster) return slug;
    return i18n.language === 'en' ? cluster.nameEn || cluster.nameZh : cluster.nameZh || cluster.nameEn;
  };

  const render = (reason: MatchReasonView): ReactNode => {
    switch (reason.code) {
      case 'shared_terms':
        return (
          <Flex gap={4} wrap align="center">
            <span>{t(reasonKey(reason.code))}</span>
            {reason.terms.map((term) => (
              <Tag key={term} color="geekblue" style={{ marginInlineEnd: 0 }} data-testid="match-term">
                {term}
              </Tag>
            ))}
            {(reason.concepts ?? []).map((concept) => (
              <Tag key={`concept-${concept}`} style={{ marginInlineEnd: 0 }} data-testid="match-concept">
                {concept.replace(/_/g, ' ')}
              </Tag>
            ))}
          </Flex>
        );
      case 'kind_fit':
        return t(reasonKey(reason.code), { kind: t(kindKey(reason.kind as OrganizationKind)) });
      case 'shared_cluster':
        return t(reasonKey(reason.code), { cluster: clusterName(reason.cluster) });
      case 'chain_complement':
        return t(reasonKey(reason.code), {
          cluster: clusterName(reason.cluster),
          from: t(chainPositionKey(reason.from)),
          to: t(chainPositionKey(reason.to)),
        });
      case 'same_district':
        return t(reasonKey(reason.code), {
          district: t(districtKey(reason.district as District), { defaultValue: reason.district }),
        });
      case 'same_country':
        return t(reasonKey(reason.code), { country: reason.country });
      case 'past_collaboration':
        return t(reasonKey(reason.code), { count: reason.count });
      case 'network_proximity':
        return t(reasonKey(reason.code), { count: reason.via });
      case 'track_record':
        return t(reasonKey(reason.code), { count: reason.projects });
      case 'semantic_similarity':
        return t(reasonKey(reason.code), { similarity: reason.similarity.toFixed(2) });
      case 'limited_availability':
      case 'declined_before':
        return t(reasonKey(reason.code));
    }
  };

  if (reasons.length === 0)
    return <Typography.Text type="secondary">{t('matches.noReasons')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={testId}>
      {reasons.map((reason, index) => (
        <li key={`${reason.code}-${index}`} data-testid="match-reason" data-code={reason.code}>
          {CAUTIONS.has(reason.code) ? (
            <Typography.Text type="warning">{render(reason)}</Typography.Text>
          ) : (
            render(reason)
          )}
        </li>
      ))}
    </ul>
  );
}
