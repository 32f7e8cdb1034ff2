import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';

/**
 * Every migration, in order. Forward-only: each has `up` and no `down`; the same list runs on
 * SQLite and PostgreSQL. Add new files at the end, never edit or reorder a released one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_foundation': m0001,
};
