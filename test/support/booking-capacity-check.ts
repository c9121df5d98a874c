import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BookingCapacity } from '@skranke/core';
import { Service, Site, bookingSettings } from '@skranke/persistence';

export interface SlotUse {
  startsAt: string;
  capacity: number;
  /** Bookings booked, checked in or served overlapping the slot. */
  active: number;
  /** Those, plus cancelled bookings and places moves left still inside the rebook delay. */
  held: number;
}

/**
 * Every slot of a service's day with its capacity recomputed by the domain
 * code (BookingCapacity, as the app computes it) beside what the database
 * holds: the check that nothing is ever overbooked, made after the fact.
 */
export async function slotUse(app: INestApplication, siteId: string, serviceId: string, date: string, now: Date): Promise<SlotUse[]> {
  const db = app.get(DataSource);
  const capacity = app.get(BookingCapacity);
  const site = await db.getRepository(Site).findOneByOrFail({ id: siteId });
  const service = await db.getRepository(Service).findOneByOrFail({ id: serviceId });
  const day = capacity.day(await capacity.site(site), service, date, (await capacity.days([serviceId], date, date)).get(`${serviceId} ${date}`));
  const since = new Date(now.getTime() - bookingSettings(site.settings).rebookDelayMinutes * 60_000);
  // One query for the whole day: a check after every step of a property run stays cheap.
  const rows: { active: number; holds: number }[] = await db.query(
    `SELECT
       (SELECT count(*) FROM appointment a WHERE a.service_id = $1 AND a.starts_at < s.ends_at AND a.ends_at > s.starts_at
          AND a.status IN ('booked', 'checked-in', 'served'))::int AS active,
       (SELECT count(*) FROM appointment a WHERE a.service_id = $1 AND a.starts_at < s.ends_at AND a.ends_at > s.starts_at
          AND a.status = 'cancelled' AND a.cancel_reason IS DISTINCT FROM 'closure' AND a.cancelled_at > $4)::int
       + (SELECT count(*) FROM appointment_release r WHERE r.service_id = $1 AND r.starts_at < s.ends_at AND r.ends_at > s.starts_at AND r.released_at > $4)::int AS holds
     FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS s(starts_at, ends_at, n) ORDER BY s.n`,
    [serviceId, day.slots.map((x) => new Date(x.startsAt).toISOString()), day.slots.map((x) => new Date(x.endsAt).toISOString()), since],
  );
  return day.slots.map((slot, i) => ({ startsAt: new Date(slot.startsAt).toISOString(), capacity: slot.capacity, active: rows[i].active, held: rows[i].active + rows[i].holds }));
}

/** The slots holding more than their capacity (or a negative capacity): always none. */
export async function overbooked(app: INestApplication, siteId: string, serviceId: string, date: string, now: Date): Promise<SlotUse[]> {
  return (await slotUse(app, siteId, serviceId, date, now)).filter((s) => s.capacity < 0 || s.active > s.capacity || s.held > s.capacity);
}
