/**
 * Commands of the matching module: `import jsonl|cordis|moe-universities`, `export jsonl` and
 * `match`. The formats are an outside contract (docs/INTERCHANGE.md): change them only additively.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { importCordis, importMoeUniversities } from '../modules/matching/importers.js';
import {
  buildOrganizationMatcher,
  exportJsonl,
  importJsonl,
  parseKinds,
} from '../modules/matching/service.js';

interface Output {
  out(line: string): void;
  err(line: string): void;
}

interface DbOption {
  db?: string;
}

export interface MatchingCliDeps {
  output: Output;
  exit: (code: number) => void;
  dbHelp: string;
  withDatabase: <T>(
    options: DbOption,
    run: (handle: DatabaseHandle, ctx: AppContext) => Promise<T>,
  ) => Promise<T>;
}

function topOption(value: string | undefined): number {
  if (value === undefined) return 10;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new Error(`--top must be a whole number from 1 to 10000, not "${value}"`);
  return n;
}

/** Adds the matching commands to the `consortia` program (the `import` and `export` groups too). */
export function addMatchingCommands(program: Command, deps: MatchingCliDeps): void {
  const { output, exit, dbHelp, withDatabase } = deps;
  const migrated = async <T>(options: DbOption, run: (ctx: AppContext) => Promise<T>): Promise<T> =>
    withDatabase(options, async (handle, ctx) => {
      await migrateToLatest(handle.db as Kysely<unknown>);
      return run(ctx);
    });

  const importCommand = program.command('import').description('import outside data (trusted, audited)');
  importCommand
    .command('jsonl <file>')
    .description(
      'import organisations, experts, needs, capabilities and achievements from JSON lines; all or nothing; re-imported ids update',
    )
    .option('--db <url>', dbHelp)
    .option('--json', 'print the summary or the problems as JSON')
    .action(async (file: string, options: DbOption & { json?: boolean }) => {
      const text = fs.readFileSync(path.resolve(file), 'utf8');
      await migrated(options, async (ctx) => {
        const result = await importJsonl(ctx, text, { fileName: path.basename(file) });
        if (!result.ok) {
          if (options.json) output.out(JSON.stringify({ ok: false, issues: result.issues }));
          output.err(`Nothing imported from ${file}: ${result.issues.length} problem(s)`);
          for (const issue of result.issues)
            output.err(`  row ${issue.row}: ${issue.field}: ${issue.message}`);
          exit(1);
          return;
        }
        const s = result.summary;
        if (options.json) output.out(JSON.stringify({ ok: true, ...s }));
        else
          output.out(
            `Imported ${s.rows} records from ${file}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged (${Object.entries(
              s.byType,
            )
              .map(([type, n]) => `${type} ${n}`)
              .join(', ')})`,
          );
      });
    });

  importCommand
    .command('cordis <dir>')
    .description(
      'import CORDIS H2020 organisations, projects and participations (e.g. ../shared/data/cordis-h2020)',
    )
    .option('--db <url>', dbHelp)
    .action(async (dir: string, options: DbOption) => {
      await migrated(options, async (ctx) => {
        const started = Date.now();
        const s = await importCordis(ctx, path.resolve(dir), (line) => output.err(line));
        output.out(
          `Imported CORDIS from ${dir}: organisations ${s.organizations.created} created, ${s.organizations.updated} updated, ${s.organizations.unchanged} unchanged; ${s.projects} projects, ${s.participations} participations (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
      });
    });

  importCommand
    .command('moe-universities <file>')
    .description('import the MOE list of universities (moe_universities.ts; read as data, never run)')
    .option('--db <url>', dbHelp)
    .action(async (file: string, options: DbOption) => {
      const source = fs.readFileSync(path.resolve(file), 'utf8');
      await migrated(options, async (ctx) => {
        const s = await importMoeUniversities(ctx, source);
        output.out(
          `Imported MOE universities from ${file}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged${s.skipped ? `, ${s.skipped} entries skipped (no name or code)` : ''}`,
        );
      });
    });

  program
    .command('export')
    .description('export data')
    .command('jsonl [file]')
    .description(
      'write organisations and directory records as JSON lines (the import format); stdout without a file',
    )
    .option('--db <url>', dbHelp)
    .action(async (file: string | undefined, options: DbOption) => {
      await migrated(options, async (ctx) => {
        const result = await exportJsonl(ctx);
        if (file) {
          fs.writeFileSync(path.resolve(file), result.lines.map((l) => `${l}\n`).join(''));
          output.err(`Exported ${result.lines.length} records to ${file}`);
        } else for (const line of result.lines) output.out(line);
        if (result.withheld > 0)
          output.err(`${result.withheld} records left out: their visibility tier hides their details`);
      });
    });

  program
    .command('match')
    .description(
      'rank organisations for free text (one query) or for a file of queries (JSON lines {"id","text"})',
    )
    .option('--text <text>', 'what is sought, in Chinese or English')
    .option(
      '--queries <file>',
      'many queries, one JSON object {"id","text"} per line; prints one line per query',
    )
    .option('--kind <kinds>', 'only these kinds, comma-separated (e.g. university,research_institute)')
    .option('--top <n>', 'how many results per query (default 10)')
    .option('--json', 'print JSON (always JSON for --queries)')
    .option('--db <url>', dbHelp)
    .action(
      async (
        options: DbOption & { text?: string; queries?: string; kind?: string; top?: string; json?: boolean },
      ) => {
        if ((options.text === undefined) === (options.queries === undefined))
          throw new Error('Give either --text or --queries');
        const top = topOption(options.top);
        const kinds = options.kind ? parseKinds(options.kind) : undefined;
        await migrated(options, async (ctx) => {
          const matcher = await buildOrganizationMatcher(ctx);
          const matchOptions = { top, ...(kinds ? { kinds } : {}) };
          if (options.text !== undefined) {
            const results = matcher.match(options.text, matchOptions);
            if (options.json) output.out(JSON.stringify(results));
            else
              results.forEach((r, i) =>
                output.out(
                  `${String(i + 1).padStart(3)}. ${r.score.toFixed(3)}  ${r.name} (${r.id})  ${r.reasons
                    .map((reason) => (reason as { code: string }).code)
                    .join(', ')}`,
                ),
              );
            return;
          }
          const lines = readline.createInterface({
            input: fs.createReadStream(path.resolve(options.queries as string), 'utf8'),
            crlfDelay: Infinity,
          });
          let row = 0;
          let problems = 0;
          for await (const line of lines) {
            row += 1;
            if (line.trim() === '') continue;
            let query: { id?: unknown; text?: unknown };
            try {
              query = JSON.parse(line) as { id?: unknown; text?: unknown };
            } catch {
              output.err(`row ${row}: not valid JSON`);
              problems += 1;
              continue;
            }
            if (
              typeof query.text !== 'string' ||
              (typeof query.id !== 'string' && typeof query.id !== 'number')
            ) {
              output.err(`row ${row}: needs "id" (string or number) and "text" (string)`);
              problems += 1;
              continue;
            }
            output.out(JSON.stringify({ id: query.id, results: matcher.match(query.text, matchOptions) }));
          }
          if (problems > 0) exit(1);
        });
      },
    );
}
