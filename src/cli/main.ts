import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { buildApp } from '../app.js';
import { describeDatabaseTarget, parseDatabaseUrl, parsePort } from '../platform/config.js';
import { DEFAULT_SETTINGS, type AppContext } from '../platform/context.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { backupDatabase, restoreDatabase } from '../platform/db/backup.js';
import { verifyAuditChain } from '../platform/audit/audit.js';
import { isDatabaseEmpty, seedDemo } from '../modules/demo/seed.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../modules/demo/data.js';
import { hashPassword, insertUserInTransaction } from '../modules/identity/service.js';
import { passwordProblem } from '../modules/identity/rules.js';
import { RegisterBody } from '../modules/identity/schemas.js';
import { PLATFORM_ROLES, type PlatformRole } from '../platform/auth/actor.js';
import { addMatchingCommands } from './matching.js';
import { reindexOrganizations } from '../modules/organizations/service.js';
import { rebuildSearchIndex } from '../modules/search/service.js';
import { configureEmailQueueing } from '../modules/notifications/notify.js';
import {
  DEFAULT_OUTBOX_OPTIONS,
  mailSettingsFromEnv,
  smtpTransport,
  startOutboxWorker,
} from '../modules/notifications/outbox.js';
import { startEngagementSweeper, sweepAllProjects } from '../modules/projects/engagement-service.js';
import { remindDueMilestones } from '../modules/projects/service.js';

/** Where the command writes: stdout for results, stderr for progress. Tests capture both. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The package root, found from this file whether it runs from src/ (tsx) or dist/server/. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? DEFAULT_SETTINGS.version;
  } catch {
    return DEFAULT_SETTINGS.version;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface DbOption {
  db?: string;
}

/**
 * Opens the database a command names. Commands that only read (`backup`, `audit verify`) refuse
 * a SQLite file that does not exist rather than create an empty one.
 */
function openFromOption(options: DbOption, mustExist = false): DatabaseHandle {
  const target = parseDatabaseUrl(options.db ?? process.env['DATABASE_URL']);
  if (
    mustExist &&
    target.engine === 'sqlite' &&
    target.filename !== ':memory:' &&
    !fs.existsSync(target.filename)
  ) {
    throw new Error(`No database at ${target.filename}`);
  }
  return openDatabase(target);
}

async function withDatabase<T>(
  options: DbOption,
  run: (handle: DatabaseHandle, ctx: AppContext) => Promise<T>,
  mustExist = false,
): Promise<T> {
  const handle = openFromOption(options, mustExist);
  try {
    const ctx: AppContext = {
      db: handle.db,
      engine: handle.engine,
      settings: { ...DEFAULT_SETTINGS, version: packageVersion() },
    };
    return await run(handle, ctx);
  } finally {
    await handle.close();
  }
}

function portOption(value: string): number {
  try {
    return parsePort(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/** Builds the `consortia` command. `exit` lets tests observe exit codes instead of ending the process. */
export function buildCli(
  output: Output = consoleOutput,
  exit: (code: number) => void = (code) => {
    process.exitCode = code;
  },
): Command {
  const program = new Command('consortia')
    .description('Consortia: industry–university–research collaboration in an innovation cluster')
    .version(packageVersion())
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) });
  const dbHelp =
    'database: a SQLite path (./data/x.db, sqlite:./data/x.db) or postgres://… (default: $DATABASE_URL or ./data/consortia.db)';

  program
    .command('serve')
    .description(
      'run the platform: migrate, load the demo cluster into an empty database, serve the web app and API',
    )
    .option('--db <url>', dbHelp)
    .option('--port <port>', 'port to listen on (default: $PORT or 3000)', portOption)
    .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .option('--no-demo', 'do not load the demo cluster into an empty database')
    .action(async (options: DbOption & { port?: number; host?: string; demo: boolean }) => {
      const port = options.port ?? parsePort(process.env['PORT']);
      const host = options.host ?? process.env['HOST'] ?? '127.0.0.1';
      const handle = openFromOption(options);
      const settings = {
        ...DEFAULT_SETTINGS,
        version: packageVersion(),
        secureCookies: process.env['CONSORTIA_SECURE_COOKIES'] === 'true',
      };
      const ctx: AppContext = { db: handle.db, engine: handle.engine, settings };
      // E-mail of notifications: on when CONSORTIA_SMTP_URL is set (a bad setting stops the start).
      const mail = mailSettingsFromEnv(process.env);
      configureEmailQueueing({
        enabled: mail !== null,
        publicUrl: process.env['CONSORTIA_PUBLIC_URL']?.trim() || null,
      });
      const logger = pino({
        level: process.env['LOG_LEVEL'] ?? 'info',
        redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
      });
      const applied = await migrateToLatest(handle.db as Kysely<unknown>);
      logger.info({ database: describeDatabaseTarget(handle.target), applied }, 'database ready');
      if (options.demo && (await isDatabaseEmpty(ctx))) {
        const result = await seedDemo(ctx);
        logger.info(result, 'demo cluster loaded');
      }
      const webRoot = path.join(packageRoot(), 'dist', 'web');
      if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
        output.err(
          'The web app is not built (dist/web is missing): run `npm run build`; the API is served anyway.',
        );
      }
      const app = await buildApp(ctx, { logger, webRoot, trustProxy: process.env['TRUST_PROXY'] === 'true' });
      await app.listen({ port, host });
      // Notification e-mails leave the outbox after commit, from this worker (see notifications/outbox.ts).
      const outbox = mail
        ? startOutboxWorker(handle.db, smtpTransport(mail.smtpUrl), {
            ...DEFAULT_OUTBOX_OPTIONS,
            from: mail.from,
            intervalMs: 5_000,
            logger,
          })
        : null;
      // The engagement monitor's sweep runs in the server (CONSORTIA_ENGAGEMENT_SWEEP_MINUTES=0 turns it off).
      const sweepMinutes = Number(process.env['CONSORTIA_ENGAGEMENT_SWEEP_MINUTES'] ?? '10');
      const sweeper =
        Number.isFinite(sweepMinutes) && sweepMinutes > 0
          ? startEngagementSweeper(ctx, { intervalMs: sweepMinutes * 60_000, logger })
          : null;
      // Milestones coming due are reminded hourly (once per milestone and due date: projects/service.ts).
      const reminders = setInterval(() => {
        remindDueMilestones(ctx, new Date()).catch((error: unknown) => {
          logger.error({ err: error }, 'milestone reminders failed');
        });
      }, 60 * 60_000);
      reminders.unref();
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${actualPort}`;
      const demo =
        (await ctx.db.selectFrom('app_user').select('id').where('is_demo', '=', 1).limit(1).execute())
          .length > 0;
      output.out('');
      output.out(`  Consortia is running at ${url}`);
      output.out(`  API documentation: ${url}/api/docs`);
      output.out(`  Database: ${describeDatabaseTarget(handle.target)}`);
      if (demo) {
        output.out(`  Demo accounts (password: ${DEMO_PASSWORD}):`);
        for (const user of DEMO_USERS) output.out(`    ${user.email.padEnd(36)} ${user.note}`);
      }
      output.out('');
      const stop = async (signal: string): Promise<void> => {
        logger.info({ signal }, 'shutting down');
        await outbox?.stop();
        await sweeper?.stop();
        clearInterval(reminders);
        await app.close();
        await handle.close();
        exit(0);
      };
      process.once('SIGINT', (s) => void stop(s));
      process.once('SIGTERM', (s) => void stop(s));
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--db <url>', dbHelp)
    .action(async (options: DbOption) => {
      await withDatabase(options, async (handle) => {
        const applied = await migrateToLatest(handle.db as Kysely<unknown>);
        output.out(
          applied.length
            ? `Applied ${applied.join(', ')} to ${describeDatabaseTarget(handle.target)}`
            : `${describeDatabaseTarget(handle.target)} is up to date`,
        );
      });
    });

  const seed = program.command('seed').description('load data sets');
  seed
    .command('demo')
    .description('load the illustrative Suzhou demo cluster into an empty database')
    .option('--db <url>', dbHelp)
    .action(async (options: DbOption) => {
      await withDatabase(options, async (handle, ctx) => {
        await migrateToLatest(handle.db as Kysely<unknown>);
        const result = await seedDemo(ctx);
        if (!result.seeded) {
          output.err(`Not seeded: ${result.reason ?? 'unknown reason'}`);
          exit(1);
          return;
        }
        output.out(
          `Loaded ${result.clusters} clusters, ${result.organizations} organisations and ${result.users} users (password: ${DEMO_PASSWORD})`,
        );
      });
    });

  program
    .command('backup <file>')
    .description(
      'write a consistent backup of the whole database (gzip JSON lines; restores into either engine)',
    )
    .option('--db <url>', dbHelp)
    .action(async (file: string, options: DbOption) => {
      await withDatabase(
        options,
        async (handle) => {
          const summary = await backupDatabase(handle.db, handle.engine, path.resolve(file));
          output.out(
            `Backed up ${summary.rows} rows from ${describeDatabaseTarget(handle.target)} to ${summary.file}`,
          );
        },
        true,
      );
    });

  program
    .command('restore <file>')
    .description('restore a backup into an empty database (or replace everything with --force)')
    .option('--db <url>', dbHelp)
    .option('--force', 'replace the contents of a database that is not empty')
    .action(async (file: string, options: DbOption & { force?: boolean }) => {
      await withDatabase(options, async (handle) => {
        const summary = await restoreDatabase(handle.db, path.resolve(file), {
          force: options.force === true,
        });
        const check = await verifyAuditChain(handle.db);
        output.out(
          `Restored ${summary.rows} rows into ${describeDatabaseTarget(handle.target)}; audit chain ${check.ok ? 'intact' : 'BROKEN'} (${check.checked} events)`,
        );
        if (!check.ok) exit(1);
      });
    });

  const user = program.command('user').description('accounts');
  user
    .command('add <email>')
    .description('create an account, e.g. the first cluster office user of a new installation')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role...>', `platform roles: ${PLATFORM_ROLES.join(', ')}`)
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option('--db <url>', dbHelp)
    .action(
      async (
        email: string,
        options: DbOption & { name: string; role?: string[]; passwordStdin?: boolean },
      ) => {
        const roles = options.role ?? [];
        const unknown = roles.filter((r) => !(PLATFORM_ROLES as readonly string[]).includes(r));
        if (unknown.length > 0)
          throw new Error(`Unknown role ${unknown.join(', ')}; use ${PLATFORM_ROLES.join(', ')}`);
        const parsed = RegisterBody.shape.email.safeParse(email);
        if (!parsed.success) throw new Error(`Not an e-mail address: ${email}`);
        const password = options.passwordStdin
          ? (await readStdin()).trim()
          : randomBytes(12).toString('base64url');
        const problem = passwordProblem(password, parsed.data);
        if (problem) throw new Error(`The password is not acceptable (${problem.replace('_', ' ')})`);
        await withDatabase(options, async (handle) => {
          await migrateToLatest(handle.db as Kysely<unknown>);
          if (
            (await handle.db
              .selectFrom('app_user')
              .select('id')
              .where('email', '=', parsed.data)
              .executeTakeFirst()) !== undefined
          ) {
            throw new Error(`An account with e-mail ${parsed.data} already exists`);
          }
          const passwordHash = await hashPassword(password);
          await handle.db.transaction().execute((tx) =>
            insertUserInTransaction(
              tx,
              {
                email: parsed.data,
                displayName: options.name,
                passwordHash,
                locale: 'zh-CN',
                isDemo: false,
                platformRoles: roles as PlatformRole[],
              },
              null,
            ),
          );
          output.out(`Created ${parsed.data}${roles.length ? ` (${roles.join(', ')})` : ''}`);
          if (!options.passwordStdin) output.out(`Password: ${password}  (change it after signing in)`);
        });
      },
    );

  const searchCommand = program.command('search').description('the search index');
  searchCommand
    .command('reindex')
    .description('re-index every organisation and re-analyse every search document (after an upgrade)')
    .option('--db <url>', dbHelp)
    .action(async (options: DbOption) => {
      await withDatabase(
        options,
        async (_handle, ctx) => {
          const organizations = await reindexOrganizations(ctx);
          const { documents } = await rebuildSearchIndex(ctx);
          output.out(`Re-indexed ${organizations} organisations; ${documents} search documents re-analysed`);
        },
        true,
      );
    });

  addMatchingCommands(program, { output, exit, dbHelp, withDatabase });

  const engagement = program.command('engagement').description('the projects’ engagement monitor');
  engagement
    .command('sweep')
    .description('flag parties silent beyond their project’s threshold or with overdue tasks; clear the rest')
    .option('--db <url>', dbHelp)
    .option('--now <instant>', 'sweep as of this ISO instant instead of now')
    .action(async (options: DbOption & { now?: string }) => {
      const now = options.now ?? new Date().toISOString();
      if (Number.isNaN(Date.parse(now))) throw new Error(`Not an ISO instant: ${now}`);
      await withDatabase(
        options,
        async (handle, ctx) => {
          await migrateToLatest(handle.db as Kysely<unknown>);
          const r = await sweepAllProjects(ctx, new Date(now).toISOString());
          output.out(
            `Swept ${r.projects} projects: ${r.raised} flags raised, ${r.kept} still open, ${r.cleared} cleared`,
          );
        },
        true,
      );
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('recompute the audit hash chain and report the first broken link')
    .option('--db <url>', dbHelp)
    .option('--json', 'print the result as JSON')
    .action(async (options: DbOption & { json?: boolean }) => {
      await withDatabase(
        options,
        async (handle) => {
          const result = await verifyAuditChain(handle.db);
          if (options.json) output.out(JSON.stringify(result));
          else if (result.ok) output.out(`Audit chain intact: ${result.checked} events verified`);
          else {
            const b = result.firstBreak;
            const what = {
              gap: 'an event is missing (deleted)',
              prev_hash_mismatch: 'the event does not link to its predecessor',
              hash_mismatch: 'the event was altered after it was written',
              head_mismatch: 'events are missing from the end of the chain, or the head was altered',
            } as const;
            output.out(
              `Audit chain BROKEN at event ${b?.seq ?? '?'}: ${b ? what[b.kind] : 'unknown'} (${result.checked} events verified before it)`,
            );
          }
          if (!result.ok) exit(1);
        },
        true,
      );
    });

  return program;
}

/** Runs the command line; errors print one clear line and set a non-zero exit code. */
export async function runCli(
  argv: readonly string[],
  output: Output = consoleOutput,
  exit?: (code: number) => void,
): Promise<void> {
  const setExit =
    exit ??
    ((code: number) => {
      process.exitCode = code;
    });
  const program = buildCli(output, setExit);
  program.exitOverride();
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help')
      return;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      setExit((error as { exitCode?: number }).exitCode ?? 1);
      return;
    }
    output.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    setExit(1);
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1]);
if (invokedDirectly) await runCli(process.argv.slice(2));
