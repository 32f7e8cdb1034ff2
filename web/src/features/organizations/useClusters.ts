import { useApi } from '../../api/client';
import { useResource } from '../../api/useResource';
import { listClusters } from './api';

/** The industry clusters of this installation (GET /api/v1/clusters). */
export function useClusters() {
  const api = useApi();
  return useResource(async (signal) => (await listClusters(api, signal)).items, [api]);
}
