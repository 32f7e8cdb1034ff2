/** How the consortium pages show statuses, roles and an organisation reference. */
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  ApplicationStatus,
  ConsortiumStatus,
  DesignationStatus,
  MemberRole,
  MemberStatus,
  OrganizationRef,
} from '../../../../src/modules/consortia/schemas';
import { KindTag, localizedNames } from '../organizations/display';
import {
  APPLICATION_COLORS,
  applicationStatusKey,
  CONSORTIUM_STATUS_COLORS,
  consortiumStatusKey,
  DESIGNATION_COLORS,
  designationStatusKey,
  MEMBER_STATUS_COLORS,
  memberRoleKey,
  memberStatusKey,
  ROLE_COLORS,
} from './labels';

export function ConsortiumStatusTag({ status }: { status: ConsortiumStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={CONSORTIUM_STATUS_COLORS[status]} data-testid="consortium-status" data-status={status}>
      {t(consortiumStatusKey(status))}
    </Tag>
  );
}

export function DesignationTag({ status }: { status: DesignationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={DESIGNATION_COLORS[status]} data-testid="consortium-designation" data-status={status}>
      {t(designationStatusKey(status))}
    </Tag>
  );
}

export function ApplicationTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={APPLICATION_COLORS[status]} data-testid="application-status" data-status={status}>
      {t(applicationStatusKey(status))}
    </Tag>
  );
}

export function RoleTag({ role }: { role: MemberRole }) {
  const { t } = useTranslation();
  return (
    <Tag color={ROLE_COLORS[role]} data-testid="member-role" data-role={role}>
      {t(memberRoleKey(role))}
    </Tag>
  );
}

export function MemberStatusTag({ status }: { status: MemberStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={MEMBER_STATUS_COLORS[status]} data-testid="member-status" data-status={status}>
      {t(memberStatusKey(status))}
    </Tag>
  );
}

/** An organisation: its name in the current language linked to its profile, its kind beside it. */
export function OrganizationCell({
  organization,
  testId,
  showKind = true,
}: {
  organization: OrganizationRef;
  testId?: string;
  showKind?: boolean;
}) {
  const { i18n } = useTranslation();
  const names = localizedNames(organization, i18n.language);
  return (
    <div>
      <Link to={`/organizations/${organization.id}`} data-testid={testId} style={{ fontWeight: 500 }}>
        {names.primary}
      </Link>
      {showKind ? (
        <span style={{ marginInlineStart: 8 }}>
          <KindTag kind={organization.kind} />
        </span>
      ) : null}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {names.secondary}
      </Typography.Text>
    </div>
  );
}
