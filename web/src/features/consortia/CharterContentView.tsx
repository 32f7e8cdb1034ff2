/** A charter version's content for reading: what members read before they sign, and the one in force. */
import { Descriptions, Flex, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OUTCOME_TYPES, type CharterContent, type Share } from '../../../../src/modules/consortia/schemas';
import { basisPointsToPercent, fenToYuan } from './amounts';
import {
  backgroundAccessKey,
  contributionKindKey,
  disputeStepKey,
  distributionMethodKey,
  exitIncomeKey,
  exitIpKey,
  licensingRightKey,
  memberUseKey,
  outcomeTypeKey,
  projectStageKey,
} from './labels';

function SharesText({ shares, nameOf }: { shares: readonly Share[]; nameOf: (id: string) => string }) {
  if (shares.length === 0) return <>—</>;
  return (
    <Flex wrap gap={4}>
      {shares.map((share) => (
        <Tag key={share.memberId}>
          {nameOf(share.memberId)} {basisPointsToPercent(share.basisPoints)}%
        </Tag>
      ))}
    </Flex>
  );
}

export function CharterContentView({
  content,
  nameOf,
}: {
  content: CharterContent;
  nameOf: (organizationId: string) => string;
}) {
  const { t } = useTranslation();
  const empty = t('common.emptyValue');
  const k = (key: string) => t(`consortia.charter.key.${key}`);
  return (
    <div data-testid="charter-content">
      <Typography.Title level={5}>{k('objectives')}</Typography.Title>
      {content.objectives.length === 0 ? (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      ) : (
        <ol style={{ marginTop: 0 }}>
          {content.objectives.map((objective, index) => (
            <li key={index}>{objective}</li>
          ))}
        </ol>
      )}
      <Typography.Title level={5}>{k('workPackages')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={content.workPackages}
        scroll={{ x: 720 }}
        columns={[
          { title: k('id'), dataIndex: 'id', width: 70 },
          { title: k('title'), dataIndex: 'title' },
          { title: k('stage'), key: 'stage', width: 90, render: (_, wp) => t(projectStageKey(wp.stage)) },
          {
            title: k('responsibleMemberId'),
            key: 'responsible',
            render: (_, wp) => (wp.responsibleMemberId ? nameOf(wp.responsibleMemberId) : empty),
          },
          {
            title: k('contributingMemberIds'),
            key: 'contributing',
            render: (_, wp) => wp.contributingMemberIds.map(nameOf).join('、') || empty,
          },
          {
            title: k('deliverables'),
            key: 'deliverables',
            render: (_, wp) => wp.deliverables.map((d) => `${d.id} ${d.title}`).join('；') || empty,
          },
        ]}
      />
      <Typography.Title level={5}>{k('contributions')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={content.contributions}
        scroll={{ x: 720 }}
        columns={[
          { title: k('memberId'), key: 'member', render: (_, c) => nameOf(c.memberId) },
          { title: k('kind'), key: 'kind', width: 100, render: (_, c) => t(contributionKindKey(c.kind)) },
          { title: k('description'), dataIndex: 'description' },
          {
            title: k('valuationFen'),
            key: 'valuation',
            align: 'right',
            render: (_, c) => (
              <span data-testid="charter-contribution-value">¥{fenToYuan(c.valuationFen)}</span>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{k('backgroundIp')}</Typography.Title>
      {content.backgroundIp.length === 0 ? (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={content.backgroundIp}
          renderItem={(item) => (
            <List.Item key={item.id}>
              {item.id} · {item.title} · {nameOf(item.ownerMemberId)} ·{' '}
              {t(backgroundAccessKey(item.projectAccess))} / {t(backgroundAccessKey(item.exploitationAccess))}
            </List.Item>
          )}
        />
      )}
      <Typography.Title level={5}>{k('foregroundIp')}</Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={OUTCOME_TYPES.map((type) => {
          const rule = content.foregroundIp[type];
          return {
            key: type,
            label: t(outcomeTypeKey(type)),
            children: (
              <div data-testid={`charter-foreground-${type}`}>
                <SharesText shares={rule.shares} nameOf={nameOf} />
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t(licensingRightKey(rule.licensing.whoMayLicense))}
                  {rule.licensing.whoMayLicense === 'designated_members'
                    ? `（${rule.licensing.designatedMemberIds.map(nameOf).join('、')}）`
                    : ''}
                  {' · '}
                  {t(memberUseKey(rule.licensing.memberUse))}
                  {rule.licensing.terms ? ` · ${rule.licensing.terms}` : ''}
                </Typography.Text>
              </div>
            ),
          };
        })}
      />
      <Descriptions
        size="small"
        bordered
        column={1}
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'firstRefusal',
            label: k('firstRefusal'),
            children: t('consortia.charter.days', { count: content.firstRefusal.offerPeriodDays }),
          },
          {
            key: 'benefit',
            label: k('benefit'),
            children: (
              <div data-testid="charter-benefit">
                {t(distributionMethodKey(content.benefit.method))}
                {content.benefit.method === 'fixed' ? (
                  <SharesText shares={content.benefit.shares} nameOf={nameOf} />
                ) : null}
                {content.benefit.costRecovery ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t('consortia.charter.costRecoveryOf', {
                      kinds: content.benefit.costRecovery.kinds
                        .map((kind) => t(contributionKindKey(kind)))
                        .join('、'),
                    })}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          },
          {
            key: 'exit',
            label: k('exit'),
            children: (
              <>
                {t('consortia.charter.noticeDays', { count: content.exit.noticeDays })} ·{' '}
                {t(exitIpKey(content.exit.foregroundIp))} · {t(exitIncomeKey(content.exit.futureIncome))}
                {content.exit.conditions ? ` · ${content.exit.conditions}` : ''}
              </>
            ),
          },
          {
            key: 'dispute',
            label: k('dispute'),
            children:
              content.dispute.steps
                .map(
                  (s) =>
                    `${t(disputeStepKey(s.step))}${s.forum ? `（${s.forum}）` : ''}${
                      s.days ? ` ${t('consortia.charter.days', { count: s.days })}` : ''
                    }`,
                )
                .join(' → ') || empty,
          },
        ]}
      />
    </div>
  );
}
