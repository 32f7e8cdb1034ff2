/** Small pieces the project pages share: stage, status and role tags, an organisation's name. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  OrganizationRef,
  PartyRole,
  ProjectStage,
  ProjectStatus,
} from '../../../../src/modules/projects/schemas';
import { localizedNames } from '../organizations/display';

export const stageKey = (stage: ProjectStage) => `projects.stage.${stage}`;
export const statusKey = (status: ProjectStatus) => `projects.status.${status}`;
export const roleKey = (role: PartyRole) => `projects.role.${role}`;

const STATUS_COLOR: Readonly<Record<ProjectStatus, string>> = {
  active: 'processing',
  suspended: 'warning',
  terminated: 'error',
  closed: 'default',
};

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="project-status">
      {t(statusKey(status))}
    </Tag>
  );
}

export function StageTag({ stage }: { stage: ProjectStage }) {
  const { t } = useTranslation();
  return (
    <Tag color="blue" data-testid="project-stage">
      {t(stageKey(stage))}
    </Tag>
  );
}

export function OrganizationName({
  organization,
  link = true,
}: {
  organization: OrganizationRef;
  link?: boolean;
}) {
  const { i18n } = useTranslation();
  const name = localizedNames(organization, i18n.language).primary;
  return link ? <Link to={`/organizations/${organization.id}`}>{name}</Link> : <>{name}</>;
}
