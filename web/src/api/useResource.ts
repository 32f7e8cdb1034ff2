import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { isAbortError } from './client';

export interface Resource<T> {
  /** The last loaded value; kept while reloading so tables do not flicker. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again with the same inputs. */
  reload: () => void;
  /** Replaces the value, e.g. with what a successful write returned. */
  setData: (data: T) => void;
}

interface State<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Loads a value whenever `deps` change, cancelling the previous request. A small stand-in for a
 * query library: the app only needs load, reload and replace.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<State<T>>({ data: undefined, error: undefined, loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, error: undefined, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState((previous) => ({ data: previous.data, error, loading: false }));
      },
    );
    return () => controller.abort();
    // `load` is a new closure on every render; `deps` says when its inputs change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((data: T) => setState({ data, error: undefined, loading: false }), []);
  return { ...state, reload, setData };
}
