import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { newId, nowIso } from '../ids.js';
import { checkLinks, digestOf, GENESIS_HASH, hashEvent, canonicalJson, type ChainBreak } from './chain.js';

export interface AuditInput {
  actorUserId: string | null;
  /** What happened, as `<module>.<verb>`, e.g. `organization.update`. */
  action: string;
  entityType: string;
  entityId: string;
  /** The record before and after the change; only their digests are kept. */
  before?: unknown;
  after?: unknown;
  /** A small, non-secret summary for people reading the trail (changed field names, reasons). */
  details?: Record<string, unknown>;
}

/**
 * Appends an event to the audit chain inside the caller's transaction, so the change and its
 * record commit or roll back together. Bumping the single head row serialises writers on both
 * engines (a row lock on PostgreSQL, the write lock on SQLite).
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  const head = await tx
    .updateTable('audit_head')
    .set({ seq: sql`seq + 1` })
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const fields = {
    seq: Number(head.seq),
    id: newId(),
    at: nowIso(),
    actorUserId: input.actorUserId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    beforeDigest: digestOf(input.before),
    afterDigest: digestOf(input.after),
    details: canonicalJson(input.details ?? {}),
    prevHash: head.hash,
  };
  const hash = hashEvent(fields);
  await tx
    .insertInto('audit_event')
    .values({
      seq: fields.seq,
      id: fields.id,
      at: fields.at,
      actor_user_id: fields.actorUserId,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      before_digest: fields.beforeDigest,
      after_digest: fields.afterDigest,
      details: fields.details,
      prev_hash: fields.prevHash,
      hash,
    })
    .execute();
  await tx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBreak: ChainBreak | null;
}

/** Recomputes the whole chain, in batches, and reports the first broken link. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  const state = { expectedSeq: 1, prevHash: GENESIS_HASH };
  for (;;) {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>=', state.expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    const links = rows.map((r) => ({
      seq: Number(r.seq),
      id: r.id,
      at: r.at,
      actorUserId: r.actor_user_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      beforeDigest: r.before_digest,
      afterDigest: r.after_digest,
      details: r.details,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const broken = checkLinks(links, state);
    if (broken) return { ok: false, checked: state.expectedSeq - 1, firstBreak: broken };
    if (rows.length < batchSize) break;
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const lastSeq = state.expectedSeq - 1;
  const checked = lastSeq;
  if (!head || Number(head.seq) !== lastSeq || head.hash !== state.prevHash) {
    // Events deleted from the end (or the head edited) leave the head pointing past the chain.
    return {
      ok: false,
      checked,
      firstBreak: { kind: 'head_mismatch', seq: lastSeq + 1, headSeq: head ? Number(head.seq) : -1 },
    };
  }
  return { ok: true, checked, firstBreak: null };
}
