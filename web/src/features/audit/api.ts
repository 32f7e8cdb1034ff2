import type { ApiClient } from '../../api/client';
import type { AuditBreakKind } from '../../i18n/labels';

/*
 * The audit module has no schemas.ts on the server yet, so these shapes are written here from the
 * API description; replace them with imports from src/modules/audit/schemas.ts when it exists.
 */

/** One event of the hash-chained audit trail. */
export interface AuditEvent {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  /** `<module>.<verb>`, e.g. `organization.update`. */
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown> | null;
  hash: string;
}

export interface AuditEventPage {
  items: AuditEvent[];
}

/** The first broken link of the chain, as src/platform/audit/chain.ts reports it. */
export interface ChainBreak {
  kind: AuditBreakKind | string;
  seq: number;
  expectedSeq?: number;
  headSeq?: number;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBreak: ChainBreak | null;
}

export const listAuditEvents = (
  api: ApiClient,
  query: { limit: number; beforeSeq?: number | undefined },
  signal?: AbortSignal,
) => api.get<AuditEventPage>('/api/v1/audit/events', { query, signal });

export const verifyAuditChain = (api: ApiClient) => api.get<AuditVerification>('/api/v1/audit/verify');
