import type { ApiClient } from '../../api/client';
import type { AuditEvent, ListAuditEventsQuery } from '../../../../src/modules/audit/schemas';

export type { AuditEvent };

export interface AuditEventPage {
  items: AuditEvent[];
}

/** The first broken link of the chain (`kind` is one of AUDIT_BREAK_KINDS). */
export interface ChainBreak {
  kind: string;
  seq: number;
  [extra: string]: unknown;
}

/** GET /api/v1/audit/verify (AuditVerificationSchema on the server). */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBreak: ChainBreak | null;
}

export const listAuditEvents = (
  api: ApiClient,
  query: Pick<ListAuditEventsQuery, 'limit'> & { beforeSeq?: number | undefined },
  signal?: AbortSignal,
) => api.get<AuditEventPage>('/api/v1/audit/events', { query, signal });

export const verifyAuditChain = (api: ApiClient) => api.get<AuditVerification>('/api/v1/audit/verify');
