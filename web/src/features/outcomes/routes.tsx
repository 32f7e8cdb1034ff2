/** The "Our income" page and its user-menu entry, which App.tsx mounts. */
import { WalletOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth';
import { AccountPage } from './AccountPage';

export const OUTCOME_ROUTES: RouteObject[] = [
  {
    path: 'my/income',
    element: (
      <RequireAuth>
        <AccountPage />
      </RequireAuth>
    ),
  },
];

/** Where the user-menu entry goes. */
export const OUTCOME_USER_MENU_PATHS: Readonly<Record<string, string>> = { income: '/my/income' };

/** The user-menu entry "Our income" (the header is full, so it lives in the user menu). */
export function outcomeUserMenuItems(t: TFunction): NonNullable<MenuProps['items']> {
  return [
    {
      key: 'income',
      icon: <WalletOutlined />,
      label: <span data-testid="user-menu-income">{t('outcomes.account.menu')}</span>,
    },
  ];
}
