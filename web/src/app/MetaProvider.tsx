import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Meta } from '../../../src/modules/meta/schemas';
import { useApi } from '../api/client';

export type { Meta };

const MetaContext = createContext<Meta | null>(null);

/** Loads the installation's facts once; until then (or if it fails) the app shows no demo hints. */
export function MetaProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [meta, setMeta] = useState<Meta | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.get<Meta>('/api/v1/meta', { signal: controller.signal }).then(setMeta, () => setMeta(null));
    return () => controller.abort();
  }, [api]);

  return <MetaContext.Provider value={meta}>{children}</MetaContext.Provider>;
}

/** The installation's facts, or null while loading. */
export function useMeta(): Meta | null {
  return useContext(MetaContext);
}
