/** The gate out of the current stage: what it still misses, who signs off, and the sign-off buttons. */
import { CheckCircleTwoTone, ClockCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/client';
import { errorText } from '../../api/errors';
import { localizedNames } from '../organizations/display';
import { signOff, type Project } from './api';
import { stageKey } from './display';

export function GatePanel({ project, onChange }: { project: Project; onChange: (project: Project) => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const { gate } = project;
  const name = (o: { nameZh: string; nameEn: string }) => localizedNames(o, i18n.language).primary;
  const signed = new Set(gate.signOffs.map((s) => s.organizationId));

  if (gate.next === null)
    return (
      <Card title={t('projects.gate.title', { stage: t(stageKey(gate.stage)) })} data-testid="gate-panel">
        <Typography.Text type="secondary">{t('projects.gate.final')}</Typography.Text>
      </Card>
    );

  const sign = async (organizationId: string) => {
    setBusy(organizationId);
    try {
      onChange(await signOff(api, project.id, gate.stage, organizationId));
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('projects.gate.title', { stage: t(stageKey(gate.stage)) })} data-testid="gate-panel">
      <Alert
        type={gate.open ? 'success' : 'warning'}
        showIcon
        title={t(gate.open ? 'projects.gate.open' : 'projects.gate.blocked')}
        style={{ marginBottom: 16 }}
        data-testid={gate.open ? 'gate-open' : 'gate-blocked'}
      />
      {gate.milestonesNotDone.length > 0 ? (
        <>
          <Typography.Text strong>{t('projects.gate.milestonesNotDone')}</Typography.Text>
          <List
            size="small"
            dataSource={gate.milestonesNotDone}
            data-testid="gate-milestones-not-done"
            renderItem={(m) => <List.Item data-testid="gate-missing-milestone">{m.title}</List.Item>}
            style={{ marginBottom: 12 }}
          />
        </>
      ) : null}
      <Typography.Text strong>{t('projects.gate.required')}</Typography.Text>
      <List
        size="small"
        dataSource={gate.requiredSignOffs}
        data-testid="gate-signoffs"
        renderItem={(o) => (
          <List.Item
            data-testid="gate-signoff"
            data-organization-id={o.id}
            actions={
              gate.canSignFor.includes(o.id)
                ? [
                    <Button
                      key="sign"
                      size="small"
                      type="primary"
                      loading={busy === o.id}
                      onClick={() => void sign(o.id)}
                      data-testid="gate-sign"
                    >
                      {t('projects.gate.signFor', { organization: name(o) })}
                    </Button>,
                  ]
                : []
            }
          >
            <Space>
              {signed.has(o.id) ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ClockCircleOutlined />}
              <span>{name(o)}</span>
              <Tag color={signed.has(o.id) ? 'success' : 'default'}>
                {t(signed.has(o.id) ? 'projects.gate.signed' : 'projects.gate.pending')}
              </Tag>
            </Space>
          </List.Item>
        )}
      />
      {gate.partiesNotSigned.length > 0 ? (
        <Flex gap={4} wrap style={{ marginTop: 8 }} data-testid="gate-parties-not-signed">
          <Typography.Text type="secondary">{t('projects.gate.partiesNotSigned')}:</Typography.Text>
          {gate.partiesNotSigned.map((o) => (
            <Tag key={o.id}>{name(o)}</Tag>
          ))}
        </Flex>
      ) : null}
    </Card>
  );
}
