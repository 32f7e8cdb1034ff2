/**
 * Property-based fuzzing of every API operation, generated from the app's own OpenAPI document:
 * random, ill-typed, incomplete, oversized, deeply nested, badly encoded and mislabelled bodies,
 * hostile path parameters and query values, sent as the cluster office and anonymously.
 * Whatever arrives, the server answers without a 5xx, every error has the standard shape with a
 * known code, and a rejected request stores nothing.
 *
 * FUZZ_SEED fixes the seed; FUZZ_RUNS changes the runs per operation (default 50).
 */
import type { HTTPMethods, InjectOptions, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyAuditChain } from '../platform/audit/audit.js';
import { ERROR_STATUS, type ErrorCode } from '../platform/errors.js';
import type { RouteAccess } from '../platform/http/access.js';
import { anonymous, openTestApp, signedInUser, type Client, type TestApp } from './app.js';
import { databaseFingerprint } from './fingerprint.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 50);
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
const FUZZ_TIMEOUT_MS = 120_000;

function assertOptions(): fc.Parameters<unknown> {
  return { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
}

// ---------------------------------------------------------------------------------------------
// The operations, read from the OpenAPI document

/** The subset of JSON Schema our zod contracts produce. */
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  nullable?: boolean;
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: { 'application/json'?: { schema: JsonSchema } } };
}

interface Operation {
  /** `POST /api/v1/organizations/:id/verify`, as the route table names it. */
  key: string;
  method: HTTPMethods;
  /** The route with `:param` placeholders. */
  route: string;
  access: RouteAccess;
  pathParams: string[];
  query: { name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
  /** Media types of a raw file body (spreadsheet uploads), besides or instead of JSON. */
  files: string[];
}

type Caller = 'office' | 'anonymous';
const CALLERS: readonly Caller[] = ['office', 'anonymous'];

const ErrorBody = z.strictObject({
  code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
  message: z.string().min(1),
  details: z.record(z.string(), z.unknown()),
});

// ---------------------------------------------------------------------------------------------
// Generators

/** Text units: plain letters, Chinese, emoji (with ZWJ sequences and flags), anything printable. */
const textUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...'abcdefxyzABCXYZ0123456789 -_.') },
  { weight: 3, arbitrary: fc.constantFrom(...'苏州工业园区纳米技术创新集群研究院有限公司中文测试') },
  { weight: 2, arbitrary: fc.constantFrom('😀', '🚀', '👩‍🔬', '🇨🇳', '🧬', '🏭', '❤️') },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '\ufffd', '\\', '"', "'") },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('grapheme' as const)
      .chain((unit) => fc.string({ unit, minLength: 1, maxLength: 1 })),
  },
);

/** A value the schema accepts (most of the time: patterns and trims are approximated). */
function validValue(schema: JsonSchema, unit: fc.Arbitrary<string> = textUnit): fc.Arbitrary<unknown> {
  const base = validNonNull(schema, unit);
  return schema.nullable ? fc.option(base, { nil: null, freq: 4 }) : base;
}

function validNonNull(schema: JsonSchema, unit: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validValue(s, unit)));
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((v) => v !== null));
  switch (schema.type) {
    case 'string': {
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? 200;
      const fits = (s: string): boolean => s.length >= min && s.length <= max;
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
      if (schema.format === 'uri') return fc.webUrl().filter(fits);
      return fc
        .string({ unit, minLength: min, maxLength: Math.min(max, 60) })
        .map((s) => (min > 0 && s.trim() === '' ? `x${s}` : s))
        .filter(fits);
    }
    case 'integer': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
      // Mostly small numbers; sometimes the very edges the schema allows (beyond a 32-bit column).
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min, max: Math.min(max, min + 1000) }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(min, max, Math.min(max, 2 ** 31), Math.min(max, 2 ** 31 - 1)),
        },
      );
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? validValue(schema.items, unit) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(
        Object.entries(properties).map(([name, s]) => [name, validValue(s, unit)]),
      );
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.jsonValue();
  }
}

/** A value of a JSON type the schema does not allow. */
function wrongTypeValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const type = schema.type ?? 'unknown';
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (type !== 'string') candidates.push(fc.string({ maxLength: 20 }));
  if (type !== 'number' && type !== 'integer')
    candidates.push(fc.double({ noNaN: true, noDefaultInfinity: true }));
  if (type === 'integer')
    candidates.push(fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)));
  if (type !== 'boolean') candidates.push(fc.boolean());
  if (type !== 'array') candidates.push(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }));
  if (type !== 'object')
    candidates.push(fc.dictionary(safeKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
  if (!schema.nullable) candidates.push(fc.constant(null));
  return fc.oneof(...candidates);
}

/** Object keys that are not prototype-poisoning attempts (those are refused as malformed JSON, tested apart). */
const safeKey = fc
  .string({ minLength: 1, maxLength: 20 })
  .filter((key) => key !== '__proto__' && key !== 'constructor');

/** Path segments an attacker or a broken client might send; raw, not encoded. */
const HOSTILE_SEGMENTS = [
  '..',
  '../',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%00',
  'abc%00def',
  '%',
  '%zz',
  '%C0%AF',
  '%FF%FE',
  '%E2%82',
  '%20',
  "'%20OR%201=1--",
  '%22%3B%20drop%20table%20organization%3B--',
  'null',
  'undefined',
  '0',
  '-1',
  '1e400',
  '__proto__',
  'constructor',
  '😀',
  '苏州',
  '%F0%9F%98%80',
  'a'.repeat(64),
  'a'.repeat(65),
  'a'.repeat(201),
  'a'.repeat(5000),
];

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // Lone surrogates cannot be encoded; send them as they are.
    return value;
  }
}

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 60, maxLength: 300 }),
);

/** Random query values: numbers at the edges, hostile text, declared values, repeated keys. */
const queryScalar = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-0',
    '-1',
    '1.5',
    '1e999',
    'NaN',
    'Infinity',
    '0x10',
    ' 5 ',
    '9007199254740993',
    'true',
    'null',
    '[]',
    '{}',
  ),
  fc.constantFrom(...HOSTILE_SEGMENTS),
  anyText.map(encodeSegment),
  fc.integer().map(String),
);

/** Sequences no UTF-8 decoder may accept: stray continuation bytes, overlong forms, surrogates, past U+10FFFF, truncation. */
const INVALID_UTF8: readonly number[][] = [
  [0x80],
  [0xbf],
  [0xc0, 0xaf],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xfe],
  [0xff],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
];

// ---------------------------------------------------------------------------------------------

describe('fuzzing the API from its OpenAPI document', () => {
  let t: TestApp;
  let clients: Record<Caller, Pick<Client, 'request'>>;
  let operations: Operation[];
  /** Real ids, so that some random requests reach past "not found" into the services. */
  let realIds: string[];

  beforeAll(async () => {
    t = await openTestApp();
    const office = await signedInUser(t, { platformRoles: ['cluster_office'] });
    const colleague = await signedInUser(t);
    clients = { office, anonymous: anonymous(t) };
    const created = await office.request({
      method: 'POST',
      url: '/api/v1/organizations',
      payload: { kind: 'research_institute', nameZh: '模糊测试研究院', nameEn: 'Fuzzing Institute' },
    });
    const organization = created.json<{ id: string; version: number }>();
    await office.request({
      method: 'POST',
      url: `/api/v1/organizations/${organization.id}/verify`,
      payload: { version: organization.version },
    });
    await office.request({
      method: 'POST',
      url: `/api/v1/organizations/${organization.id}/members`,
      payload: { email: colleague.email, role: 'member' },
    });
    const pending = await office.request({
      method: 'POST',
      url: '/api/v1/organizations',
      payload: { kind: 'government', nameZh: '待审机构', nameEn: 'Pending Office' },
    });
    // Directory records of the institute the office user administers, so random edits reach the services.
    const record = (path: string, payload: Record<string, unknown>) =>
      office.request({
        method: 'POST',
        url: `/api/v1/${path}`,
        payload: { ownerOrganizationId: organization.id, ...payload },
      });
    const achievement = await record('achievements', {
      title: '模糊测试成果',
      description: 'Restricted details',
      kind: 'patent',
      trl: 4,
      transferModes: ['licence'],
      visibility: 'parties',
    });
    const capability = await record('capabilities', {
      title: '模糊测试能力',
      description: 'Details',
      cooperationModes: ['consulting'],
      visibility: 'registered',
    });
    expect([achievement.statusCode, capability.statusCode], capability.body).toEqual([201, 201]);
    // Not the office user's own id: a random but valid role change could take its office away mid-run.
    realIds = [
      organization.id,
      pending.json<{ id: string }>().id,
      colleague.userId,
      achievement.json<{ id: string }>().id,
      capability.json<{ id: string }>().id,
    ];

    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, OpenApiOperation>>;
    }>();
    const accessOf = new Map(t.app.routeTable.map((r) => [`${r.method} ${r.url}`, r.access]));
    operations = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).flatMap(([method, op]): Operation[] => {
        const route = path.replace(/\{([^}]+)\}/g, ':$1');
        const key = `${method.toUpperCase()} ${route}`;
        const access = accessOf.get(key);
        if (!route.startsWith('/api/v1/') || access === undefined) return [];
        const parameters = op.parameters ?? [];
        return [
          {
            key,
            method: method.toUpperCase(),
            route,
            access,
            pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
            query: parameters
              .filter((p) => p.in === 'query')
              .map((p) => ({ name: p.name, schema: p.schema })),
            body: op.requestBody?.content?.['application/json']?.schema ?? null,
            files: Object.keys(op.requestBody?.content ?? {}).filter((type) => type !== 'application/json'),
          },
        ];
      }),
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const withBody = (): Operation[] => operations.filter((op) => op.body !== null);
  const withFiles = (): Operation[] => operations.filter((op) => op.files.length > 0);
  const withPathParams = (): Operation[] => operations.filter((op) => op.pathParams.length > 0);
  const withQuery = (): Operation[] => operations.filter((op) => op.query.length > 0);

  function urlOf(op: Operation, params: readonly string[] = []): string {
    let index = 0;
    return op.route.replace(/:[A-Za-z]+/g, () => params[index++] ?? realIds[0] ?? 'x');
  }

  /** Path segments that satisfy the schema and mostly name real rows. */
  const plausibleParams = (op: Operation): fc.Arbitrary<string[]> =>
    fc.tuple(
      ...op.pathParams.map(() => fc.oneof(fc.constantFrom(...realIds), fc.stringMatching(/^[0-9A-Z]{26}$/))),
    );

  /** Sends one request and checks the contract every answer keeps; returns the response for more checks. */
  async function send(
    op: Operation,
    caller: Caller,
    request: { url: string; payload?: string | Buffer; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse> {
    const before = await databaseFingerprint(t.ctx.db);
    const options: InjectOptions = {
      method: op.method,
      url: request.url,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
      headers:
        request.headers ?? (request.payload === undefined ? {} : { 'content-type': 'application/json' }),
    };
    const response = await clients[caller].request(options);
    const after = await databaseFingerprint(t.ctx.db);
    const context = `${caller} ${op.method} ${request.url.slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 300)}`;

    expect(response.statusCode, context).toBeLessThan(500);
    if (response.statusCode >= 400) {
      const parsed = ErrorBody.safeParse(JSON.parse(response.body));
      expect(parsed.error?.issues ?? [], context).toEqual([]);
      const code = parsed.data?.code;
      expect(code && ERROR_STATUS[code], context).toBe(response.statusCode);
      expect(after.tables, `a rejected request stored something: ${context}`).toEqual(before.tables);
      if (after.failedLogins !== before.failedLogins) expect(code, context).toBe('auth.invalid_credentials');
    }
    if (op.method === 'GET')
      expect(after.tables, `a read stored something: ${context}`).toEqual(before.tables);
    return response;
  }

  /**
   * What a body the schema refuses gets: 401 first where the route needs a session, else 400.
   * A prototype-poisoning key anywhere is refused earlier still, by the parser, as malformed JSON.
   */
  function expectInvalidBody(
    op: Operation,
    caller: Caller,
    response: LightMyRequestResponse,
    payload: string,
    codes: ErrorCode[] = ['request.validation_failed'],
  ): void {
    const needsSession = caller === 'anonymous' && op.access !== 'public';
    const poisoned = payload.includes('"__proto__"') || payload.includes('"constructor"');
    const expected: ErrorCode[] = [
      ...(needsSession ? ['auth.unauthenticated' as const] : codes),
      ...(poisoned ? ['request.malformed_json' as const] : []),
    ];
    expect(expected, `${caller} ${op.key} → ${response.body.slice(0, 300)}`).toContain(
      response.json<{ code: ErrorCode }>().code,
    );
  }

  it('documents every API route the server registers, so the fuzzer reaches all of them', () => {
    const documented = new Set(operations.map((op) => op.key));
    expect(t.app.routeTable.map((r) => `${r.method} ${r.url}`).filter((key) => !documented.has(key))).toEqual(
      [],
    );
  });

  it(
    'never answers a random JSON body with a server error, and stores nothing it refuses',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      for (const op of withBody()) {
        const body = fc.oneof(fc.jsonValue(), fc.anything(), validValue(op.body ?? {}));
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...CALLERS),
            plausibleParams(op),
            body,
            async (caller, params, value) => {
              await send(op, caller, { url: urlOf(op, params), payload: JSON.stringify(value) ?? '' });
            },
          ),
          assertOptions(),
        );
      }
    },
  );

  it('refuses a declared property of the wrong type', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    for (const op of withBody()) {
      const properties = Object.entries(op.body?.properties ?? {});
      if (properties.length === 0) continue;
      const mutated = fc
        .tuple(validValue(op.body ?? {}), fc.constantFrom(...properties))
        .chain(([valid, [name, schema]]) =>
          wrongTypeValue(schema).map((wrong) => ({ ...(valid as object), [name]: wrong })),
        );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CALLERS),
          plausibleParams(op),
          mutated,
          async (caller, params, value) => {
            const payload = JSON.stringify(value);
            const response = await send(op, caller, { url: urlOf(op, params), payload });
            expectInvalidBody(op, caller, response, payload);
          },
        ),
        assertOptions(),
      );
    }
  });

  it('refuses a body missing a required property', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    for (const op of withBody()) {
      const required = op.body?.required ?? [];
      if (required.length === 0) continue;
      const incomplete = fc
        .tuple(validValue(op.body ?? {}), fc.subarray(required, { minLength: 1 }))
        .map(([valid, missing]) =>
          Object.fromEntries(Object.entries(valid as object).filter(([key]) => !missing.includes(key))),
        );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CALLERS),
          plausibleParams(op),
          incomplete,
          async (caller, params, value) => {
            const payload = JSON.stringify(value);
            const response = await send(op, caller, { url: urlOf(op, params), payload });
            expectInvalidBody(op, caller, response, payload);
          },
        ),
        assertOptions(),
      );
    }
  });

  it('refuses unknown properties', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    for (const op of withBody()) {
      const declared = new Set(Object.keys(op.body?.properties ?? {}));
      const extra = fc.dictionary(
        safeKey.filter((key) => !declared.has(key)),
        fc.jsonValue({ maxDepth: 2 }),
        { minKeys: 1, maxKeys: 3 },
      );
      const widened = fc
        .tuple(validValue(op.body ?? {}), extra)
        .map(([valid, more]) => ({ ...(valid as object), ...more }));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CALLERS),
          plausibleParams(op),
          widened,
          async (caller, params, value) => {
            const payload = JSON.stringify(value);
            const response = await send(op, caller, { url: urlOf(op, params), payload });
            expectInvalidBody(op, caller, response, payload);
          },
        ),
        assertOptions(),
      );
    }
  });

  it(
    'accepts or cleanly refuses Chinese and emoji text in every field',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      const cjkAndEmoji = fc.oneof(
        fc.constantFrom(...'苏州纳米城独墅湖科教创新区产学研深度融合'),
        fc.constantFrom('😀', '🚀', '👩‍🔬', '🇨🇳', '🧬', '🏭', '❤️', '\u200d', '\ufeff', '\u0301'),
      );
      for (const op of withBody()) {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...CALLERS),
            plausibleParams(op),
            validValue(op.body ?? {}, cjkAndEmoji),
            async (caller, params, value) => {
              await send(op, caller, { url: urlOf(op, params), payload: JSON.stringify(value) });
            },
          ),
          assertOptions(),
        );
      }
    },
  );

  it('refuses a 2 MB body with 413 request.too_large', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    const huge = [
      `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`,
      JSON.stringify({ nameZh: '中'.repeat(700_000) }),
      JSON.stringify(['😀'.repeat(300_000)]),
    ];
    for (const op of withBody()) {
      for (const caller of CALLERS) {
        for (const payload of huge) {
          const response = await send(op, caller, { url: urlOf(op), payload });
          expect(response.statusCode).toBe(413);
          expect(response.json<{ code: string }>().code).toBe('request.too_large');
        }
      }
    }
  });

  it('refuses 10 000 levels of nesting without a server error', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    const depth = 10_000;
    const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    for (const op of withBody()) {
      const first = Object.keys(op.body?.properties ?? {})[0] ?? 'a';
      const bodies = [arrays, objects, `{"${first}":${arrays}}`, `{"${first}":${objects}}`, `[${objects}]`];
      for (const caller of CALLERS) {
        for (const payload of bodies) {
          const response = await send(op, caller, { url: urlOf(op), payload });
          expectInvalidBody(op, caller, response, payload, [
            'request.validation_failed',
            'request.malformed_json',
          ]);
        }
      }
    }
  });

  it(
    'refuses prototype-poisoning and malformed JSON as request.malformed_json',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      const bodies = [
        '{"__proto__":{"isAdmin":true}}',
        '{"constructor":{"prototype":{"isAdmin":true}}}',
        '{"a":1,"__proto__":{"x":1}}',
        '{',
        '{"a":1,}',
        "{'a':1}",
        '{"a":01}',
        'undefined',
        'NaN',
        '{"a":"\\x41"}',
        '{"a":"\\ud800"',
        '\u0000',
        ' ',
      ];
      for (const op of withBody()) {
        for (const caller of CALLERS) {
          for (const payload of bodies) {
            const response = await send(op, caller, { url: urlOf(op), payload });
            expect(response.json<{ code: string }>().code, `${op.key} ${payload}`).toBe(
              'request.malformed_json',
            );
          }
        }
      }
    },
  );

  it('refuses invalid UTF-8 with request.invalid_utf8', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    for (const op of withBody()) {
      const broken = fc
        .tuple(validValue(op.body ?? {}), fc.constantFrom(...INVALID_UTF8), fc.nat())
        .map(([value, sequence, at]) => {
          const bytes = Buffer.from(JSON.stringify(value), 'utf8');
          const cut = at % (bytes.length + 1);
          return Buffer.concat([bytes.subarray(0, cut), Buffer.from(sequence), bytes.subarray(cut)]);
        });
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CALLERS),
          plausibleParams(op),
          broken,
          async (caller, params, payload) => {
            const response = await send(op, caller, { url: urlOf(op, params), payload });
            expect(response.json<{ code: string }>().code).toBe('request.invalid_utf8');
          },
        ),
        assertOptions(),
      );
    }
  });

  it('refuses bodies that are not labelled JSON with 415', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    const contentTypes = [
      'text/plain',
      'text/plain; charset=utf-8',
      'application/xml',
      'text/xml',
      'multipart/form-data; boundary=----fuzz',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
    ];
    for (const op of withBody()) {
      for (const caller of CALLERS) {
        for (const contentType of contentTypes) {
          const payload = contentType.startsWith('multipart')
            ? '------fuzz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n------fuzz--\r\n'
            : contentType.includes('xml')
              ? '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'
              : '{"a":1}';
          const response = await send(op, caller, {
            url: urlOf(op),
            payload,
            headers: { 'content-type': contentType },
          });
          expect(response.statusCode, `${op.key} as ${contentType}`).toBe(415);
          expect(response.json<{ code: string }>().code).toBe('request.unsupported_media_type');
        }
      }
    }
  });

  it(
    'never answers a random or damaged file upload with a server error, and stores nothing it refuses',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      const cells = fc.array(fc.string({ unit: textUnit, maxLength: 24 }), { maxLength: 8 });
      const headers = [
        'title,description,kind,trl,transferModes,visibility',
        'title,description,cooperationModes,visibility',
        '标题 *,详细描述 *,成果类型 *,技术成熟度（TRL） *,转化方式 *,可见范围 *',
      ];
      const file = fc.oneof(
        fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
        fc
          .tuple(
            fc.constantFrom(...headers),
            fc.array(cells, { maxLength: 6 }),
            fc.constantFrom('\n', '\r\n', '\r'),
          )
          .map(([header, rows, end]) => Buffer.from([header, ...rows.map((row) => row.join(','))].join(end))),
        fc
          .uint8Array({ minLength: 1, maxLength: 2048 })
          .map((bytes) => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(bytes)])),
      );
      expect(withFiles().length).toBeGreaterThan(0);
      for (const op of withFiles()) {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...CALLERS),
            plausibleParams(op),
            fc.constantFrom(...op.files),
            file,
            async (caller, params, contentType, payload) => {
              const response = await send(op, caller, {
                url: urlOf(op, params),
                payload,
                headers: { 'content-type': contentType },
              });
              if (caller === 'anonymous') expect(response.statusCode).toBe(401);
            },
          ),
          assertOptions(),
        );
      }
    },
  );

  it('never fails on hostile path parameters', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    const segment = fc.oneof(
      fc.constantFrom(...HOSTILE_SEGMENTS),
      anyText.map(encodeSegment),
      fc.constantFrom(...realIds),
    );
    for (const op of withPathParams()) {
      const body = op.body
        ? validValue(op.body).map((value) => JSON.stringify(value))
        : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CALLERS),
          fc.tuple(...op.pathParams.map(() => segment)),
          body,
          async (caller, params, payload) => {
            await send(op, caller, { url: urlOf(op, params), ...(payload === undefined ? {} : { payload }) });
          },
        ),
        assertOptions(),
      );
    }
  });

  it('never fails on random query values', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    for (const op of withQuery()) {
      const declared = op.query.map((q) => q.name);
      const entry = fc.tuple(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...declared) },
          { weight: 1, arbitrary: anyText.map(encodeSegment) },
        ),
        fc.oneof(
          queryScalar,
          ...op.query.map((q) => validValue(q.schema).map((v) => encodeSegment(String(v)))),
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CALLERS),
          fc.array(entry, { maxLength: 6 }),
          async (caller, entries) => {
            const query = entries.map(([key, value]) => `${key}=${value}`).join('&');
            await send(op, caller, { url: `${urlOf(op)}?${query}` });
          },
        ),
        assertOptions(),
      );
    }
  });

  it('leaves the audit chain verifiable after all of it', async () => {
    const verification = await verifyAuditChain(t.ctx.db);
    expect(verification).toMatchObject({ ok: true, firstBreak: null });
  });
});
