import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, statusOf, type ErrorBody, type ErrorCode, type FieldIssue } from '../errors.js';

const CONTEXT_PREFIX: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

/** Field issues from a zod validation failure, each naming the field the way a client sent it. */
function validationIssues(error: { validation: unknown[]; validationContext?: string }): FieldIssue[] {
  const prefix = CONTEXT_PREFIX[error.validationContext ?? 'body'] ?? 'body';
  const issues: FieldIssue[] = [];
  for (const raw of error.validation) {
    const v = raw as { keyword: string; instancePath: string; message?: string; params?: { keys?: unknown } };
    const base = [prefix, ...v.instancePath.split('/').filter(Boolean)].join('.');
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params?.keys)) {
      for (const key of v.params.keys) {
        issues.push({
          field: `${base}.${String(key)}`,
          code: 'unrecognized_key',
          message: `Unknown field "${String(key)}"`,
        });
      }
    } else {
      issues.push({ field: base, code: v.keyword, message: v.message ?? 'Invalid value' });
    }
  }
  return issues;
}

/** Fastify's own request errors, mapped to our stable codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_EMPTY_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported_media_type',
  FST_ERR_BAD_URL: 'request.not_found',
  // A path segment longer than any id we issue names nothing.
  FST_ERR_MAX_PARAM_LENGTH: 'request.not_found',
  FST_ERR_ASYNC_CONSTRAINT: 'request.not_found',
};

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof DomainError) {
    return {
      status: statusOf(error.code),
      body: { code: error.code, message: error.message, details: error.details },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = validationIssues(error);
    const first = issues[0];
    const message = first ? `${first.field}: ${first.message}` : 'Invalid request';
    return { status: 400, body: { code: 'request.validation_failed', message, details: { issues } } };
  }
  const fastifyError = error as Partial<FastifyError>;
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) {
    return {
      status: statusOf(mapped),
      body: { code: mapped, message: requestErrorMessage(mapped), details: {} },
    };
  }
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    const code: ErrorCode =
      fastifyError.statusCode === 413 ? 'request.too_large' : 'request.validation_failed';
    return { status: statusOf(code), body: { code, message: requestErrorMessage(code), details: {} } };
  }
  return {
    status: 500,
    body: { code: 'server.internal', message: 'Something went wrong on our side', details: {} },
  };
}

function requestErrorMessage(code: ErrorCode): string {
  switch (code) {
    case 'request.too_large':
      return 'The request body is too large';
    case 'request.unsupported_media_type':
      return 'Send the body as application/json';
    case 'request.malformed_json':
      return 'The request body is not valid JSON';
    case 'request.not_found':
      return 'No such address';
    default:
      return 'Invalid request';
  }
}

/**
 * For Fastify's `frameworkErrors` option: errors the router raises before any route or error
 * handler exists (a malformed percent-encoding, an over-long path parameter) get our body too.
 */
export function replyWithFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const { status, body } = toErrorBody(error);
  void reply.status(status).send(body);
}

/** One place turns every thrown error into `{ code, message, details }`; 5xx are logged, 4xx are not. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorBody(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { code: 'request.not_found', message: 'No such address', details: {} };
    return reply.status(404).send(body);
  });
}
