import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@skranke/core';
import { invalid, notFound } from '@skranke/domain';

/** A floor-walker or supervisor has seen a wait alert and is on it: it leaves the list, recorded with who. */
@Injectable()
export class AlertsService {
  constructor(private readonly dataSource: DataSource) {}

  async acknowledge(siteId: string, ticketId: string, actor: Actor) {
    if (actor.kind !== 'user') throw invalid('staff_only', 'Alerts are acknowledged by staff.');
    const [rows]: [{ kind: string; acknowledged_by_user_id: string }[], number] = await this.dataSource.query(
      `UPDATE wait_alert SET acknowledged_by_user_id = coalesce(acknowledged_by_user_id, $3)
        WHERE site_id = $1 AND ticket_id = $2 AND resolved_at IS NULL RETURNING kind, acknowledged_by_user_id`, // an UPDATE answers [rows, count]
      [siteId, ticketId, actor.userId],
    );
    if (!rows.length) throw notFound('alert_not_found', 'No open alert for that ticket at this site.');
    return { ticketId, kinds: rows.map((r) => r.kind), acknowledgedByUserId: rows[0].acknowledged_by_user_id };
  }
}
