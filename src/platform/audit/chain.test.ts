import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  checkLinks,
  digestOf,
  GENESIS_HASH,
  hashEvent,
  type ChainedFields,
  type ChainLink,
} from './chain.js';

/** A valid chain of `n` events, linked from the genesis hash. */
function buildChain(n: number, vary: (i: number) => Partial<ChainedFields> = () => ({})): ChainLink[] {
  const links: ChainLink[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i += 1) {
    const fields: ChainedFields = {
      seq: i,
      id: `evt-${i}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actorUserId: i % 2 === 0 ? null : `user-${i}`,
      action: 'organization.update',
      entityType: 'organization',
      entityId: `org-${i % 3}`,
      beforeDigest: i === 1 ? null : digestOf({ n: i - 1 }),
      afterDigest: digestOf({ n: i }),
      details: canonicalJson({ fields: ['nameZh'], i }),
      prevHash,
      ...vary(i),
    };
    const hash = hashEvent(fields);
    links.push({ ...fields, hash });
    prevHash = hash;
  }
  return links;
}

const fresh = () => ({ expectedSeq: 1, prevHash: GENESIS_HASH });

describe('canonicalJson', () => {
  it('serialises objects the same whatever their key order, at every depth', () => {
    const a = { b: 1, a: { z: [1, { y: 2, x: 3 }], c: null }, m: 'x' };
    const b = { m: 'x', a: { c: null, z: [1, { x: 3, y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"z":[1,{"x":3,"y":2}]},"b":1,"m":"x"}');
  });

  it('keeps array order and drops undefined fields', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('keeps a "__proto__" key like any other', () => {
    const value = JSON.parse('{"b":2,"__proto__":{"a":1}}') as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"a":1},"b":2}');
    expect(digestOf(value)).not.toBe(digestOf({ b: 2 }));
  });

  it('is independent of key order for any value (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('digestOf', () => {
  it('gives null for no state and the same digest for equal states', () => {
    expect(digestOf(null)).toBeNull();
    expect(digestOf(undefined)).toBeNull();
    expect(digestOf({ a: 1, b: 2 })).toBe(digestOf({ b: 2, a: 1 }));
    expect(digestOf({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf({ a: 1 })).not.toBe(digestOf({ a: 2 }));
  });
});

describe('checkLinks', () => {
  it('accepts an intact chain and advances the walk state', () => {
    const chain = buildChain(5);
    const state = fresh();
    expect(checkLinks(chain, state)).toBeNull();
    expect(state).toEqual({ expectedSeq: 6, prevHash: chain[4]?.hash });
  });

  it('carries the walk across batches', () => {
    const chain = buildChain(6);
    const state = fresh();
    expect(checkLinks(chain.slice(0, 3), state)).toBeNull();
    expect(checkLinks(chain.slice(3), state)).toBeNull();
    expect(state.expectedSeq).toBe(7);
  });

  it('detects a missing event as a gap', () => {
    const chain = buildChain(5);
    chain.splice(2, 1);
    expect(checkLinks(chain, fresh())).toEqual({ kind: 'gap', seq: 4, expectedSeq: 3 });
  });

  it('detects a missing first event as a gap', () => {
    expect(checkLinks(buildChain(3).slice(1), fresh())).toEqual({ kind: 'gap', seq: 2, expectedSeq: 1 });
  });

  it('detects an edited event by its hash', () => {
    const chain = buildChain(5);
    chain[3] = { ...chain[3]!, details: '{}' };
    expect(checkLinks(chain, fresh())).toEqual({ kind: 'hash_mismatch', seq: 4 });
  });

  it('detects an edited event whose hash was recomputed by the next link', () => {
    const chain = buildChain(5);
    const { hash: _old, ...fields } = { ...chain[1]!, action: 'organization.verify' };
    chain[1] = { ...fields, hash: hashEvent(fields) };
    expect(checkLinks(chain, fresh())).toEqual({ kind: 'prev_hash_mismatch', seq: 3 });
  });

  it('detects a link to the wrong predecessor', () => {
    const chain = buildChain(4);
    const { hash: _old, ...fields } = { ...chain[2]!, prevHash: GENESIS_HASH };
    chain[2] = { ...fields, hash: hashEvent(fields) };
    expect(checkLinks(chain, fresh())).toEqual({ kind: 'prev_hash_mismatch', seq: 3 });
  });

  it('detects a first event that does not link to the genesis hash', () => {
    const chain = buildChain(2, (i) => (i === 1 ? { prevHash: 'f'.repeat(64) } : {}));
    expect(checkLinks(chain, fresh())).toEqual({ kind: 'prev_hash_mismatch', seq: 1 });
  });

  it('detects any single-field change in a random chain at that event (property)', () => {
    const fieldNames = [
      'seq',
      'id',
      'at',
      'actorUserId',
      'action',
      'entityType',
      'entityId',
      'beforeDigest',
      'afterDigest',
      'details',
      'prevHash',
      'hash',
    ] as const;
    const arbitraryChain = fc
      .record({
        length: fc.integer({ min: 1, max: 12 }),
        actions: fc.array(fc.constantFrom('user.register', 'organization.create', 'membership.add'), {
          minLength: 12,
          maxLength: 12,
        }),
        details: fc.array(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })), {
          minLength: 12,
          maxLength: 12,
        }),
      })
      .map(({ length, actions, details }) =>
        buildChain(length, (i) => ({
          action: actions[i - 1] ?? 'x',
          details: canonicalJson(details[i - 1] ?? {}),
        })),
      );
    fc.assert(
      fc.property(
        arbitraryChain,
        fc.nat(),
        fc.constantFrom(...fieldNames),
        fc.string({ minLength: 1, maxLength: 8 }),
        (chain, pick, field, junk) => {
          const index = pick % chain.length;
          const original = chain[index]!;
          const value = original[field];
          const changed: unknown =
            field === 'seq'
              ? (value as number) + 1 + (pick % 3)
              : value === null
                ? junk
                : `${String(value)}${junk}`;
          const tampered = chain.map((link, i) => (i === index ? { ...link, [field]: changed } : link));
          const broken = checkLinks(tampered, fresh());
          expect(broken).not.toBeNull();
          expect(broken?.seq).toBe(field === 'seq' ? changed : index + 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
