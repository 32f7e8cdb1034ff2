import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../components/RequireAuth';
import { BulkImportPage } from './BulkImportPage';

/** The import pages, under the lists they add to (so the menu shows where the user is). */
export const SPREADSHEET_ROUTES: RouteObject[] = [
  {
    path: 'needs/import',
    element: (
      <RequireAuth>
        <BulkImportPage kind="needs" />
      </RequireAuth>
    ),
  },
  {
    path: 'achievements/import',
    element: (
      <RequireAuth>
        <BulkImportPage kind="achievements" />
      </RequireAuth>
    ),
  },
];
