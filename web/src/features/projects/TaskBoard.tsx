/** The project's tasks as a board: one column per status; add a task, move one, see the overdue ones. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Form, Input, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type TaskStatus } from '../../../../src/modules/projects/schemas';
import { useApi } from '../../api/client';
import { applyApiErrorToForm, errorText } from '../../api/errors';
import { useResource } from '../../api/useResource';
import { ErrorAlert } from '../../components/ErrorAlert';
import { localizedNames } from '../organizations/display';
import { createTask, listTasks, updateTask, type Project, type Task } from './api';
import { OrganizationName, stageKey } from './display';

interface TaskValues {
  title: string;
  description?: string;
  assigneeOrganizationId: string;
  dueDate?: string;
}

export function TaskBoard({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const tasks = useResource(
    (signal) => listTasks(api, project.id, signal),
    [api, project.id, project.version],
  );
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<TaskValues>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [moving, setMoving] = useState<string | null>(null);

  const replace = (task: Task) => {
    const items = tasks.data?.items ?? [];
    const known = items.some((x) => x.id === task.id);
    tasks.setData({ items: known ? items.map((x) => (x.id === task.id ? task : x)) : [...items, task] });
  };

  const move = async (task: Task, status: TaskStatus) => {
    setMoving(task.id);
    try {
      replace(await updateTask(api, project.id, task.id, { version: task.version, status }));
    } catch (error) {
      void message.error(errorText(t, error));
      tasks.reload();
    } finally {
      setMoving(null);
    }
  };

  const submit = async (values: TaskValues) => {
    setSending(true);
    setFailure(null);
    try {
      replace(
        await createTask(api, project.id, {
          title: values.title.trim(),
          assigneeOrganizationId: values.assigneeOrganizationId,
          ...(values.description?.trim() ? { description: values.description.trim() } : {}),
          ...(values.dueDate ? { dueDate: values.dueDate } : {}),
        }),
      );
      form.resetFields();
      setAdding(false);
    } catch (error) {
      setFailure(applyApiErrorToForm(t, form, error));
    } finally {
      setSending(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const items = tasks.data?.items ?? [];

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {project.permissions.addTask ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="task-add">
            {t('projects.tasks.add')}
          </Button>
        ) : null}
      </Space>
      <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
      <Row gutter={[12, 12]} data-testid="task-board">
        {TASK_STATUSES.map((status) => {
          const column = items.filter((task) => task.status === status);
          return (
            <Col key={status} xs={24} md={12} xl={6}>
              <Card
                size="small"
                title={
                  <Space>
                    {t(`projects.tasks.column.${status}`)}
                    <Tag>{column.length}</Tag>
                  </Space>
                }
                data-testid={`task-column-${status}`}
                styles={{ body: { background: '#fafafa', minHeight: 120 } }}
              >
                {column.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.tasks.empty')} />
                ) : null}
                <Space direction="vertical" style={{ width: '100%' }}>
                  {column.map((task) => (
                    <Card key={task.id} size="small" data-testid="task-card" data-task-id={task.id}>
                      <Typography.Text strong data-testid="task-title">
                        {task.title}
                      </Typography.Text>
                      <div style={{ fontSize: 12, marginTop: 4 }}>
                        <OrganizationName organization={task.assignee} />
                        {task.assigneeUser ? ` · ${task.assigneeUser.displayName}` : null}
                      </div>
                      <Space size={4} wrap style={{ marginTop: 4 }}>
                        <Tag>{t(stageKey(task.stage))}</Tag>
                        {task.dueDate ? <Tag>{t('projects.tasks.due', { date: task.dueDate })}</Tag> : null}
                        {task.overdue ? (
                          <Tag color="error" data-testid="task-overdue">
                            {t('projects.tasks.overdue')}
                          </Tag>
                        ) : null}
                        {task.origin === 'action_item' ? (
                          <Tag color="purple">{t('projects.tasks.fromMinutes')}</Tag>
                        ) : null}
                      </Space>
                      {task.moves.length > 0 ? (
                        <Select<TaskStatus>
                          size="small"
                          style={{ width: '100%', marginTop: 8 }}
                          placeholder={t('projects.tasks.moveTo')}
                          value={null}
                          loading={moving === task.id}
                          onChange={(to) => void move(task, to)}
                          options={task.moves.map((to) => ({
                            value: to,
                            label: t(`projects.tasks.column.${to}`),
                          }))}
                          data-testid="task-move"
                        />
                      ) : null}
                    </Card>
                  ))}
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Modal
        open={adding}
        title={t('projects.tasks.add')}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        confirmLoading={sending}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'task-dialog-submit' }}
        cancelText={t('common.cancel')}
      >
        {failure ? (
          <Typography.Paragraph type="danger" data-testid="task-dialog-error">
            {failure}
          </Typography.Paragraph>
        ) : null}
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item name="title" label={t('projects.fields.title')} rules={[required]}>
            <Input maxLength={200} data-testid="task-field-title" />
          </Form.Item>
          <Form.Item name="assigneeOrganizationId" label={t('projects.fields.assignee')} rules={[required]}>
            <Select
              data-testid="task-field-assignee"
              options={project.partyList.map((p) => ({
                value: p.organization.id,
                label: localizedNames(p.organization, i18n.language).primary,
              }))}
            />
          </Form.Item>
          <Form.Item name="dueDate" label={t('projects.fields.dueDate')}>
            <Input type="date" data-testid="task-field-dueDate" />
          </Form.Item>
          <Form.Item name="description" label={t('projects.fields.description')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
