import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, useApi } from '../../api/client';
import { applyLocale, currentLocale, type Locale } from '../../i18n';
import type { PlatformRole } from '../../i18n/labels';
import * as identity from './api';
import type { Session } from './api';

export type SessionStatus = 'loading' | 'ready';

export interface SessionContextValue {
  /** The signed-in session, or null when anonymous. */
  session: Session | null;
  status: SessionStatus;
  /** Adopts a session returned by login or register (null after sign-out). */
  adopt: (session: Session | null) => void;
  /** Loads the session again, e.g. after memberships changed. */
  refresh: () => Promise<void>;
  logOut: () => Promise<void>;
  /** Switches the language; when signed in it is also stored on the account. */
  changeLocale: (locale: Locale) => Promise<void>;
  hasRole: (...roles: PlatformRole[]) => boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * Who is signed in. Loads GET /api/v1/auth/session on start (401 means anonymous), keeps the API
 * client's CSRF token in step, and lets the account's stored language win over the device's.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [session, setSession] = useState<Session | null>(null);
  const [status, setStatus] = useState<SessionStatus>('loading');

  const adopt = useCallback(
    (next: Session | null) => {
      api.setCsrfToken(next?.csrfToken ?? null);
      setSession(next);
      setStatus('ready');
      if (next && next.user.locale !== currentLocale()) void applyLocale(next.user.locale);
    },
    [api],
  );

  const load = useCallback(
    async (initial: boolean, signal?: AbortSignal) => {
      try {
        adopt(await identity.getSession(api, signal));
      } catch (error) {
        if (signal?.aborted) return;
        // 401 is the normal answer for an anonymous visitor.
        const anonymous = error instanceof ApiError && error.status === 401;
        if (!anonymous) console.warn('Could not load the session', error);
        // A failed refresh (server briefly away) keeps the session we have.
        if (anonymous || initial) adopt(null);
      }
    },
    [api, adopt],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(true, controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(() => api.onUnauthenticated(() => adopt(null)), [api, adopt]);

  const logOut = useCallback(async () => {
    try {
      await identity.logOut(api);
    } finally {
      adopt(null);
    }
  }, [api, adopt]);

  const changeLocale = useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      if (session && session.user.locale !== locale) {
        const updated = await identity.updateProfile(api, { locale });
        api.setCsrfToken(updated.csrfToken);
        setSession(updated);
      }
    },
    [api, session],
  );

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      status,
      adopt,
      refresh: () => load(false),
      logOut,
      changeLocale,
      hasRole: (...roles) => roles.some((role) => session?.platformRoles.includes(role) ?? false),
    }),
    [session, status, adopt, load, logOut, changeLocale],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a <SessionProvider>');
  return value;
}
