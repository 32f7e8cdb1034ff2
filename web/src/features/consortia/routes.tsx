/** The consortium pages and menu entry, which App.tsx mounts. */
import { ClusterOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth';
import { CharterEditorPage } from './CharterEditorPage';
import { ConsortiaPage } from './ConsortiaPage';
import { ConsortiumDetailPage } from './ConsortiumDetailPage';
import { InvitationsPage } from './InvitationsPage';
import { LeadPolicyPage } from './LeadPolicyPage';

export const CONSORTIUM_ROUTES: RouteObject[] = [
  // Designated consortia are public: anonymous visitors see the list and their pages.
  { path: 'consortia', element: <ConsortiaPage /> },
  {
    path: 'consortia/invitations',
    element: (
      <RequireAuth>
        <InvitationsPage />
      </RequireAuth>
    ),
  },
  {
    path: 'consortia/policy',
    element: (
      <RequireAuth roles={['cluster_office']}>
        <LeadPolicyPage />
      </RequireAuth>
    ),
  },
  { path: 'consortia/:id', element: <ConsortiumDetailPage /> },
  {
    path: 'consortia/:id/charter/:number/edit',
    element: (
      <RequireAuth>
        <CharterEditorPage />
      </RequireAuth>
    ),
  },
];

export const CONSORTIUM_NAV_PATHS: Readonly<Record<string, string>> = { consortia: '/consortia' };

export function consortiumNavKeyOf(pathname: string): string | null {
  return pathname.startsWith('/consortia') ? 'consortia' : null;
}

/** The consortia menu entry, for everyone (designated consortia are public). */
export function consortiumNavItems(t: TFunction): NonNullable<MenuProps['items']> {
  return [
    {
      key: 'consortia',
      icon: <ClusterOutlined />,
      label: <span data-testid="nav-consortia">{t('nav.consortia')}</span>,
    },
  ];
}
