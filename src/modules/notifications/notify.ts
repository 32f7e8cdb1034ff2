/**
 * `notify`: the one call other modules make to tell people about an event. In the caller's
 * transaction it resolves the recipients (given users, the admins or all members of given
 * organisations, holders of given platform roles; each user once), inserts one in-app notification
 * per recipient (skipping a recipient who already has one with the same de-duplication key) and,
 * when e-mail delivery is configured, queues an e-mail per recipient who has not turned e-mail off,
 * written in the recipient's language. The outbox worker (outbox.ts) delivers the e-mails after
 * commit; a rolled-back transaction leaves neither notification nor e-mail behind.
 */
import type { PlatformRole } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import type { NotificationEmailRow, NotificationRow } from '../../platform/db/schema.js';
import { newId, nowIso } from '../../platform/ids.js';
import {
  findAdminUserIdsOf,
  findEmailRecipients,
  findExistingUserIds,
  findMemberUserIdsOf,
  findNotificationIds,
  findPlatformRoleHolderIds,
  insertNotificationEmails,
  insertNotifications,
  insertNotificationsSkippingHeldKeys,
} from './repo.js';
import { notificationEmail, type NotificationLocale } from './texts.js';

export interface NotificationRecipients {
  userIds?: readonly string[];
  /** Users with the admin role in any of these organisations. */
  organizationAdminsOf?: readonly string[];
  /** Every member (admin or not) of any of these organisations. */
  organizationMembersOf?: readonly string[];
  /** Holders of any of these platform roles (e.g. the cluster office). */
  platformRoles?: readonly PlatformRole[];
}

export interface NotifyInput {
  /** `<module>.<event>`, with its text in locales/en.ts and locales/zh-CN.ts. */
  kind: string;
  recipients: NotificationRecipients;
  /** Values for the text's placeholders; `name_zh` / `name_en` give a name per language. */
  params: Record<string, string | number>;
  /** A path in the web app, starting with `/`. */
  link?: string;
  /** Per recipient, a second notification with the same key is not created. */
  dedupeKey?: string;
}

export interface NotifyResult {
  /** Ids of the notifications created (recipients already holding the key are left out). */
  notificationIds: string[];
  /** E-mails queued in the outbox. */
  emailsQueued: number;
}

export interface EmailQueueing {
  /** Queue e-mails at all (true when SMTP is configured). */
  enabled: boolean;
  /** Base URL of the web app for links in e-mails (e.g. https://consortia.example.org). */
  publicUrl: string | null;
}

let configured: EmailQueueing | null = null;

/**
 * Sets whether `notify` queues e-mails (the server does this from its SMTP settings at start;
 * tests switch it on and off). Unset, it follows `CONSORTIA_SMTP_URL` and `CONSORTIA_PUBLIC_URL`.
 */
export function configureEmailQueueing(value: EmailQueueing | null): void {
  configured = value;
}

export function emailQueueing(): EmailQueueing {
  if (configured) return configured;
  const publicUrl = process.env['CONSORTIA_PUBLIC_URL']?.trim();
  return {
    enabled: Boolean(process.env['CONSORTIA_SMTP_URL']?.trim()),
    publicUrl: publicUrl ? publicUrl : null,
  };
}

const KIND = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
const MAX_DEDUPE_KEY = 200;

/** The distinct user ids the recipients name, in a stable order. */
export async function resolveRecipients(tx: Tx, recipients: NotificationRecipients): Promise<string[]> {
  const ids = new Set<string>(recipients.userIds ?? []);
  const admins = [...new Set(recipients.organizationAdminsOf ?? [])];
  const members = [...new Set(recipients.organizationMembersOf ?? [])];
  const roles = [...new Set(recipients.platformRoles ?? [])];
  for (const id of await findAdminUserIdsOf(tx, admins)) ids.add(id);
  for (const id of await findMemberUserIdsOf(tx, members)) ids.add(id);
  for (const id of await findPlatformRoleHolderIds(tx, roles)) ids.add(id);
  if (ids.size === 0) return [];
  // Only existing accounts (a stale id in userIds is dropped, not an error). The platform has no
  // deactivated accounts yet; when identity adds them, filter them out here.
  return (await findExistingUserIds(tx, [...ids])).sort();
}

/** Creates the notifications of one event in the caller's transaction (see the module comment). */
export async function notify(tx: Tx, input: NotifyInput): Promise<NotifyResult> {
  if (!KIND.test(input.kind)) throw new Error(`notify: invalid kind "${input.kind}" (use <module>.<event>)`);
  if (input.link !== undefined && !input.link.startsWith('/')) {
    throw new Error(`notify: link must be a path starting with "/" (got "${input.link}")`);
  }
  if (input.dedupeKey !== undefined && (input.dedupeKey === '' || input.dedupeKey.length > MAX_DEDUPE_KEY)) {
    throw new Error('notify: dedupeKey must be 1 to 200 characters');
  }
  const userIds = await resolveRecipients(tx, input.recipients);
  if (userIds.length === 0) return { notificationIds: [], emailsQueued: 0 };

  const now = nowIso();
  const params = JSON.stringify(input.params);
  const rows: NotificationRow[] = userIds.map((userId) => ({
    id: newId(),
    user_id: userId,
    kind: input.kind,
    params,
    link: input.link ?? null,
    dedupe_key: input.dedupeKey ?? null,
    created_at: now,
    read_at: null,
  }));
  let created = rows;
  if (input.dedupeKey === undefined) {
    await insertNotifications(tx, rows);
  } else {
    await insertNotificationsSkippingHeldKeys(tx, rows);
    const kept = await findNotificationIds(
      tx,
      rows.map((r) => r.id),
    );
    created = rows.filter((r) => kept.has(r.id));
  }

  let emailsQueued = 0;
  const queueing = emailQueueing();
  if (queueing.enabled && created.length > 0) {
    const users = await findEmailRecipients(
      tx,
      created.map((r) => r.user_id),
    );
    const byId = new Map(users.map((u) => [u.id, u]));
    const emails: NotificationEmailRow[] = [];
    for (const row of created) {
      const user = byId.get(row.user_id);
      // Demo accounts are fictional: their addresses get no mail.
      if (!user || user.email_enabled === 0 || !user.email || user.is_demo === 1) continue;
      const locale: NotificationLocale = user.locale === 'en' ? 'en' : 'zh-CN';
      const text = notificationEmail(input.kind, input.params, locale, row.link, queueing.publicUrl);
      emails.push({
        id: newId(),
        notification_id: row.id,
        to_address: user.email,
        subject: text.subject,
        body_text: text.body,
        status: 'queued',
        attempts: 0,
        last_error: null,
        next_attempt_at: now,
        created_at: now,
        sent_at: null,
      });
    }
    if (emails.length > 0) await insertNotificationEmails(tx, emails);
    emailsQueued = emails.length;
  }
  return { notificationIds: created.map((r) => r.id), emailsQueued };
}
