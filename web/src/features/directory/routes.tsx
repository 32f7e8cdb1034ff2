/** The directory's pages and menu entries, which App.tsx mounts. */
import {
  BulbOutlined,
  ExperimentOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth';
import { ExpertsPage } from './ExpertsPage';
import { NdaRequestsPage } from './NdaRequestsPage';
import { NeedsPage } from './NeedsPage';
import { RecordDetailPage } from './RecordDetailPage';
import { RecordFormPage } from './RecordFormPage';
import { SupplyPage } from './SupplyPage';

export const DIRECTORY_ROUTES: RouteObject[] = [
  { path: 'needs', element: <NeedsPage /> },
  {
    path: 'needs/new',
    element: (
      <RequireAuth>
        <RecordFormPage kind="need" mode="create" />
      </RequireAuth>
    ),
  },
  { path: 'needs/:id', element: <RecordDetailPage kind="need" /> },
  {
    path: 'needs/:id/edit',
    element: (
      <RequireAuth>
        <RecordFormPage kind="need" mode="edit" />
      </RequireAuth>
    ),
  },
  { path: 'supply', element: <SupplyPage /> },
  {
    path: 'achievements/new',
    element: (
      <RequireAuth>
        <RecordFormPage kind="achievement" mode="create" />
      </RequireAuth>
    ),
  },
  { path: 'achievements/:id', element: <RecordDetailPage kind="achievement" /> },
  {
    path: 'achievements/:id/edit',
    element: (
      <RequireAuth>
        <RecordFormPage kind="achievement" mode="edit" />
      </RequireAuth>
    ),
  },
  {
    path: 'capabilities/new',
    element: (
      <RequireAuth>
        <RecordFormPage kind="capability" mode="create" />
      </RequireAuth>
    ),
  },
  { path: 'capabilities/:id', element: <RecordDetailPage kind="capability" /> },
  {
    path: 'capabilities/:id/edit',
    element: (
      <RequireAuth>
        <RecordFormPage kind="capability" mode="edit" />
      </RequireAuth>
    ),
  },
  { path: 'experts', element: <ExpertsPage /> },
  {
    path: 'experts/new',
    element: (
      <RequireAuth>
        <RecordFormPage kind="expert" mode="create" />
      </RequireAuth>
    ),
  },
  { path: 'experts/:id', element: <RecordDetailPage kind="expert" /> },
  {
    path: 'experts/:id/edit',
    element: (
      <RequireAuth>
        <RecordFormPage kind="expert" mode="edit" />
      </RequireAuth>
    ),
  },
  {
    path: 'nda-requests',
    element: (
      <RequireAuth>
        <NdaRequestsPage />
      </RequireAuth>
    ),
  },
];

/** Menu key → the page it opens. */
export const DIRECTORY_NAV_PATHS: Readonly<Record<string, string>> = {
  needs: '/needs',
  supply: '/supply',
  experts: '/experts',
  nda: '/nda-requests',
};

/** The menu entry a directory path belongs to, or null for other paths. */
export function directoryNavKeyOf(pathname: string): string | null {
  if (pathname.startsWith('/needs')) return 'needs';
  if (
    pathname.startsWith('/supply') ||
    pathname.startsWith('/achievements') ||
    pathname.startsWith('/capabilities')
  )
    return 'supply';
  if (pathname.startsWith('/experts')) return 'experts';
  if (pathname.startsWith('/nda-requests')) return 'nda';
  return null;
}

/** The directory's menu entries; NDA requests only for signed-in users. */
export function directoryNavItems(t: TFunction, signedIn: boolean): NonNullable<MenuProps['items']> {
  return [
    { key: 'needs', icon: <BulbOutlined />, label: <span data-testid="nav-needs">{t('nav.needs')}</span> },
    {
      key: 'supply',
      icon: <ExperimentOutlined />,
      label: <span data-testid="nav-supply">{t('nav.supply')}</span>,
    },
    {
      key: 'experts',
      icon: <SolutionOutlined />,
      label: <span data-testid="nav-experts">{t('nav.experts')}</span>,
    },
    ...(signedIn
      ? [
          {
            key: 'nda',
            icon: <SafetyCertificateOutlined />,
            label: <span data-testid="nav-nda-requests">{t('nav.ndaRequests')}</span>,
          },
        ]
      : []),
  ];
}
