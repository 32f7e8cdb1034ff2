/** The notifications page, which App.tsx mounts; the header bell is NotificationBell. */
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth';
import { NotificationsPage } from './NotificationsPage';

export const NOTIFICATION_ROUTES: RouteObject[] = [
  {
    path: 'notifications',
    element: (
      <RequireAuth>
        <NotificationsPage />
      </RequireAuth>
    ),
  },
];
