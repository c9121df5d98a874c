import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, FloorStateService } from '@skranke/core';
import { Site, siteSettings } from '@skranke/persistence';
import { StaffingService } from '../staffing/staffing.service';
import { counterAlerts, staffingAlerts, waitAlerts } from './alert-rules';
import { RoomAlertAcks } from './room-alert-acks';

/** floor-state with every alert kind and what would help, for the tablet and the dashboard. */
@Injectable()
export class FloorViewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly floor: FloorStateService,
    private readonly clock: Clock,
    private readonly staffing: StaffingService,
    private readonly roomAcks: RoomAlertAcks,
  ) {}

  async forSite(siteId: string) {
    const state = await this.floor.forSite(siteId);
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId });
    const rows: { counter_id: string; at: Date }[] = await this.dataSource.query(
      `SELECT counter_id, max(ended_at) AS at FROM ticket WHERE site_id = $1 AND counter_id IS NOT NULL AND ended_at > now() - interval '1 day' GROUP BY counter_id`,
      [siteId],
    );
    const idleSince = new Map(rows.map((r) => [r.counter_id, new Date(r.at)]));
    const now = this.clock.now();
    const staffing = await this.staffing.forSite(site, state);
    const roomAlerts = [
      ...counterAlerts(state.services, state.counters, idleSince, siteSettings(site.settings).pauseAlertMinutes, now),
      ...staffingAlerts(staffing, now),
    ];
    const quiet = await this.roomAcks.acknowledged(site.id, roomAlerts.map((a) => a.id));
    const alerts = [
      ...waitAlerts(state.alerts as never, state.counters),
      ...roomAlerts.filter((a) => !quiet.has(a.id)).map((a) => ({ ...a, acknowledgeable: true })),
    ];
    const services = state.services.map((s) => ({ ...s, staffing: staffing.find((x) => x.serviceId === s.serviceId) ?? null }));
    return { ...state, services, site: { id: site.id, slug: site.slug, name: site.name, settings: siteSettings(site.settings) }, alerts };
  }
}
