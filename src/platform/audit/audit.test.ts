import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/database.js';
import type { Db } from '../db/database.js';
import { recordAudit, verifyAuditChain, type AuditInput } from './audit.js';
import { canonicalJson, digestOf, GENESIS_HASH } from './chain.js';

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  t = await openTestDatabase();
  db = t.ctx.db;
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await db.deleteFrom('audit_event').execute();
  await db.updateTable('audit_head').set({ seq: 0, hash: GENESIS_HASH }).where('id', '=', 1).execute();
});

function auditInput(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    actorUserId: 'user-1',
    action: 'organization.update',
    entityType: 'organization',
    entityId: 'org-1',
    before: { name: 'old' },
    after: { name: 'new' },
    details: { fields: ['name'] },
    ...overrides,
  };
}

async function recordEvents(n: number): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    await db
      .transaction()
      .execute((tx) => recordAudit(tx, auditInput({ entityId: `org-${i}`, details: { i } })));
  }
}

async function eventCount(): Promise<number> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('recordAudit', () => {
  it('writes a linked event and keeps only digests of the states', async () => {
    await recordEvents(2);

    const events = await db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
    expect(events.map((e) => Number(e.seq))).toEqual([1, 2]);
    expect(events[0]).toMatchObject({
      actor_user_id: 'user-1',
      action: 'organization.update',
      entity_type: 'organization',
      entity_id: 'org-1',
      before_digest: digestOf({ name: 'old' }),
      after_digest: digestOf({ name: 'new' }),
      details: canonicalJson({ i: 1 }),
      prev_hash: GENESIS_HASH,
    });
    expect(events[1]?.prev_hash).toBe(events[0]?.hash);
    const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect({ seq: Number(head.seq), hash: head.hash }).toEqual({ seq: 2, hash: events[1]?.hash });
  });

  it('rolls back with the transaction it was recorded in', async () => {
    await recordEvents(1);
    await expect(
      db.transaction().execute(async (tx) => {
        await recordAudit(tx, auditInput({ entityId: 'doomed' }));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await eventCount()).toBe(1);
    const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(Number(head.seq)).toBe(1);
    await recordEvents(1);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 2, firstBreak: null });
  });

  it('keeps a valid chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute((tx) => recordAudit(tx, auditInput({ entityId: `concurrent-${i}` }))),
      ),
    );

    const events = await db.selectFrom('audit_event').select(['seq', 'entity_id']).orderBy('seq').execute();
    expect(events.map((e) => Number(e.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.entity_id)).size).toBe(20);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 20, firstBreak: null });
  });
});

describe('verifyAuditChain', () => {
  it('reports an empty chain as intact', async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 0, firstBreak: null });
  });

  it('reports an intact chain, also when read in small batches', async () => {
    await recordEvents(7);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 7, firstBreak: null });
    expect(await verifyAuditChain(db, 2)).toEqual({ ok: true, checked: 7, firstBreak: null });
    expect(await verifyAuditChain(db, 7)).toEqual({ ok: true, checked: 7, firstBreak: null });
  });

  it('detects an edited event at its sequence number', async () => {
    await recordEvents(5);
    await sql`update audit_event set details = ${'{"i":99}'} where seq = 3`.execute(db);

    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      checked: 2,
      firstBreak: { kind: 'hash_mismatch', seq: 3 },
    });
    expect((await verifyAuditChain(db, 2)).firstBreak).toEqual({ kind: 'hash_mismatch', seq: 3 });
  });

  it('detects a deleted middle event as a gap', async () => {
    await recordEvents(5);
    await sql`delete from audit_event where seq = 3`.execute(db);

    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      checked: 2,
      firstBreak: { kind: 'gap', seq: 4, expectedSeq: 3 },
    });
  });

  it('detects a deleted last event by the head', async () => {
    await recordEvents(5);
    await sql`delete from audit_event where seq = 5`.execute(db);

    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      checked: 4,
      firstBreak: { kind: 'head_mismatch', seq: 5, headSeq: 5 },
    });
  });

  it('detects a deleted last event even when the head is rewound', async () => {
    await recordEvents(5);
    await sql`delete from audit_event where seq = 5`.execute(db);
    await sql`update audit_head set seq = 4 where id = 1`.execute(db);

    expect((await verifyAuditChain(db)).firstBreak).toEqual({ kind: 'head_mismatch', seq: 5, headSeq: 4 });
  });

  it('detects an edited link to the predecessor', async () => {
    await recordEvents(5);
    await sql`update audit_event set prev_hash = ${'a'.repeat(64)} where seq = 4`.execute(db);

    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      checked: 3,
      firstBreak: { kind: 'prev_hash_mismatch', seq: 4 },
    });
  });

  it('detects an edited actor, digest and time', async () => {
    for (const [column, value] of [
      ['actor_user_id', 'someone-else'],
      ['after_digest', 'b'.repeat(64)],
      ['at', '2000-01-01T00:00:00.000Z'],
    ] as const) {
      await db.deleteFrom('audit_event').execute();
      await db.updateTable('audit_head').set({ seq: 0, hash: GENESIS_HASH }).where('id', '=', 1).execute();
      await recordEvents(3);
      await sql`update audit_event set ${sql.ref(column)} = ${value} where seq = 2`.execute(db);
      expect((await verifyAuditChain(db)).firstBreak, column).toEqual({ kind: 'hash_mismatch', seq: 2 });
    }
  });
});
