/**
 * The unread count the header bell shows, shared with the notifications page so marking read
 * there updates the bell at once. Polls every minute while the page is open.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { isAbortError, type ApiClient } from '../../api/client';
import { unreadCount } from './api';

let current = 0;
const listeners = new Set<() => void>();

function publish(value: number): void {
  if (value === current) return;
  current = value;
  for (const listener of listeners) listener();
}

/** Sets the count from an answer that carries it (list, mark all read). */
export function setUnread(value: number): void {
  publish(value);
}

/** One fewer unread (a notification was marked read). */
export function decrementUnread(): void {
  publish(Math.max(0, current - 1));
}

export async function refreshUnread(api: ApiClient, signal?: AbortSignal): Promise<void> {
  try {
    publish((await unreadCount(api, signal)).unread);
  } catch (error) {
    if (!isAbortError(error)) throw error;
  }
}

const POLL_MS = 60_000;

/** The unread count, loaded now and every minute while `active`; `refresh` loads it again. */
export function useUnreadCount(api: ApiClient, active: boolean): { unread: number; refresh: () => void } {
  const unread = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  const refresh = useCallback(() => {
    void refreshUnread(api).catch(() => undefined);
  }, [api]);
  useEffect(() => {
    if (!active) {
      publish(0);
      return;
    }
    const controller = new AbortController();
    void refreshUnread(api, controller.signal).catch(() => undefined);
    const timer = setInterval(() => void refreshUnread(api).catch(() => undefined), POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [api, active]);
  return { unread, refresh };
}
