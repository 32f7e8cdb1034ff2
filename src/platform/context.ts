import type { Db, Engine } from './db/database.js';

/** Tunable behaviour; defaults suit production, tests tighten or loosen them. */
export interface Settings {
  login: { perAccount: number; perIp: number; windowMinutes: number };
  /** Set the session cookie's Secure flag (behind HTTPS). */
  secureCookies: boolean;
  /** Version string shown by /api/v1/meta. */
  version: string;
}

/** What every service call gets: the database and the settings. No request, no HTTP. */
export interface AppContext {
  db: Db;
  engine: Engine;
  settings: Settings;
}

export const DEFAULT_SETTINGS: Settings = {
  login: { perAccount: 5, perIp: 30, windowMinutes: 15 },
  secureCookies: false,
  version: '0.1.0',
};
