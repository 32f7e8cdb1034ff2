import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { errorResponses, userActor } from '../../platform/http/route-helpers.js';
import {
  ImportParams,
  ImportQuery,
  ImportResultSchema,
  MAX_UPLOAD_BYTES,
  SPREADSHEET_KINDS,
  SpreadsheetErrorSchema,
  TemplateParams,
  TemplateQuery,
  UPLOAD_MEDIA_TYPES,
  XLSX_MEDIA_TYPE,
  type SpreadsheetKind,
} from './schemas.js';
import * as spreadsheets from './service.js';

/**
 * An uploaded file. The bytes sit in a private field so that hooks walking request bodies as
 * JSON (the NUL-character guard) see an object with nothing to walk, not ten million array slots.
 */
class SpreadsheetUpload {
  readonly #bytes: Buffer;

  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  get bytes(): Buffer {
    return this.#bytes;
  }
}

const binary = { type: 'string', format: 'binary' } as const;

const UploadBody = z
  .custom<SpreadsheetUpload>(
    (value) => value instanceof SpreadsheetUpload,
    'Send the file itself as the body',
  )
  // No body at all arrives as null; the service answers it as an empty file.
  .nullish()
  .meta({
    ...binary,
    description: `The filled template as the raw body: an .xlsx workbook or a CSV file (UTF-8, GB18030 or UTF-16), at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`,
  });

const TemplateBytes = z.custom<Buffer>().meta(binary);

/** `attachment` with an ASCII name and the real one (RFC 6266 / 5987), for Chinese file names. */
function attachment(fileName: string, asciiFileName: string): string {
  return `attachment; filename="${asciiFileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Templates for needs and achievements, and uploads of filled ones (all or nothing). */
export function spreadsheetRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['spreadsheets'];

    // Uploads arrive as raw bytes; only these routes take them (elsewhere such bodies stay 415).
    app.addContentTypeParser(
      [...UPLOAD_MEDIA_TYPES],
      { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
      (_request, body, done) => done(null, new SpreadsheetUpload(body as Buffer)),
    );

    app.get('/api/v1/imports/templates/:kind', {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'A template for bulk import of needs or achievements: XLSX with drop-downs and instructions, or CSV',
        params: TemplateParams,
        querystring: TemplateQuery,
        response: {
          200: {
            description: 'The template file (sent as an attachment)',
            content: { [XLSX_MEDIA_TYPE]: { schema: TemplateBytes }, 'text/csv': { schema: TemplateBytes } },
          },
          ...errorResponses(400),
        },
      },
      handler: async (request, reply) => {
        const file = await spreadsheets.templateFile(ctx, request.params.kind, request.query);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', attachment(file.fileName, file.asciiFileName))
          .header('cache-control', 'no-store')
          .send(file.bytes);
      },
    });

    for (const kind of SPREADSHEET_KINDS) {
      app.post(`/api/v1/organizations/:id/imports/${kind}`, {
        config: { access: 'user' },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: `Import ${kind} from a filled template for your verified organisation, all or nothing; dryRun=true only checks`,
          description:
            'Any bad row refuses the whole file with `spreadsheets.invalid_rows` and `details.issues: [{row, column, field, code, message, params}]` for every bad cell, rows numbered as the spreadsheet program shows them.',
          consumes: [...UPLOAD_MEDIA_TYPES],
          params: ImportParams,
          querystring: ImportQuery,
          body: UploadBody,
          response: {
            200: ImportResultSchema.describe('What the file would create (dry run)'),
            201: ImportResultSchema.describe('What the file created'),
            400: SpreadsheetErrorSchema,
            ...errorResponses(401, 403, 404),
          },
        },
        handler: async (request, reply) => {
          const result = await spreadsheets.importSpreadsheet(
            ctx,
            userActor(request),
            request.params.id,
            kind satisfies SpreadsheetKind,
            request.body?.bytes,
            { dryRun: request.query.dryRun },
          );
          return reply.status(result.dryRun ? 200 : 201).send(result);
        },
      });
    }
  };
}
