import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, Clock } from '@skranke/core';
import { forbidden } from '@skranke/domain';

/** The sites whose audit an actor reads: `null` for the installation's administrator (every site, and entries of no site). */
export function auditScope(actor: Actor, siteId: string | null): string[] | null {
  if (actor.kind !== 'user') throw forbidden('forbidden', 'Only staff read the audit log.');
  if (actor.superAdmin) return siteId ? [siteId] : null;
  // A municipality administrator's grants hold an admin grant for each of its sites (actor.ts).
  const adminOf = [...new Set(actor.grants.filter((g) => g.role === 'admin').map((g) => g.siteId))];
  if (!siteId) return adminOf;
  if (!adminOf.includes(siteId)) throw forbidden('forbidden', 'You can read the audit log only of sites you administer.');
  return [siteId];
}

export interface AuditQuery {
  sites: string[] | null;
  /** Calendar days, both included, in the site's time zone (Europe/Copenhagen across sites). */
  from: string;
  to: string;
  timezone: string;
  limit: number;
  offset: number;
}

export interface AuditRow {
  at: string;
  source: 'event' | 'audit';
  action: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  siteId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  ticketNumber: string | null;
  counterId: string | null;
  deviceId: string | null;
  address: string | null;
  details: Record<string, unknown>;
}

/**
 * Reads the audit log as the union of its two sources (docs/audit.md): the site's event log
 * (`ticket_event`: every ticket and counter change with its actor user or device, written by the hot
 * paths in their one round trip) and `audit_entry` (security acts and every other staff change). The
 * events are not copied: a copy would cost each call and issue a second write, and the two would be
 * one fact in two places. An entry older than its site's audit retention is not shown, whichever
 * source holds it (the retention job deletes audit_entry's; the event log keeps its own).
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async read(q: AuditQuery): Promise<{ rows: AuditRow[]; nextOffset: number | null }> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(AUDIT_SQL, [q.sites, q.from, q.to, q.timezone, this.clock.now(), q.limit + 1, q.offset]);
    const more = rows.length > q.limit;
    return { rows: rows.slice(0, q.limit).map(toRow), nextOffset: more ? q.offset + q.limit : null };
  }
}

/** Oldest first, so entries that arrive while an admin pages through land after the page they read. */
const AUDIT_SQL = `
WITH bounds AS (
  SELECT ($2::date::timestamp AT TIME ZONE $4) AS from_at, (($3::date + 1)::timestamp AT TIME ZONE $4) AS to_at
), sites AS (
  SELECT s.id, $5::timestamptz - make_interval(days => coalesce((s.settings->>'auditRetentionDays')::int, 365)) AS kept_from
  FROM site s WHERE $1::uuid[] IS NULL OR s.id = ANY($1::uuid[])
)
SELECT * FROM (
  SELECT e.at, 'event' AS source, e.type AS action,
         CASE WHEN e.actor_user_id IS NOT NULL THEN 'user' ELSE 'device' END AS actor_kind,
         coalesce(e.actor_user_id, e.actor_device_id) AS actor_id, coalesce(u.username, d.name) AS actor_label,
         e.site_id, CASE WHEN e.ticket_id IS NOT NULL THEN 'ticket' ELSE 'counter' END AS subject_type,
         coalesce(e.ticket_id, e.counter_id)::text AS subject_id, e.payload->>'number' AS ticket_number,
         e.counter_id, e.actor_device_id AS device_id, NULL::text AS address, e.payload AS details, lpad(e.seq::text, 12, '0') AS tiebreak
  FROM sites s CROSS JOIN bounds b
  JOIN ticket_event e ON e.site_id = s.id AND e.at >= greatest(b.from_at, s.kept_from) AND e.at < b.to_at
  LEFT JOIN staff_user u ON u.id = e.actor_user_id
  LEFT JOIN device d ON d.id = e.actor_device_id
  WHERE (e.actor_user_id IS NOT NULL OR e.actor_device_id IS NOT NULL) AND e.type NOT IN ('queue.changed', 'alert.wait-target')
  UNION ALL
  SELECT a.at, 'audit', a.action, a.actor_kind, a.actor_id, a.actor_label, a.site_id, a.subject_type, a.subject_id, NULL,
         CASE WHEN a.subject_type = 'counter' AND a.subject_id ~ '^[0-9a-f-]{36}$' THEN a.subject_id::uuid END,
         CASE WHEN a.actor_kind = 'device' THEN a.actor_id END, a.details->>'address', a.details - 'address', a.id::text
  FROM audit_entry a CROSS JOIN bounds b
  WHERE a.at >= b.from_at AND a.at < b.to_at
    AND (
      $1::uuid[] IS NULL
      OR a.site_id IN (SELECT id FROM sites)
      -- A user change has no site; an admin sees those of users who have a role at one of theirs.
      OR (a.site_id IS NULL AND a.subject_type = 'user' AND a.subject_id IN (SELECT r.user_id::text FROM staff_role r WHERE r.site_id = ANY($1::uuid[])))
    )
    AND a.at >= coalesce((SELECT s.kept_from FROM sites s WHERE s.id = a.site_id), $5::timestamptz - interval '365 days')
) x
ORDER BY at, source, tiebreak
LIMIT $6 OFFSET $7`;

function toRow(r: Record<string, unknown>): AuditRow {
  const details = (r.details ?? {}) as Record<string, unknown>;
  return {
    at: (r.at as Date).toISOString(),
    source: r.source as AuditRow['source'],
    action: r.action as string,
    actorKind: r.actor_kind as string,
    actorId: (r.actor_id as string | null) ?? null,
    actorLabel: (r.actor_label as string | null) ?? null,
    siteId: (r.site_id as string | null) ?? null,
    subjectType: (r.subject_type as string | null) ?? null,
    subjectId: (r.subject_id as string | null) ?? null,
    ticketNumber: (r.ticket_number as string | null) ?? null,
    counterId: (r.counter_id as string | null) ?? null,
    deviceId: (r.device_id as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    details,
  };
}
