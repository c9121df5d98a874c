/**
 * The booking benches' site (issue 19): a large Borgerservice centre as a
 * municipality runs it. Mon–Wed 08–16, Thu 08–18, Fri 08–13; fourteen counters
 * and a four-seat medbetjening station, each serving two or three of six
 * services (so services share counters); two counters take a lunch break; one
 * dated exception. The booking share is computed (Erlang C) from four weeks of
 * walk-in history inserted in SQL. 20,000 bookings in all: the next 62 days
 * booked nearly full, placed on free times the API lists (so no slot is ever
 * over its capacity) and written in SQL in batches, a tenth as many since
 * cancelled, and the rest the last months' history (served, no-show,
 * cancelled), inserted in SQL.
 */
import { Client } from 'pg';
import { Temporal } from 'temporal-polyfill';
import { expectStatus } from '../../test/support/http';
import { login } from '../../test/support/fixtures';
import { ADMIN, TestSystem } from '../../test/support/system';
import { progress } from './stats';

export const TIMEZONE = 'Europe/Copenhagen';
export const RANGE_DAYS = 62;
export const TOTAL_BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 20_000);

const OPENING = {
  weekly: {
    mon: [{ opens: '08:00', closes: '16:00' }],
    tue: [{ opens: '08:00', closes: '16:00' }],
    wed: [{ opens: '08:00', closes: '16:00' }],
    thu: [{ opens: '08:00', closes: '18:00' }],
    fri: [{ opens: '08:00', closes: '13:00' }],
  },
};

/** Six services: code, name, booking length (null: not bookable), walk-ins per open hour. */
const SERVICES = [
  { code: 'pas', en: 'Passport', minutes: 15, walkIns: 6 },
  { code: 'koerekort', en: 'Driving licence', minutes: 20, walkIns: 4 },
  { code: 'mitid', en: 'MitID', minutes: 10, walkIns: 8 },
  { code: 'flytning', en: 'Moving', minutes: 15, walkIns: 3 },
  { code: 'pension', en: 'Pension and housing benefit', minutes: 40, walkIns: 2 },
  { code: 'udlevering', en: 'Pickup', minutes: null, walkIns: 10 },
] as const;

/** Which services each counter serves (indices into SERVICES): shared, as real service profiles are. */
const COUNTER_PROFILES: { services: number[]; seats?: number; lunch?: boolean }[] = [
  { services: [0, 1] }, { services: [0, 1] }, { services: [0, 1] }, { services: [0, 1, 5] },
  { services: [0, 1, 2] }, { services: [0, 1, 2] }, { services: [0, 2, 5] }, { services: [0, 2, 5] },
  { services: [2, 3] }, { services: [2, 3] }, { services: [2, 3, 5] },
  { services: [4, 3], lunch: true }, { services: [4, 3], lunch: true }, { services: [4] },
  { services: [2, 3], seats: 4 }, // the medbetjening station
];

export interface BookingSite {
  siteId: string;
  slug: string;
  adminToken: string;
  /** The bookable services: id and length. */
  services: { id: string; code: string; minutes: number }[];
  /** The site's dates of the 62 days measured: today and the next 61. */
  from: string;
  to: string;
  bookings: { total: number; future: number; past: number; cancelledFuture: number };
}

export const siteToday = () => Temporal.Now.plainDateISO(TIMEZONE);

export async function seedBookingSite(sys: TestSystem, pg: Client, opts: { rush?: { service: string; dates: string[]; share: number } } = {}): Promise<BookingSite> {
  const adminToken = await login(sys.triage, ADMIN.username, ADMIN.password);
  const admin = sys.triage.as(adminToken);
  const slug = `booking-bench-${process.pid}`;
  const site = await admin.post('/sites', { slug, name: 'Borgerservice (bench)', timezone: TIMEZONE, openingHours: OPENING });
  expectStatus(site, 201);
  const siteId: string = site.body.id;
  const serviceIds: string[] = [];
  for (const [i, s] of SERVICES.entries()) {
    const res = await admin.post(`/sites/${siteId}/services`, {
      code: s.code, prefix: 'PKMFSU'[i], names: { da: s.en, en: s.en, de: s.en }, targetWaitMinutes: 15, serviceLevelPercent: 80,
    });
    expectStatus(res, 201);
    serviceIds.push(res.body.id);
    if (s.minutes !== null) {
      expectStatus(await admin.patch(`/sites/${siteId}/services/${res.body.id}`, { bookable: true, appointmentMinutes: s.minutes, minNoticeMinutes: 60, maxDaysAhead: 90 }), 200);
    }
  }
  const counterIds: string[] = [];
  for (const [i, c] of COUNTER_PROFILES.entries()) {
    const res = await admin.post(`/sites/${siteId}/counters`, {
      name: c.seats ? 'Medbetjening' : `Skranke ${i + 1}`,
      kind: c.seats ? 'assisted-self-service' : 'counter',
      ...(c.seats ? { seats: c.seats } : {}),
      serviceIds: c.services.map((k) => serviceIds[k]),
    });
    expectStatus(res, 201);
    counterIds.push(res.body.id);
  }
  // Every counter planned through the opening hours; two take a lunch break; Fridays only ten counters.
  const day = (closes: string, counters = counterIds.length) =>
    counterIds.slice(0, counters).flatMap((counterId, i) =>
      COUNTER_PROFILES[i].lunch
        ? [{ counterId, opens: '08:00', closes: '11:30' }, { counterId, opens: '12:00', closes }]
        : [{ counterId, opens: '08:00', closes }],
    );
  const today = siteToday();
  const exceptionDate = nextWeekday(today.add({ days: 20 }), 3).toString(); // a Wednesday with a staff meeting: opens at 09:00
  const plan = {
    weekly: { mon: day('16:00'), tue: day('16:00'), wed: day('16:00'), thu: day('18:00'), fri: day('13:00', 10) },
    exceptions: [{ date: exceptionDate, entries: day('16:00').map((e) => ({ ...e, opens: e.opens === '08:00' ? '09:00' : e.opens })) }],
  };
  expectStatus(await admin.put(`/sites/${siteId}/counter-plan`, plan), 200);

  // The rush's days: a supervisor gives booked times of that service a larger share those days (a MitID day).
  const rush = opts.rush;
  const rushId = rush ? serviceIds[SERVICES.findIndex((s) => s.code === rush.service)] : undefined;
  for (const date of rush?.dates ?? []) expectStatus(await admin.put(`/sites/${siteId}/services/${rushId}/booking-share`, { share: rush!.share, date }), 200);
  await insertWalkInHistory(pg, siteId, serviceIds, counterIds);
  const bookable = SERVICES.flatMap((s, i) => (s.minutes === null ? [] : [{ id: serviceIds[i], code: s.code, minutes: s.minutes }]));
  const from = today.toString();
  const to = today.add({ days: RANGE_DAYS - 1 }).toString();
  const { future, cancelled } = await fillFuture(sys, pg, { siteId, slug, services: bookable, from, to, skipDates: new Set(rush?.dates ?? []), target: TOTAL_BOOKINGS });
  const past = await insertPastBookings(pg, siteId, bookable, TOTAL_BOOKINGS - future - cancelled);
  await pg.query('ANALYZE appointment; ANALYZE ticket; ANALYZE appointment_day');
  return { siteId, slug, adminToken, services: bookable, from, to, bookings: { total: past + future + cancelled, future, past, cancelledFuture: cancelled } };
}

/** The first date on or after `d` that is ISO weekday `dow` (1 = Monday). */
export function nextWeekday(d: Temporal.PlainDate, dow: number): Temporal.PlainDate {
  return d.add({ days: (dow - d.dayOfWeek + 7) % 7 });
}

/**
 * Four weeks of finished walk-in tickets, weekdays in opening hours, at each
 * service's hourly rate (busier before noon): what the Erlang share is computed from.
 */
async function insertWalkInHistory(pg: Client, siteId: string, serviceIds: string[], counterIds: string[]): Promise<void> {
  const rates = SERVICES.map((s) => s.walkIns);
  const minutes = SERVICES.map((s) => s.minutes ?? 5);
  const { rowCount } = await pg.query(
    `WITH hours AS (
       SELECT d::date AS business_date, h, s.ord AS k, s.service_id, s.rate, s.minutes
       FROM generate_series((now() AT TIME ZONE $2)::date - 28, (now() AT TIME ZONE $2)::date - 1, interval '1 day') d,
            generate_series(8, 15) h,
            unnest($3::uuid[], $4::int[], $5::int[]) WITH ORDINALITY AS s(service_id, rate, minutes, ord)
       WHERE extract(isodow FROM d) BETWEEN 1 AND 5 AND NOT (extract(isodow FROM d) = 5 AND h >= 13)
     ), arrivals AS (
       SELECT hours.*, n, ((business_date + make_time(h, 0, 0)) AT TIME ZONE $2) + random() * interval '1 hour' AS issued_at
       FROM hours, generate_series(1, greatest(1, round(rate * (CASE WHEN h < 12 THEN 1.3 ELSE 0.7 END) * (0.7 + random() * 0.6))::int)) n
     ), numbered AS (
       SELECT arrivals.*, row_number() OVER (PARTITION BY service_id, business_date ORDER BY issued_at) AS seq FROM arrivals
     )
     INSERT INTO ticket (site_id, service_id, issued_service_id, business_date, sequence, number, status, channel, issued_at, ordered_at,
                         called_at, started_at, ended_at, end_reason, counter_id, seat, tracking_token)
     SELECT $1, service_id, service_id, business_date, seq, substr('PKMFSU', k::int, 1) || seq, 'finished', 'kiosk', issued_at, issued_at,
            issued_at + random() * interval '20 minutes', issued_at + random() * interval '20 minutes',
            issued_at + interval '20 minutes' + minutes * (0.5 + random()) * interval '1 minute', 'finished',
            ($6::uuid[])[1 + (seq % $7)::int], 1, md5(random()::text || seq || service_id)
     FROM numbered`,
    [siteId, TIMEZONE, serviceIds, rates, minutes, counterIds, counterIds.length],
  );
  progress(`booking: ${rowCount} walk-in tickets of the last four weeks`);
}

/** Bookings of the last 180 days: served, no-shows and cancellations, on each service's grid. */
async function insertPastBookings(pg: Client, siteId: string, services: BookingSite['services'], count: number): Promise<number> {
  const { rowCount } = await pg.query(
    `WITH drawn AS (
       SELECT n, 1 + floor(random() * cardinality($4::uuid[]))::int AS i FROM generate_series(1, $3::int) n
     ), picks AS (
       SELECT n, ($4::uuid[])[i] AS service_id, ($5::int[])[i] AS minutes,
              ((now() AT TIME ZONE $2)::date - 1 - floor(random() * 180)::int) AS d,
              floor(random() * (420 / ($5::int[])[i])) * ($5::int[])[i] AS off,
              random() AS r
       FROM drawn
     )
     INSERT INTO appointment (site_id, service_id, starts_at, ends_at, booking_code, manage_token, status, booked_by, cancelled_at, cancel_reason, ended_at, created_at, language)
     SELECT $1, service_id, t, t + minutes * interval '1 minute', '0' || lpad(to_hex(n), 5, '0'), md5(random()::text) || md5(n::text),
            CASE WHEN r < 0.8 THEN 'served' WHEN r < 0.88 THEN 'no-show' ELSE 'cancelled' END,
            CASE WHEN r < 0.5 THEN 'public' WHEN r < 0.8 THEN 'staff' ELSE 'kiosk' END,
            CASE WHEN r >= 0.88 THEN t - interval '2 days' END, CASE WHEN r >= 0.88 THEN 'citizen' END,
            CASE WHEN r < 0.88 THEN t + minutes * interval '1 minute' END, t - interval '10 days', 'da'
     FROM picks, LATERAL (SELECT ((d + time '08:00') AT TIME ZONE $2) + off * interval '1 minute' AS t) x`,
    [siteId, TIMEZONE, Math.max(0, count), services.map((s) => s.id), services.map((s) => s.minutes)],
  );
  progress(`booking: ${rowCount} past bookings`);
  return rowCount ?? 0;
}

/**
 * Books the next 62 days up as citizens would, in rounds: each round lists
 * every service's free times over the 62 days through the API and takes each
 * with a chance, one booking per time (a slot listed has room for at least one,
 * so nothing is ever overbooked), for eight rounds or until `target` bookings. The dates
 * of `skipDates` (the rush bench's) is filled only once, at a low chance. A tenth
 * as many again are bookings since cancelled by the citizen (they hold nothing).
 */
async function fillFuture(
  sys: TestSystem,
  pg: Client,
  o: { siteId: string; slug: string; services: BookingSite['services']; from: string; to: string; skipDates: ReadonlySet<string>; target: number },
): Promise<{ future: number; cancelled: number }> {
  // A tenth of the target stays for cancellations; the rest may be taken by active bookings.
  const activeTarget = Math.round(o.target / 1.1);
  let future = 0;
  let code = 0;
  for (let round = 0; round < 8 && future < activeTarget; round++) {
    const starts: string[] = [];
    const ends: string[] = [];
    const ids: string[] = [];
    for (const s of o.services) {
      const res = await sys.ticketing.get(`/public/sites/${o.slug}/appointment-slots?serviceId=${s.id}&from=${o.from}&to=${o.to}`);
      expectStatus(res, 200);
      for (const d of res.body.days as { date: string; slots: { startsAt: string; endsAt: string }[] }[]) {
        const rushDay = o.skipDates.has(d.date);
        if (rushDay && round > 0) continue;
        const chance = rushDay ? 0.4 : 0.6;
        for (const slot of d.slots) {
          if (Math.random() >= chance) continue;
          starts.push(slot.startsAt);
          ends.push(slot.endsAt);
          ids.push(s.id);
        }
      }
    }
    const take = Math.min(ids.length, activeTarget - future);
    if (take <= 0) break;
    // A random subset when the round offers more than the target still needs.
    const order = ids.map((_, i) => i).sort(() => Math.random() - 0.5).slice(0, take);
    await insertBookings(pg, o.siteId, order.map((i) => ids[i]), order.map((i) => starts[i]), order.map((i) => ends[i]), code, 'booked');
    code += take;
    future += take;
    progress(`booking: fill round ${round + 1}: ${take} bookings (${future} of ${activeTarget})`);
  }
  // Cancelled by the citizen days ago (one for every ten active): rows the slot query reads past, as in a real table.
  const cancelled = Math.round(future / 10);
  const { rows } = await pg.query<{ service_id: string; starts_at: Date; ends_at: Date }>(
    `SELECT service_id, starts_at, ends_at FROM appointment WHERE site_id = $1 AND status = 'booked' ORDER BY random() LIMIT $2`,
    [o.siteId, cancelled],
  );
  const repeat = (i: number) => rows[i % rows.length];
  const n = rows.length ? cancelled : 0;
  await insertBookings(
    pg, o.siteId,
    Array.from({ length: n }, (_, i) => repeat(i).service_id),
    Array.from({ length: n }, (_, i) => repeat(i).starts_at.toISOString()),
    Array.from({ length: n }, (_, i) => repeat(i).ends_at.toISOString()),
    code, 'cancelled',
  );
  progress(`booking: ${n} future bookings since cancelled`);
  return { future, cancelled: n };
}

async function insertBookings(pg: Client, siteId: string, serviceIds: string[], starts: string[], ends: string[], firstCode: number, status: 'booked' | 'cancelled'): Promise<void> {
  for (let i = 0; i < serviceIds.length; i += 5000) {
    const slice = (a: string[]) => a.slice(i, i + 5000);
    await pg.query(
      `INSERT INTO appointment (site_id, service_id, starts_at, ends_at, booking_code, manage_token, status, booked_by, phone, cancelled_at, cancel_reason, created_at, language)
       SELECT $1, s, a, b, '1' || lpad(to_hex($5::int + n::int), 5, '0'), md5(random()::text) || md5(n::text || $5), $6,
              (ARRAY['public', 'public', 'public', 'staff', 'kiosk'])[1 + (n % 5)::int],
              CASE WHEN n % 3 = 0 THEN '+45 2' || lpad((n % 10000000)::text, 7, '0') END,
              CASE WHEN $6 = 'cancelled' THEN now() - interval '2 days' END, CASE WHEN $6 = 'cancelled' THEN 'citizen' END,
              now() - interval '3 days', 'da'
       FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS u(s, a, b, n)`,
      [siteId, slice(serviceIds), slice(starts), slice(ends), firstCode + i, status],
    );
  }
}
