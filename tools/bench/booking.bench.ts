/**
 * Issue 19's booking figures, on the large site of booking-site.ts (20,000
 * bookings, shared counters, the Erlang-computed share):
 *  - booking-slots: a citizen's booking page asking for one service's free
 *    times over 62 days (GET /public/sites/:slug/appointment-slots), one
 *    request after another, the services in turn; p50/p95/p99 (target p95 < 50 ms).
 *  - booking-rush: 50 citizens at once on the last free times of a day: each
 *    reads the day's free times, books one at random, and on 409 slot_taken
 *    reads again and tries another, until the day is full; a day per round
 *    (Monday–Thursday, MitID at a supervisor's day share of 0.8).
 *    Bookings per second, latency, and after each round a count in SQL that
 *    no slot holds more bookings than its capacity.
 * Both share one seeded site; the apps run in-process unless BENCH_TOPOLOGY=processes.
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { Temporal } from 'temporal-polyfill';
import { BookingCapacity, SystemClock, WalkInForecast } from '@skranke/core';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { Service, Site } from '../../libs/persistence/src';
import { BenchDatabase } from './bench-db';
import { BenchTarget, startBenchTarget } from './bench-system';
import { BookingSite, nextWeekday, seedBookingSite, siteToday } from './booking-site';
import { startProfile } from './cpu-profile';
import { HotClient } from './hot-client';
import { percentile, progress, round, summarise } from './stats';

const SLOT_REQUESTS = Number(process.env.BENCH_BOOKING_SLOT_REQUESTS ?? 300);
const SLOT_WARM_UP = 30;
const RUSH_CLIENTS = 50;
const RUSH_DAYS = Number(process.env.BENCH_BOOKING_RUSH_DAYS ?? 4);
/** The share the supervisor sets for the rush service on the rush days (the computed one leaves it ~30 times a day). */
const RUSH_SHARE = 0.8;
/** The service the rush books: MitID, ten-minute times, the most of any service in a day. */
const RUSH_SERVICE = 'mitid';

interface Shared {
  sys: BenchTarget;
  pg: Client;
  site: BookingSite;
  rushDates: string[];
}

let shared: Promise<Shared> | undefined;

/** The rush's days: Monday to Thursday of the week after next, and on (filled once, lightly, by the seeding). */
function rushDates(): string[] {
  const monday = nextWeekday(siteToday().add({ days: 8 }), 1);
  return Array.from({ length: RUSH_DAYS }, (_, i) => monday.add({ days: (i % 4) + Math.floor(i / 4) * 7 }).toString());
}

function setup(db: BenchDatabase): Promise<Shared> {
  shared ??= (async () => {
    const sys = await startBenchTarget(db.url);
    const pg = new Client({ connectionString: db.url, application_name: 'skranke-bench-booking' });
    try {
      await pg.connect();
      const t0 = Date.now();
      const dates = rushDates();
      const site = await seedBookingSite(sys, pg, { rush: { service: RUSH_SERVICE, dates, share: RUSH_SHARE } });
      progress(`booking: site seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(site.bookings)}`);
      return { sys, pg, site, rushDates: dates };
    } catch (e) {
      await pg.end().catch(() => undefined);
      await sys.stop();
      throw e;
    }
  })();
  return shared;
}

export async function stop(): Promise<void> {
  const s = await shared?.catch(() => undefined);
  shared = undefined;
  if (!s) return;
  await s.pg.end().catch(() => undefined);
  await s.sys.stop();
}

export async function slots(db: BenchDatabase): Promise<Record<string, unknown>> {
  const { sys, site, pg } = await setup(db);
  const web = new HotClient(sys.ticketing.baseUrl, '', 1);
  try {
    const url = (serviceId: string) => `/public/sites/${site.slug}/appointment-slots?serviceId=${serviceId}&from=${site.from}&to=${site.to}`;
    const ask = async (i: number) => {
      const s = site.services[i % site.services.length];
      const t0 = performance.now();
      const res = await web.get(url(s.id));
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`appointment-slots ${res.status}: ${JSON.stringify(res.body)}`);
      return { ms, service: s.code, slots: (res.body.days as { slots: unknown[] }[]).reduce((n, d) => n + d.slots.length, 0), days: res.body.days.length };
    };
    progress(`booking-slots: ${SLOT_WARM_UP} warm-up requests, then ${SLOT_REQUESTS} timed, one after another`);
    for (let i = 0; i < SLOT_WARM_UP; i++) await ask(i);
    const profiler = await startProfile();
    const samples: Awaited<ReturnType<typeof ask>>[] = [];
    // CPU time of the whole process (apps and this client) per request: steadier than latency on a shared machine.
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < SLOT_REQUESTS; i++) samples.push(await ask(i));
    const cpu = process.cpuUsage(cpu0);
    await profiler?.stop('booking-slots');
    const all = samples.map((s) => s.ms).sort((a, b) => a - b);
    const p95 = round(percentile(all, 95));
    const perService = Object.fromEntries(
      site.services.map((s) => {
        const mine = samples.filter((x) => x.service === s.code);
        const ms = mine.map((x) => x.ms).sort((a, b) => a - b);
        return [s.code, { minutes: s.minutes, freeTimesListed: mine[0]?.slots, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)) }];
      }),
    );
    const [{ n: inRange }] = (await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM appointment WHERE site_id = $1 AND status = 'booked' AND starts_at >= now()`, [site.siteId],
    )).rows;
    const sum = summarise(all);
    return {
      topology: sys.topology,
      request: `GET /api/v1/public/sites/:slug/appointment-slots?serviceId=&from=${site.from}&to=${site.to} (62 days)`,
      site: { bookings: site.bookings, activeFutureBookings: inRange, services: site.services.length, counters: 15 },
      requests: all.length,
      load: 'one client, each request sent when the last is answered, the five bookable services in turn',
      latencyMs: { p50: sum.p50, p95, p99: sum.p99, max: sum.max, mean: sum.mean },
      processCpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / all.length),
      perService,
      targetP95Ms: 50,
      meetsTarget: p95 < 50,
    };
  } finally {
    web.close();
  }
}

export async function rush(db: BenchDatabase): Promise<Record<string, unknown>> {
  const { sys, site, pg, rushDates: dates } = await setup(db);
  const service = site.services.find((s) => s.code === RUSH_SERVICE)!;
  const clients = Array.from({ length: RUSH_CLIENTS }, () => new HotClient(sys.ticketing.baseUrl, '', 1));
  const ds = createDataSource(db.url, { poolSize: 2, name: 'skranke-bench-booking-capacity' });
  await ds.initialize();
  try {
    const capacity = new BookingCapacity(ds, new WalkInForecast(ds, new SystemClock()));
    const siteRow = await ds.getRepository(Site).findOneByOrFail({ id: site.siteId });
    const serviceRow = await ds.getRepository(Service).findOneByOrFail({ id: service.id });
    const bookLatency: number[] = [];
    const bookedLatency: number[] = [];
    const readLatency: number[] = [];
    const rounds: Record<string, unknown>[] = [];
    let booked = 0;
    let taken = 0;
    let seconds = 0;
    const unexpected: Record<string, number> = {};
    // Untimed: the booking path compiled and the connections open, on the longest service (a day the rush does not use).
    await rushDay(clients.slice(0, 10), site, site.services.find((s) => s.code === 'pension')!.id, nextWeekday(siteToday().add({ days: 3 }), 4).toString(), 'warm', {
      book: [], booked: [], read: [], unexpected: {},
    });
    const profiler = await startProfile();
    for (const [r, date] of dates.entries()) {
      const before = await bookedOn(pg, service.id, date, siteRow.timezone);
      const acc = { book: bookLatency, booked: bookedLatency, read: readLatency, unexpected };
      const t0 = performance.now();
      const got = await rushDay(clients, site, service.id, date, `r${r}`, acc);
      const ms = performance.now() - t0;
      seconds += ms / 1000;
      booked += got.booked;
      taken += got.taken;
      // Every slot of the day against its capacity, counted in SQL.
      const ctx = await capacity.site(siteRow);
      const day = capacity.day(ctx, serviceRow, date, (await capacity.days([service.id], date, date)).get(`${service.id} ${date}`));
      const { rows } = await pg.query<{ over: number; full: number; slots: number; held: number }>(
        `SELECT count(*) FILTER (WHERE used > cap)::int AS over, count(*) FILTER (WHERE used = cap)::int AS full, count(*)::int AS slots, sum(used)::int AS held
         FROM (SELECT s.cap, (SELECT count(*) FROM appointment a WHERE a.service_id = $4 AND a.starts_at < s.b AND a.ends_at > s.a
                                AND a.status IN ('booked', 'checked-in', 'served')) AS used
               FROM unnest($1::timestamptz[], $2::timestamptz[], $3::int[]) AS s(a, b, cap) WHERE s.cap > 0) x`,
        [day.slots.map((s) => new Date(s.startsAt)), day.slots.map((s) => new Date(s.endsAt)), day.slots.map((s) => s.capacity), service.id],
      );
      const check = rows[0];
      const capacityTotal = day.slots.reduce((n, s) => n + Math.max(0, s.capacity), 0);
      rounds.push({
        date, bookedBefore: before, booked: got.booked, slotTaken: got.taken, seconds: round(ms / 1000, 2),
        capacity: capacityTotal, held: check.held, slotsOverCapacity: check.over, slotsFull: `${check.full}/${check.slots}`,
      });
      progress(`booking-rush: ${date}: ${got.booked} booked, ${got.taken} × 409 in ${(ms / 1000).toFixed(2)} s; over capacity: ${check.over}; full ${check.full}/${check.slots}`);
      if (check.over > 0) throw new Error(`${check.over} slots over capacity on ${date}`);
    }
    await profiler?.stop('booking-rush');
    const book = summarise(bookLatency);
    const ok = summarise(bookedLatency);
    const read = summarise(readLatency);
    return {
      topology: sys.topology,
      clients: RUSH_CLIENTS,
      service: `${RUSH_SERVICE} (${service.minutes}-minute times; the supervisor's share ${RUSH_SHARE} those days)`,
      load: 'closed loop per client: GET the day\'s free times, POST one at random (own Idempotency-Key), on 409 slot_taken read again; until the day lists no free time',
      days: rounds.length,
      bookings: booked,
      slotTaken409: taken,
      unexpected,
      bookingsPerSecond: round(booked / seconds, 1),
      bookRequestMs: { n: book.n, p50: book.p50, p99: book.p99, max: book.max },
      bookRequest201Ms: { p50: ok.p50, p99: ok.p99 },
      freeTimesReadMs: { n: read.n, p50: read.p50, p99: read.p99 },
      slotsOverCapacity: rounds.reduce((n, r) => n + (r.slotsOverCapacity as number), 0),
      rounds,
    };
  } finally {
    for (const c of clients) c.close();
    await ds.destroy();
  }
}

async function bookedOn(pg: Client, serviceId: string, date: string, tz: string): Promise<number> {
  const start = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: tz });
  const { rows } = await pg.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appointment WHERE service_id = $1 AND starts_at >= $2 AND starts_at < $3 AND status = 'booked'`,
    [serviceId, new Date(start.epochMilliseconds), new Date(start.add({ days: 1 }).epochMilliseconds)],
  );
  return rows[0].n;
}

/** Citizens booking one day until it lists no free time. */
async function rushDay(
  clients: HotClient[], site: BookingSite, serviceId: string, date: string, tag: string,
  acc: { book: number[]; booked: number[]; read: number[]; unexpected: Record<string, number> },
): Promise<{ booked: number; taken: number }> {
  let booked = 0;
  let taken = 0;
  const url = `/public/sites/${site.slug}/appointment-slots?serviceId=${serviceId}&from=${date}&to=${date}`;
  await Promise.all(
    clients.map(async (client, k) => {
      for (let i = 0; i < 10_000; i++) {
        const t0 = performance.now();
        const list = await client.get(url);
        acc.read.push(performance.now() - t0);
        if (list.status !== 200) throw new Error(`free times ${list.status}: ${JSON.stringify(list.body)}`);
        const free: { startsAt: string }[] = list.body.days[0]?.slots ?? [];
        if (!free.length) return;
        const pick = free[Math.floor(Math.random() * free.length)];
        const t1 = performance.now();
        const res = await client.post(`/public/sites/${site.slug}/appointments`, { serviceId, startsAt: pick.startsAt, language: 'da' }, { 'Idempotency-Key': `rush-${tag}-${k}-${i}` });
        const ms = performance.now() - t1;
        acc.book.push(ms);
        if (res.status === 201) {
          booked++;
          acc.booked.push(ms);
        } else if (res.status === 409 && res.body?.error?.code === 'slot_taken') taken++;
        else {
          const code = `${res.status} ${res.body?.error?.code ?? ''}`.trim();
          acc.unexpected[code] = (acc.unexpected[code] ?? 0) + 1;
          if (acc.unexpected[code] > 20) throw new Error(`booking answered ${code}: ${JSON.stringify(res.body)}`);
        }
      }
    }),
  );
  return { booked, taken };
}
