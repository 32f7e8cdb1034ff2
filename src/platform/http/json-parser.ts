import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { DomainError } from '../errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses JSON bodies strictly: invalid UTF-8, malformed JSON, prototype-poisoning keys and
 * nesting deep enough to exhaust the stack are all refused with a clear 400.
 */
export function registerStrictJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
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
      done(new DomainError('request.malformed_json', 'The request body is empty; send a JSON object'), undefined);
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
