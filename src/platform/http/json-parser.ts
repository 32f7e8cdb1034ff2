import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { DomainError } from '../errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses JSON bodies strictly: invalid UTF-8, malformed JSON, prototype-poisoning keys and
 * nesting deep enough to exhaust the stack are all refused with a clear 400. JSON is the only body
 * the API takes: Fastify's text/plain parser is removed, so such bodies get 415 like any other type.
 */
export function registerStrictJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    const buffer = body as Buffer;
    let text: string;
    try {
      text = strictUtf8.decode(buffer);
    } catch {
      done(new DomainError('request.invalid_utf8', 'The request body is not valid UTF-8'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(
        new DomainError('request.malformed_json', 'The request body is empty; send a JSON object'),
        undefined,
      );
      return;
    }
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      const reason = error instanceof RangeError ? 'it is nested too deeply' : 'it is not valid JSON';
      done(new DomainError('request.malformed_json', `The request body was refused: ${reason}`), undefined);
    }
  });
}

/** The dotted field path of the first U+0000 in a parsed input (in a key or a string), or null. */
function findNulCharacter(input: unknown, prefix: string): string | null {
  // Iterative: a body may legally be nested far deeper than the call stack.
  const pending: [unknown, string][] = [[input, prefix]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, field] = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return field;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) return field;
        pending.push([child, `${field}.${key}`]);
      }
    }
  }
  return null;
}

/**
 * Refuses text with the NUL character (U+0000) anywhere in the path, query or body with a 400.
 * PostgreSQL cannot store it in text and fails the query, SQLite would store it silently; no
 * legitimate input contains it. Runs before the handler, after access control and validation.
 */
export function registerNulCharacterGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const field =
      findNulCharacter(request.params, 'path') ??
      findNulCharacter(request.query, 'query') ??
      findNulCharacter(request.body, 'body');
    if (field !== null) {
      throw DomainError.field(
        'request.validation_failed',
        field,
        'Text must not contain the NUL character (U+0000)',
      );
    }
  });
}
