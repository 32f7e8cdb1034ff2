/** The project pages and menu entry, which App.tsx mounts. */
import { ProjectOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth';
import { ProjectPage } from './ProjectPage';
import { ProjectsPage } from './ProjectsPage';

export const PROJECT_ROUTES: RouteObject[] = [
  {
    path: 'projects',
    element: (
      <RequireAuth>
        <ProjectsPage />
      </RequireAuth>
    ),
  },
  {
    path: 'projects/:id',
    element: (
      <RequireAuth>
        <ProjectPage />
      </RequireAuth>
    ),
  },
];

export const PROJECT_NAV_PATHS: Readonly<Record<string, string>> = { projects: '/projects' };

export function projectNavKeyOf(pathname: string): string | null {
  return pathname.startsWith('/projects') ? 'projects' : null;
}

/** The projects menu entry, for signed-in users (projects are never public). */
export function projectNavItems(t: TFunction, signedIn: boolean): NonNullable<MenuProps['items']> {
  if (!signedIn) return [];
  return [
    {
      key: 'projects',
      icon: <ProjectOutlined />,
      label: <span data-testid="nav-projects">{t('nav.projects')}</span>,
    },
  ];
}
