import { z } from 'zod';

export const ListAuditEventsQuery = z.strictObject({
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(80).optional(),
  beforeSeq: z.coerce.number().int().min(1).optional().describe('Page backwards from this sequence number'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditEventsQuery = z.infer<typeof ListAuditEventsQuery>;

export const AuditEventSchema = z.object({
  seq: z.int(),
  id: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditEventListSchema = z.object({ items: z.array(AuditEventSchema) });

export const AuditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.int(),
  firstBreak: z
    .object({ kind: z.string(), seq: z.int() })
    .catchall(z.unknown())
    .nullable()
    .describe(
      'The first broken link: a gap (deleted event), a wrong link or hash (edited event), or a head mismatch',
    ),
});
