/**
 * Use cases of a user's own notifications: the list (all or unread), the unread count, marking
 * one or all read, and the e-mail preference. A user only ever sees and changes notifications
 * addressed to them: anyone else's is "not found". Marking read is the recipient's own reading
 * state, not a change of shared records, so it is not audited; a preference change is.
 */
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UserActor } from '../../platform/auth/actor.js';
import type { NotificationRow } from '../../platform/db/schema.js';
import type { Queryable } from '../../platform/db/database.js';
import { DomainError } from '../../platform/errors.js';
import { nowIso } from '../../platform/ids.js';
import { emailQueueing } from './notify.js';
import {
  countUnreadNotifications,
  findEmailEnabled,
  findOwnNotification,
  listNotificationsOf,
  markAllNotificationsRead,
  markNotificationRead,
  upsertEmailEnabled,
} from './repo.js';
import type {
  ListNotificationsQuery,
  MarkAllRead,
  Notification,
  NotificationList,
  NotificationPreferences,
  NotificationPreferencesBody,
  UnreadCount,
} from './schemas.js';

function notFound(): DomainError {
  return new DomainError('record.not_found', 'Notification not found');
}

function parseParams(raw: string): Record<string, string | number> {
  try {
    const value: unknown = JSON.parse(raw);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
    const result: Record<string, string | number> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number') result[key] = v;
    }
    return result;
  } catch {
    return {};
  }
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    params: parseParams(row.params),
    link: row.link,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

export async function listNotifications(
  ctx: AppContext,
  actor: UserActor,
  query: ListNotificationsQuery,
): Promise<NotificationList> {
  const [{ rows, total }, unread] = await Promise.all([
    listNotificationsOf(ctx.db, actor.userId, {
      unread: query.unread,
      limit: query.limit,
      offset: query.offset,
    }),
    countUnreadNotifications(ctx.db, actor.userId),
  ]);
  return {
    items: rows.map(toNotification),
    total,
    unread,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function unreadCount(ctx: AppContext, actor: UserActor): Promise<UnreadCount> {
  return { unread: await countUnreadNotifications(ctx.db, actor.userId) };
}

/** Marks one of your notifications read (again is fine: it keeps the first reading time). */
export async function markRead(ctx: AppContext, actor: UserActor, id: string): Promise<Notification> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await findOwnNotification(tx, actor.userId, id);
    if (!row) throw notFound();
    if (row.read_at !== null) return toNotification(row);
    const readAt = nowIso();
    await markNotificationRead(tx, actor.userId, id, readAt);
    return toNotification({ ...row, read_at: readAt });
  });
}

export async function markAllRead(ctx: AppContext, actor: UserActor): Promise<MarkAllRead> {
  const marked = await markAllNotificationsRead(ctx.db, actor.userId, nowIso());
  return { marked, unread: await countUnreadNotifications(ctx.db, actor.userId) };
}

async function preferenceOf(db: Queryable, userId: string): Promise<boolean> {
  const emailEnabled = await findEmailEnabled(db, userId);
  return emailEnabled === undefined ? true : emailEnabled === 1;
}

export async function getPreferences(ctx: AppContext, actor: UserActor): Promise<NotificationPreferences> {
  return { emailEnabled: await preferenceOf(ctx.db, actor.userId), emailAvailable: emailQueueing().enabled };
}

export async function updatePreferences(
  ctx: AppContext,
  actor: UserActor,
  body: NotificationPreferencesBody,
): Promise<NotificationPreferences> {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await preferenceOf(tx, actor.userId);
    if (before === body.emailEnabled) return;
    const now = nowIso();
    const value = body.emailEnabled ? 1 : 0;
    await upsertEmailEnabled(tx, actor.userId, value, now);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'notification.preferences_changed',
      entityType: 'app_user',
      entityId: actor.userId,
      before: { emailEnabled: before },
      after: { emailEnabled: body.emailEnabled },
    });
  });
  return getPreferences(ctx, actor);
}
