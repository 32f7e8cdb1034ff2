import type { AppContext } from '../../platform/context.js';
import { verifyAuditChain, type AuditVerification } from '../../platform/audit/audit.js';
import * as repo from './repo.js';
import type { AuditEvent, ListAuditEventsQuery } from './schemas.js';

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The audit trail, newest first (cluster office and auditors). */
export async function listAuditEvents(ctx: AppContext, query: ListAuditEventsQuery): Promise<AuditEvent[]> {
  const rows = await repo.listAuditEvents(ctx.db, query);
  return rows.map((r) => ({
    seq: Number(r.seq),
    id: r.id,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name ?? null,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    details: parseDetails(r.details),
    hash: r.hash,
  }));
}

export function verifyAuditTrail(ctx: AppContext): Promise<AuditVerification> {
  return verifyAuditChain(ctx.db);
}
