import { createHash } from 'node:crypto';

/** The hash the first audit event links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal values always serialise the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // No prototype: a `__proto__` key is then an ordinary key, not silently dropped.
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The digest of a record's state, stored instead of the state itself. */
export function digestOf(state: unknown): string | null {
  return state === null || state === undefined ? null : sha256Hex(canonicalJson(state));
}

/** The fields of an audit event that its hash covers. */
export interface ChainedFields {
  seq: number;
  id: string;
  at: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  details: string;
  prevHash: string;
}

/** An event's hash: it covers every field and the previous event's hash, so edits break the chain. */
export function hashEvent(fields: ChainedFields): string {
  return sha256Hex(canonicalJson(fields));
}

export interface ChainLink extends ChainedFields {
  hash: string;
}

export type ChainBreak =
  | { kind: 'gap'; seq: number; expectedSeq: number }
  | { kind: 'prev_hash_mismatch'; seq: number }
  | { kind: 'hash_mismatch'; seq: number }
  | { kind: 'head_mismatch'; seq: number; headSeq: number };

/**
 * Walks the chain in order and reports the first broken link: a missing sequence number (a
 * deleted event), a link to the wrong predecessor, or an event whose content no longer matches
 * its hash (an edited event). `state` carries the walk across batches.
 */
export function checkLinks(
  links: readonly ChainLink[],
  state: { expectedSeq: number; prevHash: string },
): ChainBreak | null {
  for (const link of links) {
    if (link.seq !== state.expectedSeq) return { kind: 'gap', seq: link.seq, expectedSeq: state.expectedSeq };
    if (link.prevHash !== state.prevHash) return { kind: 'prev_hash_mismatch', seq: link.seq };
    const { hash, ...fields } = link;
    if (hashEvent(fields) !== hash) return { kind: 'hash_mismatch', seq: link.seq };
    state.expectedSeq += 1;
    state.prevHash = hash;
  }
  return null;
}
