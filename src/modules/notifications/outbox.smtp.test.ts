/**
 * The outbox against a real SMTP server on loopback (smtp-server on 127.0.0.1, a random port):
 * a notification's e-mail arrives with its recipient, subject and body; a server that refuses
 * gets retried, then the message is marked failed with the last error; a message claimed by a
 * process that died is delivered once its lease runs out.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, signedInUser, type Client, type TestApp } from '../../test/app.js';
import { configureEmailQueueing, notify, type NotifyInput } from './notify.js';
import {
  DEFAULT_OUTBOX_OPTIONS,
  deliverDueEmails,
  smtpTransport,
  startOutboxWorker,
  type MailTransport,
  type OutboxOptions,
} from './outbox.js';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

interface Loopback {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 that accepts user `mailer` / `s3cret`, or refuses every message. */
async function loopbackSmtp(mode: 'accept' | 'refuse'): Promise<Loopback> {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 's3cret') callback(null, { user: 'mailer' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (mode === 'refuse') {
          const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        const from = session.envelope.mailFrom;
        received.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://mailer:s3cret@127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) in a header value. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The subject and the decoded text body of a raw single-part message. */
function parseMessage(raw: string): { subject: string; to: string; body: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) =>
    unfolded
      .split(/\r?\n/)
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const bodyRaw = rest.join('\n\n');
  const body =
    encoding === 'base64'
      ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            bodyRaw
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : bodyRaw;
  return { subject: decodeHeader(header('Subject')), to: header('To'), body: body.replace(/\r\n/g, '\n') };
}

let t: TestApp;
let zhUser: Client;
let enUser: Client;
const FROM = 'Consortia <no-reply@consortia.test>';

function options(overrides: Partial<OutboxOptions> = {}): OutboxOptions {
  return { ...DEFAULT_OUTBOX_OPTIONS, from: FROM, backoffMs: 0, maxBackoffMs: 0, ...overrides };
}

async function queue(input: Partial<NotifyInput> & Pick<NotifyInput, 'recipients'>): Promise<string[]> {
  const result = await t.ctx.db.transaction().execute((tx) =>
    notify(tx, {
      kind: 'charter.opened_for_signature',
      params: { consortium_zh: '氮化镓联合体', consortium_en: 'GaN Consortium', number: 3 },
      link: '/consortia/c-1',
      ...input,
    }),
  );
  return result.notificationIds;
}

async function emailsOf(notificationIds: string[]) {
  return t.ctx.db
    .selectFrom('notification_email')
    .selectAll()
    .where('notification_id', 'in', notificationIds)
    .execute();
}

beforeAll(async () => {
  t = await openTestApp();
  zhUser = await signedInUser(t);
  enUser = await signedInUser(t);
  const r = await enUser.request({ method: 'PATCH', url: '/api/v1/auth/me', payload: { locale: 'en' } });
  expect(r.statusCode, r.body).toBe(200);
  configureEmailQueueing({ enabled: true, publicUrl: 'https://consortia.example.org' });
});

afterEach(async () => {
  // Each test starts with an empty outbox.
  await t.ctx.db.deleteFrom('notification_email').execute();
});

afterAll(async () => {
  configureEmailQueueing(null);
  await t?.close();
});

describe('notification e-mail over SMTP on loopback', () => {
  it('delivers each recipient’s message in their language, then marks it sent', async () => {
    const smtp = await loopbackSmtp('accept');
    try {
      const ids = await queue({ recipients: { userIds: [zhUser.userId, enUser.userId] } });
      const worker = startOutboxWorker(t.ctx.db, smtpTransport(smtp.url), {
        ...options(),
        intervalMs: 60_000,
      });
      const round = await worker.runOnce();
      await worker.stop();
      expect(round).toEqual({ sent: 2, retried: 0, failed: 0 });

      expect(smtp.received).toHaveLength(2);
      const byRecipient = new Map(smtp.received.map((m) => [m.to.join(','), m]));
      const zh = byRecipient.get(zhUser.email);
      const en = byRecipient.get(enUser.email);
      expect(zh?.from).toBe('no-reply@consortia.test');
      expect(zh?.user).toBe('mailer');
      const zhMessage = parseMessage(zh?.raw ?? '');
      expect(zhMessage.to).toContain(zhUser.email);
      expect(zhMessage.subject).toBe('[Consortia] “氮化镓联合体”联合体协议第 3 版已开放签署');
      expect(zhMessage.body).toContain('“氮化镓联合体”联合体协议第 3 版已开放签署');
      expect(zhMessage.body).toContain('查看详情：https://consortia.example.org/consortia/c-1');
      const enMessage = parseMessage(en?.raw ?? '');
      expect(enMessage.subject).toBe(
        '[Consortia] Version 3 of the charter of “GaN Consortium” is open for signature',
      );
      expect(enMessage.body).toContain('Open: https://consortia.example.org/consortia/c-1');

      const rows = await emailsOf(ids);
      expect(rows.map((r) => [r.status, r.attempts, r.last_error])).toEqual([
        ['sent', 1, null],
        ['sent', 1, null],
      ]);
      expect(rows.every((r) => r.sent_at !== null)).toBe(true);
      // Nothing is sent twice.
      expect(await deliverDueEmails(t.ctx.db, smtpTransport(smtp.url), options())).toEqual({
        sent: 0,
        retried: 0,
        failed: 0,
      });
    } finally {
      await smtp.close();
    }
  });

  it('retries a refused message with backoff, then marks it failed with the last error', async () => {
    const smtp = await loopbackSmtp('refuse');
    try {
      const ids = await queue({ recipients: { userIds: [zhUser.userId] } });
      const transport = smtpTransport(smtp.url);
      const opts = options({ maxAttempts: 3, backoffMs: 60_000, maxBackoffMs: 600_000 });

      expect(await deliverDueEmails(t.ctx.db, transport, opts)).toEqual({ sent: 0, retried: 1, failed: 0 });
      let [row] = await emailsOf(ids);
      expect(row).toMatchObject({ status: 'queued', attempts: 1 });
      expect(row?.last_error).toMatch(/451|temporarily unavailable/i);
      // The retry waits for the backoff (about a minute after the first attempt).
      const wait = Date.parse(row?.next_attempt_at ?? '') - Date.now();
      expect(wait).toBeGreaterThan(50_000);
      expect(await deliverDueEmails(t.ctx.db, transport, opts)).toEqual({ sent: 0, retried: 0, failed: 0 });

      // Make it due, twice: the second failure doubles the wait, the third is the last attempt.
      const due = () =>
        t.ctx.db
          .updateTable('notification_email')
          .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
          .where('notification_id', 'in', ids)
          .execute();
      await due();
      expect(await deliverDueEmails(t.ctx.db, transport, opts)).toEqual({ sent: 0, retried: 1, failed: 0 });
      [row] = await emailsOf(ids);
      expect(Date.parse(row?.next_attempt_at ?? '') - Date.now()).toBeGreaterThan(110_000);
      await due();
      expect(await deliverDueEmails(t.ctx.db, transport, opts)).toEqual({ sent: 0, retried: 0, failed: 1 });
      [row] = await emailsOf(ids);
      expect(row).toMatchObject({ status: 'failed', attempts: 3, sent_at: null });
      expect(row?.last_error).toMatch(/451|temporarily unavailable/i);
      transport.close();
      expect(smtp.received).toEqual([]);
    } finally {
      await smtp.close();
    }
  });

  it('does not lose a message whose sender died mid-delivery: it goes out when the lease runs out', async () => {
    const smtp = await loopbackSmtp('accept');
    try {
      const ids = await queue({ recipients: { userIds: [enUser.userId] } });
      // A process that claims the message and never finishes (it "died" while sending).
      const hanging: MailTransport = {
        send: () => new Promise<void>(() => undefined),
        close: () => undefined,
      };
      void deliverDueEmails(t.ctx.db, hanging, options({ leaseMs: 300 }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [claimed] = await emailsOf(ids);
      expect(claimed).toMatchObject({ status: 'queued', attempts: 0 });
      // Another process leaves it alone while the lease lasts …
      const transport = smtpTransport(smtp.url);
      expect(await deliverDueEmails(t.ctx.db, transport, options())).toEqual({
        sent: 0,
        retried: 0,
        failed: 0,
      });
      // … and delivers it afterwards.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await deliverDueEmails(t.ctx.db, transport, options())).toEqual({
        sent: 1,
        retried: 0,
        failed: 0,
      });
      transport.close();
      expect(smtp.received.map((m) => m.to)).toEqual([[enUser.email]]);
    } finally {
      await smtp.close();
    }
  });

  it('the worker polls on its own until stopped', async () => {
    const smtp = await loopbackSmtp('accept');
    try {
      const worker = startOutboxWorker(t.ctx.db, smtpTransport(smtp.url), { ...options(), intervalMs: 50 });
      await queue({ recipients: { userIds: [zhUser.userId] } });
      for (let i = 0; i < 100 && smtp.received.length === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(smtp.received).toHaveLength(1);
      await worker.stop();
      await queue({ recipients: { userIds: [zhUser.userId] } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(smtp.received, 'a stopped worker sends nothing').toHaveLength(1);
      expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    } finally {
      await smtp.close();
    }
  });
});
