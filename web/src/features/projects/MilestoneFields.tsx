/**
 * The fields of a milestone, shared by adding and editing one: title, stage (only when adding:
 * a milestone keeps its stage), the responsible party (one of the project's parties), due date
 * and description. They sit inside the caller's antd Form.
 */
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PROJECT_STAGES } from '../../../../src/modules/projects/schemas';
import { localizedNames } from '../organizations/display';
import type { Milestone, Project } from './api';
import { stageKey } from './display';

/** The server's limits (CreateMilestoneBody / UpdateMilestoneBody). */
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 4000;

/** The form values of the fields; dueDate is `yyyy-mm-dd`, empty when there is none. */
export interface MilestoneValues {
  title: string;
  stage?: string;
  responsibleOrganizationId: string;
  dueDate?: string;
  description?: string;
}

/** The values an edit starts from: the milestone as it is. */
export function milestoneValues(milestone: Milestone): MilestoneValues {
  return {
    title: milestone.title,
    responsibleOrganizationId: milestone.responsible.id,
    dueDate: milestone.dueDate ?? '',
    description: milestone.description,
  };
}

export function MilestoneFields({ project, mode }: { project: Project; mode: 'add' | 'edit' }) {
  const { t, i18n } = useTranslation();
  const current = PROJECT_STAGES.indexOf(project.stage);
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <>
      <Form.Item name="title" label={t('projects.fields.title')} rules={[required]}>
        <Input maxLength={TITLE_MAX} data-testid="milestone-field-title" />
      </Form.Item>
      {mode === 'add' ? (
        <Form.Item name="stage" label={t('projects.fields.stage')}>
          <Select
            data-testid="milestone-field-stage"
            options={PROJECT_STAGES.filter((s, i) => i >= current && s !== 'closed').map((s) => ({
              value: s,
              label: t(stageKey(s)),
            }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="responsibleOrganizationId" label={t('projects.fields.responsible')} rules={[required]}>
        <Select
          data-testid="milestone-field-responsible"
          options={project.partyList.map((p) => ({
            value: p.organization.id,
            label: localizedNames(p.organization, i18n.language).primary,
          }))}
        />
      </Form.Item>
      <Form.Item name="dueDate" label={t('projects.fields.dueDate')}>
        <Input type="date" data-testid="milestone-field-dueDate" />
      </Form.Item>
      <Form.Item name="description" label={t('projects.fields.description')}>
        <Input.TextArea rows={2} maxLength={DESCRIPTION_MAX} data-testid="milestone-field-description" />
      </Form.Item>
    </>
  );
}
