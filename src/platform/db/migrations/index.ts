import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_directory.js';
import * as m0003 from './0003_search.js';
import * as m0004 from './0004_matching.js';
import * as m0005 from './0005_search_scopes.js';
import * as m0006 from './0006_matches.js';
import * as m0007 from './0007_consortia.js';
import * as m0008 from './0008_charters.js';
import * as m0009 from './0009_projects.js';
import * as m0010 from './0010_notifications.js';
import * as m0011 from './0011_project_communication.js';
import * as m0012 from './0012_outcomes.js';

/**
 * Every migration, in order. Forward-only: each has `up` and no `down`; the same list runs on
 * SQLite and PostgreSQL. Add new files at the end, never edit or reorder a released one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_foundation': m0001,
  '0002_directory': m0002,
  '0003_search': m0003,
  '0004_matching': m0004,
  '0005_search_scopes': m0005,
  '0006_matches': m0006,
  '0007_consortia': m0007,
  '0008_charters': m0008,
  '0009_projects': m0009,
  '0010_notifications': m0010,
  '0011_project_communication': m0011,
  '0012_outcomes': m0012,
};
