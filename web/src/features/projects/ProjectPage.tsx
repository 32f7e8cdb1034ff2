/** /projects/:id: the stage timeline, the gate, milestones, tasks, parties, history and the features' tabs. */
import { EditOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Steps,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PROJECT_STAGES, type StageAction } from '../../../../src/modules/projects/schemas';
import { ApiError, useApi } from '../../api/client';
import { errorText } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { localizedNames } from '../organizations/display';
import { getProject, stageAction, type Project } from './api';
import { OrganizationName, ProjectStatusTag, roleKey, stageKey } from './display';
import { EditProjectDialog } from './EditProjectDialog';
import { GatePanel } from './GatePanel';
import { Milestones } from './Milestones';
import { PROJECT_EXTRA_TABS } from './ProjectTabs';
import { TaskBoard } from './TaskBoard';

export function ProjectPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { id = '' } = useParams();
  const project = useResource((signal) => getProject(api, id, signal), [api, id]);

  if (!project.data && project.loading) return <PageSpin />;
  if (!project.data) {
    if (project.error instanceof ApiError && project.error.status === 404)
      return (
        <Result status="404" title={t('common.notFoundTitle')} subTitle={t('errors.record.not_found')} />
      );
    return <ErrorAlert error={project.error} onRetry={project.reload} />;
  }
  return <ProjectView project={project.data} onChange={project.setData} onReload={project.reload} />;
}

/** The stage timeline: done stages, the current one (paused or stopped when the project is). */
function StageSteps({ project }: { project: Project }) {
  const { t } = useTranslation();
  const current = PROJECT_STAGES.indexOf(project.stage);
  const status =
    project.status === 'terminated'
      ? 'error'
      : project.status === 'closed'
        ? 'finish'
        : project.status === 'suspended'
          ? 'wait'
          : 'process';
  return (
    <Steps
      current={current}
      status={status}
      size="small"
      data-testid="project-steps"
      items={PROJECT_STAGES.map((stage) => ({ title: t(stageKey(stage)) }))}
    />
  );
}

function ProjectView({
  project,
  onChange,
  onReload,
}: {
  project: Project;
  onChange: (project: Project) => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [asking, setAsking] = useState<'suspend' | 'terminate' | null>(null);
  const [busy, setBusy] = useState<StageAction | null>(null);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { permissions, gate } = project;

  const act = async (action: StageAction, reason?: string) => {
    setBusy(action);
    try {
      onChange(
        await stageAction(api, project.id, action, {
          version: project.version,
          ...(reason ? { reason } : {}),
        }),
      );
      setAsking(null);
    } catch (error) {
      void message.error(errorText(t, error));
      if (error instanceof ApiError && error.code === 'record.version_conflict') onReload();
    } finally {
      setBusy(null);
    }
  };

  const tabs = [
    {
      key: 'overview',
      label: <span data-testid="project-tab-overview">{t('projects.tabs.overview')}</span>,
      children: (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={9}>
            <GatePanel project={project} onChange={onChange} />
          </Col>
          <Col xs={24} xl={15}>
            <Milestones project={project} onChange={onChange} onReload={onReload} />
          </Col>
        </Row>
      ),
    },
    {
      key: 'tasks',
      label: <span data-testid="project-tab-tasks">{t('projects.tabs.tasks')}</span>,
      children: <TaskBoard project={project} />,
    },
    {
      key: 'parties',
      label: <span data-testid="project-tab-parties">{t('projects.tabs.parties')}</span>,
      children: (
        <Card styles={{ body: { padding: 0 } }}>
          <Table
            rowKey={(p) => p.organization.id}
            size="small"
            pagination={false}
            dataSource={project.partyList}
            data-testid="project-parties"
            columns={[
              {
                title: t('projects.fields.parties'),
                key: 'organization',
                render: (_, p) => <OrganizationName organization={p.organization} />,
              },
              { title: '', key: 'role', width: 140, render: (_, p) => <Tag>{t(roleKey(p.role))}</Tag> },
              { title: '', key: 'joined', width: 180, render: (_, p) => formatDateTime(p.joinedAt) },
            ]}
          />
        </Card>
      ),
    },
    {
      key: 'history',
      label: <span data-testid="project-tab-history">{t('projects.tabs.history')}</span>,
      children: (
        <Card>
          <Timeline
            data-testid="project-history"
            items={project.history.map((e) => ({
              color: e.action === 'terminate' ? 'red' : e.action === 'suspend' ? 'orange' : 'blue',
              children: (
                <div>
                  <Typography.Text strong>{t(`projects.history.${e.action}`)}</Typography.Text>{' '}
                  <Tag>{t(stageKey(e.toStage))}</Tag>
                  <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                  {e.reason ? <div>{e.reason}</div> : null}
                </div>
              ),
            }))}
          />
        </Card>
      ),
    },
    ...PROJECT_EXTRA_TABS.map((tab) => ({
      key: tab.key,
      label: <span data-testid={`project-tab-${tab.key}`}>{t(tab.labelKey)}</span>,
      children: tab.render({ project, reload: onReload }),
    })),
  ];
  const activeTab = tabs.some((tab) => tab.key === params.get('tab'))
    ? (params.get('tab') as string)
    : 'overview';

  return (
    <>
      <PageHeader
        title={<span data-testid="project-title">{project.title}</span>}
        subtitle={project.summary ? <span data-testid="project-summary">{project.summary}</span> : undefined}
        tags={<ProjectStatusTag status={project.status} />}
        extra={
          <Flex gap={8} wrap>
            {permissions.update ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
                {t('projects.edit.open')}
              </Button>
            ) : null}
            {permissions.advance && gate.next ? (
              <Button
                type="primary"
                disabled={!gate.open}
                loading={busy === 'advance'}
                onClick={() => void act('advance')}
                data-testid="project-advance"
              >
                {t('projects.actions.advance', { stage: t(stageKey(gate.next)) })}
              </Button>
            ) : null}
            {permissions.resume ? (
              <Button
                loading={busy === 'resume'}
                onClick={() => void act('resume')}
                data-testid="project-resume"
              >
                {t('projects.actions.resume')}
              </Button>
            ) : null}
            {permissions.suspend ? (
              <Button onClick={() => setAsking('suspend')} data-testid="project-suspend">
                {t('projects.actions.suspend')}
              </Button>
            ) : null}
            {permissions.terminate ? (
              <Button danger onClick={() => setAsking('terminate')} data-testid="project-terminate">
                {t('projects.actions.terminate')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <StageSteps project={project} />
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('projects.fields.origin')}>
            {project.consortium ? (
              <Link to={`/consortia/${project.consortium.id}`}>
                {localizedNames(project.consortium, i18n.language).primary}
              </Link>
            ) : (
              t('projects.kind.bilateral')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.fields.lead')}>
            <OrganizationName organization={project.lead} />
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.fields.silentAfterDays')}>
            {project.silentAfterDays}
          </Descriptions.Item>
        </Descriptions>
        {project.statusReason ? (
          <Typography.Paragraph
            type="warning"
            style={{ marginBottom: 0 }}
            data-testid="project-status-reason"
          >
            {t('projects.statusReason', { reason: project.statusReason })}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Tabs
        activeKey={activeTab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === 'overview') next.delete('tab');
          else next.set('tab', key);
          setParams(next, { replace: true });
        }}
        items={tabs}
        destroyOnHidden
      />
      <EditProjectDialog
        project={project}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={onChange}
        onReload={onReload}
      />
      <Modal
        open={asking !== null}
        title={t(
          asking === 'terminate' ? 'projects.actions.terminateTitle' : 'projects.actions.suspendTitle',
        )}
        onCancel={() => setAsking(null)}
        destroyOnHidden
        confirmLoading={busy !== null}
        onOk={() => form.submit()}
        okButtonProps={{ danger: asking === 'terminate', 'data-testid': 'project-reason-submit' }}
        cancelText={t('common.cancel')}
      >
        {asking === 'terminate' ? (
          <Typography.Paragraph type="danger">{t('projects.actions.terminateWarning')}</Typography.Paragraph>
        ) : null}
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => asking && void act(asking, values.reason.trim())}
        >
          <Form.Item
            name="reason"
            label={t('projects.fields.reason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="project-field-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
