import type { Queryable } from '../../platform/db/database.js';
import type { ListAuditEventsQuery } from './schemas.js';

export function listAuditEvents(db: Queryable, query: ListAuditEventsQuery) {
  let q = db
    .selectFrom('audit_event')
    .leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id')
    .selectAll('audit_event')
    .select('app_user.display_name as actor_name');
  if (query.entityType) q = q.where('audit_event.entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('audit_event.entity_id', '=', query.entityId);
  if (query.action) q = q.where('audit_event.action', '=', query.action);
  if (query.beforeSeq !== undefined) q = q.where('audit_event.seq', '<', query.beforeSeq);
  return q.orderBy('audit_event.seq', 'desc').limit(query.limit).execute();
}
