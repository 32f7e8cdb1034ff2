import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useSession } from '../features/identity/SessionProvider';
import type { PlatformRole } from '../i18n/labels';
import { PageSpin } from './PageSpin';

interface RequireAuthProps {
  children: ReactNode;
  /** When given, the user needs at least one of these platform roles. */
  roles?: PlatformRole[];
}

/** Sends anonymous visitors to sign in (and back afterwards); refuses users without the role. */
export function RequireAuth({ children, roles }: RequireAuthProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { session, status, hasRole } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageSpin />;
  if (!session) return <Navigate to="/login" replace state={{ from: location }} />;
  if (roles && !hasRole(...roles)) {
    return (
      <Result
        status="403"
        title={t('common.forbiddenTitle')}
        subTitle={t('errors.auth.forbidden')}
        extra={
          <Button type="primary" onClick={() => void navigate('/directory')}>
            {t('common.backToDirectory')}
          </Button>
        }
      />
    );
  }
  return children;
}
