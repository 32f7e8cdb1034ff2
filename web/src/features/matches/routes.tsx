/** The match pipeline's pages and menu entry, which App.tsx mounts. */
import { InteractionOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth';
import { MatchDetailPage } from './MatchDetailPage';
import { MatchesPage } from './MatchesPage';

export const MATCH_ROUTES: RouteObject[] = [
  {
    path: 'matches',
    element: (
      <RequireAuth>
        <MatchesPage />
      </RequireAuth>
    ),
  },
  {
    path: 'matches/:id',
    element: (
      <RequireAuth>
        <MatchDetailPage />
      </RequireAuth>
    ),
  },
];

export const MATCH_NAV_PATHS: Readonly<Record<string, string>> = { matches: '/matches' };

export function matchNavKeyOf(pathname: string): string | null {
  return pathname.startsWith('/matches') ? 'matches' : null;
}

/** The pipeline's menu entry, for signed-in users. */
export function matchNavItems(t: TFunction, signedIn: boolean): NonNullable<MenuProps['items']> {
  return signedIn
    ? [
        {
          key: 'matches',
          icon: <InteractionOutlined />,
          label: <span data-testid="nav-matches">{t('nav.matches')}</span>,
        },
      ]
    : [];
}
