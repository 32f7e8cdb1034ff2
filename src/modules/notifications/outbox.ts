/**
 * Delivery of queued notification e-mails. `notify` writes each e-mail into the outbox table in
 * the same transaction as the event, so nothing is sent for a rolled-back change and nothing is
 * lost when the process stops: the worker started by `serve` polls the outbox after commit, claims
 * a due message with a lease (moving its next attempt into the future before sending, so another
 * process leaves it alone and a crash mid-send only delays it), sends it over SMTP, and marks it
 * `sent`, or schedules a retry with exponential backoff, or marks it `failed` with the last error
 * after the last attempt. Delivery is at least once.
 */
import nodemailer from 'nodemailer';
import type { Db } from '../../platform/db/database.js';
import { nowIso } from '../../platform/ids.js';
import { claimEmail, findDueEmails, markEmailFailed, markEmailSent, scheduleEmailRetry } from './repo.js';

/** SMTP settings read from the environment. */
export interface MailSettings {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465 */
  smtpUrl: string;
  /** The From header, e.g. `Consortia <no-reply@example.org>`. */
  from: string;
}

/**
 * Reads `CONSORTIA_SMTP_URL` and `CONSORTIA_MAIL_FROM`: null when no SMTP URL is set (e-mail
 * off); an error for a URL that is not smtp:// or smtps://, or a missing sender.
 */
export function mailSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): MailSettings | null {
  const smtpUrl = env['CONSORTIA_SMTP_URL']?.trim();
  if (!smtpUrl) return null;
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new Error('CONSORTIA_SMTP_URL is not a URL: expected smtp://user:pass@host:587 or smtps://…');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`CONSORTIA_SMTP_URL must start with smtp:// or smtps:// (got ${url.protocol}//)`);
  }
  const from = env['CONSORTIA_MAIL_FROM']?.trim();
  if (!from) throw new Error('CONSORTIA_MAIL_FROM is required when CONSORTIA_SMTP_URL is set');
  return { smtpUrl, from };
}

/** One message to hand to the mail server. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Sends one message; rejects when the server does not accept it. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A nodemailer SMTP transport for the URL (STARTTLS is used when the server offers it). */
export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  return {
    send: async (mail) => {
      await transporter.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transporter.close(),
  };
}

export interface OutboxOptions {
  from: string;
  /** Attempts before a message is marked failed. */
  maxAttempts: number;
  /** Delay before the first retry; doubles with each further attempt, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How long a claimed message is left alone while it is being sent. */
  leaseMs: number;
  /** Messages per round. */
  batchSize: number;
}

export const DEFAULT_OUTBOX_OPTIONS: Omit<OutboxOptions, 'from'> = {
  maxAttempts: 6,
  backoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  leaseMs: 300_000,
  batchSize: 20,
};

/** Delay before the attempt after `attempts` failed ones (pure). */
export function retryDelayMs(
  attempts: number,
  options: Pick<OutboxOptions, 'backoffMs' | 'maxBackoffMs'>,
): number {
  return Math.min(options.maxBackoffMs, options.backoffMs * 2 ** Math.max(0, attempts - 1));
}

function later(ms: number, from = Date.now()): string {
  return new Date(from + ms).toISOString();
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 1000);
}

export interface RoundResult {
  sent: number;
  retried: number;
  failed: number;
}

/** Sends the queued messages that are due now; returns what happened to them. */
export async function deliverDueEmails(
  db: Db,
  transport: MailTransport,
  options: OutboxOptions,
): Promise<RoundResult> {
  const result: RoundResult = { sent: 0, retried: 0, failed: 0 };
  const due = await findDueEmails(db, nowIso(), options.batchSize);
  for (const row of due) {
    // Claim: only the process that moves the next attempt forward sends the message.
    if (!(await claimEmail(db, row.id, row.next_attempt_at, later(options.leaseMs)))) continue;
    const attempts = row.attempts + 1;
    try {
      await transport.send({
        from: options.from,
        to: row.to_address,
        subject: row.subject,
        text: row.body_text,
      });
      await markEmailSent(db, row.id, attempts, nowIso());
      result.sent += 1;
    } catch (error) {
      const lastError = describeError(error);
      if (attempts >= options.maxAttempts) {
        await markEmailFailed(db, row.id, attempts, lastError);
        result.failed += 1;
      } else {
        await scheduleEmailRetry(db, row.id, attempts, lastError, later(retryDelayMs(attempts, options)));
        result.retried += 1;
      }
    }
  }
  return result;
}

export interface OutboxLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface OutboxWorker {
  /** Runs a round now (also what the timer does); rounds never overlap. */
  runOnce(): Promise<RoundResult>;
  /** Stops polling and waits for a round in progress to finish. */
  stop(): Promise<void>;
}

/** Polls the outbox every `intervalMs` until stopped. */
export function startOutboxWorker(
  db: Db,
  transport: MailTransport,
  options: OutboxOptions & { intervalMs: number; logger?: OutboxLogger },
): OutboxWorker {
  let running: Promise<RoundResult> | null = null;
  let stopped = false;
  const empty: RoundResult = { sent: 0, retried: 0, failed: 0 };

  const runOnce = (): Promise<RoundResult> => {
    if (stopped) return Promise.resolve(empty);
    if (running) return running;
    running = deliverDueEmails(db, transport, options)
      .then((result) => {
        if (result.sent + result.retried + result.failed > 0)
          options.logger?.info(result, 'notification e-mails');
        return result;
      })
      .catch((error: unknown) => {
        options.logger?.warn({ error: describeError(error) }, 'notification e-mail round failed');
        return empty;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = setInterval(() => void runOnce(), options.intervalMs);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
      transport.close();
    },
  };
}
