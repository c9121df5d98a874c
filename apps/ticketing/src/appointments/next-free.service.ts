import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Temporal } from 'temporal-polyfill';
import { BookingService, Clock, siteDate } from '@skranke/core';
import { invalid, notFound, openingState } from '@skranke/domain';
import { Service, Site } from '@skranke/persistence';
import { KioskInfoService } from '../kiosk/kiosk-info.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How far ahead "the next open day" is looked for (a long Easter closes five days in a row). */
const LOOK_AHEAD_DAYS = 14;

export type NextFreeReason = 'wait-over-target' | 'not-before-closing';
type Slot = { startsAt: string; endsAt: string };
export interface NextFree {
  date: string;
  offer: boolean;
  reason: NextFreeReason | null;
  today: Slot | null;
  tomorrow: Slot | null;
}


/**
 * The kiosk's "next free time today" (issue 19, item 7): why a walk-in ticket
 * for the service is a poor deal now (the wait the kiosk shows is over the
 * service's target, or the ticket would not be reached before closing: the
 * same judgement as the start screen's closing warning, KioskInfoService), and
 * the first free booked time today (no minimum notice) and on the next day
 * with a free time. It is offered only when there is a reason and a time.
 */
@Injectable()
export class NextFreeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kiosk: KioskInfoService,
    private readonly booking: BookingService,
    private readonly clock: Clock,
  ) {}

  async forService(site: Site, serviceId: unknown): Promise<NextFree> {
    if (typeof serviceId !== 'string' || !UUID.test(serviceId)) throw invalid('invalid_service_id', 'serviceId must be a UUID.');
    const service = await this.dataSource.getRepository(Service).findOneBy({ id: serviceId, siteId: site.id, active: true });
    if (!service) throw notFound('service_not_found', 'No service with that id at this site.');
    // A service that cannot be booked has nothing to offer; the kiosk simply issues the ticket.
    const now = this.clock.now();
    const today = siteDate(now, site.timezone);
    if (!service.bookable) return { date: today, offer: false, reason: null, today: null, tomorrow: null };
    const last = Temporal.PlainDate.from(today).add({ days: LOOK_AHEAD_DAYS }).toString();
    const { days } = await this.booking.slots(site, service.id, today, last, 'kiosk');
    // A time starting this very instant can no longer be booked (in_the_past).
    const first = (d?: { slots: Slot[] }) => {
      const slot = d?.slots.find((s) => Date.parse(s.startsAt) > now.getTime());
      return slot ? { startsAt: slot.startsAt, endsAt: slot.endsAt } : null;
    };
    const todaySlot = first(days.find((d) => d.date === today));
    const later = first(days.find((d) => d.date > today && d.slots.length > 0));
    const reason = openingState(site.openingHours, site.timezone, now).open ? await this.reason(site, service) : null;
    return { date: today, offer: reason !== null && (todaySlot !== null || later !== null), reason, today: todaySlot, tomorrow: later };
  }

  private async reason(site: Site, service: Service): Promise<NextFreeReason | null> {
    const o = (await this.kiosk.outlooks(site)).outlooks.get(service.id);
    if (!o) return null;
    if (!o.reachedBeforeClose) return 'not-before-closing';
    if (o.judged && o.judged.minutes > service.targetWaitMinutes) return 'wait-over-target';
    return null;
  }
}
